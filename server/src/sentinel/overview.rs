//! The health center's sentinel week (`/sentinel/overview`): for each site designated in its area and
//! each form the site owes, where last week's (or last month's) report stands, missing first, and
//! the area's 警報・注意報; and reminders by e-mail to the sites that have not reported
//! (`/sentinel/reminders`), queued for the letter worker.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::Json;
use domain::api::{
    HealthCenterOverview, Organization, OverviewQuery, ReminderRequest, RemindersQueued, SiteDesignations,
    SiteDueReport, SiteReminded,
};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::i18n::Lang;
use domain::sentinel::{due, form, Frequency, IsoWeek, ReportPeriod, FORMS};
use uuid::Uuid;

use super::reports::due_report;
use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::store::{AreaFilter, OutgoingMail, ReminderOutcome, SentinelFilter, SiteReminder, Store};
use crate::{access, AppState};

/// A health center's sentinel week: every site designated in its area with each report it owes now
/// (the week just ended, the month just ended) and where it stands — missing first, then pending,
/// late, reported — with when a site not reported was reminded, the area's diseases at 注意報 or 警報
/// last week, and every site's designations (type, from, until). Health-center staff see their own
/// area; a 都道府県等 or national account names one of its areas (`health_center`). `week` shows an
/// earlier week instead (what a page pinned to a week reads however long it stays open).
#[utoipa::path(
    get, path = "/sentinel/overview", tag = "sentinel", params(OverviewQuery),
    responses(
        (status = 200, description = "Due reports and alert levels", body = HealthCenterOverview),
        (status = 400, description = "A 都道府県等 or national account did not name a health center, or `week` is not a week", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such health center within the account's scope", body = ApiError),
        (status = 422, description = "`week` has not ended yet", body = ApiError),
    )
)]
pub async fn overview(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<OverviewQuery>,
) -> Result<Json<HealthCenterOverview>, AppError> {
    let areas = state.store.areas().await?;
    let area = access::sentinel_area(&principal.account, query.health_center.as_deref(), &areas)?;
    let today = super::today();
    let as_of = shown_as_of(query.week, today)?;
    let health_center = area.health_center.clone();
    let area_filter = AreaFilter::HealthCenter(health_center.code.clone());
    let mut reports = Vec::new();
    for form in FORMS {
        let period = due::due_period(form.frequency, as_of);
        let Some(due_on) = due::due_on(form, period) else { continue };
        let owed = owed_reports(state.store.as_ref(), form.kind, period, &area_filter).await?;
        let mut reminded = state.store.reminded_sites(form.kind, period, &health_center.code).await?;
        reports.extend(owed.into_iter().map(|(site, report)| SiteDueReport {
            reminded_at: reminded.remove(&site.code),
            due: due_report(form.kind, period, due_on, report.as_ref(), today),
            site,
        }));
    }
    reports.sort_by(|a, b| {
        (std::cmp::Reverse(a.due.state), &a.site.code, a.due.kind).cmp(&(
            std::cmp::Reverse(b.due.state),
            &b.site.code,
            b.due.kind,
        ))
    });
    let week = due::due_period(Frequency::Weekly, as_of);
    let alerts = match week {
        ReportPeriod::Week(iso_week) => {
            super::tables::alerts_in(state.store.as_ref(), iso_week, &area_filter, std::slice::from_ref(area)).await?
        }
        ReportPeriod::Month { .. } => Vec::new(),
    };
    let designations = area_designations(state.store.as_ref(), &health_center.code).await?;
    Ok(Json(HealthCenterOverview {
        health_center,
        week,
        month: due::due_period(Frequency::Monthly, as_of),
        reports,
        alerts,
        designations,
    }))
}

/// The day whose owed reports the overview shows: the first day `week` is owed, or today. A week not
/// yet owed (it has not ended) is refused at `week`.
fn shown_as_of(week: Option<IsoWeek>, today: time::Date) -> Result<time::Date, AppError> {
    let Some(week) = week else { return Ok(today) };
    let as_of = due::first_day_owed(week);
    if as_of <= today {
        return Ok(as_of);
    }
    let code = FieldErrorCode::PeriodInFuture;
    let message = format!("week：{}", code.message(Lang::Ja));
    Err(AppError::Validation(vec![FieldError { field: "week".into(), code, message }]))
}

/// The area's sites with their designations, by site code.
async fn area_designations(store: &dyn Store, health_center: &str) -> Result<Vec<SiteDesignations>, AppError> {
    let mut sites: Vec<SiteDesignations> = Vec::new();
    for designated in store.area_designations(health_center).await? {
        match sites.last_mut() {
            Some(last) if last.site.code == designated.site.code => last.designations.push(designated.designation),
            _ => sites.push(SiteDesignations { site: designated.site, designations: vec![designated.designation] }),
        }
    }
    Ok(sites)
}

/// The sites of `area` designated for `kind`'s type in `period`, each with its report if it has one.
async fn owed_reports(
    store: &dyn Store,
    kind: domain::sentinel::ReportKind,
    period: ReportPeriod,
    area: &AreaFilter,
) -> Result<Vec<(Organization, Option<crate::store::PeriodReport>)>, AppError> {
    let (first, last) = (period.first_day(), period.last_day());
    let sites = store.designated_sites(form(kind).sentinel_type, first, last, area).await?;
    let filter = SentinelFilter { kind, from: first, to: first, area: area.clone() };
    let mut filed: HashMap<String, crate::store::PeriodReport> =
        store.period_reports(&filter).await?.into_iter().map(|r| (r.institution_code.clone(), r)).collect();
    Ok(sites.into_iter().map(|site| (site.site.clone(), filed.remove(&site.site.code))).collect())
}

