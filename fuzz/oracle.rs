//! The differential oracle: a mutated course folder goes through the real `course`
//! binary as a user would run it, `course validate` and then `course build`, each in a
//! child process with a time limit and a cap on its address space (a case may hang or run
//! away in memory, which no `catch_unwind` survives). What happened is sorted into one
//! [`Verdict`]; every case that is not fine is kept under the findings folder.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Longer than this, for either command, counts as a hang.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);
/// Address space each command may take: far above a real build's needs.
pub const MEMORY_LIMIT: u64 = 2 * 1024 * 1024 * 1024;

/// How one command ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The exit code; `None` when a signal ended it (or the time limit did).
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub stderr: String,
    pub stdout: String,
}

impl Outcome {
    /// A panic, an abort (out of memory under the cap), or any other signal. The binary
    /// words its panics as "internal error", Rust's own hook as "panicked".
    pub fn crashed(&self) -> bool {
        !self.timed_out
            && (self.signal.is_some()
                || self.code == Some(101)
                || self.stderr.contains("panicked")
                || self.stderr.contains("internal error"))
    }

    pub fn passed(&self) -> bool {
        self.code == Some(0)
    }

    /// The exit code or the signal, in a few words.
    pub fn summary(&self) -> String {
        match (self.timed_out, self.code, self.signal) {
            (true, _, _) => "killed at the time limit".to_owned(),
            (_, Some(code), _) => format!("exit {code}"),
            (_, None, Some(signal)) => format!("signal {signal}"),
            _ => "ended without a status".to_owned(),
        }
    }
}

/// What a case showed, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Crash,
    OverTimeLimit,
    ValidatePassedBuildFailed,
    Fine,
}

impl Verdict {
    /// The start of a finding's folder name.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Crash => "crash",
            Verdict::OverTimeLimit => "over-10s",
            Verdict::ValidatePassedBuildFailed => "validate-pass-build-fail",
            Verdict::Fine => "fine",
        }
    }
}

/// Both commands' outcomes for one course folder.
#[derive(Debug, Clone)]
pub struct Checked {
    pub validate: Outcome,
    pub build: Outcome,
}

impl Checked {
    pub fn verdict(&self) -> Verdict {
        if self.validate.crashed() || self.build.crashed() {
            Verdict::Crash
        } else if self.validate.timed_out || self.build.timed_out {
            Verdict::OverTimeLimit
        } else if self.validate.passed() && !self.build.passed() {
            Verdict::ValidatePassedBuildFailed
        } else {
            Verdict::Fine
        }
    }

    /// The command that shows the finding: validate when it is validate that crashed or
    /// hung, else build.
    pub fn failing_command(&self) -> &'static str {
        let validate = &self.validate;
        if validate.crashed() || (validate.timed_out && !self.build.crashed()) {
            "validate"
        } else {
            "build"
        }
    }
}

/// Runs `course validate` then `course build` in `course_dir`, as a user would in a
/// terminal (the folder as the working directory, PDFs into its `build/`).
pub fn check(binary: &Path, course_dir: &Path, logs: &Path) -> Checked {
    Checked {
        validate: run_limited(binary, &["validate"], course_dir, logs, TIME_LIMIT),
        build: run_limited(binary, &["build"], course_dir, logs, TIME_LIMIT),
    }
}

/// Runs `binary args` in `dir` under `time_limit` and [`MEMORY_LIMIT`]. Output goes to
/// files in `logs`, so a child that writes a lot cannot block on a full pipe.
pub fn run_limited(
    binary: &Path,
    args: &[&str],
    dir: &Path,
    logs: &Path,
    time_limit: Duration,
) -> Outcome {
    std::fs::create_dir_all(logs).expect("log folder");
    let stdout_path = logs.join("stdout");
    let stderr_path = logs.join("stderr");
    let stdout = std::fs::File::create(&stdout_path).expect("stdout log");
    let stderr = std::fs::File::create(&stderr_path).expect("stderr log");
    let mut command = Command::new(binary);
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    limit_child(&mut command);
    let mut child = command.spawn().expect("the course binary starts");
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break Some(status);
        }
        if started.elapsed() > time_limit {
            timed_out = true;
            kill_group(&mut child);
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Outcome {
        code: status.and_then(|s| s.code()),
        signal: status.and_then(signal_of),
        timed_out,
        stdout: read(&stdout_path),
        stderr: read(&stderr_path),
    }
}

#[cfg(unix)]
fn limit_child(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec: setrlimit and setpgid.
    unsafe {
        command.pre_exec(|| {
            let cap = libc::rlimit {
                rlim_cur: MEMORY_LIMIT as libc::rlim_t,
                rlim_max: MEMORY_LIMIT as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // No core files from the crashes the fuzzer is looking for.
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            // Its own process group, so a hang is ended with everything it started.
            libc::setpgid(0, 0);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_child(_: &mut Command) {}

#[cfg(unix)]
fn kill_group(child: &mut std::process::Child) {
    // SAFETY: a plain kill(2) of the process group the child leads (set in pre_exec).
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.kill();
}

#[cfg(not(unix))]
fn kill_group(child: &mut std::process::Child) {
    let _ = child.kill();
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

/// Keeps a finding: the course folder (without its build output) under
/// `findings/<verdict>-<mutator>-<seed>/course`, both commands' output, and `repro.txt`
/// with one line that shows it again. Returns the finding's folder.
pub fn save_finding(
    findings: &Path,
    name: &str,
    course_dir: &Path,
    binary: &Path,
    checked: &Checked,
    regenerate: &str,
) -> PathBuf {
    let folder = findings.join(name);
    let _ = std::fs::remove_dir_all(&folder);
    copy_course(course_dir, &folder.join("course"));
    let command = checked.failing_command();
    let limit = if checked.verdict() == Verdict::OverTimeLimit {
        format!("timeout {} ", TIME_LIMIT.as_secs())
    } else {
        String::new()
    };
    let repro = format!(
        "{limit}{} {command} {}\n",
        shown(binary).display(),
        shown(&folder.join("course")).display()
    );
    let report = format!(
        "{repro}\n# {}: validate {}, build {}\n# the same folder again: {regenerate}\n\n--- validate stderr\n{}\n--- build stderr\n{}\n--- build stdout\n{}",
        checked.verdict().name(),
        checked.validate.summary(),
        checked.build.summary(),
        tail(&checked.validate.stderr),
        tail(&checked.build.stderr),
        tail(&checked.build.stdout),
    );
    std::fs::write(folder.join("repro.txt"), report).expect("write repro.txt");
    folder
}

/// A path as it is best shown: relative to the project when inside it.
pub fn shown(path: &Path) -> PathBuf {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
    full.strip_prefix(&project)
        .map_or(full.clone(), Path::to_path_buf)
}

/// The last 4,000 bytes of a log: enough to see the error, not a megabyte of it.
fn tail(text: &str) -> &str {
    let mut from = text.len().saturating_sub(4000);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// Copies a course folder, leaving out what a build wrote.
pub fn copy_course(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("finding folder");
    for entry in std::fs::read_dir(from)
        .expect("read the case folder")
        .flatten()
    {
        let name = entry.file_name();
        if name == "build" {
            continue;
        }
        let target = to.join(&name);
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            copy_course(&entry.path(), &target);
        } else if kind.is_file() {
            let _ = std::fs::copy(entry.path(), target);
        }
    }
}
