//! "Ma collectivité": a user's authority, and whether each chantier applies to it.
//!
//! Thresholds are evaluated as the legal text words them: "plus de 3 500 habitants"
//! is strict (3 500 is not concerned), "au moins 50 agents" is not (50 is).

use crate::join::join;
use crate::model::{AudienceRule, AuthorityKind, Chantier, EpciKind, Measure, Threshold};

/// What a user says of their authority.
///
/// ```
/// use agenda_core::profile::Profile;
/// use agenda_core::AuthorityKind;
/// let p = Profile { kind: AuthorityKind::Commune, epci_kind: None, population: Some(5200), staff: None };
/// assert_eq!(p.describe_fr(), "commune de 5\u{202F}200 habitants");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Profile {
    /// Kind of authority.
    pub kind: AuthorityKind,
    /// For an EPCI: which kind.
    pub epci_kind: Option<EpciKind>,
    /// Number of inhabitants, when known.
    pub population: Option<u32>,
    /// Number of agents, when known.
    pub staff: Option<u32>,
}

/// Whether a chantier applies to a profile, and why, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicability {
    /// It applies: "s'applique : commune de 5 200 habitants > 3 500".
    Applies(String),
    /// It may apply, but a figure the rule needs was not given.
    Unknown(String),
    /// It does not apply.
    DoesNotApply,
}

impl Applicability {
    /// Whether the chantier is shown for the profile (applies, or cannot be ruled out).
    pub fn is_shown(&self) -> bool {
        !matches!(self, Applicability::DoesNotApply)
    }

    /// The French explanation, if any.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Applicability::Applies(r) | Applicability::Unknown(r) => Some(r),
            Applicability::DoesNotApply => None,
        }
    }
}

fn kind_fr(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Commune => "commune",
        AuthorityKind::Epci => "EPCI",
        AuthorityKind::Departement => "département",
        AuthorityKind::Region => "région",
        AuthorityKind::Other => "organisme public",
    }
}

fn symbol(t: &Threshold) -> &'static str {
    use crate::model::Comparison::*;
    match t.comparison {
        MoreThan => ">",
        AtLeast => "≥",
        LessThan => "<",
        AtMost => "≤",
    }
}

impl Profile {
    /// "commune de 5 200 habitants", "EPCI (communautés d'agglomération)".
    pub fn describe_fr(&self) -> String {
        let mut text = kind_fr(self.kind).to_string();
        if let Some(k) = self.epci_kind {
            text.push_str(&format!(" ({})", k.label_fr()));
        }
        let mut figures = Vec::new();
        if let Some(p) = self.population {
            figures.push(format!("{} habitants", crate::french::number(p.into())));
        }
        if let Some(s) = self.staff {
            figures.push(format!("{} agents", crate::french::number(s.into())));
        }
        if !figures.is_empty() {
            text.push_str(" de ");
            text.push_str(&join(&figures, " et "));
        }
        text
    }

    fn measure(&self, measure: Measure) -> Option<u32> {
        match measure {
            Measure::Population => self.population,
            Measure::Staff => self.staff,
        }
    }

