//! A chantier's page: its milestones, description, who is concerned, sources.

use agenda_core::{french, milestone_status, Chantier, Milestone};
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::badges::{NatureBadge, StatusBadge, ThemeTags};
use crate::components::editor::send::ContributeLinks;
use crate::components::exports::AddToCalendar;
use crate::components::sources::SourcesList;
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
    let themes = dataset.theme_labels(&chantier.themes);
    let carriers: Vec<String> = dataset
        .carriers_of(&chantier.carriers)
        .into_iter()
        .map(|c| c.full_name())
        .collect();
    let copied = RwSignal::new(None::<bool>);
    let copy_link = move |_| {
        leptos::task::spawn_local(async move {
            let ok = crate::document::copy_to_clipboard(&crate::document::current_url()).await;
            copied.set(Some(ok));
        });
    };
    let today = agenda.today;

    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol class="fr-breadcrumb__list">
                <li><a class="fr-breadcrumb__link" href=move || back.get()>"Agenda"</a></li>
                <li><a class="fr-breadcrumb__link" aria-current="page">{chantier.title.clone()}</a></li>
            </ol>
        </nav>
        <article class="agenda-detail">
            <h1>{chantier.title.clone()}</h1>
            <div class="agenda-detail__badges">
                <NatureBadge nature=chantier.nature />
                <StatusBadge status />
            </div>
            <p class="fr-text--lead">{chantier.summary.clone()}</p>
            <ThemeTags labels=themes />

            <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
                <div class="fr-col-12 fr-col-md-7">
                    <h2 class="fr-h4">"Calendrier"</h2>
                    <ol class="agenda-detail__milestones">
                        {chantier
                            .milestones
                            .iter()
                            .map(|m| milestone_detail(m, today, Some(format!("jalon-{}", m.id))))
                            .collect_view()}
                    </ol>
                    <h2 class="fr-h4">"Description"</h2>
                    {chantier.description.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                </div>
                <div class="fr-col-12 fr-col-md-5">
                    <h2 class="fr-h4">"Qui est concerné ?"</h2>
                    <ul>
                        {chantier
                            .concerned
                            .rules
                            .iter()
                            .map(|r| view! { <li>{french::audience_rule(r)}</li> })
                            .collect_view()}
                    </ul>
                    {chantier.concerned.note.clone().map(|n| view! { <p class="fr-text--sm">{n}</p> })}
                    <h2 class="fr-h4">"Porté par"</h2>
                    <ul>{carriers.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    <h2 class="fr-h4">"Sources et textes de référence"</h2>
                    <SourcesList sources=chantier.sources.clone() />
                    <p class="fr-text--sm">
                        "Dernière mise à jour : "
                        <time datetime=chantier.updated.to_string()>{french::day(chantier.updated)}</time>
                    </p>
                </div>
            </div>

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

/// One milestone of a chantier's "Calendrier": date at its precision, status, label,
/// details. Also the editor's preview of the page (`id`: the link target, if any).
pub fn milestone_detail(m: &Milestone, today: NaiveDate, id: Option<String>) -> impl IntoView {
    let status = milestone_status(m, today);
    view! {
        <li class=format!("agenda-detail__milestone agenda-item--{}", status.code()) id=id>
            <p class="agenda-item__date">
                <time datetime=m.date.html_datetime()>{m.when_fr()}</time>
                " "
                <StatusBadge status />
            </p>
            <p class="agenda-detail__milestone-label">{m.label.clone()}</p>
            {m.details.clone().map(|d| view! { <p class="fr-text--sm">{d}</p> })}
        </li>
    }
}
