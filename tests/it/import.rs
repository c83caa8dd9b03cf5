//! Importing: validation, all-or-nothing transactions, replacement, and
//! idempotence, against real database files.

use std::collections::BTreeMap;

use kompass::db;
use kompass::import::{bundle, parse_input};
use kompass::pipeline::{self, PipelineError, Target};
use sha2::{Digest, Sha256};

use crate::common::{Scratch, TestApp, bundled_data, import_bundle, kumla_2020_file};

fn file_hash(path: &std::path::Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// Every stored value but import times, table by table.
fn content(db_path: &std::path::Path) -> BTreeMap<String, String> {
    let mut conn = db::open_writable(db_path).unwrap();
    let data = db::read::load_dataset(&mut conn).unwrap();
    let mut out = BTreeMap::new();
    for s in &data.evaluations {
        let mut e = s.clone();
        e.provenance.imported_at.clear();
        out.insert(s.id.to_string(), format!("{e:?}"));
    }
    out.insert(
        "municipalities".into(),
        format!("{:?}", data.municipalities),
    );
    out.insert("catalogue".into(), format!("{:?}", data.catalogue));
    out.insert("benchmarks".into(), format!("{:?}", data.benchmarks));
    out.insert("version".into(), data.fingerprint.clone());
    out
}

#[test]
fn every_bundled_file_is_stored_figure_for_figure() {
    let scratch = Scratch::new();
    let report = import_bundle(&scratch.db(), &bundled_data());
    let sync = report.bundle.expect("a new database imports the bundle");
    let files = bundle::load(&bundled_data()).unwrap().evaluations;
    assert_eq!(sync.evaluations, files.len());
    let mut conn = db::open_writable(&scratch.db()).unwrap();
    let data = db::read::load_dataset(&mut conn).unwrap();
    assert_eq!(data.evaluations.len(), files.len());
    assert_eq!(data.municipalities.len(), 290);
    for file in &files {
        let parsed = parse_input(file).unwrap().evaluation;
        let stored = data
            .evaluations_of(parsed.municipality)
            .find(|s| s.evaluation.year == parsed.year && s.evaluation.month == parsed.month)
            .unwrap_or_else(|| panic!("{} is not stored", file.path.display()));
        // The report texts stay in the database, read per evaluation.
        let (version, texts) = db::read::report_texts(&mut conn, &stored.id).unwrap();
        assert_eq!(version, data.fingerprint);
        let mut stored_evaluation = stored.evaluation.clone();
        stored_evaluation.texts = texts;
        assert_eq!(stored_evaluation, parsed, "{}", file.path.display());
        assert_eq!(stored.provenance.content_hash, file.hash);
    }
}

#[test]
fn importing_the_bundle_twice_leaves_the_same_content() {
    let a = Scratch::new();
    import_bundle(&a.db(), &bundled_data());
    let hash = file_hash(&a.db());
    // A second run finds nothing changed and writes nothing.
    let again = pipeline::run(&Target::File(a.db()), Some(&bundled_data()), vec![]).unwrap();
    assert!(again.bundle.is_none());
    let all = pipeline::read_inputs(&[bundled_data().join("evaluations")]).unwrap();
    pipeline::run(&Target::File(a.db()), Some(&bundled_data()), all).unwrap();
    assert_eq!(file_hash(&a.db()), hash);
    // Another fresh database ends up with the same content.
    let b = Scratch::new();
    import_bundle(&b.db(), &bundled_data());
    assert_eq!(content(&a.db()), content(&b.db()));
}

fn kumla_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(kumla_2020_file()).unwrap();
    assert!(
        text.contains(from),
        "fixture text {from:?} not in the Kumla file"
    );
    text.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn refused(result: Result<pipeline::RunSummary, PipelineError>) -> String {
    match result {
        Err(PipelineError::Rejected(list)) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(_) => panic!("expected a refusal, got success"),
    }
}

fn check(scratch: &Scratch, name: &str, text: &str) -> String {
    let path = scratch.write(name, text);
    let inputs = pipeline::read_inputs(&[path]);
    match inputs {
        Err(e) => refused(Err(e)),
        Ok(inputs) => refused(pipeline::run(
            &Target::DryRun(scratch.db()),
            Some(&bundled_data()),
            inputs,
        )),
    }
}

#[test]
fn a_typo_is_refused_naming_file_line_and_rule() {
    let scratch = Scratch::new();
    // Kumla's 3.2 "33 40 84%" typed as "43 40 84%".
    let text = kumla_with("code = \"3.2\", points = 33", "code = \"3.2\", points = 43");
    let err = check(&scratch, "kumla.toml", &text);
    let line = line_of(&text, "code = \"3.2\"");
    assert!(
        err.contains(&format!("kumla.toml:{line}: subareas (3.2).points")),
        "{err}"
    );
    assert!(err.contains("outside [0, 40]"), "{err}");
    // Within range but against its own percent: "23 40 84%".
    let text = kumla_with("code = \"3.2\", points = 33", "code = \"3.2\", points = 23");
    let err = check(&scratch, "kumla.toml", &text);
    assert!(
        err.contains(&format!("kumla.toml:{line}: subareas (3.2)"))
            && err.contains("cannot both be right"),
        "{err}"
    );
}

#[test]
fn sums_beyond_rounding_are_refused_unless_recorded_as_published() {
    let scratch = Scratch::new();
    let text = kumla_with(
        "number = 8, points = 72, percent = 72",
        "number = 8, points = 75, percent = 75",
    );
    let err = check(&scratch, "area.toml", &text);
    assert!(
        err.contains(&format!(
            "area.toml:{}: areas (8)",
            line_of(&text, "number = 8,")
        )),
        "{err}"
    );
    let text = kumla_with("total = 557", "total = 567");
    let err = check(&scratch, "total.toml", &text);
    assert!(
        err.contains(&format!(
            "total.toml:{}: total",
            line_of(&text, "total = 567")
        )) && err.contains("published total is 567"),
        "{err}"
    );
    // Recorded as a published discrepancy, the same figure is accepted and kept.
    let recorded =
        format!("{text}\n[[discrepancies]]\nfigure = \"total\"\nnote = \"The page prints 567.\"\n");
    let path = scratch.write("recorded.toml", &recorded);
    let inputs = pipeline::read_inputs(&[path]).unwrap();
    pipeline::run(&Target::File(scratch.db()), Some(&bundled_data()), inputs).unwrap();
    let app = TestApp::serve(scratch);
    let e = app.get_json("/api/v1/evaluations/1881-2020");
    assert_eq!(e["total"], 567);
    assert_eq!(e["discrepancies"][0]["note"], "The page prints 567.");
}

#[test]
fn structural_rules_name_what_is_wrong() {
    let scratch = Scratch::new();
    let cases = [
        (
            kumla_with("municipality = \"1881\"", "municipality = \"1899\""),
            format!(
                "case.toml:{}: municipality: 1899 is not a municipality code in the register",
                line_of(&kumla_with("", ""), "municipality = ")
            ),
        ),
        (
            kumla_with("revision = \"v2020\"", "revision = \"v2030\""),
            format!(
                "case.toml:{}: revision: v2030 is not in the catalogue",
                line_of(&kumla_with("", ""), "revision = ")
            ),
        ),
        (
            format!(
                "{}\n[[discrepancies]]\nfigure = \"area 9\"\nnote = \"x\"\n",
                std::fs::read_to_string(kumla_2020_file()).unwrap()
            ),
            format!(
                "case.toml:{}: discrepancies.figure: \"area 9\" is not a figure",
                std::fs::read_to_string(kumla_2020_file())
                    .unwrap()
                    .lines()
                    .count()
                    + 2
            ),
        ),
        (
            kumla_with("code = \"1.2\"", "code = \"1.9\""),
            "1.9 is not a sub-area of v2020".to_string(),
        ),
        (
            kumla_with(
                "code = \"1.2\", points = 5, max = 10",
                "code = \"1.2\", points = 5, max = 12",
            ),
            "disagrees with the catalogue's 10".to_string(),
        ),
        (
            kumla_with("code = \"1.2\"", "code = \"1.1\""),
            "listed twice".to_string(),
        ),
        (
            kumla_with("{ number = 2,", "{ number = 1,"),
            "area 1 is listed twice".to_string(),
        ),
        (
            kumla_with("{ number = 2,", "{ number = 9,"),
            "not an area number (1-8)".to_string(),
        ),
        (
            kumla_with(
                "municipality_name = \"Kumla\"",
                "municipality_name = \"Kumlinge\"",
            ),
            "is not the name of 1881".to_string(),
        ),
    ];
    for (text, expected) in cases {
        let err = check(&scratch, "case.toml", &text);
        assert!(
            err.contains("case.toml:") && err.contains(&expected),
            "expected {expected:?} in:\n{err}"
        );
    }
    // A missing sub-area row: the area can no longer be checked.
    let text = std::fs::read_to_string(kumla_2020_file()).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.contains("code = \"4.2\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let err = check(&scratch, "missing.toml", &without);
    assert!(err.contains("missing sub-area(s) 4.2"), "{err}");
}

#[test]
fn a_bad_file_leaves_the_database_exactly_as_it_was() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let before = file_hash(&scratch.db());
    let good = scratch.write(
        "batch/a-good.toml",
        &kumla_with("total = 557", "total = 557.0"),
    );
    scratch.write(
        "batch/b-bad.toml",
        &kumla_with("municipality = \"1881\"", "municipality = \"0000\""),
    );
    let _ = good;
    let inputs = pipeline::read_inputs(&[scratch.path("batch")]).unwrap();
    let err = refused(pipeline::run(
        &Target::File(scratch.db()),
        Some(&bundled_data()),
        inputs,
    ));
    assert!(err.contains("b-bad.toml"), "{err}");
    assert_eq!(file_hash(&scratch.db()), before);
}

#[test]
fn a_failed_import_into_a_new_database_leaves_no_file() {
    let scratch = Scratch::new();
    let bad = scratch.write("bad.toml", &kumla_with("year = 2020", "year = 1850"));
    assert!(pipeline::read_inputs(&[bad]).is_err());
    let broken = scratch.write(
        "broken.toml",
        &kumla_with("municipality = \"1881\"", "municipality = \"0000\""),
    );
    let inputs = pipeline::read_inputs(&[broken]).unwrap();
    assert!(pipeline::run(&Target::File(scratch.db()), Some(&bundled_data()), inputs).is_err());
    assert!(!scratch.db().exists());
}

#[test]
fn a_changed_file_replaces_its_evaluation() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    let path = data.join("evaluations/0115-vallentuna-2021.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("number = 1, points = 73", "number = 1, points = 74")
            .replace("total = 648", "total = 649"),
    )
    .unwrap();
    let report = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![]).unwrap();
    assert_eq!(report.bundle.unwrap().changed(), 1);
    let app = TestApp::serve(scratch);
    let m = app.get_json("/api/v1/municipalities/0115");
    let in_2021: Vec<_> = m["evaluations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["year"] == 2021)
        .collect();
    assert_eq!(in_2021.len(), 1);
    assert_eq!(in_2021[0]["total"], 649);
    assert_eq!(in_2021[0]["areas"][0]["points"], 74);
}

