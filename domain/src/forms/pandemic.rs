//! 新型インフルエンザ等感染症 forms: notified immediately with name, every 類型 (suspected cases count as
//! patients, 感染症法 第8条第3項). None is designated at present; the forms are ready for when one is.

use super::common::{identified_form, CASE_TYPES_ALL};
use super::symptoms::SEVERE_RESPIRATORY;
use super::FormDefinition;

pub static NOVEL_INFLUENZA: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static REEMERGING_INFLUENZA: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static NOVEL_CORONAVIRUS: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static REEMERGING_CORONAVIRUS: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
