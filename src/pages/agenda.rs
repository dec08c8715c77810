//! The agenda: filters beside the timeline, the live count, the active filters.

use agenda_core::export::escape_markup;
use agenda_core::{AgendaQuery, Timeline, View};
use leptos::prelude::*;

use crate::components::exports::ExportSelection;
use crate::components::filters::Filters;
use crate::components::frise::FriseView;
use crate::components::list_patch;
use crate::components::notices::ProblemsNotice;
use crate::components::timeline::TimelineView;
use crate::data::Agenda;
use crate::nav::{use_agenda_query, use_set_agenda_query};

/// How many milestones the timeline shows at first, and adds on demand: a few
/// screens' worth. Building each milestone's view is most of the cost of a filter
/// change, so the list grows only when asked.
const PAGE_SIZE: usize = 30;

/// The default view.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    // Only the agenda searches: the editor's build never folds the texts.
    crate::data::prepare_search_after_paint(&agenda);
    let query = use_agenda_query();
    let set_query = use_set_agenda_query();

    let selection = {
        let agenda = agenda.clone();
        Memo::new(move |_| {
            query.with(|q| {
                let mut filter = q.filter.clone();
                // Nothing is new on a first visit: the reference is then today.
                filter.updated_after = q
                    .only_new
                    .then(|| agenda.previous_visit.unwrap_or(agenda.today));
                agenda.index.select(&agenda.dataset, &filter)
            })
        })
    };
    // Long lists render by increments: the DOM holds at most `limit` milestones, and
    // "Afficher les jalons suivants" adds more. A new query starts again from the top.
    let limit = RwSignal::new(PAGE_SIZE);
    Effect::new(move |_| {
        query.track();
        // Setting a signal notifies even with the same value: the timeline would be
        // built twice for every keystroke.
        if limit.get_untracked() != PAGE_SIZE {
            limit.set(PAGE_SIZE);
        }
    });
    let timeline = {
        let agenda = agenda.clone();
        Memo::new(move |_| {
            let show_past = query.with(|q| q.show_past);
            selection
                .with(|s| Timeline::build(&agenda.dataset, s, agenda.today, show_past, limit.get()))
        })
    };
    let count = Memo::new(move |_| selection.with(|s| s.count_fr()));
    let active = {
        let agenda = agenda.clone();
        Memo::new(move |_| query.with(|q| q.active_filters(&agenda.dataset)))
    };
    Effect::new(move |shown: Option<()>| {
        let title = if active.with(Vec::is_empty) {
            "Agenda".to_string()
        } else {
            format!("Agenda filtré ({})", count.get())
        };
        match shown {
            None => crate::document::set_title(&title),
            Some(()) => crate::document::set_title_when_idle(title),
        }
    });

    // A remembered "ma collectivité" applies when the URL does not say otherwise.
    if query.with_untracked(|q| q.filter.profile.is_none()) {
        if let Some(profile) = crate::components::my_authority::remembered() {
            let mut q = query.get_untracked();
            q.filter.profile = Some(profile);
            set_query.run(q);
        }
    }

    // The heading is index.html's (shown before the app starts): this page shows it,
    // every other page hides it.
    crate::document::show_agenda_heading(true);
    on_cleanup(|| crate::document::show_agenda_heading(false));

    let has_filters = Memo::new(move |_| !active.with(Vec::is_empty));
    let is_frise = Memo::new(move |_| query.with(|q| q.view == View::Frise));
    let is_empty = Memo::new(move |_| timeline.with(|t| t.years.is_empty()));
    let reset = move |_| set_query.run(query.get_untracked().cleared());
    let show_more = move |()| {
        let shown = limit.get_untracked();
        limit.set(shown + PAGE_SIZE);
        // Keyboard and screen reader users go on reading from the first milestone
        // just added, not from the button now below it.
        crate::document::focus_nth_later(".agenda-item__title a", shown as u32);
    };
    let toggle_past = move |_| {
        let mut q = query.get_untracked();
        q.show_past = !q.show_past;
        set_query.run(q);
    };

    view! {

        <p class="agenda-print-summary">
            {move || {
                let filters: Vec<String> = active.get().into_iter().map(|f| f.label).collect();
                let filters = if filters.is_empty() { "aucun filtre (tout l'agenda)".to_string() } else { filters.join(" ; ") };
                format!(
                    "Agenda au {} — filtres : {} — {}.",
                    agenda_core::french::day(agenda.today),
                    filters,
                    count.get(),
                )
            }}
        </p>
        <ProblemsNotice problems=agenda.problems.clone() />
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4 fr-col-lg-3">
                <Filters query set_query />
            </div>
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-9">
                <div class="agenda-results-bar">
                    <p class="agenda-count" role="status" id="compteur">
                        {move || count.get()}
                    </p>
                    <ExportSelection milestones=Signal::derive(move || selection.with(|s| s.milestones.clone())) />
                    {move || has_filters.get().then(|| view! {
                        <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="reinitialiser" on:click=reset>
                            "Réinitialiser les filtres"
                        </button>
                    })}
                </div>
                <ActiveFilterTags query set_query active />
                <ViewSwitch query set_query />
                {move || if is_frise.get() {
                    view! { <FriseView selection query set_query /> }.into_any()
                } else {
                    view! {
                        <PastToggle timeline query on_toggle=Callback::new(toggle_past) />
                        {move || if is_empty.get() {
                            view! { <EmptyResult query set_query timeline /> }.into_any()
                        } else {
                            view! {
                                <TimelineView timeline query />
                                <ShowMore timeline on_more=Callback::new(show_more) />
                            }.into_any()
                        }}
                    }.into_any()
                }}
            </div>
        </div>
    }
}