#[test]
fn a_file_removed_from_the_bundle_is_removed_from_the_database() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    std::fs::remove_file(data.join("evaluations/1444-grastorp-2014.toml")).unwrap();
    let report = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![]).unwrap();
    assert_eq!(
        report.bundle.unwrap().removed,
        vec!["1444-2014".to_string()]
    );
}

#[test]
fn two_evaluations_in_one_year_get_ids_with_the_month() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    let spring = std::fs::read_to_string(data.join("evaluations/1444-grastorp-2014.toml"))
        .unwrap()
        .replace("month = 10", "month = 3")
        .replace("total = 506", "")
        .replace("evaluation_number = 1", "");
    let spring: String = spring
        .lines()
        .filter(|l| !l.contains("points"))
        .map(|l| format!("{l}\n"))
        .collect();
    let spring = spring.replace("areas = [\n]\n", "");
    std::fs::write(data.join("evaluations/1444-grastorp-2014-03.toml"), spring).unwrap();
    import_bundle(&scratch.db(), &data);
    let app = TestApp::serve(scratch);
    let m = app.get_json("/api/v1/municipalities/1444");
    let ids: Vec<&str> = m["evaluations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["1444-2014-03", "1444-2014-10"]);
}

#[test]
fn a_changed_bundle_is_refused_when_it_would_invalidate_an_imported_evaluation() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    let mine = scratch.write(
        "mine/grastorp-2019.toml",
        "municipality = \"1444\"\nyear = 2019\nrevision = \"v2016\"\ntotal = 530\n",
    );
    let inputs = pipeline::read_inputs(&[mine]).unwrap();
    pipeline::run(&Target::File(scratch.db()), Some(&data), inputs).unwrap();
    let before = file_hash(&scratch.db());
    // The curator drops Grästorp from the register, the files keyed by
    // municipality beside it (one row, one map feature each) and its
    // bundled file.
    for file in [
        "municipalities.csv",
        "kommungrupper.csv",
        "population.csv",
        "maps/kommuner.geojson",
    ] {
        let path = data.join(file);
        let kept: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("1444,") && !l.contains("\"KnKod\": \"1444\""))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, kept).unwrap();
    }
    std::fs::remove_file(data.join("evaluations/1444-grastorp-2014.toml")).unwrap();
    let err = refused(pipeline::run(
        &Target::File(scratch.db()),
        Some(&data),
        vec![],
    ));
    assert!(
        err.contains("stored evaluation 1444-2019 (imported from grastorp-2019.toml)")
            && err.contains("1444 is not a municipality code in the register"),
        "{err}"
    );
    assert_eq!(file_hash(&scratch.db()), before);
}

