//! The page a subject of health observation opens from their SMS or e-mail link (`/o/<token>`, issue
//! 19), rendered on the server by Leptos: the birth date that confirms the link, then the day's report
//! (the observation's items only), the confirmation and the earlier reports. Plain HTML forms posted to
//! the server, so that it works on any phone without the staff app's wasm; Japanese with English; a
//! stylesheet and one small script of its own ([`STYLESHEET`], [`OFFLINE_SCRIPT`]), served as files
//! because the CSP allows no inline style or script. What the server decides (is the link alive, is
//! the birth date right, is the report valid) comes in as a [`Screen`]; this crate only renders it.

use domain::api::{ObservationReport, SubjectView, SymptomLabel};
use domain::error::{ErrorCode, FieldError};
use domain::i18n::{Lang, Text};
use leptos::prelude::*;

/// Where the server serves [`STYLESHEET`] and [`OFFLINE_SCRIPT`].
pub const STYLESHEET_PATH: &str = "/o-assets/subject.css";
pub const OFFLINE_SCRIPT_PATH: &str = "/o-assets/subject.js";
pub const STYLESHEET: &str = include_str!("../assets/subject.css");
/// Keeps a report that could not be sent (no network) in the phone's storage and sends it again when
/// the network returns or the page is opened again.
pub const OFFLINE_SCRIPT: &str = include_str!("../assets/subject.js");

/// What the subject is shown.
pub enum Screen<'a> {
    /// The link cannot be used (wrong, expired, revoked, or too many tries from this address): why, in
    /// both languages, and nothing else.
    Refused(Refusal),
    /// The birth date that confirms the link; `failed` after a wrong one or an unreadable date.
    Confirm { token: &'a str, failed: Option<Text> },
    /// The day's report form and the earlier reports.
    Report { token: &'a str, view: &'a SubjectView, answer: Answer<'a> },
}

/// Why a link is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Any [`ErrorCode`] the API would answer (`link_invalid` above all).
    Error(ErrorCode),
    /// Too many failed tries from this address.
    Throttled,
}

/// The server's answer to the report just posted, if any.
pub enum Answer<'a> {
    None,
    /// Stored: the confirmation.
    Sent,
    /// Refused, nothing stored: each problem.
    Problems(&'a [FieldError]),
}

const NOTE_MAX_CHARS: usize = domain::investigation::REPORT_NOTE_MAX_CHARS;
const TITLE: Text = Text::new("健康観察", "Health observation");
const THROTTLED: Text = Text::new(
    "失敗が続いたため、しばらくの間ご利用いただけません。数分後にもう一度お試しください。",
    "Too many failed attempts. Please wait a few minutes and try again.",
);
/// A date the browser sent that is no date (a browser without a date picker).
pub const UNREADABLE_DATE: Text =
    Text::new("生年月日を 1990-04-01 の形で入力してください。", "Enter the date of birth as 1990-04-01.");

/// The whole HTML document of `screen`.
pub fn render(screen: &Screen<'_>) -> String {
    let body = match screen {
        Screen::Refused(refusal) => refused(*refusal).into_any(),
        Screen::Confirm { token, failed } => confirm(token, *failed).into_any(),
        Screen::Report { token, view, answer } => report(token, view, answer).into_any(),
    };
    let document = view! {
        <!DOCTYPE html>
        <html lang="ja">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex" />
                <title>{TITLE.ja}" / "{TITLE.en}</title>
                <link rel="stylesheet" href=STYLESHEET_PATH />
                <script src=OFFLINE_SCRIPT_PATH defer=true></script>
            </head>
            <body>
                <header>
                    <h1>{both(TITLE)}</h1>
                </header>
                <main>{body}</main>
            </body>
        </html>
    };
    document.to_html()
}

/// A text in Japanese, then in English.
fn both(text: Text) -> impl IntoView {
    in_both(text.ja, text.en)
}

fn in_both(ja: &str, en: &str) -> impl IntoView {
    view! {
        <span>{ja.to_owned()}</span>
        " "
        <span lang="en" class="en">{en.to_owned()}</span>
    }
}

/// An API error's message, as the page shows it.
pub fn error_text(code: ErrorCode) -> Text {
    Text::new(code.message(Lang::Ja), code.message(Lang::En))
}

fn refused(refusal: Refusal) -> impl IntoView {
    let text = match refusal {
        Refusal::Error(code) => error_text(code),
        Refusal::Throttled => THROTTLED,
    };
    view! { <p class="problem" role="alert">{both(text)}</p> }
}

