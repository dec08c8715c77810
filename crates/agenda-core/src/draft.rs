//! The contribution form's model: what a ministry is typing, before it is an entry.
//!
//! A [`Draft`] holds only strings (and a few lists and switches), so it can hold
//! *any* state of the form — a half-typed date, a threshold "3 5", an empty title —
//! and be saved as is in the browser after each keystroke. [`Draft::check`] turns it
//! into a [`Contribution`] with the very rules of `agenda validate` and `agenda merge`:
//! the draft is written as a contribution file ([`Draft::to_json_value`]), read with
//! [`merge::parse_value`], then checked with [`merge::merge`] against the dataset.
//! Nothing here re-implements a rule; the draft only says *where* in the form each
//! problem is ([`field_id`], [`field_label`]) and words it for a form.
//!
//! ```
//! use agenda_core::draft::Draft;
//! let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap())
//!     .unwrap().dataset;
//! let mut draft = Draft::blank();
//! draft.set_title("Dématérialisation des procès-verbaux".into());
//! assert_eq!(draft.id, "dematerialisation-des-proces-verbaux");
//! let report = draft.check(&dataset);
//! assert!(report.contribution.is_none());
//! assert!(report.problems.iter().any(|p| p.field_id == "contribution-resume"));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::date::{DateError, PartialDate, Precision};
use crate::join::join;
use crate::merge::{self, Contribution, MergeErrorKind, ParseError, CONTRIBUTION_VERSION};
use crate::model::{
    AuthorityKind, Chantier, Comparison, Dataset, EpciKind, Measure, Nature, SourceKind,
};
use crate::problem::{Problem, ProblemKind, Severity};
use crate::query::push_encoded;
use crate::str_slice::slice;
use crate::validate::{self, Vocabulary};

/// Longest id suggested from a title or a label, in characters (ids may be longer).
///
/// ```
/// use agenda_core::draft::{suggest_id, SUGGESTED_ID_MAX};
/// assert!(suggest_id(&"mot ".repeat(50)).len() <= SUGGESTED_ID_MAX);
/// ```
pub const SUGGESTED_ID_MAX: usize = 60;

/// Every field of the contribution form, as typed.
///
/// Unknown or missing fields in saved JSON take their default, so a draft saved by an
/// older version of the form is still restored.
///
/// ```
/// use agenda_core::draft::Draft;
/// let draft: Draft = serde_json::from_str(r#"{"title": "Titre", "inconnu": 1}"#).unwrap();
/// assert_eq!(draft.title, "Titre");
/// assert!(draft.milestones.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// For an update: the published entry's `updated` day (`AAAA-MM-JJ`), which becomes
    /// the contribution's `base_updated`. Empty for a new chantier.
    pub base_updated: String,
    /// The entry's `updated` day (`AAAA-MM-JJ`): the published one for an update, the
    /// day the draft was started for a new chantier (the operator replaces it at the
    /// merge). When it is not a day, [`Draft::check`] uses the dataset's publication day.
    pub updated: String,
    /// The chantier's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Description: paragraphs separated by a blank line.
    pub description: String,
    /// Carrier codes, in the order they were ticked.
    pub carriers: Vec<String>,
    /// Theme codes, in the order they were ticked.
    pub themes: Vec<String>,
    /// Nature code (`obligation`…), empty until chosen.
    pub nature: String,
    /// Who is concerned: one rule per kind of authority.
    pub rules: Vec<RuleDraft>,
    /// Precision on who is concerned.
    pub note: String,
    /// Milestones, in the form's order.
    pub milestones: Vec<MilestoneDraft>,
    /// Sources and legal texts.
    pub sources: Vec<SourceDraft>,
    /// Contact e-mail address for authorities.
    pub contact: String,
}

/// One rule of "who is concerned".
///
/// ```
/// let rule = agenda_core::draft::RuleDraft::default();
/// assert_eq!(rule.kind, "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleDraft {
    /// Authority kind code (`commune`, `epci`…), empty until chosen.
    pub kind: String,
    /// EPCI kind codes; used only when `kind` is `epci` (none ticked: every EPCI).
    pub epci_kinds: Vec<String>,
    /// Thresholds, all required.
    pub thresholds: Vec<ThresholdDraft>,
}

/// A threshold: measure, comparison and value, as typed.
///
/// ```
/// let t = agenda_core::draft::ThresholdDraft::default();
/// assert_eq!((t.measure.as_str(), t.comparison.as_str()), ("population", "more_than"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThresholdDraft {
    /// `population` or `staff`.
    pub measure: String,
    /// `more_than`, `at_least`, `less_than` or `at_most`.
    pub comparison: String,
    /// The value as typed ("3 500" is read as 3500).
    pub value: String,
}

impl Default for ThresholdDraft {
    fn default() -> Self {
        ThresholdDraft {
            measure: "population".into(),
            comparison: "more_than".into(),
            value: String::new(),
        }
    }
}

/// A milestone as typed.
///
/// ```
/// let m = agenda_core::draft::MilestoneDraft::default();
/// assert_eq!(m.date.precision, "day");
/// assert!(!m.has_end);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MilestoneDraft {
    /// The milestone's id.
    pub id: String,
    /// The id it has in the published chantier (empty for a new milestone): its id is
    /// then never suggested from the label, so calendar subscriptions stay stable.
    pub published_id: String,
    /// Label.
    pub label: String,
    /// Details, optional.
    pub details: String,
    /// Date.
    pub date: DateDraft,
    /// Whether the milestone is a period with an end.
    pub has_end: bool,
    /// End of the period (kept while `has_end` is off, so unticking loses nothing).
    pub end: DateDraft,
}

/// A date as the form asks for it: a precision, then the inputs that precision uses.
///
/// | precision  | inputs                       | text        |
/// |------------|------------------------------|-------------|
/// | `day`      | `day` (`<input type=date>`)  | `2027-01-01`|
/// | `month`    | `month` (`<input type=month>`)| `2027-03`  |
/// | `quarter`  | `year` + `part` (1 to 4)     | `2027-T2`   |
/// | `semester` | `year` + `part` (1 or 2)     | `2027-S1`   |
/// | `year`     | `year`                       | `2027`      |
///
/// ```
/// use agenda_core::draft::DateDraft;
/// let d = DateDraft { precision: "quarter".into(), year: "2027".into(), part: "2".into(), ..Default::default() };
/// assert_eq!(d.text(), "2027-T2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateDraft {
    /// `day`, `month`, `quarter`, `semester` or `year`.
    pub precision: String,
    /// For a day: `AAAA-MM-JJ`.
    pub day: String,
    /// For a month: `AAAA-MM`.
    pub month: String,
    /// For a quarter, a semester or a year: the year.
    pub year: String,
    /// For a quarter (1 to 4) or a semester (1 or 2): its number.
    pub part: String,
}

impl Default for DateDraft {
    fn default() -> Self {
        DateDraft {
            precision: precision_code(Precision::Day).into(),
            day: String::new(),
            month: String::new(),
            year: String::new(),
            part: String::new(),
        }
    }
}

/// A source as typed.
///
/// ```
/// assert_eq!(agenda_core::draft::SourceDraft::default().kind, "reference");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceDraft {
    /// Label.
    pub label: String,
    /// Address.
    pub url: String,
    /// `legal` or `reference`.
    pub kind: String,
}

impl Default for SourceDraft {
    fn default() -> Self {
        SourceDraft {
            label: String::new(),
            url: String::new(),
            kind: "reference".into(),
        }
    }
}

/// A problem of the draft, placed on the form.
///
/// ```
/// use agenda_core::draft::Draft;
/// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
/// let report = Draft::blank().check(&dataset);
/// let title = report.problems.iter().find(|p| p.path == "chantier.title").unwrap();
/// assert_eq!(title.field_id, "contribution-titre");
/// assert_eq!(title.label, "Titre");
/// assert_eq!(title.message, "Saisissez le titre.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field's path in the contribution file, as `agenda validate` prints it
    /// (`chantier.milestones[0].date`).
    pub path: String,
    /// The DOM id of the form control to focus ([`field_id`]).
    pub field_id: String,
    /// The field's name in French, for the error summary ([`field_label`]).
    pub label: String,
    /// What is wrong and what to do, in French: one or two sentences.
    pub message: String,
}

