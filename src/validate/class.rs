//! Rules over the course as a whole that reach paper or the class: class dates that
//! exist, in order and one per session; essential oils never offered as massage oils;
//! babies' ages within the range the course is for (tunable under `safety:`).

use crate::diagnostic::{Code, Diagnostic};
use crate::field;
use crate::load::Course;
use crate::model::Module;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    // The oils are checked even when course.yaml did not load, with the usual settings.
    let settings = course
        .course
        .as_ref()
        .map(|c| c.value.safety.clone())
        .unwrap_or_default();
    let class = course
        .course
        .as_ref()
        .and_then(|c| Some((c, c.value.class.as_ref()?)));
    if let Some((c, class)) = class {
        dates(c, &class.dates, out);
        families(c, class, out);
        for (i, a) in class.attendees.iter().enumerate() {
            let Some(age) = a.age_months else { continue };
            if (settings.min_age_months..=settings.max_age_months).contains(&age) {
                continue;
            }
            out.push(
                Diagnostic::error(
                    Code::BabyAge,
                    c.place(field!["class", "attendees", i, "age_months"]),
                    format!(
                        "{}'s age of {age} months is outside the ages this course is for ({} to {} months)",
                        a.baby, settings.min_age_months, settings.max_age_months
                    ),
                )
                .hint("write the baby's age in months at the start of the class (or change `safety.min_age_months` and `safety.max_age_months` in course.yaml)"),
            );
        }
    }
    if !settings.allow_essential_oils {
        for m in &course.modules {
            let Module::Setup(setup) = &m.value else {
                continue;
            };
            for (i, oil) in setup.oils.iter().enumerate() {
                let Some(word) = essential_oil(&oil.name) else {
                    continue;
                };
                out.push(
                    Diagnostic::error(Code::EssentialOil, m.place(field!["oils", i, "name"]), format!("\"{}\" is an essential oil ({word}); essential oils are not used to massage babies", oil.name))
                        .hint("offer a plain, unscented vegetable oil such as cold-pressed sunflower oil (or set `safety.allow_essential_oils: true` in course.yaml)"),
                );
            }
        }
    }
}

/// Why `name` is an essential oil, if it is: it says so, or names one.
fn essential_oil(name: &str) -> Option<&'static str> {
    const OILS: [&str; 22] = [
        "essential",
        "lavender",
        "tea tree",
        "eucalyptus",
        "peppermint",
        "rosemary",
        "camphor",
        "clove",
        "cinnamon",
        "lemongrass",
        "citronella",
        "wintergreen",
        "chamomile",
        "ylang",
        "frankincense",
        "bergamot",
        "sandalwood",
        "geranium",
        "thyme",
        "oregano",
        "aromatherapy",
        "mint",
    ];
    let name = name.to_lowercase();
    OILS.into_iter().find(|oil| name.contains(oil))
}

fn dates(
    c: &crate::load::Loaded<crate::model::CourseFile>,
    dates: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let dated = |i: usize| c.place(field!["class", "dates", i]);
    let mut previous: Option<(usize, (i32, u32, u32))> = None;
    for (i, text) in dates.iter().enumerate() {
        let Some(date) = parse_date(text) else {
            out.push(not_a_date(text, &c.value.language, dated(i)));
            continue;
        };
        if let Some((j, before)) = previous {
            if date <= before {
                out.push(
                    Diagnostic::error(
                        Code::DatesOutOfOrder,
                        dated(i),
                        format!(
                            "the date {text} is not after the date before it, {}",
                            dates[j]
                        ),
                    )
                    .hint("list the dates in the order the sessions are taught, one per session"),
                );
            }
        }
        previous = Some((i, date));
    }
    // Fewer dates than sessions leaves a session without a date: an error. More dates
    // than sessions are not printed: a warning, as the course may be shortened on purpose.
    // As written in the file: a session left out for a mistake still needs its date.
    let sessions = match c.tree.get("sessions").map(|s| &s.value) {
        Some(crate::load::yaml::Value::Seq(items)) => items.len(),
        _ => c.value.sessions.len(),
    };
    if !dates.is_empty() && dates.len() != sessions {
        let message = format!(
            "there are {} class dates for {} sessions",
            dates.len(),
            sessions
        );
        let count = c.key_place(field!["class", "dates"]);
        let d = if dates.len() < sessions {
            Diagnostic::error(Code::DatesCount, count.clone(), message).hint(
                "give one date per session, in the order of the sessions (or leave out `dates`)",
            )
        } else {
            Diagnostic::warning(Code::DatesCount, count, message)
                .hint("the dates after the last session are not printed; delete them, or add the sessions they are for")
        };
        out.push(d);
    }
}

