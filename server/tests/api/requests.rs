//! User managers' requests through HTTP: an online application is checked like an
//! uploaded form and issues the accounts only when the sysadmin of the institution's 都道府県等
//! approves it; a rejection carries its reason and changes nothing; requests about a staff member's
//! account are done on approval; nobody asks for or decides what is not theirs.

use domain::api::{AccountRequest, AccountState, IssuedBatch, ManagedAccount, RequestState};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::accounts::{accounts, credentials, first_login, form_csv, form_row, mail_containing, passwords_in, upload};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    an_online_application_is_checked_like_a_form_and_issued_on_approval,
    a_rejection_carries_its_reason_and_issues_nothing,
    approval_checks_the_application_again,
    requests_about_staff_accounts_are_done_on_approval,
    nobody_asks_for_or_decides_what_is_not_theirs,
    a_manager_withdraws_a_waiting_request_and_nobody_else_can,
);

/// An applicant with codes by e-mail to the contact address.
fn applicant(name: &str, email: &str) -> Value {
    json!({
        "user_name": name,
        "contact_phone": "03-1234-5678",
        "contact_email": email,
        "factor_method": "email",
        "factor_destination": email,
    })
}

fn application(applicants: Vec<Value>) -> Value {
    json!({ "action": { "kind": "issue", "applicants": applicants }, "note": "4月着任の医師です" })
}

fn about(kind: &str, user_id: &str) -> Value {
    json!({ "action": { "kind": kind, "user_id": user_id } })
}

async fn submit(manager: &User, body: &Value) -> AccountRequest {
    expect_json(manager.post_json("/manager/requests", body).await, StatusCode::CREATED).await
}

async fn approve(admin: &User, request: &AccountRequest) -> reqwest::Response {
    admin.post_json(&format!("/admin/requests/{}/approve", request.request_id), &json!({})).await
}

async fn reject(admin: &User, request: &AccountRequest, reason: &str) -> reqwest::Response {
    admin.post_json(&format!("/admin/requests/{}/reject", request.request_id), &json!({ "reason": reason })).await
}

async fn withdraw(user: &User, request: &AccountRequest) -> reqwest::Response {
    user.post_json(&format!("/manager/requests/{}/withdraw", request.request_id), &json!({})).await
}

async fn requests_of(user: &User, path: &str) -> Vec<AccountRequest> {
    expect_json(user.get(path).await, StatusCode::OK).await
}

async fn an_online_application_is_checked_like_a_form_and_issued_on_approval(api: Api) {
    let manager = api.login("manager1").await;
    // Problems are reported per applicant (row N = the N-th) and column, and nothing is stored.
    let mut foreign = applicant("北町 ②郎", "jiro@kita.todoke.invalid");
    foreign["contact_phone"] = json!("+1 415 555 0100");
    let wrong = application(vec![applicant("北町 一郎", "ichiro@kita.todoke.invalid"), foreign]);
    let refused = expect_error(
        manager.post_json("/manager/requests", &wrong).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    let problems: Vec<(u32, Option<&str>)> = refused.problems.iter().map(|p| (p.row, p.column.as_deref())).collect();
    assert_eq!(problems, [(2, Some("B")), (2, Some("C"))], "{:?}", refused.problems);
    assert!(requests_of(&manager, "/manager/requests").await.is_empty());

    let sent = submit(
        &manager,
        &application(vec![
            applicant("北町 一郎", "ichiro@kita.todoke.invalid"),
            applicant("北町 二郎", "jiro@kita.todoke.invalid"),
        ]),
    )
    .await;
    assert_eq!((sent.state, sent.institution.code.as_str()), (RequestState::Pending, "9910000001"));
    // The same person cannot be applied for twice while the first request waits.
    let again = application(vec![applicant("北町　一郎", "other@kita.todoke.invalid")]);
    let twice = expect_error(
        manager.post_json("/manager/requests", &again).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    assert_eq!(serde_json::to_value(twice.problems[0].code).unwrap(), "already_applied");

    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await.len();
    let waiting = requests_of(&admin, "/admin/requests").await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].note.as_deref(), Some("4月着任の医師です"));
    let approved: AccountRequest = expect_json(approve(&admin, &sent).await, StatusCode::OK).await;
    assert_eq!((approved.state, approved.decided_by.as_deref()), (RequestState::Approved, Some("pref-admin")));
    assert_eq!(approved.issued.len(), 2);
    assert_eq!(accounts(&admin).await.len(), before + 2);
    expect_error(approve(&admin, &sent).await, StatusCode::CONFLICT, "request_decided").await;

    // The sysadmin keeps the initial passwords once; each applicant gets a letter and logs in with it.
    let batch = IssuedBatch { batch_id: approved.batch_id.expect("a batch"), accounts: approved.issued.clone() };
    let passwords = passwords_in(&credentials(&admin, &batch).await.text().await.unwrap());
    assert_eq!(passwords[0].0, approved.issued[0].user_id);
    let letter = mail_containing(&api, "ichiro@kita.todoke.invalid", "初期パスワード").await;
    assert!(letter.contains(&passwords[0].0) && letter.contains(&passwords[0].1));
    let (_, me) = first_login(&api, &passwords[0].0, &passwords[0].1, "ichiro@kita.todoke.invalid").await;
    assert_eq!(me.organization.code, "9910000001");

    // The manager sees the outcome and the new IDs, and the new staff in the institution's list.
    let seen = requests_of(&manager, "/manager/requests").await;
    assert_eq!((seen[0].state, seen[0].issued.len()), (RequestState::Approved, 2));
    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    assert!(staff.iter().any(|account| account.user_id == approved.issued[1].user_id));
    let actions: Vec<String> = api.audit_log().await.into_iter().map(|(_, action, _)| action).collect();
    assert!(actions.contains(&"submit_request".to_owned()) && actions.contains(&"approve_request".to_owned()));
}

