//! From the bytes of the published file to a [`Loaded`] dataset: every valid entry
//! kept, every invalid one reported and skipped.
//!
//! Two levels of failure:
//! - [`LoadError`]: nothing can be used (not JSON, wrong top-level shape, unreadable
//!   header, unsupported major version). The app shows an error and "Réessayer".
//! - [`Problem`]s in [`Loaded::problems`]: entries skipped (errors) or kept with a
//!   remark (warnings). The app shows the good entries and a notice.
//!
//! A well-formed file is read in one pass, each chantier straight into its type; if
//! that fails, the file is split by entry (one bad entry does not stop the others),
//! then parsed as plain JSON to say where and what. [`Streaming`] does the one pass
//! while the file downloads, and leaves anything unusual to [`load`].

use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::fast_hash::FastHashMap;
use crate::model::{
    Carrier, Chantier, ContributionChannel, Dataset, Publisher, Theme, SCHEMA_VERSION,
};
use crate::problem::{EntryRef, Problem, ProblemKind};
use crate::validate::{self, Vocabulary};

mod path;
mod streaming;
pub use streaming::{Finished, Streaming};

/// Why a dataset cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file is empty (or only whitespace).
    Empty,
    /// The bytes are not UTF-8 text.
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The text is not JSON.
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// serde_json's description.
        detail: String,
    },
    /// The JSON is not an object with the dataset's fields.
    NotADataset(String),
    /// The schema version is not one this app reads.
    UnsupportedVersion(String),
    /// The header (everything but the chantiers) has errors.
    InvalidHeader(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Empty => write!(f, "le fichier est vide"),
            LoadError::NotUtf8 { offset } => write!(
                f,
                "le fichier n'est pas du texte UTF-8 (octet invalide à la position {offset}) ; enregistrez-le en UTF-8"
            ),
            LoadError::Syntax { line, column, detail } => write!(
                f,
                "le fichier n'est pas du JSON valide (ligne {line}, colonne {column} : {detail}) ; vérifiez virgules, guillemets et accolades à cet endroit"
            ),
            LoadError::NotADataset(detail) => write!(
                f,
                "le fichier n'a pas la forme d'un jeu de données de l'agenda ({detail}) ; comparez-le au schéma (agenda schema)"
            ),
            LoadError::UnsupportedVersion(v) => write!(
                f,
                "version de format « {v} » non prise en charge (cette application lit les versions 1.x) ; mettez l'application à jour"
            ),
            LoadError::InvalidHeader(problems) => {
                write!(f, "l'en-tête du jeu de données est invalide ({} problème(s))", problems.len())?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A dataset ready to show: only valid chantiers, and what was found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The dataset with its valid chantiers, milestones in chronological order.
    pub dataset: Dataset,
    /// Every problem found, in file order: errors (entry skipped) and warnings.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// Whether any problem is an error (an entry was skipped or a field is wrong).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The entries that were skipped, each with its problems.
    ///
    /// ```
    /// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
    ///   "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[{"id":"x"}]}"#;
    /// let loaded = agenda_core::load(json.as_bytes()).unwrap();
    /// let skipped = loaded.skipped();
    /// assert_eq!(skipped.len(), 1);
    /// assert_eq!(skipped[0].0.id.as_deref(), Some("x"));
    /// ```
    pub fn skipped(&self) -> Vec<(EntryRef, Vec<&Problem>)> {
        let mut out: Vec<(EntryRef, Vec<&Problem>)> = Vec::new();
        for p in self.problems.iter().filter(|p| p.is_error()) {
            let Some(entry) = &p.entry else { continue };
            match out.iter_mut().find(|(e, _)| e == entry) {
                Some((_, list)) => list.push(p),
                None => out.push((entry.clone(), vec![p])),
            }
        }
        out
    }
}

/// The dataset's header: everything but the chantiers, which are read one by one
/// so each can fail on its own.
#[derive(Deserialize)]
struct RawDataset {
    schema_version: String,
    #[serde(deserialize_with = "crate::date::deserialize_day")]
    published: NaiveDate,
    publisher: Publisher,
    licence: String,
    #[serde(default)]
    contributions: Option<ContributionChannel>,
    themes: Vec<Theme>,
    carriers: Vec<Carrier>,
}

/// Deserializes a `T`, noting the path of every field it does not know (feature
/// `unknown-fields`; without it, they are ignored silently).
fn deserialize_noting_unknown<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    deserializer: D,
    unknown: &mut Vec<String>,
) -> Result<T, D::Error> {
    #[cfg(feature = "unknown-fields")]
    return serde_ignored::deserialize(deserializer, |path| unknown.push(path.to_string()));
    #[cfg(not(feature = "unknown-fields"))]
    {
        let _ = unknown;
        T::deserialize(deserializer)
    }
}

