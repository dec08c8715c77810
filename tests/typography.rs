//! French typography of every text the project writes: a no-break space (U+00A0)
//! before « : » and inside « », a narrow no-break space (U+202F) before « ; », « ! »
//! and « ? ». A plain space there lets the browser break the line before the sign,
//! and is wrong by the French rules the État's sites follow.
//!
//! The texts are the string literals of the Rust sources (the app, the domain, the
//! command line) and the text of index.html outside its scripts and styles.
//! Comments are English and are not read.

use std::fs;
use std::path::{Path, PathBuf};

const NO_BREAK_SPACE: char = '\u{A0}';
const NARROW_NO_BREAK_SPACE: char = '\u{202F}';

/// A plain space where French typography wants another one.
#[derive(Debug, PartialEq)]
struct Fault {
    /// Byte offset of the space in the text looked at.
    offset: usize,
    /// What to write instead.
    fix: &'static str,
}

/// The faults of one French text.
fn faults(text: &str) -> Vec<Fault> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    for (i, &(offset, c)) in chars.iter().enumerate() {
        if c != ' ' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|&(_, c)| c);
        let next = chars.get(i + 2).map(|&(_, c)| c);
        // The sign ends a word: followed by a space, the end, a closing mark or
        // markup, not by a letter (`?Sized`) or `=` (`!=`).
        let ends = next.is_none_or(|n| n.is_whitespace() || "\"'<).,»\\{".contains(n));
        // After a word, or opening a separator such as " ; " for `join`.
        let after_word = match before {
            Some(b) => !b.is_whitespace(),
            None => next == Some(' '),
        };
        let fix = match after {
            Some(':') if after_word && ends => "U+00A0 (no-break space) before « : »",
            Some(';' | '!' | '?') if after_word && ends => {
                "U+202F (narrow no-break space) before « ; », « ! » and « ? »"
            }
            Some('»') => "U+00A0 (no-break space) before « » »",
            _ if before == Some('«') => "U+00A0 (no-break space) after « « »",
            _ => continue,
        };
        found.push(Fault { offset, fix });
    }
    found
}

/// The byte ranges of the string literals of Rust source `src`, comments skipped.
fn string_literals(src: &str) -> Vec<(usize, usize)> {
    let bytes = src.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if let Some(hashes) = raw_string_start(src, i) {
            let start = i + rest.find('"').unwrap_or(0) + 1;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = src[start..].find(&close).map_or(src.len(), |e| start + e);
            ranges.push((start, end));
            i = end + close.len();
        } else if bytes[i] == b'\'' {
            // A char literal ('"' must not open a string), or a lifetime.
            i += char_literal_len(rest).unwrap_or(1);
        } else if bytes[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            ranges.push((start, j.min(bytes.len())));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    ranges
}

/// At a char literal's start (`'a'`, `'\''`, `'\u{A0}'`): its length in bytes.
fn char_literal_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('\'')?;
    let len = match body.strip_prefix('\\') {
        Some(escaped) if escaped.starts_with('u') => 1 + escaped.find('}')? + 1,
        Some(escaped) => 1 + escaped.chars().next()?.len_utf8(),
        None => body.chars().next()?.len_utf8(),
    };
    body[len..].starts_with('\'').then_some(len + 2)
}

/// At a raw string's start (`r"`, `r#"`, `br"`…): its number of `#`.
fn raw_string_start(src: &str, i: usize) -> Option<usize> {
    let rest = &src[i..];
    let after_prefix = rest.strip_prefix("br").or_else(|| rest.strip_prefix('r'))?;
    let hashes = after_prefix.len() - after_prefix.trim_start_matches('#').len();
    let starts_word = src[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    (starts_word && after_prefix[hashes..].starts_with('"')).then_some(hashes)
}

/// The byte ranges of index.html's text outside `<script>` and `<style>`.
fn html_text(src: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(open) = ["<script", "<style"]
        .iter()
        .filter_map(|tag| src[from..].find(tag).map(|at| (from + at, *tag)))
        .min()
    {
        if open.0 > from {
            ranges.push((from, open.0));
        }
        let close = format!("</{}>", &open.1[1..]);
        from = src[open.0..]
            .find(&close)
            .map_or(src.len(), |end| open.0 + end + close.len());
    }
    ranges.push((from, src.len()));
    ranges
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_french_text_has_its_no_break_spaces() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates/agenda-core", "crates/agenda-cli", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(
        files.len() > 40,
        "sources not found under {}",
        root.display()
    );
    files.push(root.join("index.html"));

    let mut report = Vec::new();
    for path in &files {
        // Its own examples of faults.
        if path.ends_with(file!()) {
            continue;
        }
        let src = fs::read_to_string(path).unwrap();
        let ranges = if path.ends_with("index.html") {
            html_text(&src)
        } else {
            string_literals(&src)
        };
        for (start, end) in ranges {
            for fault in faults(&src[start..end]) {
                let at = start + fault.offset;
                let line = src[..at].matches('\n').count() + 1;
                let text = src[..at].rsplit('\n').next().unwrap_or_default();
                report.push(format!(
                    "{}:{line}:{}: plain space; write {}",
                    path.strip_prefix(root).unwrap_or(path).display(),
                    text.chars().count() + 1,
                    fault.fix,
                ));
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} texts break French typography:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn faults_are_found_where_french_wants_a_no_break_space() {
    let nbsp = NO_BREAK_SPACE;
    let narrow = NARROW_NO_BREAK_SPACE;
    assert_eq!(faults(&format!("Porté par{nbsp}: DGFiP")), []);
    assert_eq!(faults(&format!("Et ensuite{narrow}?")), []);
    assert_eq!(faults(&format!("«{nbsp}démat{nbsp}»")), []);
    let offsets = |text: &str| faults(text).iter().map(|f| f.offset).collect::<Vec<_>>();
    assert_eq!(offsets("Porté par : DGFiP"), [10]);
    assert_eq!(offsets("Qui est concerné ?"), [17]);
    assert_eq!(offsets("a ; b"), [1]);
    assert_eq!(offsets("« démat »"), [2, 9]);
    assert_eq!(offsets("{} :"), [2]);
    // Code and punctuation that is not French typography.
    assert_eq!(offsets("where T: ?Sized"), []);
    assert_eq!(offsets("a != b"), []);
    assert_eq!(offsets("https://x :hover"), []);
    assert_eq!(offsets(" ; "), [0]);
    assert_eq!(offsets(" :hover"), []);
}

#[test]
fn literals_are_read_without_comments_and_chars() {
    let src = "let a = \"un : deux\"; // a comment : skipped\nlet q = '\"'; let r = r#\"x \"y\" z\"#;\n/* b : c */ let l: &'static str = \"e\\\"f\";";
    let texts: Vec<&str> = string_literals(src)
        .into_iter()
        .map(|(s, e)| &src[s..e])
        .collect();
    assert_eq!(texts, ["un : deux", "x \"y\" z", "e\\\"f"]);
    let html = "<p>a : b</p><script>x ? y : z</script><style>a :hover{}</style><p>c</p>";
    let parts: Vec<&str> = html_text(html)
        .into_iter()
        .map(|(s, e)| &html[s..e])
        .collect();
    assert_eq!(parts, ["<p>a : b</p>", "<p>c</p>"]);
}
