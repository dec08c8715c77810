//! Reading a dataset while it downloads: each chantier is parsed as soon as its last
//! byte has arrived, so that on a large file reading overlaps the download instead of
//! following it (the app feeds it the response's chunks, `src/data.rs`).
//!
//! Only the one pass over a well-formed file is done here. Anything unusual (an entry
//! that is not a valid chantier, `chantiers` not a list of objects or given twice,
//! bytes that are not JSON) leaves the whole text to [`load`] once it has arrived, so
//! the outcome is always exactly [`load`]'s: the tests cut every corpus file, valid or
//! broken, into chunks of many sizes and compare.

use super::decode::decode_nested;
use super::{load, load_split, split, Entry, LoadError, Loaded, ENTRY_DEPTH};

/// The UTF-8 byte order mark, which [`load`] ignores.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A dataset being received, read chantier by chantier as its bytes arrive.
///
/// ```
/// use agenda_core::load::{Finished, Streaming};
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],
///   "carriers":[{"code":"dgfip","label":"DGFiP"}],
///   "chantiers":[{"id":"m57","title":"M57","summary":"Nouvelle nomenclature.",
///     "carriers":["dgfip"],"themes":["finances"],"nature":"obligation",
///     "concerned":{"rules":[{"kind":"commune"}]},
///     "milestones":[{"id":"generalisation","label":"Généralisation","date":"2024-01-01"}],
///     "updated":"2026-11-01"}]}"#.as_bytes();
/// let mut reading = Streaming::with_capacity(json.len());
/// for chunk in json.chunks(100) {
///     reading.push(chunk);
/// }
/// assert_eq!(reading.chantiers_read(), 1);
/// let finished = reading.finish();
/// assert_eq!(finished, Finished::Read(agenda_core::load(json), Some(json.to_vec())));
/// ```
#[derive(Default)]
pub struct Streaming {
    bytes: Vec<u8>,
    scan: Scan,
    entries: Vec<Entry<'static>>,
    /// Beyond this many bytes received, the chantiers' bytes are let go once read
    /// ([`Streaming::keeping_up_to`]); `None`: the whole file is kept.
    keep_up_to: Option<usize>,
    /// They are let go once at least this many are behind the reading.
    forget_step: usize,
    /// How many bytes were let go: `bytes` no longer holds the whole file.
    forgotten: usize,
}

/// A reading once the file is complete.
#[derive(Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per file read, moved once: boxing would only add an allocation"
)]
pub enum Finished {
    /// Exactly what [`load`] returns for the file, and the file's bytes unless the
    /// reading let them go ([`Streaming::keeping_up_to`]).
    Read(Result<Loaded, LoadError>, Option<Vec<u8>>),
    /// Something unusual came after the reading had let chantiers' bytes go: only
    /// [`load`], given the whole file again, can say what.
    ReadAgain,
}

/// How many read bytes a reading that lets them go holds at most before it does:
/// one move of the bytes that follow them per megabyte.
const FORGET_STEP: usize = 1 << 20;

/// Where the scan of the bytes received so far stands: just enough of JSON's
/// structure to find where each chantier of the top-level `chantiers` list ends.
#[derive(Default)]
struct Scan {
    /// The next byte to look at.
    pos: usize,
    /// Whether the byte order mark, if any, is behind.
    started: bool,
    /// How many objects and lists are open at `pos`.
    depth: u32,
    in_string: bool,
    /// Where the string being read starts (its opening quote).
    string_start: usize,
    /// In the top-level object, the next string is a key.
    expect_key: bool,
    /// The last top-level key was `chantiers`: its value comes next.
    chantiers_next: bool,
    /// The `chantiers` list: where its `[` is, and one past its `]` once read.
    list: Option<(usize, Option<usize>)>,
    /// What the list expects next.
    list_expects: ListExpects,
    /// Where the chantier being read starts.
    entry_start: Option<usize>,
    /// Something [`load`] must look at: the rest is only received.
    gave_up: bool,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum ListExpects {
    /// After `[`.
    #[default]
    EntryOrEnd,
    /// After a chantier.
    CommaOrEnd,
    /// After a comma.
    Entry,
}

impl Streaming {
    /// An empty reading.
    pub fn new() -> Streaming {
        Streaming::default()
    }

