//! The field a problem is about, named once by the rule that finds it: the keys and list
//! indexes from the top of the file down to the value, such as `strokes[2].steps[0]`.
//! Its line (`load::place`) and the words a person reads, "stroke 3 (Water wheel), step
//! 1" (`load::label`), both come from it, so neither is written a second time.

use std::fmt;

/// One step down a file: a key of a group of fields, or an item of a list (from 0).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A field path. Empty, it is the whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Field(Vec<Segment>);

/// A [`Field`] from keys (text) and indexes (`usize`): `field!["oils", i, "name"]`.
#[macro_export]
macro_rules! field {
    ($($segment:expr),* $(,)?) => {
        $crate::diagnostic::Field::from(vec![$($crate::diagnostic::Segment::from($segment)),*])
    };
}

impl Field {
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last step, such as `name` in `oils[0].name`.
    pub fn last(&self) -> Option<&Segment> {
        self.0.last()
    }

    /// The field that holds this one, such as `oils[0]` for `oils[0].name`.
    pub fn parent(&self) -> Field {
        Field(self.0[..self.0.len().saturating_sub(1)].to_vec())
    }

    /// A field inside this one.
    pub fn join(&self, segment: impl Into<Segment>) -> Field {
        let mut field = self.clone();
        field.push(segment);
        field
    }

    /// For walking a tree: one step down, then [`Field::pop`] back up.
    pub fn push(&mut self, segment: impl Into<Segment>) {
        self.0.push(segment.into());
    }

    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// A field written as text, `strokes[0].repetitions`, read back into its steps. Only
    /// for messages that give a field as text (serde's); rules name fields with `field!`.
    pub fn parse(text: &str) -> Field {
        let mut segments = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut pieces = part.split('[');
            if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
                segments.push(Segment::Key(key.to_owned()));
            }
            for piece in pieces {
                let inside = piece.trim_end_matches(']');
                segments.push(match inside.parse() {
                    Ok(index) => Segment::Index(index),
                    Err(_) => Segment::Key(inside.to_owned()),
                });
            }
        }
        Field(segments)
    }
}

impl From<Vec<Segment>> for Field {
    fn from(segments: Vec<Segment>) -> Field {
        Field(segments)
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Segment {
        Segment::Index(index)
    }
}

impl From<&usize> for Segment {
    fn from(index: &usize) -> Segment {
        Segment::Index(*index)
    }
}

impl From<&str> for Segment {
    fn from(key: &str) -> Segment {
        Segment::Key(key.to_owned())
    }
}

impl From<String> for Segment {
    fn from(key: String) -> Segment {
        Segment::Key(key)
    }
}

impl From<&String> for Segment {
    fn from(key: &String) -> Segment {
        Segment::Key(key.clone())
    }
}

/// The form programs read (`field` in `--message-format json`): `strokes[2].steps[0]`.
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, Segment};

    #[test]
    fn a_field_is_written_as_programs_read_it() {
        assert_eq!(
            field!["strokes", 2, "steps", 0].to_string(),
            "strokes[2].steps[0]"
        );
        assert_eq!(field!["id"].to_string(), "id");
        assert_eq!(field![].to_string(), "");
    }

    #[test]
    fn a_written_field_reads_back_into_its_steps() {
        for text in ["strokes[2].steps[0]", "class.dates[1]", "id", "fonts[0]"] {
            assert_eq!(Field::parse(text).to_string(), text);
        }
        assert_eq!(
            Field::parse("strokes[2].steps").segments(),
            [
                Segment::Key("strokes".into()),
                Segment::Index(2),
                Segment::Key("steps".into())
            ]
        );
    }

    #[test]
    fn parent_and_join_step_up_and_down() {
        let name = field!["oils", 1, "name"];
        assert_eq!(name.parent(), field!["oils", 1]);
        assert_eq!(name.parent().join("name"), name);
        assert_eq!(field![].parent(), field![]);
    }
}
