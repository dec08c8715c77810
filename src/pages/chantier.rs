//! A chantier's page: its milestones, description, who is concerned, sources.

use agenda_core::Chantier;
use leptos::prelude::*;

use crate::components::chantier_markup;
use crate::components::editor::send::ContributeLinks;
use crate::components::exports::AddToCalendar;
use crate::data::Agenda;
use crate::nav::{agenda_href, use_agenda_query};
use crate::pages::not_found::NotFoundMessage;

/// The detail view of `/chantiers/{id}`.
#[component]
pub fn ChantierPage(id: String) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let query = use_agenda_query();
    let back = move || agenda_href(&query.get());

    match agenda.chantier(&id) {
        Some((index, chantier)) => {
            crate::document::set_title(&chantier.title);
            view! { <ChantierDetail chantier=chantier.clone() index back=Signal::derive(back) /> }
                .into_any()
        }
        None => {
            view! {
                <NotFoundMessage
                    title="Chantier introuvable"
                    text=format!(
                        "Aucun chantier de l'agenda n'a l'identifiant « {id} ». Il a pu être renommé ou retiré ; retrouvez-le depuis l'agenda."
                    )
                />
            }
                .into_any()
        }
    }
}

#[component]
fn ChantierDetail(chantier: Chantier, index: usize, back: Signal<String>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let dataset = agenda.dataset.clone();
    let status = agenda.index.status(index);
    let copied = RwSignal::new(None::<bool>);
    let copy_link = move |_| {
        leptos::task::spawn_local(async move {
            let ok = crate::document::copy_to_clipboard(&crate::document::current_url()).await;
            copied.set(Some(ok));
        });
    };
    let body = chantier_markup::detail_html(
        &dataset,
        &chantier,
        status,
        agenda.today,
        chantier_markup::PAGE,
    );

    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol class="fr-breadcrumb__list">
                <li><a class="fr-breadcrumb__link" href=move || back.get()>"Agenda"</a></li>
                <li><a class="fr-breadcrumb__link" aria-current="page">{chantier.title.clone()}</a></li>
            </ol>
        </nav>
        <article class="agenda-detail">
            <div inner_html=body />

            <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
                <a class="fr-btn fr-btn--secondary" href=move || back.get() id="retour-agenda">
                    "Retour à l'agenda"
                </a>
                <button type="button" class="fr-btn fr-btn--tertiary" id="copier-lien" on:click=copy_link>
                    "Copier le lien"
                </button>
                <AddToCalendar
                    milestones=agenda_core::export::of_chantier(&dataset, index)
                    label="Ajouter à mon agenda (.ics)"
                    accessible_label=format!("Ajouter à mon agenda tous les jalons de « {} » (.ics)", chantier.title)
                    filename=format!("{}.ics", chantier.id)
                />
            </div>
            <p role="status" class="fr-text--sm agenda-copy-status">
                {move || match copied.get() {
                    Some(true) => "Lien copié dans le presse-papiers.",
                    Some(false) => "La copie a échoué : copiez l'adresse depuis la barre du navigateur.",
                    None => "",
                }}
            </p>
            <ContributeLinks chantier=chantier.clone() />
        </article>
    }
}
