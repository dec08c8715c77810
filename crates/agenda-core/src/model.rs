//! The dataset as published by the operator: the serde types of the JSON file.
//!
//! These types are the single source of the file format: the JSON Schema is generated
//! from them (`agenda schema`), never written by hand. Field names are English; codes
//! in values are stable ASCII; every text a user reads is French.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The schema version this build reads: same major, any minor is accepted.
pub const SCHEMA_VERSION: &str = "1.0";

/// The whole published dataset.
///
/// ```
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01",
///   "publisher":{"name":"ANCT"},"licence":"etalab-2.0",
///   "themes":[{"code":"finances","label":"Finances"}],
///   "carriers":[{"code":"dgfip","label":"DGFiP"}],
///   "chantiers":[]}"#;
/// let dataset: agenda_core::Dataset = serde_json::from_str(json).unwrap();
/// assert_eq!(dataset.themes[0].label, "Finances");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Dataset {
    /// Version of this file format, "MAJEURE.MINEURE" (currently "1.0").
    pub schema_version: String,
    /// Day the dataset was published.
    #[serde(deserialize_with = "crate::date::deserialize_day")]
    pub published: NaiveDate,
    /// Who publishes the dataset.
    pub publisher: Publisher,
    /// Licence of the content; the State's open licence is "etalab-2.0".
    pub licence: String,
    /// Where contributions are sent (issue: contributions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributions: Option<ContributionChannel>,
    /// Themes a chantier can belong to.
    pub themes: Vec<Theme>,
    /// Ministries and administrations that carry chantiers.
    pub carriers: Vec<Carrier>,
    /// The chantiers.
    pub chantiers: Vec<Chantier>,
}

/// Who publishes the dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Publisher {
    /// Name, e.g. "Agence nationale de la cohésion des territoires".
    pub name: String,
    /// Web site of the publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// How ministries send contributions and authorities their feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ContributionChannel {
    /// The operator's e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A repository where changes can be proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository_url: Option<String>,
}

/// A theme: a stable code used in URLs and a French label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Theme {
    /// Stable code, lowercase ASCII with hyphens (e.g. "commande-publique").
    pub code: String,
    /// French label (e.g. "Commande publique").
    pub label: String,
}

/// A ministry or administration that carries chantiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Carrier {
    /// Stable code, lowercase ASCII with hyphens (e.g. "dgfip").
    pub code: String,
    /// Short French label (e.g. "DGFiP").
    pub label: String,
    /// Full French name (e.g. "Direction générale des finances publiques").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A dematerialisation project the State imposes on or offers to local authorities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Chantier {
    /// Stable identifier, used in URLs: lowercase letters, digits and hyphens.
    pub id: String,
    /// Title, as short as can be (at most 120 characters).
    pub title: String,
    /// One or two sentences (at most 400 characters).
    pub summary: String,
    /// Plain-text paragraphs (never HTML).
    #[serde(default)]
    pub description: Vec<String>,
    /// Codes of the carrying ministries or administrations (at least one).
    pub carriers: Vec<String>,
    /// Codes of the themes (at least one).
    pub themes: Vec<String>,
    /// What the chantier is for authorities.
    pub nature: Nature,
    /// Which authorities are concerned.
    pub concerned: Concerned,
    /// Milestones, in chronological order (at least one).
    pub milestones: Vec<Milestone>,
    /// Sources and legal texts.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Address of the chantier's contact for authorities' feedback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Day of the entry's last update.
    #[serde(deserialize_with = "crate::date::deserialize_day")]
    pub updated: NaiveDate,
}

/// What a chantier is for authorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// A regulatory obligation.
    Obligation,
    /// An opportunity: programme, funding, voluntary service.
    Opportunity,
    /// A service ends or must be migrated.
    EndOfService,
    /// Context worth knowing, binding others or not yet settled.
    Information,
}

impl Nature {
    /// Every nature, in display order.
    pub const ALL: [Nature; 4] = [
        Nature::Obligation,
        Nature::Opportunity,
        Nature::EndOfService,
        Nature::Information,
    ];

    /// The stable code used in the JSON file and URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::Nature::EndOfService.code(), "end_of_service");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Nature::Obligation => "obligation",
            Nature::Opportunity => "opportunity",
            Nature::EndOfService => "end_of_service",
            Nature::Information => "information",
        }
    }

    /// The nature whose code is `code`.
    ///
    /// ```
    /// use agenda_core::Nature;
    /// assert_eq!(Nature::from_code("opportunity"), Some(Nature::Opportunity));
    /// ```
    pub fn from_code(code: &str) -> Option<Nature> {
        Nature::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The French label.
    ///
    /// ```
    /// assert_eq!(agenda_core::Nature::Obligation.label_fr(), "Obligation réglementaire");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            Nature::Obligation => "Obligation réglementaire",
            Nature::Opportunity => "Opportunité",
            Nature::EndOfService => "Fin de service",
            Nature::Information => "Information",
        }
    }
}

