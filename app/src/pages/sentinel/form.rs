//! The report form: `/sentinel/file/:kind/:period` (a new report) and `/sentinel/reports/:id/correct`
//! (a correction, from the report's current content, naming its revision). Each is a device draft
//! (`?draft=`, saved as typed, sealed) sent through the outbox under its own id. The grid is one
//! collapsible block per disease: age bands down, 男 / 女 steppers across, a total per row and per
//! disease, the whole report's total, and 「患者なし」 as an explicit choice. 「入力内容を確認する」
//! checks the report with `domain::sentinel::check_report` (problems at their cells), then shows it
//! for review; 「送信する」 queues and sends it.

use domain::api::SentinelReport;
use domain::error::ErrorCode;
use domain::sentinel::{check_report, FormVersion, ReportKind, ReportPeriod};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use super::grid::{CellKey, GridState, Problems, Slot, SEXES};
use super::report::ReportContent;
use super::{designations_for, report_title, texts};
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::offline::filing::{Body, Filing};
use crate::offline::gate::{autosave, AutosaveNote, DeviceDraft, DraftGate};
use crate::offline::sync::{use_outbox, SendResult};

const SUMMARY_ID: &str = "sentinel-problem";

fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(id) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    });
}

fn today() -> time::Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

fn filing_of(state: &GridState) -> Filing {
    Filing::SentinelReport { report_kind: state.kind, period: state.period }
}

/// The sealed body of a draft.
fn body_of(state: GridState) -> Body {
    Body::SentinelReport { report: state.submission().0.into() }
}

#[component]
fn UnknownForm() -> impl IntoView {
    view! {
        <h1>{tr(ui::PAGE_NOT_FOUND)}</h1>
        <p class="alert alert-error" role="alert">{tr(texts::UNKNOWN_FORM)}</p>
        <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

/// `/sentinel/file/:kind/:period`: a new report.
#[component]
pub fn FilingPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let chosen = Memo::new(move |_| {
        params.with(|params| {
            let kind = ReportKind::from_code(&params.get("kind")?)?;
            let period: ReportPeriod = params.get("period")?.parse().ok()?;
            Some((kind, period))
        })
    });
    move || match chosen.get() {
        Some((kind, period)) => {
            let start = GridState::new(kind, period);
            let client = session.client;
            let form = move |draft| view! { <ReportForm draft start=start.clone() client /> };
            view! { <DraftGate filing=filing_of(&GridState::new(kind, period)) session=session.clone() form /> }
                .into_any()
        }
        None => view! { <UnknownForm /> }.into_any(),
    }
}

/// `/sentinel/reports/:id/correct`: a correction of a filed report, from its current content.
#[component]
pub fn CorrectionPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let client = session.client;
    let current = LocalResource::new(move || async move {
        let id = id.get()?;
        Some(client.sentinel_report(id).await.map(|detail| detail.current))
    });
    move || match current.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(None) => view! { <UnknownForm /> }.into_any(),
        Some(Some(Err(failure))) => view! {
            <p class="alert alert-error" role="alert">{move || failure.message(lang.get())}</p>
            <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
        }
        .into_any(),
        Some(Some(Ok(report))) => {
            let start = GridState::correcting(&report);
            let filing = filing_of(&start);
            let form = move |draft| view! { <ReportForm draft start=start.clone() client /> };
            view! { <DraftGate filing session=session.clone() form /> }.into_any()
        }
    }
}

/// Edit or review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Edit,
    Review,
}

/// The form's shared state.
#[derive(Debug, Clone, Copy)]
struct FormState {
    grid: RwSignal<GridState>,
    problems: RwSignal<Problems>,
    /// A refusal or failure not placed at a field.
    failure: RwSignal<Option<ApiFailure>>,
    step: RwSignal<Step>,
    sending: RwSignal<bool>,
}

impl FormState {
    /// Places the server's refusal (the same field names as the device's check).
    fn show_refusal(self, failure: ApiFailure) {
        let (_, cells, items) = self.grid.with_untracked(GridState::submission);
        self.problems.set(Problems::place(failure.field_errors(), &cells, &items));
        self.failure.set(Some(failure));
        self.step.set(Step::Edit);
        focus(SUMMARY_ID);
    }
}

