//! `/alarms/:id`: one alarm — what, where and which week, the count against the bound and the method
//! that fired (with its parameters), the series chart and its table, the marking (investigating /
//! explained / not significant, with a comment) and the history of markings.

use domain::alarms::{AlarmMark, AlarmWorkflow};
use domain::api::{AlarmDetail, AlarmHistoryEntry, AlarmSummary, MarkAlarmRequest, Role};
use domain::error::{ErrorCode, FieldError};
use domain::jst::format_jst;
use domain::workflow::{check_note, Workflow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::chart::AlarmChart;
use super::configuration::{parameter_rows, MethodParameters};
use super::{bound_text, disease_text, method_text, texts, week_text, StatusBadge};
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::choice::RadioChoice;
use crate::components::failure::{FailureAlert, StepFailure};
use crate::components::multiline_input::MultilineInput;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::steps::field_error_text;

#[component]
pub fn AlarmPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let client = session.client;
    let role = session.me.role;
    // Bumped to fetch the alarm again (after a 409: someone marked it meanwhile).
    let reload = RwSignal::new(0u32);
    let fetched = LocalResource::new(move || {
        reload.track();
        async move {
            match id.get() {
                Some(id) => client.alarm(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The alarm as last answered, by the fetch or by a marking.
    let shown = RwSignal::new(None::<Result<Option<AlarmDetail>, ApiFailure>>);
    Effect::new(move |_| {
        if let Some(result) = fetched.get() {
            shown.set(Some(result));
        }
    });
    // Said above the alarm once a marking is recorded (the alarm is drawn anew from the answer).
    let marked = RwSignal::new(false);
    let lang = use_lang();
    view! {
        <PageTitle text=texts::ALARM_TITLE />
        {move || marked.get().then(|| view! { <p class="alert alert-success" role="status">{tr(texts::MARKED)}</p> })}
        {move || match shown.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
            Some(Ok(None)) => view! {
                <p class="alert alert-error" role="alert">{move || ErrorCode::NotFound.message(lang.get())}</p>
            }
            .into_any(),
            Some(Ok(Some(detail))) => {
                let on_marked = Callback::new(move |detail: AlarmDetail| {
                    marked.set(true);
                    shown.set(Some(Ok(Some(detail))));
                });
                let on_reload = Callback::new(move |()| {
                    marked.set(false);
                    reload.update(|n| *n += 1);
                });
                view! { <Alarm detail client role on_marked on_reload /> }.into_any()
            }
        }}
        <p class="no-print">
            <a class="button button-secondary" href="/alarms">{tr(texts::BACK_TO_LIST)}</a>
        </p>
    }
}

#[component]
fn Alarm(
    detail: AlarmDetail,
    client: Authed,
    role: Role,
    on_marked: Callback<AlarmDetail>,
    on_reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let AlarmDetail { alarm, parameters, series, history } = detail;
    let (disease, area, week, method) =
        (alarm.disease.clone(), alarm.health_center.name.clone(), alarm.week, alarm.method.clone());
    let heading = {
        let (disease, area) = (disease.clone(), area.clone());
        move || {
            let lang = lang.get();
            fill(
                texts::ALARM_HEADING,
                lang,
                &[("disease", &disease_text(&disease, lang)), ("area", &area), ("week", &week_text(week, lang))],
            )
        }
    };
    let caption = Signal::derive(move || {
        let lang = lang.get();
        fill(
            texts::CHART_OF,
            lang,
            &[("disease", &disease_text(&disease, lang)), ("area", &area), ("method", &method_text(&method, lang))],
        )
    });
    let marks = AlarmWorkflow::steps_open_to(role, alarm.status);
    view! {
        <h1>{heading}</h1>
        <AlarmFacts alarm=alarm.clone() />
        <MethodParameters rows=parameter_rows(&parameters) />
        <AlarmChart series alarm_week=week caption />
        <MarkForm client alarm marks on_marked on_reload />
        <History history />
    }
}

/// 疾病, 地域, 系列, 週, 報告数（上限値）, 検知手法, 対応状況, 検知日時.
#[component]
fn AlarmFacts(alarm: AlarmSummary) -> impl IntoView {
    let lang = use_lang();
    let AlarmSummary {
        disease, health_center, source, week, method, observed, upperbound, status, detected_at, ..
    } = alarm;
    let figures = move || {
        fill(
            texts::COUNT_AGAINST_BOUND,
            lang.get(),
            &[("observed", &observed.to_string()), ("bound", &bound_text(upperbound))],
        )
    };
    let area = move || fill(texts::AREA_OF, lang.get(), &[("health_center", &health_center.name)]);
    let facts = [
        (texts::DISEASE, view! { {move || disease_text(&disease, lang.get())} }.into_any()),
        (texts::AREA, view! { {area} }.into_any()),
        (texts::SOURCE, view! { {tr(source.label())} }.into_any()),
        (texts::WEEK, view! { {move || week_text(week, lang.get())} }.into_any()),
        (texts::OBSERVED, view! { <span class="alarm-figures">{figures}</span> }.into_any()),
        (
            texts::METHOD,
            view! { <span class="alarm-method">{move || method_text(&method, lang.get())}</span> }.into_any(),
        ),
        (texts::STATUS, view! { <StatusBadge status /> }.into_any()),
        (texts::DETECTED_AT, view! { {format_jst(detected_at)} }.into_any()),
    ]
    .into_iter()
    .map(|(term, value)| view! { <div class="fact"><dt>{tr(term)}</dt><dd>{value}</dd></div> })
    .collect_view();
    view! { <dl class="facts">{facts}</dl> }
}

/// The marking: the statuses the workflow opens to the account from the alarm's status, and the
/// comment (checked as the server checks it before sending).
#[component]
fn MarkForm(
    client: Authed,
    alarm: AlarmSummary,
    marks: Vec<AlarmMark>,
    on_marked: Callback<AlarmDetail>,
    on_reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    if marks.is_empty() {
        return view! {
            <section aria-labelledby="mark-title">
                <h2 id="mark-title">{tr(texts::MARK_TITLE)}</h2>
                <p class="hint">{tr(texts::MARK_NONE_OPEN)}</p>
            </section>
        }
        .into_any();
    }
    let (id, revision) = (alarm.id, alarm.revision);
    let chosen = RwSignal::new(None::<AlarmMark>);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<FieldError>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(mark) = chosen.get_untracked() else { return };
        let checked = check_note("comment", &comment.get_untracked());
        error.set(checked.as_ref().err().cloned());
        let Ok(text) = checked else { return };
        sending.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = client.mark_alarm(id, &MarkAlarmRequest { mark, comment: text, revision }).await;
            sending.set(false);
            match result {
                Ok(detail) => on_marked.run(detail),
                Err(refused) => {
                    if refused.code() == Some(ErrorCode::ValidationFailed) {
                        error.set(refused.field_errors().iter().find(|field| field.field == "comment").cloned());
                    }
                    failure.set(Some(refused));
                }
            }
        });
    };
    let choices = marks
        .into_iter()
        .map(|mark| {
            let key = <&str>::from(mark).to_owned();
            view! { <RadioChoice group="alarm-mark" id=key value=Some(mark) selected=chosen label=mark.status().label() /> }
        })
        .collect_view();
    view! {
        <section class="card alarm-mark" aria-labelledby="mark-title">
            <h2 id="mark-title">{tr(texts::MARK_TITLE)}</h2>
            <StepFailure failure on_reload />
            <form on:submit=on_submit novalidate>
                <fieldset class="field">
                    <legend class="field-label">
                        {tr(texts::MARK_CHOICE)}
                        <span class="required-mark">{tr(ui::REQUIRED)}</span>
                    </legend>
                    {choices}
                </fieldset>
                <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                    <label class="field-label" for="alarm-comment">
                        {tr(texts::COMMENT)}
                        <span class="required-mark">{tr(ui::REQUIRED)}</span>
                    </label>
                    <p id="alarm-comment-help" class="field-help">{tr(texts::COMMENT_HELP)}</p>
                    <MultilineInput
                        id="alarm-comment"
                        rows=4
                        described_by="alarm-comment-help alarm-comment-error"
                        invalid=Signal::derive(move || error.with(Option::is_some))
                        value=comment
                        on_input=move |text| comment.set(text)
                    />
                    <p id="alarm-comment-error" class="field-error">
                        {move || error.get().map(|error| field_error_text(&error, lang.get()))}
                    </p>
                </div>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || sending.get() || chosen.with(Option::is_none)
                >
                    {move || if sending.get() { ui::SENDING.get(lang.get()) } else { texts::MARK_SUBMIT.get(lang.get()) }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// The markings, newest first.
#[component]
fn History(history: Vec<AlarmHistoryEntry>) -> impl IntoView {
    if history.is_empty() {
        return view! {
            <section aria-labelledby="history-title">
                <h2 id="history-title">{tr(texts::HISTORY)}</h2>
                <p class="hint">{tr(texts::HISTORY_NONE)}</p>
            </section>
        }
        .into_any();
    }
    let entries = history
        .into_iter()
        .rev()
        .map(|entry| {
            let AlarmHistoryEntry { at, actor, status, comment } = entry;
            // A withdrawal or reopening has no user: the run recorded it.
            let actor = move || actor.clone().unwrap_or_else(|| tr(texts::BY_DETECTION_RUN)().to_owned());
            view! {
                <li class="alarm-history-entry">
                    <p class="alarm-history-meta">
                        <StatusBadge status />
                        " "
                        <span>{format_jst(at)}</span>
                        " "
                        <span>{actor}</span>
                    </p>
                    <p class="alarm-history-comment">{comment}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">{tr(texts::HISTORY)}</h2>
            <ol class="alarm-history">{entries}</ol>
        </section>
    }
    .into_any()
}
