//! V-2 Japanese phone numbers: what people type (hyphens, spaces, brackets, full-width digits, +81) is
//! read, checked against the Japanese numbering plan and normalised to its digits, e.g. `0312345678`.
//!
//! Accepted: fixed lines (0 + area code + subscriber, 10 digits, never `0A0…`), IP phones (050, 11 digits),
//! mobiles (070/080/090, 11 digits), free dial (0120, 10 digits; 0800, 11 digits). Refused: numbers
//! abroad (`+1…`, `001…`, `010…`), other non-geographic services (020 M2M, 060, 0570, 0180, 0990), and
//! wrong lengths.

use std::fmt;

use crate::api::SecondFactorMethod;

/// What kind of line a Japanese number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// 固定電話
    Fixed,
    /// IP電話 (050)
    IpPhone,
    /// 携帯電話 (070/080/090)
    Mobile,
    /// フリーダイヤル (0120/0800)
    FreeDial,
}

/// A checked Japanese phone number, held as its digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    digits: String,
    kind: PhoneKind,
}

impl PhoneNumber {
    /// Whether one-time codes can reach this number by `method` (L-5): SMS only mobiles, voice
    /// calls any line but free dial (which cannot be called back); never e-mail.
    pub fn can_receive(&self, method: SecondFactorMethod) -> bool {
        match method {
            SecondFactorMethod::Sms => self.kind == PhoneKind::Mobile,
            SecondFactorMethod::Voice => self.kind != PhoneKind::FreeDial,
            SecondFactorMethod::Email => false,
        }
    }

    /// The digits alone, e.g. `09012345678`: how answers store the number.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    pub fn kind(&self) -> PhoneKind {
        self.kind
    }
}

impl fmt::Display for PhoneNumber {
    /// Mobiles, IP phones and free dial with their fixed hyphenation (`090-1234-5678`, `0120-123-456`);
    /// fixed lines as digits, since where the area code ends needs the numbering plan's tables.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.digits;
        let split = |a: usize, b: usize| format!("{}-{}-{}", &d[..a], &d[a..b], &d[b..]);
        match (self.kind, d.len()) {
            (PhoneKind::Mobile | PhoneKind::IpPhone, 11) => f.write_str(&split(3, 7)),
            (PhoneKind::FreeDial, 10 | 11) => f.write_str(&split(4, 7)),
            _ => f.write_str(d),
        }
    }
}

/// Why a text is not a Japanese phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing but separators.
    Empty,
    /// A character that is neither a digit nor a separator (letters, `#`, `*`, an extension).
    InvalidCharacter(char),
    /// A number abroad (`+1…`, `001…`, `010…`).
    Foreign,
    /// Not a number of the Japanese plan todoke accepts (missing leading 0, 0570, 020 …).
    NotJapanese,
    /// The right prefix with the wrong number of digits.
    WrongLength { expected: usize, actual: usize },
}

/// Characters people put between digits: hyphens and dashes of every width, spaces, brackets, dots.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '―'
            | '−'
            | '－'
            | 'ー'
            | 'ｰ'
            | ' '
            | '\u{3000}'
            | '('
            | ')'
            | '（'
            | '）'
            | '.'
            | '．'
    )
}

/// An ASCII or full-width digit's value.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// Reads a Japanese phone number as people write it.
pub fn parse_phone(text: &str) -> Result<PhoneNumber, PhoneError> {
    let text = text.trim();
    let (international, rest) = match text.strip_prefix('+').or_else(|| text.strip_prefix('＋')) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match digit(c) {
            Some(d) => digits.push(d),
            None if is_separator(c) => {}
            None => return Err(PhoneError::InvalidCharacter(c)),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if international {
        // +81 is Japan: +81 3-1234-5678 is 03-1234-5678 (a leading 0 after +81 is tolerated).
        let national = digits.strip_prefix("81").ok_or(PhoneError::Foreign)?;
        let national = national.strip_prefix('0').unwrap_or(national);
        digits = format!("0{national}");
    }
    let kind = classify(&digits)?;
    Ok(PhoneNumber { digits, kind })
}

/// The kind and length rule of a national number, from its leading digits.
fn classify(digits: &str) -> Result<PhoneKind, PhoneError> {
    let (kind, expected) = if !digits.starts_with('0') {
        return Err(PhoneError::NotJapanese);
    } else if digits.starts_with("00") || digits.starts_with("010") {
        // International call prefixes (001, 0033, 0041, 0061 … and 010).
        return Err(PhoneError::Foreign);
    } else if digits.starts_with("0120") {
        (PhoneKind::FreeDial, 10)
    } else if digits.starts_with("0800") {
        (PhoneKind::FreeDial, 11)
    } else if digits.starts_with("050") {
        (PhoneKind::IpPhone, 11)
    } else if ["070", "080", "090"].iter().any(|p| digits.starts_with(p)) {
        (PhoneKind::Mobile, 11)
    } else if ["0570", "0180", "0990"].iter().any(|p| digits.starts_with(p)) || digits.get(2..3) == Some("0") {
        // Navi dial, telephone services, dial Q2, and the other non-geographic 0A0 prefixes (020, 060 …).
        return Err(PhoneError::NotJapanese);
    } else {
        (PhoneKind::Fixed, 10)
    };
    if digits.len() == expected {
        Ok(kind)
    } else {
        Err(PhoneError::WrongLength { expected, actual: digits.len() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_display() {
        let mobile = parse_phone("０９０－１２３４－５６７８");
        assert_eq!(mobile.as_ref().map(|p| p.kind()), Ok(PhoneKind::Mobile));
        assert_eq!(mobile.map(|p| p.to_string()), Ok("090-1234-5678".to_owned()));
        assert_eq!(parse_phone("0120-123-456").map(|p| p.to_string()), Ok("0120-123-456".to_owned()));
        assert_eq!(parse_phone("03 (1234) 5678").map(|p| p.digits().to_owned()), Ok("0312345678".to_owned()));
    }
}

#[cfg(test)]
mod method_tests {
    use super::*;

    #[test]
    fn sms_needs_a_mobile_and_calls_cannot_go_to_free_dial() {
        let number = |text: &str| parse_phone(text).expect("a valid number");
        assert!(number("090-1234-5678").can_receive(SecondFactorMethod::Sms));
        assert!(!number("03-1234-5678").can_receive(SecondFactorMethod::Sms));
        assert!(number("03-1234-5678").can_receive(SecondFactorMethod::Voice));
        assert!(!number("0120-123-456").can_receive(SecondFactorMethod::Voice));
        assert!(!number("090-1234-5678").can_receive(SecondFactorMethod::Email));
    }
}
