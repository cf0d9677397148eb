//! Handlebars templates: what each document says and in what order. The defaults are
//! embedded in the binary; a course's own `templates/NAME.md.hbs` replaces one by name.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handlebars::template::Template;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

use super::markdown;
use crate::diagnostic::{Code, Diagnostic, Location, Place};
use crate::limits::{MAX_TEMPLATE_BYTES, MAX_TEMPLATE_OUTPUT_BYTES};
use crate::locale::Locale;

/// The built-in templates, by name.
pub const DEFAULTS: [(&str, &str); 6] = [
    ("session", include_str!("../../templates/session.md.hbs")),
    ("handout", include_str!("../../templates/handout.md.hbs")),
    ("booklet", include_str!("../../templates/booklet.md.hbs")),
    (
        "checklist",
        include_str!("../../templates/checklist.md.hbs"),
    ),
    (
        "practice-log",
        include_str!("../../templates/practice-log.md.hbs"),
    ),
    (
        "certificate",
        include_str!("../../templates/certificate.md.hbs"),
    ),
];

pub struct Templates {
    registry: Handlebars<'static>,
    /// Which templates came from the course, for naming them in errors.
    own: Vec<(String, PathBuf)>,
    /// Hash of every template's text, for the build fingerprint.
    pub digest: String,
    /// Each template's name, the file it came from as shown, and its text.
    texts: Vec<(String, PathBuf, String)>,
    /// Warnings at the names the course's own templates use that the data has replaced.
    old_names: Vec<Diagnostic>,
}

/// The built-in template `i` of [`DEFAULTS`] compiled, once per process (`watch` builds
/// again and again). Each has its own cell, and compiling one never waits for the thread
/// pool: the pool's threads may be the ones waiting here, while the thread started by
/// [`compile_built_in_ahead`] compiles.
fn built_in_compiled(i: usize) -> &'static Result<Template, handlebars::TemplateError> {
    static COMPILED: [OnceLock<Result<Template, handlebars::TemplateError>>; DEFAULTS.len()] =
        [const { OnceLock::new() }; DEFAULTS.len()];
    COMPILED[i].get_or_init(|| {
        let (name, text) = DEFAULTS[i];
        Template::compile_with_name(text, name.to_owned())
    })
}

/// Starts compiling the built-in templates on a thread of their own, to be ready when the
/// course has been read and checked: handlebars' parser takes about as long as reading
/// the sample course does.
pub fn compile_built_in_ahead() {
    std::thread::spawn(|| {
        for i in 0..DEFAULTS.len() {
            let _ = built_in_compiled(i);
        }
    });
}

impl Templates {
    /// The templates, or the first problem with them (see [`Templates::load_all`]).
    pub fn load(course_root: &Path, locale: &Locale) -> Result<Templates, Diagnostic> {
        Templates::load_all(course_root, locale).map_err(|mut all| all.swap_remove(0))
    }

