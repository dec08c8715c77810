//! Problems found in a dataset: where, what, and how to fix it.
//!
//! One type serves the CLI (one line per problem) and the app (the notice listing
//! skipped entries), so both always say the same thing.

use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The entry cannot be used: it is skipped.
    Error,
    /// The entry is used, but something deserves the operator's attention.
    Warning,
}

/// Which chantier a problem is about: its index in the file, and its id when it
/// could be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryRef {
    /// Position in the `chantiers` array, from 0.
    pub index: usize,
    /// The entry's id, when it is a string.
    pub id: Option<String>,
}

impl fmt::Display for EntryRef {
    /// "chantier « pes-v2 » (n° 4)" — numbered from 1 for humans.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "chantier « {id} » (n° {})", self.index + 1),
            None => write!(f, "chantier n° {}", self.index + 1),
        }
    }
}

/// What is wrong. Each kind knows its French message and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The value could not be read as the expected type (serde's words).
    Unreadable(String),
    /// A required text is empty.
    EmptyText,
    /// A text exceeds its length limit.
    TooLong {
        /// Characters found.
        length: usize,
        /// Characters allowed.
        max: usize,
    },
    /// An id or code does not have the slug shape.
    InvalidSlug(String),
    /// Two chantiers share an id.
    DuplicateId {
        /// The id.
        id: String,
        /// Index of the first entry with it.
        first_index: usize,
    },
    /// Two milestones, themes or carriers share an id or code.
    DuplicateCode(String),
    /// A theme code not in the dataset's list.
    UnknownTheme(String),
    /// A carrier code not in the dataset's list.
    UnknownCarrier(String),
    /// A list that needs at least one element is empty.
    EmptyList,
    /// A period ends before it starts.
    EndBeforeStart,
    /// Milestones are not in chronological order (they are sorted on load).
    MilestonesOutOfOrder,
    /// A link that is not http(s).
    UnsafeUrl(String),
    /// An e-mail address that is not one.
    InvalidEmail(String),
    /// `epci_kinds` on a rule whose kind is not EPCI.
    EpciKindsOnNonEpci,
    /// A field this version does not know (ignored).
    UnknownField,
    /// A newer minor schema version (read as far as this version knows).
    NewerMinorVersion(String),
}

impl ProblemKind {
    /// The French message: what is wrong.
    pub fn message(&self) -> String {
        match self {
            ProblemKind::Unreadable(detail) => format!("valeur illisible : {detail}"),
            ProblemKind::EmptyText => "le texte est vide".into(),
            ProblemKind::TooLong { length, max } => {
                format!("texte trop long ({length} caractères, {max} au plus)")
            }
            ProblemKind::InvalidSlug(s) => format!("identifiant « {s} » mal formé"),
            ProblemKind::DuplicateId { id, first_index } => format!(
                "l'identifiant « {id} » est déjà celui du chantier n° {}",
                first_index + 1
            ),
            ProblemKind::DuplicateCode(c) => format!("« {c} » apparaît deux fois"),
            ProblemKind::UnknownTheme(c) => format!("thème « {c} » inconnu"),
            ProblemKind::UnknownCarrier(c) => format!("porteur « {c} » inconnu"),
            ProblemKind::EmptyList => "la liste est vide".into(),
            ProblemKind::EndBeforeStart => "la fin de la période précède son début".into(),
            ProblemKind::MilestonesOutOfOrder => {
                "les jalons ne sont pas dans l'ordre chronologique".into()
            }
            ProblemKind::UnsafeUrl(u) => format!("adresse « {} » refusée", shorten(u, 60)),
            ProblemKind::InvalidEmail(e) => format!("adresse électronique « {e} » invalide"),
            ProblemKind::EpciKindsOnNonEpci => {
                "« epci_kinds » ne s'applique qu'à une règle de type « epci »".into()
            }
            ProblemKind::UnknownField => "champ inconnu de cette version, ignoré".into(),
            ProblemKind::NewerMinorVersion(v) => format!(
                "version de format {v} plus récente que celle de l'application ({})",
                crate::model::SCHEMA_VERSION
            ),
        }
    }

    /// The French hint: how to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            ProblemKind::Unreadable(_) => "corrigez la valeur selon le schéma (agenda schema)",
            ProblemKind::EmptyText => "saisissez un texte",
            ProblemKind::TooLong { .. } => "raccourcissez le texte",
            ProblemKind::InvalidSlug(_) => {
                "utilisez des minuscules sans accent, des chiffres et des tirets simples (ex. « facturation-electronique »)"
            }
            ProblemKind::DuplicateId { .. } => {
                "donnez un identifiant unique, ou fusionnez les deux entrées"
            }
            ProblemKind::DuplicateCode(_) => "supprimez le doublon ou renommez-le",
            ProblemKind::UnknownTheme(_) => {
                "utilisez un code de la liste « themes » du jeu de données, ou ajoutez-y ce thème"
            }
            ProblemKind::UnknownCarrier(_) => {
                "utilisez un code de la liste « carriers » du jeu de données, ou ajoutez-y ce porteur"
            }
            ProblemKind::EmptyList => "ajoutez au moins un élément",
            ProblemKind::EndBeforeStart => "vérifiez les dates « date » et « end »",
            ProblemKind::MilestonesOutOfOrder => {
                "rangez les jalons par date ; l'application les trie en attendant"
            }
            ProblemKind::UnsafeUrl(_) => {
                "donnez une adresse complète commençant par https:// (ou http://)"
            }
            ProblemKind::InvalidEmail(_) => "donnez une adresse de la forme nom@domaine.fr",
            ProblemKind::EpciKindsOnNonEpci => "retirez « epci_kinds » ou changez le type en « epci »",
            ProblemKind::UnknownField => "vérifiez l'orthographe du champ, ou retirez-le",
            ProblemKind::NewerMinorVersion(_) => {
                "mettez l'application à jour pour profiter des nouveaux champs"
            }
        }
    }

    /// How serious this kind is.
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::MilestonesOutOfOrder
            | ProblemKind::UnknownField
            | ProblemKind::NewerMinorVersion(_) => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// One problem: which entry, which field, what is wrong.
///
/// ```
/// use agenda_core::{EntryRef, Problem, ProblemKind};
/// let p = Problem {
///     entry: Some(EntryRef { index: 2, id: Some("pes".into()) }),
///     path: "milestones[0].label".into(),
///     kind: ProblemKind::EmptyText,
/// };
/// assert_eq!(
///     p.to_string(),
///     "erreur : chantier « pes » (n° 3), champ milestones[0].label : le texte est vide — saisissez un texte"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// The chantier concerned, or `None` for the dataset's header.
    pub entry: Option<EntryRef>,
    /// Path of the field within the entry (or the dataset), e.g. `milestones[1].date`.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// Whether the problem makes its entry unusable.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// Where the problem is, in French: "chantier « x » (n° 2), champ title".
    pub fn location(&self) -> String {
        let field = if self.path.is_empty() {
            String::new()
        } else {
            format!("champ {}", self.path)
        };
        match (&self.entry, field.is_empty()) {
            (Some(e), true) => e.to_string(),
            (Some(e), false) => format!("{e}, {field}"),
            (None, true) => "jeu de données".to_string(),
            (None, false) => format!("jeu de données, {field}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity() {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        };
        write!(
            f,
            "{severity} : {} : {} — {}",
            self.location(),
            self.kind.message(),
            self.kind.hint()
        )
    }
}
