//! Institutions missing from the master through HTTP, from the application itself: a form row
//! with AJ blank carries the institution's particulars in AO … AY (an online application, its
//! `unlisted` institution); it is refused, naming the row and column of any wrong particular, until
//! the sysadmin registers the institution from what the row says; the same row then issues its
//! account through the ordinary issuance (one-time file, letter, audit). Nothing is stored on a refusal.

use domain::api::{
    AccountClass, AccountRequest, AccountState, IssuedBatch, ManagedAccount, NewInstitution, RegisteredInstitution,
    RequestState, Role,
};
use domain::application::MissingInstitution;
use domain::error::ApiError;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::accounts::{accounts, credentials, first_login, form_csv, form_row, passwords_in, upload};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_row_without_a_code_issues_its_account_once_its_institution_is_registered,
    missing_or_wrong_particulars_are_refused_by_row_and_column_and_nothing_is_stored,
    an_online_application_for_an_unlisted_institution_is_issued_once_the_sysadmin_registers_it,
    the_requesting_manager_sees_and_asks_for_the_accounts_at_the_institution_registered_for_it,
);

const E: usize = 4;
const AJ: usize = 35;
/// AO, the first particular; AO … AY follow the form's last column AN.
const AO: usize = 40;

/// A row for a sentinel clinic missing from the master, its particulars in AO … AY as typed.
fn unlisted_row(name: &str, email: &str, particulars: &[&str; 11]) -> Vec<String> {
    let mut row = form_row(name, email, &[(E, "16"), (AJ, "")]);
    assert_eq!(row.len(), AO, "the particulars follow the form's last column");
    row.extend(particulars.iter().map(|cell| (*cell).to_owned()));
    row
}

const CLINIC: [&str; 11] = [
    "東町こどもクリニック",
    "ﾋｶﾞｼﾏﾁｺﾄﾞﾓｸﾘﾆｯｸ",
    "",
    "デモ県東町2-2",
    "０３－２２２２－３３３３",
    "0",
    "",
    "",
    "2",
    "小児科",
    "1",
];

async fn refused(admin: &User, rows: &[Vec<String>]) -> ApiError {
    let response = upload(admin, form_csv(rows).into_bytes(), "").await;
    expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await
}

/// What the refusal says of the row's institution (the app opens the registration with it).
fn missing(error: &ApiError) -> MissingInstitution {
    let problem =
        error.problems.iter().find(|problem| problem.missing_institution.is_some()).expect("a missing institution");
    assert_eq!(
        (problem.column.as_deref(), serde_json::to_value(problem.code).unwrap()),
        (Some("AJ"), json!("institution_not_registered"))
    );
    *problem.missing_institution.clone().unwrap()
}

/// Registers the institution exactly as the refusal described it, nothing typed.
async fn register(admin: &User, missing: &MissingInstitution) -> reqwest::Response {
    let new = NewInstitution {
        class: missing.class.expect("the row's class"),
        health_center_code: missing.health_center_code.clone().expect("the row's health center"),
        particulars: missing.particulars.clone().expect("the row's particulars"),
    };
    admin.post_json("/admin/institutions", &serde_json::to_value(new).unwrap()).await
}

async fn registered_count(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM institutions WHERE source = 'registered'").await
}