/// Deserializes `value`, reporting the path of a type error and every field it ignored.
fn read<T: serde::de::DeserializeOwned>(
    value: Value,
    unknown: &mut Vec<String>,
) -> Result<T, (String, String)> {
    // Through its text: the same deserializers as the one pass, no second copy. (Its
    // keys then come in order, so every path to here meets the same first error.)
    read_text(&value.to_string(), unknown)
}

/// [`read`] from a JSON text.
fn read_text<T: serde::de::DeserializeOwned>(
    text: &str,
    unknown: &mut Vec<String>,
) -> Result<T, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserialize_noting_unknown(&mut deserializer, unknown)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| {
            let mut offset = path::offset_of(text, e.line(), e.column());
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            // A code (an enum) given something else than a text; serde_json's position
            // then includes the first byte of the value it only looked at.
            let message = match message {
                "expected value" => {
                    offset = offset.saturating_sub(1);
                    format!(
                        "invalid type: {}, expected a string",
                        path::value_at(text, offset)
                    )
                }
                other => other.to_string(),
            };
            let (missing, french) = serde_message_fr(&message);
            // A missing field, or a list given for an object, is the object's error.
            let own_error = missing.is_some() || message.starts_with("invalid length");
            let mut path = path::path_at(text, offset, !own_error);
            // An object given for a code: its first key was read as the code.
            if message.starts_with("unknown variant") && path::after_key(text, offset) {
                path = path::parent(&path).to_string();
            }
            let message = french;
            match missing {
                // Point at the missing field itself, not at its parent.
                Some(field) if path.is_empty() => (field, message),
                Some(field) => (format!("{path}.{field}"), message),
                None => (path, message),
            }
        })
}

/// serde's English messages, in French. Returns the missing field's name when the
/// message is about one.
fn serde_message_fr(message: &str) -> (Option<String>, String) {
    let quoted = |s: &str| s.replace('`', "");
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (
            Some(field.to_string()),
            "champ obligatoire manquant".to_string(),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (
                None,
                format!(
                    "type incorrect (attendu : {} ; trouvé : {})",
                    type_fr(expected),
                    type_fr(found)
                ),
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = expected
                .trim_start_matches("one of ")
                .replace("` or `", "`, `");
            return (
                None,
                format!(
                    "valeur {} inconnue ; valeurs possibles : {}",
                    quoted(found),
                    quoted(&expected)
                ),
            );
        }
    }
    if message.starts_with("invalid length") && message.contains("expected struct") {
        return (
            None,
            "type incorrect (attendu : un objet ; trouvé : une liste)".to_string(),
        );
    }
    (None, message.to_string())
}

fn type_fr(serde_words: &str) -> String {
    let words = serde_words.replace('`', "");
    for (en, fr) in [
        ("a string", "un texte"),
        ("string", "texte"),
        ("a sequence", "une liste"),
        ("sequence", "liste"),
        ("integer", "nombre entier"),
        ("floating point", "nombre décimal"),
        ("boolean", "booléen"),
        ("map", "objet"),
        ("struct", "objet"),
        ("null", "null"),
        ("u32", "nombre entier positif"),
        ("a valid date", "une date AAAA-MM-JJ"),
    ] {
        if let Some(rest) = words.strip_prefix(en) {
            return format!("{fr}{rest}");
        }
    }
    words
}

