//! Each chantier's facet values as small integers, so that a facet filter compares
//! bits instead of looking every chantier's codes up in sets of strings.
//!
//! Why: a theme filter read every chantier's list of theme texts (allocations spread
//! over the whole heap) and searched each in a `BTreeSet`. With one theme, natively
//! (`cargo bench -p agenda-core -- select`): 366 → 196 µs at 10,000 chantiers, 14.7 →
//! 2.6 ms at 100,000. Built apart from the index ([`Index::prepare_facets`](crate::Index::prepare_facets),
//! or the first filter on a facet): reading every chantier's codes takes 66 ms at
//! 100,000, which the first render need not wait for. [`Index::chantier_matches`](crate::Index::chantier_matches) keeps the
//! definition; a property test (`tests/filters.rs`) checks both select the same.

use crate::sorted_set::SortedSet;

use crate::fast_hash::FastHashMap;
use crate::filter::Filter;
use crate::model::{AuthorityKind, Dataset, Nature};
use crate::status::Status;

/// The codes of every chantier (themes, or carriers) as numbers, flattened: chantier
/// `i`'s are `ids[starts[i]..starts[i + 1]]`, each the place of the code in
/// `vocabulary`.
#[derive(Debug)]
struct CodeLists {
    /// The dataset's codes, then any code a chantier has beyond them (a dataset that
    /// passed validation has none; a `Dataset` built otherwise may).
    vocabulary: Vec<String>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl CodeLists {
    fn new<'a>(
        codes: impl Iterator<Item = &'a str>,
        lists: impl Iterator<Item = &'a [String]>,
    ) -> Self {
        let mut vocabulary: Vec<String> = Vec::new();
        let mut places: FastHashMap<&'a str, u32> = FastHashMap::default();
        let mut place = |code: &'a str, vocabulary: &mut Vec<String>| {
            *places.entry(code).or_insert_with(|| {
                vocabulary.push(code.to_string());
                vocabulary.len() as u32 - 1
            })
        };
        for code in codes {
            place(code, &mut vocabulary);
        }
        let mut starts = vec![0];
        let mut ids = Vec::new();
        for codes in lists {
            ids.extend(codes.iter().map(|code| place(code, &mut vocabulary)));
            starts.push(ids.len() as u32);
        }
        CodeLists {
            vocabulary,
            starts,
            ids,
        }
    }

    /// For each code of the vocabulary, whether `codes` holds it; `None` when `codes`
    /// is empty (the facet restricts nothing).
    fn wanted(&self, codes: &SortedSet<String>) -> Option<Vec<bool>> {
        (!codes.is_empty()).then(|| self.vocabulary.iter().map(|c| codes.contains(c)).collect())
    }

    /// Whether chantier `i` has one of the `wanted` codes.
    fn any(&self, i: usize, wanted: &[bool]) -> bool {
        let (start, end) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        self.ids[start..end].iter().any(|&id| wanted[id as usize])
    }
}

/// A small enum (natures, kinds of authority, statuses): one bit per value.
trait Bit: Copy {
    fn bit(self) -> u8;
}

macro_rules! bit_per_value {
    ($($t:ty),*) => {$(
        const _: () = assert!(<$t>::ALL.len() <= 8, "one bit per value in a u8");
        impl Bit for $t {
            fn bit(self) -> u8 {
                1 << self as u8
            }
        }
    )*};
}
bit_per_value!(Nature, AuthorityKind, Status);

fn mask<T: Bit>(values: &SortedSet<T>) -> u8 {
    values.iter().fold(0, |m, &v| m | v.bit())
}

/// A dataset's facet values, by chantier.
#[derive(Debug)]
pub(crate) struct FacetIndex {
    themes: CodeLists,
    carriers: CodeLists,
    /// Bit of the chantier's nature.
    natures: Vec<u8>,
    /// Bits of the kinds of authority it concerns.
    kinds: Vec<u8>,
    /// Bit of its status on the index's day.
    statuses: Vec<u8>,
}

impl FacetIndex {
    pub(crate) fn new(dataset: &Dataset, statuses: &[Status]) -> Self {
        let chantiers = &dataset.chantiers;
        FacetIndex {
            themes: CodeLists::new(
                dataset.themes.iter().map(|t| t.code.as_str()),
                chantiers.iter().map(|c| c.themes.as_slice()),
            ),
            carriers: CodeLists::new(
                dataset.carriers.iter().map(|c| c.code.as_str()),
                chantiers.iter().map(|c| c.carriers.as_slice()),
            ),
            natures: chantiers.iter().map(|c| c.nature.bit()).collect(),
            kinds: chantiers
                .iter()
                .map(|c| c.concerned.rules.iter().fold(0, |m, r| m | r.kind.bit()))
                .collect(),
            statuses: statuses.iter().map(|&s| s.bit()).collect(),
        }
    }

    /// The facets of `filter` in this index's terms. The text, the period, the day of
    /// the last visit and the user's authority are not facets: the caller applies them.
    pub(crate) fn filter(&self, filter: &Filter) -> FacetFilter {
        FacetFilter {
            themes: self.themes.wanted(&filter.themes),
            carriers: self.carriers.wanted(&filter.carriers),
            natures: mask(&filter.natures),
            kinds: mask(&filter.kinds),
            statuses: mask(&filter.statuses),
        }
    }

    /// Whether chantier `i` passes every facet of `filter` (from [`FacetIndex::filter`]).
    pub(crate) fn matches(&self, i: usize, filter: &FacetFilter) -> bool {
        let passes = |wanted: u8, has: u8| wanted == 0 || wanted & has != 0;
        passes(filter.natures, self.natures[i])
            && passes(filter.kinds, self.kinds[i])
            && passes(filter.statuses, self.statuses[i])
            && filter.themes.as_ref().is_none_or(|w| self.themes.any(i, w))
            && filter
                .carriers
                .as_ref()
                .is_none_or(|w| self.carriers.any(i, w))
    }
}

/// A filter's facets as [`FacetIndex`] compares them; an empty set of codes or a
/// zero mask restricts nothing.
#[derive(Debug)]
pub(crate) struct FacetFilter {
    themes: Option<Vec<bool>>,
    carriers: Option<Vec<bool>>,
    natures: u8,
    kinds: u8,
    statuses: u8,
}
