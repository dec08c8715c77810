//! Effects, memos and element listeners that share one copy of Leptos' code.
//!
//! `Effect::new`, `Memo::new` and `NodeRef::on_load` are generic over the closure,
//! and `Memo<T>` over its value: the wasm holds a copy of Leptos' effect loop for
//! every call site, of the memo's update, reads and drop for every type of value.
//! Handing Leptos boxed closures and values of one type ([`Computed`]) leaves one
//! copy of each (README, "Performance"). [`context`] reads a context without
//! `expect_context`'s `Debug`-formatted panic message.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

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
///
/// Leptos' `Memo`, holding the value behind `dyn Any`: every `Computed`, whatever
/// its type, is the same `Memo` type to Leptos, and its code is in the wasm once.
/// It implements none of Leptos' signal traits: it is read with the methods below,
/// and in `view!` through a closure (`move || count.get()`). Like a `Memo`, it must
/// not be read once its owner is disposed of (Leptos panics).
pub struct Computed<T> {
    memo: Memo<Erased>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Computed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Computed<T> {}

/// A value of some type `T`, with `T`'s equality.
#[derive(Clone)]
struct Erased {
    value: Arc<dyn Any + Send + Sync>,
    same: fn(&Erased, &Erased) -> bool,
}

impl PartialEq for Erased {
    fn eq(&self, other: &Erased) -> bool {
        (self.same)(self, other)
    }
}

impl Erased {
    fn of<T: PartialEq + Send + Sync + 'static>(value: T) -> Erased {
        Erased {
            value: Arc::new(value),
            same: |a, b| a.get::<T>() == b.get::<T>(),
        }
    }

    fn get<T: 'static>(&self) -> &T {
        downcast(&self.value)
    }
}

/// Makes a [`Computed`] of `compute`.
pub fn memo<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Computed<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Computed {
        memo: memo_boxed(Box::new(move || Erased::of(compute()))),
        value: PhantomData,
    }
}

fn memo_boxed(compute: Box<dyn Fn() -> Erased + Send + Sync>) -> Memo<Erased> {
    Memo::new(move |_| compute())
}

impl<T: 'static> Computed<T> {
    /// Reads the value, and re-runs the effect or memo reading it when it changes.
    #[track_caller]
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        read(downcast(&current(self.memo)))
    }

    /// Reads the value without subscribing to it.
    #[track_caller]
    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        read(downcast(&current_untracked(self.memo)))
    }

    /// Subscribes the effect or memo running to the value, without reading it.
    pub fn track(&self) {
        self.memo.track();
    }
}

// Reads go through these two functions, not through Leptos' `Memo::with`, which is
// generic over the reading closure (one copy of Leptos' read per call site).

#[track_caller]
fn current(memo: Memo<Erased>) -> Arc<dyn Any + Send + Sync> {
    memo.with(|erased| erased.value.clone())
}

#[track_caller]
fn current_untracked(memo: Memo<Erased>) -> Arc<dyn Any + Send + Sync> {
    memo.with_untracked(|erased| erased.value.clone())
}

fn downcast<T: 'static>(value: &Arc<dyn Any + Send + Sync>) -> &T {
    // A `Computed<T>` only ever holds `T`s.
    value
        .downcast_ref()
        .expect("a Computed's value is of its type")
}

impl<T: Clone + 'static> Computed<T> {
    /// A copy of the value; re-runs the effect or memo reading it when it changes.
    #[track_caller]
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// A copy of the value, without subscribing to it.
    #[track_caller]
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
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

/// The context of type `T` that an ancestor provided; panics (naming the type) when
/// none did, which only a programming error can cause.
///
/// Leptos' `expect_context` writes its panic message with the `Debug` formatting of a
/// source location and a type name: core's `Debug` builders and string escaping, in
/// the wasm for a message no user ever reads. This one writes the name as it is.
#[track_caller]
pub fn context<T: Clone + 'static>() -> T {
    match use_context::<T>() {
        Some(value) => value,
        None => missing_context(std::any::type_name::<T>()),
    }
}

#[track_caller]
#[cold]
fn missing_context(type_name: &str) -> ! {
    panic!("aucun contexte de type {type_name} n'a été fourni")
}

#[cfg(test)]
mod tests {
    use super::memo;
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_computed_value_follows_its_signals_and_is_recomputed_downstream_only_when_it_changes() {
        let owner = Owner::new();
        owner.set();
        let number = RwSignal::new(4);
        let even = memo(move || number.get() % 2 == 0);
        let runs = Arc::new(AtomicUsize::new(0));
        let label = {
            let runs = runs.clone();
            memo(move || {
                runs.fetch_add(1, Ordering::SeqCst);
                if even.get() { "pair" } else { "impair" }.to_string()
            })
        };
        assert_eq!(label.get(), "pair");
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        // `even` is computed again but equal to what it was: `label` is not.
        number.set(6);
        assert_eq!(label.with(String::len), 4);
        assert!(even.get_untracked());
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        number.set(7);
        assert_eq!(label.get_untracked(), "impair");
        assert_eq!(runs.load(Ordering::SeqCst), 2);

        // An untracked read does not subscribe: `peek` keeps its first value.
        let peeks = Arc::new(AtomicUsize::new(0));
        let peek = {
            let peeks = peeks.clone();
            memo(move || {
                peeks.fetch_add(1, Ordering::SeqCst);
                label.with_untracked(String::len)
            })
        };
        assert_eq!(peek.get(), 6);
        number.set(8);
        assert_eq!(label.get(), "pair");
        assert_eq!(peek.get(), 6);
        assert_eq!(peeks.load(Ordering::SeqCst), 1);
    }
}
