//! The timeline: milestones grouped by year and period, headings in French, past
//! milestones hidden and counted, the "Aujourd'hui" marker.

mod common;

use agenda_core::timeline::group_period;
use agenda_core::{
    load, Dataset, Filter, Index, PartialDate, Period, PeriodPreset, Status, Timeline,
    TimelineGroup,
};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 29)
}

fn with_milestones(id: &str, theme: &str, milestones: &[(&str, &str, Option<&str>)]) -> Value {
    let mut c = common::chantier(id, "2024-01-01");
    c["themes"] = json!([theme]);
    c["milestones"] = milestones
        .iter()
        .map(|(mid, date, end)| {
            let mut m = json!({"id": mid, "label": format!("Jalon {mid}"), "date": date});
            if let Some(end) = end {
                m["end"] = json!(end);
            }
            m
        })
        .collect();
    c
}

/// Two chantiers whose milestones cover every precision around 2026-11-29.
fn fixture() -> Dataset {
    let frise = with_milestones(
        "frise",
        "finances",
        &[
            ("juillet", "2022-07-14", None),
            ("t3", "2025-T3", None),
            ("annee", "2026", None),
            ("s1", "2026-S1", None),
            ("t1", "2026-T1", None),
            ("janvier", "2026-01-20", None),
            ("aujourdhui", "2026-11-29", None),
            ("novembre", "2026-11-30", None),
            ("decembre", "2026-12-01", None),
            ("t2", "2027-T2", None),
            ("avril", "2027-04-10", None),
            ("aout", "2027-08-01", None),
        ],
    );
    let autre = with_milestones(
        "autre",
        "urbanisme",
        &[
            ("periode", "2023", Some("2027")),
            ("janvier-bis", "2026-01-05", None),
            ("novembre-bis", "2026-11-30", None),
            ("courant-2027", "2027", None),
        ],
    );
    let loaded = load(&common::bytes(&common::dataset(vec![frise, autre]))).unwrap();
    assert_eq!(loaded.problems, vec![], "the fixture must be valid");
    loaded.dataset
}

/// The timeline of `filter` on `today`.
fn timeline(filter: &Filter, today: NaiveDate, include_past: bool) -> (Dataset, Timeline) {
    let dataset = fixture();
    let selection = Index::new(&dataset, today).select(&dataset, filter);
    let timeline = Timeline::build(&dataset, &selection, today, include_past, usize::MAX);
    (dataset, timeline)
}

/// One line per group: `key «Heading» [après]: chantier/milestone:status, …`, and
/// checks that every group belongs to its year.
fn render(dataset: &Dataset, timeline: &Timeline) -> Vec<String> {
    let mut lines = Vec::new();
    for year in &timeline.years {
        for group in &year.groups {
            assert_eq!(
                group.period.year(),
                year.year,
                "group {} is under year {}",
                group.key(),
                year.year
            );
            let entries: Vec<String> = group
                .entries
                .iter()
                .map(|e| {
                    let c = &dataset.chantiers[e.at.chantier];
                    format!(
                        "{}/{}:{}",
                        c.id,
                        c.milestones[e.at.milestone].id,
                        e.status.code()
                    )
                })
                .collect();
            lines.push(format!(
                "{} «{}»{}: {}",
                group.key(),
                group.heading_fr(),
                if group.after_today { " après" } else { "" },
                entries.join(", ")
            ));
        }
    }
    lines
}

fn years(timeline: &Timeline) -> Vec<i32> {
    timeline.years.iter().map(|y| y.year).collect()
}

