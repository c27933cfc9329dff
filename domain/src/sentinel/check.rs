//! The rules of one sentinel report, run by the app before sending and by the server on receipt: the
//! period is one of the form's frequency, has begun, and the site is designated for the form's type in
//! it; every cell names a disease and age band of the form's version in force and a sex, with a whole
//! count ≥ 0, once; 「患者なし」 has no cases and a report without cases says 「患者なし」; care items
//! (入院サーベイランス only) never exceed the disease's admissions.

use std::collections::BTreeMap;

use time::Date;

use super::catalog::{form, FormVersion, ReportKind};
use super::period::ReportPeriod;
use crate::api::{
    CountCell, Designation, Entered, ItemCount, ReportedCount, ReportedItem, SentinelReportSubmission, Sex,
};
pub(crate) use crate::error::field_error;
use crate::error::{FieldError, FieldErrorCode};

/// A report that passed: its canonical content (cells and items above 0, sorted), which is what is
/// stored and hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReport {
    pub kind: ReportKind,
    pub period: ReportPeriod,
    pub version: &'static FormVersion,
    pub no_patients: bool,
    pub cells: Vec<ReportedCount>,
    pub items: Vec<ReportedItem>,
}

/// Checks `submission` for a site with `designations`, `today` being the date in Japan. Every problem
/// is reported at once, each at its field (`period`, `cells[2].count`, …).
pub fn check_report(
    submission: &SentinelReportSubmission,
    designations: &[Designation],
    today: Date,
) -> Result<CheckedReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let form = form(submission.kind);
    let period = check_period(submission, designations, today, &mut errors);
    let version = period.and_then(|period| form.version_on(period.first_day()));
    let (Some(period), Some(version)) = (period, version) else {
        if period.is_some() {
            errors.push(field_error("period", FieldErrorCode::NotInCatalog));
        }
        return Err(errors);
    };
    let cells = check_cells(&submission.cells, version, &mut errors);
    let items = check_items(&submission.items, version, &cells, &mut errors);
    let any_cases = cells.values().any(|count| *count > 0);
    if submission.no_patients && any_cases {
        errors.push(field_error("no_patients", FieldErrorCode::Inconsistent));
    }
    if !submission.no_patients && !any_cases && errors.is_empty() {
        errors.push(field_error("no_patients", FieldErrorCode::ZeroWithoutNoPatients));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CheckedReport {
        kind: submission.kind,
        period,
        version,
        no_patients: submission.no_patients,
        cells: cells
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|((disease, age_band, sex), count)| ReportedCount { disease, age_band, sex, count })
            .collect(),
        items: items
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|((disease, item), count)| ReportedItem { disease, item, count })
            .collect(),
    })
}

/// The period, if it is of the form's frequency, has begun and the site is designated in it.
fn check_period(
    submission: &SentinelReportSubmission,
    designations: &[Designation],
    today: Date,
    errors: &mut Vec<FieldError>,
) -> Option<ReportPeriod> {
    let form = form(submission.kind);
    let Entered::Valid(period) = submission.period else {
        errors.push(field_error("period", FieldErrorCode::InvalidValue));
        return None;
    };
    let problem = if period.frequency() != form.frequency {
        Some(FieldErrorCode::InvalidValue)
    } else if period.first_day() > today {
        Some(FieldErrorCode::PeriodInFuture)
    } else if !designations.iter().any(|designation| {
        designation.sentinel_type == form.sentinel_type && designation.covers(period.first_day(), period.last_day())
    }) {
        Some(FieldErrorCode::NotDesignated)
    } else {
        None
    };
    match problem {
        Some(code) => {
            errors.push(field_error("period", code));
            None
        }
        None => Some(period),
    }
}

type CellKey = (String, String, Sex);

fn check_cells(cells: &[CountCell], version: &FormVersion, errors: &mut Vec<FieldError>) -> BTreeMap<CellKey, u32> {
    let mut seen = BTreeMap::new();
    for (index, cell) in cells.iter().enumerate() {
        let at = |item: &str| format!("cells[{index}].{item}");
        let before = errors.len();
        if version.disease(&cell.disease).is_none() {
            errors.push(field_error(&at("disease"), FieldErrorCode::NotInCatalog));
        }
        if version.age_band(&cell.age_band).is_none() {
            errors.push(field_error(&at("age_band"), FieldErrorCode::NotInCatalog));
        }
        let sex = match cell.sex {
            Entered::Valid(sex) => Some(sex),
            Entered::Invalid(_) => {
                errors.push(field_error(&at("sex"), FieldErrorCode::InvalidChoice));
                None
            }
        };
        let count = check_count(&cell.count, &at("count"), errors);
        if let (Some(sex), Some(count), true) = (sex, count, errors.len() == before) {
            let key = (cell.disease.clone(), cell.age_band.clone(), sex);
            if seen.insert(key, count).is_some() {
                errors.push(field_error(&at("disease"), FieldErrorCode::DuplicateCell));
            }
        }
    }
    seen
}

