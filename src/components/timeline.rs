//! The chronological list: years, periods, milestones, and the "Aujourd'hui" marker.
//!
//! One `<div>` whose content is HTML text (`timeline_markup`), patched in place when
//! the selection changes (`list_patch`): the blocks (year headings, the marker,
//! period groups) keyed at the first level, each group's milestones at the second.
//! Only what enters the list is built, only what leaves it is dropped; what stays
//! keeps its DOM nodes and the focus in them.

use agenda_core::export::ics;
use agenda_core::index::MilestoneRef;
use agenda_core::profile::Profile;
use agenda_core::{AgendaQuery, PartialDate, Timeline};
use leptos::prelude::*;

use crate::components::exports::download_calendar;
use crate::components::{list_patch, timeline_markup};
use crate::data::Agenda;
use crate::nav::ChantierLinks;
use crate::reactive::{effect, memo, on_load, Computed};

/// A block of the timeline, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Year(i32),
    Today,
    Group(PartialDate),
}

/// A milestone as shown: the same while its milestone and "ma collectivité" are (a
/// new profile builds the items anew, with their applicability line).
type Item = (MilestoneRef, Option<Profile>);

/// What the timeline shows: its blocks, and for each the milestones it lists (none
/// but for a group).
#[derive(Debug, Clone, PartialEq, Default)]
struct Shown {
    blocks: Vec<Block>,
    items: Vec<Vec<Item>>,
}

impl Shown {
    fn of(timeline: &Timeline, profile: Option<Profile>) -> Shown {
        let mut shown = Shown::default();
        let marker_before = timeline.today_marker_before();
        for year in &timeline.years {
            shown.push(Block::Year(year.year), Vec::new());
            for group in &year.groups {
                if marker_before.as_deref() == Some(group.key().as_str()) {
                    shown.push(Block::Today, Vec::new());
                }
                let items = group.entries.iter().map(|e| (e.at, profile)).collect();
                shown.push(Block::Group(group.period), items);
            }
        }
        if marker_before.is_none() && !timeline.years.is_empty() {
            shown.push(Block::Today, Vec::new());
        }
        shown
    }

    fn push(&mut self, block: Block, items: Vec<Item>) {
        self.blocks.push(block);
        self.items.push(items);
    }

    fn items_of(&self, block: Block) -> Option<&[Item]> {
        let i = self.blocks.iter().position(|b| *b == block)?;
        Some(&self.items[i])
    }
}

/// The grouped timeline of the current selection.
#[component]
pub fn TimelineView(timeline: Computed<Timeline>, query: Computed<AgendaQuery>) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    // What the milestones follow of the query: their links and "ma collectivité".
    // A keystroke in the search changes the links only.
    let links = ChantierLinks::new(query);
    let profile = memo(move || query.with(|q| q.filter.profile));
    let shown = memo(move || {
        let profile = profile.get();
        timeline.with(|t| Shown::of(t, profile))
    });

    let item_html = {
        let agenda = agenda.clone();
        move |&(at, profile): &Item| {
            let chantier = &agenda.dataset.chantiers[at.chantier];
            let status =
                agenda_core::milestone_status(&chantier.milestones[at.milestone], agenda.today);
            let applies =
                profile.and_then(|p| p.applicability(chantier).reason().map(str::to_string));
            timeline_markup::item_html(
                &agenda.dataset,
                at,
                status,
                agenda.is_new(at.chantier),
                &links.href_untracked(&chantier.id),
                applies.as_deref(),
            )
        }
    };
    // A block's HTML; a group's milestones are those `shown` lists for it.
    let block_html = {
        let agenda = agenda.clone();
        let item_html = item_html.clone();
        move |block: &Block, shown: &Shown| match *block {
            Block::Year(year) => timeline_markup::year_html(year),
            Block::Today => timeline_markup::today_html(agenda.today),
            Block::Group(period) => timeline.with_untracked(|t| {
                let items: String = shown
                    .items_of(*block)
                    .unwrap_or_default()
                    .iter()
                    .map(&item_html)
                    .collect();
                t.group(period)
                    .map(|g| timeline_markup::group_html(g, &items))
                    .unwrap_or_default()
            }),
        }
    };

    let first = shown.get_untracked();
    let first_html: String = first.blocks.iter().map(|b| block_html(b, &first)).collect();
    let container = NodeRef::<leptos::html::Div>::new();
    let mut on_screen = first.clone();
    effect(move || {
        let now = shown.get();
        if let Some(container) = container.get_untracked() {
            if now != on_screen {
                patch(&container, &on_screen, &now, &block_html, &item_html);
            }
        }
        on_screen = now;
    });
    // Items are built with the query of their time; a new query (a keystroke in the
    // search) rewrites the links of those already shown.
    let mut built = false;
    effect(move || {
        links.track();
        if let (true, Some(container)) = (built, container.get_untracked()) {
            links.rewrite(&container);
        }
        built = true;
    });
    // One listener through `document::listen`, as every part of the page written as
    // HTML text has, rather than Leptos' `on:` (its event code in the wasm for two
    // uses).
    on_load(container, move |container| {
        crate::document::listen(&container, &["click"], move |ev| {
            add_to_calendar(&agenda, &ev)
        })
    });
    view! { <div class="agenda-timeline" node_ref=container inner_html=first_html /> }
}

