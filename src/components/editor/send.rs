//! Sending: the file (download, copy), what changes, the pre-filled e-mail, what
//! happens next; and, on a chantier's page, the ways to contribute and give feedback.

use std::sync::Arc;

use agenda_core::draft::{contribution_email, contribution_filename, feedback_email};
use agenda_core::merge::Contribution;
use agenda_core::route::Route;
use agenda_core::{french, Chantier, Dataset};
use leptos::prelude::*;

use super::Editor;
use crate::components::chantier_markup::external_link_html;
use crate::data::Agenda;
use crate::reactive::{memo, Computed};

/// "Envoyer la contribution": export buttons (disabled, with the reason, while the
/// entry is invalid), the change summary of an update, how to send, what comes next.
#[component]
pub fn SendSection(
    ed: Editor,
    dataset: Arc<Dataset>,
    published: Option<Chantier>,
    on_check: Callback<()>,
) -> impl IntoView {
    let contribution: Computed<Option<Contribution>> =
        memo(move || ed.report.with(|r| r.contribution.clone()));
    let errors = memo(move || ed.report.with(|r| r.problems.len()));
    let valid = move || contribution.with(Option::is_some);
    let update = published.is_some();
    let changes = memo(move || {
        contribution.with(|c| match (c, &published) {
            (Some(c), Some(p)) => Some(agenda_core::merge::changes(p, &c.chantier)),
            _ => None,
        })
    });
    let channel = dataset.contributions.clone().unwrap_or_default();
    let email = channel
        .email
        .clone()
        .filter(|e| agenda_core::validate::is_email(e));
    let repository = channel
        .repository_url
        .clone()
        .filter(|u| agenda_core::validate::is_safe_url(u));
    let copied = RwSignal::new(None::<bool>);

    let download = move |_| match contribution.get_untracked() {
        Some(c) => crate::components::exports::download(
            &contribution_filename(&c.chantier.id),
            "application/json;charset=utf-8",
            &c.to_json(),
        ),
        None => on_check.run(()),
    };
    let copy = move |_| {
        if let Some(c) = contribution.get_untracked() {
            leptos::task::spawn_local(async move {
                let ok = crate::document::copy_to_clipboard(&c.to_json()).await;
                copied.set(Some(ok));
            });
        }
    };
    let mail = {
        let email = email.clone();
        move || {
            let email = email.clone()?;
            let c = contribution.get()?;
            let lines = changes.get().unwrap_or_default();
            Some(contribution_email(&email, &c, &lines).mailto())
        }
    };
    let filename = move || {
        ed.draft.with(|d| {
            let id = d.id.trim();
            if agenda_core::validate::is_slug(id) {
                contribution_filename(id)
            } else {
                contribution_filename("identifiant-du-chantier")
            }
        })
    };

    view! {
        <section class="agenda-editor__section" id="envoi" aria-labelledby="envoi-titre">
            <h2 class="fr-h3" id="envoi-titre" tabindex="-1">"Envoyer la contribution"</h2>
            {update
                .then(|| {
                    view! {
                        <h3 class="fr-h5">"Ce qui change par rapport à la fiche publiée"</h3>
                        {move || match changes.get() {
                            Some(lines) if lines.is_empty() => view! {
                                <p id="changements">"Aucune modification pour l'instant."</p>
                            }
                            .into_any(),
                            Some(lines) => view! {
                                <ul id="changements" class="agenda-editor__changes">
                                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                </ul>
                            }
                            .into_any(),
                            None => view! {
                                <p id="changements">"La liste des changements s'affichera quand la saisie sera complète."</p>
                            }
                            .into_any(),
                        }}
                    }
                })}

            <h3 class="fr-h5">"1. Télécharger le fichier de contribution"</h3>
            <p id="export-etat" class="agenda-editor__state" class:agenda-editor__state--ok=valid>
                {move || {
                    if valid() {
                        "La saisie est complète : le fichier est prêt.".to_string()
                    } else {
                        format!(
                            "Le fichier pourra être téléchargé quand la saisie ne comportera plus d'erreur (il en reste {}).",
                            errors.get(),
                        )
                    }
                }}
            </p>
            <Show when=move || !valid()>
                <p>
                    <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="verifier-saisie-envoi" on:click=move |_| on_check.run(())>
                        "Vérifier la saisie et voir les erreurs"
                    </button>
                </p>
            </Show>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li>
                    <button
                        type="button"
                        class="fr-btn"
                        id="telecharger-contribution"
                        disabled=move || !valid()
                        aria-describedby="export-etat"
                        on:click=download
                    >
                        "Télécharger la contribution (.json)"
                    </button>
                </li>
                <li>
                    <button
                        type="button"
                        class="fr-btn fr-btn--secondary"
                        id="copier-contribution"
                        disabled=move || !valid()
                        aria-describedby="export-etat"
                        on:click=copy
                    >
                        "Copier dans le presse-papiers"
                    </button>
                </li>
            </ul>
            <p role="status" class="fr-text--sm" id="copie-contribution-etat">
                {move || match copied.get() {
                    Some(true) => "Contribution copiée dans le presse-papiers.",
                    Some(false) => "La copie a échoué : téléchargez plutôt le fichier.",
                    None => "",
                }}
            </p>

            <h3 class="fr-h5">"2. L'envoyer à l'équipe de l'agenda"</h3>
            {match (email.clone(), repository.clone()) {
                (None, None) => view! {
                    <p>"Envoyez le fichier à l'équipe de l'agenda, en précisant votre service et une personne à contacter."</p>
                }
                .into_any(),
                (email, repository) => view! {
                    {email.map(|email| view! {
                        <p>
                            "Par courriel à "
                            <strong>{email.clone()}</strong>
                            {move || format!(
                                ", en joignant le fichier {} ; indiquez votre service, une personne à contacter et les sources qui justifient les dates.",
                                filename(),
                            )}
                        </p>
                        {move || match mail() {
                            Some(href) => view! {
                                <p>
                                    <a class="fr-btn fr-btn--secondary" id="envoyer-courriel" href=href>
                                        "Préparer le message"
                                    </a>
                                </p>
                                <p class="fr-text--sm">"Le message s'ouvre dans votre logiciel de messagerie, pré-rempli : il reste à y joindre le fichier."</p>
                            }
                            .into_any(),
                            None => view! {
                                <p class="fr-text--sm">"Un message pré-rempli vous sera proposé quand la saisie sera complète."</p>
                            }
                            .into_any(),
                        }}
                    })}
                    {repository.map(|url| {
                        let mut text = String::from("Vous pouvez aussi proposer le fichier sur le ");
                        external_link_html(&mut text, &url, "dépôt de l'agenda");
                        text.push('.');
                        view! { <p inner_html=text /> }
                    })}
                }
                .into_any(),
            }}

            <h3 class="fr-h5">"3. Et ensuite ?"</h3>
            <ol class="agenda-editor__next">
                <li>"L'équipe de l'agenda vérifie le fichier avec l'outil « agenda validate », qui applique les mêmes règles que ce formulaire."</li>
                <li>"Elle l'intègre au jeu de données avec « agenda merge ». Si elle refuse ou corrige votre proposition, elle vous écrit avec les messages de l'outil."</li>
                <li>"Le chantier apparaît dans l'agenda à la publication suivante, avec sa nouvelle date de mise à jour."</li>
            </ol>
        </section>
    }
}

