//! Helpers for the data-out tests: raw requests (any method, bytes kept as
//! sent, so compressed bodies and BOMs can be checked) and Python on PATH.

use std::process::Command;
use std::sync::Mutex;

use crate::common::{TestApp, header_pairs};

static PIP: Mutex<()> = Mutex::new(());

pub struct Raw {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Raw {
    /// A response as it came: status, headers and the body's bytes (up to
    /// 50 MB; empty when it cannot be read).
    pub fn read(res: &mut ureq::http::Response<ureq::Body>) -> Raw {
        Raw {
            status: res.status().as_u16(),
            headers: header_pairs(res.headers()),
            body: res
                .body_mut()
                .with_config()
                .limit(50_000_000)
                .read_to_vec()
                .unwrap_or_default(),
        }
    }
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    /// `error.code` of a JSON error body.
    pub fn json_error_code(&self) -> String {
        let v: serde_json::Value = serde_json::from_slice(&self.body).expect("JSON body");
        v["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

/// `method path` with `headers`, the body as bytes, any status.
pub fn request(app: &TestApp, method: &str, path: &str, headers: &[(&str, &str)]) -> Raw {
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(app.url(path));
    for (n, v) in headers {
        builder = builder.header(*n, *v);
    }
    let req = builder.body(()).unwrap();
    let mut res = app
        .agent
        .run(req)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    Raw::read(&mut res)
}

pub fn get_raw(app: &TestApp, path: &str) -> Raw {
    request(app, "GET", path, &[])
}

/// Python 3 with the standard library (the machine has CPython 3.11).
pub fn python() -> &'static str {
    crate::common::tools::require_apt("python3", "python3");
    "python3"
}

/// The tests' own Python environment, under the target folder
/// (`target/tmp/python`): packages from PyPI go there, never into the
/// machine's Python. Made once, with `python3 -m venv` (Debian's
/// `python3-venv`, installed when missing).
fn venv_python() -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("python");
    let py = dir.join("bin/python");
    if !py.exists() {
        let make = || {
            Command::new(python())
                .args(["-m", "venv"])
                .arg(&dir)
                .status()
                .is_ok_and(|s| s.success())
        };
        if !make() {
            // Debian's Python makes environments only with python3-venv.
            let installed = crate::common::tools::apt_install("python3-venv");
            assert!(
                installed && make(),
                "this test needs a Python virtual environment: `apt-get install python3-venv` (as root)"
            );
        }
    }
    py.to_string_lossy().into_owned()
}

/// Installs `package` into the tests' Python environment when `present`
/// says it is missing, saying so on the terminal (an install takes a
/// while). Never a silent skip: a failed install fails the test.
fn pip_install(py: &str, package: &str, present: impl Fn() -> bool) {
    if present() {
        return;
    }
    crate::common::progress(&format!("installing {package} from PyPI into {py} (once)"));
    let installed = Command::new(py)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            package,
        ])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        installed && present(),
        "this test needs {package}: `{py} -m pip install {package}` failed"
    );
}

/// A Python tool from PyPI, run as `python3 -m MODULE`, installed with pip
/// into the tests' environment when missing.
pub fn pip_tool(module: &str, package: &str) -> Vec<String> {
    let _guard = PIP.lock().unwrap_or_else(|p| p.into_inner());
    let py = venv_python();
    pip_install(&py, package, || {
        Command::new(&py)
            .args(["-m", module, "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    vec![py, "-m".into(), module.to_string()]
}

/// A Python library from PyPI (`import MODULE`), installed with pip into
/// the tests' environment when missing; returns that environment's Python.
pub fn pip_library(module: &str, package: &str) -> String {
    let _guard = PIP.lock().unwrap_or_else(|p| p.into_inner());
    let py = venv_python();
    pip_install(&py, package, || {
        Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    py
}
