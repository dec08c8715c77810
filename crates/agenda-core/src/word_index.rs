//! The distinct words of every chantier's folded search text, each with the chantiers
//! it occurs in: a text search scans the words once (half a megabyte at 10,000
//! chantiers) instead of every chantier's text (thirteen megabytes).
//!
//! The answers are those of a substring search in each text ([`Matcher::matches`]):
//! a folded text is words separated by spaces and a query word has no space, so a
//! query word occurs in a text exactly when it occurs in one of the text's words.

use crate::fast_hash::FastHashMap;
use crate::search::Matcher;

/// Documents (chantiers, by position) indexed by the words of their folded text.
///
/// ```
/// use agenda_core::search::{fold, Matcher};
/// use agenda_core::word_index::WordIndex;
/// let mut index = WordIndex::default();
/// index.add(&fold("Facturation électronique"));
/// index.add(&fold("Permis de construire dématérialisé"));
/// assert_eq!(index.matching(&Matcher::new("factur ELEC")), [true, false]);
/// assert_eq!(index.matching(&Matcher::new("e")), [true, true]);
/// assert_eq!(index.matching(&Matcher::new("")), [true, true]);
/// ```
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Every distinct word, each followed by a space: where query words are searched.
    words: String,
    /// Where each word starts in `words`, by word id.
    starts: Vec<u32>,
    /// By word id, the documents the word occurs in: ascending, each once.
    postings: Vec<Vec<u32>>,
    /// The id of each word, to extend its postings as documents are added.
    ids: FastHashMap<Box<str>, u32>,
    documents: u32,
}

impl WordIndex {
    /// Adds the next document (numbered from 0 in the order of the calls), given its
    /// folded text ([`crate::search::fold`]).
    pub fn add(&mut self, folded: &str) {
        let document = self.documents;
        // Folding turned every other separator into a space.
        for word in folded.split(' ').filter(|word| !word.is_empty()) {
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = to_u32(self.postings.len());
                    self.ids.insert(word.into(), id);
                    self.starts.push(to_u32(self.words.len()));
                    self.words.push_str(word);
                    self.words.push(' ');
                    self.postings.push(Vec::new());
                    id
                }
            };
            let documents = &mut self.postings[id as usize];
            // Documents come in ascending order: a repeat can only be the last one.
            if documents.last() != Some(&document) {
                documents.push(document);
            }
        }
        self.documents += 1;
    }

    /// How many documents were added.
    ///
    /// ```
    /// let mut index = agenda_core::word_index::WordIndex::default();
    /// index.add("m57");
    /// assert_eq!(index.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.documents as usize
    }

    /// Whether no document was added.
    ///
    /// ```
    /// assert!(agenda_core::word_index::WordIndex::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.documents == 0
    }

    /// Whether each document contains every word of the query (as a substring of one
    /// of its words), by document number.
    pub fn matching(&self, query: &Matcher) -> Vec<bool> {
        let mut all = vec![true; self.len()];
        for word in query.words() {
            let mut found = vec![false; self.len()];
            let words = self.words.as_bytes();
            let mut from = 0;
            while let Some(at) = word.find_in(&words[from..]).map(|p| from + p) {
                // The word the match is in (the last one starting at or before it).
                let id = self.starts.partition_point(|&start| start as usize <= at) - 1;
                for &document in &self.postings[id] {
                    found[document as usize] = true;
                }
                // Further matches in the same word would add nothing.
                from = self
                    .starts
                    .get(id + 1)
                    .map_or(words.len(), |&next| next as usize);
            }
            all.iter_mut()
                .zip(found)
                .for_each(|(all, found)| *all &= found);
        }
        all
    }
}

/// Positions of the index fit in 32 bits: four gigabytes of words would not fit in
/// the wasm's memory.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold;
    use proptest::prelude::*;

    #[test]
    fn a_word_repeated_in_a_document_lists_it_once() {
        let mut index = WordIndex::default();
        index.add("echeance echeance echeancier");
        index.add("autre");
        assert_eq!(index.postings[0], [0]);
        assert_eq!(index.matching(&Matcher::new("echeanc")), [true, false]);
    }

    #[test]
    fn a_query_word_never_matches_across_two_words() {
        let mut index = WordIndex::default();
        index.add("permis construire");
        assert_eq!(index.matching(&Matcher::new("permisconstruire")), [false]);
        assert_eq!(index.matching(&Matcher::new("s c")), [true]);
    }

    proptest! {
        /// The index answers as the standard library's substring search in each
        /// folded text does.
        #[test]
        fn the_index_agrees_with_searching_each_text(
            texts in prop::collection::vec("[a-eé ,'-]{0,30}", 0..12),
            query in "[a-eé ]{0,8}",
        ) {
            let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
            let mut index = WordIndex::default();
            folded.iter().for_each(|t| index.add(t));
            let matcher = Matcher::new(&query);
            let words = crate::search::query_words(&query);
            let expected: Vec<bool> = folded
                .iter()
                .map(|t| words.iter().all(|w| t.contains(w.as_str())))
                .collect();
            prop_assert_eq!(index.matching(&matcher), expected);
        }
    }
}
