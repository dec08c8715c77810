//! Reading a dataset while it downloads: each chantier is parsed as soon as its last
//! byte has arrived, so that on a large file reading overlaps the download instead of
//! following it (the app feeds it the response's chunks, `src/data.rs`).
//!
//! Only the one pass over a well-formed file is done here. Anything unusual (an entry
//! that is not a valid chantier, `chantiers` not a list of objects or given twice,
//! bytes that are not JSON) leaves the whole text to [`load`] once it has arrived, so
//! the outcome is always exactly [`load`]'s: the tests cut every corpus file, valid or
//! broken, into chunks of many sizes and compare.

use super::{deserialize_noting_unknown, load, load_parts, AtOnce, Entry, LoadError, Loaded};

/// The UTF-8 byte order mark, which [`load`] ignores.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A dataset being received, read chantier by chantier as its bytes arrive.
///
/// ```
/// use agenda_core::load::Streaming;
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
/// let (loaded, bytes) = reading.finish();
/// assert_eq!(loaded, agenda_core::load(json));
/// assert_eq!(bytes, json);
/// ```
#[derive(Default)]
pub struct Streaming {
    bytes: Vec<u8>,
    scan: Scan,
    entries: Vec<Entry<'static>>,
}

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
    /// use agenda_core::load::Streaming;
    /// let json = br#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
    ///   "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[]}"#;
    /// let mut reading = Streaming::new();
    /// for chunk in json.chunks(10) {
    ///     reading.push_with(chunk.len(), |next| next.copy_from_slice(chunk));
    /// }
    /// let (loaded, bytes) = reading.finish();
    /// assert!(loaded.unwrap().dataset.chantiers.is_empty());
    /// assert_eq!(bytes, json);
    /// ```
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) {
        let start = self.bytes.len();
        self.bytes.resize(start + len, 0);
        fill(&mut self.bytes[start..]);
        self.advance();
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
    /// and the file's bytes.
    pub fn finish(self) -> (Result<Loaded, LoadError>, Vec<u8>) {
        let Streaming {
            bytes,
            scan,
            entries,
        } = self;
        let header = scan.header_text(&bytes);
        let header = header.as_deref().and_then(|h| std::str::from_utf8(h).ok());
        let loaded = match header.map(serde_json::from_str::<AtOnce>) {
            Some(Ok(AtOnce(header, _))) => load_parts(header, entries),
            _ => load(&bytes),
        };
        (loaded, bytes)
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

/// A chantier read as [`load`]'s one pass reads it; `None` if it is not a valid one.
/// Through `&str`, as the one pass: serde_json's reader of bytes would be a second
/// copy of every model type's deserializer in the wasm.
fn typed(text: &[u8]) -> Option<Entry<'static>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut unknown = Vec::new();
    let chantier = deserialize_noting_unknown(&mut deserializer, &mut unknown).ok()?;
    deserializer.end().ok()?;
    Some(Entry::Typed(Box::new(chantier), unknown))
}

impl Scan {
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
        if byte.is_ascii_whitespace() || byte == b':' {
            return None;
        }
        let in_list = self.in_list();
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

    fn streamed(bytes: &[u8], chunk: usize) -> Result<Loaded, LoadError> {
        let mut reading = Streaming::new();
        for part in bytes.chunks(chunk.max(1)) {
            reading.push(part);
        }
        let (loaded, received) = reading.finish();
        assert_eq!(received, bytes);
        loaded
    }

    #[test]
    fn every_corpus_file_in_any_chunks_reads_as_load_reads_it() {
        for file in crate::load::fast_path_tests::corpus() {
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
            format!("{{{header},\"chantiers\":[,{{}}]}}"),
            format!("{{{header},\"chantiers\":[],\"chantiers\":[{{\"id\":\"x\"}}]}}"),
            format!("{{{header},\"chantiers\":[]}} trailing"),
            format!("{{{header},\"chantiers\":[]"),
            format!("[{{{header},\"chantiers\":[]}}]"),
            format!("{{{header},\"note\":\"\\\"chantiers\\\":[\",\"chantiers\":[]}}"),
            String::new(),
            "]".into(),
        ];
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
            let (loaded, _) = reading.finish();
            assert_eq!(loaded, load(&bytes));
        }
    }
}
