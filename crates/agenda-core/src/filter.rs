//! What the user asks to see: themes, period, carriers, nature, kind of authority,
//! status and free text. Facets combine with AND; values within a facet with OR.
//!
//! Filters are applied on a precomputed [`crate::Index`]; this module holds the
//! filter's types and the period arithmetic.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{AuthorityKind, Nature};
use crate::sorted_set::SortedSet;
use crate::status::Status;

/// A month of a year, as the period filter's bounds are chosen.
///
/// ```
/// use agenda_core::YearMonth;
/// let m: YearMonth = "2025-07".parse().unwrap();
/// assert_eq!(m.first_day().to_string(), "2025-07-01");
/// assert_eq!(m.last_day().to_string(), "2025-07-31");
/// assert_eq!(m.to_string(), "2025-07");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first_day: NaiveDate,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`, if it exists in the supported range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !(1900..=2200).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first_day| YearMonth { first_day })
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Self {
        YearMonth {
            first_day: date.with_day(1).unwrap_or(date),
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first_day.year()
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        self.first_day.month()
    }

    /// First day of the month.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// Last day of the month.
    pub fn last_day(&self) -> NaiveDate {
        self.first_day
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.first_day)
    }

    /// The French wording: "juillet 2025".
    pub fn label_fr(&self) -> String {
        format!(
            "{} {}",
            crate::french::month_name(self.month()),
            self.year()
        )
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for YearMonth {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (y, m) = s.split_once('-').ok_or(())?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        YearMonth::new(y.parse().map_err(|_| ())?, m.parse().map_err(|_| ())?).ok_or(())
    }
}

/// The period shortcuts the agenda offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodPreset {
    /// From today to six months ahead.
    Next6Months,
    /// From today to twelve months ahead.
    Next12Months,
    /// The current calendar year.
    CurrentYear,
    /// Everything before today.
    Past,
}

impl PeriodPreset {
    /// Every preset, in display order.
    pub const ALL: [PeriodPreset; 4] = [
        PeriodPreset::Next6Months,
        PeriodPreset::Next12Months,
        PeriodPreset::CurrentYear,
        PeriodPreset::Past,
    ];

    /// The stable code used in URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::PeriodPreset::Next6Months.code(), "6-mois");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            PeriodPreset::Next6Months => "6-mois",
            PeriodPreset::Next12Months => "12-mois",
            PeriodPreset::CurrentYear => "annee",
            PeriodPreset::Past => "passe",
        }
    }

    /// The preset whose code is `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        PeriodPreset::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The French label.
    ///
    /// ```
    /// assert_eq!(agenda_core::PeriodPreset::CurrentYear.label_fr(), "Année en cours");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            PeriodPreset::Next6Months => "6 prochains mois",
            PeriodPreset::Next12Months => "12 prochains mois",
            PeriodPreset::CurrentYear => "Année en cours",
            PeriodPreset::Past => "Passé",
        }
    }
}

/// The period filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    /// No restriction ("Tout").
    #[default]
    Any,
    /// A shortcut relative to today.
    Preset(PeriodPreset),
    /// From a month to a month, inclusive; either bound may be open.
    Months {
        /// First month shown.
        from: Option<YearMonth>,
        /// Last month shown.
        to: Option<YearMonth>,
    },
}

impl Period {
    /// A month range; with both bounds open it is [`Period::Any`], so one meaning has
    /// one value (and one URL form).
    ///
    /// ```
    /// use agenda_core::{Period, YearMonth};
    /// assert_eq!(Period::months(None, None), Period::Any);
    /// let from = "2025-01".parse::<YearMonth>().ok();
    /// assert_eq!(Period::months(from, None), Period::Months { from, to: None });
    /// ```
    pub fn months(from: Option<YearMonth>, to: Option<YearMonth>) -> Period {
        match (from, to) {
            (None, None) => Period::Any,
            (from, to) => Period::Months { from, to },
        }
    }

    /// The inclusive day range the period covers on `today`; `None` is unbounded.
    ///
    /// ```
    /// use agenda_core::{Period, PeriodPreset};
    /// use chrono::NaiveDate;
    /// let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// let (from, to) = Period::Preset(PeriodPreset::Next6Months).bounds(today);
    /// assert_eq!(from, Some(today));
    /// assert_eq!(to.unwrap().to_string(), "2027-05-29");
    /// ```
    pub fn bounds(&self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match *self {
            Period::Any => (None, None),
            Period::Preset(PeriodPreset::Next6Months) => {
                (Some(today), today.checked_add_months(Months::new(6)))
            }
            Period::Preset(PeriodPreset::Next12Months) => {
                (Some(today), today.checked_add_months(Months::new(12)))
            }
            Period::Preset(PeriodPreset::CurrentYear) => (
                NaiveDate::from_ymd_opt(today.year(), 1, 1),
                NaiveDate::from_ymd_opt(today.year(), 12, 31),
            ),
            Period::Preset(PeriodPreset::Past) => (None, today.pred_opt()),
            Period::Months { from, to } => (from.map(|m| m.first_day()), to.map(|m| m.last_day())),
        }
    }

    /// Whether a span of days overlaps the period on `today`.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate, today: NaiveDate) -> bool {
        let (from, to) = self.bounds(today);
        from.is_none_or(|from| last >= from) && to.is_none_or(|to| first <= to)
    }

    /// Whether the period restricts anything.
    pub fn is_any(&self) -> bool {
        matches!(
            self,
            Period::Any
                | Period::Months {
                    from: None,
                    to: None
                }
        )
    }
}

/// Every facet of the agenda's filters. The default shows everything.
///
/// ```
/// let f = agenda_core::Filter::default();
/// assert!(f.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Free text; every word must occur (accent- and case-insensitive).
    pub text: String,
    /// Theme codes (any of).
    pub themes: SortedSet<String>,
    /// Period the milestones must overlap.
    pub period: Period,
    /// Carrier codes (any of).
    pub carriers: SortedSet<String>,
    /// Natures (any of).
    pub natures: SortedSet<Nature>,
    /// Kinds of authority concerned (any of).
    pub kinds: SortedSet<AuthorityKind>,
    /// Chantier statuses (any of).
    pub statuses: SortedSet<Status>,
    /// Only chantiers updated after this day ("Nouveautés depuis ma dernière visite").
    pub updated_after: Option<NaiveDate>,
    /// Only chantiers that apply (or may apply) to the user's authority.
    pub profile: Option<crate::profile::Profile>,
}

impl Filter {
    /// Whether one of the facets with a list of values (themes, carriers, natures,
    /// kinds of authority, statuses) restricts the chantiers.
    ///
    /// ```
    /// use agenda_core::{Filter, Period, PeriodPreset};
    /// let mut filter = Filter { period: Period::Preset(PeriodPreset::Past), ..Filter::default() };
    /// assert!(!filter.has_facets());
    /// filter.themes.insert("finances".into());
    /// assert!(filter.has_facets());
    /// ```
    pub fn has_facets(&self) -> bool {
        !(self.themes.is_empty()
            && self.carriers.is_empty()
            && self.natures.is_empty()
            && self.kinds.is_empty()
            && self.statuses.is_empty())
    }

    /// Whether no facet restricts anything.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && !self.has_facets()
            && self.period.is_any()
            && self.updated_after.is_none()
            && self.profile.is_none()
    }
}
