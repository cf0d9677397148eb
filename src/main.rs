//! The `course` command; all the work happens in the library.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    end_quietly_on_closed_pipe();
    course::cli::main()
}

/// Like other command-line tools, stop without a word when the program reading our output
/// goes away (`course schema | head`), instead of failing on the next print.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // Over a file-size limit a write fails with an error we report, rather than the
        // signal ending the program mid-build.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
