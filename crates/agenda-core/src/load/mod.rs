//! From the bytes of the published file to a [`Loaded`] dataset: every valid entry
//! kept, every invalid one reported and skipped.
//!
//! Two levels of failure:
//! - [`LoadError`]: nothing can be used (not JSON, wrong top-level shape, unreadable
//!   header, unsupported major version). The app shows an error and "Réessayer".
//! - [`Problem`]s in [`Loaded::problems`]: entries skipped (errors) or kept with a
//!   remark (warnings). The app shows the good entries and a notice.
//!
//! The file's syntax is checked and its top level split first (`json.rs`: a syntax
//! error makes the whole file unusable); then each chantier is decoded from its own
//! text (`decode.rs`), so one bad entry does not stop the others, and its first error
//! comes with its path and a French message. [`Streaming`] decodes each chantier as
//! soon as it has arrived, and leaves anything unusual to [`load`].

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde_json::Value;

use crate::fast_hash::FastHashMap;
use crate::model::{
    Carrier, Chantier, ContributionChannel, Dataset, Publisher, Theme, SCHEMA_VERSION,
};
use crate::problem::{EntryRef, Problem, ProblemKind};
use crate::str_slice::slice;
use crate::validate::{self, Vocabulary};
use decode::{decode_nested, decode_struct, decode_text, id_of_entry};
use json::{Kind, Reader, SyntaxError};

pub(crate) mod decode;
mod json;
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
        /// What is wrong there.
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
                "le fichier n'est pas du texte UTF-8 (octet invalide à la position {offset}) ; enregistrez-le en UTF-8"
            ),
            LoadError::Syntax { line, column, detail } => write!(
                f,
                "le fichier n'est pas du JSON valide (ligne {line}, colonne {column} : {detail}) ; vérifiez virgules, guillemets et accolades à cet endroit"
            ),
            LoadError::NotADataset(detail) => write!(
                f,
                "le fichier n'a pas la forme d'un jeu de données de l'agenda ({detail}) ; comparez-le au schéma (agenda schema)"
            ),
            LoadError::UnsupportedVersion(v) => write!(
                f,
                "version de format « {v} » non prise en charge (cette application lit les versions 1.x) ; mettez l'application à jour"
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

/// The dataset's header: everything but the chantiers, which are decoded one by one
/// so each can fail on its own.
struct Header {
    schema_version: String,
    published: NaiveDate,
    publisher: Publisher,
    licence: String,
    contributions: Option<ContributionChannel>,
    themes: Vec<Theme>,
    carriers: Vec<Carrier>,
}

decode_struct!(Header {
    schema_version, published, publisher, licence, themes, carriers
} or_default { contributions } ignoring { "chantiers" });

/// An entry's id as its problems name it: at most 80 characters of it. (Only a long
/// one is cut: ids of a valid file are short.)
fn entry_id(id: &str) -> String {
    if id.len() <= 80 {
        id.to_string()
    } else {
        id.chars().take(80).collect()
    }
}

/// The `id` of an entry parsed by serde_json, as its problems name it.
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
    load_text(utf8(bytes)?)
}

/// The text of a file's bytes, or where its first invalid byte is.
fn utf8(bytes: &[u8]) -> Result<&str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        offset: e.valid_up_to(),
    })
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
    load_split(split(without_bom(text)?)?, None)
}

/// The text without the BOM that some Windows editors add (it carries no meaning);
/// [`LoadError::Empty`] if nothing else is left.
fn without_bom(text: &str) -> Result<&str, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(text)
}

/// How deep a chantier is in its file: in the root object's `chantiers` list.
const ENTRY_DEPTH: u32 = 2;

/// One chantier as found in the file.
enum Entry<'a> {
    /// Decoded as it arrived ([`Streaming`]), with the fields it ignored.
    Typed(Box<Chantier>, Vec<String>),
    /// Its text, to decode.
    Text(&'a str),
}

