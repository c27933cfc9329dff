//! パスキーの登録: how many passkeys the account has, and registering one on this device (the browser
//! asks for the screen lock or biometrics). Afterwards the login's code step offers the passkey.

use domain::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Authed;
use crate::auth::{use_auth, Session};
use crate::components::flash::use_flash;
use crate::components::passkey_alert::{PasskeyAlert, PasskeyProblem};
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::settings::reauthentication::Reauthentication;
use crate::webauthn;

/// The whole registration: the server's options, the authenticator's new credential, the server's check.
async fn register(client: Authed) -> Result<Me, PasskeyProblem> {
    let challenge = client.start_passkey_registration().await.map_err(PasskeyProblem::Api)?;
    let response = webauthn::create(&challenge).await.map_err(PasskeyProblem::Ceremony)?;
    client.register_passkey(&response).await.map_err(PasskeyProblem::Api)
}

#[component]
pub fn PasskeySettings(session: Session, reauthentication: Reauthentication) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let lang = use_lang();
    let count = session.me.passkeys;
    let client = session.client;
    let registering = RwSignal::new(false);
    let problem = RwSignal::new(None::<PasskeyProblem>);

    let on_register = move |_| {
        if registering.get_untracked() {
            return;
        }
        registering.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = register(client).await;
            registering.set(false);
            match result {
                Ok(me) => {
                    // The page is drawn again with the new count; the message is shown there.
                    flash.show_on("/settings/second-factor", ui::PASSKEY_REGISTERED);
                    auth.update_me(me);
                }
                Err(PasskeyProblem::Api(failure)) if reauthentication.asks_for(&failure) => problem.set(None),
                Err(failure) => problem.set(Some(failure)),
            }
        });
    };

    view! {
        <section class="passkeys" aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{tr(ui::PASSKEYS_TITLE)}</h2>
            <p>{tr(ui::PASSKEYS_INTRO)}</p>
            <p class="passkey-count">
                {move || fill(ui::PASSKEYS_REGISTERED, lang.get(), &[("n", &count.to_string())])}
            </p>
            {move || problem.get().map(|problem| view! { <PasskeyAlert problem /> })}
            <button
                type="button"
                class="button button-secondary button-block"
                disabled=move || registering.get()
                on:click=on_register
            >
                {move || {
                    if registering.get() {
                        ui::REGISTERING_PASSKEY.get(lang.get())
                    } else {
                        ui::REGISTER_PASSKEY.get(lang.get())
                    }
                }}
            </button>
        </section>
    }
}
