//! French wording: dates at their precision, numbers, plurals.
//!
//! Typography follows the Imprimerie nationale's rules as the DSFR does: thousands
//! separated by a narrow no-break space (U+202F), ordinals "1er", "3e".

use chrono::{Datelike, NaiveDate};

use crate::date::{PartialDate, Precision};
use crate::join::join;

/// Narrow no-break space, the French thousands separator.
pub const NNBSP: char = '\u{202F}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The text with its first letter in capitals: "Jour" for "jour", "Écoles" for
/// "écoles", "Œuvre" for "œuvre".
///
/// French initials are ASCII or Latin-1 letters, and `œ`: those are capitalised by
/// code point, any other first character is kept. Unicode's whole case table would
/// cost the wasm 12 kB for letters the agenda's texts do not start with.
///
/// ```
/// use agenda_core::french::capitalised;
/// assert_eq!(capitalised("écoles"), "Écoles");
/// assert_eq!(capitalised("œuvre ; ÿ"), "Œuvre ; ÿ");
/// assert_eq!(capitalised("à l'année près"), "À l'année près");
/// assert_eq!(capitalised(""), "");
/// ```
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let capital = match first {
        'a'..='z' => first.to_ascii_uppercase(),
        // Latin-1's lowercase letters sit 0x20 above their capitals (÷ is no letter).
        'à'..='þ' if first != '÷' => char::from_u32(first as u32 - 0x20).unwrap_or(first),
        'ÿ' => 'Ÿ',
        'œ' => 'Œ',
        _ => first,
    };
    std::iter::once(capital).chain(chars).collect()
}

/// The French name of a month, 1 to 12.
///
/// ```
/// assert_eq!(agenda_core::french::month_name(8), "août");
/// ```
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// "1er", "2e", "3e"…: the French abbreviated ordinal.
///
/// ```
/// assert_eq!(agenda_core::french::ordinal(1), "1er");
/// assert_eq!(agenda_core::french::ordinal(3), "3e");
/// ```
pub fn ordinal(n: u32) -> String {
    if n == 1 {
        "1er".to_string()
    } else {
        format!("{n}e")
    }
}

/// A day as French prose: "1er janvier 2024", "15 mars 2024".
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// assert_eq!(agenda_core::french::day(d), "1er janvier 2024");
/// ```
pub fn day(date: NaiveDate) -> String {
    let d = date.day();
    let d = if d == 1 {
        "1er".to_string()
    } else {
        d.to_string()
    };
    format!("{d} {} {}", month_name(date.month()), date.year())
}

/// A partial date as a French reader expects it.
///
/// ```
/// use agenda_core::{french, PartialDate};
/// let text = |s: &str| french::date(&s.parse::<PartialDate>().unwrap());
/// assert_eq!(text("2024-01-01"), "1er janvier 2024");
/// assert_eq!(text("2022-07"), "juillet 2022");
/// assert_eq!(text("2025-T3"), "3e trimestre 2025");
/// assert_eq!(text("2026-S1"), "1er semestre 2026");
/// assert_eq!(text("2026"), "2026");
/// ```
pub fn date(date: &PartialDate) -> String {
    let first = date.first_day();
    let year = first.year();
    match date.precision() {
        Precision::Day => day(first),
        Precision::Month => format!("{} {year}", month_name(first.month())),
        Precision::Quarter => format!("{} trimestre {year}", ordinal(first.month0() / 3 + 1)),
        Precision::Semester => format!("{} semestre {year}", ordinal(first.month0() / 6 + 1)),
        Precision::Year => year.to_string(),
    }
}

/// A date in running text, with the right preposition: "le 1er janvier 2024",
/// "en juillet 2022", "au 3e trimestre 2025", "en 2026".
///
/// ```
/// use agenda_core::{french, PartialDate};
/// let text = |s: &str| french::date_in_sentence(&s.parse::<PartialDate>().unwrap());
/// assert_eq!(text("2024-01-01"), "le 1er janvier 2024");
/// assert_eq!(text("2025-T3"), "au 3e trimestre 2025");
/// assert_eq!(text("2026"), "en 2026");
/// ```
pub fn date_in_sentence(d: &PartialDate) -> String {
    let prefix = match d.precision() {
        Precision::Day => "le",
        Precision::Month | Precision::Year => "en",
        Precision::Quarter | Precision::Semester => "au",
    };
    format!("{prefix} {}", date(d))
}

