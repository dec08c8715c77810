//! The contribution editor: a form over [`agenda_core::draft::Draft`], its live
//! validation, the preview of the entry, and how to send it.
//!
//! The form holds no rule: [`Draft::check`] decides what is wrong and on which control
//! (its DOM id); the view only shows each message next to its control, and in the
//! summary at the top once the user asks to check the entry.

pub mod fields;
pub mod form;
pub mod preview;
pub mod send;

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::reactive::{memo, Computed};
use agenda_core::draft::{Draft, DraftReport};
use agenda_core::Dataset;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The editor's state, shared by every part of the form (all signals: `Copy`).
#[derive(Clone, Copy)]
pub struct Editor {
    /// What the user typed.
    pub draft: RwSignal<Draft>,
    /// The domain's verdict on the draft, recomputed at each change.
    pub report: Computed<DraftReport>,
    /// Controls the user has left (or changed): their errors are shown.
    pub touched: RwSignal<BTreeSet<String>>,
    /// Whether the user asked to check the entry: every error is shown.
    pub show_all: RwSignal<bool>,
    /// The last structural change (row added, moved, removed), for screen readers.
    pub announce: RwSignal<String>,
    /// Whether a pointer button is down, and the controls left meanwhile.
    pressing: StoredValue<(bool, Vec<String>)>,
}

impl Editor {
    /// An editor over `draft`, checked against `dataset`.
    pub fn new(draft: Draft, dataset: Arc<Dataset>) -> Editor {
        let draft = RwSignal::new(draft);
        let report = memo(move || draft.with(|d| d.check(&dataset)));
        let editor = Editor {
            draft,
            report,
            touched: RwSignal::new(BTreeSet::new()),
            show_all: RwSignal::new(false),
            announce: RwSignal::new(String::new()),
            pressing: StoredValue::new((false, Vec::new())),
        };
        // An error appearing when a field is left must not move what the pointer is
        // pressing (the button below would slip away and the click be lost): while a
        // pointer button is down, errors wait until the click is over.
        let down = window_event_listener(leptos::ev::pointerdown, move |_| {
            editor.pressing.update_value(|p| p.0 = true);
        });
        let up = window_event_listener(leptos::ev::pointerup, move |_| {
            editor.pressing.update_value(|p| p.0 = false);
            set_timeout(
                move || {
                    let pending = editor
                        .pressing
                        .try_update_value(|p| std::mem::take(&mut p.1))
                        .unwrap_or_default();
                    for id in pending {
                        editor.touch(&id);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
        on_cleanup(move || {
            down.remove();
            up.remove();
        });
        editor
    }

    /// The error shown on control `id`: its message once the control was touched or
    /// the user asked to check the entry.
    pub fn error(self, id: impl Into<String>) -> Computed<Option<String>> {
        let id = id.into();
        memo(move || {
            let shown = self.show_all.get() || self.touched.with(|t| t.contains(&id));
            if shown {
                self.report.with(|r| r.message_for(&id))
            } else {
                None
            }
        })
    }

    /// Marks control `id` as touched: its error, if any, is shown from now on.
    pub fn touch(self, id: &str) {
        if self.pressing.with_value(|p| p.0) {
            self.pressing.update_value(|p| p.1.push(id.to_string()));
            return;
        }
        if !self.touched.with_untracked(|t| t.contains(id)) {
            self.touched.update(|t| {
                t.insert(id.to_string());
            });
        }
    }

    /// Changes the draft.
    pub fn edit(self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(change);
    }

    /// Says `text` to screen readers (the editor's live region).
    pub fn say(self, text: impl Into<String>) {
        self.announce.set(text.into());
    }
}

/// Moves keyboard focus to the element `id` once the view has caught up with the
/// last change (an element just added is there by the next frame).
pub fn focus_later(id: impl Into<String>) {
    focus_when_there(id.into(), 10);
}

fn focus_when_there(id: String, frames: u32) {
    request_animation_frame(move || {
        if crate::document::by_id(&id).is_some() || frames == 0 {
            focus_now(&id);
        } else {
            focus_when_there(id, frames - 1);
        }
    });
}

/// Moves keyboard focus to the element `id`, if it is there.
pub fn focus_now(id: &str) {
    if let Some(el) =
        crate::document::by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A link to an element of this page. A bare `#id` would resolve against
/// `<base href>` (another page), so the address is the current page's, the router
/// leaves it alone (`rel="external"`), and a click moves focus to the target.
#[component]
pub fn InPageLink(#[prop(into)] target: String, children: Children) -> impl IntoView {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let href = format!("{path}#{target}");
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_now(&target);
    };
    view! {
        <a href=href rel="external" on:click=on_click>
            {children()}
        </a>
    }
}

/// The error summary (DSFR/RGAA): every error as a link to its control, shown once
/// the user asks to check the entry; it takes focus then (see the page).
#[component]
pub fn ErrorSummary(ed: Editor) -> impl IntoView {
    let problems = memo(move || ed.report.with(|r| r.problems.clone()));
    view! {
        <Show when=move || ed.show_all.get() && problems.with(|p| !p.is_empty())>
            <div class="fr-alert fr-alert--error fr-mb-4w agenda-editor__summary" id="erreurs-saisie" tabindex="-1">
                <h2 class="fr-alert__title">
                    {move || format!(
                        "La saisie comporte {}",
                        agenda_core::french::count(problems.with(Vec::len), "erreur", "erreurs"),
                    )}
                </h2>
                <p>"Corrigez-les pour pouvoir télécharger la contribution ; chaque lien mène au champ concerné."</p>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        <InPageLink target=p.field_id>{format!("{} : {}", p.label, p.message)}</InPageLink>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
