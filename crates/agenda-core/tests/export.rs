//! The exports as other programs read them: iCalendar text form (folding, escaping,
//! CRLF), event identity and dates at every precision, CSV round trip, Atom
//! well-formedness and escaping.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use agenda_core::export::{self, atom, csv, ics};
use agenda_core::index::MilestoneRef;
use agenda_core::Dataset;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/agenda.json");
const SITE: &str = "https://agenda.example.gouv.fr/";

fn shipped() -> Dataset {
    let bytes = std::fs::read(SHIPPED).unwrap();
    agenda_core::load(&bytes).unwrap().dataset
}

/// A dataset from JSON chantiers, without validation (hostile text allowed).
fn dataset(chantiers: Vec<Value>) -> Dataset {
    serde_json::from_value(common::dataset(chantiers)).unwrap()
}

fn chantier(id: &str, milestones: Value) -> Value {
    let mut c = common::chantier(id, "2024-01-01");
    c["milestones"] = milestones;
    c
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

fn options() -> ics::CalendarOptions {
    ics::CalendarOptions::new(SITE, ics::theme_calendar_name("Finances"), stamp())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn whole_calendar(d: &Dataset) -> String {
    ics::calendar(d, &export::chronological(d), &options())
}

/// Checks the physical form (CRLF, at most 75 octets, continuation lines) and returns
/// the logical lines.
fn unfold(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    let body = &text[..text.len() - 2];
    assert!(
        !body.replace("\r\n", "").contains(['\r', '\n']),
        "no bare CR or LF"
    );
    let mut lines: Vec<String> = Vec::new();
    for physical in body.split("\r\n") {
        assert!(
            physical.len() <= ics::FOLD_OCTETS,
            "{} octets: {physical:?}",
            physical.len()
        );
        match physical.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .expect("no leading continuation")
                .push_str(rest),
            None => lines.push(physical.to_string()),
        }
    }
    lines
}

/// The inverse of `ics::escape_text`.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other @ ('\\' | ';' | ',')) => out.push(other),
            other => panic!("invalid escape \\{other:?} in {value:?}"),
        }
    }
    out
}

/// The events of a calendar: property (with parameters) → raw value.
fn events(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut events = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    for line in unfold(text) {
        let (name, value) = line.split_once(':').expect("a property line has a colon");
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(BTreeMap::new()),
            ("END", "VEVENT") => events.push(current.take().expect("an open event")),
            _ => {
                if let Some(event) = current.as_mut() {
                    assert!(
                        event.insert(name.to_string(), value.to_string()).is_none(),
                        "{name} twice in one event"
                    );
                }
            }
        }
    }
    events
}

fn one_event(date: &str, end: Option<&str>) -> BTreeMap<String, String> {
    let mut m = json!({"id": "jalon", "label": "Libellé du jalon", "date": date});
    if let Some(end) = end {
        m["end"] = json!(end);
    }
    let d = dataset(vec![chantier("chantier", json!([m]))]);
    let mut all = events(&whole_calendar(&d));
    assert_eq!(all.len(), 1);
    all.remove(0)
}

// ---------------------------------------------------------------- iCalendar: text form

#[test]
fn folding_at_exactly_75_and_76_octets() {
    let exact = format!("SUMMARY:{}", "a".repeat(67));
    assert_eq!(exact.len(), 75);
    assert_eq!(ics::fold(&exact), format!("{exact}\r\n"));
    let over = format!("SUMMARY:{}", "a".repeat(68));
    assert_eq!(
        ics::fold(&over),
        format!("SUMMARY:{}\r\n a\r\n", "a".repeat(67))
    );
}