/// What [`Draft::check`] found.
///
/// ```
/// use agenda_core::draft::Draft;
/// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
/// let published = &dataset.chantiers[0];
/// let report = Draft::from_chantier(published).check(&dataset);
/// assert!(report.is_valid());
/// assert_eq!(report.contribution.unwrap().base_updated, Some(published.updated));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DraftReport {
    /// The contribution, when the draft has no error.
    pub contribution: Option<Contribution>,
    /// Every error, in the form's order.
    pub problems: Vec<FieldProblem>,
    /// Remarks that do not prevent sending (milestones out of chronological order).
    pub warnings: Vec<FieldProblem>,
}

impl DraftReport {
    /// Whether the draft can be sent: a contribution and no error.
    ///
    /// ```
    /// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
    /// assert!(!agenda_core::draft::Draft::blank().check(&dataset).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.contribution.is_some() && self.problems.is_empty()
    }

    /// The messages of the errors on the form control `field_id`, joined.
    ///
    /// ```
    /// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
    /// let report = agenda_core::draft::Draft::blank().check(&dataset);
    /// assert_eq!(report.message_for("contribution-resume").as_deref(), Some("Saisissez le résumé."));
    /// assert_eq!(report.message_for("contribution-contact"), None);
    /// ```
    pub fn message_for(&self, field_id: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .problems
            .iter()
            .filter(|p| p.field_id == field_id)
            .map(|p| p.message.as_str())
            .collect();
        (!messages.is_empty()).then(|| join(&messages, " "))
    }
}

/// The code of a precision in a [`DateDraft`] (and in JSON): `day` … `year`.
///
/// ```
/// use agenda_core::{draft::precision_code, Precision};
/// assert_eq!(precision_code(Precision::Semester), "semester");
/// ```
pub fn precision_code(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Quarter => "quarter",
        Precision::Semester => "semester",
        Precision::Year => "year",
    }
}

/// The precision whose code is `code`.
///
/// ```
/// use agenda_core::{draft::precision_from_code, Precision};
/// assert_eq!(precision_from_code("quarter"), Some(Precision::Quarter));
/// assert_eq!(precision_from_code("trimestre"), None);
/// ```
pub fn precision_from_code(code: &str) -> Option<Precision> {
    Precision::ALL
        .into_iter()
        .find(|p| precision_code(*p) == code)
}

/// The options of a quarter or semester select: value and French label.
///
/// ```
/// use agenda_core::{draft::parts_fr, Precision};
/// assert_eq!(parts_fr(Precision::Quarter)[2], ("3", "3e trimestre (juillet à septembre)"));
/// assert_eq!(parts_fr(Precision::Semester).len(), 2);
/// assert!(parts_fr(Precision::Year).is_empty());
/// ```
pub fn parts_fr(precision: Precision) -> &'static [(&'static str, &'static str)] {
    match precision {
        Precision::Quarter => &[
            ("1", "1er trimestre (janvier à mars)"),
            ("2", "2e trimestre (avril à juin)"),
            ("3", "3e trimestre (juillet à septembre)"),
            ("4", "4e trimestre (octobre à décembre)"),
        ],
        Precision::Semester => &[
            ("1", "1er semestre (janvier à juin)"),
            ("2", "2e semestre (juillet à décembre)"),
        ],
        _ => &[],
    }
}

/// Every measure of a threshold: code and French label, as the form offers them.
///
/// ```
/// assert_eq!(agenda_core::draft::MEASURES[1], ("staff", "agents"));
/// ```
pub const MEASURES: [(&str, &str); 2] = [("population", "habitants"), ("staff", "agents")];

/// Every comparison of a threshold, in the words of legal texts.
///
/// ```
/// assert_eq!(agenda_core::draft::COMPARISONS[0], ("more_than", "plus de"));
/// ```
pub const COMPARISONS: [(&str, &str); 4] = [
    ("more_than", "plus de"),
    ("at_least", "au moins"),
    ("less_than", "moins de"),
    ("at_most", "au plus"),
];

/// Every kind of source: code, French label, and a hint.
///
/// ```
/// assert_eq!(agenda_core::draft::SOURCE_KINDS[0].1, "Texte juridique");
/// ```
pub const SOURCE_KINDS: [(&str, &str, &str); 2] = [
    (
        "legal",
        "Texte juridique",
        "Loi, décret, arrêté, règlement européen",
    ),
    (
        "reference",
        "Autre référence",
        "Page d'un ministère, guide, article",
    ),
];

/// What each nature means for authorities, as the form explains it.
///
/// ```
/// use agenda_core::{draft::nature_hint_fr, Nature};
/// assert_eq!(nature_hint_fr(Nature::EndOfService), "Un service s'arrête ou une migration est imposée.");
/// ```
pub fn nature_hint_fr(nature: Nature) -> &'static str {
    match nature {
        Nature::Obligation => "Un texte impose une action ou une échéance aux collectivités.",
        Nature::Opportunity => "Programme, financement ou service facultatif.",
        Nature::EndOfService => "Un service s'arrête ou une migration est imposée.",
        Nature::Information => "À savoir, sans obligation directe ou pas encore arrêté.",
    }
}

fn code_of<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// An id suggested from a title or a label: lowercase ASCII words joined by hyphens,
/// accents removed, at most [`SUGGESTED_ID_MAX`] characters cut between words. Always a
/// valid id ([`validate::is_slug`]) unless the text has no letter or digit (then empty).
///
/// ```
/// use agenda_core::draft::suggest_id;
/// assert_eq!(suggest_id("Généralisation du référentiel M57 !"), "generalisation-du-referentiel-m57");
/// assert_eq!(suggest_id("L'État — « Œuvre »"), "l-etat-oeuvre");
/// assert_eq!(suggest_id(" … "), "");
/// ```
pub fn suggest_id(text: &str) -> String {
    let folded = crate::search::fold(text);
    let mut id = String::new();
    for word in folded.split_whitespace() {
        let word: String = word
            .chars()
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            .collect();
        if word.is_empty() {
            continue;
        }
        let extra = word.len() + usize::from(!id.is_empty());
        if id.len() + extra > SUGGESTED_ID_MAX {
            if id.is_empty() {
                id = slice(&word, ..SUGGESTED_ID_MAX).to_string();
            }
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word);
    }
    id
}

impl DateDraft {
    /// The draft of a known date.
    ///
    /// ```
    /// use agenda_core::draft::DateDraft;
    /// let d = DateDraft::from_date(&"2026-S2".parse().unwrap());
    /// assert_eq!((d.precision.as_str(), d.year.as_str(), d.part.as_str()), ("semester", "2026", "2"));
    /// assert_eq!(DateDraft::from_date(&"2024-01-01".parse().unwrap()).day, "2024-01-01");
    /// ```
    pub fn from_date(date: &PartialDate) -> DateDraft {
        let mut draft = DateDraft {
            precision: precision_code(date.precision()).into(),
            ..DateDraft::default()
        };
        draft.fill(date);
        draft
    }

    /// Writes `date` into the inputs its precision uses (and the year), leaving the
    /// others as they are.
    fn fill(&mut self, date: &PartialDate) {
        let text = date.to_string();
        self.year = format!("{:04}", date.year());
        match date.precision() {
            Precision::Day => self.day = text,
            Precision::Month => self.month = text,
            Precision::Quarter | Precision::Semester => {
                self.part = text.chars().last().map(String::from).unwrap_or_default();
            }
            Precision::Year => {}
        }
    }

    /// The precision chosen, if it is one.
    ///
    /// ```
    /// use agenda_core::{draft::DateDraft, Precision};
    /// assert_eq!(DateDraft::default().precision(), Some(Precision::Day));
    /// ```
    pub fn precision(&self) -> Option<Precision> {
        precision_from_code(&self.precision)
    }

