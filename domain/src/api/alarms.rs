//! Wire types of the aberration alarms (issue 15): the list of an account's alarms, one alarm with
//! its series and history, a marking, and the detection configuration.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::Organization;
use crate::alarms::{AlarmMark, AlarmStatus, DiseaseDetections, SeriesSource};
use crate::situation::Week;

/// An alarm: in the week `week`, the series of `disease` × the health center's area × `source`
/// counted `observed`, above the bound `method` computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlarmSummary {
    pub id: Uuid,
    pub disease: String,
    pub health_center: Organization,
    /// The 都道府県等 of the health center.
    pub jurisdiction: Organization,
    pub source: SeriesSource,
    pub week: Week,
    /// `ears-c1`, `ears-c2`, `ears-c3` or `farrington` (the command line's names).
    pub method: String,
    pub observed: u32,
    pub upperbound: f64,
    pub status: AlarmStatus,
    /// Increases with each marking; a marking names the revision it was based on.
    pub revision: u32,
    pub detected_at: OffsetDateTime,
}

/// `GET /alarms`: the account's alarms, open first, then newest week first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlarmList {
    /// How many are open (not yet marked).
    pub open: u32,
    pub alarms: Vec<AlarmSummary>,
}

/// `GET /alarms/open-count`: how many of the account's alarms are open, for the home screen
/// (without downloading the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenAlarmCount {
    pub open: u32,
}

/// One week of the alarm's series, as the method computes it now (late data included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesWeek {
    pub week: Week,
    /// `None`: no data (R's `NA`), not a count of 0: a sentinel week no site of the disease's report
    /// reported, or a week outside the series (before the disease was notifiable or on the form,
    /// before 疑似症サーベイランス); docs/aberration.md.
    pub count: Option<u32>,
    /// `None` where the method sets no bound (R's `NA`, e.g. Farrington's fewer than five cases in
    /// four weeks).
    pub upperbound: Option<f64>,
    /// Whether an alarm of this series and method is stored for the week.
    pub alarm: bool,
}

/// One marking of an alarm, or its withdrawal or reopening by the detection run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlarmHistoryEntry {
    pub at: OffsetDateTime,
    /// The user who marked it; `None`: the detection run (a withdrawal or a reopening).
    pub actor: Option<String>,
    pub status: AlarmStatus,
    pub comment: String,
}

/// `GET /alarms/{id}`: the alarm, the method's parameters, the series up to the alarm's week and
/// the markings, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlarmDetail {
    pub alarm: AlarmSummary,
    /// The method and parameters the alarm was computed with, as R's `surveillance` names them.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub parameters: aberration::Method,
    pub series: Vec<SeriesWeek>,
    pub history: Vec<AlarmHistoryEntry>,
}

/// `POST /alarms/{id}/mark`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkAlarmRequest {
    pub mark: AlarmMark,
    /// Required: what was found or done (V-1 characters, at most 2,000).
    pub comment: String,
    /// The revision the marking is based on; another is 409 `invalid_transition`.
    pub revision: u32,
}

/// `GET /alarms/configuration`: which method runs on which disease and source, with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DetectionConfiguration {
    pub diseases: Vec<DiseaseDetections>,
}
