//! The pages as people get them: a real headless Chromium (Debian's, driven by
//! playwright-core from `tests/browser/check.mjs`) against the real server on
//! the bundled data, with axe-core for WCAG 2.1 A/AA and screenshots at 375
//! and 1280 px in `target/screenshots/`; and every page type through the Nu
//! HTML Checker (`vnu-jar`, on the machine's Java). Missing tools are
//! installed here (Debian packages, then `npm ci` from the lock file).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use crate::common::tools::require_apt;
use crate::common::{TestApp, project_dir};

static NPM: Mutex<()> = Mutex::new(());

/// The npm packages the checks need, from `tests/browser/package-lock.json`.
const PACKAGES: [&str; 3] = ["playwright-core", "axe-core", "vnu-jar"];

fn browser_dir() -> PathBuf {
    project_dir().join("tests").join("browser")
}

/// Node and the packages of `tests/browser`, installed when missing.
fn node_packages() -> PathBuf {
    require_apt("node", "nodejs");
    require_apt("npm", "npm");
    let _guard = NPM.lock().unwrap_or_else(|p| p.into_inner());
    let dir = browser_dir();
    let installed = |p: &str| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    };
    if !PACKAGES.iter().all(|p| installed(p)) {
        // No install scripts: the checks need none (vnu-jar's would fetch a Java).
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "`npm ci` in {} failed", dir.display());
    }
    assert!(
        PACKAGES.iter().all(|p| installed(p)),
        "npm did not install {PACKAGES:?} in {}",
        dir.display()
    );
    dir
}

fn show(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_page_type_works_in_a_real_browser_and_passes_axe() {
    require_apt("chromium", "chromium");
    let dir = node_packages();
    let app = TestApp::bundled_at_own_address();
    let screenshots = project_dir().join("target").join("screenshots");
    let output = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(&app.base)
        .arg(&screenshots)
        .current_dir(&dir)
        .output()
        .expect("node runs");
    println!("{}", show(&output));
    assert!(
        output.status.success(),
        "browser checks failed:\n{}",
        show(&output)
    );
    printed_profile_fits_two_a4_pages(&screenshots);
    for name in [
        "start",
        "kommun-kumla",
        "jamfor",
        "rankning",
        "om",
        "inbadda",
    ] {
        for width in [375, 1280] {
            let shot = screenshots.join(format!("{name}-{width}.png"));
            assert!(
                std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
                "no screenshot {}",
                shot.display()
            );
        }
    }
}

/// Kumla's page as Chromium prints it (check.mjs saved it): at most two A4
/// pages, each turned into a PNG beside the screenshots to look at.
fn printed_profile_fits_two_a4_pages(screenshots: &Path) {
    require_apt("pdfinfo", "poppler-utils");
    let pdf = screenshots.join("kommun-kumla.pdf");
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo has no {name}: {info}"))
    };
    let pages: usize = field("Pages:").parse().expect("a page count");
    assert!((1..=2).contains(&pages), "Kumla prints on {pages} pages");
    assert!(field("Page size:").contains("(A4)"), "{info}");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(screenshots.join("kommun-kumla-print-page"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
}

/// Every page type, and the downloadable charts, as files for the checker.
const CHECKED: [(&str, &str); 20] = [
    ("start.html", "/"),
    ("sok.html", "/sok?q=upplands"),
    ("sok-tom.html", "/sok?q="),
    ("kumla.html", "/kommun/1881-kumla"),
    ("vallentuna.html", "/kommun/0115-vallentuna"),
    ("strangnas.html", "/kommun/0486-strangnas"),
    ("grastorp.html", "/kommun/1444-grastorp"),
    ("stockholm.html", "/kommun/0180-stockholm"),
    ("jamfor.html", "/jamfor?kommun=1881,0115,1444"),
    ("jamfor-val.html", "/jamfor?kommun=1881&lagg_till=upplands"),
    ("rankning.html", "/rankning?revision=v2010&sortera=namn"),
    ("omrade.html", "/omrade/brukarens-fokus"),
    ("kommuner.html", "/kommuner"),
    ("om.html", "/om"),
    ("api.html", "/api"),
    ("404.html", "/kommun/kumal"),
    ("inbadda.html", "/kommun/1881/inbadda"),
    (
        "jamfor-inbadda.html",
        "/jamfor/inbadda?kommun=1881,0115,1444",
    ),
    ("omraden.svg", "/kommun/1881/diagram/omraden.svg"),
    ("jamfor.svg", "/jamfor/diagram.svg?kommun=1881,0115,1444"),
];

fn vnu_jar(dir: &Path) -> PathBuf {
    dir.join("node_modules")
        .join("vnu-jar")
        .join("build")
        .join("dist")
        .join("vnu.jar")
}

#[test]
fn every_page_type_is_valid_html_by_the_nu_checker() {
    require_apt("java", "default-jre-headless");
    let dir = node_packages();
    let app = TestApp::bundled();
    let files: Vec<PathBuf> = CHECKED
        .iter()
        .map(|(name, path)| {
            let body = app.get(path).body;
            app.scratch.write(name, &body)
        })
        .collect();
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar(&dir))
        .args([
            "--errors-only",
            "--also-check-svg",
            "--format",
            "json",
            "--stdout",
        ])
        .args(&files)
        .output()
        .expect("java runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("vnu gave no JSON ({e}):\n{}", show(&output)));
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let file = m["url"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("");
            format!(
                "{file}:{}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found errors:\n{}",
        errors.join("\n")
    );
}