    /// The date's text as the file writes it (`2027-T2`), composed from the inputs of
    /// its precision; empty while an input it needs is empty.
    ///
    /// ```
    /// use agenda_core::draft::DateDraft;
    /// let mut d = DateDraft { precision: "semester".into(), year: "2027".into(), ..Default::default() };
    /// assert_eq!(d.text(), "");
    /// d.part = "1".into();
    /// assert_eq!(d.text(), "2027-S1");
    /// d.precision = "month".into();
    /// d.month = " 2027-03 ".into();
    /// assert_eq!(d.text(), "2027-03");
    /// ```
    pub fn text(&self) -> String {
        let year = self.year.trim();
        let part = self.part.trim();
        let with_part = |letter: char| {
            if year.is_empty() || part.is_empty() {
                String::new()
            } else {
                format!("{year}-{letter}{part}")
            }
        };
        match self.precision() {
            Some(Precision::Day) => self.day.trim().to_string(),
            Some(Precision::Month) => self.month.trim().to_string(),
            Some(Precision::Quarter) => with_part('T'),
            Some(Precision::Semester) => with_part('S'),
            Some(Precision::Year) => year.to_string(),
            None => String::new(),
        }
    }

    /// The date, if the inputs make one.
    ///
    /// ```
    /// use agenda_core::draft::DateDraft;
    /// let d = DateDraft { precision: "year".into(), year: "2027".into(), ..Default::default() };
    /// assert_eq!(d.date().unwrap().to_string(), "2027");
    /// ```
    pub fn date(&self) -> Option<PartialDate> {
        self.text().parse().ok()
    }

    /// Changes the precision, carrying the date over: to a coarser precision exactly
    /// (the 14 August 2025 becomes the 3rd quarter 2025), to a finer one only its year,
    /// and what the finer inputs held if it falls within the known period — a date
    /// never becomes more precise than what was typed, and going through the list of
    /// precisions with the arrow keys and back loses nothing.
    ///
    /// ```
    /// use agenda_core::draft::DateDraft;
    /// let mut d = DateDraft { day: "2025-08-14".into(), ..Default::default() };
    /// d.set_precision("quarter");
    /// assert_eq!(d.text(), "2025-T3");
    /// d.set_precision("semester");
    /// assert_eq!(d.text(), "2025-S2");
    /// d.set_precision("month");
    /// assert_eq!(d.text(), "");
    /// d.set_precision("day");
    /// assert_eq!(d.text(), "2025-08-14");
    /// ```
    pub fn set_precision(&mut self, code: &str) {
        // What is known: the date, or at least its year.
        let current = self.date().or_else(|| {
            self.year
                .trim()
                .parse::<PartialDate>()
                .ok()
                .filter(|d| d.precision() == Precision::Year)
        });
        self.precision = code.to_string();
        let (Some(current), Some(new)) = (current, precision_from_code(code)) else {
            return;
        };
        if new >= current.precision() {
            self.fill(&PartialDate::containing(current.first_day(), new));
        } else {
            self.year = format!("{:04}", current.year());
            let kept = self
                .date()
                .is_some_and(|d| current.contains(d.first_day()) && current.contains(d.last_day()));
            if !kept {
                match new {
                    Precision::Day => self.day.clear(),
                    Precision::Month => self.month.clear(),
                    Precision::Quarter | Precision::Semester => self.part.clear(),
                    Precision::Year => {}
                }
            }
        }
    }
}

impl MilestoneDraft {
    /// Changes the label; the id follows it (see [`suggest_id`]) while the id is empty
    /// or still the suggestion of the previous label, unless the milestone is published.
    ///
    /// ```
    /// use agenda_core::draft::MilestoneDraft;
    /// let mut m = MilestoneDraft::default();
    /// m.set_label("Ouverture du service".into());
    /// assert_eq!(m.id, "ouverture-du-service");
    /// m.id = "ouverture".into();
    /// m.set_label("Ouverture du guichet".into());
    /// assert_eq!(m.id, "ouverture");
    /// ```
    pub fn set_label(&mut self, label: String) {
        if self.published_id.is_empty()
            && (self.id.is_empty() || self.id == suggest_id(&self.label))
        {
            self.id = suggest_id(&label);
        }
        self.label = label;
    }
}

impl Draft {
    /// An empty draft of a new chantier: one rule and one milestone to fill in.
    ///
    /// ```
    /// let draft = agenda_core::draft::Draft::blank();
    /// assert!(!draft.is_update());
    /// assert_eq!((draft.rules.len(), draft.milestones.len(), draft.sources.len()), (1, 1, 0));
    /// ```
    pub fn blank() -> Draft {
        Draft {
            rules: vec![RuleDraft::default()],
            milestones: vec![MilestoneDraft::default()],
            ..Draft::default()
        }
    }

    /// The draft of an update of the published `chantier`: every field filled in, and
    /// `base_updated` set to its `updated` day.
    ///
    /// ```
    /// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
    /// let chantier = &dataset.chantiers[0];
    /// let draft = agenda_core::draft::Draft::from_chantier(chantier);
    /// assert!(draft.is_update());
    /// assert_eq!(draft.to_contribution().unwrap().chantier, *chantier);
    /// ```
    pub fn from_chantier(chantier: &Chantier) -> Draft {
        Draft {
            base_updated: chantier.updated.to_string(),
            updated: chantier.updated.to_string(),
            id: chantier.id.clone(),
            title: chantier.title.clone(),
            summary: chantier.summary.clone(),
            description: join(&chantier.description, "\n\n"),
            carriers: chantier.carriers.clone(),
            themes: chantier.themes.clone(),
            nature: chantier.nature.code().into(),
            rules: chantier
                .concerned
                .rules
                .iter()
                .map(|r| RuleDraft {
                    kind: r.kind.code().into(),
                    epci_kinds: r.epci_kinds.iter().map(|k| k.code().into()).collect(),
                    thresholds: r
                        .thresholds
                        .iter()
                        .map(|t| ThresholdDraft {
                            measure: code_of(t.measure),
                            comparison: code_of(t.comparison),
                            value: t.value.to_string(),
                        })
                        .collect(),
                })
                .collect(),
            note: chantier.concerned.note.clone().unwrap_or_default(),
            milestones: chantier
                .milestones
                .iter()
                .map(|m| MilestoneDraft {
                    id: m.id.clone(),
                    published_id: m.id.clone(),
                    label: m.label.clone(),
                    details: m.details.clone().unwrap_or_default(),
                    date: DateDraft::from_date(&m.date),
                    has_end: m.end.is_some(),
                    end: m.end.map(|e| DateDraft::from_date(&e)).unwrap_or_default(),
                })
                .collect(),
            sources: chantier
                .sources
                .iter()
                .map(|s| SourceDraft {
                    label: s.label.clone(),
                    url: s.url.clone(),
                    kind: code_of(s.kind),
                })
                .collect(),
            contact: chantier.contact.clone().unwrap_or_default(),
        }
    }

    /// Whether the draft updates a published chantier (it has a `base_updated`).
    ///
    /// ```
    /// use agenda_core::draft::Draft;
    /// let mut draft = Draft::blank();
    /// assert!(!draft.is_update());
    /// draft.base_updated = "2026-11-29".into();
    /// assert!(draft.is_update());
    /// ```
    pub fn is_update(&self) -> bool {
        !self.base_updated.trim().is_empty()
    }

    /// Changes the title; for a new chantier, the id follows it (see [`suggest_id`])
    /// while the id is empty or still the suggestion of the previous title.
    ///
    /// ```
    /// use agenda_core::draft::Draft;
    /// let mut draft = Draft::blank();
    /// draft.set_title("Référentiel M57".into());
    /// assert_eq!(draft.id, "referentiel-m57");
    /// draft.id = "m57".into();
    /// draft.set_title("Référentiel M57 généralisé".into());
    /// assert_eq!(draft.id, "m57");
    /// ```
    pub fn set_title(&mut self, title: String) {
        if !self.is_update() && (self.id.is_empty() || self.id == suggest_id(&self.title)) {
            self.id = suggest_id(&title);
        }
        self.title = title;
    }

