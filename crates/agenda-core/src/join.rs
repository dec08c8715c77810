//! Texts joined by a separator, with one compiled body for every kind of list.
//!
//! The standard library's `[S]::join` is compiled once per item type (`String`,
//! `&str`, …), a kilobyte of wasm each; the browser build counts its size (README,
//! "Performance"). Here the generic part is a one-line shim and the loop is compiled
//! once.

/// `parts` joined by `separator`, as `parts.join(separator)` would.
///
/// ```
/// use agenda_core::join::join;
/// assert_eq!(join(&["communes", "EPCI"], " et "), "communes et EPCI");
/// assert_eq!(join(&[String::from("a"), String::from("b")], ", "), "a, b");
/// assert_eq!(join::<&str>(&[], ", "), "");
/// ```
pub fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    joined(parts.len(), &mut |i| parts[i].as_ref(), separator)
}

fn joined<'a>(count: usize, part: &mut dyn FnMut(usize) -> &'a str, separator: &str) -> String {
    let length = (0..count).map(|i| part(i).len()).sum::<usize>()
        + separator.len() * count.saturating_sub(1);
    let mut text = String::with_capacity(length);
    for i in 0..count {
        if i > 0 {
            text.push_str(separator);
        }
        text.push_str(part(i));
    }
    text
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn joins_as_the_standard_library_does(parts in proptest::collection::vec(".{0,8}", 0..6), separator in ".{0,3}") {
            prop_assert_eq!(super::join(&parts, &separator), parts.join(&separator));
        }
    }
}
