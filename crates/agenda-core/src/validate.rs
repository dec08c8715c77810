//! Validation rules. Every rule reports, none stops at the first problem.
//!
//! The same functions check the published dataset (CLI, app) and a single
//! contribution (editor), so a rule exists in one place only.

use crate::fast_hash::FastHashSet;
use crate::model::{AuthorityKind, Carrier, Chantier, Theme};
use crate::problem::ProblemKind;
use crate::str_slice::slice;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest summary, in characters.
pub const MAX_SUMMARY: usize = 400;
/// Longest milestone label, in characters.
pub const MAX_MILESTONE_LABEL: usize = 160;
/// Longest paragraph of description or details, in characters.
pub const MAX_PARAGRAPH: usize = 4000;
/// Longest id or code, in characters.
pub const MAX_SLUG: usize = 80;

/// A problem found in one value, with the path of the field relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Field path, e.g. `milestones[0].date`.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

fn finding(path: impl Into<String>, kind: ProblemKind) -> Finding {
    Finding {
        path: path.into(),
        kind,
    }
}

/// Whether `s` is a slug: lowercase ASCII letters and digits in words joined by
/// single hyphens, at most [`MAX_SLUG`] characters.
///
/// ```
/// use agenda_core::validate::is_slug;
/// assert!(is_slug("demat-ads-2022"));
/// assert!(!is_slug("Démat ADS"));
/// assert!(!is_slug("-a"));
/// assert!(!is_slug("a--b"));
/// ```
pub fn is_slug(s: &str) -> bool {
    // One pass over the bytes: every id of a large dataset comes through here at load.
    let mut after_hyphen = true;
    for b in s.bytes() {
        if b == b'-' {
            if after_hyphen {
                return false;
            }
            after_hyphen = true;
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() {
            after_hyphen = false;
        } else {
            return false;
        }
    }
    !after_hyphen && s.len() <= MAX_SLUG
}

/// Whether `url` may be rendered as a link: an absolute http(s) address with a host
/// and no whitespace or control character.
///
/// ```
/// use agenda_core::validate::is_safe_url;
/// assert!(is_safe_url("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000038811937"));
/// assert!(!is_safe_url("javascript:alert(1)"));
/// assert!(!is_safe_url("//evil.example"));
/// assert!(!is_safe_url("data:text/html,<script>"));
/// ```
pub fn is_safe_url(url: &str) -> bool {
    let scheme = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    let rest = if scheme("https://") {
        slice(url, 8..)
    } else if scheme("http://") {
        slice(url, 7..)
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !host.starts_with('.') && url.len() <= 2000 && !has_unsafe_char(url)
}

/// Whether `url` has whitespace, a control character or one of `<>"`. Byte by byte
/// while it is ASCII (every source of a large dataset comes through here at load);
/// only a non-ASCII address is read as characters.
fn has_unsafe_char(url: &str) -> bool {
    if url.is_ascii() {
        // ASCII's whitespace and control characters are the bytes up to the space,
        // and DEL.
        url.bytes()
            .any(|b| b <= b' ' || b == 0x7f || matches!(b, b'<' | b'>' | b'"'))
    } else {
        url.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
    }
}

/// Whether `email` looks like an e-mail address (one `@`, a dot in the domain, no
/// space): enough to catch typing errors, not a full RFC 5322 check.
///
/// ```
/// assert!(agenda_core::validate::is_email("contact@anct.gouv.fr"));
/// assert!(!agenda_core::validate::is_email("contact at anct"));
/// assert!(!agenda_core::validate::is_email("Agenda <contact@anct.gouv.fr>"));
/// assert!(!agenda_core::validate::is_email("contact;dgs@anct.gouv.fr"));
/// assert!(agenda_core::validate::is_email("élu.référent@mairie-été.fr"));
/// ```
pub fn is_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && email.len() <= 254
                && !email.chars().any(|c| {
                    c.is_whitespace()
                        || c.is_control()
                        || matches!(
                            c,
                            '<' | '>' | '"' | '(' | ')' | ',' | ';' | ':' | '[' | ']' | '\\'
                        )
                })
        }
        _ => false,
    }
}

