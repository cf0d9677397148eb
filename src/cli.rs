//! The command line: parsing arguments and dispatching to `cmd::*`.

use crate::locate;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::cmd;

pub use crate::error::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

#[derive(Debug, Parser)]
#[command(
    name = "course",
    // `course 0.2.0 (abc1234 2026-12-02)`, as `cargo -V`; build.rs finds the commit.
    version = concat!(env!("CARGO_PKG_VERSION"), env!("COURSE_COMMIT_INFO")),
    about = "Check infant massage course modules and turn them into printable PDF handouts and checklists.",
    after_help = "Examples:\n  course init my-course         start a new course\n  course validate my-course     find every mistake in it\n  course build my-course        write the PDFs to my-course/build\n\nExit status: 0 success, 1 problems in the course, 2 bad usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// How to print problems: `human` (default), `json` (one object per line, a summary
    /// last) or `short` (`file:line:column: severity: message`, one line each).
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

pub use crate::report::MessageFormat;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course for mistakes, and say how to fix each one.
    #[command(
        after_help = "Examples:\n  course validate                   check the course in this folder\n  course validate courses/my-class  check another folder\n  course validate --message-format json   one JSON object per problem, for editors"
    )]
    Validate {
        /// The course folder (the one with course.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Treat texts not yet translated, or translated from an older source, as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Build the PDF handouts, booklet, checklists and practice log.
    #[command(
        after_help = "Examples:\n  course build                      build the course in this folder into ./build\n  course build courses/my-class --out handouts\n\nPDFs whose inputs did not change are not rebuilt; --force rebuilds every one.\nWith SOURCE_DATE_EPOCH set, the same input gives byte-identical PDFs."
    )]
    Build(BuildArgs),
    /// Build, then rebuild on every save until Ctrl-C.
    #[command(
        after_help = "Examples:\n  course watch                      watch the course in this folder\n  course watch courses/my-class --out handouts"
    )]
    Watch(BuildArgs),
    /// Show the course's pages and PDFs in the browser, rebuilt on every save.
    #[command(
        after_help = "Examples:\n  course serve                      preview the course in this folder at a free port\n  course serve courses/my-class --port 8000 --open\n\nOnly this computer can see the preview (it listens on 127.0.0.1). An open page\nreloads itself after each save, where it was scrolled to; when the course has\nproblems, they show over the page until it is fixed. Ctrl-C stops."
    )]
    Serve(ServeArgs),
    /// Start a new course with one module of each kind, ready to build.
    #[command(
        after_help = "Examples:\n  course init my-course             start a course in a new folder, asking for your details\n  course init my-course --name \"Anna Berg\" --email anna@example.com --language de --yes\n\nOn a terminal it asks for the details not given as options (unless --yes); what is\nleft out stays a placeholder that `course validate` warns about. Never overwrites a file."
    )]
    Init(InitArgs),
    /// Add a module of a given kind to the course in this folder.
    #[command(
        after_help = "Examples:\n  course new strokes tummy-strokes\n  course new toddler-adaptations toddlers --dir courses/my-class\n\nKinds: benefits, kangaroo-care, setup, strokes, toddler-adaptations."
    )]
    New {
        /// benefits, kangaroo-care, setup, strokes or toddler-adaptations.
        #[arg(value_parser = KindParser)]
        kind: String,
        /// The module's id and file name, such as `tummy-strokes`.
        name: String,
        /// The course folder.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Remove the PDFs a build wrote (only those; a PDF changed since is kept).
    #[command(
        after_help = "Examples:\n  course clean                      remove what `course build` wrote into ./build\n  course clean --out handouts"
    )]
    Clean {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The folder the PDFs were written to [default: DIR/build].
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Show the sessions, their modules and the PDFs each one makes.
    #[command(after_help = "Examples:\n  course list\n  course list courses/my-class")]
    List {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// List the built-in templates, or copy one into the course to change it.
    #[command(
        after_help = "Examples:\n  course templates                  what each template is for, and which ones the course has its own copy of\n  course templates copy handout     copy the handout template into templates/ to edit\n  course templates copy words       copy the fixed words (\"Page 1 of 2\") of the course's language\n  course templates courses/my-class the templates of another course"
    )]
    #[command(args_conflicts_with_subcommands = true)]
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesAction>,
        /// The course folder, as `validate` and `build` take it.
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The course folder (also after `copy`).
        #[arg(long, global = true)]
        dir: Option<PathBuf>,
    },
    /// Show how far each translation is, or write the stubs a translator fills in.
    #[command(
        after_help = "Examples:\n  course translations               per language and file: texts done, out of date, missing\n  course translations update de     add every text still missing to translations/de/, and record\n                                    the texts marked `checked: true` as up to date\n  course translations courses/my-class   the translations of another course"
    )]
    #[command(args_conflicts_with_subcommands = true)]
    Translations {
        #[command(subcommand)]
        action: Option<TranslationsAction>,
        /// The course folder, as `validate` and `build` take it.
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The course folder (also after `update`).
        #[arg(long, global = true)]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of course.yaml and of module files, for editors.
    #[command(
        after_help = "Examples:\n  course schema                     both schemas in one JSON object\n  course schema module > module.schema.json"
    )]
    Schema {
        /// Only one of the two schemas.
        #[arg(value_enum)]
        which: Option<crate::cmd::schema::Which>,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  course completions bash > ~/.local/share/bash-completion/completions/course\n  course completions zsh > ~/.zfunc/_course"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of course or of one of its subcommands.
    #[command(
        after_help = "Examples:\n  course man > course.1 && man ./course.1\n  course man build                  the page of `course build`\n  course man --dir man1             write every page into man1/"
    )]
    Man {
        /// The subcommand whose page to print, such as `validate`.
        command: Option<String>,
        /// Write the pages of course and of every subcommand into this folder.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Copy built-in templates into the course, where they replace the built-in ones.
    Copy {
        /// session, handout, booklet, checklist, practice-log, certificate or words.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Print the guide to writing templates: what each one gets, the helpers, and the
    /// Markdown a template may write.
    Guide,
}

#[derive(Debug, Subcommand)]
pub enum TranslationsAction {
    /// Write into translations/LANGUAGE/ a stub for every text not yet there, and record
    /// the texts marked `checked: true` as translated from the source as it is now.
    Update {
        /// The language, as `translations` in course.yaml names it, such as `de`.
        language: String,
    },
}

/// Module kinds for `course new`: offered by shell completion and listed in `--help`, but
/// checked by `course new` itself, which suggests the nearest kind for a misspelt one.
#[derive(Clone)]
struct KindParser;

impl clap::builder::TypedValueParser for KindParser {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::model::ModuleKind::ALL
                .iter()
                .map(|k| clap::builder::PossibleValue::new(k.name())),
        ))
    }
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to start the course.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The course title, printed on the cover and in every footer.
    #[arg(long)]
    title: Option<String>,
    /// Your name, as parents will read it in every page's header.
    #[arg(long)]
    name: Option<String>,
    /// Your certification, such as "Certified Infant Massage Instructor".
    #[arg(long)]
    credential: Option<String>,
    /// The email address parents can write to.
    #[arg(long)]
    email: Option<String>,
    /// Your phone number.
    #[arg(long)]
    phone: Option<String>,
    /// The language of the handouts' fixed words, such as `de` or `pt-BR`.
    #[arg(long)]
    language: Option<String>,
    /// The course's language, then the languages it is translated into, such as
    /// `en,uk,ar`: starts a translation file for each module, ready to fill.
    #[arg(long, value_delimiter = ',', conflicts_with = "language")]
    languages: Vec<String>,
    /// Ask nothing: keep the starter's value for every detail not given.
    #[arg(long, short)]
    yes: bool,
}

