//! "S'abonner": the calendars and the feed generated at build time, whose URLs a
//! calendar client or a feed reader subscribes to.

use agenda_core::route::Route;
use leptos::prelude::*;

use crate::data::Agenda;

/// The subscription page.
#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    crate::document::set_title("S'abonner à l'agenda");
    let agenda = expect_context::<Agenda>();
    let base = crate::document::base_url();
    let whole = format!("{base}exports/agenda.ics");
    let feed = format!("{base}exports/nouveautes.atom");
    let themes: Vec<(String, String)> = agenda
        .dataset
        .themes
        .iter()
        .map(|t| {
            (
                t.label.clone(),
                format!("{base}exports/themes/{}.ics", t.code),
            )
        })
        .collect();
    view! {
        <div class="agenda-subscriptions fr-my-4w">
            <h1>"S'abonner à l'agenda"</h1>
            <p class="fr-text--lead">
                "Recevez les échéances dans votre logiciel d'agenda (Outlook, Thunderbird, agenda du téléphone) : il se met à jour quand l'agenda change."
            </p>
            <h2 class="fr-h4">"Calendrier complet"</h2>
            <p>
                "Dans votre logiciel, choisissez « Ajouter un calendrier depuis Internet » ou « S'abonner à un calendrier », puis collez cette adresse :"
            </p>
            <p class="agenda-url"><a href=whole.clone()>{whole.clone()}</a></p>
            <h2 class="fr-h4">"Un calendrier par thème"</h2>
            <ul class="agenda-subscriptions__themes">
                {themes
                    .into_iter()
                    .map(|(label, url)| view! { <li>{label} " : " <a href=url.clone()>{url.clone()}</a></li> })
                    .collect_view()}
            </ul>
            <h2 class="fr-h4">"Flux des nouveautés"</h2>
            <p>"Les chantiers ajoutés ou mis à jour, pour un lecteur de flux (format Atom) :"</p>
            <p class="agenda-url"><a href=feed.clone()>{feed.clone()}</a></p>
            <p class="fr-text--sm">
                "Les dates connues au mois, au trimestre ou à l'année près apparaissent sur toute la période, avec la précision rappelée dans le titre (par exemple « [3e trimestre 2025] »)."
            </p>
            <p><a class="fr-link" href=crate::nav::href(&Route::Agenda)>"Revenir à l'agenda"</a></p>
        </div>
    }
}
