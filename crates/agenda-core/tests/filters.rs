//! Every filter facet, alone and combined, on a small fixture seen on 2026-11-29.
//!
//! The fixture (today = 2026-11-29, milestones in chronological order):
//!
//! | id           | themes              | carriers     | nature         | concerned          | milestones                                | status   |
//! |--------------|---------------------|--------------|----------------|--------------------|-------------------------------------------|----------|
//! | `sve-urba`   | urbanisme           | dinum        | obligation     | commune, epci      | 2022-01-01, 2022-07                       | past     |
//! | `periode`    | etat-civil          | interieur    | information    | epci               | 2023 → 2027 (a period)                    | ongoing  |
//! | `m57`        | finances            | dgfip        | obligation     | commune            | 2024-01-01, 2027-05-29 (today + 6 months) | ongoing  |
//! | `arret`      | finances, urbanisme | dgfip, dinum | end_of_service | departement, other | 2026-11-29 (today), 2027-05-30            | ongoing  |
//! | `fonds`      | urbanisme           | anct         | opportunity    | commune            | 2026-12-15, 2028                          | upcoming |
//! | `equipement` | etat-civil          | dinum        | opportunity    | region             | 2027-T2, 2027-12                          | upcoming |

mod common;

use std::collections::BTreeSet;

use agenda_core::index::Selection;
use agenda_core::sorted_set::SortedSet;
use agenda_core::{
    load, AuthorityKind, Dataset, Filter, Index, Nature, Period, PeriodPreset, Status, YearMonth,
};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    themes: &'a [&'a str],
    carriers: &'a [&'a str],
    nature: &'a str,
    kinds: &'a [&'a str],
    /// (milestone id, label, date, end)
    milestones: &'a [(&'a str, &'a str, &'a str, Option<&'a str>)],
}

fn entry(e: Entry<'_>) -> Value {
    let mut c = common::chantier(e.id, "2024-01-01");
    c["title"] = json!(e.title);
    c["summary"] = json!(e.summary);
    c["themes"] = json!(e.themes);
    c["carriers"] = json!(e.carriers);
    c["nature"] = json!(e.nature);
    c["concerned"] = json!({
        "rules": e.kinds.iter().map(|k| json!({"kind": k})).collect::<Vec<_>>()
    });
    c["milestones"] = e
        .milestones
        .iter()
        .map(|(id, label, date, end)| {
            let mut m = json!({"id": id, "label": label, "date": date});
            if let Some(end) = end {
                m["end"] = json!(end);
            }
            m
        })
        .collect();
    c
}

