//! "Contribuer": the editor of a new chantier (`/contribuer`) or of an update of a
//! published one (`/contribuer/:id`, pre-filled). The draft is saved in this browser
//! at every change, one draft per chantier, and restored when the page is opened
//! again (after a reload, a crash, a closed tab).

use agenda_core::draft::Draft;
use agenda_core::route::Route;
use agenda_core::{french, Chantier};
use leptos::prelude::*;

use crate::components::editor::form::DraftForm;
use crate::components::editor::preview::Preview;
use crate::components::editor::send::SendSection;
use crate::components::editor::{focus_later, Editor, ErrorSummary};
use crate::data::Agenda;
use crate::nav::{chantier_href, href};
use crate::pages::not_found::NotFoundMessage;
use crate::reactive::{effect, memo};

/// Where drafts are kept in localStorage: one key for the new chantier, one per update.
fn storage_key(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("agenda-numerique.brouillon.mise-a-jour.{id}"),
        None => "agenda-numerique.brouillon.nouveau".into(),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_draft(key: &str) -> Option<Draft> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the draft; a full storage only means the draft is not kept.
fn save_draft(key: &str, draft: &Draft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(key, &text);
    }
}

fn remove_draft(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The view of `/contribuer` and `/contribuer/{id}`.
#[component]
pub fn ContributePage(id: Option<String>) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    match id {
        None => view! { <ContributeEditor published=None /> }.into_any(),
        Some(id) => match agenda.chantier(&id) {
            Some((_, chantier)) => {
                view! { <ContributeEditor published=Some(chantier.clone()) /> }.into_any()
            }
            None => {
                view! {
                    <NotFoundMessage
                        title="Chantier introuvable"
                        text=format!(
                            "Aucun chantier publié n'a l'identifiant « {id} » : il n'y a rien à mettre à jour. Pour proposer un nouveau chantier, ouvrez la page « Contribuer » depuis le pied de page."
                        )
                    />
                }
                .into_any()
            }
        },
    }
}