/// Which authorities a chantier concerns: it applies to an authority when any rule
/// matches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Concerned {
    /// One rule per kind of authority (at least one).
    pub rules: Vec<AudienceRule>,
    /// Free-text precision in French (e.g. "communes disposant d'une maternité").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A kind of authority, possibly restricted by thresholds that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct AudienceRule {
    /// The kind of authority.
    pub kind: AuthorityKind,
    /// For EPCI only: which kinds of EPCI (empty means all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub epci_kinds: Vec<EpciKind>,
    /// Conditions on population or staff, all required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
}

/// A kind of local authority or public body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// Commune.
    Commune,
    /// Établissement public de coopération intercommunale.
    Epci,
    /// Département.
    Departement,
    /// Région.
    Region,
    /// Other public body (SDIS, centre de gestion, syndicat…).
    Other,
}

impl AuthorityKind {
    /// Every kind, in display order.
    pub const ALL: [AuthorityKind; 5] = [
        AuthorityKind::Commune,
        AuthorityKind::Epci,
        AuthorityKind::Departement,
        AuthorityKind::Region,
        AuthorityKind::Other,
    ];

    /// The stable code used in the JSON file and URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::AuthorityKind::Departement.code(), "departement");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            AuthorityKind::Commune => "commune",
            AuthorityKind::Epci => "epci",
            AuthorityKind::Departement => "departement",
            AuthorityKind::Region => "region",
            AuthorityKind::Other => "other",
        }
    }

    /// The kind whose code is `code`.
    ///
    /// ```
    /// use agenda_core::AuthorityKind;
    /// assert_eq!(AuthorityKind::from_code("epci"), Some(AuthorityKind::Epci));
    /// ```
    pub fn from_code(code: &str) -> Option<AuthorityKind> {
        AuthorityKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The French plural label, as in "Concerne : communes, régions".
    ///
    /// ```
    /// assert_eq!(agenda_core::AuthorityKind::Region.label_fr(), "Régions");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            AuthorityKind::Commune => "Communes",
            AuthorityKind::Epci => "EPCI",
            AuthorityKind::Departement => "Départements",
            AuthorityKind::Region => "Régions",
            AuthorityKind::Other => "Autres organismes publics",
        }
    }
}

/// A kind of EPCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EpciKind {
    /// Communauté de communes.
    Cc,
    /// Communauté d'agglomération.
    Ca,
    /// Communauté urbaine.
    Cu,
    /// Métropole.
    Metropole,
    /// Syndicat intercommunal (EPCI without own taxation).
    Syndicat,
}

impl EpciKind {
    /// The French label.
    ///
    /// ```
    /// assert_eq!(agenda_core::EpciKind::Ca.label_fr(), "communautés d'agglomération");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            EpciKind::Cc => "communautés de communes",
            EpciKind::Ca => "communautés d'agglomération",
            EpciKind::Cu => "communautés urbaines",
            EpciKind::Metropole => "métropoles",
            EpciKind::Syndicat => "syndicats intercommunaux",
        }
    }
}

/// A condition on a measure of the authority, as the legal text words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Threshold {
    /// What is measured.
    pub measure: Measure,
    /// How the text compares ("plus de" is strict, "au moins" is not).
    pub comparison: Comparison,
    /// The threshold value.
    pub value: u32,
}

/// What a threshold measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Number of inhabitants.
    Population,
    /// Number of agents.
    Staff,
}

/// How a threshold compares, in the words of legal texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// "plus de N": strictly more.
    MoreThan,
    /// "au moins N": N or more.
    AtLeast,
    /// "moins de N": strictly fewer.
    LessThan,
    /// "au plus N": N or fewer.
    AtMost,
}

impl Threshold {
    /// Whether `value` meets the threshold.
    ///
    /// ```
    /// use agenda_core::{Comparison, Measure, Threshold};
    /// let t = Threshold { measure: Measure::Population, comparison: Comparison::MoreThan, value: 3500 };
    /// assert!(!t.is_met_by(3500));
    /// assert!(t.is_met_by(3501));
    /// ```
    pub fn is_met_by(&self, value: u32) -> bool {
        match self.comparison {
            Comparison::MoreThan => value > self.value,
            Comparison::AtLeast => value >= self.value,
            Comparison::LessThan => value < self.value,
            Comparison::AtMost => value <= self.value,
        }
    }
}

