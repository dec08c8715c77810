//! iCalendar (RFC 5545): the agenda in calendar applications.
//!
//! One all-day `VEVENT` per milestone, with dates only (`VALUE=DATE`), so no time
//! zone is needed and the day is the same wherever the calendar is opened.
//!
//! # How dates known to a coarse precision are represented
//!
//! A calendar has no "3rd quarter 2025" date, and placing the event on the first day
//! of the period would tell users something false ("le 1er juillet"). So a milestone is
//! an event **spanning its whole period**, and says how precise it is:
//!
//! | milestone              | `DTSTART` | `DTEND` (exclusive) | `SUMMARY` starts with        | `STATUS`    |
//! |------------------------|-----------|---------------------|------------------------------|-------------|
//! | `2024-02-29` (day)     | 20240229  | 20240301            | (nothing)                    | `CONFIRMED` |
//! | `2022-07` (month)      | 20220701  | 20220801            | `[Juillet 2022] `            | `TENTATIVE` |
//! | `2025-T3` (quarter)    | 20250701  | 20251001            | `[3e trimestre 2025] `       | `TENTATIVE` |
//! | `2026-S1` (semester)   | 20260101  | 20260701            | `[1er semestre 2026] `       | `TENTATIVE` |
//! | `2026` (year)          | 20260101  | 20270101            | `[Courant 2026] `            | `TENTATIVE` |
//! | `2023-04` → `2027`     | 20230401  | 20280101            | `[D'avril 2023 à 2027] `     | `TENTATIVE` |
//! | `2024-01-01` → `2024-06-30` | 20240101 | 20240701       | (nothing)                    | `CONFIRMED` |
//!
//! - A period (`end` set) runs from the first day of `date` to the last day of `end`.
//! - The `DESCRIPTION` opens with the date in words: "Date : 1er janvier 2024",
//!   "Date connue au trimestre près : 3e trimestre 2025", or "Période : … (fin
//!   connue à l'année près)".
//! - `STATUS` says whether the **date** is settled: `CONFIRMED` when every bound is
//!   known to the day, `TENTATIVE` otherwise (clients show such events as
//!   provisional). It does not carry the chantier's nature, which the description
//!   states ("Nature : Obligation réglementaire").
//! - Every event is `TRANSP:TRANSPARENT`: a three-month milestone must not mark the
//!   subscriber as busy.
//!
//! # Identity
//!
//! `UID` is `{chantier id}.{milestone id}@agenda-numerique-collectivites`: the same
//! milestone has the same UID in every export, whatever its order, label or date, so
//! a subscribed calendar updates the event rather than duplicating it. Identifiers are
//! slugs (no dot), so the UID is unambiguous.
//!
//! # Text form
//!
//! Lines end with CRLF and are folded at 75 octets (CRLF then one space), never inside
//! a UTF-8 character. Text values escape `\`, `;`, `,` and newlines (`\n`); other
//! control characters are dropped. A calendar without events is still written (a
//! theme with no chantier yet), so subscribed addresses keep working.
//!
//! ```
//! use agenda_core::export::{self, ics};
//! use chrono::{TimeZone, Utc};
//! let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
//! let dataset = agenda_core::load(&bytes).unwrap().dataset;
//! let options = ics::CalendarOptions::new(
//!     "https://agenda.example.gouv.fr/",
//!     ics::CALENDAR_NAME,
//!     Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
//! );
//! let text = ics::calendar(&dataset, &export::chronological(&dataset), &options);
//! assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
//! assert!(text.ends_with("END:VCALENDAR\r\n"));
//! ```

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use crate::date::Precision;
use crate::index::MilestoneRef;
use crate::join::join;
use crate::model::{Chantier, Dataset, Milestone};

use super::{carrier_labels, chantier_url, concerned_fr, resolve, theme_labels};

/// The name of the whole agenda's calendar.
///
/// ```
/// assert_eq!(agenda_core::export::ics::CALENDAR_NAME, "Agenda numérique des collectivités");
/// ```
pub const CALENDAR_NAME: &str = "Agenda numérique des collectivités";

/// The product identifier written in `PRODID`.
///
/// ```
/// assert!(agenda_core::export::ics::PRODID.ends_with("//FR"));
/// ```
pub const PRODID: &str = "-//Agenda numérique des collectivités//agenda-core//FR";