#[test]
fn folding_never_splits_a_character() {
    for ch in ['é', '€', '😀'] {
        for prefix in 68..=80 {
            let line = format!("{}{ch}fin", "x".repeat(prefix));
            let folded = ics::fold(&line);
            // Every physical line is valid UTF-8 on its own and at most 75 octets.
            for physical in folded.split("\r\n") {
                assert!(physical.len() <= 75, "{ch} after {prefix}: {physical:?}");
                assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
            }
            assert_eq!(unfold(&folded), vec![line.clone()], "{ch} after {prefix}");
            // A character that would cross octet 75 starts the continuation line.
            if prefix < 75 && prefix + ch.len_utf8() > 75 {
                assert!(
                    folded.starts_with(&format!("{}\r\n {ch}", "x".repeat(prefix))),
                    "{ch} after {prefix}: {folded:?}"
                );
            }
        }
    }
}

#[test]
fn very_long_words_are_folded_too() {
    let word = "anticonstitutionnellement".repeat(40);
    let d = dataset(vec![chantier(
        "long",
        json!([{"id": "a", "label": word, "date": "2025-03-14"}]),
    )]);
    let text = whole_calendar(&d);
    let event = &events(&text)[0];
    assert_eq!(
        unescape(&event["SUMMARY"]),
        format!("Chantier long : {word}")
    );
}

#[test]
fn long_french_text_with_an_emoji_at_the_fold() {
    // "SUMMARY:" (8 octets) + 64 octets of title puts the 4-octet emoji on octets
    // 73–76: it must move whole to the next line.
    let title = format!(
        "Dématérialisation{}",
        "e".repeat(64 - "Dématérialisation".len())
    );
    assert_eq!(title.len(), 64);
    let label = "Échéance : « clôture » des dépôts — été 2025, à vérifier auprès de la préfecture ; voir l'arrêté";
    let mut c = chantier(
        "emoji",
        json!([{"id": "a", "label": label, "date": "2025-06-30"}]),
    );
    c["title"] = json!(format!("{title}🗓️ suite"));
    let text = whole_calendar(&dataset(vec![c]));
    assert!(
        text.contains(&format!("\r\nSUMMARY:{title}\r\n 🗓")),
        "the emoji starts the continuation line"
    );
    let event = &events(&text)[0];
    assert_eq!(
        unescape(&event["SUMMARY"]),
        format!("{title}🗓️ suite : {label}")
    );
}

#[test]
fn text_values_are_escaped() {
    let label = "Dépôt, vote; clôture \\ fin\nsuite\r\net fin";
    let details = "Ligne 1\nLigne 2 ; avec, virgule";
    let d = dataset(vec![chantier(
        "echappement",
        json!([{"id": "a", "label": label, "date": "2025-03-14", "details": details}]),
    )]);
    let text = whole_calendar(&d);
    let event = &events(&text)[0];
    let summary = &event["SUMMARY"];
    assert!(summary.contains("Dépôt\\, vote\\; clôture \\\\ fin\\nsuite\\net fin"));
    assert_eq!(
        unescape(summary),
        "Chantier echappement : Dépôt, vote; clôture \\ fin\nsuite\net fin"
    );
    let description = unescape(&event["DESCRIPTION"]);
    assert!(description.contains("Ligne 1\nLigne 2 ; avec, virgule"));
    // The calendar name is escaped too.
    let named = ics::calendar(
        &d,
        &[],
        &ics::CalendarOptions::new(SITE, "Agenda ; a, b", stamp()),
    );
    assert!(named.contains("\r\nX-WR-CALNAME:Agenda\u{202F}\\; a\\, b\r\n"));
}

#[test]
fn control_characters_never_break_the_structure() {
    let hostile = "a\u{0}b\u{7}c\u{1B}d\re\u{7F}f\r\nEND:VCALENDAR";
    let mut c = chantier(
        "hostile",
        json!([{"id": "a", "label": hostile, "date": "2025-03-14", "details": hostile}]),
    );
    c["title"] = json!(hostile);
    let text = whole_calendar(&dataset(vec![c]));
    let lines = unfold(&text);
    assert_eq!(lines.iter().filter(|l| *l == "END:VCALENDAR").count(), 1);
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert_eq!(events(&text).len(), 1);
}

