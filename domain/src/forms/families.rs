//! Which form a catalog entry is filled in on, as a small reference without the form's data
//! ([`FormRef`]), resolved here and only here. The forms are grouped in families, each an enum whose
//! `definition` refers to its own forms' statics only: the browser app resolves each family behind a
//! split point of its own (app/src/lazy.rs), so that the forms' static data goes with the modules of
//! those split points and the filing path downloads only the family of the form it opens (issue 17).
//! The server and native code resolve any form at once ([`FormRef::definition`]).

use super::{
    animal, class1, class2, class3, class4, class5, ehec, encephalitis, hiv_aids, invasive, measles, pandemic,
    pertussis, rubella, syphilis, tuberculosis, FormDefinition,
};

/// `Family { Variant => path::TO_STATIC, … }`: an enum of the family's forms, its `ALL` and its
/// `definition`, which reaches this family's statics and no other's.
macro_rules! form_family {
    ($($(#[$doc:meta])* $family:ident { $($form:ident => $definition:path,)* })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $family {
            $($form,)*
        }

        impl $family {
            #[cfg(test)]
            const ALL: &[Self] = &[$(Self::$form,)*];

            pub fn definition(self) -> &'static FormDefinition {
                match self {
                    $(Self::$form => &$definition,)*
                }
            }
        }
    )*};
}

form_family! {
    /// 麻しん, 風しん and 百日咳: the forms doctors file most (measles is the one docs and journeys use), the
    /// family on the filing path.
    VaccinePreventableForm {
        Measles => measles::FORM,
        Rubella => rubella::FORM,
        Pertussis => pertussis::FORM,
    }
    /// 一類, 二類 (but 結核), 三類 and 新型インフルエンザ等感染症: identified, filed immediately.
    Class1To3Form {
        Ebola => class1::EBOLA,
        CrimeanCongo => class1::CRIMEAN_CONGO,
        Smallpox => class1::SMALLPOX,
        SouthAmerican => class1::SOUTH_AMERICAN,
        Plague => class1::PLAGUE,
        Marburg => class1::MARBURG,
        Lassa => class1::LASSA,
        Polio => class2::POLIO,
        Diphtheria => class2::DIPHTHERIA,
        Sars => class2::SARS,
        Mers => class2::MERS,
        AvianInfluenzaH5n1 => class2::AVIAN_INFLUENZA_H5N1,
        AvianInfluenzaH7n9 => class2::AVIAN_INFLUENZA_H7N9,
        Cholera => class3::CHOLERA,
        Shigellosis => class3::SHIGELLOSIS,
        Ehec => ehec::FORM,
        Typhoid => class3::TYPHOID,
        Paratyphoid => class3::PARATYPHOID,
        NovelInfluenza => pandemic::NOVEL_INFLUENZA,
        ReemergingInfluenza => pandemic::REEMERGING_INFLUENZA,
        NovelCoronavirus => pandemic::NOVEL_CORONAVIRUS,
        ReemergingCoronavirus => pandemic::REEMERGING_CORONAVIRUS,
    }
    /// 四類: identified, filed immediately.
    Class4Form {
        HepatitisE => class4::HEPATITIS_E,
        WestNile => class4::WEST_NILE,
        HepatitisA => class4::HEPATITIS_A,
        Echinococcosis => class4::ECHINOCOCCOSIS,
        Mpox => class4::MPOX,
        YellowFever => class4::YELLOW_FEVER,
        Psittacosis => class4::PSITTACOSIS,
        OmskHemorrhagicFever => class4::OMSK_HEMORRHAGIC_FEVER,
        RelapsingFever => class4::RELAPSING_FEVER,
        KyasanurForestDisease => class4::KYASANUR_FOREST_DISEASE,
        QFever => class4::Q_FEVER,
        Rabies => class4::RABIES,
        Coccidioidomycosis => class4::COCCIDIOIDOMYCOSIS,
        Zika => class4::ZIKA,
        Sfts => class4::SFTS_FORM,
        HemorrhagicFeverWithRenalSyndrome => class4::HEMORRHAGIC_FEVER_WITH_RENAL_SYNDROME,
        WesternEquineEncephalitis => class4::WESTERN_EQUINE_ENCEPHALITIS,
        TickBorneEncephalitis => class4::TICK_BORNE_ENCEPHALITIS,
        Anthrax => class4::ANTHRAX,
        Chikungunya => class4::CHIKUNGUNYA,
        ScrubTyphus => class4::SCRUB_TYPHUS,
        Dengue => class4::DENGUE,
        EasternEquineEncephalitis => class4::EASTERN_EQUINE_ENCEPHALITIS,
        AvianInfluenzaOther => class4::AVIAN_INFLUENZA_OTHER,
        Nipah => class4::NIPAH,
        JapaneseSpottedFever => class4::JAPANESE_SPOTTED_FEVER,
        JapaneseEncephalitis => class4::JAPANESE_ENCEPHALITIS,
        HantavirusPulmonarySyndrome => class4::HANTAVIRUS_PULMONARY_SYNDROME,
        BVirus => class4::B_VIRUS,
        Glanders => class4::GLANDERS,
        Brucellosis => class4::BRUCELLOSIS,
        VenezuelanEquineEncephalitis => class4::VENEZUELAN_EQUINE_ENCEPHALITIS,
        Hendra => class4::HENDRA,
        EpidemicTyphus => class4::EPIDEMIC_TYPHUS,
        Botulism => class4::BOTULISM,
        Malaria => class4::MALARIA,
        Tularemia => class4::TULAREMIA,
        Lyme => class4::LYME,
        Lyssavirus => class4::LYSSAVIRUS,
        RiftValleyFever => class4::RIFT_VALLEY_FEVER,
        Melioidosis => class4::MELIOIDOSIS,
        Legionellosis => class4::LEGIONELLOSIS,
        Leptospirosis => class4::LEPTOSPIROSIS,
        RockyMountainSpottedFever => class4::ROCKY_MOUNTAIN_SPOTTED_FEVER,
    }
    /// 五類全数 (within 7 days, anonymous) but those of the vaccine-preventable and the chronic families.
    Class5Form {
        Amoebiasis => class5::AMOEBIASIS,
        ViralHepatitis => class5::VIRAL_HEPATITIS,
        Cre => class5::CRE,
        AcuteFlaccidParalysis => class5::ACUTE_FLACCID_PARALYSIS,
        AcuteEncephalitis => encephalitis::FORM,
        Cryptosporidiosis => class5::CRYPTOSPORIDIOSIS,
        Cjd => class5::CJD,
        Stss => class5::STSS,
        Giardiasis => class5::GIARDIASIS,
        HaemophilusInfluenzae => invasive::HAEMOPHILUS_INFLUENZAE,
        Meningococcal => invasive::MENINGOCOCCAL,
        Pneumococcal => invasive::PNEUMOCOCCAL,
        Varicella => class5::VARICELLA,
        CongenitalRubella => class5::CONGENITAL_RUBELLA,
        DisseminatedCryptococcosis => class5::DISSEMINATED_CRYPTOCOCCOSIS,
        Tetanus => class5::TETANUS,
        Vrsa => class5::VRSA,
        Vre => class5::VRE,
        Mdra => class5::MDRA,
        Mdrp => class5::MDRP,
    }
    /// 結核, HIV/AIDS and 梅毒: long forms of their own (treatment, stage, transmission).
    ChronicForm {
        Tuberculosis => tuberculosis::FORM,
        HivAids => hiv_aids::FORM,
        Syphilis => syphilis::FORM,
    }
}

