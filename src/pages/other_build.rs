//! Addresses served by the other build (the agenda's or the editor's, see
//! [`crate::app::Pages`]): links to them are left to the browser, but the back button
//! can return to one without a page load, so the page is loaded from the server,
//! which answers with the right build.

use leptos::prelude::*;

use crate::pages::not_found::NotFound;

/// Reloads the address from the server. If the document was already loaded at this
/// address, the server sent the wrong build (or the address exists in neither):
/// reloading again would loop, so "Page introuvable" is shown instead.
#[component]
pub fn OtherBuild() -> impl IntoView {
    let stuck = RwSignal::new(false);
    // Decided once the page is drawn, so "Chargement de la page…" never flashes on a
    // quick reload.
    request_animation_frame(move || {
        if crate::document::still_at_loaded_path() {
            leptos::logging::warn!(
                "This address is not a page of this build. The host must answer \
                 /contribuer and /contribuer/… with contribuer/index.html and every other \
                 page with index.html: see docs/hosting.md."
            );
            stuck.set(true);
        } else {
            crate::document::reload();
        }
    });
    move || {
        if stuck.get() {
            view! { <NotFound /> }.into_any()
        } else {
            view! {
                <p class="agenda-loading" role="status">
                    "Chargement de la page…"
                </p>
            }
            .into_any()
        }
    }
}