fn check_items(
    items: &[ItemCount],
    version: &FormVersion,
    cells: &BTreeMap<CellKey, u32>,
    errors: &mut Vec<FieldError>,
) -> BTreeMap<(String, String), u32> {
    let mut seen = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let at = |name: &str| format!("items[{index}].{name}");
        let before = errors.len();
        if version.disease(&item.disease).is_none() {
            errors.push(field_error(&at("disease"), FieldErrorCode::NotInCatalog));
        }
        if version.care_item(&item.item).is_none() {
            errors.push(field_error(&at("item"), FieldErrorCode::NotInCatalog));
        }
        let Some(count) = check_count(&item.count, &at("count"), errors) else { continue };
        if errors.len() != before {
            continue;
        }
        let admissions: u64 = cells
            .iter()
            .filter(|((disease, _, _), _)| disease == &item.disease)
            .map(|(_, count)| u64::from(*count))
            .sum();
        if u64::from(count) > admissions {
            errors.push(field_error(&at("count"), FieldErrorCode::ExceedsAdmissions));
        }
        if seen.insert((item.disease.clone(), item.item.clone()), count).is_some() {
            errors.push(field_error(&at("item"), FieldErrorCode::DuplicateCell));
        }
    }
    seen
}

/// A whole count ≥ 0, or the problem at `field`: negative, not whole, or not a number.
fn check_count(count: &Entered<u32>, field: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
    let value = match count {
        Entered::Valid(count) => return Some(*count),
        Entered::Invalid(value) => value,
    };
    let code = match value.as_f64() {
        Some(number) if number < 0.0 => FieldErrorCode::NegativeCount,
        Some(number) if number.fract() == 0.0 => FieldErrorCode::OutOfRange,
        Some(_) => FieldErrorCode::NotWholeNumber,
        None => FieldErrorCode::InvalidNumber,
    };
    errors.push(field_error(field, code));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::sentinel::SentinelType;
    use serde_json::json;
    use time::macros::date;

    const TODAY: Date = date!(2025 - 04 - 16);

    fn designated(sentinel_type: SentinelType) -> Vec<Designation> {
        vec![Designation { sentinel_type, from: date!(2020 - 04 - 01), until: None }]
    }

    fn submission(value: serde_json::Value) -> SentinelReportSubmission {
        serde_json::from_value(value).unwrap()
    }

    fn codes(result: Result<CheckedReport, Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
        result.err().unwrap_or_default().into_iter().map(|error| (error.field, error.code)).collect()
    }

    fn cell(disease: &str, band: &str, sex: &str, count: serde_json::Value) -> serde_json::Value {
        json!({ "disease": disease, "age_band": band, "sex": sex, "count": count })
    }

    #[test]
    fn a_valid_report_keeps_its_cases_sorted_and_drops_zeros() {
        let report = submission(json!({
            "kind": "respiratory_weekly", "period": "2025-W15",
            "cells": [cell("influenza", "80+", "female", json!(2)), cell("ari", "1y", "male", json!(5)),
                      cell("covid19", "2y", "male", json!(0))],
        }));
        let checked = check_report(&report, &designated(SentinelType::Respiratory), TODAY).unwrap();
        let cells: Vec<(&str, u32)> = checked.cells.iter().map(|c| (c.disease.as_str(), c.count)).collect();
        assert_eq!(cells, vec![("ari", 5), ("influenza", 2)]);
        assert!(!checked.no_patients && checked.items.is_empty());
    }

    #[test]
    fn no_patients_is_explicit_and_excludes_cases() {
        let design = designated(SentinelType::Pediatric);
        let zero = submission(json!({ "kind": "pediatric_weekly", "period": "2025-W15", "no_patients": true }));
        assert!(check_report(&zero, &design, TODAY).is_ok_and(|report| report.no_patients && report.cells.is_empty()));
        let silent = submission(json!({ "kind": "pediatric_weekly", "period": "2025-W15",
            "cells": [cell("varicella", "1y", "male", json!(0))] }));
        assert_eq!(
            codes(check_report(&silent, &design, TODAY)),
            vec![("no_patients".into(), FieldErrorCode::ZeroWithoutNoPatients)]
        );
        let both = submission(json!({ "kind": "pediatric_weekly", "period": "2025-W15", "no_patients": true,
            "cells": [cell("varicella", "1y", "male", json!(1))] }));
        assert_eq!(
            codes(check_report(&both, &design, TODAY)),
            vec![("no_patients".into(), FieldErrorCode::Inconsistent)]
        );
    }

    #[test]
    fn periods_not_designated_in_the_future_or_of_the_other_frequency_are_refused() {
        let design = vec![Designation {
            sentinel_type: SentinelType::Pediatric,
            from: date!(2025 - 04 - 01),
            until: Some(date!(2025 - 04 - 13)),
        }];
        let at = |period: &str, kind: &str| {
            codes(check_report(
                &submission(json!({ "kind": kind, "period": period, "no_patients": true })),
                &design,
                TODAY,
            ))
        };
        assert!(at("2025-W15", "pediatric_weekly").is_empty(), "the designation's last week");
        assert_eq!(at("2025-W16", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::NotDesignated)]);
        assert_eq!(at("2025-W13", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::NotDesignated)]);
        assert_eq!(at("2025-W17", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::PeriodInFuture)]);
        assert_eq!(at("2025-W15", "ophthalmology_weekly"), vec![("period".into(), FieldErrorCode::NotDesignated)]);
        assert_eq!(at("2025-04", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::InvalidValue)]);
        assert_eq!(at("2025-W99", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::InvalidValue)]);
        assert_eq!(at("2017-W10", "pediatric_weekly"), vec![("period".into(), FieldErrorCode::NotDesignated)]);
    }

    #[test]
    fn bad_counts_and_codes_are_named_at_their_cells() {
        let report = submission(json!({ "kind": "pediatric_weekly", "period": "2025-W15", "cells": [
            cell("varicella", "1y", "male", json!(-1)),
            cell("varicella", "2y", "male", json!(1.5)),
            cell("varicella", "3y", "male", json!("三")),
            cell("influenza", "80+", "female", json!(1)),
            cell("varicella", "1y", "unknown", json!(4_294_967_296_u64)),
            cell("mumps", "4y", "female", json!(2)),
            cell("mumps", "4y", "female", json!(3)),
        ]}));
        assert_eq!(
            codes(check_report(&report, &designated(SentinelType::Pediatric), TODAY)),
            vec![
                ("cells[0].count".into(), FieldErrorCode::NegativeCount),
                ("cells[1].count".into(), FieldErrorCode::NotWholeNumber),
                ("cells[2].count".into(), FieldErrorCode::InvalidNumber),
                ("cells[3].disease".into(), FieldErrorCode::NotInCatalog),
                ("cells[3].age_band".into(), FieldErrorCode::NotInCatalog),
                ("cells[4].sex".into(), FieldErrorCode::InvalidChoice),
                ("cells[4].count".into(), FieldErrorCode::OutOfRange),
                ("cells[6].disease".into(), FieldErrorCode::DuplicateCell),
            ]
        );
    }

    #[test]
    fn the_version_in_force_decides_the_diseases() {
        // ARI joins the respiratory form in 2025-W15; COVID-19 入院 in 2023-W39.
        let ari = |period: &str| {
            let report = submission(json!({ "kind": "respiratory_weekly", "period": period,
                "cells": [cell("ari", "1y", "male", json!(1))] }));
            codes(check_report(&report, &designated(SentinelType::Respiratory), TODAY))
        };
        assert!(ari("2025-W15").is_empty());
        assert_eq!(ari("2025-W14"), vec![("cells[0].disease".into(), FieldErrorCode::NotInCatalog)]);
    }

    #[test]
    fn care_items_belong_to_hospitalization_and_never_exceed_admissions() {
        let design = designated(SentinelType::Basic);
        let report = submission(json!({ "kind": "hospitalization", "period": "2025-W15",
            "cells": [cell("influenza", "80+", "male", json!(2)), cell("influenza", "1-4y", "female", json!(1))],
            "items": [{ "disease": "influenza", "item": "icu", "count": 3 },
                      { "disease": "influenza", "item": "ventilator", "count": 4 },
                      { "disease": "covid19", "item": "icu", "count": 1 },
                      { "disease": "influenza", "item": "dialysis", "count": 1 }] }));
        assert_eq!(
            codes(check_report(&report, &design, TODAY)),
            vec![
                ("items[1].count".into(), FieldErrorCode::ExceedsAdmissions),
                ("items[2].count".into(), FieldErrorCode::ExceedsAdmissions),
                ("items[3].item".into(), FieldErrorCode::NotInCatalog),
            ]
        );
        let weekly = submission(json!({ "kind": "basic_weekly", "period": "2025-W15",
            "cells": [cell("aseptic_meningitis", "1y", "male", json!(1))],
            "items": [{ "disease": "aseptic_meningitis", "item": "icu", "count": 1 }] }));
        assert_eq!(
            codes(check_report(&weekly, &design, TODAY)),
            vec![("items[0].item".into(), FieldErrorCode::NotInCatalog)]
        );
    }

    #[test]
    fn every_message_names_its_field_in_japanese() {
        let report = submission(json!({ "kind": "std_monthly", "period": "2025-05", "no_patients": true }));
        let errors = check_report(&report, &designated(SentinelType::Std), TODAY).err().unwrap();
        assert_eq!(errors[0].message, format!("period：{}", FieldErrorCode::PeriodInFuture.message(Lang::Ja)));
    }
}
