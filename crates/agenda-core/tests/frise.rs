//! The frise's geometry: windows per zoom level, milestones placed without overlap,
//! coarse dates over their whole period, clusters, keyboard navigation.

mod common;

use agenda_core::frise::{layout, Direction, LayoutOptions, Window, Zoom};
use agenda_core::{load, Filter, Index};
use chrono::NaiveDate;
use common::{bytes, chantier, dataset};
use serde_json::json;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-11-29")
}

#[test]
fn each_zoom_level_has_its_span_ticks_and_alignment() {
    for (zoom, first, end, ticks, first_label) in [
        (Zoom::Year, "2025-01-01", "2031-01-01", 6, "2025"),
        (Zoom::Quarter, "2026-04-01", "2028-04-01", 8, "T2 2026"),
        (Zoom::Month, "2026-08-01", "2027-08-01", 12, "août 2026"),
    ] {
        let w = Window::around(today(), zoom);
        assert_eq!(
            (w.first_day(), w.end_day()),
            (day(first), day(end)),
            "{zoom:?}"
        );
        let t = w.ticks();
        assert_eq!(t.len(), ticks, "{zoom:?}");
        assert_eq!(t[0].label, first_label);
        assert_eq!(t[0].x, 0.0);
        assert!(t.windows(2).all(|p| p[0].x < p[1].x));
        let x = w.x(today());
        assert!((0.2..0.5).contains(&x), "{zoom:?}: today at {x}");
    }
    // Any start is rounded down to its tick, and panning moves by whole ticks.
    let w = Window::new("2026-05".parse().unwrap(), Zoom::Quarter);
    assert_eq!(w.start.to_string(), "2026-04");
    assert_eq!(w.shifted(2).start.to_string(), "2026-10");
    assert_eq!(w.shifted(-5).start.to_string(), "2025-01");
    assert_eq!(
        Window::new("2026-05".parse().unwrap(), Zoom::Year)
            .shifted(1)
            .start
            .to_string(),
        "2027-01"
    );
    assert_eq!(w.label_fr(), "d'avril 2026 à mars 2028");
}

#[test]
fn coarse_dates_span_their_period_and_days_are_points() {
    let mut c = chantier("c", "2027-06-15");
    c["milestones"] = json!([
        {"id": "jour", "label": "Jour", "date": "2027-06-15"},
        {"id": "trimestre", "label": "Trimestre", "date": "2027-T3"},
        {"id": "periode", "label": "Période", "date": "2027-01-01", "end": "2027-03-31"}
    ]);
    let d = load(&bytes(&dataset(vec![c]))).unwrap().dataset;
    let selection = Index::new(&d, today()).select(&d, &Filter::default());
    let w = Window::new("2027-01".parse().unwrap(), Zoom::Month);
    let frise = layout(&d, &selection, w, today(), LayoutOptions::default());
    let items = &frise.lanes[0].items;
    let by = |id: &str| {
        items
            .iter()
            .find(|p| d.chantiers[0].milestones[p.at.milestone].id == id)
            .unwrap()
    };
    assert!(!by("jour").approximate);
    assert_eq!(by("jour").x0, by("jour").x1);
    let q = by("trimestre");
    assert!(q.approximate);
    assert!(
        (q.x0 - w.x(day("2027-07-01"))).abs() < 1e-9
            && (q.x1 - w.x(day("2027-10-01"))).abs() < 1e-9
    );
    // A period known to the day is not approximate but still spans.
    let p = by("periode");
    assert!(!p.approximate && p.x1 > p.x0);
    assert_eq!(frise.today_x, None, "today is before this window");
}

#[test]
fn dense_lanes_never_overlap_and_lose_nothing() {
    // 30 milestones in the same month of the same theme.
    let chantiers = (0..30)
        .map(|i| chantier(&format!("c{i}"), &format!("2027-03-{:02}", i % 28 + 1)))
        .collect();
    let d = load(&bytes(&dataset(chantiers))).unwrap().dataset;
    let selection = Index::new(&d, today()).select(&d, &Filter::default());
    for zoom in Zoom::ALL {
        let options = LayoutOptions {
            min_width: 0.1,
            max_rows: 3,
        };
        let frise = layout(
            &d,
            &selection,
            Window::around(day("2027-03-01"), zoom),
            today(),
            options,
        );
        let lane = frise.lanes.iter().find(|l| l.theme == "finances").unwrap();
        assert!(lane.rows <= 3);
        for (i, a) in lane.items.iter().enumerate() {
            for b in &lane.items[i + 1..] {
                if a.row == b.row {
                    let (a_end, b_end) = (a.x1.max(a.x0 + 0.1), b.x1.max(b.x0 + 0.1));
                    assert!(
                        a_end <= b.x0 || b_end <= a.x0,
                        "{zoom:?}: overlap on row {}",
                        a.row
                    );
                }
            }
        }
        let clustered: usize = lane.clusters.iter().map(|c| c.items.len()).sum();
        let in_window = selection
            .milestones
            .iter()
            .filter(|m| {
                let date = d.chantiers[m.chantier].milestones[m.milestone].date;
                date.last_day() >= frise.window.first_day()
                    && date.first_day() < frise.window.end_day()
            })
            .count();
        assert_eq!(
            lane.items.len() + clustered,
            in_window,
            "{zoom:?}: every milestone placed or counted"
        );
        assert!(
            !lane.clusters.is_empty(),
            "{zoom:?}: 30 milestones in a month overflow 3 rows"
        );
    }
}

