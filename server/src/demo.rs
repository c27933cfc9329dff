//! Demo data (`TODOKE_DEMO=1`): a prefecture with two health centers and a city with its own, a
//! clinic or hospital in each health center's area plus an animal clinic, a doctor at each, a
//! veterinarian, staff at the prefecture's health centers, a 都道府県等 account for each and a national
//! one. Fictional names; never for production.

use domain::api::{AccountClass, Filer, InstitutionParticulars, Organization, Role, SecondFactorMethod};

use crate::auth::password;
use crate::error::AppError;
use crate::store::{self as storage, Affiliation, FactorSetting, NewUser, Store};

/// 都道府県等: デモ県 and デモ市, a city with its own health center (保健所設置市).
pub const PREFECTURES: [(&str, &str); 2] = [("99", "デモ県"), ("98", "デモ市")];
/// (code, name, 都道府県等)
pub const HEALTH_CENTERS: [(&str, &str, &str); 3] =
    [("9901", "デモ県北保健所", "99"), ("9902", "デモ県南保健所", "99"), ("9801", "デモ市保健所", "98")];
/// Where each demo health center's alarm mails go (code, address).
pub const HEALTH_CENTER_EMAILS: [(&str, &str); 3] = [
    ("9901", "kita-hc@demo-pref.todoke.invalid"),
    ("9902", "minami-hc@demo-pref.todoke.invalid"),
    ("9801", "hc@demo-city.todoke.invalid"),
];
/// An institution of the demo master, with the particulars the 発生届 prints.
pub struct DemoInstitution {
    pub code: &'static str,
    pub name: &'static str,
    pub name_kana: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    /// The responsible health center.
    pub health_center: &'static str,
    pub class: AccountClass,
}

impl DemoInstitution {
    fn particulars(&self) -> InstitutionParticulars {
        InstitutionParticulars {
            name: self.name.into(),
            name_kana: self.name_kana.into(),
            address: self.address.into(),
            phone: self.phone.into(),
            ..InstitutionParticulars::default()
        }
    }
}

/// Animal clinics are institutions too: their veterinarians' reports are routed the same way.
pub const INSTITUTIONS: [DemoInstitution; 4] = [
    DemoInstitution {
        code: "9910000001",
        name: "北町こどもクリニック",
        name_kana: "キタマチコドモクリニック",
        address: "デモ県北町1-2-3",
        phone: "0123-45-6701",
        health_center: "9901",
        class: AccountClass::Notifiable,
    },
    DemoInstitution {
        code: "9920000002",
        name: "南町総合病院",
        name_kana: "ミナミマチソウゴウビョウイン",
        address: "デモ県南町4-5-6",
        phone: "0123-45-6702",
        health_center: "9902",
        class: AccountClass::Notifiable,
    },
    DemoInstitution {
        code: "9810000003",
        name: "デモ市中央病院",
        name_kana: "デモシチュウオウビョウイン",
        address: "デモ市中央7-8-9",
        phone: "0123-45-6703",
        health_center: "9801",
        class: AccountClass::Notifiable,
    },
    DemoInstitution {
        code: "V990000001",
        name: "北町どうぶつ病院",
        name_kana: "キタマチドウブツビョウイン",
        address: "デモ県北町2-3-4",
        phone: "0123-45-6704",
        health_center: "9901",
        class: AccountClass::Animal,
    },
];

