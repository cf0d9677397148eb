//! A field of a parsed file found in its tree: a rule names the field once and gets the
//! file, line and field of its problem from it. A field the tree does not have (a
//! wrong path) has no line rather than a wrong one.

use std::path::Path;

use super::yaml::{Node, Value};
use super::Loaded;
use crate::diagnostic::{Diagnostic, Field, Place, Segment};

impl Node {
    /// The node at `field` in this tree, if there is one.
    pub fn find(&self, field: &Field) -> Option<&Node> {
        field
            .segments()
            .iter()
            .try_fold(self, |node, segment| node.child(segment))
    }

    /// One step down: the value of a key of a group, or an item of a list.
    pub fn child(&self, segment: &Segment) -> Option<&Node> {
        match (&self.value, segment) {
            (Value::Map(_), Segment::Key(key)) => self.get(key),
            (Value::Seq(_), Segment::Index(i)) => self.index(*i),
            _ => None,
        }
    }

    /// The value at `field` in `file`, this file's tree.
    pub fn place(&self, file: &Path, field: Field) -> Place {
        let at = self.find(&field).map(|n| n.at);
        Place::new(file, at, field)
    }

    /// The key of `field` in `file`, for a problem with the field rather than its value
    /// (an empty value, a count of items); an item of a list, or a key that is not
    /// written, is pointed at by the list or group that holds it.
    pub fn key_place(&self, file: &Path, field: Field) -> Place {
        let at = match field.last() {
            None => Some(self.at),
            Some(last) => self.find(&field.parent()).map(|parent| match last {
                Segment::Key(key) => parent.key_location(key),
                Segment::Index(_) => parent.at,
            }),
        };
        Place::new(file, at, field)
    }
}

impl<T> Loaded<T> {
    /// A problem found away from this file's tree (the words for its `language`) that
    /// names a field of it, given the line of that field.
    pub fn locate(&self, mut d: Diagnostic) -> Diagnostic {
        if d.file == self.file && d.location.is_none() {
            d.location = d
                .field
                .as_ref()
                .and_then(|f| self.tree.find(&self.in_file(f)))
                .map(|n| n.at);
        }
        d
    }

    /// The value at `field` in this file: `module.place(field!["oils", i, "name"])`.
    pub fn place(&self, field: Field) -> Place {
        self.tree.place(&self.file, self.in_file(&field))
    }

    /// A field of `value` as the file writes it: items cut out for their mistakes still
    /// count in the file's lists.
    fn in_file(&self, field: &Field) -> Field {
        if self.cut.is_empty() {
            field.clone()
        } else {
            super::salvage::original(field, &self.cut)
        }
    }

    /// The key of `field` in this file (see [`Node::key_place`]).
    pub fn key_place(&self, field: Field) -> Place {
        self.tree.key_place(&self.file, self.in_file(&field))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::field;
    use crate::load::{yaml, Source};

    fn tree(text: &str) -> yaml::Node {
        let source = Source {
            name: "modules/m.yaml".into(),
            text: text.to_owned(),
        };
        yaml::parse(&source).unwrap()
    }

    const OILS: &str = "kind: setup\noils:\n  - name: Sunflower\n  - name: Lavender\n";

    #[test]
    fn a_field_is_found_at_its_value() {
        let place = tree(OILS).place(Path::new("modules/m.yaml"), field!["oils", 1, "name"]);
        let at = place.location().unwrap();
        assert_eq!((at.line, at.column), (4, 11));
        assert_eq!(place.file(), Path::new("modules/m.yaml"));
    }

    #[test]
    fn a_wrong_path_has_no_location_and_no_panic() {
        let tree = tree(OILS);
        for wrong in [
            field!["oils", 7, "name"],
            field!["oils", "name"],
            field!["kind", 0],
            field!["kind", "setup"],
            field![0],
        ] {
            let place = tree.place(Path::new("modules/m.yaml"), wrong.clone());
            assert_eq!(place.location(), None, "{wrong}");
            let d =
                crate::diagnostic::Diagnostic::error(crate::diagnostic::Code::NotValid, place, "x");
            assert_eq!(d.field, Some(wrong));
        }
    }

    #[test]
    fn a_key_place_points_at_the_key() {
        let tree = tree(OILS);
        let at = |f| {
            tree.key_place(Path::new("m"), f)
                .location()
                .map(|l| (l.line, l.column))
        };
        assert_eq!(at(field!["oils"]), Some((2, 1)));
        // Not written: the group that would hold it.
        assert_eq!(at(field!["oils", 0, "patch_test"]), Some((3, 5)));
        assert_eq!(at(field!["class", "dates"]), None);
    }
}
