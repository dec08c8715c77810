//! A keyed list whose items are HTML text, patched in place when its keys change.
//!
//! Why not a keyed `<For>`: a filter change replaces most of the milestones on
//! screen, and building each one as a Leptos view (its owner, its element, its
//! attributes, its mount) cost more script than the browser's HTML parser takes to
//! build all of them from one text (README, "Performance"). What the keyed `<For>`
//! gave is kept: an item that stays keeps its DOM node (and the focus in it), and the
//! items that enter are built together, one text per run of neighbours.

use std::ops::Range;

/// How the items shown with keys `old` become the items of keys `new`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Patch {
    /// Positions in `old` of the items to remove.
    pub removed: Vec<usize>,
    /// Runs of new items, each inserted before an item that stays.
    pub inserted: Vec<Insertion>,
}

/// A run of items of `new` (`items`, positions in `new`) inserted before the item at
/// position `before` in `old`, or after the last item when `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    pub before: Option<usize>,
    pub items: Range<usize>,
}

impl Patch {
    /// The patch from `old` to `new`, when the items that stay keep their order (the
    /// timeline's always do: it is sorted by date); `None` when they do not, and the
    /// list is to be built anew. Keys are unique in each list.
    ///
    /// Lists are short (a page of milestones, split by period): keys are looked up
    /// by comparison, which costs less code than hashing them.
    pub fn between<K: PartialEq>(old: &[K], new: &[K]) -> Option<Patch> {
        let mut patch = Patch::default();
        let mut staying = Vec::new();
        for (i, key) in old.iter().enumerate() {
            if new.contains(key) {
                staying.push(i);
            } else {
                patch.removed.push(i);
            }
        }
        let mut next_staying = staying.into_iter();
        let mut run_start = None;
        for (j, key) in new.iter().enumerate() {
            if old.contains(key) {
                let stays_at = next_staying.next()?;
                if old[stays_at] != *key {
                    return None;
                }
                if let Some(start) = run_start.take() {
                    patch.inserted.push(Insertion {
                        before: Some(stays_at),
                        items: start..j,
                    });
                }
            } else if run_start.is_none() {
                run_start = Some(j);
            }
        }
        if let Some(start) = run_start {
            patch.inserted.push(Insertion {
                before: None,
                items: start..new.len(),
            });
        }
        Some(patch)
    }
}

/// Makes the children of `list`, shown with keys `old`, the items of keys `new`:
/// [`Patch::between`] applied, each run of new items parsed from one text; the whole
/// list rebuilt when no item stays or the patch cannot say. Returns whether the items
/// that stay kept their nodes (`false`: every item was built anew from `new`).
pub fn apply<K: PartialEq>(
    list: &web_sys::Element,
    old: &[K],
    new: &[K],
    html: impl Fn(&K) -> String,
) -> bool {
    let text_of = |keys: &[K]| keys.iter().map(&html).collect::<String>();
    let children = list.children();
    // Nothing stays (a new search, often): one call replaces the whole list.
    let Some(patch) = Patch::between(old, new)
        .filter(|patch| children.length() as usize == old.len() && patch.removed.len() < old.len())
    else {
        list.set_inner_html(&text_of(new));
        return false;
    };
    let shown: Vec<Option<web_sys::Element>> =
        (0..old.len()).map(|i| children.item(i as u32)).collect();
    for &i in &patch.removed {
        if let Some(item) = &shown[i] {
            item.remove();
        }
    }
    for insertion in &patch.inserted {
        let text = text_of(&new[insertion.items.clone()]);
        let _ = match insertion.before.and_then(|i| shown[i].as_ref()) {
            Some(item) => item.insert_adjacent_html("beforebegin", &text),
            None => list.insert_adjacent_html("beforeend", &text),
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the DOM does with a patch, on a list of keys.
    fn applied(old: &[u8], new: &[u8], patch: &Patch) -> Vec<u8> {
        let mut slots: Vec<(Vec<u8>, Option<u8>)> =
            old.iter().map(|&k| (Vec::new(), Some(k))).collect();
        let mut tail = Vec::new();
        for &i in &patch.removed {
            slots[i].1 = None;
        }
        for insertion in &patch.inserted {
            let items = new[insertion.items.clone()].to_vec();
            match insertion.before {
                Some(i) => {
                    assert!(slots[i].1.is_some(), "inserted before a removed item");
                    slots[i].0.extend(items);
                }
                None => tail.extend(items),
            }
        }
        let mut out: Vec<u8> = slots
            .into_iter()
            .flat_map(|(before, item)| before.into_iter().chain(item))
            .collect();
        out.extend(tail);
        out
    }

    /// Every ordered selection of distinct keys from 0..n, up to `len` long.
    fn sequences(n: u8, len: usize) -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut frontier = vec![Vec::new()];
        for _ in 0..len {
            let mut next = Vec::new();
            for seq in &frontier {
                for k in 0..n {
                    if !seq.contains(&k) {
                        let mut longer = seq.clone();
                        longer.push(k);
                        next.push(longer);
                    }
                }
            }
            all.extend(next.iter().cloned());
            frontier = next;
        }
        all
    }

    #[test]
    fn a_patch_turns_old_into_new_or_says_it_cannot() {
        let lists = sequences(5, 4);
        for old in &lists {
            for new in &lists {
                let staying_old: Vec<u8> =
                    old.iter().copied().filter(|k| new.contains(k)).collect();
                let staying_new: Vec<u8> =
                    new.iter().copied().filter(|k| old.contains(k)).collect();
                match Patch::between(old, new) {
                    Some(patch) => {
                        assert_eq!(
                            applied(old, new, &patch),
                            *new,
                            "{old:?} → {new:?}: {patch:?}"
                        );
                        let inserted: usize = patch.inserted.iter().map(|i| i.items.len()).sum();
                        assert_eq!(
                            inserted,
                            new.len() - staying_new.len(),
                            "only new items are built"
                        );
                        assert_eq!(patch.removed.len(), old.len() - staying_old.len());
                    }
                    None => assert_ne!(staying_old, staying_new, "{old:?} → {new:?}"),
                }
            }
        }
    }

    #[test]
    fn neighbours_are_inserted_together() {
        let patch = Patch::between(&[2, 5], &[1, 2, 3, 4, 5, 6, 7]).unwrap();
        assert_eq!(
            patch.inserted,
            vec![
                Insertion {
                    before: Some(0),
                    items: 0..1
                },
                Insertion {
                    before: Some(1),
                    items: 2..4
                },
                Insertion {
                    before: None,
                    items: 5..7
                },
            ]
        );
        assert!(patch.removed.is_empty());
    }
}
