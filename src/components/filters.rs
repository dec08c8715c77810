//! The filter panel: search, period, themes, carrier, nature, public, status.
//!
//! Every control reads the parsed URL query and writes a new one: the URL is the
//! only state, so a shared link reproduces the view exactly. The search box is a
//! Leptos view; the other controls are HTML text (`filters_markup`), served by one
//! change listener and one effect.

use agenda_core::AgendaQuery;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::filters_markup::{controls_html, FORGET_ID, PART_ATTRIBUTE, REMEMBER_NAME};
use crate::components::my_authority;
use crate::data::Agenda;

/// The filter panel. On narrow screens it folds behind a "Filtres" button.
#[component]
pub fn Filters(query: Memo<AgendaQuery>, set_query: Callback<AgendaQuery>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let open = RwSignal::new(false);
    let active_count = {
        let dataset = agenda.dataset.clone();
        Memo::new(move |_| query.with(|q| q.active_filters(&dataset).len()))
    };

    // "Ma collectivité", the period, theme, carrier, nature, public and status
    // controls: written once showing the query, then kept showing it.
    let controls = NodeRef::<leptos::html::Div>::new();
    // Whether the user asked this browser to remember "ma collectivité".
    let remembering = StoredValue::new(my_authority::remembered().is_some());
    let controls_first_html = query.with_untracked(|q| {
        controls_html(
            &agenda.dataset,
            agenda.previous_visit,
            remembering.get_value(),
            q,
        )
    });
    // A keystroke in the search box changes nothing they show.
    let form_state = Memo::new(move |_| query.with(AgendaQuery::form_state));
    // The controls were written showing the first query: each run changes those whose
    // state differs between the query shown and the new one, without reading the DOM.
    let first_state = form_state.get_untracked();
    Effect::new(move |before: Option<(Controls, AgendaQuery)>| {
        let (read, shown) = match before {
            Some((read, shown)) if !read.checkboxes.is_empty() => (read, shown),
            _ => (
                controls
                    .get_untracked()
                    .map(|container| Controls::under(&container))
                    .unwrap_or_default(),
                first_state.clone(),
            ),
        };
        let now = form_state.get();
        read.show(&shown, &now);
        (read, now)
    });
    let on_control_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        let (name, value, checked) =
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                (input.name(), input.value(), input.checked())
            } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
                (select.name(), select.value(), false)
            } else {
                return;
            };
        let current = query.get_untracked();
        if name == REMEMBER_NAME {
            remembering.set_value(checked);
            if checked {
                my_authority::remember(current.filter.profile);
            } else {
                my_authority::forget();
            }
            return;
        }
        let next = current.with_control(&name, &value, checked);
        if remembering.get_value() && next.filter.profile != current.filter.profile {
            my_authority::remember(next.filter.profile);
        }
        set_query.run(next);
    };
    let on_control_click = move |ev: leptos::ev::MouseEvent| {
        if crate::document::closest_to_target(&ev, &format!("#{FORGET_ID}")).is_none() {
            return;
        }
        my_authority::forget();
        remembering.set_value(false);
        if let Some(remember) = controls.get_untracked().and_then(|c| {
            c.query_selector(&format!("[name={REMEMBER_NAME}]"))
                .ok()
                .flatten()
        }) {
            if let Some(input) = remember.dyn_ref::<web_sys::HtmlInputElement>() {
                input.set_checked(false);
            }
        }
        let mut q = query.get_untracked();
        q.filter.profile = None;
        set_query.run(q);
    };

    view! {
        <section class="agenda-filters" id="filtres" aria-labelledby="filtres-titre" tabindex="-1">
            <h2 class="fr-h5 agenda-filters__title" id="filtres-titre">"Filtrer l'agenda"</h2>
            <button
                type="button"
                class="fr-btn fr-btn--secondary agenda-filters__toggle"
                aria-controls="filtres-panneau"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || match active_count.get() {
                    0 => "Afficher les filtres".to_string(),
                    1 => "Afficher les filtres (1 actif)".to_string(),
                    n => format!("Afficher les filtres ({n} actifs)"),
                }}
            </button>
            <div
                id="filtres-panneau"
                class="agenda-filters__panel"
                class:agenda-filters__panel--open=move || open.get()
            >
                <div class="fr-input-group agenda-search" role="search">
                    <label class="fr-label" for="recherche">
                        "Rechercher un chantier"
                        <span class="fr-hint-text" id="recherche-aide">
                            "Dans le titre, le résumé, la description ou le porteur ; accents et majuscules indifférents."
                        </span>
                    </label>
                    <input
                        class="fr-input"
                        type="search"
                        id="recherche"
                        name="q"
                        autocomplete="off"
                        prop:value=move || query.with(|q| q.filter.text.clone())
                        on:input=move |ev| {
                            let mut q = query.get_untracked();
                            q.filter.text = event_target_value(&ev);
                            set_query.run(q);
                        }
                    />
                </div>

                <div
                    class="agenda-filters__controls"
                    node_ref=controls
                    on:change=on_control_change
                    on:click=on_control_click
                    inner_html=controls_first_html
                />
            </div>
        </section>
    }
}

