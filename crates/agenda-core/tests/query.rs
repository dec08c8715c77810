//! The URL query: hand-written cases, then properties checked on generated inputs
//! (round trip, parsing never fails, loading never panics).

mod common;

use std::collections::BTreeSet;

use agenda_core::query::{decode, encode};
use agenda_core::sorted_set::SortedSet;
use agenda_core::validate::{check_chantier, Vocabulary};
use agenda_core::{
    load, AgendaQuery, AuthorityKind, Dataset, Filter, Index, Nature, Period, PeriodPreset,
    Severity, Status, Timeline, View, YearMonth,
};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::Value;

fn ym(s: &str) -> YearMonth {
    s.parse().expect("a valid month")
}

fn codes(items: &[&str]) -> SortedSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn fixture() -> Dataset {
    let dataset = common::dataset(vec![common::chantier("m57", "2024-01-01")]);
    load(&common::bytes(&dataset)).unwrap().dataset
}

// ---------------------------------------------------------------------------
// Hand-written cases
// ---------------------------------------------------------------------------

#[test]
fn canonical_queries_print_back_unchanged() {
    for text in [
        "",
        "q=demat",
        "q=d%C3%A9mat%20ads",
        "theme=finances,urbanisme",
        "periode=6-mois",
        "periode=12-mois",
        "periode=annee",
        "periode=passe",
        "du=2025-01",
        "au=2026-12",
        "du=2025-01&au=2026-12",
        "porteur=dgfip,dinum",
        "nature=obligation,opportunity,end_of_service,information",
        "public=commune,epci,departement,region,other",
        "statut=a-venir,en-cours,passe",
        "vue=frise",
        "passes=1",
        "q=x&theme=finances&du=1900-01&au=2200-12&porteur=dgfip&nature=obligation\
         &public=epci&statut=passe&vue=frise&passes=1",
    ] {
        let q = AgendaQuery::parse(text);
        assert_eq!(q.to_query_string(), text, "{text} is canonical");
        assert_eq!(AgendaQuery::parse(&q.to_query_string()), q, "{text}");
    }
}

#[test]
fn parsing_reads_every_parameter() {
    let q = AgendaQuery::parse(
        "?q=facture&theme=urbanisme,finances&du=2025-01&au=2026-12&porteur=dinum\
         &nature=information,obligation&public=region,commune&statut=en-cours&vue=frise&passes=1",
    );
    let expected = AgendaQuery {
        filter: Filter {
            text: "facture".into(),
            themes: codes(&["finances", "urbanisme"]),
            period: Period::Months {
                from: Some(ym("2025-01")),
                to: Some(ym("2026-12")),
            },
            carriers: codes(&["dinum"]),
            natures: [Nature::Obligation, Nature::Information].into(),
            kinds: [AuthorityKind::Commune, AuthorityKind::Region].into(),
            statuses: [Status::Ongoing].into(),
            updated_after: None,
            profile: None,
        },
        view: View::Frise,
        show_past: true,
        only_new: false,
        zoom: Default::default(),
        window_start: None,
    };
    assert_eq!(q, expected);
    assert_eq!(
        q.to_query_string(),
        "q=facture&theme=finances,urbanisme&du=2025-01&au=2026-12&porteur=dinum\
         &nature=obligation,information&public=commune,region&statut=en-cours&vue=frise&passes=1",
        "printed in canonical order, values sorted"
    );
}

