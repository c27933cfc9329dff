//! The SQL of a list's page (`GET /notifications/page`): keyset pagination over the notifications of
//! a scope, filtered and searched, in one of the [`ListOrder`]s. Written here as pieces (SQL text and
//! values to bind), which each back end's `QueryBuilder` turns into its own placeholders.
//!
//! A page is found in two steps: the keys of its rows (sequence number and sort key, from the indexed
//! columns and the search column only), then those rows in full. The place of the previous page's last
//! row, not an offset, says where a page starts, so a page costs the same wherever it is and rows
//! received meanwhile neither shift nor repeat it.

use domain::api::{ListOrder, NotificationStatus};
use domain::workflow::{is_urgent, rank, review_window_when};
use strum::IntoEnumIterator;
use time::OffsetDateTime;

use super::{column_name, ListSearch, NotificationScope, PagePlace, PageRequest};

/// A piece of the page's SQL: text, or a value bound in its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Sql(String),
    Text(String),
    Time(OffsetDateTime),
    Int(i64),
}

/// The pieces of a query, in order.
#[derive(Debug, Default)]
pub(crate) struct Pieces(pub Vec<Piece>);

impl Pieces {
    fn sql(&mut self, text: impl Into<String>) -> &mut Self {
        self.0.push(Piece::Sql(text.into()));
        self
    }

    fn bind(&mut self, piece: Piece) -> &mut Self {
        self.0.push(piece);
        self
    }
}

/// The database a page's SQL is written for. They write one piece differently: the search for part of
/// a receipt number, which each answers from its own trigram index (migration 0049: an FTS5 table on
/// SQLite, a pg_trgm index on PostgreSQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// The [`Dialect`] of a back end's database type.
pub(crate) trait WithDialect {
    const DIALECT: Dialect;
}

impl WithDialect for sqlx::Sqlite {
    const DIALECT: Dialect = Dialect::Sqlite;
}

impl WithDialect for sqlx::Postgres {
    const DIALECT: Dialect = Dialect::Postgres;
}

/// The column a scope compares with its code (`n` the notification, `h` its health center now), and
/// the code; `None` for the national scope, which takes everything. The same rule as
/// [`NotificationScope::contains`].
pub(crate) fn scope_column(scope: &NotificationScope) -> Option<(&'static str, &str)> {
    match scope {
        NotificationScope::FiledFromInstitution(code) => Some(("n.institution_code", code)),
        NotificationScope::RoutedToHealthCenter(code) => Some(("n.health_center_code", code)),
        NotificationScope::HealthCentersOfPrefecture(code) => Some(("h.prefecture_code", code)),
        NotificationScope::All => None,
    }
}

/// The keys (`page_seq`, `page_key`) of the page's rows, in its order. `page_key` is 0 for the orders by
/// receipt, which the sequence number alone gives (and the scope's index on it serves). The orders by
/// urgency and by status rank few rows: each status is read on its own, newest first from the index
/// of the health center, status and sequence, at most a page of each (the received ones, few, are
/// ranked by urgency), and the parts are merged. So a page costs about the same however many
/// finished notifications a health center holds.
pub(crate) fn page_keys(request: &PageRequest, dialect: Dialect) -> Pieces {
    let mut pieces = Pieces::default();
    if matches!(request.order, ListOrder::Newest | ListOrder::Oldest) {
        keys_of(&mut pieces, request, dialect, None);
        return pieces;
    }
    pieces.sql("SELECT page_seq, page_key FROM (");
    for (part, status) in NotificationStatus::iter().enumerate() {
        if part > 0 {
            pieces.sql(" UNION ALL ");
        }
        pieces.sql("SELECT * FROM (");
        keys_of(&mut pieces, request, dialect, Some(status));
        pieces.sql(format!(") part_{part}"));
    }
    pieces.sql(format!(") page_keys ORDER BY {} LIMIT ", order_by(request.order, "page_key", "page_seq")));
    pieces.bind(Piece::Int(request.limit));
    pieces
}

/// How the rows of one status are keyed in an order: all alike, or (the received ones of that status
/// in the urgency order) each by its urgency and whether it is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Same(i64),
    Ranked(NotificationStatus),
}

