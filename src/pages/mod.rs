//! One module per route.

pub mod agenda;
pub mod chantier;
pub mod contribute;
pub mod legal;
pub mod not_found;
pub mod other_build;
pub mod subscriptions;
