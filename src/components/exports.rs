//! "Ajouter à mon agenda" and "Exporter la sélection": files generated in the browser
//! by the domain's exporters, offered as downloads (the buttons are HTML text of
//! the pages that offer them).

use agenda_core::export::ics;
use agenda_core::index::MilestoneRef;
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
    let options = ics::CalendarOptions::new(crate::document::base_url(), name, crate::data::now());
    let text = ics::calendar(&agenda.dataset, milestones, &options);
    download(filename, "text/calendar;charset=utf-8", &text);
}
