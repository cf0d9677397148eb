//! Web addresses in prose: a parent cannot click printed text, but a reader of the PDF on a
//! screen can, so an address written in a module's text becomes a link to itself.

use std::ops::Range;

/// Where the web addresses (`https://` or `http://` and a host) in `text` are, without
/// the punctuation that ends a sentence or closes a bracket around them.
pub fn web_addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = next_scheme(&text[from..]).map(|at| from + at) {
        let before = text[..at].chars().next_back();
        let end = at
            + text[at..]
                .find(|c: char| c.is_whitespace() || "<>\"“”‘«»".contains(c))
                .unwrap_or(text.len() - at);
        let address = trim_end(&text[at..end]);
        let starts_a_word = before.is_none_or(|c| !c.is_alphanumeric() && c != '/');
        if starts_a_word && has_host(address) {
            found.push(at..at + address.len());
        }
        from = end.max(at + 1);
    }
    found
}

fn next_scheme(text: &str) -> Option<usize> {
    let https = text.find("https://");
    let http = text.find("http://");
    match (https, http) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The address without what ends the sentence around it: `.`, `,`, `;`, `:`, `!`, `?`, a
/// closing quote, and a closing bracket that opens nowhere in it.
fn trim_end(address: &str) -> &str {
    let mut address = address;
    loop {
        let Some(last) = address.chars().next_back() else {
            return address;
        };
        let unmatched = |open: char, close: char| {
            last == close && address.matches(open).count() < address.matches(close).count()
        };
        if ".,;:!?'’…".contains(last) || unmatched('(', ')') || unmatched('[', ']') {
            address = &address[..address.len() - last.len_utf8()];
        } else {
            return address;
        }
    }
}

/// Whether the address names a host after its scheme: `https://` alone is no address.
fn has_host(address: &str) -> bool {
    let rest = address.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '@' | '_'))
        && host.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::web_addresses;

    fn found(text: &str) -> Vec<&str> {
        web_addresses(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn addresses_are_found_without_the_sentence_around_them() {
        assert_eq!(
            found("More at https://example.org/a."),
            ["https://example.org/a"]
        );
        assert_eq!(
            found("(see https://example.org/v?t=30), or http://example.org/b!"),
            ["https://example.org/v?t=30", "http://example.org/b"]
        );
        assert_eq!(
            found("https://en.wikipedia.org/wiki/Massage_(therapy) is long"),
            ["https://en.wikipedia.org/wiki/Massage_(therapy)"]
        );
        assert_eq!(found("“https://example.org/q”"), ["https://example.org/q"]);
    }

    #[test]
    fn text_that_only_looks_like_an_address_is_none() {
        assert_eq!(found("https:// addresses, example.org"), Vec::<&str>::new());
        assert_eq!(found("xhttps://example.org"), Vec::<&str>::new());
        assert_eq!(found("https://.../"), Vec::<&str>::new());
    }
}