    /// An empty reading for a file of about `bytes` bytes (the `Content-Length`).
    pub fn with_capacity(bytes: usize) -> Streaming {
        Streaming {
            bytes: Vec::with_capacity(bytes),
            ..Streaming::default()
        }
    }

    /// An empty reading that keeps the whole file as long as it is at most
    /// `max_bytes` long (e.g. to save a copy of it), and beyond keeps only the bytes
    /// it has not read yet, and the top level around the chantiers: a large file is
    /// never held whole beside the chantiers read from it. The price: if something
    /// unusual comes after bytes were let go, [`finish`](Streaming::finish) asks for
    /// the file again.
    ///
    /// ```
    /// use agenda_core::load::{Finished, Streaming};
    /// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
    ///   "licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],
    ///   "carriers":[{"code":"dgfip","label":"DGFiP"}],
    ///   "chantiers":[{"id":"m57","title":"M57","summary":"Nouvelle nomenclature.",
    ///     "carriers":["dgfip"],"themes":["finances"],"nature":"obligation",
    ///     "concerned":{"rules":[{"kind":"commune"}]},
    ///     "milestones":[{"id":"generalisation","label":"Généralisation","date":"2024-01-01"}],
    ///     "updated":"2026-11-01"}]}"#.as_bytes();
    /// let mut reading = Streaming::keeping_up_to(4_000_000);
    /// for chunk in json.chunks(100) {
    ///     reading.push(chunk);
    /// }
    /// // A small file is kept whole.
    /// let finished = reading.finish();
    /// assert_eq!(finished, Finished::Read(agenda_core::load(json), Some(json.to_vec())));
    /// ```
    pub fn keeping_up_to(max_bytes: usize) -> Streaming {
        Streaming {
            keep_up_to: Some(max_bytes),
            forget_step: FORGET_STEP,
            ..Streaming::default()
        }
    }

    /// Adds the next bytes of the file and reads every chantier they complete.
    pub fn push(&mut self, chunk: &[u8]) {
        self.push_with(chunk.len(), |next| next.copy_from_slice(chunk));
    }

    /// [`push`](Streaming::push) for bytes held elsewhere, e.g. in a JavaScript
    /// array: `fill` writes the next `len` bytes of the file straight into the
    /// reading's buffer, which spares the copy (and the allocation) that holding them
    /// in a slice first would cost for each chunk of a download.
    ///
    /// ```
    /// use agenda_core::load::{Finished, Streaming};
    /// let json = br#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
    ///   "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[]}"#;
    /// let mut reading = Streaming::new();
    /// for chunk in json.chunks(10) {
    ///     reading.push_with(chunk.len(), |next| next.copy_from_slice(chunk));
    /// }
    /// let Finished::Read(loaded, bytes) = reading.finish() else { unreachable!() };
    /// assert!(loaded.unwrap().dataset.chantiers.is_empty());
    /// assert_eq!(bytes.as_deref(), Some(&json[..]));
    /// ```
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) {
        if self.must_read_again() {
            // The file will be read again whole: the rest is of no use.
            return;
        }
        let start = self.bytes.len();
        self.bytes.resize(start + len, 0);
        fill(&mut self.bytes[start..]);
        self.advance();
        self.forget_read_chantiers();
    }

    /// Whether it is already known that [`finish`](Streaming::finish) will ask for the
    /// file again (something unusual came after bytes were let go): the rest of the
    /// download can stop. Some of it shows only at the end (a file cut short).
    ///
    /// ```
    /// use agenda_core::load::Streaming;
    /// let mut reading = Streaming::keeping_up_to(0);
    /// reading.push(br#"{"chantiers":[{"id":"a"}"#);
    /// // Nothing was let go yet: the file is still whole.
    /// assert!(!reading.must_read_again());
    /// ```
    pub fn must_read_again(&self) -> bool {
        self.scan.gave_up && self.forgotten > 0
    }

