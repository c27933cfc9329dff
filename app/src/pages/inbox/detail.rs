//! `/notifications/:id`: one notification in full: the receipt, who filed it, every answer under the
//! labels of its form definition grouped by section (choices by their label, not their code), and its
//! history; the health center's steps while it waits, the filer's way to correct it once returned and
//! to withdraw it until it is accepted.
//! Printed, it is laid out like the paper form on A4 (style/print.css).

use domain::api::{NotificationDetail, WorkflowAction};
use domain::dates::format_era;
use domain::error::ErrorCode;
use domain::forms::{Answer, Answers, Field, FieldKind, Section};
use domain::i18n::{Lang, Text};
use domain::jst::date_in_japan;
use domain::validation::notification_form;
use domain::workflow::{NotificationWorkflow, Workflow};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use time::Date;
use uuid::Uuid;

use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::print::PrintButton;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::lazy::with_form;
use crate::pages::inbox::filer::FilerFacts;
use crate::pages::inbox::history::{revision_text, History};
use crate::pages::inbox::list::{notification_title, status_badge_class, status_text, WorkflowFlags};
use crate::pages::inbox::steps::{Step, WorkflowSteps};
use crate::pages::investigations::start::{may_start, StartInvestigation};
use crate::pages::notification::changes::ChangedItems;
use crate::pages::notification::receipt::{NotificationNotFound, ReceiptFacts};

/// What loading the notification named by the path's `:id` gives: `None` for a malformed id.
pub type LoadedNotification = LocalResource<Option<Result<NotificationDetail, ApiFailure>>>;

/// Loads the notification named by the path's `:id` (a lost session leads to the login).
pub fn use_notification_in_path(client: Authed) -> LoadedNotification {
    load_notification_in_path(move |id| client.notification(id))
}

/// Loads the notification named by the path's `:id` with `load`.
pub fn load_notification_in_path<F, Fut>(load: F) -> LoadedNotification
where
    F: Fn(Uuid) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<NotificationDetail, ApiFailure>> + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    LocalResource::new(move || {
        let loading = id.get().map(&load);
        async move { Some(loading?.await) }
    })
}

/// `page` with the loaded notification; meanwhile "loading", and instead "not found" or the failure.
#[component]
pub fn WhenLoaded<F>(loaded: LoadedNotification, page: F) -> impl IntoView
where
    F: Fn(NotificationDetail) -> AnyView + Send + Sync + 'static,
{
    move || match loaded.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(None) => view! { <NotificationNotFound /> }.into_any(),
        Some(Some(Err(failure))) if failure.code() == Some(ErrorCode::NotFound) => {
            view! { <NotificationNotFound /> }.into_any()
        }
        Some(Some(Err(failure))) => view! { <FailureAlert failure /> }.into_any(),
        Some(Some(Ok(detail))) => page(detail),
    }
}

