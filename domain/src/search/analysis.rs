//! The Nordic analysis: how text becomes the terms both engines index and match.
//!
//! Our own code on both paths, so the tantivy and Meilisearch adapters see the same terms and
//! find the same documents: words on Unicode word boundaries, lowercased, stop words dropped,
//! stemmed with the Snowball stemmer of the text's language (the one tantivy uses too), long
//! words split into known parts ([`lexicon.txt`](./lexicon.txt)), and a network's synonyms added
//! to the documents that contain one of their phrases.
//!
//! A document indexes each word's stem and, for a compound, its parts' stems; a query asks for
//! the parts of a compound (all of them), so "børneungdomspsykiatri" and
//! "børne- og ungdomspsykiatri" find each other. Synonyms are expanded when a document is
//! written, which is why a change to a network's synonyms reindexes that network.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::{QueryTerm, SearchDocument, Snippet};
use crate::tenancy::Language;

/// A network's synonyms and abbreviations: each entry is a set of equivalent phrases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synonyms {
    pub sets: Vec<Vec<String>>,
}

/// Longer "words" (hashes, base64, URLs run together) are not indexed.
const MAX_WORD_CHARS: usize = 40;
/// How many words of one document are analysed: bounds the work and the index entry of a very
/// long extracted file (about 1.5 MB of prose).
const MAX_WORDS: usize = 250_000;
/// Words shorter than this are never split into parts.
const MIN_COMPOUND_CHARS: usize = 6;
/// Parts of a compound are at least this long (the lexicon keeps to it).
const MIN_PART_CHARS: usize = 3;
/// An unknown last part of a compound (index side only) is at least this long.
const MIN_HEAD_CHARS: usize = 5;
const MAX_PARTS: usize = 6;
/// How far into a body the snippet looks for a match, and how long it is.
const SNIPPET_SCAN_BYTES: usize = 200_000;
const SNIPPET_CHARS: usize = 220;
const SNIPPET_LEAD_CHARS: usize = 60;

static LEXICON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("lexicon.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| line.chars().count() >= MIN_PART_CHARS)
        .collect()
});

/// Endings an inflected last part of a compound may carry ("ungdomspsykiatri-en").
const SUFFIXES: &[&str] = &[
    "e", "en", "er", "et", "es", "ens", "ers", "ets", "ene", "enes", "erne", "ernes", "ne", "nes",
    "n", "s", "r", "t", "a", "ar", "or", "na", "arna", "orna", "ane", "ande", "ende",
];

/// Linking elements between parts ("ungdom-s-psykiatri", "barn-e-hage").
const LINKS: &[&str] = &["s", "e"];

static STOP_DA: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af",
    "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde",
    "ham", "hun", "nu", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor",
    "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når", "være",
    "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end", "dette",
    "mit", "også", "have", "dig", "hende", "mine", "alt", "meget", "sit", "sine", "vor", "mod",
    "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "været",
    "jer", "sådan",
];

static STOP_NB: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "et", "den", "til", "er", "som", "på", "de", "med", "han",
    "av", "ikke", "ikkje", "der", "så", "var", "meg", "seg", "men", "ett", "har", "om", "vi",
    "min", "mitt", "ha", "hadde", "hun", "nå", "da", "ved", "fra", "du", "ut", "sin", "dem", "oss",
    "opp", "man", "kan", "hans", "hvor", "eller", "hva", "skal", "selv", "her", "alle", "vil",
    "bli", "ble", "blitt", "kunne", "inn", "når", "være", "noen", "noe", "ville", "dere", "deres",
    "kun", "ja", "etter", "ned", "skulle", "denne", "for", "deg", "si", "sine", "sitt", "mot", "å",
    "meget", "dette", "disse", "uten", "ingen", "din", "ditt", "blir", "samme", "hvilken",
    "hvilke", "vår", "hver", "hvem", "hvis", "både", "bare", "enn", "fordi", "før", "også", "slik",
    "vært",
];

