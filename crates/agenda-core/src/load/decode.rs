//! Each type of the dataset read straight from JSON text ([`super::json::Reader`]):
//! the first value that is not what the model expects stops the reading with its path
//! (`milestones[2].date`) and a French message; every field the model does not know
//! is noted (feature `unknown-fields`) and skipped.
//!
//! The model's serde derives still write the file and read drafts; reading a dataset
//! goes through here only (see `json.rs` for why), and the tests hold the paths found
//! here to a tracking serde deserializer's.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::json::{Kind, Reader, SyntaxError};
use crate::date::PartialDate;
use crate::join::join;
use crate::model::{
    AudienceRule, AuthorityKind, Carrier, Chantier, Comparison, Concerned, ContributionChannel,
    EpciKind, Measure, Milestone, Nature, Publisher, Source, SourceKind, Theme, Threshold,
};
use crate::str_slice::slice;

/// Where a value is, from the value decoded first: its parents' keys and indexes.
#[derive(Clone, Copy)]
pub(crate) enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    /// The path as problems name it: keys joined by `.`, indexes in brackets
    /// (`milestones[2].date`), empty for the value decoded first.
    pub fn path(&self) -> String {
        let mut path = String::new();
        self.write(&mut path);
        path
    }

    fn write(&self, path: &mut String) {
        match *self {
            At::Root => {}
            At::Key(parent, key) => {
                parent.write(path);
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            At::Index(parent, index) => {
                parent.write(path);
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
}

/// Why a value could not be decoded.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The text is not JSON (for text whose syntax was not checked before).
    Syntax(SyntaxError),
    /// The JSON is not what the model expects: the path and a French message.
    Invalid(String, String),
}

impl From<SyntaxError> for Failure {
    fn from(error: SyntaxError) -> Failure {
        Failure::Syntax(error)
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// The text being decoded, and the paths of the fields found unknown so far.
pub(crate) struct Input<'a> {
    reader: Reader<'a>,
    unknown: Vec<String>,
}

/// Reads one value of a type from JSON text.
pub(crate) trait Decode: Sized {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self>;
}

/// Decodes the one value of `text` (nothing may follow it), with the paths of the
/// fields it does not know; or the path and French message of its first error.
pub(crate) fn decode_text<T: Decode>(
    text: &str,
) -> std::result::Result<(T, Vec<String>), (String, String)> {
    decode_nested(text, 0)
}

/// [`decode_text`] for a value found `depth` levels deep in its file (a chantier: 2),
/// the nesting limit counted from the file's root.
pub(crate) fn decode_nested<T: Decode>(
    text: &str,
    depth: u32,
) -> std::result::Result<(T, Vec<String>), (String, String)> {
    let mut input = Input {
        reader: Reader::nested(text, depth),
        unknown: Vec::new(),
    };
    let decoded = T::decode(&mut input, At::Root).and_then(|value| {
        input.reader.end()?;
        Ok(value)
    });
    match decoded {
        Ok(value) => Ok((value, input.unknown)),
        Err(Failure::Invalid(path, message)) => Err((path, message)),
        Err(Failure::Syntax(error)) => {
            Err((String::new(), format!("JSON invalide : {}", error.detail)))
        }
    }
}

/// The `id` of an entry that could not be decoded, if it has a text one.
pub(crate) fn id_of_entry(text: &str) -> Option<String> {
    let mut reader = Reader::new(text);
    let mut fields = reader.begin_object().ok()?;
    while let Some(key) = reader.next_key(&mut fields).ok()? {
        if key == "id" && reader.peek().ok()? == Kind::Text {
            return reader.text().ok().map(Cow::into_owned);
        }
        reader.skip_value().ok()?;
    }
    None
}

impl Input<'_> {
    /// "type incorrect": the value found (read past) against the one expected.
    fn mismatch(&mut self, at: At<'_>, expected: &str) -> Failure {
        let found = match self.reader.peek() {
            Ok(Kind::Text) => match self.reader.text() {
                Ok(text) => format!("texte « {} »", shortened(&text)),
                Err(error) => return error.into(),
            },
            Ok(Kind::Number) => match self.reader.number() {
                Ok(number) if number.contains(['.', 'e', 'E']) => {
                    format!("nombre décimal {}", shortened(number))
                }
                Ok(number) => format!("nombre entier {}", shortened(number)),
                Err(error) => return error.into(),
            },
            Ok(Kind::Bool) => match self.reader.word() {
                Ok(word) => format!("booléen {word}"),
                Err(error) => return error.into(),
            },
            Ok(Kind::Null) => "null".to_string(),
            Ok(Kind::Object) => "objet".to_string(),
            Ok(Kind::List) => "liste".to_string(),
            Err(error) => return error.into(),
        };
        Failure::Invalid(
            at.path(),
            format!("type incorrect (attendu : {expected} ; trouvé : {found})"),
        )
    }

    /// The text of a value that must be one.
    fn text(&mut self, at: At<'_>, expected: &str) -> Result<Cow<'_, str>> {
        if self.reader.peek()? != Kind::Text {
            return Err(self.mismatch(at, expected));
        }
        Ok(self.reader.text()?)
    }

    /// Skips a value, checking its syntax.
    pub(crate) fn skip_value(&mut self) -> Result<()> {
        Ok(self.reader.skip_value()?)
    }

    /// Notes a field the model does not know (feature `unknown-fields`) and skips it.
    fn unknown_field(&mut self, at: At<'_>, key: &str) -> Result<()> {
        #[cfg(feature = "unknown-fields")]
        self.unknown.push(At::Key(&at, key).path());
        #[cfg(not(feature = "unknown-fields"))]
        let _ = (at, key);
        self.reader.skip_value()?;
        Ok(())
    }
}

/// At most 60 characters of a text quoted in a message.
fn shortened(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(60) {
        Some((cut, _)) => Cow::Owned(format!("{}…", slice(text, ..cut))),
        None => Cow::Borrowed(text),
    }
}

impl Decode for String {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        input.text(at, "un texte").map(Cow::into_owned)
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        if input.reader.peek()? == Kind::Null {
            input.reader.word()?;
            return Ok(None);
        }
        T::decode(input, at).map(Some)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        let mut list = Vec::new();
        decode_list(input, at, &mut |input, at| {
            list.push(T::decode(input, at)?);
            Ok(())
        })?;
        Ok(list)
    }
}

/// Reads the items of a list, `each` decoding one at its path. (Through `dyn`: one
/// copy of the list's reading for every type of item.)
fn decode_list(
    input: &mut Input<'_>,
    at: At<'_>,
    each: &mut dyn FnMut(&mut Input<'_>, At<'_>) -> Result<()>,
) -> Result<()> {
    if input.reader.peek()? != Kind::List {
        return Err(input.mismatch(at, "une liste"));
    }
    let mut items = input.reader.begin_list()?;
    let mut index = 0;
    while input.reader.next_item(&mut items)? {
        each(input, At::Index(&at, index))?;
        index += 1;
    }
    Ok(())
}

impl Decode for u32 {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        const EXPECTED: &str = "un nombre entier positif";
        if input.reader.peek()? != Kind::Number {
            return Err(input.mismatch(at, EXPECTED));
        }
        let before = input.reader.offset();
        let number = input.reader.number()?;
        if let Ok(value) = number.parse() {
            return Ok(value);
        }
        if number.contains(['.', 'e', 'E']) {
            // Not an integer: the wrong type, as serde says.
            input.reader.seek(before);
            return Err(input.mismatch(at, EXPECTED));
        }
        // An integer, but negative or too large.
        Err(Failure::Invalid(
            at.path(),
            format!(
                "valeur hors limites (attendu : un nombre entier de 0 à {} ; trouvé : {})",
                crate::french::number(u32::MAX.into()),
                shortened(number),
            ),
        ))
    }
}

/// A day, `AAAA-MM-JJ` (the dataset's `published` and `updated`).
impl Decode for NaiveDate {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        let text = input.text(at, "une date AAAA-MM-JJ")?;
        crate::date::parse_day(&text)
            .map_err(|error| Failure::Invalid(at.path(), error.to_string()))
    }
}