/// An entry's id as its problems name it: at most 80 characters of it. (Only a long
/// one is cut: ids of a valid file are short.)
fn entry_id(id: &str) -> String {
    if id.len() <= 80 {
        id.to_string()
    } else {
        id.chars().take(80).collect()
    }
}

pub(crate) fn id_of(value: &Value) -> Option<String> {
    value.get("id").and_then(Value::as_str).map(entry_id)
}

/// Checks the schema version: same major accepted, newer minor a warning.
fn check_version(version: &str, problems: &mut Vec<Problem>) -> Result<(), LoadError> {
    let (ours_major, ours_minor) = SCHEMA_VERSION
        .split_once('.')
        .unwrap_or((SCHEMA_VERSION, "0"));
    let parsed = version
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?)));
    match parsed {
        Some((major, _)) if major.to_string() != ours_major => {
            Err(LoadError::UnsupportedVersion(version.into()))
        }
        Some((_, minor)) if minor > ours_minor.parse().unwrap_or(0) => {
            problems.push(Problem {
                entry: None,
                path: "schema_version".into(),
                kind: ProblemKind::NewerMinorVersion(version.into()),
            });
            Ok(())
        }
        Some(_) => Ok(()),
        None => Err(LoadError::UnsupportedVersion(version.into())),
    }
}

/// Reads a published dataset: parses, validates, keeps the valid chantiers.
///
/// ```
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],
///   "carriers":[{"code":"dgfip","label":"DGFiP"}],
///   "chantiers":[{"id":"m57","title":"M57","summary":"Nouvelle nomenclature.",
///     "carriers":["dgfip"],"themes":["finances"],"nature":"obligation",
///     "concerned":{"rules":[{"kind":"commune"}]},
///     "milestones":[{"id":"generalisation","label":"Généralisation","date":"2024-01-01"}],
///     "updated":"2026-11-01"},
///     {"id":"Bad Id"}]}"#;
/// let loaded = agenda_core::load(json.as_bytes()).unwrap();
/// assert_eq!(loaded.dataset.chantiers.len(), 1);
/// assert!(loaded.has_errors());
/// ```
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_text(text),
        // parse_json says where the first invalid byte is.
        Err(_) => {
            let (header, entries) = split_value(parse_json(bytes)?)?;
            load_parts(header, entries)
        }
    }
}

/// [`load`] for text already known to be UTF-8, e.g. decoded by the browser, which
/// spares checking it again (tens of milliseconds on a large dataset in the browser).
///
/// ```
/// let loaded = agenda_core::load_text(r#"{"schema_version":"1.0","published":"2026-11-01",
///   "publisher":{"name":"ANCT"},"licence":"etalab-2.0","themes":[],"carriers":[],
///   "chantiers":[]}"#).unwrap();
/// assert!(loaded.dataset.chantiers.is_empty());
/// assert_eq!(agenda_core::load_text(" "), Err(agenda_core::LoadError::Empty));
/// ```
pub fn load_text(text: &str) -> Result<Loaded, LoadError> {
    // A BOM is what some Windows editors add; it carries no meaning.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // A well-formed file is read in one pass, each chantier straight into its type;
    // anything else goes through the split by entry (one bad entry does not stop the
    // others), then the diagnostic path, which says where and what.
    let (header, entries) = match serde_json::from_str::<AtOnce>(text) {
        Ok(AtOnce(header, entries)) => (header, entries),
        Err(_) => match split_top_level(text) {
            Some((header, entries)) => (header, entries.into_iter().map(Entry::Raw).collect()),
            None => split_value(parse_text(text)?)?,
        },
    };
    load_parts(header, entries)
}