    /// The description's paragraphs: blocks separated by one or more blank lines,
    /// trimmed; empty blocks dropped.
    ///
    /// ```
    /// let mut draft = agenda_core::draft::Draft::blank();
    /// draft.description = "Premier.\nSuite du premier.\n\n  \n\nSecond. ".into();
    /// assert_eq!(draft.description_paragraphs(), ["Premier.\nSuite du premier.", "Second."]);
    /// ```
    pub fn description_paragraphs(&self) -> Vec<String> {
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in self.description.lines() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(join(&current, "\n").trim().to_string());
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        if !current.is_empty() {
            paragraphs.push(join(&current, "\n").trim().to_string());
        }
        paragraphs
    }

    /// Ticks or unticks a code in a list (carriers, themes, EPCI kinds): a ticked code
    /// is added at the end, once.
    ///
    /// ```
    /// use agenda_core::draft::Draft;
    /// let mut themes = vec!["finances".to_string()];
    /// Draft::tick(&mut themes, "urbanisme", true);
    /// Draft::tick(&mut themes, "urbanisme", true);
    /// Draft::tick(&mut themes, "finances", false);
    /// assert_eq!(themes, ["urbanisme"]);
    /// ```
    pub fn tick(codes: &mut Vec<String>, code: &str, on: bool) {
        if on {
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        } else {
            codes.retain(|c| c != code);
        }
    }

    /// Moves milestone `index` one place up (`up`) or down; returns its new index, or
    /// `None` when it cannot move.
    ///
    /// ```
    /// use agenda_core::draft::{Draft, MilestoneDraft};
    /// let mut draft = Draft::blank();
    /// draft.milestones.push(MilestoneDraft { id: "b".into(), ..Default::default() });
    /// assert_eq!(draft.move_milestone(1, true), Some(0));
    /// assert_eq!(draft.milestones[0].id, "b");
    /// assert_eq!(draft.move_milestone(0, true), None);
    /// assert_eq!(draft.move_milestone(1, false), None);
    /// ```
    pub fn move_milestone(&mut self, index: usize, up: bool) -> Option<usize> {
        let target = if up { index.checked_sub(1)? } else { index + 1 };
        if index >= self.milestones.len() || target >= self.milestones.len() {
            return None;
        }
        self.milestones.swap(index, target);
        Some(target)
    }

    /// The draft as a contribution file's JSON value (the envelope), exactly what
    /// [`merge::parse_value`] reads: texts trimmed, empty optional fields left out,
    /// dates composed ([`DateDraft::text`]), a threshold "3 500" written 3500, EPCI
    /// kinds kept only on an EPCI rule (the form shows them only there).
    ///
    /// ```
    /// use agenda_core::draft::Draft;
    /// let mut draft = Draft::blank();
    /// draft.set_title(" Référentiel M57 ".into());
    /// draft.rules[0].kind = "commune".into();
    /// draft.rules[0].epci_kinds = vec!["cc".into()];
    /// draft.rules[0].thresholds.push(Default::default());
    /// draft.rules[0].thresholds[0].value = "3 500".into();
    /// let value = draft.to_json_value();
    /// assert_eq!(value["contribution_version"], "1.0");
    /// assert!(value.get("base_updated").is_none());
    /// assert_eq!(value["chantier"]["title"], "Référentiel M57");
    /// assert_eq!(value["chantier"]["concerned"]["rules"][0],
    ///     serde_json::json!({"kind": "commune", "thresholds": [
    ///         {"measure": "population", "comparison": "more_than", "value": 3500}]}));
    /// ```
    pub fn to_json_value(&self) -> Value {
        let text = |s: &str| Value::String(s.trim().to_string());
        let codes = |list: &[String]| {
            Value::Array(
                list.iter()
                    .map(|c| Value::String(c.trim().to_string()))
                    .collect(),
            )
        };
        let mut chantier = Map::new();
        chantier.insert("id".into(), text(&self.id));
        chantier.insert("title".into(), text(&self.title));
        chantier.insert("summary".into(), text(&self.summary));
        chantier.insert(
            "description".into(),
            Value::Array(
                self.description_paragraphs()
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            ),
        );
        chantier.insert("carriers".into(), codes(&self.carriers));
        chantier.insert("themes".into(), codes(&self.themes));
        chantier.insert("nature".into(), text(&self.nature));

        let rules = self
            .rules
            .iter()
            .map(|rule| {
                let mut r = Map::new();
                let kind = rule.kind.trim();
                r.insert("kind".into(), Value::String(kind.to_string()));
                if kind == AuthorityKind::Epci.code() && !rule.epci_kinds.is_empty() {
                    r.insert("epci_kinds".into(), codes(&rule.epci_kinds));
                }
                if !rule.thresholds.is_empty() {
                    let thresholds = rule
                        .thresholds
                        .iter()
                        .map(|t| {
                            let mut m = Map::new();
                            m.insert("measure".into(), text(&t.measure));
                            m.insert("comparison".into(), text(&t.comparison));
                            m.insert("value".into(), number_value(&t.value));
                            Value::Object(m)
                        })
                        .collect();
                    r.insert("thresholds".into(), Value::Array(thresholds));
                }
                Value::Object(r)
            })
            .collect();
        let mut concerned = Map::new();
        concerned.insert("rules".into(), Value::Array(rules));
        if !self.note.trim().is_empty() {
            concerned.insert("note".into(), text(&self.note));
        }
        chantier.insert("concerned".into(), Value::Object(concerned));

        let milestones = self
            .milestones
            .iter()
            .map(|m| {
                let mut o = Map::new();
                o.insert("id".into(), text(&m.id));
                o.insert("label".into(), text(&m.label));
                o.insert("date".into(), Value::String(m.date.text()));
                if m.has_end {
                    o.insert("end".into(), Value::String(m.end.text()));
                }
                if !m.details.trim().is_empty() {
                    o.insert("details".into(), text(&m.details));
                }
                Value::Object(o)
            })
            .collect();
        chantier.insert("milestones".into(), Value::Array(milestones));
        let sources = self
            .sources
            .iter()
            .map(|s| {
                let mut o = Map::new();
                o.insert("label".into(), text(&s.label));
                o.insert("url".into(), text(&s.url));
                o.insert("kind".into(), text(&s.kind));
                Value::Object(o)
            })
            .collect();
        chantier.insert("sources".into(), Value::Array(sources));
        if !self.contact.trim().is_empty() {
            chantier.insert("contact".into(), text(&self.contact));
        }
        chantier.insert("updated".into(), text(&self.updated));

        let mut envelope = Map::new();
        envelope.insert(
            "contribution_version".into(),
            Value::String(CONTRIBUTION_VERSION.into()),
        );
        if self.is_update() {
            envelope.insert("base_updated".into(), text(&self.base_updated));
        }
        envelope.insert("chantier".into(), Value::Object(chantier));
        Value::Object(envelope)
    }

    /// The contribution, read from [`Draft::to_json_value`] by [`merge::parse_value`]
    /// (the first unreadable field stops it; [`Draft::check`] reports them all, and
    /// also checks every rule against a dataset).
    ///
    /// ```
    /// use agenda_core::{draft::Draft, merge::ParseError};
    /// let Err(ParseError::Invalid(problems)) = Draft::blank().to_contribution() else { panic!() };
    /// assert_eq!(problems.len(), 1);
    /// ```
    pub fn to_contribution(&self) -> Result<Contribution, ParseError> {
        merge::parse_value(self.to_json_value(), "").map(|parsed| parsed.contribution)
    }