    /// The templates, or every problem with them: files that cannot be read, syntax
    /// errors, and partials that include themselves or nest too deeply.
    pub fn load_all(course_root: &Path, locale: &Locale) -> Result<Templates, Vec<Diagnostic>> {
        let mut registry = Handlebars::new();
        registry.register_escape_fn(markdown::escape);
        register_helpers(&mut registry, locale);
        let mut own = Vec::new();
        let mut digest = blake3::Hasher::new();
        let mut problems = Vec::new();
        let mut shown_names = Vec::new();
        let mut texts = Vec::new();
        for (name, text) in DEFAULTS {
            let path = Path::new("templates").join(format!("{name}.md.hbs"));
            let (text, shown) = match own_template(course_root, &path) {
                Ok(Some(own_text)) => {
                    own.push((name.to_owned(), path.clone()));
                    (own_text, path)
                }
                Ok(None) => (text.to_owned(), Path::new("(built-in)").join(&path)),
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            if let Err(d) = check_block_depth(&text, &shown) {
                problems.push(d);
                continue;
            }
            digest.update(name.as_bytes());
            digest.update(text.as_bytes());
            let built_in = if own.iter().any(|(n, _)| n == name) {
                None
            } else {
                DEFAULTS.iter().position(|(n, _)| *n == name)
            };
            texts.push((name.to_owned(), shown, text, built_in));
        }
        // Handlebars' parser finds each element's line by counting from the top of the
        // file: a twentieth of a build, serial unless the templates compile side by side.
        let compiled: Vec<_> = {
            use rayon::prelude::*;
            texts
                .par_iter()
                .map(|(name, _, text, built_in)| {
                    match built_in.and_then(|i| built_in_compiled(i).as_ref().ok()) {
                        Some(template) => Ok(template.clone()),
                        None => Template::compile_with_name(text, name.clone()),
                    }
                })
                .collect()
        };
        let texts: Vec<_> = texts
            .into_iter()
            .map(|(name, shown, text, _)| (name, shown, text))
            .collect();
        for ((name, shown, _), template) in texts.iter().zip(compiled) {
            match template {
                Ok(template) => {
                    registry.register_template(name, template);
                    shown_names.push((name.clone(), shown.clone()));
                }
                Err(e) => {
                    let at = e.pos().map(|(line, column)| Location {
                        line,
                        column,
                        offset: 0,
                        len: 1,
                    });
                    problems.push(Diagnostic::error(Code::TemplateError, Place::in_text(shown, at), format!("this template cannot be read: {}", e.reason())).hint("check that every `{{#if}}` and `{{#each}}` is closed and every `{{` has its `}}`"));
                }
            }
        }
        if problems.is_empty() {
            problems.extend(super::includes::check(&registry, &shown_names));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let old_names = super::old_names::check(&registry, &own);
        Ok(Templates {
            registry,
            own,
            digest: digest.finalize().to_hex().to_string(),
            texts,
            old_names,
        })
    }

    /// A name that the course's own template `name` prints but `data` does not have (a
    /// typo such as `{{direktion}}`, which would print nothing): the first one, as a
    /// warning at its line with the names it may have meant. Built-in templates are
    /// trusted; only the course's own are rendered again, strictly, to find it.
    pub fn unknown_name(&self, name: &str, data: &Value) -> Option<Diagnostic> {
        if self.own.is_empty() {
            return None;
        }
        let mut strict = self.registry.clone();
        strict.set_strict_mode(true);
        let mut out = CappedOutput {
            limit: MAX_TEMPLATE_OUTPUT_BYTES + 8 * serde_json::to_vec(data).map_or(0, |d| d.len()),
            ..CappedOutput::default()
        };
        // Under a budget of its own, as every render: it is the same template again.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (result, exceeded) = super::budget::within(super::budget::Budget::new(stop), || {
            strict.render_to_write(name, data, &mut out)
        });
        if exceeded.is_some() {
            return None;
        }
        let e = result.err()?;
        let RenderErrorReason::MissingVariable(Some(path)) = e.reason() else {
            return None;
        };
        let template = e.template_name.clone().unwrap_or_else(|| name.to_owned());
        let (_, file) = self.own.iter().find(|(n, _)| *n == template)?;
        let at = e.line_no.map(|line| Location {
            line,
            column: e.column_no.unwrap_or(1),
            offset: 0,
            len: 1,
        });
        let mut known = std::collections::BTreeSet::new();
        names_in(data, &mut known);
        let last = path.rsplit(['.', '/']).next().unwrap_or(path);
        let hint = crate::suggest::hint_for(last, known.iter().map(String::as_str), || {
            "`course templates guide` lists the names each template gets".to_owned()
        });
        Some(
            Diagnostic::warning(
                Code::UnknownTemplateName,
                Place::in_text(file, at),
                format!("`{path}` is not a name this template gets, so nothing is printed there"),
            )
            .hint(hint),
        )
    }

    /// Where the course's own templates use a name the data has replaced (`is_benefits`,
    /// now `(eq kind "benefits")`): a warning at each, saying what to write instead. The
    /// old names still work, so a template copied before prints what it printed.
    pub fn old_names(&self) -> &[Diagnostic] {
        &self.old_names
    }

    /// The file template `name` comes from, as shown to the user.
    pub fn file_of(&self, name: &str) -> PathBuf {
        self.texts
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or_else(|| PathBuf::from(name), |(_, shown, _)| shown.clone())
    }

