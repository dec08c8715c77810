//! The frise: a horizontal overview of the years ahead, one lane per theme.
//!
//! Everything here is geometry in fractions of the visible window (0.0 = its first
//! day, 1.0 = the day after its last), so the view only turns fractions into CSS
//! percentages. A coarse-precision milestone spans its whole period and is marked
//! approximate; overlapping milestones in a lane stack on rows, and what does not fit
//! in `max_rows` is gathered into clusters with a count.

use chrono::{Datelike, Months, NaiveDate};

use crate::date::Precision;
use crate::fast_hash::FastHashMap;
use crate::filter::YearMonth;
use crate::index::{MilestoneRef, Selection};
use crate::model::Dataset;

/// The zoom levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Zoom {
    /// Six years, ticks every year.
    #[default]
    Year,
    /// Two years, ticks every quarter.
    Quarter,
    /// One year, ticks every month.
    Month,
}

impl Zoom {
    /// Every zoom level, from the widest.
    pub const ALL: [Zoom; 3] = [Zoom::Year, Zoom::Quarter, Zoom::Month];

    /// The stable code used in URLs.
    ///
    /// ```
    /// assert_eq!(agenda_core::frise::Zoom::Quarter.code(), "trimestre");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Zoom::Year => "annee",
            Zoom::Quarter => "trimestre",
            Zoom::Month => "mois",
        }
    }

    /// The zoom whose code is `code`.
    pub fn from_code(code: &str) -> Option<Zoom> {
        Zoom::ALL.into_iter().find(|z| z.code() == code)
    }

    /// The French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Zoom::Year => "Années",
            Zoom::Quarter => "Trimestres",
            Zoom::Month => "Mois",
        }
    }

    /// How many months the window shows.
    pub fn span_months(self) -> u32 {
        match self {
            Zoom::Year => 72,
            Zoom::Quarter => 24,
            Zoom::Month => 12,
        }
    }

    /// How many months one tick (and one pan step) covers.
    pub fn step_months(self) -> u32 {
        match self {
            Zoom::Year => 12,
            Zoom::Quarter => 3,
            Zoom::Month => 1,
        }
    }
}

/// The visible part of the frise: from the first day of `start`, `zoom.span_months()`
/// months long. `start` is always aligned on a tick.
///
/// ```
/// use agenda_core::frise::{Window, Zoom};
/// use chrono::NaiveDate;
/// let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// let w = Window::around(today, Zoom::Year);
/// assert_eq!(w.first_day().to_string(), "2025-01-01");
/// assert_eq!(w.end_day().to_string(), "2031-01-01");
/// assert!(w.x(today) > 0.0 && w.x(today) < 1.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// First month shown.
    pub start: YearMonth,
    /// Zoom level.
    pub zoom: Zoom,
}

fn add_months(date: NaiveDate, months: i64) -> NaiveDate {
    if months >= 0 {
        date.checked_add_months(Months::new(months as u32))
            .unwrap_or(date)
    } else {
        date.checked_sub_months(Months::new((-months) as u32))
            .unwrap_or(date)
    }
}

impl Window {
    /// A window aligned on `start`'s tick (`start` is rounded down to a tick).
    pub fn new(start: YearMonth, zoom: Zoom) -> Window {
        let step = zoom.step_months();
        let month0 = (start.month() - 1) / step * step;
        let start = YearMonth::new(start.year(), month0 + 1).unwrap_or(start);
        Window { start, zoom }
    }

    /// The window that shows `today` about a quarter of the way in, so most of what
    /// is shown is ahead.
    pub fn around(today: NaiveDate, zoom: Zoom) -> Window {
        let back = i64::from(zoom.span_months() / 4);
        Window::new(YearMonth::of(add_months(today, -back)), zoom)
    }

    /// First day shown.
    pub fn first_day(&self) -> NaiveDate {
        self.start.first_day()
    }

    /// The day after the last day shown.
    pub fn end_day(&self) -> NaiveDate {
        add_months(self.first_day(), i64::from(self.zoom.span_months()))
    }

