//! The pages the footer must link to: accessibility, legal notice, personal data,
//! cookies. Their text is French and states only what is true of this service.

use agenda_core::export::escape_markup;
use agenda_core::route::Route;
use leptos::prelude::*;

use crate::pages::not_found::NotFound;

struct LegalText {
    title: &'static str,
    paragraphs: &'static [&'static str],
}

fn legal_text(page: &str) -> Option<LegalText> {
    Some(match page {
        "accessibilite" => LegalText {
            title: "Déclaration d'accessibilité",
            paragraphs: &[
                "L'Agence nationale de la cohésion des territoires s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
                "État de conformité : l'Agenda numérique des collectivités est non conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1), faute d'audit réalisé à ce jour. Le service est conçu et testé pour respecter ce référentiel : navigation au clavier, structure de titres, champs étiquetés, messages d'état annoncés, contrastes et affichage à 320 pixels de large.",
                "Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'équipe de l'agenda pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
                "Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, et que vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.",
            ],
        },
        "mentions-legales" => LegalText {
            title: "Mentions légales",
            paragraphs: &[
                "Éditeur : Agence nationale de la cohésion des territoires (ANCT), dans le cadre du programme « Transformation numérique des territoires ».",
                "Les contenus de l'agenda sont publiés sous licence ouverte etalab-2.0 : vous pouvez les réutiliser librement en citant leur source.",
                "L'agenda résume des textes et annonces publics ; seuls les textes officiels font foi. Chaque chantier renvoie à ses sources.",
            ],
        },
        "donnees-personnelles" => LegalText {
            title: "Données personnelles",
            paragraphs: &[
                "L'agenda ne collecte aucune donnée personnelle : il ne comporte ni compte, ni formulaire transmis à un serveur, ni outil de mesure d'audience.",
                "Les préférences que vous choisissez d'enregistrer restent dans votre navigateur et peuvent être effacées à tout moment.",
            ],
        },
        "gestion-des-cookies" => LegalText {
            title: "Gestion des cookies",
            paragraphs: &[
                "L'agenda ne dépose aucun cookie et n'utilise aucun traceur. Aucun consentement n'est donc nécessaire.",
            ],
        },
        _ => return None,
    })
}

/// The footer's mandatory pages; any other single-segment path is "introuvable".
#[component]
pub fn LegalPage(name: String) -> impl IntoView {
    match legal_text(&name) {
        Some(text) => {
            crate::document::set_title(text.title);
            let paragraphs: String = text
                .paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", escape_markup(p)))
                .collect();
            let html = format!(
                r#"<h1>{}</h1>{paragraphs}<p><a class="fr-link" href="{}">Revenir à l'agenda</a></p>"#,
                escape_markup(text.title),
                escape_markup(&crate::nav::href(&Route::Agenda)),
            );
            // Static text: written as HTML, not as a view (smaller wasm).
            view! { <div class="agenda-legal fr-my-4w" inner_html=html /> }.into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}
