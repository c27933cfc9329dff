//! The maintenance banner (P-1): the stop in force, with the operator's message, on every screen
//! (the login page too), and the next stop scheduled. Read from `GET /maintenance` at start and every
//! [`REREAD_MS`]. Nothing else changes during a stop: drafts stay on the device, and a filing the
//! server refused with 503 stays in the outbox (送信待ち) and is sent after the stop.

use domain::api::{MaintenanceSchedule, MaintenanceStop};
use domain::i18n::Text;
use domain::jst::format_jst;
use leptos::prelude::*;

use crate::api;
use crate::i18n::{tr, use_lang};

/// How often the schedule is read again.
const REREAD_MS: u32 = 15_000;

const IN_FORCE: Text = Text::new(
    "ただいまメンテナンスのため停止しています。入力中の内容と未送信の届出はこの端末に保存されており、停止が終わると送信されます。",
    "todoke is stopped for maintenance. What you entered and unsent filings are kept on this device and sent when the stop ends.",
);
const UNTIL: Text = Text::new("再開予定：", "Expected back: ");
const SCHEDULED: Text = Text::new("メンテナンスの予定：", "Maintenance scheduled: ");

#[component]
pub fn MaintenanceBanner() -> impl IntoView {
    let schedule = RwSignal::new(MaintenanceSchedule::default());
    let read = move || {
        leptos::task::spawn_local(async move {
            // Offline or an old server: no banner (the outbox waits for the network anyway).
            if let Ok(read) = api::maintenance_schedule().await {
                schedule.set(read);
            }
        })
    };
    read();
    let timer = set_interval_with_handle(read, std::time::Duration::from_millis(u64::from(REREAD_MS))).ok();
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    let lang = use_lang();
    let when = move |stop: &MaintenanceStop| {
        let end = stop.ends_at.map(|end| format!(" {}{}", UNTIL.get(lang.get()), format_jst(end)));
        end.unwrap_or_default()
    };
    view! {
        {move || {
            schedule
                .with(|schedule| schedule.current.clone())
                .map(|stop| {
                    view! {
                        <div class="alert alert-warning maintenance-banner" role="alert">
                            <p><strong>{tr(IN_FORCE)}</strong></p>
                            <p class="maintenance-message">{stop.message.clone()}{when(&stop)}</p>
                        </div>
                    }
                })
        }}
        {move || {
            schedule
                .with(|schedule| schedule.upcoming.first().cloned())
                .map(|stop| {
                    view! {
                        <div class="alert alert-info maintenance-scheduled" role="status">
                            <p>
                                {tr(SCHEDULED)}
                                {format_jst(stop.starts_at)}
                                {when(&stop)}
                                " "
                                {stop.message.clone()}
                            </p>
                        </div>
                    }
                })
        }}
    }
}
