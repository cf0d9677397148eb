//! Course templates (`templates/<name>.md.hbs`) to fuzz with: the built-in templates
//! with Handlebars and Markdown spliced in (loops inside loops, `{{#if page}}`,
//! partials, every helper, `@root.days`, page breaks, anchors, deep quotes and lists,
//! long words, other scripts), or a template grown from nothing.

use super::driver::Rng;

/// The names a course can give its own templates.
pub const NAMES: [&str; 5] = ["session", "handout", "booklet", "checklist", "practice-log"];

/// What `{{#each}}` may loop over, in one document or another.
const LISTS: [&str; 18] = [
    "@root.days",
    "sessions",
    "@root.sessions",
    "session.modules",
    "session.strokes",
    "session.safety",
    "session.contraindications",
    "strokes",
    "steps",
    "modules",
    "@root.attendees",
    "attendees",
    "weeks",
    "setup.materials",
    "physical",
    "this",
    "../sessions",
    "@root.weeks",
];

/// What `{{#if}}` may test.
const CONDITIONS: [&str; 14] = [
    "page",
    "session.date",
    "@root.course.place",
    "intro",
    "image",
    "is_strokes",
    "setup",
    "@first",
    "@last",
    "this",
    "number",
    "session.strokes",
    "attendees",
    "nothing",
];

/// Expressions: values, helpers with good and bad arguments, partials.
const EXPRESSIONS: [&str; 44] = [
    "{{session.title}}",
    "{{title}}",
    "{{this}}",
    "{{@index}}",
    "{{@key}}",
    "{{number}}",
    "{{../title}}",
    "{{@root.course.title}}",
    "{{@root.days}}",
    "{{lookup @root.days 0}}",
    "{{{session.intro}}}",
    "{{md session.intro}}",
    "{{md this}}",
    "{{md}}",
    "{{md @root.days}}",
    "{{t \"page_of\" page=1 pages=2}}",
    "{{t \"page_of\" page=@root.days pages=sessions}}",
    "{{t \"times\" count=1000000}}",
    "{{t \"wait_after_feed\" minutes=this}}",
    "{{t \"safety\"}}",
    "{{t \"no_such_word\"}}",
    "{{t title}}",
    "{{t this}}",
    "{{t}}",
    "{{times repetitions}}",
    "{{times 1}}",
    "{{times 18446744073709551615}}",
    "{{times this}}",
    "{{num page}}",
    "{{num this}}",
    "{{num 1e308}}",
    "{{num -0.000001}}",
    "{{num \"x\"}}",
    "{{add @index 1}}",
    "{{add 9223372036854775807 1}}",
    "{{add page page page}}",
    "{{> session}}",
    "{{> session session=this}}",
    "{{> checklist}}",
    "{{> booklet}}",
    "{{> practice-log}}",
    "{{> no-such-partial}}",
    "{{!-- a comment --}}",
    "\\{{not a tag}}",
];

/// Raw pieces that may leave a template unbalanced or unreadable.
const BROKEN: [&str; 12] = [
    "{{",
    "}}",
    "{{#each}}",
    "{{/each}}",
    "{{/if}}",
    "{{else}}",
    "{{#if}}",
    "{{> }}",
    "{{~",
    "~}}",
    "{{{",
    "{{#each sessions as |s i|}}{{s.title}}",
];

/// Markdown the templates write, and what the PDF stage does something special with.
const MARKDOWN: [&str; 24] = [
    "\n",
    "\n\n",
    "\n---\n",
    "\n---\n\n---\n",
    "<!-- anchor session-1 -->\n",
    "<!-- anchor session-{{number}} -->\n",
    "<!-- cover -->\n",
    "<!-- space 50 -->\n",
    "<!-- space 1e9 -->\n",
    "<!-- notes {{t \"notes\"}}: -->\n",
    "[{{title}}](#session-{{number}})",
    "[x](#nowhere)",
    "# ",
    "#### ",
    "| a | b |\n|---|:-:|\n| {{this}} | {{num page}} |\n",
    "- [ ] ",
    "1. ",
    "**",
    "*",
    "`",
    "![](<images/none.png>)",
    "<b>",
    "&#0;",
    "\\",
];

/// Text in the scripts the bundled fonts cover, and some they do not.
pub const SCRIPTS: [&str; 9] = [
    "शिशु की मालिश क्षत्रिय ",
    "क्क्क्क्क्",
    "تدليك الطفل بلطف ",
    "עיסוי תינוקות ",
    "นวดเด็กทารก ",
    "婴儿按摩 ",
    "Ελληνικά Кириллица ",
    "\u{202e}reversed\u{202c} ",
    "e\u{301}\u{301}\u{301} ",
];

/// One long word: the line breaker and hyphenation have to split it somewhere.
pub fn long_word(rng: &mut Rng) -> String {
    let unit = rng.pick(&["a", "W", "क्", "ب", "中", "ก", "é", "-", "\u{ad}", "·"]);
    unit.repeat(20 + rng.below(3000))
}

