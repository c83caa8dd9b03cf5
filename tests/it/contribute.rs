//! `/bidra` through the real server on the bundled data: a report sent as
//! text and as a PDF answers with its review and an evaluation file that
//! `kompass check` accepts; what is too large, not a PDF, damaged or busy
//! gets its clear answer; nothing is written, kept or cached, and no
//! temporary file is left (the server's scratch folder is a fresh one).

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use kompass::domain::Evaluation;
use kompass::import::evaluation_file;
use kompass::web::Settings;
use sha2::{Digest, Sha256};

use crate::common::upload::{Part, raw_upload};
use crate::common::{
    Response, Scratch, TestApp, bundled_data, import_bundle, kompass_check, pdf, project_dir, tools,
};

const AREA1_IMPROVEMENTS: &str = "Fortsätta utveckla medborgardialogen vad";

/// The Kumla report's text with sub-area 1.1 changed so that area 1 no
/// longer adds up: 19 of 20 (95 %) instead of 13 (63 %).
pub fn damaged_report(text: &str) -> String {
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    assert!(text.contains(row), "the fixture's row 1.1");
    text.replacen(row, &row.replace("13 20 63%", "19 20 95%"), 1)
}

fn report_text() -> String {
    std::fs::read_to_string(project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
        .expect("the report fixture")
}

/// The server on the bundled data, its PDF folders made in `scratch`.
fn app_with_scratch(scratch_dir: &Path) -> TestApp {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    TestApp::serve_with(
        scratch,
        Settings {
            scratch_dir: Some(scratch_dir.to_path_buf()),
            ..Settings::default()
        },
    )
}

fn file_hash(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read")))
}

fn send(app: &TestApp, file_name: &str, bytes: &[u8]) -> Response {
    app.post_multipart(
        "/bidra",
        &[
            Part::file("rapport", file_name, bytes),
            Part::field("text", ""),
        ],
    )
}

/// The evaluation file a review page offers: its download name and text.
fn offered_file(page: &str) -> (String, String) {
    let start = page
        .find("href=\"data:application/toml;charset=utf-8;base64,")
        .unwrap_or_else(|| panic!("no file offered:\n{page}"));
    let rest = &page[start + "href=\"data:application/toml;charset=utf-8;base64,".len()..];
    let encoded = &rest[..rest.find('"').expect("end of the address")];
    let text = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    let name_at = rest.find("download=\"").expect("a download name") + "download=\"".len();
    let name = &rest[name_at..name_at + rest[name_at..].find('"').expect("end")];
    (name.to_string(), String::from_utf8(text).expect("UTF-8"))
}

fn evaluation_of(text: &str) -> Evaluation {
    evaluation_file::parse(Path::new("offered.toml"), text)
        .expect("the offered file parses")
        .evaluation
        .without_lines()
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("scratch folder")
        .map(|e| e.expect("entry").path())
        .collect()
}

#[test]
fn the_report_as_text_and_as_pdf_gives_its_review_and_a_file_kompass_check_accepts() {
    tools::require_apt("pdftotext", "poppler-utils");
    let folder = Scratch::new();
    let app = app_with_scratch(folder.dir.path());
    let db_before = file_hash(&app.scratch.db());
    let text = report_text();
    let page = send(&app, "kumla-2020.txt", text.as_bytes());
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page.header("content-security-policy").is_some());
    let body = &page.body;
    assert!(body.contains("<h1>Kumla, november 2020</h1>"), "{body}");
    assert!(body.contains("v2020 (kriterierna från 2019/2020)"));
    assert!(body.contains("kommunens andra utvärdering"));
    assert_eq!(body.matches("<tr class=\"group-row\">").count(), 8);
    assert_eq!(body.matches("<tr><th scope=\"row\">").count(), 35);
    assert!(!body.contains("Underkänd"));
    // Every figure with the report line it came from: 3.4's row is line 3124.
    assert!(body.contains("3.4 Samspel mellan rollerna som förtroendevald respektive tjänsteperson</th><td class=\"num\">18</td><td class=\"num\">20</td><td class=\"num\">90 %</td><td class=\"num\">3124</td>"), "{body}");
    let (name, toml) = offered_file(body);
    assert_eq!(name, "1881-kumla-2020.toml");
    let from_text = evaluation_of(&toml);
    let points: Vec<String> = from_text
        .areas
        .iter()
        .map(|a| a.points.to_string())
        .collect();
    assert_eq!(points, ["66", "73", "80", "60", "65", "71", "70", "72"]);
    assert_eq!(from_text.subareas.len(), 35);
    let written = folder.write("offered/1881-kumla-2020.toml", &toml);
    let checked = kompass_check(&written, &folder.db());
    let stdout = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(
        stdout.contains("1 file(s) valid; nothing written"),
        "{stdout}"
    );
    // The same report as a PDF gives the same figures.
    let pdf_bytes = pdf::report_pdf(&text, AREA1_IMPROVEMENTS);
    let page = send(&app, "kumla-2020.pdf", &pdf_bytes);
    assert_eq!(page.status, 200, "{}", page.body);
    let from_pdf = evaluation_of(&offered_file(&page.body).1);
    assert_eq!(from_pdf.areas, from_text.areas);
    assert_eq!(from_pdf.subareas, from_text.subareas);
    assert_eq!(
        (from_pdf.year, from_pdf.month, from_pdf.revision),
        (2020, Some(11), from_text.revision)
    );
    // Nothing written, nothing left behind.
    assert_eq!(file_hash(&app.scratch.db()), db_before);
    let left: Vec<PathBuf> = leftovers(folder.dir.path())
        .into_iter()
        .filter(|p| !p.ends_with("offered"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn pasted_text_is_read_like_a_file() {
    let app = TestApp::bundled();
    let page = app.post_multipart("/bidra", &[Part::field("text", &report_text())]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("rapporten inklistrad text.txt"));
    let none = app.post_multipart("/bidra", &[Part::field("text", "  ")]);
    assert_eq!(none.status, 400);
    assert!(
        none.body
            .contains("välj en fil eller klistra in rapportens text"),
        "{}",
        none.body
    );
}

#[test]
fn a_30_mb_upload_is_refused_413_before_it_is_read_and_the_server_stays_up() {
    let folder = Scratch::new();
    let app = app_with_scratch(folder.dir.path());
    let size = 30 * 1024 * 1024;
    // A form whose file part runs on for 30 MB.
    let part = "--b\r\nContent-Disposition: form-data; name=\"rapport\"; filename=\"stor.pdf\"\r\n\r\n%PDF-1.4\n";
    let head = format!(
        "POST /bidra HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {size}\r\n\r\n"
    );
    // The client stops after 64 kB of it and waits: the answer comes
    // without the rest.
    let declared = raw_upload(&app, &head, part.as_bytes(), size, false, 64 * 1024);
    assert!(
        declared.status_line.contains(" 413 "),
        "{}",
        declared.status_line
    );
    assert!(
        declared.sent < size / 10,
        "the server read {} bytes first",
        declared.sent
    );
    // A body that does not say its length is cut off just past the cap:
    // the client sends 1 MB past it, then waits, and the answer comes
    // without the other 9 MB (and not before the cap was passed).
    let head = "POST /bidra HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n";
    let cap = kompass::web::upload::MAX_BYTES;
    let past = cap + 1024 * 1024;
    let streamed = raw_upload(&app, head, part.as_bytes(), size, true, past);
    assert!(
        streamed.status_line.contains(" 413 "),
        "{}",
        streamed.status_line
    );
    assert!(
        streamed.sent > cap && streamed.sent <= past,
        "{} bytes were taken",
        streamed.sent
    );
    // The answer says it in Swedish.
    assert!(
        declared.answer.contains("högst 20 MB"),
        "{}",
        declared.answer
    );
    let page = app.get("/bidra");
    assert_eq!(page.status, 200);
    assert!(leftovers(folder.dir.path()).is_empty());
}

#[test]
fn random_bytes_named_pdf_and_a_damaged_report_say_where_and_why_in_swedish() {
    let folder = Scratch::new();
    let app = app_with_scratch(folder.dir.path());
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let page = send(&app, "kumla-2020.pdf", &noise);
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("Filen heter .pdf men är ingen PDF"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/bidra/filformat\""));
    assert!(!page.body.contains("data:application/toml"));
    // Sub-area 1.1 changed: area 1 no longer adds up; its total is on line 3099.
    let text = report_text();
    let damaged = damaged_report(&text);
    let page = send(&app, "skadad.txt", damaged.as_bytes());
    assert_eq!(page.status, 422);
    let failed = page
        .body
        .split("<li class=\"failed\">")
        .nth(1)
        .expect("a failed check");
    assert!(
        failed.starts_with("<span class=\"mark\">Underkänd</span>"),
        "{failed}"
    );
    assert!(
        failed.contains("Delområdenas summa mot områdets poäng"),
        "{failed}"
    );
    assert!(
        failed.contains(
            "Rad 3099 i rapporten, område 1: </strong>Delområdena i område 1 summerar till"
        ),
        "{failed}"
    );
    assert_eq!(page.body.matches("<li class=\"failed\">").count(), 1);
    assert!(!page.body.contains("data:application/toml"));
    assert_eq!(app.get("/").status, 200);
    assert!(leftovers(folder.dir.path()).is_empty());
}

#[test]
fn what_the_report_reader_refuses_is_said_in_swedish_too() {
    let app = TestApp::bundled();
    // A row whose max is printed as a dash: the page said it in English before.
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    let text = report_text();
    assert!(text.contains(row));
    let broken = text.replacen(row, &row.replace("13 20 63%", "13 – 63%"), 1);
    let page = send(&app, "trasig.txt", broken.as_bytes());
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(
        page.body.contains(
            "översiktstabellen, delområde 1.1: </strong>Raden för delområde 1.1 \
             (Strategi för demokratiutveckling och information) går inte att läsa: \
             maxpoängen är tryckt som ”–”."
        ),
        "{}",
        page.body
    );
    assert!(!page.body.contains("lang=\"en\""), "{}", page.body);
}

fn kumla_figures(total: &str) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("municipality", "1881".to_string()),
        ("year", "2020".into()),
        ("month", "11".into()),
        ("revision", "v2020".into()),
        ("total", total.into()),
        ("source_url", "https://www.kumla.se/kommunkompassen".into()),
    ];
    for (i, p) in ["66", "73", "80", "60", "65", "71", "70", "72"]
        .iter()
        .enumerate()
    {
        let name: &'static str = [
            "area1", "area2", "area3", "area4", "area5", "area6", "area7", "area8",
        ][i];
        fields.push((name, (*p).to_string()));
    }
    fields
}

