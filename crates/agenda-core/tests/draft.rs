//! The contribution form's model: draft ↔ chantier, each problem on its form control,
//! dates composed at each precision, and what the form produces accepted by the merge.

use agenda_core::draft::{
    contribution_email, feedback_email, field_id, suggest_id, DateDraft, Draft, DraftReport,
    MilestoneDraft, RuleDraft, SourceDraft, ThresholdDraft,
};
use agenda_core::merge::{self, changes, merge, parse, Action, Contribution};
use agenda_core::{load, Dataset, PartialDate, Precision};
use chrono::NaiveDate;
use proptest::prelude::*;

fn shipped() -> Dataset {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/agenda.json"
    ))
    .unwrap();
    let loaded = load(&bytes).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.dataset
}

fn today() -> NaiveDate {
    "2026-12-01".parse().unwrap()
}

/// A complete, valid new chantier, as a ministry would type it.
fn filled() -> Draft {
    let mut draft = Draft::blank();
    draft.updated = "2026-11-29".into();
    draft.set_title("Dématérialisation des procès-verbaux d'élection".into());
    draft.summary =
        "Les procès-verbaux des élections municipales sont transmis en ligne à la préfecture."
            .into();
    draft.description = "Premier paragraphe.\n\nSecond paragraphe,\nsur deux lignes.\n\n\n".into();
    draft.carriers = vec!["interieur".into(), "dgcl".into()];
    draft.themes = vec!["etat-civil-elections".into()];
    draft.nature = "obligation".into();
    draft.rules = vec![
        RuleDraft {
            kind: "commune".into(),
            epci_kinds: vec![],
            thresholds: vec![ThresholdDraft {
                measure: "population".into(),
                comparison: "at_least".into(),
                value: "1 000".into(),
            }],
        },
        RuleDraft {
            kind: "epci".into(),
            epci_kinds: vec!["ca".into(), "metropole".into()],
            thresholds: vec![],
        },
    ];
    draft.note = "Hors Paris, Lyon et Marseille.".into();
    draft.milestones = vec![MilestoneDraft::default(), MilestoneDraft::default()];
    draft.milestones[0].set_label("Expérimentation dans dix départements".into());
    draft.milestones[0].date = DateDraft {
        precision: "quarter".into(),
        year: "2027".into(),
        part: "2".into(),
        ..DateDraft::default()
    };
    draft.milestones[0].has_end = true;
    draft.milestones[0].end = DateDraft {
        precision: "semester".into(),
        year: "2027".into(),
        part: "2".into(),
        ..DateDraft::default()
    };
    draft.milestones[1].set_label("Généralisation".into());
    draft.milestones[1].date = DateDraft {
        day: "2028-03-01".into(),
        ..DateDraft::default()
    };
    draft.milestones[1].details = "Pour les élections municipales de 2028.".into();
    draft.sources = vec![SourceDraft {
        label: "Code électoral".into(),
        url: "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070239/".into(),
        kind: "legal".into(),
    }];
    draft.contact = "elections@interieur.gouv.fr".into();
    draft
}

fn places(report: &DraftReport) -> Vec<(String, String)> {
    report
        .problems
        .iter()
        .map(|p| (p.field_id.clone(), p.message.clone()))
        .collect()
}

/// The only problem of `draft`, as (field id, label, message).
fn only_problem(draft: &Draft) -> (String, String, String) {
    let report = draft.check(&shipped());
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert!(report.contribution.is_none());
    let p = &report.problems[0];
    (p.field_id.clone(), p.label.clone(), p.message.clone())
}

#[test]
fn every_published_chantier_round_trips_through_the_draft() {
    let dataset = shipped();
    for chantier in &dataset.chantiers {
        let draft = Draft::from_chantier(chantier);
        let contribution = draft.to_contribution().unwrap();
        assert_eq!(contribution.chantier, *chantier, "{}", chantier.id);
        assert_eq!(contribution.base_updated, Some(chantier.updated));
        // Saved and restored as the browser does.
        let saved = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&saved).unwrap(), draft);
        // Unchanged, it is a valid update that changes nothing.
        let report = draft.check(&dataset);
        assert!(report.is_valid(), "{}: {:#?}", chantier.id, report.problems);
        let outcome = merge(&dataset, &[report.contribution.unwrap()], today()).unwrap();
        assert!(outcome.applied[0].changes.is_empty(), "{}", chantier.id);
    }
}

