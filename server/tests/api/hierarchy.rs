//! Accounts from nothing (issue 20): on a database without demo data, `todoke-server create-admin`
//! makes the first national administrator, who logs in with the printed initial password and a
//! one-time code, and must change the password before anything else. From there the whole hierarchy
//! of SPEC §1 is issued through the product: supervisors, their sysadmins, the sysadmins' staff and
//! user managers, each by the rank above, within its jurisdiction, with letters and one-time files.

use domain::api::{IssuedStaff, Me, PasswordChangeReason, Role};
use domain::error::ApiError;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::accounts::{first_login, mail_containing, passwords_in};
use crate::administration::{put_master, NOTIFIABLE_HEADER};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, todoke_server, Api, User};

on_both_databases!(
    create_admin_makes_the_first_national_administrator with empty_database,
    the_whole_hierarchy_is_issued_from_an_empty_database with empty_database,
);

/// No demo data: the database starts as an operator's does.
fn empty_database(config: &mut server::config::Config) {
    config.demo = false;
}

/// Runs `todoke-server create-admin ARGS` on the scenario's database: (succeeded, stdout, stdout and
/// stderr: errors are logged, and logs go to stdout).
async fn create_admin(api: &Api, args: &[&str]) -> (bool, String, String) {
    let output = todoke_server(&api.database_url, &[&["create-admin"], args].concat(), &[]).await;
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    let stdout = text(output.stdout);
    let everything = format!("{stdout}{}", text(output.stderr));
    (output.status.success(), stdout, everything)
}

/// The value printed after `label` on its own line of the command's output.
fn printed(stdout: &str, label: &str) -> String {
    let line = stdout.lines().find(|line| line.trim_start().starts_with(label)).expect(label);
    line.trim_start()[label.len()..].split_whitespace().next().unwrap_or_default().to_owned()
}

/// The first national administrator from the command line: (user ID, initial password).
pub async fn first_administrator(api: &Api, email: &str) -> (String, String) {
    let (created, stdout, stderr) = create_admin(api, &["--name", "厚労 太郎", "--email", email]).await;
    assert!(created, "{stderr}");
    (printed(&stdout, "user ID:"), printed(&stdout, "initial password:"))
}

async fn create_admin_makes_the_first_national_administrator(api: Api) {
    assert_eq!(api.query_count("SELECT COUNT(*) FROM users").await, 0, "an empty database");
    let (bad, _, stderr) = create_admin(&api, &["--name", "厚労 太郎", "--email", "not-an-address"]).await;
    assert!(!bad && stderr.contains("contact_email"), "{stderr}");
    let (unnamed, _, _) = create_admin(&api, &["--email", "admin@mhlw.todoke.invalid"]).await;
    assert!(!unnamed, "--name is required");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM users").await, 0, "a refused command creates nothing");

    let (user_id, password) = first_administrator(&api, "admin@mhlw.todoke.invalid").await;
    let (again, _, stderr) = create_admin(&api, &["--name", "厚労 次郎", "--email", "jiro@mhlw.todoke.invalid"]).await;
    assert!(!again && stderr.contains("--another"), "a second one only on purpose: {stderr}");
    let another = ["--name", "厚労 次郎", "--email", "jiro@mhlw.todoke.invalid", "--another"];
    let (second, stdout, stderr) = create_admin(&api, &another).await;
    assert!(second, "{stderr}");
    assert_ne!(printed(&stdout, "user ID:"), user_id);

    // The printed password logs in, with the code mailed to the given address; a change comes first.
    let (admin, me) = first_login(&api, &user_id, &password, "admin@mhlw.todoke.invalid").await;
    assert_eq!((me.role, me.display_name.as_str()), (Role::NationalAdministrator, "厚労 太郎"));
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Initial));
    expect_error(admin.get("/admin/accounts").await, StatusCode::FORBIDDEN, "password_change_required").await;
    let change = serde_json::json!({ "current_password": password, "new_password": "Kanri#Shin2026" });
    assert_eq!(admin.put_json("/me/password", &change).await.status(), StatusCode::NO_CONTENT);
    let me: Me = expect_json(admin.get("/me").await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, None);

    let created: Vec<(Option<String>, String, Option<String>)> =
        api.fetch_all("SELECT actor, action, target FROM audit_log WHERE action = 'issue_account' ORDER BY seq").await;
    assert_eq!(created.len(), 2, "each creation is audited");
    assert_eq!(created[0], (None, "issue_account".to_owned(), Some(user_id)));
}

