//! Effects, memos and element listeners that share one copy of Leptos' code.
//!
//! `Effect::new`, `Memo::new` and `NodeRef::on_load` are generic over the closure:
//! the wasm holds a copy of Leptos' effect loop, or of the memo's update, for every
//! call site. Handing Leptos a boxed closure instead leaves one copy of the effect's
//! code, and one of the memo's per type of value (README, "Performance").

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::JsCast;

/// Runs `run` once soon after this call, then again each time a signal it read
/// changes, until the reactive owner it was created under is cleaned up.
///
/// State kept from one run to the next (what the DOM shows, whether it is the first
/// run) lives in the closure itself.
pub fn effect(run: impl FnMut() + 'static) {
    effect_boxed(Box::new(run));
}

fn effect_boxed(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// A value computed from signals, computed again when they change; what reads it is
/// notified only when the new value differs from the previous one.
pub fn memo<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    memo_boxed(Box::new(compute))
}

fn memo_boxed<T>(compute: Box<dyn Fn() -> T + Send + Sync>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| compute())
}

/// Runs `run` once, with the element `node` refers to, as soon as it is in the
/// document: Leptos' `NodeRef::on_load`, through [`effect`] rather than an effect
/// of its own.
pub fn on_load<E>(node: NodeRef<E>, run: impl FnOnce(E::Output) + 'static)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let mut run = Some(run);
    effect(move || {
        if let Some(element) = node.get() {
            if let Some(run) = run.take() {
                untrack(move || run(element));
            }
        }
    });
}