/// The right-hand side of every `UID`.
///
/// ```
/// assert_eq!(agenda_core::export::ics::UID_DOMAIN, "agenda-numerique-collectivites");
/// ```
pub const UID_DOMAIN: &str = "agenda-numerique-collectivites";

/// The longest content line, in octets, before folding (RFC 5545, 3.1).
///
/// ```
/// use agenda_core::export::ics::{fold, FOLD_OCTETS};
/// assert_eq!(fold(&"a".repeat(FOLD_OCTETS)).len(), FOLD_OCTETS + 2);
/// ```
pub const FOLD_OCTETS: usize = 75;

/// What a calendar needs besides the milestones.
///
/// ```
/// use agenda_core::export::ics::CalendarOptions;
/// use chrono::{TimeZone, Utc};
/// let options = CalendarOptions {
///     base_url: "https://agenda.example.gouv.fr/".into(),
///     name: "Agenda numérique des collectivités — Finances".into(),
///     stamp: Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap(),
/// };
/// assert_eq!(options.stamp.to_rfc3339(), "2026-11-29T00:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarOptions {
    /// The site's absolute address, e.g. `https://agenda.example.gouv.fr/`: events
    /// link to `{base_url}chantiers/{id}`.
    pub base_url: String,
    /// The calendar's name as subscribers see it (`X-WR-CALNAME` and `NAME`).
    pub name: String,
    /// The instant written in every `DTSTAMP`: the domain has no clock. Pass the
    /// dataset's publication for reproducible files.
    pub stamp: DateTime<Utc>,
}

impl CalendarOptions {
    /// Options from their three parts.
    ///
    /// ```
    /// use agenda_core::export::ics::CalendarOptions;
    /// use chrono::{TimeZone, Utc};
    /// let o = CalendarOptions::new("https://a.fr/", "Agenda", Utc.timestamp_opt(0, 0).unwrap());
    /// assert_eq!(o.name, "Agenda");
    /// ```
    pub fn new(base_url: impl Into<String>, name: impl Into<String>, stamp: DateTime<Utc>) -> Self {
        CalendarOptions {
            base_url: base_url.into(),
            name: name.into(),
            stamp,
        }
    }
}

/// The name of a theme's calendar: "Agenda numérique des collectivités — Finances".
///
/// ```
/// assert_eq!(
///     agenda_core::export::ics::theme_calendar_name("Finances"),
///     "Agenda numérique des collectivités — Finances"
/// );
/// ```
pub fn theme_calendar_name(theme_label: &str) -> String {
    format!("{CALENDAR_NAME} — {theme_label}")
}