    /// Checks the draft as `agenda validate --dataset` checks the file it becomes:
    /// every unreadable field (each one, not only the first), every rule, and the
    /// conflicts with the published dataset (new id already taken, update of an unknown
    /// or since-modified chantier). Each problem is placed on its form control. Never
    /// panics, whatever the strings.
    ///
    /// While `updated` is not a day, the dataset's publication day stands in (the
    /// operator replaces it at the merge anyway).
    ///
    /// ```
    /// use agenda_core::draft::Draft;
    /// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
    /// let mut draft = Draft::from_chantier(&dataset.chantiers[0]);
    /// draft.milestones[0].date.precision = "quarter".into();
    /// draft.milestones[0].date.year = "2025".into();
    /// draft.milestones[0].date.part = "".into();
    /// draft.sources.push(Default::default());
    /// let report = draft.check(&dataset);
    /// let places: Vec<(&str, &str)> = report.problems.iter()
    ///     .map(|p| (p.field_id.as_str(), p.message.as_str())).collect();
    /// let last = draft.sources.len() - 1;
    /// assert_eq!(places, [
    ///     ("jalon-0-date", "Choisissez le trimestre."),
    ///     (format!("source-{last}-libelle").as_str(), "Saisissez l'intitulé de la source."),
    ///     (format!("source-{last}-adresse").as_str(), "Saisissez l'adresse de la source : une adresse complète commençant par https://."),
    /// ]);
    /// ```
    pub fn check(&self, dataset: &Dataset) -> DraftReport {
        let mut draft = self.clone();
        let updated = crate::date::parse_day(draft.updated.trim()).ok();
        let day = updated.unwrap_or(dataset.published);
        if updated.is_none() {
            draft.updated = dataset.published.to_string();
        }

        // Read the file as the CLI does; to report every unreadable field at once,
        // each one is replaced by a neutral value and the file read again.
        let mut value = draft.to_json_value();
        let mut unreadable: Vec<Problem> = Vec::new();
        let mut repaired: Vec<String> = Vec::new();
        let mut fatal: Option<String> = None;
        let parsed = loop {
            match merge::parse_value(value.clone(), "") {
                Ok(parsed) => break Some(parsed),
                Err(ParseError::Invalid(found)) => {
                    let mut progress = false;
                    for problem in found.into_iter().filter(Problem::is_error) {
                        if repaired.contains(&problem.path) {
                            continue;
                        }
                        if repair(&mut value, &problem.path) {
                            repaired.push(problem.path.clone());
                            progress = true;
                        }
                        unreadable.push(problem);
                    }
                    if !progress {
                        break None;
                    }
                }
                Err(other) => {
                    fatal = Some(other.to_string());
                    break None;
                }
            }
        };

        let mut problems: Vec<FieldProblem> = unreadable
            .iter()
            .map(|p| place(&p.path, form_message(&draft, &p.path, &p.kind)))
            .collect();
        if let Some(message) = fatal {
            problems.push(place("", capitalised_sentence(&message)));
        }
        let mut warnings = Vec::new();

        if let Some(parsed) = parsed {
            let contribution = parsed.contribution;
            let chantier = &contribution.chantier;
            // A repaired value stands in for what the user typed: what it causes is
            // not theirs (a stand-in date before the end, out of order…).
            let caused_by_repair = |path: &str| {
                repaired.iter().any(|r| {
                    r == path
                        || (path.ends_with(".end")
                            && milestone_of(r).is_some_and(|m| milestone_of(path) == Some(m)))
                })
            };
            // The conflicts depend only on the published entry with the same id.
            let reduced = Dataset {
                chantiers: dataset
                    .chantiers
                    .iter()
                    .filter(|c| c.id == chantier.id)
                    .cloned()
                    .collect(),
                themes: dataset.themes.clone(),
                carriers: dataset.carriers.clone(),
                schema_version: dataset.schema_version.clone(),
                published: dataset.published,
                publisher: dataset.publisher.clone(),
                licence: dataset.licence.clone(),
                contributions: dataset.contributions.clone(),
            };
            if let Err(errors) = merge::merge(&reduced, std::slice::from_ref(&contribution), day) {
                for error in errors {
                    let (path, message) = match &error.kind {
                        MergeErrorKind::Invalid(p) => {
                            (p.path.clone(), form_message(&draft, &p.path, &p.kind))
                        }
                        kind => ("chantier.id".to_string(), conflict_message(kind, &error.id)),
                    };
                    if caused_by_repair(&path) {
                        continue;
                    }
                    let problem = place(&path, message);
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                }
            }
            let vocabulary = Vocabulary::new(&dataset.themes, &dataset.carriers);
            for finding in validate::check_chantier(chantier, &vocabulary) {
                if finding.kind.severity() == Severity::Warning && repaired.is_empty() {
                    let path = merge::Shape::Envelope.path_of(&finding.path);
                    let message = form_message(&draft, &path, &finding.kind);
                    warnings.push(place(&path, message));
                }
            }
            problems.sort_by_key(|p| order_key(&p.path));
            let contribution = (problems.is_empty()).then_some(contribution);
            return DraftReport {
                contribution,
                problems,
                warnings,
            };
        }
        problems.sort_by_key(|p| order_key(&p.path));
        DraftReport {
            contribution: None,
            problems,
            warnings,
        }
    }
}

/// A threshold's value: a number when the text is digits (spaces allowed, as in
/// "3 500"), otherwise the text, which the reader refuses with the field's path.
fn number_value(text: &str) -> Value {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = digits.parse::<u64>() {
            return Value::from(n);
        }
    }
    Value::String(text.trim().to_string())
}

/// One step of a field path: a key or an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `chantier.milestones[0].date` → `[Key(chantier), Key(milestones), Index(0), Key(date)]`.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                out.push(Step::Key(slice(rest, ..open)));
            }
            rest = slice(rest, open..);
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                if let Ok(i) = slice(stripped, ..close).parse() {
                    out.push(Step::Index(i));
                }
                rest = slice(stripped, close + 1..);
            }
        } else {
            out.push(Step::Key(rest));
        }
    }
    out
}

/// The chantier's steps of a path (without the envelope's `chantier`).
fn chantier_steps(path: &str) -> Vec<Step<'_>> {
    let mut all = steps(path);
    if all.first() == Some(&Step::Key("chantier")) {
        all.remove(0);
    }
    all
}

/// `milestones[i]` of a path, if it is within a milestone.
fn milestone_of(path: &str) -> Option<usize> {
    match chantier_steps(path).as_slice() {
        [Step::Key("milestones"), Step::Index(i), ..] => Some(*i),
        _ => None,
    }
}