/// Turns the timeline's DOM from `before` into `now`: blocks first, then the
/// milestones of each group that stays.
fn patch(
    container: &web_sys::Element,
    before: &Shown,
    now: &Shown,
    block_html: &impl Fn(&Block, &Shown) -> String,
    item_html: &impl Fn(&Item) -> String,
) {
    let kept = list_patch::apply(container, &before.blocks, &now.blocks, |b| {
        block_html(b, now)
    });
    if !kept {
        // Every group was built with its milestones of now.
        return;
    }
    let children = container.children();
    for (i, (block, items)) in now.blocks.iter().zip(&now.items).enumerate() {
        let Some(old_items) = before.items_of(*block) else {
            continue;
        };
        if old_items == items.as_slice() {
            continue;
        }
        let list = children
            .item(i as u32)
            .and_then(|group| group.query_selector("ul").ok().flatten());
        if let Some(list) = list {
            list_patch::apply(&list, old_items, items, item_html);
        }
    }
}

/// "Ajouter à mon agenda" on any item: one listener for the whole timeline, which
/// finds the milestone in the button's [`timeline_markup::CALENDAR_ATTRIBUTE`].
fn add_to_calendar(agenda: &Agenda, ev: &web_sys::Event) {
    let Some(button) = crate::document::closest_to_target(
        ev,
        &format!("[{}]", timeline_markup::CALENDAR_ATTRIBUTE),
    ) else {
        return;
    };
    let Some(at) = button
        .get_attribute(timeline_markup::CALENDAR_ATTRIBUTE)
        .and_then(|value| timeline_markup::calendar_target(&agenda.dataset, &value))
    else {
        return;
    };
    let chantier = &agenda.dataset.chantiers[at.chantier];
    let filename = format!(
        "{}-{}.ics",
        chantier.id, chantier.milestones[at.milestone].id
    );
    download_calendar(agenda, &[at], ics::CALENDAR_NAME.to_string(), &filename);
}

#[cfg(test)]
mod tests {
    use super::*;
    use agenda_core::index::Index;
    use agenda_core::Filter;
    use chrono::NaiveDate;

    fn shown(today: NaiveDate, show_past: bool, limit: usize) -> Shown {
        let bytes = std::fs::read("public/data/agenda.json").expect("the shipped dataset");
        let dataset = agenda_core::load(&bytes).expect("valid").dataset;
        let index = Index::new(&dataset, today);
        let selection = index.select(&dataset, &Filter::default());
        let timeline = Timeline::build(&dataset, &selection, today, show_past, limit);
        Shown::of(&timeline, None)
    }

    #[test]
    fn blocks_read_year_then_its_groups_with_today_between_past_and_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        for (show_past, limit) in [(true, 1000), (false, 30), (true, 30)] {
            let shown = shown(today, show_past, limit);
            assert_eq!(shown.blocks.len(), shown.items.len());
            assert!(matches!(shown.blocks.first(), Some(Block::Year(_))));
            assert_eq!(
                shown.blocks.iter().filter(|b| **b == Block::Today).count(),
                1
            );
            let mut year = None;
            let mut after_today = false;
            for (block, items) in shown.blocks.iter().zip(&shown.items) {
                match *block {
                    Block::Year(y) => year = Some(y),
                    Block::Today => after_today = true,
                    Block::Group(period) => {
                        assert_eq!(Some(period.year()), year, "{period} under its year");
                        assert!(!items.is_empty());
                        // Groups before the marker end by today; those after it start after.
                        assert_eq!(period.first_day() > today, after_today, "{period}");
                    }
                }
                if !matches!(block, Block::Group(_)) {
                    assert!(items.is_empty());
                }
            }
        }
    }
}