fn problem(text: Option<Text>) -> impl IntoView {
    text.map(|text| view! { <p class="problem" role="alert">{both(text)}</p> })
}

fn confirm(token: &str, failed: Option<Text>) -> impl IntoView {
    view! {
        <p>{both(error_text(ErrorCode::LinkConfirmationRequired))}</p>
        {problem(failed)}
        <form method="post" action={format!("/o/{token}/confirm")}>
            <label for="birth_date">{both(Text::new("生年月日", "Date of birth"))}</label>
            <input type="date" id="birth_date" name="birth_date" required=true autocomplete="bday" />
            <button type="submit">{both(Text::new("確認する", "Confirm"))}</button>
        </form>
    }
}

fn report(token: &str, view: &SubjectView, answer: &Answer<'_>) -> impl IntoView {
    let period = format!("{} – {}", view.starts_on, view.ends_on);
    let status = match answer {
        Answer::Sent => Some(view! {
            <p class="sent" role="status" data-answered="sent">
                {both(Text::new("本日の報告を受け付けました。ありがとうございました。", "Today's report was received. Thank you."))}
            </p>
        }
        .into_any()),
        Answer::Problems(problems) => Some(problem_list(problems).into_any()),
        Answer::None if view.reported_today => Some(view! {
            <p class="sent">
                {both(Text::new("本日は報告済みです。訂正するときはもう一度送信してください。", "You have reported today. To correct it, send again."))}
            </p>
        }
        .into_any()),
        Answer::None => None,
    };
    view! {
        <p class="who">{view.health_center.clone()}</p>
        <p class="period">{both(Text::new("観察期間", "Observation period"))}": "{period}</p>
        {status}
        {report_form(token, view)}
        {history(view)}
    }
}

fn problem_list(problems: &[FieldError]) -> impl IntoView {
    let items = problems
        .iter()
        .map(|problem| {
            let text = Text::new(problem.code.message(Lang::Ja), problem.code.message(Lang::En));
            view! { <li>{field_name(&problem.field)}": "{both(text)}</li> }
        })
        .collect_view();
    view! {
        <div class="problem" role="alert" data-answered="refused">
            <p>{both(Text::new("送信できませんでした。次の点を直してください。", "Not sent. Please correct the following."))}</p>
            <ul>{items}</ul>
        </div>
    }
}

fn field_name(field: &str) -> &'static str {
    match field {
        "temperature" => "体温 Temperature",
        "symptoms" => "症状 Symptoms",
        "note" => "その他 Other",
        _ => "報告 Report",
    }
}

fn report_form(token: &str, view: &SubjectView) -> impl IntoView {
    let temperature = view.temperature.then(|| {
        view! {
            <label for="temperature">{both(Text::new("体温（℃）", "Temperature (°C)"))}</label>
            <input type="number" id="temperature" name="temperature" inputmode="decimal" step="0.1" min="34" max="43" required=true />
        }
    });
    let symptoms = (!view.symptoms.is_empty()).then(|| {
        let boxes = view.symptoms.iter().map(symptom_box).collect_view();
        view! {
            <fieldset>
                <legend>{both(Text::new("あてはまる症状", "Symptoms you have"))}</legend>
                {boxes}
            </fieldset>
        }
    });
    let note = view.free_text.then(|| {
        view! {
            <label for="note">{both(Text::new("その他、気になること", "Anything else"))}</label>
            <textarea id="note" name="note" rows="3" maxlength={NOTE_MAX_CHARS.to_string()}></textarea>
        }
    });
    view! {
        <h2>{both(Text::new("今日の報告", "Today's report"))}" "{view.today.to_string()}</h2>
        <form method="post" action={format!("/o/{token}/report")} data-keep-unsent="">
            {temperature}
            {symptoms}
            {note}
            <button type="submit">{both(Text::new("送信する", "Send"))}</button>
            <p id="unsent" class="unsent" role="status" hidden=true>
                {both(Text::new("まだ送信されていません。電波が戻ると自動で送信します。", "Not sent yet: it will be sent when the connection returns."))}
            </p>
        </form>
    }
}

fn symptom_box(symptom: &SymptomLabel) -> impl IntoView {
    let id = format!("symptom-{}", symptom.code);
    view! {
        <label class="choice" for={id.clone()}>
            <input type="checkbox" id={id.clone()} name="symptoms" value={symptom.code.clone()} />
            {in_both(&symptom.ja, &symptom.en)}
        </label>
    }
}

