//! Notices (お知らせ, `/notices`, `/admin/notices`, issue 20): every home reads its own and marks them
//! read; the administrators' publishing screen lists, publishes, edits and withdraws them.

use domain::api::{MyNotice, Notice, NoticeDraft};
use gloo_net::http::Request;
use uuid::Uuid;

use super::{get, post, read, read_empty, send, url, ApiFailure, Authed};

impl Authed {
    /// `GET /notices`: the notices addressed to this account now, newest first.
    pub async fn my_notices(self) -> Result<Vec<MyNotice>, ApiFailure> {
        read(send(get("/notices").build()).await?, &[200]).await
    }

    /// `POST /notices/{id}/read`: 204, no longer new for this account.
    pub async fn mark_notice_read(self, id: Uuid) -> Result<(), ApiFailure> {
        read_empty(send(post(&format!("/notices/{id}/read")).build()).await?, &[204]).await
    }

    /// `GET /admin/notices`: the notices in this publisher's scope, withdrawn ones too.
    pub async fn published_notices(self) -> Result<Vec<Notice>, ApiFailure> {
        read(send(get("/admin/notices").build()).await?, &[200]).await
    }

    /// `POST /admin/notices`: 201 with the notice; 422 for what the rules refuse.
    pub async fn publish_notice(self, draft: &NoticeDraft) -> Result<Notice, ApiFailure> {
        read(send(post("/admin/notices").json(draft)).await?, &[201]).await
    }

    /// `PUT /admin/notices/{id}`: the changed notice; 409 once withdrawn.
    pub async fn edit_notice(self, id: Uuid, draft: &NoticeDraft) -> Result<Notice, ApiFailure> {
        read(send(Request::put(&url(&format!("/admin/notices/{id}"))).json(draft)).await?, &[200]).await
    }

    /// `POST /admin/notices/{id}/withdraw`: 204, shown to nobody from now on.
    pub async fn withdraw_notice(self, id: Uuid) -> Result<(), ApiFailure> {
        read_empty(send(post(&format!("/admin/notices/{id}/withdraw")).build()).await?, &[204]).await
    }
}
