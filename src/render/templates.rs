//! Handlebars templates: what each document says and in what order. The defaults are
//! embedded in the binary; a course's own `templates/NAME.md.hbs` replaces one by name.

use std::path::{Path, PathBuf};

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

use super::locale::Locale;
use super::markdown;
use crate::diagnostic::{Diagnostic, Location};

/// The built-in templates, by name.
pub const DEFAULTS: [(&str, &str); 5] = [
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
];

pub struct Templates {
    registry: Handlebars<'static>,
    /// Which templates came from the course, for naming them in errors.
    own: Vec<(String, PathBuf)>,
    /// Hash of every template's text, for the build fingerprint.
    pub digest: String,
}

impl Templates {
    pub fn load(course_root: &Path, locale: &Locale) -> Result<Templates, Diagnostic> {
        let mut registry = Handlebars::new();
        registry.register_escape_fn(markdown::escape);
        register_helpers(&mut registry, locale);
        let mut own = Vec::new();
        let mut digest = blake3::Hasher::new();
        for (name, text) in DEFAULTS {
            let path = Path::new("templates").join(format!("{name}.md.hbs"));
            let own_file = crate::paths::inside_course(course_root, &path.to_string_lossy());
            if let Err(why) = &own_file {
                if course_root.join(&path).symlink_metadata().is_ok() {
                    return Err(Diagnostic::error(
                        &path,
                        format!("this template is not used: {why}"),
                    )
                    .hint("replace the link with the file itself"));
                }
            }
            let (text, shown) = match own_file
                .and_then(|p| std::fs::read_to_string(p).map_err(|e| e.to_string()))
            {
                Ok(own_text) => {
                    own.push((name.to_owned(), path.clone()));
                    (own_text, path)
                }
                Err(_) => (text.to_owned(), Path::new("(built-in)").join(&path)),
            };
            digest.update(name.as_bytes());
            digest.update(text.as_bytes());
            registry.register_template_string(name, text).map_err(|e| {
                let at = e.pos().map(|(line, column)| Location { line, column, offset: 0, len: 1 });
                Diagnostic::error(shown, format!("this template cannot be read: {}", e.reason())).at(at).hint("check that every `{{#if}}` and `{{#each}}` is closed and every `{{` has its `}}`")
            })?;
        }
        Ok(Templates {
            registry,
            own,
            digest: digest.finalize().to_hex().to_string(),
        })
    }

    /// Renders template `name` to Markdown.
    pub fn render(&self, name: &str, data: &Value) -> Result<String, Diagnostic> {
        self.registry.render(name, data).map_err(|e| {
            let template = e.template_name.clone().unwrap_or_else(|| name.to_owned());
            let file = self.own.iter().find(|(n, _)| *n == template).map_or_else(|| Path::new("(built-in)").join(format!("templates/{template}.md.hbs")), |(_, p)| p.clone());
            let at = e.line_no.map(|line| Location { line, column: e.column_no.unwrap_or(1), offset: 0, len: 1 });
            Diagnostic::error(file, format!("this template failed: {}", e.reason())).at(at).hint("compare it with the built-in template of the same name (`course init` writes them out)")
        })
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
                out.write(&f(h)?)?;
                Ok(())
            },
        ),
    );
}

fn register_helpers(registry: &mut Handlebars<'static>, locale: &Locale) {
    // Inline Markdown from a prose field: bold and italic kept, the rest escaped.
    text_helper(registry, "md", |h| Ok(markdown::inline(&param_text(h, 0))));
    let words = locale.clone();
    // A fixed word: `{{t "page_of" page=1 pages=2}}`.
    text_helper(registry, "t", move |h| {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let args: Vec<(&str, String)> = h
            .hash()
            .iter()
            .map(|(k, v)| (*k, display(v.value())))
            .collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        Ok(markdown::escape(&words.text(key, &args)))
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
    // A number without a needless ".0".
    text_helper(registry, "num", |h| {
        let value = h.param(0).and_then(|p| p.value().as_f64()).unwrap_or(0.0);
        Ok(if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            value.to_string()
        })
    });
    text_helper(registry, "add", |h| {
        let sum: i64 = h.params().iter().filter_map(|p| p.value().as_i64()).sum();
        Ok(sum.to_string())
    });
}

fn param_text(h: &Helper, index: usize) -> String {
    h.param(index)
        .map(|p| display(p.value()))
        .unwrap_or_default()
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
