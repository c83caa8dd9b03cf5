//! Reports of every era (issue 19.3). A full-length report in each layout
//! (`tests/fixtures/reports/eras/`: the shapes of the real beginnings with
//! Kumla 2020's figures under other municipalities' names) reads exactly
//! through `kompass check`, `kompass import` and `/bidra`, also as a
//! document-sharing site's transcript of it; the real beginnings
//! (`tests/fixtures/reports/real/`) are refused saying what they hold and
//! where they stop, and `/bidra` offers the points a beginning prints in
//! the form for figures, filled in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::upload::Part;
use crate::common::{Scratch, TestApp, bundled_data, kompass_check, project_dir};

/// One fixture and what it must read to.
struct Era {
    file: &'static str,
    code: &'static str,
    year: i64,
    month: i64,
    number: i64,
    revision: &'static str,
    total: Option<i64>,
    subareas: usize,
}

const ERAS: [Era; 5] = [
    Era {
        file: "alingsas-2006-v2002.txt",
        code: "1489",
        year: 2006,
        month: 11,
        number: 1,
        revision: "v2002",
        total: Some(557),
        subareas: 35,
    },
    Era {
        file: "sundsvall-2010-v2010-poangsammanstallning.txt",
        code: "2281",
        year: 2010,
        month: 9,
        number: 2,
        revision: "v2010",
        total: Some(557),
        subareas: 35,
    },
    Era {
        file: "harnosand-2013-v2010-oversikt.txt",
        code: "2280",
        year: 2013,
        month: 11,
        number: 2,
        revision: "v2010",
        total: None,
        subareas: 35,
    },
    Era {
        file: "vaxjo-2017-v2016-points-in-headings.txt",
        code: "0780",
        year: 2017,
        month: 4,
        number: 1,
        revision: "v2016",
        total: None,
        subareas: 0,
    },
    Era {
        file: "kalmar-2014-docplayer-transcript.txt",
        code: "0880",
        year: 2014,
        month: 10,
        number: 1,
        revision: "v2010",
        total: None,
        subareas: 35,
    },
];

/// Kumla 2020's area points, which every fixture prints.
const POINTS: [i64; 8] = [66, 73, 80, 60, 65, 71, 70, 72];

fn era_path(file: &str) -> PathBuf {
    project_dir().join("tests/fixtures/reports/eras").join(file)
}

fn real_path(file: &str) -> PathBuf {
    project_dir().join("tests/fixtures/reports/real").join(file)
}

