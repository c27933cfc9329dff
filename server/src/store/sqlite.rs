//! The embedded default back end: one SQLite file (WAL), created and migrated at start.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};

mod group_commit;

pub struct SqliteStore {
    /// Reads, several at a time (WAL: readers do not wait for the writer).
    pool: SqlitePool,
    /// Writes: one connection, so that writers queue in order in the process instead of each polling
    /// SQLite's single write lock (`busy_timeout` retries after sleeps of up to 100 ms, which left
    /// some intakes waiting seconds while others got through: issue 17). Another process on the same
    /// file still waits for the lock by `busy_timeout`.
    writer: SqlitePool,
    /// New notifications' writes, committed in groups on `writer` ([`write_at_once`]).
    group_commit: group_commit::GroupCommit,
}

/// How long a write waits for the database: for SQLite's lock (another process's writer) and in the
/// writers' queue alike.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl SqliteStore {
    pub async fn connect(url: &str) -> super::StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a receipt is only shown for a notification that survives a power cut.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        if let Some(dir) = options.get_filename().parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        migrate(&options).await?;
        let writer =
            pool_options().max_connections(1).acquire_timeout(BUSY_TIMEOUT).connect_with(options.clone()).await?;
        let pool = pool_options().max_connections(8).connect_with(options).await?;
        Ok(Self { pool, group_commit: group_commit::GroupCommit::start(writer.clone()), writer })
    }
}

/// Pools of connections to a file in this process: no test before a connection is handed out. sqlx's
/// test is a ping, a round trip to the connection's thread that can only find the thread gone (there
/// is no network between), and on the writer it lay on the path every write waits in (issue 17); a
/// connection is still pinged when it returns to its pool, which closes one whose thread is gone.
fn pool_options() -> SqlitePoolOptions {
    SqlitePoolOptions::new().test_before_acquire(false)
}

/// Runs the migrations on a connection of its own with foreign keys off: SQLite's procedure for
/// rebuilding a table (the only way to change a CHECK) needs them off, and they cannot be switched
/// inside the transaction a migration runs in. After a migration every key must hold again, or start
/// fails; a start that migrates nothing skips the check (it reads every row).
async fn migrate(options: &SqliteConnectOptions) -> super::StoreResult<()> {
    let mut connection = SqliteConnection::connect_with(&options.clone().foreign_keys(false)).await?;
    let before = applied_migrations(&mut connection).await;
    sqlx::migrate!("migrations/sqlite").run(&mut connection).await?;
    if applied_migrations(&mut connection).await == before {
        return Ok(connection.close().await?);
    }
    let dangling = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut connection).await?;
    connection.close().await?;
    if dangling.is_empty() {
        Ok(())
    } else {
        Err(super::StoreError::Corrupt(format!("{} references left dangling by a migration", dangling.len())))
    }
}

/// How many migrations the database has had; none before the first start (no bookkeeping table yet).
async fn applied_migrations(connection: &mut SqliteConnection) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(connection).await.unwrap_or(0)
}

/// SQLite has one writer at a time: the chainer's transaction, begun `IMMEDIATE`, holds the write
/// lock, which lets one chainer at a time extend the chain (also across processes on the same file).
const AUDIT_CHAIN_LOCK: Option<&str> = None;

/// SQLite has one writer at a time (`BEGIN IMMEDIATE`): a filing's levels are computed alone.
const AREA_LEVELS_LOCK: Option<&str> = None;
/// A query of the `seq` a row inserted now into `table` takes (`AUTOINCREMENT`'s choice; the
/// transaction holds the write lock), so that a receipt number is written by the statement that
/// inserts the row.
fn next_seq(table: &str) -> String {
    format!(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), \
         COALESCE((SELECT MAX(seq) FROM {table}), 0)) + 1 AS seq"
    )
}
/// A new row and the rows written with it (issue 17): `insert` (an `INSERT` into `table` of the row
/// that `key` selects), then each of `with_it` (statements that read the new row as `inserted`),
/// answering `returning` (columns of the new row). Statements of their own that share one set of
/// parameters, in a savepoint of their own, for [`write_at_once`]'s group transaction: one hand-off
/// to SQLite's thread instead of one per statement.
fn insert_with(table: &str, key: &str, insert: &str, returning: &str, with_it: &[String]) -> String {
    let savepoint = group_commit::SAVEPOINT;
    let inserted = format!("WITH inserted AS (SELECT * FROM {table} WHERE {key}) ");
    let mut statements = vec![format!("SAVEPOINT {savepoint}"), format!("{insert} RETURNING {returning}")];
    statements.extend(with_it.iter().map(|statement| format!("{inserted}{statement}")));
    statements.push(format!("RELEASE {savepoint}"));
    statements.join(";\n")
}

