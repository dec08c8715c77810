//! A reader of JSON text: just what reading a dataset needs, pulled token by token,
//! every syntax error said in French with its place.
//!
//! Why not serde_json in the loader: the browser app reads one file of one shape, and
//! serde_json with the model's generated visitors weighed a sixth of the wasm. This
//! reader borrows every text without escapes from the file, and the decoder
//! ([`super::decode`]) reads each type straight from it, with the path of each value
//! at hand for its errors. The tests hold it to serde_json's idea of valid JSON.

use std::borrow::Cow;

use crate::str_slice::slice;

/// How many objects and lists may be open at once (serde_json's limit too, which
/// refuses the 128th): deeper is no dataset, and a bound keeps a hostile file from
/// exhausting the stack.
const MAX_DEPTH: u32 = 127;

/// A syntax error: where (a byte offset) and what, in French.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Byte offset of the error in the text read.
    pub offset: usize,
    /// What is wrong there.
    pub detail: &'static str,
}

impl SyntaxError {
    /// The line and column (from 1, columns in characters) of the error in `text`.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text.as_bytes()[..self.offset.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Characters, not bytes: what an editor shows. (Continuation bytes are not
        // characters.)
        let column = 1 + before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        (line, column)
    }
}

/// What the next value is, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    List,
    Text,
    Number,
    Bool,
    Null,
}

impl Kind {
    /// The French noun phrase for a value of this kind ("un objet").
    pub fn french(self) -> &'static str {
        match self {
            Kind::Object => "un objet",
            Kind::List => "une liste",
            Kind::Text => "un texte",
            Kind::Number => "un nombre",
            Kind::Bool => "un booléen",
            Kind::Null => "null",
        }
    }
}

/// A cursor over a JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

