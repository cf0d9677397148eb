//! `course serve`: the course's last good build in a browser on this computer. Driven in
//! headless Chromium: a save reloads the open page in place, a broken save shows the
//! messages of `validate` over it and the fixed save brings it back, a page reached by
//! another host name is refused. Driven over plain TCP: only the documents of the build
//! are served, whatever the request names, and every request is bounded in size, time
//! and number.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::support::*;

const DRIVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/drive.py");

/// Long enough for a build of the sample on a busy machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// `course serve` running on a course, until dropped.
struct Serving {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<serde_json::Value>,
}

impl Serving {
    fn start(course: &TestCourse, args: &[&str]) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_course"))
            .arg("serve")
            .args(args)
            .args(["--message-format", "json"])
            .current_dir(course.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                // The closing line is words, as `watch` says it.
                let value = serde_json::from_str(&line).unwrap_or(serde_json::Value::String(line));
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        let mut serving = Serving {
            child,
            port: 0,
            lines,
        };
        let first = serving.next_line();
        assert_eq!(first["type"], "preview", "{first}");
        let address = first["address"].as_str().unwrap();
        let port = address
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("{address}"));
        serving.port = port.parse().unwrap();
        serving
    }

    fn next_line(&self) -> serde_json::Value {
        self.lines
            .recv_timeout(PATIENCE)
            .expect("`course serve` says something in time")
    }

    /// The closing line of the next build.
    fn next_build(&self) -> serde_json::Value {
        loop {
            let line = self.next_line();
            if line["type"] == "summary" {
                return line;
            }
        }
    }

    /// Waits for a build without errors, and for the preview to serve it (it is told
    /// just after the build's closing line).
    fn built(&self) {
        assert_eq!(self.next_build()["errors"], 0);
        let deadline = Instant::now() + PATIENCE;
        while status_of(&self.get("/")) != "HTTP/1.1 200 OK" {
            assert!(Instant::now() < deadline, "the index is never served");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.port)
    }

    /// Sends `request` as it is and reads the whole answer.
    fn raw_bytes(&self, request: &[u8]) -> Vec<u8> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        answer
    }

    fn raw(&self, request: &[u8]) -> String {
        String::from_utf8_lossy(&self.raw_bytes(request)).into_owned()
    }

    /// `GET target` as a browser at this address sends it.
    fn get(&self, target: &str) -> String {
        self.raw(
            format!(
                "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nUser-Agent: test\r\n\r\n",
                self.port
            )
            .as_bytes(),
        )
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn status_of(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

fn body_of(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn the_index_lists_pages_and_pdfs_and_only_they_are_served() {
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();

    let index = serving.get("/");
    assert_eq!(status_of(&index), "HTTP/1.1 200 OK", "{index}");
    for link in [
        "href=\"session-1-handout.html\"",
        "href=\"session-1-handout.pdf\"",
        "href=\"booklet.html\"",
        "href=\"booklet.pdf\"",
    ] {
        assert!(index.contains(link), "{link} not in {index}");
    }
    // The served page has the preview's script; the built file has none.
    let page = serving.get("/session-1-handout.html?from=index");
    assert_eq!(status_of(&page), "HTTP/1.1 200 OK");
    assert!(page.contains("Content-Security-Policy: default-src 'none'"));
    assert!(page.contains("<script nonce=\""));
    let body = body_of(&page);
    assert!(body.ends_with("</script>\n</body></html>\n"), "{body}");
    let built = String::from_utf8(course.read("build/session-1-handout.html")).unwrap();
    assert!(!built.contains("<script"));
    assert_eq!(
        body.len(),
        built.len()
            + body.find("<script").map_or(0, |at| {
                body[at..].find("</script>\n").unwrap() + "</script>\n".len()
            })
    );
    let pdf = serving.get("/booklet.pdf");
    assert!(
        pdf.contains("Content-Type: application/pdf"),
        "{}",
        &pdf[..200]
    );
    let request = format!(
        "GET /booklet.pdf HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        serving.port
    );
    let answer = serving.raw_bytes(request.as_bytes());
    let body = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert!(
        answer[body..] == course.read("build/booklet.pdf"),
        "the PDF as built"
    );

    // Nothing but a document of the build, by its name: no way out of the folder.
    std::fs::write(course.path().join("build/notes.html"), "<p>not built</p>").unwrap();
    let secret = "SECRET-OUTSIDE-THE-OUTPUT-FOLDER";
    std::fs::write(course.path().join("secret.pdf"), secret).unwrap();
    for target in [
        "/../course.yaml",
        "/%2e%2e/course.yaml",
        "/%2E%2E%2Fcourse.yaml",
        "/..%2fsecret.pdf",
        "/build/../secret.pdf",
        "/..\\secret.pdf",
        "/%5c..%5csecret.pdf",
        "/../../../../etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/notes.html",
        "/.course-build.json",
        "/modules/tummy.yaml",
        "http://127.0.0.1/../course.yaml",
        "*",
    ] {
        let answer = serving.get(target);
        assert!(
            status_of(&answer).starts_with("HTTP/1.1 404 ")
                || status_of(&answer).starts_with("HTTP/1.1 400 "),
            "{target}: {answer}"
        );
        assert!(!answer.contains(secret), "{target}");
        assert!(!answer.contains("not built"), "{target}");
        assert!(!answer.contains("kind: strokes"), "{target}");
        assert!(!answer.contains("root:"), "{target}");
    }
    // A document replaced by a link leading out of the output folder is not followed.
    #[cfg(unix)]
    {
        let planted = course.path().join("build/booklet.pdf");
        std::fs::remove_file(&planted).unwrap();
        std::os::unix::fs::symlink(course.path().join("secret.pdf"), &planted).unwrap();
        let answer = serving.get("/booklet.pdf");
        assert!(status_of(&answer).starts_with("HTTP/1.1 404 "), "{answer}");
        assert!(!answer.contains(secret));
    }
    // Only reading: no other method.
    let answer = serving.raw(
        format!(
            "POST / HTTP/1.1\r\nHost: localhost:{}\r\nContent-Length: 0\r\n\r\n",
            serving.port
        )
        .as_bytes(),
    );
    assert_eq!(status_of(&answer), "HTTP/1.1 405 Method Not Allowed");
}

#[test]
fn a_request_for_another_host_is_refused() {
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();
    let port = serving.port;
    let host = |host: &str| format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
    for allowed in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let answer = serving.raw(host(&allowed).as_bytes());
        assert_eq!(status_of(&answer), "HTTP/1.1 200 OK", "{allowed}");
    }
    for refused in [
        format!("rebound.example:{port}"),
        format!("localhost.rebound.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "rebound.example".to_owned(),
    ] {
        let answer = serving.raw(host(&refused).as_bytes());
        assert_eq!(status_of(&answer), "HTTP/1.1 403 Forbidden", "{refused}");
        assert_eq!(
            body_of(&answer),
            format!("This preview answers only at http://127.0.0.1:{port}/ and http://localhost:{port}/.\n")
        );
    }
    // No Host at all (HTTP/1.0), or two.
    let answer = serving.raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status_of(&answer), "HTTP/1.1 403 Forbidden");
    let two = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: rebound.example\r\n\r\n");
    assert_eq!(
        status_of(&serving.raw(two.as_bytes())),
        "HTTP/1.1 403 Forbidden"
    );
}

#[test]
fn requests_are_bounded_in_size_time_and_number() {
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();
    let port = serving.port;

    // A request line or headers larger than a browser ever sends.
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n",
        "a".repeat(100_000)
    );
    let answer = serving.raw(long.as_bytes());
    assert_eq!(status_of(&answer), "HTTP/1.1 414 URI Too Long");
    let mut large = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n");
    for i in 0..1000 {
        large.push_str(&format!("X-Filler-{i}: {}\r\n", "b".repeat(50)));
    }
    large.push_str("\r\n");
    let answer = serving.raw(large.as_bytes());
    assert_eq!(
        status_of(&answer),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    let many = format!(
        "GET / HTTP/1.1\r\nHost: localhost:{port}\r\n{}\r\n",
        "A: b\r\n".repeat(40)
    );
    let answer = serving.raw(many.as_bytes());
    assert_eq!(
        status_of(&answer),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );

    // A client that sends a byte now and then is cut off after a few seconds, in all.
    let started = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut answer = Vec::new();
    for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\n".iter().cycle() {
        if slow.write_all(&[*byte]).is_err() {
            break;
        }
        match slow.read_to_end(&mut answer) {
            Ok(_) => break,
            Err(_) if started.elapsed() < PATIENCE => continue,
            Err(e) => panic!("still open after {:?}: {e}", started.elapsed()),
        }
    }
    let took = started.elapsed();
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408 Request Timeout"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // The server's limit is 5 s; the rest is room for a loaded machine.
    assert!(
        took >= Duration::from_secs(4) && took < Duration::from_secs(30),
        "{took:?}"
    );

    // Many connections at once that send nothing: a bounded number of threads serves
    // them, the rest are told to come back, and the preview answers once they end.
    let before = threads(&serving.child);
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let during = threads(&serving.child);
    assert!(
        during <= before + 32 + 1,
        "{during} threads with 200 idle connections, {before} before"
    );
    // Those past the limit were told at once to come back.
    let mut busy = 0;
    for mut stream in &idle {
        stream.set_nonblocking(true).unwrap();
        let mut answer = [0u8; 64];
        if let Ok(n) = stream.read(&mut answer) {
            busy += usize::from(answer[..n].starts_with(b"HTTP/1.1 503 Service Unavailable"));
        }
    }
    assert!(busy >= 100, "{busy} of 200 told the preview is busy");
    drop(idle);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let answer = serving.get("/");
        if status_of(&answer) == "HTTP/1.1 200 OK" {
            break;
        }
        assert!(Instant::now() < deadline, "{answer}");
        std::thread::sleep(Duration::from_millis(100));
    }

    // Pages that listen for builds and go away (a reload on every save) leave no
    // connection behind for long.
    let settled = |most: usize| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while threads(&serving.child) > most {
            assert!(
                Instant::now() < deadline,
                "{} threads",
                threads(&serving.child)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    settled(before);
    // Every connection before this one has ended by now.
    std::thread::sleep(Duration::from_millis(600));
    let base = threads(&serving.child);
    let request = format!("GET /_course/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n");
    let listening: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            stream.set_read_timeout(Some(PATIENCE)).unwrap();
            let mut first = [0u8; 15];
            stream.read_exact(&mut first).unwrap();
            assert_eq!(&first, b"HTTP/1.1 200 OK");
            stream
        })
        .collect();
    assert!(threads(&serving.child) >= base + 10);
    let gone = Instant::now();
    drop(listening);
    settled(base);
    // Seen within a second each; the rest is room for a loaded machine.
    assert!(
        gone.elapsed() < Duration::from_secs(10),
        "{:?}",
        gone.elapsed()
    );
}

