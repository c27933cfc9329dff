//! `GET /api/v1/notifications/page`: the lists a page at a time (keyset pagination), searched and
//! ordered by the database, for a health center holding tens of thousands of notifications.

use axum::extract::State;
use axum::Json;
use domain::api::{ListOrder, NotificationFilter, NotificationPage, NotificationPageQuery, PAGE_ROWS, PAGE_ROWS_MAX};
use domain::error::ApiError;
use time::{Date, OffsetDateTime, Time};

use crate::access;
use crate::auth::Principal;
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::store::{Account, ListSearch, PagePlace, PageRequest};
use crate::AppState;

/// One page of the notifications this account may see (the scope of `GET /notifications`), narrowed by
/// the list's filters and a search, in the order asked for (by default a health center's inbox order,
/// newest first for every other list). A search finds part of a receipt number or of the filing
/// institution's name and, for accounts that open the records (filers, health centers, supervisors
/// with the download flag), of the patient's name or reading, in any width and either kana. `next`
/// continues the same list after the page's last row; the urgency order keeps telling overdue ones as
/// at the first page, so a row does not move between pages as time passes. `feed_cursor` says where
/// the change feed stood, for a list that reads itself again when something changes.
#[utoipa::path(
    get, path = "/notifications/page", tag = "notifications", params(NotificationFilter, NotificationPageQuery),
    responses(
        (status = 200, description = "The page, and where the next one starts", body = NotificationPage),
        (status = 400, description = "A filter or `after` is malformed (dates are `YYYY-MM-DD`, JST), or `limit` is not 1 to 200", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn page(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<NotificationPageQuery>,
) -> Result<Json<NotificationPage>, AppError> {
    let account = &principal.account;
    let request = page_request(account, &query)?;
    // Read first: a change made while the page is read is then reported again rather than missed.
    let feed_cursor = u64::try_from(state.store.latest_change().await?)
        .map_err(|_| AppError::Internal("negative step number".into()))?;
    let Some(request) = request else {
        let order = query.order.unwrap_or(ListOrder::Newest);
        return Ok(Json(NotificationPage { rows: Vec::new(), order, next: None, feed_cursor }));
    };
    let rows_wanted = request.limit - 1;
    let mut found = state.store.notification_page(&request).await?;
    // One row more than the page was asked for: whether there is a next page at all.
    let more = i64::try_from(found.len()).unwrap_or(i64::MAX) > rows_wanted;
    found.truncate(usize::try_from(rows_wanted).unwrap_or(usize::MAX));
    let next = found.last().filter(|_| more).map(|(_, place)| Cursor { place: *place, as_of: request.as_of }.text());
    let rows = found.into_iter().map(|(stored, _)| super::routes::row_for(account, stored)).collect();
    Ok(Json(NotificationPage { rows, order: request.order, next, feed_cursor }))
}

/// The store's request for the account's query; `None` for an account that sees no notification.
fn page_request(account: &Account, query: &NotificationPageQuery) -> Result<Option<PageRequest>, AppError> {
    let limit = query.limit.unwrap_or(PAGE_ROWS);
    if !(1..=PAGE_ROWS_MAX).contains(&limit) {
        return Err(AppError::MalformedRequest(format!("limit is 1 to {PAGE_ROWS_MAX}: {limit}")));
    }
    let cursor = query.after.as_deref().map(Cursor::parse).transpose()?;
    let filter = &query.filter;
    let received_from = japan_day(filter.received_from.as_deref())?.map(start_in_japan);
    let received_before = japan_day(filter.received_to.as_deref())?.and_then(Date::next_day).map(start_in_japan);
    let Some(scope) = access::notification_scope(account) else {
        return Ok(None);
    };
    let default_order = if access::is_inbox(account) { ListOrder::Urgency } else { ListOrder::Newest };
    let search = query.q.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(|text| ListSearch {
        text: domain::disease_search::standard_width(text),
        folded: domain::disease_search::fold(text),
        patients: access::opens_records(account),
    });
    Ok(Some(PageRequest {
        scope,
        disease: filter.disease.clone(),
        status: filter.status,
        received_from,
        received_before,
        search,
        order: query.order.unwrap_or(default_order),
        as_of: cursor.map_or_else(now_in_seconds, |cursor| cursor.as_of),
        after: cursor.map(|cursor| cursor.place),
        limit: i64::from(limit) + 1,
    }))
}

/// Now, to the second the cursor keeps.
fn now_in_seconds() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// A `YYYY-MM-DD` filter; malformed is refused.
fn japan_day(text: Option<&str>) -> Result<Option<Date>, AppError> {
    text.map(|text| {
        domain::validation::parse_date(text)
            .ok_or_else(|| AppError::MalformedRequest(format!("not a YYYY-MM-DD date: {text}")))
    })
    .transpose()
}

/// Midnight of `day` in Japan.
fn start_in_japan(day: Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_offset(domain::jst::JST)
}

/// Where the next page starts: the last row's place, and the instant the first page was ordered at.
/// Written as `key.seq.unix_seconds`; clients pass it back unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    place: PagePlace,
    as_of: OffsetDateTime,
}

impl Cursor {
    fn text(&self) -> String {
        format!("{}.{}.{}", self.place.key, self.place.seq, self.as_of.unix_timestamp())
    }

    fn parse(text: &str) -> Result<Self, AppError> {
        let malformed = || AppError::MalformedRequest(format!("not a page cursor: {text}"));
        let numbers: Vec<i64> = text.split('.').map(str::parse).collect::<Result<_, _>>().map_err(|_| malformed())?;
        let [key, seq, as_of] = numbers[..] else {
            return Err(malformed());
        };
        let as_of = OffsetDateTime::from_unix_timestamp(as_of).map_err(|_| malformed())?;
        Ok(Self { place: PagePlace { key, seq }, as_of })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_anything_else_is_refused() {
        let cursor = Cursor { place: PagePlace { key: 3, seq: 1042 }, as_of: OffsetDateTime::UNIX_EPOCH };
        assert_eq!(Cursor::parse(&cursor.text()).ok(), Some(cursor));
        for text in ["", "3.1042", "3.1042.0.1", "a.b.c", "3.1042.99999999999999"] {
            assert!(matches!(Cursor::parse(text), Err(AppError::MalformedRequest(_))), "{text}");
        }
    }

    #[test]
    fn a_day_in_japan_starts_at_midnight_there() {
        let day = time::macros::date!(2026 - 12 - 06);
        assert_eq!(start_in_japan(day), time::macros::datetime!(2026-12-05 15:00 UTC));
    }
}
