//! 利用管理 for an institution's user manager: apply for accounts for new staff, ask the
//! sysadmin for changes to staff accounts, and follow what was decided. Nothing here changes an
//! account by itself: the sysadmin of the 都道府県等 approves each request.

pub(crate) mod application;
// Public for its `state_text`, which the sysadmins' account screens name states with too.
pub mod staff;

use domain::api::RequestState;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::Authed;
use crate::auth::Session;
use crate::components::account_request::RequestCard;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui};

#[component]
pub fn ManagerHome(session: Session) -> impl IntoView {
    let client = session.client;
    // Bumped after a request is sent, so that the lists are read again.
    let sent = RwSignal::new(0u32);
    view! {
        <PageTitle text=ui::MANAGER_TITLE />
        <section aria-labelledby="application-title">
            <h1 id="application-title">{tr(ui::APPLICATION_TITLE)}</h1>
            <application::ApplicationForm client sent />
        </section>
        <section aria-labelledby="staff-title">
            <h2 id="staff-title">{tr(ui::STAFF_TITLE)}</h2>
            <staff::StaffAccounts client sent />
        </section>
        <section aria-labelledby="requests-title">
            <h2 id="requests-title">{tr(ui::MY_REQUESTS_TITLE)}</h2>
            <SentRequests client sent />
        </section>
    }
}

/// The institution's requests, newest first, with the sysadmin's decision.
#[component]
fn SentRequests(client: Authed, sent: RwSignal<u32>) -> impl IntoView {
    let requests = LocalResource::new(move || {
        sent.track();
        async move { client.institution_requests().await }
    });
    view! {
        <button class="button button-secondary" type="button" on:click=move |_| sent.update(|n| *n += 1)>
            {tr(ui::RELOAD)}
        </button>
        <Transition fallback=move || view! { <p>{tr(ui::LOADING)}</p> }>
            {move || requests.get().map(|result| match result {
                Ok(requests) if requests.is_empty() => view! { <p class="empty">{tr(ui::NO_REQUESTS)}</p> }.into_any(),
                Ok(requests) => requests
                    .into_iter()
                    .map(|request| {
                        let pending = (request.state == RequestState::Pending).then_some(request.request_id);
                        view! {
                            <RequestCard request>
                                {pending.map(|request_id| view! { <Withdraw client request_id sent /> })}
                            </RequestCard>
                        }
                    })
                    .collect_view()
                    .into_any(),
                Err(failure) => view! { <FailureAlert failure /> }.into_any(),
            })}
        </Transition>
    }
}

/// Takes back a request still waiting for review; the list then shows it withdrawn.
#[component]
fn Withdraw(client: Authed, request_id: Uuid, sent: RwSignal<u32>) -> impl IntoView {
    let withdraw = Action::new_local(move |_: &()| async move {
        let result = client.withdraw_request(request_id).await;
        if result.is_ok() {
            sent.update(|n| *n += 1);
        }
        result
    });
    let failure = move || withdraw.value().get().and_then(Result::err);
    view! {
        {move || failure().map(|failure| view! { <FailureAlert failure /> })}
        <button
            class="button button-secondary"
            type="button"
            disabled=move || withdraw.pending().get()
            on:click=move |_| {
                withdraw.dispatch(());
            }
        >
            {tr(ui::WITHDRAW_REQUEST)}
        </button>
    }
}
