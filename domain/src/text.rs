//! Input checks shared by the use cases. A [`Validator`] collects every field's problem so that a
//! form can show them all at once; the stable codes are what the API returns and what the web
//! UI translates.

use crate::error::{Error, FieldError};

pub const CODE_REQUIRED: &str = "required";
pub const CODE_TOO_LONG: &str = "too_long";
pub const CODE_TOO_SHORT: &str = "too_short";
pub const CODE_INVALID: &str = "invalid";

/// Limits shared by the API schema, the web forms and the use cases.
pub mod limits {
    pub const NAME: usize = 200;
    pub const TITLE: usize = 200;
    pub const SUMMARY: usize = 1_000;
    pub const BODY: usize = 100_000;
    pub const DESCRIPTION: usize = 5_000;
    pub const EMAIL: usize = 254;
    pub const SLUG: usize = 63;
    pub const TAG: usize = 50;
    pub const TAGS: usize = 20;
    pub const REGISTRY_NUMBER: usize = 32;
    pub const PASSWORD_MIN: usize = 10;
    pub const PASSWORD_MAX: usize = 1_000;
    pub const SEARCH_QUERY: usize = 500;
}

#[derive(Default, Debug)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: &'static str) {
        self.errors.push(FieldError::new(field, code));
    }

    /// Trimmed, non-empty, at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, CODE_REQUIRED);
        } else if value.chars().count() > max {
            self.add(field, CODE_TOO_LONG);
        }
        value.to_owned()
    }

    /// Trimmed, possibly empty, at most `max` characters.
    pub fn optional(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.add(field, CODE_TOO_LONG);
        }
        value.to_owned()
    }

    /// Like [`optional`](Self::optional), with empty meaning absent.
    pub fn optional_some(
        &mut self,
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> Option<String> {
        let value = self.optional(field, value.unwrap_or_default(), max);
        (!value.is_empty()).then_some(value)
    }

    pub fn email(&mut self, field: &str, value: &str) -> String {
        let value = self.required(field, value, limits::EMAIL).to_lowercase();
        if !value.is_empty() && !looks_like_email(&value) {
            self.add(field, CODE_INVALID);
        }
        value
    }

    pub fn password(&mut self, field: &str, value: &str) -> String {
        let length = value.chars().count();
        if length == 0 {
            self.add(field, CODE_REQUIRED);
        } else if length < limits::PASSWORD_MIN {
            self.add(field, CODE_TOO_SHORT);
        } else if length > limits::PASSWORD_MAX {
            self.add(field, CODE_TOO_LONG);
        }
        value.to_owned()
    }

    /// Tags: trimmed, lowercased, empty ones dropped, duplicates removed, order kept.
    pub fn tags(&mut self, field: &str, values: &[String]) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for value in values {
            let tag = value.trim().to_lowercase();
            if tag.is_empty() || tags.contains(&tag) {
                continue;
            }
            if tag.chars().count() > limits::TAG {
                self.add(field, CODE_TOO_LONG);
                return tags;
            }
            tags.push(tag);
        }
        if tags.len() > limits::TAGS {
            self.add(field, "too_many");
        }
        tags
    }

    pub fn finish(self) -> Result<(), Error> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }
}

/// A pragmatic shape check: one `@`, something before it, a dot in the domain, no spaces. The
/// invitation mail is the real check.
pub fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// Network slugs: lowercase letters, digits and single hyphens, 2–63 characters.
pub fn is_valid_slug(value: &str) -> bool {
    (2..=limits::SLUG).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
}

/// Splits comma-separated tags as typed into a form field.
pub fn split_tags(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_field_error() {
        let mut v = Validator::new();
        v.required("title", "  ", 10);
        v.required("summary", "abcdefghijk", 10);
        v.email("email", "not-an-email");
        let Err(Error::Invalid(errors)) = v.finish() else {
            panic!("expected invalid");
        };
        assert_eq!(
            errors,
            vec![
                FieldError::new("title", CODE_REQUIRED),
                FieldError::new("summary", CODE_TOO_LONG),
                FieldError::new("email", CODE_INVALID),
            ]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut v = Validator::new();
        v.required("title", "æøåæøå", 6);
        assert!(v.finish().is_ok());
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("fsu-barn-og-unge"));
        assert!(!is_valid_slug("Bakkehuset"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("a"));
    }

    #[test]
    fn tags_are_normalised() {
        let mut v = Validator::new();
        let tags = v.tags(
            "tags",
            &["BUP ".into(), "bup".into(), "".into(), "Skole".into()],
        );
        assert_eq!(tags, vec!["bup", "skole"]);
    }
}