#[component]
fn ReportForm(draft: DeviceDraft, start: GridState, client: Authed) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let flash = use_flash();
    let navigate = use_navigate();
    let id = draft.id;
    let kept = match &draft.body {
        Some(Body::SentinelReport { report }) => report.get(),
        _ => None,
    };
    let initial = match kept {
        Some(report) => GridState::from_submission(start.period, report),
        None => start,
    };
    let (kind, period) = (initial.kind, initial.period);
    let correcting = initial.based_on_revision;
    let state = FormState {
        grid: RwSignal::new(initial.clone()),
        problems: RwSignal::new(Problems::default()),
        failure: RwSignal::new(None),
        step: RwSignal::new(Step::Edit),
        sending: RwSignal::new(false),
    };
    let autosave = autosave(&draft, filing_of(&initial), state.grid, body_of);
    if let Some(refusal) = draft.refusal {
        state.show_refusal(ApiFailure::Api { status: refusal.status, error: refusal.error });
    }
    let Some(version) = initial.version() else {
        return view! { <UnknownForm /> }.into_any();
    };

    let review = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (report, cells, items) = state.grid.with_untracked(GridState::submission);
        state.failure.set(None);
        match check_report(&report, &designations_for(kind, period), today()) {
            Ok(_) => {
                state.problems.set(Problems::default());
                state.step.set(Step::Review);
                focus("sentinel-review");
            }
            Err(errors) => {
                state.problems.set(Problems::place(&errors, &cells, &items));
                focus(SUMMARY_ID);
            }
        }
    };
    let send = move |_| {
        let Some(outbox) = outbox else { return };
        if state.sending.get_untracked() {
            return;
        }
        state.sending.set(true);
        autosave.cancel_pending();
        let grid = state.grid.get_untracked();
        let filing = filing_of(&grid);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = outbox.send(id, &filing, body_of(grid)).await;
            state.sending.set(false);
            match result {
                Ok(SendResult::Received(_)) => {
                    navigate(&format!("/sentinel/reports/{id}"), crate::auth::replacing());
                }
                Ok(SendResult::Queued) => {
                    flash.show_until_sent("/", texts::QUEUED, id);
                    navigate("/", Default::default());
                }
                Ok(SendResult::Refused(failure) | SendResult::LoginNeeded(failure)) => state.show_refusal(failure),
                Err(_) => state.failure.set(Some(ApiFailure::Unexpected { status: 0 })),
            }
        });
    };

    let title = move || report_title(kind, period, lang.get());
    view! {
        <PageTitle text=texts::HOME_TITLE />
        <h1>{title}</h1>
        {match correcting {
            Some(revision) => {
                let revision = move || fill(texts::REVISION, lang.get(), &[("n", &revision.to_string())]);
                view! { <p class="lead">{move || fill(texts::CORRECTION_INTRO, lang.get(), &[("revision", &revision())])}</p> }
                    .into_any()
            }
            None => view! { <p class="lead">{tr(texts::FORM_INTRO)}</p> }.into_any(),
        }}
        <ProblemSummary state client kind period />
        <Show
            when=move || state.step.get() == Step::Edit
            fallback=move || view! { <Review state on_send=send.clone() /> }
        >
            <form class="sentinel-form" novalidate on:submit=review>
                <NoPatients state />
                <Show when=move || !state.grid.with(|grid| grid.no_patients)>
                    {version
                        .diseases
                        .iter()
                        .enumerate()
                        .map(|(index, disease)| view! { <DiseaseGrid state version disease=disease.code open=index == 0 /> })
                        .collect_view()}
                </Show>
                <p class="sentinel-total" aria-live="polite">
                    {move || fill(texts::OVERALL_TOTAL, lang.get(), &[("n", &state.grid.with(GridState::total).to_string())])}
                </p>
                <div class="actions">
                    <button type="submit" class="button button-primary">{tr(texts::REVIEW)}</button>
                </div>
                <AutosaveNote autosave />
            </form>
        </Show>
    }
    .into_any()
}

