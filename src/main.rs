//! The `course` command; all the work happens in the library.

fn main() -> std::process::ExitCode {
    course::cli::main()
}
