//! "Ma collectivité" remembered in this browser, only if the user asks: its fields
//! are the filter panel's (`filters_markup`), its profile the query's.

use agenda_core::profile::Profile;
use agenda_core::AgendaQuery;

const STORAGE_KEY: &str = "agenda-numerique.ma-collectivite";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The profile remembered in this browser, if the user opted in.
pub fn remembered() -> Option<Profile> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    AgendaQuery::parse(&text).filter.profile
}

/// Remembers `profile`, or forgets the one remembered when there is none.
pub fn remember(profile: Option<Profile>) {
    let Some(profile) = profile else {
        forget();
        return;
    };
    let query = AgendaQuery {
        filter: agenda_core::Filter {
            profile: Some(profile),
            ..Default::default()
        },
        ..Default::default()
    };
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &query.to_query_string());
    }
}

/// Forgets the profile remembered, if any.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}