/// Runs the statements of [`insert_with`] in the writer's next group transaction
/// ([`group_commit`]): all of them or, if one fails, none; answered once the group committed.
async fn write_at_once(
    store: &SqliteStore,
    query: group_commit::NewRowWrite,
) -> super::StoreResult<Vec<sqlx::sqlite::SqliteRow>> {
    store.group_commit.write(query).await
}

/// Inserting a chosen `seq` needs no clause on SQLite.
const OVERRIDING_SEQ: &str = "";
/// A read that a write of the same transaction depends on: SQLite's transactions hold the database's
/// write lock from their start (`BEGIN IMMEDIATE`), so the read needs no lock of its own.
const ROW_LOCK: &str = "";

/// An instant compared in SQL: SQLite keeps times as RFC 3339 text, whose fraction of a second varies
/// in length, so text order is not time order within a second; `julianday` reads the instant.
const INSTANT: &str = "julianday({})";

/// `VACUUM INTO`: a consistent snapshot of the live database, written while the server runs (a
/// read transaction, so writers are not blocked in WAL mode). Refuses to overwrite an existing file.
async fn backup_into(pool: &SqlitePool, destination: &std::path::Path) -> super::StoreResult<()> {
    let destination = destination
        .to_str()
        .ok_or_else(|| super::StoreError::Corrupt(format!("backup path is not UTF-8: {}", destination.display())))?;
    sqlx::query("VACUUM INTO $1").bind(destination).execute(pool).await?;
    Ok(())
}

