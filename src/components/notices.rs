//! The discreet notice listing the entries that were skipped, and why.

use agenda_core::Problem;
use leptos::prelude::*;

/// Lists skipped entries (errors) and warnings, folded by default.
#[component]
pub fn ProblemsNotice(problems: std::sync::Arc<Vec<Problem>>) -> impl IntoView {
    let errors: Vec<Problem> = problems.iter().filter(|p| p.is_error()).cloned().collect();
    if errors.is_empty() {
        return ().into_any();
    }
    let mut skipped: Vec<String> = errors
        .iter()
        .filter_map(|p| p.entry.as_ref().map(ToString::to_string))
        .collect();
    skipped.dedup();
    let summary = if skipped.len() == 1 {
        "1 chantier n'a pas pu être affiché car ses données sont invalides.".to_string()
    } else {
        format!(
            "{} chantiers n'ont pas pu être affichés car leurs données sont invalides.",
            skipped.len()
        )
    };
    view! {
        <div class="fr-callout agenda-problems" id="entrees-ecartees">
            <p class="fr-callout__text fr-text--sm">{summary}</p>
            <details class="fr-mt-1w">
                <summary class="fr-text--sm">"Voir le détail des entrées écartées"</summary>
                <ul class="fr-text--sm">
                    {errors
                        .into_iter()
                        .map(|p| view! { <li>{format!("{} : {} — {}", p.location(), p.kind.message(), p.kind.hint())}</li> })
                        .collect_view()}
                </ul>
            </details>
        </div>
    }
    .into_any()
}
