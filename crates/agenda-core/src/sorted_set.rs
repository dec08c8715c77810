//! [`SortedSet`]: the set type of the filters' facets.
//!
//! Why not `BTreeSet`: a filter holds a few codes per facet, and the agenda's five
//! facets over four element types made the browser build carry four copies of the
//! B-tree's insertion, removal, rebalancing, cloning and comparison code (10 kB of
//! gzipped wasm; README, "Performance"). A sorted vector does the same for a few
//! elements with the vector code the wasm has anyway.

use std::borrow::Borrow;
use std::fmt;

/// A set kept as a vector in ascending order, without duplicates: iteration, equality
/// and the URL's lists follow that order, as with `BTreeSet`.
///
/// ```
/// use agenda_core::sorted_set::SortedSet;
/// let mut themes: SortedSet<String> = ["urbanisme", "finances"].map(String::from).into();
/// assert!(themes.insert("ecoles".to_string()));
/// assert!(!themes.insert("finances".to_string()));
/// assert!(themes.contains("urbanisme"));
/// assert!(themes.remove("urbanisme"));
/// assert_eq!(themes.as_slice(), ["ecoles", "finances"]);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SortedSet<T>(Vec<T>);

impl<T: Ord> SortedSet<T> {
    /// An empty set.
    ///
    /// ```
    /// let set = agenda_core::sorted_set::SortedSet::<u8>::new();
    /// assert!(set.is_empty());
    /// ```
    pub const fn new() -> Self {
        SortedSet(Vec::new())
    }

    /// Adds `value`; whether it was not there yet.
    ///
    /// ```
    /// let mut set = agenda_core::sorted_set::SortedSet::new();
    /// assert!(set.insert(2));
    /// assert!(set.insert(1));
    /// assert!(!set.insert(2));
    /// assert_eq!(set.as_slice(), [1, 2]);
    /// ```
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Removes `value`; whether it was there.
    ///
    /// ```
    /// let mut set: agenda_core::sorted_set::SortedSet<_> = [1, 2].into();
    /// assert!(set.remove(&1));
    /// assert!(!set.remove(&1));
    /// assert_eq!(set.as_slice(), [2]);
    /// ```
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.position(value) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// Whether the set holds `value`.
    ///
    /// ```
    /// let set: agenda_core::sorted_set::SortedSet<String> = ["finances".to_string()].into();
    /// assert!(set.contains("finances"));
    /// assert!(!set.contains("urbanisme"));
    /// ```
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.position(value).is_ok()
    }

    fn position<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|probe| probe.borrow().cmp(value))
    }
}

impl<T> SortedSet<T> {
    /// The elements in ascending order.
    ///
    /// ```
    /// let set: agenda_core::sorted_set::SortedSet<_> = [3, 1, 2, 1].into();
    /// assert_eq!(set.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The elements in ascending order, as a slice.
    ///
    /// ```
    /// let set: agenda_core::sorted_set::SortedSet<_> = ['b', 'a'].into();
    /// assert_eq!(set.as_slice(), ['a', 'b']);
    /// ```
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// How many elements the set holds.
    ///
    /// ```
    /// let set: agenda_core::sorted_set::SortedSet<_> = [1, 1, 2].into();
    /// assert_eq!(set.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set holds nothing.
    ///
    /// ```
    /// assert!(agenda_core::sorted_set::SortedSet::<u8>::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The smallest element.
    ///
    /// ```
    /// let set: agenda_core::sorted_set::SortedSet<_> = [2, 1].into();
    /// assert_eq!(set.first(), Some(&1));
    /// ```
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    /// Keeps only the elements `keep` accepts.
    ///
    /// ```
    /// let mut set: agenda_core::sorted_set::SortedSet<_> = [1, 2, 3].into();
    /// set.retain(|&v| v != 2);
    /// assert_eq!(set.as_slice(), [1, 3]);
    /// ```
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    /// Removes every element.
    ///
    /// ```
    /// let mut set: agenda_core::sorted_set::SortedSet<_> = [1].into();
    /// set.clear();
    /// assert!(set.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        // Inserted one by one rather than sorted: a filter's sets hold a few values,
        // and a sort would bring its own copy of the sorting code for each type.
        let mut set = SortedSet::new();
        set.extend(iter);
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::SortedSet;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u8),
        Remove(u8),
        Clear,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..16).prop_map(Op::Insert),
            3 => (0u8..16).prop_map(Op::Remove),
            1 => Just(Op::Clear),
        ]
    }

    proptest! {
        /// Any sequence of changes leaves it as a `BTreeSet` would be, and every
        /// answer on the way is the same.
        #[test]
        fn behaves_as_a_btree_set(ops in proptest::collection::vec(op(), 0..40)) {
            let mut ours = SortedSet::new();
            let mut theirs = BTreeSet::new();
            for op in ops {
                match op {
                    Op::Insert(v) => prop_assert_eq!(ours.insert(v), theirs.insert(v)),
                    Op::Remove(v) => prop_assert_eq!(ours.remove(&v), theirs.remove(&v)),
                    Op::Clear => { ours.clear(); theirs.clear(); }
                }
                prop_assert_eq!(ours.len(), theirs.len());
                prop_assert_eq!(ours.first(), theirs.first());
                prop_assert!(ours.iter().eq(theirs.iter()));
                for v in 0u8..16 {
                    prop_assert_eq!(ours.contains(&v), theirs.contains(&v));
                }
            }
        }

        /// Built from any values, in any order: the same set as a `BTreeSet`'s, and
        /// equal sets compare equal.
        #[test]
        fn collects_as_a_btree_set(values in proptest::collection::vec(0u8..16, 0..20)) {
            let ours: SortedSet<u8> = values.iter().copied().collect();
            let theirs: BTreeSet<u8> = values.iter().copied().collect();
            prop_assert!(ours.iter().eq(theirs.iter()));
            let mut reversed = values.clone();
            reversed.reverse();
            prop_assert_eq!(&ours, &reversed.into_iter().collect::<SortedSet<u8>>());
            let mut extended = SortedSet::new();
            extended.extend(values);
            prop_assert_eq!(extended, ours);
        }
    }

    #[test]
    fn prints_as_a_set() {
        let set: SortedSet<&str> = ["b", "a"].into();
        assert_eq!(format!("{set:?}"), r#"{"a", "b"}"#);
    }
}
