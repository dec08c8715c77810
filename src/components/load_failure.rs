//! The page shown when the dataset cannot be loaded at all, and the notice shown
//! when the network failed and the last saved copy is displayed instead: HTML text,
//! each with a "Réessayer" button.

use agenda_core::export::escape_markup;
use leptos::prelude::*;

use crate::data::DataError;
use crate::reactive::on_load;

/// An element of HTML text whose "Réessayer" button runs `retry`.
fn with_retry(html: String, retry: Callback<()>) -> impl IntoView {
    let part = NodeRef::<leptos::html::Div>::new();
    on_load(part, move |part| {
        crate::document::listen(&part, &["click"], move |ev| {
            if crate::document::closest_to_target(&ev, "button").is_some() {
                retry.run(());
            }
        })
    });
    view! { <div node_ref=part inner_html=html /> }
}

/// The French explanation and a "Réessayer" button.
#[component]
pub fn LoadFailure(error: DataError, retry: Callback<()>) -> impl IntoView {
    crate::document::set_title("Agenda indisponible");
    let html = format!(
        concat!(
            r#"<div class="fr-alert fr-alert--error" role="alert" id="erreur-chargement">"#,
            r#"<h1 class="fr-alert__title">L'agenda n'a pas pu être chargé</h1><p>{}</p>"#,
            r#"<button type="button" class="fr-btn fr-mt-2w">Réessayer</button></div>"#,
        ),
        escape_markup(&error.to_string())
    );
    with_retry(html, retry)
}

/// Shown when the network failed and the last saved copy is displayed instead.
#[component]
pub fn SavedCopyNotice(day: chrono::NaiveDate, retry: Callback<()>) -> impl IntoView {
    let html = format!(
        concat!(
            r#"<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" role="status" id="copie-enregistree">"#,
            r#"<p>Données du {} — connexion impossible, affichage de la dernière version enregistrée.</p>"#,
            r#"<button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w">Réessayer</button></div>"#,
        ),
        escape_markup(&agenda_core::french::day(day))
    );
    with_retry(html, retry)
}