    /// The first template whose text contains `needle` (such as a picture's path), else
    /// the file of template `fallback`.
    pub fn file_naming(&self, needle: &str, fallback: &str) -> PathBuf {
        self.texts
            .iter()
            .find(|(_, _, text)| text.contains(needle))
            .map_or_else(|| self.file_of(fallback), |(_, shown, _)| shown.clone())
    }

    /// Renders template `name` to Markdown, refusing to make more than
    /// [`MAX_TEMPLATE_OUTPUT_BYTES`] plus eight times the size of its data: a booklet of a
    /// long course is long, but output that multiplies its data (nested loops) stops.
    pub fn render(&self, name: &str, data: &Value) -> Result<String, Diagnostic> {
        let file_of = |template: &str| {
            self.own.iter().find(|(n, _)| *n == template).map_or_else(
                || Path::new("(built-in)").join(format!("templates/{template}.md.hbs")),
                |(_, p)| p.clone(),
            )
        };
        let data_bytes = serde_json::to_vec(data).map_or(0, |d| d.len());
        let mut out = CappedOutput {
            limit: MAX_TEMPLATE_OUTPUT_BYTES + 8 * data_bytes,
            ..CappedOutput::default()
        };
        let result = self.registry.render_to_write(name, data, &mut out);
        if result.is_err() {
            if let Some(exceeded) = super::budget::exceeded() {
                return Err(exceeded.diagnostic(&file_of(name)));
            }
        }
        if out.over {
            return Err(Diagnostic::error(
                Code::TemplateError,
                file_of(name),
                format!(
                    "this template makes more than {} MiB of text for one document",
                    out.limit.div_ceil(1024 * 1024)
                ),
            )
            .hint("a handout is a few pages: check for `{{#each}}` blocks inside each other that repeat the whole class list"));
        }
        result.map_err(|e| {
            let template = e.template_name.clone().unwrap_or_else(|| name.to_owned());
            let at = e.line_no.map(|line| Location { line, column: e.column_no.unwrap_or(1), offset: 0, len: 1 });
            Diagnostic::error(Code::TemplateError, Place::in_text(file_of(&template), at), format!("this template failed: {}", e.reason())).hint("compare it with the built-in template of the same name (`course templates copy NAME` writes one out)")
        })?;
        Ok(String::from_utf8_lossy(&out.bytes).into_owned())
    }
}

/// Every key of every object in `value`, for a did-you-mean.
fn names_in(value: &Value, names: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                names.insert(key.clone());
                names_in(inner, names);
            }
        }
        Value::Array(items) => items.iter().take(3).for_each(|i| names_in(i, names)),
        _ => {}
    }
}

/// The course's own version of a template: `None` if there is none. Anything in its
/// place that is not a readable UTF-8 file inside the course is an error, not silently
/// replaced by the built-in one.
fn own_template(course_root: &Path, path: &Path) -> Result<Option<String>, Diagnostic> {
    if course_root.join(path).symlink_metadata().is_err() {
        return Ok(None);
    }
    let full =
        crate::paths::inside_course(course_root, &path.to_string_lossy()).map_err(|why| {
            Diagnostic::error(
                Code::PathOutsideCourse,
                path,
                format!("this template is not used: {why}"),
            )
            .hint("replace the link with the file itself")
        })?;
    crate::load::gate::read_text(&full, MAX_TEMPLATE_BYTES)
        .map(Some)
        .map_err(|e| e.diagnostic(path))
}

/// Refuses blocks (`{{#if}}`, `{{#each}}`, ...) nested deeper than any document needs,
/// before the template parser recurses into them.
fn check_block_depth(text: &str, shown: &Path) -> Result<(), Diagnostic> {
    const MAX_BLOCKS: usize = 32;
    let mut depth = 0usize;
    for (line_no, line) in text.lines().enumerate() {
        for (i, _) in line.match_indices("{{") {
            let rest = line[i + 2..].trim_start_matches(['~', '{']);
            if rest.starts_with('#') || rest.starts_with('^') && !rest.starts_with("^}") {
                depth += 1;
            } else if rest.starts_with('/') {
                depth = depth.saturating_sub(1);
            }
            if depth > MAX_BLOCKS {
                let at = Location {
                    line: line_no + 1,
                    column: line[..i].chars().count() + 1,
                    offset: 0,
                    len: 1,
                };
                return Err(Diagnostic::error(Code::TemplateTooDeep, Place::in_text(shown, at), format!("blocks such as `{{{{#if}}}}` and `{{{{#each}}}}` are nested more than {MAX_BLOCKS} deep here"))
                    .hint("a template needs only a few levels: close the blocks with `{{/if}}` or `{{/each}}`"));
            }
        }
    }
    Ok(())
}

