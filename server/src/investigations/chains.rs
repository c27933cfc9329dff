//! `/api/v1/cases/{id}/chain`: the chain of transmission a case belongs to — from the cluster's first
//! case (up through the contacts cases were), every case reached through contacts who became cases,
//! with their contacts. Cases outside the account's area are left out with their contacts; reading it
//! is audited (it names people), with the case's own access rule.

use std::collections::HashSet;

use axum::extract::State;
use axum::Json;
use domain::api::{ChainCase, TransmissionChain};
use domain::error::ApiError;
use uuid::Uuid;

use super::Audited;
use crate::audit::Action;
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::ApiPath;
use crate::store::{Account, StoredCase};
use crate::{access, AppState};

/// The most cases a chain is drawn with (a cluster larger than this is cut, from the root down).
pub const MAX_CASES: usize = 500;

/// The chain of transmission of the case's cluster.
#[utoipa::path(
    get, path = "/cases/{id}/chain", tag = "investigations",
    params(("id" = Uuid, Path, description = "Any case of the cluster")),
    responses(
        (status = 200, description = "The chain, from its first case", body = TransmissionChain),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an overseer, or above a health center without the download flag (`download_not_permitted`)", body = ApiError),
        (status = 404, description = "No such case in the account's area", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<TransmissionChain>, AppError> {
    let actor = principal.account.user_id.as_str();
    let read = Audited { state: &state, action: Action::ViewTransmissionChain, actor, target: id.to_string(), client };
    let found = async {
        let case = state.store.case(id).await?.ok_or(AppError::NotFound)?;
        visible(&principal.account, &case)?;
        Ok(case)
    };
    let case = read.check(found.await).await?;
    let root = root_of(&state, &principal.account, case).await?;
    let chain = chain_from(&state, &principal.account, root).await?;
    read.record().await?;
    Ok(Json(chain))
}

fn visible(account: &Account, case: &StoredCase) -> Result<(), AppError> {
    access::may_open_subject(account, &case.prefecture_code, &case.summary.health_center.code)
}

/// The first case of the cluster: up through the contact each case was, while the account sees it.
async fn root_of(state: &AppState, account: &Account, mut case: StoredCase) -> Result<StoredCase, AppError> {
    let mut seen = HashSet::from([case.summary.id]);
    while let Some(origin) = &case.from_contact_of {
        let Some(above) = state.store.case(origin.case_id).await? else { break };
        if visible(account, &above).is_err() || !seen.insert(above.summary.id) || seen.len() > MAX_CASES {
            break;
        }
        case = above;
    }
    Ok(case)
}

/// Every case reached from `root` through contacts who became cases (each once), with their contacts.
async fn chain_from(state: &AppState, account: &Account, root: StoredCase) -> Result<TransmissionChain, AppError> {
    let mut chain = TransmissionChain { root: root.summary.id, cases: Vec::new(), contacts: Vec::new() };
    let mut pending = vec![root];
    let mut seen = HashSet::new();
    while let Some(case) = pending.pop() {
        if !seen.insert(case.summary.id) || chain.cases.len() >= MAX_CASES {
            continue;
        }
        let contacts = state.store.contacts(case.summary.id).await?;
        for next in contacts.iter().filter_map(|contact| contact.became_case) {
            if let Some(next) = state.store.case(next).await?.filter(|next| visible(account, next).is_ok()) {
                pending.push(next);
            }
        }
        chain.contacts.extend(contacts);
        chain.cases.push(ChainCase {
            id: case.summary.id,
            case_number: case.summary.case_number,
            subject_name: case.subject_name,
            status: case.summary.status,
            from_contact: case.from_contact,
        });
    }
    Ok(chain)
}