/// One chantier as found in the file.
enum Entry<'a> {
    /// Read in the one pass over a well-formed file, with the fields it ignored.
    Typed(Box<Chantier>, Vec<String>),
    /// Its text, from the split by entry.
    Raw(&'a RawValue),
    /// Its parsed JSON, from the diagnostic path.
    Value(Value),
}

/// The top level, each field's text left unparsed.
type TopLevel = serde_json::Map<String, Value>;

/// A well-formed dataset read in one pass: its header as JSON, each chantier typed as
/// it is read. Fails at the first entry that is not a valid chantier (or a repeated
/// `chantiers`): [`split_top_level`] then reads the entries one by one.
struct AtOnce(TopLevel, Vec<Entry<'static>>);

impl<'de> Deserialize<'de> for AtOnce {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = AtOnce;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a dataset")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut header = TopLevel::new();
                let mut entries = None;
                while let Some(name) = map.next_key::<String>()? {
                    if name != "chantiers" {
                        header.insert(name, map.next_value()?);
                    } else if entries.is_none() {
                        entries = Some(map.next_value_seed(TypedEntries)?);
                    } else {
                        return Err(A::Error::duplicate_field("chantiers"));
                    }
                }
                let entries = entries.ok_or_else(|| A::Error::missing_field("chantiers"))?;
                Ok(AtOnce(header, entries))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// The `chantiers` list of [`AtOnce`], each entry with the fields it ignored.
struct TypedEntries;

impl<'de> serde::de::DeserializeSeed<'de> for TypedEntries {
    type Value = Vec<Entry<'static>>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TypedEntries {
    type Value = Vec<Entry<'static>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of chantiers")
    }
    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(entry) = seq.next_element_seed(TypedEntry)? {
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// One chantier of [`TypedEntries`].
struct TypedEntry;

impl<'de> serde::de::DeserializeSeed<'de> for TypedEntry {
    type Value = Entry<'static>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        let mut unknown = Vec::new();
        let chantier = deserialize_noting_unknown(deserializer, &mut unknown)?;
        Ok(Entry::Typed(Box::new(chantier), unknown))
    }
}

/// The split by entry of a dataset: its header as JSON and each chantier's text.
/// `None` for anything unusual (not an object, `chantiers` not a list...), which
/// [`split_value`] then explains.
fn split_top_level(text: &str) -> Option<(TopLevel, Vec<&RawValue>)> {
    let fields: Vec<(String, &RawValue)> = serde_json::from_str::<RawObject<'_>>(text).ok()?.0;
    let mut header = serde_json::Map::new();
    let mut entries = None;
    for (name, raw) in fields {
        if name == "chantiers" {
            entries = Some(serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok()?);
        } else {
            header.insert(name, serde_json::from_str(raw.get()).ok()?);
        }
    }
    Some((header, entries?))
}

/// A JSON object's fields in file order, values unparsed (a later duplicate wins, as
/// with [`Value`]).
struct RawObject<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawObject<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut fields: Vec<(String, &'de RawValue)> = Vec::new();
                while let Some((name, raw)) = map.next_entry::<String, &'de RawValue>()? {
                    fields.retain(|(n, _)| n != &name);
                    fields.push((name, raw));
                }
                Ok(RawObject(fields))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// The diagnostic split: the header and the chantiers of a parsed file, or why the
/// file is not a dataset.
fn split_value(value: Value) -> Result<(TopLevel, Vec<Entry<'static>>), LoadError> {
    let Value::Object(mut object) = value else {
        return Err(LoadError::NotADataset(format!(
            "la racine est {} au lieu d'un objet",
            json_type_fr(&value)
        )));
    };
    if let Some(Value::String(version)) = object.get("schema_version") {
        check_version(version, &mut Vec::new())?;
    }
    // Take the chantiers out so a broken entry cannot make the header unreadable.
    let entries = match object.remove("chantiers") {
        Some(Value::Array(items)) => items.into_iter().map(Entry::Value).collect(),
        Some(other) => {
            return Err(LoadError::NotADataset(format!(
                "« chantiers » est {} au lieu d'une liste",
                json_type_fr(&other)
            )))
        }
        None => {
            // The header's own errors come first when it has some.
            let mut unknown = Vec::new();
            read::<RawDataset>(Value::Object(object), &mut unknown).map_err(header_error)?;
            return Err(LoadError::NotADataset(
                "le champ « chantiers » manque".into(),
            ));
        }
    };
    Ok((object, entries))
}

fn header_error((path, detail): (String, String)) -> LoadError {
    LoadError::InvalidHeader(vec![Problem {
        entry: None,
        path,
        kind: ProblemKind::Unreadable(detail),
    }])
}

/// Reads one chantier: typed straight from its text when it can be, else through
/// [`read`] for the path and message of the error.
fn read_entry(
    entry: Entry<'_>,
    unknown: &mut Vec<String>,
) -> (Option<String>, Result<Chantier, (String, String)>) {
    let value = match entry {
        Entry::Typed(chantier, found) => {
            unknown.extend(found);
            let id = Some(entry_id(&chantier.id));
            return (id, Ok(*chantier));
        }
        Entry::Raw(raw) => {
            let mut found = Vec::new();
            let mut de = serde_json::Deserializer::from_str(raw.get());
            let typed: Result<Chantier, _> = deserialize_noting_unknown(&mut de, &mut found);
            match typed {
                Ok(chantier) => {
                    unknown.extend(found);
                    let id = Some(entry_id(&chantier.id));
                    return (id, Ok(chantier));
                }
                // Parsed as a whole by the fast split: this cannot fail. Read again as
                // the other paths read an entry, so each finds the same first error.
                Err(_) => match serde_json::from_str(raw.get()) {
                    Ok(value) => value,
                    Err(e) => return (None, Err((String::new(), e.to_string()))),
                },
            }
        }
        Entry::Value(value) => value,
    };
    (id_of(&value), read(value, unknown))
}

fn load_parts(mut object: TopLevel, entries: Vec<Entry<'_>>) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    if let Some(Value::String(version)) = object.get("schema_version") {
        check_version(version, &mut problems)?;
    }
    object.remove("chantiers");
    let mut unknown = Vec::new();
    let header: RawDataset = read(Value::Object(object), &mut unknown).map_err(header_error)?;
    problems.extend(unknown.into_iter().map(|path| Problem {
        entry: None,
        path,
        kind: ProblemKind::UnknownField,
    }));
    let header_findings = validate::check_vocabulary(&header.themes, &header.carriers);
    if !header_findings.is_empty() {
        return Err(LoadError::InvalidHeader(
            header_findings
                .into_iter()
                .map(|f| Problem {
                    entry: None,
                    path: f.path,
                    kind: f.kind,
                })
                .collect(),
        ));
    }

    let vocabulary = Vocabulary::new(&header.themes, &header.carriers);
    let mut first_index_of: FastHashMap<String, usize> =
        FastHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut chantiers = Vec::new();
    for (index, raw) in entries.into_iter().enumerate() {
        let mut unknown = Vec::new();
        let (id, chantier) = read_entry(raw, &mut unknown);
        let entry = EntryRef { index, id };
        let report = |path: String, kind: ProblemKind, problems: &mut Vec<Problem>| {
            problems.push(Problem {
                entry: Some(entry.clone()),
                path,
                kind,
            });
        };
        let mut chantier: Chantier = match chantier {
            Ok(c) => c,
            Err((path, detail)) => {
                report(path, ProblemKind::Unreadable(detail), &mut problems);
                continue;
            }
        };
        for path in unknown {
            report(path, ProblemKind::UnknownField, &mut problems);
        }
        let findings = validate::check_chantier(&chantier, &vocabulary);
        let mut usable = true;
        for f in findings {
            usable &= !f.kind.severity().eq(&crate::Severity::Error);
            report(f.path, f.kind, &mut problems);
        }
        if let Some(&first_index) = first_index_of.get(&chantier.id) {
            report(
                "id".into(),
                ProblemKind::DuplicateId {
                    id: chantier.id.clone(),
                    first_index,
                },
                &mut problems,
            );
            usable = false;
        }
        if usable {
            first_index_of.insert(chantier.id.clone(), index);
            crate::short_sort::sort_short_by(&mut chantier.milestones, |a, b| a.date.cmp(&b.date));
            chantiers.push(chantier);
        }
    }

    Ok(Loaded {
        dataset: Dataset {
            schema_version: header.schema_version,
            published: header.published,
            publisher: header.publisher,
            licence: header.licence,
            contributions: header.contributions,
            themes: header.themes,
            carriers: header.carriers,
            chantiers,
        },
        problems,
    })
}

/// The JSON value of a file's bytes, read as [`load`] reads them: UTF-8 required, a
/// leading BOM ignored, an empty file and a syntax error reported with their French
/// messages ([`LoadError::Empty`], [`LoadError::NotUtf8`], [`LoadError::Syntax`]).
///
/// ```
/// use agenda_core::{load::parse_json, LoadError};
/// assert!(parse_json("\u{FEFF}{\"id\": \"x\"}".as_bytes()).unwrap().is_object());
/// assert_eq!(parse_json(b"  "), Err(LoadError::Empty));
/// assert!(matches!(parse_json(b"{\"id\":"), Err(LoadError::Syntax { line: 1, .. })));
/// ```
pub fn parse_json(bytes: &[u8]) -> Result<Value, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    parse_text(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

fn parse_text(text: &str) -> Result<Value, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: e
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string(),
    })
}

