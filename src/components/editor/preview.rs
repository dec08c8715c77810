//! The entry as it will appear: its milestones as the agenda's timeline items, then
//! its page. Same DSFR markup and classes as the timeline and the detail page.

use agenda_core::{milestone_status, Chantier, Dataset};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::InPageLink;
use crate::components::{chantier_markup, timeline_markup};

/// The preview of a valid entry.
#[component]
pub fn Preview(
    chantier: Chantier,
    dataset: std::sync::Arc<Dataset>,
    today: NaiveDate,
) -> impl IntoView {
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
    let sorted = Chantier {
        milestones,
        ..chantier.clone()
    };
    let detail =
        chantier_markup::detail_html(&dataset, &sorted, status, today, chantier_markup::PREVIEW);

    view! {
        <h3 class="fr-h5">"Dans l'agenda"</h3>
        <ul class="agenda-group__list agenda-editor__preview-list">{items}</ul>
        <h3 class="fr-h5">"Sa fiche"</h3>
        <article
            class="agenda-detail agenda-editor__preview-detail"
            id="apercu-fiche"
            tabindex="-1"
            aria-labelledby="apercu-fiche-titre"
            inner_html=detail
        />
    }
}