fn threads(child: &Child) -> usize {
    std::fs::read_dir(format!("/proc/{}/task", child.id()))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn a_port_in_use_and_a_folder_without_a_course_are_usage_errors() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let course = TestCourse::sample();
    course
        .run(&["serve", "--port", &port])
        .status(2)
        .stderr_has(&format!(
            "error: port {port} is already in use by another program on this computer\n  hint: choose another with `--port`, or leave `--port` out to use a free one"
        ));
    let empty = TestCourse::empty();
    let build = empty.run(&["build"]);
    build.status(2);
    let serve = empty.run(&["serve"]);
    serve.status(2);
    // The same words as `build`, after the line that says where the preview was.
    assert!(serve.stderr.ends_with(&build.stderr), "{}", serve.stderr);
}

/// Chromium driven by tests/browser/drive.py, until dropped.
struct Browser {
    child: Child,
    stdin: ChildStdin,
    answers: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Browser {
    fn start() -> Option<Browser> {
        let (browser, driver) = match crate::html::chromium() {
            Ok(found) => found,
            Err(why) => {
                eprintln!("skipped: {why}");
                return None;
            }
        };
        let mut child = Command::new("python3")
            .arg(DRIVER)
            .arg(browser)
            .arg(driver)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut answers = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = answers.next().expect("the driver starts").unwrap();
        assert_eq!(ready, "{\"ready\": true}");
        Some(Browser {
            child,
            stdin,
            answers,
        })
    }

    fn send(&mut self, command: serde_json::Value) {
        writeln!(self.stdin, "{command}").unwrap();
    }

    fn answer(&mut self) -> serde_json::Value {
        let line = self.answers.next().expect("the driver answers").unwrap();
        serde_json::from_str(&line).unwrap()
    }

    fn ask(&mut self, command: serde_json::Value) -> serde_json::Value {
        self.send(command);
        self.answer()
    }

    fn open(&mut self, url: &str) {
        self.ask(serde_json::json!({"do": "open", "url": url, "width": 1280}));
    }

    fn eval(&mut self, js: &str) -> serde_json::Value {
        self.ask(serde_json::json!({"do": "eval", "js": js}))["value"].clone()
    }

    /// Runs `js` until it returns something; that, and when it was first seen.
    fn wait(&mut self, js: &str) -> (serde_json::Value, SystemTime) {
        let answer =
            self.ask(serde_json::json!({"do": "wait", "js": js, "timeout": PATIENCE.as_secs()}));
        assert_ne!(answer["timeout"], true, "never: {js}");
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs_f64(answer["at"].as_f64().unwrap());
        (answer["value"].clone(), at)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closing its input ends the driver, which closes the browser.
        let _ = writeln!(self.stdin);
        let _ = self.child.wait();
    }
}

/// The JavaScript of a string, for a script.
fn js(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

const STEP: &str = "Follow with the other hand, like the paddles of a water wheel.";

#[test]
fn a_save_reloads_the_open_page_within_a_second_where_it_was_scrolled_to() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();
    browser.open(&serving.url("session-2-handout.html"));
    let height = browser.eval("return document.documentElement.scrollHeight - innerHeight");
    let scrolled = (height.as_f64().unwrap() * 0.3).round();
    assert!(
        scrolled > 300.0,
        "the page is long enough to scroll: {height}"
    );

    let module = course.path().join("modules/tummy.yaml");
    let mut took = Vec::new();
    // The issue asks for a second from save to page. A save on a machine loaded by other
    // work (the whole test suite on two cores) can miss it: the only slack is more saves,
    // up to ten, of which one must make it; none may take more than ten seconds.
    for save in 1..=10 {
        browser.eval(&format!(
            "window.scrollTo(0, {scrolled}); window.courseMark = {save}; return 0"
        ));
        let changed = STEP.replace("wheel.", &format!("wheel (save {save})."));
        let previous = match save {
            1 => STEP.to_owned(),
            n => STEP.replace("wheel.", &format!("wheel (save {}).", n - 1)),
        };
        let text = std::fs::read_to_string(&module).unwrap();
        let saved_at = SystemTime::now();
        std::fs::write(&module, text.replacen(&previous, &changed, 1)).unwrap();
        // Seen once the page is a new one (no mark) showing the saved text.
        let (scroll, seen_at) = browser.wait(&format!(
            "return window.courseMark === undefined && document.body.innerText.includes({}) ? window.scrollY : null",
            js(&changed)
        ));
        took.push(seen_at.duration_since(saved_at).unwrap_or_default());
        assert_eq!(
            scroll.as_f64(),
            Some(scrolled),
            "save {save}: the scroll position is kept"
        );
        assert!(serving.next_build()["errors"] == 0);
        if save >= 3 && took.iter().any(|t| *t < Duration::from_secs(1)) {
            break;
        }
    }
    eprintln!("from save to changed page: {took:?}");
    assert!(took.iter().any(|t| *t < Duration::from_secs(1)), "{took:?}");
    assert!(
        took.iter().all(|t| *t < Duration::from_secs(10)),
        "{took:?}"
    );
}

#[test]
fn a_broken_save_shows_the_messages_of_validate_over_the_page_until_it_is_fixed() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();
    browser.open(&serving.url("session-2-handout.html"));
    browser.eval("window.courseMark = 1; return 0");