/// Template output that stops growing at [`MAX_TEMPLATE_OUTPUT_BYTES`]: a few nested
/// `{{#each}}` blocks can otherwise multiply a small template into gigabytes.
#[derive(Default)]
struct CappedOutput {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for CappedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        super::budget::check().map_err(|e| std::io::Error::other(e.message()))?;
        if self.bytes.len() + buf.len() > self.limit {
            self.over = true;
            return Err(std::io::Error::other("the template makes too much text"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Registers a helper that writes the text `f` makes of its parameters.
fn text_helper(
    registry: &mut Handlebars<'static>,
    name: &'static str,
    f: impl Fn(&Helper) -> Result<String, RenderErrorReason> + Send + Sync + 'static,
) {
    registry.register_helper(
        name,
        Box::new(
            move |h: &Helper,
                  _: &Handlebars,
                  _: &Context,
                  _: &mut RenderContext,
                  out: &mut dyn Output|
                  -> HelperResult {
                super::budget::check().map_err(|e| {
                    RenderErrorReason::Other(format!("this template {}", e.message()))
                })?;
                out.write(&f(h)?)?;
                Ok(())
            },
        ),
    );
}

fn register_helpers(registry: &mut Handlebars<'static>, locale: &Locale) {
    registry.register_helper("each", Box::new(super::each::BudgetedEach));
    // Inline Markdown from a prose field: bold and italic kept, the rest escaped.
    text_helper(registry, "md", |h| Ok(markdown::inline(&param_text(h, 0)?)));
    let words = locale.clone();
    // A fixed word: `{{t "page_of" page=1 pages=2}}`.
    text_helper(registry, "t", move |h| {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        // Every value is text the helper holds at once: all of them count together.
        let mut held = 0;
        let args: Vec<(&str, String)> = h
            .hash()
            .iter()
            .map(|(k, v)| {
                // A number with a fraction as the language writes it ("24,5" in German).
                let text = match v.value() {
                    Value::Number(n) if n.is_f64() => words.number(n.as_f64().unwrap_or(0.0)),
                    other => display(other)?,
                };
                held += text.len();
                if held > MAX_TEMPLATE_OUTPUT_BYTES {
                    return Err(too_much_text());
                }
                Ok((*k, text))
            })
            .collect::<Result<_, RenderErrorReason>>()?;
        let args: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        let text = words
            .text_within(key, &args, MAX_TEMPLATE_OUTPUT_BYTES)
            .ok_or_else(too_much_text)?;
        Ok(markdown::escape(&text))
    });
    let words = locale.clone();
    // "6 times" / "once".
    text_helper(registry, "times", move |h| {
        let count = h.param(0).and_then(|p| p.value().as_u64()).unwrap_or(0);
        let text = if count == 1 {
            words.text("once", &[])
        } else {
            words.text("times", &[("count", &count)])
        };
        Ok(markdown::escape(&text))
    });
    // A number as the course's language writes it: "24,5" in German.
    let numbers = locale.clone();
    text_helper(registry, "num", move |h| {
        let value = h.param(0).and_then(|p| p.value().as_f64()).unwrap_or(0.0);
        Ok(markdown::escape(&numbers.number(value)))
    });
    // A step number: `{{add @index 1}}`, in the language's digits.
    let numbers = locale.clone();
    text_helper(registry, "add", move |h| {
        let sum: i64 = h.params().iter().filter_map(|p| p.value().as_i64()).sum();
        Ok(numbers.with_digits(&sum.to_string()))
    });
}

fn param_text(h: &Helper, index: usize) -> Result<String, RenderErrorReason> {
    h.param(index)
        .map_or_else(|| Ok(String::new()), |p| display(p.value()))
}

/// A value as text, refused once it is longer than one document may be: `{{t "x" a=this
/// b=this ...}}` would otherwise write out the whole course once per name.
fn display(value: &Value) -> Result<String, RenderErrorReason> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => {
            let mut out = CappedOutput {
                limit: MAX_TEMPLATE_OUTPUT_BYTES,
                ..CappedOutput::default()
            };
            serde_json::to_writer(&mut out, other).map_err(|_| too_much_text())?;
            String::from_utf8_lossy(&out.bytes).into_owned()
        }
    };
    if text.len() > MAX_TEMPLATE_OUTPUT_BYTES {
        return Err(too_much_text());
    }
    Ok(text)
}

fn too_much_text() -> RenderErrorReason {
    RenderErrorReason::Other(format!(
        "a helper here would write more than the {} MiB one document may hold",
        MAX_TEMPLATE_OUTPUT_BYTES / (1024 * 1024)
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use handlebars::template::{Parameter, Template, TemplateElement};

    use super::Templates;

    fn built_in() -> Templates {
        let locale = crate::locale::Locale::load("en", Path::new("no-such-course")).unwrap();
        Templates::load(Path::new("no-such-course"), &locale).unwrap()
    }

    /// The guide's section on helpers.
    fn helpers_section() -> &'static str {
        crate::plan::guide_section("Helpers").expect("the guide has a helpers section")
    }

    /// The helper a code span such as `{{md text}}`, `{{#if}}` or `ne` names.
    fn helper_of(span: &str) -> Option<&str> {
        let name = span
            .strip_prefix("{{")
            .map_or(span, |s| s.trim_start_matches('#'));
        let name = name.split([' ', '}']).next()?;
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase())).then_some(name)
    }

    fn code_spans(text: &str) -> impl Iterator<Item = &str> {
        text.split('`').skip(1).step_by(2)
    }

    /// Every helper the built-in templates call: what a template copied from them may use.
    fn helpers_called(template: &Template, names: &mut BTreeSet<String>) {
        fn parameter(p: &Parameter, names: &mut BTreeSet<String>) {
            if let Parameter::Subexpression(sub) = p {
                if let TemplateElement::Expression(h) = sub.as_element() {
                    names.extend(h.name.as_name().map(str::to_owned));
                    h.params.iter().for_each(|p| parameter(p, names));
                }
            }
        }
        for element in &template.elements {
            if let TemplateElement::Expression(h) | TemplateElement::HelperBlock(h) = element {
                let block = matches!(element, TemplateElement::HelperBlock(_));
                if block || !h.params.is_empty() || !h.hash.is_empty() {
                    names.extend(h.name.as_name().map(str::to_owned));
                }
                h.params.iter().for_each(|p| parameter(p, names));
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    helpers_called(t, names);
                }
            }
        }
    }