/// The fixture of the module documentation, loaded and checked to be valid.
fn fixture() -> Dataset {
    let chantiers = vec![
        entry(Entry {
            id: "m57",
            title: "Nomenclature budgétaire M57",
            summary: "Un référentiel comptable unique.",
            themes: &["finances"],
            carriers: &["dgfip"],
            nature: "obligation",
            kinds: &["commune"],
            milestones: &[
                ("droit-option", "Droit d'option", "2024-01-01", None),
                ("generalisation", "Généralisation", "2027-05-29", None),
            ],
        }),
        entry(Entry {
            id: "sve-urba",
            title: "Démat.ADS",
            summary: "Dépôt en ligne des autorisations d'urbanisme.",
            themes: &["urbanisme"],
            carriers: &["dinum"],
            nature: "obligation",
            kinds: &["commune", "epci"],
            milestones: &[
                (
                    "saisine",
                    "Saisine par voie électronique",
                    "2022-01-01",
                    None,
                ),
                ("bilan", "Bilan", "2022-07", None),
            ],
        }),
        entry(Entry {
            id: "equipement",
            title: "Équipement numérique",
            summary: "Un programme pour l'École numérique.",
            themes: &["etat-civil"],
            carriers: &["dinum"],
            nature: "opportunity",
            kinds: &["region"],
            milestones: &[
                ("appel", "Appel à projets", "2027-T2", None),
                ("cloture", "Clôture", "2027-12", None),
            ],
        }),
        entry(Entry {
            id: "arret",
            title: "Arrêt d'un service",
            summary: "Un service historique ferme.",
            themes: &["finances", "urbanisme"],
            carriers: &["dgfip", "dinum"],
            nature: "end_of_service",
            kinds: &["departement", "other"],
            milestones: &[
                ("annonce", "Annonce", "2026-11-29", None),
                ("extinction", "Extinction", "2027-05-30", None),
            ],
        }),
        entry(Entry {
            id: "periode",
            title: "Période transitoire",
            summary: "Un régime transitoire de plusieurs années.",
            themes: &["etat-civil"],
            carriers: &["interieur"],
            nature: "information",
            kinds: &["epci"],
            milestones: &[("transition", "Transition", "2023", Some("2027"))],
        }),
        entry(Entry {
            id: "fonds",
            title: "Fonds d'appui",
            summary: "Une aide au financement.",
            themes: &["urbanisme"],
            carriers: &["anct"],
            nature: "opportunity",
            kinds: &["commune"],
            milestones: &[
                (
                    "ouverture",
                    "Ouverture des candidatures",
                    "2026-12-15",
                    None,
                ),
                ("fin", "Fin", "2028", None),
            ],
        }),
    ];
    let mut value = common::dataset(chantiers);
    let carriers = value["carriers"].as_array_mut().unwrap();
    carriers.push(json!({"code": "interieur", "label": "Ministère de l'Intérieur"}));
    carriers.push(json!({
        "code": "anct",
        "label": "ANCT",
        "name": "Agence nationale de la cohésion des territoires"
    }));
    let loaded = load(&common::bytes(&value)).expect("the fixture loads");
    assert_eq!(loaded.problems, vec![], "the fixture must be valid");
    assert_eq!(loaded.dataset.chantiers.len(), 6);
    loaded.dataset
}

/// Ids of the selected chantiers, in the selection's order.
fn chantier_ids(dataset: &Dataset, selection: &Selection) -> Vec<String> {
    selection
        .chantiers
        .iter()
        .map(|&i| dataset.chantiers[i].id.clone())
        .collect()
}

/// "chantier/milestone" of the selected milestones, in the selection's order.
fn milestone_ids(dataset: &Dataset, selection: &Selection) -> Vec<String> {
    selection
        .milestones
        .iter()
        .map(|r| {
            let c = &dataset.chantiers[r.chantier];
            format!("{}/{}", c.id, c.milestones[r.milestone].id)
        })
        .collect()
}

fn select(filter: &Filter) -> (Vec<String>, Vec<String>, String) {
    let dataset = fixture();
    let index = Index::new(&dataset, today());
    let selection = index.select(&dataset, filter);
    (
        chantier_ids(&dataset, &selection),
        milestone_ids(&dataset, &selection),
        selection.count_fr(),
    )
}

/// Checks the chantiers selected by each `(description, filter, expected ids)`.
fn check_chantiers(cases: Vec<(&str, Filter, &[&str])>) {
    for (what, filter, expected) in cases {
        let (ids, _, _) = select(&filter);
        assert_eq!(ids, expected, "{what}: selected chantiers for {filter:?}");
    }
}

fn set<T: Ord + Clone>(items: &[T]) -> SortedSet<T> {
    items.iter().cloned().collect()
}

fn codes(items: &[&str]) -> SortedSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn months(from: Option<&str>, to: Option<&str>) -> Period {
    let ym = |s: &str| s.parse::<YearMonth>().expect("a valid month");
    Period::Months {
        from: from.map(ym),
        to: to.map(ym),
    }
}

/// Every chantier, ordered by first milestone.
const ALL: &[&str] = &["sve-urba", "periode", "m57", "arret", "fonds", "equipement"];