type Result<T> = std::result::Result<T, SyntaxError>;

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader::nested(text, 0)
    }

    /// A reader of a value found `depth` levels deep in a file (a chantier: 2), so
    /// that the nesting limit counts from the file's root wherever it is read from.
    pub fn nested(text: &'a str, depth: u32) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            depth,
        }
    }

    /// The byte offset of the next byte to read.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Goes back to an offset read before, on a value's first byte.
    pub fn seek(&mut self, offset: usize) {
        self.pos = offset;
    }

    fn error(&self, detail: &'static str) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            detail,
        }
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek_byte(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.text.as_bytes().get(self.pos).copied()
    }

    fn expect_byte(&mut self, byte: u8, detail: &'static str) -> Result<()> {
        if self.peek_byte() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.end_or(detail))
        }
    }

    /// `detail`, or [`truncated`](Reader::truncated) at the end of the text.
    fn end_or(&self, detail: &'static str) -> SyntaxError {
        if self.pos >= self.text.len() {
            self.truncated()
        } else {
            self.error(detail)
        }
    }

    /// The text ends inside a value.
    fn truncated(&self) -> SyntaxError {
        self.error("le texte s'arrête avant la fin du JSON (fichier tronqué ?)")
    }

    /// What the next value is; an error if nothing that starts a value comes next.
    pub fn peek(&mut self) -> Result<Kind> {
        Ok(match self.peek_byte() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::List,
            Some(b'"') => Kind::Text,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => {
                return Err(self
                    .end_or("valeur attendue (objet, liste, texte, nombre, true, false ou null)"))
            }
        })
    }

    /// After the one top-level value: only whitespace may remain.
    pub fn end(&mut self) -> Result<()> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(self.error("texte en trop après la fin du JSON")),
        }
    }

    /// Reads a text (its quotes included), without copying it unless it has escapes.
    pub fn text(&mut self) -> Result<Cow<'a, str>> {
        self.expect_byte(b'"', "texte entre guillemets attendu")?;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        // Most texts have no escape: they are borrowed from the file.
        loop {
            match bytes.get(self.pos) {
                Some(b'"') => {
                    let text = slice(self.text, start..self.pos);
                    self.pos += 1;
                    return Ok(Cow::Borrowed(text));
                }
                Some(b'\\') => break,
                Some(0..=0x1F) => {
                    return Err(self.error(
                        "caractère de contrôle dans un texte ; écrivez-le \\n, \\t ou \\u00XX",
                    ))
                }
                Some(_) => self.pos += 1,
                None => return Err(self.truncated()),
            }
        }
        let mut owned = String::from(slice(self.text, start..self.pos));
        loop {
            let run_start = self.pos;
            while let Some(&b) = bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            owned.push_str(slice(self.text, run_start..self.pos));
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.escape()?;
                    owned.push(escaped);
                }
                Some(_) => {
                    return Err(self.error(
                        "caractère de contrôle dans un texte ; écrivez-le \\n, \\t ou \\u00XX",
                    ))
                }
                None => return Err(self.truncated()),
            }
        }
    }

    /// The character of an escape, the backslash read.
    fn escape(&mut self) -> Result<char> {
        let Some(&byte) = self.text.as_bytes().get(self.pos) else {
            return Err(self.truncated());
        };
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{C}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        // A surrogate pair: the low half must follow at once.
                        if !slice(self.text, self.pos..).starts_with("\\u") {
                            return Err(self.error(
                                "demi-caractère Unicode (\\uD800 à \\uDBFF) sans sa seconde moitié",
                            ));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error(
                                "demi-caractère Unicode (\\uD800 à \\uDBFF) sans sa seconde moitié",
                            ));
                        }
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.error("code Unicode invalide"))?
                    }
                    0xDC00..=0xDFFF => {
                        return Err(
                            self.error("seconde moitié d'un caractère Unicode sans la première")
                        )
                    }
                    code => {
                        char::from_u32(code).ok_or_else(|| self.error("code Unicode invalide"))?
                    }
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("échappement inconnu ; ceux de JSON sont \\\" \\\\ \\/ \\b \\f \\n \\r \\t et \\uXXXX"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(&byte) = self.text.as_bytes().get(self.pos) else {
                return Err(self.truncated());
            };
            let digit = (byte as char)
                .to_digit(16)
                .ok_or_else(|| self.error("\\u doit être suivi de quatre chiffres hexadécimaux"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// Reads a number as written (`-12.5e3`), checked against JSON's grammar.
    pub fn number(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = self.pos;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let int_start = pos;
        let ok = digits(&mut pos)
            // No leading zero: `01` is not JSON.
            && !(bytes[int_start] == b'0' && pos - int_start > 1)
            && (bytes.get(pos) != Some(&b'.') || {
                pos += 1;
                digits(&mut pos)
            })
            && (!matches!(bytes.get(pos), Some(b'e' | b'E')) || {
                pos += 1;
                if let Some(b'+' | b'-') = bytes.get(pos) {
                    pos += 1;
                }
                digits(&mut pos)
            });
        self.pos = pos;
        if !ok {
            return Err(self.end_or("nombre mal écrit ; par exemple 3500, -2 ou 1.5"));
        }
        Ok(slice(self.text, start..pos))
    }

    /// Reads `true`, `false` or `null` (their text).
    pub fn word(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let rest = slice(self.text, self.pos..);
        for word in ["true", "false", "null"] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(word);
            }
            if !rest.is_empty() && word.starts_with(rest) {
                // `nu` at the very end: the file was cut inside the word.
                self.pos = self.text.len();
                return Err(self.truncated());
            }
        }
        Err(self.end_or("valeur attendue (objet, liste, texte, nombre, true, false ou null)"))
    }

    /// Reads the `{` of an object.
    pub fn begin_object(&mut self) -> Result<Fields> {
        self.expect_byte(b'{', "objet attendu")?;
        self.enter()?;
        Ok(Fields { first: true })
    }

    /// Reads the `[` of a list.
    pub fn begin_list(&mut self) -> Result<Items> {
        self.expect_byte(b'[', "liste attendue")?;
        self.enter()?;
        Ok(Items { first: true })
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(
                self.error("objets et listes imbriqués trop profondément (plus de 127 niveaux)")
            );
        }
        Ok(())
    }

    /// The next key of the object being read (its `:` read too), or `None` at its `}`.
    pub fn next_key(&mut self, fields: &mut Fields) -> Result<Option<Cow<'a, str>>> {
        match self.peek_byte() {
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !fields.first => {
                self.pos += 1;
                if self.peek_byte() == Some(b'}') {
                    return Err(self.error("virgule en trop avant « } »"));
                }
            }
            _ if fields.first => {}
            _ => return Err(self.end_or("« , » ou « } » attendu après une valeur d'objet")),
        }
        fields.first = false;
        if self.peek_byte() != Some(b'"') {
            return Err(self.end_or("nom de champ entre guillemets attendu"));
        }
        let key = self.text()?;
        self.expect_byte(b':', "« : » attendu après un nom de champ")?;
        Ok(Some(key))
    }

    /// Whether the list being read has another item (its `,` read), `false` at its `]`.
    pub fn next_item(&mut self, items: &mut Items) -> Result<bool> {
        match self.peek_byte() {
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !items.first => {
                self.pos += 1;
                if self.peek_byte() == Some(b']') {
                    return Err(self.error("virgule en trop avant « ] »"));
                }
                Ok(true)
            }
            _ if items.first => {
                items.first = false;
                Ok(true)
            }
            _ => Err(self.end_or("« , » ou « ] » attendu après un élément de liste")),
        }
    }

    /// Reads any value, checking its syntax, and returns its text.
    pub fn value_text(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip_value()?;
        Ok(slice(self.text, start..self.pos))
    }

    /// Reads any value, checking its syntax.
    pub fn skip_value(&mut self) -> Result<()> {
        match self.peek()? {
            Kind::Object => {
                let mut fields = self.begin_object()?;
                while self.next_key(&mut fields)?.is_some() {
                    self.skip_value()?;
                }
            }
            Kind::List => {
                let mut items = self.begin_list()?;
                while self.next_item(&mut items)? {
                    self.skip_value()?;
                }
            }
            Kind::Text => self.skip_text()?,
            Kind::Number => {
                self.number()?;
            }
            Kind::Bool | Kind::Null => {
                self.word()?;
            }
        }
        Ok(())
    }

    /// [`text`](Reader::text) without building it.
    fn skip_text(&mut self) -> Result<()> {
        self.pos += 1;
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape()?;
                }
                Some(0..=0x1F) => {
                    return Err(self.error(
                        "caractère de contrôle dans un texte ; écrivez-le \\n, \\t ou \\u00XX",
                    ))
                }
                Some(_) => self.pos += 1,
                None => return Err(self.truncated()),
            }
        }
    }
}

