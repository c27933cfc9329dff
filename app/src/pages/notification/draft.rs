//! Unsent notification forms kept in memory while the app runs, one per disease, with the id made on
//! the device when the form was first opened: a retry after a lost answer reuses that id.

use std::collections::BTreeMap;

use domain::forms::Answers;
use leptos::prelude::*;
use uuid::Uuid;

/// One unsent notification.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The notification id, `PUT /notifications/{id}`; fixed from the moment the form opens.
    pub id: Uuid,
    pub answers: Answers,
}

#[derive(Debug, Default)]
struct DraftBook {
    /// The user the drafts belong to; another user logging in on this device gets none of them.
    owner: Option<String>,
    by_disease: BTreeMap<String, Draft>,
}

/// The drafts of the logged-in user, in context.
#[derive(Debug, Clone, Copy)]
pub struct Drafts(StoredValue<DraftBook>);

impl Drafts {
    pub fn new() -> Self {
        Self(StoredValue::new(DraftBook::default()))
    }

    /// The draft for a disease, or a new empty one with a fresh id.
    pub fn open(self, disease: &str) -> Draft {
        self.0
            .with_value(|book| book.by_disease.get(disease).cloned())
            .unwrap_or_else(|| Draft { id: Uuid::new_v4(), answers: Answers::new() })
    }

    pub fn save(self, disease: &str, draft: Draft) {
        self.0.update_value(|book| {
            book.by_disease.insert(disease.to_owned(), draft);
        });
    }

    /// Forgets a draft once the server has given its receipt.
    pub fn discard(self, disease: &str) {
        self.0.update_value(|book| {
            book.by_disease.remove(disease);
        });
    }

    /// Keeps the drafts only if they belong to `user_id`.
    pub fn keep_only_for(self, user_id: &str) {
        self.0.update_value(|book| {
            if book.owner.as_deref() != Some(user_id) {
                book.by_disease.clear();
                book.owner = Some(user_id.to_owned());
            }
        });
    }

    pub fn clear(self) {
        self.0.update_value(|book| *book = DraftBook::default());
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_drafts() -> Drafts {
    use_context::<Drafts>().unwrap_or_default()
}
