//! マスタの取込み for the national administrator: choose the master and the file, watch it go
//! up, then read what changed or every problem of a refused file. The columns shown are the ones
//! the server reads (`MasterKind::columns`).

use domain::api::{MasterImportReport, MasterKind};
use domain::i18n::Text;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use crate::api::CsvEncoding;
use crate::auth::Session;
use crate::components::choice::RadioChoice;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::admin::upload::{start_upload, Upload, UploadRefusal, UploadStatus};

/// A master as the UI names it.
fn kind_text(kind: MasterKind) -> Text {
    match kind {
        MasterKind::HealthCenters => ui::MASTER_HEALTH_CENTERS,
        MasterKind::Notifiable => ui::MASTER_NOTIFIABLE,
        MasterKind::Sentinel => ui::MASTER_SENTINEL,
        MasterKind::Animal => ui::MASTER_ANIMAL,
        MasterKind::SentinelDesignations => ui::MASTER_SENTINEL_DESIGNATIONS,
    }
}

const ENCODINGS: [(&str, Option<CsvEncoding>); 3] =
    [("detect", None), ("utf8", Some(CsvEncoding::Utf8)), ("shift_jis", Some(CsvEncoding::ShiftJis))];

#[component]
pub fn MastersHome(session: Session) -> impl IntoView {
    let client = session.client;
    let lang = use_lang();
    let kind = RwSignal::new(MasterKind::HealthCenters);
    let encoding = RwSignal::new(None::<CsvEncoding>);
    let file_input = NodeRef::<html::Input>::new();
    let upload = RwSignal::new(Upload::<MasterImportReport>::Idle);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(file) = file_input.get().and_then(|input| input.files()).and_then(|files| files.get(0)) else {
            return;
        };
        let (kind, encoding) = (kind.get_untracked(), encoding.get_untracked());
        start_upload(upload, move |on_progress| client.import_master(kind, encoding, file, on_progress));
    };
    let kinds = MasterKind::ALL
        .into_iter()
        .map(|choice| {
            let id = choice.path_segment().to_owned();
            view! { <RadioChoice group="master-kind" id value=choice selected=kind label=kind_text(choice) /> }
        })
        .collect_view();
    let encodings = ENCODINGS
        .into_iter()
        .map(|(value, choice)| {
            let label = move || match choice {
                None => ui::ENCODING_DETECT.get(lang.get()),
                Some(CsvEncoding::Utf8) => "UTF-8",
                Some(CsvEncoding::ShiftJis) => "Shift_JIS",
            };
            view! { <option value=value selected=move || encoding.get() == choice>{label}</option> }
        })
        .collect_view();
    let on_encoding = move |ev| {
        let value = event_target_value(&ev);
        encoding.set(ENCODINGS.into_iter().find(|(name, _)| *name == value).and_then(|(_, choice)| choice));
    };
    view! {
        <PageTitle text=ui::MASTERS_TITLE />
        <section aria-labelledby="masters-title">
            <h1 id="masters-title">{tr(ui::MASTERS_TITLE)}</h1>
            <form class="card" on:submit=on_submit>
                <p>{tr(ui::MASTERS_HELP)}</p>
                <fieldset class="field">
                    <legend class="field-label">{tr(ui::MASTER_KIND)}</legend>
                    <div class="choices">{kinds}</div>
                </fieldset>
                <MasterColumns kind />
                <div class="field">
                    <label class="field-label" for="master-file">{tr(ui::MASTER_FILE)}</label>
                    <input id="master-file" class="input" type="file" accept=".csv,text/csv" node_ref=file_input required />
                </div>
                <div class="field">
                    <label class="field-label" for="master-encoding">{tr(ui::ENCODING)}</label>
                    <select id="master-encoding" class="input" on:change=on_encoding>{encodings}</select>
                </div>
                <button class="button" type="submit" disabled=move || upload.with(Upload::is_sending)>
                    {tr(ui::IMPORT)}
                </button>
                <UploadStatus state=upload />
            </form>
            {move || match upload.get() {
                Upload::Idle | Upload::Sending(_) => ().into_any(),
                Upload::Refused(failure) => view! { <UploadRefusal failure summary=ui::MASTER_PROBLEMS_FOUND /> }.into_any(),
                Upload::Done(report) => view! { <ImportReport report /> }.into_any(),
            }}
        </section>
    }
}

/// The header row the chosen master's file needs, and how its values are written.
#[component]
fn MasterColumns(kind: RwSignal<MasterKind>) -> impl IntoView {
    view! {
        <div class="field master-columns">
            <p class="field-label">{tr(ui::MASTER_COLUMNS)}</p>
            <p><code>{move || kind.get().columns().join(",")}</code></p>
            <p class="field-support">{tr(ui::MASTER_VALUES)}</p>
        </div>
    }
}

#[component]
fn ImportReport(report: MasterImportReport) -> impl IntoView {
    let lang = use_lang();
    let counts = [("created", report.created), ("updated", report.updated), ("unchanged", report.unchanged)]
        .map(|(name, count)| (name, count.to_string()));
    let text = move || {
        let lang = lang.get();
        let mut values: Vec<(&str, &str)> = counts.iter().map(|(name, count)| (*name, count.as_str())).collect();
        values.push(("kind", kind_text(report.kind).get(lang)));
        fill(ui::MASTER_IMPORTED, lang, &values)
    };
    view! {
        <div class="alert alert-success" role="status">
            <p>{text}</p>
        </div>
    }
}
