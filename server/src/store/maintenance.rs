//! Storage of maintenance stops (P-1): in the database, so that every instance keeps the same schedule.

use async_trait::async_trait;
use domain::api::MaintenanceStop;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AuditEntry, StoreResult};

#[async_trait]
pub trait MaintenanceStore: Send + Sync {
    /// Keeps a new stop, scheduled by `created_by`, with its audit record (one transaction).
    async fn insert_maintenance_stop(
        &self,
        stop: &MaintenanceStop,
        created_by: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// The stops not over at `now` (in force or scheduled), soonest first.
    async fn maintenance_stops(&self, now: OffsetDateTime) -> StoreResult<Vec<MaintenanceStop>>;
    /// Ends the stop at `now` (a scheduled one is called off), with its audit record; false if there
    /// is no such stop or it is over already (nothing is written then).
    async fn end_maintenance_stop(&self, id: Uuid, now: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool>;
}
