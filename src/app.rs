//! The root component: loads the dataset, then routes.

use agenda_core::route::Route;
use leptos::prelude::*;

use crate::components::load_failure::{LoadFailure, SavedCopyNotice};
use crate::data::{fetch_agenda, Agenda, DataError};
use crate::pages::{
    agenda::AgendaPage, chantier::ChantierPage, contribute::ContributePage, legal::LegalPage,
    not_found::NotFound, other_build::OtherBuild, subscriptions::SubscriptionsPage,
};
use crate::reactive::memo;
use crate::router::{use_location, Router};

/// The pages of one build. The agenda and the contribution editor are two wasm
/// builds of this crate: each shows the other's addresses with [`OtherBuild`], which
/// loads them from the server, and leaves the browser to follow links to them.
#[derive(Clone, Copy)]
pub struct Pages {
    /// Whether this build shows the page itself.
    pub shows: fn(&Route) -> bool,
    /// The page's view.
    pub view: fn(Route) -> AnyView,
}

/// The agenda's build: the agenda, the chantiers' pages, subscriptions, legal pages.
pub const AGENDA_PAGES: Pages = Pages {
    shows: |route| !matches!(route, Route::Contribute(_)),
    view: agenda_page,
};

fn agenda_page(route: Route) -> AnyView {
    match route {
        Route::Agenda => view! { <AgendaPage /> }.into_any(),
        Route::Chantier(id) => view! { <ChantierPage id /> }.into_any(),
        Route::Subscriptions => view! { <SubscriptionsPage /> }.into_any(),
        Route::Page(name) => view! { <LegalPage name /> }.into_any(),
        Route::NotFound(_) => view! { <NotFound /> }.into_any(),
        Route::Contribute(_) => view! { <OtherBuild /> }.into_any(),
    }
}

/// The editor's build (`--features editor`), served at `/contribuer` and
/// `/contribuer/:id`; every other address belongs to the agenda's build.
pub const EDITOR_PAGES: Pages = Pages {
    shows: |route| matches!(route, Route::Contribute(_)),
    view: editor_page,
};

fn editor_page(route: Route) -> AnyView {
    match route {
        Route::Contribute(id) => view! { <ContributePage id /> }.into_any(),
        _ => view! { <OtherBuild /> }.into_any(),
    }
}

/// The app: the dataset is loaded once per visit (and on "Réessayer"), then every
/// route reads it from context.
#[component]
pub fn App(pages: Pages) -> impl IntoView {
    // A signal written by a task rather than a `LocalResource`: the app has one load,
    // and Leptos' async machinery (futures as reactive sources, transitions) would
    // add 10 kB gzip to the wasm for it (README, "Performance").
    let agenda = RwSignal::new_local(None::<Result<Agenda, DataError>>);
    let attempt = StoredValue::new(0u32);
    let load = move || {
        attempt.update_value(|n| *n += 1);
        let this_attempt = attempt.get_value();
        // After a failure, "Chargement…" says the retry started; a saved copy stays
        // on screen until the fresh dataset replaces it.
        if agenda.with_untracked(|a| matches!(a, Some(Err(_)))) {
            agenda.set(None);
        }
        leptos::task::spawn_local(async move {
            let result = fetch_agenda().await;
            // A retry started meanwhile wins.
            if attempt.get_value() == this_attempt {
                agenda.set(Some(result));
            }
        });
    };
    load();
    let retry = Callback::new(move |()| load());

    view! {
        <Router shows=pages.shows>
            {move || match agenda.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <LoadFailure error retry /> }.into_any(),
                Some(Ok(loaded)) => {
                    let saved_copy_of = loaded.saved_copy_of;
                    provide_context::<Agenda>(loaded);
                    let location = use_location();
                    // A new page only when the path changes, not the query.
                    let route = memo(move || Route::parse(&location.path.get()));
                    view! {
                        {saved_copy_of.map(|day| view! { <SavedCopyNotice day retry /> })}
                        {move || (pages.view)(route.get())}
                    }
                        .into_any()
                }
            }}
        </Router>
    }
}

#[component]
fn Loading() -> impl IntoView {
    // What index.html shows before the app starts, so nothing moves meanwhile.
    view! {
        <p class="agenda-loading" role="status">
            "Chargement de l'agenda…"
        </p>
    }
}
