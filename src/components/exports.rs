//! "Ajouter à mon agenda" and "Exporter la sélection": files generated in the browser
//! by the domain's exporters, offered as downloads.

use agenda_core::export::{csv::csv, ics};
use agenda_core::index::MilestoneRef;
use agenda_core::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::Agenda;

/// Offers `content` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(filename);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// An iCalendar file of these milestones.
pub fn download_calendar(
    agenda: &Agenda,
    milestones: &[MilestoneRef],
    name: String,
    filename: &str,
) {
    let options = ics::CalendarOptions::new(crate::document::base_url(), name, chrono::Utc::now());
    let text = ics::calendar(&agenda.dataset, milestones, &options);
    download(filename, "text/calendar;charset=utf-8", &text);
}

/// "Exporter la sélection (.ics)" and "(CSV)" for the agenda's current selection.
#[component]
pub fn ExportSelection(milestones: Signal<Vec<MilestoneRef>>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let ics_agenda = agenda.clone();
    let export_ics = move |_| {
        let name = format!("{} — sélection", ics::CALENDAR_NAME);
        download_calendar(
            &ics_agenda,
            &milestones.get_untracked(),
            name,
            "agenda-selection.ics",
        );
    };
    let export_csv = move |_| {
        let text = csv(
            &agenda.dataset,
            &milestones.get_untracked(),
            &crate::document::base_url(),
            agenda.today,
        );
        download("agenda-selection.csv", "text/csv;charset=utf-8", &text);
    };
    view! {
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm agenda-exports">
            <li>
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="exporter-ics" on:click=export_ics>
                    "Exporter la sélection (.ics)"
                </button>
            </li>
            <li>
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="exporter-csv" on:click=export_csv>
                    "Exporter la sélection (CSV)"
                </button>
            </li>
            <li>
                <a class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" href=crate::nav::href(&Route::Subscriptions)>
                    "S'abonner"
                </a>
            </li>
        </ul>
    }
}

/// "Ajouter à mon agenda" for some milestones (one, or all of a chantier's).
#[component]
pub fn AddToCalendar(
    milestones: Vec<MilestoneRef>,
    #[prop(into)] label: String,
    #[prop(into)] accessible_label: String,
    filename: String,
) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let add = move |_| {
        let name = ics::CALENDAR_NAME.to_string();
        download_calendar(&agenda, &milestones, name, &filename);
    };
    view! {
        <button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm agenda-add-calendar" aria-label=accessible_label on:click=add>
            {label}
        </button>
    }
}