    /// The window moved by `steps` ticks (negative: back in time).
    ///
    /// ```
    /// use agenda_core::frise::{Window, Zoom};
    /// let w = Window::new("2026-04".parse().unwrap(), Zoom::Quarter);
    /// assert_eq!(w.shifted(-1).start.to_string(), "2026-01");
    /// ```
    pub fn shifted(&self, steps: i64) -> Window {
        let start = add_months(self.first_day(), steps * i64::from(self.zoom.step_months()));
        Window::new(YearMonth::of(start), self.zoom)
    }

    /// The same place at another zoom level, keeping `focus` in view.
    pub fn zoomed(&self, zoom: Zoom, focus: NaiveDate) -> Window {
        Window::around(focus, zoom)
    }

    /// Where `date` (its start) falls, as a fraction of the window; may be outside 0..1.
    pub fn x(&self, date: NaiveDate) -> f64 {
        let total = (self.end_day() - self.first_day()).num_days() as f64;
        (date - self.first_day()).num_days() as f64 / total
    }

    /// The day at fraction `x` of the window (the inverse of [`Window::x`], to the day).
    ///
    /// ```
    /// use agenda_core::frise::{Window, Zoom};
    /// let w = Window::new("2026-01".parse().unwrap(), Zoom::Month);
    /// assert_eq!(w.day_at(0.0).to_string(), "2026-01-01");
    /// assert_eq!(w.day_at(w.x("2026-07-14".parse().unwrap())).to_string(), "2026-07-14");
    /// ```
    pub fn day_at(&self, x: f64) -> NaiveDate {
        let total = (self.end_day() - self.first_day()).num_days() as f64;
        self.first_day() + chrono::Duration::days((total * x).round() as i64)
    }

    /// The ticks: one per step, labelled in French ("2027", "T2 2027", "mars 2027").
    pub fn ticks(&self) -> Vec<Tick> {
        let step = self.zoom.step_months();
        (0..self.zoom.span_months() / step)
            .map(|i| {
                let day = add_months(self.first_day(), i64::from(i * step));
                let label = match self.zoom {
                    Zoom::Year => day.year().to_string(),
                    Zoom::Quarter => format!("T{} {}", day.month0() / 3 + 1, day.year()),
                    Zoom::Month => {
                        format!("{} {}", crate::french::month_name(day.month()), day.year())
                    }
                };
                Tick {
                    x: self.x(day),
                    label,
                    major: day.month() == 1,
                }
            })
            .collect()
    }

    /// The window's French description: "de janvier 2025 à décembre 2030",
    /// "d'avril 2026 à mars 2028".
    pub fn label_fr(&self) -> String {
        let last = YearMonth::of(self.end_day().pred_opt().unwrap_or(self.end_day()));
        let first = self.start.label_fr();
        let from = if first.starts_with(['a', 'o']) {
            "d'"
        } else {
            "de "
        };
        format!("{from}{first} à {}", last.label_fr())
    }
}

/// A graduation of the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position, fraction of the window.
    pub x: f64,
    /// French label.
    pub label: String,
    /// Whether it starts a year.
    pub major: bool,
}

/// A milestone placed on the frise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Which milestone.
    pub at: MilestoneRef,
    /// Start, fraction of the window (clamped to 0..1).
    pub x0: f64,
    /// End of its period (clamped to 0..1); equals `x0` for a day.
    pub x1: f64,
    /// Whether the date is coarser than a day (drawn over its whole period).
    pub approximate: bool,
    /// Row within the lane, from 0.
    pub row: usize,
}

/// Milestones that did not fit in the lane's rows, shown as "+N".
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Position of the first one.
    pub x0: f64,
    /// The milestones.
    pub items: Vec<MilestoneRef>,
}

/// One theme's lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// Theme code.
    pub theme: String,
    /// Theme label.
    pub label: String,
    /// Number of rows used.
    pub rows: usize,
    /// Placed milestones, by `x0`.
    pub items: Vec<Placed>,
    /// Overflow clusters, by `x0`.
    pub clusters: Vec<Cluster>,
}

