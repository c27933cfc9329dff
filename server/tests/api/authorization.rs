//! The authorization matrix (N-6, R-6): every demo role against every notification endpoint (the
//! lists, paged and searched by patient, too) and a
//! notification of each institution, health center and 都道府県等, and against the situation views
//! (issue 16), aberration alarms and 疑似症 reports (issue 15) of each area. Who sees what is written out here by hand from the SPEC, not taken from
//! `access.rs`; the expected answer of each request follows from it.
//! Requests the matrix expects to succeed and change something are not sent (the workflow tests cover
//! them), so afterwards every notification and its history must be exactly as before.

use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{animal_report_submission, expect_error, measles_submission, Api, User};

on_both_databases!(
    no_role_reads_or_changes_what_it_does_not_see,
    changing_how_one_logs_in_needs_a_full_session,
    sentinel_routes_answer_each_role_in_its_scope,
    syndromic_routes_answer_each_role_in_its_scope,
    investigation_routes_answer_each_role_in_its_scope,
    api_token_routes_answer_each_role_in_its_scope,
    audit_viewer_answers_administrators_only,
    security_view_answers_sysadmins_and_supervisors_only,
    staff_issuance_answers_each_role_by_rank_and_jurisdiction,
    the_prefecture_list_answers_issuers_with_their_own_scope,
    maintenance_stops_are_the_national_administrators,
    notices_are_published_in_scope_and_read_by_everyone,
);

/// One notification of the fixture, by where it was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Object {
    /// doctor1 at 北町こどもクリニック → デモ県北保健所 (デモ県).
    North,
    /// doctor2 at 南町総合病院 → デモ県南保健所 (デモ県).
    South,
    /// doctor3 at デモ市中央病院 → デモ市保健所 (デモ市).
    City,
    /// vet1's animal report from 北町どうぶつ病院 → デモ県北保健所 (デモ県).
    Animal,
}

const OBJECTS: [(Object, &str); 4] =
    [(Object::North, "doctor1"), (Object::South, "doctor2"), (Object::City, "doctor3"), (Object::Animal, "vet1")];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Files (doctors human notifications, veterinarians animal reports), resubmits and withdraws.
    Filer { animal: bool },
    /// Health-center staff: accept, return, transfer.
    Staff,
    /// 都道府県等 and national: look only; individual records and CSV with the flag.
    Supervisor,
}

struct Actor {
    user_id: &'static str,
    kind: Kind,
    download_flag: bool,
    sees: &'static [Object],
    /// The health centers (codes) and 都道府県等 whose aggregated figures the situation views show it.
    situation: &'static [&'static str],
}

const ACTORS: [Actor; 9] = [
    Actor {
        user_id: "doctor1",
        kind: Kind::Filer { animal: false },
        download_flag: false,
        sees: &[Object::North],
        situation: &[],
    },
    Actor {
        user_id: "doctor2",
        kind: Kind::Filer { animal: false },
        download_flag: false,
        sees: &[Object::South],
        situation: &[],
    },
    Actor {
        user_id: "doctor3",
        kind: Kind::Filer { animal: false },
        download_flag: false,
        sees: &[Object::City],
        situation: &[],
    },
    Actor {
        user_id: "vet1",
        kind: Kind::Filer { animal: true },
        download_flag: false,
        sees: &[Object::Animal],
        situation: &[],
    },
    Actor {
        user_id: "hc-north",
        kind: Kind::Staff,
        download_flag: true,
        sees: &[Object::North, Object::Animal],
        situation: &["9901"],
    },
    Actor {
        user_id: "hc-south",
        kind: Kind::Staff,
        download_flag: false,
        sees: &[Object::South],
        situation: &["9902"],
    },
    Actor {
        user_id: "pref-demo",
        kind: Kind::Supervisor,
        download_flag: true,
        sees: &[Object::North, Object::South, Object::Animal],
        situation: &["9901", "9902", "99"],
    },
    Actor {
        user_id: "city-staff",
        kind: Kind::Supervisor,
        download_flag: false,
        sees: &[Object::City],
        situation: &["9801", "98"],
    },
    Actor {
        user_id: "national",
        kind: Kind::Supervisor,
        download_flag: false,
        sees: &[Object::North, Object::South, Object::City, Object::Animal],
        situation: &["9901", "9902", "9801", "99", "98"],
    },
];

/// Every endpoint that reads or changes one notification.
#[derive(Debug, Clone, Copy)]
enum Endpoint {
    Detail,
    Accept,
    Return,
    Transfer,
    Resubmit,
    Withdraw,
    /// `PUT /notifications/{id}` with the actor's own kind of content: taking over someone's id.
    File,
    /// `GET /notifications/{id}/fhir`: the notification as a FHIR Bundle (issue 20).
    Fhir,
}

const ENDPOINTS: [Endpoint; 8] = [
    Endpoint::Detail,
    Endpoint::Accept,
    Endpoint::Return,
    Endpoint::Transfer,
    Endpoint::Resubmit,
    Endpoint::Withdraw,
    Endpoint::File,
    Endpoint::Fhir,
];

