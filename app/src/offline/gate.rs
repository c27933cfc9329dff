//! The form's hooks into the device: which draft the address names (`?draft=<id>`, so that back and
//! forward return to the same one; a correction's is the notification's id), loading it, and saving
//! each edit after a short pause.

use domain::api::{NotificationDetail, NotificationStatus, NotificationSummary};
use domain::forms::Answers;
use domain::lazy::Lazy;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use uuid::Uuid;

use super::drafts::{self, Contents, Refusal};
use super::filing::{Body, Filing};
use super::machine::ItemState;
use super::{sync, words, DeviceError};
use crate::api::{ApiFailure, Authed, DetailSummary, Loaded};
use crate::auth::{replacing, Session};
use crate::i18n::tr;

/// Edits are saved this long after the last keystroke (and at once when the form goes away).
const AUTOSAVE_AFTER_MS: u32 = 400;

/// The draft a form starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceDraft {
    /// The item's id (`PUT /notifications/{id}`, `PUT /sentinel/reports/{id}`): fixed from the
    /// moment the form first opens.
    pub id: Uuid,
    pub owner: String,
    /// What was saved; `None` for a new draft.
    pub body: Option<Body>,
    /// Why the server refused it last time, if it did.
    pub refusal: Option<Refusal>,
}

/// Shows `form` with the draft of `filing` named by `?draft=` (a new id goes into the address first,
/// replacing it, so that reload, back and forward find the same draft). An item already queued or
/// sent is not shown as a form again: it cannot be changed or sent twice.
#[component]
pub fn DraftGate<F, V>(filing: Filing, session: Session, form: F) -> impl IntoView
where
    F: Fn(DeviceDraft) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let owner = session.me.user_id.clone();
    let id = Memo::new(move |_| query.with(|query| query.get("draft")).and_then(|id| Uuid::parse_str(&id).ok()));
    Effect::new(move |_| {
        if id.get().is_none() {
            let path = format!("{}?draft={}", location.pathname.get_untracked(), Uuid::new_v4());
            navigate(&path, replacing());
        }
    });
    let loaded = Loaded::new(move || {
        let owner = owner.clone();
        async move {
            let id = id.get()?;
            drafts::settled().await;
            Some((id, drafts::open(&owner, id).await))
        }
    });
    let owner = session.me.user_id.clone();
    move || {
        let form = form.clone();
        match loaded.get() {
            None | Some(None) => ().into_any(),
            Some(Some((_, Err(_)))) => {
                view! { <p class="alert alert-error" role="alert">{tr(words::DEVICE_ERROR)}</p> }.into_any()
            }
            Some(Some((id, Ok(found)))) => match found {
                Some(item) if !item.meta.state.is_editable() || item.meta.filing != filing => {
                    view! { <NotEditable id filing=item.meta.filing state=item.meta.state /> }.into_any()
                }
                Some(item) => {
                    let (body, refusal) = item.contents.map(|c| (Some(c.body), c.problem)).unwrap_or_default();
                    form(DeviceDraft { id, owner: owner.clone(), body, refusal }).into_any()
                }
                None => form(DeviceDraft { id, owner: owner.clone(), body: None, refusal: None }).into_any(),
            },
        }
    }
}

/// Where the correction of a returned notification starts on this device (its item is the
/// notification's own id).
#[derive(Debug, Clone, PartialEq)]
pub enum CorrectionStart {
    /// The form: from a correction drafted before (with the server's refusal, if it refused it), else
    /// from the notification as returned.
    Form { based_on_revision: u32, answers: Answers, refusal: Option<Refusal> },
    /// A correction waits in the outbox or is being sent: not a form again.
    Waiting(ItemState),
}

/// Opens the correction of `detail`, which the server (or the copy kept of its answer) says is
/// returned. Unless a correction is already on the device, the device takes the return first (the
/// change feed may not have told it yet), so that the correction can be kept and queued; the copy of
/// the returned notification is kept too, so that the correction opens again offline.
pub async fn correction_start(owner: &str, detail: &NotificationDetail) -> Result<CorrectionStart, DeviceError> {
    drafts::settled().await;
    sync::apply_change(owner, &detail.summary).await?;
    let id = detail.summary.receipt.notification_id;
    drafts::keep_returned(owner, id, detail).await?;
    if let Some(item) = drafts::open(owner, id).await? {
        match (item.meta.state, item.contents) {
            (state @ (ItemState::Queued { .. } | ItemState::Sending { .. }), _) => {
                return Ok(CorrectionStart::Waiting(state));
            }
            (state, Some(Contents { body: Body::Resubmission { based_on_revision, answers }, problem }))
                if state.is_editable() =>
            {
                return Ok(CorrectionStart::Form { based_on_revision, answers, refusal: problem });
            }
            _ => {}
        }
    }
    let (based_on_revision, answers) = (detail.summary.revision, detail.answers.clone());
    Ok(CorrectionStart::Form { based_on_revision, answers, refusal: None })
}

/// The notification `id` whose correction is opened: the server's answer; without one (offline), the
/// copy `owner`'s device kept when it saw the notification returned.
pub async fn notification_to_correct(
    client: Authed,
    owner: String,
    id: Uuid,
) -> Result<NotificationDetail, ApiFailure> {
    match client.notification(id).await {
        Err(failure) if failure.is_unreachable() => match drafts::returned_copy(&owner, id).await {
            Ok(Some(copy)) => Ok(copy),
            _ => Err(failure),
        },
        answer => answer,
    }
}