/// The laid-out frise.
#[derive(Debug, Clone, PartialEq)]
pub struct FriseLayout {
    /// The window shown.
    pub window: Window,
    /// Lanes with at least one milestone in the window, in the dataset's theme order.
    pub lanes: Vec<Lane>,
    /// Graduations.
    pub ticks: Vec<Tick>,
    /// Where today is, if within the window.
    pub today_x: Option<f64>,
}

/// Geometry settings of [`layout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// The width a milestone's label needs, as a fraction of the window: two
    /// milestones closer than this share no row.
    pub min_width: f64,
    /// Rows per lane before milestones are gathered into clusters.
    pub max_rows: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            min_width: 0.12,
            max_rows: 3,
        }
    }
}

/// Lays out the selected milestones in `window`: one lane per theme (a chantier with
/// two themes appears in both), rows without overlap, clusters for the overflow.
///
/// ```
/// use agenda_core::frise::{layout, LayoutOptions, Window, Zoom};
/// use agenda_core::{Filter, Index};
/// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
/// let dataset = agenda_core::load(&bytes).unwrap().dataset;
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// let selection = Index::new(&dataset, today).select(&dataset, &Filter::default());
/// let frise = layout(&dataset, &selection, Window::around(today, Zoom::Year), today, LayoutOptions::default());
/// assert!(frise.lanes.len() > 5);
/// assert!(frise.today_x.is_some());
/// ```
pub fn layout(
    dataset: &Dataset,
    selection: &Selection,
    window: Window,
    today: NaiveDate,
    options: LayoutOptions,
) -> FriseLayout {
    let (start, end) = (window.first_day(), window.end_day());
    let mut lanes: Vec<Lane> = dataset
        .themes
        .iter()
        .map(|t| Lane {
            theme: t.code.clone(),
            label: t.label.clone(),
            rows: 0,
            items: Vec::new(),
            clusters: Vec::new(),
        })
        .collect();
    let lane_of: FastHashMap<&str, usize> = dataset
        .themes
        .iter()
        .enumerate()
        .map(|(lane, theme)| (theme.code.as_str(), lane))
        .collect();
    // The selection's days say which milestones are in the window: only those are
    // read from their chantiers.
    for (&at, &(first, last)) in selection.milestones.iter().zip(&selection.days) {
        if last < start || first >= end {
            continue;
        }
        let chantier = &dataset.chantiers[at.chantier];
        let m = &chantier.milestones[at.milestone];
        let x0 = window.x(first).clamp(0.0, 1.0);
        let x1 = window.x(last.succ_opt().unwrap_or(last)).clamp(0.0, 1.0);
        let approximate = m.date.precision() != Precision::Day
            || m.end.is_some_and(|e| e.precision() != Precision::Day);
        let (x1, approximate) = if m.date.precision() == Precision::Day && m.end.is_none() {
            (x0, false)
        } else {
            (x1, approximate)
        };
        for theme in &chantier.themes {
            if let Some(lane) = lane_of.get(theme.as_str()).map(|&lane| &mut lanes[lane]) {
                lane.items.push(Placed {
                    at,
                    x0,
                    x1,
                    approximate,
                    row: 0,
                });
            }
        }
    }
    for lane in &mut lanes {
        stack(lane, options);
    }
    lanes.retain(|l| !l.items.is_empty() || !l.clusters.is_empty());
    let today_x = (start <= today && today < end).then(|| window.x(today));
    FriseLayout {
        window,
        lanes,
        ticks: window.ticks(),
        today_x,
    }
}

