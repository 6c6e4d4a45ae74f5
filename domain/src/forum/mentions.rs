//! @mentions. A member is mentioned by typing `@` and their display name as the network shows
//! it (`@Anna Hansen`), in any letter case, with no autocomplete needed. Where names overlap
//! (`Anna` and `Anna Hansen`), the longest name that fits wins. An `@` inside a word (an e-mail
//! address) or in code is not a mention.
//!
//! The names matched are stored with the post, so a page renders them as plain emphasis
//! (`<strong>@Anna Hansen</strong>`, never a link elsewhere) without loading the member list.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::markdown;

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options
}

/// Where each mention is in `body` (byte range of `@` and the name) and which of `names` it
/// names. Names are tried longest first.
pub fn find(body: &str, names: &[String]) -> Vec<(Range<usize>, usize)> {
    if !body.contains('@') || names.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..names.len())
        .filter(|&i| !names[i].trim().is_empty())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(names[i].chars().count()));
    let lowered: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    // Code (inline and blocks) and raw HTML never hold mentions.
    let mut excluded: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if matches!(
            event,
            Event::Start(Tag::CodeBlock(_))
                | Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
        ) {
            excluded.push(range);
        }
    }
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    for (at, _) in body.match_indices('@') {
        if found.last().is_some_and(|(r, _)| r.end > at) || excluded.iter().any(|r| r.contains(&at))
        {
            continue;
        }
        let before = body[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '@') {
            continue;
        }
        let rest = &body[at + 1..];
        for &i in &order {
            let count = names[i].chars().count();
            let end = rest
                .char_indices()
                .nth(count)
                .map_or(rest.len(), |(byte, _)| byte);
            if rest[..end].chars().count() != count || rest[..end].to_lowercase() != lowered[i] {
                continue;
            }
            if rest[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            found.push((at..at + 1 + end, i));
            break;
        }
    }
    found
}

/// The body with each mention wrapped in strong emphasis, its text escaped for Markdown.
fn emphasise(body: &str, names: &[String]) -> String {
    let found = find(body, names);
    if found.is_empty() {
        return body.to_owned();
    }
    let mut out = String::with_capacity(body.len() + found.len() * 8);
    let mut at = 0;
    for (range, _) in found {
        out.push_str(&body[at..range.start]);
        out.push_str("**");
        for c in body[range.clone()].chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str("**");
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

/// A post's body as safe HTML, with the stored mentions emphasised.
pub fn render(body: &str, mentioned_names: &[String]) -> String {
    markdown::render(&emphasise(body, mentioned_names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn longest_name_wins_in_any_case() {
        let names = names(&["Anna", "Anna Hansen", "Bo Ek"]);
        let body = "Hej @anna hansen og @Bo Ek, se også @Anna.";
        let found: Vec<usize> = find(body, &names).into_iter().map(|(_, i)| i).collect();
        assert_eq!(found, vec![1, 2, 0]);
    }

    #[test]
    fn not_in_words_code_or_prefixes() {
        let names = names(&["Anna", "Søren Ø"]);
        assert!(find("skriv til post@Anna.dk", &names).is_empty());
        assert!(find("`@Anna` og\n\n    @Anna", &names).is_empty());
        assert!(find("@Annabel", &names).is_empty());
        assert_eq!(find("(@søren ø)", &names).len(), 1);
    }

    #[test]
    fn renders_as_emphasis_not_link() {
        let html = render("Tak @Anna Hansen!", &names(&["Anna Hansen"]));
        assert!(html.contains("<strong>@Anna Hansen</strong>"), "{html}");
        assert!(!html.contains("<a"));
        let html = render("Tak @A*b_c", &names(&["A*b_c"]));
        assert!(html.contains("<strong>@A*b_c</strong>"), "{html}");
    }
}
