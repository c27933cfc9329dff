//! The subject's personal link (issue 19): sent by SMS (the gateway) and e-mail (SMTP), confirmed
//! once by the birth date, then read and used to report the day; scoped to one observation, dead when
//! revoked, expired or after wrong birth dates, limited per day; a wrong link says so in Japanese and
//! nothing else. Every use is audited.

use domain::api::{FollowUpList, ObservationDetail, SubjectView};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use time::Duration;
use uuid::Uuid;

use crate::investigations::{accepted_notification, add_contact, open_case};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_subject_confirms_reads_and_reports_through_their_sms_link,
    links_are_scoped_and_die_when_revoked_expired_or_guessed,
);

pub(crate) fn day(offset: i64) -> String {
    (domain::jst::date_in_japan(time::OffsetDateTime::now_utc()) + Duration::days(offset)).to_string()
}

/// The subject's phone or mail client: no session, the link's token as a bearer credential.
struct Subject {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Subject {
    fn new(api: &Api, token: &str) -> Self {
        Self { client: reqwest::Client::new(), base: api.base.clone(), token: token.to_owned() }
    }

    async fn get(&self) -> Response {
        let request = self.client.get(format!("{}/subject", self.base)).bearer_auth(&self.token);
        request.send().await.unwrap()
    }

    async fn post(&self, path: &str, body: Value) -> Response {
        let request = self.client.post(format!("{}/subject/{path}", self.base)).bearer_auth(&self.token);
        request.json(&body).send().await.unwrap()
    }

