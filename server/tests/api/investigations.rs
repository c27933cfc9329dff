//! ID management (issue 19): a health center opens a case from a notification it accepted, records
//! the investigation, lists contacts (one becomes a case, linked), observes the case and its contacts,
//! takes reports by telephone and reads the day's follow-up list, built here by hand. Bad input and
//! other health centers are refused with typed errors, and nothing refused is stored.

use domain::api::{CaseDetail, CaseSummary, Contact, FollowUpList, ObservationDetail};
use reqwest::StatusCode;
use serde_json::{json, Value};
use time::{Date, Duration};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_case_is_investigated_with_contacts_one_of_whom_becomes_a_case,
    the_follow_up_list_shows_who_needs_a_call_on_a_hand_built_day,
    a_case_moves_with_its_notification_when_it_is_transferred,
);

fn today() -> Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

fn day(offset: i64) -> String {
    (today() + Duration::days(offset)).to_string()
}

/// doctor1's measles notification, accepted by hc-north.
pub(crate) async fn accepted_notification(api: &Api, north: &User) -> Uuid {
    let (id, _) = crate::workflow::file(&api.login("doctor1").await).await;
    let accepted = north.post_json(&format!("/notifications/{id}/accept"), &json!({})).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    id
}

pub(crate) async fn open_case(north: &User, notification: Uuid) -> CaseDetail {
    let opened = north.post_json(&format!("/notifications/{notification}/case"), &json!({})).await;
    expect_json(opened, StatusCode::CREATED).await
}

pub(crate) fn contact_body(name: &str, last_exposure: &str) -> Value {
    json!({ "name": name, "relation": "household", "contact_type": "close", "last_exposure": last_exposure,
        "birth_date": "1990-04-01", "phone": "090-1234-5678", "email": "hanako@example.jp" })
}

pub(crate) async fn add_contact(north: &User, case: Uuid, name: &str, last_exposure: &str) -> Contact {
    let added = north.post_json(&format!("/cases/{case}/contacts"), &contact_body(name, last_exposure)).await;
    expect_json(added, StatusCode::CREATED).await
}

async fn counts(api: &Api) -> [i64; 4] {
    let mut counts = [0; 4];
    for (count, table) in counts.iter_mut().zip(["cases", "case_entries", "contacts", "observations"]) {
        *count = api.query_count(&format!("SELECT COUNT(*) FROM {table}")).await;
    }
    counts
}

