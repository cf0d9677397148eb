//! Text from a course, shown on a terminal without driving it: control characters and
//! the characters that change the direction of text are written by name (`<ESC>`,
//! `<U+202E RIGHT-TO-LEFT OVERRIDE>`), so a course received from someone cannot clear
//! the screen, retitle the window or show a message in another order than it is stored.

use std::borrow::Cow;

/// The name a character is shown by, if it must not reach the terminal as it is. Line
/// feeds and tabs are shown as they are: they only move to the next line or column.
pub fn name(c: char) -> Option<Cow<'static, str>> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    const C1: [&str; 32] = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
        "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
        "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ];
    let direction = match c {
        '\n' | '\t' => return None,
        '\0'..='\u{1f}' => return Some(Cow::Owned(format!("<{}>", C0[c as usize]))),
        '\u{7f}' => return Some(Cow::Borrowed("<DEL>")),
        '\u{80}'..='\u{9f}' => return Some(Cow::Owned(format!("<{}>", C1[c as usize - 0x80]))),
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        _ => return None,
    };
    Some(Cow::Owned(format!("<U+{:04X} {direction}>", c as u32)))
}

/// `text` with every character that must not reach the terminal written by its name.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| name(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match name(c) {
            Some(name) => shown.push_str(&name),
            None => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// A source file as shown in a snippet, with the way back to the file's own offsets (for
/// the carets and the column numbers, which count the file as written). A carriage
/// return before a line feed ends the line as usual; elsewhere it is shown by name.
pub struct ShownText {
    pub text: String,
    /// Each named character: (start in the file, start in `text`, length in the file,
    /// length in `text`), in order.
    named: Vec<(usize, usize, usize, usize)>,
}

impl ShownText {
    pub fn new(original: &str) -> ShownText {
        let mut text = String::new();
        let mut named = Vec::new();
        let mut copied = 0;
        for (i, c) in original.char_indices() {
            let line_end = c == '\r' && original[i + 1..].starts_with('\n');
            let Some(name) = name(c).filter(|_| !line_end) else {
                continue;
            };
            text.push_str(&original[copied..i]);
            named.push((i, text.len(), c.len_utf8(), name.len()));
            text.push_str(&name);
            copied = i + c.len_utf8();
        }
        if named.is_empty() {
            return ShownText {
                text: original.to_owned(),
                named,
            };
        }
        text.push_str(&original[copied..]);
        ShownText { text, named }
    }

    /// Where byte `offset` of the file is in the shown text: a named character's start
    /// is the start of its name, its end the end of its name.
    pub fn shown_offset(&self, offset: usize) -> usize {
        let i = self.named.partition_point(|n| n.0 < offset);
        match i.checked_sub(1).map(|i| self.named[i]) {
            None => offset,
            Some((from, to, len, shown_len)) => offset.saturating_sub(from + len) + to + shown_len,
        }
    }

    /// Where byte `offset` of the shown text is in the file; inside a name, the start of
    /// the character it names.
    pub fn file_offset(&self, offset: usize) -> usize {
        let i = self.named.partition_point(|n| n.1 <= offset);
        match i.checked_sub(1).map(|i| self.named[i]) {
            None => offset,
            Some((from, to, _, shown_len)) if offset < to + shown_len => from,
            Some((from, to, len, shown_len)) => offset - (to + shown_len) + from + len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{visible, ShownText};

    #[test]
    fn controls_and_direction_characters_are_named() {
        assert_eq!(
            visible("a\u{1b}[2Jb\u{1b}]0;title\u{7}c"),
            "a<ESC>[2Jb<ESC>]0;title<BEL>c"
        );
        assert_eq!(
            visible("x\u{202E}y\u{2066}\u{200F}\u{061C}"),
            "x<U+202E RIGHT-TO-LEFT OVERRIDE>y<U+2066 LEFT-TO-RIGHT ISOLATE><U+200F RIGHT-TO-LEFT MARK><U+061C ARABIC LETTER MARK>"
        );
        assert_eq!(visible("\u{9b}31m\u{7f}\r"), "<CSI>31m<DEL><CR>");
        assert_eq!(
            visible("two\nlines\tand a tab, é, 中"),
            "two\nlines\tand a tab, é, 中"
        );
    }

    #[test]
    fn offsets_map_both_ways_around_named_characters() {
        let file = "ab\u{1b}cd\r\ne\u{202E}f";
        let shown = ShownText::new(file);
        assert_eq!(shown.text, "ab<ESC>cd\r\ne<U+202E RIGHT-TO-LEFT OVERRIDE>f");
        // Before, at, after the escape; the line end stays; after the override.
        assert_eq!(shown.shown_offset(1), 1);
        assert_eq!(shown.shown_offset(2), 2);
        assert_eq!(shown.shown_offset(3), 7);
        assert_eq!(shown.shown_offset(4), 8);
        let f = file.find('f').unwrap();
        assert_eq!(shown.shown_offset(f), shown.text.find('f').unwrap());
        assert_eq!(shown.file_offset(2), 2);
        assert_eq!(shown.file_offset(4), 2);
        assert_eq!(shown.file_offset(7), 3);
        assert_eq!(shown.file_offset(shown.text.find('f').unwrap()), f);
        assert_eq!(shown.file_offset(shown.text.find('U').unwrap()), f - 3);
    }
}
