//! Links to other sites: a chantier's sources and legal texts, and external links in
//! general. One rendering for the detail page and the editor's preview.

use agenda_core::Source;
use leptos::prelude::*;

/// A link to another site: only http(s) (validated at load), new tab, no referrer
/// leak, and announced as opening a new window.
#[component]
pub fn ExternalLink(url: String, label: String) -> impl IntoView {
    if !agenda_core::validate::is_safe_url(&url) {
        return view! { <span>{label}</span> }.into_any();
    }
    let title = format!("{label} — nouvelle fenêtre");
    view! {
        <a href=url target="_blank" rel="noopener noreferrer" title=title>
            {label}
        </a>
    }
    .into_any()
}

/// "Texte juridique : Décret n° …", one item per source, each an external link.
#[component]
pub fn SourcesList(sources: Vec<Source>) -> impl IntoView {
    view! {
        <ul class="agenda-detail__sources">
            {sources
                .into_iter()
                .map(|s| {
                    let kind = format!("{} : ", s.kind.label_fr());
                    view! {
                        <li>
                            <span class="agenda-detail__source-kind">{kind}</span>
                            <ExternalLink url=s.url label=s.label />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
