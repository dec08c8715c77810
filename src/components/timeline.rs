//! The chronological list: years, periods, milestones, and the "Aujourd'hui" marker.

use agenda_core::export::ics;
use agenda_core::index::MilestoneRef;
use agenda_core::profile::Profile;
use agenda_core::timeline::TimelineGroup;
use agenda_core::{french, AgendaQuery, PartialDate, Timeline};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::exports::download_calendar;
use crate::components::{item_markup, list_patch};
use crate::data::Agenda;
use crate::nav::ChantierLinks;

/// The grouped timeline of the current selection.
///
/// Keyed at every level (year, period, milestone): when the filters change, only the
/// milestones that enter or leave the list are built or dropped (the milestones by
/// `list_patch`, from HTML text).
#[component]
pub fn TimelineView(timeline: Memo<Timeline>, query: Memo<AgendaQuery>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let today = agenda.today;
    let marker_before = Memo::new(move |_| timeline.with(Timeline::today_marker_before));
    let years =
        Memo::new(move |_| timeline.with(|t| t.years.iter().map(|y| y.year).collect::<Vec<_>>()));
    // What the milestones follow of the query: their links and "ma collectivité".
    // A keystroke in the search changes the links only.
    let links = ChantierLinks::new(query);
    let profile = Memo::new(move |_| query.with(|q| q.filter.profile));
    let on_click = {
        let agenda = agenda.clone();
        move |ev: leptos::ev::MouseEvent| add_to_calendar(&agenda, &ev)
    };
    let container = NodeRef::<leptos::html::Div>::new();
    // Items are built with the query of their time; a new query (a keystroke in the
    // search) rewrites the links of those already shown.
    Effect::new(move |built: Option<()>| {
        links.track();
        if let (Some(()), Some(container)) = (built, container.get_untracked()) {
            links.rewrite(&container);
        }
    });
    view! {
        <div class="agenda-timeline" on:click=on_click node_ref=container>
            <For
                each=move || years.get()
                key=|year| *year
                children=move |year| {
                    let groups = Memo::new(move |_| {
                        timeline.with(|t| {
                            t.years
                                .iter()
                                .find(|y| y.year == year)
                                .map(|y| y.groups.iter().map(|g| g.period).collect::<Vec<_>>())
                                .unwrap_or_default()
                        })
                    });
                    view! {
                        <section class="agenda-year" aria-labelledby=format!("annee-{year}")>
                            <h2 class="agenda-year__title" id=format!("annee-{year}")>{year}</h2>
                            <For
                                each=move || groups.get()
                                key=|period| *period
                                children=move |period| view! { <PeriodGroup timeline period marker_before today links profile /> }
                            />
                        </section>
                    }
                }
            />
            <Show when=move || marker_before.get().is_none() && !timeline.with(|t| t.years.is_empty())>
                <TodayMarker today />
            </Show>
        </div>
    }
}

/// One period of a year ("Juillet 2022", "3e trimestre 2025") and its milestones.
#[component]
fn PeriodGroup(
    timeline: Memo<Timeline>,
    period: PartialDate,
    marker_before: Memo<Option<String>>,
    today: chrono::NaiveDate,
    links: ChantierLinks,
    profile: Memo<Option<Profile>>,
) -> impl IntoView {
    let key = period.to_string();
    let heading = timeline
        .with_untracked(|t| t.group(period).map(TimelineGroup::heading_fr))
        .unwrap_or_default();
    // An item is the same while its milestone and "ma collectivité" are: a new
    // profile builds the items anew, with their applicability line.
    let entries = Memo::new(move |_| {
        let profile = profile.get();
        timeline.with(|t| {
            t.group(period)
                .map(|g| {
                    g.entries
                        .iter()
                        .map(|e| (e.at, profile))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let agenda = expect_context::<Agenda>();
    let item_html = move |&(at, profile): &(MilestoneRef, Option<Profile>)| {
        let chantier = &agenda.dataset.chantiers[at.chantier];
        let status =
            agenda_core::milestone_status(&chantier.milestones[at.milestone], agenda.today);
        let applies = profile.and_then(|p| p.applicability(chantier).reason().map(str::to_string));
        item_markup::item_html(
            &agenda.dataset,
            at,
            status,
            agenda.is_new(at.chantier),
            &links.href_untracked(&chantier.id),
            applies.as_deref(),
        )
    };
    let shown_first = entries.get_untracked();
    let first_html: String = shown_first.iter().map(&item_html).collect();
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |shown: Option<Vec<_>>| {
        let shown = shown.unwrap_or_else(|| shown_first.clone());
        let new = entries.get();
        if let Some(list) = list.get_untracked() {
            if new != shown {
                list_patch::apply(&list, &shown, &new, &item_html);
            }
        }
        new
    });
    let show_marker = {
        let key = key.clone();
        move || marker_before.get().as_deref() == Some(key.as_str())
    };
    view! {
        <Show when=show_marker>
            <TodayMarker today />
        </Show>
        <section class="agenda-group" aria-labelledby=format!("periode-{key}")>
            <h3 class="agenda-group__title" id=format!("periode-{key}")>{heading}</h3>
            <ul class="agenda-group__list" node_ref=list inner_html=first_html />
        </section>
    }
}

#[component]
fn TodayMarker(today: chrono::NaiveDate) -> impl IntoView {
    view! {
        <p class="agenda-today" id="aujourdhui">
            <span class="agenda-today__label">"Aujourd'hui"</span>
            " "
            <time datetime=today.to_string()>{french::day(today)}</time>
        </p>
    }
}

/// "Ajouter à mon agenda" on any item: one listener for the whole timeline, which
/// finds the milestone in the button's [`item_markup::CALENDAR_ATTRIBUTE`].
fn add_to_calendar(agenda: &Agenda, ev: &leptos::ev::MouseEvent) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| {
            e.closest(&format!("[{}]", item_markup::CALENDAR_ATTRIBUTE))
                .ok()
                .flatten()
        })
    else {
        return;
    };
    let Some(at) = button
        .get_attribute(item_markup::CALENDAR_ATTRIBUTE)
        .and_then(|value| item_markup::calendar_target(&agenda.dataset, &value))
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
