//! 利用管理者からの申請: the jurisdiction's requests, waiting ones first; the sysadmin
//! approves (todoke carries the request out at once) or rejects with a reason the manager sees.
//! After approving new accounts, the one download of their initial passwords is offered as for a
//! bulk registration.

use domain::api::{AccountRequest, RequestState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use super::problems::ProblemTable;
use super::Issued;
use crate::api::Authed;
use crate::components::account_request::RequestCard;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::i18n::{tr, ui};

/// What the last decision did, shown above the list.
#[derive(Debug, Clone, PartialEq)]
enum Decided {
    Approved(Box<AccountRequest>),
    Rejected,
}

#[component]
pub fn Requests(client: Authed, letters_changed: RwSignal<u32>) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let decided = RwSignal::new(None::<Decided>);
    let requests = LocalResource::new(move || {
        reload.track();
        async move { client.jurisdiction_requests().await }
    });
    let on_decided = move |outcome: Decided| {
        if matches!(&outcome, Decided::Approved(request) if request.batch_id.is_some()) {
            letters_changed.update(|n| *n += 1);
        }
        decided.set(Some(outcome));
        reload.update(|n| *n += 1);
    };
    view! {
        <button class="button button-secondary" type="button" on:click=move |_| reload.update(|n| *n += 1)>
            {tr(ui::RELOAD)}
        </button>
        {move || decided.get().map(|outcome| match outcome {
            Decided::Approved(request) => {
                let count = request.issued.len();
                view! {
                    <p class="alert alert-success" role="status">{tr(ui::REQUEST_APPROVED_DONE)}</p>
                    {request.batch_id.map(|batch_id| view! { <Issued client batch_id count /> })}
                }
                .into_any()
            }
            Decided::Rejected => view! { <p class="alert alert-info" role="status">{tr(ui::REQUEST_REJECTED_DONE)}</p> }.into_any(),
        })}
        <Transition fallback=move || view! { <p>{tr(ui::LOADING)}</p> }>
            {move || requests.get().map(|result| match result {
                Ok(requests) => view! { <RequestLists client requests on_decided /> }.into_any(),
                Err(failure) => view! { <FailureAlert failure /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn RequestLists<F>(client: Authed, requests: Vec<AccountRequest>, on_decided: F) -> impl IntoView
where
    F: Fn(Decided) + Copy + Send + Sync + 'static,
{
    let (waiting, decided): (Vec<_>, Vec<_>) =
        requests.into_iter().partition(|request| request.state == RequestState::Pending);
    let waiting_view = if waiting.is_empty() {
        view! { <p class="empty">{tr(ui::NO_PENDING_REQUESTS)}</p> }.into_any()
    } else {
        waiting
            .into_iter()
            .map(|request| {
                let request_id = request.request_id;
                view! {
                    <RequestCard request>
                        <Decision client request_id on_decided />
                    </RequestCard>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {waiting_view}
        {(!decided.is_empty()).then(|| view! {
            <details class="decided-requests">
                <summary>{tr(ui::DECIDED_REQUESTS)}</summary>
                {decided.into_iter().map(|request| view! { <RequestCard request /> }).collect_view()}
            </details>
        })}
    }
}

/// Where the sysadmin is with one waiting request (while a decision is under way: choosing, its
/// buttons disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Choosing,
    ConfirmingApproval,
    WritingReason,
}

/// The sysadmin's decision on a request, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Approve,
    Reject(String),
}

#[component]
fn Decision<F>(client: Authed, request_id: Uuid, on_decided: F) -> impl IntoView
where
    F: Fn(Decided) + Copy + Send + Sync + 'static,
{
    let step = RwSignal::new(Step::Choosing);
    let reason = RwSignal::new(String::new());
    let decide = Action::new_local(move |verdict: &Verdict| {
        let verdict = verdict.clone();
        async move {
            let (decided, back_to) = match verdict {
                Verdict::Approve => {
                    let approved = client.approve_request(request_id).await;
                    (approved.map(|request| Decided::Approved(Box::new(request))), Step::Choosing)
                }
                Verdict::Reject(reason) => {
                    let rejected = client.reject_request(request_id, &reason).await;
                    (rejected.map(|_| Decided::Rejected), Step::WritingReason)
                }
            };
            match decided {
                Ok(decided) => {
                    on_decided(decided);
                    Ok(())
                }
                Err(problem) => {
                    step.set(back_to);
                    Err(problem)
                }
            }
        }
    });
    let failure = move || decide.value().get().and_then(Result::err);
    let busy = decide.pending();
    let approve = move |_| {
        step.set(Step::Choosing);
        decide.dispatch(Verdict::Approve);
    };
    let reject = move |event: SubmitEvent| {
        event.prevent_default();
        step.set(Step::Choosing);
        decide.dispatch(Verdict::Reject(reason.get_untracked()));
    };
    let reason_id = format!("reason-{request_id}");
    view! {
        {move || failure().map(|failure| {
            let problems = failure.import_problems().to_vec();
            let fields = failure.field_errors().iter().map(|error| error.message.clone()).collect::<Vec<_>>();
            view! {
                <FailureAlert failure />
                {(!problems.is_empty()).then(|| view! { <ProblemTable problems summary=ui::PROBLEMS_FOUND /> })}
                {fields.into_iter().map(|message| view! { <p class="field-error">{message}</p> }).collect_view()}
            }
        })}
        {move || match step.get() {
            Step::Choosing => view! {
                <div class="actions">
                    <button class="button button-primary" type="button" disabled=move || busy.get()
                        on:click=move |_| step.set(Step::ConfirmingApproval)>{tr(ui::APPROVE)}</button>
                    <button class="button button-secondary" type="button" disabled=move || busy.get()
                        on:click=move |_| step.set(Step::WritingReason)>{tr(ui::REJECT)}</button>
                </div>
            }
            .into_any(),
            Step::ConfirmingApproval => view! {
                <p class="alert alert-info">{tr(ui::APPROVE_WARNING)}</p>
                <div class="actions">
                    <button class="button button-primary" type="button" on:click=approve>{tr(ui::CONFIRM_APPROVE)}</button>
                    <button class="button button-secondary" type="button" on:click=move |_| step.set(Step::Choosing)>{tr(ui::CANCEL)}</button>
                </div>
            }
            .into_any(),
            Step::WritingReason => view! {
                <form class="form" novalidate on:submit=reject>
                    <div class="field">
                        <label class="field-label" for=reason_id.clone()>{tr(ui::REJECTION_REASON)}</label>
                        <MultilineInput id=reason_id.clone() required=true value=reason on_input=move |text| reason.set(text) />
                    </div>
                    <div class="actions">
                        <button class="button button-primary" type="submit">{tr(ui::CONFIRM_REJECT)}</button>
                        <button class="button button-secondary" type="button" on:click=move |_| step.set(Step::Choosing)>{tr(ui::CANCEL)}</button>
                    </div>
                </form>
            }
            .into_any(),
        }}
    }
}