/// A name from the class list as a message shows it: on one line, at most 40 characters.
fn one_short_line(name: &str) -> String {
    crate::suggest::shorten(&name.split_whitespace().collect::<Vec<_>>().join(" "), 40)
}

/// Each family's `language` and `attended`, and the `family_files` pattern with the
/// number of families it makes documents for.
fn families(
    c: &crate::load::Loaded<crate::model::CourseFile>,
    class: &crate::model::ClassDetails,
    out: &mut Vec<Diagnostic>,
) {
    let course = &c.value;
    let mut languages = vec![course.language.as_str()];
    languages.extend(crate::load::translations::languages(course));
    let sessions = course.sessions.len();
    for (i, a) in class.attendees.iter().enumerate() {
        if let Some(language) = &a.language {
            if !languages.contains(&language.as_str()) {
                // Only a tag of the same language is offered (`en` for `en-GB`): `fr`
                // is not a misspelt `ar`.
                let primary =
                    |tag: &str| tag.split(['-', '_']).next().unwrap_or(tag).to_lowercase();
                let shown = crate::suggest::shorten(language, 40);
                let hint = match languages.iter().find(|l| primary(l) == primary(language)) {
                    Some(same) => format!("did you mean `{same}`?"),
                    None if !crate::model::is_language_tag(language) => format!(
                        "write one of the course's languages ({}): `{shown}` is no language tag such as `de` or `pt-BR`",
                        languages.join(", "),
                    ),
                    None => format!(
                        "write one of the course's languages ({}), or add `{}` to `translations`",
                        languages.join(", "),
                        shown
                    ),
                };
                out.push(
                    Diagnostic::error(
                        Code::FamilyLanguage,
                        c.place(field!["class", "attendees", i, "language"]),
                        format!(
                            "`{shown}` is not a language of this course, so {} and {}'s documents cannot be made in it",
                            one_short_line(&a.parent),
                            one_short_line(&a.baby)
                        ),
                    )
                    .hint(hint),
                );
            }
        }
        let mut seen = Vec::new();
        for (j, &number) in a.attended.iter().flatten().enumerate() {
            let place = c.place(field!["class", "attendees", i, "attended", j]);
            if number == 0 || number as usize > sessions {
                out.push(
                    Diagnostic::error(
                        Code::FamilyAttended,
                        place,
                        format!("there is no session {number}: the course has {sessions} sessions"),
                    )
                    .hint(format!(
                        "list the sessions the family came to by their numbers, 1 to {sessions}"
                    )),
                );
            } else if seen.contains(&number) {
                out.push(
                    Diagnostic::error(
                        Code::FamilyAttended,
                        place,
                        format!("session {number} is named twice"),
                    )
                    .hint("remove one of them"),
                );
            }
            seen.push(number);
        }
    }
    let Some(pattern) = &class.family_files else {
        return;
    };
    let place = || c.place(field!["class", "family_files"]);
    let parts = crate::model::family::FAMILY_FILE_PARTS;
    let named = crate::model::family::parts_named(pattern);
    for name in named.iter().filter(|n| !parts.contains(&n.as_str())) {
        let hint = crate::suggest::hint_for(name, parts.iter().copied(), || {
            "a folder name may hold `{parent}`, `{baby}` and `{number}`".to_owned()
        });
        out.push(
            Diagnostic::error(
                Code::FamilyFiles,
                place(),
                format!(
                    "`{{{}}}` is not a part of a family's folder name",
                    crate::suggest::shorten(name, 40)
                ),
            )
            .hint(hint),
        );
    }
    if !named.iter().any(|n| parts.contains(&n.as_str())) {
        out.push(
            Diagnostic::error(
                Code::FamilyFiles,
                place(),
                "this names every family's folder the same",
            )
            .hint("put in `{parent}`, `{baby}` or `{number}`, such as `{baby}-{parent}`"),
        );
    }
    let max = crate::limits::MAX_FAMILIES;
    if class.attendees.len() > max {
        out.push(
            Diagnostic::error(
                Code::FamilyFiles,
                c.place(field!["class", "attendees", max]),
                format!(
                    "the class list has {} families; one build makes documents for at most {max}",
                    class.attendees.len()
                ),
            )
            .hint("make a course folder for each group of families, or remove `family_files` to build no family documents"),
        );
    }
}