/// The form a disease (or an animal report) is filled in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRef {
    VaccinePreventable(VaccinePreventableForm),
    Class1To3(Class1To3Form),
    Class4(Class4Form),
    Class5(Class5Form),
    Chronic(ChronicForm),
    /// A veterinarian's report (N-7): one form for every disease × animal pair.
    Animal,
}

impl FormRef {
    /// The definition, whichever the family: the server's and native code's way (the browser app's
    /// resolves one family at a time, app/src/lazy.rs).
    pub fn definition(self) -> &'static FormDefinition {
        match self {
            Self::VaccinePreventable(form) => form.definition(),
            Self::Class1To3(form) => form.definition(),
            Self::Class4(form) => form.definition(),
            Self::Class5(form) => form.definition(),
            Self::Chronic(form) => form.definition(),
            Self::Animal => animal_form(),
        }
    }
}

/// [`FormRef::Animal`]'s definition: the veterinarians' family of one.
pub fn animal_form() -> &'static FormDefinition {
    &animal::FORM
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::common::SEXES;
    use crate::forms::{ChoiceOption, FieldKind};
    use crate::{animal_reports, diseases};

    /// Every form of every family, as the families list them.
    fn every_form() -> Vec<FormRef> {
        let mut forms = vec![FormRef::Animal];
        forms.extend(VaccinePreventableForm::ALL.iter().copied().map(FormRef::VaccinePreventable));
        forms.extend(Class1To3Form::ALL.iter().copied().map(FormRef::Class1To3));
        forms.extend(Class4Form::ALL.iter().copied().map(FormRef::Class4));
        forms.extend(Class5Form::ALL.iter().copied().map(FormRef::Class5));
        forms.extend(ChronicForm::ALL.iter().copied().map(FormRef::Chronic));
        forms
    }

    #[test]
    fn every_catalog_entry_has_a_form_of_a_family_and_every_form_an_entry() {
        let used: Vec<FormRef> = diseases::CATALOG
            .iter()
            .map(|disease| disease.form)
            .chain(animal_reports::CATALOG.iter().map(|report| report.form))
            .collect();
        let forms = every_form();
        for form in &used {
            assert!(forms.contains(form), "{form:?} is in no family");
        }
        for form in &forms {
            assert!(used.contains(form), "{form:?} is no entry's form");
        }
        // One form a disease, each its own: the 92 diseases and the veterinarians' one.
        assert_eq!(forms.len(), diseases::CATALOG.len() + 1);
    }

    #[test]
    fn each_form_resolves_to_a_definition_of_its_own() {
        let forms = every_form();
        for (i, form) in forms.iter().enumerate() {
            let definition = form.definition();
            assert!(!definition.sections.is_empty(), "{form:?}");
            // A family that resolved to another family's static (or two forms to one) would show here.
            let twin = forms[..i].iter().find(|other| std::ptr::eq(other.definition(), definition));
            assert_eq!(twin, None, "{form:?} resolves to the definition of {twin:?}");
        }
    }

    #[test]
    fn the_measles_form_is_the_vaccine_preventable_familys() {
        let measles = diseases::find("measles").map(|disease| disease.form);
        assert_eq!(measles, Some(FormRef::VaccinePreventable(VaccinePreventableForm::Measles)));
        assert!(std::ptr::eq(VaccinePreventableForm::Measles.definition(), &super::super::measles::FORM));
    }

    #[test]
    fn every_form_that_asks_the_patients_sex_offers_the_same_sexes() {
        for form in every_form() {
            let Some(field) = form.definition().field("patient_sex") else { continue };
            let FieldKind::Choice { options } = field.kind else { panic!("{form:?}: patient_sex is no choice") };
            let offered = |options: &[ChoiceOption]| options.iter().map(|o| (o.value, o.label)).collect::<Vec<_>>();
            assert_eq!(offered(options), offered(SEXES), "{form:?}");
        }
    }
}