/// `path` is built only for a finding: every entry of a large dataset goes through
/// here at load, and almost none has a problem.
fn check_text<P: Into<String>>(
    out: &mut Vec<Finding>,
    path: impl FnOnce() -> P,
    text: &str,
    max: usize,
) {
    if text.trim().is_empty() {
        out.push(finding(path(), ProblemKind::EmptyText));
    } else if text.len() > max {
        // A character takes at least one byte: only a longer text may be too long.
        let length = text.chars().count();
        if length > max {
            out.push(finding(path(), ProblemKind::TooLong { length, max }));
        }
    }
}

fn check_codes(
    out: &mut Vec<Finding>,
    field: &str,
    codes: &[String],
    known: &Codes<'_>,
    unknown: fn(String) -> ProblemKind,
) {
    if codes.is_empty() {
        out.push(finding(field, ProblemKind::EmptyList));
    }
    for (i, code) in codes.iter().enumerate() {
        let path = || format!("{field}[{i}]");
        if !known.contains(code.as_str()) {
            out.push(finding(path(), unknown(code.clone())));
        } else if codes[..i].contains(code) {
            // A chantier names a few codes: a scan is cheaper than a set.
            out.push(finding(path(), ProblemKind::DuplicateCode(code.clone())));
        }
    }
}

/// The dataset's lists that entries refer to.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary<'a> {
    themes: Codes<'a>,
    carriers: Codes<'a>,
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of a dataset's header.
    pub fn new(themes: &'a [Theme], carriers: &'a [Carrier]) -> Self {
        Vocabulary {
            themes: Codes::new(themes.iter().map(|t| t.code.as_str())),
            carriers: Codes::new(carriers.iter().map(|c| c.code.as_str())),
        }
    }
}

/// A list of a few dozen codes, sorted: every chantier's themes and carriers are
/// looked up at load, and a binary search of so few is cheaper than hashing (it
/// showed in the browser's profile of a load).
#[derive(Debug, Clone, Default)]
struct Codes<'a>(Vec<&'a str>);

impl<'a> Codes<'a> {
    fn new(codes: impl Iterator<Item = &'a str>) -> Self {
        let mut codes: Vec<&str> = codes.collect();
        crate::compact_sort::sort_by(&mut codes, |a, b| a.cmp(b));
        Codes(codes)
    }

    fn contains(&self, code: &str) -> bool {
        self.0.binary_search(&code).is_ok()
    }
}

/// Checks the dataset's own lists: codes well formed and unique, labels present.
///
/// ```
/// use agenda_core::{validate, Theme};
/// let themes = vec![Theme { code: "x".into(), label: "X".into() }, Theme { code: "x".into(), label: "Y".into() }];
/// let findings = validate::check_vocabulary(&themes, &[]);
/// assert_eq!(findings[0].path, "themes[1].code");
/// ```
pub fn check_vocabulary(themes: &[Theme], carriers: &[Carrier]) -> Vec<Finding> {
    let mut out = Vec::new();
    let lists = [
        (
            "themes",
            themes
                .iter()
                .map(|t| (&t.code, &t.label))
                .collect::<Vec<_>>(),
        ),
        (
            "carriers",
            carriers.iter().map(|c| (&c.code, &c.label)).collect(),
        ),
    ];
    for (field, items) in lists {
        let mut seen = FastHashSet::default();
        for (i, (code, label)) in items.into_iter().enumerate() {
            let path = format!("{field}[{i}]");
            if !is_slug(code) {
                out.push(finding(
                    format!("{path}.code"),
                    ProblemKind::InvalidSlug(code.clone()),
                ));
            } else if !seen.insert(code) {
                out.push(finding(
                    format!("{path}.code"),
                    ProblemKind::DuplicateCode(code.clone()),
                ));
            }
            check_text(&mut out, || format!("{path}.label"), label, MAX_TITLE);
        }
    }
    out
}