impl fmt::Display for Threshold {
    /// French wording: "de plus de 3 500 habitants", "d'au moins 50 agents".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (words, plural_only) = match self.comparison {
            Comparison::MoreThan => ("de plus de", false),
            Comparison::AtLeast => ("d'au moins", false),
            Comparison::LessThan => ("de moins de", true),
            Comparison::AtMost => ("d'au plus", false),
        };
        let unit = match (self.measure, self.value <= 1 && !plural_only) {
            (Measure::Population, true) => "habitant",
            (Measure::Population, false) => "habitants",
            (Measure::Staff, true) => "agent",
            (Measure::Staff, false) => "agents",
        };
        write!(
            f,
            "{words} {} {unit}",
            crate::french::number(self.value.into())
        )
    }
}

/// A dated step of a chantier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Milestone {
    /// Identifier, unique within the chantier and stable across updates (it makes
    /// calendar exports stable): lowercase letters, digits and hyphens.
    pub id: String,
    /// Short French label (at most 160 characters).
    pub label: String,
    /// When it happens, at the precision the source gives.
    pub date: PartialDate,
    /// For a period: when it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// What happens at that date, in plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl Chantier {
    /// Who it concerns, one French phrase per rule ("Communes de plus de 3 500
    /// habitants").
    ///
    /// ```
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let audience = dataset.chantiers[0].audience_fr();
    /// assert_eq!(audience.len(), dataset.chantiers[0].concerned.rules.len());
    /// assert!(audience.iter().all(|rule| !rule.is_empty()));
    /// ```
    pub fn audience_fr(&self) -> Vec<String> {
        self.concerned
            .rules
            .iter()
            .map(crate::french::audience_rule)
            .collect()
    }
}

impl Milestone {
    /// The last day the milestone covers (end of its period, or of its own date).
    ///
    /// ```
    /// let m: agenda_core::Milestone = serde_json::from_str(
    ///     r#"{"id":"a","label":"Période","date":"2023","end":"2027"}"#).unwrap();
    /// assert_eq!(m.last_day().to_string(), "2027-12-31");
    /// ```
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.date).last_day()
    }

    /// The French wording of its date at its precision, or of its period.
    ///
    /// ```
    /// let m = |json: &str| serde_json::from_str::<agenda_core::Milestone>(json).unwrap();
    /// assert_eq!(m(r#"{"id":"a","label":"x","date":"2025-T3"}"#).when_fr(), "3e trimestre 2025");
    /// assert_eq!(m(r#"{"id":"a","label":"x","date":"2023","end":"2027"}"#).when_fr(), "de 2023 à 2027");
    /// ```
    pub fn when_fr(&self) -> String {
        match &self.end {
            Some(end) => crate::french::period(&self.date, end),
            None => crate::french::date(&self.date),
        }
    }
}

/// A source or legal text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Source {
    /// What the link is, in French.
    pub label: String,
    /// Address, http(s) only.
    pub url: String,
    /// A legal text (law, decree, order) or another reference.
    #[serde(default)]
    pub kind: SourceKind,
}

/// Whether a source is a legal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Law, decree, order, EU regulation.
    Legal,
    /// Any other reference.
    #[default]
    Reference,
}

impl Dataset {
    /// The French labels of theme codes, in the given order; unknown codes skipped.
    ///
    /// ```
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// assert_eq!(dataset.theme_labels(&["finances".into()]), ["Finances et comptabilité"]);
    /// ```
    pub fn theme_labels(&self, codes: &[String]) -> Vec<String> {
        codes
            .iter()
            .filter_map(|code| self.themes.iter().find(|t| &t.code == code))
            .map(|t| t.label.clone())
            .collect()
    }

    /// The carriers of these codes, in the given order; unknown codes skipped.
    ///
    /// ```
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// assert_eq!(dataset.carriers_of(&["dgfip".into()])[0].label, "DGFiP");
    /// ```
    pub fn carriers_of(&self, codes: &[String]) -> Vec<&Carrier> {
        codes
            .iter()
            .filter_map(|code| self.carriers.iter().find(|c| &c.code == code))
            .collect()
    }
}

impl Carrier {
    /// The full French name with the short label: "Direction générale des finances
    /// publiques (DGFiP)", or the label alone.
    ///
    /// ```
    /// let c = agenda_core::Carrier { code: "dgfip".into(), label: "DGFiP".into(), name: None };
    /// assert_eq!(c.full_name(), "DGFiP");
    /// ```
    pub fn full_name(&self) -> String {
        match &self.name {
            Some(name) if name != &self.label => format!("{name} ({})", self.label),
            _ => self.label.clone(),
        }
    }
}

impl SourceKind {
    /// The French label: "Texte juridique" or "Source".
    ///
    /// ```
    /// assert_eq!(agenda_core::SourceKind::Legal.label_fr(), "Texte juridique");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            SourceKind::Legal => "Texte juridique",
            SourceKind::Reference => "Source",
        }
    }
}