static STOP_SV: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig",
    "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du",
    "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min",
    "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara",
    "vad", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "någon", "eller", "allt",
    "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit", "hur", "ingen",
    "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir", "mina", "samma",
    "vilken", "er", "sådan", "vår", "dess", "inom", "mellan", "varför", "varje", "vilka", "ditt",
    "vem", "vilket", "vårt", "våra",
];

static STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

static STOP_SETS: LazyLock<[HashSet<&'static str>; 4]> = LazyLock::new(|| {
    [STOP_DA, STOP_NB, STOP_SV, STOP_EN].map(|words| words.iter().copied().collect())
});

/// The typo budget of a word by its length in characters: none below five, one up to eight,
/// two from nine.
pub fn typo_budget(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// One language's analysis: its stop words and stemmer.
struct Analyzer {
    stemmer: Stemmer,
    stop: &'static HashSet<&'static str>,
}

/// What one word contributes.
struct WordTerms {
    /// The whole word's stem.
    whole: String,
    /// The stems of its parts when it is a compound (index side: also with an unknown head).
    parts: Vec<String>,
    /// What a query or a synonym phrase asks for: the strict parts of a compound, or the stem.
    leaves: Vec<String>,
}

impl WordTerms {
    fn index_terms(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.whole).chain(self.parts.iter().filter(|p| **p != self.whole))
    }
}

/// A word of the text: where it is, lowercased, and whether it ends in a hyphen that elides the
/// rest of a coordination ("børne- og ungdomspsykiatri").
struct Word {
    range: Range<usize>,
    lower: String,
    elided: bool,
}