/// What a dataset's `chantiers` field holds.
enum Chantiers<'a> {
    /// A list: each entry's text.
    List(Vec<&'a str>),
    /// Something else.
    Not(Kind),
}

/// A dataset's text, its syntax checked and its top level split.
struct Split<'a> {
    /// The last `schema_version` given as a text.
    version: Option<Cow<'a, str>>,
    /// The last `chantiers` given.
    chantiers: Option<Chantiers<'a>>,
    /// How many `chantiers` keys the root has, however written (`"chant\u0069ers"`
    /// too): a reading that recognised one list by its bytes is only right if there
    /// is one.
    chantiers_keys: usize,
    /// The dataset with `[]` for that list: what its header is decoded from.
    header: Cow<'a, str>,
}

/// The French [`LoadError::Syntax`] of a syntax error in `text`.
fn syntax_error(text: &str, error: SyntaxError) -> LoadError {
    let (line, column) = error.line_column(text);
    LoadError::Syntax {
        line,
        column,
        detail: error.detail.to_string(),
    }
}

/// Checks the whole text's syntax and splits its top level; or says why the text is
/// no dataset (not JSON, not an object).
fn split(text: &str) -> Result<Split<'_>, LoadError> {
    split_checked(text).map_err(|error| syntax_error(text, error))?
}

fn split_checked(text: &str) -> Result<Result<Split<'_>, LoadError>, SyntaxError> {
    let mut reader = Reader::new(text);
    let root = reader.peek()?;
    if root != Kind::Object {
        reader.skip_value()?;
        reader.end()?;
        return Ok(Err(LoadError::NotADataset(format!(
            "la racine est {} au lieu d'un objet",
            root.french()
        ))));
    }
    let mut version = None;
    let mut chantiers = None;
    let mut chantiers_keys = 0;
    let mut list_bounds = None;
    let mut fields = reader.begin_object()?;
    while let Some(key) = reader.next_key(&mut fields)? {
        let kind = reader.peek()?;
        chantiers_keys += usize::from(key == "chantiers");
        match (&*key, kind) {
            ("schema_version", Kind::Text) => version = Some(reader.text()?),
            ("chantiers", Kind::List) => {
                let start = reader.offset();
                let mut items = reader.begin_list()?;
                let mut entries = Vec::new();
                while reader.next_item(&mut items)? {
                    entries.push(reader.value_text()?);
                }
                list_bounds = Some((start, reader.offset()));
                chantiers = Some(Chantiers::List(entries));
            }
            (key, kind) => {
                reader.skip_value()?;
                if key == "chantiers" {
                    (list_bounds, chantiers) = (None, Some(Chantiers::Not(kind)));
                } else if key == "schema_version" {
                    version = None;
                }
            }
        }
    }
    reader.end()?;
    let header = match list_bounds {
        Some((start, end)) => {
            Cow::Owned(format!("{}[]{}", slice(text, ..start), slice(text, end..)))
        }
        None => Cow::Borrowed(text),
    };
    Ok(Ok(Split {
        version,
        chantiers,
        chantiers_keys,
        header,
    }))
}

/// Loads a split dataset: its chantiers decoded from their texts, or `typed` already.
fn load_split(split: Split<'_>, typed: Option<Vec<Entry<'_>>>) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    if let Some(version) = &split.version {
        check_version(version, &mut problems)?;
    }
    let entries = match split.chantiers {
        Some(Chantiers::List(texts)) => {
            typed.unwrap_or_else(|| texts.into_iter().map(Entry::Text).collect())
        }
        Some(Chantiers::Not(kind)) => {
            return Err(LoadError::NotADataset(format!(
                "« chantiers » est {} au lieu d'une liste",
                kind.french()
            )))
        }
        None => {
            // The header's own errors come first when it has some.
            decode_text::<Header>(&split.header).map_err(header_error)?;
            return Err(LoadError::NotADataset(
                "le champ « chantiers » manque".into(),
            ));
        }
    };
    load_parts(&split.header, entries, problems)
}

