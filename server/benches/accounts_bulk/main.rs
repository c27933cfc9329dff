//! Account administration at national scale (`cargo bench -p server --bench accounts_bulk [-- postgres]`):
//! generate the synthetic masters (≈ 470 health centers, 180,000 institutions), import them, then
//! check and issue a 10,000-row application form for one prefecture. Prints the times; asserts nothing.

#[path = "../login_load/database.rs"]
mod database;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use database::{BoxError, Database};
use domain::api::{MasterKind, Organization, Role, SecondFactorMethod};
use server::accounts::issue::{self, Uploader};
use server::accounts::{seal::Sealer, AccountServices};
use server::error::AppError;
use server::store::{Account, AccountStatus, Affiliation, FactorSetting, PasswordState};

const ROWS: usize = 10_000;
const PREFECTURE: &str = "13";

fn main() -> Result<(), BoxError> {
    database::measure_on_scratch(async |database, _| measure(database).await)
}

async fn measure(database: &Database) -> Result<(), BoxError> {
    println!("database: {}", database.description);
    let store = server::store::connect(&database.url).await?;
    let dir = database.scratch.path().join("masters");
    let started = Instant::now();
    let files = server::masters::generate::write(&dir, server::masters::generate::Scale::default())
        .map_err(|error| error.to_string())?;
    println!("{:<48} {:>8.1} s", "generate masters (seed 2026)", started.elapsed().as_secs_f64());
    for (kind, path) in &files {
        let bytes = std::fs::read(path)?;
        let started = Instant::now();
        let report = server::masters::import(store.as_ref(), *kind, &bytes, None, None, None)
            .await
            .map_err(|error| error.to_string())?;
        let label = format!("import {} ({} rows)", kind.path_segment(), report.created);
        println!("{label:<48} {:>8.1} s", started.elapsed().as_secs_f64());
    }
    let master = |wanted: MasterKind| -> Result<String, BoxError> {
        let (_, path) = files.iter().find(|(kind, _)| *kind == wanted).ok_or("master not written")?;
        Ok(std::fs::read_to_string(path)?)
    };
    let form = application_form(&master(MasterKind::HealthCenters)?, &master(MasterKind::Notifiable)?)?;
    let admin = sysadmin();
    let services = AccountServices {
        sealer: Sealer::from_key(None).map_err(|error| error.to_string())?,
        letters_due: Arc::new(tokio::sync::Notify::new()),
        site_url: "https://todoke.example.jp".into(),
    };
    let uploader = Uploader { account: &admin, prefecture: Some(PREFECTURE), client: None };

    // The same file with a wrong last row: everything is checked, nothing is issued.
    let refused = format!("{form}{}\r\n", row(ROWS + 3, "9999999999", "9999"));
    let started = Instant::now();
    let outcome = issue::register_form(store.as_ref(), &services, &uploader, refused.as_bytes(), None).await;
    let label = format!("check {ROWS}+1 rows, refuse (the last is wrong)");
    println!("{label:<48} {:>8.1} s", started.elapsed().as_secs_f64());
    let last_row = u32::try_from(ROWS + 3)?;
    match outcome {
        Err(AppError::ImportRejected(problems)) if problems.iter().all(|problem| problem.row == last_row) => {}
        Err(AppError::ImportRejected(problems)) => {
            return Err(format!("{} problems, expected only row {last_row}'s", problems.len()).into())
        }
        other => {
            return Err(format!("the wrong row was not refused: {:?}", other.map(|batch| batch.accounts.len())).into())
        }
    }
    let started = Instant::now();
    let batch = issue::register_form(store.as_ref(), &services, &uploader, form.as_bytes(), None)
        .await
        .map_err(|error| error.to_string())?;
    let label = format!("check and issue {} accounts", batch.accounts.len());
    println!("{label:<48} {:>8.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// A form of [`ROWS`] doctors at the prefecture's institutions (those under its own health centers).
fn application_form(health_centers: &str, notifiable: &str) -> Result<String, BoxError> {
    let records = |csv_text: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(csv_text.as_bytes()).records().filter_map(Result::ok).collect()
    };
    let own: HashSet<String> = records(health_centers)
        .into_iter()
        .filter(|record| record.get(2) == Some(PREFECTURE))
        .filter_map(|record| record.get(0).map(str::to_owned))
        .collect();
    let institutions: Vec<(String, String)> = records(notifiable)
        .into_iter()
        .filter_map(|record| Some((record.get(0)?.to_owned(), record.get(9)?.to_owned())))
        .filter(|(_, health_center)| own.contains(health_center))
        .collect();
    if institutions.is_empty() {
        return Err("no institutions in the prefecture".into());
    }
    let mut form = String::from("システム利用申請様式\r\n,利用者名\r\n");
    for number in 0..ROWS {
        let (institution, health_center) = &institutions[number % institutions.len()];
        form.push_str(&row(number, institution, health_center));
        form.push_str("\r\n");
    }
    Ok(form)
}

fn row(number: usize, institution: &str, health_center: &str) -> String {
    let mut cells = vec![String::new(); 40];
    let email = format!("user{number}@bench.todoke.invalid");
    for (column, value) in [
        (1, format!("利用者 {number}")),
        (2, "03-1234-5678".to_owned()),
        (3, email.clone()),
        (4, "09".to_owned()),
        (10, health_center.to_owned()),
        (32, "0".to_owned()),
        (35, institution.to_owned()),
        (38, email),
        (39, "1".to_owned()),
    ] {
        cells[column] = value;
    }
    cells.join(",")
}

fn sysadmin() -> Account {
    Account {
        user_id: "bench-admin".into(),
        display_name: "ベンチ 利用者認証実施者".into(),
        role: Role::SystemAdministrator,
        affiliation: Affiliation::Prefecture(PREFECTURE.into()),
        organization: Organization { code: PREFECTURE.into(), name: "東京都".into() },
        may_download_records: false,
        status: AccountStatus::Active,
        password: PasswordState { changed_at: None, issued_because: None },
        factor: FactorSetting { method: SecondFactorMethod::Email, email: None, phone: None },
    }
}