fn history(view: &SubjectView) -> impl IntoView {
    let rows = view.reports.iter().rev().map(|report| history_row(report, &view.symptoms)).collect_view();
    let empty = view
        .reports
        .is_empty()
        .then(|| view! { <p>{both(Text::new("まだ報告はありません。", "No reports yet."))}</p> });
    view! {
        <h2>{both(Text::new("これまでの報告", "Earlier reports"))}</h2>
        {empty}
        <ol class="history">{rows}</ol>
    }
}

fn history_row(report: &ObservationReport, labels: &[SymptomLabel]) -> impl IntoView {
    let temperature = report.temperature.map(|celsius| format!("{celsius:.1} ℃"));
    let symptoms: Vec<String> = report
        .symptoms
        .iter()
        .map(|code| labels.iter().find(|label| &label.code == code).map_or(code.clone(), |label| label.ja.clone()))
        .collect();
    let symptoms = if symptoms.is_empty() { "症状なし No symptoms".to_owned() } else { symptoms.join("、") };
    view! {
        <li>
            <span class="when">{domain::jst::format_jst(report.reported_at)}</span>
            <span>{temperature}</span>
            <span>{symptoms}</span>
            {report.note.clone().map(|note| view! { <span class="note">{note}</span> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use domain::api::{ObservationReport, SubjectView, SymptomLabel};
    use domain::error::{ErrorCode, FieldError, FieldErrorCode};
    use domain::investigation::ReportChannel;
    use time::macros::{date, datetime};

    use super::*;

    fn view(reports: Vec<ObservationReport>) -> SubjectView {
        SubjectView {
            health_center: "北保健所".into(),
            today: date!(2026 - 12 - 06),
            starts_on: date!(2026 - 12 - 01),
            ends_on: date!(2026 - 12 - 21),
            reported_today: false,
            temperature: true,
            symptoms: vec![SymptomLabel { code: "rash".into(), ja: "発しん".into(), en: "Rash".into() }],
            free_text: false,
            reports,
        }
    }

    fn report(note: &str) -> ObservationReport {
        ObservationReport {
            on_date: date!(2026 - 12 - 05),
            reported_at: datetime!(2026-12-05 00:30 UTC),
            temperature: Some(38.0),
            symptoms: vec!["rash".into()],
            note: Some(note.into()),
            channel: ReportChannel::Link,
            recorded_by: None,
        }
    }

    #[test]
    fn a_refusal_says_why_in_both_languages_and_nothing_else() {
        let html = render(&Screen::Refused(Refusal::Error(ErrorCode::LinkInvalid)));
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("このリンクは無効か") && html.contains("This link is not valid"), "{html}");
        assert!(!html.contains("<form"), "{html}");
    }

    #[test]
    fn the_form_asks_only_the_observations_items() {
        let html = render(&Screen::Report { token: "tok", view: &view(vec![]), answer: Answer::None });
        assert!(html.contains(r#"action="/o/tok/report""#), "{html}");
        assert!(html.contains(r#"name="temperature""#) && html.contains(r#"value="rash""#), "{html}");
        assert!(!html.contains(r#"name="note""#), "no free text asked: {html}");
        assert!(!html.contains("<script>") && !html.contains(" style="), "nothing inline for the CSP: {html}");
    }

    #[test]
    fn earlier_reports_are_shown_in_japan_time_and_escaped() {
        let reports = vec![report("<script>alert(1)</script>")];
        let html = render(&Screen::Report { token: "tok", view: &view(reports), answer: Answer::Sent });
        assert!(html.contains("2026-12-05 09:30 JST") && html.contains("38.0 ℃") && html.contains("発しん"), "{html}");
        assert!(html.contains("受け付けました") && !html.contains("<script>alert"), "{html}");
    }

    #[test]
    fn problems_name_the_field_in_both_languages() {
        let problems =
            [FieldError { field: "temperature".into(), code: FieldErrorCode::OutOfRange, message: String::new() }];
        let html = render(&Screen::Report { token: "tok", view: &view(vec![]), answer: Answer::Problems(&problems) });
        assert!(html.contains("体温 Temperature") && html.contains("入力できる範囲を超えています"), "{html}");
        assert!(html.contains(r#"data-answered="refused""#), "{html}");
    }
}
