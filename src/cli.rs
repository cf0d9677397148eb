//! The command line: parsing arguments and dispatching to `cmd::*`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::cmd;

/// Exit status: the course is fine (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit status: problems in the course.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: bad usage, or nothing to read.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "course",
    version,
    about = "Check infant massage course modules and turn them into printable PDF handouts and checklists.",
    after_help = "Examples:\n  course init my-course         start a new course\n  course validate my-course     find every mistake in it\n  course build my-course        write the PDFs to my-course/build\n\nExit status: 0 success, 1 problems in the course, 2 bad usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// How to print problems: `human` (default) or `json`, one object per line.
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course for mistakes, and say how to fix each one.
    #[command(
        after_help = "Examples:\n  course validate                   check the course in this folder\n  course validate courses/my-class  check another folder"
    )]
    Validate {
        /// The course folder (the one with course.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build the PDF handouts, booklet, checklists and practice log.
    #[command(
        after_help = "Examples:\n  course build                          build the course in this folder into ./build\n  course build courses/my-class --out ~/Desktop/handouts"
    )]
    Build {
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
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Validate { dir } => cmd::validate::run(&dir, cli.message_format),
        Command::Build {
            dir,
            out,
            quiet,
            force,
        } => cmd::build::run(&cmd::build::Options {
            dir,
            out,
            quiet,
            force,
            format: cli.message_format,
        }),
    };
    ExitCode::from(status)
}