#[test]
fn a_filled_new_chantier_is_a_valid_contribution_the_merge_accepts() {
    let dataset = shipped();
    let draft = filled();
    assert_eq!(draft.id, "dematerialisation-des-proces-verbaux-d-election");
    assert_eq!(
        draft.milestones[0].id,
        "experimentation-dans-dix-departements"
    );
    let report = draft.check(&dataset);
    assert!(report.is_valid(), "{:#?}", report.problems);
    assert!(report.warnings.is_empty());
    let contribution = report.contribution.unwrap();
    assert_eq!(contribution.base_updated, None);
    let c = &contribution.chantier;
    assert_eq!(
        c.description,
        [
            "Premier paragraphe.",
            "Second paragraphe,\nsur deux lignes."
        ]
    );
    assert_eq!(c.concerned.rules[0].thresholds[0].value, 1000);
    assert_eq!(c.milestones[0].date.to_string(), "2027-T2");
    assert_eq!(c.milestones[0].end.unwrap().to_string(), "2027-S2");
    assert_eq!(c.milestones[1].date.to_string(), "2028-03-01");
    assert_eq!(c.updated.to_string(), "2026-11-29");

    // The downloaded file is what `agenda validate` and `agenda merge` read.
    let file = contribution.to_json();
    let parsed = parse(file.as_bytes(), "contribution.json").unwrap();
    assert!(parsed.warnings.is_empty());
    assert_eq!(parsed.contribution.chantier, contribution.chantier);
    assert_eq!(parsed.contribution.base_updated, None);
    let outcome = merge(&dataset, &[parsed.contribution], today()).unwrap();
    assert_eq!(outcome.applied[0].action, Action::New);
    assert_eq!(outcome.dataset.chantiers.len(), dataset.chantiers.len() + 1);
}

#[test]
fn an_edited_update_is_accepted_and_its_changes_are_listed() {
    let dataset = shipped();
    let published = dataset
        .chantiers
        .iter()
        .find(|c| c.id == "referentiel-m57")
        .unwrap();
    let mut draft = Draft::from_chantier(published);
    draft.set_title("Référentiel M57 généralisé".into());
    assert_eq!(
        draft.id, "referentiel-m57",
        "an update never changes its id"
    );
    draft.milestones[0].details = "Hors M4, M21 et M22.".into();
    draft.sources.push(SourceDraft {
        label: "Portail de l'État au service des collectivités".into(),
        url: "https://www.collectivites-locales.gouv.fr/".into(),
        kind: "reference".into(),
    });
    let report = draft.check(&dataset);
    assert!(report.is_valid(), "{:#?}", report.problems);
    let contribution = report.contribution.unwrap();
    assert_eq!(contribution.base_updated, Some(published.updated));
    let lines = changes(published, &contribution.chantier);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("Titre : « "), "{lines:#?}");
    let outcome = merge(&dataset, &[contribution], today()).unwrap();
    assert!(matches!(outcome.applied[0].action, Action::Update { .. }));
    assert_eq!(outcome.applied[0].changes, lines);
}