super::queries::store_impl!(SqliteStore, sqlx::Sqlite);
super::identity_queries::identity_store_impl!(SqliteStore, sqlx::Sqlite);
super::mail_queries::mail_store_impl!(SqliteStore, sqlx::Sqlite);
super::account_queries::account_store_impl!(SqliteStore, sqlx::Sqlite);
super::request_queries::request_store_impl!(SqliteStore, sqlx::Sqlite);
super::situation_queries::situation_store_impl!(SqliteStore, sqlx::Sqlite);
super::sentinel_queries::sentinel_store_impl!(SqliteStore, sqlx::Sqlite);
super::alarm_queries::alarm_store_impl!(SqliteStore, sqlx::Sqlite);
super::syndromic_queries::syndromic_store_impl!(SqliteStore, sqlx::Sqlite);
super::investigation_queries::investigation_store_impl!(SqliteStore, sqlx::Sqlite);
super::api_token_queries::api_token_store_impl!(SqliteStore, sqlx::Sqlite);
super::audit_view_queries::audit_view_store_impl!(SqliteStore, sqlx::Sqlite);
super::maintenance_queries::maintenance_store_impl!(SqliteStore, sqlx::Sqlite);
super::notice_queries::notice_store_impl!(SqliteStore, sqlx::Sqlite);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AccountStore, Affiliation, CredentialsTake, IdentityStore};

    /// Taking the one-time password file reads, then writes. Begun deferred, its write failed at once
    /// with `database is locked` whenever another connection was writing (the letter worker, an
    /// intake); begun as a writer it waits for that writer and succeeds.
    #[tokio::test]
    async fn a_transaction_that_reads_then_writes_waits_for_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(
            SqliteStore::connect(&format!("sqlite:{}", dir.path().join("t.db").display())).await.unwrap(),
        );
        let batch = uuid::Uuid::new_v4();
        sqlx::query("INSERT INTO prefectures (code, name) VALUES ('99', 'P')").execute(&store.pool).await.unwrap();
        sqlx::query(
            "INSERT INTO account_batches (id, prefecture_code, issued_by, issued_at, accounts, credentials) \
             VALUES ($1, '99', 'admin', $2, 1, 'sealed')",
        )
        .bind(batch)
        .bind(crate::store::now())
        .execute(&store.pool)
        .await
        .unwrap();

        let mut writer = store.pool.acquire().await.unwrap();
        sqlx::query("BEGIN IMMEDIATE").execute(&mut *writer).await.unwrap();
        sqlx::query("INSERT INTO prefectures (code, name) VALUES ('98', 'Q')").execute(&mut *writer).await.unwrap();
        let taking = tokio::spawn({
            let store = store.clone();
            async move { store.take_credentials(batch, Some("99"), crate::store::now()).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        sqlx::query("COMMIT").execute(&mut *writer).await.unwrap();
        let taken = taking.await.unwrap().unwrap();
        assert!(matches!(taken, CredentialsTake::Taken(sealed) if sealed == "sealed"));
    }

    /// Counting reads only an index (migration 0024): when a condition of the counting query is in
    /// none of the indexes' predicates or columns (as `status` was after withdrawal came), SQLite
    /// looks up every counted row in the table, and the national curve took seconds instead of 0.1 s.
    #[tokio::test]
    async fn counting_reads_a_covering_index_on_every_basis_and_area() {
        use crate::store::{counting_sql, AreaFilter, CountFilter};
        use domain::situation::{DateBasis, Week};
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::connect(&format!("sqlite:{}", dir.path().join("t.db").display())).await.unwrap();
        let (from, to) = (Week { year: 2026, week: 1 }, Week { year: 2026, week: 52 });
        for basis in [DateBasis::Report, DateBasis::Onset, DateBasis::Diagnosis] {
            for area in [AreaFilter::Everywhere, AreaFilter::HealthCenter("0101".into())] {
                let filter = CountFilter { basis, from, to, disease: None, area: area.clone() };
                let sql = format!("EXPLAIN QUERY PLAN {}", counting_sql(&filter, "n.disease, n.case_group"));
                let mut query = sqlx::query(&sql).bind(from.number()).bind(to.number());
                if let AreaFilter::HealthCenter(code) = &area {
                    query = query.bind(code.clone());
                }
                let plan: Vec<String> = query
                    .fetch_all(&store.pool)
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| sqlx::Row::get::<String, _>(row, "detail"))
                    .collect();
                assert!(plan.iter().any(|step| step.contains("USING COVERING INDEX")), "{basis:?} {area:?}: {plan:?}");
            }
        }
    }

    /// Migration 0005 rebuilds `users`: a database from before keeps its accounts, and the rows that
    /// reference them (sessions here) still do.
    #[tokio::test]
    async fn the_users_rebuild_keeps_accounts_and_what_refers_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("old.db").display());
        let options = SqliteConnectOptions::from_str(&url).unwrap().create_if_missing(true).foreign_keys(true);
        let pool = SqlitePool::connect_with(options).await.unwrap();
        let mut before_0005 = sqlx::migrate!("migrations/sqlite");
        before_0005.migrations = before_0005.migrations.iter().filter(|m| m.version < 5).cloned().collect();
        before_0005.run(&pool).await.unwrap();
        for statement in [
            "INSERT INTO prefectures (code, name) VALUES ('99', 'P')",
            "INSERT INTO health_centers (code, name, prefecture_code) VALUES ('9901', 'H', '99')",
            "INSERT INTO institutions (code, name, health_center_code) VALUES ('I1', 'I', '9901')",
            "INSERT INTO users (user_id, display_name, password_hash, role, institution_code) \
             VALUES ('d1', 'D', 'x', 'doctor', 'I1')",
            "INSERT INTO users (user_id, display_name, password_hash, role, health_center_code) \
             VALUES ('s1', 'S', 'x', 'health_center_staff', '9901')",
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('t', 'd1', 'a', 'a')",
        ] {
            sqlx::query(statement).execute(&pool).await.unwrap();
        }
        pool.close().await;

        let store = SqliteStore::connect(&url).await.unwrap();
        let doctor = store.login_account("d1").await.unwrap().unwrap().account;
        assert_eq!((doctor.affiliation, doctor.may_download_records), (Affiliation::Institution("I1".into()), false));
        let staff = store.login_account("s1").await.unwrap().unwrap().account;
        assert_eq!(staff.affiliation, Affiliation::HealthCenter("9901".into()));
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions s JOIN users u ON u.user_id = s.user_id")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(sessions, 1);
        // A session of an account that does not exist is refused: foreign keys are on again.
        let orphan = sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('u', 'nobody', 'a', 'a')",
        );
        assert!(orphan.execute(&store.pool).await.is_err());
    }
}