/// The problems not at a cell, and a count of those that are; for 409 `report_already_filed`, the
/// report as it is now and the way to correct it.
#[component]
fn ProblemSummary(state: FormState, client: Authed, kind: ReportKind, period: ReportPeriod) -> impl IntoView {
    let lang = use_lang();
    let conflict = move || {
        state.failure.with(|failure| failure.as_ref().and_then(ApiFailure::code)) == Some(ErrorCode::ReportAlreadyFiled)
    };
    let current = LocalResource::new(move || async move {
        if !conflict() {
            return None;
        }
        let reports = client.sentinel_reports().await.ok()?;
        reports.into_iter().find(|report| report.receipt.kind == kind && report.receipt.period == period)
    });
    view! {
        <div id=SUMMARY_ID tabindex="-1">
            {move || {
                let problems = state.problems.get();
                let failure = state.failure.get();
                if problems.is_empty() && failure.is_none() {
                    return ().into_any();
                }
                let general = problems
                    .report
                    .iter()
                    .map(|code| {
                        let code = *code;
                        view! { <li>{move || code.message(lang.get())}</li> }
                    })
                    .collect_view();
                let at_cells = !problems.cells.is_empty() || !problems.items.is_empty();
                let message = failure.filter(|failure| failure.field_errors().is_empty());
                view! {
                    <div class="alert alert-error" role="alert">
                        {message.map(|failure| view! { <p>{move || failure.message(lang.get())}</p> })}
                        {at_cells.then(|| view! { <p>{tr(texts::PROBLEMS)}</p> })}
                        <ul>{general}</ul>
                    </div>
                }
                .into_any()
            }}
            {move || current.get().flatten().map(|report| view! { <CurrentVersion report /> })}
        </div>
    }
}

/// The report as filed now (after a 409), with the way to correct from it.
#[component]
fn CurrentVersion(report: SentinelReport) -> impl IntoView {
    let lang = use_lang();
    let revision = report.receipt.revision;
    let href = format!("/sentinel/reports/{}/correct", report.receipt.report_id);
    view! {
        <section class="sentinel-current" aria-labelledby="sentinel-current-title">
            <h2 id="sentinel-current-title">{tr(texts::CURRENT_CONTENT)}</h2>
            <p>
                {move || {
                    let revision = fill(texts::REVISION, lang.get(), &[("n", &revision.to_string())]);
                    fill(texts::ALREADY_FILED, lang.get(), &[("revision", &revision)])
                }}
            </p>
            <ReportContent
                kind=report.receipt.kind
                period=report.receipt.period
                no_patients=report.no_patients
                cells=report.cells
                items=report.items
            />
            <p><a class="button button-secondary" href=href>{tr(texts::CORRECT_FROM_CURRENT)}</a></p>
        </section>
    }
}

#[component]
fn NoPatients(state: FormState) -> impl IntoView {
    let checked = move || state.grid.with(|grid| grid.no_patients);
    view! {
        <div class="sentinel-no-patients">
            <label class="checkbox-large">
                <input
                    type="checkbox"
                    prop:checked=checked
                    aria-describedby="no-patients-help"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.grid.update(|grid| grid.set_no_patients(on));
                    }
                />
                " "
                {tr(texts::NO_PATIENTS)}
            </label>
            <p id="no-patients-help" class="hint">{tr(texts::NO_PATIENTS_HELP)}</p>
        </div>
    }
}