#[test]
fn a_blank_draft_reports_every_missing_field_in_the_form_order() {
    let report = Draft::blank().check(&shipped());
    assert!(report.contribution.is_none());
    assert_eq!(
        places(&report),
        [
            ("contribution-titre", "Saisissez le titre."),
            ("contribution-id", "Saisissez l'identifiant : des minuscules sans accent, des chiffres et des tirets simples (par exemple « facturation-electronique »)."),
            ("contribution-resume", "Saisissez le résumé."),
            ("contribution-porteurs", "Cochez au moins un porteur."),
            ("contribution-themes", "Cochez au moins un thème."),
            ("contribution-nature", "Choisissez la nature du chantier."),
            ("regle-0-type", "Choisissez le type de collectivité."),
            ("jalon-0-libelle", "Saisissez le libellé du jalon."),
            ("jalon-0-id", "Saisissez l'identifiant du jalon : des minuscules sans accent, des chiffres et des tirets simples (par exemple « ouverture-du-service »)."),
            ("jalon-0-date", "Saisissez la date complète : jour, mois et année."),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(report.problems[7].label, "Jalon 1 : libellé");
    assert_eq!(report.problems[9].path, "chantier.milestones[0].date");
}

#[test]
fn each_kind_of_error_is_placed_on_its_field() {
    type Case = (&'static str, fn(&mut Draft), &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "malformed id",
            |d| d.id = "Démat ADS".into(),
            "contribution-id",
            "Identifiant",
        ),
        (
            "title too long",
            |d| d.title = "x".repeat(121),
            "contribution-titre",
            "Titre",
        ),
        (
            "summary too long",
            |d| d.summary = "x".repeat(401),
            "contribution-resume",
            "Résumé",
        ),
        (
            "paragraph too long",
            |d| d.description = format!("Court.\n\n{}", "x".repeat(4001)),
            "contribution-description",
            "Description, paragraphe 2",
        ),
        (
            "no carrier",
            |d| d.carriers.clear(),
            "contribution-porteurs",
            "Porteurs",
        ),
        (
            "unknown carrier",
            |d| d.carriers.push("zzz".into()),
            "contribution-porteurs",
            "Porteurs",
        ),
        (
            "no theme",
            |d| d.themes.clear(),
            "contribution-themes",
            "Thèmes",
        ),
        (
            "unknown theme",
            |d| d.themes.push("zzz".into()),
            "contribution-themes",
            "Thèmes",
        ),
        (
            "no nature",
            |d| d.nature.clear(),
            "contribution-nature",
            "Nature",
        ),
        (
            "unknown nature",
            |d| d.nature = "urgent".into(),
            "contribution-nature",
            "Nature",
        ),
        (
            "no rule",
            |d| d.rules.clear(),
            "contribution-ajouter-regle",
            "Collectivités concernées",
        ),
        (
            "rule kind",
            |d| d.rules[1].kind.clear(),
            "regle-1-type",
            "Règle 2 : type de collectivité",
        ),
        (
            "epci kind",
            |d| d.rules[1].epci_kinds.push("x".into()),
            "regle-1-epci",
            "Règle 2 : types d'EPCI",
        ),
        (
            "threshold value",
            |d| d.rules[0].thresholds[0].value = "mille".into(),
            "regle-0-seuil-0-valeur",
            "Règle 1, seuil 1 : valeur",
        ),
        (
            "threshold too big",
            |d| d.rules[0].thresholds[0].value = "99999999999".into(),
            "regle-0-seuil-0-valeur",
            "Règle 1, seuil 1 : valeur",
        ),
        (
            "threshold empty",
            |d| d.rules[0].thresholds[0].value.clear(),
            "regle-0-seuil-0-valeur",
            "Règle 1, seuil 1 : valeur",
        ),
        (
            "threshold measure",
            |d| d.rules[0].thresholds[0].measure = "x".into(),
            "regle-0-seuil-0-mesure",
            "Règle 1, seuil 1 : mesure",
        ),
        (
            "threshold comparison",
            |d| d.rules[0].thresholds[0].comparison.clear(),
            "regle-0-seuil-0-comparaison",
            "Règle 1, seuil 1 : comparaison",
        ),
        (
            "note too long",
            |d| d.note = "x".repeat(401),
            "contribution-precision-public",
            "Précision sur les collectivités concernées",
        ),
        (
            "no milestone",
            |d| d.milestones.clear(),
            "contribution-ajouter-jalon",
            "Jalons",
        ),
        (
            "milestone id",
            |d| d.milestones[1].id = "Jalon 2".into(),
            "jalon-1-id",
            "Jalon 2 : identifiant",
        ),
        (
            "duplicate milestone id",
            |d| d.milestones[1].id = d.milestones[0].id.clone(),
            "jalon-1-id",
            "Jalon 2 : identifiant",
        ),
        (
            "milestone label",
            |d| d.milestones[1].label = " ".into(),
            "jalon-1-libelle",
            "Jalon 2 : libellé",
        ),
        (
            "milestone details",
            |d| d.milestones[1].details = "x".repeat(4001),
            "jalon-1-details",
            "Jalon 2 : précisions",
        ),
        (
            "impossible day",
            |d| d.milestones[1].date.day = "2028-02-30".into(),
            "jalon-1-date",
            "Jalon 2 : date",
        ),
        (
            "month shape",
            |d| {
                d.milestones[1].date.precision = "month".into();
                d.milestones[1].date.month = "mars 2028".into()
            },
            "jalon-1-date",
            "Jalon 2 : date",
        ),
        (
            "year out of range",
            |d| {
                d.milestones[1].date.precision = "year".into();
                d.milestones[1].date.year = "1800".into()
            },
            "jalon-1-date",
            "Jalon 2 : date",
        ),
        (
            "quarter without part",
            |d| d.milestones[0].date.part.clear(),
            "jalon-0-date",
            "Jalon 1 : date",
        ),
        (
            "unknown precision",
            |d| d.milestones[0].date.precision = "siècle".into(),
            "jalon-0-date",
            "Jalon 1 : date",
        ),
        (
            "end unreadable",
            |d| d.milestones[0].end.year = "20x7".into(),
            "jalon-0-fin",
            "Jalon 1 : fin",
        ),
        (
            "end before start",
            |d| d.milestones[0].end.year = "2026".into(),
            "jalon-0-fin",
            "Jalon 1 : fin",
        ),
        (
            "source label",
            |d| d.sources[0].label.clear(),
            "source-0-libelle",
            "Source 1 : intitulé",
        ),
        (
            "source url",
            |d| d.sources[0].url = "javascript:alert(1)".into(),
            "source-0-adresse",
            "Source 1 : adresse",
        ),
        (
            "source kind",
            |d| d.sources[0].kind = "loi".into(),
            "source-0-type",
            "Source 1 : type",
        ),
        (
            "contact",
            |d| d.contact = "elections at interieur".into(),
            "contribution-contact",
            "Contact",
        ),
        (
            "id taken",
            |d| d.id = "referentiel-m57".into(),
            "contribution-id",
            "Identifiant",
        ),
        (
            "update of an unknown id",
            |d| d.base_updated = "2026-11-29".into(),
            "contribution-id",
            "Identifiant",
        ),
        (
            "unreadable base",
            |d| d.base_updated = "hier".into(),
            "contribution-id",
            "Identifiant",
        ),
    ];
    for (what, mutate, id, label) in cases {
        let mut draft = filled();
        mutate(&mut draft);
        let (found_id, found_label, message) = only_problem(&draft);
        assert_eq!(
            (found_id.as_str(), found_label.as_str()),
            (id, label),
            "{what}: {message}"
        );
        assert!(
            message.ends_with('.') && message.chars().next().unwrap().is_uppercase(),
            "{what}: {message}"
        );
        assert!(
            !message.contains("schéma") && !message.contains("epci_kinds"),
            "{what}: {message}"
        );
    }
}

#[test]
fn date_messages_say_what_to_do_at_each_precision() {
    let message = |date: DateDraft| {
        let mut draft = filled();
        draft.milestones[1].date = date;
        only_problem(&draft).2
    };
    let d = |precision: &str, day: &str, month: &str, year: &str, part: &str| DateDraft {
        precision: precision.into(),
        day: day.into(),
        month: month.into(),
        year: year.into(),
        part: part.into(),
    };
    assert_eq!(
        message(d("day", "", "", "", "")),
        "Saisissez la date complète : jour, mois et année."
    );
    assert_eq!(
        message(d("day", "2028-02-30", "", "", "")),
        "Cette date n'existe pas dans le calendrier."
    );
    assert_eq!(
        message(d("day", "1/3/2028", "", "", "")),
        "Date non reconnue : saisissez-la au format AAAA-MM-JJ (par exemple 2027-01-01)."
    );
    assert_eq!(
        message(d("month", "", "", "", "")),
        "Saisissez le mois, au format AAAA-MM (par exemple 2027-03)."
    );
    assert_eq!(
        message(d("month", "", "2028-13", "", "")),
        "Cette date n'existe pas dans le calendrier."
    );
    assert_eq!(
        message(d("quarter", "", "", "", "1")),
        "Saisissez l'année, sur quatre chiffres (par exemple 2027)."
    );
    assert_eq!(
        message(d("quarter", "", "", "2028", "")),
        "Choisissez le trimestre."
    );
    assert_eq!(
        message(d("quarter", "", "", "2028", "5")),
        "Cette date n'existe pas dans le calendrier."
    );
    assert_eq!(
        message(d("semester", "", "", "2028", "")),
        "Choisissez le semestre."
    );
    assert_eq!(
        message(d("year", "", "", "28", "")),
        "Année non reconnue : saisissez-la sur quatre chiffres (par exemple 2027)."
    );
    assert_eq!(
        message(d("year", "", "", "2300", "")),
        "L'année doit être comprise entre 1900 et 2200."
    );
    assert_eq!(
        message(d("", "", "", "2028", "")),
        "Choisissez la précision de la date."
    );
}

#[test]
fn every_unreadable_field_is_reported_at_once() {
    let mut draft = filled();
    draft.nature.clear();
    draft.rules[0].thresholds[0].value = "beaucoup".into();
    draft.milestones[0].date.year = "".into();
    draft.milestones[1].date.day = "".into();
    draft.sources[0].kind = "".into();
    draft.title.clear();
    let report = draft.check(&shipped());
    let ids: Vec<&str> = report
        .problems
        .iter()
        .map(|p| p.field_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "contribution-titre",
            "contribution-nature",
            "regle-0-seuil-0-valeur",
            "jalon-0-date",
            "jalon-1-date",
            "source-0-type"
        ]
    );
}