/// A date not written as year-month-day: when it is a real date in another order, each
/// reading is offered, with its month named in the course's language.
fn not_a_date(text: &str, language: &str, place: crate::diagnostic::Place) -> Diagnostic {
    let readings = other_orders(text);
    if readings.is_empty() {
        return Diagnostic::error(
            Code::BadDate,
            place,
            format!("`{text}` is not a date that exists"),
        )
        .hint("write dates as year-month-day, such as 2027-03-01");
    }
    let offered: Vec<String> = readings
        .iter()
        .map(|&(y, m, d)| {
            let iso = format!("{y:04}-{m:02}-{d:02}");
            match crate::locale::long_date(language, y, m, d) {
                Some(words) => format!("`{iso}` for {words}"),
                None => format!("`{iso}`"),
            }
        })
        .collect();
    Diagnostic::error(
        Code::BadDate,
        place,
        format!("`{text}` is not written as year-month-day"),
    )
    .hint(format!("write {}", offered.join(", or ")))
}

/// The real dates `text` may mean when written day-month-year, month-day-year or
/// year-day-month, with `/`, `.` or `-` between the numbers.
fn other_orders(text: &str) -> Vec<(i32, u32, u32)> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, c] = parts[..] else {
        return Vec::new();
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(x), Some(y), Some(z)) = (number(a), number(b), number(c)) else {
        return Vec::new();
    };
    let candidates = if a.len() == 4 {
        vec![(x, z, y)]
    } else if c.len() == 4 {
        vec![(z, y, x), (z, x, y)]
    } else {
        Vec::new()
    };
    let mut found: Vec<(i32, u32, u32)> = Vec::new();
    for (year, month, day) in candidates {
        let iso = format!("{year:04}-{month:02}-{day:02}");
        if let Some(date) = parse_date(&iso) {
            if !found.contains(&date) {
                found.push(date);
            }
        }
    }
    found
}

/// `YYYY-MM-DD` as (year, month, day), if that day exists.
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_parse() {
        assert_eq!(parse_date("2028-02-29"), Some((2028, 2, 29)));
        assert_eq!(parse_date("2027-02-29"), None);
        assert_eq!(parse_date("2027-13-01"), None);
        assert_eq!(parse_date("2027-3-1"), None);
        assert_eq!(other_orders("12/05/2026"), [(2026, 5, 12), (2026, 12, 5)]);
        assert_eq!(other_orders("25.05.2026"), [(2026, 5, 25)]);
        assert_eq!(other_orders("05/05/2026"), [(2026, 5, 5)]);
        assert_eq!(other_orders("2026-13-05"), [(2026, 5, 13)]);
        assert_eq!(other_orders("2027-02-30"), []);
        assert_eq!(essential_oil("Cold-pressed sunflower oil"), None);
        assert_eq!(essential_oil("Lavender oil"), Some("lavender"));
    }
}
