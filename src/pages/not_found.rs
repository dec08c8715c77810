//! "Page introuvable", with a way back.

use agenda_core::export::escape_markup;
use agenda_core::AgendaQuery;
use leptos::prelude::*;

use crate::nav::agenda_href;

/// Any address that is no page of the app.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <NotFoundMessage
            title="Page introuvable"
            text="La page que vous cherchez n'existe pas ou a été déplacée. Vérifiez l'adresse, ou revenez à l'agenda.".to_string()
        />
    }
}

/// A French "introuvable" message with a link back to the agenda; the page's title
/// says the same.
#[component]
pub fn NotFoundMessage(title: &'static str, text: String) -> impl IntoView {
    crate::document::set_title(title);
    let html = format!(
        r#"<h1>{}</h1><p class="fr-text--lead">{}</p><p><a class="fr-btn" href="{}">Revenir à l'agenda</a></p>"#,
        escape_markup(title),
        escape_markup(&text),
        escape_markup(&agenda_href(&AgendaQuery::default())),
    );
    view! { <div class="agenda-not-found fr-my-4w" inner_html=html /> }
}