    fn rule(&self, rule: &AudienceRule) -> Applicability {
        if rule.kind != self.kind {
            return Applicability::DoesNotApply;
        }
        if !rule.epci_kinds.is_empty() {
            match self.epci_kind {
                Some(k) if rule.epci_kinds.contains(&k) => {}
                Some(_) => return Applicability::DoesNotApply,
                None => {
                    return Applicability::Unknown(format!(
                        "peut s'appliquer : concerne les {} ; précisez le type de votre EPCI",
                        join(
                            &rule
                                .epci_kinds
                                .iter()
                                .map(|k| k.label_fr())
                                .collect::<Vec<_>>(),
                            ", "
                        )
                    ))
                }
            }
        }
        let mut reasons = Vec::new();
        for t in &rule.thresholds {
            let unit = match t.measure {
                Measure::Population => "habitants",
                Measure::Staff => "agents",
            };
            match self.measure(t.measure) {
                Some(v) if t.is_met_by(v) => reasons.push(format!(
                    "{} {unit} {} {}",
                    crate::french::number(v.into()),
                    symbol(t),
                    crate::french::number(t.value.into())
                )),
                Some(_) => return Applicability::DoesNotApply,
                None => {
                    return Applicability::Unknown(format!(
                        "peut s'appliquer : concerne les {} {t} ; indiquez votre nombre d'{unit}",
                        kind_fr(self.kind).to_owned() + "s"
                    ))
                }
            }
        }
        let mut reason = format!("s'applique : {}", kind_fr(self.kind));
        if let Some(k) = self.epci_kind.filter(|_| !rule.epci_kinds.is_empty()) {
            reason.push_str(&format!(" ({})", k.label_fr()));
        }
        if !reasons.is_empty() {
            reason.push_str(" de ");
            reason.push_str(&join(&reasons, " et "));
        }
        Applicability::Applies(reason)
    }

    /// Whether `chantier` applies: the first rule that applies wins; otherwise a rule
    /// that may apply; otherwise it does not apply.
    ///
    /// ```
    /// use agenda_core::profile::{Applicability, Profile};
    /// use agenda_core::{AuthorityKind, Chantier};
    /// let c: Chantier = serde_json::from_str(r#"{"id":"actes","title":"t","summary":"s",
    ///   "carriers":[],"themes":[],"nature":"obligation","milestones":[],"updated":"2026-01-01",
    ///   "concerned":{"rules":[{"kind":"commune","thresholds":[
    ///     {"measure":"population","comparison":"more_than","value":3500}]}]}}"#).unwrap();
    /// let commune = |population| Profile { kind: AuthorityKind::Commune, epci_kind: None, population: Some(population), staff: None };
    /// assert_eq!(commune(3500).applicability(&c), Applicability::DoesNotApply);
    /// assert_eq!(
    ///     commune(5200).applicability(&c),
    ///     Applicability::Applies("s'applique : commune de 5\u{202F}200 habitants > 3\u{202F}500".into())
    /// );
    /// ```
    pub fn applicability(&self, chantier: &Chantier) -> Applicability {
        let mut unknown = None;
        for rule in &chantier.concerned.rules {
            match self.rule(rule) {
                applies @ Applicability::Applies(_) => return applies,
                u @ Applicability::Unknown(_) => unknown = unknown.or(Some(u)),
                Applicability::DoesNotApply => {}
            }
        }
        unknown.unwrap_or(Applicability::DoesNotApply)
    }
}

impl EpciKind {
    /// Every kind of EPCI.
    pub const ALL: [EpciKind; 5] = [
        EpciKind::Cc,
        EpciKind::Ca,
        EpciKind::Cu,
        EpciKind::Metropole,
        EpciKind::Syndicat,
    ];

