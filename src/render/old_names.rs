//! Names the template data has replaced, found where a course's own template still uses
//! them. `{{#if is_benefits}}` became `{{#if (eq kind "benefits")}}`; the old flags are
//! still given, so a template copied before keeps printing its modules, and validate
//! says, at each place, what to write instead.

use std::path::{Path, PathBuf};

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::Handlebars;

use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::model::ModuleKind;

/// A warning at every old name in `templates` (name, file shown to the user).
pub fn check(registry: &Handlebars<'_>, templates: &[(String, PathBuf)]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (name, file) in templates {
        if let Some(template) = registry.get_template(name) {
            walk(template, file, &mut found);
        }
    }
    found
}

fn walk(template: &Template, file: &Path, found: &mut Vec<Diagnostic>) {
    for (i, element) in template.elements.iter().enumerate() {
        let at = template.mapping.get(i).map(|m| Location {
            line: m.0,
            column: m.1,
            offset: 0,
            len: 1,
        });
        let mut names = Vec::new();
        let mut inner: Vec<&Template> = Vec::new();
        match element {
            TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h)
            | TemplateElement::HelperBlock(h) => {
                parameters(&h.name, &mut names);
                for p in h.params.iter().chain(h.hash.values()) {
                    parameters(p, &mut names);
                }
                inner.extend([&h.template, &h.inverse].into_iter().flatten());
            }
            TemplateElement::DecoratorExpression(d)
            | TemplateElement::DecoratorBlock(d)
            | TemplateElement::PartialExpression(d)
            | TemplateElement::PartialBlock(d) => {
                for p in d.params.iter().chain(d.hash.values()) {
                    parameters(p, &mut names);
                }
                inner.extend(&d.template);
            }
            _ => {}
        }
        for (old, kind) in names {
            found.push(warning(file, at, &old, kind));
        }
        for t in inner {
            walk(t, file, found);
        }
    }
}

/// The old flags among a parameter and the parameters of its subexpressions.
fn parameters(p: &Parameter, names: &mut Vec<(String, ModuleKind)>) {
    if let Parameter::Subexpression(sub) = p {
        if let TemplateElement::Expression(h) = sub.as_element() {
            parameters(&h.name, names);
            for p in h.params.iter().chain(h.hash.values()) {
                parameters(p, names);
            }
        }
        return;
    }
    let Some(raw) = p.as_name() else { return };
    // `is_setup`, `../is_setup` and `this.is_setup` are the same flag.
    let last = raw.rsplit(['.', '/']).next().unwrap_or(raw);
    if let Some(kind) = ModuleKind::from_old_flag(last) {
        names.push((last.to_owned(), kind));
    }
}

fn warning(file: &Path, at: Option<Location>, old: &str, kind: ModuleKind) -> Diagnostic {
    let new = format!("(eq kind \"{}\")", kind.name());
    Diagnostic::warning(
        Code::OldTemplateName,
        Place::in_text(file, at),
        format!("`{old}` is the old way to ask a module's kind: it still works, for now"),
    )
    .hint(format!(
        "write `{new}` in its place, as in `{{{{#if {new}}}}}`; docs/templates.md lists the names"
    ))
}