#[test]
fn dates_compose_at_each_precision_and_round_trip() {
    let cases = [
        ("2024-01-01", Precision::Day),
        ("2022-07", Precision::Month),
        ("2025-T3", Precision::Quarter),
        ("2026-S1", Precision::Semester),
        ("2026", Precision::Year),
    ];
    for (text, precision) in cases {
        let date: PartialDate = text.parse().unwrap();
        let draft = DateDraft::from_date(&date);
        assert_eq!(draft.precision(), Some(precision));
        assert_eq!(draft.text(), text);
        assert_eq!(draft.date(), Some(date));
    }
    let quarter = DateDraft::from_date(&"2025-T3".parse().unwrap());
    assert_eq!(
        (quarter.year.as_str(), quarter.part.as_str()),
        ("2025", "3")
    );
    let month = DateDraft::from_date(&"2022-07".parse().unwrap());
    assert_eq!(month.month, "2022-07");
}

#[test]
fn changing_precision_never_invents_precision() {
    let mut date = DateDraft::from_date(&"2025-08-14".parse().unwrap());
    let steps = [
        ("month", "2025-08"),
        ("quarter", "2025-T3"),
        ("semester", "2025-S2"),
        ("year", "2025"),
        ("semester", "2025-S2"),
        // Which quarter of the semester is not known any more.
        ("quarter", ""),
        ("month", "2025-08"),
        ("day", "2025-08-14"),
    ];
    for (precision, expected) in steps {
        date.set_precision(precision);
        assert_eq!(date.text(), expected, "to {precision}");
    }
    // A finer precision after a change of year: the year, and what the finer inputs
    // held only if it falls within that year.
    date.set_precision("year");
    date.year = "2027".into();
    date.set_precision("quarter");
    assert_eq!((date.year.as_str(), date.text().as_str()), ("2027", ""));
    date.part = "4".into();
    date.set_precision("year");
    assert_eq!(date.text(), "2027");
    date.set_precision("quarter");
    assert_eq!(date.text(), "2027-T4");
    // The day typed for 2025 is not within the 4th quarter 2027: dropped.
    date.set_precision("day");
    assert_eq!(date.text(), "");
    // No date yet: only the precision changes.
    let mut empty = DateDraft::default();
    empty.set_precision("semester");
    assert_eq!(
        (empty.precision.as_str(), empty.text().as_str()),
        ("semester", "")
    );
}