fn kompass(args: &[&str], files: &[&Path], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kompass"))
        .current_dir(project_dir())
        .env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_DATA")
        .args(args)
        .args(files)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

/// `kompass import --dry-run --format json` of one file.
fn dry_run(file: &Path, scratch: &Scratch) -> serde_json::Value {
    let out = kompass(
        &["import", "--dry-run", "--format", "json"],
        &[file],
        &scratch.db(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn points(json: &serde_json::Value) -> Vec<i64> {
    json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["points"].as_f64().unwrap() as i64)
        .collect()
}

/// The sub-areas without the report lines they were read from.
fn subareas(json: &serde_json::Value) -> Vec<serde_json::Value> {
    json["subareas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("line");
            s
        })
        .collect()
}

fn assert_reads_as(json: &serde_json::Value, era: &Era) {
    let what = era.file;
    assert_eq!(json["municipality_code"], era.code, "{what}");
    assert_eq!(
        (json["year"].as_i64(), json["month"].as_i64()),
        (Some(era.year), Some(era.month)),
        "{what}"
    );
    assert_eq!(
        json["evaluation_number"].as_i64(),
        Some(era.number),
        "{what}"
    );
    assert_eq!(json["revision"], era.revision, "{what}");
    assert_eq!(json["total"].as_i64(), era.total, "{what}");
    assert_eq!(points(json), POINTS, "{what}");
    assert_eq!(subareas(json).len(), era.subareas, "{what}");
}

#[test]
fn a_report_of_each_era_reads_exactly_through_check_and_import() {
    for era in &ERAS {
        let scratch = Scratch::new();
        let path = era_path(era.file);
        let out = kompass_check(&path, &scratch.db());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read = format!(
            "{}-{} {} (ok, read from the report)",
            era.code, era.year, era.revision
        );
        assert!(stdout.contains(&read), "{read:?} not in:\n{stdout}");
        assert_reads_as(&dry_run(&path, &scratch), era);
        let out = kompass(
            &["import", "--data"],
            &[&bundled_data(), &path],
            &scratch.db(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let app = TestApp::serve(scratch);
        let stored = app.get_json(&format!("/api/v1/evaluations/{}-{}", era.code, era.year));
        assert_eq!(points(&stored), POINTS, "{}", era.file);
        assert_eq!(stored["revision"], era.revision);
        assert_eq!(stored["provenance"]["source_file"], era.file);
    }
}

/// The real beginnings completed with the rest of a report in their own
/// layout (`eras/completed/`): each reads, the beginnings' quirks and all.
#[test]
fn the_real_beginnings_completed_read_exactly() {
    let scratch = Scratch::new();
    let kumla = POINTS;
    let molndal = [49, 61, 73, 61, 57, 63, 45, 67];
    for (file, code, year, month, revision, printed) in [
        (
            "stockholm-2009-completed.txt",
            "0180",
            2009,
            1,
            "v2002",
            kumla,
        ),
        (
            "borlange-2010-completed.txt",
            "2081",
            2010,
            6,
            "v2010",
            kumla,
        ),
        (
            "strangnas-2014-completed.txt",
            "0486",
            2014,
            10,
            "v2010",
            kumla,
        ),
        ("boras-2015-completed.txt", "1490", 2015, 3, "v2010", kumla),
        (
            "molndal-2016-completed.txt",
            "1481",
            2016,
            9,
            "v2016",
            molndal,
        ),
        (
            "vallentuna-2021-completed.txt",
            "0115",
            2021,
            2,
            "v2020",
            kumla,
        ),
    ] {
        let json = dry_run(&era_path(&format!("completed/{file}")), &scratch);
        assert_eq!(json["municipality_code"], code, "{file}");
        assert_eq!(
            (json["year"].as_i64(), json["month"].as_i64()),
            (Some(year), Some(month)),
            "{file}"
        );
        assert_eq!(json["revision"], revision, "{file}");
        assert_eq!(points(&json), printed, "{file}");
    }
}

/// A report as docplayer's "amp" pages give it: each page one line.
pub fn one_line_per_page(text: &str) -> String {
    text.split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A report as docplayer's "Transkript" gives it: the site's furniture,
/// then one paragraph per page after its page number.
pub fn docplayer_transcript(text: &str) -> String {
    let mut out = String::from(
        "KommunKompassen\n\nStorlek: px\nStarta visningen från sidan:\n\nDownload \"KommunKompassen\"\n\nTranskript\n\n",
    );
    for (i, page) in text.split('\u{c}').enumerate() {
        let words = page.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("{} {words}\n\n", i + 1));
    }
    out
}

#[test]
fn each_layout_reads_the_same_as_a_sites_transcript_of_it() {
    let scratch = Scratch::new();
    for era in ERAS.iter().filter(|e| !e.file.contains("transcript")) {
        let text = std::fs::read_to_string(era_path(era.file)).unwrap();
        let direct = dry_run(&era_path(era.file), &scratch);
        for (kind, copy) in [
            ("amp", one_line_per_page(&text)),
            ("transkript", docplayer_transcript(&text)),
        ] {
            let path = scratch.write(&format!("{kind}-{}", era.file), &copy);
            let json = dry_run(&path, &scratch);
            assert_reads_as(&json, era);
            assert_eq!(subareas(&json), subareas(&direct), "{kind} {}", era.file);
            assert_eq!(json["areas"], direct["areas"], "{kind} {}", era.file);
        }
    }
}

fn send(app: &TestApp, name: &str, text: &str) -> crate::common::Response {
    app.post_multipart(
        "/bidra",
        &[
            Part::file("rapport", name, text.as_bytes()),
            Part::field("text", ""),
        ],
    )
}

#[test]
fn a_report_of_each_era_reads_through_bidra() {
    let app = TestApp::bundled();
    for era in &ERAS {
        let text = std::fs::read_to_string(era_path(era.file)).unwrap();
        let page = send(&app, era.file, &text);
        assert_eq!(page.status, 200, "{}: {}", era.file, page.body);
        assert!(!page.body.contains("Underkänd"), "{}", page.body);
        assert_eq!(page.body.matches("<tr class=\"group-row\">").count(), 8);
        assert!(
            page.body.contains(&format!("{}-", era.code)),
            "{}",
            era.file
        );
    }
}

/// Each real beginning: the line it stops on, and what its refusal names.
const BEGINNINGS: [(&str, u32, &[&str]); 6] = [
    (
        "stockholm-2009-docplayer.txt",
        2,
        &[
            "stops after the table of contents (page 2 of 36)",
            "Stockholm (0180, line 1)",
            "januari 2009",
        ],
    ),
    (
        "borlange-2010-docplayer.txt",
        2,
        &[
            "stops after the table of contents (page 2 of 34)",
            "Borlänge (2081, line 1)",
            "juni 2010",
            "v2010",
        ],
    ),
    (
        "strangnas-2014-docplayer-transcript.txt",
        14,
        &[
            "(page 3 of 34)",
            "Strängnäs (0486",
            "2014",
            "v2010",
            "docplayer.se where digits are lost",
        ],
    ),
    (
        "boras-2015-abcdocz.txt",
        34,
        &[
            "stops within the table of contents (page 2 of 24)",
            "Borås (1490, line 5)",
            "2015 (line 6)",
        ],
    ),
    (
        "molndal-2016-docplayer.txt",
        3,
        &[
            "stops after the table of contents (page 3 of 23)",
            "Mölndal (1481, line 1)",
            "v2016",
            "points in the table of contents: area 1 49 (line 2), area 2 61 (line 2), area 3 73 (line 2), \
             area 4 61 (line 2), area 5 57 (line 2), area 6 63 (line 2), area 7 45 (line 2), area 8 67 (line 2)",
        ],
    ),
    (
        "vallentuna-2021-5dok.txt",
        76,
        &[
            "(page 3)",
            "Vallentuna (0115, line 3)",
            "v2020",
            "5dok.org",
            "Not in the text: the year",
        ],
    ),
];

#[test]
fn the_real_beginnings_are_refused_saying_what_they_hold_and_where_they_stop() {
    let scratch = Scratch::new();
    for (file, line, expected) in BEGINNINGS {
        let path = real_path(file);
        let out = kompass_check(&path, &scratch.db());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file} accepted");
        assert_ne!(line, 1);
        let at = format!("{file}:{line}: report: the text stops");
        assert!(err.contains(&at), "{at:?} not in:\n{err}");
        for e in expected {
            assert!(err.contains(e), "{file}: {e:?} not in:\n{err}");
        }
        assert!(!err.contains("neither an evaluation file"), "{err}");
    }
}

#[test]
fn bidra_refuses_a_beginning_in_swedish_and_fills_the_form_in_with_its_points() {
    let app = TestApp::bundled();
    let text = std::fs::read_to_string(real_path("molndal-2016-docplayer.txt")).unwrap();
    let page = send(&app, "molndal.txt", &text);
    assert_eq!(page.status, 422, "{}", page.body);
    let body = &page.body;
    for expected in [
        "Rad 3 i rapporten",
        "Texten slutar efter innehållsförteckningen (sida 3 av 23)",
        "Mölndal (1481, rad 1)",
        "poäng i innehållsförteckningen: område 1 49 (rad 2)",
        "område 8 67 (rad 2)",
        "Fyll i de 8 områdenas poäng i formuläret för siffror",
    ] {
        assert!(body.contains(expected), "{expected:?} not in:\n{body}");
    }
    let link = "/bidra/siffror?kommun=1481&amp;ar=2016&amp;kriterier=v2016&amp;omrade1=49&amp;omrade2=61\
                &amp;omrade3=73&amp;omrade4=61&amp;omrade5=57&amp;omrade6=63&amp;omrade7=45&amp;omrade8=67";
    assert!(body.contains(link), "{link} not in:\n{body}");
    let form = app.get(&link.replace("&amp;", "&"));
    assert_eq!(form.status, 200);
    let form = &form.body;
    assert!(
        form.contains("<option value=\"1481\" selected>Mölndal</option>"),
        "{form}"
    );
    assert!(form.contains("<option value=\"v2016\" selected>"), "{form}");
    assert!(
        form.contains("name=\"year\" type=\"text\" value=\"2016\""),
        "{form}"
    );
    for (n, p) in [(1, 49), (2, 61), (8, 67)] {
        let field = format!("name=\"area{n}\" type=\"text\" value=\"{p}\"");
        assert!(form.contains(&field), "{field} not in:\n{form}");
    }
    // Borlänge's beginning: the issue's own words.
    let text = std::fs::read_to_string(real_path("borlange-2010-docplayer.txt")).unwrap();
    let page = send(&app, "borlange.txt", &text);
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("Texten slutar efter innehållsförteckningen (sida 2 av 34)"),
        "{}",
        page.body
    );
}

/// The first `pages` pages of a fixture.
fn first_pages(file: &str, pages: usize) -> String {
    let text = std::fs::read_to_string(era_path(file)).unwrap();
    text.split('\u{c}')
        .take(pages)
        .collect::<Vec<_>>()
        .join("\u{c}")
}

#[test]
fn a_report_cut_short_is_refused_at_its_last_line_with_what_it_holds() {
    let scratch = Scratch::new();
    // Växjö after its contents: the eight points the contents print, never
    // read as the report.
    let cut = first_pages("vaxjo-2017-v2016-points-in-headings.txt", 3);
    let path = scratch.write("vaxjo-start.txt", &cut);
    let lines: Vec<&str> = cut.lines().collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap() + 1;
    let out = kompass_check(&path, &scratch.db());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for expected in [
        format!(
            "vaxjo-start.txt:{last}: report: the text stops after the table of contents (page 3 of 9)"
        ),
        "Växjö (0780, line 1)".into(),
        "april 2017".into(),
        "area 1 66 (line 10)".into(),
        "area 8 72 (line 17)".into(),
    ] {
        assert!(err.contains(&expected), "{expected:?} not in:\n{err}");
    }
    // Alingsås in its chapters, Härnösand in its score table.
    let harnosand = std::fs::read_to_string(era_path("harnosand-2013-v2010-oversikt.txt")).unwrap();
    let row = harnosand.find("\n5.3 ").unwrap();
    for (file, cut, expected) in [
        (
            "alingsas-2006-v2002.txt",
            first_pages("alingsas-2006-v2002.txt", 6),
            "report: the text stops after the chapter of area",
        ),
        (
            "harnosand-2013-v2010-oversikt.txt",
            harnosand[..row].to_string(),
            "report: the text stops in the score table, after area 4",
        ),
    ] {
        let path = scratch.write(&format!("cut-{file}"), &cut);
        let out = kompass_check(&path, &scratch.db());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file}");
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
        assert!(!err.contains(&format!("cut-{file}:1:")), "{err}");
    }
}

#[test]
fn a_transcript_that_lost_a_digit_is_refused_as_one() {
    let scratch = Scratch::new();
    let text = std::fs::read_to_string(era_path("kalmar-2014-docplayer-transcript.txt")).unwrap();
    let row = "1.2 Information till medborgarna 5 10 48%";
    assert!(text.contains(row));
    let lost = text.replacen(row, "1.2 Information till medborgarna 5 48%", 1);
    let path = scratch.write("kalmar-lost.txt", &lost);
    let out = kompass_check(&path, &scratch.db());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("report: the text is a transcript from docplayer.se in which figures the report prints are missing"),
        "{err}"
    );
    assert!(err.contains("Kalmar (0880"), "{err}");
}