/// The iCalendar text of `milestones`, one all-day event each, in the given order.
/// References that point nowhere, and milestones whose dates a calendar cannot hold
/// (outside years 0–9999), are skipped.
///
/// ```
/// use agenda_core::export::ics::{calendar, CalendarOptions};
/// use agenda_core::index::MilestoneRef;
/// use chrono::{TimeZone, Utc};
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],"carriers":[],
///   "chantiers":[{"id":"budget","title":"Budget","summary":"Le budget.","carriers":[],
///   "themes":["finances"],"nature":"obligation","concerned":{"rules":[]},
///   "updated":"2026-01-01","milestones":[{"id":"vote","label":"Vote","date":"2025-T3"}]}]}"#;
/// let dataset: agenda_core::Dataset = serde_json::from_str(json).unwrap();
/// let options = CalendarOptions::new("https://a.fr/", "Agenda",
///     Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
/// let at = MilestoneRef { chantier: 0, milestone: 0 };
/// let text = calendar(&dataset, &[at], &options);
/// assert!(text.contains("\r\nUID:budget.vote@agenda-numerique-collectivites\r\n"));
/// assert!(text.contains("\r\nDTSTART;VALUE=DATE:20250701\r\nDTEND;VALUE=DATE:20251001\r\n"));
/// assert!(text.contains("\r\nSUMMARY:[3e trimestre 2025] Budget : Vote\r\n"));
/// assert!(text.contains("\r\nDTSTAMP:20261101T000000Z\r\n"));
/// assert!(text.contains("\r\nCATEGORIES:Finances\r\n"));
/// ```
pub fn calendar(
    dataset: &Dataset,
    milestones: &[MilestoneRef],
    options: &CalendarOptions,
) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: &str| push_line(&mut out, &format!("{name}:{value}"));
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", &escape_text(PRODID));
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("X-WR-CALNAME", &escape_text(&options.name));
    line("NAME", &escape_text(&options.name));
    line("REFRESH-INTERVAL;VALUE=DURATION", "P1D");
    line("X-PUBLISHED-TTL", "P1D");
    let stamp = utc_stamp(options.stamp);
    for &at in milestones {
        if let Some((chantier, milestone)) = resolve(dataset, at) {
            write_event(&mut out, dataset, chantier, milestone, options, &stamp);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The calendar of one chantier, every milestone of it ("Ajouter à mon agenda"); the
/// caller chooses the name in `options`. Out of range, a calendar with no event.
///
/// ```
/// use agenda_core::export::ics::{chantier_calendar, CalendarOptions};
/// use chrono::{TimeZone, Utc};
/// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
/// let dataset = agenda_core::load(&bytes).unwrap().dataset;
/// let options = CalendarOptions::new("https://a.fr/", "Agenda",
///     Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap());
/// let text = chantier_calendar(&dataset, 0, &options);
/// assert_eq!(text.matches("BEGIN:VEVENT").count(), dataset.chantiers[0].milestones.len());
/// assert!(!chantier_calendar(&dataset, 9999, &options).contains("VEVENT"));
/// ```
pub fn chantier_calendar(dataset: &Dataset, chantier: usize, options: &CalendarOptions) -> String {
    calendar(dataset, &super::of_chantier(dataset, chantier), options)
}

/// The stable `UID` of a milestone's event (unescaped).
///
/// ```
/// let m: agenda_core::Milestone =
///     serde_json::from_str(r#"{"id":"vote","label":"Vote","date":"2025"}"#).unwrap();
/// let c: agenda_core::Chantier = serde_json::from_str(r#"{"id":"budget","title":"B",
///   "summary":"s","carriers":[],"themes":[],"nature":"obligation","concerned":{"rules":[]},
///   "updated":"2026-01-01","milestones":[]}"#).unwrap();
/// assert_eq!(agenda_core::export::ics::uid(&c, &m), "budget.vote@agenda-numerique-collectivites");
/// ```
pub fn uid(chantier: &Chantier, milestone: &Milestone) -> String {
    format!("{}.{}@{UID_DOMAIN}", chantier.id, milestone.id)
}

/// The all-day span of a milestone's event: first day, and the day after the last
/// (iCalendar's `DTEND` is exclusive). `None` when the day after does not exist.
///
/// ```
/// use agenda_core::export::ics::event_days;
/// let m: agenda_core::Milestone =
///     serde_json::from_str(r#"{"id":"a","label":"x","date":"2024-02-29"}"#).unwrap();
/// let (start, end) = event_days(&m).unwrap();
/// assert_eq!((start.to_string(), end.to_string()), ("2024-02-29".into(), "2024-03-01".into()));
/// ```
pub fn event_days(milestone: &Milestone) -> Option<(NaiveDate, NaiveDate)> {
    let start = milestone.date.first_day();
    // An end before the start is a validation error; never write an empty event.
    let last = milestone.last_day().max(start);
    Some((start, last.succ_opt()?))
}

/// Whether every bound of the milestone's date is known to the day.
///
/// ```
/// let m: agenda_core::Milestone =
///     serde_json::from_str(r#"{"id":"a","label":"x","date":"2024-01-01","end":"2024-06"}"#).unwrap();
/// assert!(!agenda_core::export::ics::known_to_the_day(&m));
/// ```
pub fn known_to_the_day(milestone: &Milestone) -> bool {
    milestone.date.precision() == Precision::Day
        && milestone
            .end
            .is_none_or(|e| e.precision() == Precision::Day)
}

/// The event's title: the chantier's title and the milestone's label, prefixed with
/// the date in words when it is not known to the day.
///
/// ```
/// use agenda_core::export::ics::summary;
/// let c: agenda_core::Chantier = serde_json::from_str(r#"{"id":"c","title":"Budget",
///   "summary":"s","carriers":[],"themes":[],"nature":"obligation","concerned":{"rules":[]},
///   "updated":"2026-01-01","milestones":[]}"#).unwrap();
/// let m = |date: &str| serde_json::from_str::<agenda_core::Milestone>(
///     &format!(r#"{{"id":"a","label":"Vote","date":"{date}"}}"#)).unwrap();
/// assert_eq!(summary(&c, &m("2024-01-01")), "Budget : Vote");
/// assert_eq!(summary(&c, &m("2025-T3")), "[3e trimestre 2025] Budget : Vote");
/// assert_eq!(summary(&c, &m("2026")), "[Courant 2026] Budget : Vote");
/// ```
pub fn summary(chantier: &Chantier, milestone: &Milestone) -> String {
    let title = format!("{} : {}", chantier.title.trim(), milestone.label.trim());
    if known_to_the_day(milestone) {
        return title;
    }
    let when = match &milestone.end {
        Some(end) => crate::french::period(&milestone.date, end),
        None if milestone.date.precision() == Precision::Year => {
            format!("courant {}", milestone.date.year())
        }
        None => crate::french::date(&milestone.date),
    };
    format!("[{}] {title}", crate::french::capitalised(&when))
}

/// The sentence that opens an event's description: the date in words and how
/// precisely it is known.
///
/// ```
/// use agenda_core::export::ics::date_sentence;
/// let m = |json: &str| serde_json::from_str::<agenda_core::Milestone>(json).unwrap();
/// assert_eq!(date_sentence(&m(r#"{"id":"a","label":"x","date":"2025-T3"}"#)),
///     "Date connue au trimestre près : 3e trimestre 2025");
/// assert_eq!(date_sentence(&m(r#"{"id":"a","label":"x","date":"2024-01-01"}"#)),
///     "Date : 1er janvier 2024");
/// assert_eq!(date_sentence(&m(r#"{"id":"a","label":"x","date":"2023-04","end":"2027"}"#)),
///     "Période : d'avril 2023 à 2027 (début connu au mois près, fin connue à l'année près)");
/// ```
pub fn date_sentence(milestone: &Milestone) -> String {
    let date = &milestone.date;
    match &milestone.end {
        None if date.precision() == Precision::Day => {
            format!("Date : {}", crate::french::date(date))
        }
        None => format!(
            "Date connue {} : {}",
            within(date.precision()),
            crate::french::date(date)
        ),
        Some(end) => {
            let mut notes = Vec::new();
            if date.precision() != Precision::Day {
                notes.push(format!("début connu {}", within(date.precision())));
            }
            if end.precision() != Precision::Day {
                notes.push(format!("fin connue {}", within(end.precision())));
            }
            let period = crate::french::period(date, end);
            if notes.is_empty() {
                format!("Période : {period}")
            } else {
                format!("Période : {period} ({})", join(&notes, ", "))
            }
        }
    }
}

/// "au trimestre près", "à l'année près"…
fn within(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "au jour près",
        Precision::Month => "au mois près",
        Precision::Quarter => "au trimestre près",
        Precision::Semester => "au semestre près",
        Precision::Year => "à l'année près",
    }
}

/// The event's description, plain text with newlines (escaped when written).
fn description(dataset: &Dataset, chantier: &Chantier, milestone: &Milestone, url: &str) -> String {
    let mut parts: Vec<String> = vec![date_sentence(milestone)];
    if let Some(details) = milestone.details.as_deref().map(str::trim) {
        if !details.is_empty() {
            parts.push(details.to_string());
        }
    }
    let mut about = format!("Chantier : {}", chantier.title.trim());
    let summary = chantier.summary.trim();
    if !summary.is_empty() {
        about.push('\n');
        about.push_str(summary);
    }
    let mut facts = vec![format!("Nature : {}", chantier.nature.label_fr())];
    let concerned = concerned_fr(chantier);
    if !concerned.is_empty() {
        facts.push(format!("Collectivités concernées : {concerned}"));
    }
    let carriers = carrier_labels(dataset, chantier);
    if !carriers.is_empty() {
        facts.push(format!("Porteurs : {}", join(&carriers, ", ")));
    }
    facts.push(format!("Fiche du chantier : {url}"));
    format!(
        "{}\n\n{about}\n\n{}",
        join(&parts, "\n"),
        join(&facts, "\n")
    )
}

fn write_event(
    out: &mut String,
    dataset: &Dataset,
    chantier: &Chantier,
    milestone: &Milestone,
    options: &CalendarOptions,
    stamp: &str,
) {
    let Some((start, end)) = event_days(milestone) else {
        return;
    };
    let (Some(start), Some(end)) = (ical_date(start), ical_date(end)) else {
        return;
    };
    let url = uri(&chantier_url(&options.base_url, &chantier.id));
    let mut line = |name: &str, value: &str| push_line(out, &format!("{name}:{value}"));
    line("BEGIN", "VEVENT");
    line("UID", &escape_text(&uid(chantier, milestone)));
    line("DTSTAMP", stamp);
    line("DTSTART;VALUE=DATE", &start);
    line("DTEND;VALUE=DATE", &end);
    line("SUMMARY", &escape_text(&summary(chantier, milestone)));
    line(
        "DESCRIPTION",
        &escape_text(&description(dataset, chantier, milestone, &url)),
    );
    line("URL;VALUE=URI", &url);
    let categories: Vec<String> = theme_labels(dataset, chantier)
        .into_iter()
        .map(escape_text)
        .filter(|c| !c.is_empty())
        .collect();
    if !categories.is_empty() {
        line("CATEGORIES", &join(&categories, ","));
    }
    let status = if known_to_the_day(milestone) {
        "CONFIRMED"
    } else {
        "TENTATIVE"
    };
    line("STATUS", status);
    line("TRANSP", "TRANSPARENT");
    if let Some(modified) = chantier
        .updated
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .filter(|t| (0..=9999).contains(&t.year()))
    {
        line("LAST-MODIFIED", &utc_stamp(modified));
    }
    line("END", "VEVENT");
}

/// `YYYYMMDD`, if the year has four digits.
fn ical_date(date: NaiveDate) -> Option<String> {
    (0..=9999)
        .contains(&date.year())
        .then(|| format!("{:04}{:02}{:02}", date.year(), date.month(), date.day()))
}

/// `YYYYMMDDTHHMMSSZ`; an instant outside years 0–9999 cannot be written and gives
/// the Unix epoch rather than an invalid line.
fn utc_stamp(instant: DateTime<Utc>) -> String {
    if (0..=9999).contains(&instant.year()) {
        let (day, time) = (instant.date_naive(), instant.time());
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            day.year(),
            day.month(),
            day.day(),
            time.hour(),
            time.minute(),
            time.second()
        )
    } else {
        "19700101T000000Z".to_string()
    }
}

