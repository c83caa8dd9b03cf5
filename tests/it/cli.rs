//! The `kompass` binary as a user runs it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

use crate::common::{Scratch, bundled_data, kumla_2020_file, project_dir};

fn kompass() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kompass"));
    cmd.current_dir(project_dir());
    cmd.env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_ADDR")
        .env_remove("KOMPASS_DATA");
    cmd
}

#[test]
fn check_passes_on_every_bundled_file_and_writes_nothing() {
    let scratch = Scratch::new();
    let out = kompass()
        .args(["check", "--db"])
        .arg(scratch.db())
        .arg(bundled_data().join("evaluations"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("file(s) valid; nothing written"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Kumla (1881), november 2020, evaluation 2, v2020: total 557, 8 area(s), 35 sub-area(s)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Kumla (1881), 2017, evaluation 1, v2016: no scores published"),
        "{stdout}"
    );
    assert!(!scratch.db().exists());
}

#[test]
fn import_of_a_folder_with_one_bad_file_fails_and_changes_nothing() {
    let scratch = Scratch::new();
    let ok = kompass()
        .args(["import", "--db"])
        .arg(scratch.db())
        .arg(kumla_2020_file())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = Sha256::digest(std::fs::read(scratch.db()).unwrap());
    let text = std::fs::read_to_string(kumla_2020_file()).unwrap();
    scratch.write(
        "batch/kumla.toml",
        &text.replace("code = \"3.2\", points = 33", "code = \"3.2\", points = 43"),
    );
    scratch.write(
        "batch/other.toml",
        // Another, valid evaluation: a later year, published after it.
        &text
            .replace("year = 2020", "year = 2023")
            .replace("published = 2021-05-10", "published = 2024-05-10"),
    );
    let out = kompass()
        .args(["import", "--db"])
        .arg(scratch.db())
        .arg(scratch.path("batch"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("kumla.toml:") && stderr.contains("subareas (3.2).points"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(Sha256::digest(std::fs::read(scratch.db()).unwrap()), before);
}

#[test]
fn serve_imports_the_bundle_and_prints_the_address() {
    let scratch = Scratch::new();
    let mut child = kompass()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(scratch.db())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut address = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("kompass: open ") {
            address = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    let address = address.expect("serve prints the address to open");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let body = agent
        .get(&format!("{address}api/v1/municipalities/1881"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    let kumla: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(kumla["evaluations"][1]["total"], 557);
}

#[test]
fn every_command_has_help_with_examples() {
    for sub in ["serve", "import", "check"] {
        let out = kompass().args([sub, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("Examples:"),
            "{sub}: {text}"
        );
    }
}

#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    let scratch = Scratch::new();
    let mut child = kompass()
        .args(["check", "--db"])
        .arg(scratch.db())
        .arg(bundled_data().join("evaluations"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `kompass check ... | head -0`: the reader closes before any output.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
}

/// A newcomer's first guesses: the data folder is checked and imported as
/// the bundle it is, and each run says what it did.
#[test]
fn the_data_folder_is_checked_and_imported_as_the_bundle_it_is() {
    let scratch = Scratch::new();
    let run = |args: &[&str]| {
        let out = kompass()
            .args(args)
            .arg("--db")
            .arg(scratch.db())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {stdout}\n{stderr}");
        stdout
    };
    let files = std::fs::read_dir(bundled_data().join("evaluations"))
        .unwrap()
        .count();
    let checked = run(&["check", "data-import"]);
    assert!(
        checked.contains(&format!(
            "bundled data data-import: checked, {files} evaluation files: {files} new"
        )),
        "{checked}"
    );
    assert!(
        checked.contains("Kumla (1881), november 2020, evaluation 2, v2020"),
        "{checked}"
    );
    assert!(checked.contains(&format!("{files} file(s) valid; nothing written")));
    assert!(!scratch.db().exists());
    let imported = run(&["import", "data-import"]);
    assert!(
        imported.contains(&format!("synced, {files} evaluation files: {files} new")),
        "{imported}"
    );
    assert!(
        imported.contains(&format!("holds {files} evaluations")),
        "{imported}"
    );
    let again = run(&["import", "data-import"]);
    assert!(
        again.contains(&format!(
            "bundled data data-import: unchanged since the last import ({files} evaluation files)"
        )),
        "{again}"
    );
    // On an up-to-date database, `check` still checks every bundled file.
    let rechecked = run(&["check", "data-import"]);
    assert!(
        rechecked.contains(&format!("{files} unchanged")),
        "{rechecked}"
    );
}

#[test]
fn importing_a_file_into_a_new_database_says_the_bundle_came_first() {
    let scratch = Scratch::new();
    let out = kompass()
        .args(["import", "--db"])
        .arg(scratch.db())
        .arg(kumla_2020_file())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("bundled data data-import: synced,"),
        "{stdout}"
    );
    assert!(
        lines[1].ends_with(
            "1881-kumla-2020.toml: 1881-2020 v2020 (unchanged: stored before from this very file)"
        ),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("1 named file(s): 0 new, 0 replaced, 1 unchanged;"),
        "{stdout}"
    );
}

#[test]
fn a_damaged_database_is_refused_naming_the_file_and_the_remedy() {
    use std::io::{Seek, SeekFrom, Write};
    // Two kinds of damage: pages inside overwritten (SQLite: malformed), and
    // a header that is no database's (SQLite: not a database).
    for (offset, what) in [(3 * 4096, "a damaged page"), (0, "a damaged header")] {
        let scratch = Scratch::new();
        crate::common::import_bundle(&scratch.db(), &bundled_data());
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(scratch.db())
            .unwrap();
        file.seek(SeekFrom::Start(offset)).unwrap();
        file.write_all(&[0xA5; 8192]).unwrap();
        drop(file);
        let out = kompass()
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(scratch.db())
            .stdin(Stdio::null())
            .output()
            .expect("kompass runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what}: served anyway");
        let db = scratch.db().display().to_string();
        assert!(
            stderr.contains(&format!("the database {db} is damaged")),
            "{what}: {stderr}"
        );
        assert!(
            stderr.contains(&format!("Delete it (rm {db})")),
            "{what}: {stderr}"
        );
        assert!(
            stderr.contains("the next `kompass serve` rebuilds it from data-import"),
            "{what}: {stderr}"
        );
        // The remedy works: without the file, the bundle is imported anew.
        std::fs::remove_file(scratch.db()).unwrap();
        let out = kompass()
            .args(["import", "--db"])
            .arg(scratch.db())
            .arg("data-import")
            .output()
            .expect("kompass runs");
        assert!(out.status.success(), "{what}: rebuilt");
    }
}

/// A report imported by hand over a bundled evaluation wins (a deliberate
/// choice), but the bundled file it holds back is named on every later
/// sync, with the command that restores it; `--prefer-bundle` does.
#[test]
fn a_bundled_file_held_back_by_a_hand_import_is_named_on_every_sync_and_restorable() {
    let scratch = Scratch::new();
    let run = |args: &[&str]| {
        let out = kompass()
            .args(args)
            .arg("--db")
            .arg(scratch.db())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {stdout}\n{stderr}");
        stdout
    };
    let total = || {
        let mut conn = kompass::db::open_writable(&scratch.db()).unwrap();
        let data = kompass::db::read::load_dataset(&mut conn).unwrap();
        let kumla = data.evaluation(&"1881-2020".parse().unwrap()).unwrap();
        (
            kumla.evaluation.total.map(|t| t.to_string()),
            kumla.provenance.imported_at.clone(),
        )
    };
    run(&["import", "data-import"]);
    assert_eq!(total().0.as_deref(), Some("557"));
    let by_hand = run(&["import", "tests/fixtures/reports/kumla-2020.txt"]);
    let (now, imported_at) = total();
    assert_eq!(now, None, "the report prints no total");
    let day = &imported_at[..10];
    let held = format!(
        "1 bundled file held back: data-import/evaluations/1881-kumla-2020.toml (1881-2020), imported by hand on {day} from kumla-2020.txt; `kompass import data-import --prefer-bundle --db {}` restores it",
        scratch.db().display()
    );
    assert!(by_hand.contains(&held), "{by_hand}");
    for _ in 0..2 {
        let again = run(&["import", "data-import"]);
        assert!(again.contains("unchanged since the last import"), "{again}");
        assert!(again.contains(&held), "{again}");
    }
    let restored = run(&["import", "data-import", "--prefer-bundle"]);
    assert!(
        restored.contains("1881-kumla-2020.toml restores 1881-2020 in place of the evaluation imported by hand from kumla-2020.txt"),
        "{restored}"
    );
    assert!(!restored.contains("held back"), "{restored}");
    assert_eq!(total().0.as_deref(), Some("557"));
    let quiet = run(&["import", "data-import"]);
    assert!(!quiet.contains("held back"), "{quiet}");
    let app = crate::common::TestApp::serve(scratch);
    let page = app.get("/kommun/1881-kumla").body;
    assert!(
        page.contains("557"),
        "the page shows the bundle's total again"
    );
}
