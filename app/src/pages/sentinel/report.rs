//! `/sentinel/reports/:id`: one report — its receipt (from the device right after sending, or from the
//! server), its content, every revision, and for the site's manager the way to correct it.

use domain::api::{ReportedCount, ReportedItem, Role, SentinelReceipt, SentinelReportDetail};
use domain::jst::format_jst;
use domain::sentinel::{form, ReportKind, ReportPeriod};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::{disease_name, report_title, texts};
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::components::print::PrintButton;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::offline::drafts;
use crate::offline::filing::Proof;
use crate::offline::machine::ItemState;

/// What the device knows of a report it filed.
#[derive(Debug, Clone, PartialEq)]
enum OnDevice {
    Received(SentinelReceipt),
    NotYetSent,
    Unknown,
}

#[component]
pub fn SentinelReportPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let owner = session.me.user_id.clone();
    let on_device = LocalResource::new(move || {
        let owner = owner.clone();
        async move {
            let Some(id) = id.get() else { return OnDevice::Unknown };
            match drafts::open(&owner, id).await {
                Ok(Some(item)) => match item.meta.state {
                    ItemState::Received { receipt: Proof::SentinelReport(receipt) } => OnDevice::Received(receipt),
                    state if state.is_unsent() => OnDevice::NotYetSent,
                    _ => OnDevice::Unknown,
                },
                _ => OnDevice::Unknown,
            }
        }
    });
    let client = session.client;
    let detail = LocalResource::new(move || async move { client.sentinel_report(id.get()?).await.ok() });
    let may_correct = session.me.role == Role::SentinelSiteManager;
    view! {
        <PageTitle text=texts::REPORT_PAGE_TITLE />
        {move || {
            let device = on_device.get();
            let detail = detail.get().flatten();
            match (device, detail) {
                (None, _) => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                (Some(_), Some(detail)) => view! { <Filed detail may_correct /> }.into_any(),
                (Some(OnDevice::Received(receipt)), None) => view! {
                    <section class="receipt" aria-labelledby="receipt-title">
                        <h1 id="receipt-title" class="receipt-title">{tr(texts::RECEIPT_TITLE)}</h1>
                        <ReceiptFacts receipt />
                    </section>
                }
                .into_any(),
                (Some(OnDevice::NotYetSent), None) => {
                    view! { <p class="alert alert-info" role="status">{tr(texts::ON_DEVICE_ONLY)}</p> }.into_any()
                }
                (Some(OnDevice::Unknown), None) => view! {
                    <p class="alert alert-error" role="alert">
                        {move || domain::error::ErrorCode::NotFound.message(lang.get())}
                    </p>
                }
                .into_any(),
            }
        }}
        <p class="no-print"><a class="button button-secondary" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

/// A report the server holds.
#[component]
fn Filed(detail: SentinelReportDetail, may_correct: bool) -> impl IntoView {
    let lang = use_lang();
    let SentinelReportDetail { current, history } = detail;
    let receipt = current.receipt.clone();
    let (kind, period) = (receipt.kind, receipt.period);
    let correct_href = format!("/sentinel/reports/{}/correct", receipt.report_id);
    let rows = history
        .into_iter()
        .rev()
        .map(|revision| {
            let n = revision.revision;
            view! {
                <tr>
                    <th scope="row">{move || fill(texts::REVISION, lang.get(), &[("n", &n.to_string())])}</th>
                    <td>{format_jst(revision.received_at)}</td>
                    <td>{revision.filed_by}</td>
                    <td>{if revision.late { tr(texts::LATE) } else { tr(texts::ON_TIME) }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="receipt" aria-labelledby="receipt-title">
            <h1 id="receipt-title" class="receipt-title">{move || report_title(kind, period, lang.get())}</h1>
            <ReceiptFacts receipt />
        </section>
        <ReportContent
            kind
            period
            no_patients=current.no_patients
            cells=current.cells
            items=current.items
        />
        {may_correct
            .then(|| view! { <p class="no-print"><a class="button button-primary" href=correct_href>{tr(texts::CORRECT)}</a></p> })}
        <section aria-labelledby="history-title">
            <h2 id="history-title">{tr(texts::HISTORY)}</h2>
            <ScrollTable
                class="table"
                headings=vec![Some(texts::REVISION_COLUMN), Some(texts::RECEIVED_AT), Some(texts::FILED_BY), Some(texts::STATE)]
            >
                {rows}
            </ScrollTable>
        </section>
        <PrintButton />
    }
}

/// 受付番号, 受付日時, 版, 定点医療機関, 保健所.
#[component]
fn ReceiptFacts(receipt: SentinelReceipt) -> impl IntoView {
    let lang = use_lang();
    let revision = receipt.revision;
    view! {
        <dl class="facts">
            <div class="fact">
                <dt>{tr(texts::RECEIPT_NUMBER)}</dt>
                <dd class="receipt-number">{receipt.receipt_number}</dd>
            </div>
            <div class="fact">
                <dt>{tr(texts::RECEIVED_AT)}</dt>
                <dd>{format_jst(receipt.received_at)}</dd>
            </div>
            <div class="fact">
                <dt>{tr(texts::REVISION_COLUMN)}</dt>
                <dd>{move || fill(texts::REVISION, lang.get(), &[("n", &revision.to_string())])}</dd>
            </div>
            <div class="fact">
                <dt>{tr(texts::SITE)}</dt>
                <dd>{receipt.site.name}</dd>
            </div>
            <div class="fact">
                <dt>{tr(texts::HEALTH_CENTER)}</dt>
                <dd>{receipt.health_center.name}</dd>
            </div>
        </dl>
    }
}

/// A report's content: 「患者なし」, or each cell above 0 and each care item.
#[component]
pub fn ReportContent(
    kind: ReportKind,
    period: ReportPeriod,
    no_patients: bool,
    cells: Vec<ReportedCount>,
    items: Vec<ReportedItem>,
) -> impl IntoView {
    let lang = use_lang();
    if no_patients {
        return view! { <p class="review-no-patients">{tr(texts::REVIEW_NO_PATIENTS)}</p> }.into_any();
    }
    let version = form(kind).version_on(period.first_day());
    let band_name = move |code: &str| {
        version
            .and_then(|version| version.age_band(code))
            .map_or_else(|| code.to_owned(), |band| band.name.get(lang.get()).to_owned())
    };
    let item_name = move |code: &str| {
        version
            .and_then(|version| version.care_item(code))
            .map_or_else(|| code.to_owned(), |item| item.name.get(lang.get()).to_owned())
    };
    let cell_rows = cells
        .into_iter()
        .map(|cell| {
            let ReportedCount { disease, age_band, sex, count } = cell;
            view! {
                <tr>
                    <th scope="row">{move || disease_name(kind, period, &disease, lang.get())}</th>
                    <td>{move || band_name(&age_band)}</td>
                    <td>{tr(texts::sex(sex))}</td>
                    <td class="number">{count}</td>
                </tr>
            }
        })
        .collect_view();
    let item_rows = (!items.is_empty()).then(|| {
        let rows = items
            .into_iter()
            .map(|item| {
                let ReportedItem { disease, item, count } = item;
                view! {
                    <tr>
                        <th scope="row">{move || disease_name(kind, period, &disease, lang.get())}</th>
                        <td>{move || item_name(&item)}</td>
                        <td class="number">{count}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <ScrollTable class="table figures" headings=vec![Some(texts::DISEASE), Some(texts::CARE_ITEM), Some(texts::COUNT)]>
                {rows}
            </ScrollTable>
        }
    });
    view! {
        <ScrollTable
            class="table figures"
            headings=vec![Some(texts::DISEASE), Some(texts::AGE_BAND), Some(texts::SEX), Some(texts::COUNT)]
        >
            {cell_rows}
        </ScrollTable>
        {item_rows}
    }
    .into_any()
}
