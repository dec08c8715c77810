//! The root component: loads the dataset, then routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::load_failure::LoadFailure;
use crate::data::{fetch_agenda, Agenda};
use crate::pages::{
    agenda::AgendaPage, chantier::ChantierPage, contribute::ContributePage, legal::LegalPage,
    not_found::NotFound, other_build::OtherBuild, subscriptions::SubscriptionsPage,
};

/// The routes of one build. The agenda and the contribution editor are two wasm
/// builds of this crate: each routes the other's addresses to [`OtherBuild`], which
/// loads them from the server.
pub type Pages = fn() -> AnyView;

/// The agenda's build: the agenda, the chantiers' pages, subscriptions, legal pages.
pub fn agenda_pages() -> AnyView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=AgendaPage />
            <Route path=path!("/chantiers/:id") view=ChantierPage />
            <Route path=path!("/abonnements") view=SubscriptionsPage />
            <Route path=path!("/contribuer") view=OtherBuild />
            <Route path=path!("/contribuer/:id") view=OtherBuild />
            <Route path=path!("/:page") view=LegalPage />
        </Routes>
    }
    .into_any()
}

/// The editor's build (`--features editor`), served at `/contribuer` and
/// `/contribuer/:id`; every other address belongs to the agenda's build.
pub fn editor_pages() -> AnyView {
    view! {
        <Routes fallback=OtherBuild>
            <Route path=path!("/contribuer") view=ContributePage />
            <Route path=path!("/contribuer/:id") view=ContributePage />
        </Routes>
    }
    .into_any()
}

/// The app: the dataset is loaded once per visit (and on "Réessayer"), then every
/// route reads it from context.
#[component]
pub fn App(pages: Pages) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let agenda = LocalResource::new(move || {
        attempt.track();
        fetch_agenda()
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));

    view! {
        <Router base=crate::document::base_path()>
            {move || match agenda.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <LoadFailure error retry /> }.into_any(),
                Some(Ok(loaded)) => {
                    let saved_copy_of = loaded.saved_copy_of;
                    provide_context::<Agenda>(loaded);
                    view! {
                        {saved_copy_of.map(|day| view! { <SavedCopyNotice day retry /> })}
                        {pages()}
                    }
                        .into_any()
                }
            }}
        </Router>
    }
}

/// Shown when the network failed and the last saved copy is displayed instead.
#[component]
fn SavedCopyNotice(day: chrono::NaiveDate, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" role="status" id="copie-enregistree">
            <p>
                {format!(
                    "Données du {} — connexion impossible, affichage de la dernière version enregistrée.",
                    agenda_core::french::day(day),
                )}
            </p>
            <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" on:click=move |_| retry.run(())>
                "Réessayer"
            </button>
        </div>
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
