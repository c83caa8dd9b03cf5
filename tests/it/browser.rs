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
use crate::common::{TestApp, kompass_check, project_dir};

static NPM: Mutex<()> = Mutex::new(());

/// The npm packages the checks need, from `tests/browser/package-lock.json`.
const PACKAGES: [&str; 3] = ["playwright-core", "axe-core", "vnu-jar"];

fn browser_dir() -> PathBuf {
    project_dir().join("tests").join("browser")
}

/// Node and the packages of `tests/browser`, installed when missing.
pub fn node_packages() -> PathBuf {
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
    run_script(
        &dir,
        "check.mjs",
        &[app.base.as_ref(), screenshots.as_os_str()],
    );
    let version = data_version(&app);
    printed_profile_keeps_the_sub_areas_and_findings(&screenshots, &version);
    printed_summary_is_one_a4_page_with_the_data_version(&screenshots, &version);
    for name in [
        "start",
        "kommun-kumla",
        "kommun-enkoping",
        "sammanfattning",
        "jamfor",
        "jamfor-val",
        "jamfor-ej-utvarderad",
        "jamfor-grannar",
        "rankning",
        "rankning-kommungrupp",
        "forandring",
        "kommuner",
        "api",
        "om",
        "inbadda",
    ] {
        assert_screenshots(&screenshots, name);
    }
}

/// Every embed as another site frames it at 640 px with the code its page
/// offers: it fits, and with its table opened the source and licence stay
/// in view (`embeds.mjs`); each passes axe.
#[test]
fn every_embed_fits_its_frame_and_keeps_source_and_licence_in_view() {
    require_apt("chromium", "chromium");
    let dir = node_packages();
    let app = TestApp::bundled_at_own_address();
    let screenshots = project_dir().join("target").join("screenshots");
    run_script(
        &dir,
        "embeds.mjs",
        &[app.base.as_ref(), screenshots.as_os_str()],
    );
    for name in [
        "inbadda-kommun",
        "inbadda-jamfor",
        "inbadda-rankning",
        "inbadda-omrade",
        "inbadda-forandring",
    ] {
        assert_screenshots(&screenshots, name);
    }
}

/// The citable data version, as the data package states it.
fn data_version(app: &TestApp) -> String {
    let package: serde_json::Value =
        serde_json::from_str(&app.get("/data/datapackage.json").body).expect("JSON");
    package["version"].as_str().expect("a version").to_string()
}

