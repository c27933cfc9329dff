//! Two server instances on one database (the scale-out of docs/architecture.md): a session made on
//! one works on the other, failed logins count across both, and their audit appends form one chain.

use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    a_session_made_on_one_instance_works_on_the_other,
    failed_logins_are_counted_across_instances,
    concurrent_writes_on_two_instances_keep_one_audit_chain,
);

async fn a_session_made_on_one_instance_works_on_the_other(api: Api) {
    let second = api.another_instance().await;
    // Password on the first instance, code on the second.
    let on_first = api.password_step("doctor1").await;
    let on_second = on_first.on(&second);
    let code = serde_json::json!({ "code": api.latest_code("doctor1") });
    let _: domain::api::Me = expect_json(on_second.post_json("/session/code", &code).await, StatusCode::OK).await;
    let id = uuid::Uuid::new_v4();
    let receipt: domain::api::Receipt = expect_json(
        on_first.put_json(&format!("/notifications/{id}"), &measles_submission()).await,
        StatusCode::CREATED,
    )
    .await;
    let again: domain::api::Receipt =
        expect_json(on_second.put_json(&format!("/notifications/{id}"), &measles_submission()).await, StatusCode::OK)
            .await;
    assert_eq!(again, receipt);
    // Logging out on the second ends the session on the first.
    assert_eq!(on_second.delete("/session").await.status(), StatusCode::NO_CONTENT);
    expect_error(on_first.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    second.stop().await;
}

async fn failed_logins_are_counted_across_instances(api: Api) {
    let second = api.another_instance().await;
    let first = api.anonymous();
    let other = first.on(&second);
    let wrong = serde_json::json!({"user_id": "doctor1", "password": "Wrong#Pass1"});
    // The harness allows 6 free failures. Alternating, each instance sees only 3 of them: counted
    // per instance, the 7th attempt would be free too; counted in the database, it is delayed.
    for attempt in 0..6 {
        let client = if attempt % 2 == 0 { &first } else { &other };
        expect_error(client.post_json("/session", &wrong).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    let error =
        expect_error(other.post_json("/session", &wrong).await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            .await;
    assert!(error.retry_after_seconds.is_some());
    expect_error(first.post_json("/session", &wrong).await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    second.stop().await;
}

async fn concurrent_writes_on_two_instances_keep_one_audit_chain(api: Api) {
    let second = api.another_instance().await;
    let doctor = api.login("doctor1").await;
    let on_second = doctor.on(&second);
    let before = api.query_count("SELECT COUNT(*) FROM audit_log").await;
    // 40 submissions at once, half through each instance: 40 audit appends racing for the chain's head.
    let submissions: Vec<_> = (0..40)
        .map(|n| {
            let (client, base) =
                if n % 2 == 0 { (&doctor.client, &api.base) } else { (&on_second.client, &on_second.base) };
            let request =
                client.put(format!("{base}/notifications/{}", uuid::Uuid::new_v4())).json(&measles_submission());
            tokio::spawn(request.send())
        })
        .collect();
    for submission in submissions {
        assert_eq!(submission.await.unwrap().unwrap().status(), StatusCode::CREATED);
    }
    api.wait_until_audit_chained().await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let chain = server::audit::verify_chain(store.as_ref()).await.expect("one linear chain");
    assert_eq!(chain.records, u64::try_from(before + 40).unwrap());
    second.stop().await;
}