pub const REMINDER_SUBJECT: &str = "【todoke】定点報告のお願い";

/// The reminder's text: which report is awaited, its deadline, where to file.
pub fn reminder_body(
    site: &str,
    kind: domain::sentinel::ReportKind,
    period: ReportPeriod,
    health_center: &str,
    site_url: &str,
) -> String {
    let form = form(kind);
    let due_on = due::due_on(form, period).map_or_else(String::new, |day| format!("（提出期限 {day}）"));
    format!(
        "{site} 御中\n\n\
         {form_name} {period}（{first}〜{last}）の報告をまだ受け付けていません{due_on}。\n\
         患者がいなかった場合も「患者なし」として報告してください。\n\n\
         URL: {site_url}\n\n\
         {health_center}\n",
        form_name = form.name.get(Lang::Ja),
        first = period.first_day(),
        last = period.last_day(),
    )
}

/// E-mails the managers (医療機関管理者) of the sites in the health center's area that are designated
/// for `kind`'s type in `period` and have not reported it: one letter per address, sent by the letter
/// worker through SMTP with its retries; one audit record per site. A site is reminded of a report
/// once: sites reminded before (by anyone of the health center) are listed with when, and not mailed
/// again. Sites whose managers have no e-mail address are listed. Only the health center's own staff
/// send them.
#[utoipa::path(
    post, path = "/sentinel/reminders", tag = "sentinel", request_body = ReminderRequest,
    responses(
        (status = 200, description = "Reminders queued (none for sites reminded before: `already_reminded`)", body = RemindersQueued),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center's staff", body = ApiError),
        (status = 422, description = "`period` is of the other frequency, before the catalog, or has not begun", body = ApiError),
    )
)]
pub async fn remind(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(request): ApiJson<ReminderRequest>,
) -> Result<Json<RemindersQueued>, AppError> {
    let account = &principal.account;
    let health_center_code = access::reminding_health_center(account)?;
    check_reminded_period(&request)?;
    let store = state.store.as_ref();
    let area = AreaFilter::HealthCenter(health_center_code.to_owned());
    let unreported: Vec<Organization> = owed_reports(store, request.kind, request.period, &area)
        .await?
        .into_iter()
        .filter_map(|(site, report)| report.is_none().then_some(site))
        .collect();
    let codes: Vec<String> = unreported.iter().map(|site| site.code.clone()).collect();
    let mut addresses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for contact in store.site_contacts(&codes).await? {
        addresses.entry(contact.institution_code).or_default().push(contact.email);
    }
    let health_center = store.health_center(health_center_code).await?.map(|hc| hc.name).unwrap_or_default();
    let now = crate::store::now();
    let (mut reminders, mut sites, mut unreachable) = (Vec::new(), Vec::new(), Vec::new());
    for site in unreported {
        let Some(recipients) = addresses.get(&site.code) else {
            unreachable.push(site);
            continue;
        };
        let body = reminder_body(&site.name, request.kind, request.period, &health_center, &state.accounts.site_url);
        let mails = recipients
            .iter()
            .map(|recipient| OutgoingMail {
                id: Uuid::new_v4(),
                recipient: recipient.clone(),
                subject: REMINDER_SUBJECT.to_owned(),
                body: body.clone(),
            })
            .collect();
        let target = format!("{}/{}/{}", site.code, request.kind.code(), request.period);
        reminders.push(SiteReminder {
            institution_code: site.code.clone(),
            kind: request.kind,
            period: request.period,
            reminded_by: account.user_id.clone(),
            reminded_at: now,
            mails,
            audit: audit::entry(
                Action::RemindSentinelSite,
                Outcome::Success,
                Some(&account.user_id),
                Some(target),
                client.clone(),
            ),
        });
        sites.push(site);
    }
    let outcomes = store.queue_reminders(&reminders).await?;
    let mut already_reminded = Vec::new();
    for (site, outcome) in sites.into_iter().zip(outcomes) {
        if let ReminderOutcome::RemindedBefore(reminded_at) = outcome {
            already_reminded.push(SiteReminded { site, reminded_at });
        }
    }
    let queued = u32::try_from(reminders.len() - already_reminded.len()).unwrap_or(u32::MAX);
    if queued > 0 {
        state.accounts.letters_due.notify_one();
    }
    Ok(Json(RemindersQueued { queued, unreachable, already_reminded }))
}

/// A reminder is for a period of the form's frequency that the catalog has and that has begun.
fn check_reminded_period(request: &ReminderRequest) -> Result<(), AppError> {
    let form = form(request.kind);
    let code = if request.period.frequency() != form.frequency || form.version_on(request.period.first_day()).is_none()
    {
        FieldErrorCode::InvalidValue
    } else if request.period.first_day() > super::today() {
        FieldErrorCode::PeriodInFuture
    } else {
        return Ok(());
    };
    let message = format!("period：{}", code.message(Lang::Ja));
    Err(AppError::Validation(vec![FieldError { field: "period".into(), code, message }]))
}
