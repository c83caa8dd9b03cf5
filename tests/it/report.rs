//! Reading published reports: the Kumla 2020 report (its text as extracted
//! from the PDF, `tests/fixtures/reports/kumla-2020.txt`, and that text turned
//! back into a PDF) through the real binary and pipeline, into real database
//! files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kompass::domain::TextKind;
use kompass::import::{bundle, parse_input};
use kompass::pipeline::{self, Target};
use sha2::{Digest, Sha256};

use crate::common::{
    Scratch, TestApp, bundled_data, import_bundle, kumla_2020_file, pdf, project_dir, tools,
};

fn kumla_report() -> PathBuf {
    project_dir().join("tests/fixtures/reports/kumla-2020.txt")
}

fn report_text() -> String {
    std::fs::read_to_string(kumla_report()).unwrap()
}

/// The first improvement of area 1: where its two columns divide.
const AREA1_IMPROVEMENTS: &str = "Fortsätta utveckla medborgardialogen vad";

fn kompass(args: &[&str], files: &[&Path], db: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kompass"));
    cmd.current_dir(project_dir())
        .env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_DATA")
        .env_remove("KOMPASS_PDFTOTEXT")
        .args(args)
        .args(files)
        .arg("--db")
        .arg(db);
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn file_hash(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// The `--dry-run --format json` output for one file.
fn dry_run_json(file: &Path, scratch: &Scratch) -> serde_json::Value {
    let out = kompass(
        &["import", "--dry-run", "--format", "json"],
        &[file],
        &scratch.db(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

/// The list without the given key in each object (line numbers differ by file).
fn without(list: &serde_json::Value, key: &str) -> Vec<serde_json::Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove(key);
            v
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn dry_run_shows_what_the_report_says_and_writes_nothing() {
    let scratch = Scratch::new();
    let out = kompass(&["import", "--dry-run"], &[&kumla_report()], &scratch.db());
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    for expected in [
        "Kumla (1881)",
        "november 2020 (line 103)",
        "evaluation number: 2 (line 105)",
        "revision:          v2020",
        "not printed in the report",
        "chapter points of areas 1, 2, 3, 4, 5, 6, 7, 8 checked against it",
        "8 strengths/improvements blocks",
        "nothing written",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Every sub-area with its figures and the line they were read from.
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("3.4 Samspel"))
        .unwrap();
    let figures: Vec<&str> = row.split_whitespace().rev().take(4).collect();
    assert_eq!(figures, vec!["3124", "90", "20", "18"], "{row}");
    let totals: Vec<&str> = text
        .lines()
        .filter(|l| l.len() > 3 && l.as_bytes()[2].is_ascii_digit())
        .map(|l| l.split_whitespace().rev().nth(3).unwrap())
        .collect();
    assert_eq!(
        totals,
        vec!["66", "73", "80", "60", "65", "71", "70", "72"],
        "{text}"
    );
    assert!(!scratch.db().exists());
}

#[test]
fn the_report_reads_to_the_hand_entered_kumla_file_figure_for_figure() {
    let scratch = Scratch::new();
    let inputs = pipeline::read_inputs(&[kumla_report()]).unwrap();
    let run = pipeline::run(&Target::DryRun(scratch.db()), Some(&bundled_data()), inputs).unwrap();
    let read = run.files[0].evaluation.without_lines();
    let file = bundle::load(&bundled_data())
        .unwrap()
        .evaluations
        .into_iter()
        .find(|f| f.path == kumla_2020_file())
        .unwrap();
    let hand = parse_input(&file).unwrap().evaluation.without_lines();
    assert_eq!(read.municipality, hand.municipality);
    assert_eq!(
        (read.year, read.month, read.evaluation_number, read.revision),
        (hand.year, hand.month, hand.evaluation_number, hand.revision)
    );
    assert_eq!(read.areas, hand.areas);
    assert_eq!(read.subareas.len(), 35);
    assert_eq!(read.subareas, hand.subareas);
    // The report prints no grand total; the file's 557 is kumla.se's.
    assert_eq!(
        (read.total, hand.total.map(|t| t.to_string())),
        (None, Some("557".into()))
    );
    // The bundled file carries the report's texts, as read.
    assert_eq!(read.texts, hand.texts);
    let blocks = read
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::StrengthsAndImprovements)
        .count();
    assert_eq!(blocks, 8);
    // Each sub-area keeps the report line its figures were read from.
    let lines: Vec<Option<u32>> = run.files[0]
        .evaluation
        .subareas
        .iter()
        .map(|s| s.line)
        .collect();
    assert_eq!(lines[0], Some(3089));
    assert_eq!(lines[13], Some(3130));
}

#[test]
fn dry_run_json_is_the_api_shape_of_the_evaluation() {
    let scratch = Scratch::new();
    let json = dry_run_json(&kumla_report(), &scratch);
    assert_eq!(json["municipality_code"], "1881");
    assert_eq!(json["municipality"], "Kumla");
    assert_eq!(
        (json["year"].clone(), json["month"].clone()),
        (2020.into(), 11.into())
    );
    assert_eq!(json["evaluation_number"], 2);
    assert_eq!(json["revision"], "v2020");
    assert!(json["total"].is_null());
    assert_eq!(json["subareas"][0]["line"], 3089);
    assert_eq!(json["provenance"]["source_file"], "kumla-2020.txt");
    assert_eq!(
        json["provenance"]["content_hash"],
        file_hash(&kumla_report())
    );
    // The same areas and sub-areas as the API serves for the bundled file.
    let app = TestApp::bundled();
    let api = app.get_json("/api/v1/evaluations/1881-2020");
    assert_eq!(json["areas"], api["areas"]);
    assert_eq!(
        without(&json["subareas"], "line"),
        without(&api["subareas"], "line")
    );
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    let mut api_keys: Vec<&String> = api.as_object().unwrap().keys().collect();
    keys.sort();
    api_keys.sort();
    assert_eq!(keys, api_keys);
}

/// Damaged copies of the report, each refused naming its line, leaving the
/// database file exactly as it was.
#[test]
fn damaged_reports_are_refused_naming_the_line_and_change_nothing() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let before = file_hash(&scratch.db());
    let text = report_text();
    let replace = |from: &str, to: &str| {
        assert!(text.contains(from), "{from:?}");
        text.replacen(from, to, 1)
    };
    let chapter_81 = replace("\n\n80 \n", "\n\n81 \n");
    let cases = [
        (
            "typo",
            replace("3.2 Politisk styrning 33 40 84%", "3.2 Politisk styrning 43 40 84%"),
            format!("typo.txt:{}: subareas (3.2).points: 43 is outside [0, 40]", line_of(&text, "3.2 Politisk styrning")),
        ),
        (
            "percent",
            replace("3.2 Politisk styrning 33 40 84%", "3.2 Politisk styrning 23 40 84%"),
            format!("percent.txt:{}: subareas (3.2): 23 points of 40 and 84% cannot both be right", line_of(&text, "3.2 Politisk styrning")),
        ),
        (
            "missing",
            replace("4.2 Jämförelser för effektivitet 18 30 60% \n", ""),
            format!("missing.txt:{}: overview table (4.2): the row of sub-area 4.2 is missing", line_of(&text, "4.3 Nya arbetssätt") - 1),
        ),
        (
            "chapter",
            chapter_81.clone(),
            format!("chapter.txt:{}: area 3 (chapter points)", line_of(&chapter_81, "81 ")),
        ),
        (
            "cut",
            text.lines().take(2000).map(|l| format!("{l}\n")).collect(),
            "cut.txt:2000: report: the text stops after the chapter of area 6".to_string(),
        ),
        (
            "nowhere",
            text.replace("Kumla kommun", "Kumlinge kommun"),
            "nowhere.txt:97: municipality: the report names \"Kumlinge\", which is not a municipality in the register".to_string(),
        ),
    ];
    for (name, damaged, expected) in cases {
        let path = scratch.write(&format!("{name}.txt"), &damaged);
        let out = kompass(&["import"], &[&path], &scratch.db());
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}: accepted");
        assert!(
            err.contains(&expected),
            "{name}: expected {expected:?} in:\n{err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
        assert_eq!(
            file_hash(&scratch.db()),
            before,
            "{name} changed the database"
        );
    }
}

#[test]
fn importing_the_report_replaces_kumla_saying_what_it_drops() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let out = kompass(
        &["import", "--data"],
        &[&bundled_data(), &kumla_report()],
        &scratch.db(),
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    assert!(
        text.contains("1881-2020 v2020 (replaced, read from the report)"),
        "{text}"
    );
    assert!(
        text.contains(
            "dropping what this source does not print: the total 557; the notes; \
             1 stated change; the publication date (2021-05-10); the source address"
        ),
        "{text}"
    );
    let app = TestApp::serve(scratch);
    let e = app.get_json("/api/v1/evaluations/1881-2020");
    assert!(e["total"].is_null());
    assert_eq!(e["areas"][7]["points"], 72);
    assert_eq!(e["subareas"][34]["line"], 3187);
    assert_eq!(e["provenance"]["source_file"], "kumla-2020.txt");
    assert_eq!(e["provenance"]["content_hash"], file_hash(&kumla_report()));
}

/// A report that dates an earlier evaluation before its own sentence
/// ("Kumlas första utvärdering genomfördes i maj 2017. Utvärderingen av Kumla
/// kommun genomfördes i november 2020") is filed under its own date: it
/// replaces the stored 2020 evaluation and leaves 2017 as it was.
#[test]
fn an_earlier_evaluations_date_does_not_file_the_report_under_it() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let text = report_text();
    let own = "Utvärderingen av Kumla kommun genomfördes i november 2020 och var";
    assert!(text.contains(own));
    let earlier = text.replacen(
        own,
        &format!("Kumlas första utvärdering genomfördes i maj 2017. {own}"),
        1,
    );
    let path = scratch.write("kumla-earlier-date.txt", &earlier);
    let out = kompass(&["import"], &[&path], &scratch.db());
    let printed = stdout(&out);
    assert!(out.status.success(), "{printed}\n{}", stderr(&out));
    assert!(
        printed.contains("1881-2020 v2020 (replaced, read from the report)"),
        "{printed}"
    );
    assert!(!printed.contains("2017"), "{printed}");
    let app = TestApp::serve(scratch);
    let new = app.get_json("/api/v1/evaluations/1881-2020");
    assert_eq!(
        (
            new["year"].clone(),
            new["month"].clone(),
            new["evaluation_number"].clone()
        ),
        (2020.into(), 11.into(), 2.into())
    );
    assert_eq!(new["provenance"]["source_file"], "kumla-earlier-date.txt");
    let old = app.get_json("/api/v1/evaluations/1881-2017");
    assert_eq!(
        (old["revision"].clone(), old["evaluation_number"].clone()),
        ("v2016".into(), 1.into())
    );
    assert_eq!(
        old["provenance"]["source_file"],
        "evaluations/1881-kumla-2017.toml"
    );
}

#[test]
fn emit_toml_writes_the_file_a_curator_reviews_and_never_overwrites() {
    let scratch = Scratch::new();
    let folder = scratch.path("out");
    std::fs::create_dir_all(&folder).unwrap();
    let out = kompass(
        &["check", "--emit-toml", folder.to_str().unwrap()],
        &[&kumla_report()],
        &scratch.db(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written = folder.join("1881-kumla-2020.toml");
    // The last line says both what was written and what was not.
    assert_eq!(
        stdout(&out).lines().last(),
        Some(
            format!(
                "1 file(s) valid; nothing written to {}; wrote the evaluation file {}",
                scratch.db().display(),
                written.display()
            )
            .as_str()
        ),
        "{}",
        stdout(&out)
    );
    assert!(!stderr(&out).contains("wrote"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("sha256 ") && text.contains("(rad 3081-3190)"),
        "{text}"
    );
    // It checks as an evaluation file, to the same evaluation.
    let again = dry_run_json(&written, &scratch);
    let direct = dry_run_json(&kumla_report(), &scratch);
    assert_eq!(again["areas"], direct["areas"]);
    assert_eq!(
        without(&again["subareas"], "line"),
        without(&direct["subareas"], "line")
    );
    assert_eq!(again["texts"], direct["texts"]);
    let before = file_hash(&written);
    let out = kompass(
        &["check", "--emit-toml", written.to_str().unwrap()],
        &[&kumla_report()],
        &scratch.db(),
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("exists; remove it or choose another path (no file was written)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(file_hash(&written), before);
}

#[test]
fn the_report_as_a_pdf_imports_to_the_same_evaluation() {
    tools::require_apt("pdftotext", "poppler-utils");
    let scratch = Scratch::new();
    let pdf_path = scratch.path("kumla-2020.pdf");
    std::fs::write(
        &pdf_path,
        pdf::report_pdf(&report_text(), AREA1_IMPROVEMENTS),
    )
    .unwrap();
    let from_pdf = dry_run_json(&pdf_path, &scratch);
    let from_text = dry_run_json(&kumla_report(), &scratch);
    for key in [
        "municipality_code",
        "year",
        "month",
        "evaluation_number",
        "revision",
        "total",
        "areas",
    ] {
        assert_eq!(from_pdf[key], from_text[key], "{key}");
    }
    assert_eq!(
        without(&from_pdf["subareas"], "line"),
        without(&from_text["subareas"], "line")
    );
    // Every text the .txt gives, the PDF gives too, word for word.
    let texts = |v: &serde_json::Value| -> Vec<(u64, String, String)> {
        v["texts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["area"].as_u64().unwrap(),
                    t["kind"].as_str().unwrap().to_string(),
                    t["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pdf_texts = texts(&from_pdf);
    for t in texts(&from_text) {
        assert!(pdf_texts.contains(&t), "missing from the PDF: {t:?}");
    }
    // Area 1's table is laid out in two columns: the PDF splits it, with certainty.
    let kinds: Vec<(u64, &str)> = pdf_texts
        .iter()
        .map(|(a, k, _)| (*a, k.as_str()))
        .filter(|(_, k)| *k == "strengths" || *k == "improvements")
        .collect();
    assert_eq!(kinds, vec![(1, "improvements"), (1, "strengths")]);
    let improvements = &pdf_texts.iter().find(|t| t.1 == "improvements").unwrap().2;
    assert!(
        improvements.starts_with(AREA1_IMPROVEMENTS),
        "{improvements}"
    );
    assert!(improvements.ends_with("hat eller hot"), "{improvements}");
    let strengths = &pdf_texts.iter().find(|t| t.1 == "strengths").unwrap().2;
    assert!(
        strengths.ends_with("korruption, fusk och oegentligheter"),
        "{strengths}"
    );
}

#[test]
fn a_pdf_without_pdftotext_is_refused_saying_what_to_install() {
    let scratch = Scratch::new();
    let pdf_path = scratch.path("kumla-2020.pdf");
    std::fs::write(
        &pdf_path,
        pdf::report_pdf(&report_text(), AREA1_IMPROVEMENTS),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kompass"))
        .current_dir(project_dir())
        .env("KOMPASS_PDFTOTEXT", "/nonexistent/pdftotext")
        .args(["check", "--db"])
        .arg(scratch.db())
        .arg(&pdf_path)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains(
            "kumla-2020.pdf: pdf: reading a PDF needs `/nonexistent/pdftotext` from poppler-utils"
        ) && err.contains("apt-get install poppler-utils"),
        "{err}"
    );
}

/// Another layout of another revision (synthetic: the shape of a 2016-criteria
/// report read with `pdftotext -layout`, figures made up), also in CRLF with
/// non-breaking spaces.
#[test]
fn a_column_layout_of_the_2016_criteria_reads_with_its_columns_split() {
    let path = project_dir().join("tests/fixtures/reports/ljungby-2018-synthetic-layout.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let scratch = Scratch::new();
    let crlf = scratch.write(
        "crlf.txt",
        &format!(
            "\u{feff}{}",
            text.replace('\n', "\r\n").replace(" %", "\u{a0}%")
        ),
    );
    for file in [path.clone(), crlf] {
        let inputs = pipeline::read_inputs(std::slice::from_ref(&file)).unwrap();
        let run = pipeline::run(&Target::DryRun(scratch.db()), Some(&bundled_data()), inputs)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let f = &run.files[0];
        let e = &f.evaluation;
        assert_eq!(e.municipality.as_str(), "0781");
        assert_eq!(
            (e.year, e.month, e.evaluation_number),
            (2018, Some(2), Some(1))
        );
        assert_eq!(e.revision.to_string(), "v2016");
        assert_eq!(e.evaluators, vec!["Lars Strid", "Ulrika Elming"]);
        let totals: Vec<String> = e.areas.iter().map(|a| a.points.to_string()).collect();
        assert_eq!(totals, ["63", "60", "79", "59", "63", "70", "64", "69"]);
        assert_eq!(e.subareas.len(), 24);
        let s = |code: &str| {
            e.subareas
                .iter()
                .find(|s| s.code.to_string() == code)
                .unwrap()
        };
        assert_eq!(s("2.2").points.to_string(), "13.8");
        assert_eq!(
            s("3.3").name.as_deref(),
            Some("Ansvarsfördelning och roller mellan politiker och tjänstemän")
        );
        let kinds = |kind: TextKind| e.texts.iter().filter(|t| t.kind == kind).count();
        assert_eq!(kinds(TextKind::Strengths), 8);
        assert_eq!(kinds(TextKind::Improvements), 8);
        let improvements = e
            .texts
            .iter()
            .find(|t| t.area == 4 && t.kind == TextKind::Improvements)
            .unwrap();
        assert_eq!(
            improvements.text,
            "Utveckla uppföljningen\nav resultaten\nMer systematik"
        );
        assert_eq!(kinds(TextKind::Summary), 2);
        // Each chapter's "Rubriker" list matches the table's rows.
        assert!(
            !f.notices.iter().any(|n| n.to_string().contains("Rubriker")),
            "{:?}",
            f.notices
        );
        // The catalogue does not list the 2016 sub-areas: recorded as printed.
        assert!(
            f.notices
                .iter()
                .any(|n| n.to_string().contains("recording 1.1, 1.2")),
            "{:?}",
            f.notices
        );
    }
}