#[test]
fn with_past_every_milestone_is_grouped_in_reading_order() {
    let (dataset, t) = timeline(&Filter::default(), today(), true);
    assert_eq!(years(&t), [2022, 2023, 2025, 2026, 2027]);
    assert_eq!(t.past_hidden, 0, "nothing is hidden with include_past");
    assert_eq!(
        render(&dataset, &t),
        [
            "2022-07 «Juillet 2022»: frise/juillet:passe",
            "2023 «Courant 2023»: autre/periode:en-cours",
            "2025-T3 «3e trimestre 2025»: frise/t3:passe",
            "2026 «Courant 2026»: frise/annee:en-cours",
            "2026-S1 «1er semestre 2026»: frise/s1:passe",
            "2026-T1 «1er trimestre 2026»: frise/t1:passe",
            "2026-01 «Janvier 2026»: autre/janvier-bis:passe, frise/janvier:passe",
            "2026-11 «Novembre 2026»: frise/aujourdhui:en-cours, frise/novembre:a-venir, autre/novembre-bis:a-venir",
            "2026-12 «Décembre 2026» après: frise/decembre:a-venir",
            "2027 «Courant 2027» après: autre/courant-2027:a-venir",
            "2027-T2 «2e trimestre 2027» après: frise/t2:a-venir",
            "2027-04 «Avril 2027» après: frise/avril:a-venir",
            "2027-08 «Août 2027» après: frise/aout:a-venir",
        ]
    );
    assert_eq!(t.today_marker_before().as_deref(), Some("2026-12"));
}

#[test]
fn past_milestones_are_hidden_and_counted() {
    let (dataset, t) = timeline(&Filter::default(), today(), false);
    assert_eq!(
        t.past_hidden, 6,
        "juillet, t3, s1, t1, janvier and janvier-bis are past"
    );
    assert_eq!(
        render(&dataset, &t),
        [
            "2023 «Courant 2023»: autre/periode:en-cours",
            "2026 «Courant 2026»: frise/annee:en-cours",
            "2026-11 «Novembre 2026»: frise/aujourdhui:en-cours, frise/novembre:a-venir, autre/novembre-bis:a-venir",
            "2026-12 «Décembre 2026» après: frise/decembre:a-venir",
            "2027 «Courant 2027» après: autre/courant-2027:a-venir",
            "2027-T2 «2e trimestre 2027» après: frise/t2:a-venir",
            "2027-04 «Avril 2027» après: frise/avril:a-venir",
            "2027-08 «Août 2027» après: frise/aout:a-venir",
        ]
    );
    let shown: Vec<Status> = t
        .years
        .iter()
        .flat_map(|y| &y.groups)
        .flat_map(|g| &g.entries)
        .map(|e| e.status)
        .collect();
    assert!(
        !shown.contains(&Status::Past),
        "no past milestone is shown: {shown:?}"
    );
    assert_eq!(t.today_marker_before().as_deref(), Some("2026-12"));
}

#[test]
fn a_period_still_ongoing_is_shown_under_its_start() {
    let filter = Filter {
        themes: ["urbanisme".to_string()].into(),
        ..Filter::default()
    };
    let (dataset, t) = timeline(&filter, today(), false);
    assert_eq!(t.past_hidden, 1, "only janvier-bis is past");
    assert_eq!(
        render(&dataset, &t),
        [
            "2023 «Courant 2023»: autre/periode:en-cours",
            "2026-11 «Novembre 2026»: autre/novembre-bis:a-venir",
            "2027 «Courant 2027» après: autre/courant-2027:a-venir",
        ]
    );
    assert_eq!(
        t.today_marker_before().as_deref(),
        Some("2027"),
        "the marker goes before the first group starting after today, even a year"
    );
    // Once the period is over, it is hidden like any past milestone.
    let later = day(2028, 1, 1);
    let (dataset, t) = timeline(&filter, later, false);
    assert_eq!(t.past_hidden, 4);
    assert_eq!(render(&dataset, &t), Vec::<String>::new());
    assert_eq!(t.today_marker_before(), None);
}

#[test]
fn the_marker_is_after_a_group_starting_today() {
    // On 2026-12-01 "Décembre 2026" starts today: it is not after today.
    let (dataset, t) = timeline(&Filter::default(), day(2026, 12, 1), false);
    let december = t
        .years
        .iter()
        .flat_map(|y| &y.groups)
        .find(|g| g.key() == "2026-12")
        .expect("December 2026 is shown");
    assert!(!december.after_today, "{:?}", render(&dataset, &t));
    assert_eq!(december.entries[0].status, Status::Ongoing);
    assert_eq!(t.today_marker_before().as_deref(), Some("2027"));
}