/// Replaces the unreadable value at `path` with a neutral readable one (or removes an
/// optional one). Returns whether it could.
fn repair(value: &mut Value, path: &str) -> bool {
    let all = steps(path);
    let Some((last, parents)) = all.split_last() else {
        return false;
    };
    let mut target = &mut *value;
    for step in parents {
        target = match (step, target) {
            (Step::Key(k), Value::Object(o)) => match o.get_mut(*k) {
                Some(v) => v,
                None => return false,
            },
            (Step::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    let in_list = |name: &str| parents.contains(&Step::Key(name));
    let replacement = match last {
        Step::Key(key @ ("end" | "base_updated")) => {
            return match target {
                Value::Object(o) => o.remove(*key).is_some(),
                _ => false,
            };
        }
        Step::Key("date") => Value::from("2000"),
        Step::Key("nature") => Value::from(Nature::Information.code()),
        Step::Key("kind") if in_list("rules") => Value::from(AuthorityKind::Other.code()),
        Step::Key("kind") if in_list("sources") => Value::from(code_of(SourceKind::Reference)),
        Step::Key("measure") => Value::from(code_of(Measure::Population)),
        Step::Key("comparison") => Value::from(code_of(Comparison::AtLeast)),
        Step::Key("value") => Value::from(0),
        Step::Index(_) if parents.last() == Some(&Step::Key("epci_kinds")) => {
            Value::from(EpciKind::Cc.code())
        }
        _ => return false,
    };
    let slot = match (last, target) {
        (Step::Key(k), Value::Object(o)) => o.get_mut(*k),
        (Step::Index(i), Value::Array(a)) => a.get_mut(*i),
        _ => None,
    };
    match slot {
        Some(slot) => {
            *slot = replacement;
            true
        }
        None => false,
    }
}

fn place(path: &str, message: String) -> FieldProblem {
    FieldProblem {
        path: path.to_string(),
        field_id: field_id(path),
        label: field_label(path),
        message,
    }
}

/// The DOM id of the form control a field path concerns: the control to focus from
/// the error summary, whose error message sits next to it.
///
/// | path | id |
/// |---|---|
/// | `chantier.title`, `summary`, `id`, `description[i]` | `contribution-titre`, `-resume`, `-id`, `-description` |
/// | `chantier.carriers[i]`, `themes[i]`, `nature` | `contribution-porteurs`, `-themes`, `-nature` (first box of the group) |
/// | `chantier.concerned.rules` (empty) | `contribution-ajouter-regle` |
/// | `chantier.concerned.rules[i].kind`, `.epci_kinds` | `regle-i-type`, `regle-i-epci` |
/// | `chantier.concerned.rules[i].thresholds[j].value` | `regle-i-seuil-j-valeur` (`-mesure`, `-comparaison`) |
/// | `chantier.concerned.note` | `contribution-precision-public` |
/// | `chantier.milestones` (empty) | `contribution-ajouter-jalon` |
/// | `chantier.milestones[i].date`, `end`, `label`, `id`, `details` | `jalon-i-date`, `-fin`, `-libelle`, `-id`, `-details` |
/// | `chantier.sources[i].label`, `url`, `kind` | `source-i-libelle`, `-adresse`, `-type` |
/// | `chantier.contact` | `contribution-contact` |
/// | anything else (`base_updated`…) | `contribution-id` |
///
/// ```
/// use agenda_core::draft::field_id;
/// assert_eq!(field_id("chantier.milestones[2].date"), "jalon-2-date");
/// assert_eq!(field_id("chantier.concerned.rules[0].thresholds[1].value"), "regle-0-seuil-1-valeur");
/// assert_eq!(field_id("chantier.themes[3]"), "contribution-themes");
/// assert_eq!(field_id("base_updated"), "contribution-id");
/// ```
pub fn field_id(path: &str) -> String {
    use Step::{Index as I, Key as K};
    match chantier_steps(path).as_slice() {
        [K("title"), ..] => "contribution-titre".into(),
        [K("summary"), ..] => "contribution-resume".into(),
        [K("description"), ..] => "contribution-description".into(),
        [K("carriers"), ..] => "contribution-porteurs".into(),
        [K("themes"), ..] => "contribution-themes".into(),
        [K("nature"), ..] => "contribution-nature".into(),
        [K("concerned"), K("note"), ..] => "contribution-precision-public".into(),
        [K("concerned"), K("rules"), I(i), K("epci_kinds"), ..] => format!("regle-{i}-epci"),
        [K("concerned"), K("rules"), I(i), K("thresholds"), I(j), rest @ ..] => {
            let part = match rest {
                [K("measure"), ..] => "mesure",
                [K("comparison"), ..] => "comparaison",
                _ => "valeur",
            };
            format!("regle-{i}-seuil-{j}-{part}")
        }
        [K("concerned"), K("rules"), I(i), ..] => format!("regle-{i}-type"),
        [K("concerned"), ..] => "contribution-ajouter-regle".into(),
        [K("milestones"), I(i), rest @ ..] => {
            let part = match rest {
                [K("id"), ..] => "id",
                [K("date"), ..] => "date",
                [K("end"), ..] => "fin",
                [K("details"), ..] => "details",
                _ => "libelle",
            };
            format!("jalon-{i}-{part}")
        }
        [K("milestones"), ..] => "contribution-ajouter-jalon".into(),
        [K("sources"), I(i), rest @ ..] => {
            let part = match rest {
                [K("url"), ..] => "adresse",
                [K("kind"), ..] => "type",
                _ => "libelle",
            };
            format!("source-{i}-{part}")
        }
        [K("contact"), ..] => "contribution-contact".into(),
        _ => "contribution-id".into(),
    }
}

/// The French name of the field a path concerns, for the error summary; lists are
/// numbered from 1, as the form shows them.
///
/// ```
/// use agenda_core::draft::field_label;
/// assert_eq!(field_label("chantier.milestones[0].date"), "Jalon 1 : date");
/// assert_eq!(field_label("chantier.concerned.rules[1].thresholds[0].value"), "Règle 2, seuil 1 : valeur");
/// assert_eq!(field_label("chantier.description[2]"), "Description, paragraphe 3");
/// assert_eq!(field_label("chantier.sources[0].url"), "Source 1 : adresse");
/// ```
pub fn field_label(path: &str) -> String {
    use Step::{Index as I, Key as K};
    match chantier_steps(path).as_slice() {
        [K("id"), ..] => "Identifiant".into(),
        [K("title"), ..] => "Titre".into(),
        [K("summary"), ..] => "Résumé".into(),
        [K("description"), I(i), ..] => format!("Description, paragraphe {}", i + 1),
        [K("description"), ..] => "Description".into(),
        [K("carriers"), ..] => "Porteurs".into(),
        [K("themes"), ..] => "Thèmes".into(),
        [K("nature"), ..] => "Nature".into(),
        [K("concerned"), K("note"), ..] => "Précision sur les collectivités concernées".into(),
        [K("concerned"), K("rules"), I(i), K("epci_kinds"), ..] => {
            format!("Règle {} : types d'EPCI", i + 1)
        }
        [K("concerned"), K("rules"), I(i), K("thresholds"), I(j), rest @ ..] => {
            let part = match rest {
                [K("measure"), ..] => "mesure",
                [K("comparison"), ..] => "comparaison",
                _ => "valeur",
            };
            format!("Règle {}, seuil {} : {part}", i + 1, j + 1)
        }
        [K("concerned"), K("rules"), I(i), ..] => {
            format!("Règle {} : type de collectivité", i + 1)
        }
        [K("concerned"), ..] => "Collectivités concernées".into(),
        [K("milestones"), I(i), rest @ ..] => {
            let part = match rest {
                [K("id"), ..] => "identifiant",
                [K("date"), ..] => "date",
                [K("end"), ..] => "fin",
                [K("details"), ..] => "précisions",
                _ => "libellé",
            };
            format!("Jalon {} : {part}", i + 1)
        }
        [K("milestones"), ..] => "Jalons".into(),
        [K("sources"), I(i), rest @ ..] => {
            let part = match rest {
                [K("url"), ..] => "adresse",
                [K("kind"), ..] => "type",
                _ => "intitulé",
            };
            format!("Source {} : {part}", i + 1)
        }
        [K("contact"), ..] => "Contact".into(),
        _ => "Identifiant".into(),
    }
}

/// Where a path's field is in the form, to list problems in the form's order.
fn order_key(path: &str) -> Vec<usize> {
    const ORDER: [&str; 25] = [
        "title",
        "label",
        "id",
        "summary",
        "description",
        "carriers",
        "themes",
        "nature",
        "concerned",
        "rules",
        "kind",
        "epci_kinds",
        "thresholds",
        "measure",
        "comparison",
        "value",
        "note",
        "milestones",
        "date",
        "end",
        "details",
        "sources",
        "url",
        "contact",
        "updated",
    ];
    chantier_steps(path)
        .into_iter()
        .map(|step| match step {
            Step::Key(k) => ORDER.iter().position(|o| *o == k).unwrap_or(0) * 10_000,
            Step::Index(i) => i.saturating_add(1),
        })
        .collect()
}

fn capitalised_sentence(text: &str) -> String {
    let mut s = crate::french::capitalised(text.trim());
    if !s.ends_with(['.', '!', '?', '…']) {
        s.push('.');
    }
    s
}

/// The generic wording: the domain's message and hint, as two sentences.
fn generic(kind: &ProblemKind) -> String {
    format!(
        "{} {}",
        capitalised_sentence(&kind.message()),
        capitalised_sentence(kind.hint())
    )
}

/// A problem's words in the form: the rule's own message, or — where the rule's
/// message speaks of the file (field names, JSON types) — what to do in the form.
fn form_message(draft: &Draft, path: &str, kind: &ProblemKind) -> String {
    use Step::{Index as I, Key as K};
    let steps = chantier_steps(path);
    let in_sources = matches!(steps.first(), Some(K("sources")));
    match (kind, steps.as_slice()) {
        (ProblemKind::Unreadable(_), [K("milestones"), I(i), K(which @ ("date" | "end"))]) => {
            let date = draft.milestones.get(*i).map(|m| {
                if *which == "date" {
                    &m.date
                } else {
                    &m.end
                }
            });
            match date {
                Some(date) => date_message(date),
                None => generic(kind),
            }
        }
        (ProblemKind::Unreadable(_), [K("nature")]) => "Choisissez la nature du chantier.".into(),
        (ProblemKind::Unreadable(_), [K("concerned"), K("rules"), I(_), K("kind")]) => {
            "Choisissez le type de collectivité.".into()
        }
        (ProblemKind::Unreadable(_), [.., K("epci_kinds"), I(_)]) => {
            "Type d'EPCI inconnu : décochez-le.".into()
        }
        (ProblemKind::Unreadable(_), [.., K("measure")]) => {
            "Choisissez ce que mesure le seuil : habitants ou agents.".into()
        }
        (ProblemKind::Unreadable(_), [.., K("comparison")]) => {
            "Choisissez la comparaison : plus de, au moins, moins de ou au plus.".into()
        }
        (ProblemKind::Unreadable(_), [.., K("value")]) => {
            "Saisissez un nombre entier positif, sans décimale (par exemple 3500).".into()
        }
        (ProblemKind::Unreadable(_), [K("sources"), I(_), K("kind")]) => {
            "Choisissez le type de source.".into()
        }
        (ProblemKind::Unreadable(_), [K("base_updated")]) => {
            "La date de la version publiée de ce brouillon est illisible : supprimez le brouillon pour repartir de la fiche publiée.".into()
        }
        (ProblemKind::EmptyText, [K("title")]) => "Saisissez le titre.".into(),
        (ProblemKind::EmptyText, [K("summary")]) => "Saisissez le résumé.".into(),
        (ProblemKind::EmptyText, [K("milestones"), I(_), K("label")]) => {
            "Saisissez le libellé du jalon.".into()
        }
        (ProblemKind::EmptyText, [K("sources"), I(_), K("label")]) => {
            "Saisissez l'intitulé de la source.".into()
        }
        (ProblemKind::EmptyText, _) => "Saisissez un texte.".into(),
        (ProblemKind::InvalidSlug(s), [K("id")]) if s.is_empty() => {
            "Saisissez l'identifiant : des minuscules sans accent, des chiffres et des tirets simples (par exemple « facturation-electronique »).".into()
        }
        (ProblemKind::InvalidSlug(s), [K("milestones"), I(_), K("id")]) if s.is_empty() => {
            "Saisissez l'identifiant du jalon : des minuscules sans accent, des chiffres et des tirets simples (par exemple « ouverture-du-service »).".into()
        }
        (ProblemKind::DuplicateCode(c), [K("milestones"), I(_), K("id")]) => format!(
            "Un autre jalon a déjà l'identifiant « {c} » : donnez à chaque jalon un identifiant différent."
        ),
        (ProblemKind::UnknownCarrier(c), _) => format!(
            "Porteur « {c} » inconnu du jeu de données : décochez-le, ou demandez à l'opérateur de l'ajouter."
        ),
        (ProblemKind::UnknownTheme(c), _) => format!(
            "Thème « {c} » inconnu du jeu de données : décochez-le, ou demandez à l'opérateur de l'ajouter."
        ),
        (ProblemKind::EmptyList, [K("carriers")]) => "Cochez au moins un porteur.".into(),
        (ProblemKind::EmptyList, [K("themes")]) => "Cochez au moins un thème.".into(),
        (ProblemKind::EmptyList, [K("concerned"), ..]) => {
            "Ajoutez au moins une règle : indiquez quelles collectivités sont concernées.".into()
        }
        (ProblemKind::EmptyList, [K("milestones")]) => "Ajoutez au moins un jalon.".into(),
        (ProblemKind::EndBeforeStart, _) => {
            "La fin de la période précède son début : vérifiez la date et la fin du jalon.".into()
        }
        (ProblemKind::MilestonesOutOfOrder, _) => {
            "Les jalons ne sont pas dans l'ordre chronologique : rangez-les avec « Monter » et « Descendre » (l'agenda les trie en attendant).".into()
        }
        (ProblemKind::UnsafeUrl(u), _) if in_sources && u.trim().is_empty() => {
            "Saisissez l'adresse de la source : une adresse complète commençant par https://."
                .into()
        }
        _ => generic(kind),
    }
}

/// What is wrong with a date's inputs, in the form's words.
fn date_message(date: &DateDraft) -> String {
    let Some(precision) = date.precision() else {
        return "Choisissez la précision de la date.".into();
    };
    let year_missing = date.year.trim().is_empty();
    let missing = match precision {
        Precision::Day if date.day.trim().is_empty() => {
            Some("Saisissez la date complète : jour, mois et année.")
        }
        Precision::Month if date.month.trim().is_empty() => {
            Some("Saisissez le mois, au format AAAA-MM (par exemple 2027-03).")
        }
        Precision::Quarter | Precision::Semester | Precision::Year if year_missing => {
            Some("Saisissez l'année, sur quatre chiffres (par exemple 2027).")
        }
        Precision::Quarter if date.part.trim().is_empty() => Some("Choisissez le trimestre."),
        Precision::Semester if date.part.trim().is_empty() => Some("Choisissez le semestre."),
        _ => None,
    };
    if let Some(message) = missing {
        return message.into();
    }
    match date.text().parse::<PartialDate>() {
        Err(DateError::Shape) => match precision {
            Precision::Day => {
                "Date non reconnue : saisissez-la au format AAAA-MM-JJ (par exemple 2027-01-01)."
                    .into()
            }
            Precision::Month => {
                "Mois non reconnu : saisissez-le au format AAAA-MM (par exemple 2027-03).".into()
            }
            _ => "Année non reconnue : saisissez-la sur quatre chiffres (par exemple 2027).".into(),
        },
        Err(e) => capitalised_sentence(&e.to_string()),
        Ok(_) => "Date illisible : vérifiez-la.".into(),
    }
}

/// A conflict with the published dataset, in the form's words.
fn conflict_message(kind: &MergeErrorKind, id: &str) -> String {
    match kind {
        MergeErrorKind::AlreadyExists { .. } => format!(
            "Un chantier publié a déjà l'identifiant « {id} » : choisissez un autre identifiant, ou proposez une mise à jour de ce chantier depuis sa fiche."
        ),
        MergeErrorKind::UnknownId => format!(
            "Aucun chantier publié n'a l'identifiant « {id} » : cette mise à jour ne peut pas être intégrée. Supprimez le brouillon, ou proposez un nouveau chantier."
        ),
        MergeErrorKind::Stale { .. } => format!(
            "{} Supprimez le brouillon pour repartir de la fiche publiée.",
            capitalised_sentence(&kind.message(id))
        ),
        other => capitalised_sentence(&other.message(id)),
    }
}

// ---------------------------------------------------------------------------
// Sending: file name and pre-filled e-mails.

/// The name of the downloaded contribution file: `contribution-<id>.json`.
///
/// ```
/// assert_eq!(agenda_core::draft::contribution_filename("referentiel-m57"), "contribution-referentiel-m57.json");
/// ```
pub fn contribution_filename(id: &str) -> String {
    format!("contribution-{id}.json")
}

/// A pre-filled e-mail: recipient, subject and body.
///
/// ```
/// let mail = agenda_core::draft::Email { to: "a@b.fr".into(), subject: "Objet".into(), body: "Texte".into() };
/// assert_eq!(mail.mailto(), "mailto:a@b.fr?subject=Objet&body=Texte");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Body, lines separated by `\n`.
    pub body: String,
}

impl Email {
    /// The `mailto:` URL (RFC 6068): subject and body percent-encoded as UTF-8, line
    /// breaks as CRLF.
    ///
    /// ```
    /// let mail = agenda_core::draft::Email { to: "a@b.fr".into(), subject: "Été & co".into(), body: "1\n2".into() };
    /// assert_eq!(mail.mailto(), "mailto:a@b.fr?subject=%C3%89t%C3%A9%20%26%20co&body=1%0D%0A2");
    /// ```
    pub fn mailto(&self) -> String {
        let mut url = String::from("mailto:");
        push_encoded(&mut url, &self.to, b"@");
        url.push_str("?subject=");
        push_encoded(&mut url, &self.subject, b"");
        url.push_str("&body=");
        for (i, line) in self.body.split('\n').enumerate() {
            if i > 0 {
                url.push_str("%0D%0A");
            }
            push_encoded(&mut url, line.strip_suffix('\r').unwrap_or(line), b"");
        }
        url
    }
}

/// Change lines quoted in an e-mail at most; the rest is counted.
const MAIL_CHANGES: usize = 5;

/// The e-mail that sends a contribution to the operator at `to`: which chantier, the
/// file to attach, what changes (`changes`, for an update), and what the operator
/// needs to know (service, contact, sources).
///
/// ```
/// use agenda_core::draft::{contribution_email, Draft};
/// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
/// let contribution = Draft::from_chantier(&dataset.chantiers[0]).to_contribution().unwrap();
/// let mail = contribution_email("agenda@anct.gouv.fr", &contribution, &["Titre : « A » → « B »".into()]);
/// assert!(mail.subject.starts_with("Contribution à l'agenda : mise à jour de « "));
/// assert!(mail.body.contains(&format!("contribution-{}.json", contribution.chantier.id)));
/// assert!(mail.body.contains("- Titre : « A » → « B »"));
/// ```
pub fn contribution_email(to: &str, contribution: &Contribution, changes: &[String]) -> Email {
    let c = &contribution.chantier;
    let update = contribution.base_updated.is_some();
    let subject = if update {
        format!("Contribution à l'agenda : mise à jour de « {} »", c.id)
    } else {
        format!("Contribution à l'agenda : nouveau chantier « {} »", c.id)
    };
    let mut body = vec![
        "Bonjour,".to_string(),
        String::new(),
        if update {
            format!(
                "Je vous propose une mise à jour du chantier « {} » (identifiant : {}) de l'Agenda numérique des collectivités.",
                c.title, c.id
            )
        } else {
            format!(
                "Je vous propose un nouveau chantier pour l'Agenda numérique des collectivités : « {} » (identifiant : {}).",
                c.title, c.id
            )
        },
        String::new(),
        format!(
            "Le fichier de contribution est joint à ce message : {}.",
            contribution_filename(&c.id)
        ),
    ];
    if update {
        body.push(String::new());
        if changes.is_empty() {
            body.push("Ce qui change : aucune modification du contenu.".into());
        } else {
            body.push("Ce qui change :".into());
            body.extend(changes.iter().take(MAIL_CHANGES).map(|l| format!("- {l}")));
            if changes.len() > MAIL_CHANGES {
                body.push(format!(
                    "- et {} autre(s) modification(s), détaillées par « agenda validate ».",
                    changes.len() - MAIL_CHANGES
                ));
            }
        }
    }
    body.extend([
        String::new(),
        "Service :".into(),
        "Personne à contacter :".into(),
        "Sources qui justifient les dates (si elles ne figurent pas dans la fiche) :".into(),
        "Thème ou porteur à créer (le cas échéant) :".into(),
        String::new(),
        "Cordialement,".into(),
    ]);
    Email {
        to: to.to_string(),
        subject,
        body: join(&body, "\n"),
    }
}

/// The e-mail an authority writes about a chantier: to the chantier's `contact`, or
/// else to `fallback` (the dataset's contribution address); quoting the chantier's
/// title, id and page address. `None` when there is nobody to write to.
///
/// ```
/// use agenda_core::draft::feedback_email;
/// # let dataset = agenda_core::load(&std::fs::read("../../public/data/agenda.json").unwrap()).unwrap().dataset;
/// let chantier = &dataset.chantiers[0];
/// let mail = feedback_email(chantier, Some("agenda@anct.gouv.fr"), "https://agenda.example/chantiers/x").unwrap();
/// assert_eq!(mail.to, chantier.contact.clone().unwrap_or("agenda@anct.gouv.fr".into()));
/// assert!(mail.subject.contains(&chantier.title));
/// assert!(mail.body.contains("https://agenda.example/chantiers/x"));
/// assert!(feedback_email(&agenda_core::Chantier { contact: None, ..chantier.clone() }, None, "").is_none());
/// ```
pub fn feedback_email(
    chantier: &Chantier,
    fallback: Option<&str>,
    page_url: &str,
) -> Option<Email> {
    let to = chantier
        .contact
        .as_deref()
        .filter(|c| validate::is_email(c))
        .or(fallback.filter(|c| validate::is_email(c)))?;
    let body = [
        "Bonjour,".to_string(),
        String::new(),
        format!(
            "Je vous écris au sujet du chantier « {} » (identifiant : {}) de l'Agenda numérique des collectivités :",
            chantier.title, chantier.id
        ),
        page_url.to_string(),
        String::new(),
        "Collectivité :".into(),
        "Mon avis, ou la difficulté rencontrée :".into(),
        String::new(),
        String::new(),
        "Cordialement,".into(),
    ];
    Some(Email {
        to: to.to_string(),
        subject: format!("Avis sur le chantier « {} »", chantier.title),
        body: join(&body, "\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_writes_every_line_break_as_crlf_and_keeps_the_at_sign() {
        let mail = Email {
            to: "agenda+mise-a-jour@anct.gouv.fr".into(),
            subject: "a@b".into(),
            body: "un\r\ndeux\ntrois\rquatre\r\r\n".into(),
        };
        assert_eq!(
            mail.mailto(),
            "mailto:agenda%2Bmise-a-jour@anct.gouv.fr?subject=a%40b\
             &body=un%0D%0Adeux%0D%0Atrois%0Dquatre%0D%0D%0A"
        );
    }

    #[test]
    fn paths_split_into_steps() {
        use Step::{Index as I, Key as K};
        assert_eq!(
            steps("chantier.concerned.rules[1].epci_kinds[0]"),
            [
                K("chantier"),
                K("concerned"),
                K("rules"),
                I(1),
                K("epci_kinds"),
                I(0)
            ]
        );
        assert_eq!(steps(""), []);
        assert_eq!(steps("a[x].b[2"), [K("a"), K("b")]);
    }

    #[test]
    fn repair_replaces_or_removes_the_unreadable_value() {
        let mut value = serde_json::json!({"chantier": {"milestones": [{"date": "x", "end": "y"}],
            "concerned": {"rules": [{"kind": "?", "epci_kinds": ["?"]}]}}});
        assert!(repair(&mut value, "chantier.milestones[0].date"));
        assert!(repair(&mut value, "chantier.milestones[0].end"));
        assert!(repair(&mut value, "chantier.concerned.rules[0].kind"));
        assert!(repair(
            &mut value,
            "chantier.concerned.rules[0].epci_kinds[0]"
        ));
        assert!(!repair(&mut value, "chantier.title"));
        assert!(!repair(&mut value, "chantier.milestones[3].date"));
        assert_eq!(
            value,
            serde_json::json!({"chantier": {"milestones": [{"date": "2000"}],
                "concerned": {"rules": [{"kind": "other", "epci_kinds": ["cc"]}]}}})
        );
    }

    #[test]
    fn problems_sort_in_the_form_order() {
        let mut paths = vec![
            "chantier.contact",
            "chantier.milestones[1].label",
            "chantier.milestones[0].date",
            "chantier.title",
            "chantier.milestones[0].label",
            "chantier.id",
        ];
        paths.sort_by_key(|p| order_key(p));
        assert_eq!(
            paths,
            [
                "chantier.title",
                "chantier.id",
                "chantier.milestones[0].label",
                "chantier.milestones[0].date",
                "chantier.milestones[1].label",
                "chantier.contact"
            ]
        );
    }

    #[test]
    fn threshold_values_accept_spaces() {
        assert_eq!(number_value("3 500"), Value::from(3500));
        assert_eq!(number_value("3\u{202F}500"), Value::from(3500));
        assert_eq!(number_value("-3"), Value::from("-3"));
        assert_eq!(number_value(""), Value::from(""));
    }
}