    /// Lets go the bytes of the chantiers read, between the list's `[` and the
    /// chantier being received, once there are enough of them.
    fn forget_read_chantiers(&mut self) {
        let (Some(max), Some((list_start, None)), false) =
            (self.keep_up_to, self.scan.list, self.scan.gave_up)
        else {
            return;
        };
        if self.forgotten + self.bytes.len() <= max {
            return;
        }
        let from = list_start + 1;
        let to = self.scan.entry_start.unwrap_or(self.scan.pos);
        if to >= from + self.forget_step {
            self.bytes.drain(from..to);
            self.scan.shift(to - from);
            self.forgotten += to - from;
        }
    }

    /// How many chantiers have been read so far (0 once something unusual was met).
    pub fn chantiers_read(&self) -> usize {
        if self.scan.gave_up {
            0
        } else {
            self.entries.len()
        }
    }

    /// The file is complete: the loaded dataset, exactly as [`load`] would return it,
    /// and the file's bytes if they were kept.
    pub fn finish(self) -> Finished {
        let Streaming {
            bytes,
            scan,
            entries,
            forgotten,
            ..
        } = self;
        let header = scan.header_text(&bytes);
        let header = header.as_deref().and_then(|h| std::str::from_utf8(h).ok());
        match header.map(split) {
            // One `chantiers` key: the list the scan read is the one `load` reads.
            Some(Ok(split)) if split.chantiers_keys == 1 => {
                let read = load_split(split, Some(entries));
                Finished::Read(read, (forgotten == 0).then_some(bytes))
            }
            _ if forgotten > 0 => Finished::ReadAgain,
            _ => Finished::Read(load(&bytes), Some(bytes)),
        }
    }

    fn advance(&mut self) {
        let bytes = &self.bytes;
        let scan = &mut self.scan;
        if !scan.started {
            if bytes.len() < BOM.len() && BOM.starts_with(bytes) {
                return;
            }
            if bytes.starts_with(BOM) {
                scan.pos = BOM.len();
            }
            scan.started = true;
        }
        while scan.pos < bytes.len() && !scan.gave_up {
            if scan.in_string {
                // Most of a dataset is text: skip to the next quote or backslash.
                let rest = &bytes[scan.pos..];
                let Some(at) = memchr::memchr2(b'"', b'\\', rest) else {
                    scan.pos = bytes.len();
                    return;
                };
                if rest[at] == b'\\' {
                    // The escaped byte may not have arrived yet.
                    if at + 1 >= rest.len() {
                        scan.pos += at;
                        return;
                    }
                    scan.pos += at + 2;
                    continue;
                }
                scan.pos += at;
                scan.end_string(&bytes[scan.string_start + 1..scan.pos]);
                scan.pos += 1;
                continue;
            }
            let byte = bytes[scan.pos];
            if let Some((start, end)) = scan.structure(byte) {
                match typed(&bytes[start..end]) {
                    Some(entry) => self.entries.push(entry),
                    None => scan.gave_up = true,
                }
            }
            scan.pos += 1;
        }
    }
}

/// A chantier decoded as [`load`] decodes it; `None` if it is not a valid one.
fn typed(text: &[u8]) -> Option<Entry<'static>> {
    let text = std::str::from_utf8(text).ok()?;
    let (chantier, unknown) = decode_nested(text, ENTRY_DEPTH).ok()?;
    Some(Entry::Typed(Box::new(chantier), unknown))
}

impl Scan {
    /// The `n` bytes before the chantier being received were let go.
    fn shift(&mut self, n: usize) {
        self.pos -= n;
        self.string_start = self.string_start.saturating_sub(n);
        if let Some(start) = &mut self.entry_start {
            *start -= n;
        }
    }

    fn in_list(&self) -> bool {
        matches!(self.list, Some((_, None))) && self.depth == 2
    }

