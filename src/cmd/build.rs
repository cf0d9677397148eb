//! `course build`: validate, then write every PDF.

use std::path::PathBuf;

use crate::cli::MessageFormat;

pub struct Options {
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    pub force: bool,
    pub format: MessageFormat,
}

pub fn run(_options: &Options) -> u8 {
    eprintln!("not yet");
    2
}