impl InitArgs {
    fn options(self) -> cmd::init::Options {
        cmd::init::Options {
            dir: self.dir,
            answers: cmd::starter::CourseAnswers {
                title: self.title,
                name: self.name,
                credential: self.credential,
                email: self.email,
                phone: self.phone,
                language: self.language.or_else(|| self.languages.first().cloned()),
                translations: self.languages.iter().skip(1).cloned().collect(),
            },
            yes: self.yes,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The course folder (the one with course.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where to write the PDFs [default: DIR/build].
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Print only problems.
    #[arg(long, short)]
    quiet: bool,
    /// Rebuild every PDF, even those whose inputs have not changed.
    #[arg(long)]
    force: bool,
    /// Replace PDFs in the output folder that were not written by `course build`.
    #[arg(long)]
    overwrite: bool,
    /// Stop with an error while a text is not yet translated, or translated from an
    /// older source.
    #[arg(long)]
    strict: bool,
    /// Open a PDF in the system's viewer once built: the booklet, or the one named
    /// (such as `session-1-handout`).
    #[arg(long, value_name = "DOCUMENT", num_args = 0..=1, default_missing_value = "booklet")]
    open: Option<String>,
    /// What to make of each document: `pdf`, `html` (a page for phones and browsers,
    /// with an index.html listing them) or `all`.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The course folder (the one with course.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where to write the pages and PDFs [default: DIR/build].
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The port to listen on at 127.0.0.1 [default: a free one].
    #[arg(long)]
    port: Option<u16>,
    /// Open the preview in the browser once built.
    #[arg(long)]
    open: bool,
}

impl ServeArgs {
    fn options(self, format: MessageFormat) -> cmd::serve::Options {
        cmd::serve::Options {
            build: cmd::build::Options {
                dir: locate::course_dir(&self.dir),
                out: self.out,
                quiet: true,
                open: None,
                strict: false,
                format,
                build: crate::pipeline::Options {
                    formats: crate::pipeline::Formats::All,
                    ..Default::default()
                },
            },
            port: self.port,
            open: self.open,
        }
    }
}

/// What `--format` names.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Pdf,
    Html,
    All,
}

impl BuildArgs {
    fn options(self, format: MessageFormat) -> cmd::build::Options {
        cmd::build::Options {
            dir: locate::course_dir(&self.dir),
            out: self.out,
            quiet: self.quiet,
            open: self.open,
            strict: self.strict,
            format,
            build: crate::pipeline::Options {
                force: self.force,
                overwrite: self.overwrite,
                contents_memory: None,
                formats: match self.format {
                    Format::Pdf => crate::pipeline::Formats::Pdf,
                    Format::Html => crate::pipeline::Formats::Html,
                    Format::All => crate::pipeline::Formats::All,
                },
            },
        }
    }
}

pub fn main() -> ExitCode {
    report_bugs_plainly();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(clap_error(e)),
    };
    let format = cli.message_format;
    crate::report::set_format(format);
    let result = match cli.command {
        Command::Validate { dir, strict } => {
            cmd::validate::run(&locate::course_dir(&dir), format, strict)
        }
        Command::Build(args) => cmd::build::run(&args.options(format)),
        Command::Watch(args) => cmd::watch::run(&args.options(format)),
        Command::Serve(args) => cmd::serve::run(&args.options(format)),
        Command::Init(args) => cmd::init::run(args.options()),
        Command::New { kind, name, dir } => cmd::new::run(&locate::course_dir(&dir), &kind, &name),
        Command::List { dir } => cmd::list::run(&locate::course_dir(&dir), format),
        Command::Clean { dir, out } => cmd::clean::run(&locate::course_dir(&dir), out),
        Command::Templates {
            action,
            folder,
            dir,
        } => {
            let dir = locate::course_dir(&folder.or(dir).unwrap_or_else(|| PathBuf::from(".")));
            match action {
                None => cmd::templates::list(&dir),
                Some(TemplatesAction::Copy { names }) => cmd::templates::copy(&dir, &names),
                Some(TemplatesAction::Guide) => cmd::templates::guide(),
            }
        }
        Command::Translations {
            action,
            folder,
            dir,
        } => {
            let dir = locate::course_dir(&folder.or(dir).unwrap_or_else(|| PathBuf::from(".")));
            match action {
                None => cmd::translations::status(&dir, format),
                Some(TranslationsAction::Update { language }) => {
                    cmd::translations::update(&dir, &language)
                }
            }
        }
        Command::Schema { which } => cmd::schema::run(which),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "course", &mut std::io::stdout());
            Ok(())
        }
        Command::Man { command, dir } => cmd::man::run(command.as_deref(), dir.as_deref()),
    };
    ExitCode::from(crate::error::exit_status(result))
}

