//! The weekly report (週報): `/situation/report` computes the last whole week's (or `?date=`'s) for
//! the account's 都道府県等 or the nation, with a comment field and 公開する; `/situation/reports/:id`
//! shows a published one as it was kept. Both print on A4 (style/print.css); the published ones are
//! listed under the draft.

use domain::i18n::{Lang, Text};
use domain::weekly_report::{PublishReport, PublishedReport, ReportColumn, ReportQuery, ReportTable, WeeklyReport};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

use super::report_sentinel::SentinelSection;
use super::texts;
use crate::api::{ApiFailure, Authed, CsvDownload};
use crate::auth::Session;
use crate::components::download::CsvLinks;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::components::page_title::PageTitle;
use crate::components::print::PrintButton;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};

type Loaded = LocalResource<Option<Result<WeeklyReport, ApiFailure>>>;

#[component]
pub fn WeeklyReportPage(session: Session) -> impl IntoView {
    let address = use_query_map();
    let query = Memo::new(move |_| {
        address.with(|params| ReportQuery { jurisdiction: params.get("jurisdiction"), date: params.get("date") })
    });
    let client = session.client;
    let report: Loaded = LocalResource::new(move || {
        let query = query.get();
        async move {
            let result = client.weekly_report(&query).await;
            Some(result)
        }
    });
    view! {
        <PageTitle text=texts::REPORT_TITLE />
        <ReportOrFailure report />
        <PublishForm client query />
        <PublishedList client />
        <p class="back no-print"><a class="link" href="/situation">{tr(texts::BACK_TO_SITUATION)}</a></p>
    }
}

#[component]
pub fn PublishedReportPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let client = session.client;
    let report: Loaded = LocalResource::new(move || async move {
        let result = client.published_report(id.get()?).await;
        Some(result)
    });
    view! {
        <PageTitle text=texts::REPORT_TITLE />
        <ReportOrFailure report />
        <p class="back no-print"><a class="link" href="/situation/report">{tr(texts::BACK_TO_REPORT)}</a></p>
    }
}

#[component]
fn ReportOrFailure(report: Loaded) -> impl IntoView {
    move || match report.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(None) => view! { <p class="alert alert-info" role="status">{tr(texts::REPORT_NOT_FOUND)}</p> }.into_any(),
        Some(Some(Err(failure))) if super::map::is_not_visible(&failure) => {
            view! { <p class="alert alert-info" role="status">{tr(texts::REPORT_NOT_FOUND)}</p> }.into_any()
        }
        Some(Some(Err(failure))) => view! { <FailureAlert failure /> }.into_any(),
        Some(Some(Ok(report))) => view! { <ReportDocument report /> }.into_any(),
    }
}

/// The report as a document: title and week, the notable changes, the counts by disease, the counts
/// by area, the comment and who published it.
#[component]
fn ReportDocument(report: WeeklyReport) -> impl IntoView {
    let lang = use_lang();
    let week = report.week.clone();
    let title = {
        let area = report.area.name.clone();
        move || {
            fill(
                texts::REPORT_HEADING,
                lang.get(),
                &[
                    ("area", &area),
                    ("year", &week.year.to_string()),
                    ("week", &week.week.to_string()),
                    ("starts", &week.starts),
                    ("ends", &week.ends),
                ],
            )
        }
    };
    let notes = report
        .notes
        .iter()
        .map(|note| {
            let note = note.clone();
            view! { <li>{move || if lang.get() == Lang::Ja { note.ja.clone() } else { note.en.clone() }}</li> }
        })
        .collect_view();
    let publication = report.publication.clone().map(|publication| {
        let at = domain::jst::format_jst(publication.published_at);
        view! { <p class="report-publication">{move || fill(texts::PUBLISHED_BY, lang.get(), &[("by", &publication.published_by), ("at", &at)])}</p> }
    });
    let comment = report.comment.clone().map(|comment| {
        view! {
            <section class="report-comment">
                <h2>{tr(texts::COMMENT)}</h2>
                <p>{comment}</p>
            </section>
        }
    });
    view! {
        <article class="weekly-report">
            <h1>{title}</h1>
            {publication}
            <section>
                <h2>{tr(texts::NOTES)}</h2>
                <ul class="report-notes">{notes}</ul>
            </section>
            {comment}
            <DiseaseTable report=report.clone() />
            <AreaTable report=report.clone() />
            <SentinelSection report />
            <PrintButton />
        </article>
    }
}

fn disease_name(code: &str) -> domain::i18n::Text {
    texts::disease_name(code, None)
}

