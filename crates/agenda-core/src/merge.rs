//! Contributions from ministries, merged into the published dataset.
//!
//! A ministry proposes a new chantier, or an update of a published one, as one JSON
//! file: a [`Contribution`]. The operator merges contributions with `agenda merge`,
//! which calls [`merge`]: every contribution is checked against the dataset with the
//! same rules as [`load`](crate::load()), conflicts are refused, and the outcome says
//! in French what changed ([`changes`], [`describe_new`]).
//!
//! # The contribution file
//!
//! ```json
//! {
//!   "contribution_version": "1.0",
//!   "base_updated": "2026-11-29",
//!   "chantier": { "id": "…", "title": "…", "…": "a complete chantier" }
//! }
//! ```
//!
//! - Without `base_updated`: a **new** chantier; its id must not be published yet.
//! - With `base_updated`: an **update** of the published chantier with the same id,
//!   prepared from the published version whose `updated` date was `base_updated`.
//! - A bare chantier object (no envelope) is accepted too: new if its id is unknown,
//!   otherwise an update based on its own `updated` date.
//!
//! The chantier is always complete: an update replaces the published entry.
//!
//! # Merge rules
//!
//! - All or nothing: if any contribution is refused, nothing is applied and every
//!   problem of every contribution is reported ([`MergeError`]).
//! - Contributions are applied in the given order. A chantier may be touched by only
//!   **one** contribution per merge: a second one touching the same id is refused
//!   (group both proposals into one file, or merge them one after the other, the
//!   second rebased on the first).
//! - An update is refused when its `base_updated` is older than the published
//!   entry's `updated`: someone changed the entry after the contributor copied it
//!   (optimistic concurrency at the precision of a day: two changes on the same day
//!   cannot be told apart, which is why the operator reads the change summary).
//! - A new entry whose id is already published, and an update of an unknown id, are
//!   refused.
//! - Every touched entry gets `updated` = today; its milestones are stored in
//!   chronological order, as [`load`](crate::load()) sorts them.
//! - The dataset's order is kept: an update stays in place, a new chantier is
//!   appended at the end (the app sorts by date for display anyway).
//! - The result is serialized and read again with [`load`](crate::load()): a merged
//!   dataset has no error, or the merge is refused.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use crate::join::join;
use crate::load::{self, LoadError};
use crate::model::{Chantier, Dataset, Milestone, Source, SourceKind};
use crate::problem::{EntryRef, Problem, ProblemKind, Severity};
use crate::validate::{self, Finding, Vocabulary};

/// The contribution format version this build reads and writes: same major, any
/// minor is accepted.
///
/// ```
/// assert_eq!(agenda_core::merge::CONTRIBUTION_VERSION, "1.0");
/// ```
pub const CONTRIBUTION_VERSION: &str = "1.0";

/// Whether a contribution came in the envelope or as a bare chantier.
///
/// ```
/// use agenda_core::merge::Shape;
/// assert_eq!(Shape::default(), Shape::Envelope);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// `{"contribution_version": …, "base_updated": …, "chantier": {…}}`.
    #[default]
    Envelope,
    /// A bare chantier object: new if its id is unknown, otherwise an update based on
    /// its own `updated` date.
    Bare,
}

impl Shape {
    /// Where the chantier's fields are in the file: field paths of problems start
    /// with it (`chantier.milestones[0].date`), or nothing for a bare chantier.
    ///
    /// ```
    /// use agenda_core::merge::Shape;
    /// assert_eq!(Shape::Envelope.path_prefix(), "chantier");
    /// assert_eq!(Shape::Bare.path_prefix(), "");
    /// ```
    pub fn path_prefix(self) -> &'static str {
        match self {
            Shape::Envelope => "chantier",
            Shape::Bare => "",
        }
    }

    /// The path of a chantier field `path` in the file.
    ///
    /// ```
    /// use agenda_core::merge::Shape;
    /// assert_eq!(Shape::Envelope.path_of("milestones[0].date"), "chantier.milestones[0].date");
    /// assert_eq!(Shape::Envelope.path_of(""), "chantier");
    /// assert_eq!(Shape::Bare.path_of("title"), "title");
    /// ```
    pub fn path_of(self, path: &str) -> String {
        match (self.path_prefix(), path) {
            (prefix, "") => prefix.to_string(),
            ("", path) => path.to_string(),
            (prefix, path) => format!("{prefix}.{path}"),
        }
    }
}

/// A ministry's proposal: a new chantier, or an update of a published one.
///
/// This is the file format (its JSON Schema is printed by
/// `agenda schema --contribution`); `origin` and `shape` are not in the file, they
/// say where the contribution came from.
///
/// ```
/// use agenda_core::merge::Contribution;
/// let json = r#"{"contribution_version": "1.0", "base_updated": "2026-11-29",
///   "chantier": {"id": "m57", "title": "M57", "summary": "Nouvelle nomenclature.",
///     "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
///     "concerned": {"rules": [{"kind": "commune"}]},
///     "milestones": [{"id": "generalisation", "label": "Généralisation", "date": "2024-01-01"}],
///     "updated": "2026-11-29"}}"#;
/// let contribution: Contribution = serde_json::from_str(json).unwrap();
/// assert_eq!(contribution.base_updated.unwrap().to_string(), "2026-11-29");
/// assert_eq!(contribution.chantier.id, "m57");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "A ministry's proposal: a new chantier (no base_updated), or an update of the published chantier with the same id (base_updated: the `updated` date of the published version it was prepared from)."
    )
)]
pub struct Contribution {
    /// Version of the contribution format, "MAJEURE.MINEURE" (currently "1.0").
    pub contribution_version: String,
    /// For an update: the `updated` date of the published version the contribution
    /// was prepared from. Absent for a new chantier.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::date::deserialize_optional_day"
    )]
    pub base_updated: Option<NaiveDate>,
    /// The chantier, complete, as it should be published.
    pub chantier: Chantier,
    /// Where the contribution comes from, for messages (a file name); not in the file.
    #[serde(skip)]
    pub origin: String,
    /// Whether the file was the envelope or a bare chantier; not in the file.
    #[serde(skip)]
    pub shape: Shape,
}

impl Contribution {
    /// A proposal of a new chantier.
    ///
    /// ```
    /// # let chantier: agenda_core::Chantier = serde_json::from_str(r#"{"id": "x", "title": "X",
    /// #   "summary": "S.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
    /// #   "concerned": {"rules": [{"kind": "commune"}]},
    /// #   "milestones": [{"id": "a", "label": "A", "date": "2027"}], "updated": "2026-11-29"}"#).unwrap();
    /// let c = agenda_core::merge::Contribution::new_chantier(chantier);
    /// assert_eq!(c.base_updated, None);
    /// assert_eq!(c.contribution_version, "1.0");
    /// ```
    pub fn new_chantier(chantier: Chantier) -> Self {
        Contribution {
            contribution_version: CONTRIBUTION_VERSION.to_string(),
            base_updated: None,
            chantier,
            origin: String::new(),
            shape: Shape::Envelope,
        }
    }