fn post_figures(app: &TestApp, fields: &[(&str, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_urlencoded("/bidra/siffror", &pairs)
}

#[test]
fn figures_from_a_web_page_are_checked_like_a_file_and_give_one() {
    let app = TestApp::bundled();
    let page = post_figures(&app, &kumla_figures("575"));
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("De åtta områdena summerar till 553–561 med avrundning, men den publicerade totalpoängen är 575."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("id=\"f-total\" name=\"total\" type=\"text\" value=\"575\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(!page.body.contains("data:application/toml"));
    // The same total recorded as what the page prints passes.
    let mut noted = kumla_figures("575");
    noted.push((
        "total_discrepancy",
        "Sidan anger 575; områdena summerar till 557.".into(),
    ));
    assert_eq!(post_figures(&app, &noted).status, 200);
    // Consistent figures: a file kompass check accepts.
    let page = post_figures(&app, &kumla_figures("557"));
    assert_eq!(page.status, 200, "{}", page.body);
    let (name, toml) = offered_file(&page.body);
    assert_eq!(name, "1881-kumla-2020.toml");
    assert!(
        toml.contains("url = \"https://www.kumla.se/kommunkompassen\""),
        "{toml}"
    );
    let folder = Scratch::new();
    let written = folder.write(&name, &toml);
    let checked = kompass_check(&written, &folder.db());
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // What is not a number, and what is missing, is said at its field.
    let mut bad = kumla_figures("557");
    bad[1].1 = "tjugotjugo".into();
    bad[5].1 = String::new();
    let page = post_figures(&app, &bad);
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("Fyll i adressen till sidan där siffrorna står."),
        "{}",
        page.body
    );
}

#[test]
fn reading_waits_its_turn_and_answers_503_when_the_wait_is_too_long() {
    let app = TestApp::bundled_with(Settings {
        report_slots: 1,
        report_wait: Duration::from_millis(200),
        ..Settings::default()
    });
    let held = app.state.report_gate.try_acquire().expect("the only slot");
    let busy = send(&app, "kumla-2020.txt", report_text().as_bytes());
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("retry-after"), Some("2"));
    drop(held);
    assert_eq!(
        send(&app, "kumla-2020.txt", report_text().as_bytes()).status,
        200
    );
}

#[test]
fn posts_are_never_cached_and_other_methods_are_refused() {
    let app = TestApp::bundled();
    let first = send(&app, "a.txt", report_text().as_bytes());
    let second = send(&app, "b.txt", b"Hej.\nDetta \xc3\xa4r ingen rapport.\n");
    assert_eq!((first.status, second.status), (200, 422));
    assert!(
        second.body.contains("Det här är varken en utvärderingsfil"),
        "{}",
        second.body
    );
    assert!(first.header("etag").is_none());
    let get = app.get("/bidra");
    assert_eq!(get.status, 200);
    assert!(get.body.contains("enctype=\"multipart/form-data\""));
    let put = app
        .agent
        .put(&app.url("/bidra"))
        .send(&b""[..])
        .expect("PUT answers");
    assert_eq!(put.status().as_u16(), 405);
    assert_eq!(
        put.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, HEAD, POST")
    );
    let post_elsewhere = app.post("/om", "text/plain", b"x".to_vec());
    assert_eq!(post_elsewhere.status, 405);
}

#[test]
fn the_pages_link_to_bidra() {
    let app = TestApp::bundled();
    for path in ["/om", "/kommun/0117-osteraker", "/"] {
        let page = app.get(path);
        assert!(
            page.body.contains("href=\"/bidra"),
            "{path} has no link to /bidra"
        );
    }
    let format = app.get("/bidra/filformat");
    assert_eq!(format.status, 200);
    assert!(format.body.contains("municipality = &quot;1881&quot;"));
}

#[test]
fn the_pdf_reader_is_stopped_at_its_memory_limit() {
    tools::require_apt("pdftotext", "poppler-utils");
    let folder = Scratch::new();
    let limits = kompass::import::pdf::Limits {
        memory: Some(8 * 1024 * 1024),
        time: Some(Duration::from_secs(20)),
        temp_parent: Some(folder.dir.path().to_path_buf()),
        ..Default::default()
    };
    let bytes = pdf::report_pdf(&report_text(), AREA1_IMPROVEMENTS);
    let err = kompass::import::pdf::extract_text_with(Path::new("r.pdf"), &bytes, &limits)
        .expect_err("8 MB is too little for pdftotext");
    assert!(err.to_string().contains("memory limit of 8 MB"), "{err}");
    assert!(leftovers(folder.dir.path()).is_empty());
}

/// Processes (other than zombies) whose working folder is under `dir`:
/// the PDF reader runs in a folder of its own there.
fn running_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(cwd) = std::fs::read_link(entry.path().join("cwd")) else {
            continue;
        };
        if cwd.starts_with(dir) {
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            found.push(String::from_utf8_lossy(&cmdline).replace('\0', " "));
        }
    }
    found
}