impl Decode for PartialDate {
    fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
        let text = input.text(at, "un texte")?;
        text.parse().map_err(|error| {
            Failure::Invalid(at.path(), format!("« {} » : {error}", shortened(&text)))
        })
    }
}

/// Decodes a code of the model's vocabulary: the index of its text in `codes`.
/// (Not generic: one copy for every enum.)
fn decode_code(input: &mut Input<'_>, at: At<'_>, codes: &[&str]) -> Result<usize> {
    let text = input.text(at, "un texte")?;
    match codes.iter().position(|code| *code == text) {
        Some(index) => Ok(index),
        None => Err(Failure::Invalid(
            at.path(),
            format!(
                "valeur « {} » inconnue ; valeurs possibles : {}",
                shortened(&text),
                join(codes, ", ")
            ),
        )),
    }
}

/// Implements [`Decode`] for enums read from their code.
macro_rules! decode_codes {
    ($($type:ty { $($code:literal => $value:expr),* $(,)? })*) => {$(
        impl Decode for $type {
            fn decode(input: &mut Input<'_>, at: At<'_>) -> Result<Self> {
                const VALUES: &[$type] = &[$($value),*];
                decode_code(input, at, &[$($code),*]).map(|index| VALUES[index])
            }
        }
    )*};
}

