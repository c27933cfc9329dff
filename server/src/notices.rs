//! Notices (お知らせ, P-1): `/admin/notices…` where the national administrator and the 都道府県等's
//! administrators publish, edit and withdraw notices within their scope (`access::addresses`), and
//! `/notices…` where every account reads the ones addressed to it and marks them read.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{MyNotice, Notice, NoticeDraft};
use domain::error::{field_error, ApiError, FieldErrorCode};
use uuid::Uuid;

use crate::access::{self, IssuingScope};
use crate::audit::{self, Action, Outcome};
use crate::auth::session::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, Account, Reader};
use crate::AppState;

/// The notices addressed to the account and in their period now, newest first, read or not.
#[utoipa::path(
    get, path = "/notices", tag = "notices",
    responses((status = 200, description = "The account's current notices", body = [MyNotice]))
)]
pub async fn mine(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<MyNotice>>, AppError> {
    let account = &principal.account;
    let prefecture = state.store.account_prefecture(&account.user_id).await?;
    let reader = Reader { user_id: &account.user_id, role: account.role, prefecture: prefecture.as_deref() };
    Ok(Json(state.store.notices_for(reader, store::now()).await?))
}

/// Marks a notice read by this account (its text now is no longer shown as new). Only a notice
/// addressed to the account and in its period: any other is 404. A read-only maintenance stop lets it
/// through (`maintenance::reads`).
#[utoipa::path(
    post, path = "/notices/{id}/read", tag = "notices", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Read"),
        (status = 404, description = "No such notice addressed to this account now", body = ApiError),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, AppError> {
    let account = &principal.account;
    let now = store::now();
    let notice = state.store.notice(id).await?.ok_or(AppError::NotFound)?;
    let prefecture = state.store.account_prefecture(&account.user_id).await?;
    let current = notice.withdrawn_at.is_none() && notice.draft.starts_at <= now && now < notice.draft.ends_at;
    if !current || !notice.draft.audience.includes(account.role, prefecture.as_deref()) {
        return Err(AppError::NotFound);
    }
    state.store.mark_notice_read(id, &account.user_id, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The notices the administrator publishes for: every notice nationally, its 都道府県等's otherwise;
/// newest first, withdrawn ones too.
#[utoipa::path(
    get, path = "/admin/notices", tag = "notices",
    responses(
        (status = 200, description = "The notices in the publisher's scope", body = [Notice]),
        (status = 403, description = "Not an administrator who publishes notices", body = ApiError),
    )
)]
pub async fn published(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<Notice>>, AppError> {
    let scope = access::notice_publisher(&principal.account)?;
    Ok(Json(state.store.published_notices(scope.batch_prefecture()).await?))
}

/// Publishes a notice for its audience and period.
#[utoipa::path(
    post, path = "/admin/notices", tag = "notices", request_body = NoticeDraft,
    responses(
        (status = 201, description = "Published", body = Notice),
        (status = 403, description = "Not an administrator who publishes notices", body = ApiError),
        (status = 422, description = "No title or text, a period that has ended or runs backwards, or an \
            audience outside the publisher's 都道府県等", body = ApiError),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(draft): ApiJson<NoticeDraft>,
) -> Result<(StatusCode, Json<Notice>), AppError> {
    let scope = access::notice_publisher(&principal.account)?;
    let draft = checked(&state, &scope, &draft).await?;
    let now = store::now();
    let notice = Notice {
        id: Uuid::new_v4(),
        draft,
        published_by: principal.account.user_id.clone(),
        published_at: now,
        withdrawn_at: None,
    };
    let entry = audit_entry(Action::PublishNotice, &principal.account, notice.id, client);
    state.store.insert_notice(&notice, &entry).await?;
    Ok((StatusCode::CREATED, Json(notice)))
}

/// Changes a notice (its text, audience or period). A changed title or text is new again to those
/// who read the earlier one (the store counts its text revision up); another period or audience is not.
#[utoipa::path(
    put, path = "/admin/notices/{id}", tag = "notices", params(("id" = Uuid, Path)), request_body = NoticeDraft,
    responses(
        (status = 200, description = "Changed", body = Notice),
        (status = 403, description = "Not an administrator who publishes notices", body = ApiError),
        (status = 404, description = "No such notice in the publisher's scope", body = ApiError),
        (status = 409, description = "The notice was withdrawn", body = ApiError),
        (status = 422, description = "As for publishing", body = ApiError),
    )
)]
pub async fn edit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(draft): ApiJson<NoticeDraft>,
) -> Result<Json<Notice>, AppError> {
    let scope = access::notice_publisher(&principal.account)?;
    let notice = in_scope(&state, &scope, id).await?;
    let draft = checked(&state, &scope, &draft).await?;
    let entry = audit_entry(Action::EditNotice, &principal.account, id, client);
    if !state.store.update_notice(id, &draft, &entry).await? {
        return Err(AppError::InvalidTransition);
    }
    Ok(Json(Notice { draft, ..notice }))
}

/// Withdraws a notice (取下げ): nobody is shown it any more; it stays in the publishers' list.
#[utoipa::path(
    post, path = "/admin/notices/{id}/withdraw", tag = "notices", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an administrator who publishes notices", body = ApiError),
        (status = 404, description = "No such notice in the publisher's scope", body = ApiError),
        (status = 409, description = "Withdrawn already", body = ApiError),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, AppError> {
    let scope = access::notice_publisher(&principal.account)?;
    in_scope(&state, &scope, id).await?;
    let entry = audit_entry(Action::WithdrawNotice, &principal.account, id, client);
    if !state.store.withdraw_notice(id, store::now(), &entry).await? {
        return Err(AppError::InvalidTransition);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The notice, if the publisher's scope holds it; any other is 404 (as for a missing one).
async fn in_scope(state: &AppState, scope: &IssuingScope, id: Uuid) -> Result<Notice, AppError> {
    match state.store.notice(id).await? {
        Some(notice) if access::addresses(scope, &notice.draft.audience) => Ok(notice),
        _ => Err(AppError::NotFound),
    }
}

/// The draft as it will be kept: the rule of `domain` ([`domain::api::check_notice`]), then an
/// audience the publisher addresses, naming a 都道府県等 that exists.
async fn checked(state: &AppState, scope: &IssuingScope, draft: &NoticeDraft) -> Result<NoticeDraft, AppError> {
    let draft = domain::api::check_notice(draft, store::now()).map_err(AppError::Validation)?;
    let known = match draft.audience.prefecture.as_deref() {
        Some(code) => state.store.has_prefecture(code).await?,
        None => true,
    };
    if !known || !access::addresses(scope, &draft.audience) {
        return Err(AppError::Validation(vec![field_error(
            "audience.prefecture",
            FieldErrorCode::OutsideJurisdiction,
        )]));
    }
    Ok(draft)
}

fn audit_entry(action: Action, account: &Account, id: Uuid, client: Option<String>) -> store::AuditEntry {
    audit::entry(action, Outcome::Success, Some(&account.user_id), Some(id.to_string()), client)
}