/// Deserializes one JSON value (a chantier, a contribution's header) as [`load`] reads
/// each entry: a type error becomes a finding with the field's path and a French
/// message ([`ProblemKind::Unreadable`]); every field the type does not know is kept
/// as a [`ProblemKind::UnknownField`] finding beside the value.
///
/// ```
/// use agenda_core::{load::read_value, Milestone, ProblemKind};
/// let value = serde_json::json!({"id": "a", "label": "Début", "date": "2025-T5"});
/// let error = read_value::<Milestone>(value).unwrap_err();
/// assert_eq!(error.path, "date");
/// assert!(matches!(error.kind, ProblemKind::Unreadable(_)));
///
/// let value = serde_json::json!({"id": "a", "label": "Début", "date": "2025-T3", "note": "?"});
/// let (milestone, unknown) = read_value::<Milestone>(value).unwrap();
/// assert_eq!(milestone.date.to_string(), "2025-T3");
/// assert_eq!(unknown[0].path, "note");
/// ```
pub fn read_value<T: serde::de::DeserializeOwned>(
    value: Value,
) -> Result<(T, Vec<validate::Finding>), validate::Finding> {
    let mut unknown = Vec::new();
    match read(value, &mut unknown) {
        Ok(parsed) => Ok((
            parsed,
            unknown
                .into_iter()
                .map(|path| validate::Finding {
                    path,
                    kind: ProblemKind::UnknownField,
                })
                .collect(),
        )),
        Err((path, detail)) => Err(validate::Finding {
            path,
            kind: ProblemKind::Unreadable(detail),
        }),
    }
}

