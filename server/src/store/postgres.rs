//! The back end for deployments that outgrow one machine: several server instances share one PostgreSQL.

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> super::StoreResult<Self> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

super::queries::store_impl!(PgStore, sqlx::Postgres);
super::identity_queries::identity_store_impl!(PgStore, sqlx::Postgres);
