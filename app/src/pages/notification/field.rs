//! One form field rendered from its definition, DADS style: label on top with the 必須 mark, the
//! input, and the error text below. Hidden while its `shown_when` condition is not met.

use domain::error::{FieldError, FieldErrorCode};
use domain::forms::{Answer, Answers, ChoiceOption, Field, FieldKind};
use domain::i18n::Lang;
use domain::text::with_standard_forms;
use domain::validation::computed_ages;
use leptos::prelude::*;

use super::date_field::DateInput;
use super::form::FormState;
use crate::i18n::{fill, tr, ui, use_lang};

/// The id of the element a field's label points to (the first option for radios and checkboxes).
pub fn input_id(field: &Field) -> String {
    match &field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => match options.first() {
            Some(option) => option_id(field, option),
            None => format!("field-{}", field.id),
        },
        FieldKind::Text { .. }
        | FieldKind::Kana { .. }
        | FieldKind::Date
        | FieldKind::Phone
        | FieldKind::Integer { .. } => format!("field-{}", field.id),
    }
}

fn option_id(field: &Field, option: &ChoiceOption) -> String {
    format!("field-{}-{}", field.id, option.value)
}

pub(super) fn error_id(field: &Field) -> String {
    format!("field-{}-error", field.id)
}

fn single_value(answers: &Answers, id: &str) -> String {
    match answers.get(id) {
        Some(Answer::One(value)) => value.clone(),
        _ => String::new(),
    }
}

fn many_values(answers: &Answers, id: &str) -> Vec<String> {
    match answers.get(id) {
        Some(Answer::Many(values)) => values.clone(),
        _ => Vec::new(),
    }
}

/// The text under the field. The field's label is right above it, so the error code's own text
/// suffices, except for date order, where the server's message names the other date.
fn error_text(error: &FieldError, lang: Lang) -> String {
    use domain::error::FieldErrorCode::{
        DateOrder, Inconsistent, InvalidCharacters, InvalidEraDate, InvalidPhoneNumber, NotKatakana,
    };
    match (error.code, lang) {
        // These messages name the other date or the offending character, which the code alone cannot.
        (
            DateOrder | Inconsistent | InvalidCharacters | InvalidEraDate | InvalidPhoneNumber | NotKatakana,
            Lang::Ja,
        ) => error.message.clone(),
        (code, lang) => code.message(lang).to_owned(),
    }
}

/// Choices with more options than this are a select (47 prefectures are not 47 radio buttons; the
/// longest list of another kind, the routes of infection, has 9, which a doctor reads better as radios).
const LONG_CHOICE: usize = 15;

#[component]
pub fn FormField(field: &'static Field, state: FormState) -> impl IntoView {
    let shown = Memo::new(move |_| state.answers.with(|answers| field.is_shown(answers)));
    // The age at diagnosis is shown as computed from the dates, not typed, once both are there.
    let computed = Memo::new(move |_| {
        state.answers.with(|answers| {
            computed_ages(state.form, answers).into_iter().find(|(id, _)| *id == field.id).map(|(_, value)| value)
        })
    });
    move || {
        shown.get().then(|| match computed.get() {
            Some(value) => computed_value(field, value),
            None => control(field, state),
        })
    }
}

/// A value the form computes: shown with where it comes from, no input.
fn computed_value(field: &'static Field, value: i32) -> AnyView {
    let lang = use_lang();
    let label_id = format!("field-{}-label", field.id);
    view! {
        <div class="field field-computed">
            <span class="field-label" id=label_id.clone()>
                {move || field.label.get(lang.get())}
            </span>
            <output id=input_id(field) class="computed-value" aria-labelledby=label_id>
                {value}
            </output>
            <p class="field-support">{tr(ui::AGE_COMPUTED)}</p>
        </div>
    }
    .into_any()
}