decode_codes! {
    Nature {
        "obligation" => Nature::Obligation,
        "opportunity" => Nature::Opportunity,
        "end_of_service" => Nature::EndOfService,
        "information" => Nature::Information,
    }
    AuthorityKind {
        "commune" => AuthorityKind::Commune,
        "epci" => AuthorityKind::Epci,
        "departement" => AuthorityKind::Departement,
        "region" => AuthorityKind::Region,
        "other" => AuthorityKind::Other,
    }
    EpciKind {
        "cc" => EpciKind::Cc,
        "ca" => EpciKind::Ca,
        "cu" => EpciKind::Cu,
        "metropole" => EpciKind::Metropole,
        "syndicat" => EpciKind::Syndicat,
    }
    Measure {
        "population" => Measure::Population,
        "staff" => Measure::Staff,
    }
    Comparison {
        "more_than" => Comparison::MoreThan,
        "at_least" => Comparison::AtLeast,
        "less_than" => Comparison::LessThan,
        "at_most" => Comparison::AtMost,
    }
    SourceKind {
        "legal" => SourceKind::Legal,
        "reference" => SourceKind::Reference,
    }
}

/// The value of a required field, or "champ obligatoire manquant" at its path.
pub(crate) fn required<T>(value: Option<T>, at: At<'_>, field: &str) -> Result<T> {
    value.ok_or_else(|| invalid(At::Key(&at, field), "champ obligatoire manquant"))
}

/// Decodes a field's value, once: a field given twice is an error.
pub(crate) fn field<T: Decode>(
    slot: &mut Option<T>,
    input: &mut Input<'_>,
    at: At<'_>,
    name: &str,
) -> Result<()> {
    let here = At::Key(&at, name);
    if slot.is_some() {
        return Err(invalid(here, "champ donné deux fois ; gardez-en un seul"));
    }
    *slot = Some(T::decode(input, here)?);
    Ok(())
}

/// The failure of a value at `at`: its path and `message`.
#[cold]
#[inline(never)]
fn invalid(at: At<'_>, message: &str) -> Failure {
    Failure::Invalid(at.path(), message.to_string())
}

