//! Taking the agenda elsewhere: calendars (iCalendar), spreadsheets (CSV), feeds (Atom).
//!
//! - [`ics`]: one all-day event per milestone, for calendar applications
//!   (subscription or "Ajouter à mon agenda").
//! - [`csv`](mod@csv): one row per milestone, for spreadsheets (French Excel included).
//! - [`atom`]: the chantiers most recently updated, for feed readers.
//!
//! Every function here is pure: the instant stamped in a calendar and the day statuses
//! are computed for are parameters, so the same dataset always gives the same bytes.
//! Milestones are designated by [`MilestoneRef`]; a reference that points nowhere is
//! skipped, never a panic.
//!
//! ```
//! use agenda_core::export;
//! let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
//! let dataset = agenda_core::load(&bytes).unwrap().dataset;
//! let all = export::chronological(&dataset);
//! let total: usize = dataset.chantiers.iter().map(|c| c.milestones.len()).sum();
//! assert_eq!(all.len(), total);
//! ```

pub mod atom;
pub mod csv;
pub mod ics;

use crate::index::MilestoneRef;
use crate::join::join;
use crate::model::{Chantier, Dataset, Milestone};

/// The address of a chantier's page on the site: `{base}chantiers/{id}`, with exactly
/// one `/` between the base and the path whether or not `base` ends with one.
///
/// ```
/// use agenda_core::export::chantier_url;
/// assert_eq!(
///     chantier_url("https://agenda.example.gouv.fr/", "demat-ads"),
///     "https://agenda.example.gouv.fr/chantiers/demat-ads"
/// );
/// assert_eq!(
///     chantier_url("https://example.fr/agenda", "x"),
///     "https://example.fr/agenda/chantiers/x"
/// );
/// ```
pub fn chantier_url(base: &str, id: &str) -> String {
    format!("{}chantiers/{id}", with_trailing_slash(base))
}

