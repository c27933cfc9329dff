//! `GET /api/v1/notifications/export`: the CSV download of one disease's (or animal report's) visible
//! notifications, for accounts with the 個票・CSVダウンロードフラグ. Every export is audited (P-2).

use axum::extract::State;
use axum::response::Response;
use domain::api::{CsvEncoding, ExportQuery};
use domain::error::ApiError;
use domain::forms::FormDefinition;

use super::csv_file;
use super::routes::matching;
use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::{access, AppState};

/// The notifications of one form that this account sees (its list's scope), filtered like the list, as
/// a CSV file: UTF-8 with BOM (`encoding=utf8`, the default) or Shift_JIS / Windows-31J for Excel
/// (`encoding=shift_jis`). Human notifications of `disease`, or with `animal_report` the veterinarians'
/// reports of that disease × species pair. Header: docs/csv-export.md. In Shift_JIS, characters beyond
/// Windows-31J (e.g. 𠮟) are written as 〓 and named in the last column, `replaced_characters`. The
/// export, each notification in it, and a refusal are audited.
#[utoipa::path(
    get, path = "/notifications/export", tag = "notifications", params(ExportQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "`disease` is missing or a parameter is malformed (dates are `YYYY-MM-DD`, JST)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "`download_not_permitted`: the account lacks the download flag", body = ApiError),
        (status = 422, description = "`unknown_disease`: no such disease or animal report", body = ApiError),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, AppError> {
    let account = &principal.account;
    let target = describe(&query);
    let actor = Some(account.user_id.as_str());
    let entry = |action, outcome, target| audit::entry(action, outcome, actor, target, client.clone());
    let scope = match access::export_scope(account) {
        Ok(scope) => scope,
        Err(refused) => {
            state.store.audit(entry(Action::ExportNotifications, Outcome::Denied, Some(target))).await?;
            return Err(refused);
        }
    };
    let (form, form_code) = export_form(&query)?;
    let filter = query.filter();
    let keep = matching(&filter)?;
    let mut notifications = state.store.notifications(&scope).await?;
    notifications.retain(|n| keep(&n.summary) && n.summary.animal_report == query.animal_report);
    let header = csv_file::header(form);
    let body = csv_file::encode(&header, csv_file::rows(form, &notifications), query.encoding)
        .map_err(|error| AppError::Internal(format!("CSV export: {error}")))?;
    let mut entries = vec![entry(
        Action::ExportNotifications,
        Outcome::Success,
        Some(format!("{target} rows={}", notifications.len())),
    )];
    entries.extend(notifications.iter().map(|n| {
        entry(Action::ExportNotification, Outcome::Success, Some(n.summary.receipt.notification_id.to_string()))
    }));
    state.store.audit_all(entries).await?;
    let day = domain::jst::date_in_japan(crate::store::now());
    Ok(csv_file::attachment(body, query.encoding, &format!("todoke-{form_code}-{day}.csv")))
}

/// The form whose items are the columns, with its catalog code (for the file name).
fn export_form(query: &ExportQuery) -> Result<(&'static FormDefinition, &'static str), AppError> {
    domain::validation::notification_form(&query.disease, query.animal_report.as_deref())
        .map(|found| (found.form.definition(), found.code()))
        .ok_or(AppError::UnknownDisease)
}

/// The audit target of an export: what was asked for.
fn describe(query: &ExportQuery) -> String {
    let form = match &query.animal_report {
        Some(report) => format!("{}/{report}", query.disease),
        None => query.disease.clone(),
    };
    let encoding = match query.encoding {
        CsvEncoding::Utf8 => "utf8",
        CsvEncoding::ShiftJis => "shift_jis",
    };
    format!("{form} {encoding}")
}
