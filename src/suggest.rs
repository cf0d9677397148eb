//! "Did you mean ...?" suggestions for misspelt names.

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let allowed = (c.chars().count() / 3).max(1) + usize::from(c.len() > 8);
            // The distance is at least the difference in length: most candidates are
            // ruled out without computing it.
            if c.chars().count().abs_diff(length) > allowed {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&word, &c.to_lowercase());
            (distance <= allowed).then_some((distance, c))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" when a candidate is close to `word`, else the `otherwise` hint.
pub fn hint_for<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => otherwise(),
    }
}

/// Names for a hint, at most `max` of them: "a, b, c and 4,990 more".
pub fn list(names: &[&str], max: usize) -> String {
    if names.len() <= max {
        names.join(", ")
    } else {
        format!("{} and {} more", names[..max].join(", "), names.len() - max)
    }
}

/// Cuts long text for quoting it in a message.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        format!("{}...", text.chars().take(max_chars).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "intro"]), Some("title"));
        assert_eq!(
            did_you_mean("stroke", ["strokes", "setup"]),
            Some("strokes")
        );
        assert_eq!(did_you_mean("banana", ["title", "intro"]), None);
    }
}