    /// The stable code used in the JSON file and URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::EpciKind::Metropole.code(), "metropole");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            EpciKind::Cc => "cc",
            EpciKind::Ca => "ca",
            EpciKind::Cu => "cu",
            EpciKind::Metropole => "metropole",
            EpciKind::Syndicat => "syndicat",
        }
    }

    /// The kind whose code is `code`.
    pub fn from_code(code: &str) -> Option<EpciKind> {
        EpciKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparison;

    fn chantier(rules: &str) -> Chantier {
        serde_json::from_str(&format!(
            r#"{{"id":"c","title":"t","summary":"s","carriers":[],"themes":[],"nature":"obligation",
            "milestones":[],"updated":"2026-01-01","concerned":{{"rules":{rules}}}}}"#
        ))
        .unwrap()
    }

    fn commune(population: Option<u32>, staff: Option<u32>) -> Profile {
        Profile {
            kind: AuthorityKind::Commune,
            epci_kind: None,
            population,
            staff,
        }
    }

    #[test]
    fn thresholds_at_and_around_each_boundary() {
        // (comparison, value, population, applies)
        let table = [
            (Comparison::MoreThan, 3500, 3499, false),
            (Comparison::MoreThan, 3500, 3500, false),
            (Comparison::MoreThan, 3500, 3501, true),
            (Comparison::AtLeast, 3500, 3499, false),
            (Comparison::AtLeast, 3500, 3500, true),
            (Comparison::AtLeast, 3500, 3501, true),
            (Comparison::LessThan, 3500, 3499, true),
            (Comparison::LessThan, 3500, 3500, false),
            (Comparison::AtMost, 3500, 3500, true),
            (Comparison::AtMost, 3500, 3501, false),
            (Comparison::MoreThan, 50_000, 50_001, true),
            (Comparison::AtLeast, 0, 0, true),
        ];
        for (comparison, value, population, applies) in table {
            let code = match comparison {
                Comparison::MoreThan => "more_than",
                Comparison::AtLeast => "at_least",
                Comparison::LessThan => "less_than",
                Comparison::AtMost => "at_most",
            };
            let c = chantier(&format!(
                r#"[{{"kind":"commune","thresholds":[{{"measure":"population","comparison":"{code}","value":{value}}}]}}]"#
            ));
            let result = commune(Some(population), None).applicability(&c);
            assert_eq!(
                matches!(result, Applicability::Applies(_)),
                applies,
                "{code} {value} with {population}: {result:?}"
            );
        }
    }

    #[test]
    fn staff_thresholds_and_both_together() {
        let c = chantier(
            r#"[{"kind":"commune","thresholds":[
                {"measure":"population","comparison":"more_than","value":3500},
                {"measure":"staff","comparison":"at_least","value":50}]}]"#,
        );
        assert_eq!(
            commune(Some(4000), Some(49)).applicability(&c),
            Applicability::DoesNotApply
        );
        assert_eq!(
            commune(Some(4000), Some(50)).applicability(&c),
            Applicability::Applies(
                "s'applique : commune de 4\u{202F}000 habitants > 3\u{202F}500 et 50 agents ≥ 50"
                    .into()
            )
        );
        let unknown = commune(Some(4000), None).applicability(&c);
        assert!(
            matches!(unknown, Applicability::Unknown(ref r) if r.contains("indiquez votre nombre d'agents")),
            "{unknown:?}"
        );
        assert!(unknown.is_shown());
    }

    #[test]
    fn kinds_and_epci_kinds() {
        let c = chantier(r#"[{"kind":"epci","epci_kinds":["ca","metropole"]},{"kind":"region"}]"#);
        let epci = |k| Profile {
            kind: AuthorityKind::Epci,
            epci_kind: k,
            population: None,
            staff: None,
        };
        assert!(matches!(
            epci(Some(EpciKind::Ca)).applicability(&c),
            Applicability::Applies(_)
        ));
        assert_eq!(
            epci(Some(EpciKind::Cc)).applicability(&c),
            Applicability::DoesNotApply
        );
        assert!(matches!(
            epci(None).applicability(&c),
            Applicability::Unknown(_)
        ));
        assert_eq!(
            commune(Some(100), None).applicability(&c),
            Applicability::DoesNotApply
        );
        let region = Profile {
            kind: AuthorityKind::Region,
            epci_kind: None,
            population: None,
            staff: None,
        };
        assert_eq!(
            region.applicability(&c),
            Applicability::Applies("s'applique : région".into())
        );
    }

    #[test]
    fn a_rule_without_threshold_applies_to_every_authority_of_its_kind() {
        let c = chantier(r#"[{"kind":"commune"}]"#);
        assert_eq!(
            commune(None, None).applicability(&c),
            Applicability::Applies("s'applique : commune".into())
        );
    }
}
