//! A health center's inbox at scale (`cargo bench -p server --bench inbox [-- postgres]`): デモ県北保健所
//! holding 20,000 notifications a year for three years (and デモ県南保健所 as many, so that the table
//! holds others' too), then pages of its inbox in each order, a page deep in the list, and searches,
//! each timed through the store function `GET /notifications/page` calls. Prints the times; asserts
//! nothing (issue 18's goal: a page in 50 ms or less).

// The shared database helper; its scratch directory is for benches that need files.
#[allow(dead_code)]
#[path = "../login_load/database.rs"]
mod database;

use std::time::Instant;

use database::{Backend, BoxError, Database};
use domain::api::{ListOrder, NotificationStatus};
use domain::forms::{Answer, Answers};
use server::store::{ListSearch, NotificationScope, PagePlace, PageRequest, Store};
use time::{Duration, OffsetDateTime};

const PER_YEAR: usize = 20_000;
const YEARS: usize = 3;
const HEALTH_CENTERS: [&str; 2] = ["9901", "9902"];
/// 直ちに and 7-day diseases, as a health center receives them.
const DISEASES: [&str; 6] = ["tuberculosis", "syphilis", "ehec", "measles", "pertussis", "legionellosis"];
const FAMILY_NAMES: [(&str, &str); 5] =
    [("山田", "ヤマダ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ")];
const PAGE: i64 = 50;

fn main() -> Result<(), BoxError> {
    database::measure_on_scratch(async |database, backend| measure(database, backend).await)
}

async fn measure(database: &Database, backend: Backend) -> Result<(), BoxError> {
    println!("database: {}", database.description);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    let store = server::store::connect(&database.url).await?;
    server::demo::seed(store.as_ref()).await.map_err(|error| error.to_string())?;
    let now = server::store::now();
    let started = Instant::now();
    let rows = generate(&database.url, backend, now).await?;
    println!("{:<52} {:>8.1} s", format!("generate {rows} notifications"), started.elapsed().as_secs_f64());
    analyze(&database.url, backend).await?;

    let inbox = |order| PageRequest {
        scope: NotificationScope::RoutedToHealthCenter(HEALTH_CENTERS[0].into()),
        disease: None,
        status: None,
        received_from: None,
        received_before: None,
        search: None,
        order,
        as_of: now,
        after: None,
        limit: PAGE + 1,
    };
    for order in [ListOrder::Urgency, ListOrder::Newest, ListOrder::Oldest, ListOrder::Status] {
        let label = format!("first page by {}", <&str>::from(order));
        timed(&label, || page(store.as_ref(), inbox(order))).await?;
    }
    for order in [ListOrder::Urgency, ListOrder::Newest] {
        let place = place_after(store.as_ref(), inbox(order), 100).await?;
        let deep = PageRequest { after: Some(place), ..inbox(order) };
        timed(&format!("page 101 by {}", <&str>::from(order)), || page(store.as_ref(), deep.clone())).await?;
    }
    let search = |text: &str| ListSearch {
        text: domain::disease_search::standard_width(text),
        folded: domain::disease_search::fold(text),
        patients: true,
    };
    // A whole receipt number (looked up by its unique index) and a part of one (read by LIKE), both
    // of one notification of the health center.
    let receipt = generated(12_344, now).receipt_number;
    let searches = [
        ("search patient reading たかはし", "たかはし"),
        ("search a whole receipt number", receipt.as_str()),
        ("search part of a receipt number", &receipt[4..]),
    ];
    for (label, text) in searches {
        let request = PageRequest { search: Some(search(text)), ..inbox(ListOrder::Urgency) };
        timed(label, || page(store.as_ref(), request.clone())).await?;
    }
    let month = PageRequest {
        received_from: Some(now - Duration::days(60)),
        received_before: Some(now - Duration::days(30)),
        disease: Some("measles".into()),
        ..inbox(ListOrder::Urgency)
    };
    timed("one month of measles", || page(store.as_ref(), month.clone())).await?;
    let prefecture =
        PageRequest { scope: NotificationScope::HealthCentersOfPrefecture("99".into()), ..inbox(ListOrder::Newest) };
    timed("the 都道府県's first page (newest)", || page(store.as_ref(), prefecture.clone())).await?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average after: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    Ok(())
}

async fn page(store: &dyn Store, request: PageRequest) -> Result<String, BoxError> {
    let found = store.notification_page(&request).await?;
    Ok(format!("{} rows", found.len()))
}

/// The place of the last row of page `pages`, walked page by page.
async fn place_after(store: &dyn Store, request: PageRequest, pages: usize) -> Result<PagePlace, BoxError> {
    let mut after = None;
    for _ in 0..pages {
        let found = store.notification_page(&PageRequest { after, limit: PAGE, ..request.clone() }).await?;
        after = Some(found.last().ok_or("the list ended early")?.1);
    }
    after.ok_or_else(|| "no page".into())
}