#[test]
fn no_filter_selects_everything_in_chronological_order() {
    let (ids, milestones, count) = select(&Filter::default());
    assert_eq!(ids, ALL);
    assert_eq!(
        milestones,
        [
            "sve-urba/saisine",
            "sve-urba/bilan",
            "periode/transition",
            "m57/droit-option",
            "arret/annonce",
            "fonds/ouverture",
            "equipement/appel",
            "m57/generalisation",
            "arret/extinction",
            "equipement/cloture",
            "fonds/fin",
        ]
    );
    assert_eq!(count, "6 chantiers, 11 jalons");
}

#[test]
fn themes_select_any_of_the_chosen_themes() {
    let theme = |codes_: &[&str]| Filter {
        themes: codes(codes_),
        ..Filter::default()
    };
    check_chantiers(vec![
        ("finances", theme(&["finances"]), &["m57", "arret"]),
        (
            "urbanisme",
            theme(&["urbanisme"]),
            &["sve-urba", "arret", "fonds"],
        ),
        (
            "etat-civil",
            theme(&["etat-civil"]),
            &["periode", "equipement"],
        ),
        (
            "finances OR etat-civil",
            theme(&["finances", "etat-civil"]),
            &["periode", "m57", "arret", "equipement"],
        ),
        (
            "every theme",
            theme(&["finances", "urbanisme", "etat-civil"]),
            ALL,
        ),
        ("an unknown theme", theme(&["inconnu"]), &[]),
    ]);
}

#[test]
fn carriers_select_any_of_the_chosen_carriers() {
    let carrier = |codes_: &[&str]| Filter {
        carriers: codes(codes_),
        ..Filter::default()
    };
    check_chantiers(vec![
        ("dgfip", carrier(&["dgfip"]), &["m57", "arret"]),
        (
            "dinum",
            carrier(&["dinum"]),
            &["sve-urba", "arret", "equipement"],
        ),
        ("interieur", carrier(&["interieur"]), &["periode"]),
        (
            "dgfip OR anct",
            carrier(&["dgfip", "anct"]),
            &["m57", "arret", "fonds"],
        ),
        ("an unknown carrier", carrier(&["ign"]), &[]),
    ]);
}

#[test]
fn natures_select_any_of_the_chosen_natures() {
    let nature = |natures: &[Nature]| Filter {
        natures: set(natures),
        ..Filter::default()
    };
    check_chantiers(vec![
        (
            "obligation",
            nature(&[Nature::Obligation]),
            &["sve-urba", "m57"],
        ),
        (
            "opportunity",
            nature(&[Nature::Opportunity]),
            &["fonds", "equipement"],
        ),
        (
            "end of service",
            nature(&[Nature::EndOfService]),
            &["arret"],
        ),
        ("information", nature(&[Nature::Information]), &["periode"]),
        (
            "information OR end of service",
            nature(&[Nature::Information, Nature::EndOfService]),
            &["periode", "arret"],
        ),
        ("every nature", nature(&Nature::ALL), ALL),
    ]);
}

#[test]
fn kinds_select_chantiers_with_a_rule_for_any_chosen_kind() {
    let kind = |kinds: &[AuthorityKind]| Filter {
        kinds: set(kinds),
        ..Filter::default()
    };
    check_chantiers(vec![
        (
            "commune",
            kind(&[AuthorityKind::Commune]),
            &["sve-urba", "m57", "fonds"],
        ),
        (
            "epci",
            kind(&[AuthorityKind::Epci]),
            &["sve-urba", "periode"],
        ),
        (
            "departement",
            kind(&[AuthorityKind::Departement]),
            &["arret"],
        ),
        ("region", kind(&[AuthorityKind::Region]), &["equipement"]),
        ("other", kind(&[AuthorityKind::Other]), &["arret"]),
        (
            "region OR departement",
            kind(&[AuthorityKind::Region, AuthorityKind::Departement]),
            &["arret", "equipement"],
        ),
    ]);
}