/// The panel's controls written as HTML text, read once: their elements with the
/// names and values the query answers for.
#[derive(Default)]
struct Controls {
    /// The checkboxes: element, name, value.
    checkboxes: Vec<(web_sys::HtmlInputElement, String, String)>,
    /// The selects and fields: element, name.
    fields: Vec<(Field, String)>,
    /// The elements shown for some queries only: element, part.
    parts: Vec<(web_sys::Element, String)>,
}

enum Field {
    Input(web_sys::HtmlInputElement),
    Select(web_sys::HtmlSelectElement),
}

impl Controls {
    fn under(container: &web_sys::Element) -> Controls {
        let mut controls = Controls::default();
        let Ok(all) = container.query_selector_all("input, select") else {
            return controls;
        };
        for node in (0..all.length()).filter_map(|i| all.item(i)) {
            match node.dyn_into::<web_sys::HtmlInputElement>() {
                // "Retenir" is this browser's, not the query's.
                Ok(input) if input.name() == REMEMBER_NAME => {}
                Ok(input) if input.type_() == "checkbox" => {
                    let (name, value) = (input.name(), input.value());
                    controls.checkboxes.push((input, name, value));
                }
                Ok(input) => {
                    let name = input.name();
                    controls.fields.push((Field::Input(input), name));
                }
                Err(node) => {
                    if let Ok(select) = node.dyn_into::<web_sys::HtmlSelectElement>() {
                        let name = select.name();
                        controls.fields.push((Field::Select(select), name));
                    }
                }
            }
        }
        if let Ok(parts) = container.query_selector_all(&format!("[{PART_ATTRIBUTE}]")) {
            for node in (0..parts.length()).filter_map(|i| parts.item(i)) {
                if let Ok(element) = node.dyn_into::<web_sys::Element>() {
                    let part = element.get_attribute(PART_ATTRIBUTE).unwrap_or_default();
                    controls.parts.push((element, part));
                }
            }
        }
        controls
    }

    /// Changes the controls that show `shown` to show `now`, those only.
    fn show(&self, shown: &AgendaQuery, now: &AgendaQuery) {
        for (input, name, value) in &self.checkboxes {
            let checked = now.is_checked(name, value);
            if shown.is_checked(name, value) != checked {
                input.set_checked(checked);
            }
        }
        for (field, name) in &self.fields {
            let value = now.field_value(name);
            if shown.field_value(name) != value {
                match field {
                    Field::Input(input) => input.set_value(&value),
                    Field::Select(select) => select.set_value(&value),
                }
            }
        }
        for (element, part) in &self.parts {
            let hidden = !now.shows(part);
            if shown.shows(part) == hidden {
                let _ = element.toggle_attribute_with_force("hidden", hidden);
            }
        }
    }
}
