//! Workflows as pure rules: who may take which step in which status ([`Workflow`], the one home of
//! that rule, with the notification workflow of SPEC N-5 as [`NotificationWorkflow`]), how an inbox
//! row is flagged and ordered, and how return comments and transfer reasons are checked.

use std::cmp::Reverse;

use time::{Duration, OffsetDateTime};

use crate::api::{NotificationStatus, NotificationSummary, Role, WorkflowAction};
use crate::diseases::{self, Deadline};
use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Lang;
use crate::text;

/// A workflow as data: its statuses, its steps, where each step leads from each status, and which
/// roles take each step. This is the one home of "who may take which step in which state": the
/// server asks it (after `access` has checked scope and affiliation) and the app asks it before
/// offering a button. A new workflow (sentinel reports, alarms, investigations) implements this
/// trait for its own status and step types; a new step of an existing one (a filer's withdrawal) is a
/// new `Step` value with its transitions in [`Workflow::next_status`] and its roles in
/// [`Workflow::taken_by`]. `steps_open_to` and [`Workflow::check`] then work unchanged.
pub trait Workflow {
    type Status: Copy + Eq + 'static;
    type Step: Copy + Eq + 'static;
    /// Every step a person may take, in the order screens offer them.
    const STEPS: &'static [Self::Step];

    /// The status after `step` in `status`, or `None` when the status does not allow it.
    fn next_status(status: Self::Status, step: Self::Step) -> Option<Self::Status>;

    /// Whether `role` is the one who takes `step` (in a status that allows it).
    fn taken_by(step: Self::Step, role: Role) -> bool;

    /// The steps `role` may take on an item in `status`, in [`Workflow::STEPS`]'s order.
    fn steps_open_to(role: Role, status: Self::Status) -> Vec<Self::Step> {
        Self::STEPS
            .iter()
            .copied()
            .filter(|&step| Self::taken_by(step, role) && Self::next_status(status, step).is_some())
            .collect()
    }

    /// Whether `role` may take `step` in `status`, and the status it leads to. The role is checked
    /// first: a step that is another role's is refused whatever the status.
    fn check(role: Role, status: Self::Status, step: Self::Step) -> Result<Self::Status, StepRefused> {
        if !Self::taken_by(step, role) {
            return Err(StepRefused::NotThisRolesStep);
        }
        Self::next_status(status, step).ok_or(StepRefused::NotInThisStatus)
    }
}

/// Why a step was refused: the server answers 403 for the first, 409 `invalid_transition` for the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefused {
    NotThisRolesStep,
    NotInThisStatus,
}

/// The notification workflow (N-5): the health center accepts, returns or transfers what it received;
/// the filer (a doctor for a human case, a veterinarian for an animal report) resubmits what was
/// returned, or withdraws what was filed by mistake until the health center accepts it.
///
/// | from        | accept   | return   | transfer | resubmit | withdraw |
/// |-------------|----------|----------|----------|----------|----------|
/// | `received`  | accepted | returned | received (at the new center) | – | withdrawn |
/// | `returned`  | –        | –        | –        | received (revision + 1) | withdrawn |
/// | `accepted`  | –        | –        | accepted (at the new center, its case with it) | – | – |
/// | `withdrawn` | –        | –        | –        | –        | – |
/// | taken by    | health center staff | health center staff | health center staff | doctor, veterinarian | doctor, veterinarian |
pub struct NotificationWorkflow;