#[test]
fn every_line_of_the_shipped_calendar_is_well_formed() {
    let d = shipped();
    let text = whole_calendar(&d);
    let lines = unfold(&text);
    assert_eq!(
        &lines[..5],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Agenda numérique des collectivités//agenda-core//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
    );
    assert!(lines.contains(&"X-WR-CALNAME:Agenda numérique des collectivités — Finances".into()));
    let total: usize = d.chantiers.iter().map(|c| c.milestones.len()).sum();
    let all = events(&text);
    assert_eq!(all.len(), total);
    for event in &all {
        for property in [
            "UID",
            "DTSTAMP",
            "DTSTART;VALUE=DATE",
            "DTEND;VALUE=DATE",
            "SUMMARY",
            "DESCRIPTION",
            "URL;VALUE=URI",
            "CATEGORIES",
            "STATUS",
            "TRANSP",
        ] {
            assert!(
                event.contains_key(property),
                "{property} missing: {event:?}"
            );
        }
        assert_eq!(event["DTSTAMP"], "20261101T000000Z");
        assert!(event["DTEND;VALUE=DATE"] > event["DTSTART;VALUE=DATE"]);
        assert!(event["URL;VALUE=URI"].starts_with("https://agenda.example.gouv.fr/chantiers/"));
        let description = unescape(&event["DESCRIPTION"]);
        assert!(description.contains(&format!("Fiche du chantier : {}", event["URL;VALUE=URI"])));
        assert!(description.contains("Nature : "));
    }
    let uids: BTreeSet<&String> = all.iter().map(|e| &e["UID"]).collect();
    assert_eq!(uids.len(), total, "UIDs are unique");
}

// ---------------------------------------------------------------- iCalendar: identity

#[test]
fn uids_survive_reordering_and_edits() {
    let original = dataset(vec![
        chantier(
            "alpha",
            json!([
                {"id": "ouverture", "label": "Ouverture", "date": "2025-01-01"},
                {"id": "cloture", "label": "Clôture", "date": "2026"}
            ]),
        ),
        chantier(
            "beta",
            json!([{"id": "lancement", "label": "Lancement", "date": "2025-T2"}]),
        ),
    ]);
    let edited = dataset(vec![
        chantier(
            "beta",
            json!([{"id": "lancement", "label": "Lancement reporté", "date": "2025-T4",
                    "details": "Nouveau calendrier."}]),
        ),
        chantier(
            "alpha",
            json!([
                {"id": "cloture", "label": "Clôture définitive", "date": "2027-S1"},
                {"id": "ouverture", "label": "Ouverture", "date": "2025-01-01"}
            ]),
        ),
    ]);
    let uids = |d: &Dataset| -> BTreeMap<String, String> {
        events(&whole_calendar(d))
            .into_iter()
            .map(|e| (e["UID"].clone(), unescape(&e["SUMMARY"])))
            .collect()
    };
    let before = uids(&original);
    let after = uids(&edited);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        before.keys().cloned().collect::<Vec<_>>(),
        [
            "alpha.cloture@agenda-numerique-collectivites",
            "alpha.ouverture@agenda-numerique-collectivites",
            "beta.lancement@agenda-numerique-collectivites",
        ]
    );
    // The same UID now carries the edited text.
    assert_eq!(
        after["beta.lancement@agenda-numerique-collectivites"],
        "[4e trimestre 2025] Chantier beta : Lancement reporté"
    );
    // The selection order does not matter either.
    let forward = export::chronological(&original);
    let backward: Vec<MilestoneRef> = forward.iter().rev().copied().collect();
    let set = |refs: &[MilestoneRef]| -> BTreeSet<String> {
        events(&ics::calendar(&original, refs, &options()))
            .into_iter()
            .map(|e| e["UID"].clone())
            .collect()
    };
    assert_eq!(set(&forward), set(&backward));
}

// ---------------------------------------------------------------- iCalendar: dates