#[test]
fn unknown_parameters_and_malformed_values_are_dropped_and_the_rest_kept() {
    let cases: Vec<(&str, &str)> = vec![
        (
            "theme=finances&du=2025-13&au=2026-02&nature=bogus&zzz",
            "theme=finances&au=2026-02",
        ),
        ("theme=Finances,ok-1,a--b,,-x,x-,é", "theme=ok-1"),
        ("nature=obligation,bogus,,OBLIGATION", "nature=obligation"),
        (
            "public=commune,communes&statut=futur,passe",
            "public=commune&statut=passe",
        ),
        ("periode=demain&du=2025-1&au=25-01", ""),
        ("du=1899-12&au=2201-01", ""),
        ("du=2025-00&au=2025-07", "au=2025-07"),
        ("vue=carte&passes=oui&passes=0", ""),
        ("vue=frise&vue=liste", ""),
        ("&&=&==&q", ""),
        ("zzz=1&theme=urbanisme&yyy", "theme=urbanisme"),
        ("THEME=finances&Q=x", ""),
    ];
    for (input, printed) in cases {
        assert_eq!(
            AgendaQuery::parse(input).to_query_string(),
            printed,
            "parsing {input:?}"
        );
    }
    let q = AgendaQuery::parse("theme=finances&du=2025-13&au=2026-02&nature=bogus&zzz");
    assert_eq!(q.filter.themes, codes(&["finances"]));
    assert_eq!(
        q.filter.period,
        Period::Months {
            from: None,
            to: Some(ym("2026-02"))
        }
    );
    assert!(q.filter.natures.is_empty());
}

#[test]
fn repeated_parameters_accumulate_lists_and_the_last_scalar_wins() {
    let q = AgendaQuery::parse("theme=finances&theme=urbanisme&q=a&q=b&du=2025-01&du=2025-02");
    assert_eq!(q.filter.themes, codes(&["finances", "urbanisme"]));
    assert_eq!(q.filter.text, "b");
    assert_eq!(
        q.filter.period,
        Period::Months {
            from: Some(ym("2025-02")),
            to: None
        }
    );
    // A later malformed value does not erase an earlier good one.
    let q = AgendaQuery::parse("du=2025-01&du=bogus&periode=passe&periode=bogus");
    assert_eq!(q.filter.period, Period::Preset(PeriodPreset::Past));
}

#[test]
fn the_preset_wins_over_months() {
    for input in [
        "periode=6-mois&du=2025-01&au=2026-12",
        "du=2025-01&au=2026-12&periode=6-mois",
        "du=2025-01&periode=6-mois",
    ] {
        let q = AgendaQuery::parse(input);
        assert_eq!(
            q.filter.period,
            Period::Preset(PeriodPreset::Next6Months),
            "{input}"
        );
        assert_eq!(q.to_query_string(), "periode=6-mois", "{input}");
    }
}

#[test]
fn plus_and_percent_escapes_are_decoded() {
    let cases = [
        ("q=facture+electronique", "facture electronique"),
        ("q=facture%20%C3%A9lectronique", "facture électronique"),
        ("q=%c3%a9cole", "école"),
        ("q=%C3%89COLE%20%26%20mairie", "ÉCOLE & mairie"),
        ("q=a%2Bb", "a+b"),
        ("q=100%", "100%"),
        ("q=100%25", "100%"),
        ("q=%zz%4", "%zz%4"),
        ("q=%C3", "%C3"),
        ("q=d%E9mat+%C3%A9", "d%E9mat %C3%A9"),
        ("q=a=b", "a=b"),
        ("%71=cl%C3%A9", "clé"),
    ];
    for (input, text) in cases {
        assert_eq!(AgendaQuery::parse(input).filter.text, text, "{input}");
    }
    let q = AgendaQuery::parse("theme=finances%2Curbanisme&vue=fri%73e");
    assert_eq!(q.filter.themes, codes(&["finances", "urbanisme"]));
    assert_eq!(q.view, View::Frise);
}

#[test]
fn text_with_separators_and_accents_survives_the_round_trip() {
    for text in [
        "a&b",
        "x, y = z #ancre",
        "?q=injection&theme=finances",
        "démat école œuvre",
        "100% + 50%",
        "  espaces  ",
        " ",
        "ligne\nsuivante\ttab",
        "emoji 🏛️ et 中文",
        "%41%",
    ] {
        let q = AgendaQuery {
            filter: Filter {
                text: text.into(),
                ..Filter::default()
            },
            ..AgendaQuery::default()
        };
        let printed = q.to_query_string();
        assert!(
            printed.starts_with("q=") && !printed[2..].contains(['&', '=', '#', ' ', '+', ',']),
            "{text:?} is printed as one escaped value: {printed}"
        );
        assert_eq!(AgendaQuery::parse(&printed), q, "{text:?} via {printed}");
    }
    assert_eq!(encode("é, b&c=d#"), "%C3%A9%2C%20b%26c%3Dd%23");
    assert_eq!(decode(&encode("a+b c")), "a+b c");
}