/// An object being read ([`Reader::begin_object`], [`Reader::next_key`]).
pub(crate) struct Fields {
    first: bool,
}

/// A list being read ([`Reader::begin_list`], [`Reader::next_item`]).
pub(crate) struct Items {
    first: bool,
}

/// Checks that `text` is one JSON value, nothing after it.
#[cfg(test)]
pub(crate) fn check(text: &str) -> Result<()> {
    let mut reader = Reader::new(text);
    reader.skip_value()?;
    reader.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid and broken JSON, each judged as serde_json judges it.
    const SAMPLES: &[&str] = &[
        "{}",
        "[]",
        "\"\"",
        "0",
        "-0",
        "12",
        "-12.5e3",
        "1E+2",
        "1e-2",
        "true",
        "false",
        "null",
        " { \"a\" : [ 1 , 2 ] } ",
        "{\"a\":{\"b\":[{}]}}",
        "\"\\u00e9\\n\\\"\"",
        "\"\\ud83d\\ude00\"",
        "\"é à 😀\"",
        "[1,[2,[3]]]",
        "\t\r\n[]\n",
        // Broken.
        "",
        " ",
        "{",
        "[",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "[,1]",
        "{,}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "tru",
        "nul",
        "True",
        "'a'",
        "\"a",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"a\tb\"",
        "{\"a\":1}}",
        "[1] [2]",
        "{\"a\" 1}",
        "{a:1}",
        "[1 2]",
        "{\"a\":1 \"b\":2}",
        "]",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5.2",
        "--1",
        "0x10",
    ];

    #[test]
    fn judges_syntax_as_serde_json_does() {
        for sample in SAMPLES {
            let ours = check(sample).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(sample).is_ok();
            assert_eq!(ours, theirs, "{sample:?}");
        }
        for depth in [126, 127, 128, 129] {
            let nested = "[".repeat(depth) + &"]".repeat(depth);
            let ours = check(&nested).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(&nested).is_ok();
            assert_eq!(ours, theirs, "{depth} levels");
        }
        // A word cut by the end of the file says the file is cut.
        assert!(check("[nu").unwrap_err().detail.contains("tronqué"));
    }

    #[test]
    fn texts_are_decoded_and_borrowed_when_they_can_be() {
        let mut reader = Reader::new(r#""plain" "a\u00e9\n\ud83d\ude00\/""#);
        assert!(matches!(reader.text(), Ok(Cow::Borrowed("plain"))));
        assert_eq!(reader.text().unwrap(), "aé\n😀/");
    }

    #[test]
    fn errors_say_where_in_lines_and_characters() {
        let text = "{\n  \"é\": [1,\n  2,]\n}";
        let error = check(text).unwrap_err();
        assert_eq!(error.detail, "virgule en trop avant « ] »");
        assert_eq!(error.line_column(text), (3, 5));
        let cut = "{\"a\": [1, 2";
        let error = check(cut).unwrap_err();
        assert!(error.detail.contains("tronqué"), "{error:?}");
        assert_eq!(error.line_column(cut), (1, 12));
    }
}