/// What the matrix expects: an answer (status and error code), or "allowed" (not sent).
#[derive(Debug, PartialEq, Eq)]
enum Expected {
    Allowed,
    Ok,
    Refused(StatusCode, &'static str),
}

fn expected(actor: &Actor, object: Object, endpoint: Endpoint) -> Expected {
    let sees = actor.sees.contains(&object);
    let not_found = Expected::Refused(StatusCode::NOT_FOUND, "not_found");
    let forbidden = Expected::Refused(StatusCode::FORBIDDEN, "forbidden");
    match endpoint {
        Endpoint::Detail if !sees => not_found,
        Endpoint::Detail if actor.kind == Kind::Supervisor && !actor.download_flag => {
            Expected::Refused(StatusCode::FORBIDDEN, "download_not_permitted")
        }
        Endpoint::Detail => Expected::Ok,
        Endpoint::Fhir if !sees => not_found,
        Endpoint::Fhir if !actor.download_flag => Expected::Refused(StatusCode::FORBIDDEN, "download_not_permitted"),
        Endpoint::Fhir => Expected::Ok,
        Endpoint::Accept | Endpoint::Return | Endpoint::Transfer | Endpoint::Resubmit | Endpoint::Withdraw if !sees => {
            not_found
        }
        Endpoint::Accept | Endpoint::Return | Endpoint::Transfer => {
            if actor.kind == Kind::Staff {
                Expected::Allowed
            } else {
                forbidden
            }
        }
        Endpoint::Resubmit | Endpoint::Withdraw => match actor.kind {
            Kind::Filer { .. } => Expected::Allowed,
            _ => forbidden,
        },
        Endpoint::File => match actor.kind {
            Kind::Filer { .. } if sees => Expected::Allowed,
            Kind::Filer { .. } => Expected::Refused(StatusCode::CONFLICT, "notification_conflict"),
            _ => forbidden,
        },
    }
}

async fn send(user: &User, actor: &Actor, id: Uuid, endpoint: Endpoint) -> reqwest::Response {
    let own_content = match actor.kind {
        Kind::Filer { animal: true } => animal_report_submission(),
        _ => measles_submission(),
    };
    let path = format!("/notifications/{id}");
    match endpoint {
        Endpoint::Detail => user.get(&path).await,
        Endpoint::Accept => user.post_json(&format!("{path}/accept"), &json!({})).await,
        Endpoint::Return => user.post_json(&format!("{path}/return"), &json!({ "comment": "確認" })).await,
        Endpoint::Transfer => {
            let body = json!({ "health_center_code": "9902", "reason": "住所地" });
            user.post_json(&format!("{path}/transfer"), &body).await
        }
        Endpoint::Resubmit => {
            let body = json!({ "based_on_revision": 1, "submission": own_content });
            user.post_json(&format!("{path}/resubmit"), &body).await
        }
        Endpoint::Withdraw => user.post_json(&format!("{path}/withdraw"), &json!({ "reason": "誤って提出" })).await,
        Endpoint::File => user.put_json(&path, &own_content).await,
        Endpoint::Fhir => user.get(&format!("{path}/fhir")).await,
    }
}

/// The CSV an actor with the flag gets for the object's form; without the flag, the typed refusal.
async fn check_export(user: &User, actor: &Actor, object: Object, receipt_number: &str) {
    let query = match object {
        Object::Animal => "disease=ebola&animal_report=ebola_monkey",
        _ => "disease=measles",
    };
    let response = user.get(&format!("/notifications/export?{query}")).await;
    if !actor.download_flag {
        expect_error(response, StatusCode::FORBIDDEN, "download_not_permitted").await;
        return;
    }
    assert_eq!(response.status(), StatusCode::OK, "{} export", actor.user_id);
    let text = response.text().await.unwrap();
    assert_eq!(
        text.contains(receipt_number),
        actor.sees.contains(&object),
        "{} export and {object:?} ({receipt_number})",
        actor.user_id
    );
}

/// The situation views (issue 16) and their CSV files: a filer has none; an overseer gets the curve
/// and the week of each area it oversees and 404 for any other, the 47 prefectures' map, and the areas
/// list of デモ県 only if it oversees one of its health centers; デモ県's published report (`published`)
/// is デモ県's and national staff's only.
async fn check_situation(user: &User, actor: &Actor, published: Uuid) {
    let forbidden = matches!(actor.kind, Kind::Filer { .. });
    let answers = |allowed: bool| match (forbidden, allowed) {
        (true, _) => (StatusCode::FORBIDDEN, Some("forbidden")),
        (false, true) => (StatusCode::OK, None),
        (false, false) => (StatusCode::NOT_FOUND, Some("not_found")),
    };
    let curves = [("health_center", "9901"), ("health_center", "9902"), ("health_center", "9801")]
        .into_iter()
        .chain([("jurisdiction", "99"), ("jurisdiction", "98")]);
    let mut requests: Vec<(String, (StatusCode, Option<&str>))> = curves
        .flat_map(|(kind, code)| {
            let answer = answers(actor.situation.contains(&code));
            ["curve", "week", "curve/export", "week/export"]
                .map(|view| (format!("/situation/{view}?{kind}={code}"), answer))
        })
        .collect();
    requests.push(("/situation/curve".into(), answers(true)));
    requests.push(("/situation/week".into(), answers(true)));
    requests.push(("/situation/map".into(), answers(true)));
    requests.push(("/situation/map/export?encoding=shift_jis".into(), answers(true)));
    requests.push(("/situation/map?indicator=alert_level&sentinel_disease=influenza".into(), answers(true)));
    let in_demo_prefecture = actor.situation.iter().any(|code| code.starts_with("99"));
    requests.push(("/situation/areas?prefecture=99".into(), answers(in_demo_prefecture)));
    let sentinel_areas = "/situation/areas?prefecture=99&indicator=sentinel_rate&sentinel_disease=influenza";
    requests.push((sentinel_areas.into(), answers(in_demo_prefecture)));
    // Weekly reports: a 都道府県等's own and, for national staff, any; health centers have none.
    let reports = |jurisdiction: Option<&str>| match actor.kind {
        Kind::Supervisor => answers(jurisdiction.is_none_or(|code| actor.situation.contains(&code))),
        _ => (StatusCode::FORBIDDEN, Some("forbidden")),
    };
    requests.push(("/situation/report".into(), reports(None)));
    requests.push(("/situation/report/export?table=sentinel".into(), reports(None)));
    for code in ["99", "98"] {
        requests.push((format!("/situation/report?jurisdiction={code}"), reports(Some(code))));
        requests.push((format!("/situation/report/export?jurisdiction={code}"), reports(Some(code))));
    }
    requests.push(("/situation/reports".into(), reports(None)));
    // デモ県's published report, and its CSV.
    requests.push((format!("/situation/reports/{published}"), reports(Some("99"))));
    requests.push((format!("/situation/reports/{published}/export?table=sentinel"), reports(Some("99"))));
    for (path, (status, code)) in requests {
        let response = user.get(&path).await;
        let context = format!("{} {path}", actor.user_id);
        assert_eq!(response.status(), status, "{context}");
        let body = response.text().await.unwrap();
        if let Some(code) = code {
            assert!(body.contains(&format!("\"code\":\"{code}\"")), "{context}: {body}");
        }
    }
}

/// Publishing a report is refused to those without one, and for a 都道府県等 not the account's
/// (allowed publications change something and are not sent here: tests/api/situation.rs covers them).
async fn check_publishing(user: &User, actor: &Actor) {
    for jurisdiction in ["99", "98"] {
        let refusal = match actor.kind {
            Kind::Supervisor if actor.situation.contains(&jurisdiction) => continue,
            Kind::Supervisor => StatusCode::NOT_FOUND,
            _ => StatusCode::FORBIDDEN,
        };
        let body = json!({ "jurisdiction": jurisdiction, "comment": "" });
        let response = user.post_json("/situation/reports", &body).await;
        assert_eq!(response.status(), refusal, "{} publishes for {jurisdiction}", actor.user_id);
    }
}

/// One alarm in each health center's area, stored as the detection run stores them.
async fn alarm_in_each_area(api: &Api) -> Vec<(&'static str, Uuid)> {
    let store = server::store::connect(&api.database_url).await.unwrap();
    let mut alarms = Vec::new();
    for code in ["9901", "9902", "9801"] {
        let alarm = server::store::NewAlarm {
            id: Uuid::new_v4(),
            series: server::store::SeriesKey {
                disease: "measles".into(),
                health_center_code: code.into(),
                source: domain::alarms::SeriesSource::NotificationsByDiagnosis,
            },
            week: domain::situation::Week { year: 2026, week: 40 },
            method: aberration::Method::Farrington(Default::default()),
            observed: 7,
            upperbound: 2.5,
            detected_at: server::store::now(),
        };
        alarms.push((code, alarm.id));
        assert_eq!(store.insert_alarms(&[alarm], "http://localhost").await.unwrap().len(), 1);
    }
    alarms
}

/// Alarms (issue 15): a filer has none; an overseer lists and opens the alarms of the areas it
/// oversees and gets 404 for another's, and the marking of each is refused the same way (the body's
/// blank comment is refused after the scope, so an allowed marking changes nothing either).
async fn check_alarms(user: &User, actor: &Actor, alarms: &[(&str, Uuid)]) {
    let filer = matches!(actor.kind, Kind::Filer { .. });
    let listed = user.get("/alarms").await;
    let counted = user.get("/alarms/open-count").await;
    if filer {
        assert_eq!(listed.status(), StatusCode::FORBIDDEN, "{} lists alarms", actor.user_id);
        assert_eq!(counted.status(), StatusCode::FORBIDDEN, "{} counts alarms", actor.user_id);
    } else {
        let count: domain::api::OpenAlarmCount = crate::support::expect_json(counted, StatusCode::OK).await;
        let seen = alarms.iter().filter(|(code, _)| actor.situation.contains(code)).count();
        assert_eq!(count.open as usize, seen, "{} counts open alarms", actor.user_id);
        let list: domain::api::AlarmList = crate::support::expect_json(listed, StatusCode::OK).await;
        let mut codes: Vec<&str> = list.alarms.iter().map(|alarm| alarm.health_center.code.as_str()).collect();
        codes.sort_unstable();
        let mut expected: Vec<&str> =
            alarms.iter().map(|(code, _)| *code).filter(|code| actor.situation.contains(code)).collect();
        expected.sort_unstable();
        assert_eq!(codes, expected, "{} lists alarms", actor.user_id);
    }
    for (code, id) in alarms {
        let (status, mark_status) = match (filer, actor.situation.contains(code)) {
            (true, _) => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            (false, true) => (StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY),
            (false, false) => (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        };
        let context = format!("{} alarm of {code}", actor.user_id);
        assert_eq!(user.get(&format!("/alarms/{id}")).await.status(), status, "{context}");
        let body = json!({ "mark": "explained", "comment": "", "revision": 1 });
        assert_eq!(user.post_json(&format!("/alarms/{id}/mark"), &body).await.status(), mark_status, "{context}");
    }
    let configuration = if actor.user_id == "national" { StatusCode::OK } else { StatusCode::FORBIDDEN };
    assert_eq!(user.get("/alarms/configuration").await.status(), configuration, "{}", actor.user_id);
}

async fn no_role_reads_or_changes_what_it_does_not_see(api: Api) {
    let alarms = alarm_in_each_area(&api).await;
    let published: domain::weekly_report::WeeklyReport = crate::support::expect_json(
        api.login("pref-demo").await.post_json("/situation/reports", &json!({ "comment": "" })).await,
        StatusCode::CREATED,
    )
    .await;
    let published = published.publication.map(|publication| publication.report_id).unwrap();
    let mut ids = Vec::new();
    for (object, filer) in OBJECTS {
        let user = api.login(filer).await;
        let id = Uuid::new_v4();
        let content = if object == Object::Animal { animal_report_submission() } else { measles_submission() };
        let receipt: domain::api::Receipt = crate::support::expect_json(
            user.put_json(&format!("/notifications/{id}"), &content).await,
            StatusCode::CREATED,
        )
        .await;
        ids.push((object, id, receipt.receipt_number));
    }
    let before = api.notification_state().await;

    for actor in &ACTORS {
        let user = api.login(actor.user_id).await;
        let listed: Vec<domain::api::NotificationSummary> =
            crate::support::expect_json(user.get("/notifications").await, StatusCode::OK).await;
        let paged: domain::api::NotificationPage =
            crate::support::expect_json(user.get("/notifications/page?limit=200").await, StatusCode::OK).await;
        // Every human case is 山田 太郎's (the demo case); animal reports have no patient.
        let by_patient: domain::api::NotificationPage =
            crate::support::expect_json(user.get("/notifications/page?q=山田").await, StatusCode::OK).await;
        check_situation(&user, actor, published).await;
        check_publishing(&user, actor).await;
        check_alarms(&user, actor, &alarms).await;
        for (object, id, receipt_number) in &ids {
            let in_list = listed.iter().any(|row| row.receipt.notification_id == *id);
            assert_eq!(in_list, actor.sees.contains(object), "{} lists {object:?}", actor.user_id);
            let paged_in = paged.rows.iter().any(|row| row.receipt.notification_id == *id);
            assert_eq!(paged_in, actor.sees.contains(object), "{} pages {object:?}", actor.user_id);
            let opens_records = actor.kind != Kind::Supervisor || actor.download_flag;
            let findable = actor.sees.contains(object) && *object != Object::Animal && opens_records;
            let found = by_patient.rows.iter().any(|row| row.receipt.notification_id == *id);
            assert_eq!(found, findable, "{} finds {object:?} by the patient's name", actor.user_id);
            check_export(&user, actor, *object, receipt_number).await;
            for endpoint in ENDPOINTS {
                let context = format!("{} {endpoint:?} on {object:?}", actor.user_id);
                match expected(actor, *object, endpoint) {
                    Expected::Allowed => {}
                    Expected::Ok => {
                        assert_eq!(send(&user, actor, *id, endpoint).await.status(), StatusCode::OK, "{context}")
                    }
                    Expected::Refused(status, code) => {
                        let response = send(&user, actor, *id, endpoint).await;
                        let actual = response.status();
                        let body = response.text().await.unwrap();
                        assert_eq!(actual, status, "{context}: {body}");
                        assert!(body.contains(&format!("\"code\":\"{code}\"")), "{context}: {body}");
                    }
                }
            }
        }
    }
    assert_eq!(api.notification_state().await, before, "no refused request changed a notification or its history");
    let kept = api.query_count("SELECT COUNT(*) FROM weekly_reports").await;
    assert_eq!(kept, 1, "no refused publication was kept beside デモ県's");
    let unmarked = "SELECT COUNT(*) FROM alarms WHERE status = 'open' AND revision = 1";
    assert_eq!(api.query_count(unmarked).await, 3, "no refused marking changed an alarm");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM alarm_events").await, 0);
}

/// The routes that change how an account logs in, at each stage of a login short of a full session.
async fn changing_how_one_logs_in_needs_a_full_session(api: Api) {
    let anonymous = api.anonymous();
    let half = api.password_step("doctor1").await;
    let forced = api.login("newdoctor").await;
    let routes = [
        ("/me/reauthentication", json!({ "password": "Kita#Clinic1" })),
        ("/me/second-factor", json!({ "method": "email", "destination": "x@kita-clinic.todoke.invalid" })),
        ("/me/second-factor/confirm", json!({ "code": "123456" })),
        ("/me/passkeys/registration", json!({})),
    ];
    for (path, body) in &routes {
        expect_error(anonymous.post_json(path, body).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
        expect_error(half.post_json(path, body).await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
        let refused = forced.post_json(path, body).await;
        expect_error(refused, StatusCode::FORBIDDEN, "password_change_required").await;
    }
    let reauthentications = api.audit_log().await.into_iter().filter(|(_, action, _)| action == "reauthentication");
    assert_eq!(reauthentications.count(), 0);
}

/// Sentinel surveillance (issue 14), written out by hand: each site's manager files and reads its own
/// site's reports (a type the site is not designated for is refused at its field); the responsible
/// health center, its 都道府県等 and national staff read a report and their areas' weeks, tables and
/// charts; nobody else (another area's is 404); only a health center's staff send reminders; tables
/// above a health-center area are for 都道府県等 (their own) and national staff. Nothing refused is
/// stored, and no reminder is queued (the allowed ones change something: tests/api/sentinel.rs).
async fn sentinel_routes_answer_each_role_in_its_scope(api: Api) {
    let week = domain::sentinel::due::due_period(
        domain::sentinel::Frequency::Weekly,
        domain::jst::date_in_japan(time::OffsetDateTime::now_utc()),
    );
    let period = week.to_string();
    let mut reports = Vec::new();
    for (manager, kind) in [("sentinel1", "pediatric_weekly"), ("sentinel2", "basic_weekly")] {
        let id = Uuid::new_v4();
        let body = json!({ "kind": kind, "period": period, "no_patients": true });
        let response = api.login(manager).await.put_json(&format!("/sentinel/reports/{id}"), &body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{manager}");
        reports.push(id);
    }
    // (user, the health center of the report it reads or none, areas it oversees, what it is)
    let actors: [(&str, &[&str], &str); 11] = [
        ("doctor1", &[], "filer"),
        ("vet1", &[], "filer"),
        ("sentinel1", &["north-site"], "site"),
        ("sentinel2", &["south-site"], "site"),
        ("hc-north", &["9901"], "health_center"),
        ("hc-south", &["9902"], "health_center"),
        ("pref-demo", &["9901", "9902", "99"], "prefecture"),
        ("city-staff", &["9801", "98"], "prefecture"),
        ("national", &["9901", "9902", "9801", "99", "98"], "national"),
        ("pref-admin", &[], "administrator"),
        ("manager1", &[], "administrator"),
    ];
    const OK: (StatusCode, Option<&str>) = (StatusCode::OK, None);
    const FORBIDDEN: (StatusCode, Option<&str>) = (StatusCode::FORBIDDEN, Some("forbidden"));
    const NOT_FOUND: (StatusCode, Option<&str>) = (StatusCode::NOT_FOUND, Some("not_found"));
    for (user_id, sees, what) in actors {
        let user = api.login(user_id).await;
        let site = what == "site";
        let overseer = matches!(what, "health_center" | "prefecture" | "national");
        let mut requests: Vec<(String, (StatusCode, Option<&str>))> = Vec::new();
        for (id, (area, own)) in reports.iter().zip([("9901", "north-site"), ("9902", "south-site")]) {
            let reads = sees.contains(&own) || sees.contains(&area);
            requests.push((format!("/sentinel/reports/{id}"), if reads { OK } else { NOT_FOUND }));
        }
        for path in ["/sentinel/reports", "/sentinel/site"] {
            requests.push((path.to_owned(), if site { OK } else { FORBIDDEN }));
        }
        for area in ["9901", "9902", "9801"] {
            let answer = match (overseer, sees.contains(&area)) {
                (false, _) => FORBIDDEN,
                (true, true) => OK,
                (true, false) => NOT_FOUND,
            };
            requests.push((format!("/sentinel/overview?health_center={area}"), answer));
            let chart = format!("/sentinel/chart?health_center={area}&kind=pediatric_weekly&disease=varicella");
            requests.push((chart, answer));
        }
        for (level, allowed) in [
            ("health_center", overseer),
            ("prefecture", matches!(what, "prefecture" | "national")),
            ("national", what == "national"),
        ] {
            let query = format!("kind=pediatric_weekly&period={period}&level={level}");
            for path in ["/sentinel/aggregates", "/sentinel/aggregates/export"] {
                requests.push((format!("{path}?{query}"), if allowed { OK } else { FORBIDDEN }));
            }
        }
        for (path, (status, code)) in requests {
            let response = user.get(&path).await;
            let context = format!("{user_id} {path}");
            assert_eq!(response.status(), status, "{context}");
            let body = response.text().await.unwrap();
            if let Some(code) = code {
                assert!(body.contains(&format!("\"code\":\"{code}\"")), "{context}: {body}");
            }
        }
        // A health center's tables hold its own area only.
        if what == "health_center" {
            let query = format!("/sentinel/aggregates?kind=pediatric_weekly&period={period}&level=health_center");
            let tables: Vec<domain::api::AreaTable> =
                crate::support::expect_json(user.get(&query).await, StatusCode::OK).await;
            let areas: Vec<&str> = tables.iter().map(|table| table.area.code.as_str()).collect();
            assert_eq!(areas, sees, "{user_id}");
        }
        // Filing: only a site's manager, and only for a type its site is designated for.
        let body = json!({ "kind": "ophthalmology_weekly", "period": period, "no_patients": true });
        let response = user.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &body).await;
        if site {
            let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            assert_eq!(error.fields[0].code, domain::error::FieldErrorCode::NotDesignated, "{user_id}");
        } else {
            expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        }
        if what != "health_center" {
            let reminder = json!({ "kind": "pediatric_weekly", "period": period });
            let response = user.post_json("/sentinel/reminders", &reminder).await;
            expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM sentinel_revisions").await, 2, "nothing refused was stored");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM mail_outbox").await, 0, "no reminder was queued");
}

/// 疑似症 reports (issue 15): sentinel2's institution (南町総合病院 → デモ県南保健所) is designated; its
/// manager files and reads its own, the health center responsible and those above it read, only that
/// health center accepts or returns. Nothing refused changes anything.
async fn syndromic_routes_answer_each_role_in_its_scope(api: Api) {
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc()).to_string();
    let body = json!({ "symptoms": ["fever", "respiratory"], "age_band": "80+", "sex": "male",
        "diagnosed_on": today, "intensive_care": "equivalent" });
    let id = Uuid::new_v4();
    let filed = api.login("sentinel2").await.put_json(&format!("/syndromic/reports/{id}"), &body).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    // (user, reads the report, lists at all, what it is)
    let actors: [(&str, bool, bool, &str); 11] = [
        ("doctor1", false, false, "filer"),
        ("vet1", false, false, "filer"),
        ("sentinel1", false, true, "site"),
        ("sentinel2", true, true, "site"),
        ("hc-north", false, true, "health_center"),
        ("hc-south", true, true, "responsible"),
        ("pref-demo", true, true, "prefecture"),
        ("city-staff", false, true, "prefecture"),
        ("national", true, true, "national"),
        ("pref-admin", false, false, "administrator"),
        ("manager1", false, false, "administrator"),
    ];
    for (user_id, reads, lists, what) in actors {
        let user = api.login(user_id).await;
        let detail = user.get(&format!("/syndromic/reports/{id}")).await;
        if reads {
            assert_eq!(detail.status(), StatusCode::OK, "{user_id}");
        } else {
            expect_error(detail, StatusCode::NOT_FOUND, "not_found").await;
        }
        let listed = user.get("/syndromic/reports").await;
        if lists {
            let rows: Vec<domain::api::SyndromicReport> = crate::support::expect_json(listed, StatusCode::OK).await;
            assert_eq!(rows.len(), usize::from(reads), "{user_id}");
        } else {
            expect_error(listed, StatusCode::FORBIDDEN, "forbidden").await;
        }
        // The steps: the responsible health center's (allowed, not sent); to the others who read it
        // forbidden, to the rest not found.
        if what != "responsible" {
            for (step, body) in [("accept", json!({})), ("return", json!({ "comment": "確認してください" }))] {
                let response = user.post_json(&format!("/syndromic/reports/{id}/{step}"), &body).await;
                if reads {
                    expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
                } else {
                    expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
                }
            }
        }
        // Filing: a site's manager only, and only when designated for 疑似症 (sentinel2's is allowed,
        // not sent again).
        if user_id != "sentinel2" {
            let response = user.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), &body).await;
            if what == "site" {
                let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
                assert_eq!(error.fields[0].code, domain::error::FieldErrorCode::NotDesignated, "{user_id}");
            } else {
                expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
            }
        }
    }
    let statuses: Vec<(String,)> = api.fetch_all("SELECT status FROM syndromic_reports").await;
    assert_eq!(statuses, [("received".to_owned(),)], "nothing refused was stored or changed");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM syndromic_events").await, 1);
}

/// ID management (issue 19): hc-north's case (from doctor1's accepted notification) with a contact
/// and an observation. Its health center reads it and may write (sent with a body its rules refuse,
/// so nothing changes); デモ県 (flag) reads, national staff is refused the personal data without the
/// flag; other health centers and 都道府県等 do not find it; everyone else is forbidden. Opening the
/// case again answers the existing one; those who see the notification but are no health center are
/// forbidden, the rest do not find it.
async fn investigation_routes_answer_each_role_in_its_scope(api: Api) {
    let north = api.login("hc-north").await;
    let notification = crate::investigations::accepted_notification(&api, &north).await;
    let case = crate::investigations::open_case(&north, notification).await.case.id;
    let exposure = (domain::jst::date_in_japan(time::OffsetDateTime::now_utc()) - time::Duration::DAY).to_string();
    let contact = crate::investigations::add_contact(&north, case, "山田 花子", &exposure).await.id;
    let body = json!({ "case_id": case, "items": { "temperature": true } });
    let observation: domain::api::ObservationDetail =
        crate::support::expect_json(north.post_json("/observations", &body).await, StatusCode::CREATED).await;
    let observation = observation.observation.id;
    // (user, what it is): "responsible", "flagged" (an overseer of 9901 with the flag), "unflagged"
    // (one without), "elsewhere" (an overseer of other areas, with or without the flag), "outsider".
    let actors: [(&str, &str); 11] = [
        ("doctor1", "filer"),
        ("vet1", "outsider"),
        ("sentinel1", "outsider"),
        ("hc-north", "responsible"),
        ("hc-south", "elsewhere"),
        ("pref-demo", "flagged"),
        ("city-staff", "elsewhere_unflagged"),
        ("national", "unflagged"),
        ("pref-admin", "outsider"),
        ("manager1", "outsider"),
        ("doctor2", "outsider"),
    ];
    const OK: (StatusCode, &str) = (StatusCode::OK, "");
    const FORBIDDEN: (StatusCode, &str) = (StatusCode::FORBIDDEN, "forbidden");
    const NOT_FOUND: (StatusCode, &str) = (StatusCode::NOT_FOUND, "not_found");
    const UNFLAGGED: (StatusCode, &str) = (StatusCode::FORBIDDEN, "download_not_permitted");
    const REFUSED_BODY: (StatusCode, &str) = (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    for (user_id, what) in actors {
        let user = api.login(user_id).await;
        let overseer = !matches!(what, "filer" | "outsider");
        let read = match what {
            "responsible" | "flagged" => OK,
            "unflagged" => UNFLAGGED,
            "elsewhere" | "elsewhere_unflagged" => NOT_FOUND,
            _ => FORBIDDEN,
        };
        let write = match what {
            "responsible" => REFUSED_BODY,
            "flagged" | "unflagged" => FORBIDDEN,
            "elsewhere" | "elsewhere_unflagged" => NOT_FOUND,
            _ => FORBIDDEN,
        };
        let link = match what {
            "responsible" => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_destination"),
            _ => write,
        };
        let revoke = match what {
            "responsible" => (StatusCode::NO_CONTENT, ""),
            _ => write,
        };
        let follow_up = match what {
            "responsible" | "flagged" | "elsewhere" => OK,
            "unflagged" | "elsewhere_unflagged" => UNFLAGGED,
            _ => FORBIDDEN,
        };
        let opening = match what {
            "responsible" => OK,
            "filer" | "flagged" | "unflagged" => FORBIDDEN,
            _ => NOT_FOUND,
        };
        let gets = [
            ("/cases".to_owned(), if overseer { OK } else { FORBIDDEN }),
            (format!("/cases/{case}"), read),
            (format!("/cases/{case}/chain"), read),
            (format!("/observations/{observation}"), read),
            ("/observations/follow-up".to_owned(), follow_up),
            // A session is no subject's link.
            ("/subject".to_owned(), (StatusCode::NOT_FOUND, "link_invalid")),
        ];
        let posts = [
            (format!("/notifications/{notification}/case"), json!({}), opening),
            (format!("/cases/{case}/entries"), json!({ "kind": "behaviour", "text": "" }), write),
            (format!("/cases/{case}/contacts"), crate::investigations::contact_body(" ", &exposure), write),
            (format!("/cases/{case}/close"), json!({ "reason": "" }), write),
            (format!("/contacts/{contact}/close"), json!({ "reason": "" }), write),
            ("/observations".to_owned(), json!({ "case_id": case, "items": {} }), write),
            (format!("/observations/{observation}/reports"), json!({ "temperature": 50 }), write),
            (format!("/observations/{observation}/close"), json!({ "reason": "" }), write),
            (format!("/observations/{observation}/link"), json!({ "channel": "sms", "to": "03-1234-5678" }), link),
            (format!("/observations/{observation}/link/revoke"), json!({}), revoke),
            ("/subject/reports".to_owned(), json!({ "temperature": 36.5 }), (StatusCode::NOT_FOUND, "link_invalid")),
        ];
        let requests = gets.into_iter().map(|(path, answer)| (path, None, answer));
        for (path, body, (status, code)) in requests.chain(posts.into_iter().map(|(p, b, a)| (p, Some(b), a))) {
            let response = match &body {
                None => user.get(&path).await,
                Some(body) => user.post_json(&path, body).await,
            };
            let context = format!("{user_id} {path}");
            assert_eq!(response.status(), status, "{context}");
            let text = response.text().await.unwrap();
            assert!(code.is_empty() || text.contains(&format!("\"code\":\"{code}\"")), "{context}: {text}");
        }
        check_subject_page(&api, &user, user_id).await;
    }
    for (table, count) in [
        ("cases", 1),
        ("case_entries", 0),
        ("contacts", 1),
        ("observations", 1),
        ("observation_reports", 0),
        ("observation_links", 0),
    ] {
        assert_eq!(api.query_count(&format!("SELECT COUNT(*) FROM {table}")).await, count, "{table}");
    }
    let open = "SELECT COUNT(*) FROM cases WHERE status = 'investigating' AND closed_reason IS NULL";
    assert_eq!(api.query_count(open).await, 1, "no refused request changed the case");
    let listed = "SELECT COUNT(*) FROM contacts WHERE status = 'listed' AND closed_reason IS NULL";
    assert_eq!(api.query_count(listed).await, 1, "no refused request closed the contact");
}

/// The subject's page (`/o/<token>`, HTML): a staff session is no subject's link, on every route; its
/// stylesheet and script are public.
async fn check_subject_page(api: &Api, user: &User, user_id: &str) {
    let origin = api.origin();
    let form = |path: &str, body: &'static str| {
        let request = user.client.post(format!("{origin}{path}"));
        request.header("content-type", "application/x-www-form-urlencoded").body(body)
    };
    let requests = [
        ("/o/not-a-token", user.client.get(format!("{origin}/o/not-a-token"))),
        ("/o/not-a-token/confirm", form("/o/not-a-token/confirm", "birth_date=1990-04-01")),
        ("/o/not-a-token/report", form("/o/not-a-token/report", "temperature=36.5")),
    ];
    for (path, request) in requests {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{user_id} {path}");
        assert!(response.text().await.unwrap().contains("このリンクは無効か"), "{user_id} {path}");
    }
    for asset in [::subject_page::STYLESHEET_PATH, ::subject_page::OFFLINE_SCRIPT_PATH] {
        let response = user.client.get(format!("{origin}{asset}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{user_id} {asset}");
    }
}

/// Personal API tokens (issue 20): doctors and veterinarians make, list and revoke their own; every
/// other role is refused all three, nobody revokes another's token (another filer's is 404), and
/// doctor1's token reads doctor1's institution's notification only. Nothing refused is stored.
async fn api_token_routes_answer_each_role_in_its_scope(api: Api) {
    let doctor1 = api.login("doctor1").await;
    let created: domain::api::CreatedApiToken = crate::support::expect_json(
        doctor1.post_json("/me/api-tokens", &json!({ "name": "電子カルテ", "valid_days": 30 })).await,
        StatusCode::CREATED,
    )
    .await;
    let revoke_doctor1s = format!("/me/api-tokens/{}", created.summary.id);
    let anonymous = api.anonymous();
    expect_error(anonymous.get("/me/api-tokens").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    expect_error(anonymous.delete(&revoke_doctor1s).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let body = json!({ "name": "x", "valid_days": 30 });
    expect_error(anonymous.post_json("/me/api-tokens", &body).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let users = [
        "doctor2",
        "doctor3",
        "vet1",
        "hc-north",
        "hc-south",
        "pref-demo",
        "city-staff",
        "national",
        "pref-admin",
        "pref-supervisor",
        "city-admin",
        "manager1",
        "national-admin",
        "sentinel1",
        "sentinel2",
    ];
    for user_id in users {
        let user = api.login(user_id).await;
        let files = ["doctor2", "doctor3", "vet1"].contains(&user_id);
        let made = user.post_json("/me/api-tokens", &body).await;
        let listed = user.get("/me/api-tokens").await;
        let revoked = user.delete(&revoke_doctor1s).await;
        if files {
            assert_eq!(made.status(), StatusCode::CREATED, "{user_id}");
            let own: Vec<domain::api::ApiTokenSummary> = crate::support::expect_json(listed, StatusCode::OK).await;
            assert_eq!(own.len(), 1, "{user_id} lists its own token only");
            expect_error(revoked, StatusCode::NOT_FOUND, "not_found").await;
        } else {
            for refused in [made, listed, revoked] {
                expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
            }
        }
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL").await, 4);
    // The token reads what its institution filed, and nothing else.
    let mut filed = Vec::new();
    for (object, filer) in OBJECTS {
        let id = Uuid::new_v4();
        let content = if object == Object::Animal { animal_report_submission() } else { measles_submission() };
        let response = api.login(filer).await.put_json(&format!("/notifications/{id}"), &content).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{filer}");
        filed.push((object, id));
    }
    for (object, id) in filed {
        let url = format!("{}/notifications/{id}", api.base);
        let response = reqwest::Client::new().get(url).bearer_auth(&created.token).send().await.unwrap();
        let expected = if object == Object::North { StatusCode::OK } else { StatusCode::NOT_FOUND };
        assert_eq!(response.status(), expected, "doctor1's token reads {object:?}");
    }
}

/// A demo account of every role (and a second 都道府県等's sysadmin), for the administrators' routes.
const ONE_OF_EACH_ROLE: [&str; 12] = [
    "doctor1",
    "vet1",
    "hc-north",
    "pref-demo",
    "city-staff",
    "national",
    "pref-supervisor",
    "manager1",
    "sentinel1",
    "pref-admin",
    "city-admin",
    "national-admin",
];

/// The audit viewer (P-2, issue 20): sysadmins and national administrators read and export it (their
/// jurisdiction's records: tests/api/audit_viewer.rs); every other role is refused, and the refusal is
/// recorded as denied.
async fn audit_viewer_answers_administrators_only(api: Api) {
    let readers = ["pref-admin", "city-admin", "national-admin"];
    for user_id in ONE_OF_EACH_ROLE {
        let user = api.login(user_id).await;
        for path in ["/admin/audit", "/admin/audit/export"] {
            let response = user.get(path).await;
            if readers.contains(&user_id) {
                assert_eq!(response.status(), StatusCode::OK, "{user_id} {path}");
            } else {
                expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
            }
        }
    }
    let denied = "SELECT COUNT(*) FROM audit_log WHERE action IN ('view_audit', 'export_audit') AND outcome = 'denied'";
    assert_eq!(api.query_count(denied).await, 18);
    for path in ["/admin/audit", "/admin/audit/export"] {
        expect_error(api.anonymous().get(path).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
}

/// The security view (P-3, issue 20): the sysadmins and supervisors of a 都道府県等 read it (their
/// jurisdiction's accounts: tests/api/security_view.rs); everyone else, the national administrator
/// included (it administers no accounts of a jurisdiction), is refused.
async fn security_view_answers_sysadmins_and_supervisors_only(api: Api) {
    let readers = ["pref-admin", "pref-supervisor", "city-admin"];
    for user_id in ONE_OF_EACH_ROLE {
        let response = api.login(user_id).await.get("/admin/security").await;
        if readers.contains(&user_id) {
            assert_eq!(response.status(), StatusCode::OK, "{user_id}");
        } else {
            expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    expect_error(api.anonymous().get("/admin/security").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// Staff issuance (issue 20), written out from SPEC §1: the national administrator issues supervisors
/// anywhere, a supervisor its 都道府県等's sysadmins, a sysadmin its 都道府県等's staff and its
/// institutions' user managers; nobody else issues. Each demo account asks for each role at an
/// organization of デモ県 (99) and of デモ市 (98): a role it does not issue is 403, an organization
/// outside its 都道府県等 422. Allowed requests are not sent, so no account is issued; a one-time file
/// of an unknown batch is 404 for issuers and 403 for the rest.
async fn staff_issuance_answers_each_role_by_rank_and_jurisdiction(api: Api) {
    // A role and its organization in デモ県 and in デモ市.
    const APPLIED: [(&str, &str, &str); 5] = [
        ("supervisor", "99", "98"),
        ("system_administrator", "99", "98"),
        ("health_center_staff", "9901", "9801"),
        ("prefecture_staff", "99", "98"),
        ("user_manager", "9910000001", "9810000003"),
    ];
    const STAFF: &[&str] = &["health_center_staff", "prefecture_staff", "user_manager"];
    // Each account, its 都道府県等 (`None`: everywhere) and the roles it issues.
    let issuers: [(&str, Option<&str>, &[&str]); 9] = [
        ("national-admin", None, &["supervisor"]),
        ("pref-supervisor", Some("99"), &["system_administrator"]),
        ("pref-admin", Some("99"), STAFF),
        ("city-admin", Some("98"), STAFF),
        ("manager1", None, &[]),
        ("national", None, &[]),
        ("pref-demo", None, &[]),
        ("hc-north", None, &[]),
        ("doctor1", None, &[]),
    ];
    let users_before = api.query_count("SELECT COUNT(*) FROM users").await;
    let (mut forbidden, mut outside, mut files_denied) = (0, 0, 0);
    for (user_id, own, issues) in issuers {
        let user = api.login(user_id).await;
        for (role, in_demo_prefecture, in_demo_city) in APPLIED {
            for (prefecture, code) in [("99", in_demo_prefecture), ("98", in_demo_city)] {
                let inside = own.is_none_or(|own| own == prefecture);
                if issues.contains(&role) && inside {
                    continue;
                }
                let application = json!({
                    "role": role, "organization_code": code, "user_name": "発行 テスト",
                    "contact_phone": "03-1234-5678", "contact_email": "issued@todoke.invalid",
                    "factor_method": "email", "factor_destination": "issued@todoke.invalid",
                });
                let response = user.post_json("/admin/staff-accounts", &json!({ "staff": [application] })).await;
                let context = format!("{user_id} issues {role} at {code}");
                if issues.contains(&role) {
                    let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
                    let code = serde_json::to_value(error.fields[0].code).unwrap();
                    assert_eq!(code, "outside_jurisdiction", "{context}");
                    outside += 1;
                } else {
                    assert_eq!(response.status(), StatusCode::FORBIDDEN, "{context}");
                    forbidden += 1;
                }
            }
        }
        let file = user.post_json(&format!("/admin/account-batches/{}/credentials", Uuid::new_v4()), &json!({})).await;
        let refusal = if issues.is_empty() { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
        assert_eq!(file.status(), refusal, "{user_id} takes an unknown batch's file");
        if issues.is_empty() {
            files_denied += 1;
        }
    }
    // Every refusal is audited: out of rank as denied (callers who issue nothing and roles above or
    // beside the caller's), outside the jurisdiction as a failure.
    let audited = |outcome| {
        format!("SELECT COUNT(*) FROM audit_log WHERE action = 'issue_staff_accounts' AND outcome = '{outcome}'")
    };
    assert_eq!(api.query_count(&audited("denied")).await, forbidden);
    assert_eq!(api.query_count(&audited("failure")).await, outside);
    let file_denials = "SELECT COUNT(*) FROM audit_log WHERE action = 'download_credentials' AND outcome = 'denied'";
    assert_eq!(api.query_count(file_denials).await, files_denied);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM users").await, users_before, "nobody was issued");
}

/// The 都道府県等 an administrator names (issue 20's screens choose them by name): the national
/// administrator gets every one, a 都道府県等's sysadmin and supervisor their own only (the other
/// 都道府県等 is the foreign object), everyone else 403, recorded as denied.
async fn the_prefecture_list_answers_issuers_with_their_own_scope(api: Api) {
    let every = api.query_count("SELECT COUNT(*) FROM prefectures").await;
    let expected: [(&str, Option<&[&str]>); 4] = [
        ("national-admin", None),
        ("pref-supervisor", Some(&["99"])),
        ("pref-admin", Some(&["99"])),
        ("city-admin", Some(&["98"])),
    ];
    for user_id in ONE_OF_EACH_ROLE {
        let response = api.login(user_id).await.get("/admin/prefectures").await;
        match expected.iter().find(|(issuer, _)| *issuer == user_id) {
            Some((_, own)) => {
                let listed: Vec<domain::api::Organization> =
                    crate::support::expect_json(response, StatusCode::OK).await;
                let codes: Vec<&str> = listed.iter().map(|prefecture| prefecture.code.as_str()).collect();
                match own {
                    Some(own) => assert_eq!(codes, *own, "{user_id}"),
                    None => {
                        assert_eq!(i64::try_from(codes.len()).unwrap(), every);
                        assert!(codes.contains(&"98") && codes.contains(&"99") && codes.is_sorted());
                        assert!(listed.iter().all(|prefecture| !prefecture.name.is_empty()));
                    }
                }
            }
            None => {
                expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
            }
        }
    }
    let denied = "SELECT COUNT(*) FROM audit_log WHERE action = 'list_prefectures' AND outcome = 'denied'";
    assert_eq!(api.query_count(denied).await, 8);
    expect_error(api.anonymous().get("/admin/prefectures").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// Maintenance stops (P-1): only the national administrator starts or ends one (its allowed requests
/// are not sent: tests/api/maintenance.rs covers them); the schedule is anyone's to read, logged in
/// or not.
async fn maintenance_stops_are_the_national_administrators(api: Api) {
    let everyone =
        ACTORS.iter().map(|actor| actor.user_id).chain(["pref-admin", "pref-supervisor", "manager1", "sentinel1"]);
    for user_id in everyone {
        let user = api.login(user_id).await;
        let start = user.post_json("/admin/maintenance", &json!({ "message": "停止" })).await;
        expect_error(start, StatusCode::FORBIDDEN, "forbidden").await;
        let end = user.post_json(&format!("/admin/maintenance/{}/end", Uuid::new_v4()), &json!({})).await;
        expect_error(end, StatusCode::FORBIDDEN, "forbidden").await;
        assert_eq!(user.get("/maintenance").await.status(), StatusCode::OK, "{user_id}");
    }
    let national = api.login("national-admin").await;
    let unknown = national.post_json(&format!("/admin/maintenance/{}/end", Uuid::new_v4()), &json!({})).await;
    expect_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
    let anonymous = api.anonymous();
    assert_eq!(anonymous.get("/maintenance").await.status(), StatusCode::OK);
    let start = anonymous.post_json("/admin/maintenance", &json!({ "message": "停止" })).await;
    expect_error(start, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM maintenance_stops").await, 0);
}

/// Notices (お知らせ, issue 20), written out from the issue: the national administrator and the
/// 都道府県等's administrators (sysadmins, supervisor) publish, each within its scope; everyone logged
/// in reads its own. Every route, for every demo account: a publisher's list answers publishers only;
/// publishing for デモ県 is refused outside it (403 for non-publishers, 422 for デモ市's admin) and not
/// sent for those allowed; editing and withdrawing an unknown notice is 404 for publishers, 403 for the
/// rest; reading one's notices and marking an unknown one is open to all. Nothing is stored.
async fn notices_are_published_in_scope_and_read_by_everyone(api: Api) {
    let publishers = ["pref-admin", "pref-supervisor", "city-admin", "national-admin"];
    let demo_prefecture = ["pref-admin", "pref-supervisor", "national-admin"];
    let everyone = ACTORS.iter().map(|actor| actor.user_id).chain(["manager1", "sentinel1"]).chain(publishers);
    let now = server::store::now();
    let rfc3339 = |at: time::OffsetDateTime| at.format(&time::format_description::well_known::Rfc3339).unwrap();
    let draft = json!({
        "title": "お知らせ", "body": "本文", "audience": { "prefecture": "99" },
        "starts_at": rfc3339(now), "ends_at": rfc3339(now + time::Duration::days(1)),
    });
    let unknown = Uuid::new_v4();
    for user_id in everyone {
        let user = api.login(user_id).await;
        let publishes = publishers.contains(&user_id);
        let list = user.get("/admin/notices").await;
        let edit = user.put_json(&format!("/admin/notices/{unknown}"), &draft).await;
        let withdraw = user.post_json(&format!("/admin/notices/{unknown}/withdraw"), &json!({})).await;
        if publishes {
            assert_eq!(list.status(), StatusCode::OK, "{user_id}");
            expect_error(edit, StatusCode::NOT_FOUND, "not_found").await;
            expect_error(withdraw, StatusCode::NOT_FOUND, "not_found").await;
        } else {
            expect_error(list, StatusCode::FORBIDDEN, "forbidden").await;
            expect_error(edit, StatusCode::FORBIDDEN, "forbidden").await;
            expect_error(withdraw, StatusCode::FORBIDDEN, "forbidden").await;
        }
        if !demo_prefecture.contains(&user_id) {
            let publish = user.post_json("/admin/notices", &draft).await;
            let (status, code) = if publishes {
                (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            } else {
                (StatusCode::FORBIDDEN, "forbidden")
            };
            expect_error(publish, status, code).await;
        }
        assert_eq!(user.get("/notices").await.status(), StatusCode::OK, "{user_id}");
        let read = user.post_json(&format!("/notices/{unknown}/read"), &json!({})).await;
        expect_error(read, StatusCode::NOT_FOUND, "not_found").await;
    }
    let anonymous = api.anonymous();
    for response in [
        anonymous.get("/notices").await,
        anonymous.post_json(&format!("/notices/{unknown}/read"), &json!({})).await,
        anonymous.get("/admin/notices").await,
        anonymous.post_json("/admin/notices", &draft).await,
        anonymous.put_json(&format!("/admin/notices/{unknown}"), &draft).await,
        anonymous.post_json(&format!("/admin/notices/{unknown}/withdraw"), &json!({})).await,
    ] {
        expect_error(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notices").await, 0);
}
