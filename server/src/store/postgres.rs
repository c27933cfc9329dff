//! The back end for deployments that outgrow one machine: several server instances share one PostgreSQL.

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

pub struct PgStore {
    pool: PgPool,
    /// Writes go through the same pool: PostgreSQL's writers do not take one lock.
    writer: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> super::StoreResult<Self> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { writer: pool.clone(), pool })
    }
}

/// A transaction-scoped advisory lock (the key is arbitrary, "todo" in ASCII) that the audit chainer
/// takes first: chainers of all server processes take turns, so the hash chain stays linear. Requests
/// append their records without it, and reads of the audit log are not blocked.
const AUDIT_CHAIN_LOCK: Option<&str> = Some("SELECT pg_advisory_xact_lock(1953457263)");

/// A transaction-scoped advisory lock per area and form (`$1`: the form's code and the health center)
/// that bringing an area's stored alert levels up to date takes first: a filing then reads the
/// figures every filing of the area before it committed (another key space than the chainer's).
const AREA_LEVELS_LOCK: Option<&str> = Some("SELECT pg_advisory_xact_lock(31, hashtext($1))");
/// A query of the `seq` a row inserted now into `table` takes (its identity's next value), so that a
/// receipt number is written by the statement that inserts the row.
fn next_seq(table: &str) -> String {
    format!("SELECT nextval(pg_get_serial_sequence('{table}', 'seq')) AS seq")
}
/// A new row and the rows written with it (issue 17), in one statement: `insert` (an `INSERT` of one
/// row) and each of `with_it` (statements that read the new row as `inserted`) as data-modifying
/// `WITH` queries, answering `returning` (columns of the new row). One round trip, and atomic without a
/// transaction ([`write_at_once`]). `table` and `key` name the row where a back end must read it back.
fn insert_with(_table: &str, _key: &str, insert: &str, returning: &str, with_it: &[String]) -> String {
    let mut sql = format!("WITH inserted AS ({insert} RETURNING *)");
    for (n, statement) in with_it.iter().enumerate() {
        sql.push_str(&format!(", with_it_{n} AS ({statement})"));
    }
    sql + &format!(" SELECT {returning} FROM inserted")
}

/// Runs [`insert_with`]'s statement: one statement commits, or fails, as a whole.
async fn write_at_once(
    store: &PgStore,
    query: sqlx::query::Query<'static, sqlx::Postgres, <sqlx::Postgres as sqlx::Database>::Arguments<'static>>,
) -> super::StoreResult<Vec<sqlx::postgres::PgRow>> {
    Ok(query.fetch_all(&store.writer).await?)
}

/// `seq` is `GENERATED ALWAYS`: inserting the value taken above says so.
const OVERRIDING_SEQ: &str = "OVERRIDING SYSTEM VALUE";
/// A read that a write of the same transaction depends on locks the rows it reads until the commit.
const ROW_LOCK: &str = " FOR UPDATE";

/// An instant compared in SQL: `TIMESTAMPTZ` columns compare as instants already.
const INSTANT: &str = "{}";

/// PostgreSQL is backed up with its own tools (pg_dump), see docs/architecture.md.
async fn backup_into(_pool: &PgPool, _destination: &std::path::Path) -> super::StoreResult<()> {
    Err(super::StoreError::BackupUnsupported)
}

super::queries::store_impl!(PgStore, sqlx::Postgres);
super::identity_queries::identity_store_impl!(PgStore, sqlx::Postgres);
super::mail_queries::mail_store_impl!(PgStore, sqlx::Postgres);
super::account_queries::account_store_impl!(PgStore, sqlx::Postgres);
super::request_queries::request_store_impl!(PgStore, sqlx::Postgres);
super::situation_queries::situation_store_impl!(PgStore, sqlx::Postgres);
super::sentinel_queries::sentinel_store_impl!(PgStore, sqlx::Postgres);
super::alarm_queries::alarm_store_impl!(PgStore, sqlx::Postgres);
super::syndromic_queries::syndromic_store_impl!(PgStore, sqlx::Postgres);
super::investigation_queries::investigation_store_impl!(PgStore, sqlx::Postgres);
super::api_token_queries::api_token_store_impl!(PgStore, sqlx::Postgres);
super::audit_view_queries::audit_view_store_impl!(PgStore, sqlx::Postgres);
super::maintenance_queries::maintenance_store_impl!(PgStore, sqlx::Postgres);
super::notice_queries::notice_store_impl!(PgStore, sqlx::Postgres);