fn control(field: &'static Field, state: FormState) -> AnyView {
    let lang = use_lang();
    let errors = Memo::new(move |_| {
        state.errors.with(|errors| errors.iter().filter(|error| error.field == field.id).cloned().collect::<Vec<_>>())
    });
    let invalid = move || (!errors.with(Vec::is_empty)).then_some("true");
    let label = move || field.label.get(lang.get());
    let id = input_id(field);
    // The input is the source of truth while typing (IME composition must not be disturbed), so the
    // stored answer only sets the starting value.
    let initial = state.answers.with_untracked(|answers| single_value(answers, field.id));
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.answers.update(|answers| {
            answers.insert(field.id.to_owned(), Answer::One(value));
        });
        state.touch(field.id);
    };
    let single = |kind: &'static str, input: AnyView| {
        view! {
            <div
                class=format!("field field-{kind}")
                class:field-invalid=move || invalid().is_some()
                on:focusout=move |_| state.check_left(field.id)
            >
                <label class="field-label" for=input_id(field)>
                    {label}
                    {required_mark(field)}
                </label>
                {input}
                {error_list(field, errors, state)}
            </div>
        }
        .into_any()
    };
    match &field.kind {
        FieldKind::Text { multiline: true, .. } => single(
            "text",
            view! {
                <textarea
                    id=id
                    name=field.id
                    class="input input-multiline"
                    rows="4"
                    required=field.required
                    aria-invalid=invalid
                    aria-describedby=error_id(field)
                    prop:value=initial
                    on:input=on_input
                ></textarea>
            }
            .into_any(),
        ),
        FieldKind::Text { .. } | FieldKind::Kana { .. } | FieldKind::Phone => {
            let (input_type, input_mode) =
                if matches!(field.kind, FieldKind::Phone) { ("tel", "tel") } else { ("text", "text") };
            single(
                "text",
                view! {
                    <input
                        id=id
                        name=field.id
                        type=input_type
                        inputmode=input_mode
                        class="input"
                        required=field.required
                        aria-invalid=invalid
                        aria-describedby=error_id(field)
                        prop:value=initial
                        on:input=on_input
                    />
                }
                .into_any(),
            )
        }
        FieldKind::Date => {
            let invalid = Signal::derive(invalid);
            single("date", view! { <DateInput field state initial invalid /> }.into_any())
        }
        FieldKind::Integer { min, max } => single(
            "integer",
            view! {
                <input
                    id=id
                    name=field.id
                    type="number"
                    inputmode="numeric"
                    class="input input-number"
                    min=min.to_string()
                    max=max.to_string()
                    step="1"
                    required=field.required
                    aria-invalid=invalid
                    aria-describedby=error_id(field)
                    prop:value=initial
                    on:input=on_input
                />
            }
            .into_any(),
        ),
        FieldKind::Choice { options } if options.len() > LONG_CHOICE => {
            let choices = options
                .iter()
                .map(|option| {
                    view! {
                        <option value=option.value selected=initial == option.value>
                            {move || option.label.get(lang.get())}
                        </option>
                    }
                })
                .collect_view();
            single(
                "select",
                view! {
                    <select
                        id=id
                        name=field.id
                        class="input input-select"
                        required=field.required
                        aria-invalid=invalid
                        aria-describedby=error_id(field)
                        on:change=on_input
                    >
                        <option value="" selected=initial.is_empty()>
                            {tr(ui::CHOOSE_ONE)}
                        </option>
                        {choices}
                    </select>
                }
                .into_any(),
            )
        }
        FieldKind::Choice { options } => {
            let radios = options
                .iter()
                .map(|option| {
                    let checked = initial == option.value;
                    view! {
                        <div class="choice">
                            <input
                                id=option_id(field, option)
                                name=field.id
                                type="radio"
                                class="choice-input"
                                value=option.value
                                required=field.required
                                aria-invalid=invalid
                                prop:checked=checked
                                on:change=move |_| {
                                    state.answers.update(|answers| {
                                        answers.insert(field.id.to_owned(), Answer::One(option.value.to_owned()));
                                    });
                                    state.touch(field.id);
                                }
                            />
                            <label class="choice-label" for=option_id(field, option)>
                                {move || option.label.get(lang.get())}
                            </label>
                        </div>
                    }
                })
                .collect_view();
            group("radio", field, state, invalid, label, radios.into_any(), error_list(field, errors, state))
        }
        FieldKind::MultiChoice { options } => {
            let chosen = state.answers.with_untracked(|answers| many_values(answers, field.id));
            let boxes = options
                .iter()
                .map(|option| {
                    let checked = chosen.iter().any(|value| value == option.value);
                    view! {
                        <div class="choice">
                            <input
                                id=option_id(field, option)
                                name=field.id
                                type="checkbox"
                                class="choice-input"
                                value=option.value
                                aria-invalid=invalid
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    state.answers.update(|answers| toggle(answers, field.id, options, option.value, on));
                                    state.touch(field.id);
                                }
                            />
                            <label class="choice-label" for=option_id(field, option)>
                                {move || option.label.get(lang.get())}
                            </label>
                        </div>
                    }
                })
                .collect_view();
            group("checkbox", field, state, invalid, label, boxes.into_any(), error_list(field, errors, state))
        }
    }
}