#[test]
fn out_of_order_milestones_are_a_warning_not_an_error() {
    let mut draft = filled();
    draft.milestones.swap(0, 1);
    let report = draft.check(&shipped());
    assert!(report.is_valid(), "{:#?}", report.problems);
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].field_id, "contribution-ajouter-jalon");
    assert!(draft.move_milestone(1, true).is_some());
    assert!(draft.check(&shipped()).warnings.is_empty());
}

#[test]
fn a_stale_update_asks_to_start_again_from_the_published_entry() {
    let dataset = shipped();
    let published = &dataset.chantiers[0];
    let mut draft = Draft::from_chantier(published);
    draft.base_updated = "2020-01-01".into();
    let (id, _, message) = only_problem(&draft);
    assert_eq!(id, "contribution-id");
    assert!(
        message.starts_with("Le chantier a été modifié le "),
        "{message}"
    );
    assert!(message.ends_with("Supprimez le brouillon pour repartir de la fiche publiée."));
}

#[test]
fn the_update_day_falls_back_to_the_publication_day() {
    let dataset = shipped();
    let mut draft = filled();
    draft.updated = "pas une date".into();
    let contribution = draft.check(&dataset).contribution.unwrap();
    assert_eq!(contribution.chantier.updated, dataset.published);
}

