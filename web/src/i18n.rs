//! Interface languages and their texts (fluent), compiled in.
//!
//! Every text a person reads comes from `i18n/<lang>.ftl`. Keys for values the domain defines
//! are built from the domain's stable names (`role-coordinator`, `error-too_long`,
//! `conflict-last_owner`), so adding a value there without a text here fails the tests below.

use std::sync::LazyLock;

use domain::tenancy::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Da,
    Nb,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Da, Lang::Nb, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The interface language for a content language: Swedish networks get English until the
    /// interface has Swedish.
    pub fn for_language(language: Language) -> Lang {
        match language {
            Language::Danish => Lang::Da,
            Language::Norwegian => Lang::Nb,
            Language::Swedish | Language::English => Lang::En,
        }
    }

    pub fn language(self) -> Language {
        match self {
            Lang::Da => Language::Danish,
            Lang::Nb => Language::Norwegian,
            Lang::En => Language::English,
        }
    }

    /// The language's own name, shown in the language switch whatever the page's language.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::Nb => "Norsk bokmål",
            Lang::En => "English",
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Da => 0,
            Lang::Nb => 1,
            Lang::En => 2,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Da => include_str!("../i18n/da.ftl"),
            Lang::Nb => include_str!("../i18n/nb.ftl"),
            Lang::En => include_str!("../i18n/en.ftl"),
        }
    }
}

/// Picks the interface language: the person's own choice (their saved preference when signed in,
/// else the language cookie), then the network's language on its pages, then the browser's
/// `Accept-Language`, then Danish.
pub(crate) fn negotiate(
    preference: Option<Language>,
    cookie: Option<&str>,
    network: Option<Language>,
    accept_language: Option<&str>,
) -> Lang {
    preference
        .map(Lang::for_language)
        .or_else(|| cookie.and_then(Lang::parse))
        .or_else(|| network.map(Lang::for_language))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(Lang::Da)
}

/// The best of our languages in an `Accept-Language` header, by quality then order.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or_default();
        let lang = match primary {
            "da" => Lang::Da,
            // Nynorsk readers and a bare "no" read bokmål far better than the alternatives.
            "nb" | "no" | "nn" => Lang::Nb,
            "en" => Lang::En,
            _ => continue,
        };
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

struct Catalog {
    bundles: Vec<FluentBundle<FluentResource>>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    bundles: Lang::ALL.into_iter().map(bundle).collect(),
});

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would end up inside HTML attributes and URLs.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(lang.source().to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            tracing::error!(lang = lang.code(), ?errors, "translation file has errors");
            resource
        }
    };
    bundle.add_resource_overriding(resource);
    bundle
}

/// The text `id` in `lang`. A missing text shows its id (and is logged): the tests make sure
/// that does not ship.
pub(crate) fn translate(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let Some(bundle) = CATALOG.bundles.get(lang.index()) else {
        return id.to_owned();
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::warn!(lang = lang.code(), id, "missing translation");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            lang = lang.code(),
            id,
            ?errors,
            "translation could not be formatted"
        );
    }
    text.into_owned()
}

/// Does `id` exist in `lang`?
pub(crate) fn has(lang: Lang, id: &str) -> bool {
    CATALOG
        .bundles
        .get(lang.index())
        .is_some_and(|bundle| bundle.has_message(id))
}

/// Arguments for one text.
pub(crate) fn args<'a>(pairs: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, value.clone());
    }
    args
}

/// The keys of the values the domain defines, by the prefix their texts use.
#[cfg(test)]
pub(crate) mod keys {
    use domain::people::{InvitationStatus, MembershipStatus, Sector};
    use domain::policy::Role;
    use domain::search::DocKind;
    use domain::showcases::ProjectStatus;
    use domain::tenancy::{Language, Visibility};

    /// Every stable field-error code the domain returns in `Error::Invalid`.
    pub const FIELD_ERRORS: &[&str] = &[
        "required",
        "too_long",
        "too_short",
        "invalid",
        "unknown",
        "too_many",
        "wrong_password",
        "not_a_member",
        "in_the_past",
        "out_of_range",
    ];

    /// Every conflict code the domain returns in `Error::Conflict`.
    pub const CONFLICTS: &[&str] = &[
        "email_taken",
        "already_member",
        "already_invited",
        "last_owner",
        "name_taken",
        "slug_taken",
        "duplicate",
        "not_pending",
        "member_not_active",
        "invitation_pending",
    ];