/// Runs `step` five times and prints the first (cold caches), the median and the best.
async fn timed<F, Fut>(label: &str, step: F) -> Result<(), BoxError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<String, BoxError>>,
{
    let mut times = Vec::new();
    let mut what = String::new();
    for _ in 0..5 {
        let started = Instant::now();
        what = step().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let first = times[0];
    times.sort_by(f64::total_cmp);
    println!("{label:<40} first {first:>7.1} ms   median {:>7.1} ms   best {:>7.1} ms   ({what})", times[2], times[0]);
    Ok(())
}

/// Gathers the planner's statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would.
async fn analyze(url: &str, backend: Backend) -> Result<(), BoxError> {
    match backend {
        Backend::Sqlite => {
            sqlx::query("ANALYZE").execute(&sqlx::SqlitePool::connect(url).await?).await?;
        }
        Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE notifications").execute(&sqlx::PgPool::connect(url).await?).await?;
        }
    }
    Ok(())
}

/// One generated notification of the inbox.
struct Generated {
    disease: &'static str,
    health_center: &'static str,
    status: NotificationStatus,
    received_at: OffsetDateTime,
    receipt_number: String,
    answers: Answers,
}

/// A deterministic spread over three years up to `now`, oldest first (as receipt numbers grow): most
/// accepted, the last weeks' partly waiting (some overdue) or returned.
fn generated(index: usize, now: OffsetDateTime) -> Generated {
    let total = PER_YEAR * YEARS * HEALTH_CENTERS.len();
    let age = Duration::seconds((365 * YEARS as i64 * 86_400) * (total - index) as i64 / total as i64);
    let received_at = now - age;
    let status = match index % 40 {
        _ if age > Duration::days(21) => NotificationStatus::Accepted,
        0..=9 => NotificationStatus::Received,
        10..=11 => NotificationStatus::Returned,
        12 => NotificationStatus::Withdrawn,
        _ => NotificationStatus::Accepted,
    };
    let (family, reading) = FAMILY_NAMES[(index * 7) % FAMILY_NAMES.len()];
    let answers: Answers = [
        ("patient_name", format!("{family} 花子{index}")),
        ("patient_name_kana", format!("{reading} ハナコ")),
        ("patient_sex", "female".to_owned()),
        ("patient_age", format!("{}", index % 90)),
    ]
    .into_iter()
    .map(|(field, value)| (field.to_owned(), Answer::One(value)))
    .collect();
    Generated {
        // Every disease at each health center (which takes every other index).
        disease: DISEASES[(index / HEALTH_CENTERS.len() * 31) % DISEASES.len()],
        health_center: HEALTH_CENTERS[index % HEALTH_CENTERS.len()],
        status,
        received_at,
        receipt_number: server::store::receipt_number(received_at, index as i64 + 1),
        answers,
    }
}

macro_rules! insert_all {
    ($pool:expr, $db:ty, $count:expr, $now:expr) => {{
        let pool = $pool;
        let mut tx = pool.begin().await?;
        for chunk_start in (0..$count).step_by(500) {
            let mut builder = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO notifications (id, disease, answers, content_hash, filed_by, institution_code, \
                 health_center_code, status, received_at, routed_health_center_code, revision, receipt_number, \
                 patient_search) ",
            );
            let rows = (chunk_start..($count).min(chunk_start + 500)).map(|index| generated(index, $now));
            builder.push_values(rows, |mut row, notification| {
                let answers = serde_json::to_string(&notification.answers).unwrap_or_default();
                row.push_bind(uuid::Uuid::new_v4())
                    .push_bind(notification.disease)
                    .push_bind(answers)
                    .push_bind("bench")
                    .push_bind("doctor1")
                    .push_bind("9910000001")
                    .push_bind(notification.health_center)
                    .push_bind(<&str>::from(notification.status))
                    .push_bind(notification.received_at)
                    .push_bind(notification.health_center)
                    .push_bind(1i32)
                    .push_bind(notification.receipt_number)
                    .push_bind(server::store::patient_search_text(&notification.answers));
            });
            builder.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }};
}

/// Inserts the notifications straight into the table, with the search column intake writes (intake's
/// own path is measured by `intake_load`), in one transaction (`Pool::begin` is fine here: the
/// benchmark is the database's only writer).
#[allow(clippy::disallowed_methods)]
async fn generate(url: &str, backend: Backend, now: OffsetDateTime) -> Result<usize, BoxError> {
    let count = PER_YEAR * YEARS * HEALTH_CENTERS.len();
    match backend {
        Backend::Sqlite => insert_all!(sqlx::SqlitePool::connect(url).await?, sqlx::Sqlite, count, now),
        Backend::Postgres => insert_all!(sqlx::PgPool::connect(url).await?, sqlx::Postgres, count, now),
    }
    Ok(count)
}
