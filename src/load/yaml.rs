//! YAML parsed into a tree that remembers where every key and value is, so that every
//! later check (types, references, safety rules) can point at a line.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::source::Source;
use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::limits::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub enum Value {
    /// A scalar as written. `plain` is false for quoted and block scalars, which are always
    /// text; plain scalars may be numbers, booleans or null.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// Looks up a key in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Looks up a key in a mapping, returning the key node too.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn index(&self, i: usize) -> Option<&Node> {
        match &self.value {
            Value::Seq(items) => items.get(i),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if is_null(text))
    }

    /// The location of the key `key` in this mapping, or of the mapping itself.
    pub fn key_location(&self, key: &str) -> Location {
        self.entry(key).map_or(self.at, |(k, _)| k.at)
    }

    /// The value as JSON, with YAML 1.2 core-schema rules for plain scalars. Used for the
    /// schema check only.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Scalar { text, plain: false } => serde_json::Value::String(text.clone()),
            Value::Scalar { text, plain: true } => resolve_plain(text),
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), v.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn resolve_plain(text: &str) -> serde_json::Value {
    use serde_json::Value as J;
    if is_null(text) {
        return J::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return J::Bool(true),
        "false" | "False" | "FALSE" => return J::Bool(false),
        _ => {}
    }
    if let Ok(i) = text.parse::<i64>() {
        return J::from(i);
    }
    let looks_numeric =
        text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.' || c == '+');
    if looks_numeric {
        if let Some(n) = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return J::Number(n);
        }
    }
    J::String(text.to_owned())
}

/// Parses one YAML document. Errors name the line and column and say how to fix them.
pub fn parse(source: &Source) -> Result<Node, Diagnostic> {
    let mut builder = Builder::new(source);
    for event in Parser::new_from_str(&source.text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            builder.syntax_error(m.line(), m.col(), e.info())
        })?;
        builder.event(event, span)?;
    }
    builder.finish()
}

enum Frame {
    Seq {
        at: Location,
        items: Vec<Node>,
        anchor: usize,
    },
    Map {
        at: Location,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        anchor: usize,
        /// Index of each key in `entries`, so a big mapping is checked for duplicates
        /// in linear time.
        seen: std::collections::HashMap<String, usize>,
        /// Keys that came with a merge (`<<: *name`): a key written in the group itself
        /// replaces them, as YAML's merge keys do.
        merged: std::collections::HashSet<String>,
    },
}

