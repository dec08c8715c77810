//! Accent- and case-insensitive text search.
//!
//! Users type "demat" for "Démat.ADS" and "ecole" for "École": both sides are folded
//! to lowercase ASCII-ish words before comparing. Folding the dataset is done once,
//! at load ([`crate::Index`]), not at each keystroke.

use crate::str_slice::slice;

/// Folds text for search: Latin letters lowercase without accents, ligatures
/// expanded, punctuation, spaces and symbols turned into a space, letters of other
/// scripts kept as they are.
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
    *out = String::from_utf8(bytes).unwrap_or_else(|_| unreachable!("folded text is UTF-8"));
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
        rest = slice(rest, ascii..);
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            match fold_non_ascii(c) {
                NonAscii::Text(s) => bytes.extend_from_slice(s.as_bytes()),
                NonAscii::Kept => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                NonAscii::Separator => bytes.push(b' '),
                NonAscii::Dropped => {}
            }
            rest = chars.as_str();
        }
    }
}

/// What a non-ASCII character folds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NonAscii {
    /// A Latin letter: its lowercase ASCII base ("é" → "e", "Œ" → "oe").
    Text(&'static str),
    /// A letter of another script, or a character outside the ranges below: kept as
    /// it is (case is folded for Latin-1 and Latin Extended-A letters only).
    Kept,
    /// Punctuation, a space or a symbol: a word boundary.
    Separator,
    /// A combining accent (decomposed text), a soft hyphen, a joiner: dropped, so the
    /// word around it stays whole.
    Dropped,
}

/// The ASCII base of each letter of Unicode's Latin Extended-A block (U+0100 to
/// U+017F), one byte per code point; `Ĳ ĳ` and `Œ œ` (two letters each) are matched
/// before the table is read, their bytes here only keep the others in place.
const LATIN_EXTENDED_A: &str = concat!(
    "aaaaaa",
    "cccccccc",
    "dddd",
    "eeeeeeeeee",
    "gggggggg",
    "hhhh",
    "iiiiiiiiii",
    "ij",
    "jj",
    "kkk",
    "llllllllll",
    "nnnnnnn",
    "nn",
    "oooooo",
    "oe",
    "rrrrrr",
    "ssssssss",
    "tttttt",
    "uuuuuuuuuuuu",
    "ww",
    "yyy",
    "zzzzzz",
    "s",
);
const _: () = assert!(LATIN_EXTENDED_A.len() == 0x80);

/// Folds a non-ASCII character by ranges and a table of the Latin letters, rather
/// than by Unicode's case and alphabetic tables: those cost the wasm 29 kB (14 kB
/// gzipped, README "Performance") for scripts the agenda's French texts do not use.
fn fold_non_ascii(c: char) -> NonAscii {
    let text = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' | 'Ø' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'ÿ' | 'Ÿ' | 'ý' | 'Ý' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ß' => "ss",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'Ĳ' | 'ĳ' => "ij",
        // Ordinal indicators and superscript digits: "1ª", "m²" read as "m2".
        'ª' => "a",
        'º' => "o",
        '¹' => "1",
        '²' => "2",
        '³' => "3",
        'µ' => return NonAscii::Kept,
        '\u{100}'..='\u{17F}' => {
            let i = c as usize - 0x100;
            return NonAscii::Text(slice(LATIN_EXTENDED_A, i..=i));
        }
        // Combining diacritical marks; soft hyphen, zero-width joiners, word joiner,
        // zero-width no-break space.
        '\u{300}'..='\u{36F}' | '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            return NonAscii::Dropped
        }
        // Latin-1 punctuation and symbols (non-breaking space, « », °, ×, ÷…), general
        // punctuation (spaces, dashes, ’, …), currency symbols, arrows, mathematical
        // and technical signs, shapes, dingbats; CJK punctuation; emoji.
        '\u{80}'..='\u{BF}'
        | '×'
        | '÷'
        | '\u{2000}'..='\u{2BFF}'
        | '\u{2E00}'..='\u{2E7F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FFF0}'..='\u{FFFF}'
        | '\u{1F000}'..='\u{1FAFF}' => return NonAscii::Separator,
        _ => return NonAscii::Kept,
    };
    NonAscii::Text(text)
}

/// The words of a query, folded; empty words dropped.
///
/// ```
/// assert_eq!(agenda_core::search::query_words("  Démat  ÉCOLE "), ["demat", "ecole"]);
/// ```
pub fn query_words(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A query ready to be matched against many folded texts: split, folded and each
/// word's rarest letter picked once per keystroke, not once per chantier.
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
    words: Vec<QueryWord>,
}

impl Matcher {
    /// The matcher of what the user typed.
    pub fn new(query: &str) -> Self {
        Matcher {
            words: query_words(query).into_iter().map(QueryWord::new).collect(),
        }
    }

    /// Whether the query has no word (then everything matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The query's words ([`crate::word_index::WordIndex`]).
    pub(crate) fn words(&self) -> &[QueryWord] {
        &self.words
    }

