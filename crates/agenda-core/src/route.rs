//! The app's pages as a type: the path of an address under the app's base, parsed,
//! and its inverse. The query (the agenda's filters) is [`crate::query`]'s.
//!
//! ```
//! use agenda_core::route::Route;
//! let route = Route::parse("/chantiers/referentiel-m57");
//! assert_eq!(route, Route::Chantier("referentiel-m57".into()));
//! assert_eq!(route.path(), "/chantiers/referentiel-m57");
//! ```

use crate::query::{encode, percent_decode};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the agenda.
    Agenda,
    /// `/chantiers/{id}`: a chantier's page.
    Chantier(String),
    /// `/abonnements`: the calendars to subscribe to.
    Subscriptions,
    /// `/contribuer`, `/contribuer/{id}`: the contribution editor, for a new chantier
    /// or an update of a published one.
    Contribute(Option<String>),
    /// `/{name}`: a page of the footer (mentions légales…), if the app has one by
    /// that name.
    Page(String),
    /// Any other path, kept as it was.
    NotFound(String),
}

const CHANTIERS: &str = "chantiers";
const SUBSCRIPTIONS: &str = "abonnements";
const CONTRIBUTE: &str = "contribuer";

impl Route {
    /// The page at `path` (under the app's base, from its `/`). A trailing `/` is
    /// ignored; `%XX` escapes in a segment are decoded.
    ///
    /// ```
    /// use agenda_core::route::Route;
    /// assert_eq!(Route::parse("/"), Route::Agenda);
    /// assert_eq!(Route::parse(""), Route::Agenda);
    /// assert_eq!(Route::parse("/abonnements/"), Route::Subscriptions);
    /// assert_eq!(Route::parse("/contribuer"), Route::Contribute(None));
    /// assert_eq!(Route::parse("/contribuer/m57"), Route::Contribute(Some("m57".into())));
    /// assert_eq!(Route::parse("/mentions-legales"), Route::Page("mentions-legales".into()));
    /// assert_eq!(Route::parse("/chantiers/d%C3%A9mat"), Route::Chantier("démat".into()));
    /// assert_eq!(Route::parse("/a/b/c"), Route::NotFound("/a/b/c".into()));
    /// ```
    pub fn parse(path: &str) -> Route {
        let inner = path.strip_prefix('/').unwrap_or(path);
        let inner = inner.strip_suffix('/').unwrap_or(inner);
        if inner.is_empty() {
            return Route::Agenda;
        }
        let segments: Vec<String> = inner.split('/').map(|s| percent_decode(s, false)).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            [CHANTIERS, id] if !id.is_empty() => Route::Chantier(id.to_string()),
            [SUBSCRIPTIONS] => Route::Subscriptions,
            [CONTRIBUTE] => Route::Contribute(None),
            [CONTRIBUTE, id] if !id.is_empty() => Route::Contribute(Some(id.to_string())),
            [name] if *name != CHANTIERS => Route::Page(name.to_string()),
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The path of the page, the inverse of [`Route::parse`].
    ///
    /// ```
    /// use agenda_core::route::Route;
    /// assert_eq!(Route::Agenda.path(), "/");
    /// assert_eq!(Route::Contribute(Some("m57".into())).path(), "/contribuer/m57");
    /// assert_eq!(Route::Chantier("a b".into()).path(), "/chantiers/a%20b");
    /// ```
    pub fn path(&self) -> String {
        match self {
            Route::Agenda => "/".to_string(),
            Route::Chantier(id) => format!("/{CHANTIERS}/{}", encode(id)),
            Route::Subscriptions => format!("/{SUBSCRIPTIONS}"),
            Route::Contribute(None) => format!("/{CONTRIBUTE}"),
            Route::Contribute(Some(id)) => format!("/{CONTRIBUTE}/{}", encode(id)),
            Route::Page(name) => format!("/{}", encode(name)),
            Route::NotFound(path) => path.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any route that [`Route::parse`] can return.
    fn any_route() -> impl Strategy<Value = Route> {
        // Ids and names as the dataset has them, and any text the address bar may hold.
        let text = prop_oneof!["[a-z0-9]+(-[a-z0-9]+)*", "\\PC{1,12}"];
        prop_oneof![
            Just(Route::Agenda),
            text.clone().prop_map(Route::Chantier),
            Just(Route::Subscriptions),
            proptest::option::of(text.clone()).prop_map(Route::Contribute),
            text.prop_filter("a name another page has", |name| {
                ![CHANTIERS, SUBSCRIPTIONS, CONTRIBUTE].contains(&name.as_str())
            })
            .prop_map(Route::Page),
            "(/[a-z]{1,5}){3,4}".prop_map(Route::NotFound),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn parse_is_the_inverse_of_path(route in any_route()) {
            prop_assert_eq!(Route::parse(&route.path()), route);
        }

        #[test]
        fn any_path_parses_and_prints_again_as_the_same_route(path in "(/[a-z%0-9é]{0,6}){0,4}/?") {
            let route = Route::parse(&path);
            prop_assert_eq!(Route::parse(&route.path()), route);
        }
    }

    #[test]
    fn odd_paths_are_not_found_or_read_kindly() {
        assert_eq!(
            Route::parse("/chantiers"),
            Route::NotFound("/chantiers".into())
        );
        assert_eq!(
            Route::parse("/chantiers/"),
            Route::NotFound("/chantiers/".into())
        );
        assert_eq!(Route::parse("//x"), Route::NotFound("//x".into()));
        assert_eq!(
            Route::parse("/chantiers/m57/"),
            Route::Chantier("m57".into())
        );
        assert_eq!(
            Route::parse("/contribuer/a/b"),
            Route::NotFound("/contribuer/a/b".into())
        );
        // `+` is a plus in a path, not a space as in a query.
        assert_eq!(
            Route::parse("/chantiers/a+b"),
            Route::Chantier("a+b".into())
        );
    }
}
