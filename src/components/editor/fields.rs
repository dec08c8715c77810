//! DSFR form controls bound to the draft: each shows its error next to it
//! (`fr-input-group--error`, `fr-error-text` referenced by `aria-describedby`).

use agenda_core::draft::{parts_fr, precision_code, precision_from_code, DateDraft, Draft};
use agenda_core::{french, Precision};
use leptos::prelude::*;

use super::Editor;
use crate::reactive::{effect, memo, Computed};

/// One option of a select, a checkbox or a radio group: value, label, optional hint.
#[derive(Clone, PartialEq)]
pub struct Choice {
    /// The value written in the draft.
    pub value: String,
    /// The French label.
    pub label: String,
    /// A hint under the label.
    pub hint: Option<String>,
}

impl Choice {
    /// A choice without hint.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            hint: None,
        }
    }

    /// The same choice with a hint.
    pub fn with_hint(self, hint: impl Into<String>) -> Choice {
        Choice {
            hint: Some(hint.into()),
            ..self
        }
    }
}

/// Keeps a text control's value in step with `value`, never writing the value it
/// already holds: a write, even of the same text, resets a date input's half-typed
/// segments (and the draft changes at every keystroke anywhere in the form).
fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + 'static)
where
    E: leptos::html::ElementType,
    E::Output: Clone + AsRef<web_sys::Element> + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    effect(move || {
        let v = value();
        if let Some(el) = node.get() {
            let el: &web_sys::Element = el.as_ref();
            let current = js_sys::Reflect::get(el, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if current != v {
                let _ = js_sys::Reflect::set(el, &"value".into(), &v.into());
            }
        }
    });
}

/// The id of a control's error message.
pub fn error_id(id: &str) -> String {
    format!("{id}-erreur")
}

/// The error message under a control, when there is one.
#[component]
fn ErrorText(id: String, error: Computed<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|message| view! { <p class="fr-error-text" id=error_id(&id)>{message}</p> })
    }
}

/// A text input or textarea (`rows`).
#[component]
pub fn TextField(
    ed: Editor,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] readonly: bool,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] spellcheck: bool,
) -> impl IntoView {
    let error = ed.error(id.clone());
    let described = {
        let id = id.clone();
        move || error.get().map(|_| error_id(&id))
    };
    let invalid = move || error.get().map(|_| "true");
    let blur = {
        let id = id.clone();
        move |_| ed.touch(&id)
    };
    let input = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let area = NodeRef::<leptos::html::Textarea>::new();
    let line = NodeRef::<leptos::html::Input>::new();
    match rows {
        Some(_) => sync_value(area, move || value.get()),
        None => sync_value(line, move || value.get()),
    }
    let control = match rows {
        Some(rows) => view! {
            <textarea
                class="fr-input"
                class:fr-input--error=move || error.get().is_some()
                id=id.clone()
                rows=rows
                spellcheck=spellcheck.to_string()
                aria-invalid=invalid
                aria-describedby=described
                node_ref=area
                on:input=input
                on:blur=blur
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                class="fr-input"
                class:fr-input--error=move || error.get().is_some()
                type=kind
                id=id.clone()
                autocomplete=autocomplete
                spellcheck=spellcheck.to_string()
                readonly=readonly
                aria-invalid=invalid
                aria-describedby=described
                node_ref=line
                on:input=input
                on:blur=blur
            />
        }
        .into_any(),
    };
    view! {
        <div class="fr-input-group" class:fr-input-group--error=move || error.get().is_some()>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            {control}
            <ErrorText id=id.clone() error />
        </div>
    }
}

/// A select.
#[component]
pub fn SelectField(
    ed: Editor,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    /// The label of an empty first option ("— Choisir —"), if any.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    value: Signal<String>,
    on_change: Callback<String>,
    /// Another control whose error this select shares (a date's precision).
    #[prop(optional, into)]
    error_of: Option<String>,
) -> impl IntoView {
    let error = ed.error(error_of.clone().unwrap_or_else(|| id.clone()));
    let described = {
        let target = error_of.clone().unwrap_or_else(|| id.clone());
        move || error.get().map(|_| error_id(&target))
    };
    let touched = id.clone();
    let own_error = error_of.is_none();
    view! {
        <div class="fr-select-group" class:fr-select-group--error=move || error.get().is_some()>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <select
                class="fr-select"
                id=id.clone()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| {
                    on_change.run(event_target_value(&ev));
                    ed.touch(&touched);
                }
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {choices
                    .into_iter()
                    .map(|c| {
                        let selected = {
                            let v = c.value.clone();
                            move || value.with(|current| *current == v)
                        };
                        view! { <option value=c.value.clone() selected=selected>{c.label}</option> }
                    })
                    .collect_view()}
            </select>
            {own_error.then(|| view! { <ErrorText id=id.clone() error /> })}
        </div>
    }
}

