//! Status derived from dates and "today": never stored, so it is never stale.
//!
//! "Today" is always a parameter: the domain has no clock, which keeps it testable.

use chrono::NaiveDate;

use crate::model::{Chantier, Milestone};

/// Where a milestone or a chantier stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing has started yet.
    Upcoming,
    /// Started and not over: today falls within it.
    Ongoing,
    /// Over.
    Past,
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 3] = [Status::Upcoming, Status::Ongoing, Status::Past];

    /// The stable code used in URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::Status::Ongoing.code(), "en-cours");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Status::Upcoming => "a-venir",
            Status::Ongoing => "en-cours",
            Status::Past => "passe",
        }
    }

    /// The status whose code is `code`.
    ///
    /// ```
    /// assert_eq!(agenda_core::Status::from_code("passe"), Some(agenda_core::Status::Past));
    /// ```
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The French label.
    ///
    /// ```
    /// assert_eq!(agenda_core::Status::Upcoming.label_fr(), "À venir");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            Status::Upcoming => "À venir",
            Status::Ongoing => "En cours",
            Status::Past => "Passé",
        }
    }
}

/// The status of a milestone: a coarse date ("3e trimestre 2025") is ongoing for
/// its whole period, a period (date → end) for its whole span.
///
/// ```
/// use agenda_core::{milestone_status, Milestone, Status};
/// use chrono::NaiveDate;
/// let m: Milestone = serde_json::from_str(r#"{"id":"a","label":"x","date":"2025-T3"}"#).unwrap();
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// assert_eq!(milestone_status(&m, day(6, 30)), Status::Upcoming);
/// assert_eq!(milestone_status(&m, day(7, 1)), Status::Ongoing);
/// assert_eq!(milestone_status(&m, day(10, 1)), Status::Past);
/// ```
pub fn milestone_status(milestone: &Milestone, today: NaiveDate) -> Status {
    span_status(milestone.date.first_day(), milestone.last_day(), today)
}

/// The status of a chantier: upcoming before its first milestone, past after its
/// last, ongoing in between.
///
/// ```
/// use agenda_core::{chantier_status, Chantier, Status};
/// use chrono::NaiveDate;
/// let c: Chantier = serde_json::from_str(r#"{"id":"c","title":"t","summary":"s",
///   "carriers":[],"themes":[],"nature":"obligation","concerned":{"rules":[]},
///   "milestones":[{"id":"a","label":"x","date":"2024-01-01"},{"id":"b","label":"y","date":"2027"}],
///   "updated":"2026-01-01"}"#).unwrap();
/// assert_eq!(chantier_status(&c, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()), Status::Ongoing);
/// ```
pub fn chantier_status(chantier: &Chantier, today: NaiveDate) -> Status {
    let first = chantier.milestones.iter().map(|m| m.date.first_day()).min();
    let last = chantier.milestones.iter().map(Milestone::last_day).max();
    match (first, last) {
        (Some(first), Some(last)) => span_status(first, last, today),
        _ => Status::Upcoming,
    }
}

fn span_status(first: NaiveDate, last: NaiveDate, today: NaiveDate) -> Status {
    if today < first {
        Status::Upcoming
    } else if today > last {
        Status::Past
    } else {
        Status::Ongoing
    }
}
