//! Partials (`{{> name}}`) checked before anything is rendered: a template that
//! includes itself, directly, through another template or through an inline partial,
//! would recurse until the stack overflows, and the include chain must stay short.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::Handlebars;

use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::limits::MAX_TEMPLATE_DEPTH;

/// One partial use: which name, and where.
struct Use {
    name: String,
    at: Location,
}

/// What one template or inline partial includes.
struct Node {
    file: PathBuf,
    uses: Vec<Use>,
    /// Inline partials defined in the same file, which a use looks up first.
    scope: String,
}

/// Every include problem among `templates` (name, file shown to the user).
pub fn check(registry: &Handlebars<'_>, templates: &[(String, PathBuf)]) -> Vec<Diagnostic> {
    let mut nodes: HashMap<String, Node> = HashMap::new();
    let mut problems = Vec::new();
    for (name, file) in templates {
        let Some(template) = registry.get_template(name) else {
            continue;
        };
        let mut uses = Vec::new();
        let mut inline = Vec::new();
        collect(template, file, &mut uses, &mut inline, &mut problems);
        for (inline_name, inline_uses) in inline {
            nodes.insert(
                format!("{name}#{inline_name}"),
                Node {
                    file: file.clone(),
                    uses: inline_uses,
                    scope: name.clone(),
                },
            );
        }
        nodes.insert(
            name.clone(),
            Node {
                file: file.clone(),
                uses,
                scope: name.clone(),
            },
        );
    }
    // The node a use in `from` refers to: an inline partial of the same file first.
    let target = |from: &Node, name: &str| -> Option<String> {
        let inline = format!("{}#{name}", from.scope);
        if nodes.contains_key(&inline) {
            Some(inline)
        } else if nodes.contains_key(name) {
            Some(name.to_owned())
        } else {
            None
        }
    };
    let mut cycles: Vec<Vec<String>> = Vec::new();
    let mut names: Vec<&String> = nodes.keys().collect();
    names.sort();
    for start in names {
        // Depth-first along every chain from `start`, remembering the path.
        let mut path: Vec<(String, usize)> = vec![(start.clone(), 0)];
        while let Some((current, next_use)) = path.last().cloned() {
            let node = &nodes[&current];
            let Some(u) = node.uses.get(next_use) else {
                path.pop();
                continue;
            };
            path.last_mut().expect("not empty").1 += 1;
            let Some(to) = target(node, &u.name) else {
                continue;
            };
            let shown = |key: &str| key.replace('#', " > ");
            if let Some(i) = path.iter().position(|(n, _)| *n == to) {
                // A cycle is found again from each template on it: say it once.
                let mut members: Vec<String> = path.iter().map(|(n, _)| n.clone()).collect();
                members.sort();
                if i == 0 && !cycles.contains(&members) {
                    cycles.push(members);
                    let chain: Vec<String> = path[..]
                        .iter()
                        .map(|(n, _)| shown(n))
                        .chain([shown(&to)])
                        .collect();
                    problems.push(
                        Diagnostic::error(
                            Code::TemplateError,
                            Place::in_text(&node.file, u.at),
                            format!(
                                "this template includes itself ({}), which never ends",
                                chain.join(" -> ")
                            ),
                        )
                        .hint("remove the `{{> ...}}` that leads back, or put the shared part in its own template"),
                    );
                    // One report per cycle: stop at the first one found from here.
                    break;
                }
                continue;
            }
            if path.len() >= MAX_TEMPLATE_DEPTH {
                problems.push(
                    Diagnostic::error(
                        Code::TemplateTooDeep,
                        Place::in_text(&node.file, u.at),
                        format!("templates include each other more than {MAX_TEMPLATE_DEPTH} levels deep here"),
                    )
                    .hint("include fewer templates inside each other"),
                );
                break;
            }
            path.push((to, 0));
        }
    }
    // A cycle is found from each template on it; say it once per place.
    problems.dedup_by(|a, b| a.file == b.file && a.location == b.location);
    // A chain too deep is seen from every start along it: say it once per file.
    let mut seen = Vec::new();
    problems.retain(|d| {
        let place = d.location.map(|l| (l.line, l.column));
        let key = if d.message.contains("levels deep") {
            (d.file.clone(), None)
        } else {
            (d.file.clone(), place)
        };
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    problems
}

fn collect(
    template: &Template,
    file: &Path,
    uses: &mut Vec<Use>,
    inline: &mut Vec<(String, Vec<Use>)>,
    problems: &mut Vec<Diagnostic>,
) {
    for (i, element) in template.elements.iter().enumerate() {
        let at = template
            .mapping
            .get(i)
            .map(|m| Location {
                line: m.0,
                column: m.1,
                offset: 0,
                len: 1,
            })
            .unwrap_or_default();
        match element {
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                match literal_name(&d.name) {
                    Some(name) if name == "@partial-block" => {}
                    Some(name) => uses.push(Use { name, at }),
                    None => problems.push(
                        Diagnostic::error(
                            Code::TemplateError,
                            Place::in_text(file, at),
                            "a partial here is chosen while rendering (`{{> (...)}}`)",
                        )
                        .hint("name the partial directly, such as `{{> session}}`"),
                    ),
                }
                if let Some(t) = &d.template {
                    collect(t, file, uses, inline, problems);
                }
            }
            TemplateElement::DecoratorBlock(d) => {
                let inline_name = (literal_name(&d.name).as_deref() == Some("inline"))
                    .then(|| d.params.first().and_then(literal_name))
                    .flatten();
                match (inline_name, &d.template) {
                    (Some(name), Some(t)) => {
                        let mut inner = Vec::new();
                        collect(t, file, &mut inner, inline, problems);
                        inline.push((name, inner));
                    }
                    (_, Some(t)) => collect(t, file, uses, inline, problems),
                    _ => {}
                }
            }
            TemplateElement::HelperBlock(h) => {
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    collect(t, file, uses, inline, problems);
                }
            }
            _ => {}
        }
    }
}

fn literal_name(p: &Parameter) -> Option<String> {
    match p {
        Parameter::Literal(serde_json::Value::String(s)) => Some(s.clone()),
        other => other.as_name().map(str::to_owned),
    }
}
