//! Demo data (`TODOKE_DEMO=1`): one prefecture, two health centers, one clinic in each center's area,
//! a doctor at each clinic and a staff member at each center. Fictional names; never for production.

use domain::api::{Role, SecondFactorMethod};

use crate::auth::password;
use crate::http::error::AppError;
use crate::store::{self as storage, FactorSetting, NewUser, Store};

pub const PREFECTURE: (&str, &str) = ("99", "デモ県");
pub const HEALTH_CENTERS: [(&str, &str); 2] = [("9901", "デモ県北保健所"), ("9902", "デモ県南保健所")];
/// (code, name, responsible health center)
pub const INSTITUTIONS: [(&str, &str, &str); 2] =
    [("9910000001", "北町こどもクリニック", "9901"), ("9920000002", "南町総合病院", "9902")];

pub struct DemoLogin {
    pub user_id: &'static str,
    /// Where this account's one-time codes go (the demo outbox prints them).
    pub method: SecondFactorMethod,
    pub destination: &'static str,
    /// False for the account that shows the first-login password change.
    pub password_chosen: bool,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub organization_code: &'static str,
}

pub const LOGINS: [DemoLogin; 5] = [
    DemoLogin {
        user_id: "doctor1",
        method: SecondFactorMethod::Email,
        destination: "doctor1@kita-clinic.todoke.invalid",
        password_chosen: true,
        password: "Kita#Clinic1",
        display_name: "北町 花子",
        role: Role::Doctor,
        organization_code: "9910000001",
    },
    DemoLogin {
        user_id: "doctor2",
        method: SecondFactorMethod::Sms,
        destination: "090-0000-0002",
        password_chosen: true,
        password: "Minami#Hosp2",
        display_name: "南町 一郎",
        role: Role::Doctor,
        organization_code: "9920000002",
    },
    DemoLogin {
        user_id: "hc-north",
        method: SecondFactorMethod::Email,
        destination: "hc-north@pref.todoke.invalid",
        password_chosen: true,
        password: "Hoken#North1",
        display_name: "北保健所 担当者",
        role: Role::HealthCenterStaff,
        organization_code: "9901",
    },
    DemoLogin {
        user_id: "hc-south",
        method: SecondFactorMethod::Voice,
        destination: "03-1234-0004",
        password_chosen: true,
        password: "Hoken#South2",
        display_name: "南保健所 担当者",
        role: Role::HealthCenterStaff,
        organization_code: "9902",
    },
    DemoLogin {
        user_id: "newdoctor",
        method: SecondFactorMethod::Email,
        destination: "newdoctor@kita-clinic.todoke.invalid",
        password_chosen: false,
        password: "Shoki#Pass01",
        display_name: "北町 新人（初回ログイン）",
        role: Role::Doctor,
        organization_code: "9910000001",
    },
];

/// Fills an empty database with the demo data; leaves a database that has users untouched.
/// Returns whether it seeded.
pub async fn seed(store: &dyn Store) -> Result<bool, AppError> {
    if store.has_users().await? {
        return Ok(false);
    }
    store.put_prefecture(PREFECTURE.0, PREFECTURE.1).await?;
    for (code, name) in HEALTH_CENTERS {
        store.put_health_center(code, name, PREFECTURE.0).await?;
    }
    for (code, name, health_center) in INSTITUTIONS {
        store.put_institution(code, name, health_center).await?;
    }
    for login in &LOGINS {
        let password_hash = password::hash(login.password)?;
        store
            .put_user(NewUser {
                user_id: login.user_id,
                display_name: login.display_name,
                password_hash: &password_hash,
                role: login.role,
                organization_code: login.organization_code,
                factor: factor(login.method, login.destination),
                password_changed_at: login.password_chosen.then(storage::now),
            })
            .await?;
    }
    Ok(true)
}

fn factor(method: SecondFactorMethod, destination: &str) -> FactorSetting {
    let (email, phone) = match method {
        SecondFactorMethod::Email => (Some(destination.to_owned()), None),
        SecondFactorMethod::Sms | SecondFactorMethod::Voice => (None, Some(destination.to_owned())),
    };
    FactorSetting { method, email, phone }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::factor_routes::normalized_destination;

    #[test]
    fn demo_addresses_are_ones_a_user_could_enter() {
        for login in &LOGINS {
            let entered = normalized_destination(login.method, login.destination);
            assert!(entered.is_ok(), "{}: {}", login.user_id, login.destination);
        }
    }
}
