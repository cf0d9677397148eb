//! `course man`: manual pages (roff) for `course` and each of its subcommands, with the
//! files a course is made of and the environment variables that change what it does.

use crate::error::Error;
use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;

const FILES: &str = r#".SH FILES
.TP
\fBcourse.yaml\fR
The course: title, instructor, language, paper size, sessions and class details.
.TP
\fBmodules/*.yaml\fR
One module each: benefits, kangaroo care, setup, strokes or toddler adaptations.
.TP
\fBtemplates/*.md.hbs\fR
The course's own copies of the built-in templates, used instead of them.
.TP
\fBlocales/\fILANGUAGE\fB.yaml\fR
The course's own words for the fixed text of the pages.
.TP
\fBfonts/\fR
Fonts the course names in \fBfonts:\fR, tried before the bundled ones.
.TP
\fBschema/*.schema.json\fR
The JSON Schemas that editors read through the first line of each file.
.TP
\fBbuild/\fR
Where \fBcourse build\fR writes the PDFs; \fBbuild/.course-build.json\fR records
what it wrote, so only those files are ever replaced or removed.
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set, messages are printed without colours.
.TP
\fBSOURCE_DATE_EPOCH\fR
A date (seconds since 1970) written into every PDF instead of none: the same course
then gives byte-identical PDFs.
.TP
\fBCOURSE_TEMPLATE_SECONDS\fR
How long one template may take to fill in before it is stopped (default 30).
"#;

/// Prints the page of `command` (a subcommand such as `validate`), or of `course`; or,
/// with `dir`, writes every page there.
pub fn run(command: Option<&str>, dir: Option<&Path>) -> Result<(), Error> {
    if let Some(dir) = dir {
        return write_all(dir);
    }
    let mut out = Vec::new();
    let rendered = match command {
        None => page(main_command(), true, &mut out),
        Some(name) => match subcommand(name) {
            Some(cmd) => page(cmd, false, &mut out),
            None => {
                return Err(Error::usage(
                    &format!("`course` has no subcommand `{name}`"),
                    "run `course --help` to see them",
                ));
            }
        },
    };
    match rendered.and_then(|()| std::io::stdout().write_all(&out)) {
        Ok(()) => Ok(()),
        // The reader went away (`course man | head`): nothing more to say.
        Err(_) => Err(Error::Problems),
    }
}

/// `course` without clap's own `help` subcommand, which has no page.
fn main_command() -> clap::Command {
    Cli::command().disable_help_subcommand(true)
}

/// The subcommand `name` as its own program, `course-NAME`, for its page.
fn subcommand(name: &str) -> Option<clap::Command> {
    let cli = Cli::command();
    let sub = cli.find_subcommand(name)?.clone();
    Some(
        sub.name(format!("course-{name}"))
            .bin_name(format!("course {name}")),
    )
}

fn page(cmd: clap::Command, main: bool, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut roff)?;
    out.extend_from_slice(examples_section(&String::from_utf8_lossy(&roff)).as_bytes());
    // Every page says which files a course is made of and what the environment changes:
    // a reader of `course-build(1)` should not need `course(1)` open beside it.
    out.extend_from_slice(FILES.as_bytes());
    out.extend_from_slice(ENVIRONMENT.as_bytes());
    if !main {
        out.extend_from_slice(b".SH SEE ALSO\ncourse(1)\n");
    }
    Ok(())
}

/// clap_mangen puts `after_help` under "EXTRA", reflowed; it holds the examples, which
/// are set as written, one command to a line, under "EXAMPLES".
fn examples_section(roff: &str) -> String {
    let Some(start) = roff.find(".SH EXTRA\n") else {
        return roff.to_owned();
    };
    let body_start = start + ".SH EXTRA\n".len();
    let end = roff[body_start..]
        .find("\n.SH ")
        .map_or(roff.len(), |i| body_start + i + 1);
    let body = roff[body_start..end].trim_end();
    let body = body.strip_prefix("Examples:\n").unwrap_or(body);
    format!(
        "{}.SH EXAMPLES\n.nf\n{body}\n.fi\n{}",
        &roff[..start],
        &roff[end..]
    )
}

fn write_all(dir: &Path) -> Result<(), Error> {
    let mut pages = vec![("course.1".to_owned(), main_command(), true)];
    for sub in main_command().get_subcommands() {
        let name = sub.get_name().to_owned();
        if let Some(cmd) = subcommand(&name) {
            pages.push((format!("course-{name}.1"), cmd, false));
        }
    }
    // Written through the write gate: a link planted in the folder is replaced, never
    // followed, and a file there is replaced only if it is one of these pages already.
    let written = crate::write::Folder::create(dir).and_then(|folder| {
        for (file, cmd, main) in pages {
            let mut out = Vec::new();
            page(cmd, main, &mut out).map_err(|e| crate::write::WriteError::Failed {
                path: folder.shown_path(Path::new(&file)),
                reason: crate::util::io_reason(&e),
            })?;
            folder.replace(&file, &out, &is_course_page)?;
            println!("wrote {}", folder.shown_path(Path::new(&file)).display());
        }
        Ok(())
    });
    written.map_err(|e| {
        let hint = match e {
            crate::write::WriteError::Exists(_) => {
                "it is not a manual page of `course`, so it is left as it is: choose an empty folder"
            }
            _ => e.hint(),
        };
        Error::failed(&e.message(), hint)
    })
}

/// Whether the file `name` in `folder` is a manual page of `course` (an earlier `course
/// man --dir` wrote it), which may be replaced by a newer one.
fn is_course_page(folder: &crate::write::Folder, name: &str) -> bool {
    folder.head(name, 1024).is_some_and(|head| {
        String::from_utf8_lossy(&head)
            .lines()
            .any(|line| line.starts_with(".TH course"))
    })
}