#[test]
fn ids_are_suggested_from_titles_and_labels_until_edited() {
    assert_eq!(
        suggest_id("Facturation électronique : phase 2"),
        "facturation-electronique-phase-2"
    );
    let long = suggest_id(&"mot ".repeat(40));
    assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    assert!(agenda_core::validate::is_slug(&suggest_id(
        &"x".repeat(100)
    )));
    let mut draft = Draft::blank();
    draft.set_title("A".into());
    draft.set_title("AB".into());
    assert_eq!(draft.id, "ab");
    let mut published = MilestoneDraft {
        id: "ouverture".into(),
        published_id: "ouverture".into(),
        label: "Ouverture".into(),
        ..Default::default()
    };
    published.set_label("Ouverture du service".into());
    assert_eq!(
        published.id, "ouverture",
        "a published milestone keeps its id"
    );
}

#[test]
fn the_ids_of_the_field_table() {
    for (path, id) in [
        ("chantier.id", "contribution-id"),
        ("chantier.summary", "contribution-resume"),
        ("chantier.description[0]", "contribution-description"),
        ("chantier.nature", "contribution-nature"),
        ("chantier.concerned.rules", "contribution-ajouter-regle"),
        ("chantier.concerned.rules[1].kind", "regle-1-type"),
        (
            "chantier.concerned.rules[1].thresholds[0].measure",
            "regle-1-seuil-0-mesure",
        ),
        ("chantier.milestones", "contribution-ajouter-jalon"),
        ("chantier.milestones[3].end", "jalon-3-fin"),
        ("chantier.milestones[3].details", "jalon-3-details"),
        ("chantier.sources[1].kind", "source-1-type"),
        ("chantier.contact", "contribution-contact"),
        ("", "contribution-id"),
    ] {
        assert_eq!(field_id(path), id, "{path}");
    }
}

#[test]
fn emails_name_the_chantier_and_the_file() {
    let dataset = shipped();
    let contribution = filled().check(&dataset).contribution.unwrap();
    let mail = contribution_email("agenda-numerique@anct.gouv.fr", &contribution, &[]);
    assert_eq!(
        mail.subject,
        "Contribution à l'agenda : nouveau chantier « dematerialisation-des-proces-verbaux-d-election »"
    );
    assert!(mail
        .body
        .contains("contribution-dematerialisation-des-proces-verbaux-d-election.json"));
    assert!(!mail.body.contains("Ce qui change"));
    let href = mail.mailto();
    assert!(href.starts_with("mailto:agenda-numerique@anct.gouv.fr?subject=Contribution%20%C3%A0"));
    assert!(!href.contains(' ') && !href.contains('\n'));

    let update = Contribution::update(dataset.chantiers[0].clone(), dataset.chantiers[0].updated);
    let many: Vec<String> = (0..15).map(|i| format!("Changement {i}")).collect();
    let mail = contribution_email("a@b.fr", &update, &many);
    assert!(mail
        .body
        .contains("- Changement 4\n- et 10 autre(s) modification(s)"));

    let chantier = &contribution.chantier;
    let mail = feedback_email(
        chantier,
        Some("agenda-numerique@anct.gouv.fr"),
        "https://x/chantiers/y",
    )
    .unwrap();
    assert_eq!(mail.to, "elections@interieur.gouv.fr");
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just(String::new()),
        "[a-z0-9-]{1,12}",
        "[ -~éÉ\u{202F}]{0,12}",
        prop::sample::select(vec![
            "2025",
            "2025-T3",
            "2025-13",
            "2024-02-29",
            "2024-02-30",
            "2026-S1",
            "1",
            "5",
            "3 500",
            "-1",
            "99999999999",
            "commune",
            "epci",
            "cc",
            "population",
            "staff",
            "more_than",
            "at_most",
            "legal",
            "reference",
            "day",
            "month",
            "quarter",
            "semester",
            "year",
            "obligation",
            "finances",
            "dgfip",
            "https://www.legifrance.gouv.fr/",
            "a@b.fr",
            "referentiel-m57",
            "2026-11-29",
            "2027-03",
        ])
        .prop_map(String::from),
    ]
}