/// A national administrator's first login, password changed: ready to work.
async fn logged_in_administrator(api: &Api) -> User {
    let (user_id, password) = first_administrator(api, "admin@mhlw.todoke.invalid").await;
    ready(api, &user_id, &password, "admin@mhlw.todoke.invalid").await.0
}

/// Logs in with an issued password and the code sent to `codes_to`, and changes the password.
async fn ready(api: &Api, user_id: &str, password: &str, codes_to: &str) -> (User, Me) {
    let (user, _) = first_login(api, user_id, password, codes_to).await;
    let change = json!({ "current_password": password, "new_password": "Atarashii#Pw2026" });
    assert_eq!(user.put_json("/me/password", &change).await.status(), StatusCode::NO_CONTENT, "{user_id}");
    let me = expect_json(user.get("/me").await, StatusCode::OK).await;
    (user, me)
}

/// Two 都道府県等 with a health center and a hospital each, imported as an operator does.
async fn import_masters(national: &User) {
    let centers = "保健所コード,保健所名,都道府県等コード,都道府県等名\n\
                   1301,千代田保健所,13,東京都\n1401,横浜保健所,14,神奈川県\n";
    let hospitals = format!(
        "{NOTIFIABLE_HEADER}\n\
         1310000001,千代田病院,チヨダビョウイン,100-0001,東京都千代田区1-1,03-1111-2222,100,1310000001,0,1301\n\
         1410000001,横浜病院,ヨコハマビョウイン,220-0001,横浜市西区1-1,045-111-2222,100,1410000001,0,1401\n"
    );
    for (kind, csv) in [("health-centers", centers.to_owned()), ("notifiable", hospitals)] {
        assert_eq!(put_master(national, kind, csv.into_bytes()).await.status(), StatusCode::OK, "{kind}");
    }
}

/// One staff application: `name`'s letter goes to `name@todoke.invalid`, codes to `name.codes@…`.
fn staff(role: &str, organization: &str, name: &str, download: bool) -> Value {
    json!({
        "role": role,
        "organization_code": organization,
        "user_name": format!("職員 {name}"),
        "contact_phone": "03-1234-5678",
        "contact_email": format!("{name}@todoke.invalid"),
        "may_download_records": download,
        "factor_method": "email",
        "factor_destination": format!("{name}.codes@todoke.invalid"),
    })
}

async fn issue_staff(issuer: &User, applications: &[Value]) -> reqwest::Response {
    issuer.post_json("/admin/staff-accounts", &json!({ "staff": applications })).await
}

/// The user ID and initial password of `name`'s letter.
async fn from_letter(api: &Api, name: &str) -> (String, String) {
    let letter = mail_containing(api, &format!("{name}@todoke.invalid"), "初期パスワード").await;
    let value = |label: &str| {
        let line = letter.lines().find(|line| line.trim_start().starts_with(label)).expect(label);
        line.trim_start()[label.len()..].trim().to_owned()
    };
    (value("ユーザID:"), value("初期パスワード:"))
}

/// `name`, logged in with the letter's password and the code sent to them, password changed.
async fn first_day(api: &Api, name: &str) -> (User, Me) {
    let (user_id, password) = from_letter(api, name).await;
    ready(api, &user_id, &password, &format!("{name}.codes@todoke.invalid")).await
}