/// The key of `status`'s rows in `order` (`None`: the orders by receipt, every status together).
fn key_of(order: ListOrder, status: Option<NotificationStatus>) -> Key {
    match (order, status) {
        (ListOrder::Status, Some(status)) => {
            let place = NotificationStatus::iter().position(|each| each == status).unwrap_or_default();
            Key::Same(i64::try_from(place).unwrap_or_default())
        }
        (ListOrder::Urgency, Some(status))
            if status != NotificationStatus::Received && rank(status, false, true) == rank(status, false, false) =>
        {
            Key::Same(i64::from(rank(status, false, false)))
        }
        (ListOrder::Urgency, Some(status)) => Key::Ranked(status),
        _ => Key::Same(0),
    }
}

/// The first `limit` keys after the request's place among the rows of `status` (or of every status).
fn keys_of(pieces: &mut Pieces, request: &PageRequest, dialect: Dialect, status: Option<NotificationStatus>) {
    let key = key_of(request.order, status);
    pieces.sql("SELECT page_seq, page_key FROM (SELECT n.seq AS page_seq, CAST(");
    match key {
        Key::Ranked(status) => urgency_key(pieces, status, request.as_of),
        Key::Same(value) => {
            pieces.sql(value.to_string());
        }
    }
    pieces.sql(
        " AS BIGINT) AS page_key FROM notifications n \
         JOIN institutions i ON i.code = n.institution_code \
         JOIN health_centers h ON h.code = n.health_center_code WHERE ",
    );
    conditions(pieces, request, dialect);
    if let Some(status) = status {
        pieces.sql(format!(" AND n.status = '{}'", column_name(status)));
    }
    pieces.sql(") keyed");
    if let Some(after) = request.after {
        pieces.sql(" WHERE ");
        after_place(pieces, request.order, key, after);
    }
    let order = match key {
        // Alike keys: the tie-break alone, which the index gives.
        Key::Same(_) if matches!(request.order, ListOrder::Urgency | ListOrder::Status) => ListOrder::Newest,
        _ => request.order,
    };
    pieces.sql(format!(" ORDER BY {} LIMIT ", order_by(order, "page_key", "page_seq")));
    pieces.bind(Piece::Int(request.limit));
}

/// `ORDER BY` of the page's order over the columns `key` and `seq`.
pub(crate) fn order_by(order: ListOrder, key: &str, seq: &str) -> String {
    match order {
        ListOrder::Urgency | ListOrder::Status => format!("{key}, {seq} DESC"),
        ListOrder::Newest => format!("{seq} DESC"),
        ListOrder::Oldest => seq.to_owned(),
    }
}

/// Rows after `after` in the order. Rows keyed alike come after it all (their key is greater), from
/// its sequence number on (the same key), or not at all (a smaller key): written so, an index seeks
/// to them.
fn after_place(pieces: &mut Pieces, order: ListOrder, key: Key, after: PagePlace) {
    let seq_after = if order == ListOrder::Oldest { "page_seq > " } else { "page_seq < " };
    match key {
        Key::Same(value) if value > after.key => pieces.sql("1 = 1"),
        Key::Same(value) if value == after.key => pieces.sql(seq_after).bind(Piece::Int(after.seq)),
        Key::Same(_) => pieces.sql("1 = 0"),
        Key::Ranked(_) => {
            pieces.sql("(page_key > ").bind(Piece::Int(after.key)).sql(" OR (page_key = ").bind(Piece::Int(after.key));
            pieces.sql(" AND page_seq < ").bind(Piece::Int(after.seq)).sql("))")
        }
    };
}

/// The scope, the filters and the search, joined by AND.
fn conditions(pieces: &mut Pieces, request: &PageRequest, dialect: Dialect) {
    match scope_column(&request.scope) {
        Some((column, code)) => pieces.sql(format!("{column} = ")).bind(Piece::Text(code.to_owned())),
        None => pieces.sql("1 = 1"),
    };
    if let Some(disease) = &request.disease {
        pieces.sql(" AND n.disease = ").bind(Piece::Text(disease.clone()));
    }
    if let Some(status) = request.status {
        pieces.sql(" AND n.status = ").bind(Piece::Text(column_name(status).to_owned()));
    }
    if let Some(from) = request.received_from {
        pieces.sql(" AND n.received_at >= ").bind(Piece::Time(from));
    }
    if let Some(before) = request.received_before {
        pieces.sql(" AND n.received_at < ").bind(Piece::Time(before));
    }
    match &request.search {
        Some(search) if super::is_whole_receipt_number(&search.text) => {
            pieces.sql(" AND n.receipt_number = ").bind(Piece::Text(search.text.clone()));
        }
        Some(search) if super::is_receipt_number_part(&search.text) => {
            receipt_number_part(pieces, &search.text, dialect)
        }
        Some(search) => searched(pieces, search),
        None => {}
    }
}

