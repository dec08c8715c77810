//! "S'abonner": the calendars and the feed generated at build time, whose URLs a
//! calendar client or a feed reader subscribes to.

use agenda_core::export::escape_markup;
use agenda_core::route::Route;
use leptos::prelude::*;

use crate::data::Agenda;

/// The subscription page.
#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    crate::document::set_title("S'abonner à l'agenda");
    let agenda = crate::reactive::context::<Agenda>();
    let base = crate::document::base_url();
    let whole = format!("{base}exports/agenda.ics");
    let feed = format!("{base}exports/nouveautes.atom");
    let link = |url: &str| {
        let url = escape_markup(url);
        format!(r#"<a href="{url}">{url}</a>"#)
    };
    let themes: String = agenda
        .dataset
        .themes
        .iter()
        .map(|t| {
            format!(
                "<li>{} : {}</li>",
                escape_markup(&t.label),
                link(&format!("{base}exports/themes/{}.ics", t.code))
            )
        })
        .collect();
    // Static text: written as HTML, not as a view (smaller wasm).
    let html = format!(
        concat!(
            r#"<h1>S'abonner à l'agenda</h1>"#,
            r#"<p class="fr-text--lead">Recevez les échéances dans votre logiciel d'agenda (Outlook, Thunderbird, agenda du téléphone) : il se met à jour quand l'agenda change.</p>"#,
            r#"<h2 class="fr-h4">Calendrier complet</h2>"#,
            r#"<p>Dans votre logiciel, choisissez « Ajouter un calendrier depuis Internet » ou « S'abonner à un calendrier », puis collez cette adresse :</p>"#,
            r#"<p class="agenda-url">{whole}</p>"#,
            r#"<h2 class="fr-h4">Un calendrier par thème</h2>"#,
            r#"<ul class="agenda-subscriptions__themes">{themes}</ul>"#,
            r#"<h2 class="fr-h4">Flux des nouveautés</h2>"#,
            r#"<p>Les chantiers ajoutés ou mis à jour, pour un lecteur de flux (format Atom) :</p>"#,
            r#"<p class="agenda-url">{feed}</p>"#,
            r#"<p class="fr-text--sm">Les dates connues au mois, au trimestre ou à l'année près apparaissent sur toute la période, avec la précision rappelée dans le titre (par exemple « [3e trimestre 2025] »).</p>"#,
            r#"<p><a class="fr-link" href="{agenda}">Revenir à l'agenda</a></p>"#,
        ),
        whole = link(&whole),
        themes = themes,
        feed = link(&feed),
        agenda = escape_markup(&crate::nav::href(&Route::Agenda)),
    );
    view! { <div class="agenda-subscriptions fr-my-4w" inner_html=html /> }
}
