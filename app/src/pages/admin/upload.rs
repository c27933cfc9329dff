//! Where an upload of a file is (the application form, a master): its byte-level progress while
//! sending, "checking" while the server validates, then the answer or the refusal.

use std::future::Future;

use domain::i18n::Text;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiFailure, UploadProgress};
use crate::components::failure::FailureAlert;
use crate::i18n::{fill, ui, use_lang};
use crate::pages::admin::problems::ProblemTable;

/// Where an upload is; `T` is the server's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Upload<T> {
    Idle,
    Sending(UploadProgress),
    Refused(ApiFailure),
    Done(T),
}

impl<T> Upload<T> {
    pub fn is_sending(&self) -> bool {
        matches!(self, Self::Sending(_))
    }

    fn progress(&self) -> Option<UploadProgress> {
        match self {
            Self::Sending(progress) => Some(*progress),
            _ => None,
        }
    }
}

/// Starts `send` (an upload that reports its progress to the callback it is given) and follows it
/// in `state` until the answer (a session that ended meanwhile sends the user to log in, as every
/// answer does).
pub fn start_upload<T, F, Fut>(state: RwSignal<Upload<T>>, send: F)
where
    T: Send + Sync + 'static,
    F: FnOnce(Box<dyn Fn(UploadProgress)>) -> Fut,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    state.set(Upload::Sending(UploadProgress::Sending(None)));
    let answer = send(Box::new(move |progress| state.set(Upload::Sending(progress))));
    spawn_local(async move {
        state.set(match answer.await {
            Ok(done) => Upload::Done(done),
            Err(failure) => Upload::Refused(failure),
        });
    });
}

/// The progress bar and its words while `state` is sending. The live region stays in place, so
/// screen readers hear "checking" after the percentages.
#[component]
pub fn UploadStatus<T>(state: RwSignal<Upload<T>>) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let lang = use_lang();
    let progress = move || state.with(Upload::progress);
    let percent = move || match progress() {
        Some(UploadProgress::Sending(Some(percent))) => Some(percent.to_string()),
        _ => None,
    };
    let words = move || match progress()? {
        UploadProgress::Sending(Some(percent)) => {
            Some(fill(ui::UPLOAD_SENT, lang.get(), &[("n", &percent.to_string())]))
        }
        UploadProgress::Sending(None) => Some(ui::UPLOAD_STARTING.get(lang.get()).to_owned()),
        UploadProgress::Checking => Some(ui::UPLOAD_CHECKING.get(lang.get()).to_owned()),
    };
    view! {
        <div class="upload-status" hidden=move || progress().is_none()>
            // Without a value (size unknown, or checking) the bar is indeterminate.
            <progress max="100" value=percent aria-label=move || ui::UPLOAD_PROGRESS.get(lang.get())></progress>
            <p role="status">{words}</p>
        </div>
    }
}

/// Why the server refused an upload: every problem of the file in a table (under `summary`), or
/// the failure's message.
#[component]
pub fn UploadRefusal(failure: ApiFailure, summary: Text) -> impl IntoView {
    let problems = failure.import_problems().to_vec();
    if problems.is_empty() {
        view! { <FailureAlert failure /> }.into_any()
    } else {
        view! { <ProblemTable problems summary /> }.into_any()
    }
}