    /// docs/templates.md names every helper the built-in templates call.
    #[test]
    fn the_template_guide_names_every_helper_the_templates_call() {
        let templates = built_in();
        let mut called = BTreeSet::new();
        for template in templates.registry.get_templates().values() {
            helpers_called(template, &mut called);
        }
        assert!(called.len() >= 8, "{called:?}");
        let named: BTreeSet<&str> = code_spans(helpers_section())
            .filter_map(helper_of)
            .collect();
        let missing: Vec<&String> = called
            .iter()
            .filter(|h| !named.contains(h.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "docs/templates.md does not name {missing:?}"
        );
    }

    /// And every helper it lists is one a template can call.
    #[test]
    fn every_helper_the_template_guide_lists_exists() {
        let templates = built_in();
        let listed: Vec<&str> = helpers_section()
            .lines()
            .filter_map(|line| line.strip_prefix("- "))
            .filter_map(|item| code_spans(item).next().and_then(helper_of))
            .collect();
        assert_eq!(listed, ["md", "t", "times", "num", "add", "eq"]);
        for name in listed {
            let call = format!("{{{{#if ({name} 1 2)}}}}{{{{/if}}}}");
            let result = templates.registry.render_template(&call, &());
            if let Err(e) = result {
                assert!(
                    !matches!(e.reason(), handlebars::RenderErrorReason::HelperNotFound(_)),
                    "{name}: {e}"
                );
            }
        }
    }
}
