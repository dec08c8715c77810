//! Accent- and case-insensitive text search.
//!
//! Users type "demat" for "Démat.ADS" and "ecole" for "École": both sides are folded
//! to lowercase ASCII-ish words before comparing. Folding the dataset is done once,
//! at load ([`crate::Index`]), not at each keystroke.

/// Folds text for search: lowercase, accents removed, ligatures expanded, every
/// non-alphanumeric character turned into a space.
///
/// ```
/// use agenda_core::search::fold;
/// assert_eq!(fold("Démat.ADS — École"), "demat ads   ecole");
/// assert_eq!(fold("Œuvre cœur"), "oeuvre coeur");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out` (one buffer for a whole chantier's text at load).
///
/// ```
/// let mut out = String::from("m57 ");
/// agenda_core::search::fold_into("Généralisation", &mut out);
/// assert_eq!(out, "m57 generalisation");
/// ```
pub fn fold_into(text: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    fold_bytes(text, &mut bytes);
    // Only ASCII bytes and whole characters were added to valid UTF-8.
    *out = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// [`fold`] into UTF-8 bytes, for callers that fold many texts into one buffer.
pub(crate) fn fold_bytes(text: &str, bytes: &mut Vec<u8>) {
    bytes.reserve(text.len());
    // Most of the text is ASCII: map runs of it byte by byte, look at the rest by char.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        bytes.extend(rest.as_bytes()[..ascii].iter().map(|&b| match b {
            b'a'..=b'z' | b'0'..=b'9' => b,
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            _ => b' ',
        }));
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            let mut utf8 = [0; 4];
            match fold_char(c) {
                Some(s) => bytes.extend_from_slice(s.as_bytes()),
                None if c.is_alphanumeric() => c
                    .to_lowercase()
                    .for_each(|l| bytes.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes())),
                None => bytes.push(b' '),
            }
            rest = chars.as_str();
        }
    }
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'ÿ' | 'Ÿ' | 'ý' | 'Ý' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => return None,
    })
}

/// The words of a query, folded; empty words dropped.
///
/// ```
/// assert_eq!(agenda_core::search::query_words("  Démat  ÉCOLE "), ["demat", "ecole"]);
/// ```
pub fn query_words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// A query ready to be matched against many folded texts: each word's substring
/// searcher is built once per keystroke, not once per chantier.
///
/// ```
/// use agenda_core::search::{fold, Matcher};
/// let hay = fold("Facturation électronique des collectivités");
/// assert!(Matcher::new("FACTUR élec").matches(&hay));
/// assert!(!Matcher::new("factur urbanisme").matches(&hay));
/// assert!(Matcher::new("  ").matches(&hay));
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Matcher {
    /// The matcher of what the user typed.
    pub fn new(query: &str) -> Self {
        Matcher {
            finders: query_words(query)
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// Whether the query has no word (then everything matches).
    pub fn is_empty(&self) -> bool {
        self.finders.is_empty()
    }

    /// One substring searcher per query word ([`crate::word_index::WordIndex`]).
    pub(crate) fn finders(&self) -> &[memchr::memmem::Finder<'static>] {
        &self.finders
    }

    /// Whether every word of the query occurs in `folded_haystack` (as a substring).
    pub fn matches(&self, folded_haystack: &str) -> bool {
        self.finders
            .iter()
            .all(|f| f.find(folded_haystack.as_bytes()).is_some())
    }
}

/// Whether every query word occurs in the folded haystack (as a substring, so
/// "factur" finds "facturation").
///
/// ```
/// use agenda_core::search::{fold, matches_all};
/// let hay = fold("Facturation électronique des collectivités");
/// assert!(matches_all(&hay, &["factur".into(), "electro".into()]));
/// assert!(!matches_all(&hay, &["factur".into(), "urbanisme".into()]));
/// ```
pub fn matches_all(folded_haystack: &str, words: &[String]) -> bool {
    words.iter().all(|w| folded_haystack.contains(w.as_str()))
}

#[cfg(test)]
mod fold_tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition `fold_into`'s ASCII runs must agree with.
    fn fold_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                'a'..='z' | '0'..='9' => out.push(c),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                _ => match fold_char(c) {
                    Some(s) => out.push_str(s),
                    None if c.is_alphanumeric() => out.extend(c.to_lowercase()),
                    None => out.push(' '),
                },
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn fold_agrees_with_the_char_by_char_definition(text in "(\\PC|[a-zA-Zéèàœ .,'-]){0,60}") {
            prop_assert_eq!(fold(&text), fold_by_char(&text));
        }
    }
}