/// Reads the fields of an object: `each` decodes a known one and says whether it
/// knew it; the others are noted and skipped.
pub(crate) fn decode_object(
    input: &mut Input<'_>,
    at: At<'_>,
    each: &mut dyn FnMut(&mut Input<'_>, &str) -> Result<bool>,
) -> Result<()> {
    if input.reader.peek()? != Kind::Object {
        return Err(input.mismatch(at, "un objet"));
    }
    let mut fields = input.reader.begin_object()?;
    while let Some(key) = input.reader.next_key(&mut fields)? {
        if !each(input, &key)? {
            input.unknown_field(at, &key)?;
        }
    }
    Ok(())
}

/// Implements [`Decode`] for a struct of the model: its required fields, then those
/// that default when absent, then fields read and ignored.
macro_rules! decode_struct {
    ($type:ident { $($required:ident),* $(,)? }
     $(or_default { $($optional:ident),* $(,)? })?
     $(ignoring { $($ignored:literal),* $(,)? })?) => {
        impl $crate::load::decode::Decode for $type {
            fn decode(
                input: &mut $crate::load::decode::Input<'_>,
                at: $crate::load::decode::At<'_>,
            ) -> ::std::result::Result<Self, $crate::load::decode::Failure> {
                $(let mut $required = None;)*
                $($(let mut $optional = None;)*)?
                $crate::load::decode::decode_object(input, at, &mut |input, key| {
                    match key {
                        $(stringify!($required) => $crate::load::decode::field(&mut $required, input, at, key)?,)*
                        $($(stringify!($optional) => $crate::load::decode::field(&mut $optional, input, at, key)?,)*)?
                        $($($ignored => input.skip_value()?,)*)?
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                Ok($type {
                    $($required: $crate::load::decode::required($required, at, stringify!($required))?,)*
                    $($($optional: $optional.unwrap_or_default(),)*)?
                })
            }
        }
    };
}
pub(crate) use decode_struct;

decode_struct!(Publisher { name } or_default { url });
decode_struct!(ContributionChannel {} or_default { email, repository_url });
decode_struct!(Theme { code, label });
decode_struct!(Carrier { code, label } or_default { name });
decode_struct!(Concerned { rules } or_default { note });
decode_struct!(AudienceRule { kind } or_default { epci_kinds, thresholds });
decode_struct!(Threshold {
    measure,
    comparison,
    value
});
decode_struct!(Milestone { id, label, date } or_default { end, details });
decode_struct!(Source { label, url } or_default { kind });
decode_struct!(Chantier {
    id, title, summary, carriers, themes, nature, concerned, milestones, updated
} or_default { description, sources, contact });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_keys_and_indexes() {
        let root = At::Root;
        let list = At::Key(&root, "milestones");
        let item = At::Index(&list, 2);
        assert_eq!(At::Key(&item, "date").path(), "milestones[2].date");
        assert_eq!(At::Index(&root, 0).path(), "[0]");
        assert_eq!(root.path(), "");
    }

    #[test]
    fn type_errors_say_what_was_expected_and_found() {
        let error = |json: &str| decode_text::<Milestone>(json).map(|_| ()).unwrap_err();
        assert_eq!(
            error(r#"{"id": 12, "label": "x", "date": "2024"}"#),
            (
                "id".to_string(),
                "type incorrect (attendu : un texte ; trouvé : nombre entier 12)".to_string()
            )
        );
        assert_eq!(
            error(r#"{"id": "a", "label": "x"}"#),
            ("date".to_string(), "champ obligatoire manquant".to_string())
        );
        assert_eq!(
            error(r#"{"id": "a", "id": "b", "label": "x", "date": "2024"}"#).1,
            "champ donné deux fois ; gardez-en un seul"
        );
        assert_eq!(
            error(r#"{"id": "a", "label": "x", "date": "2024-T5"}"#).1,
            "« 2024-T5 » : cette date n'existe pas dans le calendrier"
        );
        let long = "é".repeat(100);
        let message = error(&format!(
            r#"{{"id": "{long}", "label": [], "date": "2024"}}"#
        ))
        .1;
        assert_eq!(
            message,
            "type incorrect (attendu : un texte ; trouvé : liste)"
        );
        let message = error(&format!(r#"{{"id": "a", "label": "x", "date": "{long}"}}"#)).1;
        assert!(
            message.contains(&format!("« {}… »", "é".repeat(60))),
            "{message}"
        );
    }

    #[test]
    fn codes_list_the_possible_values() {
        let error = decode_text::<Threshold>(
            r#"{"measure": "surface", "comparison": "at_least", "value": 3500}"#,
        )
        .map(|_| ())
        .unwrap_err();
        assert_eq!(error.0, "measure");
        assert_eq!(
            error.1,
            "valeur « surface » inconnue ; valeurs possibles : population, staff"
        );
        let error = decode_text::<Threshold>(
            r#"{"measure": "staff", "comparison": "at_least", "value": -1}"#,
        )
        .map(|_| ())
        .unwrap_err();
        assert_eq!(
            error,
            (
                "value".to_string(),
                "valeur hors limites (attendu : un nombre entier de 0 à 4 294 967 295 ; trouvé : -1)"
                    .to_string()
            )
        );
        let huge = "9".repeat(80);
        let error = decode_text::<Threshold>(&format!(
            r#"{{"measure": "staff", "comparison": "at_least", "value": {huge}}}"#
        ))
        .unwrap_err();
        assert_eq!(error.0, "value");
        assert!(
            error.1.starts_with("valeur hors limites")
                && error.1.ends_with(&format!("trouvé : {}…)", &huge[..60])),
            "{}",
            error.1
        );
        // A decimal number is of the wrong type, as serde says.
        let error = decode_text::<Threshold>(
            r#"{"measure": "staff", "comparison": "at_least", "value": 1.5}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.1,
            "type incorrect (attendu : un nombre entier positif ; trouvé : nombre décimal 1.5)"
        );
    }

    /// Each value, written by serde, decodes back to itself.
    fn round_trip<T>(values: &[T])
    where
        T: serde::Serialize + Decode + PartialEq + std::fmt::Debug,
    {
        for value in values {
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(&decode_text::<T>(&json).unwrap().0, value);
        }
    }

    #[test]
    fn every_code_is_the_one_serde_writes() {
        use EpciKind::*;
        round_trip(&Nature::ALL);
        round_trip(&AuthorityKind::ALL);
        round_trip(&[Cc, Ca, Cu, Metropole, Syndicat]);
        round_trip(&[Measure::Population, Measure::Staff]);
        round_trip(&[
            Comparison::MoreThan,
            Comparison::AtLeast,
            Comparison::LessThan,
            Comparison::AtMost,
        ]);
        round_trip(&[SourceKind::Legal, SourceKind::Reference]);
    }
}