fn header_error((path, detail): (String, String)) -> LoadError {
    LoadError::InvalidHeader(vec![Problem {
        entry: None,
        path,
        kind: ProblemKind::Unreadable(detail),
    }])
}

/// Decodes one chantier: its id (for its problems), and it with the fields it
/// ignored, or its first error's path and message.
#[allow(clippy::type_complexity, reason = "a pair of results, used once")]
fn read_entry(
    entry: Entry<'_>,
) -> (
    Option<String>,
    Result<(Chantier, Vec<String>), (String, String)>,
) {
    match entry {
        Entry::Typed(chantier, unknown) => (Some(entry_id(&chantier.id)), Ok((*chantier, unknown))),
        Entry::Text(text) => match decode_nested::<Chantier>(text, ENTRY_DEPTH) {
            Ok((chantier, unknown)) => (Some(entry_id(&chantier.id)), Ok((chantier, unknown))),
            Err(error) => (id_of_entry(text).as_deref().map(entry_id), Err(error)),
        },
    }
}

fn load_parts(
    header: &str,
    entries: Vec<Entry<'_>>,
    mut problems: Vec<Problem>,
) -> Result<Loaded, LoadError> {
    let (header, unknown) = decode_text::<Header>(header).map_err(header_error)?;
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
        let (id, chantier) = read_entry(raw);
        let entry = EntryRef { index, id };
        let report = |path: String, kind: ProblemKind, problems: &mut Vec<Problem>| {
            problems.push(Problem {
                entry: Some(entry.clone()),
                path,
                kind,
            });
        };
        let (mut chantier, unknown) = match chantier {
            Ok(decoded) => decoded,
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
            crate::compact_sort::sort_by(&mut chantier.milestones, |a, b| a.date.cmp(&b.date));
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
/// (For the command-line tools, which look at any JSON file; not in the app.)
///
/// ```
/// use agenda_core::{load::parse_json, LoadError};
/// assert!(parse_json("\u{FEFF}{\"id\": \"x\"}".as_bytes()).unwrap().is_object());
/// assert_eq!(parse_json(b"  "), Err(LoadError::Empty));
/// assert!(matches!(parse_json(b"{\"id\":"), Err(LoadError::Syntax { line: 1, .. })));
/// ```
pub fn parse_json(bytes: &[u8]) -> Result<Value, LoadError> {
    let text = without_bom(utf8(bytes)?)?;
    let mut reader = Reader::new(text);
    reader
        .skip_value()
        .and_then(|()| reader.end())
        .map_err(|error| syntax_error(text, error))?;
    // Valid JSON: serde_json can only refuse a number beyond what it holds (its
    // column then counts bytes).
    serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: if e.to_string().starts_with("number out of range") {
            "nombre trop grand".to_string()
        } else {
            "valeur que cet outil ne sait pas lire".to_string()
        },
    })
}