/// `base` ending with exactly one `/`: how the exports join paths to the site's
/// address.
///
/// ```
/// use agenda_core::export::with_trailing_slash;
/// assert_eq!(with_trailing_slash("https://a.fr"), "https://a.fr/");
/// assert_eq!(with_trailing_slash("https://a.fr//"), "https://a.fr/");
/// ```
pub fn with_trailing_slash(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

/// Every milestone of the dataset in chronological order (ties: dataset order), as
/// the agenda lists them.
///
/// ```
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[
///   {"id":"a","title":"A","summary":"s","carriers":[],"themes":[],"nature":"obligation",
///    "concerned":{"rules":[]},"updated":"2026-01-01","milestones":[
///      {"id":"tard","label":"Tard","date":"2030"}]},
///   {"id":"b","title":"B","summary":"s","carriers":[],"themes":[],"nature":"obligation",
///    "concerned":{"rules":[]},"updated":"2026-01-01","milestones":[
///      {"id":"tot","label":"Tôt","date":"2020-05"}]}]}"#;
/// let dataset: agenda_core::Dataset = serde_json::from_str(json).unwrap();
/// let order = agenda_core::export::chronological(&dataset);
/// assert_eq!((order[0].chantier, order[1].chantier), (1, 0));
/// ```
pub fn chronological(dataset: &Dataset) -> Vec<MilestoneRef> {
    selected(dataset, |_| true)
}

/// The milestones, chronological, of the chantiers that belong to theme `code`.
///
/// ```
/// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
/// let dataset = agenda_core::load(&bytes).unwrap().dataset;
/// let finances = agenda_core::export::of_theme(&dataset, "finances");
/// assert!(!finances.is_empty());
/// assert!(agenda_core::export::of_theme(&dataset, "inconnu").is_empty());
/// ```
pub fn of_theme(dataset: &Dataset, code: &str) -> Vec<MilestoneRef> {
    selected(dataset, |c| c.themes.iter().any(|t| t == code))
}

/// The milestones, chronological, of the chantier at `chantier` (none if out of range).
///
/// ```
/// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
/// let dataset = agenda_core::load(&bytes).unwrap().dataset;
/// let first = agenda_core::export::of_chantier(&dataset, 0);
/// assert_eq!(first.len(), dataset.chantiers[0].milestones.len());
/// assert!(agenda_core::export::of_chantier(&dataset, usize::MAX).is_empty());
/// ```
pub fn of_chantier(dataset: &Dataset, chantier: usize) -> Vec<MilestoneRef> {
    let Some(c) = dataset.chantiers.get(chantier) else {
        return Vec::new();
    };
    let mut refs: Vec<MilestoneRef> = (0..c.milestones.len())
        .map(|milestone| MilestoneRef {
            chantier,
            milestone,
        })
        .collect();
    sort_chronologically(dataset, &mut refs);
    refs
}

fn selected(dataset: &Dataset, keep: impl Fn(&Chantier) -> bool) -> Vec<MilestoneRef> {
    let mut refs: Vec<MilestoneRef> = dataset
        .chantiers
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .flat_map(|(chantier, c)| {
            (0..c.milestones.len()).map(move |milestone| MilestoneRef {
                chantier,
                milestone,
            })
        })
        .collect();
    sort_chronologically(dataset, &mut refs);
    refs
}

fn sort_chronologically(dataset: &Dataset, refs: &mut [MilestoneRef]) {
    crate::compact_sort::sort_by(refs, |a, b| {
        let da = resolve(dataset, *a).map(|(_, m)| m.date);
        let db = resolve(dataset, *b).map(|(_, m)| m.date);
        da.cmp(&db).then_with(|| a.cmp(b))
    });
}

/// The chantier and milestone `at` designates, if it points somewhere.
pub(crate) fn resolve(dataset: &Dataset, at: MilestoneRef) -> Option<(&Chantier, &Milestone)> {
    let chantier = dataset.chantiers.get(at.chantier)?;
    let milestone = chantier.milestones.get(at.milestone)?;
    Some((chantier, milestone))
}

/// The French labels of the chantier's themes (the code when a theme is unknown).
pub(crate) fn theme_labels<'a>(dataset: &'a Dataset, chantier: &'a Chantier) -> Vec<&'a str> {
    chantier
        .themes
        .iter()
        .map(|code| {
            dataset
                .themes
                .iter()
                .find(|t| &t.code == code)
                .map_or(code.as_str(), |t| t.label.as_str())
        })
        .collect()
}

/// The short French labels of the chantier's carriers (the code when unknown).
pub(crate) fn carrier_labels<'a>(dataset: &'a Dataset, chantier: &'a Chantier) -> Vec<&'a str> {
    chantier
        .carriers
        .iter()
        .map(|code| {
            dataset
                .carriers
                .iter()
                .find(|c| &c.code == code)
                .map_or(code.as_str(), |c| c.label.as_str())
        })
        .collect()
}

/// Who the chantier concerns, in French: the rules joined by " ; ", then the note.
pub(crate) fn concerned_fr(chantier: &Chantier) -> String {
    let mut text = join(&chantier.audience_fr(), " ; ");
    if let Some(note) = chantier.concerned.note.as_deref().map(str::trim) {
        if !note.is_empty() {
            if !text.is_empty() {
                text.push_str(" — ");
            }
            text.push_str(note);
        }
    }
    text
}

/// Escapes text for XML and HTML content and attribute values (Atom feeds, the
/// timeline items' markup), dropping the characters XML 1.0 forbids.
///
/// ```
/// use agenda_core::export::escape_markup;
/// assert_eq!(escape_markup(r#"<script>"l'a" & co</script>"#),
///     "&lt;script&gt;&quot;l&apos;a&quot; &amp; co&lt;/script&gt;");
/// assert_eq!(escape_markup("bip\u{0}\u{1B}\u{FFFE}"), "bip");
/// ```
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