/// A command line clap refused. `--help` and `--version` print as usual; a mistake is a
/// usage error in the format asked for, which clap itself did not get to read.
fn clap_error(e: clap::Error) -> u8 {
    use clap::error::ErrorKind;
    // Read as the system gives them: an argument need not be UTF-8.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let format = args
        .iter()
        .zip(args.iter().skip(1).map(Some).chain([None]))
        .find_map(|(arg, next)| match arg.strip_prefix("--message-format") {
            Some(rest) => rest.strip_prefix('=').or(next.map(String::as_str)),
            None => None,
        })
        .and_then(|value| MessageFormat::from_str(value, false).ok())
        .unwrap_or(MessageFormat::Human);
    let shown_as_is = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    crate::report::set_format(format);
    if e.kind() == ErrorKind::InvalidUtf8 {
        // clap's words are for programmers; the argument itself cannot be shown as text.
        crate::report::usage_error(
            "an argument is not valid text (it has bytes that are not UTF-8)",
            "type it again; if it names a file or folder, rename that with letters, digits and dashes",
        );
        return EXIT_USAGE;
    }
    if shown_as_is {
        // Prints help or the version to stdout, and gives clap's exit status.
        let _ = e.print();
        return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
    }
    let (message, hint) = usage_in_words(&e);
    crate::report::usage_error(&message, &hint);
    EXIT_USAGE
}

