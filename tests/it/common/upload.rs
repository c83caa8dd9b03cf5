//! Sending forms to the test server: `multipart/form-data` built by hand
//! (ureq sends the bytes), URL-encoded forms, and a raw socket for what no
//! client library sends (a body that does not keep to its declared length).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::{Response, TestApp, header_pairs};

/// One part of a multipart form: a field, or a file with its name.
pub struct Part<'a> {
    pub name: &'a str,
    pub file_name: Option<&'a str>,
    pub bytes: &'a [u8],
}

impl<'a> Part<'a> {
    pub fn file(name: &'a str, file_name: &'a str, bytes: &'a [u8]) -> Self {
        Part {
            name,
            file_name: Some(file_name),
            bytes,
        }
    }

    pub fn field(name: &'a str, value: &'a str) -> Self {
        Part {
            name,
            file_name: None,
            bytes: value.as_bytes(),
        }
    }
}

pub const BOUNDARY: &str = "kompass-test-boundary-7d3f";

/// The body and content type of a multipart form.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for p in parts {
        body.extend(format!("--{BOUNDARY}\r\n").into_bytes());
        let disposition = match p.file_name {
            Some(f) => format!(
                "Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                p.name
            ),
            None => format!(
                "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                p.name
            ),
        };
        body.extend(disposition.into_bytes());
        body.extend_from_slice(p.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// `application/x-www-form-urlencoded`, as a browser sends a form.
pub fn urlencoded(fields: &[(&str, &str)]) -> Vec<u8> {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

impl TestApp {
    /// POSTs a body and reads the answer, whatever its status.
    pub fn post(&self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        self.post_with(path, content_type, body, &[])
    }

    /// POSTs a body with extra headers and reads the answer.
    pub fn post_with(
        &self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Response {
        let mut request = self
            .agent
            .post(&self.url(path))
            .header("Content-Type", content_type);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request
            .send(&body[..])
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_else(|e| panic!("POST {path}: body: {e}"));
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn post_multipart(&self, path: &str, parts: &[Part<'_>]) -> Response {
        let (content_type, body) = multipart(parts);
        self.post(path, &content_type, body)
    }

    pub fn post_urlencoded(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.post(
            path,
            "application/x-www-form-urlencoded",
            urlencoded(fields),
        )
    }
}

/// What a raw upload did: the status line the server answered (if any),
/// the whole answer, and how many body bytes went out before it answered
/// or closed.
pub struct RawUpload {
    pub status_line: String,
    pub answer: String,
    pub sent: usize,
}

/// Sends `head` (request line and headers), then `start` (the first bytes
/// of the body, say a form part's header), then body bytes in 64 kB
/// pieces, reading the answer as soon as there is one; once `pause_at`
/// bytes of the `body_len` are out, it sends no more and waits for the
/// answer. So what the server answers, it answered without the rest of the
/// body, however slowly a busy machine lets it answer (how much the
/// kernel's buffers take meanwhile does not matter).
pub fn raw_upload(
    app: &TestApp,
    head: &str,
    start: &[u8],
    body_len: usize,
    chunked: bool,
    pause_at: usize,
) -> RawUpload {
    let address = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_nonblocking(false).expect("blocking");
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    stream
        .set_read_timeout(Some(Duration::from_millis(1)))
        .expect("timeout");
    stream.write_all(head.as_bytes()).expect("send head");
    let piece = vec![b'x'; 64 * 1024];
    let mut sent = 0;
    let mut first = Some(start);
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    let stop = body_len.min(pause_at);
    while sent < stop {
        if let Ok(n) = stream.read(&mut buf)
            && n > 0
        {
            answer.extend_from_slice(&buf[..n]);
            break;
        }
        let data = match first.take() {
            Some(bytes) if !bytes.is_empty() => bytes,
            _ => &piece[..piece.len().min(stop - sent)],
        };
        let n = data.len();
        let written = if chunked {
            let mut chunk = format!("{n:x}\r\n").into_bytes();
            chunk.extend_from_slice(data);
            chunk.extend_from_slice(b"\r\n");
            stream.write_all(&chunk)
        } else {
            stream.write_all(data)
        };
        if written.is_err() {
            break;
        }
        sent += n;
    }
    // Generous: the server answers without more of the body, or never.
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    while !complete(&answer) {
        match stream.read(&mut buf) {
            Ok(n) if n > 0 => answer.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&answer).to_string();
    RawUpload {
        status_line: text.lines().next().unwrap_or("").to_string(),
        answer: text,
        sent,
    }
}

/// Whether `answer` holds a whole response: its head and `Content-Length` bytes.
fn complete(answer: &[u8]) -> bool {
    let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| answer.len() >= end + 4 + n)
}
