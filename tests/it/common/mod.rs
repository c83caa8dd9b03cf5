//! `TestApp`: a fresh database file, the bundled (or a fixture) data imported
//! through the real pipeline, and the real server on 127.0.0.1:0.

#![allow(dead_code)]

pub mod pdf;
pub mod tools;
pub mod upload;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kompass::pipeline::{self, RunSummary, Target};
use kompass::web::{self, AppState, Settings};
use tempfile::TempDir;

/// A line on the terminal while a long step runs (an install, a checker
/// that takes a minute): written to stderr directly, past the test
/// harness's capture, so a run never looks hung.
pub fn progress(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "  [kompass tests] {message}");
}

/// The project folder (where `data-import/` lives).
pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `kompass check FILE` on the bundled data with database `db`, as a
/// curator runs it.
pub fn kompass_check(file: &Path, db: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kompass"))
        .current_dir(project_dir())
        .env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_DATA")
        .arg("check")
        .arg(file)
        .arg("--db")
        .arg(db)
        .output()
        .expect("kompass runs")
}

pub fn bundled_data() -> PathBuf {
    project_dir().join("data-import")
}

pub fn kumla_2020_file() -> PathBuf {
    bundled_data().join("evaluations/1881-kumla-2020.toml")
}

/// A fresh, empty temporary folder with a database path in it.
pub struct Scratch {
    pub dir: TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("kompass.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the scratch folder and returns its path.
    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write");
        path
    }

    /// A copy of the bundled data folder that a test may change.
    pub fn copy_of_bundle(&self) -> PathBuf {
        let target = self.path("data-import");
        copy_dir(&bundled_data(), &target);
        target
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Imports `data_dir` into a fresh database through the real pipeline.
pub fn import_bundle(db: &Path, data_dir: &Path) -> RunSummary {
    pipeline::run(&Target::File(db.to_path_buf()), Some(data_dir), vec![])
        .expect("bundled data imports")
}

pub struct TestApp {
    pub scratch: Scratch,
    pub base: String,
    pub agent: ureq::Agent,
    pub state: Arc<AppState>,
}

/// A response's headers as (name, value) pairs, in order (a value that is
/// not text reads as empty).
pub fn header_pairs(headers: &ureq::http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect()
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    /// The server on the bundled data.
    pub fn bundled() -> Self {
        Self::with_data(&bundled_data())
    }

    /// The server on a data folder (a fixture or a changed copy of the bundle).
    pub fn with_data(data_dir: &Path) -> Self {
        let scratch = Scratch::new();
        import_bundle(&scratch.db(), data_dir);
        Self::serve(scratch)
    }

    /// The server on the bundled data with these settings.
    pub fn bundled_with(settings: Settings) -> Self {
        let scratch = Scratch::new();
        import_bundle(&scratch.db(), &bundled_data());
        Self::serve_with(scratch, settings)
    }

    /// Serves whatever is in the scratch database.
    pub fn serve(scratch: Scratch) -> Self {
        Self::serve_with(scratch, Settings::default())
    }

    pub fn serve_with(scratch: Scratch, settings: Settings) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        Self::serve_on(scratch, settings, listener)
    }

    /// The server on the bundled data, configured with its own address as
    /// the public one (`--public-url`), as a deployment is: absolute links
    /// (embed code, feeds, og:image) then lead back to this server.
    pub fn bundled_at_own_address() -> Self {
        let scratch = Scratch::new();
        import_bundle(&scratch.db(), &bundled_data());
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        let settings = Settings {
            public_url: kompass::web::config::PublicUrl::parse(&format!("http://127.0.0.1:{port}"))
                .expect("a public address"),
            ..Settings::default()
        };
        Self::serve_on(scratch, settings, listener)
    }

    fn serve_on(scratch: Scratch, settings: Settings, listener: TcpListener) -> Self {
        let state = Arc::new(
            AppState::open_with(&scratch.db(), settings).expect("open database read-only"),
        );
        let port = listener.local_addr().expect("addr").port();
        let data = actix_web::web::Data::from(state.clone());
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = web::run(listener, data).expect("server starts");
                let _ = server.await;
            })
        });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            scratch,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            state,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> Response {
        self.get_with(path, &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = self.agent.get(&self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.call().unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let body = response
            .body_mut()
            .read_to_string()
            .unwrap_or_else(|e| panic!("GET {path}: body: {e}"));
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        r.json()
    }
}