#[test]
fn every_precision_and_period_is_represented() {
    // (date, end, DTSTART, DTEND, summary prefix, STATUS, description start)
    let cases = [
        ("2024-02-29", None, "20240229", "20240301", "", "CONFIRMED", "Date : 29 février 2024"),
        ("2025-12-31", None, "20251231", "20260101", "", "CONFIRMED", "Date : 31 décembre 2025"),
        ("2024-01-01", None, "20240101", "20240102", "", "CONFIRMED", "Date : 1er janvier 2024"),
        ("2024-02", None, "20240201", "20240301", "[Février 2024] ", "TENTATIVE",
            "Date connue au mois près : février 2024"),
        ("2023-02", None, "20230201", "20230301", "[Février 2023] ", "TENTATIVE",
            "Date connue au mois près : février 2023"),
        ("2025-T3", None, "20250701", "20251001", "[3e trimestre 2025] ", "TENTATIVE",
            "Date connue au trimestre près : 3e trimestre 2025"),
        ("2025-T4", None, "20251001", "20260101", "[4e trimestre 2025] ", "TENTATIVE",
            "Date connue au trimestre près : 4e trimestre 2025"),
        ("2026-S1", None, "20260101", "20260701", "[1er semestre 2026] ", "TENTATIVE",
            "Date connue au semestre près : 1er semestre 2026"),
        ("2026-S2", None, "20260701", "20270101", "[2e semestre 2026] ", "TENTATIVE",
            "Date connue au semestre près : 2e semestre 2026"),
        ("2026", None, "20260101", "20270101", "[Courant 2026] ", "TENTATIVE",
            "Date connue à l'année près : 2026"),
        ("2023", Some("2027"), "20230101", "20280101", "[De 2023 à 2027] ", "TENTATIVE",
            "Période : de 2023 à 2027 (début connu à l'année près, fin connue à l'année près)"),
        ("2021-01-25", Some("2022"), "20210125", "20230101", "[Du 25 janvier 2021 à 2022] ",
            "TENTATIVE", "Période : du 25 janvier 2021 à 2022 (fin connue à l'année près)"),
        ("2025-T1", Some("2025-T3"), "20250101", "20251001",
            "[Du 1er trimestre 2025 au 3e trimestre 2025] ", "TENTATIVE",
            "Période : du 1er trimestre 2025 au 3e trimestre 2025 (début connu au trimestre près, fin connue au trimestre près)"),
        ("2024-01-01", Some("2024-06-30"), "20240101", "20240701", "", "CONFIRMED",
            "Période : du 1er janvier 2024 au 30 juin 2024"),
    ];
    for (date, end, start, stop, prefix, status, sentence) in cases {
        let event = one_event(date, end);
        assert_eq!(event["DTSTART;VALUE=DATE"], start, "{date} {end:?}");
        assert_eq!(event["DTEND;VALUE=DATE"], stop, "{date} {end:?}");
        assert_eq!(
            unescape(&event["SUMMARY"]),
            format!("{prefix}Chantier chantier : Libellé du jalon"),
            "{date} {end:?}"
        );
        assert_eq!(event["STATUS"], status, "{date} {end:?}");
        assert_eq!(event["TRANSP"], "TRANSPARENT");
        let description = unescape(&event["DESCRIPTION"]);
        assert!(
            description.starts_with(&format!("{sentence}\n")),
            "{date} {end:?}: {description}"
        );
    }
}

