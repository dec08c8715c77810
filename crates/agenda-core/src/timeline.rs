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
        crate::french::capitalised(&crate::french::date(&self.period))
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
/// Monotonic: when `a <= b`, `group_period(a) <= group_period(b)` (a coarse period
/// starts on the 1st of a month and sorts before the months it starts with), so a
/// chronological list is already in the order of its groups.
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
        // The selection is chronological, and chronological order is also the order
        // of the periods milestones are listed under (see `group_period`): the first
        // `limit` shown milestones are the first met, the rest are only counted.
        let mut entries: Vec<(PartialDate, TimelineEntry)> = Vec::new();
        let mut past_hidden = 0;
        let mut beyond_limit = 0;
        for (i, &at) in selection.milestones.iter().enumerate() {
            let milestone = || &dataset.chantiers[at.chantier].milestones[at.milestone];
            let past = match selection.days.get(i) {
                Some(&(_, last)) => last < today,
                None => crate::status::milestone_status(milestone(), today) == Status::Past,
            };
            if past && !include_past {
                past_hidden += 1;
            } else if entries.len() < limit {
                let m = milestone();
                let status = crate::status::milestone_status(m, today);
                entries.push((group_period(m.date), TimelineEntry { at, status }));
            } else {
                beyond_limit += 1;
            }
        }
        debug_assert!(entries.is_sorted_by_key(|(period, _)| *period));

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

    /// The group of `period`, if the timeline lists it.
    ///
    /// ```
    /// use agenda_core::{Filter, Index, Timeline};
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// let index = Index::new(&dataset, today);
    /// let timeline = Timeline::build(&dataset, &index.select(&dataset, &Filter::default()), today, true, 100);
    /// let first = &timeline.years[0].groups[0];
    /// assert_eq!(timeline.group(first.period), Some(first));
    /// assert_eq!(timeline.group("1999".parse().unwrap()), None);
    /// ```
    pub fn group(&self, period: PartialDate) -> Option<&TimelineGroup> {
        self.years
            .iter()
            .find(|y| y.year == period.year())
            .and_then(|y| y.groups.iter().find(|g| g.period == period))
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = PartialDate> {
        (2020i32..2030, 1u32..=12, 1u32..=28, 0usize..5).prop_map(|(y, m, d, p)| {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            let precision = [
                Precision::Day,
                Precision::Month,
                Precision::Quarter,
                Precision::Semester,
                Precision::Year,
            ][p];
            PartialDate::containing(day, precision)
        })
    }

    #[test]
    fn the_selections_days_give_the_timeline_computed_from_the_dataset() {
        let bytes = std::fs::read("../../public/data/agenda.json").expect("the shipped dataset");
        let dataset = crate::load(&bytes).expect("a valid dataset").dataset;
        for today in ["2020-01-01", "2026-11-29", "2031-06-15"] {
            let today: NaiveDate = today.parse().expect("a date");
            let index = crate::Index::new(&dataset, today);
            let selection = index.select(&dataset, &crate::Filter::default());
            let mut without_days = selection.clone();
            without_days.days.clear();
            for (include_past, limit) in [(false, 30), (true, 30), (false, usize::MAX), (true, 5)] {
                assert_eq!(
                    Timeline::build(&dataset, &selection, today, include_past, limit),
                    Timeline::build(&dataset, &without_days, today, include_past, limit),
                    "{today} include_past={include_past} limit={limit}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn group_period_keeps_chronological_order(a in any_date(), b in any_date()) {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(group_period(a) <= group_period(b), "{a} <= {b} but {} > {}", group_period(a), group_period(b));
        }
    }
}