/// The batch's one-time file as (user ID, initial password), taken by `issuer`.
async fn take_file(issuer: &User, issued: &IssuedStaff) -> Vec<(String, String)> {
    let path = format!("/admin/account-batches/{}/credentials", issued.batch_id);
    let response = issuer.post_json(&path, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    passwords_in(&response.text().await.unwrap())
}

async fn refused_field(response: reqwest::Response, field: &str, code: &str) {
    let error: ApiError = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(error.fields.len(), 1, "{error:?}");
    assert_eq!(error.fields[0].field, field);
    assert_eq!(serde_json::to_value(error.fields[0].code).unwrap(), code);
}

async fn the_whole_hierarchy_is_issued_from_an_empty_database(api: Api) {
    let national = logged_in_administrator(&api).await;
    import_masters(&national).await;

    // The national administrator issues each 都道府県等's supervisor, and nothing below them.
    let sysadmin_too = issue_staff(&national, &[staff("system_administrator", "13", "x", false)]).await;
    expect_error(sysadmin_too, StatusCode::FORBIDDEN, "forbidden").await;
    let unknown = issue_staff(&national, &[staff("supervisor", "99", "x", false)]).await;
    refused_field(unknown, "staff[0].organization_code", "outside_jurisdiction").await;
    let supervisors = [staff("supervisor", "13", "sup13", false), staff("supervisor", "14", "sup14", false)];
    let issued: IssuedStaff = expect_json(issue_staff(&national, &supervisors).await, StatusCode::CREATED).await;
    assert_eq!(issued.accounts.len(), 2);
    assert_eq!((issued.accounts[0].role, issued.accounts[0].organization.name.as_str()), (Role::Supervisor, "東京都"));

    let (sup13, me) = first_day(&api, "sup13").await;
    assert_eq!((me.role, me.organization.code.as_str()), (Role::Supervisor, "13"));
    let path = format!("/admin/account-batches/{}/credentials", issued.batch_id);
    let national_file = sup13.post_json(&path, &json!({})).await;
    expect_error(national_file, StatusCode::NOT_FOUND, "not_found").await;
    let file = take_file(&national, &issued).await;
    assert_eq!(file[0].0, issued.accounts[0].user_id, "the national administrator's file");

    // A supervisor issues its own sysadmins: not another 都道府県等's, not a peer, not staff.
    let elsewhere = issue_staff(&sup13, &[staff("system_administrator", "14", "x", false)]).await;
    refused_field(elsewhere, "staff[0].organization_code", "outside_jurisdiction").await;
    for role in ["supervisor", "health_center_staff", "national_administrator"] {
        expect_error(issue_staff(&sup13, &[staff(role, "13", "x", false)]).await, StatusCode::FORBIDDEN, "forbidden")
            .await;
    }
    let sysadmin = [staff("system_administrator", "13", "admin13", false)];
    let issued: IssuedStaff = expect_json(issue_staff(&sup13, &sysadmin).await, StatusCode::CREATED).await;
    assert_eq!(take_file(&sup13, &issued).await.len(), 1);

    // The sysadmin issues its 都道府県等's staff and its institutions' user managers.
    let (admin13, me) = first_day(&api, "admin13").await;
    assert_eq!(me.role, Role::SystemAdministrator);
    for (application, field, code) in [
        (staff("health_center_staff", "1401", "x", false), "staff[0].organization_code", "outside_jurisdiction"),
        (staff("user_manager", "1410000001", "x", false), "staff[0].organization_code", "outside_jurisdiction"),
        (staff("prefecture_staff", "1301", "x", false), "staff[0].organization_code", "outside_jurisdiction"),
        (staff("user_manager", "1310000001", "x", true), "staff[0].may_download_records", "not_applicable"),
    ] {
        refused_field(issue_staff(&admin13, &[application]).await, field, code).await;
    }
    for role in ["system_administrator", "supervisor", "doctor"] {
        let above = issue_staff(&admin13, &[staff(role, "13", "x", false)]).await;
        expect_error(above, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let own = [
        staff("health_center_staff", "1301", "hc1301", true),
        staff("prefecture_staff", "13", "pref13", false),
        staff("user_manager", "1310000001", "um1310", false),
    ];
    let issued: IssuedStaff = expect_json(issue_staff(&admin13, &own).await, StatusCode::CREATED).await;
    assert_eq!(take_file(&admin13, &issued).await.len(), 3);
    let expected = [
        ("hc1301", Role::HealthCenterStaff, "1301", true),
        ("pref13", Role::PrefectureStaff, "13", false),
        ("um1310", Role::UserManager, "1310000001", false),
    ];
    for (name, role, organization, download) in expected {
        let (user, me) = first_day(&api, name).await;
        assert_eq!((me.role, me.organization.code.as_str(), me.may_download_records), (role, organization, download));
        if role == Role::HealthCenterStaff {
            assert_eq!(user.get("/notifications").await.status(), StatusCode::OK, "at work");
        }
    }

    // Nothing a refusal touched was issued: 1 + 2 + 1 + 3 accounts, each audited.
    assert_eq!(api.query_count("SELECT COUNT(*) FROM users").await, 7);
    let issued = api.query_count("SELECT COUNT(*) FROM audit_log WHERE action = 'issue_account'").await;
    assert_eq!(issued, 7);
    let batches = "SELECT COUNT(*) FROM audit_log WHERE action = 'issue_staff_accounts' AND outcome = 'success'";
    assert_eq!(api.query_count(batches).await, 3);
}