#[test]
fn the_description_tells_everything_needed() {
    let mut c = chantier(
        "budget",
        json!([{"id": "a", "label": "Vote", "date": "2025-T3", "details": "Avant le 30 septembre."}]),
    );
    c["concerned"]["note"] = json!("Hors communes nouvelles.");
    c["carriers"] = json!(["dgfip", "dinum"]);
    c["themes"] = json!(["finances", "etat-civil"]);
    let d = dataset(vec![c]);
    let event = &events(&whole_calendar(&d))[0];
    assert_eq!(
        unescape(&event["DESCRIPTION"]),
        "Date connue au trimestre près : 3e trimestre 2025\n\
         Avant le 30 septembre.\n\n\
         Chantier : Chantier budget\n\
         Un résumé d'une phrase.\n\n\
         Nature : Obligation réglementaire\n\
         Collectivités concernées : Communes de plus de 3\u{202F}500 habitants — Hors communes nouvelles.\n\
         Porteurs : DGFiP, DINUM\n\
         Fiche du chantier : https://agenda.example.gouv.fr/chantiers/budget"
    );
    assert_eq!(event["CATEGORIES"], "Finances,État civil");
    assert_eq!(
        event["URL;VALUE=URI"],
        "https://agenda.example.gouv.fr/chantiers/budget"
    );
    assert_eq!(event["LAST-MODIFIED"], "20261101T000000Z");
}

#[test]
fn references_that_point_nowhere_are_skipped() {
    let d = dataset(vec![chantier(
        "seul",
        json!([{"id": "a", "label": "A", "date": "2025"}]),
    )]);
    let refs = [
        MilestoneRef {
            chantier: 0,
            milestone: 0,
        },
        MilestoneRef {
            chantier: 0,
            milestone: 7,
        },
        MilestoneRef {
            chantier: 9,
            milestone: 0,
        },
        MilestoneRef {
            chantier: usize::MAX,
            milestone: usize::MAX,
        },
    ];
    assert_eq!(events(&ics::calendar(&d, &refs, &options())).len(), 1);
    let empty = ics::calendar(&d, &[], &options());
    assert_eq!(
        unfold(&empty).first().map(String::as_str),
        Some("BEGIN:VCALENDAR")
    );
    assert!(events(&empty).is_empty());
    assert!(events(&ics::chantier_calendar(&d, 5, &options())).is_empty());
    assert_eq!(events(&ics::chantier_calendar(&d, 0, &options())).len(), 1);
}

#[test]
fn dates_a_calendar_cannot_hold_are_skipped_not_panicked_on() {
    let mut d = dataset(vec![chantier(
        "bornes",
        json!([{"id": "a", "label": "A", "date": "2025"}, {"id": "b", "label": "B", "date": "2026"}]),
    )]);
    d.chantiers[0].milestones[0].date = agenda_core::PartialDate::day(NaiveDate::MAX);
    d.chantiers[0].milestones[1].date = agenda_core::PartialDate::day(NaiveDate::MIN);
    let far = Utc.with_ymd_and_hms(20000, 1, 1, 0, 0, 0).unwrap();
    let text = ics::calendar(
        &d,
        &export::chronological(&d),
        &ics::CalendarOptions::new(SITE, "Agenda", far),
    );
    assert!(events(&text).is_empty());
    let text = csv::csv(&d, &export::chronological(&d), SITE, day(2026, 1, 1));
    assert_eq!(text.lines().count(), 3);
    let _ = atom::feed(&d, &atom::FeedOptions::new(SITE, SITE, NaiveDate::MAX));
}

#[test]
fn themes_select_their_chantiers() {
    let d = shipped();
    for theme in &d.themes {
        let refs = export::of_theme(&d, &theme.code);
        let expected: usize = d
            .chantiers
            .iter()
            .filter(|c| c.themes.contains(&theme.code))
            .map(|c| c.milestones.len())
            .sum();
        assert_eq!(refs.len(), expected, "{}", theme.code);
        let dates: Vec<_> = refs
            .iter()
            .map(|r| d.chantiers[r.chantier].milestones[r.milestone].date)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "chronological");
    }
}

proptest! {
    #[test]
    fn any_text_survives_escaping_and_folding(text in "\\PC*", prefix in 0usize..80) {
        let line = format!("{}:{}", "X".repeat(prefix.max(1)), ics::escape_text(&text));
        let lines = unfold(&ics::fold(&line));
        prop_assert_eq!(lines.len(), 1);
        let value = lines[0].split_once(':').unwrap().1;
        prop_assert_eq!(unescape(value), text);
    }

    #[test]
    fn control_characters_are_dropped_or_become_newlines(text in ".*") {
        let escaped = ics::escape_text(&text);
        prop_assert!(!escaped.chars().any(|c| c.is_control() && c != '\t'));
        let expected: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
            .collect();
        prop_assert_eq!(unescape(&escaped), expected);
    }
}