/// "Liste" or "Frise": a DSFR segmented control; the list is the default and the
/// accessible equivalent of the frise.
#[component]
fn ViewSwitch(query: Memo<AgendaQuery>, set_query: Callback<AgendaQuery>) -> impl IntoView {
    let choose = move |view: View| {
        let mut q = query.get_untracked();
        q.view = view;
        set_query.run(q);
    };
    view! {
        <fieldset class="fr-segmented fr-segmented--sm agenda-view-switch">
            <legend class="fr-segmented__legend">"Affichage"</legend>
            <div class="fr-segmented__elements">
                <div class="fr-segmented__element">
                    <input type="radio" name="vue" id="vue-liste" value="liste"
                        prop:checked=move || query.with(|q| q.view == View::List)
                        on:change=move |_| choose(View::List) />
                    <label class="fr-label" for="vue-liste">"Liste"</label>
                </div>
                <div class="fr-segmented__element">
                    <input type="radio" name="vue" id="vue-frise" value="frise"
                        prop:checked=move || query.with(|q| q.view == View::Frise)
                        on:change=move |_| choose(View::Frise) />
                    <label class="fr-label" for="vue-frise">"Frise"</label>
                </div>
            </div>
        </fieldset>
    }
}

/// The active filters as removable DSFR tags: HTML text patched in place
/// (`list_patch`), one click listener for all of them. A keyed `<For>` of buttons
/// cost 7 kB of gzipped wasm for a list of a few tags (README, "Performance").
#[component]
fn ActiveFilterTags(
    query: Memo<AgendaQuery>,
    set_query: Callback<AgendaQuery>,
    active: Memo<Vec<agenda_core::query::ActiveFilter>>,
) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let labels = Memo::new(move |_| {
        active.with(|filters| filters.iter().map(|f| f.label.clone()).collect::<Vec<_>>())
    });
    let list = NodeRef::<leptos::html::Ul>::new();
    let first = labels.get_untracked();
    let first_html: String = first.iter().map(|label| dismiss_tag_html(label)).collect();
    Effect::new(move |before: Option<Vec<String>>| {
        let before = before.unwrap_or_else(|| first.clone());
        let now = labels.get();
        if let (true, Some(list)) = (now != before, list.get_untracked()) {
            list_patch::apply(&list, &before, &now, |label| dismiss_tag_html(label));
        }
        now
    });
    // The query may have changed since the tag was drawn: the filter is removed from
    // the current one.
    let remove = move |ev: leptos::ev::MouseEvent| {
        let Some(label) = crate::document::closest_to_target(&ev, "button")
            .and_then(|button| button.text_content())
        else {
            return;
        };
        let current = query.get_untracked();
        if let Some(a) = current
            .active_filters(&agenda.dataset)
            .into_iter()
            .find(|a| a.label == label)
        {
            set_query.run(a.without);
        }
    };
    view! {
        <ul
            class="fr-tags-group agenda-active"
            aria-label="Filtres actifs"
            hidden=move || labels.with(Vec::is_empty)
            on:click=remove
            node_ref=list
            inner_html=first_html
        />
    }
}

