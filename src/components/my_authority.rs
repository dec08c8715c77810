//! "Ma collectivité": the user describes their authority; the agenda then shows only
//! what applies to it. Remembered in this browser only if the user asks.

use agenda_core::profile::Profile;
use agenda_core::{french, AgendaQuery, AuthorityKind, EpciKind};
use leptos::prelude::*;

const STORAGE_KEY: &str = "agenda-numerique.ma-collectivite";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The profile remembered in this browser, if the user opted in.
pub fn remembered() -> Option<Profile> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    AgendaQuery::parse(&text).filter.profile
}

fn remember(profile: &Profile) {
    let query = AgendaQuery {
        filter: agenda_core::Filter {
            profile: Some(*profile),
            ..Default::default()
        },
        ..Default::default()
    };
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &query.to_query_string());
    }
}

fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

fn number(value: &str) -> Option<u32> {
    let digits: String = value.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// The "Ma collectivité" fieldset of the filter panel.
#[component]
pub fn MyAuthority(query: Memo<AgendaQuery>, set_query: Callback<AgendaQuery>) -> impl IntoView {
    let remembered_now = RwSignal::new(remembered().is_some());
    let profile = move || query.with(|q| q.filter.profile);
    let update = move |change: &dyn Fn(&mut Option<Profile>)| {
        let mut q = query.get_untracked();
        change(&mut q.filter.profile);
        if remembered_now.get_untracked() {
            match &q.filter.profile {
                Some(p) => remember(p),
                None => forget(),
            }
        }
        set_query.run(q);
    };
    let set_kind = move |code: String| {
        update(&|p| {
            *p = AuthorityKind::from_code(&code).map(|kind| Profile {
                kind,
                epci_kind: p
                    .and_then(|old| old.epci_kind)
                    .filter(|_| kind == AuthorityKind::Epci),
                population: p.and_then(|old| old.population),
                staff: p.and_then(|old| old.staff),
            });
        })
    };
    let toggle_remember = move |_| {
        let on = !remembered_now.get_untracked();
        remembered_now.set(on);
        match (on, query.get_untracked().filter.profile) {
            (true, Some(p)) => remember(&p),
            (true, None) => {}
            (false, _) => forget(),
        }
    };
    let forget_all = move |_| {
        forget();
        remembered_now.set(false);
        update(&|p| *p = None);
    };

    view! {
        <fieldset class="fr-fieldset agenda-fieldset agenda-my-authority" id="ma-collectivite" aria-labelledby="ma-collectivite-legende">
            <legend class="fr-fieldset__legend fr-text--regular" id="ma-collectivite-legende">
                "Ma collectivité"
                <span class="fr-hint-text">"Pour ne voir que ce qui s'applique à elle."</span>
            </legend>
            <div class="fr-fieldset__element">
                <div class="fr-select-group">
                    <label class="fr-label" for="collectivite-type">"Type de collectivité"</label>
                    <select
                        class="fr-select"
                        id="collectivite-type"
                        prop:value=move || profile().map(|p| p.kind.code()).unwrap_or_default()
                        on:change=move |ev| set_kind(event_target_value(&ev))
                    >
                        <option value="">"Non précisé"</option>
                        {AuthorityKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.code()>{kind_label(k)}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || profile().is_some_and(|p| p.kind == AuthorityKind::Epci)>
                <div class="fr-fieldset__element">
                    <div class="fr-select-group">
                        <label class="fr-label" for="collectivite-epci">"Type d'EPCI"</label>
                        <select
                            class="fr-select"
                            id="collectivite-epci"
                            prop:value=move || profile().and_then(|p| p.epci_kind).map(|k| k.code()).unwrap_or_default()
                            on:change=move |ev| {
                                let kind = EpciKind::from_code(&event_target_value(&ev));
                                update(&|p| {
                                    if let Some(p) = p {
                                        p.epci_kind = kind;
                                    }
                                });
                            }
                        >
                            <option value="">"Non précisé"</option>
                            {EpciKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code()>{french::capitalised(k.label_fr())}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </div>
            </Show>
            <Show when=move || profile().is_some()>
                <div class="fr-fieldset__element fr-fieldset__element--inline agenda-months">
                    <CountInput
                        id="collectivite-habitants"
                        label="Habitants"
                        hint="Population municipale ou totale"
                        value=Signal::derive(move || profile().and_then(|p| p.population))
                        on_change=Callback::new(move |n| update(&|p| if let Some(p) = p { p.population = n }))
                    />
                    <CountInput
                        id="collectivite-agents"
                        label="Agents"
                        hint="Effectif, si vous le connaissez"
                        value=Signal::derive(move || profile().and_then(|p| p.staff))
                        on_change=Callback::new(move |n| update(&|p| if let Some(p) = p { p.staff = n }))
                    />
                </div>
                <div class="fr-fieldset__element">
                    <div class="fr-checkbox-group fr-checkbox-group--sm">
                        <input type="checkbox" id="collectivite-retenir" prop:checked=move || remembered_now.get() on:change=toggle_remember />
                        <label class="fr-label" for="collectivite-retenir">
                            "Retenir ma collectivité sur cet appareil"
                            <span class="fr-hint-text">"Enregistré dans ce navigateur seulement."</span>
                        </label>
                    </div>
                </div>
                <div class="fr-fieldset__element">
                    <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="oublier-collectivite" on:click=forget_all>
                        "Oublier ma collectivité"
                    </button>
                </div>
            </Show>
        </fieldset>
    }
}

fn kind_label(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Commune => "Commune",
        AuthorityKind::Epci => "EPCI (intercommunalité)",
        AuthorityKind::Departement => "Département",
        AuthorityKind::Region => "Région",
        AuthorityKind::Other => "Autre organisme public",
    }
}

/// A whole number the user may leave empty (inhabitants, staff): read on change, so
/// the agenda is not filtered at each digit typed.
#[component]
fn CountInput(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: Signal<Option<u32>>,
    on_change: Callback<Option<u32>>,
) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id>
                {label}
                <span class="fr-hint-text">{hint}</span>
            </label>
            <input
                class="fr-input"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                id=id
                prop:value=move || value.get().map(|n| n.to_string()).unwrap_or_default()
                on:change=move |ev| on_change.run(number(&event_target_value(&ev)))
            />
        </div>
    }
}
