//! Slicing a text at positions found on character boundaries, without `str`
//! indexing's panic.
//!
//! `&text[a..b]` panics, on a position inside a character, with a message that quotes
//! the character with `Debug` escaping. That message brings core's character
//! escaping, its Unicode tables and the formatting they need (3 kB of the wasm, gzip)
//! into the browser's wasm, which counts its size (README, "Performance"), for a
//! panic that the callers' own reading of the text rules out. The crate denies `str`
//! indexing outside tests (`clippy::string_slice`); [`slice()`] is the one way it
//! slices.

use std::slice::SliceIndex;

/// `&text[range]`, for a range whose ends the caller found on character boundaries
/// (after an ASCII byte it matched, at the end of a character it read, …).
///
/// Panics, as indexing would, if an end is inside a character or past the text, but
/// with a fixed message.
///
/// ```
/// use agenda_core::str_slice::slice;
/// assert_eq!(slice("été 2026", 6..), "2026");
/// assert_eq!(slice("été 2026", ..5), "été");
/// assert_eq!(slice("abc", 1..=1), "b");
/// ```
#[track_caller]
pub fn slice<R: SliceIndex<str, Output = str>>(text: &str, range: R) -> &str {
    match text.get(range) {
        Some(part) => part,
        None => not_on_boundaries(),
    }
}

#[cold]
#[track_caller]
fn not_on_boundaries() -> ! {
    panic!("découpage d'un texte hors des limites de ses caractères")
}

#[cfg(test)]
mod tests {
    use super::slice;

    #[test]
    fn slices_as_indexing_does() {
        let text = "Mise à jour";
        for a in 0..=text.len() {
            for b in a..=text.len() {
                if text.is_char_boundary(a) && text.is_char_boundary(b) {
                    assert_eq!(slice(text, a..b), &text[a..b]);
                }
            }
        }
    }

    #[test]
    #[should_panic(expected = "hors des limites")]
    fn panics_inside_a_character() {
        slice("à", 1..);
    }
}