// ---------------------------------------------------------------- CSV

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix('\u{FEFF}').expect("the BOM comes first");
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

proptest! {
    /// The export's own writer writes exactly what the `csv` crate writes with the
    /// same settings (`;`, CRLF, "necessary" quoting), and the crate reads it back.
    #[test]
    fn csv_records_are_written_as_the_csv_crate_writes_them(
        fields in proptest::collection::vec("[a-zé;\"\r\n ,'=-]{0,6}", 1..6),
    ) {
        let mut ours = String::new();
        csv::record(&mut ours, &fields);
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        writer.write_record(&fields).unwrap();
        let theirs = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        // The crate quotes a lone empty field (`""`), so that the line is not
        // blank; the export's records have 18 fields, never one.
        if !(fields.len() == 1 && fields[0].is_empty()) {
            prop_assert_eq!(&ours, &theirs);
        }
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(ours.as_bytes());
        let read: Vec<String> = reader
            .records()
            .next()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .unwrap_or_default();
        if !(fields.len() == 1 && fields[0].is_empty()) {
            prop_assert_eq!(read, fields);
        }
    }
}

#[test]
fn csv_round_trip_keeps_every_field() {
    let awkward_label = "Dépôt ; « vote » du \"budget\", puis\nclôture";
    let awkward_details = "Première ligne\r\nSeconde ligne ; fin";
    let mut c = chantier(
        "budget",
        json!([
            {"id": "vote", "label": awkward_label, "date": "2025-T3", "details": awkward_details},
            {"id": "periode", "label": "Période", "date": "2023-04", "end": "2027"},
            {"id": "jour", "label": "Jour J", "date": "2024-01-01"}
        ]),
    );
    c["title"] = json!("Budget \"primitif\" ; comptes");
    c["sources"] = json!([
        {"label": "A", "url": "https://a.example/x;y"},
        {"label": "B", "url": "https://b.example/"}
    ]);
    c["themes"] = json!(["finances", "etat-civil"]);
    let d = dataset(vec![c]);
    let refs = export::chronological(&d);
    let text = csv::csv(&d, &refs, SITE, day(2025, 8, 1));
    assert!(text.ends_with("\r\n"), "records end with CRLF");
    let (headers, rows) = parse_csv(&text);
    assert_eq!(headers, csv::HEADERS);
    assert_eq!(rows.len(), 3);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let by_id: BTreeMap<&str, &Vec<String>> = rows
        .iter()
        .map(|r| (r[column("Identifiant du jalon")].as_str(), r))
        .collect();

    let vote = by_id["vote"];
    assert_eq!(
        vote,
        &[
            "3e trimestre 2025",
            "trimestre",
            "2025-07-01",
            "2025-09-30",
            awkward_label,
            awkward_details,
            "Budget \"primitif\" ; comptes",
            "budget",
            "vote",
            "Obligation réglementaire",
            "Finances, État civil",
            "DGFiP",
            "Communes de plus de 3\u{202F}500 habitants",
            "En cours",
            "https://a.example/x;y | https://b.example/",
            "https://agenda.example.gouv.fr/chantiers/budget",
            "2026-11-01",
            "Un résumé d'une phrase.",
        ]
        .map(String::from)
    );
    let period = by_id["periode"];
    assert_eq!(period[column("Date")], "d'avril 2023 à 2027");
    assert_eq!(period[column("Précision")], "mois (début), année (fin)");
    assert_eq!(period[column("Date (début)")], "2023-04-01");
    assert_eq!(period[column("Date (fin)")], "2027-12-31");
    let jour = by_id["jour"];
    assert_eq!(jour[column("Date")], "1er janvier 2024");
    assert_eq!(jour[column("Statut")], "Passé");
    assert_eq!(jour[column("Détails")], "");
    // Rows follow the given order.
    assert_eq!(
        rows.iter().map(|r| r[8].as_str()).collect::<Vec<_>>(),
        ["periode", "jour", "vote"]
    );
}

