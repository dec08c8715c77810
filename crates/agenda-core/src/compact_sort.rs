//! [`sort_by`]: the stable sort of every list the browser app sorts but the index's
//! milestones (a chantier's milestones, the vocabulary's codes, the carriers' labels,
//! a frise lane's milestones, the calendar export's events).
//!
//! Why not `slice::sort_by`: each call site with its own element type and comparison
//! brings its own copy of the standard library's sort into the wasm (about 3 kB gzip
//! each, README "Performance"). Here, lists of a few elements get an insertion sort;
//! longer ones a merge sort of their positions (`n log n`, a small copy per call
//! site). The index's chronological order, the one sort of hundreds of thousands of
//! elements on the first render's path, keeps the standard unstable sort of integer
//! keys.

use std::cmp::Ordering;

/// Up to this length, insertion sort; beyond, a merge sort of positions.
const INSERTION_MAX: usize = 16;

/// Sorts `items` in place by `compare`, keeping equal elements in their order.
/// Insertion sort for a few elements; beyond [`INSERTION_MAX`], a merge sort of their
/// positions, so a long list (a dataset may give one chantier thousands of
/// milestones) stays `n log n`.
///
/// ```
/// use agenda_core::compact_sort;
/// let mut words = ["été", "Ane", "bal", "ane"];
/// compact_sort::sort_by(&mut words, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
/// assert_eq!(words, ["Ane", "ane", "bal", "été"]);
/// ```
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= INSERTION_MAX {
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    // The new order as positions in the old one, then applied cycle by cycle.
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut scratch = order.clone();
    merge_sort(&mut order, &mut scratch, &mut |a, b| {
        compare(&items[a], &items[b]) != Ordering::Greater
    });
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Stable top-down merge sort of `order` (`in_order(a, b)`: `a` may come before `b`).
fn merge_sort(
    order: &mut [usize],
    scratch: &mut [usize],
    in_order: &mut impl FnMut(usize, usize) -> bool,
) {
    let n = order.len();
    if n <= INSERTION_MAX {
        // Short runs: insertion sort, cheaper than recursing down to single elements.
        for i in 1..n {
            let mut j = i;
            while j > 0 && !in_order(order[j - 1], order[j]) {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let middle = n / 2;
    merge_sort(&mut order[..middle], &mut scratch[..middle], in_order);
    merge_sort(&mut order[middle..], &mut scratch[middle..], in_order);
    let (mut i, mut j) = (0, middle);
    for slot in scratch[..n].iter_mut() {
        // Taking from the left half on ties keeps equal elements in their order.
        if j == n || (i < middle && in_order(order[i], order[j])) {
            *slot = order[i];
            i += 1;
        } else {
            *slot = order[j];
            j += 1;
        }
    }
    order.copy_from_slice(&scratch[..n]);
}

#[cfg(test)]
mod tests {
    use super::sort_by;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_stable_sort_does(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..100)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = items;
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }
    }

    /// A long list in reverse order, as a dataset could give one chantier's
    /// milestones: sorted, and not in quadratic time (it would take minutes).
    #[test]
    fn a_long_reversed_list_is_sorted() {
        let mut items: Vec<u32> = (0..200_000).rev().collect();
        sort_by(&mut items, |a, b| a.cmp(b));
        assert!(items.windows(2).all(|w| w[0] < w[1]));
    }
}