    /// A proposal to update the published chantier with the same id, prepared from
    /// the published version whose `updated` date is `base_updated`.
    ///
    /// ```
    /// # let chantier: agenda_core::Chantier = serde_json::from_str(r#"{"id": "x", "title": "X",
    /// #   "summary": "S.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
    /// #   "concerned": {"rules": [{"kind": "commune"}]},
    /// #   "milestones": [{"id": "a", "label": "A", "date": "2027"}], "updated": "2026-11-29"}"#).unwrap();
    /// let base = chantier.updated;
    /// let c = agenda_core::merge::Contribution::update(chantier, base);
    /// assert_eq!(c.base_updated, Some(base));
    /// ```
    pub fn update(chantier: Chantier, base_updated: NaiveDate) -> Self {
        Contribution {
            base_updated: Some(base_updated),
            ..Contribution::new_chantier(chantier)
        }
    }

    /// The same contribution, named `origin` in messages.
    ///
    /// ```
    /// # let chantier: agenda_core::Chantier = serde_json::from_str(r#"{"id": "x", "title": "X",
    /// #   "summary": "S.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
    /// #   "concerned": {"rules": [{"kind": "commune"}]},
    /// #   "milestones": [{"id": "a", "label": "A", "date": "2027"}], "updated": "2026-11-29"}"#).unwrap();
    /// let c = agenda_core::merge::Contribution::new_chantier(chantier).with_origin("dgfip.json");
    /// assert_eq!(c.origin, "dgfip.json");
    /// ```
    pub fn with_origin(self, origin: impl Into<String>) -> Self {
        Contribution {
            origin: origin.into(),
            ..self
        }
    }

    /// The contribution file's text: pretty JSON (2-space indent) and a final newline,
    /// as the web editor offers it for download.
    ///
    /// ```
    /// # let chantier: agenda_core::Chantier = serde_json::from_str(r#"{"id": "x", "title": "X",
    /// #   "summary": "S.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
    /// #   "concerned": {"rules": [{"kind": "commune"}]},
    /// #   "milestones": [{"id": "a", "label": "A", "date": "2027"}], "updated": "2026-11-29"}"#).unwrap();
    /// use agenda_core::merge::{parse, Contribution};
    /// let c = Contribution::new_chantier(chantier);
    /// let text = c.to_json();
    /// assert!(text.starts_with("{\n  \"contribution_version\": \"1.0\",\n"));
    /// assert_eq!(parse(text.as_bytes(), "").unwrap().contribution, c);
    /// ```
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A contribution read from a file, with the warnings found on the way.
///
/// ```
/// let text = r#"{"contribution_version": "1.0", "commentaire": "merci",
///   "chantier": {"id": "x", "title": "X", "summary": "S.", "carriers": ["dgfip"],
///     "themes": ["finances"], "nature": "obligation", "concerned": {"rules": [{"kind": "commune"}]},
///     "milestones": [{"id": "a", "label": "A", "date": "2027"}], "updated": "2026-11-29"}}"#;
/// let parsed = agenda_core::merge::parse(text.as_bytes(), "x.json").unwrap();
/// assert_eq!(parsed.contribution.chantier.id, "x");
/// assert_eq!(parsed.warnings[0].path, "commentaire");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The contribution.
    pub contribution: Contribution,
    /// Remarks that do not prevent the merge (unknown fields, newer minor version).
    pub warnings: Vec<Problem>,
}

/// Why a contribution file cannot be used.
///
/// ```
/// use agenda_core::{merge::{parse, ParseError}, LoadError};
/// assert_eq!(parse(b"", "x.json"), Err(ParseError::Unusable(LoadError::Empty)));
/// assert!(matches!(parse(b"{\"contribution_version\": \"2.0\"}", ""), Err(ParseError::UnsupportedVersion(_))));
/// assert!(matches!(parse(b"{\"contribution_version\": \"1.0\"}", ""), Err(ParseError::Invalid(_))));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// The file is empty, not UTF-8 text, or not JSON (the dataset's messages, which
    /// speak of "le fichier").
    Unusable(LoadError),
    /// The JSON is not an object.
    NotAnEntry(String),
    /// The contribution version is not one this build reads.
    UnsupportedVersion(String),
    /// The contribution could not be read: every problem found (errors and warnings),
    /// with field paths such as `chantier.milestones[0].date`.
    Invalid(Vec<Problem>),
}

