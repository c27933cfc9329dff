//! Aberration alarms (issue 15): the alarms of the account's areas, one alarm with its series, the
//! marking, and the detection configuration.

use domain::api::{AlarmDetail, AlarmList, DetectionConfiguration, MarkAlarmRequest, OpenAlarmCount};
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, read, send, ApiFailure};

impl Authed {
    /// `GET /alarms`: open first, then under investigation, then settled.
    pub async fn alarms(self) -> Result<AlarmList, ApiFailure> {
        read(send(get("/alarms").build()).await?, &[200]).await
    }

    /// `GET /alarms/open-count`: how many of the account's alarms are open.
    pub async fn open_alarm_count(self) -> Result<OpenAlarmCount, ApiFailure> {
        read(send(get("/alarms/open-count").build()).await?, &[200]).await
    }

    /// `GET /alarms/{id}`: 404 for an alarm outside the account's areas.
    pub async fn alarm(self, id: Uuid) -> Result<AlarmDetail, ApiFailure> {
        read(send(get(&format!("/alarms/{id}")).build()).await?, &[200]).await
    }

    /// `POST /alarms/{id}/mark`: 409 `invalid_transition` when the alarm changed since the revision
    /// marked, 422 `validation_failed` at the comment.
    pub async fn mark_alarm(self, id: Uuid, request: &MarkAlarmRequest) -> Result<AlarmDetail, ApiFailure> {
        read(send(post(&format!("/alarms/{id}/mark")).json(request)).await?, &[200]).await
    }

    /// `GET /alarms/configuration`: national accounts only.
    pub async fn detection_configuration(self) -> Result<DetectionConfiguration, ApiFailure> {
        read(send(get("/alarms/configuration").build()).await?, &[200]).await
    }
}