/// Which organization a demo account belongs to (codes above).
#[derive(Debug, Clone, Copy)]
pub enum DemoOrganization {
    Institution(&'static str),
    HealthCenter(&'static str),
    Prefecture(&'static str),
    National,
}

impl DemoOrganization {
    fn affiliation(self) -> Affiliation {
        match self {
            Self::Institution(code) => Affiliation::Institution(code.to_owned()),
            Self::HealthCenter(code) => Affiliation::HealthCenter(code.to_owned()),
            Self::Prefecture(code) => Affiliation::Prefecture(code.to_owned()),
            Self::National => Affiliation::National,
        }
    }
}

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
    pub organization: DemoOrganization,
    /// 個票・CSVダウンロードフラグ.
    pub may_download_records: bool,
}

pub const LOGINS: [DemoLogin; 10] = [
    DemoLogin {
        user_id: "doctor1",
        method: SecondFactorMethod::Email,
        destination: "doctor1@kita-clinic.todoke.invalid",
        password_chosen: true,
        password: "Kita#Clinic1",
        display_name: "北町 花子",
        role: Role::Doctor,
        organization: DemoOrganization::Institution("9910000001"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "doctor2",
        method: SecondFactorMethod::Sms,
        destination: "090-0000-0002",
        password_chosen: true,
        password: "Minami#Hosp2",
        display_name: "南町 一郎",
        role: Role::Doctor,
        organization: DemoOrganization::Institution("9920000002"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "hc-north",
        method: SecondFactorMethod::Email,
        destination: "hc-north@pref.todoke.invalid",
        password_chosen: true,
        password: "Hoken#North1",
        display_name: "北保健所 担当者",
        role: Role::HealthCenterStaff,
        organization: DemoOrganization::HealthCenter("9901"),
        may_download_records: true,
    },
    DemoLogin {
        user_id: "hc-south",
        method: SecondFactorMethod::Voice,
        destination: "03-1234-0004",
        password_chosen: true,
        password: "Hoken#South2",
        display_name: "南保健所 担当者",
        role: Role::HealthCenterStaff,
        organization: DemoOrganization::HealthCenter("9902"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "newdoctor",
        method: SecondFactorMethod::Email,
        destination: "newdoctor@kita-clinic.todoke.invalid",
        password_chosen: false,
        password: "Shoki#Pass01",
        display_name: "北町 新人（初回ログイン）",
        role: Role::Doctor,
        organization: DemoOrganization::Institution("9910000001"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "vet1",
        method: SecondFactorMethod::Email,
        destination: "vet1@kita-animal.todoke.invalid",
        password_chosen: true,
        password: "Kita#Animal1",
        display_name: "北町 獣医師",
        role: Role::Veterinarian,
        organization: DemoOrganization::Institution("V990000001"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "doctor3",
        method: SecondFactorMethod::Email,
        destination: "doctor3@city-hospital.todoke.invalid",
        password_chosen: true,
        password: "Shi#Central3",
        display_name: "中央 三郎",
        role: Role::Doctor,
        organization: DemoOrganization::Institution("9810000003"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "pref-demo",
        method: SecondFactorMethod::Email,
        destination: "kansen@pref.todoke.invalid",
        password_chosen: true,
        password: "Demo#Pref099",
        display_name: "デモ県 感染症対策課",
        role: Role::PrefectureStaff,
        organization: DemoOrganization::Prefecture("99"),
        may_download_records: true,
    },
    DemoLogin {
        user_id: "city-staff",
        method: SecondFactorMethod::Email,
        destination: "kansen@city.todoke.invalid",
        password_chosen: true,
        password: "Demo#City098",
        display_name: "デモ市 保健予防課",
        role: Role::PrefectureStaff,
        organization: DemoOrganization::Prefecture("98"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "national",
        method: SecondFactorMethod::Email,
        destination: "kansen@mhlw.todoke.invalid",
        password_chosen: true,
        password: "Kuni#Mhlw001",
        display_name: "厚生労働省 担当者",
        role: Role::NationalStaff,
        organization: DemoOrganization::National,
        may_download_records: false,
    },
];

/// The account administrators (R-1 … R-3): a sysadmin and a supervisor of デモ県, a sysadmin of デモ市
/// (another jurisdiction), the user manager of 北町こどもクリニック and the national administrator.
pub const ADMIN_LOGINS: [DemoLogin; 5] = [
    DemoLogin {
        user_id: "pref-admin",
        method: SecondFactorMethod::Email,
        destination: "pref-admin@pref.todoke.invalid",
        password_chosen: true,
        password: "Kanri#Pref99",
        display_name: "デモ県 利用者認証実施者",
        role: Role::SystemAdministrator,
        organization: DemoOrganization::Prefecture("99"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "pref-supervisor",
        method: SecondFactorMethod::Email,
        destination: "pref-supervisor@pref.todoke.invalid",
        password_chosen: true,
        password: "Touk#Pref99",
        display_name: "デモ県 システム利用統括責任者",
        role: Role::Supervisor,
        organization: DemoOrganization::Prefecture("99"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "city-admin",
        method: SecondFactorMethod::Email,
        destination: "city-admin@city.todoke.invalid",
        password_chosen: true,
        password: "Kanri#City98",
        display_name: "デモ市 利用者認証実施者",
        role: Role::SystemAdministrator,
        organization: DemoOrganization::Prefecture("98"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "manager1",
        method: SecondFactorMethod::Email,
        destination: "manager1@kita-clinic.todoke.invalid",
        password_chosen: true,
        password: "Riyou#Kita01",
        display_name: "北町こどもクリニック 利用管理者",
        role: Role::UserManager,
        organization: DemoOrganization::Institution("9910000001"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "national-admin",
        method: SecondFactorMethod::Email,
        destination: "national-admin@mhlw.todoke.invalid",
        password_chosen: true,
        password: "Kuni#Admin01",
        display_name: "国 システム管理者",
        role: Role::NationalAdministrator,
        organization: DemoOrganization::National,
        may_download_records: false,
    },
];

/// The managers (医療機関管理者, class 16) of two sentinel sites (issue 14): 北町こどもクリニック
/// (小児科定点 and the respiratory 定点) and 南町総合病院 (基幹定点, with 入院サーベイランス, and the
/// respiratory 定点); their designations are `sentinel::demo::DESIGNATIONS`.
pub const SENTINEL_LOGINS: [DemoLogin; 2] = [
    DemoLogin {
        user_id: "sentinel1",
        method: SecondFactorMethod::Email,
        destination: "sentinel1@kita-clinic.todoke.invalid",
        password_chosen: true,
        password: "Teiten#Kita1",
        display_name: "北町こどもクリニック 医療機関管理者",
        role: Role::SentinelSiteManager,
        organization: DemoOrganization::Institution("9910000001"),
        may_download_records: false,
    },
    DemoLogin {
        user_id: "sentinel2",
        method: SecondFactorMethod::Email,
        destination: "sentinel2@minami-hospital.todoke.invalid",
        password_chosen: true,
        password: "Teiten#Mnm2",
        display_name: "南町総合病院 医療機関管理者",
        role: Role::SentinelSiteManager,
        organization: DemoOrganization::Institution("9920000002"),
        may_download_records: false,
    },
];

/// Every demo login: the users, the administrators, then the sentinel sites' managers.
pub fn logins() -> impl Iterator<Item = &'static DemoLogin> {
    LOGINS.iter().chain(ADMIN_LOGINS.iter()).chain(SENTINEL_LOGINS.iter())
}

/// Fills an empty database with the demo data; leaves a database that has users untouched.
/// Returns whether it seeded.
pub async fn seed(store: &dyn Store) -> Result<bool, AppError> {
    if store.has_users().await? {
        return Ok(false);
    }
    for (code, name) in PREFECTURES {
        store.put_prefecture(code, name).await?;
    }
    for (code, name, prefecture) in HEALTH_CENTERS {
        store.put_health_center(code, name, prefecture).await?;
    }
    for (code, email) in HEALTH_CENTER_EMAILS {
        store.set_health_center_email(code, Some(email)).await?;
    }
    for institution in &INSTITUTIONS {
        store
            .put_institution(institution.code, institution.health_center, institution.class, &institution.particulars())
            .await?;
    }
    crate::sentinel::demo::seed_sites(store).await?;
    for login in logins() {
        let password_hash = password::hash(login.password)?;
        store
            .put_user(
                NewUser {
                    user_id: login.user_id,
                    display_name: login.display_name,
                    password_hash: &password_hash,
                    role: login.role,
                    affiliation: login.organization.affiliation(),
                    may_download_records: login.may_download_records,
                    factor: FactorSetting::only(login.method, login.destination),
                    password_changed_at: login.password_chosen.then(storage::now),
                },
                &[],
            )
            .await?;
    }
    Ok(true)
}

/// Per doctor (demo login, institution, health center), the measles notifications of each of the last
/// eight weeks, oldest first: a small outbreak in the north, a few cases elsewhere.
const HISTORY: [(&str, &str, [u8; 8]); 3] = [
    ("doctor1", "9910000001", [0, 1, 1, 2, 3, 5, 4, 2]),
    ("doctor2", "9920000002", [1, 0, 1, 1, 0, 2, 1, 1]),
    ("doctor3", "9810000003", [0, 0, 1, 0, 1, 1, 0, 1]),
];

/// For `todoke-server seed-demo-history` (scripts/run.sh): eight weeks of fictional measles
/// notifications from the demo doctors up to `now`, so that the situation views have something to
/// show. Only into a database without notifications (so a restart adds none, and the test suites,
/// which never call it, count only what they file). Returns how many it filed.
pub async fn seed_history(store: &dyn Store, now: time::OffsetDateTime) -> Result<usize, AppError> {
    if !store.notifications(&storage::NotificationScope::All).await?.is_empty() {
        return Ok(0);
    }
    let mut filed = 0;
    for (doctor, institution, weekly) in HISTORY {
        let (filer, health_center) = demo_filing(store, doctor, institution).await?;
        for (weeks_ago, count) in (0..8i64).rev().zip(weekly) {
            for case in 0..i64::from(count) {
                // Spread over the week, never later than now.
                let received_at = now - time::Duration::days(weeks_ago * 7 + case % 6);
                store
                    .insert_notification(history_notification(&filer, doctor, institution, &health_center, received_at))
                    .await?;
                filed += 1;
            }
        }
    }
    Ok(filed)
}

/// The demo doctor's name and institution as a filing takes them, and the health center it goes to.
pub(crate) async fn demo_filing(
    store: &dyn Store,
    doctor: &str,
    institution: &str,
) -> Result<(Filer, Organization), AppError> {
    let name = logins().find(|login| login.user_id == doctor).map(|login| login.display_name).unwrap_or(doctor);
    let record = crate::routing::route(store, institution).await?;
    let filer =
        Filer { name: name.into(), institution: record.institution.name, address: record.address, phone: record.phone };
    Ok((filer, record.health_center))
}

/// A demo measles notification received at `received_at`: onset three days and diagnosis one day
/// before, a fictional patient.
pub(crate) fn history_notification(
    filer: &Filer,
    doctor: &str,
    institution: &str,
    health_center: &Organization,
    received_at: time::OffsetDateTime,
) -> storage::NewNotification {
    let day =
        |days_before: i64| domain::jst::date_in_japan(received_at - time::Duration::days(days_before)).to_string();
    let answers: domain::forms::Answers = [
        ("case_type", "lab_confirmed"),
        ("patient_name", "デモ 患者"),
        ("patient_sex", "female"),
        ("patient_birth_date", "2019-04-01"),
        ("patient_age", "6"),
        ("patient_address", "デモ県北町1-2-3"),
        ("first_visit_date", &day(2)),
        ("diagnosis_date", &day(1)),
        ("onset_date", &day(3)),
        ("outcome", "alive"),
        ("infection_route", "airborne"),
        ("infection_area", "domestic"),
        ("vaccination_1", "no"),
        ("vaccination_2", "no"),
    ]
    .into_iter()
    .map(|(item, value)| (item.to_owned(), domain::forms::Answer::One(value.to_owned())))
    .chain([
        ("symptoms".to_owned(), domain::forms::Answer::Many(vec!["fever".into(), "rash".into()])),
        ("diagnosis_methods".to_owned(), domain::forms::Answer::Many(vec!["pcr".into()])),
    ])
    .collect();
    let id = uuid::Uuid::new_v4();
    storage::NewNotification {
        id,
        disease: "measles".into(),
        animal_report: None,
        answers,
        content_hash: format!("demo-history-{id}"),
        filed_by: doctor.into(),
        filer: filer.clone(),
        institution_code: institution.into(),
        health_center: health_center.clone(),
        received_at: storage::to_microseconds(received_at),
        audit: crate::audit::entry(
            crate::audit::Action::SubmitNotification,
            crate::audit::Outcome::Success,
            Some(doctor),
            Some(id.to_string()),
            None,
        ),
        // History, not news: no mail to the health center.
        mail_site_url: None,
    }
}

/// For `todoke-server seed-demo-history` (scripts/run.sh): one notice (お知らせ) from the national
/// administrator to every account, shown for a month from `now`, into a database without notices.
/// Returns whether it published it.
pub async fn seed_notice(store: &dyn Store, now: time::OffsetDateTime) -> Result<bool, AppError> {
    if !store.published_notices(None).await?.is_empty() {
        return Ok(false);
    }
    let notice = domain::api::Notice {
        id: uuid::Uuid::new_v4(),
        draft: domain::api::NoticeDraft {
            title: "年末年始の届出について".into(),
            body: "12月29日から1月3日の間も届出は受け付けます。直ちに届け出る感染症は、届出の後に管轄の保健所へ\
                   電話でもご連絡ください。（デモのお知らせです）"
                .into(),
            audience: domain::api::NoticeAudience::default(),
            starts_at: now - time::Duration::hours(1),
            ends_at: now + time::Duration::days(30),
        },
        published_by: "national-admin".into(),
        published_at: now,
        withdrawn_at: None,
    };
    let entry = crate::audit::entry(
        crate::audit::Action::PublishNotice,
        crate::audit::Outcome::Success,
        Some(&notice.published_by),
        Some(notice.id.to_string()),
        None,
    );
    store.insert_notice(&notice, &entry).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::factor_routes::normalized_destination;

    #[test]
    fn demo_addresses_are_ones_a_user_could_enter() {
        for login in logins() {
            let entered = normalized_destination(login.method, login.destination);
            assert!(entered.is_ok(), "{}: {}", login.user_id, login.destination);
        }
    }
}