#[test]
fn csv_cells_never_run_as_formulas() {
    let mut c = chantier(
        "formules",
        json!([{"id": "a", "label": "=HYPERLINK(\"https://evil.example\";\"clic\")",
                "date": "2025", "details": "-2+3"}]),
    );
    c["title"] = json!("@SUM(A1)");
    c["summary"] = json!("+33 1 23 45 67 89");
    let d = dataset(vec![c]);
    let (_, rows) = parse_csv(&csv::csv(
        &d,
        &export::chronological(&d),
        SITE,
        day(2026, 1, 1),
    ));
    let row = &rows[0];
    assert_eq!(row[4], "'=HYPERLINK(\"https://evil.example\";\"clic\")");
    assert_eq!(row[5], "'-2+3");
    assert_eq!(row[6], "'@SUM(A1)");
    assert_eq!(row[17], "'+33 1 23 45 67 89");
}

#[test]
fn csv_of_the_shipped_dataset_has_one_row_per_milestone() {
    let d = shipped();
    let refs = export::chronological(&d);
    let text = csv::csv(&d, &refs, SITE, day(2026, 11, 29));
    let (headers, rows) = parse_csv(&text);
    assert_eq!(headers.len(), csv::HEADERS.len());
    assert_eq!(rows.len(), refs.len());
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    assert!(rows.iter().any(|r| r[0] == "1er janvier 2017"));
    assert!(rows.iter().all(|r| r[15].starts_with(SITE)));
}

// ---------------------------------------------------------------- Atom