/// The words of a text: Unicode word boundaries (UAX #29), each word cut further into its runs of
/// letters and digits, so `tenant_id:x` or `PAM:` are words and never syntax.
fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut segments = text.split_word_bound_indices().peekable();
    let mut pending: std::collections::VecDeque<Word> = std::collections::VecDeque::new();
    std::iter::from_fn(move || {
        loop {
            if let Some(word) = pending.pop_front() {
                return Some(word);
            }
            let (at, segment) = segments.next()?;
            if !segment.chars().any(char::is_alphanumeric) {
                continue;
            }
            let elided = matches!(segments.peek(), Some((_, next)) if is_hyphen(next)) && {
                let after_hyphen = segments.peek().map(|(at, s)| at + s.len()).unwrap_or(0);
                text.get(after_hyphen..)
                    .and_then(|rest| rest.chars().next())
                    .is_none_or(|c| c.is_whitespace() || c == ',')
            };
            let mut start: Option<usize> = None;
            for (i, c) in segment
                .char_indices()
                .chain(std::iter::once((segment.len(), ' ')))
            {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(from)) => {
                        pending.push_back(Word {
                            range: at + from..at + i,
                            lower: segment[from..i].to_lowercase(),
                            elided: false,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(last) = pending.back_mut() {
                last.elided = elided && last.range.end == at + segment.len();
            }
        }
    })
}

fn is_hyphen(segment: &str) -> bool {
    matches!(segment, "-" | "\u{2010}" | "\u{2011}")
}

impl Analyzer {
    fn new(language: Language) -> Self {
        let (algorithm, at) = match language {
            Language::Danish => (Algorithm::Danish, 0),
            Language::Norwegian => (Algorithm::Norwegian, 1),
            Language::Swedish => (Algorithm::Swedish, 2),
            Language::English => (Algorithm::English, 3),
        };
        Self {
            stemmer: Stemmer::new(algorithm),
            stop: &STOP_SETS[at],
        }
    }

    fn is_stop(&self, lower: &str) -> bool {
        self.stop.contains(lower)
    }

    fn stem(&self, lower: &str) -> String {
        if lower.chars().any(|c| c.is_numeric()) {
            return lower.to_owned();
        }
        let stem = self.stemmer.stem(lower);
        if stem.is_empty() {
            lower.to_owned()
        } else {
            stem.into_owned()
        }
    }

    /// `None` for a stop word or an overlong one.
    fn word(&self, word: &Word) -> Option<WordTerms> {
        let lower = word.lower.as_str();
        let chars = lower.chars().count();
        if chars > MAX_WORD_CHARS || self.is_stop(lower) {
            return None;
        }
        let whole = self.stem(lower);
        let strict = decompose(lower, false);
        let mut parts: Vec<String> = match &strict {
            Some(parts) => parts.iter().map(|p| self.stem(p)).collect(),
            None => decompose(lower, true)
                .map(|parts| parts.iter().map(|p| self.stem(p)).collect())
                .unwrap_or_default(),
        };
        if word.elided {
            // "sundheds- og …": the first conjunct without its linking letter is a part too.
            if let Some(base) = LINKS
                .iter()
                .filter_map(|link| lower.strip_suffix(link))
                .find(|base| LEXICON.contains(base))
            {
                parts.push(self.stem(base));
            }
        }
        let leaves = match (&strict, word.elided) {
            (Some(strict), false) => strict.iter().map(|p| self.stem(p)).collect(),
            _ => vec![whole.clone()],
        };
        parts.dedup();
        Some(WordTerms {
            whole,
            parts,
            leaves,
        })
    }
}

/// Splits a lowercased word into lexicon parts, with linking elements between them and an
/// inflection ending after the last. `relaxed` also accepts an unknown last part (index side
/// only: an extra term in a document does no harm, a wrong split of a query would). `None` when
/// the word is not a compound of at least two parts.
fn decompose(word: &str, relaxed: bool) -> Option<Vec<&str>> {
    if word.chars().count() < MIN_COMPOUND_CHARS || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut parts = Vec::new();
    (split_rest(word, relaxed, &mut parts) && parts.len() >= 2).then_some(parts)
}

fn split_rest<'a>(rest: &'a str, relaxed: bool, out: &mut Vec<&'a str>) -> bool {
    if out.len() >= MAX_PARTS {
        return false;
    }
    // Prefix ends at character boundaries, longest first.
    let ends: Vec<usize> = rest
        .char_indices()
        .map(|(at, _)| at)
        .skip(MIN_PART_CHARS)
        .chain(std::iter::once(rest.len()))
        .collect();
    for &end in ends.iter().rev() {
        let Some(part) = rest.get(..end) else {
            continue;
        };
        if !LEXICON.contains(part) {
            continue;
        }
        let after = rest.get(end..).unwrap_or_default();
        out.push(part);
        if after.is_empty() || SUFFIXES.contains(&after) {
            return true;
        }
        let linked = LINKS
            .iter()
            .filter_map(|link| after.strip_prefix(link))
            .filter(|a| !a.is_empty());
        // A relaxed split tries the linking element first, so an unknown head is taken whole
        // ("sundhed-s-plejerske", not "sundhed" + "splejerske").
        let candidates: Vec<&str> = if relaxed {
            linked.chain(std::iter::once(after)).collect()
        } else {
            std::iter::once(after).chain(linked).collect()
        };
        for candidate in candidates {
            if split_rest(candidate, relaxed, out) {
                return true;
            }
        }
        out.pop();
    }
    if relaxed && !out.is_empty() && rest.chars().count() >= MIN_HEAD_CHARS {
        out.push(rest);
        return true;
    }
    false
}

/// The leaves (see [`WordTerms::leaves`]) and index terms of a phrase, as a synonym matches and
/// adds them.
struct Phrase {
    leaves: Vec<String>,
    terms: Vec<String>,
}

fn phrase(analyzer: &Analyzer, text: &str) -> Phrase {
    let mut leaves = Vec::new();
    let mut terms = Vec::new();
    for word in words(text) {
        if let Some(w) = analyzer.word(&word) {
            terms.extend(w.index_terms().cloned());
            leaves.extend(w.leaves);
        }
    }
    Phrase { leaves, terms }
}

/// The synonyms prepared for one document language: each phrase's leaves, indexed by its first
/// leaf.
struct Expansions {
    sets: Vec<Vec<Phrase>>,
    by_first: HashMap<String, Vec<(usize, usize)>>,
}

impl Expansions {
    fn new(analyzer: &Analyzer, synonyms: &Synonyms) -> Self {
        let sets: Vec<Vec<Phrase>> = synonyms
            .sets
            .iter()
            .map(|set| set.iter().map(|p| phrase(analyzer, p)).collect())
            .collect();
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (s, set) in sets.iter().enumerate() {
            for (p, phrase) in set.iter().enumerate() {
                if let Some(first) = phrase.leaves.first() {
                    by_first.entry(first.clone()).or_default().push((s, p));
                }
            }
        }
        Self { sets, by_first }
    }

    /// The terms of every other phrase of each set one of whose phrases occurs in `leaves`.
    fn expand(&self, leaves: &[String]) -> Vec<String> {
        if self.by_first.is_empty() {
            return Vec::new();
        }
        let mut matched: Vec<(usize, usize)> = Vec::new();
        for (at, leaf) in leaves.iter().enumerate() {
            let Some(candidates) = self.by_first.get(leaf) else {
                continue;
            };
            for &(s, p) in candidates {
                let wanted = &self.sets[s][p].leaves;
                if leaves.get(at..at + wanted.len()) == Some(wanted.as_slice())
                    && !matched.contains(&(s, p))
                {
                    matched.push((s, p));
                }
            }
        }
        let mut added = Vec::new();
        let mut done_sets = Vec::new();
        for (s, _) in &matched {
            if done_sets.contains(s) {
                continue;
            }
            done_sets.push(*s);
            for (p, phrase) in self.sets[*s].iter().enumerate() {
                if !matched.contains(&(*s, p)) {
                    added.extend(phrase.terms.iter().cloned());
                }
            }
        }
        added
    }
}

/// The terms of one text: every word's index terms, and the leaves for synonym matching.
fn text_terms(analyzer: &Analyzer, text: &str, budget: &mut usize) -> (Vec<String>, Vec<String>) {
    let mut terms = Vec::new();
    let mut leaves = Vec::new();
    for word in words(text) {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        if let Some(w) = analyzer.word(&word) {
            terms.extend(w.index_terms().cloned());
            leaves.extend(w.leaves);
        }
    }
    (terms, leaves)
}

/// Fills `title_terms` and `terms` of a document: its title's and its body's and tags' terms in
/// the document's language, plus the terms of the synonyms of phrases it contains.
pub fn analyze_document(doc: &mut SearchDocument, synonyms: &Synonyms) {
    let analyzer = Analyzer::new(doc.language);
    let expansions = Expansions::new(&analyzer, synonyms);
    let mut budget = MAX_WORDS;

    let (mut title_terms, title_leaves) = text_terms(&analyzer, &doc.title, &mut budget);
    title_terms.extend(expansions.expand(&title_leaves));

    let (mut terms, body_leaves) = text_terms(&analyzer, &doc.body, &mut budget);
    let mut added = expansions.expand(&body_leaves);
    for tag in &doc.tags {
        let (tag_terms, tag_leaves) = text_terms(&analyzer, tag, &mut budget);
        terms.extend(tag_terms);
        added.extend(expansions.expand(&tag_leaves));
    }
    // A synonym adds its terms once, however often its phrase occurs.
    let mut seen = HashSet::new();
    added.retain(|term| seen.insert(term.clone()));
    terms.extend(added);

    doc.title_terms = title_terms;
    doc.terms = terms;
}

/// The terms of what a person typed, in the network's language: each word's stem, or the parts
/// of a compound (all required). Nothing is syntax. A word's typo budget is by its length as
/// typed; a stem or part gets the budget of its own length, at most its word's. A word that is a
/// one-word synonym phrase (an abbreviation such as "BUP") is matched exactly.
pub fn query_terms(text: &str, language: Language, synonyms: &Synonyms) -> Vec<QueryTerm> {
    let analyzer = Analyzer::new(language);
    let abbreviations: HashSet<String> = synonyms
        .sets
        .iter()
        .flatten()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty() && !p.contains(|c: char| !c.is_alphanumeric()))
        .collect();
    let mut out: Vec<QueryTerm> = Vec::new();
    for word in words(text).take(64) {
        let Some(w) = analyzer.word(&word) else {
            continue;
        };
        let word_budget = if abbreviations.contains(&word.lower) {
            0
        } else {
            typo_budget(word.lower.chars().count())
        };
        for leaf in w.leaves {
            let typos = typo_budget(leaf.chars().count()).min(word_budget);
            if !out.iter().any(|t| t.text == leaf) {
                out.push(QueryTerm { text: leaf, typos });
            }
        }
    }
    out
}

