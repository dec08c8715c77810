//! Reusable pieces of the view. Each file holds one component family.

pub mod badges;
pub mod chantier_markup;
pub mod editor;
pub mod exports;
pub mod filters;
pub mod filters_markup;
pub mod frise;
pub mod frise_markup;
pub mod list_patch;
pub mod load_failure;
pub mod my_authority;
pub mod results_markup;
pub mod timeline;
pub mod timeline_markup;