    let module = course.path().join("modules/tummy.yaml");
    let good = std::fs::read_to_string(&module).unwrap();
    // Text that would be markup if it were not escaped, in the message's source line.
    let broken = good.replacen("repetitions: 6", "repetitions: <b>six</b>", 1);
    std::fs::write(&module, &broken).unwrap();
    let (shown, _) = browser.wait(
        "const o = document.getElementById('course-problems'); return o ? o.innerText : null",
    );
    let shown = shown.as_str().unwrap();
    assert_eq!(serving.next_build()["errors"], 1);
    // The same messages as `validate` says.
    let validate = course.run(&["validate"]);
    validate.status(1);
    let messages = validate.stderr.trim_end();
    assert!(!messages.is_empty());
    assert!(
        shown.contains(messages),
        "{shown}\n--- validate:\n{messages}"
    );
    assert!(shown.starts_with("The course has problems. Fix them and save: the page comes back."));
    // Over the page, which is still there underneath, with no markup from the course.
    let over = browser.eval(
        "const o = document.getElementById('course-problems'); const r = o.getBoundingClientRect(); \
         return [getComputedStyle(o).position, r.width === innerWidth, o.querySelector('b') === null, window.courseMark]",
    );
    assert_eq!(over, serde_json::json!(["fixed", true, true, 1]));

