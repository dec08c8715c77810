//! The form: every field of a chantier, in the order of its published page.

use std::sync::Arc;

use agenda_core::draft::Draft;
use agenda_core::draft::{
    MilestoneDraft, RuleDraft, SourceDraft, ThresholdDraft, COMPARISONS, MEASURES, SOURCE_KINDS,
};
use agenda_core::{french, AuthorityKind, Dataset, EpciKind, Nature};
use leptos::prelude::*;

use super::fields::{error_id, Choice, ChoiceGroup, DateInputs, SelectField, TextField};
use super::{focus_later, Editor};
use crate::reactive::{memo, Computed};

/// A text of the draft, read and written through `get` and `set`.
fn bind(
    ed: Editor,
    get: impl Fn(&Draft) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || ed.draft.with(|d| get(d))),
        Callback::new(move |v: String| ed.edit(|d| set(d, v))),
    )
}

/// The whole form. `on_check` runs when the user asks to check the entry (the button,
/// or Enter in a text field).
#[component]
pub fn DraftForm(ed: Editor, dataset: Arc<Dataset>, on_check: Callback<()>) -> impl IntoView {
    let update = ed.draft.with_untracked(Draft::is_update);
    let (title, set_title) = bind(ed, |d| d.title.clone(), |d, v| d.set_title(v));
    let (id, set_id) = bind(ed, |d| d.id.clone(), |d, v| d.id = v);
    let (summary, set_summary) = bind(ed, |d| d.summary.clone(), |d, v| d.summary = v);
    let (description, set_description) =
        bind(ed, |d| d.description.clone(), |d, v| d.description = v);
    let (note, set_note) = bind(ed, |d| d.note.clone(), |d, v| d.note = v);
    let (contact, set_contact) = bind(ed, |d| d.contact.clone(), |d, v| d.contact = v);

    let mut carriers = dataset.carriers.clone();
    carriers.sort_by_key(|c| agenda_core::search::fold(&c.label));
    let mut carrier_choices: Vec<Choice> = carriers
        .iter()
        .map(|c| {
            let label = match &c.name {
                Some(name) if name != &c.label => format!("{} — {name}", c.label),
                _ => c.label.clone(),
            };
            Choice::new(c.code.clone(), label)
        })
        .collect();
    let mut theme_choices: Vec<Choice> = dataset
        .themes
        .iter()
        .map(|t| Choice::new(t.code.clone(), t.label.clone()))
        .collect();
    // Codes of a restored draft that the dataset no longer has: shown, so they can be
    // unticked.
    ed.draft.with_untracked(|d| {
        for code in &d.carriers {
            if !carrier_choices.iter().any(|c| &c.value == code) {
                carrier_choices.push(Choice::new(code.clone(), format!("{code} (inconnu)")));
            }
        }
        for code in &d.themes {
            if !theme_choices.iter().any(|c| &c.value == code) {
                theme_choices.push(Choice::new(code.clone(), format!("{code} (inconnu)")));
            }
        }
    });
    let natures: Vec<Choice> = Nature::ALL
        .into_iter()
        .map(|n| {
            Choice::new(n.code(), n.label_fr()).with_hint(agenda_core::draft::nature_hint_fr(n))
        })
        .collect();

    let rules = memo(move || ed.draft.with(|d| d.rules.len()));
    let milestones = memo(move || ed.draft.with(|d| d.milestones.len()));
    let sources = memo(move || ed.draft.with(|d| d.sources.len()));

    let add_rule = move |_| {
        ed.edit(|d| d.rules.push(RuleDraft::default()));
        let n = rules.get_untracked();
        ed.say(format!("Règle {n} ajoutée."));
        focus_later(format!("regle-{}-type", n - 1));
    };
    let add_milestone = move |_| {
        ed.edit(|d| d.milestones.push(MilestoneDraft::default()));
        let n = milestones.get_untracked();
        ed.say(format!("Jalon {n} ajouté."));
        focus_later(format!("jalon-{}-libelle", n - 1));
    };
    let add_source = move |_| {
        ed.edit(|d| d.sources.push(SourceDraft::default()));
        let n = sources.get_untracked();
        ed.say(format!("Source {n} ajoutée."));
        focus_later(format!("source-{}-libelle", n - 1));
    };

    view! {
        <form
            class="agenda-editor__form"
            id="contribution-formulaire"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_check.run(());
            }
        >
            <p class="fr-text--sm">"Sauf mention « facultatif », tous les champs sont obligatoires."</p>

            <section class="agenda-editor__section" aria-labelledby="section-chantier">
                <h2 class="fr-h4" id="section-chantier">"Le chantier"</h2>
                <TextField
                    ed
                    id="contribution-titre"
                    label="Titre"
                    hint="Le plus court possible, 120 caractères au plus"
                    value=title
                    on_input=set_title
                    spellcheck=true
                />
                <TextField
                    ed
                    id="contribution-id"
                    label="Identifiant"
                    hint=if update {
                        "L'identifiant d'un chantier publié ne change pas : il figure dans l'adresse de sa fiche."
                    } else {
                        "Proposé à partir du titre : minuscules sans accent, chiffres et tirets simples. Il figurera dans l'adresse de la fiche et ne changera plus."
                    }
                    value=id
                    on_input=set_id
                    readonly=update
                />
                <TextField
                    ed
                    id="contribution-resume"
                    label="Résumé"
                    hint="Une ou deux phrases : ce que la collectivité doit faire ou peut obtenir, et quand (400 caractères au plus)"
                    value=summary
                    on_input=set_summary
                    rows=3
                    spellcheck=true
                />
                <TextField
                    ed
                    id="contribution-description"
                    label="Description (facultatif)"
                    hint="Texte brut, sans mise en forme. Séparez les paragraphes par une ligne vide."
                    value=description
                    on_input=set_description
                    rows=8
                    spellcheck=true
                />
            </section>

            <section class="agenda-editor__section" aria-labelledby="section-classement">
                <h2 class="fr-h4" id="section-classement">"Porteurs, thèmes et nature"</h2>
                <div class="agenda-editor__columns">
                    <ChoiceGroup
                        ed
                        id="contribution-porteurs"
                        legend="Porteurs"
                        hint="Les ministères, directions ou agences qui portent le chantier : au moins un."
                        choices=carrier_choices
                        selected=Signal::derive(move || ed.draft.with(|d| d.carriers.clone()))
                        on_change=Callback::new(move |(code, on): (String, bool)| ed.edit(|d| Draft::tick(&mut d.carriers, &code, on)))
                    />
                </div>
                <div class="agenda-editor__columns">
                    <ChoiceGroup
                        ed
                        id="contribution-themes"
                        legend="Thèmes"
                        hint="Au moins un."
                        choices=theme_choices
                        selected=Signal::derive(move || ed.draft.with(|d| d.themes.clone()))
                        on_change=Callback::new(move |(code, on): (String, bool)| ed.edit(|d| Draft::tick(&mut d.themes, &code, on)))
                    />
                </div>
                <ChoiceGroup
                    ed
                    id="contribution-nature"
                    legend="Nature"
                    hint="Ce que le chantier est pour les collectivités."
                    choices=natures
                    radio=true
                    selected=Signal::derive(move || ed.draft.with(|d| vec![d.nature.clone()]))
                    on_change=Callback::new(move |(code, _): (String, bool)| ed.edit(|d| d.nature = code))
                />
            </section>

            <section class="agenda-editor__section" aria-labelledby="section-public">
                <h2 class="fr-h4" id="section-public">"Collectivités concernées"</h2>
                <p class="fr-text--sm">
                    "Le chantier concerne une collectivité dès qu'une règle s'applique à elle. Les seuils d'une règle sont tous exigés."
                </p>
                <For each=move || 0..rules.get() key=|i| *i children=move |i| view! { <RuleRow ed i /> } />
                <AddButton ed id="contribution-ajouter-regle" label="Ajouter une règle" on_click=Callback::new(add_rule) />
                <TextField
                    ed
                    id="contribution-precision-public"
                    label="Précision sur les collectivités concernées (facultatif)"
                    hint="Par exemple : communes disposant d'une maternité (400 caractères au plus)"
                    value=note
                    on_input=set_note
                    spellcheck=true
                />
            </section>

            <section class="agenda-editor__section" aria-labelledby="section-jalons">
                <h2 class="fr-h4" id="section-jalons">"Jalons"</h2>
                <p class="fr-text--sm">
                    "Les étapes datées du chantier, dans l'ordre chronologique. Datez à la précision que donne la source : « fin 2025 » se saisit au 4e trimestre 2025 ou à l'année 2025, pas au 31 décembre."
                </p>
                {move || {
                    ed.report
                        .with(|r| r.warnings.first().map(|w| w.message.clone()))
                        .map(|message| {
                            view! {
                                <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" id="jalons-remarque">
                                    <p>{message}</p>
                                </div>
                            }
                        })
                }}
                <For
                    each=move || 0..milestones.get()
                    key=|i| *i
                    children=move |i| view! { <MilestoneRow ed i count=milestones /> }
                />
                <AddButton ed id="contribution-ajouter-jalon" label="Ajouter un jalon" on_click=Callback::new(add_milestone) />
            </section>

            <section class="agenda-editor__section" aria-labelledby="section-sources">
                <h2 class="fr-h4" id="section-sources">"Sources et textes de référence (facultatif)"</h2>
                <p class="fr-text--sm">
                    "Citez la source la plus officielle : Légifrance pour les textes, le site du ministère pour les services."
                </p>
                <For each=move || 0..sources.get() key=|i| *i children=move |i| view! { <SourceRow ed i /> } />
                <AddButton ed id="contribution-ajouter-source" label="Ajouter une source" on_click=Callback::new(add_source) />
            </section>

            <section class="agenda-editor__section" aria-labelledby="section-contact">
                <h2 class="fr-h4" id="section-contact">"Contact"</h2>
                <TextField
                    ed
                    id="contribution-contact"
                    label="Adresse électronique de contact (facultatif)"
                    hint="Les collectivités pourront y écrire au sujet du chantier. Format : nom@domaine.gouv.fr"
                    value=contact
                    on_input=set_contact
                    kind="email"
                />
            </section>

            <button type="submit" class="fr-btn fr-mt-2w" id="verifier-saisie">"Vérifier la saisie"</button>
        </form>
    }
}