#[component]
pub fn NotificationDetailPage(session: Session) -> impl IntoView {
    let loaded = use_notification_in_path(session.client);
    let reload = Callback::new(move |()| loaded.refetch());
    let page = move |detail| view! { <Detail detail session=session.clone() reload /> }.into_any();
    view! {
        <PageTitle text=ui::RECEIPT_SECTION />
        <WhenLoaded loaded page />
        <p class="back no-print"><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

/// The notification as last answered by the server; a workflow step replaces it with its result.
#[component]
fn Detail(detail: NotificationDetail, session: Session, reload: Callback<()>) -> impl IntoView {
    let current = RwSignal::new(detail);
    let done = RwSignal::new(None::<Text>);
    let on_done = Callback::new(move |(detail, text): (NotificationDetail, Text)| {
        current.set(detail);
        done.set(Some(text));
    });
    move || {
        let detail = current.get();
        let session = session.clone();
        view! {
            {move || done.get().map(|text| view! { <p class="alert alert-success no-print" role="status">{tr(text)}</p> })}
            <NotificationView detail session on_done reload />
        }
    }
}

#[component]
fn NotificationView(
    detail: NotificationDetail,
    session: Session,
    on_done: Callback<(NotificationDetail, Text)>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let summary = detail.summary;
    let id = summary.receipt.notification_id;
    let disease = summary.disease.clone();
    let animal_report = summary.animal_report.clone();
    let form = notification_form(&summary.disease, animal_report.as_deref()).map(|found| found.form);
    let answers = detail.answers;
    let changed = form.zip(detail.previous_version).map(|(form, previous)| {
        let (answers, revision) = (answers.clone(), summary.revision);
        with_form(form, move |form| view! { <ChangedItems form previous answers revision /> }.into_any())
    });
    let sections = form.map(|form| {
        with_form(form, move |form| {
            form.sections
                .iter()
                .map(|section| view! { <AnswerSection section answers=answers.clone() /> })
                .collect_view()
                .into_any()
        })
    });
    let status = summary.status;
    let open_steps = NotificationWorkflow::steps_open_to(session.me.role, status);
    let staff_steps = Step::among(&open_steps);
    let steps = (!staff_steps.is_empty()).then(|| {
        view! {
            <WorkflowSteps
                client=session.client
                id
                steps=staff_steps
                current_health_center=summary.health_center.code.clone()
                on_done
                on_reload=reload
            />
        }
    });
    let investigation = may_start(session.me.role, &summary)
        .then(|| view! { <StartInvestigation client=session.client notification=id /> });
    let filer_must_correct = open_steps.contains(&WorkflowAction::Resubmitted);
    let correction = filer_must_correct.then(|| {
        let comment = summary.return_comment.clone();
        view! { <ReturnNotice id comment /> }
    });
    let is_animal_report = summary.animal_report.is_some();
    let statute = if is_animal_report { ui::PRINT_STATUTE_ANIMAL } else { ui::PRINT_STATUTE };
    let reported_on = date_in_japan(summary.receipt.received_at);
    let flags = view! { <WorkflowFlags urgent=summary.urgent overdue=summary.overdue /> };
    // Printed, the sheet reads like the paper 発生届 (style/print.css): title, addressee, the statute's
    // sentence, 報告年月日, the reporter, the numbered items; todoke's receipt and history come last.
    view! {
        <div class="notification-sheet">
            <p class="print-only print-form-title">{tr(ui::PRINT_FORM_TITLE)}</p>
            <h1>
                {move || notification_title(&disease, animal_report.as_deref(), lang.get())}
            </h1>
            <p class="print-only print-addressee">{tr(ui::PRINT_ADDRESSEE)}</p>
            <p class="print-only print-statute">{tr(statute)}</p>
            <p class="print-only print-report-date">
                {tr(ui::PRINT_REPORT_DATE)}
                "　"
                {move || report_date_text(reported_on, lang.get())}
            </p>
            <p class="row-heading no-print">
                <span class=status_badge_class(status)>{move || status_text(status, lang.get())}</span>
                {flags}
            </p>
            {correction}
            {steps}
            {investigation}
            <section class="card detail-receipt" aria-labelledby="detail-receipt-title">
                <h2 id="detail-receipt-title">{tr(ui::RECEIPT_SECTION)}</h2>
                <ReceiptFacts receipt=summary.receipt />
                <dl class="facts">
                    <div class="fact">
                        <dt>{tr(ui::STATUS)}</dt>
                        <dd>{move || status_text(status, lang.get())}</dd>
                    </div>
                    <div class="fact">
                        <dt>{tr(ui::HEALTH_CENTER_NOW)}</dt>
                        <dd>{summary.health_center.name}</dd>
                    </div>
                    <div class="fact">
                        <dt>{tr(ui::REVISION)}</dt>
                        <dd>{move || revision_text(summary.revision, lang.get())}</dd>
                    </div>
                </dl>
            </section>
            {changed}
            <FilerFacts filer=detail.filer institution_now=summary.institution.name login=detail.filed_by animal_report=is_animal_report />
            {sections}
            <History history=detail.history />
            <PrintButton />
        </div>
    }
}

/// 報告年月日 as the paper form writes it: in the Japanese era (令和8年12月6日); ISO in English.
fn report_date_text(day: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format_era(day).unwrap_or_else(|| day.to_string()),
        Lang::En => day.to_string(),
    }
}

/// The filer's view of a returned notification: what the health center asked, and where to correct it.
#[component]
fn ReturnNotice(id: uuid::Uuid, comment: Option<String>) -> impl IntoView {
    view! {
        <div class="alert alert-warning no-print" role="status">
            <p class="alert-title">{tr(ui::RETURNED_NOTICE)}</p>
            {comment.map(|comment| view! { <blockquote class="return-comment">{comment}</blockquote> })}
            <a class="button button-primary" href=format!("/notifications/{id}/correct")>{tr(ui::CORRECT_AND_RESUBMIT)}</a>
        </div>
    }
}

/// One section of the form's answers, as a list of items. On the detail (and printed) every item that
/// applies is listed, unanswered ones too, as the paper form has them; on the review screen (`review`)
/// only the answered ones are, the others named on one line after them, so that the review is short
/// on a phone and still says what was left out.
#[component]
pub fn AnswerSection(section: &'static Section, answers: Answers, #[prop(optional)] review: bool) -> impl IntoView {
    let lang = use_lang();
    let shown: Vec<&'static Field> = section.fields.iter().filter(|field| field.is_shown(&answers)).collect();
    // A section whose every item does not apply (the guardian of an adult) is left out, on paper too.
    (!shown.is_empty()).then(|| {
        let (listed, left_out): (Vec<&'static Field>, Vec<&'static Field>) = shown
            .into_iter()
            .partition(|field| !review || answered_text(field, answers.get(field.id), Lang::Ja).is_some());
        let rows = listed
            .into_iter()
            .map(|field| {
                let answer = answers.get(field.id).cloned();
                // Printed, short answers share a line two by two (style/print.css).
                let text = answered_text(field, answer.as_ref(), Lang::Ja).unwrap_or_default();
                let class = if is_short(&text) { "fact fact-short" } else { "fact" };
                view! {
                    <div class=class>
                        <dt>{move || field.label.get(lang.get())}</dt>
                        <dd>
                            <AnswerValue field answer />
                        </dd>
                    </div>
                }
            })
            .collect_view();
        let unanswered = (!left_out.is_empty()).then(|| {
            let labels = move || {
                let names: Vec<&str> = left_out.iter().map(|field| field.label.get(lang.get())).collect();
                fill(ui::NOT_ANSWERED_ITEMS, lang.get(), &[("items", &names.join(list_separator(lang.get())))])
            };
            view! { <p class="unanswered-items">{labels}</p> }
        });
        view! {
            <section class="card answer-section">
                <h2>{move || section.title.get(lang.get())}</h2>
                <dl class="facts">{rows}</dl>
                {unanswered}
            </section>
        }
    })
}

/// Whether an answer is short enough to print in half the width of the sheet (a date, a choice, a
/// name), beside another.
fn is_short(answer: &str) -> bool {
    answer.chars().count() <= SHORT_ANSWER_CHARS
}

/// The longest answer printed in half the sheet's width: two lines of it at 9 pt.
const SHORT_ANSWER_CHARS: usize = 24;

fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    }
}

