//! Feeds arbitrary UTF-8 to the identifier guard: it must never panic, and a refusal must name
//! only the field and a stable code, never echo the text.

#![no_main]

use domain::Error;
use domain::guard::{check_fields, check_text};
use libfuzzer_sys::fuzz_target;

const CODES: [&str; 8] = [
    "contains_cpr",
    "contains_national_id_no",
    "contains_personnummer",
    "contains_email",
    "contains_phone",
    "possible_name",
    "possible_address",
    "possible_national_id",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let check = check_text(text);
    for confirmed in [false, true] {
        match check_fields(&[("body", text)], confirmed) {
            Ok(()) => assert!(check.identifiers.is_empty()),
            Err(Error::Invalid(errors)) => {
                assert!(!errors.is_empty());
                for error in &errors {
                    assert_eq!(error.field, "body");
                    assert!(CODES.contains(&error.code));
                }
                // Longer than any field name, code or message the error can hold.
                let shown = format!("{:?} {}", errors, Error::Invalid(errors.clone()));
                assert!(text.chars().count() <= 40 || !shown.contains(text));
            }
            Err(other) => panic!("unexpected error kind {other}"),
        }
    }
});
