//! `/notifications/:id`: one notification in full: the receipt, who filed it, and every answer under
//! the labels of its form definition, grouped by section (choices by their label, not their code).

use domain::api::NotificationDetail;
use domain::diseases;
use domain::error::ErrorCode;
use domain::forms::{Answer, Answers, Field, FieldKind, Section};
use domain::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::ApiFailure;
use crate::auth::{use_auth, Session};
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::list::{disease_name, status_text};
use crate::pages::notification::receipt::{NotificationNotFound, ReceiptFacts};

#[component]
pub fn NotificationDetailPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let auth = use_auth();
    let client = session.client;
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let detail = LocalResource::new(move || async move {
        let id = id.get()?;
        let result = client.notification(id).await;
        if let Err(failure) = &result {
            auth.check_failure(failure);
        }
        Some(result)
    });

    view! {
        <PageTitle text=ui::RECEIPT_SECTION />
        {move || match detail.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(None) => view! { <NotificationNotFound /> }.into_any(),
            Some(Some(Err(failure))) if failure.code() == Some(ErrorCode::NotFound) => {
                view! { <NotificationNotFound /> }.into_any()
            }
            Some(Some(Err(failure))) => view! { <LoadFailure failure /> }.into_any(),
            Some(Some(Ok(detail))) => view! { <Detail detail /> }.into_any(),
        }}
        <p class="back"><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

#[component]
fn LoadFailure(failure: ApiFailure) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="alert alert-error" role="alert">
            <p>{move || failure.message(lang.get())}</p>
        </div>
    }
}

#[component]
fn Detail(detail: NotificationDetail) -> impl IntoView {
    let lang = use_lang();
    let summary = detail.summary;
    let disease = summary.disease.clone();
    let form = diseases::find(&summary.disease).map(|disease| disease.form);
    let answers = detail.answers;
    let sections = form.map(|form| {
        form.sections.iter().map(|section| view! { <AnswerSection section answers=answers.clone() /> }).collect_view()
    });
    let status = summary.status;
    view! {
        <h1>
            {move || format!("{}{}", disease_name(&disease, lang.get()), ui::NOTIFICATION_SUFFIX.get(lang.get()))}
        </h1>
        <section class="card" aria-labelledby="detail-receipt-title">
            <h2 id="detail-receipt-title">{tr(ui::RECEIPT_SECTION)}</h2>
            <ReceiptFacts receipt=summary.receipt />
            <dl class="facts">
                <div class="fact">
                    <dt>{tr(ui::STATUS)}</dt>
                    <dd>{move || status_text(status, lang.get())}</dd>
                </div>
                <div class="fact">
                    <dt>{tr(ui::INSTITUTION)}</dt>
                    <dd>{summary.institution.name}</dd>
                </div>
                <div class="fact">
                    <dt>{tr(ui::FILED_BY)}</dt>
                    <dd>{detail.filed_by}</dd>
                </div>
            </dl>
        </section>
        {sections}
    }
}

#[component]
fn AnswerSection(section: &'static Section, answers: Answers) -> impl IntoView {
    let lang = use_lang();
    let rows = section
        .fields
        .iter()
        .filter(|field| field.is_shown(&answers))
        .map(|field| {
            let answer = answers.get(field.id).cloned();
            view! {
                <div class="fact">
                    <dt>{move || field.label.get(lang.get())}</dt>
                    <dd>{move || answer_text(field, answer.as_ref(), lang.get())}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{move || section.title.get(lang.get())}</h2>
            <dl class="facts">{rows}</dl>
        </section>
    }
}

/// An answer as people read it: option labels instead of codes, several joined with "、".
fn answer_text(field: &Field, answer: Option<&Answer>, lang: Lang) -> String {
    let label = |value: &str| match &field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options
            .iter()
            .find(|option| option.value == value)
            .map_or_else(|| value.to_owned(), |option| option.label.get(lang).to_owned()),
        FieldKind::Phone => domain::phone::parse_phone(value).map_or_else(|_| value.to_owned(), |n| n.to_string()),
        FieldKind::Text { .. } | FieldKind::Date | FieldKind::Integer { .. } => value.to_owned(),
    };
    let separator = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    match answer {
        Some(Answer::One(value)) if !value.trim().is_empty() => label(value),
        Some(Answer::Many(values)) if !values.is_empty() => {
            values.iter().map(|value| label(value)).collect::<Vec<_>>().join(separator)
        }
        _ => ui::NOT_ANSWERED.get(lang).to_owned(),
    }
}