#[test]
fn active_filters_are_labelled_and_each_can_be_removed() {
    let dataset = fixture();
    let q = AgendaQuery::parse(
        "q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&au=2026-12&porteur=dinum\
         &nature=end_of_service&public=epci&statut=en-cours&vue=frise&passes=1",
    );
    let active = q.active_filters(&dataset);
    let rows: Vec<(&str, String)> = active
        .iter()
        .map(|a| (a.label.as_str(), a.without.to_query_string()))
        .collect();
    let tail = "porteur=dinum&nature=end_of_service&public=epci&statut=en-cours&vue=frise&passes=1";
    let expected: Vec<(&str, String)> = vec![
        (
            "Recherche : « demat »",
            format!("theme=etat-civil,inconnu&du=2025-01&au=2026-12&{tail}"),
        ),
        (
            "Depuis : janvier 2025",
            format!("q=%20demat%20&theme=etat-civil,inconnu&au=2026-12&{tail}"),
        ),
        (
            "Jusqu'à : décembre 2026",
            format!("q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&{tail}"),
        ),
        (
            "Thème : État civil",
            format!("q=%20demat%20&theme=inconnu&du=2025-01&au=2026-12&{tail}"),
        ),
        (
            "Thème : inconnu",
            format!("q=%20demat%20&theme=etat-civil&du=2025-01&au=2026-12&{tail}"),
        ),
        (
            "Porteur : DINUM",
            "q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&au=2026-12\
             &nature=end_of_service&public=epci&statut=en-cours&vue=frise&passes=1"
                .into(),
        ),
        (
            "Nature : Fin de service",
            "q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&au=2026-12\
             &porteur=dinum&public=epci&statut=en-cours&vue=frise&passes=1"
                .into(),
        ),
        (
            "Public : EPCI",
            "q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&au=2026-12\
             &porteur=dinum&nature=end_of_service&statut=en-cours&vue=frise&passes=1"
                .into(),
        ),
        (
            "Statut : En cours",
            "q=%20demat%20&theme=etat-civil,inconnu&du=2025-01&au=2026-12\
             &porteur=dinum&nature=end_of_service&public=epci&vue=frise&passes=1"
                .into(),
        ),
    ];
    assert_eq!(rows, expected);
    for a in &active {
        assert_eq!(a.without.view, View::Frise, "{}: the view is kept", a.label);
        assert!(a.without.show_past, "{}: passes is kept", a.label);
    }
}

#[test]
fn active_filters_of_presets_and_single_bounds() {
    let dataset = fixture();
    let labels = |input: &str| -> Vec<(String, String)> {
        AgendaQuery::parse(input)
            .active_filters(&dataset)
            .into_iter()
            .map(|a| (a.label, a.without.to_query_string()))
            .collect()
    };
    let pair = |l: &str, w: &str| (l.to_string(), w.to_string());
    assert_eq!(
        labels("periode=passe&porteur=dgfip"),
        [
            pair("Période : Passé", "porteur=dgfip"),
            pair("Porteur : DGFiP", "periode=passe"),
        ]
    );
    assert_eq!(
        labels("periode=annee"),
        [pair("Période : Année en cours", "")]
    );
    assert_eq!(
        labels("du=2025-08"),
        [pair("Depuis : août 2025", "")],
        "removing the only bound restricts nothing"
    );
    assert_eq!(
        labels("au=2025-02&q=%20%20"),
        [pair("Jusqu'à : février 2025", "q=%20%20")],
        "blank text is not an active filter"
    );
    assert_eq!(labels("vue=frise&passes=1"), Vec::<(String, String)>::new());
    let without = &AgendaQuery::parse("du=2025-08").active_filters(&dataset)[0].without;
    assert!(without.filter.is_empty());
}