/// A period "du … au …" at each end's precision, with French elision.
///
/// ```
/// use agenda_core::{french, PartialDate};
/// let p = |s: &str| s.parse::<PartialDate>().unwrap();
/// assert_eq!(french::period(&p("2023"), &p("2027")), "de 2023 à 2027");
/// assert_eq!(french::period(&p("2023-04"), &p("2027")), "d'avril 2023 à 2027");
/// assert_eq!(french::period(&p("2024-01-01"), &p("2024-06")), "du 1er janvier 2024 à juin 2024");
/// assert_eq!(french::period(&p("2025-T1"), &p("2025-T3")), "du 1er trimestre 2025 au 3e trimestre 2025");
/// ```
pub fn period(start: &PartialDate, end: &PartialDate) -> String {
    let start_text = date(start);
    let from = match start.precision() {
        Precision::Day | Precision::Quarter | Precision::Semester => "du ".to_string(),
        _ if start_text.starts_with(['a', 'e', 'i', 'o', 'u', 'é']) => "d'".to_string(),
        _ => "de ".to_string(),
    };
    let to = match end.precision() {
        Precision::Day | Precision::Quarter | Precision::Semester => "au",
        _ => "à",
    };
    format!("{from}{start_text} {to} {}", date(end))
}

/// An integer with French thousands separators: "3 500", "100 000".
///
/// ```
/// assert_eq!(agenda_core::french::number(3500), "3\u{202F}500");
/// assert_eq!(agenda_core::french::number(999), "999");
/// ```
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A count with its noun, singular for 0 and 1 as French wants: "0 chantier",
/// "1 jalon", "12 chantiers".
///
/// ```
/// assert_eq!(agenda_core::french::count(0, "chantier", "chantiers"), "0 chantier");
/// assert_eq!(agenda_core::french::count(1200, "jalon", "jalons"), "1\u{202F}200 jalons");
/// ```
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n <= 1 { singular } else { plural };
    format!("{} {noun}", number(n as u64))
}

/// Who a rule concerns, in French: "Communes de plus de 3 500 habitants",
/// "EPCI (communautés d'agglomération, métropoles)".
///
/// ```
/// use agenda_core::{french, AudienceRule};
/// let rule: AudienceRule = serde_json::from_str(r#"{"kind":"commune","thresholds":[
///     {"measure":"population","comparison":"more_than","value":3500}]}"#).unwrap();
/// assert_eq!(french::audience_rule(&rule), "Communes de plus de 3\u{202F}500 habitants");
/// ```
pub fn audience_rule(rule: &crate::model::AudienceRule) -> String {
    let mut text = rule.kind.label_fr().to_string();
    if !rule.epci_kinds.is_empty() {
        let kinds: Vec<&str> = rule.epci_kinds.iter().map(|k| k.label_fr()).collect();
        text.push_str(&format!(" ({})", join(&kinds, ", ")));
    }
    let thresholds: Vec<String> = rule.thresholds.iter().map(ToString::to_string).collect();
    if !thresholds.is_empty() {
        text.push(' ');
        text.push_str(&join(&thresholds, " et "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    /// Where `capitalised` capitalises, it agrees with Unicode (checked natively,
    /// where the case table the wasm does without is at hand).
    #[test]
    fn initials_are_capitalised_as_unicode_does() {
        let initials = ('a'..='z').chain('\u{E0}'..='\u{FF}').chain(['œ']);
        for c in initials.filter(|c| c.is_lowercase()) {
            let expected: String = c.to_uppercase().collect();
            let expected = if expected.chars().count() == 1 {
                expected
            } else {
                c.to_string()
            };
            assert_eq!(capitalised(&format!("{c}x")), format!("{expected}x"), "{c}");
        }
        assert_eq!(capitalised("÷2"), "÷2");
        assert_eq!(capitalised("ßa"), "ßa");
        assert_eq!(capitalised("École"), "École");
    }

    #[test]
    fn every_month_has_its_accented_name() {
        let names: Vec<String> = (1..=12)
            .map(|m| date(&pd(&format!("2024-{m:02}"))))
            .collect();
        assert_eq!(names[1], "février 2024");
        assert_eq!(names[7], "août 2024");
        assert_eq!(names[11], "décembre 2024");
    }

    #[test]
    fn days_use_the_ordinal_only_for_the_first() {
        assert_eq!(date(&pd("2024-03-01")), "1er mars 2024");
        assert_eq!(date(&pd("2024-03-02")), "2 mars 2024");
        assert_eq!(date(&pd("2020-08-07")), "7 août 2020");
    }

    #[test]
    fn quarters_and_semesters() {
        assert_eq!(date(&pd("2025-T1")), "1er trimestre 2025");
        assert_eq!(date(&pd("2025-T2")), "2e trimestre 2025");
        assert_eq!(date(&pd("2025-T4")), "4e trimestre 2025");
        assert_eq!(date(&pd("2025-S2")), "2e semestre 2025");
    }

    #[test]
    fn numbers_group_by_thousands() {
        assert_eq!(number(0), "0");
        assert_eq!(number(50_000), "50\u{202F}000");
        assert_eq!(number(1_234_567), "1\u{202F}234\u{202F}567");
    }
}
