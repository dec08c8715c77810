//! CSV: the agenda in a spreadsheet, one row per milestone.
//!
//! The file is made for French spreadsheets, Excel included:
//! - UTF-8 starting with a byte order mark (U+FEFF), without which Excel reads the
//!   accents as Windows-1252;
//! - `;` as the delimiter (the French locale's list separator, the comma being the
//!   decimal one);
//! - records end with CRLF (RFC 4180); a field holding `;`, `"` or a line break is
//!   quoted, its quotes doubled, and its line breaks kept as they are;
//! - a header row of French column names ([`HEADERS`]).
//!
//! A free-text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! prefixed with an apostrophe, so a spreadsheet shows it as text rather than running
//! it as a formula ("CSV injection"). It is the only change made to a value.
//!
//! ```
//! use agenda_core::export;
//! let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
//! let dataset = agenda_core::load(&bytes).unwrap().dataset;
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
//! let text = export::csv::csv(&dataset, &export::chronological(&dataset),
//!     "https://agenda.example.gouv.fr/", today);
//! assert!(text.starts_with("\u{FEFF}Date;Précision;"));
//! ```

use chrono::NaiveDate;

use crate::index::MilestoneRef;
use crate::join::join;
use crate::model::{Chantier, Dataset, Milestone};
use crate::status::milestone_status;

use super::{carrier_labels, chantier_url, concerned_fr, resolve, theme_labels};

/// The byte order mark the file starts with.
///
/// ```
/// assert_eq!(agenda_core::export::csv::BOM.len_utf8(), 3);
/// ```
pub const BOM: char = '\u{FEFF}';

/// The column names, in order.
///
/// ```
/// assert_eq!(agenda_core::export::csv::HEADERS[0], "Date");
/// ```
pub const HEADERS: [&str; 18] = [
    "Date",
    "Précision",
    "Date (début)",
    "Date (fin)",
    "Jalon",
    "Détails",
    "Chantier",
    "Identifiant",
    "Identifiant du jalon",
    "Nature",
    "Thèmes",
    "Porteurs",
    "Collectivités concernées",
    "Statut",
    "Sources",
    "Lien",
    "Mise à jour",
    "Résumé du chantier",
];

/// The CSV text of `milestones` in the given order, with statuses as of `today`.
/// References that point nowhere are skipped.
///
/// Columns ([`HEADERS`]): the date in French words ("1er janvier 2024", "3e trimestre
/// 2025", "de 2023 à 2027"), its precision ("jour" … "année"), the first and last day
/// it covers (ISO 8601), the milestone's label and details, the chantier's title,
/// identifier, the milestone's identifier, nature, themes and carriers (labels
/// separated by ", "), who is concerned, the status on `today`, the sources' addresses
/// (separated by " | "), the chantier's page, its last update (ISO 8601) and summary.
///
/// ```
/// use agenda_core::export::csv::csv;
/// use agenda_core::index::MilestoneRef;
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],"carriers":[],
///   "chantiers":[{"id":"budget","title":"Budget ; vote","summary":"Le budget.","carriers":[],
///   "themes":["finances"],"nature":"obligation","concerned":{"rules":[{"kind":"commune"}]},
///   "updated":"2026-01-01","milestones":[{"id":"vote","label":"Vote","date":"2025-T3"}]}]}"#;
/// let dataset: agenda_core::Dataset = serde_json::from_str(json).unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// let text = csv(&dataset, &[MilestoneRef { chantier: 0, milestone: 0 }], "https://a.fr/", today);
/// let row = text.lines().nth(1).unwrap();
/// assert!(row.starts_with("3e trimestre 2025;trimestre;2025-07-01;2025-09-30;Vote;;\"Budget ; vote\";budget;vote;"));
/// assert!(row.contains(";Passé;;https://a.fr/chantiers/budget;2026-01-01;"));
/// ```
pub fn csv(
    dataset: &Dataset,
    milestones: &[MilestoneRef],
    base_url: &str,
    today: NaiveDate,
) -> String {
    let mut out = String::with_capacity(512 * (milestones.len() + 1));
    out.push(BOM);
    record(&mut out, HEADERS);
    for (chantier, milestone) in milestones.iter().filter_map(|&at| resolve(dataset, at)) {
        record(&mut out, row(dataset, chantier, milestone, base_url, today));
    }
    out
}

/// One record: fields separated by `;`, ended by CRLF; a field holding `;`, `"` or a
/// line break quoted, its quotes doubled (RFC 4180, as the `csv` crate's "necessary"
/// quoting writes it: a test compares both).
///
/// ```
/// let mut out = String::new();
/// agenda_core::export::csv::record(&mut out, ["a", "b;c", "d\"e", "f\ng", ""]);
/// assert_eq!(out, "a;\"b;c\";\"d\"\"e\";\"f\ng\";\r\n");
/// ```
pub fn record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        let field = field.as_ref();
        if field.contains([';', '"', '\n', '\r']) {
            out.push('"');
            // Quotes doubled by hand: `str::replace` would bring the standard
            // library's substring searcher into the wasm for this one line.
            for (i, part) in field.split('"').enumerate() {
                if i > 0 {
                    out.push_str("\"\"");
                }
                out.push_str(part);
            }
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

fn row(
    dataset: &Dataset,
    chantier: &Chantier,
    milestone: &Milestone,
    base_url: &str,
    today: NaiveDate,
) -> [String; 18] {
    let sources: Vec<&str> = chantier.sources.iter().map(|s| s.url.as_str()).collect();
    [
        milestone.when_fr(),
        precision_fr(milestone),
        milestone.date.first_day().to_string(),
        milestone.last_day().to_string(),
        text(&milestone.label),
        text(milestone.details.as_deref().unwrap_or("")),
        text(&chantier.title),
        text(&chantier.id),
        text(&milestone.id),
        chantier.nature.label_fr().to_string(),
        text(&join(&theme_labels(dataset, chantier), ", ")),
        text(&join(&carrier_labels(dataset, chantier), ", ")),
        text(&concerned_fr(chantier)),
        milestone_status(milestone, today).label_fr().to_string(),
        text(&join(&sources, " | ")),
        text(&chantier_url(base_url, &chantier.id)),
        chantier.updated.to_string(),
        text(&chantier.summary),
    ]
}

/// The precision in French; for a period, that of each end when they differ.
fn precision_fr(milestone: &Milestone) -> String {
    let start = milestone.date.precision();
    match milestone.end.map(|e| e.precision()) {
        Some(end) if end != start => {
            format!("{} (début), {} (fin)", start.label_fr(), end.label_fr())
        }
        _ => start.label_fr().to_string(),
    }
}

/// A free-text cell, neutralised if a spreadsheet would read it as a formula.
///
/// ```
/// use agenda_core::export::csv::text;
/// assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(text("- point"), "'- point");
/// assert_eq!(text("Déclaration ; dépôt"), "Déclaration ; dépôt");
/// ```
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Precision;

    #[test]
    fn precision_of_periods() {
        let m: Milestone =
            serde_json::from_str(r#"{"id":"a","label":"x","date":"2023-04","end":"2027"}"#)
                .unwrap();
        assert_eq!(precision_fr(&m), "mois (début), année (fin)");
        let m: Milestone =
            serde_json::from_str(r#"{"id":"a","label":"x","date":"2023","end":"2027"}"#).unwrap();
        assert_eq!(precision_fr(&m), "année");
        assert_eq!(Precision::Day.label_fr(), "jour");
    }
}
