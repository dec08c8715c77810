//! The filter panel's form controls and the query they edit.
//!
//! The panel's checkboxes, selects and fields are named after the URL's parameters
//! ([`crate::query`]: `theme`, `nature`, `public`, `statut`, `nouveautes`, `porteur`,
//! `periode`, `du`, `au`, and "ma collectivité"'s `collectivite`, `epci`,
//! `habitants`, `agents`) and valued by the same codes: the form is the query. The
//! view writes the panel once and asks the query three things: what each control
//! shows ([`AgendaQuery::is_checked`], [`AgendaQuery::field_value`]), which parts are
//! shown ([`AgendaQuery::shows`]), and what a change to one makes of it
//! ([`AgendaQuery::with_control`]).

use crate::sorted_set::SortedSet;

use crate::filter::{Filter, Period, PeriodPreset, YearMonth};
use crate::model::{AuthorityKind, EpciKind, Nature};
use crate::profile::Profile;
use crate::query::AgendaQuery;
use crate::status::Status;

/// The names of the panel's checkboxes, each ticked per code.
pub const CHECKBOX_NAMES: [&str; 5] = ["theme", "nature", "public", "statut", "nouveautes"];

/// The names of the panel's selects and fields, each showing one value.
pub const FIELD_NAMES: [&str; 8] = [
    "periode",
    "du",
    "au",
    "porteur",
    "collectivite",
    "epci",
    "habitants",
    "agents",
];

/// The parts of the panel shown only for some queries: "ma collectivité"'s details
/// once a kind of authority is chosen (`profil`), the kind of EPCI for an EPCI.
pub const PARTS: [&str; 2] = ["profil", "epci"];

/// A count the user typed ("5 200", "5200"): its digits, nothing when there are
/// none or too many.
fn count(value: &str) -> Option<u32> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

impl AgendaQuery {
    /// What the panel's controls show of the query, the rest left at its default:
    /// equal for two queries whose panels look the same, so a keystroke in the search
    /// box leaves the panel alone.
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let q = AgendaQuery::parse("q=demat&theme=finances&vue=frise");
    /// assert_eq!(q.form_state(), AgendaQuery::parse("theme=finances"));
    /// assert_eq!(q.form_state(), AgendaQuery::parse("q=autre&theme=finances").form_state());
    /// ```
    pub fn form_state(&self) -> AgendaQuery {
        let f = &self.filter;
        AgendaQuery {
            filter: Filter {
                themes: f.themes.clone(),
                period: f.period,
                carriers: f.carriers.clone(),
                natures: f.natures.clone(),
                kinds: f.kinds.clone(),
                statuses: f.statuses.clone(),
                profile: f.profile,
                ..Filter::default()
            },
            only_new: self.only_new,
            ..AgendaQuery::default()
        }
    }

    /// Whether the checkbox `name` of value `value` is ticked (`nouveautes` has one
    /// checkbox, whatever its value).
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let q = AgendaQuery::parse("theme=urbanisme&public=commune");
    /// assert!(q.is_checked("theme", "urbanisme"));
    /// assert!(q.is_checked("public", "commune"));
    /// assert!(!q.is_checked("public", "epci"));
    /// assert!(!q.is_checked("nouveautes", "1"));
    /// ```
    pub fn is_checked(&self, name: &str, value: &str) -> bool {
        let f = &self.filter;
        match name {
            "theme" => f.themes.contains(value),
            "nature" => Nature::from_code(value).is_some_and(|n| f.natures.contains(&n)),
            "public" => AuthorityKind::from_code(value).is_some_and(|k| f.kinds.contains(&k)),
            "statut" => Status::from_code(value).is_some_and(|s| f.statuses.contains(&s)),
            "nouveautes" => self.only_new,
            _ => false,
        }
    }

    /// What the select or month field `name` shows: a code, a month `AAAA-MM`, or
    /// empty for "any".
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let q = AgendaQuery::parse("du=2026-01&porteur=dgfip");
    /// assert_eq!(q.field_value("du"), "2026-01");
    /// assert_eq!(q.field_value("au"), "");
    /// assert_eq!(q.field_value("periode"), "");
    /// assert_eq!(q.field_value("porteur"), "dgfip");
    /// ```
    pub fn field_value(&self, name: &str) -> String {
        let f = &self.filter;
        let month = |m: Option<YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let profile = f.profile.as_ref();
        match (name, f.period) {
            ("periode", Period::Preset(p)) => p.code().to_string(),
            ("du", Period::Months { from, .. }) => month(from),
            ("au", Period::Months { to, .. }) => month(to),
            ("porteur", _) => f.carriers.iter().next().cloned().unwrap_or_default(),
            ("collectivite", _) => profile
                .map(|p| p.kind.code().to_string())
                .unwrap_or_default(),
            ("epci", _) => profile
                .and_then(|p| p.epci_kind)
                .map(|k| k.code().to_string())
                .unwrap_or_default(),
            ("habitants", _) => number(profile.and_then(|p| p.population)),
            ("agents", _) => number(profile.and_then(|p| p.staff)),
            _ => String::new(),
        }
    }