impl Workflow for NotificationWorkflow {
    type Status = NotificationStatus;
    type Step = WorkflowAction;
    const STEPS: &'static [WorkflowAction] = &[
        WorkflowAction::Accepted,
        WorkflowAction::Returned,
        WorkflowAction::Transferred,
        WorkflowAction::Resubmitted,
        WorkflowAction::Withdrawn,
    ];

    fn next_status(status: NotificationStatus, step: WorkflowAction) -> Option<NotificationStatus> {
        use NotificationStatus as S;
        use WorkflowAction as A;
        match (status, step) {
            (S::Received, A::Accepted) => Some(S::Accepted),
            (S::Received, A::Returned) => Some(S::Returned),
            (S::Received, A::Transferred) => Some(S::Received),
            // An accepted notification moves too (the patient moved): its case and contacts follow it.
            (S::Accepted, A::Transferred) => Some(S::Accepted),
            (S::Returned, A::Resubmitted) => Some(S::Received),
            (S::Received | S::Returned, A::Withdrawn) => Some(S::Withdrawn),
            _ => None,
        }
    }

    fn taken_by(step: WorkflowAction, role: Role) -> bool {
        match step {
            WorkflowAction::Accepted | WorkflowAction::Returned | WorkflowAction::Transferred => {
                role == Role::HealthCenterStaff
            }
            // Which kind of submission each filer resubmits (human case, animal report) is the
            // filing rule's, as for a new one.
            WorkflowAction::Resubmitted | WorkflowAction::Withdrawn => {
                matches!(role, Role::Doctor | Role::Veterinarian)
            }
            // The receipt is the intake's own step, not one anybody takes on a stored notification.
            WorkflowAction::Received => false,
        }
    }
}

/// Whether an account of `role` opens the individual records it sees: the filer and the health
/// center as part of their work (N-5); a 都道府県等 or national account, which oversees health centers
/// rather than works on notifications, only with the download flag. Lists name the patient, and may be
/// searched by patient, only for those who open the records.
pub fn opens_records(role: Role, may_download_records: bool) -> bool {
    !matches!(role, Role::PrefectureStaff | Role::NationalStaff) || may_download_records
}

/// 直ちに: the disease must be notified immediately.
pub fn is_urgent(disease_code: &str) -> bool {
    diseases::find(disease_code).is_some_and(|disease| disease.deadline == Deadline::Immediately)
}

/// How long what must be reported 直ちに (immediately) may wait for the health center: a 直ちに
/// disease's notification, a 疑似症 report.
pub const URGENT_REVIEW_WINDOW: Duration = Duration::hours(24);

/// How long a notification may wait for the health center before it is marked overdue.
pub fn review_window(disease_code: &str) -> Duration {
    review_window_when(is_urgent(disease_code))
}

/// [`review_window`] of a 直ちに disease's notification (`urgent`) or of another's.
pub fn review_window_when(urgent: bool) -> Duration {
    if urgent {
        URGENT_REVIEW_WINDOW
    } else {
        Duration::days(7)
    }
}

/// Overdue: still waiting for the health center (`received`) longer than [`review_window`] after the
/// first receipt. Returned and accepted notifications are never overdue.
pub fn is_overdue(
    disease_code: &str,
    status: NotificationStatus,
    received_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    waiting_longer_than(review_window(disease_code), status, received_at, now)
}

/// Whether an item received at `received_at` is still waiting (`received`) at `now` after `window`.
pub fn waiting_longer_than(
    window: Duration,
    status: NotificationStatus,
    received_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    status == NotificationStatus::Received && now - received_at > window
}

/// An inbox row's place: overdue first, then other urgent ones waiting, other waiting ones, returned,
/// and the finished ones (accepted, withdrawn) last.
pub fn inbox_rank(summary: &NotificationSummary) -> u8 {
    rank(summary.status, summary.overdue, summary.urgent)
}

/// The place of an item at the health center (a notification, a 疑似症 report) by its status and
/// flags: see [`inbox_rank`].
pub fn rank(status: NotificationStatus, overdue: bool, urgent: bool) -> u8 {
    match status {
        NotificationStatus::Received if overdue => 0,
        NotificationStatus::Received if urgent => 1,
        NotificationStatus::Received => 2,
        NotificationStatus::Returned => 3,
        NotificationStatus::Accepted | NotificationStatus::Withdrawn => 4,
    }
}

/// Orders an inbox by [`inbox_rank`], newest first (by first receipt) within a rank.
pub fn sort_inbox(rows: &mut [NotificationSummary]) {
    rows.sort_by_key(|row| (inbox_rank(row), Reverse(row.receipt.received_at)));
}

/// The longest comment or reason, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;