impl fmt::Display for ParseError {
    /// One French sentence; for [`ParseError::Invalid`], one more line per problem.
    ///
    /// ```
    /// let error = agenda_core::merge::parse(b"[]", "a.json").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "le fichier n'a pas la forme d'une contribution (la racine est une liste au lieu d'un objet) ; \
    ///      comparez-le au schéma (agenda schema --contribution)"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Unusable(e) => write!(f, "{e}"),
            ParseError::NotAnEntry(detail) => write!(
                f,
                "le fichier n'a pas la forme d'une contribution ({detail}) ; comparez-le au schéma (agenda schema --contribution)"
            ),
            ParseError::UnsupportedVersion(v) => write!(
                f,
                "version de contribution « {v} » non prise en charge (cet outil lit les versions 1.x) ; indiquez \"contribution_version\": \"{CONTRIBUTION_VERSION}\""
            ),
            ParseError::Invalid(problems) => {
                let errors = problems.iter().filter(|p| p.is_error()).count();
                write!(f, "la contribution est illisible ({errors} erreur(s))")?;
                for p in problems {
                    write!(f, "\n{}", describe("", p))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// The envelope without its chantier, read on its own so a broken chantier does not
/// hide the envelope's problems (and the other way round).
struct Header {
    contribution_version: String,
    base_updated: Option<NaiveDate>,
}

load::decode::decode_struct!(Header { contribution_version } or_default { base_updated });

/// Reads a contribution file: the envelope, or a bare chantier.
///
/// Problems are [`Problem`]s whose path is the field's path in the file
/// (`chantier.milestones[0].date` in the envelope, `milestones[0].date` in a bare
/// chantier) and whose entry has index 0 and the chantier's id. Validation against a
/// dataset (themes, carriers, every rule) happens in [`merge`].
///
/// ```
/// use agenda_core::merge::{parse, ParseError, Shape};
/// let json = r#"{"contribution_version": "1.0",
///   "chantier": {"id": "m57", "title": "M57", "summary": "Nouvelle nomenclature.",
///     "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
///     "concerned": {"rules": [{"kind": "commune"}]},
///     "milestones": [{"id": "generalisation", "label": "Généralisation", "date": "2024-13"}],
///     "updated": "2026-11-29"}}"#;
/// let Err(ParseError::Invalid(problems)) = parse(json.as_bytes(), "m57.json") else { panic!() };
/// assert_eq!(problems[0].path, "chantier.milestones[0].date");
/// assert_eq!(problems[0].entry.as_ref().unwrap().id.as_deref(), Some("m57"));
///
/// let bare = r#"{"id": "m57", "title": "M57", "summary": "Nouvelle nomenclature.",
///     "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
///     "concerned": {"rules": [{"kind": "commune"}]},
///     "milestones": [{"id": "generalisation", "label": "Généralisation", "date": "2024"}],
///     "updated": "2026-11-29"}"#;
/// assert_eq!(parse(bare.as_bytes(), "m57.json").unwrap().contribution.shape, Shape::Bare);
/// ```
pub fn parse(bytes: &[u8], origin: &str) -> Result<Parsed, ParseError> {
    let value = load::parse_json(bytes).map_err(ParseError::Unusable)?;
    parse_value(value, origin)
}

/// Like [`parse`], from a JSON value already read (for a caller that looked at the
/// value first, e.g. to tell a dataset from a contribution).
///
/// ```
/// use agenda_core::merge::{parse_value, ParseError};
/// let value = serde_json::json!({"contribution_version": "1.0", "base_updated": "hier"});
/// let Err(ParseError::Invalid(problems)) = parse_value(value, "") else { panic!() };
/// let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
/// assert_eq!(paths, ["base_updated", "chantier"]);
/// ```
pub fn parse_value(value: Value, origin: &str) -> Result<Parsed, ParseError> {
    let Value::Object(mut object) = value else {
        return Err(ParseError::NotAnEntry(format!(
            "la racine est {} au lieu d'un objet",
            load::json_type_fr(&value)
        )));
    };
    let shape = if ["contribution_version", "base_updated", "chantier"]
        .iter()
        .any(|key| object.contains_key(*key))
    {
        Shape::Envelope
    } else {
        Shape::Bare
    };
    let (chantier_value, header_value) = match shape {
        Shape::Envelope => (object.remove("chantier"), Some(Value::Object(object))),
        Shape::Bare => (Some(Value::Object(object)), None),
    };
    let entry = EntryRef {
        index: 0,
        id: chantier_value.as_ref().and_then(load::id_of),
    };
    let mut problems = Vec::new();
    let report = |problems: &mut Vec<Problem>, path: String, kind: ProblemKind| {
        problems.push(Problem {
            entry: Some(entry.clone()),
            path,
            kind,
        });
    };

    let mut version = CONTRIBUTION_VERSION.to_string();
    let mut base_updated = None;
    if let Some(header_value) = header_value {
        if let Some(Value::String(v)) = header_value.get("contribution_version") {
            if let Some(kind) = check_version(v)? {
                report(&mut problems, "contribution_version".into(), kind);
            }
        }
        match load::read_value::<Header>(header_value) {
            Ok((header, unknown)) => {
                version = header.contribution_version;
                base_updated = header.base_updated;
                for f in unknown {
                    report(&mut problems, f.path, f.kind);
                }
            }
            Err(f) => report(&mut problems, f.path, f.kind),
        }
    }

    let chantier = match chantier_value {
        None => {
            report(
                &mut problems,
                "chantier".into(),
                ProblemKind::Unreadable("champ obligatoire manquant".into()),
            );
            None
        }
        Some(value) => match load::read_value::<Chantier>(value) {
            Ok((chantier, unknown)) => {
                for f in unknown {
                    report(&mut problems, shape.path_of(&f.path), f.kind);
                }
                Some(chantier)
            }
            Err(f) => {
                report(&mut problems, shape.path_of(&f.path), f.kind);
                None
            }
        },
    };

    match chantier {
        Some(chantier) if !problems.iter().any(Problem::is_error) => Ok(Parsed {
            contribution: Contribution {
                contribution_version: version,
                base_updated,
                chantier,
                origin: origin.to_string(),
                shape,
            },
            warnings: problems,
        }),
        _ => Err(ParseError::Invalid(problems)),
    }
}

/// Checks the contribution version: same major accepted, a newer minor is a warning.
fn check_version(version: &str) -> Result<Option<ProblemKind>, ParseError> {
    let parse = |v: &str| {
        v.split_once('.').and_then(|(major, minor)| {
            Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?))
        })
    };
    let (ours_major, ours_minor) = parse(CONTRIBUTION_VERSION).unwrap_or((1, 0));
    match parse(version) {
        Some((major, _)) if major != ours_major => {
            Err(ParseError::UnsupportedVersion(version.into()))
        }
        Some((_, minor)) if minor > ours_minor => {
            Ok(Some(ProblemKind::NewerMinorVersion(version.into())))
        }
        Some(_) => Ok(None),
        None => Err(ParseError::UnsupportedVersion(version.into())),
    }
}

/// One problem of a single-entry file (or of a contribution named `origin`), in
/// French, on one line: like [`Problem`]'s display, without the entry's position in
/// a dataset, which means nothing for a contribution.
///
/// ```
/// use agenda_core::{merge::describe, EntryRef, Problem, ProblemKind};
/// let p = Problem {
///     entry: Some(EntryRef { index: 0, id: Some("m57".into()) }),
///     path: "chantier.title".into(),
///     kind: ProblemKind::EmptyText,
/// };
/// assert_eq!(describe("", &p), "erreur : chantier « m57 », champ chantier.title : le texte est vide — saisissez un texte");
/// assert_eq!(
///     describe("dgfip.json", &p),
///     "erreur : contribution « dgfip.json », chantier « m57 », champ chantier.title : le texte est vide — saisissez un texte"
/// );
/// ```
pub fn describe(origin: &str, problem: &Problem) -> String {
    let severity = match problem.severity() {
        Severity::Error => "erreur",
        Severity::Warning => "avertissement",
    };
    let id = problem
        .entry
        .as_ref()
        .and_then(|e| e.id.as_deref())
        .unwrap_or("");
    format!(
        "{severity} : {} : {} — {}",
        location(origin, id, &problem.path),
        problem.kind.message(),
        problem.kind.hint()
    )
}

/// "contribution « a.json », chantier « x », champ title", each part when known.
fn location(origin: &str, id: &str, path: &str) -> String {
    let mut parts = Vec::new();
    if !origin.is_empty() {
        parts.push(format!("contribution « {origin} »"));
    }
    if !id.is_empty() {
        parts.push(format!("chantier « {} »", excerpt(id, 80)));
    } else if origin.is_empty() {
        parts.push("chantier sans identifiant".to_string());
    }
    if !path.is_empty() {
        parts.push(format!("champ {path}"));
    }
    join(&parts, ", ")
}

/// What a merge did with a contribution.
///
/// ```
/// use agenda_core::merge::Action;
/// let update = Action::Update { base_updated: "2026-11-29".parse().unwrap() };
/// assert_ne!(update, Action::New);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new chantier, appended to the dataset.
    New,
    /// The published chantier replaced, from the version of `base_updated`.
    Update {
        /// The published version the contribution was prepared from.
        base_updated: NaiveDate,
    },
}

