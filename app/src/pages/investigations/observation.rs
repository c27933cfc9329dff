//! Health observation (健康観察): starting it from a case (`StartObservationForm`, the period from
//! the disease's rule, editable, and the items), and `/observations/:id`: the subject, period and
//! items, the reports by day, and the steps the observation workflow opens: a report taken by
//! telephone, sending the subject's personal link by SMS or e-mail, closing it.

use domain::api::{
    CaseSummary, CloseRequest, Contact, LinkSent, NewObservation, NewObservationReport, ObservationDetail,
    ObservationItems, ObservationReport, ObservationSummary, Role, SendLinkRequest,
};
use domain::error::FieldError;
use domain::forms::ChoiceOption;
use domain::i18n::{Lang, Text};
use domain::investigation::{
    check_items, check_period, check_report, default_period, disease_symptoms, observation_days, LinkChannel,
    ObservationStep, ObservationWorkflow, ReportChannel,
};
use domain::jst::format_jst;
use domain::workflow::Workflow;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use time::{Date, Duration};
use uuid::Uuid;

use super::{
    missing, observation_status_text, period_text, texts, today, typed_date, typed_text, CloseForm, FoldedForm,
    FormField, RecordPage, StatusBadge, Submission, SubmitButton,
};
use crate::api::Authed;
use crate::auth::Session;
use crate::components::choice::RadioChoice;
use crate::components::multiline_input::MultilineInput;
use crate::i18n::{fill, tr, use_lang};
use crate::pages::inbox::list::subject_name;

/// Checkboxes of `options`, those in `chosen` ticked.
#[component]
fn SymptomChoices(
    group: &'static str,
    options: Vec<ChoiceOption>,
    chosen: RwSignal<Vec<&'static str>>,
) -> impl IntoView {
    options
        .into_iter()
        .map(|option| {
            let id = format!("{group}-{}", option.value);
            let value = option.value;
            view! {
                <div class="choice">
                    <input
                        id=id.clone()
                        class="choice-input"
                        type="checkbox"
                        prop:checked=move || chosen.with(|chosen| chosen.contains(&value))
                        on:change=move |event| {
                            let ticked = event_target_checked(&event);
                            chosen.update(|chosen| {
                                chosen.retain(|code| *code != value);
                                if ticked {
                                    chosen.push(value);
                                }
                            });
                        }
                    />
                    <label class="choice-label" for=id>{tr(option.label)}</label>
                </div>
            }
        })
        .collect_view()
}

/// A checkbox bound to `checked`.
#[component]
fn Tick(id: &'static str, label: Text, checked: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="choice">
            <input
                id=id
                class="choice-input"
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |event| checked.set(event_target_checked(&event))
            />
            <label class="choice-label" for=id>{tr(label)}</label>
        </div>
    }
}

/// The options of the disease's symptom list among `codes`, in the list's order.
fn symptom_options(disease: &str, codes: &[String]) -> Vec<ChoiceOption> {
    disease_symptoms(disease).iter().filter(|option| codes.iter().any(|code| code == option.value)).cloned().collect()
}

/// Symptom codes as the disease's list names them, joined.
fn symptoms_text(disease: &str, codes: &[String], lang: Lang) -> String {
    let labels: Vec<_> = symptom_options(disease, codes).iter().map(|option| option.label.get(lang)).collect();
    labels.join(if lang == Lang::Ja { "、" } else { ", " })
}

/// The first day of the disease's period for the subject: a contact's day after the last exposure,
/// the case's today (the server's `observations::start` starts from the same days).
fn period_for(disease: &str, contact: Option<&Contact>) -> (Date, Date) {
    let from = contact.map_or_else(today, |contact| contact.last_exposure + Duration::DAY);
    default_period(disease, from)
}