/// One disease: age bands × 男 / 女 with their row totals, and 入院サーベイランス's care items.
#[component]
fn DiseaseGrid(state: FormState, version: &'static FormVersion, disease: &'static str, open: bool) -> impl IntoView {
    let lang = use_lang();
    let Some(entry) = version.disease(disease) else {
        return ().into_any();
    };
    let total = move || state.grid.with(|grid| grid.disease_total(disease));
    let heading = move || {
        fill(texts::DISEASE_TOTAL, lang.get(), &[("disease", entry.name.get(lang.get())), ("n", &total().to_string())])
    };
    let has_problem = move || {
        state.problems.with(|problems| {
            problems.cells.keys().any(|(code, _, _)| code == disease)
                || problems.items.keys().any(|(code, _)| code == disease)
        })
    };
    let rows = version
        .age_bands
        .iter()
        .map(|band| {
            let cells = SEXES
                .iter()
                .map(|sex| {
                    let key: CellKey = (disease.to_owned(), band.code.to_owned(), *sex);
                    let label = move || {
                        let lang = lang.get();
                        fill(
                            texts::CELL_LABEL,
                            lang,
                            &[
                                ("disease", entry.name.get(lang)),
                                ("band", band.name.get(lang)),
                                ("sex", texts::sex(*sex).get(lang)),
                            ],
                        )
                    };
                    view! { <td><Stepper state at=Slot::Cell(key) label=Signal::derive(label) /></td> }
                })
                .collect_view();
            let row_total = move || state.grid.with(|grid| grid.row_total(disease, band.code));
            view! {
                <tr>
                    <th scope="row">{move || band.name.get(lang.get())}</th>
                    {cells}
                    <td class="number row-total">{row_total}</td>
                </tr>
            }
        })
        .collect_view();
    let opened = move || open || total() > 0 || has_problem();
    let care = (!version.care_items.is_empty()).then(|| view! { <CareItems state version disease /> });
    view! {
        <details class="sentinel-disease" open=opened>
            <summary>{heading}</summary>
            <table class="sentinel-grid">
                <caption class="visually-hidden">{move || entry.name.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(texts::AGE_BAND)}</th>
                        <th scope="col">{tr(texts::MALE)}</th>
                        <th scope="col">{tr(texts::FEMALE)}</th>
                        <th scope="col">{tr(texts::ROW_TOTAL)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {care}
        </details>
    }
    .into_any()
}

/// A number with − and + buttons large enough for a thumb; what is typed is kept as typed.
#[component]
fn Stepper(state: FormState, at: Slot, label: Signal<String>) -> impl IntoView {
    let lang = use_lang();
    let slot = StoredValue::new(at);
    let value = move || state.grid.with(|grid| grid.typed(&slot.read_value()));
    let problem = move || state.problems.with(|problems| problems.at(&slot.read_value()));
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        state.grid.update(|grid| grid.type_in(&slot.read_value(), text));
    };
    let step = move |up: bool| move |_| state.grid.update(|grid| grid.step(&slot.read_value(), up));
    let less = move || fill(texts::DECREASE, lang.get(), &[("label", &label.get())]);
    let more = move || fill(texts::INCREASE, lang.get(), &[("label", &label.get())]);
    view! {
        <span class="stepper" class:invalid=move || problem().is_some()>
            <button type="button" class="stepper-button" aria-label=less on:click=step(false)>"−"</button>
            <input
                class="stepper-input"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                placeholder="0"
                aria-label=move || label.get()
                aria-invalid=move || problem().is_some().then_some("true")
                prop:value=value
                on:input=on_input
            />
            <button type="button" class="stepper-button" aria-label=more on:click=step(true)>"+"</button>
        </span>
        {move || problem().map(|code| view! { <span class="field-error">{move || code.message(lang.get())}</span> })}
    }
}

/// 入院サーベイランス: how many of the disease's admissions had each care item.
#[component]
fn CareItems(state: FormState, version: &'static FormVersion, disease: &'static str) -> impl IntoView {
    let lang = use_lang();
    let Some(entry) = version.disease(disease) else {
        return ().into_any();
    };
    let items = version
        .care_items
        .iter()
        .map(|item| {
            let at = Slot::Item((disease.to_owned(), item.code.to_owned()));
            let label = Signal::derive(move || format!("{} {}", entry.name.get(lang.get()), item.name.get(lang.get())));
            view! {
                <li class="care-item">
                    <span class="care-item-name">{move || item.name.get(lang.get())}</span>
                    <Stepper state at label />
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="sentinel-care">
            <legend>{move || fill(texts::CARE_TITLE, lang.get(), &[("disease", entry.name.get(lang.get()))])}</legend>
            <p class="hint">{tr(texts::CARE_HELP)}</p>
            <ul class="care-items">{items}</ul>
        </fieldset>
    }
    .into_any()
}

/// The review: each disease with cases, its cells and care items, or 「患者なし」; then send.
#[component]
fn Review<F>(state: FormState, on_send: F) -> impl IntoView
where
    F: Fn(leptos::ev::MouseEvent) + Clone + 'static,
{
    let lang = use_lang();
    let grid = state.grid.get_untracked();
    let (report, _, _) = grid.submission();
    // Reviewed only after the same check passed; it gives the content as it will be stored.
    let body = check_report(&report, &designations_for(grid.kind, grid.period), today()).ok().map(|checked| {
        view! {
            <ReportContent
                kind=grid.kind
                period=grid.period
                no_patients=checked.no_patients
                cells=checked.cells
                items=checked.items
            />
        }
    });
    let sending = move || state.sending.get();
    view! {
        <section id="sentinel-review" class="review" tabindex="-1" aria-labelledby="sentinel-review-title">
            <h2 id="sentinel-review-title">{tr(texts::REVIEW_TITLE)}</h2>
            {body}
            <p class="sentinel-total">
                {move || fill(texts::OVERALL_TOTAL, lang.get(), &[("n", &grid.total().to_string())])}
            </p>
            <div class="actions">
                <button type="button" class="button button-primary" disabled=sending on:click=on_send.clone()>
                    {move || if sending() { texts::SENDING.get(lang.get()) } else { texts::SEND.get(lang.get()) }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| state.step.set(Step::Edit)>
                    {tr(texts::BACK_TO_EDIT)}
                </button>
            </div>
        </section>
    }
}