async fn a_case_is_investigated_with_contacts_one_of_whom_becomes_a_case(api: Api) {
    let north = api.login("hc-north").await;
    let (waiting, _) = crate::workflow::file(&api.login("doctor1").await).await;
    let too_early = north.post_json(&format!("/notifications/{waiting}/case"), &json!({})).await;
    expect_error(too_early, StatusCode::CONFLICT, "invalid_transition").await;
    let notification = accepted_notification(&api, &north).await;
    let path = format!("/notifications/{notification}/case");
    for (user_id, status, code) in
        [("doctor1", StatusCode::FORBIDDEN, "forbidden"), ("hc-south", StatusCode::NOT_FOUND, "not_found")]
    {
        expect_error(api.login(user_id).await.post_json(&path, &json!({})).await, status, code).await;
    }
    let case = open_case(&north, notification).await;
    assert!(case.case.case_number.starts_with("K-"), "{}", case.case.case_number);
    assert_eq!((case.subject_name.as_str(), case.case.health_center.code.as_str()), ("山田 太郎", "9901"));
    let again: CaseDetail = expect_json(north.post_json(&path, &json!({})).await, StatusCode::OK).await;
    assert_eq!(again.case.id, case.case.id, "one case per notification");
    let case_path = format!("/cases/{}", case.case.id);

    // The investigation: dated behaviour, an undated outcome; bad entries are refused whole.
    let entry =
        |kind: &str, on_date: Option<String>, text: &str| json!({ "kind": kind, "on_date": on_date, "text": text });
    for body in [entry("behaviour", Some(day(-3)), "北町スーパー 15時から30分"), entry("outcome", None, "入院")]
    {
        assert_eq!(north.post_json(&format!("{case_path}/entries"), &body).await.status(), StatusCode::CREATED);
    }
    for body in
        [entry("behaviour", None, "日付なし"), entry("place", Some(day(1)), "明日"), entry("place", Some(day(0)), " ")]
    {
        let refused = north.post_json(&format!("{case_path}/entries"), &body).await;
        expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }

    // Contacts: numbered after the case; another health center's case is not found; bad dates refused.
    let hanako = add_contact(&north, case.case.id, "山田 花子", &day(-2)).await;
    assert_eq!(hanako.contact_number, format!("{}-01", case.case.case_number));
    let south = api.login("hc-south").await;
    let foreign = south.post_json(&format!("{case_path}/contacts"), &contact_body("南 一郎", &day(-1))).await;
    expect_error(foreign, StatusCode::NOT_FOUND, "not_found").await;
    let future = north.post_json(&format!("{case_path}/contacts"), &contact_body("未来 太郎", &day(1))).await;
    let error = expect_error(future, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(error.fields[0].field, "last_exposure");
    assert_eq!(counts(&api).await, [1, 2, 1, 0], "nothing refused was stored");

    // Who reads the case: its health center, デモ県 with the flag; national staff lacks the flag.
    let read: CaseDetail = expect_json(north.get(&case_path).await, StatusCode::OK).await;
    assert_eq!((read.entries.len(), read.contacts.len()), (2, 1));
    assert_eq!(read.entries[0].on_date, Some(today() - Duration::days(3)));
    expect_json::<CaseDetail>(api.login("pref-demo").await.get(&case_path).await, StatusCode::OK).await;
    let national = api.login("national").await;
    expect_error(national.get(&case_path).await, StatusCode::FORBIDDEN, "download_not_permitted").await;
    expect_error(south.get(&case_path).await, StatusCode::NOT_FOUND, "not_found").await;
    let listed: Vec<CaseSummary> = expect_json(north.get("/cases").await, StatusCode::OK).await;
    assert_eq!(listed.iter().map(|c| c.contacts).collect::<Vec<_>>(), [1]);
    let none: Vec<CaseSummary> = expect_json(south.get("/cases").await, StatusCode::OK).await;
    assert!(none.is_empty());

    // The contact falls ill: her own notification, accepted, opens her case linked to the contact.
    let hers = accepted_notification(&api, &north).await;
    let linked = json!({ "contact_id": hanako.id });
    let her_case: CaseDetail =
        expect_json(north.post_json(&format!("/notifications/{hers}/case"), &linked).await, StatusCode::CREATED).await;
    assert_eq!(her_case.from_contact, Some(hanako.id));
    let origin = domain::api::ContactOrigin { contact_number: hanako.contact_number.clone(), case_id: case.case.id };
    assert_eq!(her_case.from_contact_of, Some(origin), "her case names the contact and the case she was listed under");
    let first: CaseDetail = expect_json(north.get(&case_path).await, StatusCode::OK).await;
    assert_eq!(first.contacts[0].status, domain::investigation::ContactStatus::BecameCase);
    assert_eq!(first.contacts[0].became_case, Some(her_case.case.id));
    let third = accepted_notification(&api, &north).await;
    let twice = north.post_json(&format!("/notifications/{third}/case"), &linked).await;
    expect_error(twice, StatusCode::CONFLICT, "invalid_transition").await;
    // The screen names the contact by the number the staff read on the case.
    let saburo = add_contact(&north, case.case.id, "山田 三郎", &day(-2)).await;
    let third_path = format!("/notifications/{third}/case");
    let unknown = north.post_json(&third_path, &json!({ "contact_number": "K-00000000-000000-99" })).await;
    let error = expect_error(unknown, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(error.fields[0].field, "contact_number");
    let by_number = json!({ "contact_number": format!(" {} ", saburo.contact_number) });
    let his: CaseDetail = expect_json(north.post_json(&third_path, &by_number).await, StatusCode::CREATED).await;
    assert_eq!(his.from_contact, Some(saburo.id));

    // The chain of transmission, asked from any of its cases: from the first case, both who became cases.
    let chain_path = format!("/cases/{}/chain", his.case.id);
    let chain: domain::api::TransmissionChain = expect_json(north.get(&chain_path).await, StatusCode::OK).await;
    assert_eq!(chain.root, case.case.id);
    let mut reached: Vec<Uuid> = chain.cases.iter().map(|c| c.id).collect();
    reached.sort();
    let mut expected = vec![case.case.id, her_case.case.id, his.case.id];
    expected.sort();
    assert_eq!(reached, expected);
    let rows = domain::investigation::chain_rows(&chain);
    assert_eq!(rows.iter().map(|row| row.depth).collect::<Vec<_>>(), [0, 1, 2, 1, 2], "case, contact, her case, …");
    expect_error(south.get(&chain_path).await, StatusCode::NOT_FOUND, "not_found").await;

    // A contact no longer followed is closed with a reason, by its health center only; final.
    let jiro = add_contact(&north, case.case.id, "山田 次郎", &day(-2)).await;
    let close_path = format!("/contacts/{}/close", jiro.id);
    let reason = json!({ "reason": "健康観察期間を発症なく終了" });
    expect_error(south.post_json(&close_path, &reason).await, StatusCode::NOT_FOUND, "not_found").await;
    let pref = api.login("pref-demo").await;
    expect_error(pref.post_json(&close_path, &reason).await, StatusCode::FORBIDDEN, "forbidden").await;
    let blank = north.post_json(&close_path, &json!({ "reason": " " })).await;
    expect_error(blank, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let after: CaseDetail = expect_json(north.post_json(&close_path, &reason).await, StatusCode::OK).await;
    let closed_contact = after.contacts.iter().find(|contact| contact.id == jiro.id).unwrap();
    assert_eq!(closed_contact.status, domain::investigation::ContactStatus::Closed);
    assert_eq!(closed_contact.closed_reason.as_deref(), Some("健康観察期間を発症なく終了"));
    expect_error(north.post_json(&close_path, &reason).await, StatusCode::CONFLICT, "invalid_transition").await;
    let became = format!("/contacts/{}/close", hanako.id);
    expect_error(north.post_json(&became, &reason).await, StatusCode::CONFLICT, "invalid_transition").await;
    let fourth = accepted_notification(&api, &north).await;
    let from_closed =
        north.post_json(&format!("/notifications/{fourth}/case"), &json!({ "contact_id": jiro.id })).await;
    expect_error(from_closed, StatusCode::CONFLICT, "invalid_transition").await;
    let watched = json!({ "contact_id": jiro.id, "items": { "temperature": true } });
    expect_error(north.post_json("/observations", &watched).await, StatusCode::CONFLICT, "invalid_transition").await;
    let open_contacts = "SELECT COUNT(*) FROM contacts WHERE status = 'listed' OR closed_reason IS NOT NULL";
    assert_eq!(api.query_count(open_contacts).await, 1, "only the closing taken changed a contact");

    // Closing is final.
    expect_error(
        north.post_json(&format!("{case_path}/close"), &json!({ "reason": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let closed: CaseDetail = expect_json(
        north.post_json(&format!("{case_path}/close"), &json!({ "reason": "調査終了" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(closed.case.status, domain::investigation::CaseStatus::Closed);
    assert_eq!(closed.closed_reason.as_deref(), Some("調査終了"));
    let late = north.post_json(&format!("{case_path}/entries"), &entry("outcome", None, "退院")).await;
    expect_error(late, StatusCode::CONFLICT, "invalid_transition").await;
    assert_eq!(counts(&api).await, [3, 2, 3, 0]);

    let log = api.audit_log().await;
    let has = |action: &str, outcome: &str| log.iter().any(|(_, a, o)| a == action && o == outcome);
    assert!(has("open_case", "success") && has("add_contact", "denied") && has("add_case_entry", "failure"));
    assert!(has("view_case", "success") && has("close_case", "success") && has("view_case", "denied"));
    assert!(has("close_contact", "success") && has("close_contact", "denied") && has("close_contact", "failure"));
}

/// 移送 after acceptance (the patient moved): the case goes with its notification, with its entries,
/// contacts and observations; hc-south (9902) now reads and works on it, hc-north finds it no more.
async fn a_case_moves_with_its_notification_when_it_is_transferred(api: Api) {
    let north = api.login("hc-north").await;
    let notification = accepted_notification(&api, &north).await;
    let case = open_case(&north, notification).await.case.id;
    let entry = json!({ "kind": "behaviour", "on_date": day(-1), "text": "北町で勤務" });
    assert_eq!(north.post_json(&format!("/cases/{case}/entries"), &entry).await.status(), StatusCode::CREATED);
    let contact = add_contact(&north, case, "山田 花子", &day(-1)).await;
    let watched = observe(&north, json!({ "contact_id": contact.id })).await.observation.id;
    let transfer = json!({ "health_center_code": "9902", "reason": "南町へ転居" });
    let moved = north.post_json(&format!("/notifications/{notification}/transfer"), &transfer).await;
    assert_eq!(moved.status(), StatusCode::OK, "{}", moved.text().await.unwrap());

    let south = api.login("hc-south").await;
    let theirs: CaseDetail = expect_json(south.get(&format!("/cases/{case}")).await, StatusCode::OK).await;
    assert_eq!(theirs.case.health_center.code, "9902");
    assert_eq!((theirs.entries.len(), theirs.contacts.len(), theirs.observations.len()), (1, 1, 1), "history kept");
    let listed: Vec<CaseSummary> = expect_json(south.get("/cases").await, StatusCode::OK).await;
    assert_eq!(listed.iter().map(|c| c.id).collect::<Vec<_>>(), [case]);
    let follow_up: FollowUpList = expect_json(south.get("/observations/follow-up").await, StatusCode::OK).await;
    assert!(follow_up.rows.iter().any(|row| row.observation.id == watched));
    let more = south.post_json(&format!("/cases/{case}/contacts"), &contact_body("南 一郎", &day(-1))).await;
    assert_eq!(more.status(), StatusCode::CREATED, "the new health center works on it");

    expect_error(north.get(&format!("/cases/{case}")).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(north.get(&format!("/observations/{watched}")).await, StatusCode::NOT_FOUND, "not_found").await;
    let close = north.post_json(&format!("/contacts/{}/close", contact.id), &json!({ "reason": "x" })).await;
    expect_error(close, StatusCode::NOT_FOUND, "not_found").await;
    let none: Vec<CaseSummary> = expect_json(north.get("/cases").await, StatusCode::OK).await;
    assert!(none.is_empty(), "the old health center no longer lists it");
    let old_list: FollowUpList = expect_json(north.get("/observations/follow-up").await, StatusCode::OK).await;
    assert!(old_list.rows.is_empty());
}

async fn observe(north: &User, subject: Value) -> ObservationDetail {
    let mut body = json!({ "items": { "temperature": true, "symptoms": ["rash", "cough"], "free_text": true } });
    body.as_object_mut().unwrap().extend(subject.as_object().unwrap().clone());
    expect_json(north.post_json("/observations", &body).await, StatusCode::CREATED).await
}

async fn telephone(north: &User, observation: Uuid, body: Value) -> reqwest::Response {
    north.post_json(&format!("/observations/{observation}/reports"), &body).await
}

async fn the_follow_up_list_shows_who_needs_a_call_on_a_hand_built_day(api: Api) {
    let north = api.login("hc-north").await;
    let case = open_case(&north, accepted_notification(&api, &north).await).await;
    let case_id = case.case.id;
    let mut subjects = Vec::new();
    // A reports fever, B a rash, C reported yesterday only, D's observation ends today (measles: 21
    // days after the last exposure), and the patient reports nothing of note.
    for (name, exposure) in [("A 発熱", -5), ("B 発しん", -5), ("C 未報告", -5), ("D 終了日", -21)] {
        let contact = add_contact(&north, case_id, name, &day(exposure)).await;
        subjects.push(observe(&north, json!({ "contact_id": contact.id })).await);
    }
    subjects.push(observe(&north, json!({ "case_id": case_id })).await);
    let ids: Vec<Uuid> = subjects.iter().map(|s| s.observation.id).collect();
    assert_eq!(subjects[0].observation.starts_on, today() - Duration::days(4), "the day after the last exposure");
    assert_eq!(subjects[3].observation.ends_on, today());
    assert_eq!(
        (subjects[4].observation.starts_on, subjects[4].observation.subject_name.as_str()),
        (today(), "山田 太郎")
    );

    for (id, body) in [
        (ids[0], json!({ "temperature": 38.2 })),
        (ids[1], json!({ "temperature": 36.5, "symptoms": ["rash"], "note": "かゆみ" })),
        (ids[2], json!({ "temperature": 36.4, "on_date": day(-1) })),
        (ids[3], json!({ "temperature": 36.4 })),
        (ids[4], json!({ "temperature": 36.6 })),
    ] {
        assert_eq!(telephone(&north, id, body).await.status(), StatusCode::CREATED);
    }
    // Refused reports store nothing.
    for body in [
        json!({ "temperature": 43.5 }),
        json!({ "temperature": 33.9 }),
        json!({}),
        json!({ "temperature": 36.5, "symptoms": ["koplik_spots"] }),
        json!({ "temperature": 36.5, "on_date": day(1) }),
        json!({ "temperature": 36.5, "on_date": day(-30) }),
    ] {
        let refused = telephone(&north, ids[4], body.clone()).await;
        expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM observation_reports").await, 5);
    // Observations with contradicting periods, unknown symptoms or no single subject are refused.
    for body in [
        json!({ "case_id": case_id, "starts_on": day(0), "ends_on": day(-1), "items": { "temperature": true } }),
        json!({ "case_id": case_id, "items": { "temperature": true, "symptoms": ["hiccups"] } }),
        json!({ "case_id": case_id, "contact_id": subjects[0].observation.contact_id, "items": { "temperature": true } }),
    ] {
        let refused = north.post_json("/observations", &body).await;
        expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM observations").await, 5);

    let list: FollowUpList = expect_json(north.get("/observations/follow-up").await, StatusCode::OK).await;
    let rows: Vec<(&str, bool, bool, bool, bool)> = list
        .rows
        .iter()
        .map(|r| (r.observation.subject_name.as_str(), r.fever, r.symptoms, r.not_reported, r.ends_today))
        .collect();
    assert_eq!(
        rows,
        [
            ("A 発熱", true, false, false, false),
            ("B 発しん", false, true, false, false),
            ("C 未報告", false, false, true, false),
            ("D 終了日", false, false, false, true),
            ("山田 太郎", false, false, false, false),
        ]
    );
    assert!(list.rows[2].last_reported_at.is_some(), "the silent one's last report is shown");

    // The screen's filters: who needs a call, who has not reported, a disease, a name.
    for (query, expected) in [
        ("attention=needs_call", &["A 発熱", "B 発しん"][..]),
        ("attention=not_reported", &["C 未報告"]),
        ("attention=ends_today&disease=measles", &["D 終了日"]),
        ("disease=rubella", &[]),
        ("q=%E5%B1%B1%E7%94%B0%E3%80%80%E5%A4%AA", &["山田 太郎"]),
        ("attention=unknown", &["A 発熱", "B 発しん", "C 未報告", "D 終了日", "山田 太郎"]),
    ] {
        let filtered: FollowUpList =
            expect_json(north.get(&format!("/observations/follow-up?{query}")).await, StatusCode::OK).await;
        let names: Vec<&str> = filtered.rows.iter().map(|r| r.observation.subject_name.as_str()).collect();
        assert_eq!(names, expected, "{query}");
    }

    // Closing takes it off the list; a closed observation takes no report.
    let close = |reason: &str| json!({ "reason": reason });
    let closed = north.post_json(&format!("/observations/{}/close", ids[3]), &close("観察期間終了")).await;
    expect_json::<ObservationDetail>(closed, StatusCode::OK).await;
    expect_error(
        telephone(&north, ids[3], json!({ "temperature": 36.5 })).await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    let list: FollowUpList = expect_json(north.get("/observations/follow-up").await, StatusCode::OK).await;
    assert_eq!(list.rows.len(), 4);
    let tomorrow: FollowUpList =
        expect_json(north.get(&format!("/observations/follow-up?date={}", day(1))).await, StatusCode::OK).await;
    assert!(tomorrow.rows.iter().all(|row| row.not_reported), "nobody reported for tomorrow");

    // Who sees it: its health center and デモ県 (flag); not another, nor national staff without the flag.
    let south = api.login("hc-south").await;
    let empty: FollowUpList = expect_json(south.get("/observations/follow-up").await, StatusCode::OK).await;
    assert!(empty.rows.is_empty());
    expect_error(south.get(&format!("/observations/{}", ids[0])).await, StatusCode::NOT_FOUND, "not_found").await;
    let prefecture: FollowUpList =
        expect_json(api.login("pref-demo").await.get("/observations/follow-up").await, StatusCode::OK).await;
    assert_eq!(prefecture.rows.len(), 4);
    let national = api.login("national").await.get("/observations/follow-up").await;
    expect_error(national, StatusCode::FORBIDDEN, "download_not_permitted").await;
    let detail: ObservationDetail =
        expect_json(north.get(&format!("/observations/{}", ids[1])).await, StatusCode::OK).await;
    assert_eq!(detail.reports[0].note.as_deref(), Some("かゆみ"));
    assert_eq!(detail.reports[0].recorded_by.as_deref(), Some("hc-north"));
}