/// A group of checkboxes (`multiple`) or radios, in a fieldset whose first control has
/// the group's id (the error summary focuses it).
#[component]
pub fn ChoiceGroup(
    ed: Editor,
    /// The group's id: the first control's id; the others are `{id}-{value}`.
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    /// Values ticked.
    selected: Signal<Vec<String>>,
    /// (value, ticked).
    on_change: Callback<(String, bool)>,
    #[prop(optional)] radio: bool,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let error = ed.error(id.clone());
    let legend_id = format!("{id}-legende");
    let labelled = {
        let (legend_id, id) = (legend_id.clone(), id.clone());
        move || match error.get() {
            Some(_) => format!("{legend_id} {}", error_id(&id)),
            None => legend_id.clone(),
        }
    };
    let kind = if radio { "radio" } else { "checkbox" };
    let group_class = if radio {
        "fr-radio-group fr-radio-group--sm"
    } else {
        "fr-checkbox-group fr-checkbox-group--sm"
    };
    let element_class = if inline {
        "fr-fieldset__element fr-fieldset__element--inline"
    } else {
        "fr-fieldset__element"
    };
    let controls = choices
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let control_id = if i == 0 {
                id.clone()
            } else {
                format!("{id}-{}", choice.value)
            };
            let checked = {
                let v = choice.value.clone();
                move || selected.with(|s| s.contains(&v))
            };
            let value = choice.value.clone();
            let group = id.clone();
            let described = {
                let id = id.clone();
                move || {
                    (i == 0)
                        .then(|| error.get().map(|_| error_id(&id)))
                        .flatten()
                }
            };
            view! {
                <div class=element_class>
                    <div class=group_class>
                        <input
                            type=kind
                            id=control_id.clone()
                            name=id.clone()
                            value=choice.value.clone()
                            aria-describedby=described
                            prop:checked=checked
                            on:change=move |ev| {
                                on_change.run((value.clone(), event_target_checked(&ev)));
                                ed.touch(&group);
                            }
                        />
                        <label class="fr-label" for=control_id>
                            {choice.label}
                            {choice.hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
                        </label>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="fr-fieldset"
            class:fr-fieldset--error=move || error.get().is_some()
            aria-labelledby=labelled
        >
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=legend_id.clone()>
                {legend}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </legend>
            {controls}
            <div class="fr-messages-group">
                <ErrorText id=id.clone() error />
            </div>
        </fieldset>
    }
}

/// A date at its precision: the precision select, then the inputs it needs (a day,
/// a month, a year and a quarter or semester, or a year). The first date input has
/// the id `base`; the error is shown under the group.
#[component]
pub fn DateInputs(
    ed: Editor,
    /// Milestone index.
    m: usize,
    /// The end of the period rather than the date.
    end: bool,
    #[prop(into)] legend: String,
) -> impl IntoView {
    let base = format!("jalon-{m}-{}", if end { "fin" } else { "date" });
    let read = move |d: &Draft| -> DateDraft {
        d.milestones
            .get(m)
            .map(|x| if end { x.end.clone() } else { x.date.clone() })
            .unwrap_or_default()
    };
    let write = move |change: &dyn Fn(&mut DateDraft)| {
        ed.edit(|d| {
            if let Some(x) = d.milestones.get_mut(m) {
                change(if end { &mut x.end } else { &mut x.date });
            }
        })
    };
    let precision = memo(move || ed.draft.with(|d| read(d).precision));
    let error = ed.error(base.clone());
    let legend_id = format!("{base}-legende");
    let labelled = {
        let (legend_id, base) = (legend_id.clone(), base.clone());
        move || match error.get() {
            Some(_) => format!("{legend_id} {}", error_id(&base)),
            None => legend_id.clone(),
        }
    };
    let precisions: Vec<super::fields::Choice> = Precision::ALL
        .into_iter()
        .map(|p| Choice::new(precision_code(p), french::capitalised(p.label_fr())))
        .collect();

    let inputs = {
        let base = base.clone();
        move || {
            let base = base.clone();
            let described = {
                let base = base.clone();
                move || error.get().map(|_| error_id(&base))
            };
            let invalid = move || error.get().map(|_| "true");
            let touch = {
                let base = base.clone();
                move || ed.touch(&base)
            };
            let year = {
                let base = base.clone();
                let described = described.clone();
                let touch = touch.clone();
                move || {
                    view! {
                        <div class="fr-input-group agenda-editor__year">
                            <label class="fr-label" for=base.clone()>
                                "Année"
                                <span class="fr-hint-text">"Quatre chiffres, par exemple 2027"</span>
                            </label>
                            <input
                                class="fr-input"
                                class:fr-input--error=move || error.get().is_some()
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                id=base.clone()
                                aria-invalid=invalid
                                aria-describedby=described.clone()
                                node_ref={
                                    let node = NodeRef::<leptos::html::Input>::new();
                                    sync_value(node, move || ed.draft.with(|d| read(d).year));
                                    node
                                }
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    write(&|x| x.year = v.clone());
                                }
                                on:blur={
                                    let touch = touch.clone();
                                    move |_| touch()
                                }
                            />
                        </div>
                    }
                }
            };
            match precision_from_code(&precision.get()) {
                Some(Precision::Day) => view! {
                    <div class="fr-input-group">
                        <label class="fr-label" for=base.clone()>
                            "Jour"
                            <span class="fr-hint-text">"Jour, mois et année"</span>
                        </label>
                        <input
                            class="fr-input"
                            class:fr-input--error=move || error.get().is_some()
                            type="date"
                            id=base.clone()
                            aria-invalid=invalid
                            aria-describedby=described
                            node_ref={
                                    let node = NodeRef::<leptos::html::Input>::new();
                                    sync_value(node, move || ed.draft.with(|d| read(d).day));
                                    node
                                }
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                write(&|x| x.day = v.clone());
                            }
                            on:blur=move |_| touch()
                        />
                    </div>
                }
                .into_any(),
                Some(Precision::Month) => view! {
                    <div class="fr-input-group">
                        <label class="fr-label" for=base.clone()>
                            "Mois"
                            <span class="fr-hint-text">"Format : AAAA-MM, par exemple 2027-03"</span>
                        </label>
                        <input
                            class="fr-input"
                            class:fr-input--error=move || error.get().is_some()
                            type="month"
                            id=base.clone()
                            aria-invalid=invalid
                            aria-describedby=described
                            node_ref={
                                    let node = NodeRef::<leptos::html::Input>::new();
                                    sync_value(node, move || ed.draft.with(|d| read(d).month));
                                    node
                                }
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                write(&|x| x.month = v.clone());
                            }
                            on:blur=move |_| touch()
                        />
                    </div>
                }
                .into_any(),
                Some(p @ (Precision::Quarter | Precision::Semester)) => {
                    let part_id = format!("{base}-partie");
                    let label = if p == Precision::Quarter { "Trimestre" } else { "Semestre" };
                    view! {
                        <div class="agenda-editor__inline">
                            {year()}
                            <div class="fr-select-group">
                                <label class="fr-label" for=part_id.clone()>{label}</label>
                                <select
                                    class="fr-select"
                                    id=part_id.clone()
                                    aria-invalid=invalid
                                    aria-describedby=described
                                    prop:value=move || ed.draft.with(|d| read(d).part)
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        write(&|x| x.part = v.clone());
                                        touch();
                                    }
                                >
                                    <option value="">"— Choisir —"</option>
                                    {parts_fr(p)
                                        .iter()
                                        .map(|(value, label)| {
                                            let selected = move || ed.draft.with(|d| read(d).part == *value);
                                            view! { <option value=*value selected=selected>{*label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                Some(Precision::Year) => year().into_any(),
                None => ().into_any(),
            }
        }
    };

    view! {
        <fieldset
            class="fr-fieldset agenda-editor__date"
            class:fr-fieldset--error=move || error.get().is_some()
            aria-labelledby=labelled
        >
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=legend_id>{legend}</legend>
            <div class="fr-fieldset__element fr-fieldset__element--inline">
                <SelectField
                    ed
                    id=format!("{base}-precision")
                    label="Précision"
                    hint="À la précision de la source, jamais plus"
                    choices=precisions
                    value=Signal::derive(move || precision.get())
                    on_change=Callback::new(move |code: String| write(&|x| x.set_precision(&code)))
                    error_of=base.clone()
                />
            </div>
            <div class="fr-fieldset__element fr-fieldset__element--inline">{inputs}</div>
            <div class="fr-messages-group">
                <ErrorText id=base.clone() error />
            </div>
        </fieldset>
    }
}