#[test]
fn a_pdf_whose_text_passes_the_cap_is_answered_and_leaves_nothing_behind() {
    tools::require_apt("pdftotext", "poppler-utils");
    let folder = Scratch::new();
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    // Time enough for the text to pass its cap on a loaded machine: what
    // is tested is the cap's way out.
    let app = TestApp::serve_with(
        scratch,
        Settings {
            scratch_dir: Some(folder.dir.path().to_path_buf()),
            pdf_time: Duration::from_secs(180),
            ..Settings::default()
        },
    );
    // 4,000 pages drawing one shared content stream: under a megabyte of
    // PDF, some 28 MB of text.
    let bytes = pdf::pages_sharing_one_stream(4000, 60);
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    // One more than there are report slots: each is answered, so none
    // keeps its slot.
    for round in 0..=app.state.settings.report_slots {
        let page = send(&app, "stor.pdf", &bytes);
        assert_eq!(page.status, 422, "round {round}: {}", page.body);
        assert!(page.body.contains("16 MB"), "round {round}: {}", page.body);
        assert_eq!(running_in(folder.dir.path()), Vec::<String>::new());
        assert!(leftovers(folder.dir.path()).is_empty(), "round {round}");
    }
    assert_eq!(
        app.state.report_gate.available_permits(),
        app.state.settings.report_slots
    );
    let page = send(&app, "kumla-2020.txt", report_text().as_bytes());
    assert_eq!(page.status, 200, "{}", page.body);
}

