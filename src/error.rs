//! The one error a command ends with, and the exit status that says so (as just's
//! `Error::code`): commands return `Result<(), Error>`, and only the command line prints
//! it and exits.

/// Exit status: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit status: problems in the course (or the machine) stopped the command.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: the command line, or the folder it names, cannot be used.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The command line, or the folder it names, cannot be used.
    Usage { message: String, hint: String },
    /// Problems in the course, already shown as diagnostics.
    Problems,
    /// Something outside the course stopped the command: a file that cannot be written,
    /// a folder that cannot be locked.
    Failed { message: String, hint: String },
}

impl Error {
    pub fn usage(message: &str, hint: &str) -> Error {
        Error::Usage {
            message: message.to_owned(),
            hint: hint.to_owned(),
        }
    }

    pub fn failed(message: &str, hint: &str) -> Error {
        Error::Failed {
            message: message.to_owned(),
            hint: hint.to_owned(),
        }
    }

    /// The exit status that says what stopped the command.
    pub fn code(&self) -> u8 {
        match self {
            Error::Usage { .. } => EXIT_USAGE,
            Error::Problems | Error::Failed { .. } => EXIT_PROBLEMS,
        }
    }

    /// Says the error, in the format asked for; problems were said already.
    pub fn print(&self) {
        match self {
            Error::Usage { message, hint } | Error::Failed { message, hint } => {
                crate::report::usage_error(message, hint)
            }
            Error::Problems => {}
        }
    }
}

/// The exit status of a command's result, having said its error.
pub fn exit_status(result: Result<(), Error>) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            e.print();
            e.code()
        }
    }
}
