//! The entry as it will appear: its milestones as the agenda's timeline items, then
//! its page. Same DSFR markup and classes as the timeline and the detail page.

use agenda_core::{milestone_status, Chantier, Dataset};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::InPageLink;
use crate::components::badges::{NatureBadge, StatusBadge, ThemeTags};
use crate::components::sources::SourcesList;
use crate::components::timeline_markup;
use crate::pages::chantier::milestone_detail;

/// The preview of a valid entry.
#[component]
pub fn Preview(
    chantier: Chantier,
    dataset: std::sync::Arc<Dataset>,
    today: NaiveDate,
) -> impl IntoView {
    let themes = dataset.theme_labels(&chantier.themes);
    let carriers: Vec<String> = dataset
        .carriers_of(&chantier.carriers)
        .into_iter()
        .map(|c| c.full_name())
        .collect();
    let concerned = chantier.audience_fr();
    let mut milestones = chantier.milestones.clone();
    milestones.sort_by_key(|m| m.date);
    let status = agenda_core::chantier_status(&chantier, today);

    let items = milestones
        .iter()
        .map(|m| {
            let status = milestone_status(m, today);
            let title = chantier.title.clone();
            view! {
                <li class=format!("agenda-item agenda-item--{}", status.code())>
                    <div inner_html=timeline_markup::date_html(m, status) />
                    <h4 class="agenda-item__title">
                        <InPageLink target="apercu-fiche">{title}</InPageLink>
                    </h4>
                    <div inner_html=timeline_markup::body_html(&dataset, &chantier, m, false, None) />
                </li>
            }
        })
        .collect_view();

    let detail_milestones = milestones
        .iter()
        .map(|m| milestone_detail(m, today, None))
        .collect_view();

    view! {
        <h3 class="fr-h5">"Dans l'agenda"</h3>
        <ul class="agenda-group__list agenda-editor__preview-list">{items}</ul>
        <h3 class="fr-h5">"Sa fiche"</h3>
        <article class="agenda-detail agenda-editor__preview-detail" id="apercu-fiche" tabindex="-1" aria-labelledby="apercu-fiche-titre">
            <h4 class="fr-h3" id="apercu-fiche-titre">{chantier.title.clone()}</h4>
            <div class="agenda-detail__badges">
                <NatureBadge nature=chantier.nature />
                <StatusBadge status />
            </div>
            <p class="fr-text--lead">{chantier.summary.clone()}</p>
            <ThemeTags labels=themes.clone() />
            <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
                <div class="fr-col-12 fr-col-md-7">
                    <h5 class="fr-h6">"Calendrier"</h5>
                    <ol class="agenda-detail__milestones">{detail_milestones}</ol>
                    {(!chantier.description.is_empty()).then(|| view! { <h5 class="fr-h6">"Description"</h5> })}
                    {chantier.description.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                </div>
                <div class="fr-col-12 fr-col-md-5">
                    <h5 class="fr-h6">"Qui est concerné ?"</h5>
                    <ul>{concerned.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                    {chantier.concerned.note.clone().map(|n| view! { <p class="fr-text--sm">{n}</p> })}
                    <h5 class="fr-h6">"Porté par"</h5>
                    <ul>{carriers.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    {(!chantier.sources.is_empty()).then(|| view! { <h5 class="fr-h6">"Sources et textes de référence"</h5> })}
                    <SourcesList sources=chantier.sources.clone() />
                    {chantier.contact.clone().map(|c| view! { <p class="fr-text--sm">"Contact : " {c}</p> })}
                </div>
            </div>
        </article>
    }
}
