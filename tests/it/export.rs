//! `kompass export` as a static site: written by the real command, served
//! by nginx with the very configuration the README gives (read from the
//! README: `try_files` with `index.html` / `index.json`, the precompressed
//! `.br` and `.gz`, the headers, the live server behind it); a crawl from `/`
//! following `href`, `src` and `og:image` finds nothing broken, the files
//! are byte for byte what the live server sends, and another site may frame
//! the embeds only.

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

/// The README's nginx example, as it stands, with this test's paths and
/// ports: the site's folder, a loopback port, the live server behind it.
/// Each replaced line must be in the README, so the example stays the one
/// tested.
fn readme_nginx_config(root: &Path, port: u16, live: &str) -> String {
    let readme = std::fs::read_to_string(crate::common::project_dir().join("README.md")).unwrap();
    let block = readme
        .split("```nginx\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README gives an nginx configuration");
    let mut config = block.to_string();
    for (from, to) in [
        (
            "load_module modules/ngx_http_brotli_static_module.so;".to_string(),
            format!("load_module {BROTLI_MODULE};"),
        ),
        (
            "include mime.types;".to_string(),
            "include /etc/nginx/mime.types;\n    access_log off;".to_string(),
        ),
        (
            "listen 80;".to_string(),
            format!("listen 127.0.0.1:{port};"),
        ),
        (
            "root /srv/kompass/site;".to_string(),
            format!("root {};", root.display()),
        ),
        (
            "proxy_pass http://127.0.0.1:8080;".to_string(),
            format!("proxy_pass {live};"),
        ),
    ] {
        assert!(
            config.contains(&from),
            "the README's nginx example lacks `{from}`"
        );
        config = config.replace(&from, &to);
    }
    config
}