#[test]
fn a_bundle_change_elsewhere_never_undoes_an_evaluation_imported_by_hand() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    // Kumla 2017 is bundled without scores; a curator imports its figures.
    let mine = scratch.write(
        "mine/kumla-2017.toml",
        "municipality = \"1881\"\nyear = 2017\nevaluation_number = 1\nrevision = \"v2016\"\ntotal = 420\n",
    );
    let inputs = pipeline::read_inputs(&[mine]).unwrap();
    pipeline::run(&Target::File(scratch.db()), Some(&data), inputs).unwrap();
    // An unrelated bundled file changes; the bundle is synced again.
    let gotland = data.join("evaluations/0980-gotland-2014.toml");
    let text = std::fs::read_to_string(&gotland).unwrap();
    std::fs::write(&gotland, format!("{text}\n# edited\n")).unwrap();
    let report = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![]).unwrap();
    let sync = report.bundle.unwrap();
    assert_eq!(sync.changed(), 1);
    assert_eq!(sync.kept.len(), 1, "{:?}", sync.kept);
    assert!(
        sync.kept[0].contains("1881-2017 stays as imported from kumla-2017.toml"),
        "{:?}",
        sync.kept
    );
    let mut conn = db::open_writable(&scratch.db()).unwrap();
    let stored = db::read::load_dataset(&mut conn).unwrap();
    drop(conn);
    let kumla_2017 = stored.evaluation(&"1881-2017".parse().unwrap()).unwrap();
    assert_eq!(
        kumla_2017.evaluation.total.map(|t| t.to_string()),
        Some("420".into())
    );
    assert_eq!(kumla_2017.provenance.origin.as_str(), "import");
    // Importing the bundled file by name puts it back, deliberately.
    let bundled = pipeline::read_inputs(&[data.join("evaluations/1881-kumla-2017.toml")]).unwrap();
    let report = pipeline::run(&Target::File(scratch.db()), Some(&data), bundled).unwrap();
    assert_eq!(report.files[0].action, pipeline::Action::Replaced);
}