pub(crate) fn json_type_fr(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "un booléen",
        Value::Number(_) => "un nombre",
        Value::String(_) => "un texte",
        Value::Array(_) => "une liste",
        Value::Object(_) => "un objet",
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// What [`load`] returns when every entry goes through the diagnostic path.
    fn load_slowly(bytes: &[u8]) -> Result<Loaded, LoadError> {
        let (header, entries) = split_value(parse_json(bytes)?)?;
        load_parts(header, entries)
    }

    /// What [`load`] returns when the file is split by entry first (the path taken
    /// when the one pass fails).
    fn load_by_entry(bytes: &[u8]) -> Result<Loaded, LoadError> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return load_slowly(bytes);
        };
        match split_top_level(text.strip_prefix('\u{FEFF}').unwrap_or(text)) {
            Some((header, entries)) => {
                load_parts(header, entries.into_iter().map(Entry::Raw).collect())
            }
            None => load_slowly(bytes),
        }
    }

    fn read_in_one_pass(bytes: &[u8]) -> bool {
        std::str::from_utf8(bytes).is_ok_and(|text| {
            serde_json::from_str::<AtOnce>(text.strip_prefix('\u{FEFF}').unwrap_or(text)).is_ok()
        })
    }

    /// Every dataset of the corpus of broken ones (tests/corpus), and the shipped one.
    pub(super) fn corpus() -> Vec<std::path::PathBuf> {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("../../tests/corpus")
            .expect("the corpus of broken datasets")
            .map(|e| e.expect("a corpus entry").path())
            .filter(|p| p.file_name().is_some_and(|n| n != "expectations.json"))
            .collect();
        files.push("../../public/data/agenda.json".into());
        files.sort();
        assert!(files.len() > 30, "corpus not found: {files:?}");
        files
    }

    #[test]
    fn the_three_paths_find_the_same() {
        let (mut one_pass, mut split) = (0, 0);
        for file in corpus() {
            let bytes = std::fs::read(&file).expect("a readable corpus file");
            let loaded = load(&bytes);
            assert_eq!(loaded, load_by_entry(&bytes), "{}", file.display());
            assert_eq!(loaded, load_slowly(&bytes), "{}", file.display());
            if read_in_one_pass(&bytes) {
                one_pass += 1;
            } else if loaded.is_ok() {
                split += 1;
            }
        }
        // Both the one pass and its fallback were exercised.
        assert!(
            one_pass >= 5 && split >= 5,
            "{one_pass} read in one pass, {split} split"
        );
    }

    #[test]
    fn the_shipped_dataset_is_read_in_one_pass() {
        let bytes = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        assert!(read_in_one_pass(&bytes));
    }

    #[test]
    fn a_repeated_chantiers_field_is_not_read_in_one_pass() {
        let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
          "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[],"chantiers":[{"id":"x"}]}"#;
        assert!(!read_in_one_pass(json.as_bytes()));
        let loaded = load(json.as_bytes()).expect("a dataset");
        assert_eq!(Ok(loaded.clone()), load_slowly(json.as_bytes()));
        // As with any JSON object read by serde_json, the later value wins.
        assert_eq!(loaded.skipped().len(), 1);
    }

    #[cfg(feature = "generate")]
    #[test]
    fn generated_datasets_load_the_same_all_ways() {
        for seed in [1, 7, 2026] {
            let dataset = crate::generate::dataset(200, seed);
            let bytes = serde_json::to_string(&dataset).expect("a serializable dataset");
            assert!(read_in_one_pass(bytes.as_bytes()));
            let fast = load(bytes.as_bytes()).expect("a generated dataset");
            assert_eq!(fast.dataset.chantiers.len(), 200);
            assert_eq!(Ok(fast.clone()), load_by_entry(bytes.as_bytes()));
            assert_eq!(Ok(fast), load_slowly(bytes.as_bytes()));
        }
    }
}