#[test]
fn on_a_generated_dataset_every_milestone_in_the_window_is_in_each_of_its_themes_lanes() {
    // Every precision, periods, several themes per chantier.
    let d = agenda_core::generate::dataset(400, 11);
    let index = Index::new(&d, today());
    let selection = index.select(&d, &Filter::default());
    for zoom in Zoom::ALL {
        let window = Window::around(today(), zoom);
        let frise = layout(&d, &selection, window, today(), LayoutOptions::default());
        let mut expected = std::collections::BTreeMap::<&str, Vec<_>>::new();
        for &at in &selection.milestones {
            let chantier = &d.chantiers[at.chantier];
            let m = &chantier.milestones[at.milestone];
            if m.last_day() >= window.first_day() && m.date.first_day() < window.end_day() {
                for theme in &chantier.themes {
                    expected.entry(theme).or_default().push(at);
                }
            }
        }
        expected.values_mut().for_each(|ats| ats.sort());
        let placed: std::collections::BTreeMap<&str, Vec<_>> = frise
            .lanes
            .iter()
            .map(|lane| {
                let mut all: Vec<_> = lane.items.iter().map(|p| p.at).collect();
                all.extend(lane.clusters.iter().flat_map(|c| c.items.iter().copied()));
                all.sort();
                (lane.theme.as_str(), all)
            })
            .collect();
        assert_eq!(placed, expected, "{zoom:?}");
    }
}

#[test]
fn a_chantier_with_two_themes_is_in_both_lanes_and_lanes_follow_the_filter() {
    let mut c = chantier("deux", "2027-03");
    c["themes"] = json!(["finances", "urbanisme"]);
    let mut solo = chantier("un", "2027-05");
    solo["title"] = json!("Solitaire");
    let d = load(&bytes(&dataset(vec![c, solo]))).unwrap().dataset;
    let index = Index::new(&d, today());
    let all = layout(
        &d,
        &index.select(&d, &Filter::default()),
        Window::around(today(), Zoom::Year),
        today(),
        LayoutOptions::default(),
    );
    let lanes: Vec<(&str, usize)> = all
        .lanes
        .iter()
        .map(|l| (l.theme.as_str(), l.items.len()))
        .collect();
    // Each fixture chantier has two milestones.
    assert_eq!(lanes, [("finances", 4), ("urbanisme", 2)]);
    let filter = Filter {
        text: "solitaire".into(),
        ..Filter::default()
    };
    let filtered = layout(
        &d,
        &index.select(&d, &filter),
        Window::around(today(), Zoom::Year),
        today(),
        LayoutOptions::default(),
    );
    assert_eq!(filtered.lanes.len(), 1);
    assert_eq!(filtered.lanes[0].items.len(), 2);
}

#[test]
fn keyboard_moves_in_time_within_a_lane_and_to_the_nearest_across_lanes() {
    let mut a = chantier("a", "2027-01-10");
    a["milestones"] = json!([
        {"id": "m1", "label": "1", "date": "2027-01-10"},
        {"id": "m2", "label": "2", "date": "2028-06"},
        {"id": "m3", "label": "3", "date": "2029"}
    ]);
    let mut b = chantier("b", "2028-05-01");
    b["themes"] = json!(["urbanisme"]);
    b["milestones"] = json!([{"id": "m", "label": "Seul", "date": "2028-05-01"}]);
    let d = load(&bytes(&dataset(vec![a, b]))).unwrap().dataset;
    let selection = Index::new(&d, today()).select(&d, &Filter::default());
    let frise = layout(
        &d,
        &selection,
        Window::around(today(), Zoom::Year),
        today(),
        LayoutOptions {
            min_width: 0.01,
            max_rows: 3,
        },
    );
    let start = frise.entry_point().unwrap();
    assert_eq!(start, (0, 0), "the first milestone after today");
    assert_eq!(frise.neighbour(start, Direction::Left), None);
    assert_eq!(frise.neighbour(start, Direction::Right), Some((0, 1)));
    assert_eq!(frise.neighbour((0, 2), Direction::Right), None);
    // Down from the 2028-06 milestone: the urbanisme lane's 2028-05-01, the nearest.
    assert_eq!(frise.neighbour((0, 1), Direction::Down), Some((1, 0)));
    assert_eq!(frise.neighbour((1, 0), Direction::Up), Some((0, 1)));
    assert_eq!(frise.neighbour((1, 0), Direction::Down), None);
}
