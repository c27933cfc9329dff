//! The subject's page at `/o/<token>` (issue 19), as a phone without JavaScript uses it: plain HTML
//! forms posted to the server. The birth date first (a wrong one refused in Japanese and English and
//! audited), then the day's form with the observation's items only; a posted report is stored once
//! and confirmed; a dead link says so and nothing else; one address guessing links or birth dates is
//! throttled, on the page and on the `/subject` API alike.

use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION};
use reqwest::{Response, StatusCode};
use serde_json::json;

use crate::on_both_databases;
use crate::subject_links::{observed_contact, sms_link};
use crate::support::{expect_error, Api};

on_both_databases!(
    a_subject_confirms_and_reports_through_the_page,
    a_dead_link_says_so_and_stores_nothing,
    a_maintenance_stop_answers_the_subject_with_the_page,
    one_address_guessing_links_or_birth_dates_is_throttled with a_strict_subject_throttle,
);

fn a_strict_subject_throttle(config: &mut server::config::Config) {
    // Two free failures, then a wait longer than the test.
    config.subject_throttle = server::auth::throttle::ThrottlePolicy {
        free_failures: 2,
        first_delay: time::Duration::minutes(10),
        ..Default::default()
    };
}

/// A phone's browser without JavaScript: form posts, redirects not followed (to see them).
struct Phone {
    client: reqwest::Client,
    origin: String,
}

impl Phone {
    fn new(api: &Api) -> Self {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { client, origin: api.origin() }
    }

    async fn open(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.origin)).send().await.unwrap()
    }

    async fn post(&self, path: &str, form: &str) -> Response {
        let request = self.client.post(format!("{}{path}", self.origin));
        let request = request.header(CONTENT_TYPE, "application/x-www-form-urlencoded").header("origin", &self.origin);
        request.body(form.to_owned()).send().await.unwrap()
    }
}

/// The page's HTML after checking the status and that it is a page under the strict CSP.
async fn page(response: Response, status: StatusCode) -> String {
    assert_eq!(response.status(), status);
    let headers = response.headers();
    assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[CACHE_CONTROL], "no-store");
    let csp = headers[CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<html lang="ja">"#), "{html}");
    assert!(!html.contains("<script>") && !html.contains(" style="), "nothing inline: {html}");
    html
}

/// The reports stored (each scenario's subject reports on one observation; SQLite keeps ids as blobs,
/// so the count is not filtered by a textual id).
async fn reports_of(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM observation_reports").await
}

