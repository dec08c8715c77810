//! The address as reactive state: which page ([`Route`]) and which query, links of
//! the app followed without loading a document, the browser's back and forward.
//!
//! Why not leptos_router: six pages, each one path, need none of its nesting,
//! loaders or forms, and it was 11 % of the agenda's wasm (README,
//! "Performance"). What it did that users notice is here: a click on a link of a
//! page this build shows (left button, no modifier key, no `target`, `download` or
//! `rel="external"`) changes the address and the page without a reload; a new page
//! starts at its top, or at the element its `#fragment` names; back and forward
//! restore the page and its filters.

use crate::reactive::{memo, Computed};
use agenda_core::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current address, under the app's base.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path from the app's base, e.g. `/chantiers/referentiel-m57`.
    pub path: Computed<String>,
    /// The query string, without its `?`.
    pub search: Computed<String>,
}

/// Which pages a build shows itself; the others are loaded from the server.
pub type Shows = fn(&Route) -> bool;

#[derive(Clone, Copy)]
struct Address(RwSignal<(String, String)>);

/// Provides the address to the app and follows its links (see the module's comment).
#[component]
pub fn Router(shows: Shows, children: Children) -> impl IntoView {
    let address = RwSignal::new(read_address());
    provide_context(Address(address));
    let path = memo(move || address.with(|(path, _)| path.clone()));
    let search = memo(move || address.with(|(_, search)| search.clone()));
    provide_context(Location { path, search });
    // The router lives as long as the page: its listeners with it.
    if let Some(window) = web_sys::window() {
        crate::document::listen(&window, &["popstate", "click"], move |ev| {
            if let Some(click) = ev.dyn_ref::<web_sys::MouseEvent>() {
                follow_link(click, shows, address);
            } else {
                // A filter change not yet written belonged to the entry just left:
                // written now, it would land on this one.
                PENDING_REPLACE.with(|pending| pending.borrow_mut().take());
                address.set(read_address());
            }
        });
    }
    children()
}

/// The current address.
pub fn use_location() -> Location {
    crate::reactive::context::<Location>()
}

/// Shows `href` (a path under the app's base, with its query): a new history entry
/// that starts at the top of the page, or, with `replace`, the same entry and the
/// same scroll position (a filter changed).
pub fn use_navigate() -> impl Fn(&str, bool) + Copy {
    let Address(address) = crate::reactive::context::<Address>();
    move |href: &str, replace: bool| go(href, replace, address)
}

fn go(href: &str, replace: bool, address: RwSignal<(String, String)>) {
    if replace {
        // A filter changed: the page follows at once, the address bar once the
        // browser is idle, after the frame that shows the change. Writing it cost
        // Chromium 0.5–5 ms, inside that frame, and nobody reads it while typing;
        // the writes of a fast typist coalesce into one.
        let first = PENDING_REPLACE
            .with(|pending| pending.borrow_mut().replace(href.to_string()).is_none());
        match address_of(href) {
            Some(moved) => {
                if first {
                    crate::document::when_idle(settle_address);
                }
                address.set(moved);
            }
            // Not an address the browser reads: write it now, as it did before.
            None => {
                settle_address();
                address.set(read_address());
            }
        }
        return;
    }
    settle_address();
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    if history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        .is_err()
    {
        // Another origin, or a browser that refuses: load the address instead.
        let _ = web_sys::window().map(|w| w.location().set_href(href));
        return;
    }
    address.set(read_address());
    // Once the new page is in the document.
    request_animation_frame(scroll_to_fragment_or_top);
}

thread_local! {
    /// The address a filter change replaced the current one with, not yet written to
    /// the history (see [`go`]).
    static PENDING_REPLACE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Writes a pending filter change to the address bar. Anything that reads the
/// browser's address, or adds a history entry after it, calls this first.
pub fn settle_address() {
    let Some(href) = PENDING_REPLACE.with(|pending| pending.borrow_mut().take()) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let written = window.history().is_ok_and(|history| {
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
            .is_ok()
    });
    if !written {
        // Another origin, or a browser that refuses: load the address instead.
        let _ = window.location().set_href(&href);
    }
}

/// The path (under the app's base) and query of `href`, resolved against the current
/// address, as [`read_address`] would read them once it is written.
fn address_of(href: &str) -> Option<(String, String)> {
    let current = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(href, &current).ok()?;
    let path = url.pathname();
    let path = under_base(&path).unwrap_or(path);
    Some((path, url.search().trim_start_matches('?').to_string()))
}

fn scroll_to_fragment_or_top() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = window.location().hash().unwrap_or_default();
    let target = fragment
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| crate::document::by_id(&agenda_core::query::decode(id)));
    match target {
        Some(element) => element.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// The address bar's path (under the app's base) and query.
fn read_address() -> (String, String) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return ("/".into(), String::new());
    };
    let path = location.pathname().unwrap_or_default();
    let path = under_base(&path).unwrap_or(path);
    let search = location.search().unwrap_or_default();
    (path, search.trim_start_matches('?').to_string())
}

/// `path` without the app's base ("/agenda/chantiers/x" → "/chantiers/x"), if it is
/// under it.
fn under_base(path: &str) -> Option<String> {
    let base = crate::document::base_path();
    let rest = path.strip_prefix(base.as_str())?;
    match rest {
        "" => Some("/".into()),
        _ if rest.starts_with('/') => Some(rest.to_string()),
        _ => None,
    }
}

/// A click on a link of a page this build shows: followed in the app.
fn follow_link(ev: &web_sys::MouseEvent, shows: Shows, address: RwSignal<(String, String)>) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.alt_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel_external = link
        .rel()
        .split_ascii_whitespace()
        .any(|word| word.eq_ignore_ascii_case("external"));
    let other_target = !matches!(link.target().to_ascii_lowercase().as_str(), "" | "_self");
    if rel_external || other_target || link.has_attribute("download") {
        return;
    }
    settle_address();
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    if Some(link.origin()) != location.origin().ok() {
        return;
    }
    let link_path = link.pathname();
    let Some(path) = under_base(&link_path) else {
        return;
    };
    if !shows(&Route::parse(&path)) {
        return;
    }
    // Only the fragment differs: the browser scrolls to it.
    let same_page = location.pathname().ok().as_deref() == Some(link_path.as_str())
        && location.search().ok() == Some(link.search());
    if same_page && !link.hash().is_empty() {
        return;
    }
    ev.prevent_default();
    go(&link.href(), false, address);
}
