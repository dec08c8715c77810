//! One fast hash for the domain's tables of strings from the operator's dataset
//! (chantier ids at load, the search index's words).
//!
//! Why not the standard SipHash: it resists flooding by an attacker, which a dataset
//! the operator publishes does not need, and it showed in the browser's profiles (at
//! load; and preparing the search was five times slower than folding the texts alone).
//! This is FxHash's mixing step (as in rustc), fed eight bytes at a time.
//!
//! The tables are `hashbrown`'s, the crate the standard library's are made of: Leptos
//! (through `indexmap`) already brings it into the browser build, which then holds
//! one copy of its code instead of two (0.3 kB gzip of the wasm).

use hashbrown::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastHashSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// FxHash over words of eight bytes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
