//! `kompass export` as a static site: written by the real command, served
//! by nginx with the configuration the README gives (`try_files` with
//! `index.html` / `index.json`, the precompressed `.br` and `.gz`); a crawl
//! from `/` finds no broken link, and the files are byte for byte what the
//! live server sends. And `kompass snapshot`: a sound copy while an import
//! holds the database.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use kompass::export::links;
use kompass::web::compress::Coding;

use crate::common::tools::{require_apt, require_apt_file};
use crate::common::{TestApp, bundled_data};
use crate::data_support::Raw;

const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// nginx serving `root` as the README says; stopped when dropped.
struct Nginx {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Drop for Nginx {
    /// SIGTERM, so the master stops its workers too (SIGKILL would orphan them).
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

fn nginx_config(root: &Path, prefix: &Path, port: u16) -> String {
    format!(
        "user root;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\n\
         load_module {BROTLI_MODULE};\nevents {{ worker_connections 256; }}\n\
         http {{\n  access_log off;\n  include /etc/nginx/mime.types;\n  types {{ text/csv csv; }}\n\
         default_type application/octet-stream;\n  charset utf-8;\n\
         charset_types text/css text/csv application/json image/svg+xml;\n\
         gzip_static on;\n  brotli_static on;\n\
         server {{\n    listen 127.0.0.1:{port};\n    root {root};\n    index index.html index.json;\n\
         location / {{ try_files $uri $uri/index.html $uri/index.json =404; }}\n  }}\n}}\n",
        prefix = prefix.display(),
        root = root.display(),
    )
}

fn start_nginx(root: &Path, prefix: &Path) -> Nginx {
    require_apt("nginx", "nginx");
    require_apt_file(BROTLI_MODULE, "libnginx-mod-http-brotli-static");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = prefix.join("nginx.conf");
    std::fs::write(&conf, nginx_config(root, prefix, port)).unwrap();
    let child = Command::new("nginx")
        .arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(&conf)
        .args(["-g", "daemon off;"])
        .spawn()
        .expect("nginx starts");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let nginx = Nginx {
        child,
        base: format!("http://127.0.0.1:{port}"),
        agent,
    };
    let started = Instant::now();
    while nginx.agent.get(&nginx.base).call().is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nginx did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    nginx
}

impl Nginx {
    fn get(&self, path: &str, accept_encoding: Option<&str>) -> Raw {
        let mut req = self.agent.get(&format!("{}{path}", self.base));
        if let Some(a) = accept_encoding {
            req = req.header("Accept-Encoding", a);
        }
        let mut res = req.call().unwrap_or_else(|e| panic!("GET {path}: {e}"));
        Raw::read(&mut res)
    }
}

fn export(app: &TestApp, dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_kompass"))
        .arg("export")
        .arg(dir)
        .arg("--db")
        .arg(app.scratch.db())
        .arg("--data")
        .arg(bundled_data())
        .env("KOMPASS_PUBLIC_URL", "http://127.0.0.1:8080")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("kompass: exported"), "{said}");
    assert!(!said.contains("not exported"), "{said}");
}

/// Every address reachable from `/` over links without a query string.
fn crawl(nginx: &Nginx) -> Vec<String> {
    let mut queue = vec!["/".to_string()];
    let mut seen: std::collections::HashSet<String> = queue.iter().cloned().collect();
    let mut broken = Vec::new();
    let mut visited = Vec::new();
    while let Some(path) = queue.pop() {
        let r = nginx.get(&path, None);
        if r.status != 200 {
            broken.push(format!("{path}: {}", r.status));
            continue;
        }
        if r.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            for link in links(&r.text()) {
                if seen.insert(link.clone()) {
                    queue.push(link);
                }
            }
        }
        visited.push(path);
    }
    assert!(
        broken.is_empty(),
        "broken links in the export:\n{}",
        broken.join("\n")
    );
    visited
}

fn world_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_export_served_by_nginx_has_no_broken_link_and_the_live_servers_bytes() {
    let app = TestApp::bundled();
    world_readable(app.scratch.dir.path());
    let site: PathBuf = app.scratch.path("site");
    export(&app, &site);
    assert!(site.join("index.html").exists());
    assert!(site.join("kommun/1881-kumla/index.html").exists());
    assert!(site.join("kommun/1881-kumla/index.html.br").exists());
    assert!(
        site.join("api/v1/municipalities/1881/index.json.gz")
            .exists()
    );
    assert!(site.join("data/kompass.csv").exists());
    let prefix = app.scratch.path("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let nginx = start_nginx(&site, &prefix);
    let visited = crawl(&nginx);
    for expected in [
        "/kommuner",
        "/kommun/0180-stockholm",
        "/om",
        "/api",
        "/data/kompass.csv",
        "/kommun/1881/diagram/omraden.svg",
        "/rankning",
        "/jamfor",
        "/kommun/1881/sammanfattning",
        "/karta.svg",
        "/karta.png",
        "/rankning/karta.svg",
        "/rankning/karta.png",
    ] {
        assert!(
            visited.iter().any(|v| v == expected),
            "{expected} not reached"
        );
    }
    assert!(visited.len() > 600, "only {} addresses", visited.len());
    for api in [
        "/api/v1/municipalities",
        "/api/v1/evaluations/1881-2020",
        "/api/v1/themes",
        "/api/v1/rankings/total",
        "/api/v1/openapi.json",
    ] {
        let r = nginx.get(api, None);
        assert_eq!(r.status, 200, "{api}");
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json"),
            "{api}"
        );
    }
    for path in [
        "/kommun/1881-kumla",
        "/api/v1/municipalities/1881",
        "/data/kompass.csv",
    ] {
        let live = crate::data_support::get_raw(&app, path);
        let file = nginx.get(path, None);
        assert_eq!(file.status, 200, "{path}");
        assert!(
            file.body == live.body,
            "{path}: the export differs from the live server"
        );
        // The precompressed copy is what the live server sends once its
        // background compression is done.
        let packed = nginx.get(path, Some("br"));
        assert_eq!(packed.header("content-encoding"), Some("br"), "{path}");
        let started = Instant::now();
        let best = loop {
            let sent =
                crate::data_support::request(&app, "GET", path, &[("Accept-Encoding", "br")]);
            // The dataset's files are not kept in the response cache: their
            // codings are made once, from file to file (`web::spool`).
            let Some(entry) = app.state.cache.peek(path) else {
                assert_eq!(sent.header("content-encoding"), Some("br"), "{path}");
                break bytes::Bytes::from(sent.body);
            };
            if let Some(rep) = entry.representation(Coding::Brotli).filter(|r| r.best) {
                break rep.body.clone();
            }
            assert!(started.elapsed() < Duration::from_secs(30));
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(
            packed.body == best.to_vec(),
            "{path}: .br differs from the live server's"
        );
    }
}