/// A PDF that check.mjs saved: its page count, after checking it is A4,
/// and its text; each page also as a PNG beside the screenshots to look at.
/// (pdftotext comes with pdfinfo, in poppler-utils.)
fn printed(screenshots: &Path, name: &str) -> (usize, String) {
    require_apt("pdfinfo", "poppler-utils");
    let pdf = screenshots.join(format!("{name}.pdf"));
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
    assert!(field("Page size:").contains("(A4)"), "{info}");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(screenshots.join(format!("{name}-print-page")))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    // In reading order, every run of white space one space: a sentence
    // wrapped over lines reads as one.
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    (pages, text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Kumla's page as Chromium prints it: the profile with its sub-areas and
/// the report's findings, every area open, on as many A4 pages as they
/// need, and the footer with the data version.
fn printed_profile_keeps_the_sub_areas_and_findings(screenshots: &Path, version: &str) {
    let (pages, text) = printed(screenshots, "kommun-kumla");
    assert!((2..=10).contains(&pages), "Kumla prints on {pages} pages");
    for wanted in [
        "Att förbättra",
        "Delområden 2020",
        "1.2 Kommunens information till medborgarna",
        "Ur utvärderingsrapporten 2020",
        "Demokrati och dialog är ett av de nio övergripande strategiska målen",
        "8 Chefs- och ledarskap samt medarbetarskap",
    ] {
        assert!(text.contains(wanted), "the printed page lacks {wanted:?}");
    }
    assert!(
        text.contains(&format!("version {version}")),
        "no data version"
    );
    assert!(!text.contains("Bädda in"), "the embed code is printed");
}

/// `/kommun/1881/sammanfattning` as Chromium prints it: one A4 page, with
/// the data version.
fn printed_summary_is_one_a4_page_with_the_data_version(screenshots: &Path, version: &str) {
    let (pages, text) = printed(screenshots, "sammanfattning-kumla");
    assert_eq!(pages, 1, "the summary prints on {pages} pages:\n{text}");
    for wanted in ["557", "Sverigesnitt 2021", "Att förbättra", "Styrkor"] {
        assert!(
            text.contains(wanted),
            "the summary lacks {wanted:?}:\n{text}"
        );
    }
    assert!(
        text.contains(&format!("version {version}")),
        "the summary has no data version {version}:\n{text}"
    );
}

/// Every page type, and the downloadable charts, as files for the checker.
const CHECKED: [(&str, &str); 48] = [
    ("start.html", "/"),
    ("sok.html", "/sok?q=upplands"),
    ("sok-tom.html", "/sok?q="),
    ("kumla.html", "/kommun/1881-kumla"),
    ("vallentuna.html", "/kommun/0115-vallentuna"),
    ("strangnas.html", "/kommun/0486-strangnas"),
    ("grastorp.html", "/kommun/1444-grastorp"),
    ("stockholm.html", "/kommun/0180-stockholm"),
    ("osteraker.html", "/kommun/0117-osteraker"),
    ("enkoping.html", "/kommun/0381-enkoping"),
    ("orebro.html", "/kommun/1880-orebro"),
    ("sammanfattning.html", "/kommun/1881/sammanfattning"),
    (
        "sammanfattning-enkoping.html",
        "/kommun/0381/sammanfattning",
    ),
    ("upplands-vasby.html", "/kommun/0114-upplands-vasby"),
    ("jamfor.html", "/jamfor?kommun=1881,0115,1444"),
    ("jamfor-val.html", "/jamfor?kommun=1881&lagg_till=upplands"),
    ("rankning.html", "/rankning?revision=v2010&sortera=namn"),
    ("rankning-standard.html", "/rankning"),
    ("jamfor-utvardering.html", "/jamfor?kommun=1880:2015,1881"),
    ("jamfor-referens.html", "/jamfor?kommun=1881,0115"),
    ("jamfor-ej-utvarderad.html", "/jamfor?kommun=1881,0120"),
    ("jamfor-orebro.html", "/jamfor?kommun=1880,1881"),
    ("jamfor-grannar.html", "/jamfor?kommun=1880"),
    (
        "rankning-kommungrupp.html",
        "/rankning?kommungrupp=B3&revision=alla",
    ),
    ("kommuner-utvarderade.html", "/kommuner?visa=utvarderade"),
    ("omrade.html", "/omrade/brukarens-fokus"),
    ("kommuner.html", "/kommuner"),
    ("om.html", "/om"),
    ("saknas.html", "/saknas"),
    ("bidra-vald.html", "/bidra?kommun=1880&ar=2010"),
    (
        "bidra-siffror-vald.html",
        "/bidra/siffror?kommun=1880&ar=2010",
    ),
    ("api.html", "/api"),
    ("404.html", "/kommun/kumal"),
    ("inbadda.html", "/kommun/1881/inbadda"),
    (
        "jamfor-inbadda.html",
        "/jamfor/inbadda?kommun=1881,0115,1444",
    ),
    ("omraden.svg", "/kommun/1881/diagram/omraden.svg"),
    ("karta.svg", "/karta.svg"),
    ("jamfor.svg", "/jamfor/diagram.svg?kommun=1881,0115,1444"),
    ("forandring.html", "/forandring"),
    (
        "forandring-alla.html",
        "/forandring?versioner=alla&fran=forsta",
    ),
    (
        "forandring-inbadda.html",
        "/forandring/inbadda?versioner=alla",
    ),
    ("rankning-inbadda.html", "/rankning/inbadda"),
    (
        "omrade-inbadda.html",
        "/omrade/samspel/inbadda?revision=alla",
    ),
    ("forandring.svg", "/forandring/diagram.svg?versioner=alla"),
    ("rankning.svg", "/rankning/diagram.svg"),
    ("omrade.svg", "/omrade/arbetsliv/diagram.svg?revision=alla"),
    (
        "jamfor-paneler.svg",
        "/jamfor/diagram.svg?kommun=1881,0115,1286,1463",
    ),
    (
        "jamfor-referens-inbadda.html",
        "/jamfor/inbadda?kommun=1881,0115",
    ),
];

/// The Nu HTML Checker's errors on the files, one line each.
fn nu_checker_errors(dir: &Path, files: &[PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar(dir))
        .args([
            "--errors-only",
            "--also-check-svg",
            "--format",
            "json",
            "--stdout",
        ])
        .args(files)
        .output()
        .expect("java runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("vnu gave no JSON ({e}):\n{}", show(&output)));
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    messages
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
        .collect()
}

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
    let errors = nu_checker_errors(&dir, &files);
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found errors:\n{}",
        errors.join("\n")
    );
}

/// The files `contribute.mjs` sends: the report's text and PDF, random
/// bytes named .pdf, and a damaged report.
fn contribute_fixtures(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("fixture dir");
    let text = std::fs::read_to_string(project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
        .expect("the report fixture");
    std::fs::write(dir.join("kumla-2020.txt"), &text).expect("write");
    std::fs::write(
        dir.join("orebro-2022.txt"),
        crate::inbox::orebro_report(2022),
    )
    .expect("write");
    let pdf = crate::common::pdf::report_pdf(&text, "Fortsätta utveckla medborgardialogen vad");
    std::fs::write(dir.join("kumla-2020.pdf"), pdf).expect("write");
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.join("random.pdf"), noise).expect("write");
    std::fs::write(
        dir.join("damaged.txt"),
        crate::contribute::damaged_report(&text),
    )
    .expect("write");
}

#[test]
fn contributing_a_report_works_in_a_real_browser_and_the_files_pass_check() {
    require_apt("chromium", "chromium");
    require_apt("pdftotext", "poppler-utils");
    let dir = node_packages();
    let app = TestApp::bundled();
    let work = project_dir().join("target").join("bidra-browser");
    let (fixtures, downloads) = (work.join("fixtures"), work.join("downloads"));
    contribute_fixtures(&fixtures);
    let _ = std::fs::remove_dir_all(&downloads);
    let screenshots = project_dir().join("target").join("screenshots");
    run_script(
        &dir,
        "contribute.mjs",
        &[
            app.base.as_ref(),
            screenshots.as_os_str(),
            fixtures.as_os_str(),
            downloads.as_os_str(),
        ],
    );
    for name in ["from-text.toml", "from-pdf.toml", "from-form.toml"] {
        let file = downloads.join(name);
        let out = kompass_check(&file, &app.scratch.db());
        assert!(
            out.status.success(),
            "kompass check {name}:\n{}",
            show(&out)
        );
        assert!(show(&out).contains("1 file(s) valid"), "{}", show(&out));
    }
    let figures = |name: &str| {
        let text = std::fs::read_to_string(downloads.join(name)).expect("downloaded");
        let parsed =
            kompass::import::evaluation_file::parse(Path::new(name), &text).expect("parses");
        parsed.evaluation.without_lines()
    };
    let (from_text, from_pdf) = (figures("from-text.toml"), figures("from-pdf.toml"));
    assert_eq!(from_pdf.areas, from_text.areas);
    assert_eq!(from_pdf.subareas, from_text.subareas);
    // What was sent in is in the inbox, under the receipt's reference.
    let reference = std::fs::read_to_string(downloads.join("reference.txt")).expect("a receipt");
    let inbox = kompass::inbox::Inbox::open_existing(&app.scratch.path("inbox.db"))
        .expect("the inbox")
        .get(reference.trim().parse().expect("a reference"))
        .expect("the entry");
    assert_eq!(
        inbox.sent.source_url,
        "https://www.kumla.se/kommunkompassen-2020.pdf"
    );
    assert_eq!(
        inbox.sent.message.as_deref(),
        Some("Rapporten ligger på kumla.se. <script>alert(1)</script>")
    );
    for name in [
        "bidra",
        "bidra-granskning",
        "bidra-kvitto",
        "bidra-granskning-varning",
        "bidra-fel",
        "bidra-underkand",
        "bidra-siffror",
        "bidra-siffror-fel",
        "bidra-filformat",
    ] {
        assert_screenshots(&screenshots, name);
    }
}

#[test]
fn the_bidra_pages_and_answers_are_valid_html_by_the_nu_checker() {
    use crate::common::upload::Part;
    require_apt("java", "default-jre-headless");
    let dir = node_packages();
    let app = TestApp::bundled();
    let report =
        std::fs::read_to_string(project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
            .expect("the report fixture");
    let send = |name: &str, bytes: &[u8]| {
        app.post_multipart("/bidra", &[Part::file("rapport", name, bytes)])
            .body
    };
    let figures = |total: &str| {
        let fields = [
            ("municipality", "1881"),
            ("year", "2020"),
            ("revision", "v2020"),
            ("total", total),
            ("area1", "66"),
            ("area2", "73"),
            ("source_url", "https://www.kumla.se/"),
        ];
        app.post_urlencoded("/bidra/siffror", &fields).body
    };
    let orebro = crate::inbox::orebro_report(2022);
    let review = send("orebro.txt", orebro.as_bytes());
    let fields = crate::inbox::send_fields(&crate::inbox::carried(&review), "<b>Hej</b>");
    let receipt = crate::inbox::post_send(&app.base, &fields, &[]).body;
    let mut no_source = fields.clone();
    no_source.retain(|(k, _)| k != "kalla");
    let asked = crate::inbox::post_send(&app.base, &no_source, &[]).body;
    let cross_site =
        crate::inbox::post_send(&app.base, &fields, &[("Origin", "https://evil.example")]).body;
    let pages = [
        ("jamford.html", review),
        ("kvitto.html", receipt),
        ("kalla-saknas.html", asked),
        ("annan-webbplats.html", cross_site),
        (
            "framtida-ar.html",
            send(
                "orebro-2031.txt",
                crate::inbox::orebro_report(2031).as_bytes(),
            ),
        ),
        ("bidra.html", app.get("/bidra").body),
        ("bidra-siffror.html", app.get("/bidra/siffror").body),
        ("bidra-filformat.html", app.get("/bidra/filformat").body),
        ("granskning.html", send("kumla-2020.txt", report.as_bytes())),
        (
            "underkand.html",
            send(
                "skadad.txt",
                crate::contribute::damaged_report(&report).as_bytes(),
            ),
        ),
        ("fel.html", send("slump.pdf", b"inte en pdf")),
        ("siffror-fel.html", figures("900")),
        ("siffror-fel-tal.html", figures("femhundra")),
        ("siffror-ok.html", figures("")),
    ];
    let files: Vec<PathBuf> = pages
        .iter()
        .map(|(name, body)| app.scratch.write(name, body))
        .collect();
    let errors = nu_checker_errors(&dir, &files);
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found errors:\n{}",
        errors.join("\n")
    );
}

/// The script left `name`'s screenshots at 375 and 1280 px, each a real image.
fn assert_screenshots(dir: &Path, name: &str) {
    for width in [375, 1280] {
        let shot = dir.join(format!("{name}-{width}.png"));
        assert!(
            std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
            "no screenshot {}",
            shot.display()
        );
    }
}

/// Runs a browser script in `dir` (where its node packages are) and fails
/// with everything it printed unless it passed.
pub fn run_script(dir: &Path, script: &str, args: &[&std::ffi::OsStr]) {
    let output = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("node runs");
    println!("{}", show(&output));
    assert!(
        output.status.success(),
        "browser checks failed:\n{}",
        show(&output)
    );
}