fn feed_options() -> atom::FeedOptions {
    atom::FeedOptions::new(
        SITE,
        "https://agenda.example.gouv.fr/nouveautes.atom",
        day(2026, 11, 29),
    )
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn children<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    children(node, name)
        .next()
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_shipped_feed_is_well_formed_atom() {
    let d = shipped();
    let xml = atom::feed(&d, &feed_options());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(children(feed, "id").count(), 1);
    assert_eq!(child_text(feed, "id"), SITE);
    assert_eq!(child_text(feed, "title"), atom::FEED_TITLE);
    let author = children(feed, "author").next().unwrap();
    assert_eq!(child_text(author, "name"), d.publisher.name);
    let links: BTreeMap<&str, &str> = children(feed, "link")
        .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
        .collect();
    assert_eq!(
        links["self"],
        "https://agenda.example.gouv.fr/nouveautes.atom"
    );
    assert_eq!(links["alternate"], SITE);

    let entries: Vec<_> = children(feed, "entry").collect();
    assert_eq!(entries.len(), d.chantiers.len().min(atom::DEFAULT_LIMIT));
    let updated: Vec<String> = entries.iter().map(|e| child_text(*e, "updated")).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(child_text(feed, "updated"), updated[0]);
    for entry in &entries {
        let id = child_text(*entry, "id");
        assert!(id.starts_with("https://agenda.example.gouv.fr/chantiers/"));
        let link = children(*entry, "link").next().unwrap();
        assert_eq!(link.attribute("rel"), Some("alternate"));
        assert_eq!(link.attribute("href"), Some(id.as_str()));
        assert!(child_text(*entry, "updated").ends_with("T00:00:00Z"));
        assert!(!child_text(*entry, "summary").is_empty());
        let content = children(*entry, "content").next().unwrap();
        assert_eq!(content.attribute("type"), Some("text"));
        assert!(content
            .text()
            .unwrap()
            .contains("Fiche du chantier : https://"));
    }
    let ids: BTreeSet<String> = entries.iter().map(|e| child_text(*e, "id")).collect();
    assert_eq!(ids.len(), entries.len());
}

#[test]
fn the_feed_escapes_hostile_text() {
    let hostile = "<script>alert(\"l'XSS\")</script> & <b>gras</b> ]]> \u{0}\u{1B}fin";
    let clean = "<script>alert(\"l'XSS\")</script> & <b>gras</b> ]]> fin";
    let mut c = chantier(
        "hostile",
        json!([{"id": "a", "label": hostile, "date": "2027"}]),
    );
    c["title"] = json!(hostile);
    c["summary"] = json!(hostile);
    let mut raw = common::dataset(vec![c]);
    raw["publisher"]["name"] = json!("ANCT & <Cie> \"quotes\"");
    raw["themes"][0]["label"] = json!("Fi\"nances' <&>");
    let d: Dataset = serde_json::from_value(raw).unwrap();
    let xml = atom::feed(&d, &feed_options());
    assert!(!xml.contains("<script>"));
    assert!(!xml.contains("<b>"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed despite hostile text");
    let feed = doc.root_element();
    let entry = children(feed, "entry").next().unwrap();
    assert_eq!(child_text(entry, "title"), clean);
    assert_eq!(child_text(entry, "summary"), clean);
    assert!(child_text(entry, "content").contains(&format!("- 2027 : {clean}")));
    let category = children(entry, "category").next().unwrap();
    assert_eq!(category.attribute("label"), Some("Fi\"nances' <&>"));
    let author = children(feed, "author").next().unwrap();
    assert_eq!(child_text(author, "name"), "ANCT & <Cie> \"quotes\"");
}

#[test]
fn the_feed_orders_limits_and_dates_its_entries() {
    let dated = |id: &str, updated: &str| {
        let mut c = chantier(id, json!([{"id": "a", "label": "A", "date": "2025"}]));
        c["updated"] = json!(updated);
        c
    };
    let d = dataset(vec![
        dated("ancien", "2024-05-01"),
        dated("recent-b", "2026-10-01"),
        dated("milieu", "2025-06-15"),
        dated("recent-a", "2026-10-01"),
    ]);
    let ids = |options: &atom::FeedOptions| -> Vec<String> {
        let xml = atom::feed(&d, options);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        children(doc.root_element(), "entry")
            .map(|e| child_text(e, "id").rsplit('/').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&feed_options()),
        ["recent-a", "recent-b", "milieu", "ancien"]
    );
    let mut limited = feed_options();
    limited.limit = 2;
    assert_eq!(ids(&limited), ["recent-a", "recent-b"]);
    let xml = atom::feed(&d, &limited);
    assert!(xml.contains("\n  <updated>2026-10-01T00:00:00Z</updated>\n"));

    // Without chantiers, the feed is dated from the publication.
    let empty = dataset(vec![]);
    let xml = atom::feed(&empty, &feed_options());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        child_text(doc.root_element(), "updated"),
        "2026-11-01T00:00:00Z"
    );
    assert_eq!(children(doc.root_element(), "entry").count(), 0);
}

#[test]
fn the_feed_lists_only_milestones_to_come() {
    let d = dataset(vec![chantier(
        "jalons",
        json!([
            {"id": "passe", "label": "Déjà passé", "date": "2020-01-01"},
            {"id": "en-cours", "label": "En cours", "date": "2026-S2"},
            {"id": "futur", "label": "Plus tard", "date": "2028-03-01"}
        ]),
    )]);
    let xml = atom::feed(&d, &feed_options());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = children(doc.root_element(), "entry").next().unwrap();
    let content = child_text(entry, "content");
    assert!(content.contains(
        "Prochains jalons :\n- 2e semestre 2026 : En cours\n- 1er mars 2028 : Plus tard"
    ));
    assert!(!content.contains("Déjà passé"));

    let past = dataset(vec![chantier(
        "fini",
        json!([{"id": "a", "label": "A", "date": "2020"}]),
    )]);
    let xml = atom::feed(&past, &feed_options());
    assert!(xml.contains("Aucun jalon à venir au 29 novembre 2026."));
}