/// The notifications whose receipt number holds `part` (digits and `-`, three or more: see
/// [`super::is_receipt_number_part`]), found from the database's trigram index rather than by reading
/// the scope. The scope and filters stay the other conditions of the same query.
fn receipt_number_part(pieces: &mut Pieces, part: &str, dialect: Dialect) {
    let containing = Piece::Text(format!("%{part}%"));
    match dialect {
        Dialect::Sqlite => pieces
            .sql(" AND n.seq IN (SELECT rowid FROM notification_receipt_search WHERE receipt_number LIKE ")
            .bind(containing)
            .sql(")"),
        Dialect::Postgres => pieces.sql(" AND n.receipt_number LIKE ").bind(containing),
    };
}

/// The search for (a short part of) a receipt number, an institution's name or (if the account may) a
/// patient's name or reading: `LIKE '%…%'`, which reads the rows of the scope until a page is found.
fn searched(pieces: &mut Pieces, search: &ListSearch) {
    let containing = |text: &str| Piece::Text(format!("%{}%", escape_like(text)));
    pieces.sql(" AND (n.receipt_number LIKE ").bind(containing(&search.text)).sql(" ESCAPE '\\'");
    pieces.sql(" OR i.name LIKE ").bind(containing(&search.text)).sql(" ESCAPE '\\'");
    if search.patients && !search.folded.is_empty() {
        pieces.sql(" OR n.patient_search LIKE ").bind(containing(&search.folded)).sql(" ESCAPE '\\'");
    }
    pieces.sql(")");
}