/// Checks a return comment, a transfer reason or a withdrawal's reason (`field` names it in the error): required, at most
/// [`NOTE_MAX_CHARS`], V-1 characters with line breaks. Returns it trimmed, line breaks as `\n`.
pub fn check_note(field: &str, text: &str) -> Result<String, FieldError> {
    let note = text.trim().replace("\r\n", "\n");
    let error = |code: FieldErrorCode, message: String| FieldError { field: field.to_owned(), code, message };
    if note.is_empty() {
        let code = FieldErrorCode::Required;
        return Err(error(code, code.message(Lang::Ja).to_owned()));
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        let code = FieldErrorCode::TooLong;
        return Err(error(code, code.message(Lang::Ja).to_owned()));
    }
    let refused = text::disallowed(&note, true);
    if refused.is_empty() {
        Ok(note)
    } else {
        Err(error(FieldErrorCode::InvalidCharacters, text::refusal_message(&refused)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Organization, Receipt};
    use time::macros::datetime;

    #[test]
    fn overseers_open_records_only_with_the_download_flag() {
        for role in [Role::Doctor, Role::Veterinarian, Role::HealthCenterStaff] {
            assert!(opens_records(role, false), "{role:?} works on notifications");
        }
        for role in [Role::PrefectureStaff, Role::NationalStaff] {
            assert!(!opens_records(role, false) && opens_records(role, true), "{role:?}");
        }
    }

    const ALL_STATUSES: [NotificationStatus; 4] = [
        NotificationStatus::Received,
        NotificationStatus::Returned,
        NotificationStatus::Accepted,
        NotificationStatus::Withdrawn,
    ];

    #[test]
    fn only_the_documented_steps_are_allowed() {
        use NotificationStatus as S;
        use WorkflowAction as A;
        let actions = [A::Received, A::Returned, A::Accepted, A::Transferred, A::Resubmitted, A::Withdrawn];
        let mut allowed = Vec::new();
        for status in ALL_STATUSES {
            for action in actions {
                if let Some(next) = NotificationWorkflow::next_status(status, action) {
                    allowed.push((status, action, next));
                }
            }
        }
        assert_eq!(
            allowed,
            [
                (S::Received, A::Returned, S::Returned),
                (S::Received, A::Accepted, S::Accepted),
                (S::Received, A::Transferred, S::Received),
                (S::Received, A::Withdrawn, S::Withdrawn),
                (S::Returned, A::Resubmitted, S::Received),
                (S::Returned, A::Withdrawn, S::Withdrawn),
                (S::Accepted, A::Transferred, S::Accepted),
            ]
        );
    }

    #[test]
    fn each_role_is_offered_only_its_steps_in_each_status() {
        use NotificationStatus as S;
        use WorkflowAction as A;
        let open = NotificationWorkflow::steps_open_to;
        assert_eq!(open(Role::HealthCenterStaff, S::Received), [A::Accepted, A::Returned, A::Transferred]);
        assert_eq!(open(Role::HealthCenterStaff, S::Returned), []);
        // Both kinds of filer correct what was returned to them, and withdraw until it is accepted.
        for filer in [Role::Doctor, Role::Veterinarian] {
            assert_eq!(open(filer, S::Returned), [A::Resubmitted, A::Withdrawn]);
            assert_eq!(open(filer, S::Received), [A::Withdrawn]);
            assert_eq!(open(filer, S::Accepted), []);
            assert_eq!(open(filer, S::Withdrawn), []);
        }
        assert_eq!(open(Role::HealthCenterStaff, S::Withdrawn), [], "withdrawn is final");
        let others = [
            Role::PrefectureStaff,
            Role::NationalStaff,
            Role::SentinelSiteManager,
            Role::UserManager,
            Role::SystemAdministrator,
            Role::Supervisor,
            Role::NationalAdministrator,
        ];
        for role in others {
            for status in ALL_STATUSES {
                assert_eq!(open(role, status), [], "{role:?} in {status:?}");
            }
        }
        assert_eq!(open(Role::HealthCenterStaff, S::Accepted), [A::Transferred], "accepted only moves");
    }

    #[test]
    fn a_refused_step_says_whether_the_role_or_the_status_refused_it() {
        use NotificationStatus as S;
        use WorkflowAction as A;
        let check = NotificationWorkflow::check;
        assert_eq!(check(Role::Veterinarian, S::Returned, A::Resubmitted), Ok(S::Received));
        assert_eq!(check(Role::Doctor, S::Accepted, A::Resubmitted), Err(StepRefused::NotInThisStatus));
        assert_eq!(check(Role::Doctor, S::Received, A::Accepted), Err(StepRefused::NotThisRolesStep));
        assert_eq!(check(Role::HealthCenterStaff, S::Received, A::Withdrawn), Err(StepRefused::NotThisRolesStep));
        assert_eq!(check(Role::Doctor, S::Accepted, A::Withdrawn), Err(StepRefused::NotInThisStatus));
        assert_eq!(check(Role::HealthCenterStaff, S::Received, A::Transferred), Ok(S::Received));
    }

    #[test]
    fn immediate_diseases_are_overdue_after_a_day_others_after_a_week() {
        let received = datetime!(2026-11-24 00:00 UTC);
        let waiting = NotificationStatus::Received;
        assert!(is_urgent("measles") && !is_urgent("no_such_disease"));
        assert!(!is_overdue("measles", waiting, received, received + Duration::hours(24)));
        assert!(is_overdue("measles", waiting, received, received + Duration::hours(25)));
        let seven_day = diseases::catalog_on(time::macros::date!(2026 - 11 - 24))
            .find(|disease| disease.deadline == Deadline::WithinSevenDays)
            .map(|disease| disease.code)
            .unwrap_or_default();
        assert!(!is_urgent(seven_day));
        assert!(!is_overdue(seven_day, waiting, received, received + Duration::days(6)));
        assert!(is_overdue(seven_day, waiting, received, received + Duration::days(8)));
        for status in [NotificationStatus::Returned, NotificationStatus::Accepted, NotificationStatus::Withdrawn] {
            assert!(!is_overdue("measles", status, received, received + Duration::days(30)));
        }
    }

    fn row(disease: &str, status: NotificationStatus, overdue: bool, hour: u8) -> NotificationSummary {
        let organization = Organization { code: "9901".into(), name: "9901".into() };
        NotificationSummary {
            receipt: Receipt {
                notification_id: uuid::Uuid::nil(),
                receipt_number: format!("20261124-{hour:06}"),
                received_at: datetime!(2026-11-24 00:00 UTC) + Duration::hours(hour.into()),
                health_center: organization.clone(),
            },
            disease: disease.into(),
            animal_report: None,
            status,
            institution: organization.clone(),
            health_center: organization,
            revision: 1,
            urgent: is_urgent(disease),
            overdue,
            return_comment: None,
            patient_hint: None,
        }
    }

    #[test]
    fn inboxes_list_overdue_then_urgent_then_waiting_newest_first_and_finished_last() {
        use NotificationStatus as S;
        let mut rows = vec![
            row("measles", S::Accepted, false, 9),
            row("amoebiasis", S::Received, false, 1),
            row("measles", S::Received, false, 2),
            row("measles", S::Returned, false, 8),
            row("amoebiasis", S::Received, false, 5),
            row("measles", S::Received, true, 0),
            row("measles", S::Received, false, 4),
            row("measles", S::Withdrawn, false, 3),
        ];
        sort_inbox(&mut rows);
        let order: Vec<String> = rows.iter().map(|row| row.receipt.receipt_number[9..].to_owned()).collect();
        assert_eq!(order, ["000000", "000004", "000002", "000005", "000001", "000008", "000009", "000003"]);
    }

    #[test]
    fn notes_are_required_trimmed_and_in_jis_characters() {
        assert_eq!(
            check_note("comment", "  診断日を確認してください。\r\n以上  ").ok().as_deref(),
            Some("診断日を確認してください。\n以上")
        );
        assert_eq!(check_note("comment", " \n ").map_err(|e| e.code), Err(FieldErrorCode::Required));
        let refused = check_note("reason", "住所が①丁目").unwrap_err();
        assert_eq!((refused.field.as_str(), refused.code), ("reason", FieldErrorCode::InvalidCharacters));
        assert!(refused.message.contains('①'), "{}", refused.message);
        let long = "あ".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(check_note("comment", &long).map_err(|e| e.code), Err(FieldErrorCode::TooLong));
    }
}
