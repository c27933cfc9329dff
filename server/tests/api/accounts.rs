//! Account administration through HTTP: bulk issuance from the application form (CSV in UTF-8 and
//! Shift_JIS, the .xlsx workbook), every kind of row problem with nothing imported, the one-time
//! password file, letters through the SMTP sink, and first login with an issued password.

use domain::api::{IssuedBatch, LetterState, LetterStatus, ManagedAccount, Me, PasswordChangeReason};
use domain::error::ApiError;
use reqwest::{Response, StatusCode};

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_valid_form_issues_accounts_with_a_one_time_file_and_letters,
    every_kind_of_problem_is_reported_and_nothing_is_imported,
    many_problems_are_reported_at_once,
    shift_jis_and_xlsx_forms_import_like_utf8,
    letters_that_cannot_be_sent_are_retried_and_can_be_resent with unreachable_mail_server,
);

/// The application form's columns (0-based: A = 0) that carry data.
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;
const E: usize = 4;
const I: usize = 8;
const K: usize = 10;
const AG: usize = 32;
const AJ: usize = 35;
const AL: usize = 37;
const AM: usize = 38;
const AN: usize = 39;

/// One row of the form: a doctor of 北町こどもクリニック with codes by e-mail, then `changes`.
pub fn form_row(name: &str, email: &str, changes: &[(usize, &str)]) -> Vec<String> {
    let mut row = vec![String::new(); 40];
    for (column, value) in [
        (B, name),
        (C, "03-1234-5678"),
        (D, email),
        (E, "09"),
        (K, "9901"),
        (AG, "0"),
        (AJ, "9910000001"),
        (AM, email),
        (AN, "1"),
    ]
    .into_iter()
    .chain(changes.iter().copied())
    {
        row[column] = value.to_owned();
    }
    row
}

/// The form as CSV: a title line, the header line, then the rows (spreadsheet rows 3, 4 …).
pub fn form_csv(rows: &[Vec<String>]) -> String {
    let mut header = vec![String::new(); 40];
    for (column, label) in
        [(B, "利用者名"), (C, "連絡先電話番号"), (D, "連絡先メールアドレス"), (AN, "二要素認証手段コード")]
    {
        header[column] = label.to_owned();
    }
    let mut lines = vec!["システム利用申請様式".to_owned(), header.join(",")];
    lines.extend(rows.iter().map(|row| row.join(",")));
    lines.join("\r\n") + "\r\n"
}

pub async fn upload(user: &User, bytes: Vec<u8>, query: &str) -> Response {
    let url = format!("{}/admin/applications{query}", user.base);
    user.client.post(url).header("content-type", "text/csv").body(bytes).send().await.expect("request sent")
}

pub async fn issue(api: &Api, admin: &User, rows: &[Vec<String>]) -> IssuedBatch {
    let response = upload(admin, form_csv(rows).into_bytes(), "").await;
    let batch: IssuedBatch = expect_json(response, StatusCode::CREATED).await;
    assert_eq!(batch.accounts.len(), rows.len());
    let _ = api;
    batch
}

pub async fn accounts(admin: &User) -> Vec<ManagedAccount> {
    expect_json(admin.get("/admin/accounts").await, StatusCode::OK).await
}

/// The one-time file as (user ID, initial password) by row.
pub async fn credentials(admin: &User, batch: &IssuedBatch) -> Response {
    admin.post_json(&format!("/admin/account-batches/{}/credentials", batch.batch_id), &serde_json::json!({})).await
}

pub fn passwords_in(csv: &str) -> Vec<(String, String)> {
    csv.trim_start_matches('\u{FEFF}')
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[1].to_owned(), cells[2].to_owned())
        })
        .collect()
}

