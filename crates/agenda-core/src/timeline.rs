//! The timeline as a French reader expects it: years, then periods within each year.
//!
//! A day-precision milestone goes under its month; a coarser one under its own
//! period ("3e trimestre 2025", "2026"), which comes first among the periods that
//! start the same day. Past milestones may be left out and counted.

use chrono::NaiveDate;

use crate::date::{PartialDate, Precision};
use crate::index::{MilestoneRef, Selection};
use crate::model::Dataset;
use crate::status::Status;

/// One milestone on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimelineEntry {
    /// Which milestone.
    pub at: MilestoneRef,
    /// Its status on the index's day.
    pub status: Status,
}

/// The milestones of one period (a month, quarter, semester or whole year).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineGroup {
    /// The period.
    pub period: PartialDate,
    /// Its milestones, chronological.
    pub entries: Vec<TimelineEntry>,
    /// Whether the period starts after today (the "Aujourd'hui" marker goes before
    /// the first such group).
    pub after_today: bool,
}

impl TimelineGroup {
    /// The period's French heading: "Juillet 2022", "3e trimestre 2025",
    /// "Courant 2026" for a whole year.
    ///
    /// ```
    /// use agenda_core::TimelineGroup;
    /// let g = |s: &str| TimelineGroup { period: s.parse().unwrap(), entries: vec![], after_today: false };
    /// assert_eq!(g("2022-07").heading_fr(), "Juillet 2022");
    /// assert_eq!(g("2026").heading_fr(), "Courant 2026");
    /// assert_eq!(g("2025-T3").heading_fr(), "3e trimestre 2025");
    /// ```
    pub fn heading_fr(&self) -> String {
        if self.period.precision() == Precision::Year {
            return format!("Courant {}", self.period.year());
        }
        let text = crate::french::date(&self.period);
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => text,
        }
    }

    /// A stable DOM-friendly key: "2025-T3".
    pub fn key(&self) -> String {
        self.period.to_string()
    }
}

/// The years of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineYear {
    /// The year.
    pub year: i32,
    /// Its periods in reading order.
    pub groups: Vec<TimelineGroup>,
}

/// A grouped timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    /// Years in chronological order.
    pub years: Vec<TimelineYear>,
    /// How many past milestones were left out.
    pub past_hidden: usize,
    /// How many milestones are beyond the display limit (shown on demand).
    pub beyond_limit: usize,
}

/// The period a milestone is listed under.
///
/// ```
/// use agenda_core::{timeline::group_period, PartialDate};
/// let p = |s: &str| s.parse::<PartialDate>().unwrap();
/// assert_eq!(group_period(p("2024-01-15")), p("2024-01"));
/// assert_eq!(group_period(p("2025-T3")), p("2025-T3"));
/// ```
pub fn group_period(date: PartialDate) -> PartialDate {
    match date.precision() {
        Precision::Day => PartialDate::containing(date.first_day(), Precision::Month),
        _ => date,
    }
}

impl Timeline {
    /// Groups the selected milestones; past ones are counted but left out unless
    /// `include_past`. At most `limit` milestones are grouped, the first in reading
    /// order; the rest are counted in `beyond_limit` (long lists render by increments).
    ///
    /// ```
    /// use agenda_core::{Filter, Index, Timeline};
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// let index = Index::new(&dataset, today);
    /// let selection = index.select(&dataset, &Filter::default());
    /// let upcoming = Timeline::build(&dataset, &selection, today, false, usize::MAX);
    /// assert!(upcoming.past_hidden > 0);
    /// let shown = upcoming.years.iter().flat_map(|y| &y.groups).flat_map(|g| &g.entries);
    /// assert!(shown.into_iter().all(|e| e.status != agenda_core::Status::Past));
    /// ```
    pub fn build(
        dataset: &Dataset,
        selection: &Selection,
        today: NaiveDate,
        include_past: bool,
        limit: usize,
    ) -> Timeline {
        let mut entries: Vec<(PartialDate, TimelineEntry)> =
            Vec::with_capacity(selection.milestones.len());
        let mut past_hidden = 0;
        for &at in &selection.milestones {
            let m = &dataset.chantiers[at.chantier].milestones[at.milestone];
            let status = crate::status::milestone_status(m, today);
            if status == Status::Past && !include_past {
                past_hidden += 1;
                continue;
            }
            entries.push((group_period(m.date), TimelineEntry { at, status }));
        }
        // Stable: entries of one period keep their chronological order.
        // The selection is chronological and a milestone's group never starts after
        // its date, so this is usually already sorted: check in O(n) before sorting.
        if !entries.is_sorted_by_key(|(period, _)| *period) {
            entries.sort_by_key(|(period, _)| *period);
        }
        let beyond_limit = entries.len().saturating_sub(limit);
        entries.truncate(limit);

        let mut years: Vec<TimelineYear> = Vec::new();
        for (period, entry) in entries {
            if years.last().is_none_or(|y| y.year != period.year()) {
                years.push(TimelineYear {
                    year: period.year(),
                    groups: Vec::new(),
                });
            }
            let Some(year) = years.last_mut() else {
                continue;
            };
            match year.groups.last_mut() {
                Some(group) if group.period == period => group.entries.push(entry),
                _ => year.groups.push(TimelineGroup {
                    period,
                    entries: vec![entry],
                    after_today: period.first_day() > today,
                }),
            }
        }
        Timeline {
            years,
            past_hidden,
            beyond_limit,
        }
    }

    /// The key of the first group after today, before which "Aujourd'hui" is shown.
    pub fn today_marker_before(&self) -> Option<String> {
        self.years
            .iter()
            .flat_map(|y| &y.groups)
            .find(|g| g.after_today)
            .map(TimelineGroup::key)
    }
}