/// "Ajouter …": a button that is also the place of "the list is empty".
#[component]
fn AddButton(
    ed: Editor,
    id: &'static str,
    label: &'static str,
    on_click: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let error = ed.error(id);
    view! {
        <div class="fr-input-group agenda-editor__add" class:fr-input-group--error=move || error.get().is_some()>
            <button
                type="button"
                class="fr-btn fr-btn--secondary fr-btn--sm"
                id=id
                aria-describedby=move || error.get().map(|_| error_id(id))
                on:click=move |ev| on_click.run(ev)
            >
                {label}
            </button>
            {move || error.get().map(|m| view! { <p class="fr-error-text" id=error_id(id)>{m}</p> })}
        </div>
    }
}

fn kind_label(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Commune => "Communes",
        AuthorityKind::Epci => "EPCI (intercommunalités)",
        AuthorityKind::Departement => "Départements",
        AuthorityKind::Region => "Régions",
        AuthorityKind::Other => "Autres organismes publics (SDIS, centres de gestion, syndicats…)",
    }
}

#[component]
fn RuleRow(ed: Editor, i: usize) -> impl IntoView {
    let rule = move |d: &Draft| d.rules.get(i).cloned().unwrap_or_default();
    let kinds: Vec<Choice> = AuthorityKind::ALL
        .into_iter()
        .map(|k| Choice::new(k.code(), kind_label(k)))
        .collect();
    let epci_kinds: Vec<Choice> = EpciKind::ALL
        .into_iter()
        .map(|k| Choice::new(k.code(), french::capitalised(k.label_fr())))
        .collect();
    let is_epci = memo(move || {
        ed.draft
            .with(|d| rule(d).kind == AuthorityKind::Epci.code())
    });
    let thresholds = memo(move || ed.draft.with(|d| rule(d).thresholds.len()));
    let legend_id = format!("regle-{i}-legende");
    let labelled = legend_id.clone();
    let add_threshold = move |_| {
        ed.edit(|d| {
            if let Some(r) = d.rules.get_mut(i) {
                r.thresholds.push(ThresholdDraft::default());
            }
        });
        let n = thresholds.get_untracked();
        ed.say(format!("Seuil {n} ajouté à la règle {}.", i + 1));
        focus_later(format!("regle-{i}-seuil-{}-comparaison", n - 1));
    };
    let remove = move |_| {
        ed.edit(|d| {
            if i < d.rules.len() {
                d.rules.remove(i);
            }
        });
        ed.say(format!("Règle {} retirée.", i + 1));
        focus_later("contribution-ajouter-regle");
    };
    view! {
        <fieldset class="fr-fieldset agenda-editor__item" id=format!("regle-{i}") aria-labelledby=labelled>
            <legend class="fr-fieldset__legend" id=legend_id>{format!("Règle {}", i + 1)}</legend>
            <div class="fr-fieldset__element">
                <SelectField
                    ed
                    id=format!("regle-{i}-type")
                    label="Type de collectivité"
                    choices=kinds
                    placeholder="— Choisir —"
                    value=Signal::derive(move || ed.draft.with(|d| rule(d).kind))
                    on_change=Callback::new(move |v: String| ed.edit(|d| if let Some(r) = d.rules.get_mut(i) { r.kind = v }))
                />
            </div>
            <Show when=move || is_epci.get()>
                <div class="fr-fieldset__element">
                    <ChoiceGroup
                        ed
                        id=format!("regle-{i}-epci")
                        legend="Types d'EPCI"
                        hint="Aucune case cochée : tous les EPCI."
                        choices=epci_kinds.clone()
                        inline=true
                        selected=Signal::derive(move || ed.draft.with(|d| rule(d).epci_kinds))
                        on_change=Callback::new(move |(code, on): (String, bool)| ed.edit(|d| if let Some(r) = d.rules.get_mut(i) { Draft::tick(&mut r.epci_kinds, &code, on) }))
                    />
                </div>
            </Show>
            <For
                each=move || 0..thresholds.get()
                key=|j| *j
                children=move |j| view! { <ThresholdRow ed i j /> }
            />
            <div class="fr-fieldset__element">
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    <li>
                        <button type="button" class="fr-btn fr-btn--tertiary" id=format!("regle-{i}-ajouter-seuil") on:click=add_threshold>
                            "Ajouter un seuil"
                            <span class="fr-sr-only">{format!(" à la règle {}", i + 1)}</span>
                        </button>
                    </li>
                    <li>
                        <button type="button" class="fr-btn fr-btn--tertiary" id=format!("regle-{i}-retirer") on:click=remove>
                            "Retirer cette règle"
                            <span class="fr-sr-only">{format!(" (règle {})", i + 1)}</span>
                        </button>
                    </li>
                </ul>
            </div>
        </fieldset>
    }
}

