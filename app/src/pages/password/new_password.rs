//! The new password and its confirmation, with a checklist of every L-3 rule that follows the typing
//! (`domain::password::check`, the same function the server refuses with), and the rules the server
//! refused for exactly this password (it knows what the browser cannot: the password being reset, and
//! the common-password list, which the app leaves out of its wasm).

use domain::i18n::{Lang, Text};
use domain::password::{check, disallowed_characters, PasswordContext, PasswordRule, ALL_RULES};
use leptos::prelude::*;

use crate::components::countdown::Countdown;
use crate::i18n::{fill, tr, ui, use_lang};

/// The typed new password, its confirmation, and what is known about them.
#[derive(Debug, Clone, Copy)]
pub struct NewPassword {
    pub value: RwSignal<String>,
    pub again: RwSignal<String>,
    /// A password the server refused, and the rules it named.
    refused: RwSignal<Option<(String, Vec<PasswordRule>)>>,
    unmet: Memo<Vec<PasswordRule>>,
}

/// The rules `password` does not meet: all of them while nothing is typed.
pub fn unmet_rules(password: &str, user_id: &str, current: Option<&str>) -> Vec<PasswordRule> {
    if password.is_empty() {
        return ALL_RULES.to_vec();
    }
    let current = current.filter(|current| !current.is_empty());
    check(password, &PasswordContext { user_id, current_password: current })
}

impl NewPassword {
    /// `user_id` and `current` are what the password must differ from (`current`: the password typed
    /// as the current one, when there is one).
    pub fn new(user_id: Signal<String>, current: Signal<Option<String>>) -> Self {
        let value = RwSignal::new(String::new());
        let refused = RwSignal::new(None::<(String, Vec<PasswordRule>)>);
        let unmet = Memo::new(move |_| {
            let password = value.get();
            let mut unmet = unmet_rules(&password, &user_id.get(), current.get().as_deref());
            if let Some((refused_password, rules)) = refused.get() {
                if refused_password == password {
                    for rule in rules {
                        if !unmet.contains(&rule) {
                            unmet.push(rule);
                        }
                    }
                    unmet.sort_by_key(|rule| ALL_RULES.iter().position(|known| known == rule));
                }
            }
            unmet
        });
        Self { value, again: RwSignal::new(String::new()), refused, unmet }
    }

    /// The server refused the password now typed, naming `rules`.
    pub fn refused(self, rules: &[PasswordRule]) {
        self.refused.set(Some((self.value.get_untracked(), rules.to_vec())));
    }

    /// The confirmation is typed and differs (tracked).
    pub fn mismatch(self) -> bool {
        let again = self.again.get();
        !again.is_empty() && again != self.value.get()
    }

    /// Every rule met and the confirmation equal (tracked): the form may be sent.
    pub fn is_ready(self) -> bool {
        self.unmet.with(Vec::is_empty) && self.again.get() == self.value.get()
    }
}

