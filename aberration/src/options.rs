//! The command line's words for a method and its parameters (`ears-c3 --alpha 0.01`,
//! `farrington --b 3 --threshold-method nbPlugin`), turned into a [`Method`]. Options a method does
//! not have are refused rather than ignored.

use crate::{EarsControl, EarsMethod, FarringtonControl, Method, ThresholdMethod};

/// A method and how many of the series' last weeks to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub method: Method,
    pub weeks: usize,
}

/// What is wrong with the method's name or options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionError {
    #[error("unknown method {0} (ears-c1, ears-c2, ears-c3 or farrington)")]
    Method(String),
    #[error("{option} is not an option of {method}")]
    NotAnOption { option: String, method: String },
    #[error("{0} needs a value")]
    MissingValue(String),
    #[error("{option}: not a valid value: {value}")]
    Value { option: String, value: String },
}

/// Reads `METHOD [--option value]...`.
pub fn parse(method: &str, args: &[String]) -> Result<Detection, OptionError> {
    let mut detection = Detection {
        method: match method {
            "ears-c1" => Method::Ears(EarsControl::new(EarsMethod::C1)),
            "ears-c2" => Method::Ears(EarsControl::new(EarsMethod::C2)),
            "ears-c3" => Method::Ears(EarsControl::new(EarsMethod::C3)),
            "farrington" => Method::Farrington(FarringtonControl::default()),
            other => return Err(OptionError::Method(other.to_owned())),
        },
        weeks: 52,
    };
    let mut rest = args.iter();
    while let Some(option) = rest.next() {
        let value = rest.next().ok_or_else(|| OptionError::MissingValue(option.clone()))?;
        detection.set(method, option, value)?;
    }
    Ok(detection)
}

impl Detection {
    fn set(&mut self, method: &str, option: &str, value: &str) -> Result<(), OptionError> {
        let invalid = || OptionError::Value { option: option.to_owned(), value: value.to_owned() };
        let number = || value.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(invalid);
        let count = || value.parse::<usize>().map_err(|_| invalid());
        match (&mut self.method, option) {
            (_, "--range") => self.weeks = count()?,
            (Method::Ears(control), "--alpha") => control.alpha = Some(number()?),
            (Method::Ears(control), "--baseline") => control.baseline = count()?,
            (Method::Ears(control), "--min-sigma") => control.min_sigma = number()?,
            (Method::Farrington(control), "--alpha") => control.alpha = number()?,
            (Method::Farrington(control), "--b") => control.b = count()?,
            (Method::Farrington(control), "--w") => control.w = count()?,
            (Method::Farrington(control), "--no-periods") => control.no_periods = count()?,
            (Method::Farrington(control), "--past-weeks-not-included") => {
                control.past_weeks_not_included = Some(count()?)
            }
            (Method::Farrington(control), "--threshold-method") => {
                control.threshold_method = match value {
                    "delta" => ThresholdMethod::Delta,
                    "nbPlugin" => ThresholdMethod::NbPlugin,
                    "muan" => ThresholdMethod::Muan,
                    _ => return Err(invalid()),
                }
            }
            (Method::Farrington(control), "--p-threshold-trend") => control.p_threshold_trend = number()?,
            (Method::Farrington(control), "--weights-threshold") => control.weights_threshold = number()?,
            (Method::Ears(control), "--per-population") => control.per_population = flag(value).ok_or_else(invalid)?,
            (Method::Farrington(control), "--population-offset") => {
                control.population_offset = flag(value).ok_or_else(invalid)?
            }
            _ => return Err(OptionError::NotAnOption { option: option.to_owned(), method: method.to_owned() }),
        }
        Ok(())
    }
}

/// A logical option's value, as R writes it or in lower case.
fn flag(value: &str) -> Option<bool> {
    match value {
        "true" | "TRUE" => Some(true),
        "false" | "FALSE" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn reads_r_parameters_over_r_defaults() {
        let options = words("--b 3 --threshold-method nbPlugin --range 10 --population-offset TRUE");
        let detection = parse("farrington", &options).unwrap();
        let Method::Farrington(control) = detection.method else { panic!() };
        assert_eq!((control.b, control.w, control.threshold_method), (3, 3, ThresholdMethod::NbPlugin));
        assert!(control.population_offset);
        assert_eq!(detection.weeks, 10);
        let Method::Ears(c3) = parse("ears-c3", &[]).unwrap().method else { panic!() };
        assert_eq!(c3.alpha(), 0.025);
    }

    #[test]
    fn refuses_what_a_method_does_not_have() {
        assert_eq!(
            parse("ears-c1", &words("--b 3")),
            Err(OptionError::NotAnOption { option: "--b".into(), method: "ears-c1".into() })
        );
        assert_eq!(parse("glrnb", &[]), Err(OptionError::Method("glrnb".into())));
        assert_eq!(parse("farrington", &words("--w")), Err(OptionError::MissingValue("--w".into())));
        assert!(matches!(parse("farrington", &words("--alpha x")), Err(OptionError::Value { .. })));
        let yes = words("--population-offset yes");
        assert!(matches!(parse("farrington", &yes), Err(OptionError::Value { .. })));
        assert!(matches!(parse("ears-c1", &words("--population-offset true")), Err(OptionError::NotAnOption { .. })));
        assert!(matches!(parse("farrington", &words("--per-population true")), Err(OptionError::NotAnOption { .. })));
        let Method::Ears(rates) = parse("ears-c2", &words("--per-population TRUE")).unwrap().method else { panic!() };
        assert!(rates.per_population);
    }
}