    /// A string ends: a top-level key is noted.
    fn end_string(&mut self, text: &[u8]) {
        self.in_string = false;
        if self.depth == 1 && self.expect_key {
            self.expect_key = false;
            if text == b"chantiers" {
                // A second list: serde_json keeps the later one, `load` says so.
                self.gave_up |= self.list.is_some();
                self.chantiers_next = true;
            }
        }
    }

    /// One byte outside strings. Returns the bounds of a chantier it completes.
    fn structure(&mut self, byte: u8) -> Option<(usize, usize)> {
        // JSON's whitespace only (not a form feed, which `load` refuses).
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            return None;
        }
        let in_list = self.in_list();
        if byte == b':' {
            // After a key; between chantiers, no JSON has one.
            self.gave_up |= in_list && self.entry_start.is_none();
            return None;
        }
        if in_list && self.entry_start.is_none() {
            // Between chantiers: `{`, `,` or `]` in the order JSON allows.
            let expects = self.list_expects;
            match byte {
                b'{' if expects != ListExpects::CommaOrEnd => self.entry_start = Some(self.pos),
                b',' if expects == ListExpects::CommaOrEnd => {
                    self.list_expects = ListExpects::Entry;
                    return None;
                }
                b']' if expects != ListExpects::Entry => {}
                _ => {
                    self.gave_up = true;
                    return None;
                }
            }
        }
        match byte {
            b'"' => {
                self.in_string = true;
                self.string_start = self.pos;
                // `chantiers` is not a list: not for this pass.
                self.gave_up |= self.chantiers_next;
            }
            b'{' | b'[' => {
                if self.chantiers_next {
                    self.chantiers_next = false;
                    if byte == b'[' && self.depth == 1 {
                        self.list = Some((self.pos, None));
                    } else {
                        self.gave_up = true;
                    }
                } else if self.depth == 0 && byte != b'{' {
                    self.gave_up = true;
                }
                self.depth += 1;
                if self.depth == 1 {
                    self.expect_key = true;
                }
            }
            b'}' | b']' => {
                let Some(depth) = self.depth.checked_sub(1) else {
                    self.gave_up = true;
                    return None;
                };
                self.depth = depth;
                if let (Some((start, None)), 1, b']') = (self.list, depth, byte) {
                    self.list = Some((start, Some(self.pos + 1)));
                } else if byte == b'}' && self.in_list() {
                    // The depth is back to the list's: a chantier is complete.
                    let start = self.entry_start.take()?;
                    self.list_expects = ListExpects::CommaOrEnd;
                    return Some((start, self.pos + 1));
                }
            }
            b',' => {
                if self.depth == 1 {
                    self.expect_key = true;
                }
            }
            // A number, `true`, `false` or `null`.
            _ => self.gave_up |= self.chantiers_next,
        }
        None
    }

    /// The dataset without its chantiers (`"chantiers":[]`), once the file is
    /// complete and was read to its end in this pass.
    fn header_text(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        if self.gave_up || self.in_string || self.depth != 0 {
            return None;
        }
        let (start, end) = self.list?;
        let end = end?;
        let from = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        let mut header = Vec::with_capacity(from + bytes.len() - end + start + 2);
        header.extend_from_slice(&bytes[from..start]);
        header.extend_from_slice(b"[]");
        header.extend_from_slice(&bytes[end..]);
        Some(header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forgetting(max: usize, step: usize) -> Streaming {
        Streaming {
            forget_step: step,
            ..Streaming::keeping_up_to(max)
        }
    }

    fn read(mut reading: Streaming, bytes: &[u8], chunk: usize) -> Finished {
        for part in bytes.chunks(chunk.max(1)) {
            reading.push(part);
        }
        reading.finish()
    }

    /// `bytes` in chunks of `chunk` by a keeping reading, whose outcome is returned,
    /// and by forgetting ones, which must agree with it or ask for the file again.
    fn streamed(bytes: &[u8], chunk: usize) -> Result<Loaded, LoadError> {
        let Finished::Read(loaded, received) = read(Streaming::new(), bytes, chunk) else {
            panic!("a reading that keeps the bytes never asks for them again");
        };
        assert_eq!(received.as_deref(), Some(bytes));
        // Letting go from the start or from the middle, after every chantier or
        // after a few.
        for (max, step) in [(0, 1), (0, 300), (bytes.len() / 2, 1)] {
            match read(forgetting(max, step), bytes, chunk) {
                Finished::Read(forgetting, _) => {
                    assert_eq!(forgetting, loaded, "keeping up to {max}, by {step}")
                }
                // Only for a file that is not read in one pass.
                Finished::ReadAgain => assert!(
                    loaded.as_ref().map_or(true, |l| !l.problems.is_empty()),
                    "a clean file read again (keeping up to {max}, by {step})"
                ),
            }
        }
        loaded
    }

    #[test]
    fn every_corpus_file_in_any_chunks_reads_as_load_reads_it() {
        for file in crate::load::tests::corpus() {
            let bytes = std::fs::read(&file).expect("a readable corpus file");
            let expected = load(&bytes);
            for chunk in [1, 2, 3, 7, 64, 1000, usize::MAX] {
                assert_eq!(
                    streamed(&bytes, chunk),
                    expected,
                    "{} in chunks of {chunk}",
                    file.display()
                );
            }
        }
    }

    #[test]
    fn the_shipped_dataset_is_read_as_it_arrives() {
        let bytes = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        let expected = load(&bytes).expect("valid").dataset.chantiers.len();
        let mut reading = Streaming::with_capacity(bytes.len());
        let (first_half, rest) = bytes.split_at(bytes.len() / 2);
        reading.push(first_half);
        let early = reading.chantiers_read();
        assert!(early > 0 && early < expected, "{early} of {expected}");
        reading.push(rest);
        assert_eq!(reading.chantiers_read(), expected);
    }

    #[test]
    fn unusual_shapes_are_left_to_load() {
        let header = r#""schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},"licence":"etalab-2.0","themes":[],"carriers":[]"#;
        let chantier = r#"{"id":"x","title":"T","summary":"S","carriers":["a"],"themes":["b"],"nature":"obligation","concerned":{"rules":[{"kind":"commune"}]},"milestones":[{"id":"m","label":"L","date":"2024"}],"updated":"2026-11-01"}"#;
        // The chantier with an unknown field of `depth` nested lists.
        let nested = |depth: usize| {
            chantier.replacen(
                '{',
                &format!("{{\"x\":{}{},", "[".repeat(depth), "]".repeat(depth)),
                1,
            )
        };
        let cases = [
            format!("{{{header},\"chantiers\":[]}}"),
            format!("\u{FEFF}{{{header},\"chantiers\":[ ]}}"),
            format!("{{\"chantiers\":[],{header}}}"),
            format!("{{{header},\"chantiers\":{{}}}}"),
            format!("{{{header},\"chantiers\":null}}"),
            format!("{{{header},\"chantiers\":\"[]\"}}"),
            format!("{{{header},\"chantiers\":[1]}}"),
            format!("{{{header},\"chantiers\":[{{\"id\":\"x\"}}]}}"),
            format!("{{{header},\"chantiers\":[{{}} {{}}]}}"),
            format!("{{{header},\"chantiers\":[{{}},]}}"),
            format!("{{{header},\"chantiers\":[{chantier}:]}}"),
            format!("{{{header},\"chantiers\":[\x0C{chantier}]}}"),
            format!("{{{header},\"chantiers\":[,{{}}]}}"),
            format!("{{{header},\"chantiers\":[],\"chantiers\":[{{\"id\":\"x\"}}]}}"),
            format!("{{{header},\"chantiers\":[]}} trailing"),
            format!("{{{header},\"chantiers\":[]"),
            format!("[{{{header},\"chantiers\":[]}}]"),
            format!("{{{header},\"note\":\"\\\"chantiers\\\":[\",\"chantiers\":[]}}"),
            String::new(),
            "]".into(),
            // Nesting counted from the file's root, for an entry read on its own too.
            format!("{{{header},\"chantiers\":[{}]}}", nested(124)),
            format!("{{{header},\"chantiers\":[{}]}}", nested(125)),
        ];
        // The list the scan recognised is not the one read, a later key written with
        // an escape: the reading that kept the bytes reads as `load`, the one that
        // let them go asks for the file again.
        for case in [
            format!("{{{header},\"chantiers\":[{chantier}],\"chant\\u0069ers\":[]}}"),
            format!("{{{header},\"chantiers\":[],\"chant\\u0069ers\":[{chantier}]}}"),
        ] {
            let bytes = case.as_bytes();
            let Finished::Read(kept, _) = read(Streaming::new(), bytes, 7) else {
                panic!("a reading that keeps the bytes never asks for them again");
            };
            assert_eq!(kept, load(bytes), "{case}");
            match read(forgetting(0, 1), bytes, 7) {
                Finished::Read(loaded, _) => assert_eq!(loaded, load(bytes), "{case}"),
                Finished::ReadAgain => {}
            }
        }
        for case in cases {
            for chunk in [1, 5, usize::MAX] {
                assert_eq!(
                    streamed(case.as_bytes(), chunk),
                    load(case.as_bytes()),
                    "{case:?} by {chunk}"
                );
            }
        }
    }

    #[cfg(feature = "generate")]
    #[test]
    fn generated_datasets_are_read_as_they_arrive() {
        for seed in [1, 2026] {
            let dataset = crate::generate::dataset(300, seed);
            let bytes = serde_json::to_vec(&dataset).expect("a serializable dataset");
            let mut reading = Streaming::new();
            for part in bytes.chunks(65_536) {
                reading.push(part);
            }
            assert_eq!(reading.chantiers_read(), 300);
            assert_eq!(reading.finish(), Finished::Read(load(&bytes), Some(bytes)));
        }
    }

    #[cfg(feature = "generate")]
    #[test]
    fn a_large_file_is_not_held_whole() {
        let dataset = crate::generate::dataset(2_000, 7);
        let bytes = serde_json::to_vec(&dataset).expect("a serializable dataset");
        assert!(bytes.len() > 4 * FORGET_STEP, "{} bytes", bytes.len());
        let mut reading = Streaming::keeping_up_to(FORGET_STEP);
        let mut held = 0;
        for part in bytes.chunks(65_536) {
            reading.push(part);
            held = held.max(reading.bytes.len());
        }
        assert!(held < 2 * FORGET_STEP + 65_536, "{held} bytes held");
        assert_eq!(reading.chantiers_read(), 2_000);
        assert_eq!(reading.finish(), Finished::Read(load(&bytes), None));
    }

    #[test]
    fn a_bad_chantier_after_forgetting_asks_for_the_file_again() {
        let good = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        let text = String::from_utf8(good).expect("UTF-8");
        // The last chantier loses its `}`: the file is no longer read in one pass.
        let end = text.rfind(']').expect("the chantiers' end");
        let close = text[..end].rfind('}').expect("the last chantier's end");
        let broken = format!("{}{}", &text[..close], &text[close + 1..]);
        let bytes = broken.as_bytes();
        assert_eq!(read(forgetting(0, 1), bytes, 4096), Finished::ReadAgain);
        // An invalid chantier is known as soon as it is read: the rest is not kept.
        // (The last chantier's nature is given twice, the first time unknown.)
        let at = text.rfind(r#""nature""#).expect("a nature");
        let invalid = format!("{}\"nature\": \"peut-etre\",{}", &text[..at], &text[at..]);
        let (head, tail) = invalid
            .as_bytes()
            .split_at(invalid.rfind(']').expect("the end"));
        let mut reading = forgetting(0, 1);
        for part in head.chunks(4096) {
            reading.push(part);
        }
        assert!(reading.must_read_again());
        let held = reading.bytes.len();
        reading.push(tail);
        assert_eq!(reading.bytes.len(), held, "the rest is not kept");
        assert_eq!(reading.finish(), Finished::ReadAgain);
        // A reading that kept everything says what load says.
        assert_eq!(
            read(Streaming::new(), bytes, 4096),
            Finished::Read(load(bytes), Some(bytes.to_vec()))
        );
    }
}