#[component]
fn ThresholdRow(ed: Editor, i: usize, j: usize) -> impl IntoView {
    let get = move |d: &Draft| {
        d.rules
            .get(i)
            .and_then(|r| r.thresholds.get(j))
            .cloned()
            .unwrap_or_default()
    };
    let set = move |change: &dyn Fn(&mut ThresholdDraft)| {
        ed.edit(|d| {
            if let Some(t) = d.rules.get_mut(i).and_then(|r| r.thresholds.get_mut(j)) {
                change(t);
            }
        })
    };
    let comparisons: Vec<Choice> = COMPARISONS
        .iter()
        .map(|(c, l)| Choice::new(*c, *l))
        .collect();
    let measures: Vec<Choice> = MEASURES.iter().map(|(c, l)| Choice::new(*c, *l)).collect();
    let base = format!("regle-{i}-seuil-{j}");
    let legend_id = format!("{base}-legende");
    let labelled = legend_id.clone();
    let remove = move |_| {
        ed.edit(|d| {
            if let Some(r) = d.rules.get_mut(i) {
                if j < r.thresholds.len() {
                    r.thresholds.remove(j);
                }
            }
        });
        ed.say(format!("Seuil {} retiré de la règle {}.", j + 1, i + 1));
        focus_later(format!("regle-{i}-ajouter-seuil"));
    };
    view! {
        <div class="fr-fieldset__element">
            <fieldset class="fr-fieldset agenda-editor__threshold" aria-labelledby=labelled>
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=legend_id>
                    {format!("Seuil {}", j + 1)}
                </legend>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <SelectField
                        ed
                        id=format!("{base}-comparaison")
                        label="Comparaison"
                        choices=comparisons
                        value=Signal::derive(move || ed.draft.with(|d| get(d).comparison))
                        on_change=Callback::new(move |v: String| set(&|t| t.comparison = v.clone()))
                    />
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <TextField
                        ed
                        id=format!("{base}-valeur")
                        label="Valeur"
                        hint="Nombre entier, par exemple 3500"
                        value=Signal::derive(move || ed.draft.with(|d| get(d).value))
                        on_input=Callback::new(move |v: String| set(&|t| t.value = v.clone()))
                    />
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <SelectField
                        ed
                        id=format!("{base}-mesure")
                        label="Mesure"
                        choices=measures
                        value=Signal::derive(move || ed.draft.with(|d| get(d).measure))
                        on_change=Callback::new(move |v: String| set(&|t| t.measure = v.clone()))
                    />
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" id=format!("{base}-retirer") on:click=remove>
                        "Retirer ce seuil"
                        <span class="fr-sr-only">{format!(" (seuil {} de la règle {})", j + 1, i + 1)}</span>
                    </button>
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn MilestoneRow(ed: Editor, i: usize, count: Computed<usize>) -> impl IntoView {
    let get = move |d: &Draft| d.milestones.get(i).cloned().unwrap_or_default();
    let set = move |change: &dyn Fn(&mut MilestoneDraft)| {
        ed.edit(|d| {
            if let Some(m) = d.milestones.get_mut(i) {
                change(m);
            }
        })
    };
    let has_end = memo(move || ed.draft.with(|d| get(d).has_end));
    let published = ed.draft.with_untracked(|d| !get(d).published_id.is_empty());
    let legend_id = format!("jalon-{i}-legende");
    let labelled = legend_id.clone();
    let moved = move |up: bool| {
        let mut target = None;
        ed.edit(|d| target = d.move_milestone(i, up));
        if let Some(t) = target {
            ed.say(format!("Jalon déplacé en position {}.", t + 1));
            let last = count.get_untracked().saturating_sub(1);
            let button = match (up, t) {
                (true, 0) => "descendre",
                (false, t) if t == last => "monter",
                (true, _) => "monter",
                (false, _) => "descendre",
            };
            focus_later(format!("jalon-{t}-{button}"));
        }
    };
    let remove = move |_| {
        ed.edit(|d| {
            if i < d.milestones.len() {
                d.milestones.remove(i);
            }
        });
        ed.say(format!("Jalon {} retiré.", i + 1));
        focus_later("contribution-ajouter-jalon");
    };
    view! {
        <fieldset class="fr-fieldset agenda-editor__item" id=format!("jalon-{i}") aria-labelledby=labelled>
            <legend class="fr-fieldset__legend" id=legend_id>{format!("Jalon {}", i + 1)}</legend>
            <div class="fr-fieldset__element">
                <TextField
                    ed
                    id=format!("jalon-{i}-libelle")
                    label="Libellé"
                    hint="Ce qui se passe, en quelques mots (160 caractères au plus)"
                    value=Signal::derive(move || ed.draft.with(|d| get(d).label))
                    on_input=Callback::new(move |v: String| set(&|m| m.set_label(v.clone())))
                    spellcheck=true
                />
            </div>
            <div class="fr-fieldset__element">
                <TextField
                    ed
                    id=format!("jalon-{i}-id")
                    label="Identifiant du jalon"
                    hint=if published {
                        "Gardez celui du jalon publié : il rend stables les abonnements aux calendriers."
                    } else {
                        "Proposé à partir du libellé, unique dans le chantier."
                    }
                    value=Signal::derive(move || ed.draft.with(|d| get(d).id))
                    on_input=Callback::new(move |v: String| set(&|m| m.id = v.clone()))
                />
            </div>
            <div class="fr-fieldset__element">
                <DateInputs ed m=i end=false legend="Date" />
            </div>
            <div class="fr-fieldset__element">
                <div class="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                        type="checkbox"
                        id=format!("jalon-{i}-periode")
                        prop:checked=move || has_end.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set(&|m| m.has_end = on);
                        }
                    />
                    <label class="fr-label" for=format!("jalon-{i}-periode")>
                        "Ce jalon est une période, avec une date de fin"
                    </label>
                </div>
            </div>
            <Show when=move || has_end.get()>
                <div class="fr-fieldset__element">
                    <DateInputs ed m=i end=true legend="Fin de la période" />
                </div>
            </Show>
            <div class="fr-fieldset__element">
                <TextField
                    ed
                    id=format!("jalon-{i}-details")
                    label="Précisions (facultatif)"
                    hint="Un paragraphe : ce qui se passe à cette date, pour qui"
                    value=Signal::derive(move || ed.draft.with(|d| get(d).details))
                    on_input=Callback::new(move |v: String| set(&|m| m.details = v.clone()))
                    rows=3
                    spellcheck=true
                />
            </div>
            <div class="fr-fieldset__element">
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    <li>
                        <button
                            type="button"
                            class="fr-btn fr-btn--tertiary"
                            id=format!("jalon-{i}-monter")
                            disabled=move || i == 0
                            on:click=move |_| moved(true)
                        >
                            "Monter"
                            <span class="fr-sr-only">{format!(" le jalon {}", i + 1)}</span>
                        </button>
                    </li>
                    <li>
                        <button
                            type="button"
                            class="fr-btn fr-btn--tertiary"
                            id=format!("jalon-{i}-descendre")
                            disabled=move || { i + 1 >= count.get() }
                            on:click=move |_| moved(false)
                        >
                            "Descendre"
                            <span class="fr-sr-only">{format!(" le jalon {}", i + 1)}</span>
                        </button>
                    </li>
                    <li>
                        <button type="button" class="fr-btn fr-btn--tertiary" id=format!("jalon-{i}-retirer") on:click=remove>
                            "Retirer ce jalon"
                            <span class="fr-sr-only">{format!(" (jalon {})", i + 1)}</span>
                        </button>
                    </li>
                </ul>
            </div>
        </fieldset>
    }
}

#[component]
fn SourceRow(ed: Editor, i: usize) -> impl IntoView {
    let get = move |d: &Draft| d.sources.get(i).cloned().unwrap_or_default();
    let set = move |change: &dyn Fn(&mut SourceDraft)| {
        ed.edit(|d| {
            if let Some(s) = d.sources.get_mut(i) {
                change(s);
            }
        })
    };
    let kinds: Vec<Choice> = SOURCE_KINDS
        .iter()
        .map(|(code, label, hint)| Choice::new(*code, *label).with_hint(*hint))
        .collect();
    let legend_id = format!("source-{i}-legende");
    let labelled = legend_id.clone();
    let remove = move |_| {
        ed.edit(|d| {
            if i < d.sources.len() {
                d.sources.remove(i);
            }
        });
        ed.say(format!("Source {} retirée.", i + 1));
        focus_later("contribution-ajouter-source");
    };
    view! {
        <fieldset class="fr-fieldset agenda-editor__item" id=format!("source-{i}") aria-labelledby=labelled>
            <legend class="fr-fieldset__legend" id=legend_id>{format!("Source {}", i + 1)}</legend>
            <div class="fr-fieldset__element">
                <TextField
                    ed
                    id=format!("source-{i}-libelle")
                    label="Intitulé"
                    hint="Par exemple : Décret n° 2023-1234 du 20 décembre 2023 (160 caractères au plus)"
                    value=Signal::derive(move || ed.draft.with(|d| get(d).label))
                    on_input=Callback::new(move |v: String| set(&|s| s.label = v.clone()))
                    spellcheck=true
                />
            </div>
            <div class="fr-fieldset__element">
                <TextField
                    ed
                    id=format!("source-{i}-adresse")
                    label="Adresse"
                    hint="Adresse complète, commençant par https://"
                    value=Signal::derive(move || ed.draft.with(|d| get(d).url))
                    on_input=Callback::new(move |v: String| set(&|s| s.url = v.clone()))
                    kind="url"
                />
            </div>
            <div class="fr-fieldset__element">
                <ChoiceGroup
                    ed
                    id=format!("source-{i}-type")
                    legend="Type de source"
                    choices=kinds
                    radio=true
                    inline=true
                    selected=Signal::derive(move || ed.draft.with(|d| vec![get(d).kind]))
                    on_change=Callback::new(move |(code, _): (String, bool)| set(&|s| s.kind = code.clone()))
                />
            </div>
            <div class="fr-fieldset__element">
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id=format!("source-{i}-retirer") on:click=remove>
                    "Retirer cette source"
                    <span class="fr-sr-only">{format!(" (source {})", i + 1)}</span>
                </button>
            </div>
        </fieldset>
    }
}