/// Starts the observation of the case or of one of its listed `contacts`, then opens it.
#[component]
pub fn StartObservationForm(client: Authed, case: CaseSummary, contacts: Vec<Contact>) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let navigate = StoredValue::new_local(use_navigate());
    let disease = case.disease.clone();
    let contacts = StoredValue::new(contacts);
    let subject = RwSignal::new(None::<Uuid>);
    let (from, until) = period_for(&disease, None);
    let (starts_on, ends_on) = (RwSignal::new(from.to_string()), RwSignal::new(until.to_string()));
    let temperature = RwSignal::new(true);
    let free_text = RwSignal::new(true);
    let symptoms = RwSignal::new(disease_symptoms(&disease).iter().map(|option| option.value).collect::<Vec<_>>());
    let choose_subject = {
        let disease = disease.clone();
        move |event: leptos::ev::Event| {
            let chosen = Uuid::parse_str(&event_target_value(&event)).ok();
            subject.set(chosen);
            let (from, until) = contacts.with_value(|contacts| {
                period_for(&disease, contacts.iter().find(|contact| Some(contact.id) == chosen))
            });
            starts_on.set(from.to_string());
            ends_on.set(until.to_string());
        }
    };
    let checked = {
        let disease = disease.clone();
        move || -> Result<NewObservation, Vec<FieldError>> {
            let items = ObservationItems {
                temperature: temperature.get_untracked(),
                symptoms: symptoms.get_untracked().into_iter().map(str::to_owned).collect(),
                free_text: free_text.get_untracked(),
            };
            let (from, until) = (typed_date(&starts_on.get_untracked()), typed_date(&ends_on.get_untracked()));
            let mut errors = check_items(&disease, &items).err().unwrap_or_default();
            errors.extend(from.is_none().then(|| missing("starts_on")));
            errors.extend(until.is_none().then(|| missing("ends_on")));
            if let (Some(from), Some(until)) = (from, until) {
                errors.extend(check_period(from, until).err());
            }
            let subject = subject.get_untracked();
            let request = NewObservation {
                case_id: subject.is_none().then_some(case.id),
                contact_id: subject,
                starts_on: from,
                ends_on: until,
                items,
            };
            if errors.is_empty() {
                Ok(request)
            } else {
                Err(errors)
            }
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submission.send(
            checked(),
            move |request| async move { client.start_observation(&request).await },
            move |detail: ObservationDetail| {
                let path = format!("/observations/{}", detail.observation.id);
                navigate.with_value(|navigate| navigate(&path, Default::default()));
            },
        );
    };
    let subjects = contacts.with_value(|contacts| {
        contacts
            .iter()
            .map(|contact| view! { <option value=contact.id.to_string()>{format!("{} {}", contact.contact_number, contact.name)}</option> })
            .collect_view()
    });
    let period_help = {
        let disease = disease.clone();
        move || {
            let lang = lang.get();
            let days = observation_days(&disease).to_string();
            fill(texts::PERIOD_HELP, lang, &[("disease", &subject_name(&disease, None, lang)), ("days", &days)])
        }
    };
    let symptom_list: Vec<ChoiceOption> = disease_symptoms(&disease).to_vec();
    view! {
        <FoldedForm title=texts::START_OBSERVATION submission>
            <form class="form" novalidate on:submit=on_submit>
                <FormField id="observation-subject" field="contact_id" label=texts::OBSERVED_SUBJECT submission required=true>
                    <select id="observation-subject" class="input input-select" on:change=choose_subject>
                        <option value="">{tr(texts::THE_CASE_ITSELF)}</option>
                        {subjects}
                    </select>
                </FormField>
                <p class="field-support">{period_help}</p>
                <FormField id="observation-from" field="starts_on" label=texts::STARTS_ON submission required=true>
                    <input id="observation-from" class="input" type="date" aria-describedby="observation-from-error"
                        prop:value=move || starts_on.get() on:input=move |event| starts_on.set(event_target_value(&event)) />
                </FormField>
                <FormField id="observation-until" field="ends_on" label=texts::ENDS_ON submission required=true>
                    <input id="observation-until" class="input" type="date" aria-describedby="observation-until-error"
                        prop:value=move || ends_on.get() on:input=move |event| ends_on.set(event_target_value(&event)) />
                </FormField>
                <fieldset class="field">
                    <legend class="field-label">{tr(texts::ITEMS)}</legend>
                    <Tick id="item-temperature" label=texts::TEMPERATURE_ITEM checked=temperature />
                    <SymptomChoices group="item-symptom" options=symptom_list chosen=symptoms />
                    <Tick id="item-free-text" label=texts::FREE_TEXT_ITEM checked=free_text />
                    <p class="field-error">{move || submission.errors.with(|errors| errors.iter().find(|error| error.field.starts_with("items")).map(|error| crate::pages::inbox::steps::field_error_text(error, lang.get())))}</p>
                </fieldset>
                <SubmitButton label=texts::START_OBSERVATION submission />
            </form>
        </FoldedForm>
    }
}