/// Keeps on the device a copy of each of `owner`'s `returned` notifications (as listed online) that it
/// does not have at their current revision, so that their corrections open offline; `true` if it kept
/// any. One not kept only has no offline correction: the list and the online correction still work.
pub async fn keep_returned_for_offline(owner: &str, client: Authed, returned: &[NotificationSummary]) -> bool {
    let mut kept_any = false;
    for summary in returned.iter().filter(|summary| summary.status == NotificationStatus::Returned) {
        let id = summary.receipt.notification_id;
        let kept: Option<DetailSummary> = drafts::returned_copy(owner, id).await.ok().flatten();
        if kept.is_some_and(|kept| kept.summary.revision == summary.revision) {
            continue;
        }
        // Kept as sent: only the correction's screen, which opens the copy, parses the whole detail.
        let Ok(detail) = client.notification::<Lazy<NotificationDetail>>(id).await else {
            break;
        };
        let Some(DetailSummary { summary: current }) = detail.part() else {
            break;
        };
        if sync::apply_change(owner, &current).await.is_ok() {
            kept_any |= drafts::keep_returned(owner, id, &detail).await.unwrap_or(false);
        }
    }
    kept_any
}

/// What a form address shows for an item that was sent or waits to be.
#[component]
pub fn NotEditable(id: Uuid, filing: Filing, state: ItemState) -> impl IntoView {
    let link = match state {
        ItemState::Received { .. } => Some((receipt_href(&filing, id), words::VIEW_RECEIPT)),
        ItemState::Returned { .. } => Some((format!("/notifications/{id}"), words::VIEW_RETURNED)),
        _ => None,
    };
    view! {
        <div class="alert alert-info" role="status">
            <p>
                <span class="badge">{tr(words::state(state.kind()))}</span>
                " "
                {tr(words::NOT_EDITABLE)}
            </p>
            {link.map(|(href, text)| view! { <p><a class="link" href=href>{tr(text)}</a></p> })}
        </div>
        <p><a class="link" href="/">{tr(crate::i18n::ui::BACK_HOME)}</a></p>
    }
}

/// Where an item's receipt is shown.
pub fn receipt_href(filing: &Filing, id: Uuid) -> String {
    match filing {
        Filing::Notification { .. } => format!("/receipt/{id}"),
        Filing::SentinelReport { .. } => format!("/sentinel/reports/{id}"),
        Filing::SyndromicReport { .. } => crate::pages::syndromic::report_href(id),
    }
}

/// Where the form's autosave is, for the note under the form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaveStatus {
    /// Nothing typed since the form opened.
    Idle,
    /// Typed; saved after the pause.
    Pending,
    Saved,
    Failed,
}

/// The form's autosave: each edit is saved after a pause in typing, and once more when the form goes
/// away (leaving the page, back, logout), so that nothing typed is lost.
#[derive(Debug, Clone, Copy)]
pub struct Autosave {
    /// Counts edits; a pending save goes ahead only if no edit came after it.
    edits: StoredValue<u32>,
    pub status: RwSignal<SaveStatus>,
}

impl Autosave {
    /// Drops the pending save (the form is being sent, which stores the answers itself).
    pub fn cancel_pending(self) {
        self.edits.update_value(|edits| *edits += 1);
    }
}

/// Keeps `content` (what the form edits) as the draft of `filing`, made into the sealed body by `body`.
pub fn autosave<T, B>(draft: &DeviceDraft, filing: Filing, answers: RwSignal<T>, body: B) -> Autosave
where
    T: Clone + PartialEq + Send + Sync + 'static,
    B: Fn(T) -> Body + Clone + Send + Sync + 'static,
{
    let (owner, id) = (draft.owner.clone(), draft.id);
    let edits = StoredValue::new(0_u32);
    let status = RwSignal::new(SaveStatus::Idle);
    let save = move |owner: String, answers: T| {
        let (filing, body) = (filing.clone(), body(answers));
        spawn_local(async move {
            let saved = drafts::save_draft(&owner, id, &filing, body).await;
            // The form may be gone (a save at cleanup): then nobody reads the status.
            let _ = status.try_set(if saved.is_ok() { SaveStatus::Saved } else { SaveStatus::Failed });
        });
    };
    let owner_for_edits = owner.clone();
    let save_after_pause = save.clone();
    Effect::new(move |first: Option<()>| {
        answers.track();
        if first.is_none() {
            return; // the loaded answers need no saving
        }
        status.set(SaveStatus::Pending);
        let edit = edits.get_value() + 1;
        edits.set_value(edit);
        let (owner, save) = (owner_for_edits.clone(), save_after_pause.clone());
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(AUTOSAVE_AFTER_MS).await;
            // The form may be gone by now (then `on_cleanup` below saved already).
            if edits.try_get_value() == Some(edit) {
                if let Some(answers) = answers.try_get_untracked() {
                    save(owner, answers);
                }
            }
        });
    });
    let saved_at_start = StoredValue::new(answers.get_untracked());
    on_cleanup(move || {
        // Read now: the signal is disposed with the form. Unchanged answers need no write.
        let (Some(answers), Some(first)) = (answers.try_get_untracked(), saved_at_start.try_get_value()) else {
            return;
        };
        if answers != first {
            save(owner, answers);
        }
    });
    Autosave { edits, status }
}

/// The note under the form saying whether what was typed is kept on the device.
#[component]
pub fn AutosaveNote(autosave: Autosave) -> impl IntoView {
    let text = move || match autosave.status.get() {
        SaveStatus::Idle => None,
        SaveStatus::Pending => Some(words::SAVING),
        SaveStatus::Saved => Some(words::SAVED),
        SaveStatus::Failed => Some(words::DEVICE_ERROR),
    };
    let lang = crate::i18n::use_lang();
    view! {
        <p class="autosave-note" role="status" aria-live="polite">
            {move || text().map(|text| text.get(lang.get()))}
        </p>
    }
}
