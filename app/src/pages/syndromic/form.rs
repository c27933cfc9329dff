//! `/syndromic/new`: the short phone form of a 疑似症 report (symptom groups, age band, sex, dates, the
//! care needed, a note). It is a device draft (`?draft=`, saved as typed, sealed), checked with
//! `domain::syndromic::check_report` before sending, and sent through the outbox under its own id: at
//! once when online, when the connection returns otherwise, exactly once either way.

use domain::api::{Designation, Entered, Sex, SyndromicSubmission};
use domain::error::FieldError;
use domain::i18n::Text;
use domain::sentinel::SentinelType;
use domain::syndromic::{check_report, IntensiveCare, SymptomGroup, AGE_BANDS, IN_FORCE_FROM};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::{report_href, texts};
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::flash::use_flash;
use crate::components::multiline_input::MultilineInput;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::offline::filing::{Body, Filing};
use crate::offline::gate::{autosave, AutosaveNote, DeviceDraft, DraftGate};
use crate::offline::sync::{use_outbox, SendResult};

fn today() -> time::Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

/// A new report: diagnosed today, nothing chosen yet (`null`: 入力してください until chosen).
fn blank() -> SyndromicSubmission {
    SyndromicSubmission {
        symptoms: Vec::new(),
        age_band: String::new(),
        sex: Entered::Invalid(serde_json::Value::Null),
        onset_on: None,
        diagnosed_on: today().to_string(),
        intensive_care: Entered::Invalid(serde_json::Value::Null),
        note: String::new(),
    }
}

fn body_of(syndromic: SyndromicSubmission) -> Body {
    Body::SyndromicReport { syndromic: syndromic.into() }
}

/// The designations to check against: the server's, or, when it was not reached during this visit,
/// one in force (the server checks the designation on receipt).
fn designations() -> Vec<Designation> {
    crate::pages::sentinel::known_designations().unwrap_or_else(|| {
        vec![Designation { sentinel_type: SentinelType::Syndromic, from: IN_FORCE_FROM, until: None }]
    })
}

#[component]
pub fn SyndromicFilingPage(session: Session) -> impl IntoView {
    let filing = Filing::SyndromicReport { syndromic_institution: session.me.organization.code.clone() };
    let form_filing = filing.clone();
    let form = move |draft| view! { <SyndromicForm draft filing=form_filing.clone() /> };
    view! { <DraftGate filing session form /> }
}

#[component]
fn SyndromicForm(draft: DeviceDraft, filing: Filing) -> impl IntoView {
    let outbox = use_outbox();
    let flash = use_flash();
    let navigate = use_navigate();
    let id = draft.id;
    let initial = match &draft.body {
        Some(Body::SyndromicReport { syndromic }) => syndromic.get().cloned().unwrap_or_else(blank),
        _ => blank(),
    };
    let report = RwSignal::new(initial);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let autosave = autosave(&draft, filing.clone(), report, body_of);
    if let Some(refusal) = draft.refusal {
        problems.set(refusal.error.fields.clone());
        failure.set(Some(ApiFailure::Api { status: refusal.status, error: refusal.error }));
    }

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(outbox) = outbox else { return };
        if sending.get_untracked() {
            return;
        }
        failure.set(None);
        let submission = report.get_untracked();
        if let Err(errors) = check_report(&submission, &designations(), today()) {
            problems.set(errors);
            return;
        }
        problems.set(Vec::new());
        sending.set(true);
        autosave.cancel_pending();
        let (filing, navigate) = (filing.clone(), navigate.clone());
        spawn_local(async move {
            let result = outbox.send(id, &filing, body_of(submission)).await;
            sending.set(false);
            match result {
                Ok(SendResult::Received(_)) => navigate(&report_href(id), crate::auth::replacing()),
                Ok(SendResult::Queued) => {
                    flash.show_until_sent("/", texts::QUEUED, id);
                    navigate("/", Default::default());
                }
                Ok(SendResult::Refused(refused) | SendResult::LoginNeeded(refused)) => {
                    problems.set(refused.field_errors().to_vec());
                    failure.set(Some(refused));
                }
                Err(_) => failure.set(Some(ApiFailure::Unexpected { status: 0 })),
            }
        });
    };

    view! {
        <PageTitle text=texts::REPORT_TITLE />
        <h1>{tr(texts::REPORT_TITLE)}</h1>
        <p class="lead">{tr(texts::FORM_INTRO)}</p>
        {move || failure.get().map(|failure| view! { <FailureAlert failure /> })}
        <Show when=move || problems.with(|problems| !problems.is_empty())>
            <p class="alert alert-error" role="alert">{tr(texts::PROBLEMS)}</p>
        </Show>
        <form class="syndromic-form" novalidate on:submit=submit>
            <Symptoms report problems />
            <Choice label=texts::AGE_BAND field="age_band" problems>
                <select
                    id="age_band"
                    prop:value=move || report.with(|report| report.age_band.clone())
                    on:change=move |ev| report.update(|report| report.age_band = event_target_value(&ev))
                >
                    <option value="">{tr(ui::CHOOSE)}</option>
                    {AGE_BANDS
                        .iter()
                        .map(|band| view! { <option value=band.code>{tr(band.name)}</option> })
                        .collect_view()}
                </select>
            </Choice>
            <Radios
                label=texts::SEX
                field="sex"
                options=vec![(Sex::Male, crate::pages::sentinel::texts::MALE), (Sex::Female, crate::pages::sentinel::texts::FEMALE)]
                value=Signal::derive(move || report.with(|report| report.sex.clone()))
                set=Callback::new(move |sex| report.update(|report| report.sex = Entered::Valid(sex)))
                problems
            />
            <Choice label=texts::DIAGNOSED field="diagnosed_on" problems>
                <input
                    id="diagnosed_on"
                    type="date"
                    prop:value=move || report.with(|report| report.diagnosed_on.clone())
                    on:change=move |ev| report.update(|report| report.diagnosed_on = event_target_value(&ev))
                />
            </Choice>
            <Choice label=texts::ONSET field="onset_on" problems>
                <input
                    id="onset_on"
                    type="date"
                    prop:value=move || report.with(|report| report.onset_on.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let day = event_target_value(&ev);
                        report.update(|report| report.onset_on = Some(day).filter(|day| !day.is_empty()));
                    }
                />
            </Choice>
            <Radios
                label=texts::INTENSIVE_CARE
                field="intensive_care"
                options=IntensiveCare::ALL.into_iter().map(|care| (care, care.label())).collect()
                value=Signal::derive(move || report.with(|report| report.intensive_care.clone()))
                set=Callback::new(move |care| report.update(|report| report.intensive_care = Entered::Valid(care)))
                problems
            />
            <Choice label=texts::NOTE field="note" problems>
                <MultilineInput
                    id="note"
                    value=Signal::derive(move || report.with(|report| report.note.clone()))
                    on_input=move |text| report.update(|report| report.note = text)
                />
            </Choice>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || sending.get()>
                    {tr(texts::SEND)}
                </button>
            </div>
            <AutosaveNote autosave />
        </form>
    }
}

