//! `course serve`'s preview: the documents of the course's last good build, served to a
//! browser on this computer, with a small script in each page (added as it is served;
//! the built pages stay free of scripts) that reloads it after each build, keeping its
//! scroll position, and shows a failed build's messages over it.
//!
//! Every request is treated as hostile. The server listens on the loopback address only
//! and answers only requests addressed to it by that address or `localhost` (a web page
//! elsewhere cannot reach it by a name of its own: DNS rebinding). A request names a
//! document, which is looked up by name in the build's list, never joined to a folder;
//! the file is opened inside the output folder only (no link leads out of it). Reading
//! a request is bounded in size and time ([`http`]), and so is the number of
//! connections served at once ([`MAX_CONNECTIONS`]).

mod http;
mod script;

use std::io::{Read, Seek, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The most connections served at once; past it a connection is told to come back.
/// A page holds one open for its reloads; the rest come and go.
pub const MAX_CONNECTIONS: usize = 32;

/// The address a page listens on for builds.
const EVENTS: &str = "/_course/events";

/// How often an open page is sent a line to keep its connection (and to find one
/// whose page is gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A preview being served, until the program ends.
pub struct Preview {
    shared: Arc<Shared>,
}

struct Shared {
    /// The output folder, resolved.
    folder: PathBuf,
    port: u16,
    state: Mutex<State>,
    /// Told after each build.
    built: Condvar,
    /// Connections being served now.
    open: AtomicUsize,
    /// The one script source pages may run (a Content-Security-Policy nonce).
    nonce: String,
}

#[derive(Default)]
struct State {
    /// How many builds there have been: a page reloads when it was served before the
    /// last one.
    build: u64,
    /// The documents of the last build that succeeded, as named in the output folder.
    documents: Vec<String>,
    /// The messages of the last build, when it stopped.
    problems: Option<String>,
}

impl Preview {
    /// Listens on the loopback address at `port` (`None`: a free one), serving the
    /// documents of `folder` once [`Preview::show`] names them.
    pub fn start(port: Option<u16>, folder: PathBuf) -> std::io::Result<Preview> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port.unwrap_or(0)))?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared {
            folder,
            port,
            state: Mutex::new(State::default()),
            built: Condvar::new(),
            open: AtomicUsize::new(0),
            nonce: nonce(port),
        });
        let accepting = shared.clone();
        std::thread::Builder::new()
            .name("preview".into())
            .spawn(move || accept(&accepting, &listener))?;
        Ok(Preview { shared })
    }

    /// The address to open in a browser.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/", self.shared.port)
    }

    /// A build is done: `documents` are the last good build's, and `problems` why this
    /// one stopped, if it did. Open pages reload, or show the problems.
    pub fn show(&self, documents: &[String], problems: Option<&str>) {
        let mut state = self.shared.lock();
        state.build += 1;
        state.documents = documents.to_vec();
        state.problems = problems.map(str::to_owned);
        drop(state);
        self.shared.built.notify_all();
    }
}

/// A nonce for this run's script: not guessable by a course, which cannot run script
/// anyway; only one more wall.
fn nonce(port: u16) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&port.to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
    let here = 0u8;
    h.update(format!("{:p}", &here).as_bytes());
    h.finalize().to_hex()[..32].to_owned()
}

/// Takes connections, each on a thread of its own while there are fewer than
/// [`MAX_CONNECTIONS`]; past that, answers at once that the preview is busy.
fn accept(shared: &Arc<Shared>, listener: &TcpListener) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // Out of file handles, say: let some connections end first.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let _ = stream.set_write_timeout(Some(http::WRITE_TIME));
        if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            http::text(
                &mut stream,
                503,
                "The preview is busy; try again in a moment.\n",
                true,
                &[("Retry-After", "1")],
            );
            continue;
        }
        let counted = Counted(shared.clone());
        // A thread that cannot start drops its closure, and `counted` with it.
        let _ = std::thread::Builder::new()
            .name("preview connection".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let shared = &counted.0;
                shared.answer(&mut stream);
                http::close(stream);
            });
    }
}

