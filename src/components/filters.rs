//! The filter panel: search, period, themes, carrier, nature, public, status.
//!
//! Every control reads the parsed URL query and writes a new one: the URL is the
//! only state, so a shared link reproduces the view exactly.

use std::collections::BTreeSet;

use agenda_core::{AgendaQuery, AuthorityKind, Nature, Period, PeriodPreset, Status, YearMonth};
use leptos::prelude::*;

use crate::components::my_authority::MyAuthority;
use crate::data::Agenda;

/// One option of a checkbox group: a stable code and its French label.
#[derive(Clone)]
struct Choice {
    code: String,
    label: String,
}

/// The filter panel. On narrow screens it folds behind a "Filtres" button.
#[component]
pub fn Filters(query: Memo<AgendaQuery>, set_query: Callback<AgendaQuery>) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let update = move |change: &dyn Fn(&mut AgendaQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        set_query.run(q);
    };
    let open = RwSignal::new(false);
    let active_count = {
        let dataset = agenda.dataset.clone();
        Memo::new(move |_| query.with(|q| q.active_filters(&dataset).len()))
    };

    let themes: Vec<Choice> = agenda
        .dataset
        .themes
        .iter()
        .map(|t| Choice {
            code: t.code.clone(),
            label: t.label.clone(),
        })
        .collect();
    let natures: Vec<Choice> = Nature::ALL
        .iter()
        .map(|n| Choice {
            code: n.code().into(),
            label: n.label_fr().into(),
        })
        .collect();
    let kinds: Vec<Choice> = AuthorityKind::ALL
        .iter()
        .map(|k| Choice {
            code: k.code().into(),
            label: k.label_fr().into(),
        })
        .collect();
    let statuses: Vec<Choice> = Status::ALL
        .iter()
        .map(|s| Choice {
            code: s.code().into(),
            label: s.label_fr().into(),
        })
        .collect();
    let mut carriers = agenda.dataset.carriers.clone();
    carriers.sort_by_key(|c| agenda_core::search::fold(&c.label));

    let preset_value = move || match query.with(|q| q.filter.period) {
        Period::Preset(p) => p.code().to_string(),
        _ => String::new(),
    };
    let month_value = move |pick_from: bool| {
        move || match query.with(|q| q.filter.period) {
            Period::Months { from, to } => {
                let m = if pick_from { from } else { to };
                m.map(|m| m.to_string()).unwrap_or_default()
            }
            _ => String::new(),
        }
    };
    let set_month = move |pick_from: bool, value: String| {
        let month: Option<YearMonth> = value.parse().ok();
        update(&|q| {
            let (from, to) = match q.filter.period {
                Period::Months { from, to } => (from, to),
                _ => (None, None),
            };
            q.filter.period = if pick_from {
                Period::months(month, to)
            } else {
                Period::months(from, month)
            };
        });
    };

    view! {
        <section class="agenda-filters" id="filtres" aria-labelledby="filtres-titre" tabindex="-1">
            <h2 class="fr-h5 agenda-filters__title" id="filtres-titre">"Filtrer l'agenda"</h2>
            <button
                type="button"
                class="fr-btn fr-btn--secondary agenda-filters__toggle"
                aria-controls="filtres-panneau"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || match active_count.get() {
                    0 => "Afficher les filtres".to_string(),
                    1 => "Afficher les filtres (1 actif)".to_string(),
                    n => format!("Afficher les filtres ({n} actifs)"),
                }}
            </button>
            <div
                id="filtres-panneau"
                class="agenda-filters__panel"
                class:agenda-filters__panel--open=move || open.get()
            >
                <div class="fr-input-group agenda-search" role="search">
                    <label class="fr-label" for="recherche">
                        "Rechercher un chantier"
                        <span class="fr-hint-text" id="recherche-aide">
                            "Dans le titre, le résumé, la description ou le porteur ; accents et majuscules indifférents."
                        </span>
                    </label>
                    <input
                        class="fr-input"
                        type="search"
                        id="recherche"
                        name="q"
                        autocomplete="off"
                        prop:value=move || query.with(|q| q.filter.text.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            update(&|q| q.filter.text = text.clone());
                        }
                    />
                </div>

                <MyAuthority query set_query />

                <fieldset class="fr-fieldset agenda-fieldset" aria-labelledby="periode-legende">
                    <legend class="fr-fieldset__legend fr-text--regular" id="periode-legende">"Période"</legend>
                    <div class="fr-fieldset__element">
                        <div class="fr-select-group">
                            <label class="fr-label" for="periode">"Raccourci"</label>
                            <select
                                class="fr-select"
                                id="periode"
                                prop:value=preset_value
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    update(&|q| {
                                        q.filter.period = PeriodPreset::from_code(&value)
                                            .map_or(Period::Any, Period::Preset);
                                    });
                                }
                            >
                                <option value="">"Tout"</option>
                                {PeriodPreset::ALL
                                    .iter()
                                    .map(|p| view! { <option value=p.code()>{p.label_fr()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="fr-fieldset__element fr-fieldset__element--inline agenda-months">
                        <div class="fr-input-group">
                            <label class="fr-label" for="periode-du">
                                "Du mois"
                                <span class="fr-hint-text">"Format : AAAA-MM"</span>
                            </label>
                            <input
                                class="fr-input"
                                type="month"
                                id="periode-du"
                                prop:value=month_value(true)
                                on:change=move |ev| set_month(true, event_target_value(&ev))
                            />
                        </div>
                        <div class="fr-input-group">
                            <label class="fr-label" for="periode-au">
                                "Au mois"
                                <span class="fr-hint-text">"Format : AAAA-MM"</span>
                            </label>
                            <input
                                class="fr-input"
                                type="month"
                                id="periode-au"
                                prop:value=month_value(false)
                                on:change=move |ev| set_month(false, event_target_value(&ev))
                            />
                        </div>
                    </div>
                </fieldset>

                <CheckboxGroup
                    id="themes"
                    legend="Thèmes"
                    choices=themes
                    selected=Memo::new(move |_| query.with(|q| q.filter.themes.clone()))
                    on_toggle=Callback::new(move |code: String| {
                        update(&|q| q.filter.themes = AgendaQuery::toggled(&q.filter.themes, &code))
                    })
                />

                {agenda
                    .previous_visit
                    .map(|day| {
                        view! {
                            <div class="fr-checkbox-group fr-checkbox-group--sm fr-mt-2w">
                                <input
                                    type="checkbox"
                                    id="nouveautes"
                                    prop:checked=move || query.with(|q| q.only_new)
                                    on:change=move |_| update(&|q| q.only_new = !q.only_new)
                                />
                                <label class="fr-label" for="nouveautes">
                                    {format!(
                                        "Seulement les nouveautés depuis ma dernière visite, le {}",
                                        agenda_core::french::day(day),
                                    )}
                                </label>
                            </div>
                        }
                    })}
                <div class="fr-select-group">
                    <label class="fr-label" for="porteur">"Porteur"</label>
                    <select
                        class="fr-select"
                        id="porteur"
                        prop:value=move || query.with(|q| q.filter.carriers.iter().next().cloned().unwrap_or_default())
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            update(&|q| {
                                q.filter.carriers = if value.is_empty() {
                                    BTreeSet::new()
                                } else {
                                    BTreeSet::from([value.clone()])
                                };
                            });
                        }
                    >
                        <option value="">"Tous les porteurs"</option>
                        {carriers
                            .into_iter()
                            .map(|c| {
                                let text = match &c.name {
                                    Some(name) if name != &c.label => format!("{} — {name}", c.label),
                                    _ => c.label.clone(),
                                };
                                view! { <option value=c.code>{text}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>

                <CheckboxGroup
                    id="natures"
                    legend="Nature"
                    choices=natures
                    selected=Memo::new(move |_| {
                        query.with(|q| q.filter.natures.iter().map(|n| n.code().to_string()).collect())
                    })
                    on_toggle=Callback::new(move |code: String| {
                        if let Some(n) = Nature::from_code(&code) {
                            update(&|q| q.filter.natures = AgendaQuery::toggled(&q.filter.natures, &n));
                        }
                    })
                />
                <CheckboxGroup
                    id="publics"
                    legend="Collectivités concernées"
                    choices=kinds
                    selected=Memo::new(move |_| {
                        query.with(|q| q.filter.kinds.iter().map(|k| k.code().to_string()).collect())
                    })
                    on_toggle=Callback::new(move |code: String| {
                        if let Some(k) = AuthorityKind::from_code(&code) {
                            update(&|q| q.filter.kinds = AgendaQuery::toggled(&q.filter.kinds, &k));
                        }
                    })
                />
                <CheckboxGroup
                    id="statuts"
                    legend="Statut du chantier"
                    choices=statuses
                    selected=Memo::new(move |_| {
                        query.with(|q| q.filter.statuses.iter().map(|s| s.code().to_string()).collect())
                    })
                    on_toggle=Callback::new(move |code: String| {
                        if let Some(s) = Status::from_code(&code) {
                            update(&|q| q.filter.statuses = AgendaQuery::toggled(&q.filter.statuses, &s));
                        }
                    })
                />
            </div>
        </section>
    }
}

/// A DSFR fieldset of checkboxes; values are stable codes.
#[component]
fn CheckboxGroup(
    id: &'static str,
    legend: &'static str,
    choices: Vec<Choice>,
    #[prop(into)] selected: Signal<BTreeSet<String>>,
    on_toggle: Callback<String>,
) -> impl IntoView {
    let legend_id = format!("{id}-legende");
    view! {
        <fieldset class="fr-fieldset agenda-fieldset" id=id aria-labelledby=legend_id.clone()>
            <legend class="fr-fieldset__legend fr-text--regular" id=legend_id.clone()>{legend}</legend>
            {choices
                .into_iter()
                .map(|choice| {
                    let input_id = format!("{id}-{}", choice.code);
                    let code = choice.code.clone();
                    let checked = move || selected.with(|s| s.contains(&code));
                    let code = choice.code.clone();
                    view! {
                        <div class="fr-fieldset__element">
                            <div class="fr-checkbox-group fr-checkbox-group--sm">
                                <input
                                    type="checkbox"
                                    id=input_id.clone()
                                    name=id
                                    value=choice.code.clone()
                                    prop:checked=checked
                                    on:change=move |_| on_toggle.run(code.clone())
                                />
                                <label class="fr-label" for=input_id>{choice.label}</label>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