/// Checks one chantier against every rule. Returns every problem found.
///
/// ```
/// use agenda_core::{validate, Chantier, Theme, Carrier};
/// let themes = [Theme { code: "finances".into(), label: "Finances".into() }];
/// let carriers = [Carrier { code: "dgfip".into(), label: "DGFiP".into(), name: None }];
/// let chantier: Chantier = serde_json::from_str(r#"{
///   "id": "pes", "title": "", "summary": "Résumé.", "carriers": ["dgfip"],
///   "themes": ["urbanisme"], "nature": "obligation",
///   "concerned": {"rules": [{"kind": "commune"}]},
///   "milestones": [{"id": "a", "label": "Début", "date": "2024"}],
///   "updated": "2026-01-01"}"#).unwrap();
/// let findings = validate::check_chantier(&chantier, &validate::Vocabulary::new(&themes, &carriers));
/// let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
/// assert_eq!(paths, ["title", "themes[0]"]);
/// ```
pub fn check_chantier(chantier: &Chantier, vocabulary: &Vocabulary<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if !is_slug(&chantier.id) {
        out.push(finding("id", ProblemKind::InvalidSlug(chantier.id.clone())));
    }
    check_text(&mut out, || "title", &chantier.title, MAX_TITLE);
    check_text(&mut out, || "summary", &chantier.summary, MAX_SUMMARY);
    for (i, paragraph) in chantier.description.iter().enumerate() {
        check_text(
            &mut out,
            || format!("description[{i}]"),
            paragraph,
            MAX_PARAGRAPH,
        );
    }
    check_codes(
        &mut out,
        "carriers",
        &chantier.carriers,
        &vocabulary.carriers,
        ProblemKind::UnknownCarrier,
    );
    check_codes(
        &mut out,
        "themes",
        &chantier.themes,
        &vocabulary.themes,
        ProblemKind::UnknownTheme,
    );

    if chantier.concerned.rules.is_empty() {
        out.push(finding("concerned.rules", ProblemKind::EmptyList));
    }
    for (i, rule) in chantier.concerned.rules.iter().enumerate() {
        if rule.kind != AuthorityKind::Epci && !rule.epci_kinds.is_empty() {
            out.push(finding(
                format!("concerned.rules[{i}].epci_kinds"),
                ProblemKind::EpciKindsOnNonEpci,
            ));
        }
    }
    if let Some(note) = &chantier.concerned.note {
        check_text(&mut out, || "concerned.note", note, MAX_SUMMARY);
    }

    if chantier.milestones.is_empty() {
        out.push(finding("milestones", ProblemKind::EmptyList));
    }
    for (i, m) in chantier.milestones.iter().enumerate() {
        let path = |field: &str| format!("milestones[{i}].{field}");
        if !is_slug(&m.id) {
            out.push(finding(path("id"), ProblemKind::InvalidSlug(m.id.clone())));
        } else if chantier.milestones[..i]
            .iter()
            .any(|other| other.id == m.id)
        {
            // A chantier has a few milestones: a scan is cheaper than a map.
            out.push(finding(
                path("id"),
                ProblemKind::DuplicateCode(m.id.clone()),
            ));
        }
        check_text(&mut out, || path("label"), &m.label, MAX_MILESTONE_LABEL);
        if let Some(details) = &m.details {
            check_text(&mut out, || path("details"), details, MAX_PARAGRAPH);
        }
        if let Some(end) = m.end {
            if end.last_day() < m.date.first_day() {
                out.push(finding(path("end"), ProblemKind::EndBeforeStart));
            }
        }
    }
    if chantier
        .milestones
        .windows(2)
        .any(|w| w[1].date < w[0].date)
    {
        out.push(finding("milestones", ProblemKind::MilestonesOutOfOrder));
    }

    for (i, source) in chantier.sources.iter().enumerate() {
        let path = |field: &str| format!("sources[{i}].{field}");
        check_text(
            &mut out,
            || path("label"),
            &source.label,
            MAX_MILESTONE_LABEL,
        );
        if !is_safe_url(&source.url) {
            out.push(finding(
                path("url"),
                ProblemKind::UnsafeUrl(source.url.clone()),
            ));
        }
    }
    if let Some(contact) = &chantier.contact {
        if !is_email(contact) {
            out.push(finding(
                "contact",
                ProblemKind::InvalidEmail(contact.clone()),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition `is_slug` implements in one pass: words of lowercase ASCII
    /// letters and digits joined by single hyphens, at most `MAX_SLUG` bytes.
    fn slug_by_words(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= MAX_SLUG
            && s.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn unsafe_characters_are_found_in_ascii_and_beyond(s in "https://a[a-z<>\" !\t\u{b}\u{1c}\u{1f}\u{7f}\u{0}\u{85}\u{a0}\u{2028}é/]{0,12}") {
            let by_chars = s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
            prop_assert_eq!(has_unsafe_char(&s), by_chars, "{:?}", s);
        }

        #[test]
        fn is_slug_is_its_definition(s in "[a-c0-9A\\-é _]{0,8}|[a-z0-9-]{75,85}") {
            prop_assert_eq!(is_slug(&s), slug_by_words(&s), "{:?}", s);
        }
    }
}