/// A removable tag: its text is the filter's label, which the click listener reads.
fn dismiss_tag_html(label: &str) -> String {
    let label = escape_markup(label);
    format!(
        r#"<li><button type="button" class="fr-tag fr-tag--sm fr-tag--dismiss" aria-label="Retirer le filtre {label}">{label}</button></li>"#
    )
}

/// "Afficher les 30 jalons suivants", while some are beyond the display limit.
#[component]
fn ShowMore(timeline: Memo<Timeline>, on_more: Callback<()>) -> impl IntoView {
    let beyond = Memo::new(move |_| timeline.with(|t| t.beyond_limit));
    view! {
        {move || (beyond.get() > 0).then(|| view! {
            <p class="agenda-more">
                <button type="button" class="fr-btn fr-btn--secondary" id="jalons-suivants" on:click=move |_| on_more.run(())>
                    {move || {
                        let next = beyond.get().min(PAGE_SIZE);
                        if beyond.get() == 1 {
                            return "Afficher le dernier jalon".to_string();
                        }
                        format!(
                            "Afficher les {} jalons suivants ({} restants)",
                            agenda_core::french::number(next as u64),
                            agenda_core::french::number(beyond.get() as u64),
                        )
                    }}
                </button>
            </p>
        })}
    }
}

/// "Afficher les N jalons passés" / "Masquer les jalons passés".
#[component]
fn PastToggle(
    timeline: Memo<Timeline>,
    query: Memo<AgendaQuery>,
    on_toggle: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let hidden = Memo::new(move |_| timeline.with(|t| t.past_hidden));
    let shown = move || query.with(|q| q.show_past);
    let visible = Memo::new(move |_| shown() || hidden.get() > 0);
    view! {
        {move || visible.get().then(|| view! {
            <p class="agenda-past-toggle">
                <button
                    type="button"
                    class="fr-btn fr-btn--secondary fr-btn--sm"
                    id="jalons-passes"
                    aria-pressed=move || shown().to_string()
                    on:click=move |ev| on_toggle.run(ev)
                >
                    {move || {
                        if shown() {
                            "Masquer les jalons passés".to_string()
                        } else {
                            match hidden.get() {
                                1 => "Afficher le jalon passé".to_string(),
                                n => format!("Afficher les {} jalons passés", agenda_core::french::number(n as u64)),
                            }
                        }
                    }}
                </button>
            </p>
        })}
    }
}

/// Explains an empty result and offers to widen the filters.
#[component]
fn EmptyResult(
    query: Memo<AgendaQuery>,
    set_query: Callback<AgendaQuery>,
    timeline: Memo<Timeline>,
) -> impl IntoView {
    let only_past = move || timeline.with(|t| t.past_hidden > 0);
    view! {
        <div class="fr-callout agenda-empty" id="aucun-resultat">
            <h2 class="fr-callout__title fr-h5">"Aucun jalon à afficher"</h2>
            {move || {
                if only_past() {
                    view! {
                        <p class="fr-callout__text">
                            "Les jalons qui correspondent à vos filtres sont tous passés. Affichez les jalons passés pour les voir."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="fr-callout__text">
                            "Aucun chantier ne correspond à l'ensemble de vos filtres. Retirez un filtre actif ci-dessus, ou réinitialisez-les pour revoir tout l'agenda."
                        </p>
                    }
                        .into_any()
                }
            }}
            <button
                type="button"
                class="fr-btn fr-mt-2w"
                on:click=move |_| set_query.run(query.get_untracked().cleared())
            >
                "Réinitialiser les filtres"
            </button>
        </div>
    }
}