    async fn confirm(&self, birth_date: &str) -> Response {
        self.post("confirm", json!({ "birth_date": birth_date })).await
    }
}

/// The token in a message's link (`…/o/<token>`).
pub(crate) fn token_in(text: &str) -> String {
    let start = text.find("/o/").expect("a link") + 3;
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// hc-north's case with a contact (birth date 1990-04-01, 090-1234-5678) observed for the measles
/// period after an exposure `exposure` days ago (or the period given), temperature, rash and free text.
pub(crate) async fn observed_contact(api: &Api, north: &User, name: &str, period: Option<(i64, i64)>) -> Uuid {
    let case = open_case(north, accepted_notification(api, north).await).await.case.id;
    let contact = add_contact(north, case, name, &day(-3)).await;
    let mut body = json!({ "contact_id": contact.id,
        "items": { "temperature": true, "symptoms": ["rash"], "free_text": true } });
    if let Some((start, end)) = period {
        body["starts_on"] = json!(day(start));
        body["ends_on"] = json!(day(end));
    }
    let started: ObservationDetail =
        expect_json(north.post_json("/observations", &body).await, StatusCode::CREATED).await;
    started.observation.id
}

pub(crate) async fn send_link(north: &User, observation: Uuid, body: Value) -> Response {
    north.post_json(&format!("/observations/{observation}/link"), &body).await
}

/// Sends an SMS link to 090-1234-5678 and reads the token from the gateway, as the phone would.
pub(crate) async fn sms_link(api: &Api, north: &User, observation: Uuid) -> String {
    let before = api.gateway.requests_to("+819012345678").len();
    assert_eq!(send_link(north, observation, json!({ "channel": "sms" })).await.status(), StatusCode::CREATED);
    let messages = api.gateway.requests_to("+819012345678");
    assert_eq!(messages.len(), before + 1);
    token_in(messages[before].body["message"].as_str().unwrap())
}

async fn a_subject_confirms_reads_and_reports_through_their_sms_link(api: Api) {
    let north = api.login("hc-north").await;
    let observation = observed_contact(&api, &north, "山田 花子", None).await;
    let subject = Subject::new(&api, &sms_link(&api, &north, observation).await);
    assert!(subject.token.len() >= 43, "a 256-bit token: {}", subject.token);

    // The e-mail link is another, working token.
    assert_eq!(send_link(&north, observation, json!({ "channel": "email" })).await.status(), StatusCode::CREATED);
    let mails = api.mail.mails_to("hanako@example.jp");
    assert_eq!(mails.len(), 1);
    let by_mail = token_in(&mails[0].text);
    assert_ne!(by_mail, subject.token);
    let stored = api
        .query_count(&format!("SELECT COUNT(*) FROM observation_links WHERE token_hash = '{}'", subject.token))
        .await;
    assert_eq!(stored, 0, "only the hash is kept");

    // First use: the birth date.
    expect_error(subject.get().await, StatusCode::UNAUTHORIZED, "link_confirmation_required").await;
    let early = subject.post("reports", json!({ "temperature": 36.5 })).await;
    expect_error(early, StatusCode::UNAUTHORIZED, "link_confirmation_required").await;
    expect_error(subject.confirm("1990-04-02").await, StatusCode::UNAUTHORIZED, "link_confirmation_failed").await;
    assert_eq!(subject.confirm("1990-04-01").await.status(), StatusCode::NO_CONTENT);

    let view: SubjectView = expect_json(subject.get().await, StatusCode::OK).await;
    assert!(view.temperature && view.free_text && !view.reported_today && view.reports.is_empty());
    assert_eq!(
        view.symptoms.iter().map(|s| (s.code.as_str(), s.ja.as_str())).collect::<Vec<_>>(),
        [("rash", "発しん")]
    );
    for refused in [json!({ "temperature": 43.1 }), json!({ "temperature": 37.0, "symptoms": ["cough"] }), json!({})] {
        expect_error(subject.post("reports", refused).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .await;
    }
    let reported =
        subject.post("reports", json!({ "temperature": 38.1, "symptoms": ["rash"], "note": "のどが痛い" })).await;
    let view: SubjectView = expect_json(reported, StatusCode::CREATED).await;
    assert!(view.reported_today);
    assert_eq!(view.reports.len(), 1);
    assert_eq!(view.reports[0].channel, domain::investigation::ReportChannel::Link);

    let list: FollowUpList = expect_json(north.get("/observations/follow-up").await, StatusCode::OK).await;
    let row = list.rows.iter().find(|row| row.observation.id == observation).unwrap();
    assert!(row.fever && row.symptoms && !row.not_reported);

    // A day's reports are limited.
    for _ in 1..server::investigations::links::REPORTS_PER_DAY {
        assert_eq!(subject.post("reports", json!({ "temperature": 37.0 })).await.status(), StatusCode::CREATED);
    }
    let over = subject.post("reports", json!({ "temperature": 37.0 })).await;
    expect_error(over, StatusCode::TOO_MANY_REQUESTS, "daily_reports_used_up").await;

    let log = api.audit_log().await;
    let has = |action: &str, outcome: &str| log.iter().any(|(_, a, o)| a == action && o == outcome);
    assert!(has("send_subject_link", "success") && has("confirm_subject_link", "failure"));
    assert!(has("confirm_subject_link", "success") && has("view_as_subject", "success"));
    assert!(has("report_as_subject", "success") && has("report_as_subject", "failure"));
}

async fn links_are_scoped_and_die_when_revoked_expired_or_guessed(api: Api) {
    let north = api.login("hc-north").await;
    let first = observed_contact(&api, &north, "山田 花子", None).await;
    let second = observed_contact(&api, &north, "山田 次郎", None).await;
    let (one, two) = (sms_link(&api, &north, first).await, sms_link(&api, &north, second).await);
    let (one, two) = (Subject::new(&api, &one), Subject::new(&api, &two));
    for subject in [&one, &two] {
        assert_eq!(subject.confirm("1990-04-01").await.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(one.post("reports", json!({ "temperature": 36.5 })).await.status(), StatusCode::CREATED);
    let detail: ObservationDetail =
        expect_json(north.get(&format!("/observations/{second}")).await, StatusCode::OK).await;
    assert!(detail.reports.is_empty(), "a token reports on its own observation only");

    // A wrong or missing token, a revoked, expired or guessed-out link: the same Japanese answer.
    let wrong = Subject::new(&api, "not-a-token");
    let error = expect_error(wrong.get().await, StatusCode::NOT_FOUND, "link_invalid").await;
    assert!(error.message.starts_with("このリンクは無効か"), "{}", error.message);
    let bare = reqwest::Client::new().get(format!("{}/subject", api.base)).send().await.unwrap();
    expect_error(bare, StatusCode::NOT_FOUND, "link_invalid").await;
    let south = api.login("hc-south").await;
    let foreign = south.post_json(&format!("/observations/{first}/link/revoke"), &json!({})).await;
    expect_error(foreign, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(one.get().await.status(), StatusCode::OK, "another health center revoked nothing");
    let revoked = north.post_json(&format!("/observations/{first}/link/revoke"), &json!({})).await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    expect_error(one.get().await, StatusCode::NOT_FOUND, "link_invalid").await;
    expect_error(one.post("reports", json!({ "temperature": 36.5 })).await, StatusCode::NOT_FOUND, "link_invalid")
        .await;
    assert_eq!(two.get().await.status(), StatusCode::OK, "revoking one observation's links leaves others");

    // A period that ended two days ago: its link is dead (valid until the end of the day after).
    let ended = observed_contact(&api, &north, "山田 三郎", Some((-10, -2))).await;
    let late = Subject::new(&api, &sms_link(&api, &north, ended).await);
    expect_error(late.confirm("1990-04-01").await, StatusCode::NOT_FOUND, "link_invalid").await;

    // Guessing the birth date: after five wrong ones even the right one is refused.
    let third = observed_contact(&api, &north, "山田 四郎", None).await;
    let guessed = Subject::new(&api, &sms_link(&api, &north, third).await);
    for _ in 0..server::investigations::links::CONFIRMATION_TRIES {
        expect_error(guessed.confirm("2000-01-01").await, StatusCode::UNAUTHORIZED, "link_confirmation_failed").await;
    }
    expect_error(guessed.confirm("1990-04-01").await, StatusCode::NOT_FOUND, "link_invalid").await;

    // Closing the observation ends its links; a case's subject has no number on file.
    let closed = north.post_json(&format!("/observations/{second}/close"), &json!({ "reason": "観察期間終了" })).await;
    assert_eq!(closed.status(), StatusCode::OK);
    expect_error(two.get().await, StatusCode::NOT_FOUND, "link_invalid").await;
    let case = open_case(&north, accepted_notification(&api, &north).await).await.case.id;
    let body = json!({ "case_id": case, "items": { "temperature": true } });
    let own: ObservationDetail = expect_json(north.post_json("/observations", &body).await, StatusCode::CREATED).await;
    let nowhere = send_link(&north, own.observation.id, json!({ "channel": "sms" })).await;
    expect_error(nowhere, StatusCode::UNPROCESSABLE_ENTITY, "invalid_destination").await;
    let landline = send_link(&north, own.observation.id, json!({ "channel": "sms", "to": "03-1234-5678" })).await;
    expect_error(landline, StatusCode::UNPROCESSABLE_ENTITY, "invalid_destination").await;
    let denied = api.audit_log().await.into_iter().filter(|(_, a, o)| a == "view_as_subject" && o == "denied");
    assert!(denied.count() >= 3, "refused uses are audited");
}
