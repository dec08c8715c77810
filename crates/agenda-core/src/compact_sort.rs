//! [`sort_by`]: the stable sort of every list the browser app sorts but the index's
//! milestones (a chantier's milestones, the vocabulary's codes, the carriers' labels,
//! a frise lane's milestones, the calendar export's events).
//!
//! Why not `slice::sort_by`: each call site with its own element type and comparison
//! brings its own copy of the standard library's sort into the wasm (about 3 kB gzip
//! each, README "Performance"). Here, lists of a few elements get an insertion sort;
//! longer ones a merge sort of their positions (`n log n`; one merge sort for all,
//! only the comparison and the final moves per call site). [`sort_by_day_key`]: the
//! index's chronological order, the one sort of hundreds of thousands of elements on
//! the first render's path, a radix sort of integer keys (the standard unstable sort
//! was one more copy, and slower there).

use std::cmp::Ordering;

/// Up to this length, insertion sort; beyond, a merge sort of positions.
const INSERTION_MAX: usize = 16;

/// Sorts `items` in place by `compare`, keeping equal elements in their order.
/// Insertion sort for a few elements; beyond 16 (`INSERTION_MAX`), a merge sort of their
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
/// The comparison is `dyn`, so that every call site shares one copy of the sort.
fn merge_sort(
    order: &mut [usize],
    scratch: &mut [usize],
    in_order: &mut dyn FnMut(usize, usize) -> bool,
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

/// Sorts `items` by `key`, keeping equal keys in their order: a radix sort, linear in
/// the number of items, its passes as few as the keys' spread needs (dates' keys span
/// a few hundred thousand values: two passes).
///
/// ```
/// use agenda_core::compact_sort::sort_by_day_key;
/// let mut items = vec![(30, 'a'), (10, 'b'), (30, 'c'), (20, 'd')];
/// sort_by_day_key(&mut items, |item| item.0);
/// assert_eq!(items, [(10, 'b'), (20, 'd'), (30, 'a'), (30, 'c')]);
/// ```
pub fn sort_by_day_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let Some(min) = items.iter().map(&key).min() else {
        return;
    };
    let spread = items.iter().map(|item| key(item) - min).max().unwrap_or(0);
    let mut buffer: Vec<T> = Vec::with_capacity(items.len());
    let mut shift = 0;
    while shift < u64::BITS && spread >> shift > 0 {
        let digit = |item: &T| ((key(item) - min) >> shift) as usize & (BUCKETS - 1);
        // Where each digit's items start, then each item in its place, in order.
        let mut starts = vec![0usize; BUCKETS + 1];
        for item in items.iter() {
            starts[digit(item) + 1] += 1;
        }
        for d in 0..BUCKETS {
            starts[d + 1] += starts[d];
        }
        buffer.clear();
        buffer.resize(items.len(), items[0]);
        for item in items.iter() {
            let d = digit(item);
            buffer[starts[d]] = *item;
            starts[d] += 1;
        }
        std::mem::swap(items, &mut buffer);
        shift += BITS;
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_by, sort_by_day_key};
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

    proptest! {
        /// The same order as the standard library's stable sort by the key.
        #[test]
        fn sorts_by_day_key_as_the_stable_sort_does(
            items in proptest::collection::vec((any::<u64>(), any::<u16>()), 0..300),
            spread in prop_oneof![Just(4u64), Just(5_000), Just(3_000_000), Just(u64::MAX)],
        ) {
            let items: Vec<(u64, u16)> = items.into_iter().map(|(k, v)| (k % spread.max(1), v)).collect();
            let mut ours = items.clone();
            sort_by_day_key(&mut ours, |a| a.0);
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