async fn a_subject_confirms_and_reports_through_the_page(api: Api) {
    let north = api.login("hc-north").await;
    let observation = observed_contact(&api, &north, "山田 花子", None).await;
    let token = sms_link(&api, &north, observation).await;
    let phone = Phone::new(&api);
    let link = format!("/o/{token}");

    let first = page(phone.open(&link).await, StatusCode::OK).await;
    assert!(first.contains(&format!(r#"action="/o/{token}/confirm""#)) && first.contains(r#"name="birth_date""#));
    assert!(first.contains("生年月日") && first.contains("Date of birth"));
    assert!(!first.contains(r#"name="temperature""#), "nothing of the observation before the birth date");

    let wrong =
        page(phone.post(&format!("{link}/confirm"), "birth_date=1990-04-02").await, StatusCode::UNAUTHORIZED).await;
    assert!(wrong.contains("生年月日が一致しません") && wrong.contains("The date of birth does not match"), "{wrong}");
    let unreadable = phone.post(&format!("{link}/confirm"), "birth_date=someday").await;
    page(unreadable, StatusCode::UNPROCESSABLE_ENTITY).await;
    let log = api.audit_log().await;
    assert!(log.iter().any(|(actor, action, outcome)| actor.as_deref() == Some("subject")
        && action == "confirm_subject_link"
        && outcome == "failure"));

    // A birth date typed as the era (a phone without a date picker) is read as well.
    let confirmed =
        phone.post(&format!("{link}/confirm"), "birth_date=%E5%B9%B3%E6%88%902%E5%B9%B44%E6%9C%881%E6%97%A5").await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(confirmed.headers()[LOCATION], link.as_str());

    let form = page(phone.open(&link).await, StatusCode::OK).await;
    assert!(form.contains(&format!(r#"action="/o/{token}/report""#)), "{form}");
    assert!(form.contains(r#"name="temperature""#) && form.contains(r#"name="note""#));
    assert!(form.contains(r#"name="symptoms" value="rash""#) && form.contains("発しん"), "{form}");
    assert!(!form.contains(r#"value="cough""#), "only the observation's symptoms");
    assert!(form.contains(r#"<script src="/o-assets/subject.js""#) && form.contains("まだ報告はありません"));

    for (refused, problem) in [("temperature=abc", "値の形式が正しくありません"), ("temperature=43.5", "Temperature")]
    {
        let answer = page(phone.post(&format!("{link}/report"), refused).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(answer.contains("送信できませんでした") && answer.contains(problem), "{answer}");
    }
    let foreign = phone.post(&format!("{link}/report"), "temperature=37.0&symptoms=cough").await;
    page(foreign, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(reports_of(&api).await, 0, "nothing refused is stored");

    let sent = phone.post(&format!("{link}/report"), "temperature=38.1&symptoms=rash&note=%E3%81%AE%E3%81%A9").await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let confirmation = sent.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(reports_of(&api).await, 1, "stored once");
    let shown = page(phone.open(&confirmation).await, StatusCode::OK).await;
    assert!(shown.contains("本日の報告を受け付けました") && shown.contains("Today's report was received"));
    assert!(shown.contains("38.1 ℃") && shown.contains("発しん") && shown.contains("のど"), "{shown}");
    page(phone.open(&link).await, StatusCode::OK).await;
    assert_eq!(reports_of(&api).await, 1, "reading the confirmation again sends nothing");

    let list: domain::api::FollowUpList =
        crate::support::expect_json(north.get("/observations/follow-up").await, StatusCode::OK).await;
    let row = list.rows.iter().find(|row| row.observation.id == observation).unwrap();
    assert!(row.fever && row.symptoms, "the health center's follow-up list shows the fever");

    // The day's reports used up: the page says so in plain Japanese (not the failed-attempts text).
    for _ in 1..server::investigations::links::REPORTS_PER_DAY {
        let again = phone.post(&format!("{link}/report"), "temperature=37.0&symptoms=rash").await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER);
    }
    let over =
        page(phone.post(&format!("{link}/report"), "temperature=37.0").await, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(
        over.contains("本日の報告はこれ以上送れません") && over.contains("No more reports can be sent today"),
        "{over}"
    );
    assert!(!over.contains("失敗が続いた"), "{over}");
    let limit = server::investigations::links::REPORTS_PER_DAY as i64;
    assert_eq!(reports_of(&api).await, limit, "the report over the limit was not stored");

    for (asset, kind) in [("/o-assets/subject.css", "text/css"), ("/o-assets/subject.js", "text/javascript")] {
        let response = phone.open(asset).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()[CONTENT_TYPE].to_str().unwrap().starts_with(kind));
    }
}

async fn a_dead_link_says_so_and_stores_nothing(api: Api) {
    let north = api.login("hc-north").await;
    let observation = observed_contact(&api, &north, "山田 花子", None).await;
    let token = sms_link(&api, &north, observation).await;
    let ended = observed_contact(&api, &north, "山田 次郎", Some((-10, -2))).await;
    let expired = sms_link(&api, &north, ended).await;
    let phone = Phone::new(&api);
    let confirmed = phone.post(&format!("/o/{token}/confirm"), "birth_date=1990-04-01").await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let revoked = north.post_json(&format!("/observations/{observation}/link/revoke"), &json!({})).await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);

    for link in ["/o/not-a-token".to_owned(), format!("/o/{token}"), format!("/o/{expired}")] {
        let dead = page(phone.open(&link).await, StatusCode::NOT_FOUND).await;
        assert!(dead.contains("このリンクは無効か、有効期限が切れています"), "{dead}");
        assert!(dead.contains("This link is not valid or has expired"));
        assert!(!dead.contains("<form") && !dead.contains("山田"), "nothing else: {dead}");
    }
    let late = phone.post(&format!("/o/{token}/report"), "temperature=36.5").await;
    page(late, StatusCode::NOT_FOUND).await;
    let guess = phone.post(&format!("/o/{expired}/confirm"), "birth_date=1990-04-01").await;
    page(guess, StatusCode::NOT_FOUND).await;
    assert_eq!(reports_of(&api).await, 0);
    let log = api.audit_log().await;
    let denied = log.iter().filter(|(actor, action, outcome)| {
        actor.as_deref() == Some("subject") && action == "view_as_subject" && outcome == "denied"
    });
    assert_eq!(denied.count(), 3, "each dead link opened is audited");
}

async fn one_address_guessing_links_or_birth_dates_is_throttled(api: Api) {
    let north = api.login("hc-north").await;
    let observation = observed_contact(&api, &north, "山田 花子", None).await;
    let token = sms_link(&api, &north, observation).await;
    let phone = Phone::new(&api);
    // Successes cost nothing; a wrong birth date and an unknown link are the two free failures.
    page(phone.open(&format!("/o/{token}")).await, StatusCode::OK).await;
    page(phone.open(&format!("/o/{token}")).await, StatusCode::OK).await;
    page(phone.post(&format!("/o/{token}/confirm"), "birth_date=2000-01-01").await, StatusCode::UNAUTHORIZED).await;
    page(phone.open("/o/guessed-token").await, StatusCode::NOT_FOUND).await;

    // Then even the right birth date waits, on the page and on the API.
    let response = phone.post(&format!("/o/{token}/confirm"), "birth_date=1990-04-01").await;
    let throttled = page(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(throttled.contains("しばらくの間ご利用いただけません") && !throttled.contains("<form"), "{throttled}");
    let api_answer = reqwest::Client::new().get(format!("{}/subject", api.base)).bearer_auth(&token).send().await;
    expect_error(api_answer.unwrap(), StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let confirmed = api.query_count("SELECT COUNT(*) FROM observation_links WHERE confirmed_at IS NOT NULL").await;
    assert_eq!(confirmed, 0, "the throttled confirmation was not taken");
}

/// During a stop the subject, who follows a link and has no app, meets the page saying so (503 with
/// `Retry-After`, as HTML, styled), not the API's JSON; a read-only stop still shows the page but
/// stores no report.
async fn a_maintenance_stop_answers_the_subject_with_the_page(api: Api) {
    let north = api.login("hc-north").await;
    let observation = observed_contact(&api, &north, "山田 花子", None).await;
    let token = sms_link(&api, &north, observation).await;
    let phone = Phone::new(&api);
    let link = format!("/o/{token}");
    let national = api.login("national-admin").await;
    let stop_body = |read_only| json!({ "message": "停止", "read_only": read_only });

    let started = national.post_json("/admin/maintenance", &stop_body(false)).await;
    let stop: domain::api::MaintenanceStop = crate::support::expect_json(started, StatusCode::CREATED).await;
    for response in [phone.open(&link).await, phone.post(&format!("{link}/confirm"), "birth_date=1990-04-01").await] {
        assert!(response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() > 0);
        let html = page(response, StatusCode::SERVICE_UNAVAILABLE).await;
        assert!(html.contains("メンテナンスのため停止") && html.contains("stopped for maintenance"), "{html}");
    }
    assert_eq!(phone.open(subject_page::STYLESHEET_PATH).await.status(), StatusCode::OK, "the refusal is styled");
    let ended = national.post_json(&format!("/admin/maintenance/{}/end", stop.id), &json!({})).await;
    assert!(ended.status().is_success());
    let confirmed = phone.post(&format!("{link}/confirm"), "birth_date=1990-04-01").await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER, "confirmed once the stop ended");

    let read_only = national.post_json("/admin/maintenance", &stop_body(true)).await;
    assert_eq!(read_only.status(), StatusCode::CREATED);
    let form = page(phone.open(&link).await, StatusCode::OK).await;
    assert!(form.contains(r#"name="temperature""#), "a read-only stop shows the page: {form}");
    page(phone.post(&format!("{link}/report"), "temperature=38.1").await, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(reports_of(&api).await, 0, "nothing is stored during the stop");
}