/// Decodes one JSON value (a chantier, a contribution's header) as [`load`] decodes
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
#[allow(
    private_bounds,
    reason = "the model's types are the ones that can be read"
)]
pub fn read_value<T: decode::Decode>(
    value: Value,
) -> Result<(T, Vec<validate::Finding>), validate::Finding> {
    match decode_text::<T>(&value.to_string()) {
        Ok((parsed, unknown)) => Ok((
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

/// The French noun phrase for the type of a value parsed by serde_json.
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
pub(super) mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    /// Every dataset of the corpus of broken ones (tests/corpus), and the shipped one.
    pub(crate) fn corpus() -> Vec<std::path::PathBuf> {
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

    /// `dataset` as [`load`] returns a valid one: milestones in chronological order.
    fn as_loaded(mut dataset: Dataset) -> Dataset {
        for chantier in &mut dataset.chantiers {
            chantier.milestones.sort_by_key(|m| m.date);
        }
        dataset
    }

    #[test]
    fn valid_datasets_decode_as_serde_reads_them() {
        let mut compared = 0;
        for file in corpus() {
            let bytes = std::fs::read(&file).expect("a readable corpus file");
            let Ok(loaded) = load(&bytes) else { continue };
            if !loaded.problems.is_empty() {
                continue;
            }
            let text = std::str::from_utf8(&bytes).unwrap();
            let serde: Dataset =
                serde_json::from_str(text.strip_prefix('\u{FEFF}').unwrap_or(text)).unwrap();
            assert_eq!(loaded.dataset, as_loaded(serde), "{}", file.display());
            compared += 1;
        }
        assert!(compared >= 3, "{compared}");
    }

    #[cfg(feature = "generate")]
    #[test]
    fn generated_datasets_decode_as_serde_reads_them() {
        for seed in [1, 7, 2026] {
            let dataset = crate::generate::dataset(300, seed);
            let bytes = serde_json::to_vec(&dataset).expect("a serializable dataset");
            let loaded = load(&bytes).expect("a generated dataset");
            assert_eq!(loaded.problems, []);
            assert_eq!(loaded.dataset, as_loaded(dataset));
        }
    }

    #[test]
    fn syntax_errors_say_where_and_what_in_french() {
        let error = load(b"{\"schema_version\": \"1.0\",\n \"themes\": [1 2]}").unwrap_err();
        assert_eq!(
            error,
            LoadError::Syntax {
                line: 2,
                column: 15,
                detail: "« , » ou « ] » attendu après un élément de liste".into()
            }
        );
        assert!(error.to_string().contains("ligne 2, colonne 15"), "{error}");
    }

    #[test]
    fn the_later_of_two_chantiers_lists_is_read() {
        let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
          "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[],"chantiers":[{"id":"x"}]}"#;
        let loaded = load(json.as_bytes()).expect("a dataset");
        // As with any JSON object read by serde_json, the later value wins.
        assert_eq!(loaded.skipped().len(), 1);
    }

    fn read_tracked(value: Value) -> Result<Chantier, String> {
        let mut track = serde_path_to_error::Track::new();
        let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
        Chantier::deserialize(deserializer).map_err(|e| {
            let e = serde_path_to_error::Error::new(track.path(), e);
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            match e.inner().to_string().strip_prefix("missing field `") {
                Some(field) => {
                    let field = field.trim_end_matches('`');
                    if path.is_empty() {
                        field.to_string()
                    } else {
                        format!("{path}.{field}")
                    }
                }
                None => path,
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

    /// The decoder against a tracking serde deserializer of the model (a test
    /// dependency only), on every way of breaking every field of real entries: the
    /// same entries fail, at the same paths, with messages all in French.
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
                    let ours = decode_text::<Chantier>(&value.to_string()).map(|(c, _)| c);
                    let theirs = read_tracked(value);
                    match (&ours, &theirs) {
                        (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs),
                        // serde reads a list given for a struct as its fields in order;
                        // the decoder says an object was expected, at the list.
                        (Err((path, message)), Err(their_path))
                            if message.ends_with("attendu : un objet ; trouvé : liste)") =>
                        {
                            assert!(
                                their_path.starts_with(path.as_str()),
                                "{place:?} ← {with:?}"
                            )
                        }
                        (Err((path, message)), Err(their_path)) => {
                            assert_eq!(path, their_path, "{place:?} ← {with:?}: {message}");
                            let english = [
                                "invalid", "expected", "unit", "map", "sequence", "string",
                                "integer", "found", "missing", "field", "variant",
                            ];
                            assert!(
                                message
                                    .split(|c: char| !c.is_alphabetic())
                                    .all(|word| !english.contains(&word)),
                                "{message} ({place:?} ← {with:?})"
                            );
                        }
                        _ => panic!("{place:?} ← {with:?}: {ours:?} against {theirs:?}"),
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 5000, "{compared}");
    }
}