    /// Every key built from a domain value, for the completeness test.
    pub fn all_enum_keys() -> Vec<String> {
        let mut keys = Vec::new();
        keys.extend(Role::ALL.iter().map(|v| format!("role-{v}")));
        keys.extend(
            MembershipStatus::ALL
                .iter()
                .map(|v| format!("member_status-{v}")),
        );
        keys.extend(
            InvitationStatus::ALL
                .iter()
                .map(|v| format!("invitation_status-{v}")),
        );
        keys.extend(Sector::ALL.iter().map(|v| format!("sector-{v}")));
        keys.extend(Visibility::ALL.iter().map(|v| format!("visibility-{v}")));
        keys.extend(
            Visibility::ALL
                .iter()
                .map(|v| format!("visibility-{v}-hint")),
        );
        keys.extend(
            ProjectStatus::ALL
                .iter()
                .map(|v| format!("project_status-{v}")),
        );
        keys.extend(DocKind::ALL.iter().map(|v| format!("kind-{v}")));
        keys.extend(Language::ALL.iter().map(|v| format!("language-{v}")));
        keys.extend(FIELD_ERRORS.iter().map(|c| format!("error-{c}")));
        keys.extend(CONFLICTS.iter().map(|c| format!("conflict-{c}")));
        keys
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Message ids defined in a file: top-level `id =` lines (terms start with `-`).
    fn ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn files_parse_without_errors() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("{}.ftl: {errors:?}", lang.code());
            }
        }
    }

    #[test]
    fn every_language_has_the_same_ids() {
        let danish = ids(Lang::Da.source());
        assert!(danish.len() > 50);
        for lang in [Lang::Nb, Lang::En] {
            let other = ids(lang.source());
            let missing: Vec<_> = danish.difference(&other).collect();
            let extra: Vec<_> = other.difference(&danish).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}.ftl: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn every_domain_value_has_a_text() {
        for key in keys::all_enum_keys() {
            for lang in Lang::ALL {
                assert!(has(lang, &key), "{key} missing in {}.ftl", lang.code());
            }
        }
    }

    /// Collects the literal ids of lookup calls (`.t("…")`, `.t1("…"`, `.tn("…"`) in a text.
    fn lookups(text: &str, found: &mut BTreeSet<String>) {
        for call in [".t(\"", ".t1(\"", ".tn(\"", ".t2(\""] {
            let mut rest = text;
            while let Some(at) = rest.find(call) {
                rest = &rest[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    found.insert(rest[..end].to_owned());
                }
            }
        }
    }

    fn scan(dir: &Path, extension: &str, found: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            panic!("cannot read {}", dir.display());
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                scan(&path, extension, found);
            } else if path.extension().is_some_and(|e| e == extension) {
                let text = std::fs::read_to_string(&path).unwrap();
                lookups(&text, found);
            }
        }
    }

    #[test]
    fn every_id_used_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = BTreeSet::new();
        scan(&root.join("templates"), "html", &mut used);
        scan(&root.join("src"), "rs", &mut used);
        // Only what can be a fluent id: the scanner's own doc comment mentions `.t("…")`.
        used.retain(|id| {
            id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        assert!(used.len() > 50, "the scanner found only {}", used.len());
        let mut missing = Vec::new();
        for id in &used {
            for lang in Lang::ALL {
                if !has(lang, id) {
                    missing.push(format!("{id} ({})", lang.code()));
                }
            }
        }
        assert!(missing.is_empty(), "missing texts: {missing:?}");
    }

    #[test]
    fn formats_plurals_and_arguments() {
        let one = translate(
            Lang::En,
            "search-count",
            Some(&args(&[("count", FluentValue::from(1))])),
        );
        let many = translate(
            Lang::En,
            "search-count",
            Some(&args(&[("count", FluentValue::from(3))])),
        );
        assert_ne!(one, many);
        assert!(many.contains('3'));
        assert!(!many.contains('\u{2068}'), "no isolation marks");
    }

    #[test]
    fn negotiation_order() {
        use Language::*;
        assert_eq!(negotiate(None, None, None, None), Lang::Da);
        assert_eq!(
            negotiate(None, None, None, Some("sv-SE,en;q=0.8,da;q=0.5")),
            Lang::En
        );
        assert_eq!(negotiate(None, None, None, Some("nn, en;q=0.9")), Lang::Nb);
        assert_eq!(negotiate(None, None, Some(Swedish), Some("da")), Lang::En);
        assert_eq!(
            negotiate(None, Some("nb"), Some(Danish), Some("en")),
            Lang::Nb
        );
        assert_eq!(
            negotiate(Some(English), Some("nb"), Some(Danish), None),
            Lang::En
        );
        assert_eq!(negotiate(None, Some("xx"), None, Some("fr")), Lang::Da);
        assert_eq!(negotiate(None, None, None, Some("en;q=0, da")), Lang::Da);
    }
}