#[test]
fn statuses_follow_the_chantiers_span_on_today() {
    let status = |statuses: &[Status]| Filter {
        statuses: set(statuses),
        ..Filter::default()
    };
    check_chantiers(vec![
        (
            "upcoming",
            status(&[Status::Upcoming]),
            &["fonds", "equipement"],
        ),
        (
            "ongoing (a milestone today counts as started)",
            status(&[Status::Ongoing]),
            &["periode", "m57", "arret"],
        ),
        ("past", status(&[Status::Past]), &["sve-urba"]),
        (
            "upcoming OR past",
            status(&[Status::Upcoming, Status::Past]),
            &["sve-urba", "fonds", "equipement"],
        ),
    ]);
    let dataset = fixture();
    let index = Index::new(&dataset, today());
    let statuses: Vec<(&str, Status)> = (0..dataset.chantiers.len())
        .map(|i| (dataset.chantiers[i].id.as_str(), index.status(i)))
        .collect();
    assert_eq!(
        statuses,
        [
            ("m57", Status::Ongoing),
            ("sve-urba", Status::Past),
            ("equipement", Status::Upcoming),
            ("arret", Status::Ongoing),
            ("periode", Status::Ongoing),
            ("fonds", Status::Upcoming),
        ]
    );
}

/// `(description, period, expected milestones, expected count)`.
type PeriodCase<'a> = (&'a str, Period, &'a [&'a str], &'a str);

#[test]
fn periods_keep_the_milestones_that_overlap_them() {
    let preset = Period::Preset;
    let cases: Vec<PeriodCase<'_>> = vec![
        (
            "6 months: today's milestone, 2027-T2 overlapping the end, \
             2027-05-29 exactly 6 months ahead; not 2027-05-30",
            preset(PeriodPreset::Next6Months),
            &[
                "periode/transition",
                "arret/annonce",
                "fonds/ouverture",
                "equipement/appel",
                "m57/generalisation",
            ],
            "5 chantiers, 5 jalons",
        ),
        (
            "12 months: up to 2027-11-29, so not 2027-12",
            preset(PeriodPreset::Next12Months),
            &[
                "periode/transition",
                "arret/annonce",
                "fonds/ouverture",
                "equipement/appel",
                "m57/generalisation",
                "arret/extinction",
            ],
            "5 chantiers, 6 jalons",
        ),
        (
            "current year: 2026",
            preset(PeriodPreset::CurrentYear),
            &["periode/transition", "arret/annonce", "fonds/ouverture"],
            "3 chantiers, 3 jalons",
        ),
        (
            "past: strictly before today, so not today's milestone",
            preset(PeriodPreset::Past),
            &[
                "sve-urba/saisine",
                "sve-urba/bilan",
                "periode/transition",
                "m57/droit-option",
            ],
            "3 chantiers, 4 jalons",
        ),
        (
            "one month: May 2027",
            months(Some("2027-05"), Some("2027-05")),
            &[
                "periode/transition",
                "equipement/appel",
                "m57/generalisation",
                "arret/extinction",
            ],
            "4 chantiers, 4 jalons",
        ),
        (
            "open end: from December 2027",
            months(Some("2027-12"), None),
            &["periode/transition", "equipement/cloture", "fonds/fin"],
            "3 chantiers, 3 jalons",
        ),
        (
            "open start: until July 2022 (the month milestone 2022-07 included)",
            months(None, Some("2022-07")),
            &["sve-urba/saisine", "sve-urba/bilan"],
            "1 chantier, 2 jalons",
        ),
        (
            "open start: until June 2022 (2022-07 starts after)",
            months(None, Some("2022-06")),
            &["sve-urba/saisine"],
            "1 chantier, 1 jalon",
        ),
        (
            "only the 2023 → 2027 period spans 2025",
            months(Some("2025-01"), Some("2025-12")),
            &["periode/transition"],
            "1 chantier, 1 jalon",
        ),
        (
            "nothing after 2028",
            months(Some("2029-01"), None),
            &[],
            "0 chantier, 0 jalon",
        ),
        (
            "both bounds open restrict nothing",
            months(None, None),
            &[
                "sve-urba/saisine",
                "sve-urba/bilan",
                "periode/transition",
                "m57/droit-option",
                "arret/annonce",
                "fonds/ouverture",
                "equipement/appel",
                "m57/generalisation",
                "arret/extinction",
                "equipement/cloture",
                "fonds/fin",
            ],
            "6 chantiers, 11 jalons",
        ),
    ];
    for (what, period, expected, count) in cases {
        let filter = Filter {
            period,
            ..Filter::default()
        };
        let (_, milestones, actual_count) = select(&filter);
        assert_eq!(milestones, expected, "{what}: milestones for {period:?}");
        assert_eq!(actual_count, count, "{what}: count for {period:?}");
    }
}