/// A URI value: not escaped as text, but without control characters or spaces that
/// would break the line.
fn uri(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): `\` `;` `,` and newlines (CRLF, CR or LF
/// become `\n`); other control characters except tab are dropped.
///
/// ```
/// use agenda_core::export::ics::escape_text;
/// assert_eq!(escape_text("a;b,c\\d\r\ne\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
/// assert_eq!(escape_text("bip\u{7}"), "bip");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded at [`FOLD_OCTETS`] octets: each physical line, the leading
/// space of continuations included, holds at most 75 octets, and a UTF-8 character is
/// never split. Every physical line ends with CRLF.
///
/// ```
/// use agenda_core::export::ics::fold;
/// assert_eq!(fold("SUMMARY:court"), "SUMMARY:court\r\n");
/// let long = format!("X:{}", "é".repeat(40)); // 2 + 80 octets
/// let folded = fold(&long);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
/// ```
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    push_line(&mut out, line);
    out
}

fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > FOLD_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_boundaries() {
        let exact = "A".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
        let over = "A".repeat(76);
        assert_eq!(fold(&over), format!("{}\r\n A\r\n", "A".repeat(75)));
        // A 4-octet emoji that would straddle octets 74–77 moves whole to the next line.
        let straddle = format!("{}😀B", "A".repeat(73));
        assert_eq!(fold(&straddle), format!("{}\r\n 😀B\r\n", "A".repeat(73)));
        // Continuation lines hold 74 octets after their space.
        let long = "B".repeat(75 + 74 + 1);
        let folded = fold(&long);
        let lines: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert_eq!(lines[2], " B");
    }

    #[test]
    fn escapes_lone_carriage_returns() {
        assert_eq!(escape_text("a\rb"), "a\\nb");
        assert_eq!(escape_text("a\r\n\r\nb"), "a\\n\\nb");
    }
}
