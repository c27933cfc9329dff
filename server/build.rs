//! `sqlx::migrate!` embeds server/migrations at compile time but does not tell cargo to watch the
//! folder: without this, a new migration file would not rebuild the server (sqlx documents this).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
