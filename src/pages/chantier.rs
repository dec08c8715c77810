//! A chantier's page: its milestones, description, who is concerned, sources.

use agenda_core::export::{escape_markup, ics};
use agenda_core::Chantier;
use leptos::prelude::*;

use crate::components::chantier_markup;
use crate::components::editor::send::contribute_links_html;
use crate::components::exports::download_calendar;
use crate::data::Agenda;
use crate::nav::{agenda_href, use_agenda_query};
use crate::pages::not_found::NotFoundMessage;
use crate::reactive::{effect, memo, on_load, Computed};

/// The detail view of `/chantiers/{id}`.
#[component]
pub fn ChantierPage(id: String) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    let query = use_agenda_query();
    let back = move || agenda_href(&query.get());

    match agenda.chantier(&id) {
        Some((index, chantier)) => {
            crate::document::set_title(&chantier.title);
            view! { <ChantierDetail chantier=chantier.clone() index back=memo(back) /> }
                .into_any()
        }
        None => {
            view! {
                <NotFoundMessage
                    title="Chantier introuvable"
                    text=format!(
                        "Aucun chantier de l'agenda n'a l'identifiant « {id} ». Il a pu être renommé ou retiré ; retrouvez-le depuis l'agenda."
                    )
                />
            }
                .into_any()
        }
    }
}

/// Ids of the page's controls, which its one click listener tells apart.
const BACK_ID: &str = "retour-agenda";
const BREADCRUMB_BACK_ID: &str = "fil-agenda";
const COPY_ID: &str = "copier-lien";
const CALENDAR_ID: &str = "ajouter-au-calendrier";
const COPY_STATUS_ID: &str = "statut-copie";

/// The page as HTML text (the chantier itself from `chantier_markup`, shared with
/// the editor's preview), one click listener for its buttons, and an effect that
/// keeps "Retour à l'agenda" on the agenda's current query.
#[component]
fn ChantierDetail(chantier: Chantier, index: usize, back: Computed<String>) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    let status = agenda.index.status(index);
    let back_now = escape_markup(&back.get_untracked());
    let title = escape_markup(&chantier.title);
    let html = format!(
        concat!(
            r#"<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">"#,
            r#"<li><a class="fr-breadcrumb__link" id="{crumb_id}" href="{back}">Agenda</a></li>"#,
            r#"<li><a class="fr-breadcrumb__link" aria-current="page">{title}</a></li></ol></nav>"#,
            r#"<article class="agenda-detail"><div>{body}</div>"#,
            r#"<div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">"#,
            r#"<a class="fr-btn fr-btn--secondary" href="{back}" id="{back_id}">Retour à l'agenda</a>"#,
            r#"<button type="button" class="fr-btn fr-btn--tertiary" id="{copy_id}">Copier le lien</button>"#,
            r#"<button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm agenda-add-calendar" id="{calendar_id}" aria-label="Ajouter à mon agenda tous les jalons de « {title} » (.ics)">Ajouter à mon agenda (.ics)</button>"#,
            r#"</div><p role="status" class="fr-text--sm agenda-copy-status" id="{status_id}"></p>{contribute}</article>"#,
        ),
        crumb_id = BREADCRUMB_BACK_ID,
        back = back_now,
        title = title,
        body = chantier_markup::detail_html(
            &agenda.dataset,
            &chantier,
            status,
            agenda.today,
            chantier_markup::PAGE,
        ),
        back_id = BACK_ID,
        copy_id = COPY_ID,
        calendar_id = CALENDAR_ID,
        status_id = COPY_STATUS_ID,
        contribute = contribute_links_html(&agenda, &chantier),
    );
    let mut first = true;
    effect(move || {
        let href = back.get();
        if !std::mem::take(&mut first) {
            for id in [BACK_ID, BREADCRUMB_BACK_ID] {
                if let Some(link) = crate::document::by_id(id) {
                    let _ = link.set_attribute("href", &href);
                }
            }
        }
    });
    let on_click = move |ev: web_sys::Event| {
        let Some(button) = crate::document::closest_to_target(&ev, "button") else {
            return;
        };
        match button.id().as_str() {
            COPY_ID => leptos::task::spawn_local(async move {
                let ok = crate::document::copy_to_clipboard(&crate::document::current_url()).await;
                if let Some(status) = crate::document::by_id(COPY_STATUS_ID) {
                    status.set_text_content(Some(if ok {
                        "Lien copié dans le presse-papiers."
                    } else {
                        "La copie a échoué : copiez l'adresse depuis la barre du navigateur."
                    }));
                }
            }),
            CALENDAR_ID => download_calendar(
                &agenda,
                &agenda_core::export::of_chantier(&agenda.dataset, index),
                ics::CALENDAR_NAME.to_string(),
                &format!("{}.ics", chantier.id),
            ),
            _ => {}
        }
    };
    let page = NodeRef::<leptos::html::Div>::new();
    on_load(page, move |page| {
        crate::document::listen(&page, &["click"], on_click)
    });
    view! { <div class="agenda-chantier" node_ref=page inner_html=html /> }
}