/// A contribution applied by [`merge`]: what it did and what changed (see the
/// example of [`merge`]).
///
/// ```
/// use agenda_core::merge::{Action, Applied};
/// let applied = Applied { contribution: 0, origin: "m57.json".into(), id: "m57".into(),
///     action: Action::New, changes: vec!["Titre : « M57 »".into()], warnings: vec![] };
/// assert_eq!(applied.changes.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// Index of the contribution in the list given to [`merge`].
    pub contribution: usize,
    /// The contribution's origin (file name), possibly empty.
    pub origin: String,
    /// The chantier's id.
    pub id: String,
    /// New chantier or update.
    pub action: Action,
    /// French lines: for an update, [`changes`] (empty when only `updated` changed);
    /// for a new chantier, [`describe_new`].
    pub changes: Vec<String>,
    /// Remarks on the contribution that did not prevent the merge (milestones given
    /// out of chronological order, stored sorted).
    pub warnings: Vec<Problem>,
}

impl Applied {
    /// "nouveau chantier « x »" or "mise à jour de « x »".
    ///
    /// ```
    /// use agenda_core::merge::{Action, Applied};
    /// let applied = Applied { contribution: 0, origin: String::new(), id: "m57".into(),
    ///     action: Action::New, changes: vec![], warnings: vec![] };
    /// assert_eq!(applied.headline(), "nouveau chantier « m57 »");
    /// ```
    pub fn headline(&self) -> String {
        match self.action {
            Action::New => format!("nouveau chantier « {} »", self.id),
            Action::Update { .. } => format!("mise à jour de « {} »", self.id),
        }
    }
}

/// The result of a successful [`merge`].
///
/// ```
/// let dataset = agenda_core::load(br#"{"schema_version":"1.0","published":"2026-11-01",
///   "publisher":{"name":"ANCT"},"licence":"etalab-2.0","themes":[],"carriers":[],
///   "chantiers":[]}"#).unwrap().dataset;
/// let outcome = agenda_core::merge::merge(&dataset, &[], "2026-12-01".parse().unwrap()).unwrap();
/// assert!(outcome.applied.is_empty());
/// assert_eq!(outcome.dataset, dataset);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The merged dataset, valid.
    pub dataset: Dataset,
    /// One element per contribution, in the given order.
    pub applied: Vec<Applied>,
}

/// Why a contribution is refused.
///
/// ```
/// use agenda_core::merge::MergeErrorKind;
/// assert_eq!(
///     MergeErrorKind::UnknownId.message("x"),
///     "aucun chantier publié n'a l'identifiant « x » : vérifiez l'identifiant, \
///      ou retirez « base_updated » pour proposer un nouveau chantier"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeErrorKind {
    /// A new chantier whose id is already published.
    AlreadyExists {
        /// The published entry's `updated` date (the `base_updated` of an update).
        published_updated: NaiveDate,
    },
    /// An update of an id that is not published.
    UnknownId,
    /// An update prepared from a version older than the published one.
    Stale {
        /// The published entry's `updated` date.
        published_updated: NaiveDate,
        /// The version the contribution was prepared from.
        base_updated: NaiveDate,
    },
    /// Another contribution of the same merge already touches this chantier.
    SameChantierTwice {
        /// Index of the first contribution touching it.
        first: usize,
        /// Origin of the first contribution touching it.
        first_origin: String,
    },
    /// The chantier breaks a validation rule; the path is the field's path in the
    /// contribution file.
    Invalid(Problem),
}

/// A contribution refused by [`merge`]: which one, which chantier, why.
///
/// ```
/// use agenda_core::merge::{MergeError, MergeErrorKind};
/// let e = MergeError { contribution: Some(1), origin: String::new(), id: "x".into(),
///     kind: MergeErrorKind::UnknownId };
/// assert!(e.to_string().starts_with("erreur : contribution n° 2, chantier « x » : "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError {
    /// Index of the contribution in the list given to [`merge`]; `None` when the
    /// problem is in an entry of the dataset no contribution touches.
    pub contribution: Option<usize>,
    /// The contribution's origin (file name), possibly empty.
    pub origin: String,
    /// The chantier's id.
    pub id: String,
    /// What is wrong.
    pub kind: MergeErrorKind,
}

impl fmt::Display for MergeError {
    /// One French line: where, what is wrong, what to do.
    ///
    /// ```
    /// use agenda_core::merge::{MergeError, MergeErrorKind};
    /// let e = MergeError { contribution: Some(0), origin: "m57.json".into(), id: "m57".into(),
    ///     kind: MergeErrorKind::UnknownId };
    /// assert_eq!(e.to_string(), "erreur : contribution « m57.json », chantier « m57 » : \
    ///     aucun chantier publié n'a l'identifiant « m57 » : vérifiez l'identifiant, \
    ///     ou retirez « base_updated » pour proposer un nouveau chantier");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        match (self.origin.is_empty(), self.contribution) {
            (false, _) => parts.push(format!("contribution « {} »", self.origin)),
            (true, Some(i)) => parts.push(format!("contribution n° {}", i + 1)),
            (true, None) => {}
        }
        if !self.id.is_empty() {
            parts.push(format!("chantier « {} »", excerpt(&self.id, 80)));
        }
        if let MergeErrorKind::Invalid(p) = &self.kind {
            if !p.path.is_empty() {
                parts.push(format!("champ {}", p.path));
            }
        }
        if parts.is_empty() {
            parts.push("jeu de données".into());
        }
        write!(
            f,
            "erreur : {} : {}",
            join(&parts, ", "),
            self.kind.message(&self.id)
        )
    }
}

impl MergeErrorKind {
    /// What is wrong and what to do, in French.
    ///
    /// ```
    /// use agenda_core::merge::MergeErrorKind;
    /// let d = |s: &str| s.parse().unwrap();
    /// let stale = MergeErrorKind::Stale { published_updated: d("2026-11-29"), base_updated: d("2026-10-01") };
    /// assert_eq!(stale.message("m57"), "le chantier a été modifié le 29 novembre 2026, après la version \
    ///     sur laquelle porte la contribution (1er octobre 2026) : repartez de la version publiée \
    ///     et reportez-y vos modifications");
    /// ```
    pub fn message(&self, id: &str) -> String {
        let day = crate::french::day;
        match self {
            MergeErrorKind::AlreadyExists { published_updated } => format!(
                "l'identifiant « {id} » existe déjà : pour modifier ce chantier, proposez une mise à jour \
                 (\"base_updated\": \"{published_updated}\", date de la version publiée), \
                 ou choisissez un autre identifiant pour un nouveau chantier"
            ),
            MergeErrorKind::UnknownId => format!(
                "aucun chantier publié n'a l'identifiant « {id} » : vérifiez l'identifiant, \
                 ou retirez « base_updated » pour proposer un nouveau chantier"
            ),
            MergeErrorKind::Stale {
                published_updated,
                base_updated,
            } => format!(
                "le chantier a été modifié le {}, après la version sur laquelle porte la contribution ({}) : \
                 repartez de la version publiée et reportez-y vos modifications",
                day(*published_updated),
                day(*base_updated)
            ),
            MergeErrorKind::SameChantierTwice {
                first,
                first_origin,
            } => {
                let first = if first_origin.is_empty() {
                    format!("n° {}", first + 1)
                } else {
                    format!("« {first_origin} »")
                };
                format!(
                    "la contribution {first} porte déjà sur ce chantier : regroupez les deux propositions \
                     en une seule contribution, ou intégrez-les l'une après l'autre"
                )
            }
            MergeErrorKind::Invalid(p) => format!("{} — {}", p.kind.message(), p.kind.hint()),
        }
    }
}

