//! Wire types of notices (お知らせ, P-1), who a notice is addressed to, and the rule a notice must meet
//! (the app's publishing form and the server check the same).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::Role;
use crate::error::{field_error, FieldError, FieldErrorCode};

/// The longest title of a notice (characters).
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest text of a notice (characters).
pub const MAX_BODY_CHARS: usize = 2000;

/// Who a notice is for: everyone (neither set), the accounts of one 都道府県等 (those of its office,
/// its health centers and the institutions in its jurisdiction), the accounts of one role, or one
/// role within one 都道府県等.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeAudience {
    /// A 都道府県等 code (`None`: every 都道府県等, and national accounts).
    #[serde(default)]
    pub prefecture: Option<String>,
    /// `None`: every role.
    #[serde(default)]
    pub role: Option<Role>,
}

impl NoticeAudience {
    /// Whether an account of `role` in the jurisdiction of `prefecture` (`None`: a national account)
    /// is addressed.
    pub fn includes(&self, role: Role, prefecture: Option<&str>) -> bool {
        self.role.is_none_or(|wanted| wanted == role)
            && self.prefecture.as_deref().is_none_or(|wanted| Some(wanted) == prefecture)
    }
}

/// Whether accounts of `role` publish notices: the national administrator, and a 都道府県等's sysadmins
/// and supervisor (to their own 都道府県等; the server decides the scope).
pub fn publishes_notices(role: Role) -> bool {
    matches!(role, Role::NationalAdministrator | Role::SystemAdministrator | Role::Supervisor)
}

/// Body of `POST /api/v1/admin/notices` and `PUT /api/v1/admin/notices/{id}`: a notice shown from
/// `starts_at` until `ends_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeDraft {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub audience: NoticeAudience,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
}

/// A notice as its publishers see it (`GET /api/v1/admin/notices`), withdrawn ones included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: Uuid,
    #[serde(flatten)]
    pub draft: NoticeDraft,
    /// The user ID of the administrator who published it.
    pub published_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    /// Set once withdrawn (取下げ): nobody is shown it any more.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub withdrawn_at: Option<OffsetDateTime>,
}

/// A notice addressed to the account and in its period (`GET /api/v1/notices`), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyNotice {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    /// Whether this account has opened it (`POST /api/v1/notices/{id}/read`); unread ones are new.
    pub read: bool,
}

/// Why a text field is refused, if it is: empty, characters outside V-1, or longer than `max_chars`.
pub(crate) fn text_problem(text: &str, multiline: bool, max_chars: usize) -> Option<FieldErrorCode> {
    if text.is_empty() {
        Some(FieldErrorCode::Required)
    } else if crate::text::first_disallowed(text, multiline).is_some() {
        Some(FieldErrorCode::InvalidCharacters)
    } else if text.chars().count() > max_chars {
        Some(FieldErrorCode::TooLong)
    } else {
        None
    }
}

/// Checks a notice at `now`: a title (one line) and a text (V-1, within their lengths), an end after
/// its start and after now (a notice that has ended would be shown to nobody). Who may address whom
/// is the server's rule. Returns the notice as it will be kept (trimmed, times in UTC).
pub fn check_notice(draft: &NoticeDraft, now: OffsetDateTime) -> Result<NoticeDraft, Vec<FieldError>> {
    let title = draft.title.trim();
    let body = draft.body.trim();
    let mut errors: Vec<FieldError> = [
        ("title", text_problem(title, false, MAX_TITLE_CHARS)),
        ("body", text_problem(body, true, MAX_BODY_CHARS)),
        ("ends_at", (draft.ends_at <= draft.starts_at || draft.ends_at <= now).then_some(FieldErrorCode::DateOrder)),
    ]
    .into_iter()
    .filter_map(|(field, problem)| problem.map(|code| field_error(field, code)))
    .collect();
    let prefecture = draft.audience.prefecture.as_deref().map(str::trim);
    if prefecture.is_some_and(|code| code.is_empty() || !code.chars().all(|c| c.is_ascii_digit())) {
        errors.push(field_error("audience.prefecture", FieldErrorCode::InvalidValue));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Kept in UTC: both databases then compare the times as they are stored.
    Ok(NoticeDraft {
        title: title.to_owned(),
        body: body.to_owned(),
        audience: NoticeAudience { prefecture: prefecture.map(str::to_owned), role: draft.audience.role },
        starts_at: draft.starts_at.to_offset(time::UtcOffset::UTC),
        ends_at: draft.ends_at.to_offset(time::UtcOffset::UTC),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn now() -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::days(20_000)
    }

    fn draft() -> NoticeDraft {
        NoticeDraft {
            title: " 年末年始の受付 ".into(),
            body: "12月29日から1月3日まで保健所の受付時間が変わります。\n詳しくは各保健所へ。".into(),
            audience: NoticeAudience { prefecture: Some("99".into()), role: None },
            starts_at: now() - Duration::days(1),
            ends_at: now() + Duration::days(7),
        }
    }

    #[test]
    fn a_notice_is_kept_trimmed_with_its_period() {
        let checked = check_notice(&draft(), now()).unwrap();
        assert_eq!(checked.title, "年末年始の受付");
        assert_eq!(checked.starts_at, now() - Duration::days(1), "a period may have begun already");
    }

    #[test]
    fn a_notice_needs_a_title_a_text_and_an_end_to_come() {
        let fields = |draft: NoticeDraft| -> Vec<(String, FieldErrorCode)> {
            check_notice(&draft, now()).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
        };
        let empty = NoticeDraft { title: " ".into(), body: String::new(), ..draft() };
        assert_eq!(
            fields(empty),
            [("title".into(), FieldErrorCode::Required), ("body".into(), FieldErrorCode::Required)]
        );
        let two_lines = NoticeDraft { title: "一\n二".into(), ..draft() };
        assert_eq!(fields(two_lines), [("title".into(), FieldErrorCode::InvalidCharacters)]);
        let long = NoticeDraft { body: "あ".repeat(MAX_BODY_CHARS + 1), ..draft() };
        assert_eq!(fields(long), [("body".into(), FieldErrorCode::TooLong)]);
        let ended = NoticeDraft { ends_at: now() - Duration::hours(1), ..draft() };
        assert_eq!(fields(ended), [("ends_at".into(), FieldErrorCode::DateOrder)]);
        let backwards = NoticeDraft { starts_at: now() + Duration::days(8), ..draft() };
        assert_eq!(fields(backwards), [("ends_at".into(), FieldErrorCode::DateOrder)]);
        let odd = NoticeDraft { audience: NoticeAudience { prefecture: Some("県".into()), role: None }, ..draft() };
        assert_eq!(fields(odd), [("audience.prefecture".into(), FieldErrorCode::InvalidValue)]);
    }

    #[test]
    fn an_audience_addresses_its_prefecture_and_role_only() {
        let everyone = NoticeAudience::default();
        assert!(everyone.includes(Role::Doctor, Some("99")) && everyone.includes(Role::NationalStaff, None));
        let demo = NoticeAudience { prefecture: Some("99".into()), role: None };
        assert!(demo.includes(Role::Doctor, Some("99")));
        assert!(!demo.includes(Role::Doctor, Some("98")) && !demo.includes(Role::NationalStaff, None));
        let doctors = NoticeAudience { prefecture: Some("99".into()), role: Some(Role::Doctor) };
        assert!(doctors.includes(Role::Doctor, Some("99")) && !doctors.includes(Role::HealthCenterStaff, Some("99")));
    }
}
