//! The filter panel: search, period, themes, carrier, nature, public, status.
//!
//! Every control reads the parsed URL query and writes a new one: the URL is the
//! only state, so a shared link reproduces the view exactly. The panel is HTML text
//! (`filters_markup`), served by one listener; effects show the query in it.

use agenda_core::query::ActiveFilter;
use agenda_core::AgendaQuery;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::filters_markup::{
    controls_html, panel_html, toggle_label, CONTROLS_CLASS, FORGET_ID, PANEL_ID, PART_ATTRIBUTE,
    REMEMBER_NAME, SEARCH_ID, SEARCH_NAME, TOGGLE_ID,
};
use crate::components::my_authority;
use crate::data::Agenda;
use crate::document::{by_id, by_id_as, closest_to_target};
use crate::reactive::{effect, memo, on_load, Computed};

/// The filter panel. On narrow screens it folds behind a "Filtres" button, which
/// counts the `active` filters.
#[component]
pub fn Filters(
    query: Computed<AgendaQuery>,
    set_query: Callback<AgendaQuery>,
    active: Computed<Vec<ActiveFilter>>,
) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    let text = memo(move || query.with(|q| q.filter.text.clone()));

    // The panel is written once showing the query, then kept showing it.
    let section = NodeRef::<leptos::html::Section>::new();
    // Whether the user asked this browser to remember "ma collectivité".
    let remembering = StoredValue::new(my_authority::remembered().is_some());
    let html = query.with_untracked(|q| {
        let controls = controls_html(
            &agenda.dataset,
            agenda.previous_visit,
            remembering.get_value(),
            q,
        );
        panel_html(&controls, &q.filter.text, active.with_untracked(Vec::len))
    });
    // A keystroke in the search box changes nothing the controls show.
    let form_state = memo(move || query.with(AgendaQuery::form_state));
    // The controls were written showing the first query: each run changes those whose
    // state differs between the query shown and the new one, without reading the DOM.
    let first_state = form_state.get_untracked();
    let mut on_screen: Option<(Controls, AgendaQuery)> = None;
    effect(move || {
        let (read, shown) = match on_screen.take() {
            Some((read, shown)) if !read.checkboxes.is_empty() => (read, shown),
            _ => (
                section
                    .get_untracked()
                    .and_then(|s| {
                        s.query_selector(&format!(".{CONTROLS_CLASS}"))
                            .ok()
                            .flatten()
                    })
                    .map(|container| Controls::under(&container))
                    .unwrap_or_default(),
                first_state.clone(),
            ),
        };
        let now = form_state.get();
        read.show(&shown, &now);
        on_screen = Some((read, now));
    });
    // The search box shows the query's text when something else changed it (a tag
    // removed, "Réinitialiser").
    let mut first = true;
    effect(move || {
        let text = text.get();
        if !std::mem::take(&mut first) {
            if let Some(input) = by_id_as::<web_sys::HtmlInputElement>(SEARCH_ID)
                .filter(|input| input.value() != text)
            {
                input.set_value(&text);
            }
        }
    });
    let mut first = true;
    effect(move || {
        let label = toggle_label(active.with(Vec::len));
        if !std::mem::take(&mut first) {
            if let Some(toggle) = by_id(TOGGLE_ID) {
                toggle.set_text_content(Some(&label));
            }
        }
    });

    let on_input = move |target: &web_sys::EventTarget| {
        let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() else {
            return;
        };
        if input.name() == SEARCH_NAME {
            let mut q = query.get_untracked();
            q.filter.text = input.value();
            set_query.run(q);
        }
    };
    let on_change = move |target: &web_sys::EventTarget| {
        let (name, value, checked) =
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                (input.name(), input.value(), input.checked())
            } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
                (select.name(), select.value(), false)
            } else {
                return;
            };
        let current = query.get_untracked();
        match name.as_str() {
            // Its `input` events have written it already.
            SEARCH_NAME => {}
            REMEMBER_NAME => {
                remembering.set_value(checked);
                if checked {
                    my_authority::remember(current.filter.profile);
                } else {
                    my_authority::forget();
                }
            }
            _ => {
                let next = current.with_control(&name, &value, checked);
                if remembering.get_value() && next.filter.profile != current.filter.profile {
                    my_authority::remember(next.filter.profile);
                }
                set_query.run(next);
            }
        }
    };
    let on_click = move |ev: &web_sys::Event| {
        if let Some(toggle) = closest_to_target(ev, &format!("#{TOGGLE_ID}")) {
            let open = toggle.get_attribute("aria-expanded").as_deref() != Some("true");
            let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
            if let Some(panel) = by_id(PANEL_ID) {
                let _ = panel
                    .class_list()
                    .toggle_with_force("agenda-filters__panel--open", open);
            }
            return;
        }
        if closest_to_target(ev, &format!("#{FORGET_ID}")).is_none() {
            return;
        }
        my_authority::forget();
        remembering.set_value(false);
        if let Some(input) = section
            .get_untracked()
            .and_then(|s| {
                s.query_selector(&format!("[name={REMEMBER_NAME}]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(false);
        }
        let mut q = query.get_untracked();
        q.filter.profile = None;
        set_query.run(q);
    };
    let handle = move |ev: web_sys::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        match ev.type_().as_str() {
            "input" => on_input(&target),
            "change" => on_change(&target),
            _ => on_click(&ev),
        }
    };
    on_load(section, move |section| {
        crate::document::listen(&section, &["input", "change", "click"], handle)
    });

    view! {
        <section
            class="agenda-filters"
            id="filtres"
            aria-labelledby="filtres-titre"
            tabindex="-1"
            node_ref=section
            inner_html=html
        />
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