#[component]
pub fn ObservationPage(session: Session) -> impl IntoView {
    let client = session.client;
    let role = session.me.role;
    let page = move |detail: ObservationDetail, changed: Changed| {
        view! { <Observation detail client role changed /> }.into_any()
    };
    view! { <RecordPage title=texts::OBSERVATION_TITLE load=move |id: Uuid| client.observation(id) page /> }
}

type Changed = super::Changed<ObservationDetail>;

#[component]
fn Observation(detail: ObservationDetail, client: Authed, role: Role, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let ObservationDetail { observation, reports } = detail;
    let id = observation.id;
    let steps = ObservationWorkflow::steps_open_to(role, observation.status);
    let step = |step: ObservationStep| steps.contains(&step);
    let name = observation.subject_name.clone();
    let heading = move || fill(texts::OBSERVATION_HEADING, lang.get(), &[("name", &name)]);
    let report_form = step(ObservationStep::RecordReport)
        .then(|| view! { <ReportForm client observation=observation.clone() changed /> });
    let link_form = step(ObservationStep::ManageLink).then(|| {
        view! {
            <LinkForm client id changed />
            <RevokeLinksForm client id changed />
        }
    });
    let close_form = step(ObservationStep::Close).then(|| {
        let close = move |reason| async move { client.close_observation(id, &CloseRequest { reason }).await.map(drop) };
        let on_closed = Callback::new(move |()| {
            changed.run((None, texts::OBSERVATION_CLOSED.get(lang.get_untracked()).to_owned()))
        });
        view! { <CloseForm title=texts::CLOSE_OBSERVATION close on_closed /> }
    });
    let closed_note = steps.is_empty().then(|| view! { <p class="field-support">{tr(texts::NO_STEPS)}</p> });
    let disease = observation.disease.clone();
    view! {
        <h1>{heading}</h1>
        <ObservationFacts observation=observation.clone() />
        {closed_note}
        <section aria-labelledby="reports-title">
            <h2 id="reports-title">{tr(texts::REPORTS)}</h2>
            <Reports disease reports />
            {report_form}
        </section>
        {link_form}
        {close_form}
        <p class="back"><a class="link" href=format!("/cases/{}", observation.case_id)>{tr(texts::BACK_TO_CASE)}</a></p>
    }
}

