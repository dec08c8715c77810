//! Where in a JSON text an error is, as a path (`milestones[2].date`): from the line
//! and column serde_json gives, by reading the text's structure up to there.
//!
//! Why not a tracking deserializer (serde_path_to_error): it wraps every type's
//! deserializer a second time, for the rare entry that fails; the wasm carried both
//! (4 % of it). The position is free, and reading the structure of one entry again
//! costs nothing next to reporting it.

/// The byte offset just past line `line`, column `column` (both from 1, columns in
/// bytes, as serde_json counts them); the text's end if beyond it.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// One open object or list on the way to the offset.
enum Frame {
    /// An object: its current key, once read, and whether a key comes next.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// A list: the index of its current element, and whether it has one.
    List { index: usize, started: bool },
}

/// The path of the value that the first `offset` bytes of `text` end in or just
/// after, as serde_path_to_error wrote it: keys joined by `.`, list indexes in
/// brackets, the empty path for the top value.
///
/// serde_json places an error where it stopped reading: past a text or number it
/// read, before a value it only looked at (an object where a text was expected).
/// A container whose closing bracket is the last byte read is re-entered at its last
/// key or index when `enter_closed`: serde_json places an error raised outside its
/// reader (an unknown enum value, a date that does not exist) where the enclosing
/// object or list ends, which for its last field is past that bracket. Not for the
/// object's own errors (a missing field, a list given for it), whose place is the
/// object itself.
pub(super) fn path_at(text: &str, offset: usize, enter_closed: bool) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut just_closed = None;
    while i < end {
        let byte = bytes[i];
        just_closed = None;
        if !matches!(byte, b']' | b'}') && !byte.is_ascii_whitespace() {
            if let Some(Frame::List { started, .. }) = frames.last_mut() {
                *started = true;
            }
        }
        match byte {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key }) = frames.last_mut() {
                    if *expect_key {
                        let raw = &text[start..(i + 1).min(text.len())];
                        *key = Some(serde_json::from_str(raw).unwrap_or_else(|_| raw.to_string()));
                        *expect_key = false;
                    }
                }
            }
            b'{' => {
                frames.push(Frame::Object {
                    key: None,
                    expect_key: true,
                });
            }
            b'[' => {
                frames.push(Frame::List {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                just_closed = frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::List { index, .. }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    // An empty list has no element to blame.
    let has_element = !matches!(just_closed, Some(Frame::List { started: false, .. }));
    if let (Some(frame), true, true) = (just_closed, enter_closed, has_element) {
        frames.push(frame);
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => break,
            Frame::List { index, .. } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Whether what was read up to `offset` is an object's key (a `:` follows): serde_json
/// reads an object given for a code as a variant with data, and stops at its key.
pub(super) fn after_key(text: &str, offset: usize) -> bool {
    text.get(offset..)
        .and_then(|rest| rest.trim_start().chars().next())
        == Some(':')
}

/// `path` without its last key or index.
pub(super) fn parent(path: &str) -> &str {
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    &path[..cut]
}

/// The value that starts at `offset` (after spaces), as serde names an unexpected
/// one ("integer `3`", "a sequence"): serde_json only says "expected value" when a
/// code (an enum) is given something else than a text.
pub(super) fn value_at(text: &str, offset: usize) -> String {
    let rest = text.get(offset..).unwrap_or_default();
    let value = serde_json::Deserializer::from_str(rest)
        .into_iter::<serde_json::Value>()
        .next()
        .and_then(Result::ok);
    match value {
        Some(serde_json::Value::Number(n)) if n.is_f64() => format!("floating point `{n}`"),
        Some(serde_json::Value::Number(n)) => format!("integer `{n}`"),
        Some(serde_json::Value::Bool(b)) => format!("boolean `{b}`"),
        Some(serde_json::Value::Null) => "null".into(),
        Some(serde_json::Value::Array(_)) => "sequence".into(),
        Some(serde_json::Value::Object(_)) => "map".into(),
        Some(serde_json::Value::String(s)) => format!("string {s:?}"),
        // Inside an object or list that was opened (`{}` for a code): that is the value.
        None => match text
            .get(..offset)
            .and_then(|read| read.trim_end().chars().last())
        {
            Some('[') => "sequence".into(),
            _ => "map".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path of the first byte of `marker`'s occurrence, read up to its end.
    fn path_after(text: &str, marker: &str) -> String {
        let at = text.find(marker).expect("marker in text") + marker.len();
        path_at(text, at, true)
    }

    #[test]
    fn keys_and_indexes_on_the_way() {
        let text = r#"{"id":"a","milestones":[{"id":"x","date":"2025"},{"id":"y","date":"2025-T5"}],"themes":["a",3]}"#;
        assert_eq!(path_after(text, r#""2025-T5""#), "milestones[1].date");
        assert_eq!(path_after(text, r#"3"#), "themes[1]");
        assert_eq!(path_after(text, r#""a""#), "id");
        // Just past an object that closes: its last field's, or for a missing field
        // the object's own path.
        assert_eq!(path_after(text, r#""2025"}"#), "milestones[0].date");
        let closed = text.find(r#""2025"}"#).unwrap() + r#""2025"}"#.len();
        assert_eq!(path_at(text, closed, false), "milestones[0]");
        assert_eq!(path_after(text, "3]"), "themes[1]");
        // An empty list where an object was expected: the field's error.
        assert_eq!(path_after(r#"{"chantier":[]}"#, "[]"), "chantier");
        assert_eq!(path_after(r#"{"chantier":{}}"#, "{}"), "chantier");
        assert_eq!(path_at(text, text.len(), false), "");
    }

    #[test]
    fn a_value_only_looked_at_is_blamed_from_before_it() {
        let text = r#"{"title":{"fr":"x"},"themes":[["a"]]}"#;
        assert_eq!(path_after(text, r#""title":"#), "title");
        assert_eq!(path_after(text, r#""themes":["#), "themes[0]");
    }

    #[test]
    fn escapes_and_separators_inside_texts_are_not_structure() {
        let text = r#"{"a\"b":"x,}]","c":{"d,":"\\"}}"#;
        assert_eq!(path_after(text, r#""x,}]""#), "a\"b");
        assert_eq!(path_after(text, r#""\\""#), "c.d,");
    }

    #[test]
    fn keys_and_parents() {
        let text = r#"{"kind": {"x": 1}}"#;
        let at = text.find(r#""x""#).unwrap() + 3;
        assert!(after_key(text, at));
        assert!(!after_key(text, at + 3));
        assert_eq!(parent("concerned.rules[0].kind"), "concerned.rules[0]");
        assert_eq!(parent("themes[2]"), "themes");
        assert_eq!(parent("kind"), "");
    }

    #[test]
    fn values_are_named_as_serde_names_them() {
        let text = r#"{"a": 12, "b": -1.5, "c": [1], "d": null}"#;
        let at = |key: &str| text.find(key).unwrap() + key.len();
        assert_eq!(value_at(text, at(r#""a":"#)), "integer `12`");
        assert_eq!(value_at(text, at(r#""b":"#)), "floating point `-1.5`");
        assert_eq!(value_at(text, at(r#""c":"#)), "sequence");
        assert_eq!(value_at(text, at(r#""d":"#)), "null");
        assert_eq!(value_at(r#"{"kind": {}}"#, 10), "map");
    }

    #[test]
    fn offsets_count_bytes_from_line_and_column() {
        let text = "{\n  \"é\": 1,\n  \"b\": true\n}";
        assert_eq!(offset_of(text, 1, 1), 1);
        assert_eq!(
            &text[..offset_of(text, 3, 11)],
            "{\n  \"é\": 1,\n  \"b\": true"
        );
        assert_eq!(offset_of(text, 9, 9), text.len());
    }
}
