//! `video:` addresses on the course, its modules and strokes: printed as a QR code a phone
//! opens, so each must be a whole `https://` address that a QR code of a handout can hold.

use crate::diagnostic::{Code, Diagnostic};
use crate::field;
use crate::load::Course;
use crate::model::Module;

/// The longest address printed as a QR code: longer ones make codes too dense to scan
/// from paper.
pub const MAX_VIDEO_ADDRESS: usize = 300;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    if let Some(c) = &course.course {
        if let Some(address) = &c.value.video {
            if let Some(why) = problem(address) {
                out.push(bad(c.place(field!["video"]), why));
            }
        }
    }
    for m in &course.modules {
        if let Some(why) = m.value.header().video.as_deref().and_then(problem) {
            out.push(bad(m.place(field!["video"]), why));
        }
        if let Module::Strokes(s) = &m.value {
            for (i, stroke) in s.strokes.iter().enumerate() {
                if let Some(why) = stroke.video.as_deref().and_then(problem) {
                    out.push(bad(m.place(field!["strokes", i, "video"]), why));
                }
            }
        }
    }
}

fn bad(place: impl Into<crate::diagnostic::Place>, why: String) -> Diagnostic {
    Diagnostic::error(Code::BadVideo, place, why)
        .hint("copy the address from the browser's address bar, such as `https://example.org/videos/water-wheel`")
}

/// What is wrong with `address` as a video's address, if anything.
pub fn problem(address: &str) -> Option<String> {
    let shown: String = address.chars().take(60).collect();
    let Some(rest) = address.strip_prefix("https://") else {
        return Some(if address.starts_with("http://") {
            format!("`{shown}` is not a secure address: a video's address starts with `https://`")
        } else {
            format!("`{shown}` is not a web address: a video's address starts with `https://`")
        });
    };
    if address.chars().any(char::is_whitespace) {
        return Some(format!(
            "`{shown}` has a space in it; a web address has none"
        ));
    }
    if address.chars().count() > MAX_VIDEO_ADDRESS {
        return Some(format!(
            "the address is {} characters long; a QR code on paper can hold at most {MAX_VIDEO_ADDRESS}",
            address.chars().count()
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return Some(format!("`{shown}` names no web site after `https://`"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn only_whole_https_addresses_pass() {
        assert_eq!(problem("https://example.org/videos/legs?t=3"), None);
        assert_eq!(
            problem("http://example.org/v").unwrap(),
            "`http://example.org/v` is not a secure address: a video's address starts with `https://`"
        );
        assert_eq!(
            problem("file:///etc/passwd").unwrap(),
            "`file:///etc/passwd` is not a web address: a video's address starts with `https://`"
        );
        assert_eq!(
            problem("https://example.org/my video").unwrap(),
            "`https://example.org/my video` has a space in it; a web address has none"
        );
        assert_eq!(
            problem("https://videos").unwrap(),
            "`https://videos` names no web site after `https://`"
        );
        let long = format!("https://example.org/{}", "a".repeat(300));
        assert_eq!(
            problem(&long).unwrap(),
            "the address is 320 characters long; a QR code on paper can hold at most 300"
        );
    }
}