fn date_draft() -> impl Strategy<Value = DateDraft> {
    (text(), text(), text(), text(), text()).prop_map(|(precision, day, month, year, part)| {
        DateDraft {
            precision,
            day,
            month,
            year,
            part,
        }
    })
}

fn draft() -> impl Strategy<Value = Draft> {
    let rule = (
        text(),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(
            (text(), text(), text()).prop_map(|(measure, comparison, value)| ThresholdDraft {
                measure,
                comparison,
                value,
            }),
            0..3,
        ),
    )
        .prop_map(|(kind, epci_kinds, thresholds)| RuleDraft {
            kind,
            epci_kinds,
            thresholds,
        });
    let milestone = (
        (text(), text(), text(), text()),
        date_draft(),
        any::<bool>(),
        date_draft(),
    )
        .prop_map(
            |((id, published_id, label, details), date, has_end, end)| MilestoneDraft {
                id,
                published_id,
                label,
                details,
                date,
                has_end,
                end,
            },
        );
    let source =
        (text(), text(), text()).prop_map(|(label, url, kind)| SourceDraft { label, url, kind });
    (
        (text(), text(), text(), text(), text(), text()),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
            text(),
            text(),
            text(),
        ),
        prop::collection::vec(rule, 0..3),
        prop::collection::vec(milestone, 0..4),
        prop::collection::vec(source, 0..3),
    )
        .prop_map(
            |(
                (base_updated, updated, id, title, summary, description),
                (carriers, themes, nature, note, contact),
                rules,
                milestones,
                sources,
            )| Draft {
                base_updated,
                updated,
                id,
                title,
                summary,
                description,
                carriers,
                themes,
                nature,
                rules,
                note,
                milestones,
                sources,
                contact,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever was typed, checking never panics, every problem is placed on a form
    /// control, and a draft said valid is a file the merge accepts.
    #[test]
    fn any_draft_is_checked_without_panic(draft in draft()) {
        let dataset = shipped_cached();
        let report = draft.check(dataset);
        for p in &report.problems {
            prop_assert!(!p.field_id.is_empty() && !p.message.is_empty() && !p.label.is_empty());
        }
        prop_assert_eq!(report.contribution.is_some(), report.problems.is_empty());
        if let Some(contribution) = report.contribution {
            let parsed = merge::parse(contribution.to_json().as_bytes(), "").unwrap();
            prop_assert!(merge(dataset, &[parsed.contribution], today()).is_ok());
        }
        // Saved and restored unchanged.
        let saved = serde_json::to_string(&draft).unwrap();
        prop_assert_eq!(serde_json::from_str::<Draft>(&saved).unwrap(), draft);
    }

    /// Small edits of a valid draft keep every problem on a control, and fixing them
    /// (going back to the valid draft) makes it valid again.
    #[test]
    fn edits_of_a_valid_draft(title in text(), year in text(), value in text(), url in text()) {
        let dataset = shipped_cached();
        let mut draft = filled();
        draft.set_title(title);
        draft.milestones[0].date.year = year;
        draft.rules[0].thresholds[0].value = value;
        draft.sources[0].url = url;
        let report = draft.check(dataset);
        prop_assert_eq!(report.contribution.is_some(), report.problems.is_empty());
        prop_assert!(filled().check(dataset).is_valid());
    }
}

fn shipped_cached() -> &'static Dataset {
    use std::sync::OnceLock;
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(shipped)
}
