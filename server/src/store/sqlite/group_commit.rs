//! Group commit of new rows on SQLite (issue 17). SQLite commits one transaction at a time, and each
//! commit flushes the WAL (`synchronous=FULL`) and costs hand-offs to the connection's thread; at 64
//! clients an intake waited for up to 64 commits before its own. Here one task takes every write of
//! [`super::insert_with`] waiting, writes each in a savepoint of its own inside one transaction (a
//! failed one is rolled back to its savepoint, the others stay), commits once, and only then answers
//! each: a receipt still means a stored, durable notification, and a failure still means nothing of
//! that write is stored.

use std::time::Instant;

use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Sqlite, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::store::{StoreError, StoreResult};

/// The statements of [`super::insert_with`] with their values, owned: they wait in the queue.
pub type NewRowWrite = sqlx::query::Query<'static, Sqlite, SqliteArguments<'static>>;

/// The savepoint each write of a group runs in; [`super::insert_with`] opens and releases it.
pub const SAVEPOINT: &str = "new_row";

/// The most writes one transaction takes, so that other writers (workflow steps, the chainer, the
/// letter worker) wait for at most one group.
const MOST_IN_A_GROUP: usize = 64;

/// Where a write's outcome goes: its rows (the receipt number) or why it is not stored.
type Answer = oneshot::Sender<StoreResult<Vec<SqliteRow>>>;

struct Queued {
    write: NewRowWrite,
    since: Instant,
    to: Answer,
}

/// The queue of new rows' writes and, behind it, the task that commits them in groups on the store's
/// writer connection (between other writers, who wait for that connection as before). The task ends
/// when the queue does, i.e. with the store.
pub struct GroupCommit {
    queue: mpsc::UnboundedSender<Queued>,
}

impl GroupCommit {
    pub fn start(writer: SqlitePool) -> Self {
        let (queue, queued) = mpsc::unbounded_channel();
        tokio::spawn(commit_in_groups(writer, queued));
        Self { queue }
    }

    /// Writes `write` in the next group; answers its rows once the group committed. A write whose
    /// caller went away is still written (and commits): its client's retry with the same id finds it.
    pub async fn write(&self, write: NewRowWrite) -> StoreResult<Vec<SqliteRow>> {
        let (to, answered) = oneshot::channel();
        let gone = || StoreError::Database(sqlx::Error::WorkerCrashed);
        self.queue.send(Queued { write, since: Instant::now(), to }).map_err(|_| gone())?;
        answered.await.map_err(|_| gone())?
    }
}

async fn commit_in_groups(writer: SqlitePool, mut queued: mpsc::UnboundedReceiver<Queued>) {
    while let Some(first) = queued.recv().await {
        commit_group(&writer, first, &mut queued).await;
    }
}

/// Writes `first` and the writes queued behind it (up to [`MOST_IN_A_GROUP`], taking those that
/// arrive meanwhile too) in one transaction, commits it, then answers every one of them.
async fn commit_group(writer: &SqlitePool, first: Queued, queued: &mut mpsc::UnboundedReceiver<Queued>) {
    let mut transaction = match crate::store::begin_write(writer).await {
        Ok(transaction) => transaction,
        // The writer connection or SQLite's lock (another process) stayed taken for `BUSY_TIMEOUT`:
        // this write fails as it did in the pool's queue; the ones behind it try the next group.
        Err(error) => return answer(first.to, Err(error)),
    };
    let (mut written, mut refused) = (Vec::new(), Vec::new());
    let mut next = Some(first);
    while let Some(Queued { write, since, to }) = next {
        if since.elapsed() > super::BUSY_TIMEOUT {
            refused.push((to, StoreError::Database(sqlx::Error::PoolTimedOut)));
        } else {
            // `fetch_all` runs every statement of the write (a stream dropped after the first row
            // would stop SQLite before the rest).
            match write.fetch_all(&mut *transaction).await {
                Ok(rows) => written.push((to, rows)),
                Err(error) => {
                    // Back to its savepoint, which it leaves: the group's transaction and the writes
                    // before it stay.
                    let undo = format!("ROLLBACK TO {SAVEPOINT}; RELEASE {SAVEPOINT}");
                    let undone = sqlx::query(&undo).execute(&mut *transaction).await;
                    refused.push((to, error.into()));
                    if let Err(lost) = undone {
                        // SQLite rolled the whole transaction back (a full disk, an I/O error).
                        return answer_all(written, refused, Some(lost.to_string()));
                    }
                }
            }
        }
        next = if written.len() + refused.len() < MOST_IN_A_GROUP { queued.try_recv().ok() } else { None };
    }
    let committed = transaction.commit().await;
    answer_all(written, refused, committed.err().map(|error| error.to_string()));
}

