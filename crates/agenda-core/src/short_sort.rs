//! [`sort_short_by`]: the sort of the short lists (a chantier's milestones, the
//! vocabulary's codes, the carriers' labels).
//!
//! Why not `slice::sort_by`: each call site with its own element type and comparison
//! brings its own copy of the standard library's sort into the wasm (about 3 kB gzip
//! each, README "Performance"). Lists of tens of elements need none of its machinery;
//! the long ones (the index's milestones, the frise's lanes, the exports' events) keep
//! it.

use std::cmp::Ordering;

/// Sorts `items` in place by `compare`, keeping equal elements in their order
/// (insertion sort: quadratic, for lists of tens of elements).
///
/// ```
/// use agenda_core::short_sort::sort_short_by;
/// let mut words = ["été", "Ane", "bal", "ane"];
/// sort_short_by(&mut words, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
/// assert_eq!(words, ["Ane", "ane", "bal", "été"]);
/// ```
pub fn sort_short_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_short_by;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_stable_sort_does(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..40)) {
            let mut ours = items.clone();
            sort_short_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = items;
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }
    }
}