/// On a chantier's page: "Proposer une mise à jour" (the editor, pre-filled) and
/// "Donner votre avis / signaler une difficulté" (an e-mail to the chantier's contact,
/// or else to the agenda's team), as HTML text.
pub fn contribute_links_html(agenda: &Agenda, chantier: &Chantier) -> String {
    use agenda_core::export::escape_markup;
    let fallback = agenda
        .dataset
        .contributions
        .as_ref()
        .and_then(|c| c.email.clone());
    let page = format!(
        "{}{}",
        crate::document::base_url().trim_end_matches('/'),
        Route::Chantier(chantier.id.clone()).path()
    );
    let mail = feedback_email(chantier, fallback.as_deref(), &page);
    let edit = crate::nav::href(&Route::Contribute(Some(chantier.id.clone())));
    let (feedback, sent_to) = match &mail {
        Some(m) => (
            format!(
                r#"<li><a class="fr-btn fr-btn--tertiary" id="donner-avis" href="{}">Donner votre avis / signaler une difficulté</a></li>"#,
                escape_markup(&m.mailto())
            ),
            format!(" Votre avis part par courriel à {}.", escape_markup(&m.to)),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        concat!(
            r#"<section class="agenda-detail__contribute fr-mt-4w" aria-labelledby="contribuer-fiche">"#,
            r#"<h2 class="fr-h4" id="contribuer-fiche">Contribuer à cette fiche</h2>"#,
            r#"<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">"#,
            r#"<li><a class="fr-btn fr-btn--secondary" id="proposer-mise-a-jour" href="{edit}">Proposer une mise à jour</a></li>{feedback}</ul>"#,
            r#"<p class="fr-text--sm">La mise à jour s'adresse aux services qui portent le chantier : un formulaire pré-rempli produit le fichier à envoyer à l'équipe de l'agenda.{sent_to}</p>"#,
            r#"</section>"#,
        ),
        edit = escape_markup(&edit),
        feedback = feedback,
        sent_to = sent_to,
    )
}

/// "Publiée le 29 novembre 2026" for an update's intro.
pub fn published_on(chantier: &Chantier) -> String {
    format!("publiée le {}", french::day(chantier.updated))
}