#[component]
fn ContributeEditor(published: Option<Chantier>) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    let key = storage_key(published.as_ref().map(|c| c.id.as_str()));
    let pristine = match &published {
        Some(c) => Draft::from_chantier(c),
        None => Draft {
            updated: agenda.today.to_string(),
            ..Draft::blank()
        },
    };
    let restored = load_draft(&key).map(|mut draft| {
        // An update keeps its chantier's id whatever the saved copy says.
        if let Some(c) = &published {
            draft.id = c.id.clone();
        }
        draft
    });
    let was_restored = restored.as_ref().is_some_and(|d| *d != pristine);
    let ed = Editor::new(
        restored.unwrap_or_else(|| pristine.clone()),
        agenda.dataset.clone(),
    );

    // Saved at every change; the untouched form is not a draft.
    let is_draft = {
        let pristine = pristine.clone();
        memo(move || ed.draft.with(|d| *d != pristine))
    };
    {
        let key = key.clone();
        effect(move || {
            if is_draft.get() {
                ed.draft.with(|d| save_draft(&key, d));
            } else {
                remove_draft(&key);
            }
        });
    }

    let title = match &published {
        Some(c) => format!("Proposer une mise à jour : {}", c.title),
        None => "Proposer un nouveau chantier".to_string(),
    };
    {
        let title = title.clone();
        effect(move || {
            let errors = ed.report.with(|r| r.problems.len());
            if ed.show_all.get() && errors > 0 {
                crate::document::set_title(&format!(
                    "{} — {title}",
                    french::count(errors, "erreur", "erreurs")
                ));
            } else {
                crate::document::set_title(&title);
            }
        });
    }

    let on_check = Callback::new(move |()| {
        ed.show_all.set(true);
        if ed.report.with_untracked(|r| r.problems.is_empty()) {
            focus_later("apercu-titre");
        } else {
            focus_later("erreurs-saisie");
        }
    });

    // "Supprimer le brouillon", confirmed inline.
    let confirming = RwSignal::new(false);
    let deleted = RwSignal::new(false);
    let ask_delete = move |_| {
        confirming.set(true);
        deleted.set(false);
        focus_later("confirmer-suppression");
    };
    let cancel = move || {
        confirming.set(false);
        focus_later("supprimer-brouillon");
    };
    let confirm = {
        let key = key.clone();
        let pristine = pristine.clone();
        move |_| {
            remove_draft(&key);
            ed.draft.set(pristine.clone());
            ed.touched.set(Default::default());
            ed.show_all.set(false);
            confirming.set(false);
            deleted.set(true);
            focus_later("brouillon-supprime");
        }
    };

    let dataset = agenda.dataset.clone();
    let today = agenda.today;
    let intro = match &published {
        Some(c) => view! {
            <p class="fr-text--lead">
                "Le formulaire reprend la fiche publiée : modifiez ce qui doit l'être, puis téléchargez le fichier de contribution et envoyez-le à l'équipe de l'agenda."
            </p>
            <p>
                {format!("Vous partez de la version {}. ", crate::components::editor::send::published_on(c))}
                <a class="fr-link" href=chantier_href(&c.id, &Default::default())>"Voir la fiche publiée"</a>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="fr-text--lead">
                "Vous portez un chantier de dématérialisation qui concerne les collectivités ? Décrivez-le ici : le formulaire vérifie votre saisie avec les règles de l'agenda, puis produit le fichier à envoyer à l'équipe de l'agenda."
            </p>
            <p class="fr-text--sm">
                "Pour corriger un chantier déjà publié, ouvrez plutôt sa fiche et choisissez « Proposer une mise à jour »."
            </p>
        }
        .into_any(),
    };
    let crumb = published.as_ref().map(|c| {
        view! {
            <li>
                <a class="fr-breadcrumb__link" href=chantier_href(&c.id, &Default::default())>{c.title.clone()}</a>
            </li>
        }
    });
    let preview = {
        let dataset = dataset.clone();
        move || match ed.report.with(|r| r.contribution.clone()) {
            Some(c) => {
                view! { <Preview chantier=c.chantier dataset=dataset.clone() today /> }.into_any()
            }
            None => view! {
                <p id="apercu-attente">
                    "L'aperçu s'affichera quand la saisie sera complète et sans erreur."
                </p>
            }
            .into_any(),
        }
    };

    view! {
        <div class="agenda-editor">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <ol class="fr-breadcrumb__list">
                    <li><a class="fr-breadcrumb__link" href=href(&Route::Agenda)>"Agenda"</a></li>
                    {crumb}
                    <li><a class="fr-breadcrumb__link" aria-current="page">"Contribuer"</a></li>
                </ol>
            </nav>
            <h1 id="contribuer-titre">{title}</h1>
            {intro}

            <div class="agenda-editor__draft fr-mb-3w" id="brouillon">
                {was_restored
                    .then(|| {
                        view! {
                            <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" id="brouillon-restaure">
                                <p>"Votre brouillon enregistré dans ce navigateur a été restauré."</p>
                            </div>
                        }
                    })}
                <p class="fr-text--sm">
                    "Votre saisie est enregistrée dans ce navigateur à chaque modification : vous la retrouverez en revenant sur cette page, même après avoir fermé l'onglet. Rien n'est envoyé tant que vous n'avez pas transmis le fichier."
                </p>
                <Show when=move || is_draft.get() && !confirming.get()>
                    <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="supprimer-brouillon" on:click=ask_delete>
                        "Supprimer le brouillon"
                    </button>
                </Show>
                <Show when=move || confirming.get()>
                    <div
                        class="fr-alert fr-alert--warning agenda-editor__confirm"
                        id="confirmer-suppression"
                        tabindex="-1"
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                cancel();
                            }
                        }
                    >
                        <p class="fr-alert__title">"Supprimer le brouillon ?"</p>
                        <p>"Tout ce que vous avez saisi sur cette page sera effacé de ce navigateur. Cette action est définitive."</p>
                        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
                            <li>
                                <button type="button" class="fr-btn" id="confirmer-suppression-brouillon" on:click=confirm.clone()>
                                    "Confirmer la suppression"
                                </button>
                            </li>
                            <li>
                                <button type="button" class="fr-btn fr-btn--secondary" id="annuler-suppression" on:click=move |_| cancel()>
                                    "Annuler"
                                </button>
                            </li>
                        </ul>
                    </div>
                </Show>
                <Show when=move || deleted.get()>
                    <div class="fr-alert fr-alert--success fr-alert--sm" id="brouillon-supprime" tabindex="-1">
                        <p>"Brouillon supprimé : le formulaire est revenu à son état initial."</p>
                    </div>
                </Show>
            </div>

            <ErrorSummary ed />
            <DraftForm ed dataset=dataset.clone() on_check />

            <section class="agenda-editor__section agenda-editor__preview" id="apercu" aria-labelledby="apercu-titre">
                <h2 class="fr-h3" id="apercu-titre" tabindex="-1">"Aperçu"</h2>
                <p class="fr-text--sm">"Le chantier tel qu'il apparaîtra dans l'agenda, puis sa fiche."</p>
                {preview}
            </section>

            <SendSection ed dataset published on_check />

            <p class="fr-sr-only" role="status" id="editeur-annonce">{move || ed.announce.get()}</p>
        </div>
    }
}