async fn a_row_without_a_code_issues_its_account_once_its_institution_is_registered(api: Api) {
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await;
    let rows = [unlisted_row("東町 花子", "hanako@higashi.todoke.invalid", &CLINIC)];
    let said = missing(&refused(&admin, &rows).await);
    let particulars = said.particulars.clone().unwrap();
    assert_eq!((said.class, said.health_center_code.as_deref()), (Some(AccountClass::Sentinel), Some("9901")));
    assert_eq!(
        (particulars.name_kana.as_str(), particulars.phone.as_str()),
        ("ヒガシマチコドモクリニック", "0322223333")
    );
    assert_eq!((particulars.beds, particulars.has_pediatrics), (Some(0), Some(true)));
    assert_eq!((registered_count(&api).await, accounts(&admin).await), (0, before.clone()), "nothing stored");

    let registered: RegisteredInstitution = expect_json(register(&admin, &said).await, StatusCode::CREATED).await;
    assert!(registered.institution.code.starts_with("R16"), "{registered:?}");
    // A second registration from the same row (a second click) is refused by name: the rows find the first.
    let twice =
        expect_error(register(&admin, &said).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(
        (twice.fields[0].field.as_str(), serde_json::to_value(twice.fields[0].code).unwrap()),
        ("name", json!("already_registered"))
    );
    assert!(twice.fields[0].message.contains(&registered.institution.code), "{}", twice.fields[0].message);
    assert_eq!(registered_count(&api).await, 1);

    // The same file, uploaded again, issues the account at the registered institution.
    let response = upload(&admin, form_csv(&rows).into_bytes(), "").await;
    let batch: IssuedBatch = expect_json(response, StatusCode::CREATED).await;
    let issued = &batch.accounts[0];
    assert_eq!((issued.class, &issued.institution), (AccountClass::Sentinel, &registered.institution));
    let passwords = passwords_in(&credentials(&admin, &batch).await.text().await.unwrap());
    assert_eq!(passwords[0].0, issued.user_id);
    let (_, me) = first_login(&api, &passwords[0].0, &passwords[0].1, "hanako@higashi.todoke.invalid").await;
    assert_eq!(me.organization.code, registered.institution.code);
    let actions: Vec<String> = api.audit_log().await.into_iter().map(|(_, action, _)| action).collect();
    assert!(actions.contains(&"register_institution".to_owned()) && actions.contains(&"issue_account".to_owned()));
    // And once more: the person has the account now.
    let again = refused(&admin, &rows).await;
    assert_eq!(serde_json::to_value(again.problems[0].code).unwrap(), "already_registered");
}

async fn missing_or_wrong_particulars_are_refused_by_row_and_column_and_nothing_is_stored(api: Api) {
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await;
    let mut hiragana = CLINIC;
    hiragana[1] = "ひがしまち";
    hiragana[5] = "多い";
    let mut name_only = [""; 11];
    name_only[0] = "西町医院";
    let mut notifiable = unlisted_row("西町 次郎", "jiro@nishi.todoke.invalid", &name_only);
    notifiable[E] = "09".into();
    let rows = [
        unlisted_row("東町 花子", "hanako@higashi.todoke.invalid", &hiragana),
        notifiable,
        // AJ and AO … AY all blank: the row does not say which institution.
        form_row("南町 三郎", "saburo@minami.todoke.invalid", &[(AJ, "")]),
    ];
    let error = refused(&admin, &rows).await;
    let found: Vec<(u32, Option<&str>, String)> = error
        .problems
        .iter()
        .map(|problem| {
            (
                problem.row,
                problem.column.as_deref(),
                serde_json::to_value(problem.code).unwrap().as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (3, "AT", "invalid_number"),
        (3, "AP", "not_katakana"),
        (4, "AP", "required"),
        (4, "AR", "required"),
        (4, "AS", "required"),
        (4, "AQ", "required"),
        (4, "AT", "required"),
        (4, "AU", "inconsistent"),
        (5, "AJ", "institution_not_registered"),
    ];
    let expected: Vec<(u32, Option<&str>, String)> =
        expected.into_iter().map(|(row, column, code)| (row, Some(column), code.to_owned())).collect();
    assert_eq!(found, expected, "{:#?}", error.problems);
    assert!(
        error.problems[1].message.starts_with("3行目 AP列（医療機関/動物診療施設名称（カナ））"),
        "{}",
        error.problems[1].message
    );
    assert!(error.problems.iter().all(
        |problem| problem.row != 5 || problem.missing_institution.as_ref().is_some_and(|m| m.particulars.is_none())
    ));
    assert_eq!((registered_count(&api).await, accounts(&admin).await), (0, before), "nothing stored");
}

/// The sentinel branch of the manager's clinic, missing from the 定点 master, as an online application names it.
fn branch() -> Value {
    json!({
        "class": "sentinel",
        "name": "北町こどもクリニック 分院",
        "name_kana": "キタマチコドモクリニック ブンイン",
        "address": "デモ県北町3-3",
        "phone": "03-4444-5555",
        "beds": 19,
        "facility_type": "hospital"
    })
}

/// A user manager's request for one account at the institution `unlisted` describes.
fn unlisted_request(unlisted: &Value) -> Value {
    let applicant = json!({
        "user_name": "北町 定点",
        "contact_phone": "03-1234-5678",
        "contact_email": "teiten@kita.todoke.invalid",
        "factor_method": "email",
        "factor_destination": "teiten@kita.todoke.invalid",
    });
    json!({ "action": { "kind": "issue", "applicants": [applicant], "unlisted": unlisted } })
}

fn approve_path(request: &AccountRequest) -> String {
    format!("/admin/requests/{}/approve", request.request_id)
}

async fn an_online_application_for_an_unlisted_institution_is_issued_once_the_sysadmin_registers_it(api: Api) {
    let manager = api.login("manager1").await;
    let unlisted = branch();
    let body = unlisted_request;
    let mut wrong = unlisted.clone();
    wrong["name_kana"] = json!("きたまち");
    wrong.as_object_mut().unwrap().remove("beds");
    let refused = expect_error(
        manager.post_json("/manager/requests", &body(&wrong)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = refused.fields.iter().map(|field| field.field.as_str()).collect();
    assert_eq!(fields, ["name_kana", "beds"]);
    let none: Vec<AccountRequest> = expect_json(manager.get("/manager/requests").await, StatusCode::OK).await;
    assert!(none.is_empty(), "nothing stored");

    let sent: AccountRequest =
        expect_json(manager.post_json("/manager/requests", &body(&unlisted)).await, StatusCode::CREATED).await;
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await;
    let approve = approve_path;
    // Approving before the institution exists is refused with what the request says of it.
    let error = expect_error(
        admin.post_json(&approve(&sent), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    let said = missing(&error);
    assert_eq!((said.class, said.health_center_code.as_deref()), (Some(AccountClass::Sentinel), Some("9901")));
    assert_eq!(accounts(&admin).await, before, "nothing issued");
    let waiting: Vec<AccountRequest> = expect_json(admin.get("/admin/requests").await, StatusCode::OK).await;
    assert_eq!(waiting[0].state, RequestState::Pending);

    let registered: RegisteredInstitution = expect_json(register(&admin, &said).await, StatusCode::CREATED).await;
    let approved: AccountRequest =
        expect_json(admin.post_json(&approve(&sent), &json!({})).await, StatusCode::OK).await;
    assert_eq!(approved.state, RequestState::Approved);
    assert_eq!(
        (approved.issued[0].class, &approved.issued[0].institution),
        (AccountClass::Sentinel, &registered.institution)
    );
    assert_eq!(accounts(&admin).await.len(), before.len() + 1);
}

/// Issue 20: the accounts issued at an institution registered for a user manager's request are that
/// manager's staff: listed with the institution's own, and open to its requests; nobody else's.
async fn the_requesting_manager_sees_and_asks_for_the_accounts_at_the_institution_registered_for_it(api: Api) {
    let manager = api.login("manager1").await;
    let sent: AccountRequest =
        expect_json(manager.post_json("/manager/requests", &unlisted_request(&branch())).await, StatusCode::CREATED)
            .await;
    let admin = api.login("pref-admin").await;
    let early = admin.post_json(&approve_path(&sent), &json!({})).await;
    let said = missing(&expect_error(early, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await);
    let registered: RegisteredInstitution = expect_json(register(&admin, &said).await, StatusCode::CREATED).await;
    let approved: AccountRequest =
        expect_json(admin.post_json(&approve_path(&sent), &json!({})).await, StatusCode::OK).await;
    let issued = &approved.issued[0];
    assert_eq!(issued.institution, registered.institution);

    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    let listed = staff.iter().find(|account| account.user_id == issued.user_id);
    assert_eq!(
        listed.map(|account| (&account.organization, account.role, account.state)),
        Some((&registered.institution, Role::SentinelSiteManager, AccountState::Active)),
        "{staff:#?}"
    );
    assert!(staff.iter().any(|account| account.user_id == "doctor1"), "the institution's own staff too");

    // The manager asks for a change to the new account as for its own staff, and it is done.
    let suspend = json!({ "action": { "kind": "suspend", "user_id": issued.user_id } });
    let suspension: AccountRequest =
        expect_json(manager.post_json("/manager/requests", &suspend).await, StatusCode::CREATED).await;
    expect_json::<AccountRequest>(admin.post_json(&approve_path(&suspension), &json!({})).await, StatusCode::OK).await;
    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    let suspended = staff.iter().find(|account| account.user_id == issued.user_id).map(|account| account.state);
    assert_eq!(suspended, Some(AccountState::Suspended));

    // The sysadmin's registration alone (no request) makes the institution nobody's but its own.
    let rows = [unlisted_row("東町 花子", "hanako@higashi.todoke.invalid", &CLINIC)];
    let other = register(&admin, &missing(&refused(&admin, &rows).await)).await;
    let other: RegisteredInstitution = expect_json(other, StatusCode::CREATED).await;
    let batch: IssuedBatch =
        expect_json(upload(&admin, form_csv(&rows).into_bytes(), "").await, StatusCode::CREATED).await;
    assert_eq!(batch.accounts[0].institution, other.institution);
    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    assert!(staff.iter().all(|account| account.user_id != batch.accounts[0].user_id), "{staff:#?}");
    let theirs = json!({ "action": { "kind": "suspend", "user_id": batch.accounts[0].user_id } });
    expect_error(manager.post_json("/manager/requests", &theirs).await, StatusCode::NOT_FOUND, "not_found").await;
}
