//! URLs of the app's views, and the agenda query as reactive state.
//!
//! The URL is the single source of truth for filters: components read the parsed
//! [`AgendaQuery`] and write a new one, which replaces the history entry.

use agenda_core::route::Route;
use agenda_core::AgendaQuery;
use leptos::prelude::*;

use crate::data::Agenda;
use crate::reactive::{memo, Computed};
use crate::router::{use_location, use_navigate};

/// An absolute path within the app, under its base ("/agenda" when hosted there).
fn app_path(path: &str) -> String {
    format!("{}{path}", crate::document::base_path())
}

/// The address of a page of the app.
pub fn href(route: &Route) -> String {
    app_path(&route.path())
}

fn with_query(path: &str, query: &AgendaQuery) -> String {
    with_query_string(path, &query.to_query_string())
}

/// `path` under the app's base, followed by `?query_string` unless it is empty.
fn with_query_string(path: &str, query_string: &str) -> String {
    if query_string.is_empty() {
        app_path(path)
    } else {
        app_path(&format!("{path}?{query_string}"))
    }
}

/// The agenda showing `query`.
pub fn agenda_href(query: &AgendaQuery) -> String {
    with_query(&Route::Agenda.path(), query)
}

/// A chantier's page; it carries the agenda's query so "Retour à l'agenda" restores it.
pub fn chantier_href(id: &str, query: &AgendaQuery) -> String {
    with_query(&Route::Chantier(id.to_string()).path(), query)
}

/// The links of a list of chantiers (the timeline's milestones, the frise's boxes):
/// each carries the agenda's query, printed once per change for all of them rather
/// than by each link at every keystroke.
#[derive(Clone, Copy)]
pub struct ChantierLinks(Computed<String>);

impl ChantierLinks {
    pub fn new(query: Computed<AgendaQuery>) -> ChantierLinks {
        ChantierLinks(memo(move || query.with(AgendaQuery::to_query_string)))
    }

    /// [`chantier_href`] of `id` with the current query; reactive.
    pub fn href(self, id: &str) -> String {
        let path = Route::Chantier(id.to_string()).path();
        self.0
            .with(|query_string| with_query_string(&path, query_string))
    }

    /// [`ChantierLinks::href`], not tracked: for a link rewritten by
    /// [`ChantierLinks::rewrite`].
    pub fn href_untracked(self, id: &str) -> String {
        untrack(|| self.href(id))
    }

    /// Subscribes the running effect to the query.
    pub fn track(self) {
        self.0.track();
    }

    /// Gives every link under `root` to a page of the app the current query, keeping
    /// its path: one pass for all the links of a list, instead of an effect per link.
    pub fn rewrite(self, root: &web_sys::Element) {
        let Ok(links) = root.query_selector_all("a[href]") else {
            return;
        };
        self.0.with_untracked(|query_string| {
            let search = if query_string.is_empty() {
                String::new()
            } else {
                format!("?{query_string}")
            };
            for link in crate::document::nodes_as::<web_sys::HtmlAnchorElement>(&links) {
                // Links built since the change have it already.
                if link.search() != search {
                    link.set_href(&format!("{}{search}", link.pathname()));
                }
            }
        });
    }
}

/// The current agenda query, parsed from the URL; unknown codes dropped.
pub fn use_agenda_query() -> Computed<AgendaQuery> {
    let location = use_location();
    let agenda = crate::reactive::context::<Agenda>();
    memo(move || {
        let mut query = AgendaQuery::parse(&location.search.get());
        query.retain_known(&agenda.dataset);
        query
    })
}

/// Shows the agenda with another query: replaces the history entry and keeps the
/// scroll position, so filtering never jumps the page.
pub fn use_set_agenda_query() -> Callback<AgendaQuery> {
    let navigate = use_navigate();
    Callback::new(move |query: AgendaQuery| navigate(&agenda_href(&query), true))
}