/// Waits (a bounded while) until `address` has received a mail containing `needle`.
pub async fn mail_containing(api: &Api, address: &str, needle: &str) -> String {
    for _ in 0..200 {
        if let Some(mail) = api.mail.mails_to(address).into_iter().rev().find(|mail| mail.text.contains(needle)) {
            return mail.text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {address} containing {needle:?}");
}

/// Waits until every letter of the jurisdiction has left the `pending` state (or has tried `attempts` times).
async fn letters_after(admin: &User, done: impl Fn(&LetterStatus) -> bool) -> Vec<LetterStatus> {
    for _ in 0..200 {
        let letters: Vec<LetterStatus> = expect_json(admin.get("/admin/letters").await, StatusCode::OK).await;
        if !letters.is_empty() && letters.iter().all(&done) {
            return letters;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("letters did not reach the expected state");
}

/// Logs in with an issued password and the code mailed to `address`.
pub async fn first_login(api: &Api, user_id: &str, password: &str, address: &str) -> (User, Me) {
    let user = api.anonymous();
    let body = serde_json::json!({ "user_id": user_id, "password": password });
    assert_eq!(user.post_json("/session", &body).await.status(), StatusCode::OK, "password step as {user_id}");
    let text = mail_containing(api, address, "確認コード").await;
    let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    let me: Me =
        expect_json(user.post_json("/session/code", &serde_json::json!({ "code": code })).await, StatusCode::OK).await;
    (user, me)
}

async fn a_valid_form_issues_accounts_with_a_one_time_file_and_letters(api: Api) {
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await.len();
    let rows = [
        form_row("東 一郎", "ichiro@kita.todoke.invalid", &[(AG, "1")]),
        form_row("西 二郎", "jiro@kita.todoke.invalid", &[(AN, "2"), (AL, "090-1111-2222")]),
        form_row("北町 獣医", "vet@kita.todoke.invalid", &[(E, "11"), (AJ, "V990000001")]),
    ];
    let batch = issue(&api, &admin, &rows).await;
    assert_eq!(batch.accounts[0].row, 3);
    assert_eq!(batch.accounts[2].institution.name, "北町どうぶつ病院");
    let listed = accounts(&admin).await;
    assert_eq!(listed.len(), before + 3);
    let first = listed.iter().find(|account| account.user_id == batch.accounts[0].user_id).unwrap();
    assert!(first.may_download_records, "column AG");
    assert_eq!(first.contact_email.as_deref(), Some("ichiro@kita.todoke.invalid"));

    let download = credentials(&admin, &batch).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["cache-control"], "no-store");
    let csv = download.text().await.unwrap();
    let passwords = passwords_in(&csv);
    assert_eq!(passwords.len(), 3);
    assert_eq!(passwords[0].0, batch.accounts[0].user_id);
    expect_error(credentials(&admin, &batch).await, StatusCode::GONE, "credentials_gone").await;

    // Each user's letter names their ID and the same initial password; then the server forgets it.
    for ((user_id, password), row) in passwords.iter().zip(&rows) {
        let letter = mail_containing(&api, &row[D], "初期パスワード").await;
        assert!(letter.contains(user_id) && letter.contains(password), "{letter}");
        assert!(letter.contains("http://localhost"), "{letter}");
    }
    let letters = letters_after(&admin, |letter| letter.state == LetterState::Sent).await;
    assert_eq!(letters.len(), 3);
    assert!(letters.iter().all(|letter| letter.sent_at.is_some() && letter.attempts == 1));
    let sealed_left = api.query_count("SELECT COUNT(*) FROM account_letters WHERE sealed_body IS NOT NULL").await;
    let file_left = api.query_count("SELECT COUNT(*) FROM account_batches WHERE credentials IS NOT NULL").await;
    assert_eq!((sealed_left, file_left), (0, 0), "no initial password stays on the server");

    let (user, me) = first_login(&api, &passwords[0].0, &passwords[0].1, "ichiro@kita.todoke.invalid").await;
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Initial));
    assert_eq!(me.organization.name, "北町こどもクリニック");
    expect_error(user.get("/notifications").await, StatusCode::FORBIDDEN, "password_change_required").await;
    let issued = api.audit_log().await.into_iter().filter(|(_, action, _)| action == "issue_account").count();
    assert_eq!(issued, 3);
}

/// One file per kind of problem: (what, the file, the expected problem's spreadsheet row, column, code).
type ProblemCase = (&'static str, Vec<u8>, u32, Option<&'static str>, &'static str);

fn problem_cases() -> Vec<ProblemCase> {
    let ok = |n: u32| form_row(&format!("利用者 {n}"), &format!("user{n}@kita.todoke.invalid"), &[]);
    let with = |changes: &[(usize, &str)]| vec![ok(1), form_row("問題 太郎", "taro@kita.todoke.invalid", changes)];
    let csv = |rows: Vec<Vec<String>>| form_csv(&rows).into_bytes();
    let mut gap = csv(vec![ok(1), vec![String::new(); 40], ok(2)]);
    gap.extend_from_slice(b",,,\r\n");
    vec![
        ("missing item", csv(with(&[(C, "")])), 4, Some("C"), "required"),
        ("gap before the last row", gap, 4, None, "row_not_packed"),
        ("environment-dependent character", csv(with(&[(B, "髙橋 ①")])), 4, Some("B"), "invalid_characters"),
        ("number abroad", csv(with(&[(C, "+1 415 555 0100")])), 4, Some("C"), "foreign_phone_number"),
        ("not a phone number", csv(with(&[(C, "0570-000-000")])), 4, Some("C"), "invalid_phone_number"),
        ("bad e-mail", csv(with(&[(D, "taro@")])), 4, Some("D"), "invalid_email"),
        ("unknown class", csv(with(&[(E, "10")])), 4, Some("E"), "invalid_class_code"),
        ("bad flag", csv(with(&[(AG, "2")])), 4, Some("AG"), "invalid_flag"),
        ("bad method", csv(with(&[(AN, "4")])), 4, Some("AN"), "invalid_factor_method"),
        ("SMS to a landline", csv(with(&[(AN, "2"), (AL, "03-1234-5678")])), 4, Some("AL"), "unreachable_by_method"),
        ("same person twice", csv(vec![ok(1), ok(1)]), 4, Some("B"), "duplicate_person"),
        ("already has an account", csv(with(&[(B, "北町 花子")])), 4, Some("B"), "already_registered"),
        ("unknown health center", csv(with(&[(K, "9999")])), 4, Some("K"), "unknown_health_center"),
        ("health center of another body", csv(with(&[(K, "9801")])), 4, Some("K"), "out_of_jurisdiction"),
        ("unknown institution", csv(with(&[(AJ, "9910999999")])), 4, Some("AJ"), "unknown_institution"),
        ("institution of another body", csv(with(&[(AJ, "9810000003")])), 4, Some("AJ"), "out_of_jurisdiction"),
        ("institution under another health center", csv(with(&[(K, "9902")])), 4, Some("AJ"), "institution_mismatch"),
        ("institution not in the master", csv(with(&[(AJ, "")])), 4, Some("AJ"), "institution_not_registered"),
        ("unknown core city", csv(with(&[(I, "97")])), 4, Some("I"), "unknown_prefecture"),
        ("no header row", b"a,b,c\r\n".to_vec(), 0, None, "missing_header"),
        ("not a table", vec![0x81, 0x20, 0xFF, 0x00], 0, None, "unreadable_file"),
    ]
}

async fn every_kind_of_problem_is_reported_and_nothing_is_imported(api: Api) {
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await;
    for (what, file, row, column, code) in problem_cases() {
        let error: ApiError =
            expect_error(upload(&admin, file, "").await, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
        let found = error.problems.iter().any(|problem| {
            problem.row == row
                && problem.column.as_deref() == column
                && serde_json::to_value(problem.code).unwrap() == code
        });
        assert!(found, "{what}: expected {code} at {row}/{column:?}, got {:?}", error.problems);
        assert!(error.problems.iter().all(|problem| !problem.message.is_empty()));
    }
    assert_eq!(accounts(&admin).await, before, "no file imported anything");
    let refused = api
        .audit_log()
        .await
        .into_iter()
        .filter(|(_, action, outcome)| action == "import_applications" && outcome == "failure");
    assert_eq!(refused.count(), problem_cases().len() - 2, "unreadable files are refused before they are forms");

    // A row whose institution is not in the master says what it knows of it (A-5 starts from there).
    let missing = form_csv(&[form_row("定点 花子", "hanako@kita.todoke.invalid", &[(E, "16"), (AJ, "")])]);
    let error: ApiError = expect_error(
        upload(&admin, missing.into_bytes(), "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    let said: Vec<_> =
        error.problems.iter().filter_map(|problem| problem.missing_institution.as_deref().cloned()).collect();
    let sentinel = domain::application::MissingInstitution {
        class: Some(domain::application::AccountClass::Sentinel),
        health_center_code: Some("9901".into()),
        particulars: None,
    };
    assert_eq!(said, [sentinel]);
}

async fn many_problems_are_reported_at_once(api: Api) {
    let admin = api.login("pref-admin").await;
    let before = accounts(&admin).await.len();
    let rows = [
        form_row("正しい 人", "right@kita.todoke.invalid", &[]),
        form_row("①", "bad", &[(C, "+44 20 7946 0000"), (AN, "9")]),
        vec![String::new(); 40],
        form_row("他県 人", "other@kita.todoke.invalid", &[(K, "9801"), (AJ, "9810000003")]),
    ];
    let error: ApiError = expect_error(
        upload(&admin, form_csv(&rows).into_bytes(), "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    let found: Vec<(u32, Option<String>)> = error.problems.iter().map(|p| (p.row, p.column.clone())).collect();
    let column = |c: &str| Some(c.to_owned());
    for expected in [
        (4, column("B")),
        (4, column("C")),
        (4, column("D")),
        (4, column("AN")),
        (5, None),
        (6, column("K")),
        (6, column("AJ")),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
    assert!(error.problems.windows(2).all(|pair| pair[0].row <= pair[1].row), "ordered by row");
    assert!(
        error.problems.iter().any(|p| p.message.starts_with("4行目 C列（連絡先電話番号）")),
        "{:?}",
        error.problems
    );
    assert_eq!(accounts(&admin).await.len(), before, "the valid row was not imported either");
}

async fn shift_jis_and_xlsx_forms_import_like_utf8(api: Api) {
    let admin = api.login("pref-admin").await;
    let text = form_csv(&[form_row("渡邉 さくら", "sakura@kita.todoke.invalid", &[])]);
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!lossy);
    let batch: IssuedBatch = expect_json(upload(&admin, sjis.into_owned(), "").await, StatusCode::CREATED).await;
    assert_eq!(batch.accounts[0].display_name, "渡邉 さくら", "detected as Shift_JIS");
    let text = form_csv(&[form_row("森 太郎", "mori@kita.todoke.invalid", &[])]);
    let (named, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let wrong = upload(&admin, named.into_owned(), "?encoding=utf8").await;
    expect_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;

    // The workbook itself, with the title and header rows above the data and a number-typed class code.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 1, "システム利用申請様式").unwrap();
    sheet.write_string(1, 1, "利用者名").unwrap();
    let row = form_row("高木 太一", "taichi@kita.todoke.invalid", &[]);
    for (column, value) in row.iter().enumerate().filter(|(_, value)| !value.is_empty()) {
        let column = u16::try_from(column).unwrap();
        if column == E as u16 {
            sheet.write_number(2, column, 9.0).unwrap();
        } else {
            sheet.write_string(2, column, value).unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let batch: IssuedBatch = expect_json(upload(&admin, bytes, "").await, StatusCode::CREATED).await;
    assert_eq!(batch.accounts[0].display_name, "高木 太一");
    assert_eq!(batch.accounts[0].row, 3, "spreadsheet row numbers");
    assert_eq!(batch.accounts[0].class, domain::api::AccountClass::Notifiable, "9 read as 09");
}

fn unreachable_mail_server(config: &mut server::config::Config) {
    config.delivery.smtp_url = Some("smtp://127.0.0.1:9".into());
}

async fn letters_that_cannot_be_sent_are_retried_and_can_be_resent(api: Api) {
    // Logins need codes by e-mail, which this server cannot send: a sysadmin logged in through the store.
    let admin = api.session_for("pref-admin").await;
    let batch = issue(&api, &admin, &[form_row("送信 失敗", "fail@kita.todoke.invalid", &[])]).await;
    let letters = letters_after(&admin, |letter| letter.attempts >= 1).await;
    let letter = &letters.iter().find(|letter| letter.user_id == batch.accounts[0].user_id).unwrap();
    assert_eq!(letter.state, LetterState::Pending, "retried later");
    assert!(letter.last_error.as_deref().is_some_and(|error| !error.is_empty()), "{letter:?}");
    let resend =
        admin.post_json(&format!("/admin/accounts/{}/letter", batch.accounts[0].user_id), &serde_json::json!({})).await;
    assert_eq!(resend.status(), StatusCode::ACCEPTED);
    let outsider = api.session_for("city-admin").await;
    let elsewhere = outsider
        .post_json(&format!("/admin/accounts/{}/letter", batch.accounts[0].user_id), &serde_json::json!({}))
        .await;
    expect_error(elsewhere, StatusCode::NOT_FOUND, "not_found").await;
    let audit = api.audit_log().await;
    assert!(audit.iter().any(|(actor, action, _)| action == "resend_letter" && actor.as_deref() == Some("pref-admin")));
}
