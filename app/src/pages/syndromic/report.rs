//! `/syndromic/reports/:id`: one 疑似症 report with its receipt, content and history; for the health
//! center responsible while it waits, 受理 and 差し戻し (with a comment), as
//! `domain::syndromic::SyndromicWorkflow` opens them to the user.

use domain::api::{SyndromicReportDetail, WorkflowAction};
use domain::error::FieldError;
use domain::jst::format_jst;
use domain::syndromic::SyndromicWorkflow;
use domain::workflow::{check_note, Workflow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::{patient_text, symptoms_text, texts};
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::history::History;
use crate::pages::inbox::list::{status_badge_class, status_text, WorkflowFlags};

#[component]
pub fn SyndromicReportPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let client = session.client;
    let role = session.me.role;
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let detail = RwSignal::new(None::<Result<SyndromicReportDetail, ApiFailure>>);
    Effect::new(move |_| {
        let Some(id) = id.get() else { return };
        spawn_local(async move { detail.set(Some(client.syndromic_report(id).await)) });
    });
    view! {
        <PageTitle text=texts::REPORT_TITLE />
        <h1>{tr(texts::REPORT_TITLE)}</h1>
        {move || match detail.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(Err(failure)) => view! {
                <p class="alert alert-error" role="alert">{move || failure.message(lang.get())}</p>
            }
            .into_any(),
            Some(Ok(shown)) => {
                let steps = SyndromicWorkflow::steps_open_to(role, shown.report.status);
                let id = shown.report.receipt.report_id;
                let history = shown.history.clone();
                view! {
                    <ReportContent detail=shown />
                    {(!steps.is_empty()).then(|| view! { <Steps client id steps detail /> })}
                    <History history />
                }
                .into_any()
            }
        }}
        <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

#[component]
fn ReportContent(detail: SyndromicReportDetail) -> impl IntoView {
    let lang = use_lang();
    let report = detail.report;
    let (receipt, content, status) = (report.receipt, report.content, report.status);
    let symptoms = content.symptoms.clone();
    let (age_band, sex) = (content.age_band.clone(), content.sex);
    let care = content.intensive_care.label();
    let onset = content.onset_on.map(|day| day.to_string()).unwrap_or_else(|| "—".to_owned());
    view! {
        <section class="card syndromic-report">
            <p>
                <span class=status_badge_class(status)>{move || status_text(status, lang.get())}</span>
                " "
                <WorkflowFlags urgent=report.urgent overdue=report.overdue />
            </p>
            <dl class="facts">
                <div><dt>{tr(ui::RECEIPT_NUMBER)}</dt><dd class="receipt-number">{receipt.receipt_number}</dd></div>
                <div><dt>{tr(texts::RECEIVED_AT)}</dt><dd>{format_jst(receipt.received_at)}</dd></div>
                <div><dt>{tr(ui::INSTITUTION)}</dt><dd>{receipt.institution.name}</dd></div>
                <div><dt>{tr(ui::HEALTH_CENTER)}</dt><dd>{receipt.health_center.name}</dd></div>
                <div><dt>{tr(texts::SYMPTOMS)}</dt><dd>{move || symptoms_text(&symptoms, lang.get())}</dd></div>
                <div><dt>{tr(texts::AGE_BAND)}</dt><dd>{move || patient_text(&age_band, sex, lang.get())}</dd></div>
                <div><dt>{tr(texts::DIAGNOSED)}</dt><dd>{content.diagnosed_on.to_string()}</dd></div>
                <div><dt>{tr(texts::ONSET)}</dt><dd>{onset}</dd></div>
                <div><dt>{tr(texts::INTENSIVE_CARE)}</dt><dd>{tr(care)}</dd></div>
                <div><dt>{tr(texts::NOTE)}</dt><dd class="note">{content.note.unwrap_or_default()}</dd></div>
            </dl>
            {report.return_comment.map(|comment| view! {
                <div class="alert alert-info" role="status">
                    <p>{comment}</p>
                    <p>{tr(texts::RETURNED_NOTE)}</p>
                </div>
            })}
        </section>
    }
}

/// 受理 (after a confirmation) and 差し戻し (with a comment checked as the server checks it).
#[component]
fn Steps(
    client: Authed,
    id: Uuid,
    steps: Vec<WorkflowAction>,
    detail: RwSignal<Option<Result<SyndromicReportDetail, ApiFailure>>>,
) -> impl IntoView {
    let lang = use_lang();
    let comment = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<FieldError>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let take = move |action: WorkflowAction| {
        if sending.get_untracked() {
            return;
        }
        if action == WorkflowAction::Accepted {
            let question = texts::CONFIRM_ACCEPT.get(lang.get_untracked());
            if !window().confirm_with_message(question).unwrap_or(false) {
                return;
            }
        } else if let Err(error) = check_note("comment", &comment.get_untracked()) {
            problem.set(Some(error));
            return;
        }
        problem.set(None);
        sending.set(true);
        spawn_local(async move {
            let result = match action {
                WorkflowAction::Returned => client.return_syndromic_report(id, comment.get_untracked()).await,
                _ => client.accept_syndromic_report(id).await,
            };
            sending.set(false);
            match result {
                Ok(updated) => detail.set(Some(Ok(updated))),
                Err(refused) => failure.set(Some(refused)),
            }
        });
    };
    let returns = steps.contains(&WorkflowAction::Returned);
    let accepts = steps.contains(&WorkflowAction::Accepted);
    view! {
        <section class="card workflow" aria-labelledby="workflow-title">
            <h2 id="workflow-title">{tr(ui::WORKFLOW_TITLE)}</h2>
            {move || failure.get().map(|failure| view! { <FailureAlert failure /> })}
            {accepts.then(|| view! {
                <button type="button" class="button button-primary" disabled=move || sending.get()
                    on:click=move |_| take(WorkflowAction::Accepted)>{tr(ui::ACCEPT)}</button>
            })}
            {returns.then(|| view! {
                <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
                    <label for="return-comment">{tr(ui::RETURN_COMMENT)}</label>
                    <MultilineInput id="return-comment" value=comment on_input=move |text| comment.set(text) />
                    {move || problem.get().map(|error| view! { <p class="field-error">{error.code.message(lang.get())}</p> })}
                </div>
                <button type="button" class="button button-secondary" disabled=move || sending.get()
                    on:click=move |_| take(WorkflowAction::Returned)>{tr(ui::RETURN)}</button>
            })}
        </section>
    }
}