/// A rule's code as in the API (`length`, `repeated_character`, …), for tests and styling hooks.
fn rule_code(rule: PasswordRule) -> String {
    serde_json::to_value(rule).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

fn rule_text(rule: PasswordRule, password: &str, met: bool, lang: Lang) -> String {
    let text = rule.message(lang).to_owned();
    let bad = disallowed_characters(password);
    if rule == PasswordRule::AllowedCharacters && !met && !bad.is_empty() {
        let listed: Vec<String> = bad.iter().map(|c| format!("「{c}」")).collect();
        format!("{text} {}", fill(ui::DISALLOWED_CHARACTERS, lang, &[("chars", &listed.join(""))]))
    } else {
        text
    }
}

/// The new-password input, the checklist, and the confirmation input. `id` prefixes element ids.
#[component]
pub fn NewPasswordFields(id: &'static str, state: NewPassword) -> impl IntoView {
    let lang = use_lang();
    let input_id = format!("{id}-new");
    let again_id = format!("{id}-again");
    let rules_id = format!("{id}-rules");
    let rules_title_id = format!("{id}-rules-title");
    let again_support_id = format!("{id}-again-support");
    let mismatch_id = format!("{id}-mismatch");
    let rules = ALL_RULES
        .iter()
        .map(|&rule| {
            let met = move || state.unmet.with(|unmet| !unmet.contains(&rule));
            view! {
                <li
                    class="rule"
                    class:rule-met=met
                    class:rule-unmet=move || !met()
                    data-rule=rule_code(rule)
                    data-met=move || if met() { "true" } else { "false" }
                >
                    <span class="rule-text">
                        {move || rule_text(rule, &state.value.get(), met(), lang.get())}
                    </span>
                    <span class="visually-hidden">
                        {move || if met() { ui::RULE_MET.get(lang.get()) } else { ui::RULE_UNMET.get(lang.get()) }}
                    </span>
                </li>
            }
        })
        .collect_view();
    let again_described_by = {
        let again_support_id = again_support_id.clone();
        let mismatch_id = mismatch_id.clone();
        move || {
            if state.mismatch() {
                format!("{again_support_id} {mismatch_id}")
            } else {
                again_support_id.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label class="field-label" for=input_id.clone()>
                {tr(ui::NEW_PASSWORD)}
            </label>
            <input
                id=input_id
                name="new-password"
                type="password"
                class="input"
                autocomplete="new-password"
                required
                aria-describedby=rules_id.clone()
                prop:value=move || state.value.get()
                on:input=move |ev| state.value.set(event_target_value(&ev))
            />
            <div class="password-rules" id=rules_id>
                <p class="password-rules-title" id=rules_title_id.clone()>
                    {tr(ui::PASSWORD_RULES_TITLE)}
                </p>
                <ul class="rule-list" aria-labelledby=rules_title_id>
                    {rules}
                </ul>
            </div>
        </div>
        <div class="field" class:field-invalid=move || state.mismatch()>
            <label class="field-label" for=again_id.clone()>
                {tr(ui::NEW_PASSWORD_AGAIN)}
            </label>
            <p class="field-support" id=again_support_id>
                {tr(ui::NEW_PASSWORD_AGAIN_SUPPORT)}
            </p>
            <input
                id=again_id
                name="new-password-again"
                type="password"
                class="input"
                autocomplete="new-password"
                required
                aria-describedby=again_described_by
                aria-invalid=move || state.mismatch().then_some("true")
                prop:value=move || state.again.get()
                on:input=move |ev| state.again.set(event_target_value(&ev))
            />
            {move || {
                state
                    .mismatch()
                    .then(|| {
                        view! {
                            <p class="field-error" id=mismatch_id.clone()>
                                {tr(ui::PASSWORD_MISMATCH)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// [`NewPasswordFields`] followed by the hint and the submit button (`label`, or "changing" while
/// `sending`), disabled while `wait` counts down and until `ready`. `id` prefixes element ids.
#[component]
pub fn NewPasswordSubmit(
    id: &'static str,
    state: NewPassword,
    sending: RwSignal<bool>,
    wait: Countdown,
    #[prop(into)] ready: Signal<bool>,
    label: Text,
) -> impl IntoView {
    let lang = use_lang();
    let hint_id = format!("{id}-submit-hint");
    view! {
        <NewPasswordFields id state />
        <div class="form-actions">
            <p class="field-support" id=hint_id.clone()>
                {tr(ui::PASSWORD_SUBMIT_HINT)}
            </p>
            <button
                type="submit"
                class="button button-primary button-block"
                aria-describedby=hint_id
                disabled=move || sending.get() || wait.is_running() || !ready.get()
            >
                {move || if sending.get() { ui::CHANGING.get(lang.get()) } else { label.get(lang.get()) }}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_typed_meets_no_rule() {
        assert_eq!(unmet_rules("", "doctor1", None), ALL_RULES.to_vec());
    }

    #[test]
    fn the_checklist_uses_the_domain_rules() {
        let unmet = unmet_rules("123aaa", "doctor1", None);
        assert!(unmet.contains(&PasswordRule::Length));
        assert!(unmet.contains(&PasswordRule::RepeatedCharacter));
        assert!(unmet_rules("Shoki#Pass01", "newdoctor", Some("Shoki#Pass01")).contains(&PasswordRule::SameAsCurrent));
        assert!(unmet_rules("Kita#Clinic9x", "doctor1", Some("")).is_empty());
    }
}
