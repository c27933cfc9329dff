//! この端末の届出: the user's items on this device (notifications, sentinel reports) with their state
//! (下書き … エラー), a hint of the patient (initials or age and sex, decrypted only for this view) or
//! the report's form and period, and what can be done next.

use domain::forms::common::SEXES;
use domain::forms::{Answer, Answers};
use domain::i18n::Lang;
use domain::jst::format_jst;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::drafts::{self, Opened};
use super::filing::Filing;
use super::gate::receipt_href;
use super::machine::{ItemState, StateKind};
use super::sync::use_outbox;
use super::words;
use crate::api::Loaded;
use crate::auth::Session;
use crate::components::flash::use_flash;
use crate::i18n::{fill, tr, use_lang};

/// "山・太 6歳 女": initials of the name when the form has one, age and sex when answered (the sex's
/// label from the choices every form offers, [`SEXES`]: the forms themselves are loaded with the
/// screens that show them).
fn patient_hint(answers: &Answers, lang: Lang) -> String {
    let one = |id: &str| match answers.get(id) {
        Some(Answer::One(value)) if !value.trim().is_empty() => Some(value.trim().to_owned()),
        _ => None,
    };
    let initials = one("patient_name").map(|name| {
        name.split_whitespace().filter_map(|part| part.chars().next()).map(String::from).collect::<Vec<_>>().join("・")
    });
    let age = one("patient_age").map(|age| fill(words::PATIENT_AGE, lang, &[("n", &age)]));
    let sex = one("patient_sex").and_then(|value| {
        SEXES.iter().find(|option| option.value == value).map(|option| option.label.get(lang).to_owned())
    });
    [initials, age, sex].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

fn time_text(ms: f64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos((ms * 1_000_000.0) as i128)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format_jst(at)
}

/// The list, read again whenever the outbox changes something.
#[component]
pub fn DeviceWork(session: Session) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let owner = session.me.user_id.clone();
    let items = Loaded::new(move || {
        let owner = owner.clone();
        let _ = outbox.map(|outbox| outbox.changed.get());
        async move { drafts::list(&owner).await }
    });
    // "送信待ちにしました" goes once its notification got a receipt.
    let flash = use_flash();
    Effect::new(move |_| {
        if let Some(Ok(list)) = items.get() {
            for item in list
                .iter()
                .filter(|item| matches!(item.meta.state, ItemState::Received { .. } | ItemState::Returned { .. }))
            {
                flash.sent(item.id);
            }
        }
    });
    let offline = move || outbox.is_some_and(|outbox| !outbox.online.get());
    let login_needed = move || outbox.is_some_and(|outbox| outbox.auth_failure.with(Option::is_some));
    view! {
        <section class="device-work" aria-labelledby="device-work-title">
            <h2 id="device-work-title">{tr(words::ON_DEVICE_TITLE)}</h2>
            <Show when=offline>
                <p class="alert alert-info" role="status">{tr(words::OFFLINE_NOTE)}</p>
            </Show>
            <Show when=login_needed>
                <p class="alert alert-error" role="alert">{tr(words::LOGIN_TO_SEND)}</p>
            </Show>
            {move || match items.get() {
                None => ().into_any(),
                Some(Err(_)) => view! { <p class="alert alert-error" role="alert">{tr(words::DEVICE_ERROR)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="hint">{tr(words::NOTHING_ON_DEVICE)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let rows = list
                        .into_iter()
                        .map(|item| view! { <DeviceItem item owner=session.me.user_id.clone() lang /> })
                        .collect_view();
                    view! { <ul class="device-items">{rows}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn DeviceItem(item: Opened, owner: String, lang: RwSignal<Lang>) -> impl IntoView {
    let outbox = use_outbox();
    let Opened { id, meta, contents, returned_kept } = item;
    let kind = meta.state.kind();
    let answers = contents.as_ref().map(|contents| contents.body.answers()).unwrap_or_default();
    let correction = contents.as_ref().is_some_and(|contents| contents.body.is_correction());
    let reason = contents.and_then(|contents| contents.problem).map(|refusal| refusal.error.code);
    let filing = meta.filing.clone();
    let title = move || match &filing {
        Filing::Notification { disease, animal_report } => {
            crate::pages::inbox::list::subject_name(disease, animal_report.as_deref(), lang.get())
        }
        Filing::SentinelReport { report_kind, period } => {
            crate::pages::sentinel::report_title(*report_kind, *period, lang.get())
        }
        Filing::SyndromicReport { .. } => crate::pages::syndromic::texts::REPORT_TITLE.get(lang.get()).to_owned(),
    };
    let is_notification = matches!(meta.filing, Filing::Notification { .. });
    let hint = move || if is_notification { patient_hint(&answers, lang.get()) } else { String::new() };
    let edited = time_text(meta.updated_ms);
    let resume_href = match &meta.filing {
        Filing::Notification { .. } if correction => format!("/notifications/{id}/correct"),
        Filing::Notification { animal_report: Some(report), .. } => format!("/animal-reports/new/{report}?draft={id}"),
        Filing::Notification { disease, animal_report: None } => format!("/notifications/new/{disease}?draft={id}"),
        Filing::SentinelReport { report_kind, period } => crate::pages::sentinel::draft_href(*report_kind, *period, id),
        Filing::SyndromicReport { .. } => crate::pages::syndromic::draft_href(id),
    };
    let receipt_href = receipt_href(&meta.filing, id);
    let delete = move |_| {
        let confirmed = window().confirm_with_message(words::CONFIRM_DELETE.get(lang.get_untracked())).unwrap_or(false);
        if !confirmed {
            return;
        }
        let owner = owner.clone();
        spawn_local(async move {
            let _ = drafts::delete(&owner, id).await;
            if let Some(outbox) = outbox {
                outbox.touched();
            }
        });
    };
    let detail = match meta.state {
        ItemState::Received { receipt } => view! {
            <p class="device-item-receipt">
                <span class="receipt-number">{receipt.receipt_number().to_owned()}</span>
                " "
                {receipt.health_center().name.clone()}
                " "
                {format_jst(receipt.received_at())}
            </p>
            <a class="link" href=receipt_href>{tr(words::VIEW_RECEIPT)}</a>
        }
        .into_any(),
        // A copy kept on the device opens the correction offline too.
        ItemState::Returned { receipt } => view! {
            <p class="device-item-receipt"><span class="receipt-number">{receipt.receipt_number}</span></p>
            <a class="link" href=format!("/notifications/{id}")>{tr(words::VIEW_RETURNED)}</a>
            {returned_kept
                .then(|| {
                    view! {
                        <div class="device-item-actions">
                            <a class="button button-secondary button-small" href=format!("/notifications/{id}/correct")>
                                {tr(crate::i18n::ui::CORRECT_AND_RESUBMIT)}
                            </a>
                        </div>
                    }
                })}
        }
        .into_any(),
        ItemState::Queued { .. } | ItemState::Sending { .. } => {
            view! { <p class="hint">{tr(words::WILL_SEND)}</p> }.into_any()
        }
        ItemState::Draft | ItemState::Failed => view! {
            {reason.map(|code| view! { <p class="error-text">{move || code.message(lang.get())}</p> })}
            <div class="device-item-actions">
                <a class="button button-secondary button-small" href=resume_href>
                    {if kind == StateKind::Failed { tr(words::CORRECT) } else { tr(words::RESUME) }}
                </a>
                <button type="button" class="button button-text button-small" on:click=delete>
                    {tr(words::DELETE)}
                </button>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class="device-item" data-id=id.to_string()>
            <p class="device-item-title">
                <span class=format!("badge state-{kind:?}").to_ascii_lowercase()>{tr(words::state(kind))}</span>
                " "
                <strong>{title}</strong>
                " "
                <span class="device-item-patient">{hint}</span>
            </p>
            <p class="device-item-time">{tr(words::LAST_EDITED)} " " {edited}</p>
            {detail}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_names_initials_age_and_sex_but_never_the_name() {
        let answers = Answers::from([
            ("patient_name".to_owned(), Answer::One("山田 太郎".to_owned())),
            ("patient_age".to_owned(), Answer::One("6".to_owned())),
            ("patient_sex".to_owned(), Answer::One("female".to_owned())),
        ]);
        assert_eq!(patient_hint(&answers, Lang::Ja), "山・太 6歳 女");
        assert_eq!(patient_hint(&Answers::new(), Lang::Ja), "");
    }
}