/// 疾病, 観察期間, 状態, 報告してもらう項目 (and the reason once closed).
#[component]
fn ObservationFacts(observation: ObservationSummary) -> impl IntoView {
    let lang = use_lang();
    let ObservationSummary { disease, starts_on, ends_on, items, status, closed_reason, .. } = observation;
    let items_text = {
        let disease = disease.clone();
        move || {
            let lang = lang.get();
            let symptoms = symptoms_text(&disease, &items.symptoms, lang);
            [
                items.temperature.then(|| texts::TEMPERATURE_ITEM.get(lang).to_owned()),
                (!symptoms.is_empty()).then_some(symptoms),
                items.free_text.then(|| texts::FREE_TEXT_ITEM.get(lang).to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ")
        }
    };
    let facts = [
        (texts::DISEASE, view! { {move || subject_name(&disease, None, lang.get())} }.into_any()),
        (texts::PERIOD, view! { {move || period_text(starts_on, ends_on, lang.get())} }.into_any()),
        (texts::STATUS, view! { <StatusBadge code=status.into() text=observation_status_text(status) /> }.into_any()),
        (texts::ITEMS, view! { {items_text} }.into_any()),
    ]
    .into_iter()
    .chain(closed_reason.map(|reason| (texts::CLOSED_REASON, view! { {reason} }.into_any())))
    .map(|(term, value)| view! { <div class="fact"><dt>{tr(term)}</dt><dd>{value}</dd></div> })
    .collect_view();
    view! { <dl class="facts">{facts}</dl> }
}

/// The reports, newest day first: temperature, symptoms, note, and how each came.
#[component]
fn Reports(disease: String, reports: Vec<ObservationReport>) -> impl IntoView {
    if reports.is_empty() {
        return view! { <p class="empty">{tr(texts::REPORTS_NONE)}</p> }.into_any();
    }
    let lang = use_lang();
    let items = reports
        .into_iter()
        .rev()
        .map(|report| {
            let disease = disease.clone();
            let ObservationReport { on_date, reported_at, temperature, symptoms, note, channel, recorded_by } = report;
            let temperature = temperature.map(|t| format!("{t:.1} ℃"));
            let symptoms = move || {
                let text = symptoms_text(&disease, &symptoms, lang.get());
                if text.is_empty() {
                    texts::NO_SYMPTOMS.get(lang.get()).to_owned()
                } else {
                    text
                }
            };
            let by = recorded_by.unwrap_or_default();
            let came = move || match channel {
                ReportChannel::Telephone => fill(texts::BY_TELEPHONE, lang.get(), &[("by", &by)]),
                ReportChannel::Link => texts::BY_LINK.get(lang.get()).to_owned(),
            };
            view! {
                <li class="investigation-report">
                    <p class="row-heading">
                        <strong>{on_date.to_string()}</strong>
                        " "
                        <span class="report-temperature">{temperature}</span>
                    </p>
                    <p>{symptoms}</p>
                    {note.map(|note| view! { <p class="investigation-text">{note}</p> })}
                    <p class="row-meta">{format_jst(reported_at)} "　" {came}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="investigation-list">{items}</ol> }.into_any()
}

/// What the telephone report form holds, as typed.
#[derive(Debug, Clone)]
struct TypedReport {
    on_date: String,
    temperature: String,
    note: String,
}

impl TypedReport {
    /// The report as the server takes it, checked with its check against the observation.
    fn checked(
        &self,
        symptoms: Vec<&'static str>,
        observation: &ObservationSummary,
    ) -> Result<NewObservationReport, Vec<FieldError>> {
        let typed_temperature = typed_text(&self.temperature);
        let temperature = typed_temperature.as_deref().and_then(|text| text.replace(',', ".").parse::<f64>().ok());
        let report = NewObservationReport {
            on_date: typed_date(&self.on_date),
            temperature,
            symptoms: symptoms.into_iter().map(str::to_owned).collect(),
            note: typed_text(&self.note),
        };
        let mut errors = check_report(&report, observation, today()).err().unwrap_or_default();
        // A temperature typed that is not a number: refused as out of range rather than as missing.
        if typed_temperature.is_some() && temperature.is_none() {
            errors.retain(|error| error.field != "temperature");
            errors.push(FieldError {
                field: "temperature".into(),
                code: domain::error::FieldErrorCode::OutOfRange,
                message: domain::error::FieldErrorCode::OutOfRange.message(Lang::Ja).to_owned(),
            });
        }
        if errors.is_empty() {
            Ok(report)
        } else {
            Err(errors)
        }
    }
}

/// A day's report taken by telephone: the day (today), and the observation's items.
#[component]
fn ReportForm(client: Authed, observation: ObservationSummary, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let id = observation.id;
    let typed =
        RwSignal::new(TypedReport { on_date: today().to_string(), temperature: String::new(), note: String::new() });
    let symptoms = RwSignal::new(Vec::<&'static str>::new());
    let options = symptom_options(&observation.disease, &observation.items.symptoms);
    let items = observation.items.clone();
    let (first, last) = (observation.starts_on, observation.ends_on.min(today()));
    let stored = StoredValue::new(observation);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let checked = stored.with_value(|observation| {
            typed.with_untracked(|typed| typed.checked(symptoms.get_untracked(), observation))
        });
        submission.send(
            checked,
            move |report| async move { client.record_report(id, &report).await },
            move |detail| changed.run((Some(detail), texts::REPORT_RECORDED.get(lang.get_untracked()).to_owned())),
        );
    };
    let set = move |apply: fn(&mut TypedReport, String)| {
        move |event: leptos::ev::Event| typed.update(|typed| apply(typed, event_target_value(&event)))
    };
    let temperature = items.temperature.then(|| view! {
        <FormField id="report-temperature" field="temperature" label=texts::TEMPERATURE submission required=true>
            <input id="report-temperature" class="input input-number" type="text" inputmode="decimal" autocomplete="off"
                aria-describedby="report-temperature-error"
                prop:value=move || typed.with(|typed| typed.temperature.clone())
                on:input=set(|typed, value| typed.temperature = value) />
        </FormField>
    });
    let symptom_choices = (!options.is_empty()).then(|| {
        view! {
            <fieldset class="field">
                <legend class="field-label">{tr(texts::SYMPTOMS)}</legend>
                <SymptomChoices group="report-symptom" options chosen=symptoms />
            </fieldset>
        }
    });
    let note = items.free_text.then(|| {
        view! {
            <FormField id="report-note" field="note" label=texts::NOTE submission>
                <MultilineInput id="report-note" rows=2 described_by="report-note-error"
                    value=Signal::derive(move || typed.with(|typed| typed.note.clone()))
                    on_input=move |text| typed.update(|typed| typed.note = text) />
            </FormField>
        }
    });
    view! {
        <FoldedForm title=texts::TELEPHONE_REPORT submission>
            <form class="form" novalidate on:submit=on_submit>
                <FormField id="report-date" field="on_date" label=texts::REPORT_DATE submission required=true>
                    <input id="report-date" class="input" type="date" min=first.to_string() max=last.to_string()
                        aria-describedby="report-date-error"
                        prop:value=move || typed.with(|typed| typed.on_date.clone())
                        on:input=set(|typed, value| typed.on_date = value) />
                </FormField>
                {temperature}
                {symptom_choices}
                {note}
                <SubmitButton label=texts::RECORD_REPORT submission />
            </form>
        </FoldedForm>
    }
}

/// Sends the subject a new personal link by SMS or e-mail (to the number or address typed, or the
/// contact's own on file).
#[component]
fn LinkForm(client: Authed, id: Uuid, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let channel = RwSignal::new(LinkChannel::Sms);
    let to = RwSignal::new(String::new());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let request = SendLinkRequest { channel: channel.get_untracked(), to: typed_text(&to.get_untracked()) };
        submission.send(
            Ok(request),
            move |request| async move { client.send_subject_link(id, &request).await },
            move |sent: LinkSent| {
                let until = format_jst(sent.valid_until);
                changed.run((None, fill(texts::LINK_SENT, lang.get_untracked(), &[("until", &until)])));
            },
        );
    };
    let channels = [(LinkChannel::Sms, texts::SMS), (LinkChannel::Email, texts::MAIL)]
        .into_iter()
        .map(|(value, label)| {
            let key = <&str>::from(value).to_owned();
            view! { <RadioChoice group="link-channel" id=key value selected=channel label /> }
        })
        .collect_view();
    view! {
        <FoldedForm title=texts::SEND_LINK submission>
            <form class="form" novalidate on:submit=on_submit>
                <p class="field-support">{tr(texts::SEND_LINK_HELP)}</p>
                <fieldset class="field">
                    <legend class="field-label">{tr(texts::CHANNEL)}</legend>
                    {channels}
                </fieldset>
                <FormField id="link-to" field="to" label=texts::DESTINATION submission>
                    <input id="link-to" class="input" type="text" autocomplete="off" aria-describedby="link-to-error"
                        prop:value=move || to.get() on:input=move |event| to.set(event_target_value(&event)) />
                </FormField>
                <SubmitButton label=texts::SEND submission />
            </form>
        </FoldedForm>
    }
}

/// Revokes every link sent for the observation, for a lost phone or a link that reached the wrong person.
#[component]
fn RevokeLinksForm(client: Authed, id: Uuid, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submission.send(
            Ok(()),
            move |()| async move { client.revoke_subject_links(id).await },
            move |()| changed.run((None, texts::LINKS_REVOKED.get(lang.get_untracked()).to_owned())),
        );
    };
    view! {
        <FoldedForm title=texts::REVOKE_LINKS submission>
            <form class="form" novalidate on:submit=on_submit>
                <p class="field-support">{tr(texts::REVOKE_LINKS_HELP)}</p>
                <SubmitButton label=texts::REVOKE submission />
            </form>
        </FoldedForm>
    }
}
