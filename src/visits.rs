//! "Nouveautés": the day of the user's previous visit, remembered in this browser.
//!
//! Two dates are kept: the day of the latest visit, and the day of the visit before
//! it. On the first visit of a new day the latest becomes the reference, so reloading
//! the page the same day keeps showing the same novelties.

use chrono::NaiveDate;

const LATEST: &str = "agenda-numerique.visite.derniere";
const REFERENCE: &str = "agenda-numerique.visite.reference";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(storage: &web_sys::Storage, key: &str) -> Option<NaiveDate> {
    agenda_core::date::parse_day(&storage.get_item(key).ok().flatten()?).ok()
}

/// Records today's visit and returns the day of the previous one (None on a first
/// visit, or when the browser keeps nothing).
pub fn previous_visit(today: NaiveDate) -> Option<NaiveDate> {
    let storage = storage()?;
    let latest = read(&storage, LATEST);
    let reference = match latest {
        Some(day) if day < today => {
            let _ = storage.set_item(REFERENCE, &day.to_string());
            Some(day)
        }
        _ => read(&storage, REFERENCE),
    };
    let _ = storage.set_item(LATEST, &today.to_string());
    reference
}
