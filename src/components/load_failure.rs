//! The page shown when the dataset cannot be loaded at all.

use leptos::prelude::*;

use crate::data::DataError;

/// The French explanation and a "Réessayer" button.
#[component]
pub fn LoadFailure(error: DataError, retry: Callback<()>) -> impl IntoView {
    crate::document::set_title("Agenda indisponible");
    view! {
        <div class="fr-alert fr-alert--error" role="alert" id="erreur-chargement">
            <h1 class="fr-alert__title">"L'agenda n'a pas pu être chargé"</h1>
            <p>{error.to_string()}</p>
            <button type="button" class="fr-btn fr-mt-2w" on:click=move |_| retry.run(())>
                "Réessayer"
            </button>
        </div>
    }
}
