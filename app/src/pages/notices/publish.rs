//! お知らせの掲載 (`/admin/notices`): the national administrator and a 都道府県等's administrators
//! publish a notice (title, text, audience, the days it is shown), edit or withdraw the ones they
//! published. A 都道府県等's administrators address their own 都道府県等 only (the server decides;
//! the form offers nothing else). Checked first by the rule in `domain`, as the server checks it.

use domain::api::{check_notice, Notice, NoticeAudience, NoticeDraft, Role};
use domain::dates::{iso, parse_date_input};
use domain::error::{field_error, FieldError, FieldErrorCode};
use domain::jst::{date_in_japan, start_of_day_in_japan};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::texts;
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::components::organization_choice::OrganizationChoice;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, use_lang};
use crate::pages::admin::role_text;

/// How many days a new notice is shown, as first offered.
const DEFAULT_DAYS: i64 = 14;

/// The roles a notice may be addressed to.
const ROLES: [Role; 10] = [
    Role::Doctor,
    Role::Veterinarian,
    Role::SentinelSiteManager,
    Role::HealthCenterStaff,
    Role::PrefectureStaff,
    Role::NationalStaff,
    Role::UserManager,
    Role::SystemAdministrator,
    Role::Supervisor,
    Role::NationalAdministrator,
];

/// What the form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Entered {
    title: String,
    body: String,
    prefecture: String,
    /// A role's wire name, empty for every role.
    role: String,
    from: String,
    until: String,
}

impl Entered {
    /// A new notice, shown from today for [`DEFAULT_DAYS`], addressed to `prefecture` if given.
    fn new(prefecture: Option<&str>) -> Self {
        let today = date_in_japan(OffsetDateTime::now_utc());
        Self {
            prefecture: prefecture.unwrap_or_default().to_owned(),
            from: iso(today),
            until: iso(today + Duration::days(DEFAULT_DAYS)),
            ..Self::default()
        }
    }

    /// The form filled with a published notice, to edit it.
    fn of(notice: &Notice) -> Self {
        let draft = &notice.draft;
        Self {
            title: draft.title.clone(),
            body: draft.body.clone(),
            prefecture: draft.audience.prefecture.clone().unwrap_or_default(),
            role: draft.audience.role.map(role_name).unwrap_or_default(),
            from: iso(date_in_japan(draft.starts_at)),
            // Shown until the day before the instant it ends.
            until: iso(date_in_japan(draft.ends_at - Duration::seconds(1))),
        }
    }

    /// The notice to send: from the start of its first day until the end of its last (in Japan),
    /// checked by `domain`'s rule.
    fn draft(&self) -> Result<NoticeDraft, Vec<FieldError>> {
        let from =
            parse_date_input(&self.from).map_err(|_| vec![field_error("starts_at", FieldErrorCode::InvalidDate)])?;
        let until =
            parse_date_input(&self.until).map_err(|_| vec![field_error("ends_at", FieldErrorCode::InvalidDate)])?;
        let prefecture = self.prefecture.trim();
        let draft = NoticeDraft {
            title: self.title.clone(),
            body: self.body.clone(),
            audience: NoticeAudience {
                prefecture: (!prefecture.is_empty()).then(|| prefecture.to_owned()),
                role: serde_json::from_value(serde_json::Value::String(self.role.clone())).ok(),
            },
            starts_at: start_of_day_in_japan(from),
            ends_at: start_of_day_in_japan(until + Duration::days(1)),
        };
        check_notice(&draft, OffsetDateTime::now_utc())
    }
}