/// Answers a group once its transaction ended: the written rows if it committed, [`StoreError::
/// NotCommitted`] if it was `lost`; the refused writes their own errors. Refusals wait for the commit
/// too: a write refused as a duplicate of another in the group then finds that one stored.
fn answer_all(written: Vec<(Answer, Vec<SqliteRow>)>, refused: Vec<(Answer, StoreError)>, lost: Option<String>) {
    for (to, rows) in written {
        answer(to, lost.as_ref().map_or(Ok(rows), |lost| Err(StoreError::NotCommitted(lost.clone()))));
    }
    for (to, error) in refused {
        answer(to, Err(error));
    }
}

/// A caller that went away (its request cancelled) needs no answer.
fn answer(to: Answer, result: StoreResult<Vec<SqliteRow>>) {
    let _ = to.send(result);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::store::{InsertOutcome, Store};

    /// One group: a write whose id was taken before it, a write whose id another write of the same
    /// group takes, and a write that fails after its row and history entry were written (a trigger
    /// refuses its audit record), among writes that succeed. Each failed write leaves nothing (no
    /// row, history entry or audit record of its own; the first two are answered with the stored
    /// notification); the others are stored whole.
    #[tokio::test]
    async fn a_failed_write_leaves_the_rest_of_its_group_written() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("t.db").display());
        let store = Arc::new(super::super::SqliteStore::connect(&url).await.unwrap());
        crate::demo::seed(&*store).await.unwrap();
        let (doctor, institution) = ("doctor1", "9910000001");
        let (filer, center) = crate::demo::demo_filing(&*store, doctor, institution).await.unwrap();
        let new = || crate::demo::history_notification(&filer, doctor, institution, &center, crate::store::now());
        let taken = new();
        assert!(matches!(store.insert_notification(taken.clone()).await.unwrap(), InsertOutcome::Created(_)));
        let (twice, broken) = (new(), new());
        sqlx::query(&format!(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.target = '{}' \
             BEGIN SELECT RAISE(ABORT, 'refused'); END",
            broken.id
        ))
        .execute(&store.pool)
        .await
        .unwrap();
        let group = [new(), taken.clone(), new(), twice.clone(), broken.clone(), twice.clone(), new()];

        // Every write queues while the writer is taken, so that one group takes them all.
        let held = store.writer.acquire().await.unwrap();
        let writes: Vec<_> = group
            .into_iter()
            .map(|notification| {
                let store = store.clone();
                tokio::spawn(async move { (notification.id, store.insert_notification(notification).await) })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        drop(held);
        let (mut created, mut refused, mut failed) = (Vec::new(), Vec::new(), Vec::new());
        for write in writes {
            match write.await.unwrap() {
                (id, Ok(InsertOutcome::Created(receipt))) => created.push((id, receipt)),
                (id, Ok(InsertOutcome::AlreadyExists(stored))) => refused.push((id, stored.receipt)),
                (id, Err(_)) => failed.push(id),
            }
        }

        assert_eq!(failed, [broken.id]);
        assert_eq!(created.len(), 4, "three new ids and one of the two writes of `twice`");
        let twice_created = created.iter().find(|(id, _)| *id == twice.id).map(|(_, receipt)| receipt.clone());
        let twice_refused = refused.iter().find(|(id, _)| *id == twice.id).map(|(_, receipt)| receipt.clone());
        assert_eq!(twice_refused, twice_created, "the refused duplicate is answered with the stored one");
        assert_eq!(refused.iter().filter(|(id, _)| *id == taken.id).count(), 1);
        let mut numbers: Vec<_> = created.iter().map(|(_, receipt)| receipt.receipt_number.clone()).collect();
        numbers.sort();
        numbers.dedup();
        assert_eq!(numbers.len(), 4, "{numbers:?}");
        for table in ["notifications", "notification_events", "audit_log WHERE action = 'submit_notification'"] {
            let count: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&store.pool).await.unwrap();
            assert_eq!(count, 5, "{table}: the first `taken`, three new ones and `twice` once");
        }
    }
}
