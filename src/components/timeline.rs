//! The chronological list: years, periods, milestones, and the "Aujourd'hui" marker.

use agenda_core::index::MilestoneRef;
use agenda_core::timeline::TimelineGroup;
use agenda_core::{french, AgendaQuery, Chantier, Dataset, PartialDate, Timeline};
use leptos::prelude::*;

use crate::components::badges::{NatureBadge, ThemeTags};
use crate::components::exports::AddToCalendar;
use crate::data::Agenda;
use crate::nav::chantier_href;

/// The grouped timeline of the current selection.
///
/// Keyed at every level (year, period, milestone): when the filters change, only the
/// milestones that enter or leave the list are built or dropped.
#[component]
pub fn TimelineView(timeline: Memo<Timeline>, query: Memo<AgendaQuery>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let today = agenda.today;
    let marker_before = Memo::new(move |_| timeline.with(Timeline::today_marker_before));
    let years =
        Memo::new(move |_| timeline.with(|t| t.years.iter().map(|y| y.year).collect::<Vec<_>>()));
    view! {
        <div class="agenda-timeline">
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
                                children=move |period| view! { <PeriodGroup timeline period marker_before today query /> }
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
    query: Memo<AgendaQuery>,
) -> impl IntoView {
    let key = period.to_string();
    let heading = timeline
        .with_untracked(|t| t.group(period).map(TimelineGroup::heading_fr))
        .unwrap_or_default();
    let entries = Memo::new(move |_| {
        timeline.with(|t| {
            t.group(period)
                .map(|g| g.entries.iter().map(|e| e.at).collect::<Vec<_>>())
                .unwrap_or_default()
        })
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
            <ul class="agenda-group__list">
                <For each=move || entries.get() key=|at| *at children=move |at| view! { <MilestoneItem at query /> } />
            </ul>
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

/// One milestone: its date at its precision, the chantier, nature, themes, carriers
/// and who is concerned.
#[component]
fn MilestoneItem(at: MilestoneRef, query: Memo<AgendaQuery>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let dataset = &agenda.dataset;
    let chantier = &dataset.chantiers[at.chantier];
    let milestone = &chantier.milestones[at.milestone];
    let status = agenda_core::milestone_status(milestone, agenda.today);
    let date_text = milestone.when_fr();
    let theme_labels = dataset.theme_labels(&chantier.themes);
    let who = who_line(dataset, chantier);
    let id = chantier.id.clone();
    let href = move || chantier_href(&id, &query.get());
    let status_class = format!("agenda-item agenda-item--{}", status.code());
    view! {
        <li class=status_class>
            <p class="agenda-item__date">
                <time datetime=milestone.date.html_datetime()>{date_text}</time>
                {(status == agenda_core::Status::Past).then(|| view! { <span class="fr-sr-only">" — passé"</span> })}
            </p>
            <h4 class="agenda-item__title">
                <a href=href>{chantier.title.clone()}</a>
            </h4>
            <p class="agenda-item__milestone">{milestone.label.clone()}</p>
            <div class="agenda-item__meta">
                {agenda
                    .is_new(at.chantier)
                    .then(|| {
                        view! {
                            <p class="fr-badge fr-badge--sm fr-badge--new agenda-new" title="Ajouté ou modifié depuis votre dernière visite">
                                "Nouveauté"
                            </p>
                        }
                    })}
                <NatureBadge nature=chantier.nature />
                <ThemeTags labels=theme_labels />
            </div>
            <AddToCalendar
                milestones=vec![at]
                label="Ajouter à mon agenda"
                accessible_label=format!("Ajouter à mon agenda : {} — {}", chantier.title, milestone.label)
                filename=format!("{}-{}.ics", chantier.id, milestone.id)
            />
            {
                let dataset = agenda.dataset.clone();
                move || {
                    let chantier = &dataset.chantiers[at.chantier];
                    query
                        .with(|q| q.filter.profile)
                        .and_then(|p| p.applicability(chantier).reason().map(str::to_string))
                        .map(|reason| view! { <p class="agenda-item__applies fr-text--sm">{reason}</p> })
                }
            }
            {who}
        </li>
    }
}

/// "Porté par : DGFiP / Concerne : communes ; EPCI", under a timeline item (and in
/// the editor's preview of one).
pub fn who_line(dataset: &Dataset, chantier: &Chantier) -> impl IntoView {
    let carriers: Vec<String> = dataset
        .carriers_of(&chantier.carriers)
        .into_iter()
        .map(|c| c.label.clone())
        .collect();
    let concerned = chantier.audience_fr();
    view! {
        <p class="agenda-item__who fr-text--sm">
            <span class="agenda-item__key">"Porté par : "</span>
            {carriers.join(", ")}
            <br />
            <span class="agenda-item__key">"Concerne : "</span>
            {concerned.join(" ; ")}
        </p>
    }
}