    /// Whether every word of the query occurs in `folded_haystack` (as a substring).
    pub fn matches(&self, folded_haystack: &str) -> bool {
        let haystack = folded_haystack.as_bytes();
        self.words.iter().all(|w| w.find_in(haystack).is_some())
    }
}

/// A folded query word and the byte its search scans for.
///
/// The search is memchr's `memmem` without its tables and generic searchers (3.3 kB
/// of the wasm): the places of the word's rarest letter in French text, found by
/// `memchr::memchr` a machine word at a time, are the only ones compared in full.
/// Measured in one sitting in the browser (search keystroke, median at 100,000
/// chantiers, two alternating loads each): `memmem` 54 and 61 ms, the standard
/// library's `str::find` (a two-way search, a byte at a time) 116 and 120 ms, this
/// search 52 and 54 ms.
#[derive(Debug, Clone)]
pub(crate) struct QueryWord {
    text: String,
    rare: u8,
    rare_at: usize,
}

impl QueryWord {
    fn new(text: String) -> Self {
        let (rare_at, rare) = text
            .bytes()
            .enumerate()
            .max_by_key(|&(_, byte)| rarity(byte))
            .unwrap_or((0, b' '));
        QueryWord {
            text,
            rare,
            rare_at,
        }
    }

    /// Where the word first occurs in `haystack`.
    pub(crate) fn find_in(&self, haystack: &[u8]) -> Option<usize> {
        let word = self.text.as_bytes();
        if word.is_empty() {
            return Some(0);
        }
        // `from` is where the next rare byte is looked for: never before the word
        // could start.
        let mut from = self.rare_at;
        while let Some(p) = memchr::memchr(self.rare, haystack.get(from..)?) {
            let start = from + p - self.rare_at;
            if haystack[start..].starts_with(word) {
                return Some(start);
            }
            from += p + 1;
        }
        None
    }
}

/// How rare a byte of folded text is: letters ranked by their frequency in French
/// (the space and "e" commonest); digits and other bytes rarest.
fn rarity(byte: u8) -> usize {
    const BY_FREQUENCY: &[u8] = b" esaitnrulodcpmvqfbghjxyzwk";
    BY_FREQUENCY
        .iter()
        .position(|&b| b == byte)
        .unwrap_or(BY_FREQUENCY.len())
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
                _ if c.is_ascii() => out.push(' '),
                _ => match fold_non_ascii(c) {
                    NonAscii::Text(s) => out.push_str(s),
                    NonAscii::Kept => out.push(c),
                    NonAscii::Separator => out.push(' '),
                    NonAscii::Dropped => {}
                },
            }
        }
        out
    }

    /// The Latin letters fold as Unicode's lowercase and decomposition would fold
    /// them: both cases alike, to ASCII letters (checked natively, where the tables
    /// the wasm does without are at hand).
    #[test]
    fn latin_letters_fold_to_ascii_in_either_case() {
        for c in ('\u{C0}'..='\u{17F}').filter(|c| c.is_alphabetic()) {
            let folded = fold(&c.to_string());
            assert!(
                folded.bytes().all(|b| b.is_ascii_lowercase()),
                "{c} folds to {folded:?}"
            );
            let lower: String = c.to_lowercase().collect();
            if lower.chars().count() == 1 && lower != "i\u{307}" {
                assert_eq!(fold(&lower), folded, "{c} and {lower}");
            }
        }
        assert_eq!(
            fold("Łódź, Dvořák, Ærø, Straße"),
            "lodz  dvorak  aero  strasse"
        );
    }

    #[test]
    fn punctuation_separates_words_and_decomposed_accents_drop() {
        assert_eq!(
            query_words("l’État — « démat » 3\u{a0}000\u{202f}€ ; n° 2"),
            ["l", "etat", "demat", "3", "000", "n", "2"]
        );
        assert_eq!(fold("E\u{301}cole"), "ecole");
        assert_eq!(
            fold("dé\u{AD}ma\u{200D}té\u{FEFF}rialisation"),
            "dematerialisation"
        );
        assert_eq!(query_words("1 000 m² ; 2º"), ["1", "000", "m2", "2o"]);
        // Other scripts are kept as they are, so they can be searched.
        assert_eq!(query_words("Δήμος 東京"), ["Δήμος", "東京"]);
    }

    proptest! {
        /// The rare-byte search finds what `str::find` finds, on texts where the
        /// word's letters recur (the case its candidates are for).
        #[test]
        fn a_query_word_is_found_where_str_find_finds_it(
            haystack in "[aeqz ]{0,40}",
            word in "[aeqz]{1,4}",
        ) {
            prop_assert_eq!(
                QueryWord::new(word.clone()).find_in(haystack.as_bytes()),
                haystack.find(&word)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn fold_agrees_with_the_char_by_char_definition(text in "(\\PC|[a-zA-Zéèàœ .,'-]){0,60}") {
            prop_assert_eq!(fold(&text), fold_by_char(&text));
        }
    }
}