#[test]
fn cleared_keeps_the_display_only() {
    let q = AgendaQuery::parse(
        "q=x&theme=finances&periode=passe&porteur=dgfip&nature=obligation&public=epci\
         &statut=passe&vue=frise&passes=1",
    );
    let cleared = q.cleared();
    assert_eq!(cleared.to_query_string(), "vue=frise&passes=1");
    assert!(cleared.filter.is_empty());
    assert_eq!((cleared.view, cleared.show_past), (View::Frise, true));
    assert_eq!(AgendaQuery::parse("q=x").cleared(), AgendaQuery::default());
}

#[test]
fn retain_known_drops_stale_codes() {
    let dataset = fixture();
    let mut q = AgendaQuery::parse("theme=finances,disparu&porteur=dinum,ancien&q=x");
    q.retain_known(&dataset);
    assert_eq!(q.to_query_string(), "q=x&theme=finances&porteur=dinum");
}

/// A month range with both bounds open is `Period::Any`: one meaning, one value, so
/// every query the app builds survives the URL round trip.
#[test]
fn a_period_with_both_bounds_open_is_any() {
    assert_eq!(Period::months(None, None), Period::Any);
    let mut q = AgendaQuery::parse("du=2025-08");
    let remove_from = q.active_filters(
        &agenda_core::load(include_bytes!("../../../public/data/agenda.json"))
            .unwrap()
            .dataset,
    );
    assert_eq!(remove_from.len(), 1);
    q = remove_from[0].without.clone();
    assert_eq!(q.filter.period, Period::Any);
    assert_eq!(AgendaQuery::parse(&q.to_query_string()), q);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        // Failures are reported with their minimal input; no file is written.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
}

fn subset<T: Ord + Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = SortedSet<T>> {
    proptest::collection::vec(any::<bool>(), all.len()).prop_map(move |keep| {
        all.iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(v, _)| v.clone())
            .collect()
    })
}

fn year_month() -> impl Strategy<Value = YearMonth> {
    (1900i32..=2200, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::Any),
        proptest::sample::select(PeriodPreset::ALL.to_vec()).prop_map(Period::Preset),
        (
            proptest::option::of(year_month()),
            proptest::option::of(year_month())
        )
            .prop_map(|(from, to)| Period::months(from, to)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        any::<String>(),
        // Query syntax, percent signs, accents and spaces are the interesting part.
        "[ a-zA-Z0-9&=,#%+?;/éÉœ€-]{0,16}",
    ]
}

prop_compose! {
    fn agenda_query()(
        text in text(),
        themes in proptest::collection::btree_set(slug(), 0..4),
        carriers in proptest::collection::btree_set(slug(), 0..4),
        natures in subset(&Nature::ALL),
        kinds in subset(&AuthorityKind::ALL),
        statuses in subset(&Status::ALL),
        period in period(),
        frise in any::<bool>(),
        show_past in any::<bool>(),
        only_new in any::<bool>(),
        zoom in proptest::sample::select(agenda_core::frise::Zoom::ALL.to_vec()),
        window_start in proptest::option::of(year_month()),
        profile in proptest::option::of(profile()),
    ) -> AgendaQuery {
        AgendaQuery {
            // `updated_after` comes from the browser's last visit, never from the URL.
            filter: Filter { text, themes: themes.into_iter().collect(), period, carriers: carriers.into_iter().collect(), natures, kinds, statuses, updated_after: None, profile },
            view: if frise { View::Frise } else { View::List },
            show_past,
            only_new,
            zoom,
            window_start,
        }
    }
}

/// A string shaped like a query: known and unknown keys, values with escapes.
fn query_like() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        proptest::sample::select(vec![
            "q", "theme", "periode", "du", "au", "porteur", "nature", "public", "statut", "vue",
            "passes", "%71", "zzz", "",
        ])
        .prop_map(str::to_string),
        "[a-z%0-9+]{0,5}",
    ];
    let value = prop_oneof![
        proptest::sample::select(vec![
            "6-mois",
            "passe",
            "2025-01",
            "2200-12",
            "1899-12",
            "frise",
            "liste",
            "1",
            "obligation,epci",
            "commune,,region",
            "a-venir",
            "finances,urbanisme",
        ])
        .prop_map(str::to_string),
        "[a-z0-9%+,=&#.-]{0,12}",
        any::<String>(),
    ];
    proptest::collection::vec((key, proptest::option::of(value)), 0..8).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k,
            })
            .collect::<Vec<_>>()
            .join("&")
    })
}