/// One connection being served: counted until it ends.
struct Counted(Arc<Shared>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What a request is for.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// A document of the build, by its name in the output folder.
    Document(String),
    /// The stream of builds an open page listens to.
    Events,
    /// Nothing the preview serves.
    Nothing,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked holding the lock left the state whole: it only swaps it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn answer(&self, stream: &mut TcpStream) {
        let request = match http::read_head(stream) {
            Ok(request) => request,
            Err(http::Unread::Gone) => return,
            Err(http::Unread::Refused(status, text)) => {
                return http::text(stream, status, text, true, &[])
            }
        };
        let with_body = request.method != "HEAD";
        if !self.is_for_us(request.host.as_deref()) {
            let text = format!(
                "This preview answers only at http://127.0.0.1:{port}/ and http://localhost:{port}/.\n",
                port = self.port
            );
            return http::text(stream, 403, &text, with_body, &[]);
        }
        if !matches!(request.method.as_str(), "GET" | "HEAD") {
            let text = "The preview only shows documents.\n";
            return http::text(stream, 405, text, with_body, &[("Allow", "GET, HEAD")]);
        }
        match self.wanted(&request.target) {
            Wanted::Events if with_body => self.events(stream),
            Wanted::Document(name) => self.document(stream, &name, with_body),
            Wanted::Events | Wanted::Nothing => self.not_found(stream, with_body),
        }
    }

    /// Whether a request's `Host` names this preview: the loopback address or
    /// `localhost`, with this port or none. A name of any other host is a page of another
    /// site that has made its name lead here.
    fn is_for_us(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        let port_ok = port.is_none_or(|p| p == self.port.to_string());
        port_ok && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
    }

    /// What a request's target names. Only an exact name from the last good build's list
    /// is a document; the target is never made into a path.
    fn wanted(&self, target: &str) -> Wanted {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let Some(path) = path.strip_prefix('/') else {
            return Wanted::Nothing;
        };
        let Ok(name) = percent_encoding::percent_decode_str(path).decode_utf8() else {
            return Wanted::Nothing;
        };
        if format!("/{name}") == EVENTS {
            return Wanted::Events;
        }
        let name: &str = if name.is_empty() {
            crate::html::INDEX
        } else {
            name.as_ref()
        };
        // Each part a plain name, as the build writes them: `de/booklet.html` at most.
        let plain = name.split('/').all(|part| {
            !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', '\0'])
        });
        let state = self.lock();
        match state.documents.iter().find(|d| *d == name) {
            Some(document) if plain => Wanted::Document(document.clone()),
            _ => Wanted::Nothing,
        }
    }

    /// Sends the document `name` as the output folder holds it: a page with the script
    /// added, a PDF as it is.
    fn document(&self, stream: &mut TcpStream, name: &str, with_body: bool) {
        let Some((mut file, length)) = self.open_document(name) else {
            return self.not_found(stream, with_body);
        };
        if !name.ends_with(".html") {
            let head = http::head(200, Some(length), &[("Content-Type", "application/pdf")]);
            if stream.write_all(head.as_bytes()).is_ok() && with_body {
                let _ = std::io::copy(&mut (&mut file).take(length), stream);
            }
            return;
        }
        // The script goes before `</body>`, found in the page's last bytes.
        let tail_length = length.min(256);
        let mut tail = Vec::new();
        let read_tail = file
            .seek(std::io::SeekFrom::Start(length - tail_length))
            .and_then(|_| (&mut file).take(tail_length).read_to_end(&mut tail))
            .and_then(|_| file.rewind());
        if read_tail.is_err() {
            return self.not_found(stream, with_body);
        }
        let before = tail
            .windows(7)
            .rposition(|w| w == b"</body>")
            .map_or(length, |at| length - tail_length + at as u64);
        let script = script::tag(&self.nonce, self.lock().build);
        let headers = self.page_headers();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let head = http::head(200, Some(length + script.len() as u64), &headers);
        if stream.write_all(head.as_bytes()).is_err() || !with_body {
            return;
        }
        let _ = std::io::copy(&mut (&mut file).take(before), stream)
            .and_then(|_| stream.write_all(script.as_bytes()))
            .and_then(|_| std::io::copy(&mut (&mut file).take(length - before), stream));
    }

    /// The file of document `name` and its length: a regular file inside the output
    /// folder (a link to anything outside it is not followed), no larger than a build
    /// writes.
    fn open_document(&self, name: &str) -> Option<(cap_std::fs::File, u64)> {
        let folder =
            cap_std::fs::Dir::open_ambient_dir(&self.folder, cap_std::ambient_authority()).ok()?;
        if !folder.symlink_metadata(name).ok()?.is_file() {
            return None;
        }
        let file = folder.open_with(name, &read_only()).ok()?;
        let meta = file.metadata().ok()?;
        (meta.is_file() && meta.len() <= crate::limits::MAX_PDF_BYTES).then(|| (file, meta.len()))
    }

    /// What a page is allowed: its own styles and pictures, the preview's script, and
    /// the connection that script opens back here; nothing else.
    fn page_headers(&self) -> [(&'static str, String); 2] {
        [
            ("Content-Type", "text/html; charset=utf-8".to_owned()),
            (
                "Content-Security-Policy",
                format!(
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                     script-src 'nonce-{}'; connect-src 'self'; frame-ancestors 'none'; \
                     base-uri 'none'; form-action 'none'",
                    self.nonce
                ),
            ),
        ]
    }

    /// A page that says the document is not in the build, and comes back with the next
    /// build (a course not built yet is served this way until its first build).
    fn not_found(&self, stream: &mut TcpStream, with_body: bool) {
        let page = {
            let state = self.lock();
            script::not_found(&self.nonce, state.build, !state.documents.is_empty())
        };
        let headers = self.page_headers();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let head = http::head(404, Some(page.len() as u64), &headers);
        let _ = stream.write_all(head.as_bytes());
        if with_body {
            let _ = stream.write_all(page.as_bytes());
        }
    }

    /// The builds, as Server-Sent Events: the last one at once, then each one as it
    /// ends, until the page goes away (seen within a second, so a page reloading on
    /// every save leaves no connection behind it for long).
    fn events(&self, stream: &mut TcpStream) {
        let head = http::head(200, None, &[("Content-Type", "text/event-stream")]);
        if stream
            .write_all(format!("{head}retry: 500\n\n").as_bytes())
            .is_err()
        {
            return;
        }
        let mut sent = None;
        let mut quiet = Instant::now();
        loop {
            let message = {
                let state = self.lock();
                if sent != Some(state.build) {
                    sent = Some(state.build);
                    let data =
                        serde_json::json!({ "build": state.build, "problems": state.problems });
                    Some(format!("data: {data}\n\n"))
                } else {
                    (quiet.elapsed() >= KEEP_ALIVE).then(|| ":\n\n".to_owned())
                }
            };
            if let Some(message) = message {
                if stream.write_all(message.as_bytes()).is_err() {
                    return;
                }
                quiet = Instant::now();
            }
            if http::is_closed(stream) {
                return;
            }
            let state = self.lock();
            if sent == Some(state.build) {
                drop(
                    self.built
                        .wait_timeout(state, Duration::from_secs(1))
                        .unwrap_or_else(|e| e.into_inner()),
                );
            }
        }
    }
}

/// Reading, without waiting: a named pipe swapped in for a document between the check
/// and the open would otherwise hold the connection's thread until something writes to
/// it. What was opened is checked again to be a regular file before it is read.
#[cfg(unix)]
fn read_only() -> cap_std::fs::OpenOptions {
    use cap_std::fs::OpenOptionsExt;
    let mut options = cap_std::fs::OpenOptions::new();
    options
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    options
}

#[cfg(not(unix))]
fn read_only() -> cap_std::fs::OpenOptions {
    let mut options = cap_std::fs::OpenOptions::new();
    options.read(true);
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named pipe opens at once (and is then refused as no regular file), where a
    /// plain open would wait for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_does_not_hold_the_thread_that_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo =
            std::ffi::CString::new(dir.path().join("session-1-handout.pdf").to_str().unwrap())
                .unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let folder =
            cap_std::fs::Dir::open_ambient_dir(dir.path(), cap_std::ambient_authority()).unwrap();
        let (sent, opened) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let file = folder.open_with("session-1-handout.pdf", &read_only());
            let _ = sent.send(file.map(|f| f.metadata().unwrap().is_file()));
        });
        let opened = opened.recv_timeout(Duration::from_secs(10));
        assert!(matches!(opened, Ok(Ok(false))), "{opened:?}");
    }

    fn shared(documents: &[&str]) -> Shared {
        Shared {
            folder: PathBuf::from("build"),
            port: 4000,
            state: Mutex::new(State {
                build: 1,
                documents: documents.iter().map(|d| d.to_string()).collect(),
                problems: None,
            }),
            built: Condvar::new(),
            open: AtomicUsize::new(0),
            nonce: "n".into(),
        }
    }

    #[test]
    fn only_the_loopback_address_and_localhost_are_answered() {
        let s = shared(&[]);
        for host in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LocalHost:4000",
            "127.0.0.1",
            "localhost",
        ] {
            assert!(s.is_for_us(Some(host)), "{host}");
        }
        for host in [
            "evil.example:4000",
            "localhost.evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1.evil.example",
            "[::1]:4000",
            "0.0.0.0:4000",
            "",
        ] {
            assert!(!s.is_for_us(Some(host)), "{host}");
        }
        assert!(!s.is_for_us(None));
    }

    #[test]
    fn only_names_in_the_build_are_documents() {
        let s = shared(&["index.html", "booklet.pdf", "de/booklet.html", "a b.pdf"]);
        let document = |name: &str| Wanted::Document(name.to_owned());
        assert_eq!(s.wanted("/"), document("index.html"));
        assert_eq!(s.wanted("/?x=1"), document("index.html"));
        assert_eq!(s.wanted("/booklet.pdf"), document("booklet.pdf"));
        assert_eq!(
            s.wanted("/de/booklet.html#top"),
            document("de/booklet.html")
        );
        assert_eq!(s.wanted("/a%20b.pdf"), document("a b.pdf"));
        assert_eq!(s.wanted(EVENTS), Wanted::Events);
        for target in [
            "/../course.yaml",
            "/%2e%2e/course.yaml",
            "/de/../booklet.pdf",
            "/./booklet.pdf",
            "//booklet.pdf",
            "/booklet.pdf/",
            "/de%2fbooklet.html/..",
            "/..%5cbooklet.pdf",
            "\\booklet.pdf",
            "/etc/passwd",
            "http://127.0.0.1:4000/booklet.pdf",
            "booklet.pdf",
            "/%ff.pdf",
            "/.course-build.json",
        ] {
            assert_eq!(s.wanted(target), Wanted::Nothing, "{target}");
        }
    }
}