    /// Whether the part `part` of the panel ([`PARTS`]) is shown; unknown parts are.
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// assert!(!AgendaQuery::parse("").shows("profil"));
    /// assert!(AgendaQuery::parse("collectivite=commune").shows("profil"));
    /// assert!(!AgendaQuery::parse("collectivite=commune").shows("epci"));
    /// assert!(AgendaQuery::parse("collectivite=epci").shows("epci"));
    /// ```
    pub fn shows(&self, part: &str) -> bool {
        let profile = self.filter.profile.as_ref();
        match part {
            "profil" => profile.is_some(),
            "epci" => profile.is_some_and(|p| p.kind == AuthorityKind::Epci),
            _ => true,
        }
    }

    /// The query once the control `name` shows `value`; for a checkbox, `checked`
    /// says whether it is now ticked. A name or a code the query does not know
    /// changes nothing; a month that does not parse clears its bound, as an emptied
    /// field does.
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let q = AgendaQuery::parse("theme=urbanisme");
    /// let q = q.with_control("theme", "finances", true);
    /// assert_eq!(q.to_query_string(), "theme=finances,urbanisme");
    /// let q = q.with_control("theme", "urbanisme", false).with_control("periode", "12-mois", false);
    /// assert_eq!(q.to_query_string(), "theme=finances&periode=12-mois");
    /// let q = q.with_control("du", "2026-01", false);
    /// assert_eq!(q.to_query_string(), "theme=finances&du=2026-01");
    /// ```
    pub fn with_control(&self, name: &str, value: &str, checked: bool) -> AgendaQuery {
        fn tick<T: Ord>(set: &mut SortedSet<T>, code: Option<T>, checked: bool) {
            match (code, checked) {
                (Some(code), true) => {
                    set.insert(code);
                }
                (Some(code), false) => {
                    set.remove(&code);
                }
                (None, _) => {}
            }
        }
        let mut q = self.clone();
        let f = &mut q.filter;
        match name {
            "theme" => tick(&mut f.themes, Some(value.to_string()), checked),
            "nature" => tick(&mut f.natures, Nature::from_code(value), checked),
            "public" => tick(&mut f.kinds, AuthorityKind::from_code(value), checked),
            "statut" => tick(&mut f.statuses, Status::from_code(value), checked),
            "nouveautes" => q.only_new = checked,
            "periode" => match PeriodPreset::from_code(value) {
                Some(preset) => f.period = Period::Preset(preset),
                // "Tout" ends a preset; months picked below it are not the select's.
                None if matches!(f.period, Period::Preset(_)) => f.period = Period::Any,
                None => {}
            },
            "du" | "au" => {
                let month = value.parse().ok();
                let (from, to) = match f.period {
                    Period::Months { from, to } => (from, to),
                    // An empty bound over a preset: the preset stays.
                    _ if month.is_none() => return q,
                    _ => (None, None),
                };
                f.period = if name == "du" {
                    Period::months(month, to)
                } else {
                    Period::months(from, month)
                };
            }
            // A new kind of authority keeps what was entered (but an EPCI's kind).
            "collectivite" => {
                let old = f.profile;
                f.profile = AuthorityKind::from_code(value).map(|kind| Profile {
                    kind,
                    epci_kind: old
                        .and_then(|p| p.epci_kind)
                        .filter(|_| kind == AuthorityKind::Epci),
                    population: old.and_then(|p| p.population),
                    staff: old.and_then(|p| p.staff),
                });
            }
            "epci" | "habitants" | "agents" => {
                if let Some(p) = &mut f.profile {
                    match name {
                        "epci" if p.kind == AuthorityKind::Epci => {
                            p.epci_kind = EpciKind::from_code(value)
                        }
                        "habitants" => p.population = count(value),
                        "agents" => p.staff = count(value),
                        _ => {}
                    }
                }
            }
            "porteur" if value.is_empty() => f.carriers.clear(),
            "porteur" => f.carriers = SortedSet::from([value.to_string()]),
            _ => {}
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Codes the panel offers, plus one nobody knows.
    fn value_for(name: &str) -> impl Strategy<Value = String> {
        let values: &[&str] = match name {
            "theme" => &["urbanisme", "finances", "inconnu"],
            "nature" => &["obligation", "opportunity", "end_of_service", "inconnu"],
            "public" => &["commune", "epci", "departement", "inconnu"],
            "statut" => &["a-venir", "en-cours", "passe", "inconnu"],
            "nouveautes" => &["1"],
            "periode" => &["", "6-mois", "12-mois", "annee", "passe", "inconnu"],
            "du" | "au" => &["", "2025-01", "2026-12", "2026-13"],
            "collectivite" => &["", "commune", "epci", "region", "inconnu"],
            "epci" => &["", "cc", "metropole", "inconnu"],
            "habitants" | "agents" => &["", "5200", "5 200", "12", "beaucoup"],
            _ => &["", "dgfip", "dgcl"],
        };
        let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        proptest::sample::select(values)
    }

    fn change() -> impl Strategy<Value = (&'static str, String, bool)> {
        let names: Vec<&'static str> = CHECKBOX_NAMES.iter().chain(&FIELD_NAMES).copied().collect();
        proptest::sample::select(names)
            .prop_flat_map(|name| (Just(name), value_for(name), any::<bool>()))
    }

    fn query() -> impl Strategy<Value = AgendaQuery> {
        proptest::collection::vec(change(), 0..8).prop_map(|changes| {
            changes
                .iter()
                .fold(AgendaQuery::default(), |q, (name, value, checked)| {
                    q.with_control(name, value, *checked)
                })
        })
    }

    proptest! {
        /// A checkbox shows what was last done to it; the rest of the query stays.
        #[test]
        fn a_ticked_box_shows_ticked_and_nothing_else_moves(q in query(), (name, value, checked) in change()) {
            prop_assume!(CHECKBOX_NAMES.contains(&name) && value != "inconnu");
            let after = q.with_control(name, &value, checked);
            prop_assert_eq!(after.is_checked(name, &value), checked);
            prop_assert_eq!(after.with_control(name, &value, q.is_checked(name, &value)), q);
        }

        /// A field shows the value it was given (when the query can hold it), and
        /// writing back what it shows changes nothing.
        #[test]
        fn a_field_shows_its_value_and_writing_it_back_is_a_no_op(q in query(), (name, value, _) in change()) {
            prop_assume!(FIELD_NAMES.contains(&name));
            for name in FIELD_NAMES {
                prop_assert_eq!(&q.with_control(name, &q.field_value(name), false), &q);
            }
            let after = q.with_control(name, &value, false);
            let shown = after.field_value(name);
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            prop_assert!(shown == value || shown.is_empty() || shown == digits, "{} = {:?} shows {:?}", name, value, shown);
        }

        /// The panel shows the same for a query and its form state.
        #[test]
        fn the_form_state_shows_the_same_panel(q in query(), text in "[a-z ]{0,8}", frise in any::<bool>()) {
            let mut q = q;
            q.filter.text = text;
            q.view = if frise { crate::View::Frise } else { crate::View::List };
            let state = q.form_state();
            for name in FIELD_NAMES {
                prop_assert_eq!(state.field_value(name), q.field_value(name));
            }
            for (name, value, _) in [("theme", "finances", true), ("public", "epci", true), ("nouveautes", "1", true)] {
                prop_assert_eq!(state.is_checked(name, value), q.is_checked(name, value));
            }
            prop_assert_eq!(state.form_state(), state);
        }

        /// The form's state survives the URL: what the panel shows is the same after
        /// printing and parsing the query (a shared link shows the same panel).
        #[test]
        fn the_panel_shows_the_same_after_the_url_round_trip(q in query()) {
            let back = AgendaQuery::parse(&q.to_query_string());
            for name in FIELD_NAMES {
                prop_assert_eq!(back.field_value(name), q.field_value(name));
            }
            for (name, value, _) in [("theme", "finances", true), ("statut", "en-cours", true), ("nouveautes", "1", true)] {
                prop_assert_eq!(back.is_checked(name, value), q.is_checked(name, value));
            }
        }
    }

    #[test]
    fn a_preset_replaces_months_and_months_replace_a_preset() {
        let q = AgendaQuery::parse("du=2025-01&au=2026-12");
        let q = q.with_control("periode", "annee", false);
        assert_eq!(q.to_query_string(), "periode=annee");
        assert_eq!(
            (q.field_value("du"), q.field_value("au")),
            (String::new(), String::new())
        );
        let q = q.with_control("au", "2026-06", false);
        assert_eq!(q.to_query_string(), "au=2026-06");
        assert_eq!(q.field_value("periode"), "");
        // Emptying the last bound leaves no period at all.
        assert_eq!(q.with_control("au", "", false), AgendaQuery::default());
    }

    #[test]
    fn ma_collectivite_keeps_what_was_entered_across_kinds() {
        let q = AgendaQuery::parse("collectivite=epci&epci=metropole&habitants=5200");
        assert!(q.shows("profil") && q.shows("epci"));
        let commune = q.with_control("collectivite", "commune", false);
        assert_eq!(
            commune.to_query_string(),
            "collectivite=commune&habitants=5200"
        );
        assert!(!commune.shows("epci"));
        // An EPCI's kind needs an EPCI; counts are read from what was typed.
        assert_eq!(commune.with_control("epci", "cc", false), commune);
        let typed = commune.with_control("agents", "1 250 agents", false);
        assert_eq!(typed.field_value("agents"), "1250");
        assert_eq!(
            typed.with_control("collectivite", "", false),
            AgendaQuery::default()
        );
        // Nothing to describe before a kind is chosen.
        assert_eq!(
            AgendaQuery::default().with_control("habitants", "5200", false),
            AgendaQuery::default()
        );
    }

    #[test]
    fn unknown_names_and_codes_change_nothing() {
        let q = AgendaQuery::parse("theme=finances&public=commune");
        assert_eq!(q.with_control("vue", "frise", true), q);
        assert_eq!(q.with_control("public", "metropole", true), q);
        assert!(!q.is_checked("q", "finances"));
    }
}