#[test]
fn no_marker_when_nothing_is_after_today() {
    let filter = Filter {
        period: Period::Preset(PeriodPreset::Past),
        ..Filter::default()
    };
    let (dataset, t) = timeline(&filter, today(), false);
    assert_eq!(
        render(&dataset, &t),
        [
            "2023 «Courant 2023»: autre/periode:en-cours",
            "2026 «Courant 2026»: frise/annee:en-cours",
        ]
    );
    assert_eq!(t.past_hidden, 6);
    assert_eq!(t.today_marker_before(), None);

    let empty = Timeline::build(
        &fixture(),
        &agenda_core::index::Selection::default(),
        today(),
        true,
        100,
    );
    assert_eq!(empty, Timeline::default());
    assert_eq!(empty.today_marker_before(), None);
}

#[test]
fn only_selected_milestones_are_placed() {
    let filter = Filter {
        period: Period::Preset(PeriodPreset::Next6Months),
        ..Filter::default()
    };
    let (dataset, t) = timeline(&filter, today(), true);
    assert_eq!(
        render(&dataset, &t),
        [
            "2023 «Courant 2023»: autre/periode:en-cours",
            "2026 «Courant 2026»: frise/annee:en-cours",
            "2026-11 «Novembre 2026»: frise/aujourdhui:en-cours, frise/novembre:a-venir, autre/novembre-bis:a-venir",
            "2026-12 «Décembre 2026» après: frise/decembre:a-venir",
            "2027 «Courant 2027» après: autre/courant-2027:a-venir",
            "2027-T2 «2e trimestre 2027» après: frise/t2:a-venir",
            "2027-04 «Avril 2027» après: frise/avril:a-venir",
        ]
    );
}

#[test]
fn day_milestones_go_under_their_month_coarse_ones_under_themselves() {
    let p = |s: &str| s.parse::<PartialDate>().unwrap();
    let cases = [
        ("2024-01-15", "2024-01"),
        ("2024-02-29", "2024-02"),
        ("2024-12-31", "2024-12"),
        ("2022-07", "2022-07"),
        ("2025-T3", "2025-T3"),
        ("2026-S2", "2026-S2"),
        ("2026", "2026"),
    ];
    for (date, group) in cases {
        assert_eq!(group_period(p(date)), p(group), "group of {date}");
    }
}

#[test]
fn headings_are_capitalised_french() {
    let heading = |s: &str| {
        TimelineGroup {
            period: s.parse().unwrap(),
            entries: vec![],
            after_today: false,
        }
        .heading_fr()
    };
    let cases = [
        ("2022-07", "Juillet 2022"),
        ("2024-02", "Février 2024"),
        ("2027-08", "Août 2027"),
        ("2026-12", "Décembre 2026"),
        ("2025-T1", "1er trimestre 2025"),
        ("2025-T3", "3e trimestre 2025"),
        ("2025-T4", "4e trimestre 2025"),
        ("2026-S1", "1er semestre 2026"),
        ("2026-S2", "2e semestre 2026"),
        ("2026", "Courant 2026"),
    ];
    for (period, expected) in cases {
        assert_eq!(heading(period), expected, "heading of {period}");
    }
}

#[test]
fn long_lists_are_grouped_up_to_the_limit_in_reading_order() {
    let dataset = fixture();
    let index = Index::new(&dataset, today());
    let selection = index.select(&dataset, &agenda_core::Filter::default());
    let all = Timeline::build(&dataset, &selection, today(), true, usize::MAX);
    let entries = |t: &Timeline| -> Vec<_> {
        t.years
            .iter()
            .flat_map(|y| &y.groups)
            .flat_map(|g| g.entries.clone())
            .collect()
    };
    let total = entries(&all).len();
    assert!(total > 3, "the fixture has {total} milestones");
    assert_eq!(all.beyond_limit, 0);
    let first_three = Timeline::build(&dataset, &selection, today(), true, 3);
    assert_eq!(entries(&first_three), entries(&all)[..3].to_vec());
    assert_eq!(first_three.beyond_limit, total - 3);
    assert_eq!(first_three.past_hidden, all.past_hidden);
}