/// Block quotes or lists nested `depth` deep.
fn deep(rng: &mut Rng) -> String {
    let depth = 1 + rng.below(40);
    if rng.below(2) == 0 {
        format!("{} deep\n\n", "> ".repeat(depth))
    } else {
        (0..depth)
            .map(|level| format!("{}- level {level}\n", "  ".repeat(level)))
            .collect()
    }
}

/// Something a template writes: Markdown, words in some script, a long word, nesting.
fn text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 | 1 => long_word(rng),
        2 => deep(rng),
        3 | 4 => rng.pick(&SCRIPTS).to_owned(),
        _ => rng.pick(&MARKDOWN).to_owned(),
    }
}

/// A balanced piece of template: text, expressions and blocks nested up to four deep.
pub fn snippet(rng: &mut Rng, depth: usize) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.below(4) {
        let choices = if depth >= 4 { 3 } else { 7 };
        match rng.below(choices) {
            0 => out.push_str(&text(rng)),
            1 | 2 => out.push_str(rng.pick(&EXPRESSIONS)),
            3 | 4 => out.push_str(&format!(
                "{{{{#each {}}}}}\n{}\n{{{{/each}}}}\n",
                rng.pick(&LISTS),
                snippet(rng, depth + 1)
            )),
            5 => {
                let (open, close) = if rng.below(4) == 0 {
                    ("unless", "unless")
                } else {
                    ("if", "if")
                };
                let otherwise = if rng.below(3) == 0 {
                    format!("{{{{else}}}}{}", snippet(rng, depth + 1))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "{{{{#{open} {}}}}}{}{otherwise}{{{{/{close}}}}}\n",
                    rng.pick(&CONDITIONS),
                    snippet(rng, depth + 1)
                ));
            }
            _ => out.push_str(&format!(
                "{{{{#with {}}}}}{}{{{{/with}}}}",
                rng.pick(&["session", "@root.course", "setup", "this", "nothing"]),
                snippet(rng, depth + 1)
            )),
        }
    }
    out
}

/// A course's own template: a built-in one mutated, or one grown from a snippet.
pub fn template_case(rng: &mut Rng) -> (&'static str, String) {
    let name = rng.pick(&NAMES);
    if rng.below(6) == 0 {
        return (name, snippet(rng, 0));
    }
    let mut text = built_in(name).to_owned();
    for _ in 0..1 + rng.below(5) {
        mutate(rng, &mut text);
    }
    (name, text)
}

/// The built-in text of template `name`.
pub fn built_in(name: &str) -> &'static str {
    course::render::templates::DEFAULTS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, text)| text)
}

/// One change to a template's text, mostly at line starts so its blocks stay balanced.
fn mutate(rng: &mut Rng, text: &mut String) {
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = rng.pick(&lines);
    match rng.below(11) {
        0..=2 => text.insert_str(line, &snippet(rng, 0)),
        10 => {
            // Loops inside loops around a whole session: every level multiplies the
            // pages, within the cap on the template's text.
            let levels = 1 + rng.below(5);
            let mut bomb = String::new();
            for _ in 0..levels {
                let list = rng.pick(&["@root.days", "@root.days", "@root.attendees", "../weeks"]);
                bomb.push_str(&format!("{{{{#each {list}}}}}"));
            }
            bomb.push_str(rng.pick(&[
                "{{> session}}\n\n---\n\n",
                "x\n\n---\n\n",
                "<!-- anchor session-1 -->\n",
            ]));
            bomb.push_str(&"{{/each}}".repeat(levels));
            bomb.push('\n');
            text.insert_str(line, &bomb);
        }
        3 => {
            // A run of lines inside a loop or a condition: the page bombs and `{{#if
            // page}}` contents.
            let end = rng.pick(&lines).max(line);
            let (open, close) = if rng.below(3) == 0 {
                (
                    format!("{{{{#if {}}}}}\n", rng.pick(&CONDITIONS)),
                    "{{/if}}\n",
                )
            } else {
                (
                    format!("{{{{#each {}}}}}\n", rng.pick(&LISTS)),
                    "{{/each}}\n",
                )
            };
            text.insert_str(end, close);
            text.insert_str(line, &open);
        }
        4 => {
            // Lines repeated: more loops, more anchors, more page breaks.
            let end = rng.pick(&lines).max(line);
            let copy = text[line..end].to_owned();
            for _ in 0..1 + rng.below(4) {
                text.insert_str(line, &copy);
            }
        }
        5 => {
            let end = rng.pick(&lines).max(line);
            let end = char_boundary(text, end.min(line + 400));
            text.replace_range(line..end, "");
        }
        6 => {
            // One loop over another list.
            if let Some((at, _)) = text.match_indices("{{#each ").nth(rng.below(8)) {
                let close = text[at..].find("}}").map_or(text.len(), |i| at + i);
                text.replace_range(at + 8..close, rng.pick(&LISTS));
            }
        }
        7 => text.insert_str(line, &text_line(rng)),
        8 => {
            let at = char_boundary(text, rng.below(text.len() + 1));
            text.insert_str(at, rng.pick(&EXPRESSIONS));
        }
        _ => {
            let at = char_boundary(text, rng.below(text.len() + 1));
            text.insert_str(at, rng.pick(&BROKEN));
        }
    }
}

fn text_line(rng: &mut Rng) -> String {
    format!("{}\n", text(rng))
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
