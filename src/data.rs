//! Loading the published dataset over the network, with typed, French errors.

use std::sync::Arc;

use agenda_core::{Dataset, Index, LoadError, Problem};
use chrono::NaiveDate;
use gloo_net::http::Request;

/// Where the dataset is read from, relative to the app's base URL. The operator can
/// publish it elsewhere by building with `AGENDA_DATA_URL` set.
pub const DATA_URL: &str = match option_env!("AGENDA_DATA_URL") {
    Some(url) => url,
    None => "data/agenda.json",
};

/// Why the agenda could not be loaded. Each message says what happened and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// No answer: offline, DNS, CORS, connection cut.
    #[error("Le serveur de l'agenda ne répond pas. Vérifiez votre connexion à Internet, puis réessayez.")]
    Network,
    /// The server answered with an HTTP error.
    #[error("Le serveur n'a pas pu fournir les données de l'agenda (erreur HTTP {0}). Réessayez dans quelques instants.")]
    Status(u16),
    /// The server answered with something that is not the dataset (an HTML page…).
    #[error("Le serveur a renvoyé autre chose que les données de l'agenda ({0}). Réessayez ; si le problème persiste, prévenez l'équipe de l'agenda.")]
    NotJson(String),
    /// The body could not be read completely.
    #[error("Les données de l'agenda n'ont été reçues qu'en partie. Réessayez.")]
    Truncated,
    /// The dataset is unusable as a whole.
    #[error("Les données de l'agenda sont inutilisables : {0}. Prévenez l'équipe de l'agenda.")]
    Unusable(String),
}

/// A loaded agenda: the valid chantiers, their index for "today", what was skipped.
#[derive(Debug, Clone)]
pub struct Agenda {
    /// The valid part of the dataset.
    pub dataset: Arc<Dataset>,
    /// The search and filter index.
    pub index: Arc<Index>,
    /// Problems found while loading (skipped entries, warnings).
    pub problems: Arc<Vec<Problem>>,
    /// The day statuses are computed for.
    pub today: NaiveDate,
}

impl Agenda {
    /// The chantier with this id and its position.
    pub fn chantier(&self, id: &str) -> Option<(usize, &agenda_core::Chantier)> {
        self.dataset
            .chantiers
            .iter()
            .enumerate()
            .find(|(_, c)| c.id == id)
    }
}

/// Today, in the user's time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Fetches and loads the dataset.
pub async fn fetch_agenda() -> Result<Agenda, DataError> {
    let response = Request::get(DATA_URL)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|_| DataError::Network)?;
    if !response.ok() {
        return Err(DataError::Status(response.status()));
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("html") {
        return Err(DataError::NotJson("une page HTML".into()));
    }
    let bytes = response.binary().await.map_err(|_| DataError::Truncated)?;
    let loaded = agenda_core::load(&bytes).map_err(|e| match e {
        LoadError::Syntax { .. } if bytes.first() == Some(&b'<') => {
            DataError::NotJson("une page HTML".into())
        }
        e => DataError::Unusable(e.to_string()),
    })?;
    let today = today();
    let index = Index::new(&loaded.dataset, today);
    Ok(Agenda {
        dataset: Arc::new(loaded.dataset),
        index: Arc::new(index),
        problems: Arc::new(loaded.problems),
        today,
    })
}