#[test]
fn period_bounds_on_boundary_days() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let cases = [
        (
            Period::Preset(PeriodPreset::Next6Months),
            (Some(day(2026, 11, 29)), Some(day(2027, 5, 29))),
        ),
        (
            Period::Preset(PeriodPreset::Next12Months),
            (Some(day(2026, 11, 29)), Some(day(2027, 11, 29))),
        ),
        (
            Period::Preset(PeriodPreset::CurrentYear),
            (Some(day(2026, 1, 1)), Some(day(2026, 12, 31))),
        ),
        (
            Period::Preset(PeriodPreset::Past),
            (None, Some(day(2026, 11, 28))),
        ),
        (
            months(Some("2024-02"), Some("2024-02")),
            (Some(day(2024, 2, 1)), Some(day(2024, 2, 29))),
        ),
        (months(None, None), (None, None)),
    ];
    for (period, expected) in cases {
        assert_eq!(period.bounds(today()), expected, "bounds of {period:?}");
    }
    // Six months from the 31st of August is the last day of February.
    let aug31 = day(2026, 8, 31);
    assert_eq!(
        Period::Preset(PeriodPreset::Next6Months).bounds(aug31).1,
        Some(day(2027, 2, 28))
    );
}

#[test]
fn free_text_is_accent_and_case_insensitive_and_needs_every_word() {
    let text = |t: &str| Filter {
        text: t.to_string(),
        ..Filter::default()
    };
    check_chantiers(vec![
        ("'demat' finds 'Démat.ADS'", text("demat"), &["sve-urba"]),
        ("upper case and accents", text("DÉMAT"), &["sve-urba"]),
        ("'ecole' finds 'École'", text("ecole"), &["equipement"]),
        ("'ÉCOLE' finds 'École'", text("ÉCOLE"), &["equipement"]),
        ("a word prefix", text("nomencl"), &["m57"]),
        (
            "several words, all present",
            text("demat ads"),
            &["sve-urba"],
        ),
        (
            "several words, in any order, with extra spaces",
            text("  ads   DEMAT "),
            &["sve-urba"],
        ),
        ("several words, one missing", text("demat ecole"), &[]),
        ("a milestone label", text("generalisation"), &["m57"]),
        ("a carrier's label", text("ministère"), &["periode"]),
        (
            "a carrier's full name",
            text("cohesion territoires"),
            &["fonds"],
        ),
        (
            "a carrier's full name shared by three chantiers",
            text("interministerielle"),
            &["sve-urba", "arret", "equipement"],
        ),
        ("the chantier id", text("m57"), &["m57"]),
        ("punctuation only restricts nothing", text(" .,; "), ALL),
        ("an absent word", text("zzz"), &[]),
    ]);
}

