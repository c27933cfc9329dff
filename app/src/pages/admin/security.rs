//! `/admin/security` (P-3): for the sysadmins and the supervisor of a 都道府県等, the accounts of the
//! jurisdiction with wrong passwords or codes, a running lock, a login from a new address or a flood
//! of one-time codes, and the addresses that failed to log in; each account links to its page, where
//! it is suspended.

use domain::api::{AccountSecurity, AddressSecurity, SecurityOverview, SECURITY_DAYS_DEFAULT, SECURITY_DAYS_MAX};
use domain::jst::format_jst;
use leptos::prelude::*;

use super::accounts::account_href;
use super::nav::AdminNav;
use super::texts;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::manager::staff::state_text;

const PERIODS: [u32; 3] = [1, SECURITY_DAYS_DEFAULT, SECURITY_DAYS_MAX];

#[component]
pub fn SecurityPage(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let days = RwSignal::new(SECURITY_DAYS_DEFAULT);
    let overview = LocalResource::new(move || {
        let days = days.get();
        async move { client.security_overview(days).await }
    });
    let periods = PERIODS
        .into_iter()
        .map(|n| {
            view! {
                <option value=n.to_string() selected=move || days.get() == n>
                    {move || fill(texts::DAYS, lang.get(), &[("n", &n.to_string())])}
                </option>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=texts::SECURITY_TITLE />
        <AdminNav role=session.me.role />
        <section aria-labelledby="security-title">
            <h1 id="security-title">{tr(texts::SECURITY_TITLE)}</h1>
            <p class="lead">{tr(texts::SECURITY_HELP)}</p>
            <div class="field">
                <label class="field-label" for="security-days">{tr(texts::SECURITY_DAYS)}</label>
                <select
                    id="security-days"
                    class="input"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse() {
                            days.set(n);
                        }
                    }
                >
                    {periods}
                </select>
            </div>
            <Transition fallback=move || view! { <p class="status">{tr(ui::LOADING)}</p> }>
                {move || overview.get().map(|result| match result {
                    Ok(overview) => view! { <Overview overview /> }.into_any(),
                    Err(failure) => view! { <FailureAlert failure /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Overview(overview: SecurityOverview) -> impl IntoView {
    view! {
        <section aria-labelledby="security-accounts-title">
            <h2 id="security-accounts-title">{tr(texts::SECURITY_ACCOUNTS)}</h2>
            {if overview.accounts.is_empty() {
                view! { <p>{tr(texts::SECURITY_NOTHING)}</p> }.into_any()
            } else {
                view! { <AccountTable accounts=overview.accounts /> }.into_any()
            }}
        </section>
        <section aria-labelledby="security-addresses-title">
            <h2 id="security-addresses-title">{tr(texts::SECURITY_ADDRESSES)}</h2>
            {if overview.addresses.is_empty() {
                view! { <p>{tr(texts::SECURITY_NOTHING)}</p> }.into_any()
            } else {
                view! { <AddressTable addresses=overview.addresses /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn AccountTable(accounts: Vec<AccountSecurity>) -> impl IntoView {
    let rows = accounts
        .into_iter()
        .map(|account| {
            let href = account_href(&account.user_id);
            view! {
                <tr class="security-account" class:locked=account.locked_until.is_some()>
                    <td><a class="link" href=href>{account.user_id}</a></td>
                    <td>{account.display_name}</td>
                    <td>{tr(state_text(account.state))}</td>
                    <td>{account.failed_logins}</td>
                    <td>{account.failed_codes}</td>
                    <td>
                        {account.codes_sent}
                        {account.code_flood.then(|| view! { " " <span class="badge badge-warning">{tr(texts::CODE_FLOOD)}</span> })}
                    </td>
                    <td>{account.locked_until.map(format_jst)}</td>
                    <td>{account.new_addresses.join("、")}</td>
                </tr>
            }
        })
        .collect_view();
    let headings = [
        ui::USER_ID,
        ui::USER_NAME,
        texts::STATE,
        texts::FAILED_LOGINS,
        texts::FAILED_CODES,
        texts::CODES_SENT,
        texts::LOCKED_UNTIL,
        texts::NEW_ADDRESSES,
    ];
    view! { <ScrollTable class="security-accounts" headings=headings.into_iter().map(Some).collect()>{rows}</ScrollTable> }
}

#[component]
fn AddressTable(addresses: Vec<AddressSecurity>) -> impl IntoView {
    let rows = addresses
        .into_iter()
        .map(|address| {
            view! {
                <tr class="security-address">
                    <td>{address.address}</td>
                    <td>{address.failed_logins}</td>
                    <td>{address.accounts.join("、")}</td>
                    <td>{address.locked_until.map(format_jst)}</td>
                </tr>
            }
        })
        .collect_view();
    let headings = [texts::AUDIT_ADDRESS, texts::FAILED_LOGINS, texts::ACCOUNTS_TRIED, texts::LOCKED_UNTIL];
    view! { <ScrollTable class="security-addresses" headings=headings.into_iter().map(Some).collect()>{rows}</ScrollTable> }
}
