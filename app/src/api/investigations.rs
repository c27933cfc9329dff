//! ID management (ID管理, issue 19): opening a case from an accepted notification, the case with its
//! entries and contacts, health observations with telephone reports and the subject's link, and the
//! day's follow-up list.

use domain::api::{
    CaseDetail, CaseSummary, CloseRequest, Contact, FollowUpList, LinkSent, NewContact, NewInvestigationEntry,
    NewObservation, NewObservationReport, ObservationDetail, OpenCaseRequest, SendLinkRequest, TransmissionChain,
};
use domain::investigation::FollowUpFilter;
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, read, read_empty, send, ApiFailure};

impl Authed {
    /// `POST /notifications/{id}/case`: 201 opened, 200 the case opened before; 409 when the
    /// notification is not accepted or an animal report.
    pub async fn open_case(self, notification: Uuid, request: &OpenCaseRequest) -> Result<CaseDetail, ApiFailure> {
        read(send(post(&format!("/notifications/{notification}/case")).json(request)).await?, &[200, 201]).await
    }

    /// `GET /cases`: the cases of the account's area, newest first.
    pub async fn cases(self) -> Result<Vec<CaseSummary>, ApiFailure> {
        read(send(get("/cases").build()).await?, &[200]).await
    }

    /// `GET /cases/{id}`: 404 for a case outside the account's area.
    pub async fn case(self, id: Uuid) -> Result<CaseDetail, ApiFailure> {
        read(send(get(&format!("/cases/{id}")).build()).await?, &[200]).await
    }

    /// `GET /cases/{id}/chain`: the chain of transmission of the case's cluster.
    pub async fn chain(self, id: Uuid) -> Result<TransmissionChain, ApiFailure> {
        read(send(get(&format!("/cases/{id}/chain")).build()).await?, &[200]).await
    }

    /// `POST /cases/{id}/entries`: the case with the entry; 422 at `on_date` or `text`.
    pub async fn add_case_entry(self, id: Uuid, entry: &NewInvestigationEntry) -> Result<CaseDetail, ApiFailure> {
        read(send(post(&format!("/cases/{id}/entries")).json(entry)).await?, &[201]).await
    }

    /// `POST /cases/{id}/contacts`: the listed contact with its number.
    pub async fn add_contact(self, id: Uuid, contact: &NewContact) -> Result<Contact, ApiFailure> {
        read(send(post(&format!("/cases/{id}/contacts")).json(contact)).await?, &[201]).await
    }

    /// `POST /cases/{id}/close`: final.
    pub async fn close_case(self, id: Uuid, request: &CloseRequest) -> Result<CaseDetail, ApiFailure> {
        read(send(post(&format!("/cases/{id}/close")).json(request)).await?, &[200]).await
    }

    /// `POST /contacts/{id}/close`: the contact's case; 409 when it is no longer listed.
    pub async fn close_contact(self, id: Uuid, request: &CloseRequest) -> Result<CaseDetail, ApiFailure> {
        read(send(post(&format!("/contacts/{id}/close")).json(request)).await?, &[200]).await
    }

    /// `POST /observations`: of a case or of one of its contacts.
    pub async fn start_observation(self, request: &NewObservation) -> Result<ObservationDetail, ApiFailure> {
        read(send(post("/observations").json(request)).await?, &[201]).await
    }

    /// `GET /observations/{id}`: the observation and its reports, oldest first.
    pub async fn observation(self, id: Uuid) -> Result<ObservationDetail, ApiFailure> {
        read(send(get(&format!("/observations/{id}")).build()).await?, &[200]).await
    }

    /// `POST /observations/{id}/reports`: a report taken by telephone.
    pub async fn record_report(self, id: Uuid, report: &NewObservationReport) -> Result<ObservationDetail, ApiFailure> {
        read(send(post(&format!("/observations/{id}/reports")).json(report)).await?, &[201]).await
    }

    /// `POST /observations/{id}/link`: sends the subject a new personal link; 422
    /// `invalid_destination` without a usable number or address, 502 `delivery_failed`.
    pub async fn send_subject_link(self, id: Uuid, request: &SendLinkRequest) -> Result<LinkSent, ApiFailure> {
        read(send(post(&format!("/observations/{id}/link")).json(request)).await?, &[201]).await
    }

    /// `POST /observations/{id}/link/revoke`: 204, every link sent for the observation dead from now on.
    pub async fn revoke_subject_links(self, id: Uuid) -> Result<(), ApiFailure> {
        read_empty(send(post(&format!("/observations/{id}/link/revoke")).build()).await?, &[204]).await
    }

    /// `POST /observations/{id}/close`: final.
    pub async fn close_observation(self, id: Uuid, request: &CloseRequest) -> Result<ObservationDetail, ApiFailure> {
        read(send(post(&format!("/observations/{id}/close")).json(request)).await?, &[200]).await
    }

    /// `GET /observations/follow-up`: today's list (in Japan).
    pub async fn follow_up(self, filter: &FollowUpFilter) -> Result<FollowUpList, ApiFailure> {
        read(send(get("/observations/follow-up").query(filter.query_pairs()).build()).await?, &[200]).await
    }
}
