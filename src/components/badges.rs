//! Small labels: nature badge, status badge, theme tags. The text always says what
//! the colour says (RGAA 3.1).

use agenda_core::{Nature, Status};
use leptos::prelude::*;

/// The nature of a chantier as a DSFR badge.
#[component]
pub fn NatureBadge(nature: Nature) -> impl IntoView {
    let variant = match nature {
        Nature::Obligation => "fr-badge--error",
        Nature::Opportunity => "fr-badge--success",
        Nature::EndOfService => "fr-badge--warning",
        Nature::Information => "fr-badge--info",
    };
    view! { <p class=format!("fr-badge fr-badge--sm fr-badge--no-icon {variant}")>{nature.label_fr()}</p> }
}

/// The status of a milestone or chantier as a DSFR badge.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let variant = match status {
        Status::Upcoming => "fr-badge--new",
        Status::Ongoing => "fr-badge--purple-glycine",
        Status::Past => "",
    };
    view! { <p class=format!("fr-badge fr-badge--sm fr-badge--no-icon {variant}")>{status.label_fr()}</p> }
}

/// Theme labels as non-interactive DSFR tags.
#[component]
pub fn ThemeTags(labels: Vec<String>) -> impl IntoView {
    view! {
        <ul class="fr-tags-group agenda-tags" aria-label="Thèmes">
            {labels.into_iter().map(|label| view! { <li><p class="fr-tag fr-tag--sm">{label}</p></li> }).collect_view()}
        </ul>
    }
}