/// An answer as people read it: option labels instead of codes, several joined with "、"; `None` when
/// the item was not answered.
pub fn answered_text(field: &Field, answer: Option<&Answer>, lang: Lang) -> Option<String> {
    let label = |value: &str| match &field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options
            .iter()
            .find(|option| option.value == value)
            .map_or_else(|| value.to_owned(), |option| option.label.get(lang).to_owned()),
        FieldKind::Phone => domain::phone::parse_phone(value).map_or_else(|_| value.to_owned(), |n| n.to_string()),
        FieldKind::Text { .. } | FieldKind::Kana { .. } | FieldKind::Date | FieldKind::Integer { .. } => {
            value.to_owned()
        }
    };
    match answer {
        Some(Answer::One(value)) if !value.trim().is_empty() => Some(label(value)),
        Some(Answer::Many(values)) if !values.is_empty() => {
            Some(values.iter().map(|value| label(value)).collect::<Vec<_>>().join(list_separator(lang)))
        }
        _ => None,
    }
}

/// An answer on screen, or 「（未記入）」 for none. Printed, an unanswered item is left blank, as on the
/// official form (style/print.css hides `.not-answered`).
#[component]
pub fn AnswerValue(field: &'static Field, answer: Option<Answer>) -> impl IntoView {
    let lang = use_lang();
    move || match answered_text(field, answer.as_ref(), lang.get()) {
        Some(text) => text.into_any(),
        None => view! { <span class="not-answered">{tr(ui::NOT_ANSWERED)}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_report_date_is_written_in_the_era_in_japanese() {
        assert_eq!(report_date_text(date!(2026 - 12 - 06), Lang::Ja), "令和8年12月6日");
        assert_eq!(report_date_text(date!(2019 - 05 - 01), Lang::Ja), "令和元年5月1日");
        assert_eq!(report_date_text(date!(2026 - 12 - 06), Lang::En), "2026-12-06");
    }

    #[test]
    fn answers_up_to_the_limit_print_beside_another() {
        assert!(is_short("2026-11-04"));
        assert!(is_short(&"あ".repeat(SHORT_ANSWER_CHARS)));
        assert!(!is_short(&"あ".repeat(SHORT_ANSWER_CHARS + 1)));
    }
}