struct Builder<'s> {
    source: &'s Source,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    anchors: Vec<(usize, Node, usize, usize)>,
    nodes: usize,
    /// Bytes of text the aliases have copied so far.
    expanded_bytes: usize,
    aliases_used: bool,
    /// The last location computed: (line, char column, byte column), so many values on
    /// one long line (a flow list) are located without rescanning the line each time.
    last_column: std::cell::Cell<(usize, usize, usize)>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s Source) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(source.text.match_indices('\n').map(|(i, _)| i + 1));
        Builder {
            source,
            line_starts,
            stack: Vec::new(),
            root: None,
            documents: 0,
            anchors: Vec::new(),
            nodes: 0,
            expanded_bytes: 0,
            aliases_used: false,
            last_column: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// saphyr reports lines from 1 and columns from 0, counted in characters.
    fn location(&self, line: usize, col: usize, len_chars: usize) -> Location {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.source.text.len());
        let rest = &self.source.text[start..];
        let (last_line, last_col, last_byte) = self.last_column.get();
        let (from_col, from_byte) = if last_line == line && last_col <= col {
            (last_col, last_byte)
        } else {
            (0, 0)
        };
        let byte_col = rest[from_byte..]
            .char_indices()
            .nth(col - from_col)
            .map_or(rest.len(), |(i, _)| from_byte + i);
        self.last_column.set((line, col, byte_col));
        let len = rest[byte_col..]
            .char_indices()
            .nth(len_chars)
            .map_or(rest.len() - byte_col, |(i, _)| i);
        Location {
            line,
            column: col + 1,
            offset: start + byte_col,
            len: len.max(1),
        }
    }

    fn span_location(&self, span: Span) -> Location {
        let len = if span.end.line() == span.start.line() {
            span.end.col().saturating_sub(span.start.col())
        } else {
            1
        };
        self.location(span.start.line(), span.start.col(), len)
    }

    fn syntax_error(&self, line: usize, col: usize, info: &str) -> Diagnostic {
        if info.contains("recursion limit") {
            return self.error(
                Code::YamlTooComplex,
                self.location(line, col, 1),
                "lists and groups of fields are nested too deeply here",
                "course files need only a few levels: check for stray `[` or `{` characters",
            );
        }
        // The scanner may notice a tab only after it; point at the tab itself.
        let (line, col) = match self
            .source
            .text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1))
            .find_map(|(i, l)| l.find('\t').map(|c| (i + 1, l[..c].chars().count())))
        {
            Some(found) if info.contains("tab") => found,
            _ => (line, col),
        };
        let (explained, shown_line) = super::syntax::explain(info, &self.source.text, line);
        let line_text = self
            .source
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("");
        let indent: String = line_text
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        let misaligned = super::indentation::misaligned(&self.source.text, line);
        let (message, hint, at) = if indent.contains('\t') || line_text.contains(":\t") {
            (
                "this line is indented with a tab".to_owned(),
                "YAML only allows spaces for indentation: replace the tab with spaces",
                self.location(line, col, 1),
            )
        } else if let Some(m) = misaligned {
            let text = self.source.text.lines().nth(m.line - 1).unwrap_or("");
            let len = text.trim().chars().count().max(1);
            (
                format!(
                    "this line has {} spaces; the fields around it have {}",
                    m.spaces, m.around
                ),
                "start it in the same column as the fields of its group, with spaces",
                self.location(m.line, m.spaces, len),
            )
        } else if shown_line != line {
            let text = self.source.text.lines().nth(shown_line - 1).unwrap_or("");
            let col = text.chars().take_while(|c| c.is_whitespace()).count();
            let len = text.trim().chars().count().max(1);
            (
                explained.message,
                explained.hint,
                self.location(shown_line, col, len),
            )
        } else {
            (
                explained.message,
                explained.hint,
                self.location(line, col, 1),
            )
        };
        Diagnostic::error(
            Code::YamlSyntax,
            Place::in_text(&self.source.name, at),
            message,
        )
        .hint(hint)
    }

    /// A problem at `at` in this file: too deep or too big to read (`YamlTooComplex`),
    /// or wrongly written.
    fn error(
        &self,
        code: Code,
        at: Location,
        message: impl Into<String>,
        hint: &str,
    ) -> Diagnostic {
        Diagnostic::error(code, Place::in_text(&self.source.name, at), message).hint(hint)
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Diagnostic> {
        let at = self.span_location(span);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(Code::YamlSyntax, at, "this file holds a second document after a `---` line", "a course file holds one document: remove the second `---` line and what follows, or move it to its own file"));
                }
            }
            Event::SequenceStart(anchor, _) => {
                self.push_frame(at)?;
                self.stack.push(Frame::Seq {
                    at,
                    items: Vec::new(),
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.push_frame(at)?;
                self.stack.push(Frame::Map {
                    at,
                    entries: Vec::new(),
                    key: None,
                    anchor,
                    seen: std::collections::HashMap::new(),
                    merged: std::collections::HashSet::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq { at, items, anchor }) => (
                        Node {
                            value: Value::Seq(items),
                            at,
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        at,
                        entries,
                        anchor,
                        ..
                    }) => (
                        Node {
                            value: Value::Map(entries),
                            at,
                        },
                        anchor,
                    ),
                    None => return Ok(()),
                };
                self.add(node.0, node.1)?;
            }
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain,
                    },
                    at,
                };
                self.add(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some((_, node, size, bytes)) =
                    self.anchors.iter().rev().find(|(a, ..)| *a == id).cloned()
                else {
                    return Err(self.error(
                        Code::YamlTooComplex,
                        at,
                        "this alias refers to an anchor that is not defined",
                        "define the anchor with `&name` before using `*name`",
                    ));
                };
                self.aliases_used = true;
                self.count(size, at)?;
                self.expanded_bytes += bytes;
                if self.source.text.len() + self.expanded_bytes > MAX_EXPANDED_BYTES {
                    return Err(self.error(
                        Code::YamlTooComplex,
                        at,
                        format!(
                            "this file expands to more than {} MiB of text through its aliases",
                            MAX_EXPANDED_BYTES / (1024 * 1024)
                        ),
                        "remove repeated aliases (`*name`): course files do not need them",
                    ));
                }
                let node = Node { at, ..node };
                self.add(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn push_frame(&mut self, at: Location) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(
                Code::YamlTooComplex,
                at,
                "lists and groups of fields are nested too deeply here",
                "course files need only a few levels: check for stray `[` or `{` characters",
            ));
        }
        Ok(())
    }

    fn count(&mut self, n: usize, at: Location) -> Result<(), Diagnostic> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            // Without aliases the file itself is that big: say so, not "aliases".
            let (message, hint) = if self.aliases_used {
                (
                    format!("this file expands to more than {MAX_NODES} values"),
                    "remove repeated aliases (`*name`): course files do not need them",
                )
            } else {
                (
                    format!("this file holds more than {MAX_NODES} values"),
                    "split the module into several smaller modules",
                )
            };
            return Err(self.error(Code::YamlTooComplex, at, message, hint));
        }
        Ok(())
    }

    fn add(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        self.count(1, node.at)?;
        if anchor != 0 {
            let (size, bytes) = subtree_size(&node);
            self.anchors.push((anchor, node.clone(), size, bytes));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                seen,
                merged,
                ..
            }) => match key.take() {
                None => {
                    if node.as_str().is_none() {
                        return Err(self.error(Code::YamlSyntax, node.at, "a field name here is a list or a group of fields", "field names are plain words such as `title:`; check the indentation of this line"));
                    }
                    *key = Some(node)
                }
                Some(k) => {
                    let name = k.as_str().unwrap_or_default();
                    let merge_key =
                        name == "<<" && matches!(k.value, Value::Scalar { plain: true, .. });
                    if merge_key {
                        // `<<: *name` (or a list of them) brings in the fields of a group.
                        let groups: Vec<&Node> = match &node.value {
                            Value::Map(_) => vec![&node],
                            Value::Seq(items) if items.iter().all(|i| matches!(i.value, Value::Map(_))) => items.iter().collect(),
                            _ => {
                                return Err(self.error(
                                    Code::YamlSyntax,
                                    k.at,
                                    "`<<:` brings in the fields of a group, but what follows it is not a group of fields",
                                    "write `<<: *name`, where `&name` marks a group of fields written earlier",
                                ))
                            }
                        };
                        for group in groups {
                            let Value::Map(fields) = &group.value else {
                                continue;
                            };
                            for (field, value) in fields {
                                let field_name = field.as_str().unwrap_or_default();
                                if seen.contains_key(field_name) {
                                    continue;
                                }
                                seen.insert(field_name.to_owned(), entries.len());
                                merged.insert(field_name.to_owned());
                                entries.push((field.clone(), value.clone()));
                            }
                        }
                        return Ok(());
                    }
                    if let Some(&first) = seen.get(name) {
                        if merged.remove(name) {
                            entries[first] = (k, node);
                            return Ok(());
                        }
                        let first_at = entries[first].0.at;
                        return Err(self
                            .error(
                                Code::DuplicateField,
                                k.at,
                                format!("the field `{name}` is written twice in the same group"),
                                "keep one of them and delete the other",
                            )
                            .related(&self.source.name, first_at, "first written here"));
                    }
                    seen.insert(name.to_owned(), entries.len());
                    entries.push((k, node));
                }
            },
        }
        Ok(())
    }

    fn finish(self) -> Result<Node, Diagnostic> {
        self.root.filter(|n| !n.is_null()).ok_or_else(|| {
            Diagnostic::error(Code::EmptyFile, &self.source.name, "this file is empty").hint("a module starts with `kind:`, `id:` and `title:`; `course new KIND NAME` writes one for you")
        })
    }
}

/// How many values a node holds and how many bytes of text, aliases included.
fn subtree_size(node: &Node) -> (usize, usize) {
    let add = |(n, b): (usize, usize), (n2, b2): (usize, usize)| (n + n2, b + b2);
    match &node.value {
        Value::Scalar { text, .. } => (1, text.len()),
        Value::Seq(items) => items.iter().map(subtree_size).fold((1, 0), add),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| add(subtree_size(k), subtree_size(v)))
            .fold((1, 0), add),
    }
}