/// nginx on the export in `root`, configured as the README says, with the
/// live server `live` behind it.
fn start_nginx(root: &Path, prefix: &Path, live: &str) -> Nginx {
    require_apt("nginx", "nginx");
    require_apt_file(BROTLI_MODULE, "libnginx-mod-http-brotli-static");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = prefix.join("nginx.conf");
    std::fs::write(&conf, readme_nginx_config(root, port, live)).unwrap();
    let globals = format!(
        "user root; pid {}; error_log {} warn; daemon off;",
        prefix.join("nginx.pid").display(),
        prefix.join("error.log").display()
    );
    let child = Command::new("nginx")
        .arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(&conf)
        .args(["-g", &globals])
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
            "nginx did not start: {}",
            std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default()
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
        .env("KOMPASS_PUBLIC_URL", PUBLIC_URL)
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

/// The public address the export is made for (its `og:image` and
/// canonical addresses start with it).
const PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// Every address reachable from `/` over links without a query string,
/// following `href`, `src` and `og:image` as a browser or a link preview
/// would; each must answer 200.
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
            // A file's flavour is in its path, never in a query a static
            // host would ignore.
            if r.text().contains("format=") {
                broken.push(format!("{path}: links a ?format= address"));
            }
            for link in links(&r.text(), PUBLIC_URL) {
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

/// Every header named `name` (a header sent twice is a fault: browsers
/// enforce both policies).
fn all(r: &Raw, name: &str) -> Vec<String> {
    r.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
        .collect()
}

/// The export as the README serves it: nginx with the README's own
/// configuration, the live server behind it. A crawl following `href`,
/// `src` and `og:image` finds nothing broken; the files are the live
/// server's bytes (the Excel CSV and the social cards included); the
/// headers are the live server's (the embeds may be framed, nothing else);
/// and Chromium, on another origin, renders an exported embed in a frame
/// and is refused a page.
#[test]
fn the_export_served_by_the_readmes_nginx_is_whole_with_the_live_servers_bytes_and_frames() {
    let app = TestApp::bundled();
    world_readable(app.scratch.dir.path());
    let site: PathBuf = app.scratch.path("site");
    export(&app, &site);
    for file in [
        "index.html",
        "kommun/1881-kumla/index.html",
        "kommun/1881-kumla/index.html.br",
        "api/v1/municipalities/1881/index.json.gz",
        "data/kompass.csv",
        "data/kompass-excel.csv",
        "kommun/1881/bild.png",
        "kommun/1881/inbadda/index.html",
        "favicon.ico",
    ] {
        assert!(site.join(file).exists(), "{file} not exported");
    }
    let prefix = app.scratch.path("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let nginx = start_nginx(&site, &prefix, &app.base);
    let visited = crawl(&nginx);
    for expected in [
        "/kommuner",
        "/kommun/0180-stockholm",
        "/om",
        "/api",
        "/data/kompass.csv",
        "/data/kompass-excel.csv",
        "/kommun/1881-excel.csv",
        "/kommun/1881/diagram/omraden.svg",
        "/kommun/1881/bild.png",
        "/rankning/bild.png",
        "/rankning",
        "/jamfor",
        "/kommun/1881/sammanfattning",
        "/karta.svg",
        "/karta.png",
        "/rankning/karta.svg",
        "/rankning/karta.png",
        "/saknas",
        "/saknas.xlsx",
        "/saknas.csv",
        "/saknas-excel.csv",
        "/saknas/bild.png",
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
    same_bytes_as_live(&app, &nginx);
    same_headers_as_live(&app, &nginx);
    // An address with a query goes to the live server behind nginx.
    let compare = "/jamfor?kommun=1881,0115";
    assert!(nginx.get(compare, None).body == crate::data_support::get_raw(&app, compare).body);
    let dir = crate::browser::node_packages();
    let shots = crate::common::project_dir()
        .join("target")
        .join("screenshots");
    crate::browser::run_script(
        &dir,
        "frame.mjs",
        &[
            nginx.base.as_ref(),
            "/kommun/1881/inbadda".as_ref(),
            "/kommun/1881-kumla".as_ref(),
            shots.as_os_str(),
        ],
    );
}

/// Each file is what the live server sends, and its `.br` what the live
/// server sends once its background compression is done.
fn same_bytes_as_live(app: &TestApp, nginx: &Nginx) {
    for path in [
        "/kommun/1881-kumla",
        "/api/v1/municipalities/1881",
        "/data/kompass.csv",
        "/data/kompass-excel.csv",
    ] {
        let live = crate::data_support::get_raw(app, path);
        let file = nginx.get(path, None);
        assert_eq!(file.status, 200, "{path}");
        assert!(
            file.body == live.body,
            "{path}: the export differs from the live server"
        );
        let packed = nginx.get(path, Some("br"));
        assert_eq!(packed.header("content-encoding"), Some("br"), "{path}");
        let started = Instant::now();
        let best = loop {
            let sent = crate::data_support::request(app, "GET", path, &[("Accept-Encoding", "br")]);
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
    for path in ["/kommun/1881/bild.png", "/favicon.ico"] {
        let live = crate::data_support::get_raw(app, path);
        let file = nginx.get(path, None);
        assert_eq!((file.status, live.status), (200, 200), "{path}");
        assert!(
            file.body == live.body,
            "{path}: differs from the live server's"
        );
    }
}

/// The policy headers nginx sends for the export are the live server's:
/// a page may be framed by no site, an embed by any; each sent once, also
/// on an answer nginx passes on from the live server.
fn same_headers_as_live(app: &TestApp, nginx: &Nginx) {
    use kompass::web::policy::{CSP, EMBED_CSP};
    for (path, csp) in [
        ("/kommun/1881-kumla", CSP),
        ("/kommun/1881/inbadda", EMBED_CSP),
        ("/data/kompass.csv", CSP),
        ("/jamfor/inbadda?kommun=1881,0115", EMBED_CSP),
        ("/jamfor?kommun=1881,0115", CSP),
    ] {
        let file = nginx.get(path, None);
        let live = crate::data_support::get_raw(app, path);
        assert_eq!(file.status, 200, "{path}");
        for name in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "permissions-policy",
            "access-control-allow-origin",
            "x-frame-options",
        ] {
            assert_eq!(all(&file, name), all(&live, name), "{path}: {name}");
        }
        assert_eq!(all(&file, "content-security-policy"), [csp], "{path}");
    }
}
