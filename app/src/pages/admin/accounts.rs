//! The accounts of the administrator's jurisdiction, searchable by user ID, name or affiliation,
//! each with its state in words and a link to its own screen (`account.rs`). The search is kept in
//! the address (`/?account=…`), so coming back from an account finds the same list (L-7).

use domain::api::{AccountState, ManagedAccount, Role};
use domain::i18n::Text;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::Authed;
use crate::components::failure::FailureAlert;
use crate::components::table::{Cell, ScrollTable};
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::manager::staff::state_text;

const SEARCH_PARAMETER: &str = "account";
/// At most this many rows are drawn (a 都道府県 has thousands of accounts); the line above the table
/// says how many of all are shown, and typing narrows them.
const MAX_ROWS: usize = 200;

/// A role as the UI names it.
pub fn role_text(role: Role) -> Text {
    match role {
        Role::Doctor => ui::ROLE_DOCTOR,
        Role::Veterinarian => ui::ROLE_VETERINARIAN,
        Role::HealthCenterStaff => ui::ROLE_HEALTH_CENTER_STAFF,
        Role::PrefectureStaff => ui::ROLE_PREFECTURE_STAFF,
        Role::NationalStaff => ui::ROLE_NATIONAL_STAFF,
        Role::SentinelSiteManager => ui::ROLE_SENTINEL_SITE_MANAGER,
        Role::UserManager => ui::ROLE_USER_MANAGER,
        Role::SystemAdministrator => ui::ROLE_SYSTEM_ADMINISTRATOR,
        Role::Supervisor => ui::ROLE_SUPERVISOR,
        Role::NationalAdministrator => ui::ROLE_NATIONAL_ADMINISTRATOR,
    }
}

/// Whether what was typed is in the account's user ID, name, or affiliation (name or code);
/// letters without regard to case, spaces in the name ignored (「北町 太郎」 is found by 「北町太郎」).
fn matches(account: &ManagedAccount, typed: &str) -> bool {
    let typed: String = typed.split_whitespace().collect::<String>().to_lowercase();
    let name: String = account.display_name.split_whitespace().collect();
    typed.is_empty()
        || account.user_id.to_lowercase().contains(&typed)
        || name.to_lowercase().contains(&typed)
        || account.organization.name.contains(&typed)
        || account.organization.code.to_lowercase().contains(&typed)
}

/// The address of the administrator's home with `typed` as the search, exactly as typed (the field
/// shows what the address holds, so trimming here would eat the space before a given name).
fn search_href(typed: &str) -> String {
    if typed.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{SEARCH_PARAMETER}={}", String::from(js_sys::encode_uri_component(typed)))
    }
}

/// The jurisdiction's accounts, read again whenever `changed` is bumped.
#[component]
pub fn AccountList(client: Authed, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let query = use_query_map();
    let typed = Memo::new(move |_| query.with(|query| query.get(SEARCH_PARAMETER).unwrap_or_default()));
    let accounts = LocalResource::new(move || {
        changed.track();
        async move { client.accounts().await }
    });
    let on_input = move |ev| {
        // Each keystroke replaces the entry, so "back" leaves the page rather than unwinding the typing.
        let options = NavigateOptions { replace: true, scroll: false, ..Default::default() };
        navigate(&search_href(&event_target_value(&ev)), options);
    };
    let list = move || {
        accounts.get().map(|result| match result {
            Ok(all) => {
                let total = all.len().to_string();
                let shown: Vec<ManagedAccount> = typed
                    .with(|typed| all.into_iter().filter(|account| matches(account, typed)).take(MAX_ROWS).collect());
                let count = shown.len().to_string();
                view! {
                    <p class="status" role="status">
                        {move || fill(ui::ACCOUNTS_SHOWN, lang.get(), &[("n", &count), ("total", &total)])}
                    </p>
                    <AccountTable accounts=shown />
                }
                .into_any()
            }
            Err(failure) => view! { <FailureAlert failure /> }.into_any(),
        })
    };
    view! {
        <div class="field">
            <label class="field-label" for="account-search">{tr(ui::FIND_ACCOUNT)}</label>
            <input
                id="account-search"
                type="search"
                class="input"
                autocomplete="off"
                prop:value=move || typed.get()
                on:input=on_input
            />
        </div>
        <Transition fallback=move || view! { <p class="status">{tr(ui::LOADING)}</p> }>{list}</Transition>
    }
}

/// The address of one account's page.
pub fn account_href(user_id: &str) -> String {
    format!("/admin/accounts/{}", String::from(js_sys::encode_uri_component(user_id)))
}

#[component]
fn AccountTable(accounts: Vec<ManagedAccount>) -> impl IntoView {
    if accounts.is_empty() {
        return view! { <p class="empty">{tr(ui::NO_MATCHING_ACCOUNTS)}</p> }.into_any();
    }
    let rows = accounts
        .into_iter()
        .map(|account| {
            let href = account_href(&account.user_id);
            let inactive = account.state != AccountState::Active;
            view! {
                <tr role="row" class:account-inactive=inactive>
                    <Cell label=ui::USER_ID><a class="link" href=href>{account.user_id.clone()}</a></Cell>
                    <Cell label=ui::USER_NAME>{account.display_name.clone()}</Cell>
                    <Cell label=ui::ACCOUNT_ROLE>{tr(role_text(account.role))}</Cell>
                    <Cell label=ui::AFFILIATION>{account.organization.name.clone()}</Cell>
                    <Cell label=ui::ACCOUNT_STATE>{tr(state_text(account.state))}</Cell>
                </tr>
            }
        })
        .collect_view();
    let headings = [ui::USER_ID, ui::USER_NAME, ui::ACCOUNT_ROLE, ui::AFFILIATION, ui::ACCOUNT_STATE].map(Some);
    view! { <ScrollTable class="accounts card-table" headings=headings.into()>{rows}</ScrollTable> }.into_any()
}

#[cfg(test)]
mod tests {
    use domain::api::{Organization, SecondFactorMethod};

    use super::*;

    fn account() -> ManagedAccount {
        ManagedAccount {
            user_id: "K7PQ2M9XRT".into(),
            display_name: "北町 太郎".into(),
            role: Role::Doctor,
            organization: Organization { code: "9910000001".into(), name: "北町クリニック".into() },
            state: AccountState::Active,
            may_download_records: false,
            contact_phone: None,
            contact_email: None,
            second_factor: SecondFactorMethod::Email,
        }
    }

    #[test]
    fn accounts_are_found_by_id_name_or_affiliation() {
        let account = account();
        assert!(matches(&account, ""));
        assert!(matches(&account, "k7pq"));
        assert!(matches(&account, "北町太郎"));
        assert!(matches(&account, "北町 太郎"));
        assert!(matches(&account, "クリニック"));
        assert!(matches(&account, "99100"));
        assert!(!matches(&account, "南町"));
    }
}