#[test]
fn two_files_for_one_evaluation_are_refused_even_when_one_gives_no_month() {
    let scratch = Scratch::new();
    let a = scratch.write(
        "dup/a.toml",
        "municipality = \"1440\"\nyear = 2021\nmonth = 3\nrevision = \"v2020\"\ntotal = 500\n",
    );
    scratch.write(
        "dup/b.toml",
        "municipality = \"1440\"\nyear = 2021\nrevision = \"v2020\"\ntotal = 510\n",
    );
    let inputs = pipeline::read_inputs(&[scratch.path("dup")]).unwrap();
    let err = refused(pipeline::run(
        &Target::File(scratch.db()),
        Some(&bundled_data()),
        inputs,
    ));
    assert!(
        err.contains("b.toml") && err.contains(&format!("also described by {}", a.display())),
        "{err}"
    );
    // With both months given they are two evaluations.
    scratch.write(
        "dup/b.toml",
        "municipality = \"1440\"\nyear = 2021\nmonth = 10\nrevision = \"v2020\"\ntotal = 510\n",
    );
    let inputs = pipeline::read_inputs(&[scratch.path("dup")]).unwrap();
    let report = pipeline::run(&Target::File(scratch.db()), Some(&bundled_data()), inputs).unwrap();
    let ids: Vec<String> = report.files.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(ids, vec!["1440-2021-03", "1440-2021-10"]);
}

#[test]
fn a_source_address_must_be_a_web_address() {
    let scratch = Scratch::new();
    let text = "municipality = \"1440\"\nyear = 2021\nrevision = \"v2020\"\n\n[source]\nurl = \"javascript:alert(document.cookie)\"\n";
    let err = check(&scratch, "js.toml", text);
    assert!(
        err.contains(
            "js.toml:5: source.url: \"javascript:alert(document.cookie)\" is not a web address"
        ),
        "{err}"
    );
}

#[test]
fn an_empty_folder_is_refused_and_linked_folders_are_not_followed() {
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.path("empty")).unwrap();
    let err = match pipeline::read_inputs(&[scratch.path("empty")]) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("an empty folder was accepted"),
    };
    assert!(
        err.contains("empty: folder: holds no evaluation files"),
        "{err}"
    );
    let looped = scratch.path("loop");
    std::fs::create_dir_all(&looped).unwrap();
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();
    std::fs::copy(kumla_2020_file(), looped.join("kumla.toml")).unwrap();
    let inputs = pipeline::read_inputs(&[looped]).unwrap();
    assert_eq!(inputs.len(), 1);
}