/// A role's wire name (`doctor`, …).
fn role_name(role: Role) -> String {
    serde_json::to_value(role).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

#[component]
pub fn PublishNoticesPage(session: Session) -> impl IntoView {
    let client = session.client;
    // A 都道府県等's administrators address their own 都道府県等; the national administrator anyone.
    let own_prefecture = matches!(session.me.role, Role::SystemAdministrator | Role::Supervisor)
        .then(|| session.me.organization.code.clone());
    let published = RwSignal::new(Vec::<Notice>::new());
    let problem = RwSignal::new(None::<ApiFailure>);
    let editing = RwSignal::new(None::<Uuid>);
    let entered = RwSignal::new(Entered::new(own_prefecture.as_deref()));
    let reload = move || {
        spawn_local(async move {
            match client.published_notices().await {
                Ok(list) => published.set(list),
                Err(failure) => problem.set(Some(failure)),
            }
        })
    };
    reload();
    let prefecture_name = own_prefecture.as_ref().map(|_| session.me.organization.name.clone());
    let blank = Entered::new(own_prefecture.as_deref());
    let on_edit = move |notice: Notice| {
        editing.set(Some(notice.id));
        entered.set(Entered::of(&notice));
    };
    let on_withdraw = move |id: Uuid| {
        spawn_local(async move {
            match client.withdraw_notice(id).await {
                Ok(()) => reload(),
                Err(failure) => problem.set(Some(failure)),
            }
        })
    };
    view! {
        <PageTitle text=texts::PUBLISH_TITLE />
        <section aria-labelledby="publish-title">
            <h1 id="publish-title">{tr(texts::PUBLISH_TITLE)}</h1>
            <p class="lead">{tr(texts::PUBLISH_INTRO)}</p>
            {move || problem.get().map(|failure| view! { <FailureAlert failure /> })}
            <NoticeForm client entered editing prefecture_name blank on_saved=reload />
        </section>
        <section aria-labelledby="published-title">
            <h2 id="published-title">{tr(texts::PUBLISHED)}</h2>
            <PublishedList published on_edit on_withdraw />
        </section>
    }
}

#[component]
fn NoticeForm(
    client: Authed,
    entered: RwSignal<Entered>,
    editing: RwSignal<Option<Uuid>>,
    /// The 都道府県等 every notice of this publisher goes to; `None`: one is chosen (or none: everywhere).
    prefecture_name: Option<String>,
    blank: Entered,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let error_of = move |field: &'static str| {
        move || {
            field_errors.with(|errors| {
                errors.iter().find(|error| error.field == field).map(|error| error.code.message(lang.get()))
            })
        }
    };
    let error_view = move |field: &'static str| {
        move || error_of(field)().map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    };
    let blank_after_save = blank.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        saved.set(false);
        let draft = match entered.with_untracked(Entered::draft) {
            Ok(draft) => draft,
            Err(errors) => return field_errors.set(errors),
        };
        field_errors.set(Vec::new());
        failure.set(None);
        sending.set(true);
        let blank = blank_after_save.clone();
        spawn_local(async move {
            let result = match editing.get_untracked() {
                Some(id) => client.edit_notice(id, &draft).await,
                None => client.publish_notice(&draft).await,
            };
            sending.set(false);
            match result {
                Ok(_) => {
                    saved.set(true);
                    editing.set(None);
                    entered.set(blank);
                    on_saved();
                }
                Err(refused) => {
                    field_errors.set(refused.field_errors().to_vec());
                    failure.set(Some(refused));
                }
            }
        });
    };
    let set = move |apply: fn(&mut Entered, String)| {
        move |ev: leptos::ev::Event| entered.update(|entered| apply(entered, event_target_value(&ev)))
    };
    let role_options = ROLES
        .into_iter()
        .map(|role| view! { <option value=role_name(role)>{tr(role_text(role))}</option> })
        .collect_view();
    let audience_prefecture = match prefecture_name {
        Some(name) => view! {
            <p class="field">
                <span class="field-label">{tr(texts::AUDIENCE_PREFECTURE)}</span>
                " "
                <strong class="notice-audience">{name}</strong>
            </p>
        }
        .into_any(),
        None => {
            let prefectures = LocalResource::new(move || async move { client.prefectures().await.unwrap_or_default() });
            let chosen = Signal::derive(move || entered.with(|e| e.prefecture.clone()));
            let on_choose = Callback::new(move |code| entered.update(|e| e.prefecture = code));
            let everywhere = Signal::derive(move || texts::EVERYWHERE.get(lang.get()).to_owned());
            view! {
                <div class="field" class:field-invalid=move || error_of("audience.prefecture")().is_some()>
                    <label class="field-label" for="notice-prefecture">{tr(texts::AUDIENCE_PREFECTURE)}</label>
                    <p class="field-support">{tr(texts::AUDIENCE_PREFECTURE_HINT)}</p>
                    <OrganizationChoice id="notice-prefecture".to_owned() value=chosen on_choose choices=prefectures none=everywhere />
                    {error_view("audience.prefecture")}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <form class="form notice-form" novalidate on:submit=on_submit>
            {move || failure.get().map(|failure| view! { <FailureAlert failure /> })}
            {move || saved.get().then(|| view! { <div class="alert alert-success" role="status">{tr(texts::SAVED)}</div> })}
            <div class="field" class:field-invalid=move || error_of("title")().is_some()>
                <label class="field-label" for="notice-title">{tr(texts::NOTICE_TITLE)}</label>
                <input id="notice-title" class="input" type="text" required
                    maxlength=domain::api::MAX_TITLE_CHARS.to_string()
                    prop:value=move || entered.with(|e| e.title.clone())
                    on:input=set(|e, value| e.title = value) />
                {error_view("title")}
            </div>
            <div class="field" class:field-invalid=move || error_of("body")().is_some()>
                <label class="field-label" for="notice-body">{tr(texts::NOTICE_BODY)}</label>
                <MultilineInput id="notice-body" rows=5 required=true
                    value=Signal::derive(move || entered.with(|e| e.body.clone()))
                    on_input=move |text| entered.update(|e| e.body = text) />
                {error_view("body")}
            </div>
            {audience_prefecture}
            <div class="field">
                <label class="field-label" for="notice-role">{tr(texts::AUDIENCE_ROLE)}</label>
                <select id="notice-role" class="input"
                    prop:value=move || entered.with(|e| e.role.clone())
                    on:change=set(|e, value| e.role = value)>
                    <option value="">{tr(texts::EVERY_ROLE)}</option>
                    {role_options}
                </select>
            </div>
            <div class="field" class:field-invalid=move || error_of("starts_at")().is_some()>
                <label class="field-label" for="notice-from">{tr(texts::FROM)}</label>
                <input id="notice-from" class="input" type="date" required
                    prop:value=move || entered.with(|e| e.from.clone())
                    on:input=set(|e, value| e.from = value) />
                {error_view("starts_at")}
            </div>
            <div class="field" class:field-invalid=move || error_of("ends_at")().is_some()>
                <label class="field-label" for="notice-until">{tr(texts::UNTIL)}</label>
                <input id="notice-until" class="input" type="date" required
                    prop:value=move || entered.with(|e| e.until.clone())
                    on:input=set(|e, value| e.until = value) />
                {error_view("ends_at")}
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || sending.get()>
                    {move || {
                        let label = match (sending.get(), editing.get()) {
                            (true, _) => texts::SENDING,
                            (false, Some(_)) => texts::SAVE,
                            (false, None) => texts::PUBLISH,
                        };
                        label.get(lang.get())
                    }}
                </button>
                {move || editing.get().map(|_| {
                    let blank = blank.clone();
                    view! {
                        <button type="button" class="button button-secondary"
                            on:click=move |_| { editing.set(None); entered.set(blank.clone()); field_errors.set(Vec::new()); }>
                            {tr(texts::CANCEL_EDIT)}
                        </button>
                    }
                })}
            </div>
        </form>
    }
}

#[component]
fn PublishedList(
    published: RwSignal<Vec<Notice>>,
    on_edit: impl Fn(Notice) + Copy + Send + Sync + 'static,
    on_withdraw: impl Fn(Uuid) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let row = move |notice: Notice| {
        let now = OffsetDateTime::now_utc();
        let draft = &notice.draft;
        let state = match notice.withdrawn_at {
            Some(_) => texts::STATE_WITHDRAWN,
            None if now < draft.starts_at => texts::STATE_SCHEDULED,
            None if now >= draft.ends_at => texts::STATE_ENDED,
            None => texts::STATE_SHOWN,
        };
        let prefecture = draft.audience.prefecture.clone();
        let role = draft.audience.role;
        let audience = move || {
            let lang = lang.get();
            let place = prefecture.clone().unwrap_or_else(|| texts::EVERYWHERE.get(lang).to_owned());
            let who = role.map_or(texts::EVERY_ROLE, role_text).get(lang);
            format!("{place} / {who}")
        };
        let period = format!(
            "{} – {}",
            iso(date_in_japan(draft.starts_at)),
            iso(date_in_japan(draft.ends_at - Duration::seconds(1)))
        );
        let id = notice.id;
        let live = notice.withdrawn_at.is_none();
        let confirm_withdraw = move |_| {
            if window().confirm_with_message(texts::WITHDRAW_CONFIRM.get(lang.get_untracked())).unwrap_or(false) {
                on_withdraw(id);
            }
        };
        let title = draft.title.clone();
        view! {
            <li class="published-notice">
                <strong>{title}</strong>
                " "
                <span class="badge">{tr(state)}</span>
                <p class="notice-audience">{audience}</p>
                <p class="notice-period">{tr(texts::SHOWN)}{period}</p>
                {live.then(|| {
                    let notice = notice.clone();
                    view! {
                        <div class="actions">
                            <button type="button" class="button button-secondary button-small"
                                on:click=move |_| on_edit(notice.clone())>
                                {tr(texts::EDIT)}
                            </button>
                            <button type="button" class="button button-secondary button-small" on:click=confirm_withdraw>
                                {tr(texts::WITHDRAW)}
                            </button>
                        </div>
                    }
                })}
            </li>
        }
    };
    view! {
        {move || published.with(Vec::is_empty).then(|| view! { <p>{tr(texts::NONE_PUBLISHED)}</p> })}
        <ul class="published-notices">{move || published.get().into_iter().map(row).collect_view()}</ul>
    }
}
