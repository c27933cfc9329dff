//! The operators' endpoints (issue 20): staff accounts issued down the hierarchy, institutions
//! registered from an application, the audit viewer (P-2) and the security view (P-3).

use domain::api::{
    AuditPage, AuditQuery, IssuedStaff, NewInstitution, Organization, RegisteredInstitution, SecurityOverview,
    StaffApplications,
};
use gloo_net::http::Request;

use super::{get, query_string, read, send, url, ApiFailure, Authed};

/// The audit query's filters and cursor as address pairs (the export link uses them too).
fn audit_pairs(query: &AuditQuery) -> Vec<(&'static str, String)> {
    let filters = [
        ("user", query.user.clone()),
        ("object", query.object.clone()),
        ("kind", query.kind.clone()),
        ("from", query.from.clone()),
        ("to", query.to.clone()),
        ("before_seq", query.before_seq.map(|seq| seq.to_string())),
    ];
    filters.into_iter().filter_map(|(name, value)| value.map(|value| (name, value))).collect()
}

/// Where the audit records of `query` are downloaded as CSV (a plain link: the browser saves it).
pub fn audit_export_href(query: &AuditQuery) -> String {
    let pairs: Vec<_> = audit_pairs(query).into_iter().filter(|(name, _)| *name != "before_seq").collect();
    url(&format!("/admin/audit/export{}", query_string(&pairs)))
}

impl Authed {
    /// `POST /admin/staff-accounts`: 201 with the accounts issued (one batch); 422 `validation_failed`
    /// with `staff[i].field` problems; 403 for a role the caller does not issue.
    pub async fn issue_staff(self, applications: &StaffApplications) -> Result<IssuedStaff, ApiFailure> {
        read(send(Request::post(&url("/admin/staff-accounts")).json(applications)).await?, &[201]).await
    }

    /// `GET /admin/prefectures`: the 都道府県等 the administrator names (every one nationally, else its
    /// own), by code, with their names.
    pub async fn prefectures(self) -> Result<Vec<Organization>, ApiFailure> {
        read(send(get("/admin/prefectures").build()).await?, &[200]).await
    }

    /// `POST /admin/institutions`: 201 with the code todoke gave it; 422 for missing particulars.
    pub async fn register_institution(self, new: &NewInstitution) -> Result<RegisteredInstitution, ApiFailure> {
        read(send(Request::post(&url("/admin/institutions")).json(new)).await?, &[201]).await
    }

    /// `GET /admin/audit`: a page of records, newest first, and the chain's state.
    pub async fn audit_page(self, query: &AuditQuery) -> Result<AuditPage, ApiFailure> {
        read(send(get(&format!("/admin/audit{}", query_string(&audit_pairs(query)))).build()).await?, &[200]).await
    }

    /// `GET /admin/security?days=`: accounts and addresses with failures, locks, new addresses, floods.
    pub async fn security_overview(self, days: u32) -> Result<SecurityOverview, ApiFailure> {
        read(send(get(&format!("/admin/security?days={days}")).build()).await?, &[200]).await
    }
}