/// The first problem at `field` (or at one of its entries, `symptoms[1]`), in the user's language.
fn problem_at(problems: RwSignal<Vec<FieldError>>, field: &'static str) -> Signal<Option<FieldError>> {
    Signal::derive(move || {
        problems.with(|problems| {
            problems.iter().find(|error| error.field == field || error.field.starts_with(&format!("{field}["))).cloned()
        })
    })
}

/// The message of a problem: the server's Japanese one (it names refused characters), or the English
/// text of its code.
#[component]
fn ProblemText(problem: Signal<Option<FieldError>>, id: String) -> impl IntoView {
    let lang = use_lang();
    move || {
        problem.get().map(|error| {
            let text = match lang.get() {
                domain::i18n::Lang::Ja => error.message,
                lang => error.code.message(lang).to_owned(),
            };
            view! { <p class="field-error" id=id.clone()>{text}</p> }
        })
    }
}

/// A labelled control with its problem.
#[component]
fn Choice(label: Text, field: &'static str, problems: RwSignal<Vec<FieldError>>, children: Children) -> impl IntoView {
    let problem = problem_at(problems, field);
    view! {
        <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
            <label for=field>{tr(label)}</label>
            {children()}
            <ProblemText problem id=format!("{field}-error") />
        </div>
    }
}

/// One choice of a few, as radio buttons.
#[component]
fn Radios<T>(
    label: Text,
    field: &'static str,
    options: Vec<(T, Text)>,
    value: Signal<Entered<T>>,
    set: Callback<T>,
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let problem = problem_at(problems, field);
    let buttons = options
        .into_iter()
        .map(|(option, text)| {
            let checked = move || value.with(|value| *value == Entered::Valid(option));
            view! {
                <label class="choice">
                    <input type="radio" name=field prop:checked=checked on:change=move |_| set.run(option) />
                    " "
                    {tr(text)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field-invalid=move || problem.with(Option::is_some)>
            <legend>{tr(label)}</legend>
            {buttons}
            <ProblemText problem id=format!("{field}-error") />
        </fieldset>
    }
}

#[component]
fn Symptoms(report: RwSignal<SyndromicSubmission>, problems: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let problem = problem_at(problems, "symptoms");
    let boxes = SymptomGroup::ALL
        .into_iter()
        .map(|symptom| {
            let checked = move || report.with(|report| report.symptoms.contains(&Entered::Valid(symptom)));
            let toggle = move |_| {
                report.update(|report| {
                    let entry = Entered::Valid(symptom);
                    match report.symptoms.iter().position(|chosen| *chosen == entry) {
                        Some(at) => {
                            report.symptoms.remove(at);
                        }
                        None => report.symptoms.push(entry),
                    }
                });
            };
            let value: &'static str = symptom.into();
            view! {
                <label class="choice">
                    <input type="checkbox" name="symptoms" value=value prop:checked=checked on:change=toggle />
                    " "
                    {tr(symptom.label())}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field-invalid=move || problem.with(Option::is_some)>
            <legend>{tr(texts::SYMPTOMS)}</legend>
            {boxes}
            <ProblemText problem id="symptoms-error".to_owned() />
        </fieldset>
    }
}
