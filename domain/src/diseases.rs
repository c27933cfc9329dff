//! The disease catalog (N-1): which diseases can be notified, their category, deadline and form.
//! Entries are data; a law change adds or dates an entry instead of changing code.

use serde::Serialize;

use crate::forms::{measles, FormDefinition};
use crate::i18n::Text;

/// 類型: the legal category of a notifiable disease (感染症法 第6条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 五類感染症（全数把握）
    Class5AllCases,
}

/// 届出期限 (感染症法 第12条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// 直ちに
    Immediately,
    /// 7日以内
    WithinSevenDays,
}

/// One notifiable disease.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Disease {
    /// Stable code used in the API, e.g. `measles`.
    pub code: &'static str,
    pub name: Text,
    pub category: Category,
    pub deadline: Deadline,
    /// The first day (ISO date) on which the disease is notifiable in this form.
    pub effective_from: &'static str,
    #[serde(skip)]
    pub form: &'static FormDefinition,
}

/// Every disease todoke accepts notifications for.
pub const CATALOG: &[Disease] = &[Disease {
    code: "measles",
    name: Text::new("麻しん", "Measles"),
    category: Category::Class5AllCases,
    deadline: Deadline::Immediately,
    effective_from: "2008-01-01",
    form: &measles::FORM,
}];

pub fn find(code: &str) -> Option<&'static Disease> {
    CATALOG.iter().find(|disease| disease.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_codes_are_unique_and_findable() {
        for disease in CATALOG {
            let found = find(disease.code).map(|d| d.name);
            assert_eq!(found, Some(disease.name), "{}", disease.code);
        }
        assert!(find("no-such-disease").is_none());
    }

    #[test]
    fn measles_must_be_reported_immediately() {
        let measles = find("measles").map(|d| d.deadline);
        assert_eq!(measles, Some(Deadline::Immediately));
    }
}
