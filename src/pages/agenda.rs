//! The agenda: filters beside the timeline, the live count, the active filters.

use agenda_core::export::{csv::csv, ics};
use agenda_core::{Timeline, View};
use leptos::prelude::*;

use crate::components::exports::{download, download_calendar};
use crate::components::filters::Filters;
use crate::components::frise::FriseView;
use crate::components::list_patch;
use crate::components::results_markup::{self, ids, Shell, VIEW_NAME};
use crate::components::timeline::TimelineView;
use crate::data::Agenda;
use crate::document::{by_id, by_id_as, closest_to_target, target_as};
use crate::nav::{use_agenda_query, use_set_agenda_query};
use crate::reactive::{effect, memo, on_load};
use agenda_core::join::join;

/// How many milestones the timeline shows at first, and adds on demand: a few
/// screens' worth. Building each milestone's view is most of the cost of a filter
/// change, so the list grows only when asked.
const PAGE_SIZE: usize = 30;

/// The default view: the filters beside the list or the frise; around them, HTML
/// text (`results_markup`) kept showing the page's [`Shell`] by one effect, its
/// buttons served by one listener.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    // Only the agenda searches: the editor's build never folds the texts.
    crate::data::prepare_search_after_paint(&agenda);
    let query = use_agenda_query();
    let set_query = use_set_agenda_query();

    let selection = {
        let agenda = agenda.clone();
        memo(move || {
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
    effect(move || {
        query.track();
        // Setting a signal notifies even with the same value: the timeline would be
        // built twice for every keystroke.
        if limit.get_untracked() != PAGE_SIZE {
            limit.set(PAGE_SIZE);
        }
    });
    let timeline = {
        let agenda = agenda.clone();
        memo(move || {
            let show_past = query.with(|q| q.show_past);
            selection
                .with(|s| Timeline::build(&agenda.dataset, s, agenda.today, show_past, limit.get()))
        })
    };
    let count = memo(move || selection.with(|s| s.count_fr()));
    let active = {
        let agenda = agenda.clone();
        memo(move || query.with(|q| q.active_filters(&agenda.dataset)))
    };
    let mut title_shown = false;
    effect(move || {
        let title = if active.with(Vec::is_empty) {
            "Agenda".to_string()
        } else {
            format!("Agenda filtré ({})", count.get())
        };
        if title_shown {
            crate::document::set_title_when_idle(title);
        } else {
            crate::document::set_title(&title);
            title_shown = true;
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

    let is_frise = memo(move || query.with(|q| q.view == View::Frise));
    let shell = {
        let today = agenda.today;
        memo(move || {
            let frise = is_frise.get();
            let count = count.get();
            let tags: Vec<String> =
                active.with(|filters| filters.iter().map(|f| f.label.clone()).collect());
            let filters = if tags.is_empty() {
                "aucun filtre (tout l'agenda)".to_string()
            } else {
                join(&tags, " ; ")
            };
            let summary = format!(
                "Agenda au {} — filtres : {filters} — {count}.",
                agenda_core::french::day(today),
            );
            // The list's own controls; the frise has none of them.
            let (past, empty, more) = if frise {
                (None, None, 0)
            } else {
                let show_past = query.with(|q| q.show_past);
                timeline.with(|t: &Timeline| {
                    let empty = t.years.is_empty();
                    (
                        (show_past || t.past_hidden > 0).then_some((show_past, t.past_hidden)),
                        empty.then_some(t.past_hidden > 0),
                        if empty { 0 } else { t.beyond_limit },
                    )
                })
            };
            Shell {
                count,
                summary,
                tags,
                frise,
                past,
                empty,
                more,
            }
        })
    };
    let first = shell.get_untracked();
    let top_html = results_markup::top_html(&first, &agenda.problems);
    let before_list_html = results_markup::before_list_html(
        &first,
        &crate::nav::href(&agenda_core::route::Route::Subscriptions),
    );
    let after_list_html = results_markup::after_list_html(&first, PAGE_SIZE);
    let mut shown = first.clone();
    effect(move || {
        let now = shell.get();
        show(&shown, &now);
        shown = now;
    });

    let handle = move |ev: web_sys::Event| {
        if ev.type_() == "change" {
            let Some(input) = target_as::<web_sys::HtmlInputElement>(&ev) else {
                return;
            };
            if input.name() == VIEW_NAME {
                let mut q = query.get_untracked();
                q.view = if input.value() == "frise" {
                    View::Frise
                } else {
                    View::List
                };
                set_query.run(q);
            }
            return;
        }
        // A tag: the query may have changed since it was drawn, the filter is
        // removed from the current one.
        if let Some(tag) = closest_to_target(&ev, &format!("#{} button", ids::TAGS)) {
            let label = tag.text_content().unwrap_or_default();
            let current = query.get_untracked();
            if let Some(a) = current
                .active_filters(&agenda.dataset)
                .into_iter()
                .find(|a| a.label == label)
            {
                set_query.run(a.without);
            }
            return;
        }
        let Some(button) = closest_to_target(&ev, "button") else {
            return;
        };
        let milestones = || selection.with_untracked(|s| s.milestones.clone());
        match button.id().as_str() {
            ids::RESET | ids::EMPTY_RESET => set_query.run(query.get_untracked().cleared()),
            ids::PAST => {
                let mut q = query.get_untracked();
                q.show_past = !q.show_past;
                set_query.run(q);
            }
            ids::MORE => {
                let shown = limit.get_untracked();
                limit.set(shown + PAGE_SIZE);
                // Keyboard and screen reader users go on reading from the first
                // milestone just added, not from the button now below it.
                crate::document::focus_nth_later(".agenda-item__title a", shown as u32);
            }
            ids::EXPORT_ICS => download_calendar(
                &agenda,
                &milestones(),
                format!("{} — sélection", ics::CALENDAR_NAME),
                "agenda-selection.ics",
            ),
            ids::EXPORT_CSV => {
                let text = csv(
                    &agenda.dataset,
                    &milestones(),
                    &crate::document::base_url(),
                    agenda.today,
                );
                download("agenda-selection.csv", "text/csv;charset=utf-8", &text);
            }
            _ => {}
        }
    };
    let column = NodeRef::<leptos::html::Div>::new();
    on_load(column, move |column| {
        crate::document::listen(&column, &["click", "change"], handle)
    });

    view! {
        <div inner_html=top_html />
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4 fr-col-lg-3">
                <Filters query set_query active />
            </div>
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-9" node_ref=column>
                <div inner_html=before_list_html />
                {move || {
                    if is_frise.get() {
                        view! { <FriseView selection query set_query /> }.into_any()
                    } else {
                        view! { <TimelineView timeline query /> }.into_any()
                    }
                }}
                <div inner_html=after_list_html />
            </div>
        </div>
    }
}

/// Changes what differs between the shell shown and the new one.
fn show(before: &Shell, now: &Shell) {
    let set_text = |id: &str, text: &str| {
        if let Some(element) = by_id(id) {
            element.set_text_content(Some(text));
        }
    };
    let set_hidden = |id: &str, hide: bool| {
        if let Some(element) = by_id(id) {
            let _ = element.toggle_attribute_with_force("hidden", hide);
        }
    };
    if before.count != now.count {
        set_text(ids::COUNT, &now.count);
    }
    if before.summary != now.summary {
        set_text(ids::SUMMARY, &now.summary);
    }
    if before.tags != now.tags {
        if let Some(list) = by_id(ids::TAGS) {
            list_patch::apply(&list, &before.tags, &now.tags, |label| {
                results_markup::dismiss_tag_html(label)
            });
        }
        set_hidden(ids::TAGS, now.tags.is_empty());
        set_hidden(ids::RESET, now.tags.is_empty());
    }
    if before.frise != now.frise {
        let id = if now.frise { "vue-frise" } else { "vue-liste" };
        if let Some(radio) = by_id_as::<web_sys::HtmlInputElement>(id) {
            radio.set_checked(true);
        }
    }
    if before.past != now.past {
        set_hidden(ids::PAST_BLOCK, now.past.is_none());
        if let Some((shown, hidden)) = now.past {
            set_text(ids::PAST, &results_markup::past_label(shown, hidden));
            if let Some(button) = by_id(ids::PAST) {
                let _ = button.set_attribute("aria-pressed", if shown { "true" } else { "false" });
            }
        }
    }
    if before.empty != now.empty {
        set_hidden(ids::EMPTY, now.empty.is_none());
        if let Some(only_past) = now.empty {
            set_text(ids::EMPTY_TEXT, results_markup::empty_text(only_past));
        }
    }
    if before.more != now.more {
        set_hidden(ids::MORE_BLOCK, now.more == 0);
        if now.more > 0 {
            set_text(ids::MORE, &results_markup::more_label(now.more, PAGE_SIZE));
        }
    }
}
