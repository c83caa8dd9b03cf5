//! The inbox, end to end: a report reviewed on `/bidra`, sent with "Skicka
//! in", listed, shown and accepted with `kompass inbox`, and shown on the
//! municipality's page after a restart (`flow.rs`, the real `kompass serve`
//! and command line); what the review says a contribution would change
//! (`review.rs`); its bounds: the per-client limit, a full inbox, a form too
//! large, from another site, or carrying markup and control characters, and
//! answers never cached (`bounds.rs`); a kill -9 amid 100 sends
//! (`faults.rs`).

mod bounds;
mod faults;
mod flow;
mod review;

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use crate::common::upload::Part;
use crate::common::{Response, TestApp, project_dir};

/// The Kumla 2020 report's text.
pub fn kumla_report() -> String {
    std::fs::read_to_string(project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
        .expect("the report fixture")
}

/// Kumla's report as another municipality's of another year: an evaluation
/// kompass does not hold, with Kumla's very figures.
pub fn orebro_report(year: i32) -> String {
    kumla_report()
        .replace("Kumla", "Örebro")
        .replace("november 2020", &format!("november {year}"))
}

/// The address a sender gives.
pub const SOURCE: &str = "https://www.orebro.se/kommunkompassen-2022.pdf";

/// The review of a report's text pasted on `/bidra`.
pub fn review_text(app: &TestApp, text: &str) -> Response {
    app.post_multipart("/bidra", &[Part::field("text", text)])
}

/// An HTML attribute's value as text.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The hidden fields of the send form on a review page: what it carries.
pub fn carried(review: &str) -> Vec<(String, String)> {
    let start = review
        .find("<form class=\"panel send\"")
        .unwrap_or_else(|| panic!("no send form on the review:\n{review}"));
    let form = &review[start..start + review[start..].find("</form>").expect("the form ends")];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find("<input type=\"hidden\" name=\"") {
        rest = &rest[at + "<input type=\"hidden\" name=\"".len()..];
        let name = &rest[..rest.find('"').expect("name ends")];
        let value_at = rest.find("value=\"").expect("a value") + "value=\"".len();
        let value = &rest[value_at..value_at + rest[value_at..].find('"').expect("value ends")];
        out.push((name.to_string(), unescape(value)));
    }
    assert_eq!(out.len(), 3, "{form}");
    out
}

/// The send form as a browser posts it: what it carries, and the sender's fields.
pub fn send_fields(carried: &[(String, String)], message: &str) -> Vec<(String, String)> {
    let mut fields = carried.to_vec();
    fields.push(("kalla".into(), SOURCE.into()));
    fields.push(("kontakt".into(), "kvalitet@orebro.se".into()));
    fields.push(("meddelande".into(), message.into()));
    fields
}

/// POSTs the send form to `base` (a server's address).
pub fn post_send(base: &str, fields: &[(String, String)], headers: &[(&str, &str)]) -> Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = crate::common::upload::urlencoded(&pairs);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent
        .post(&format!("{base}/bidra/skicka"))
        .header("Content-Type", "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.send(&body[..]).expect("POST /bidra/skicka");
    let status = response.status().as_u16();
    let headers = crate::common::header_pairs(response.headers());
    let body = response
        .body_mut()
        .with_config()
        .limit(16 * 1024 * 1024)
        .read_to_string()
        .expect("the answer");
    Response {
        status,
        headers,
        body,
    }
}

/// The reference on a receipt.
pub fn reference(receipt: &Response) -> String {
    let at = receipt
        .body
        .find("id=\"referens\">")
        .unwrap_or_else(|| panic!("no reference ({}):\n{}", receipt.status, receipt.body))
        + "id=\"referens\">".len();
    receipt.body[at..at + receipt.body[at..].find('<').expect("ends")].to_string()
}

/// `kompass ARGS` run as a curator runs it, from the project folder.
pub fn kompass(args: &[&str], db: &Path, data: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kompass"));
    cmd.current_dir(project_dir())
        .env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_DATA")
        .env_remove("KOMPASS_INBOX")
        .args(args)
        .arg("--db")
        .arg(db);
    if let Some(data) = data {
        cmd.arg("--data").arg(data);
    }
    cmd.output().expect("kompass runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// `kompass serve` as a process of its own on a free loopback port,
/// stopped (SIGKILL, by its own handle) when dropped.
pub struct Serve {
    pub child: Child,
    /// `http://127.0.0.1:PORT`, without the trailing slash.
    pub base: String,
}

impl Serve {
    pub fn start(db: &Path, data: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kompass"))
            .current_dir(project_dir())
            .env_remove("KOMPASS_DB")
            .env_remove("KOMPASS_DATA")
            .env_remove("KOMPASS_INBOX")
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .arg("--data")
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("kompass serve starts");
        let stdout = child.stdout.take().expect("its output");
        let mut base = None;
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("a line");
            if let Some(rest) = line.strip_prefix("kompass: open ") {
                base = rest
                    .split_whitespace()
                    .next()
                    .map(|a| a.trim_end_matches('/').to_string());
                break;
            }
        }
        let base = base.expect("serve prints the address to open");
        Self { child, base }
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(&format!("{}{path}", self.base))
            .call()
            .expect("GET");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }

    /// Reviews `text` on `/bidra` and sends it in with `message`.
    pub fn send_report(&self, text: &str, message: &str) -> Response {
        let (content_type, body) = crate::common::upload::multipart(&[Part::field("text", text)]);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .post(&format!("{}/bidra", self.base))
            .header("Content-Type", &content_type)
            .send(&body[..])
            .expect("POST /bidra");
        let review = response
            .body_mut()
            .with_config()
            .limit(16 * 1024 * 1024)
            .read_to_string()
            .expect("the review");
        post_send(&self.base, &send_fields(&carried(&review), message), &[])
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