/// Assigns rows greedily by start; what fits in no row joins a cluster.
fn stack(lane: &mut Lane, options: LayoutOptions) {
    let mut items = std::mem::take(&mut lane.items);
    crate::compact_sort::sort_by(&mut items, |a, b| {
        a.x0.total_cmp(&b.x0)
            .then(b.x1.total_cmp(&a.x1))
            .then(a.at.cmp(&b.at))
    });
    let mut row_ends: Vec<f64> = Vec::new();
    for mut item in items {
        let end = item.x1.max(item.x0 + options.min_width);
        match row_ends.iter().position(|&e| e <= item.x0) {
            Some(row) => {
                row_ends[row] = end;
                item.row = row;
                lane.items.push(item);
            }
            None if row_ends.len() < options.max_rows => {
                item.row = row_ends.len();
                row_ends.push(end);
                lane.items.push(item);
            }
            None => match lane.clusters.last_mut() {
                Some(c) if item.x0 - c.x0 < options.min_width => c.items.push(item.at),
                _ => lane.clusters.push(Cluster {
                    x0: item.x0,
                    items: vec![item.at],
                }),
            },
        }
    }
    lane.rows = row_ends.len();
}

/// A direction of keyboard navigation on the frise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Earlier in the same lane.
    Left,
    /// Later in the same lane.
    Right,
    /// The nearest milestone in the lane above.
    Up,
    /// The nearest milestone in the lane below.
    Down,
}

/// A position on the frise: lane index and item index within it.
pub type Position = (usize, usize);

impl FriseLayout {
    /// The first milestone at or after today (or the first one), where focus lands
    /// when the frise is entered.
    pub fn entry_point(&self) -> Option<Position> {
        let today = self.today_x.unwrap_or(0.0);
        let mut best: Option<(Position, f64)> = None;
        for (l, lane) in self.lanes.iter().enumerate() {
            for (i, item) in lane.items.iter().enumerate() {
                let score = if item.x1.max(item.x0) >= today {
                    item.x0
                } else {
                    2.0 + item.x0
                };
                if best.is_none_or(|(_, s)| score < s) {
                    best = Some(((l, i), score));
                }
            }
        }
        best.map(|(p, _)| p)
    }

    /// Where milestone `at` is in `theme`'s lane, if the layout has it.
    ///
    /// ```
    /// # use agenda_core::frise::{layout, LayoutOptions, Window, Zoom};
    /// # use agenda_core::{Filter, Index};
    /// # let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// # let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// # let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// # let selection = Index::new(&dataset, today).select(&dataset, &Filter::default());
    /// let frise = layout(&dataset, &selection, Window::around(today, Zoom::Year), today, LayoutOptions::default());
    /// let (lane, item) = frise.entry_point().unwrap();
    /// let theme = &frise.lanes[lane].theme;
    /// let at = frise.lanes[lane].items[item].at;
    /// assert_eq!(frise.position_of(theme, at), Some((lane, item)));
    /// assert_eq!(frise.position_of("pas-un-theme", at), None);
    /// ```
    pub fn position_of(&self, theme: &str, at: MilestoneRef) -> Option<Position> {
        let lane = self.lanes.iter().position(|l| l.theme == theme)?;
        let item = self.lanes[lane].items.iter().position(|i| i.at == at)?;
        Some((lane, item))
    }

    /// Where keyboard focus goes from `from` in `direction`; `None` at an edge.
    ///
    /// Left/right follow time within the lane; up/down go to the nearest milestone
    /// in time in the next lane that has one.
    pub fn neighbour(&self, from: Position, direction: Direction) -> Option<Position> {
        let (lane, item) = from;
        let current = self.lanes.get(lane)?.items.get(item)?;
        match direction {
            Direction::Left => item.checked_sub(1).map(|i| (lane, i)),
            Direction::Right => {
                (item + 1 < self.lanes[lane].items.len()).then_some((lane, item + 1))
            }
            Direction::Up | Direction::Down => {
                let lanes: Box<dyn Iterator<Item = usize>> = if direction == Direction::Up {
                    Box::new((0..lane).rev())
                } else {
                    Box::new(lane + 1..self.lanes.len())
                };
                for l in lanes {
                    let nearest =
                        self.lanes[l]
                            .items
                            .iter()
                            .enumerate()
                            .min_by(|(_, a), (_, b)| {
                                (a.x0 - current.x0)
                                    .abs()
                                    .total_cmp(&(b.x0 - current.x0).abs())
                            });
                    if let Some((i, _)) = nearest {
                        return Some((l, i));
                    }
                }
                None
            }
        }
    }
}