/// Is `term` within `typos` edits of `query` (an adjacent transposition counting as one)?
pub fn matches_within(term: &str, query: &str, typos: u8) -> bool {
    if typos == 0 {
        return term == query;
    }
    let a: Vec<char> = term.chars().collect();
    let b: Vec<char> = query.chars().collect();
    let max = usize::from(typos);
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Optimal string alignment distance, rows of the usual table.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        if current.iter().min().is_some_and(|&m| m > max) {
            return false;
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()] <= max
}

fn word_matches(analyzer: &Analyzer, word: &Word, terms: &[QueryTerm]) -> bool {
    let Some(w) = analyzer.word(word) else {
        return false;
    };
    w.index_terms().any(|candidate| {
        terms
            .iter()
            .any(|t| matches_within(candidate, &t.text, t.typos))
    })
}

/// Moves `at` back to a character boundary of `text`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// About 220 characters of `body` around the first match, with the words whose terms match a
/// query term (exactly or within its typos) marked. Looks only at the first 200 kB, so a long
/// extracted file costs no more than a short one.
pub fn snippet(body: &str, terms: &[QueryTerm], language: Language) -> Snippet {
    let analyzer = Analyzer::new(language);
    let scanned = body
        .get(..floor_boundary(body, SNIPPET_SCAN_BYTES))
        .unwrap_or_default();
    let first = if terms.is_empty() {
        None
    } else {
        words(scanned).find(|w| word_matches(&analyzer, w, terms))
    };
    let start = match &first {
        None => 0,
        Some(word) => {
            // Back a little, to the start of a word.
            let lead: usize = scanned[..word.range.start]
                .chars()
                .rev()
                .take(SNIPPET_LEAD_CHARS)
                .map(char::len_utf8)
                .sum();
            let from = word.range.start - lead;
            if from == 0 {
                0
            } else {
                scanned[from..word.range.start]
                    .find(char::is_whitespace)
                    .map(|at| from + at + 1)
                    .unwrap_or(word.range.start)
            }
        }
    };
    let rest = &body[start..];
    let mut end = start
        + rest
            .chars()
            .take(SNIPPET_CHARS)
            .map(char::len_utf8)
            .sum::<usize>();
    // End at the end of a word.
    if end < body.len()
        && let Some(space) = body[start..end].rfind(char::is_whitespace)
        && space > 0
    {
        end = start + space;
    }
    let window = &body[start..end];
    let prefix = if start > 0 { "… " } else { "" };
    let suffix = if end < body.len() { " …" } else { "" };
    let highlights = if first.is_some() {
        words(window)
            .filter(|w| word_matches(&analyzer, w, terms))
            .map(|w| w.range.start + prefix.len()..w.range.end + prefix.len())
            .collect()
    } else {
        Vec::new()
    };
    let text = format!("{prefix}{}{suffix}", window.trim_end());
    let highlights = highlights
        .into_iter()
        .filter(|r: &Range<usize>| r.end <= text.len())
        .collect();
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NetworkId;
    use crate::search::DocKind;
    use crate::tenancy::Visibility;

    fn doc(language: Language, title: &str, body: &str) -> SearchDocument {
        SearchDocument {
            id: "project:1".into(),
            kind: DocKind::Project,
            tenant_id: NetworkId::new(),
            visibility: Visibility::Network,
            group_ids: vec![],
            language,
            title: title.into(),
            body: body.into(),
            tags: vec![],
            organisation: None,
            sectors: vec![],
            status: None,
            year: None,
            path: String::new(),
            updated_at: chrono::Utc::now(),
            title_terms: vec![],
            terms: vec![],
        }
    }

    fn texts(terms: &[QueryTerm]) -> Vec<&str> {
        terms.iter().map(|t| t.text.as_str()).collect()
    }

    /// Does a document with these terms match the query (every term, within its typos)?
    fn finds(doc: &SearchDocument, query: &[QueryTerm]) -> bool {
        !query.is_empty()
            && query.iter().all(|q| {
                doc.terms
                    .iter()
                    .chain(&doc.title_terms)
                    .any(|t| matches_within(t, &q.text, q.typos))
            })
    }

    fn analysed(language: Language, body: &str, synonyms: &Synonyms) -> SearchDocument {
        let mut d = doc(language, "", body);
        analyze_document(&mut d, synonyms);
        d
    }

    #[test]
    fn words_keep_nordic_letters_lowercase_and_drop_stop_words() {
        let terms = query_terms(
            "Børn OG Forældre på Ærø",
            Language::Danish,
            &Synonyms::default(),
        );
        let texts = texts(&terms);
        assert!(texts.iter().all(|t| !t.is_empty()));
        assert!(
            !texts.contains(&"og") && !texts.contains(&"på"),
            "{texts:?}"
        );
        assert!(texts.contains(&"ærø"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("forældr")), "{texts:?}");
    }

    #[test]
    fn stems_in_each_language() {
        let da = analysed(
            Language::Danish,
            "Samarbejdet mellem kommunerne",
            &Default::default(),
        );
        assert!(finds(
            &da,
            &query_terms("samarbejde kommune", Language::Danish, &Default::default())
        ));
        let nb = analysed(
            Language::Norwegian,
            "Prosjektene i regionen",
            &Default::default(),
        );
        assert!(finds(
            &nb,
            &query_terms("prosjekt", Language::Norwegian, &Default::default())
        ));
        let sv = analysed(
            Language::Swedish,
            "Skolorna samverkar med socialtjänsten",
            &Default::default(),
        );
        assert!(finds(
            &sv,
            &query_terms("skola", Language::Swedish, &Default::default())
        ));
        let en = analysed(Language::English, "Monthly meetings", &Default::default());
        assert!(finds(
            &en,
            &query_terms("meeting", Language::English, &Default::default())
        ));
    }

    #[test]
    fn splits_compounds_into_known_parts() {
        assert_eq!(
            decompose("børneungdomspsykiatri", false),
            Some(vec!["børne", "ungdom", "psykiatri"])
        );
        assert_eq!(
            decompose("ungdomspsykiatrien", false),
            Some(vec!["ungdom", "psykiatri"])
        );
        assert_eq!(
            decompose("barnehage", false),
            None,
            "a lexicon word is whole"
        );
        assert_eq!(decompose("kommunerne", false), None);
        assert_eq!(
            decompose("sundhedsplejersken", true).map(|p| p.len()),
            Some(2),
            "an unknown head on the index side"
        );
        assert_eq!(
            decompose("skolefravær", false),
            Some(vec!["skole", "fravær"])
        );
        assert_eq!(
            decompose("barneverntjenesten", false),
            Some(vec!["barnevern", "tjeneste"])
        );
    }

    #[test]
    fn a_compound_finds_the_elided_coordination_and_back() {
        let none = Synonyms::default();
        let elided = analysed(
            Language::Danish,
            "Samarbejde med Børne- og Ungdomspsykiatrien",
            &none,
        );
        let joined = analysed(
            Language::Danish,
            "Ny børneungdomspsykiatri i regionen",
            &none,
        );
        let compound = query_terms("børneungdomspsykiatri", Language::Danish, &none);
        assert_eq!(compound.len(), 3, "{compound:?}");
        assert!(finds(&elided, &compound));
        let coordination = query_terms("børne- og ungdomspsykiatri", Language::Danish, &none);
        assert!(
            finds(&joined, &coordination),
            "{coordination:?} in {:?}",
            joined.terms
        );
        let unrelated = analysed(Language::Danish, "Voksenpsykiatrien i regionen", &none);
        assert!(!finds(&unrelated, &compound));

        let nb = analysed(
            Language::Norwegian,
            "Barne- og ungdomspsykiatrisk poliklinikk",
            &none,
        );
        assert!(finds(
            &nb,
            &query_terms("barne og ungdom", Language::Norwegian, &none)
        ));
    }

    #[test]
    fn synonyms_are_added_where_a_phrase_occurs() {
        let synonyms = Synonyms {
            sets: vec![
                vec!["BUP".into(), "børne- og ungdomspsykiatri".into()],
                vec!["PPR".into(), "pædagogisk psykologisk rådgivning".into()],
            ],
        };
        let bup = analysed(Language::Danish, "Henvisning til BUP i Aalborg", &synonyms);
        let long = analysed(
            Language::Danish,
            "Henvisning til børne- og ungdomspsykiatrien",
            &synonyms,
        );
        let compound = analysed(
            Language::Danish,
            "Børneungdomspsykiatri i Aalborg",
            &synonyms,
        );
        let q_bup = query_terms("BUP", Language::Danish, &synonyms);
        let q_long = query_terms("børne- og ungdomspsykiatri", Language::Danish, &synonyms);
        assert!(finds(&bup, &q_long), "{:?}", bup.terms);
        assert!(finds(&long, &q_bup), "{:?}", long.terms);
        assert!(finds(&compound, &q_bup), "{:?}", compound.terms);
        let ppr = analysed(Language::Danish, "PPR deltager", &synonyms);
        assert!(!finds(&ppr, &q_bup));
        assert!(finds(
            &ppr,
            &query_terms("psykologisk rådgivning", Language::Danish, &synonyms)
        ));
        let plain = analysed(
            Language::Danish,
            "Henvisning til BUP i Aalborg",
            &Synonyms::default(),
        );
        assert!(!finds(&plain, &q_long), "no synonyms, no expansion");

        let sv = Synonyms {
            sets: vec![vec!["BUP".into(), "barn- och ungdomspsykiatri".into()]],
        };
        let sv_doc = analysed(
            Language::Swedish,
            "Remiss till barn- och ungdomspsykiatrin",
            &sv,
        );
        assert!(finds(&sv_doc, &query_terms("bup", Language::Swedish, &sv)));
    }

    #[test]
    fn typo_budget_follows_the_typed_word() {
        let none = Synonyms::default();
        let budget = |text: &str, language| -> Vec<u8> {
            query_terms(text, language, &none)
                .iter()
                .map(|t| t.typos)
                .collect()
        };
        assert_eq!(budget("skov", Language::Danish), vec![0]);
        assert_eq!(budget("ungdom", Language::Danish), vec![1]);
        assert_eq!(budget("habilitering", Language::Norwegian), vec![2]);
        // Parts carry the budget of their own length.
        let parts = query_terms("børneungdomspsykiatri", Language::Danish, &none);
        assert_eq!(
            parts.iter().map(|t| t.typos).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        let abbreviations = Synonyms {
            sets: vec![vec![
                "SSPKONTOR".into(),
                "skole socialforvaltning politi".into(),
            ]],
        };
        assert_eq!(
            query_terms("sspkontor", Language::Danish, &abbreviations)[0].typos,
            0
        );
    }

    #[test]
    fn typo_distance_counts_a_transposition_once() {
        assert!(matches_within("kommun", "kommun", 0));
        assert!(!matches_within("kommun", "komnun", 0));
        assert!(matches_within("kommun", "komnun", 1));
        assert!(matches_within("samarbejd", "samrabejd", 1));
        assert!(!matches_within("familie", "famelia", 1));
        assert!(matches_within("habilitering", "habiltiering", 1));
        assert!(matches_within("habilitering", "habiliterng", 2));
        assert!(!matches_within("ab", "abcd", 1));
    }

    #[test]
    fn queries_accept_no_syntax() {
        let none = Synonyms::default();
        for text in ["\"", "tenant_id:x", "(((", "*", "[1 TO", "", "   "] {
            let terms = query_terms(text, Language::Danish, &none);
            assert!(
                terms
                    .iter()
                    .all(|t| t.text.chars().all(|c| c.is_alphanumeric() || c == '_')),
                "{text}: {terms:?}"
            );
        }
        assert_eq!(
            texts(&query_terms("PAM:", Language::Danish, &none)),
            vec!["pam"]
        );
    }

    #[test]
    fn snippets_mark_the_original_words() {
        let none = Synonyms::default();
        let body = "Socialrådgivere fra tre kommuner arbejder under samme tag som Børne- og Ungdomspsykiatrien.";
        let s = snippet(
            body,
            &query_terms("kommune psykiatri", Language::Danish, &none),
            Language::Danish,
        );
        let marked: Vec<&str> = s
            .highlights
            .iter()
            .filter_map(|r| s.text.get(r.clone()))
            .collect();
        assert_eq!(marked, vec!["kommuner", "Ungdomspsykiatrien"]);
        assert_eq!(
            s.to_html(),
            "Socialrådgivere fra tre <mark>kommuner</mark> arbejder under samme tag som Børne- og <mark>Ungdomspsykiatrien</mark>."
        );

        let nb = snippet(
            "Tverrfaglig team rundt ungdom",
            &query_terms("tverfaglig", Language::Norwegian, &none),
            Language::Norwegian,
        );
        assert_eq!(nb.highlights, vec![0..11]);

        let sv = snippet(
            "Skolorna samverkar",
            &query_terms("skola", Language::Swedish, &none),
            Language::Swedish,
        );
        assert_eq!(sv.highlights, vec![0..8]);
    }

    #[test]
    fn a_snippet_of_a_long_body_is_cut_around_the_match_and_cheap() {
        let none = Synonyms::default();
        let filler = "lorem ipsum dolor sit amet ".repeat(200_000);
        let body = format!("{filler}Her står ordet habilitering midt i teksten. {filler}");
        assert!(body.len() > 5_000_000);
        let started = std::time::Instant::now();
        let missing = snippet(
            &body,
            &query_terms("habilitering", Language::Danish, &none),
            Language::Danish,
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(missing.highlights.is_empty(), "beyond the scan cap");
        assert!(missing.text.chars().count() <= SNIPPET_CHARS + 2);

        let near = format!(
            "{}Her står ordet habilitering midt i teksten. {filler}",
            "ord ".repeat(100)
        );
        let s = snippet(
            &near,
            &query_terms("habilitering", Language::Danish, &none),
            Language::Danish,
        );
        assert!(s.text.starts_with("… "), "{}", s.text);
        assert!(s.text.ends_with(" …"));
        let marked: Vec<&str> = s
            .highlights
            .iter()
            .filter_map(|r| s.text.get(r.clone()))
            .collect();
        assert_eq!(marked, vec!["habilitering"]);
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 4);
    }

    #[test]
    fn a_long_body_is_analysed_up_to_a_bound() {
        let body = "ord ".repeat(MAX_WORDS + 10);
        let d = analysed(Language::Danish, &body, &Synonyms::default());
        assert_eq!(d.terms.len(), MAX_WORDS);
    }
}
