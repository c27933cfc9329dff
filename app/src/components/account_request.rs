//! A user manager's request as both sides see it: what it asks for, its state, and its
//! outcome (the reason of a rejection, the IDs an approval issued).

use domain::api::{AccountRequest, Applicant, RequestState, RequestedAction, UnlistedInstitution};
use domain::i18n::Lang;
use domain::jst::format_jst;
use leptos::prelude::*;

use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::admin::institution::class_text;
use crate::pages::admin::texts;

/// What the request asks for, in a few words: "新規アカウント（2名）", "利用停止：doctor1".
pub fn action_text(action: &RequestedAction, lang: Lang) -> String {
    let about = |text: domain::i18n::Text, user_id: &str| fill(text, lang, &[("id", user_id)]);
    match action {
        RequestedAction::Issue { applicants, .. } => {
            fill(ui::REQUEST_KIND_ISSUE, lang, &[("n", &applicants.len().to_string())])
        }
        RequestedAction::Change { user_id, .. } => about(ui::REQUEST_KIND_CHANGE, user_id),
        RequestedAction::Suspend { user_id } => about(ui::REQUEST_KIND_SUSPEND, user_id),
        RequestedAction::Resume { user_id } => about(ui::REQUEST_KIND_RESUME, user_id),
        RequestedAction::Delete { user_id } => about(ui::REQUEST_KIND_DELETE, user_id),
        RequestedAction::PasswordReset { user_id } => about(ui::REQUEST_KIND_RESET, user_id),
    }
}

pub fn state_text(state: RequestState) -> domain::i18n::Text {
    match state {
        RequestState::Pending => ui::REQUEST_PENDING,
        RequestState::Approved => ui::REQUEST_APPROVED,
        RequestState::Rejected => ui::REQUEST_REJECTED,
        RequestState::Withdrawn => ui::REQUEST_WITHDRAWN,
    }
}

/// One request: when and by whom, what, its note, its state and outcome. `actions` (the sysadmin's
/// approve / reject) go at the end.
#[component]
pub fn RequestCard(request: AccountRequest, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let lang = use_lang();
    let action = request.action.clone();
    let state = request.state;
    let issued = request.issued.iter().map(|account| account.user_id.clone()).collect::<Vec<_>>().join("、");
    view! {
        <article class="card request" data-state=format!("{state:?}").to_ascii_lowercase()>
            <h3 class="request-title">
                {move || action_text(&action, lang.get())}
                " "
                <span class="badge">{tr(state_text(state))}</span>
            </h3>
            <dl class="facts">
                <div class="fact">
                    <dt>{tr(ui::REQUEST_INSTITUTION)}</dt>
                    <dd>{request.institution.name.clone()}</dd>
                </div>
                <div class="fact">
                    <dt>{tr(ui::REQUESTED_BY)}</dt>
                    <dd>{request.requested_by.clone()} " " {format_jst(request.requested_at)}</dd>
                </div>
                {request.note.clone().map(|note| view! {
                    <div class="fact">
                        <dt>{tr(ui::REQUEST_NOTE)}</dt>
                        <dd class="request-note">{note}</dd>
                    </div>
                })}
                {request.reason.clone().map(|reason| view! {
                    <div class="fact">
                        <dt>{tr(ui::REJECTION_REASON)}</dt>
                        <dd class="request-note">{reason}</dd>
                    </div>
                })}
                {(!issued.is_empty()).then(|| view! {
                    <div class="fact">
                        <dt>{tr(ui::ISSUED_USER_IDS)}</dt>
                        <dd>{issued}</dd>
                    </div>
                })}
            </dl>
            {match &request.action {
                RequestedAction::Issue { applicants, unlisted } => view! {
                    {unlisted.clone().map(|unlisted| view! { <UnlistedFacts unlisted /> })}
                    <ApplicantTable applicants=applicants.clone() />
                }
                .into_any(),
                _ => ().into_any(),
            }}
            {children.map(|children| children())}
        </article>
    }
}

/// The institution missing from the master that a request's accounts are for: what the
/// sysadmin registers it from (the approval's refusal links to the registration, filled in).
#[component]
fn UnlistedFacts(unlisted: UnlistedInstitution) -> impl IntoView {
    let particulars = unlisted.particulars;
    let place = [particulars.postal_code.unwrap_or_default(), particulars.address].join(" ");
    view! {
        <dl class="facts unlisted">
            <div class="fact">
                <dt>{tr(texts::UNLISTED_INSTITUTION)}</dt>
                <dd>
                    {particulars.name} "（" {particulars.name_kana} "）" " " {tr(class_text(unlisted.class))}
                </dd>
            </div>
            <div class="fact">
                <dt>{tr(texts::ADDRESS)}</dt>
                <dd>{place.trim().to_owned()} " " {particulars.phone}</dd>
            </div>
        </dl>
    }
}

/// The applicants of a request for new accounts, one row each as in the application form.
#[component]
fn ApplicantTable(applicants: Vec<Applicant>) -> impl IntoView {
    let lang = use_lang();
    let rows = applicants
        .into_iter()
        .map(|applicant| {
            let method = ui::method(applicant.factor_method);
            view! {
                <tr>
                    <td>{applicant.user_name}</td>
                    <td>{applicant.contact_phone}</td>
                    <td>{applicant.contact_email}</td>
                    <td>{move || method.get(lang.get())} " " {applicant.factor_destination}</td>
                    <td>{tr(if applicant.may_download_records { ui::YES } else { ui::NO })}</td>
                </tr>
            }
        })
        .collect_view();
    let headings = [ui::USER_NAME, ui::CONTACT_PHONE, ui::CONTACT_EMAIL, ui::SECOND_FACTOR_METHOD, ui::DOWNLOAD_FLAG];
    view! { <ScrollTable class="applicants" headings=headings.into_iter().map(Some).collect()>{rows}</ScrollTable> }
}