/// A connection that has sent a report form's head from `client` (through
/// the trusted proxy) and then sends a kilobyte a second, until `stop`.
fn trickle(
    app: &TestApp,
    client: &str,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<()> {
    use std::io::Write as _;
    let address = app.base.trim_start_matches("http://").to_string();
    let head = format!(
        "POST /bidra HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: {client}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"rapport\"; filename=\"r.txt\"\r\n\r\n"
    );
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream.write_all(head.as_bytes()).expect("head");
    std::thread::spawn(move || {
        // Bounded: at most a minute, a kilobyte a second.
        for _ in 0..60 {
            if stop.load(std::sync::atomic::Ordering::SeqCst)
                || stream.write_all(&[b'x'; 1024]).is_err()
            {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    })
}

#[test]
fn slow_uploads_hold_no_report_slot_and_each_client_has_a_cap() {
    let app = TestApp::bundled_with(Settings {
        report_slots: 2,
        trusted_proxy: Some("127.0.0.1".parse().expect("address")),
        ..Settings::default()
    });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // As many trickling uploads as there are report slots, each from a
    // client of its own, and one more from the first of them.
    let mut trickles: Vec<_> = (0..app.state.settings.report_slots)
        .map(|i| trickle(&app, &format!("203.0.113.{}", i + 1), stop.clone()))
        .collect();
    trickles.push(trickle(&app, "203.0.113.1", stop.clone()));
    let arrived = (0..200).any(|_| {
        std::thread::sleep(Duration::from_millis(25));
        app.state.uploads.arriving() == 3
    });
    assert!(arrived, "the trickling uploads arrived");
    let (content_type, body) = crate::common::upload::multipart(&[
        Part::file("rapport", "kumla-2020.txt", report_text().as_bytes()),
        Part::field("text", ""),
    ]);
    // Another client's report is read at once and answered.
    let other = app.post_with(
        "/bidra",
        &content_type,
        body.clone(),
        &[("X-Forwarded-For", "10.1.1.1, 198.51.100.9")],
    );
    // A client already sending two gets 429, whatever it claims further back.
    let third = app.post_with(
        "/bidra",
        &content_type,
        body.clone(),
        &[("X-Forwarded-For", "198.51.100.9, 203.0.113.1")],
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for t in trickles.drain(..) {
        t.join().expect("trickle");
    }
    assert_eq!(other.status, 200, "{}", other.body);
    assert_eq!(third.status, 429, "{}", third.body);
    assert_eq!(third.header("retry-after"), Some("2"));
    assert!(third.body.contains("överföringar"), "{}", third.body);
}