#[test]
fn facets_combine_with_and() {
    let cases: Vec<(&str, Filter, &[&str], &str)> = vec![
        (
            "urbanisme AND obligation",
            Filter {
                themes: codes(&["urbanisme"]),
                natures: set(&[Nature::Obligation]),
                ..Filter::default()
            },
            &["sve-urba"],
            "1 chantier, 2 jalons",
        ),
        (
            "finances AND ongoing AND 6 months",
            Filter {
                themes: codes(&["finances"]),
                statuses: set(&[Status::Ongoing]),
                period: Period::Preset(PeriodPreset::Next6Months),
                ..Filter::default()
            },
            &["arret", "m57"],
            "2 chantiers, 2 jalons",
        ),
        (
            "dinum AND commune",
            Filter {
                carriers: codes(&["dinum"]),
                kinds: set(&[AuthorityKind::Commune]),
                ..Filter::default()
            },
            &["sve-urba"],
            "1 chantier, 2 jalons",
        ),
        (
            "dinum AND commune AND 6 months: the only match is past",
            Filter {
                carriers: codes(&["dinum"]),
                kinds: set(&[AuthorityKind::Commune]),
                period: Period::Preset(PeriodPreset::Next6Months),
                ..Filter::default()
            },
            &[],
            "0 chantier, 0 jalon",
        ),
        (
            "opportunity AND current year",
            Filter {
                natures: set(&[Nature::Opportunity]),
                period: Period::Preset(PeriodPreset::CurrentYear),
                ..Filter::default()
            },
            &["fonds"],
            "1 chantier, 1 jalon",
        ),
        (
            "text AND theme that exclude each other",
            Filter {
                text: "demat".into(),
                themes: codes(&["finances"]),
                ..Filter::default()
            },
            &[],
            "0 chantier, 0 jalon",
        ),
        (
            "epci AND past status",
            Filter {
                kinds: set(&[AuthorityKind::Epci]),
                statuses: set(&[Status::Past]),
                ..Filter::default()
            },
            &["sve-urba"],
            "1 chantier, 2 jalons",
        ),
        (
            "(finances OR urbanisme) AND (dinum) AND months from 2027-05",
            Filter {
                themes: codes(&["finances", "urbanisme"]),
                carriers: codes(&["dinum"]),
                period: months(Some("2027-05"), None),
                ..Filter::default()
            },
            &["arret"],
            "1 chantier, 1 jalon",
        ),
        (
            "every facet at once",
            Filter {
                text: "ARRÊT".into(),
                themes: codes(&["urbanisme"]),
                carriers: codes(&["dgfip"]),
                natures: set(&[Nature::EndOfService]),
                kinds: set(&[AuthorityKind::Other]),
                statuses: set(&[Status::Ongoing]),
                period: Period::Preset(PeriodPreset::Next12Months),
                updated_after: Some(chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()),
                profile: Some(agenda_core::profile::Profile {
                    kind: AuthorityKind::Other,
                    epci_kind: None,
                    population: None,
                    staff: None,
                }),
            },
            &["arret"],
            "1 chantier, 2 jalons",
        ),
    ];
    for (what, filter, expected, count) in cases {
        let (ids, _, actual_count) = select(&filter);
        assert_eq!(ids, expected, "{what}: selected chantiers");
        assert_eq!(actual_count, count, "{what}: count");
        assert!(!filter.is_empty(), "{what}: the filter restricts something");
    }
}

#[test]
fn count_text_follows_french_plural_rules() {
    let selection = |chantiers: usize, milestones: usize| Selection {
        chantiers: (0..chantiers).collect(),
        milestones: (0..milestones)
            .map(|i| agenda_core::index::MilestoneRef {
                chantier: 0,
                milestone: i,
            })
            .collect(),
        days: Vec::new(),
    };
    let cases = [
        (0, 0, "0 chantier, 0 jalon"),
        (1, 1, "1 chantier, 1 jalon"),
        (1, 2, "1 chantier, 2 jalons"),
        (2, 1, "2 chantiers, 1 jalon"),
        (12, 18, "12 chantiers, 18 jalons"),
        (1, 1500, "1 chantier, 1\u{202F}500 jalons"),
    ];
    for (c, m, expected) in cases {
        assert_eq!(
            selection(c, m).count_fr(),
            expected,
            "{c} chantiers, {m} jalons"
        );
    }
}

