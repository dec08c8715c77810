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