/// The paths found from serde_json's positions ([`path`]) against those of a tracking
/// deserializer (serde_path_to_error, what the app used before, a test dependency
/// only), on every way of breaking every field of real entries.
#[cfg(test)]
mod path_tests {
    use super::*;
    use serde_json::json;

    fn read_tracked(value: Value) -> Result<Chantier, (String, String)> {
        let mut track = serde_path_to_error::Track::new();
        let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
        Chantier::deserialize(deserializer).map_err(|e| {
            let e = serde_path_to_error::Error::new(track.path(), e);
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let (missing, message) = serde_message_fr(&e.into_inner().to_string());
            match missing {
                Some(field) if path.is_empty() => (field, message),
                Some(field) => (format!("{path}.{field}"), message),
                None => (path, message),
            }
        })
    }

    /// Every place in `value`, as a list of keys and indexes.
    fn places(value: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let mut here = at.clone();
                    here.push(json!(key));
                    out.push(here.clone());
                    places(inner, here, out);
                }
            }
            Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    let mut here = at.clone();
                    here.push(json!(i));
                    out.push(here.clone());
                    places(inner, here, out);
                }
            }
            _ => {}
        }
    }

    /// `value` with the thing at `place` replaced (`Some`) or removed (`None`).
    fn broken(value: &Value, place: &[Value], with: Option<&Value>) -> Value {
        let mut value = value.clone();
        let (last, parents) = place.split_last().expect("a place");
        let mut parent = &mut value;
        for step in parents {
            parent = match step {
                Value::String(key) => &mut parent[key.as_str()],
                step => &mut parent[step.as_u64().unwrap() as usize],
            };
        }
        match (last, with) {
            (Value::String(key), Some(w)) => parent[key.as_str()] = w.clone(),
            (Value::String(key), None) => {
                parent.as_object_mut().unwrap().remove(key);
            }
            (i, Some(w)) => parent[i.as_u64().unwrap() as usize] = w.clone(),
            (i, None) => {
                parent
                    .as_array_mut()
                    .unwrap()
                    .remove(i.as_u64().unwrap() as usize);
            }
        }
        value
    }

    #[test]
    fn every_broken_field_has_the_path_a_tracking_deserializer_gives() {
        let bytes = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        let dataset: Value = serde_json::from_slice(&bytes).unwrap();
        let replacements = [
            json!(12345),
            json!(-1.5),
            json!(true),
            json!(null),
            json!("texte"),
            json!("2024-02-30"),
            json!({"x": 1}),
            json!({}),
            json!([]),
            json!(["y"]),
        ];
        let mut compared = 0;
        for entry in dataset["chantiers"].as_array().unwrap().iter().take(12) {
            let mut all = Vec::new();
            places(entry, Vec::new(), &mut all);
            for place in &all {
                for with in replacements.iter().map(Some).chain([None]) {
                    let value = broken(entry, place, with);
                    let ours = read::<Chantier>(value.clone(), &mut Vec::new()).map(|_| ());
                    let theirs = read_tracked(value).map(|_| ());
                    match (&ours, &theirs) {
                        // The tracking deserializer's wording had English left in it
                        // ("texte or map", "unit value", "invalid value: map…"): ours
                        // must be all French.
                        (Err((path, message)), Err((their_path, their_message)))
                            if [" or ", "unit value", "invalid value", "invalid length"]
                                .iter()
                                .any(|english| their_message.contains(english)) =>
                        {
                            assert_eq!(path, their_path, "{place:?} ← {with:?}");
                            let found =
                                |m: &str| m.rsplit_once("trouvé : ").map(|(_, f)| f.to_string());
                            assert!(
                                [
                                    " or ", "unit", "value", "map", "sequence", "integer",
                                    "invalid"
                                ]
                                .iter()
                                .all(|english| !message.contains(english)),
                                "{message} ({place:?} ← {with:?})"
                            );
                            // What was found is said as before, where it was French.
                            if let (Some(ours), Some(theirs)) =
                                (found(message), found(their_message))
                            {
                                if !theirs.contains("unit value") {
                                    assert_eq!(ours, theirs, "{place:?} ← {with:?}");
                                }
                            }
                        }
                        _ => assert_eq!(ours, theirs, "{place:?} ← {with:?}"),
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 5000, "{compared}");
    }
}