#[test]
fn an_empty_filter_is_empty_and_each_facet_makes_it_not() {
    assert!(Filter::default().is_empty());
    assert!(Filter {
        text: "   ".into(),
        period: months(None, None),
        ..Filter::default()
    }
    .is_empty());
    let non_empty = [
        Filter {
            text: "x".into(),
            ..Filter::default()
        },
        Filter {
            themes: codes(&["finances"]),
            ..Filter::default()
        },
        Filter {
            period: months(Some("2025-01"), None),
            ..Filter::default()
        },
        Filter {
            period: Period::Preset(PeriodPreset::Past),
            ..Filter::default()
        },
        Filter {
            carriers: codes(&["dgfip"]),
            ..Filter::default()
        },
        Filter {
            natures: set(&[Nature::Obligation]),
            ..Filter::default()
        },
        Filter {
            kinds: set(&[AuthorityKind::Region]),
            ..Filter::default()
        },
        Filter {
            statuses: set(&[Status::Past]),
            ..Filter::default()
        },
    ];
    for filter in non_empty {
        assert!(!filter.is_empty(), "{filter:?} restricts something");
    }
}

mod facets_as_numbers {
    //! `Index::select` compares each chantier's facets as numbers computed once; it
    //! must select exactly what `Index::chantier_matches`, the definition, accepts.

    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn generated() -> &'static (Dataset, Index) {
        static DATA: OnceLock<(Dataset, Index)> = OnceLock::new();
        DATA.get_or_init(|| {
            let mut dataset = agenda_core::generate::dataset(400, 7);
            // Codes outside the dataset's lists (validation reports them; a `Dataset`
            // built in code may have them): still compared as the definition does.
            for (i, c) in dataset.chantiers.iter_mut().enumerate() {
                if i % 7 == 0 {
                    c.themes.push("inconnu".into());
                }
                if i % 11 == 0 {
                    c.carriers.insert(0, "hors-liste".into());
                }
            }
            let index = Index::new(&dataset, today());
            (dataset, index)
        })
    }

    /// Some of `all`, by a bit mask; the codes no chantier has stay possible.
    fn some<T: Clone + Ord>(all: &[T], bits: u64) -> SortedSet<T> {
        all.iter()
            .enumerate()
            .filter(|(i, _)| bits >> i & 1 == 1)
            .map(|(_, v)| v.clone())
            .collect()
    }

    proptest! {
        #[test]
        fn select_keeps_exactly_the_chantiers_the_definition_accepts(
            themes in any::<u64>(), carriers in any::<u64>(), natures in any::<u64>(),
            kinds in any::<u64>(), statuses in any::<u64>(), used in 0u8..32,
        ) {
            let (dataset, index) = generated();
            let mut theme_codes: Vec<String> = dataset.themes.iter().map(|t| t.code.clone()).collect();
            theme_codes.push("inconnu".into());
            let mut carrier_codes: Vec<String> = dataset.carriers.iter().map(|c| c.code.clone()).collect();
            carrier_codes.push("hors-liste".into());
            // Each facet used or not, so that combinations of few facets are common.
            let on = |k: u8, bits: u64| if used >> k & 1 == 1 { bits } else { 0 };
            let filter = Filter {
                themes: some(&theme_codes, on(0, themes)),
                carriers: some(&carrier_codes, on(1, carriers)),
                natures: some(&Nature::ALL, on(2, natures)),
                kinds: some(&AuthorityKind::ALL, on(3, kinds)),
                statuses: some(&Status::ALL, on(4, statuses)),
                ..Filter::default()
            };
            let selected: BTreeSet<usize> = index.select(dataset, &filter).chantiers.into_iter().collect();
            let expected: BTreeSet<usize> = (0..dataset.chantiers.len())
                .filter(|&i| !dataset.chantiers[i].milestones.is_empty())
                .filter(|&i| index.chantier_matches(dataset, i, &filter))
                .collect();
            prop_assert_eq!(selected, expected, "{:?}", filter);
        }
    }
}
