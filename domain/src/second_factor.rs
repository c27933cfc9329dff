//! L-5: where one-time codes can go. The one rule for a second factor's destination, whoever enters
//! it (the user in the settings, an administrator's change, the application form, the demo data):
//! an e-mail address for e-mail, a Japanese number (V-2) for SMS (mobiles only) and voice calls (any
//! line but free dial). Each caller says a problem in its own vocabulary through the `*_code`
//! methods; the rule itself is written once here.

use crate::api::SecondFactorMethod;
use crate::email;
use crate::error::FieldErrorCode;
use crate::import::ImportProblemCode;
use crate::phone::{parse_phone, PhoneError};

/// Why a typed destination cannot take codes by the chosen method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestinationProblem {
    /// Not an e-mail address (method e-mail).
    InvalidEmail,
    /// Not a Japanese phone number.
    InvalidPhoneNumber,
    /// A number abroad.
    ForeignPhoneNumber,
    /// A Japanese number, but this kind of line cannot take codes by the method (SMS to a fixed line,
    /// a call to free dial).
    UnreachableByMethod,
}

impl DestinationProblem {
    /// The problem as a form field's error.
    pub fn field_code(self) -> FieldErrorCode {
        match self {
            Self::InvalidEmail => FieldErrorCode::InvalidValue,
            Self::InvalidPhoneNumber => FieldErrorCode::InvalidPhoneNumber,
            Self::ForeignPhoneNumber => FieldErrorCode::ForeignPhoneNumber,
            Self::UnreachableByMethod => FieldErrorCode::UnreachableByMethod,
        }
    }

    /// The problem as an uploaded file's cell problem.
    pub fn import_code(self) -> ImportProblemCode {
        match self {
            Self::InvalidEmail => ImportProblemCode::InvalidEmail,
            Self::InvalidPhoneNumber => ImportProblemCode::InvalidPhoneNumber,
            Self::ForeignPhoneNumber => ImportProblemCode::ForeignPhoneNumber,
            Self::UnreachableByMethod => ImportProblemCode::UnreachableByMethod,
        }
    }
}

/// The destination as stored (an address trimmed, a number in its display form such as
/// `090-1234-5678`), or why codes cannot go there by `method`.
pub fn destination(method: SecondFactorMethod, typed: &str) -> Result<String, DestinationProblem> {
    match method {
        SecondFactorMethod::Email => email::normalize(typed).ok_or(DestinationProblem::InvalidEmail),
        SecondFactorMethod::Sms | SecondFactorMethod::Voice => match parse_phone(typed) {
            Ok(number) if number.can_receive(method) => Ok(number.to_string()),
            Ok(_) => Err(DestinationProblem::UnreachableByMethod),
            Err(PhoneError::Foreign) => Err(DestinationProblem::ForeignPhoneNumber),
            Err(_) => Err(DestinationProblem::InvalidPhoneNumber),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_must_suit_the_method() {
        use DestinationProblem as P;
        use SecondFactorMethod as M;
        assert_eq!(destination(M::Email, " doctor@example.jp ").as_deref(), Ok("doctor@example.jp"));
        assert_eq!(destination(M::Email, "doctor@"), Err(P::InvalidEmail));
        assert_eq!(destination(M::Sms, "０９０−１２３４−５６７８").as_deref(), Ok("090-1234-5678"));
        assert_eq!(destination(M::Sms, "03-1234-5678"), Err(P::UnreachableByMethod), "SMS needs a mobile");
        assert!(destination(M::Voice, "03-1234-5678").is_ok());
        assert_eq!(destination(M::Voice, "0120-123-456"), Err(P::UnreachableByMethod));
        assert_eq!(destination(M::Sms, "+1 415 555 0100"), Err(P::ForeignPhoneNumber));
        assert_eq!(destination(M::Voice, "12345"), Err(P::InvalidPhoneNumber));
        assert_eq!(destination(M::Sms, "doctor@example.jp"), Err(P::InvalidPhoneNumber));
    }
}