/// clap's mistake in the words and form of every other message: what is wrong, and a
/// did-you-mean (clap's own suggestion) or where to look.
fn usage_in_words(e: &clap::Error) -> (String, String) {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(all)) => all.first().cloned(),
        _ => None,
    };
    let did_you_mean = |kind| context(kind).map(|s| format!("did you mean `{s}`?"));
    let help = "run `course --help` to see the commands and their options".to_owned();
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let hint = did_you_mean(ContextKind::SuggestedSubcommand)
                .unwrap_or_else(|| "run `course --help` to see the commands".to_owned());
            (format!("`{name}` is not a command of `course`"), hint)
        }
        ErrorKind::UnknownArgument => {
            let name = context(ContextKind::InvalidArg).unwrap_or_default();
            if !name.starts_with('-') {
                return (
                    format!("`{name}` is one word too many: this command takes no more"),
                    "a folder name with spaces goes in quotes, such as \"My course\"".to_owned(),
                );
            }
            let hint = did_you_mean(ContextKind::SuggestedArg).unwrap_or(help);
            (format!("there is no option `{name}` here"), hint)
        }
        _ => {
            let text = e.render().to_string();
            let first = text.lines().map(str::trim).find(|l| !l.is_empty());
            let message = first.unwrap_or_default().trim_start_matches("error: ");
            (message.replace('\'', "`"), help)
        }
    }
}

/// A panic is a bug in `course`, never the user's fault: say so in plain words instead of
/// Rust's panic message and backtrace.
fn report_bugs_plainly() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown");
        let at = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: course stopped on an internal error: {what}{at}");
        eprintln!("  = hint: this is a bug in course, not a mistake in your files; please report it with the course that caused it");
    }));
}
