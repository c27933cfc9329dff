//! 受付完了: the receipt shown after filing (receipt number, time in JST, receiving health center).
//! Receipts just received are kept in memory; after a reload the page asks the server again.

use domain::api::Receipt;
use domain::jst::format_jst;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{DetailSummary, Loaded};
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::components::print::PrintButton;
use crate::i18n::{tr, ui, use_lang};

/// Receipts received during this visit, newest last.
#[derive(Debug, Clone, Copy)]
pub struct RecentReceipts(StoredValue<Vec<Receipt>>);

impl RecentReceipts {
    pub fn new() -> Self {
        Self(StoredValue::new(Vec::new()))
    }

    pub fn remember(self, receipt: Receipt) {
        self.0.update_value(|receipts| {
            receipts.retain(|known| known.notification_id != receipt.notification_id);
            receipts.push(receipt);
        });
    }

    pub fn find(self, id: Uuid) -> Option<Receipt> {
        self.0.with_value(|receipts| receipts.iter().find(|receipt| receipt.notification_id == id).cloned())
    }

    pub fn clear(self) {
        self.0.update_value(Vec::clear);
    }
}

impl Default for RecentReceipts {
    fn default() -> Self {
        Self::new()
    }
}

/// `/receipt/:id`.
#[component]
pub fn ReceiptPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let recent = use_context::<RecentReceipts>().unwrap_or_default();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let client = session.client;
    let receipt = Loaded::new(move || async move {
        let id = id.get()?;
        if let Some(receipt) = recent.find(id) {
            return Some(Ok(receipt));
        }
        Some(client.notification(id).await.map(|detail: DetailSummary| detail.summary.receipt))
    });

    view! {
        <PageTitle text=ui::RECEIVED_TITLE />
        {move || match receipt.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(None) => {
                view! { <NotificationNotFound /> <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p> }.into_any()
            }
            Some(Some(Err(failure))) if failure.code() == Some(domain::error::ErrorCode::NotFound) => {
                view! { <NotificationNotFound /> <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p> }.into_any()
            }
            Some(Some(Err(failure))) => view! {
                <div class="alert alert-error" role="alert">
                    <p>{move || failure.message(lang.get())}</p>
                </div>
                <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
            }
            .into_any(),
            Some(Some(Ok(receipt))) => {
                let detail_href = format!("/notifications/{}", receipt.notification_id);
                view! {
                    <section class="receipt" aria-labelledby="receipt-title">
                        <h1 id="receipt-title" class="receipt-title">{tr(ui::RECEIVED_TITLE)}</h1>
                        <p>{tr(ui::RECEIVED_BODY)}</p>
                        <ReceiptFacts receipt />
                    </section>
                    <ul class="actions no-print">
                        <li><a class="button button-primary" href="/">{tr(ui::BACK_HOME)}</a></li>
                        <li><a class="button button-secondary" href=detail_href>{tr(ui::VIEW_DETAIL)}</a></li>
                    </ul>
                    <PrintButton />
                }
                .into_any()
            }
        }}
    }
}

/// What a missing (or not visible) notification shows instead, with a way home.
#[component]
pub fn NotificationNotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{tr(ui::NOTIFICATION_NOT_FOUND)}</h1>
        <p>{move || domain::error::ErrorCode::NotFound.message(lang.get())}</p>
    }
}

/// 受付番号, 受付日時 (JST) and 届出先保健所 as a description list.
#[component]
pub fn ReceiptFacts(receipt: Receipt) -> impl IntoView {
    view! {
        <dl class="facts">
            <div class="fact">
                <dt>{tr(ui::RECEIPT_NUMBER)}</dt>
                <dd class="receipt-number">{receipt.receipt_number}</dd>
            </div>
            <div class="fact">
                <dt>{tr(ui::RECEIVED_AT)}</dt>
                <dd>{format_jst(receipt.received_at)}</dd>
            </div>
            <div class="fact">
                <dt>{tr(ui::HEALTH_CENTER)}</dt>
                <dd>{receipt.health_center.name}</dd>
            </div>
        </dl>
    }
}
