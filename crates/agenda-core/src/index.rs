//! Precomputed views of a dataset so that filtering at each keystroke only compares.
//!
//! Built once per loaded dataset and "today": statuses, every milestone in
//! chronological order, and (in slices, see [`Index::prepare_search`]) the words of
//! the folded search texts.

use std::collections::VecDeque;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::NaiveDate;

use crate::facet_index::FacetIndex;
use crate::filter::Filter;
use crate::model::{Chantier, Dataset};
use crate::search;
use crate::status::{chantier_status, Status};
use crate::word_index::WordIndex;

/// A milestone, by position: `chantiers[chantier].milestones[milestone]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MilestoneRef {
    /// Index of the chantier in the dataset.
    pub chantier: usize,
    /// Index of the milestone in the chantier.
    pub milestone: usize,
}

/// The result of a filter: chantiers and milestones, in chronological order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Chantiers with at least one selected milestone, by first selected milestone.
    pub chantiers: Vec<usize>,
    /// Selected milestones, chronological.
    pub milestones: Vec<MilestoneRef>,
    /// The first and last day of each selected milestone, in the order of
    /// `milestones`: the timeline counts past milestones and the frise finds those in
    /// its window without reading the chantiers, spread all over memory.
    pub days: Vec<(NaiveDate, NaiveDate)>,
}

impl Selection {
    /// "12 chantiers, 18 jalons".
    ///
    /// ```
    /// let s = agenda_core::index::Selection::default();
    /// assert_eq!(s.count_fr(), "0 chantier, 0 jalon");
    /// ```
    pub fn count_fr(&self) -> String {
        format!(
            "{}, {}",
            crate::french::count(self.chantiers.len(), "chantier", "chantiers"),
            crate::french::count(self.milestones.len(), "jalon", "jalons")
        )
    }
}

/// A dataset's search and filter index for a given day.
///
/// The words of the folded search texts are the costly part (every word of every
/// chantier): they are indexed by [`Index::prepare_search`] in slices after the first
/// render.
#[derive(Debug)]
pub struct Index {
    today: NaiveDate,
    /// The chantiers' search texts, indexed or folded so far.
    texts: Mutex<SearchTexts>,
    statuses: Vec<Status>,
    /// The chantiers' facet values as numbers, built by [`Index::prepare_facets`] or
    /// the first filter on a facet, not with the index (why: [`crate::facet_index`]).
    facets: OnceLock<FacetIndex>,
    /// Every milestone in chronological order, with its first and last day.
    chronological: Vec<(MilestoneRef, NaiveDate, NaiveDate)>,
}

