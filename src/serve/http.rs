//! Just enough HTTP/1.1 for a preview on this computer: one request per connection
//! (`Connection: close`), its head parsed by `httparse` (the parser hyper is built on)
//! and read under bounds set here: at most [`MAX_HEAD`] bytes and [`MAX_HEADERS`] header
//! lines, within [`HEAD_TIME`] in all, whatever the client sends or fails to send.
//!
//! tiny_http was the first choice and cannot hold these bounds: it reads a request
//! line or header line of any length into memory, sets no read or write timeout, and
//! hands each connection to a pool that starts a new thread whenever all are busy.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The most a request's head (request line and headers) may take, in bytes.
pub const MAX_HEAD: usize = 8 * 1024;
/// The most header lines a request may have.
pub const MAX_HEADERS: usize = 32;
/// The longest a client may take to send a request's head, in all.
pub const HEAD_TIME: Duration = Duration::from_secs(5);
/// The longest one write to a client may wait for it to read.
pub const WRITE_TIME: Duration = Duration::from_secs(10);

/// What a browser asked for: only what the preview looks at.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// As sent: `/session-1-handout.html?x`.
    pub target: String,
    /// The `Host` header, when there is exactly one.
    pub host: Option<String>,
}

/// Why no request was read; the answer to send, if any.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// The client went away, or sent nothing in time: nothing to answer.
    Gone,
    /// A status and a short text to answer with.
    Refused(u16, &'static str),
}

/// Reads one request's head from `stream`, under the bounds above.
pub fn read_head(stream: &mut TcpStream) -> Result<Request, Unread> {
    let started = Instant::now();
    let mut buffer = vec![0u8; MAX_HEAD];
    let mut len = 0;
    loop {
        let left = HEAD_TIME.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Unread::Refused(
                408,
                "The request took too long to arrive.\n",
            ));
        }
        // A slow client gets what is left of the whole time, not a fresh wait per byte.
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .map_err(|_| Unread::Gone)?;
        let read = match stream.read(&mut buffer[len..]) {
            Ok(0) => return Err(Unread::Gone),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::Interrupted) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Unread::Refused(
                    408,
                    "The request took too long to arrive.\n",
                ))
            }
            Err(_) => return Err(Unread::Gone),
        };
        len += read;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buffer[..len]) {
            Ok(httparse::Status::Complete(_)) => return Ok(request_of(&request)),
            Ok(httparse::Status::Partial) if len == MAX_HEAD => {
                // Not even the request line fits: the address is what is too long.
                return Err(if buffer.contains(&b'\n') {
                    Unread::Refused(431, "The request's headers are too large.\n")
                } else {
                    Unread::Refused(414, "The requested address is too long.\n")
                });
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => {
                return Err(Unread::Refused(431, "The request has too many headers.\n"))
            }
            Err(_) => {
                return Err(Unread::Refused(
                    400,
                    "This is not a request this preview understands.\n",
                ))
            }
        }
    }
}

fn request_of(parsed: &httparse::Request<'_, '_>) -> Request {
    let mut hosts = parsed
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("host"));
    let host = match (hosts.next(), hosts.next()) {
        (Some(host), None) => std::str::from_utf8(host.value).ok().map(str::to_owned),
        _ => None,
    };
    Request {
        method: parsed.method.unwrap_or_default().to_owned(),
        target: parsed.path.unwrap_or_default().to_owned(),
        host,
    }
}

/// The head of a response: its status line, the headers every answer has, and `extra`.
pub fn head(status: u16, length: Option<u64>, extra: &[(&str, &str)]) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    if let Some(length) = length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    for (name, value) in [
        ("Connection", "close"),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]
    .iter()
    .chain(extra)
    {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// A short plain-text answer; its body left out for `HEAD`.
pub fn text(
    stream: &mut TcpStream,
    status: u16,
    text: &str,
    with_body: bool,
    extra: &[(&str, &str)],
) {
    let mut headers = vec![("Content-Type", "text/plain; charset=utf-8")];
    headers.extend_from_slice(extra);
    let mut answer = head(status, Some(text.len() as u64), &headers).into_bytes();
    if with_body {
        answer.extend_from_slice(text.as_bytes());
    }
    let _ = stream.write_all(&answer);
}

/// Ends a connection so the client reads the whole answer: the writing side is closed
/// first, then what the client still sends is read and dropped, a little and briefly,
/// as closing with unread data would reset the connection under the answer.
pub fn close(mut stream: TcpStream) {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 64 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// Whether the client has closed the connection, asked without waiting.
pub fn is_closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let closed = match stream.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    stream.set_nonblocking(false).is_err() || closed
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}