async fn a_rejection_carries_its_reason_and_issues_nothing(api: Api) {
    let manager = api.login("manager1").await;
    let sent = submit(&manager, &application(vec![applicant("北町 三郎", "saburo@kita.todoke.invalid")])).await;
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await;
    let refused =
        expect_error(reject(&admin, &sent, "  ").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(refused.fields[0].field, "reason");
    let rejected: AccountRequest =
        expect_json(reject(&admin, &sent, "在籍確認ができません。").await, StatusCode::OK).await;
    assert_eq!(rejected.state, RequestState::Rejected);
    expect_error(approve(&admin, &sent).await, StatusCode::CONFLICT, "request_decided").await;
    expect_error(reject(&admin, &sent, "二度目").await, StatusCode::CONFLICT, "request_decided").await;
    assert_eq!(accounts(&admin).await, before, "no account was issued");
    let seen = requests_of(&manager, "/manager/requests").await;
    assert_eq!((seen[0].state, seen[0].reason.as_deref()), (RequestState::Rejected, Some("在籍確認ができません。")));
    // Once rejected, the person may be applied for again.
    submit(&manager, &application(vec![applicant("北町 三郎", "saburo@kita.todoke.invalid")])).await;
}

async fn approval_checks_the_application_again(api: Api) {
    let manager = api.login("manager1").await;
    let sent = submit(&manager, &application(vec![applicant("北町 四郎", "shiro@kita.todoke.invalid")])).await;
    // Meanwhile the sysadmin registers the same person from an uploaded form.
    let admin = api.login("pref-admin").await;
    let form = form_csv(&[form_row("北町 四郎", "shiro@kita.todoke.invalid", &[])]);
    assert_eq!(upload(&admin, form.into_bytes(), "").await.status(), StatusCode::CREATED);
    let before = accounts(&admin).await;
    let refused = expect_error(approve(&admin, &sent).await, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    assert_eq!(serde_json::to_value(refused.problems[0].code).unwrap(), "already_registered");
    assert_eq!(accounts(&admin).await, before);
    assert_eq!(requests_of(&manager, "/manager/requests").await[0].state, RequestState::Pending, "still to decide");
}

async fn requests_about_staff_accounts_are_done_on_approval(api: Api) {
    let manager = api.login("manager1").await;
    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    let ids: Vec<&str> = staff.iter().map(|account| account.user_id.as_str()).collect();
    assert_eq!(
        ids,
        ["doctor1", "newdoctor", "sentinel1"],
        "the institution's filers (its sentinel-site manager too), not its manager"
    );

    let doctor = api.login("doctor1").await;
    let suspension = submit(&manager, &about("suspend", "doctor1")).await;
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK, "nothing happens before approval");
    let admin = api.login("pref-admin").await;
    assert_eq!(approve(&admin, &suspension).await.status(), StatusCode::OK);
    expect_error(doctor.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let login = json!({ "user_id": "doctor1", "password": "Kita#Clinic1" });
    expect_error(api.anonymous().post_json("/session", &login).await, StatusCode::FORBIDDEN, "account_suspended").await;

    let resumption = submit(&manager, &about("resume", "doctor1")).await;
    assert_eq!(approve(&admin, &resumption).await.status(), StatusCode::OK);
    let doctor1 = accounts(&admin).await.into_iter().find(|account| account.user_id == "doctor1").unwrap();
    assert_eq!(doctor1.state, AccountState::Active);

    let bad_change = json!({ "action": { "kind": "change", "user_id": "newdoctor", "change": { "contact_phone": "+1 415 555 0100" } } });
    expect_error(
        manager.post_json("/manager/requests", &bad_change).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let change = json!({ "action": { "kind": "change", "user_id": "newdoctor", "change": { "contact_email": " new@kita.todoke.invalid " } } });
    let changed = submit(&manager, &change).await;
    assert_eq!(approve(&admin, &changed).await.status(), StatusCode::OK);
    let newdoctor = accounts(&admin).await.into_iter().find(|account| account.user_id == "newdoctor").unwrap();
    assert_eq!(newdoctor.contact_email.as_deref(), Some("new@kita.todoke.invalid"));

    // A password reset goes to the user as a new letter, not to the sysadmin.
    let reset = submit(&manager, &about("password_reset", "newdoctor")).await;
    assert_eq!(approve(&admin, &reset).await.status(), StatusCode::OK);
    let letter = mail_containing(&api, "new@kita.todoke.invalid", "初期パスワード").await;
    assert!(letter.contains("newdoctor"), "{letter}");

    let deletion = submit(&manager, &about("delete", "newdoctor")).await;
    assert_eq!(approve(&admin, &deletion).await.status(), StatusCode::OK);
    let staff: Vec<ManagedAccount> = expect_json(manager.get("/manager/staff").await, StatusCode::OK).await;
    let deleted = staff.iter().find(|account| account.user_id == "newdoctor").unwrap();
    assert_eq!(deleted.state, AccountState::Deleted);
    expect_error(
        manager.post_json("/manager/requests", &about("resume", "newdoctor")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn nobody_asks_for_or_decides_what_is_not_theirs(api: Api) {
    let manager = api.login("manager1").await;
    // Staff of another institution, of a health center, or the manager itself: as if they did not exist.
    for user_id in ["doctor2", "hc-north", "manager1", "nobody"] {
        let response = manager.post_json("/manager/requests", &about("suspend", user_id)).await;
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let doctor = api.login("doctor1").await;
    expect_error(
        doctor.post_json("/manager/requests", &about("suspend", "newdoctor")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(doctor.get("/manager/staff").await, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(doctor.get("/admin/requests").await, StatusCode::FORBIDDEN, "forbidden").await;

    let sent = submit(&manager, &about("suspend", "newdoctor")).await;
    // デモ市's sysadmin neither sees nor decides a request from デモ県's institution; the manager cannot decide.
    let city = api.login("city-admin").await;
    assert!(requests_of(&city, "/admin/requests").await.is_empty());
    expect_error(approve(&city, &sent).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(reject(&city, &sent, "他県").await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(approve(&manager, &sent).await, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(approve(&doctor, &sent).await, StatusCode::FORBIDDEN, "forbidden").await;
    assert_eq!(requests_of(&manager, "/manager/requests").await[0].state, RequestState::Pending);
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK);
}

async fn a_manager_withdraws_a_waiting_request_and_nobody_else_can(api: Api) {
    let manager = api.login("manager1").await;
    let sent = submit(&manager, &application(vec![applicant("北町 五郎", "goro@kita.todoke.invalid")])).await;
    let admin = api.login("pref-admin").await;
    let doctor = api.login("doctor1").await;
    expect_error(withdraw(&admin, &sent).await, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(withdraw(&doctor, &sent).await, StatusCode::FORBIDDEN, "forbidden").await;
    assert_eq!(requests_of(&manager, "/manager/requests").await[0].state, RequestState::Pending);

    let withdrawn: AccountRequest = expect_json(withdraw(&manager, &sent).await, StatusCode::OK).await;
    assert_eq!((withdrawn.state, withdrawn.decided_by.as_deref()), (RequestState::Withdrawn, Some("manager1")));
    expect_error(withdraw(&manager, &sent).await, StatusCode::CONFLICT, "request_decided").await;
    expect_error(approve(&admin, &sent).await, StatusCode::CONFLICT, "request_decided").await;
    assert!(api.audit_log().await.iter().any(|(_, action, _)| action == "withdraw_request"));
    // The person may be applied for again, and an unknown request is not found.
    submit(&manager, &application(vec![applicant("北町 五郎", "goro@kita.todoke.invalid")])).await;
    let unknown = AccountRequest { request_id: uuid::Uuid::new_v4(), ..withdrawn };
    expect_error(withdraw(&manager, &unknown).await, StatusCode::NOT_FOUND, "not_found").await;
}