impl Index {
    /// Builds the index of `dataset` as seen on `today`.
    ///
    /// ```
    /// use agenda_core::{Filter, Index};
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// let index = Index::new(&dataset, today);
    /// let all = index.select(&dataset, &Filter::default());
    /// assert_eq!(all.chantiers.len(), dataset.chantiers.len());
    /// ```
    pub fn new(dataset: &Dataset, today: NaiveDate) -> Self {
        let statuses = dataset
            .chantiers
            .iter()
            .map(|c| chantier_status(c, today))
            .collect();
        // Sorted as integers, the date's sort key above the milestone's place: the
        // comparison of dates and references was a tenth of the load's time at
        // 10,000 chantiers. The place breaks ties, so the order is total (positions
        // fit in 32 bits: four billion chantiers would not fit in memory). The days
        // travel with the key: read in date order, the chantiers would be visited
        // all over memory (twice slower at 100,000).
        let mut keyed: Vec<(u128, NaiveDate, NaiveDate)> = dataset
            .chantiers
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| {
                c.milestones.iter().enumerate().map(move |(mi, m)| {
                    let place = (ci as u128) << 32 | mi as u128;
                    let key = u128::from(m.date.sort_key()) << 64 | place;
                    (key, m.date.first_day(), m.last_day())
                })
            })
            .collect();
        // Generated in place order: a stable sort by the date's key alone is the order
        // of the whole key.
        crate::compact_sort::sort_by_day_key(&mut keyed, |&(key, _, _)| (key >> 64) as u64);
        let chronological = keyed
            .into_iter()
            .map(|(key, first, last)| {
                let at = MilestoneRef {
                    chantier: (key >> 32) as u32 as usize,
                    milestone: key as u32 as usize,
                };
                (at, first, last)
            })
            .collect();
        Index {
            today,
            texts: Mutex::new(SearchTexts::default()),
            statuses,
            facets: OnceLock::new(),
            chronological,
        }
    }

    /// Indexes the search texts of up to `budget` more chantiers; `true` once all are
    /// ready. Lets the app spread the work over several tasks instead of freezing
    /// the page; meanwhile a text search reads the texts not indexed yet.
    ///
    /// ```
    /// use agenda_core::{Filter, Index};
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let index = Index::new(&dataset, chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
    /// assert!(!index.prepare_search(&dataset, 10));
    /// assert!(index.prepare_search(&dataset, usize::MAX));
    /// ```
    pub fn prepare_search(&self, dataset: &Dataset, budget: usize) -> bool {
        let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        texts.index_more(dataset, budget)
    }

    /// Builds the facets' numbers now rather than at the first filter on a facet: for
    /// an idle moment after the first render.
    ///
    /// ```
    /// use agenda_core::{Filter, Index};
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let index = Index::new(&dataset, chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
    /// index.prepare_facets(&dataset);
    /// let mut filter = Filter::default();
    /// filter.themes.insert(dataset.themes[0].code.clone());
    /// assert!(!index.select(&dataset, &filter).chantiers.is_empty());
    /// ```
    pub fn prepare_facets(&self, dataset: &Dataset) {
        self.facets(dataset);
    }

    fn facets(&self, dataset: &Dataset) -> &FacetIndex {
        self.facets
            .get_or_init(|| FacetIndex::new(dataset, &self.statuses))
    }

    /// The day the index was built for.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The status of chantier `i`.
    pub fn status(&self, i: usize) -> Status {
        self.statuses[i]
    }

    /// Whether chantier `i` passes every chantier-level facet of `filter` but the
    /// text (searched in [`Index::select`]) and the period (which applies to
    /// milestones).
    pub fn chantier_matches(&self, dataset: &Dataset, i: usize, filter: &Filter) -> bool {
        let c = &dataset.chantiers[i];
        (filter.themes.is_empty() || c.themes.iter().any(|t| filter.themes.contains(t)))
            && (filter.carriers.is_empty()
                || c.carriers.iter().any(|t| filter.carriers.contains(t)))
            && (filter.natures.is_empty() || filter.natures.contains(&c.nature))
            && (filter.kinds.is_empty()
                || c.concerned
                    .rules
                    .iter()
                    .any(|r| filter.kinds.contains(&r.kind)))
            && (filter.statuses.is_empty() || filter.statuses.contains(&self.statuses[i]))
            && passes_beyond_facets(c, filter)
    }

    /// Applies `filter`: the chantiers passing every facet, and those of their
    /// milestones within the period.
    pub fn select(&self, dataset: &Dataset, filter: &Filter) -> Selection {
        let text = search::Matcher::new(&filter.text);
        let found = (!text.is_empty()).then(|| {
            let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
            texts.search(dataset, &text)
        });
        // What `chantier_matches` says, the facets compared as numbers.
        let facets = filter.has_facets().then(|| {
            let index = self.facets(dataset);
            (index, index.filter(filter))
        });
        let passing: Vec<bool> = (0..dataset.chantiers.len())
            .map(|i| {
                found.as_ref().is_none_or(|found| found[i])
                    && facets
                        .as_ref()
                        .is_none_or(|(index, facets)| index.matches(i, facets))
                    && passes_beyond_facets(&dataset.chantiers[i], filter)
            })
            .collect();
        let mut seen = vec![false; dataset.chantiers.len()];
        let mut selection = Selection::default();
        let (from, to) = filter.period.bounds(self.today);
        for &(r, first, last) in &self.chronological {
            if !passing[r.chantier]
                || from.is_some_and(|from| last < from)
                || to.is_some_and(|to| first > to)
            {
                continue;
            }
            selection.milestones.push(r);
            selection.days.push((first, last));
            if !seen[r.chantier] {
                seen[r.chantier] = true;
                selection.chantiers.push(r.chantier);
            }
        }
        selection
    }
}

/// The conditions of `filter` on a chantier that are not facets: updated since the
/// last visit, shown for "ma collectivité". (Neither reads the chantier when unset.)
fn passes_beyond_facets(chantier: &Chantier, filter: &Filter) -> bool {
    filter
        .updated_after
        .is_none_or(|day| chantier.updated > day)
        && filter
            .profile
            .is_none_or(|p| p.applicability(chantier).is_shown())
}

/// The search texts of a dataset's chantiers, in order: the first ones in the word
/// index, the next ones folded only, while the index is prepared.
///
/// Indexing a text costs about three times folding it. A search before the index is
/// complete folds what is left and searches those texts one by one, as before the
/// index existed: the first search waits for folding only (0.7 s natively at 100,000
/// chantiers), not for the whole index, and the next ones are no slower than they
/// were. Preparation then indexes the folded texts.
#[derive(Debug, Default)]
struct SearchTexts {
    words: WordIndex,
    /// The folded texts of chantiers `words.len()` onwards.
    folded: VecDeque<String>,
}

impl SearchTexts {
    /// Indexes up to `budget` more chantiers' texts; whether all are indexed.
    fn index_more(&mut self, dataset: &Dataset, budget: usize) -> bool {
        let end = self
            .words
            .len()
            .saturating_add(budget)
            .min(dataset.chantiers.len());
        while self.words.len() < end {
            let text = self
                .folded
                .pop_front()
                .unwrap_or_else(|| search_text(dataset, &dataset.chantiers[self.words.len()]));
            self.words.add(&text);
        }
        self.words.len() == dataset.chantiers.len()
    }

    /// Whether each chantier's text contains every word of `query`.
    fn search(&mut self, dataset: &Dataset, query: &search::Matcher) -> Vec<bool> {
        let folded_up_to = self.words.len() + self.folded.len();
        self.folded.extend(
            dataset.chantiers[folded_up_to..]
                .iter()
                .map(|c| search_text(dataset, c)),
        );
        let mut found = self.words.matching(query);
        found.extend(self.folded.iter().map(|text| query.matches(text)));
        found
    }
}

/// Everything free-text search looks at, folded once.
fn search_text(dataset: &Dataset, c: &Chantier) -> String {
    let mut text = Vec::new();
    let mut push = |s: &str| {
        search::fold_bytes(s, &mut text);
        text.push(b' ');
    };
    push(&c.id);
    push(&c.title);
    push(&c.summary);
    c.description.iter().for_each(|p| push(p));
    for code in &c.carriers {
        push(code);
        if let Some(carrier) = dataset.carriers.iter().find(|x| &x.code == code) {
            push(&carrier.label);
            carrier.name.as_deref().map(&mut push);
        }
    }
    for m in &c.milestones {
        push(&m.label);
    }
    // Folding writes ASCII bytes and whole characters only.
    String::from_utf8(text).unwrap_or_else(|_| unreachable!("folded text is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_gives_the_same_result_however_far_preparation_went() {
        let bytes = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        let dataset = crate::load(&bytes).expect("a valid dataset").dataset;
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
        let filter = |text: &str| Filter {
            text: text.into(),
            ..Filter::default()
        };
        let prepared = Index::new(&dataset, today);
        assert!(prepared.prepare_search(&dataset, usize::MAX));
        for budget in [0, 1, 7, 45, 46] {
            for text in ["facture", "demat ads", "zzz", "", "é"] {
                let index = Index::new(&dataset, today);
                index.prepare_search(&dataset, budget);
                // A search while preparing, preparation going on (from the texts
                // that search folded), a search again, and once all is indexed.
                for more in [0, 5, usize::MAX] {
                    index.prepare_search(&dataset, more);
                    assert_eq!(
                        index.select(&dataset, &filter(text)),
                        prepared.select(&dataset, &filter(text)),
                        "budget {budget} then {more}, text {text:?}"
                    );
                }
            }
        }
        assert!(!prepared
            .select(&dataset, &filter("facture"))
            .chantiers
            .is_empty());
    }
}
