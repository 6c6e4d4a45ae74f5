//! Markdown as written by members, rendered to HTML that is safe to put in a page: no script,
//! no inline event handlers, no images from elsewhere (tracking pixels), links marked
//! `nofollow noopener`.

use pulldown_cmark::{Options, Parser, html};
use std::collections::HashSet;

pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);

    let mut tags: HashSet<&str> = ammonia::Builder::default().clone_tags();
    tags.remove("img");
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .clean(&unsafe_html)
        .to_string()
}

/// The text of a Markdown document without markup, for search and summaries.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push('\n'),
            _ => {}
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_script_and_handlers() {
        let html = render("Hej <script>alert(1)</script> <a href=\"x\" onclick=\"y()\">l</a>");
        assert!(!html.contains("<script"));
        assert!(!html.contains("onclick"));
    }

    #[test]
    fn drops_images_and_marks_links() {
        let html = render("![pixel](https://tracker.example/p.gif) [BUP](https://example.org)");
        assert!(!html.contains("<img"));
        assert!(html.contains("rel=\"nofollow noopener noreferrer\""));
    }

    #[test]
    fn rejects_javascript_urls() {
        let html = render("[x](javascript:alert(1))");
        assert!(!html.contains("javascript:"));
    }

    /// The forum's hostile inputs (issue 4, acceptance 5): nothing of them stays active.
    #[test]
    fn raw_html_and_hostile_urls_are_inert() {
        let hostile = "<iframe src=\"https://evil.example\"></iframe>\n\n\
            <style>body{display:none}</style>\n\n\
            <form action=\"https://evil.example\"><input name=\"x\"><button>go</button></form>\n\n\
            <svg onload=\"alert(1)\"></svg> <object data=\"x.swf\"></object>\n\n\
            <p onmouseover=\"alert(1)\" style=\"color:red\">hover</p>\n\n\
            [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) \
            [vb](vbscript:msgbox) [js](JaVaScRiPt:alert(1)) [tab](java\tscript:alert(1)) \
            <a href=\"javascript&colon;alert(1)\">e</a> <img src=x onerror=alert(1)> \
            <SCRIPT>alert(1)</SCRIPT> <meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">";
        let html = render(hostile).to_lowercase();
        for bad in [
            "<iframe",
            "<style",
            "display:none",
            "<form",
            "<input",
            "<button",
            "<svg",
            "<object",
            "onload",
            "onmouseover",
            "onerror",
            "style=",
            "data:",
            "vbscript",
            "javascript",
            "<img",
            "<script",
            "alert(1)</",
            "<meta",
            "http-equiv",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn links_are_nofollow_noopener() {
        let html = render("<a href=\"https://example.org\" rel=\"author\" target=\"_top\">x</a>");
        assert!(
            html.contains("rel=\"nofollow noopener noreferrer\""),
            "{html}"
        );
        assert!(!html.contains("author"));
    }

    #[test]
    fn plain_text_has_no_markup() {
        assert_eq!(
            plain_text("# Titel\n\n*Børn* og **unge**"),
            "Titel\nBørn og unge"
        );
    }
}