/// Applies `contributions` to `dataset`, in order, all or nothing (see the module's
/// rules). Each touched entry's `updated` becomes `today`.
///
/// ```
/// use agenda_core::merge::{merge, parse, Action, MergeErrorKind};
/// let dataset = agenda_core::load(r#"{"schema_version":"1.0","published":"2026-11-01",
///   "publisher":{"name":"ANCT"},"licence":"etalab-2.0",
///   "themes":[{"code":"finances","label":"Finances"}],"carriers":[{"code":"dgfip","label":"DGFiP"}],
///   "chantiers":[{"id":"m57","title":"M57","summary":"Nouvelle nomenclature.",
///     "carriers":["dgfip"],"themes":["finances"],"nature":"obligation",
///     "concerned":{"rules":[{"kind":"commune"}]},
///     "milestones":[{"id":"generalisation","label":"Généralisation","date":"2024-01-01"}],
///     "updated":"2026-11-01"}]}"#.as_bytes()).unwrap().dataset;
/// let mut chantier = dataset.chantiers[0].clone();
/// chantier.title = "Référentiel M57".into();
/// let today = "2026-12-01".parse().unwrap();
///
/// let update = agenda_core::merge::Contribution::update(chantier.clone(), "2026-11-01".parse().unwrap());
/// let outcome = merge(&dataset, &[update], today).unwrap();
/// assert_eq!(outcome.dataset.chantiers[0].title, "Référentiel M57");
/// assert_eq!(outcome.dataset.chantiers[0].updated, today);
/// assert_eq!(outcome.applied[0].changes, ["Titre : « M57 » → « Référentiel M57 »"]);
///
/// let stale = agenda_core::merge::Contribution::update(chantier, "2026-10-01".parse().unwrap());
/// let errors = merge(&dataset, &[stale], today).unwrap_err();
/// assert!(matches!(errors[0].kind, MergeErrorKind::Stale { .. }));
/// ```
pub fn merge(
    dataset: &Dataset,
    contributions: &[Contribution],
    today: NaiveDate,
) -> Result<MergeOutcome, Vec<MergeError>> {
    let vocabulary = Vocabulary::new(&dataset.themes, &dataset.carriers);
    let mut errors = Vec::new();
    let mut chantiers = dataset.chantiers.clone();
    let mut applied = Vec::new();
    let mut first_touch: HashMap<&str, usize> = HashMap::new();

    for (index, contribution) in contributions.iter().enumerate() {
        let id = contribution.chantier.id.as_str();
        let error = |kind| MergeError {
            contribution: Some(index),
            origin: contribution.origin.clone(),
            id: id.to_string(),
            kind,
        };
        let errors_before = errors.len();
        let shape = contribution.shape;

        let mut warnings = Vec::new();
        for Finding { path, kind } in validate::check_chantier(&contribution.chantier, &vocabulary)
        {
            let problem = Problem {
                entry: Some(EntryRef {
                    index,
                    id: Some(id.to_string()),
                }),
                path: shape.path_of(&path),
                kind,
            };
            if problem.is_error() {
                errors.push(error(MergeErrorKind::Invalid(problem)));
            } else {
                warnings.push(problem);
            }
        }

        let published = dataset.chantiers.iter().position(|c| c.id == id);
        let base = match (shape, contribution.base_updated) {
            (Shape::Bare, _) => published.map(|_| contribution.chantier.updated),
            (Shape::Envelope, base) => base,
        };
        let action = match (base, published) {
            (None, None) => Some(Action::New),
            (None, Some(p)) => {
                errors.push(error(MergeErrorKind::AlreadyExists {
                    published_updated: dataset.chantiers[p].updated,
                }));
                None
            }
            (Some(_), None) => {
                errors.push(error(MergeErrorKind::UnknownId));
                None
            }
            (Some(base_updated), Some(p)) if base_updated < dataset.chantiers[p].updated => {
                errors.push(error(MergeErrorKind::Stale {
                    published_updated: dataset.chantiers[p].updated,
                    base_updated,
                }));
                None
            }
            (Some(base_updated), Some(_)) => Some(Action::Update { base_updated }),
        };

        if let Some(&first) = first_touch.get(id) {
            errors.push(error(MergeErrorKind::SameChantierTwice {
                first,
                first_origin: contributions[first].origin.clone(),
            }));
        } else {
            first_touch.insert(id, index);
        }

        let Some(action) = action else { continue };
        if errors.len() > errors_before {
            continue;
        }
        let mut chantier = contribution.chantier.clone();
        chantier.updated = today;
        chantier.milestones.sort_by_key(|m| m.date);
        let lines = match published {
            Some(p) => changes(&dataset.chantiers[p], &chantier),
            None => describe_new(&chantier),
        };
        match published {
            Some(p) => chantiers[p] = chantier,
            None => chantiers.push(chantier),
        }
        applied.push(Applied {
            contribution: index,
            origin: contribution.origin.clone(),
            id: id.to_string(),
            action,
            changes: lines,
            warnings,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let merged = Dataset {
        schema_version: dataset.schema_version.clone(),
        published: dataset.published,
        publisher: dataset.publisher.clone(),
        licence: dataset.licence.clone(),
        contributions: dataset.contributions.clone(),
        themes: dataset.themes.clone(),
        carriers: dataset.carriers.clone(),
        chantiers,
    };
    let errors = recheck(&merged, contributions, &applied);
    if errors.is_empty() {
        Ok(MergeOutcome {
            dataset: merged,
            applied,
        })
    } else {
        Err(errors)
    }
}

/// Reads the merged dataset back as the app and `agenda validate` will: any error
/// refuses the merge, attributed to the contribution that touched the entry.
fn recheck(
    merged: &Dataset,
    contributions: &[Contribution],
    applied: &[Applied],
) -> Vec<MergeError> {
    let unattributed = |kind: ProblemKind| MergeError {
        contribution: None,
        origin: String::new(),
        id: String::new(),
        kind: MergeErrorKind::Invalid(Problem {
            entry: None,
            path: String::new(),
            kind,
        }),
    };
    let bytes = match serde_json::to_vec(merged) {
        Ok(bytes) => bytes,
        Err(e) => return vec![unattributed(ProblemKind::Unreadable(e.to_string()))],
    };
    let loaded = match load::load(&bytes) {
        Ok(loaded) => loaded,
        Err(e) => return vec![unattributed(ProblemKind::Unreadable(e.to_string()))],
    };
    loaded
        .problems
        .into_iter()
        .filter(Problem::is_error)
        .map(|problem| {
            let id = problem
                .entry
                .as_ref()
                .and_then(|e| e.id.clone())
                .unwrap_or_default();
            match applied.iter().find(|a| a.id == id) {
                Some(a) => {
                    let shape = contributions
                        .get(a.contribution)
                        .map(|c| c.shape)
                        .unwrap_or_default();
                    MergeError {
                        contribution: Some(a.contribution),
                        origin: a.origin.clone(),
                        id,
                        kind: MergeErrorKind::Invalid(Problem {
                            path: shape.path_of(&problem.path),
                            ..problem
                        }),
                    }
                }
                None => MergeError {
                    contribution: None,
                    origin: String::new(),
                    id,
                    kind: MergeErrorKind::Invalid(problem),
                },
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// What changed, in French.

/// Longest quoted text in a change line, in characters; longer texts are cut around
/// the change.
const EXCERPT: usize = 160;
/// Characters of unchanged context kept before and after a change in a long text.
const CONTEXT: usize = 40;

/// What an update changes, one French line per change, in the order of the entry's
/// fields: title, summary, description, carriers, themes, nature, audience,
/// milestones (matched by id), sources (matched by address, then by label), contact.
/// The `updated` date is not compared (a merge always sets it). Long texts are quoted
/// around the change. Empty when nothing but `updated` differs.
///
/// The web editor shows these lines before an update is sent; `agenda merge` prints
/// them.
///
/// ```
/// use agenda_core::{merge::changes, Chantier};
/// let old: Chantier = serde_json::from_str(r#"{"id": "m57", "title": "A",
///   "summary": "Résumé.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
///   "concerned": {"rules": [{"kind": "commune"}]},
///   "milestones": [{"id": "x", "label": "Ouverture", "date": "2025-T3"},
///                  {"id": "y", "label": "Bilan", "date": "2026"}],
///   "updated": "2026-11-01"}"#).unwrap();
/// let mut new = old.clone();
/// new.title = "B".into();
/// new.milestones[0].date = "2025-10-01".parse().unwrap();
/// new.milestones.remove(1);
/// new.sources.push(serde_json::from_str(
///     r#"{"label": "Guide", "url": "https://www.collectivites-locales.gouv.fr/"}"#).unwrap());
/// assert_eq!(changes(&old, &new), [
///     "Titre : « A » → « B »",
///     "Jalon « x » : date 2025-T3 → 2025-10-01",
///     "Jalon « y » supprimé : 2026 — Bilan",
///     "Source ajoutée : « Guide », https://www.collectivites-locales.gouv.fr/",
/// ]);
/// assert!(changes(&old, &old).is_empty());
/// ```
pub fn changes(old: &Chantier, new: &Chantier) -> Vec<String> {
    let mut out = Vec::new();
    if old.id != new.id {
        out.push(format!(
            "Identifiant : « {} » → « {} »",
            excerpt(&old.id, EXCERPT),
            excerpt(&new.id, EXCERPT)
        ));
    }
    text_change(&mut out, "Titre", &old.title, &new.title);
    text_change(&mut out, "Résumé", &old.summary, &new.summary);
    description_changes(&mut out, &old.description, &new.description);
    set_changes(
        &mut out,
        ("Porteur", "Porteurs"),
        &old.carriers,
        &new.carriers,
    );
    set_changes(&mut out, ("Thème", "Thèmes"), &old.themes, &new.themes);
    if old.nature != new.nature {
        out.push(format!(
            "Nature : {} → {}",
            old.nature.label_fr(),
            new.nature.label_fr()
        ));
    }
    let rules = |c: &Chantier| -> Vec<String> {
        c.concerned
            .rules
            .iter()
            .map(crate::french::audience_rule)
            .collect()
    };
    set_changes(
        &mut out,
        ("Public concerné", "Public concerné"),
        &rules(old),
        &rules(new),
    );
    optional_text_change(
        &mut out,
        ("Précision sur le public concerné", true),
        old.concerned.note.as_deref(),
        new.concerned.note.as_deref(),
    );
    milestone_changes(&mut out, &old.milestones, &new.milestones);
    source_changes(&mut out, &old.sources, &new.sources);
    match (&old.contact, &new.contact) {
        (Some(a), Some(b)) if a != b => out.push(format!("Contact : {a} → {b}")),
        (None, Some(b)) => out.push(format!("Contact ajouté : {b}")),
        (Some(a), None) => out.push(format!("Contact supprimé : {a}")),
        _ => {}
    }
    out
}

/// A new chantier in a few French lines, for the operator to review: title, nature,
/// carriers, themes, audience, each milestone, each source, contact.
///
/// ```
/// use agenda_core::{merge::describe_new, Chantier};
/// let chantier: Chantier = serde_json::from_str(r#"{"id": "m57", "title": "Référentiel M57",
///   "summary": "Résumé.", "carriers": ["dgfip"], "themes": ["finances"], "nature": "obligation",
///   "concerned": {"rules": [{"kind": "commune"}, {"kind": "region"}]},
///   "milestones": [{"id": "x", "label": "Généralisation", "date": "2024-01-01"}],
///   "updated": "2026-11-01"}"#).unwrap();
/// assert_eq!(describe_new(&chantier), [
///     "Titre : « Référentiel M57 »",
///     "Nature : Obligation réglementaire",
///     "Porteurs : dgfip",
///     "Thèmes : finances",
///     "Public concerné : Communes ; Régions",
///     "Jalon « x » : 2024-01-01 — Généralisation",
/// ]);
/// ```
pub fn describe_new(chantier: &Chantier) -> Vec<String> {
    let mut out = vec![
        format!("Titre : « {} »", excerpt(&chantier.title, EXCERPT)),
        format!("Nature : {}", chantier.nature.label_fr()),
        format!("Porteurs : {}", join(&chantier.carriers, ", ")),
        format!("Thèmes : {}", join(&chantier.themes, ", ")),
    ];
    let rules: Vec<String> = chantier
        .concerned
        .rules
        .iter()
        .map(crate::french::audience_rule)
        .collect();
    out.push(format!("Public concerné : {}", join(&rules, " ; ")));
    if let Some(note) = &chantier.concerned.note {
        out.push(format!(
            "Précision sur le public concerné : « {} »",
            excerpt(note, EXCERPT)
        ));
    }
    for m in &chantier.milestones {
        out.push(format!(
            "Jalon « {} » : {} — {}",
            m.id,
            when(m),
            excerpt(&m.label, EXCERPT)
        ));
    }
    for s in &chantier.sources {
        out.push(format!(
            "{} : « {} », {}",
            source_noun(s.kind),
            excerpt(&s.label, EXCERPT),
            excerpt(&s.url, EXCERPT)
        ));
    }
    if let Some(contact) = &chantier.contact {
        out.push(format!("Contact : {contact}"));
    }
    out
}

/// "2025-T3", or "2023 à 2027" for a period.
fn when(m: &Milestone) -> String {
    match m.end {
        Some(end) => format!("{} à {end}", m.date),
        None => m.date.to_string(),
    }
}

fn source_noun(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Legal => "Texte juridique",
        SourceKind::Reference => "Source",
    }
}

fn source_kind_fr(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Legal => "texte juridique",
        SourceKind::Reference => "autre référence",
    }
}

/// At most `max` characters of `text`, with "…" when cut.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Both texts quoted around what differs: the common start and end are cut to a
/// little context when the texts are long.
fn around_change(old: &str, new: &str) -> (String, String) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    if a.len() <= EXCERPT && b.len() <= EXCERPT {
        return (old.to_string(), new.to_string());
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // Start and end the context at a word boundary when one is near.
    let mut start = prefix.saturating_sub(CONTEXT);
    let earliest = start.saturating_sub(CONTEXT / 2);
    while start > earliest && !a[start - 1].is_whitespace() {
        start -= 1;
    }
    if start > 0 && !a[start - 1].is_whitespace() {
        start = prefix.saturating_sub(CONTEXT);
    }
    let cut = |chars: &[char]| -> String {
        let mut end = (chars.len() - suffix + CONTEXT).min(chars.len());
        let latest = (end + CONTEXT / 2).min(chars.len());
        let natural = end;
        while end < latest && !chars[end].is_whitespace() {
            end += 1;
        }
        if end < chars.len() && !chars[end].is_whitespace() {
            end = natural;
        }
        let end = end.min(start + EXCERPT);
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.extend(&chars[start..end]);
        if end < chars.len() {
            s.push('…');
        }
        s
    };
    (cut(&a), cut(&b))
}

fn text_change(out: &mut Vec<String>, label: &str, old: &str, new: &str) {
    if old != new {
        let (a, b) = around_change(old, new);
        out.push(format!("{label} : « {a} » → « {b} »"));
    }
}

/// `label.1` is whether the noun is feminine ("ajoutée", "supprimée").
fn optional_text_change(
    out: &mut Vec<String>,
    (label, feminine): (&str, bool),
    old: Option<&str>,
    new: Option<&str>,
) {
    let e = if feminine { "e" } else { "" };
    match (old, new) {
        (Some(a), Some(b)) => text_change(out, label, a, b),
        (None, Some(b)) => out.push(format!("{label} ajouté{e} : « {} »", excerpt(b, EXCERPT))),
        (Some(a), None) => out.push(format!("{label} supprimé{e} : « {} »", excerpt(a, EXCERPT))),
        (None, None) => {}
    }
}

/// Added and removed elements of a list of codes or texts; "ordre modifié" when only
/// the order differs. `labels` are the singular and plural nouns (masculine).
fn set_changes(
    out: &mut Vec<String>,
    (singular, plural): (&str, &str),
    old: &[String],
    new: &[String],
) {
    let (pairs, taken) = pair(old, new, |a, b| a == b);
    for (j, _) in pairs.iter().enumerate().filter(|(_, p)| p.is_none()) {
        out.push(format!("{singular} ajouté : {}", excerpt(&new[j], EXCERPT)));
    }
    for (i, _) in taken.iter().enumerate().filter(|(_, t)| !**t) {
        out.push(format!("{singular} retiré : {}", excerpt(&old[i], EXCERPT)));
    }
    if pairs.iter().all(Option::is_some) && taken.iter().all(|t| *t) && old != new {
        out.push(format!(
            "{plural} : ordre modifié ({} → {})",
            excerpt(&join(old, ", "), EXCERPT),
            excerpt(&join(new, ", "), EXCERPT)
        ));
    }
}

/// Pairs each element of `new` with the first unpaired element of `old` that is the
/// `same`. Returns, for each element of `new`, its pair in `old`; and for each element
/// of `old`, whether it was paired.
fn pair<T>(old: &[T], new: &[T], same: impl Fn(&T, &T) -> bool) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut taken = vec![false; old.len()];
    let pairs = new
        .iter()
        .map(|b| {
            let i = (0..old.len()).find(|&i| !taken[i] && same(&old[i], b))?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    (pairs, taken)
}

/// One step of a paragraph diff.
#[derive(Debug, PartialEq)]
enum Edit {
    Keep,
    Removed(usize),
    Added(usize),
}

/// The shortest edit between two lists of paragraphs (longest common subsequence),
/// on the part between their common start and end; a very long middle part is
/// treated as entirely replaced rather than compared (bounded work on any input).
fn diff(old: &[String], new: &[String]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    let mut edits: Vec<Edit> = (0..prefix).map(|_| Edit::Keep).collect();
    if a.len().saturating_mul(b.len()) > 250_000 {
        edits.extend((0..a.len()).map(|i| Edit::Removed(prefix + i)));
        edits.extend((0..b.len()).map(|j| Edit::Added(prefix + j)));
    } else {
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i][j] = if a[i] == b[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                edits.push(Edit::Keep);
                i += 1;
                j += 1;
            } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
                edits.push(Edit::Added(prefix + j));
                j += 1;
            } else {
                edits.push(Edit::Removed(prefix + i));
                i += 1;
            }
        }
    }
    edits.extend((0..suffix).map(|_| Edit::Keep));
    edits
}

/// Paragraphs added, removed or modified (a removal next to an addition).
fn description_changes(out: &mut Vec<String>, old: &[String], new: &[String]) {
    let edits = diff(old, new);
    let mut k = 0;
    while k < edits.len() {
        if edits[k] == Edit::Keep {
            k += 1;
            continue;
        }
        // A run of removals and additions between two kept paragraphs.
        let mut removed = Vec::new();
        let mut added = Vec::new();
        while k < edits.len() && edits[k] != Edit::Keep {
            match edits[k] {
                Edit::Removed(i) => removed.push(i),
                Edit::Added(j) => added.push(j),
                Edit::Keep => {}
            }
            k += 1;
        }
        let pairs = removed.len().min(added.len());
        for (&i, &j) in removed.iter().zip(&added) {
            let (a, b) = around_change(&old[i], &new[j]);
            out.push(format!(
                "Description, paragraphe {} : « {a} » → « {b} »",
                j + 1
            ));
        }
        for &i in &removed[pairs..] {
            out.push(format!(
                "Description, paragraphe {} supprimé : « {} »",
                i + 1,
                excerpt(&old[i], EXCERPT)
            ));
        }
        for &j in &added[pairs..] {
            out.push(format!(
                "Description, paragraphe {} ajouté : « {} »",
                j + 1,
                excerpt(&new[j], EXCERPT)
            ));
        }
    }
}

fn milestone_changes(out: &mut Vec<String>, old: &[Milestone], new: &[Milestone]) {
    let (paired_old, taken) = pair(old, new, |a, b| a.id == b.id);
    for (j, m) in new.iter().enumerate() {
        let name = format!("Jalon « {} »", excerpt(&m.id, EXCERPT));
        let Some(i) = paired_old[j] else {
            out.push(format!(
                "{name} ajouté : {} — {}",
                when(m),
                excerpt(&m.label, EXCERPT)
            ));
            continue;
        };
        let o = &old[i];
        if o.label != m.label {
            let (a, b) = around_change(&o.label, &m.label);
            out.push(format!("{name} : libellé « {a} » → « {b} »"));
        }
        if o.date != m.date {
            out.push(format!("{name} : date {} → {}", o.date, m.date));
        }
        match (o.end, m.end) {
            (Some(a), Some(b)) if a != b => out.push(format!("{name} : fin {a} → {b}")),
            (None, Some(b)) => out.push(format!("{name} : fin {b} ajoutée")),
            (Some(a), None) => out.push(format!("{name} : fin {a} supprimée")),
            _ => {}
        }
        match (&o.details, &m.details) {
            (Some(a), Some(b)) if a != b => {
                let (a, b) = around_change(a, b);
                out.push(format!("{name} : détails « {a} » → « {b} »"));
            }
            (None, Some(b)) => out.push(format!(
                "{name} : détails ajoutés : « {} »",
                excerpt(b, EXCERPT)
            )),
            (Some(a), None) => out.push(format!(
                "{name} : détails supprimés : « {} »",
                excerpt(a, EXCERPT)
            )),
            _ => {}
        }
    }
    for (m, _) in old.iter().zip(&taken).filter(|(_, t)| !**t) {
        out.push(format!(
            "Jalon « {} » supprimé : {} — {}",
            excerpt(&m.id, EXCERPT),
            when(m),
            excerpt(&m.label, EXCERPT)
        ));
    }
    let ids = |list: &[Milestone]| list.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    if paired_old.iter().all(Option::is_some) && taken.iter().all(|t| *t) && ids(old) != ids(new) {
        out.push(format!(
            "Jalons : ordre modifié ({} → {})",
            excerpt(&join(&ids(old), ", "), EXCERPT),
            excerpt(&join(&ids(new), ", "), EXCERPT)
        ));
    }
}

fn source_changes(out: &mut Vec<String>, old: &[Source], new: &[Source]) {
    // Pair by address first, then what is left by label (an address that changed).
    let (mut paired, mut taken) = pair(old, new, |a, b| a.url == b.url);
    for (j, b) in new.iter().enumerate() {
        if paired[j].is_none() {
            paired[j] = (0..old.len()).find(|&i| !taken[i] && old[i].label == b.label);
            if let Some(i) = paired[j] {
                taken[i] = true;
            }
        }
    }
    for (j, s) in new.iter().enumerate() {
        let Some(i) = paired[j] else {
            let noun = source_noun(s.kind);
            let e = if s.kind == SourceKind::Reference {
                "e"
            } else {
                ""
            };
            out.push(format!(
                "{noun} ajouté{e} : « {} », {}",
                excerpt(&s.label, EXCERPT),
                excerpt(&s.url, EXCERPT)
            ));
            continue;
        };
        let o = &old[i];
        let name = format!("Source « {} »", excerpt(&s.label, EXCERPT));
        if o.url != s.url {
            out.push(format!(
                "{name} : adresse {} → {}",
                excerpt(&o.url, EXCERPT),
                excerpt(&s.url, EXCERPT)
            ));
        }
        if o.label != s.label {
            let (a, b) = around_change(&o.label, &s.label);
            out.push(format!(
                "Source {} : libellé « {a} » → « {b} »",
                excerpt(&s.url, EXCERPT)
            ));
        }
        if o.kind != s.kind {
            out.push(format!(
                "{name} : {} → {}",
                source_kind_fr(o.kind),
                source_kind_fr(s.kind)
            ));
        }
    }
    for (i, s) in old.iter().enumerate() {
        if !taken[i] {
            let noun = source_noun(s.kind);
            let e = if s.kind == SourceKind::Reference {
                "e"
            } else {
                ""
            };
            out.push(format!(
                "{noun} supprimé{e} : « {} », {}",
                excerpt(&s.label, EXCERPT),
                excerpt(&s.url, EXCERPT)
            ));
        }
    }
    let urls = |list: &[Source]| list.iter().map(|s| s.url.clone()).collect::<Vec<_>>();
    if paired.iter().all(Option::is_some)
        && taken.iter().all(|t| *t)
        && paired.iter().enumerate().any(|(j, i)| *i != Some(j))
    {
        out.push(format!(
            "Sources : ordre modifié ({} → {})",
            excerpt(&join(&urls(old), ", "), EXCERPT),
            excerpt(&join(&urls(new), ", "), EXCERPT)
        ));
    }
}

/// The JSON Schema of a contribution file, pretty-printed (`agenda schema
/// --contribution`).
///
/// ```
/// let schema = agenda_core::merge::contribution_schema();
/// assert!(schema.contains("\"base_updated\""));
/// assert!(schema.contains("\"milestones\""));
/// assert!(!schema.contains("\"origin\""));
/// ```
#[cfg(feature = "schema")]
pub fn contribution_schema() -> String {
    let schema = schemars::schema_for!(Contribution);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_paragraph_diff_pairs_replacements_and_keeps_common_ones() {
        let old = paragraphs(&["a", "b", "c"]);
        let new = paragraphs(&["a", "B", "c", "d"]);
        let mut out = Vec::new();
        description_changes(&mut out, &old, &new);
        assert_eq!(
            out,
            [
                "Description, paragraphe 2 : « b » → « B »",
                "Description, paragraphe 4 ajouté : « d »"
            ]
        );
        let mut out = Vec::new();
        description_changes(
            &mut out,
            &paragraphs(&["x", "a", "b"]),
            &paragraphs(&["a", "b"]),
        );
        assert_eq!(out, ["Description, paragraphe 1 supprimé : « x »"]);
    }

    #[test]
    fn a_huge_description_is_compared_with_bounded_work() {
        let old: Vec<String> = (0..2000).map(|i| format!("p{i}")).collect();
        let new: Vec<String> = (0..2000).map(|i| format!("q{i}")).collect();
        let mut out = Vec::new();
        description_changes(&mut out, &old, &new);
        assert_eq!(out.len(), 2000);
    }

    #[test]
    fn long_texts_are_quoted_around_the_change() {
        let old = format!("{}ancien{}", "x".repeat(300), "y".repeat(300));
        let new = format!("{}nouveau{}", "x".repeat(300), "y".repeat(300));
        let (a, b) = around_change(&old, &new);
        assert_eq!(a, format!("…{}ancien{}…", "x".repeat(40), "y".repeat(40)));
        assert_eq!(b, format!("…{}nouveau{}…", "x".repeat(40), "y".repeat(40)));
        // Cut at a word boundary when one is near.
        let words = |w: &str| {
            format!(
                "{} {w} {}",
                "mot ".repeat(60).trim(),
                "fin ".repeat(60).trim()
            )
        };
        let (a, b) = around_change(&words("ancien"), &words("nouveau"));
        assert!(a.starts_with("…mot ") && a.ends_with(" fin…"), "{a}");
        assert!(b.contains(" nouveau "), "{b}");
        // Multi-byte characters never split.
        let (a, _) = around_change(&"é".repeat(500), &"è".repeat(500));
        assert!(a.chars().count() <= EXCERPT + 2);
    }

    #[test]
    fn versions() {
        assert_eq!(check_version("1.0"), Ok(None));
        assert!(matches!(
            check_version("1.3"),
            Ok(Some(ProblemKind::NewerMinorVersion(_)))
        ));
        assert!(check_version("2.0").is_err());
        assert!(check_version("un").is_err());
    }
}