    std::fs::write(
        &module,
        good.replacen("Water wheel", "Water wheel again", 1),
    )
    .unwrap();
    browser.wait(
        "return window.courseMark === undefined && document.getElementById('course-problems') === null \
         && document.body.innerText.includes('Water wheel again') ? true : null",
    );
    assert_eq!(serving.next_build()["errors"], 0);
}

#[test]
fn a_page_reached_by_another_host_name_is_refused_in_the_browser() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let course = TestCourse::sample();
    let serving = Serving::start(&course, &[]);
    serving.built();
    // The browser resolves rebound.example to 127.0.0.1, as DNS rebinding would.
    browser.open(&format!("http://rebound.example:{}/", serving.port));
    let text = browser.eval("return document.body.innerText");
    assert_eq!(
        text.as_str().unwrap().trim(),
        format!(
            "This preview answers only at http://127.0.0.1:{port}/ and http://localhost:{port}/.",
            port = serving.port
        )
    );
    browser.open(&format!("http://localhost:{}/", serving.port));
    let title = browser.eval("return document.querySelector('h1').innerText");
    assert_eq!(title, "Calm Hands — Baby Massage in Five Weeks");
}

#[test]
fn ctrl_c_stops_the_preview() {
    let course = TestCourse::sample();
    let mut serving = Serving::start(&course, &["--port", "0"]);
    serving.built();
    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(serving.child.id() as i32, libc::SIGINT) };
    assert_eq!(serving.next_line(), "Stopped the preview.");
    let status = serving.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_course_that_never_built_says_so_and_its_problems_go_to_the_page() {
    let course =
        TestCourse::sample().edit("modules/tummy.yaml", "repetitions: 6", "repetitions: six");
    let serving = Serving::start(&course, &[]);
    assert_eq!(serving.next_build()["errors"], 1);
    let answer = serving.get("/");
    assert!(status_of(&answer).starts_with("HTTP/1.1 404 "), "{answer}");
    assert!(answer.contains("<h1>Not built yet</h1>"), "{answer}");
    assert!(answer.contains("<script nonce="), "{answer}");

    // What an open page hears: the build, and its problems as `validate` says them.
    let mut events = TcpStream::connect(("127.0.0.1", serving.port)).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        events,
        "GET /_course/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        serving.port
    )
    .unwrap();
    let mut heard = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&heard).contains("}\n\n") {
        let n = events.read(&mut buffer).unwrap();
        assert!(n > 0, "{}", String::from_utf8_lossy(&heard));
        heard.extend_from_slice(&buffer[..n]);
    }
    let heard = String::from_utf8(heard).unwrap();
    assert!(heard.starts_with("HTTP/1.1 200 OK\r\n"), "{heard}");
    assert!(
        heard.contains("Content-Type: text/event-stream\r\n"),
        "{heard}"
    );
    let data = heard.split("data: ").nth(1).unwrap().trim_end();
    let build: serde_json::Value = serde_json::from_str(data).unwrap();
    let validate = course.run(&["validate"]);
    assert_eq!(
        build["problems"].as_str(),
        Some(validate.stderr.as_str()),
        "{heard}"
    );

    std::fs::write(
        course.path().join("modules/tummy.yaml"),
        String::from_utf8(course.read("modules/tummy.yaml"))
            .unwrap()
            .replacen("repetitions: six", "repetitions: 6", 1),
    )
    .unwrap();
    assert_eq!(serving.next_build()["errors"], 0);
    // The open page hears of the build that brings it back, and the index is there.
    let mut more = String::new();
    while !more.contains("\"problems\":null") {
        let n = events.read(&mut buffer).unwrap();
        assert!(n > 0, "{more}");
        more.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert_eq!(status_of(&serving.get("/")), "HTTP/1.1 200 OK");
}

#[test]
fn a_course_folder_that_is_not_there_is_said_so_before_its_output_folder() {
    let course = TestCourse::empty();
    for command in ["serve", "watch"] {
        let run = course.run(&[command, "nowhere"]);
        run.status(2);
        assert_eq!(
            run.stderr,
            "error: there is no folder `nowhere`\n  hint: give the folder that holds `course.yaml`, or create a new course with `course init`\n",
            "{command}"
        );
    }
}