/// `text` matched literally by LIKE: its wildcards and the escape character escaped.
fn escape_like(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

/// The inbox rank (`domain::workflow::rank`) of a `status`'s rows by urgency and overdue state, as a
/// CASE: a notification of a 直ちに disease is urgent, and one still waiting is overdue when it was
/// received before `as_of` less its review window. Disease codes are the catalog's (letters, digits,
/// `_`) and written into the SQL; the instants are bound.
fn urgency_key(pieces: &mut Pieces, status: NotificationStatus, as_of: OffsetDateTime) {
    let urgent: Vec<String> = domain::diseases::CATALOG
        .iter()
        .filter(|disease| is_urgent(disease.code))
        .map(|disease| format!("'{}'", disease.code.replace('\'', "''")))
        .collect();
    let urgent = urgent.join(", ");
    let overdue_states: &[bool] = if status == NotificationStatus::Received { &[true, false] } else { &[false] };
    pieces.sql("CASE");
    for is_urgent in [true, false] {
        for &overdue in overdue_states {
            let membership = if is_urgent { "IN" } else { "NOT IN" };
            pieces.sql(format!(" WHEN n.disease {membership} ({urgent})"));
            if status == NotificationStatus::Received {
                let comparison = if overdue { "<" } else { ">=" };
                let cutoff = as_of - review_window_when(is_urgent);
                pieces.sql(format!(" AND n.received_at {comparison} ")).bind(Piece::Time(cutoff));
            }
            pieces.sql(format!(" THEN {}", rank(status, overdue, is_urgent)));
        }
    }
    pieces.sql(" END");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ListSearch, PagePlace};

    fn request(order: ListOrder) -> PageRequest {
        PageRequest {
            scope: NotificationScope::RoutedToHealthCenter("9901".into()),
            disease: None,
            status: None,
            received_from: None,
            received_before: None,
            search: None,
            order,
            as_of: OffsetDateTime::UNIX_EPOCH,
            after: None,
            limit: 50,
        }
    }

    fn text(pieces: &Pieces) -> String {
        pieces
            .0
            .iter()
            .map(|piece| match piece {
                Piece::Sql(sql) => sql.clone(),
                _ => "?".to_owned(),
            })
            .collect()
    }

    #[test]
    fn the_orders_by_receipt_read_the_sequence_alone() {
        let newest = text(&page_keys(&request(ListOrder::Newest), Dialect::Sqlite));
        assert!(newest.ends_with("ORDER BY page_seq DESC LIMIT ?") && !newest.contains("UNION"), "{newest}");
        let after = PageRequest { after: Some(PagePlace { key: 0, seq: 7 }), ..request(ListOrder::Oldest) };
        assert!(
            text(&page_keys(&after, Dialect::Sqlite)).contains("keyed WHERE page_seq > ? ORDER BY page_seq LIMIT ?")
        );
    }

    #[test]
    fn the_urgency_order_ranks_every_state_as_the_inbox_does() {
        let sql = text(&page_keys(&request(ListOrder::Urgency), Dialect::Sqlite));
        // Ranked one by one: the waiting ones, overdue or not, urgent or not (4 cases); the others
        // are ranked alike within their status (returned 3, accepted and withdrawn 4).
        assert_eq!(sql.matches(" WHEN ").count(), 4, "{sql}");
        assert_eq!(sql.matches(" UNION ALL ").count(), 3, "one part per status");
        assert!(sql.contains("CAST(3 AS BIGINT)") && sql.matches("CAST(4 AS BIGINT)").count() == 2, "{sql}");
        assert!(sql.contains("'measles'") && !sql.contains("'syphilis'"), "measles is 直ちに, syphilis not");
        assert!(sql.ends_with("ORDER BY page_key, page_seq DESC LIMIT ?"));
    }

    #[test]
    fn a_page_deep_in_the_finished_ones_seeks_to_its_place() {
        let after = PageRequest { after: Some(PagePlace { key: 4, seq: 900 }), ..request(ListOrder::Urgency) };
        let sql = text(&page_keys(&after, Dialect::Sqlite));
        // Received and returned ones (keys below 4) are all before the place; accepted and
        // withdrawn ones after it by their sequence number.
        assert_eq!(sql.matches("keyed WHERE 1 = 0").count(), 1, "returned: {sql}");
        assert_eq!(sql.matches("keyed WHERE page_seq < ?").count(), 2, "{sql}");
        assert_eq!(sql.matches("keyed WHERE (page_key > ?").count(), 1, "received: {sql}");
    }

    #[test]
    fn a_search_is_literal_and_reaches_patients_only_when_allowed() {
        let search = |patients| ListSearch { text: "10%_".into(), folded: "やまだ".into(), patients };
        let pieces =
            page_keys(&PageRequest { search: Some(search(false)), ..request(ListOrder::Newest) }, Dialect::Sqlite);
        assert!(pieces.0.contains(&Piece::Text("%10\\%\\_%".into())));
        assert!(!text(&pieces).contains("patient_search"));
        let pieces =
            page_keys(&PageRequest { search: Some(search(true)), ..request(ListOrder::Newest) }, Dialect::Sqlite);
        assert!(text(&pieces).contains("patient_search") && pieces.0.contains(&Piece::Text("%やまだ%".into())));
    }

    #[test]
    fn a_receipt_number_is_looked_up_by_an_index() {
        let search = |text: &str| ListSearch { text: text.into(), folded: text.into(), patients: true };
        let searching = |text: &str, dialect| {
            page_keys(&PageRequest { search: Some(search(text)), ..request(ListOrder::Urgency) }, dialect)
        };
        let whole = searching("20261125-000042", Dialect::Sqlite);
        assert!(text(&whole).contains("n.receipt_number = ?") && !text(&whole).contains("LIKE"));
        assert!(whole.0.contains(&Piece::Text("20261125-000042".into())));
        // A part: from the trigram index, receipt numbers only (no institution or patient).
        let sqlite = text(&searching("1125-0000", Dialect::Sqlite));
        assert!(sqlite.contains("n.seq IN (SELECT rowid FROM notification_receipt_search WHERE receipt_number LIKE ?)"));
        let postgres = searching("1125-0000", Dialect::Postgres);
        assert!(text(&postgres).contains(" AND n.receipt_number LIKE ?") && !text(&postgres).contains("i.name"));
        assert!(postgres.0.contains(&Piece::Text("%1125-0000%".into())));
        // Too short for a trigram: the search reads the scope as any other.
        let short = text(&searching("25", Dialect::Postgres));
        assert!(short.contains("n.receipt_number LIKE ? ESCAPE") && short.contains("i.name LIKE"));
    }
}