/// 必須, for the eye only: the inputs carry `required` for assistive technology, and the accessible
/// name stays the bare label.
fn required_mark(field: &Field) -> Option<impl IntoView + 'static> {
    field.required.then(|| {
        view! {
            <span class="required-mark" aria-hidden="true">
                {tr(ui::REQUIRED)}
            </span>
        }
    })
}

/// The error texts under a field; the container is always there so `aria-describedby` resolves. Refused
/// characters that have a standard form come with a button that puts it in (髙 → 高), the user's choice.
fn error_list(field: &'static Field, errors: Memo<Vec<FieldError>>, state: FormState) -> impl IntoView + 'static {
    let lang = use_lang();
    let suggestion = move || {
        let refused = errors.with(|errors| errors.iter().any(|error| error.code == FieldErrorCode::InvalidCharacters));
        refused.then(|| state.answers.with(|answers| with_standard_forms(&single_value(answers, field.id)))).flatten()
    };
    view! {
        <div id=error_id(field) class="field-errors">
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|error| view! { <p class="field-error">{move || error_text(&error, lang.get())}</p> })
                    .collect_view()
            }}
            {move || {
                suggestion()
                    .map(|fixed| {
                        let text = fill(ui::USE_STANDARD_FORM, lang.get(), &[("text", &fixed)]);
                        view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| replace_answer(field, state, &fixed)
                            >
                                {text}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// Puts `value` in a text field (its input too, which is otherwise left alone while typing) and checks it.
fn replace_answer(field: &'static Field, state: FormState, value: &str) {
    if let Some(input) = document().get_element_by_id(&input_id(field)) {
        let _ = js_sys::Reflect::set(&input, &"value".into(), &value.into());
    }
    state.answers.update(|answers| {
        answers.insert(field.id.to_owned(), Answer::One(value.to_owned()));
    });
    state.touch(field.id);
    state.check_left(field.id);
}

/// Radios or checkboxes in a fieldset whose legend is the field's label.
fn group(
    kind: &'static str,
    field: &'static Field,
    state: FormState,
    invalid: impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    choices: AnyView,
    error_list: impl IntoView + 'static,
) -> AnyView {
    view! {
        <fieldset
            id=format!("field-{}", field.id)
            class=format!("field field-group field-{kind}")
            class:field-invalid=move || invalid().is_some()
            aria-describedby=error_id(field)
            on:focusout=move |_| state.check_left(field.id)
        >
            <legend class="field-label">
                {label}
                {required_mark(field)}
            </legend>
            <div class="choices">{choices}</div>
            {error_list}
        </fieldset>
    }
    .into_any()
}

/// Adds or removes one option of a multi-choice, keeping the options' own order so the same choices
/// always make the same answer (the server recognises a resubmission by its content).
fn toggle(answers: &mut Answers, id: &str, options: &[ChoiceOption], value: &str, on: bool) {
    let mut chosen = many_values(answers, id);
    chosen.retain(|known| known != value);
    if on {
        chosen.push(value.to_owned());
    }
    let ordered: Vec<String> = options
        .iter()
        .filter(|option| chosen.iter().any(|known| known == option.value))
        .map(|option| option.value.to_owned())
        .collect();
    answers.insert(id.to_owned(), Answer::Many(ordered));
}