/// Every JSON value path of `value`, as JSON pointers ("" is the root).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        // Dates of every shape, valid or not, and slug-like or code-like strings.
        "[0-9]{4}(-([0-9]{2}|[TS][0-9]))?(-[0-9]{2})?".prop_map(Value::String),
        proptest::sample::select(vec![
            "2026",
            "2025-T3",
            "2024-02-29",
            "2023-02-29",
            "1899",
            "2201-01",
            "finances",
            "dgfip",
            "obligation",
            "epci",
            "more_than",
            "legal",
            "https://x.fr",
            "javascript:x",
            "1.0",
            "2.0",
            "1.9",
            "",
            " ",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    AddField(String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => arbitrary_json().prop_map(Mutation::Replace),
        1 => Just(Mutation::Remove),
        1 => ("[a-z_]{1,12}", arbitrary_json()).prop_map(|(k, v)| Mutation::AddField(k, v)),
    ]
}

/// A valid dataset with several chantiers, and every path inside it.
fn valid_dataset() -> (Value, Vec<String>) {
    let mut second = common::chantier("second", "2026-T2");
    second["milestones"][1]["end"] = Value::from("2030");
    second["contact"] = Value::from("contact@anct.gouv.fr");
    second["concerned"]["rules"] = serde_json::json!([
        {"kind": "epci", "epci_kinds": ["ca", "metropole"],
         "thresholds": [{"measure": "staff", "comparison": "at_least", "value": 50}]}
    ]);
    let value = common::dataset(vec![
        common::chantier("first", "2024-01-01"),
        second,
        common::chantier("third", "2026"),
    ]);
    let loaded = load(&common::bytes(&value)).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut paths = Vec::new();
    pointers(&value, String::new(), &mut paths);
    (value, paths)
}

fn apply(value: &mut Value, pointer: &str, mutation: Mutation) {
    match mutation {
        Mutation::Replace(new) => {
            if let Some(slot) = value.pointer_mut(pointer) {
                *slot = new;
            }
        }
        Mutation::Remove => {
            let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", ""));
            match value.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::AddField(key, new) => match value.pointer_mut(pointer) {
            Some(Value::Object(map)) => {
                map.insert(key, new);
            }
            Some(Value::Array(items)) => items.push(new),
            Some(slot) => *slot = new,
            None => {}
        },
    }
}

/// Loads `bytes` and checks what a load promises: no panic, only valid chantiers
/// kept, ids unique, and the kept dataset can be indexed and laid out.
fn check_load(bytes: &[u8]) -> Result<(), TestCaseError> {
    match load(bytes) {
        Ok(loaded) => {
            let d = &loaded.dataset;
            let vocabulary = Vocabulary::new(&d.themes, &d.carriers);
            let mut ids = BTreeSet::new();
            for c in &d.chantiers {
                let errors: Vec<_> = check_chantier(c, &vocabulary)
                    .into_iter()
                    .filter(|f| f.kind.severity() == Severity::Error)
                    .collect();
                prop_assert!(errors.is_empty(), "kept {} with errors {errors:?}", c.id);
                prop_assert!(ids.insert(c.id.clone()), "duplicate id {} kept", c.id);
                prop_assert!(
                    c.milestones.windows(2).all(|w| w[0].date <= w[1].date),
                    "milestones of {} are sorted",
                    c.id
                );
            }
            for p in &loaded.problems {
                prop_assert!(!p.to_string().is_empty());
            }
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
            let index = Index::new(d, today);
            for period in [
                Period::Any,
                Period::Preset(PeriodPreset::Next6Months),
                Period::Preset(PeriodPreset::Past),
            ] {
                let filter = Filter {
                    period,
                    text: "a".into(),
                    ..Filter::default()
                };
                let selection = index.select(d, &filter);
                let _ = Timeline::build(d, &selection, today, false, 100).today_marker_before();
                let _ = selection.count_fr();
            }
            let _ = AgendaQuery::parse("q=a&theme=finances").active_filters(d);
        }
        Err(e) => prop_assert!(!e.to_string().is_empty(), "an error says why"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// (a) Printing then parsing gives the query back.
    #[test]
    fn printing_then_parsing_gives_the_query_back(q in agenda_query()) {
        let printed = q.to_query_string();
        let parsed = AgendaQuery::parse(&printed);
        prop_assert_eq!(&parsed, &q.clone(), "via {:?}", printed);
        // And the printed form is canonical: printing again changes nothing.
        prop_assert_eq!(parsed.to_query_string(), printed);
        // With or without the leading `?`.
        prop_assert_eq!(AgendaQuery::parse(&format!("?{}", q.to_query_string())), q);
    }

    /// (b) Any string parses, and its printed form is a fixed point.
    #[test]
    fn parsing_any_text_is_total_and_printing_is_a_fixed_point(
        input in prop_oneof![any::<String>(), query_like()]
    ) {
        let once = AgendaQuery::parse(&input);
        let printed = once.to_query_string();
        let twice = AgendaQuery::parse(&printed);
        prop_assert_eq!(&twice, &once, "{:?} printed as {:?}", input, printed);
        prop_assert_eq!(twice.to_query_string(), printed);
    }

    /// (c) Loading arbitrary bytes never panics.
    #[test]
    fn loading_arbitrary_bytes_never_panics(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..256),
            any::<String>().prop_map(String::into_bytes),
            arbitrary_json().prop_map(|v| common::bytes(&v)),
        ]
    ) {
        check_load(&bytes)?;
    }

    /// (c) Loading a valid dataset with one value changed never panics, and keeps
    /// only valid chantiers.
    #[test]
    fn loading_a_mutated_dataset_never_panics(
        at in any::<proptest::sample::Index>(),
        mutation in mutation(),
        second in proptest::option::of((any::<proptest::sample::Index>(), mutation())),
    ) {
        let (mut value, paths) = valid_dataset();
        apply(&mut value, &paths[at.index(paths.len())], mutation);
        if let Some((at, mutation)) = second {
            apply(&mut value, &paths[at.index(paths.len())], mutation);
        }
        check_load(&common::bytes(&value))?;
    }

    /// (c) Loading a valid dataset's text with bytes changed or cut never panics.
    #[test]
    fn loading_a_damaged_text_never_panics(
        at in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        let (value, _) = valid_dataset();
        let mut bytes = common::bytes(&value);
        let i = at.index(bytes.len());
        if cut {
            bytes.truncate(i);
        } else {
            bytes[i] = byte;
        }
        check_load(&bytes)?;
    }
}

#[test]
fn the_shipped_dataset_survives_every_single_value_replacement_by_null() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/agenda.json"
    ))
    .expect("the shipped dataset");
    let original: Value = serde_json::from_slice(&text).unwrap();
    let mut paths = Vec::new();
    pointers(&original, String::new(), &mut paths);
    // Every 7th path keeps this test fast while touching every kind of field.
    for path in paths.iter().step_by(7) {
        let mut value = original.clone();
        apply(&mut value, path, Mutation::Replace(Value::Null));
        if let Err(e) = check_load(&common::bytes(&value)) {
            panic!("replacing {path} by null: {e}");
        }
    }
}

prop_compose! {
    fn profile()(
        kind in proptest::sample::select(AuthorityKind::ALL.to_vec()),
        epci in proptest::option::of(proptest::sample::select(agenda_core::EpciKind::ALL.to_vec())),
        population in proptest::option::of(0u32..=999_999_999),
        staff in proptest::option::of(0u32..=999_999_999),
    ) -> agenda_core::profile::Profile {
        agenda_core::profile::Profile {
            kind,
            // The kind of EPCI only means something for an EPCI.
            epci_kind: epci.filter(|_| kind == AuthorityKind::Epci),
            population,
            staff,
        }
    }
}
