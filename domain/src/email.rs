//! E-mail addresses as todoke accepts them (contact address, second factor): one `@`, a local part and
//! a dotted domain, ASCII without spaces, at most 254 characters. Deliverability is the mail server's
//! verdict; this only refuses what cannot be an address, the same way in the browser and the server.

/// The address trimmed, or `None` when it cannot be an e-mail address.
pub fn normalize(typed: &str) -> Option<String> {
    let address = typed.trim();
    let (local, domain) = address.split_once('@')?;
    let plausible = address.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && address.chars().all(|c| c.is_ascii_graphic())
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    plausible.then(|| address.to_owned())
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn plausible_addresses_only() {
        assert_eq!(normalize(" doctor@example.jp ").as_deref(), Some("doctor@example.jp"));
        assert_eq!(normalize("a.b+c@kita-clinic.todoke.invalid").as_deref(), Some("a.b+c@kita-clinic.todoke.invalid"));
        for bad in
            ["doctor@", "@example.jp", "doctor@example", "a@b@c.jp", "医師@example.jp", "a b@example.jp", "a@-x.jp"]
        {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