/// 全数 counts by disease: this week, the week before and the five-year mean; the CSV has these and
/// the counts by area.
#[component]
fn DiseaseTable(report: WeeklyReport) -> impl IntoView {
    let file = CsvDownload::report(&report, ReportTable::Counts);
    let headings =
        vec![Some(texts::DISEASE), Some(texts::THIS_WEEK), Some(texts::PREVIOUS_WEEK), Some(texts::BASELINE)];
    let rows = report
        .rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{tr(disease_name(&row.disease))}</th>
                    <td class="number">{row.change.this_week}</td>
                    <td class="number">{row.change.previous_week}</td>
                    <td class="number">{format!("{:.1}", row.change.earlier_years)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section>
            <h2>{tr(texts::BY_DISEASE)}</h2>
            <ScrollTable class="table figures" headings>{rows}</ScrollTable>
            <CsvLinks file />
        </section>
    }
}

/// This week's counts by area (a prefecture or health center per row), a column per disease reported
/// this week.
#[component]
fn AreaTable(report: WeeklyReport) -> impl IntoView {
    let reported = report.rows.iter().filter(|row| row.change.this_week > 0);
    let diseases =
        reported.map(|row| (disease_name(&row.disease), row.counts.iter().map(u32::to_string).collect())).collect();
    view! {
        <section>
            <h2>{tr(texts::BY_AREA)}</h2>
            <ByAreaTable columns=report.columns diseases />
        </section>
    }
}

/// A table of the report's areas (a row each) with a column per disease: its heading and one cell
/// per area.
#[component]
pub(super) fn ByAreaTable(columns: Vec<ReportColumn>, diseases: Vec<(Text, Vec<String>)>) -> impl IntoView {
    let mut headings = vec![Some(texts::AREA)];
    headings.extend(diseases.iter().map(|(name, _)| Some(*name)));
    let rows = columns
        .into_iter()
        .enumerate()
        .map(|(column, area)| {
            let cells = diseases
                .iter()
                .map(|(_, cells)| view! { <td class="number">{cells[column].clone()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{area.name}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! { <ScrollTable class="table figures" headings>{rows}</ScrollTable> }
}

/// The comment and 公開する; once published, the published report's page opens.
#[component]
fn PublishForm(client: Authed, query: Memo<ReportQuery>) -> impl IntoView {
    let comment = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    let navigate = use_navigate();
    let on_publish = move |_| {
        let request =
            PublishReport { jurisdiction: query.get().jurisdiction, date: query.get().date, comment: comment.get() };
        let navigate = navigate.clone();
        spawn_local(async move {
            match client.publish_report(&request).await {
                Ok(report) => {
                    if let Some(publication) = report.publication {
                        navigate(&format!("/situation/reports/{}", publication.report_id), Default::default());
                    }
                }
                Err(refused) => failure.set(Some(refused)),
            }
        });
    };
    view! {
        <section class="publish no-print" aria-labelledby="publish-title">
            <h2 id="publish-title">{tr(texts::PUBLISH_TITLE)}</h2>
            <div class="field">
                <label class="field-label" for="report-comment">{tr(texts::COMMENT)}</label>
                <MultilineInput id="report-comment" rows=4 value=comment on_input=move |text| comment.set(text) />
            </div>
            {move || failure.get().map(|failure| view! { <FailureAlert failure /> })}
            <button type="button" class="button" on:click=on_publish>{tr(texts::PUBLISH)}</button>
        </section>
    }
}

#[component]
fn PublishedList(client: Authed) -> impl IntoView {
    let lang = use_lang();
    let published = LocalResource::new(move || async move { client.published_reports().await });
    let item = move |entry: PublishedReport| {
        let text = fill(
            texts::PUBLISHED_ENTRY,
            lang.get_untracked(),
            &[
                ("area", &entry.area.name),
                ("year", &entry.week.year.to_string()),
                ("week", &entry.week.week.to_string()),
                ("at", &domain::jst::format_jst(entry.publication.published_at)),
            ],
        );
        view! { <li><a class="link" href=format!("/situation/reports/{}", entry.publication.report_id)>{text}</a></li> }
    };
    view! {
        <section class="published no-print" aria-labelledby="published-title">
            <h2 id="published-title">{tr(texts::PUBLISHED_TITLE)}</h2>
            {move || match published.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{tr(texts::NONE_PUBLISHED)}</p> }.into_any(),
                Some(Ok(list)) => view! { <ul>{list.into_iter().map(item).collect_view()}</ul> }.into_any(),
            }}
        </section>
    }
}
