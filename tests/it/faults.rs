//! An import that fails for reasons outside the files: a full disk, a
//! read-only database, another process holding it, a kill in the middle.
//! Each leaves the database as it was, with no journal beside it, and says
//! what happened. The faults are made, not waited for: a small tmpfs, a lock
//! held by the test, an import stopped at a known point.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, sqlite::SqliteConnection};
use kompass::db;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

use crate::common::{Scratch, bundled_data, import_bundle, kumla_2020_file, project_dir};

fn kompass() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kompass"));
    cmd.current_dir(project_dir());
    cmd.env_remove("KOMPASS_DB")
        .env_remove("KOMPASS_DATA")
        .env_remove("KOMPASS_PAUSE_BEFORE_COMMIT");
    cmd
}

fn import(db: &Path, what: &Path) -> Output {
    kompass()
        .args(["import", "--db"])
        .arg(db)
        .arg(what)
        .output()
        .expect("kompass runs")
}

fn hash(path: &Path) -> String {
    hex::encode(Sha256::digest(
        std::fs::read(path).expect("read the database"),
    ))
}

fn journal(db: &Path) -> PathBuf {
    db::writer::journal_path(db)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// The Kumla 2020 file under `count` other municipality-years: enough
/// figures and text to need space.
fn many_evaluations(dir: &Path, count: usize) -> PathBuf {
    let text = std::fs::read_to_string(kumla_2020_file()).unwrap();
    let register = std::fs::read_to_string(bundled_data().join("municipalities.csv")).unwrap();
    let folder = dir.join("many");
    std::fs::create_dir_all(&folder).unwrap();
    let rows = register.lines().skip(1).map(|l| {
        let mut cells = l.split(',');
        (
            cells.next().unwrap().to_string(),
            cells.next().unwrap().to_string(),
        )
    });
    for (i, (code, name)) in rows.take(count).enumerate() {
        let year = 2030 + i % 5;
        let copy = text
            .replace(
                "municipality = \"1881\"",
                &format!("municipality = \"{code}\""),
            )
            .replace(
                "municipality_name = \"Kumla\"",
                &format!("municipality_name = \"{name}\""),
            )
            .replace("year = 2020", &format!("year = {year}"))
            .replace(
                "published = 2021-05-10",
                &format!("published = {}-05-10", year + 1),
            );
        std::fs::write(folder.join(format!("{code}-{year}.toml")), copy).unwrap();
    }
    folder
}

/// A tmpfs of `size` mounted for the test, unmounted when dropped. `None`
/// (said on stderr) where mounting is impossible: not root.
struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            Ok(out) => {
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs here (run the tests as root): {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: cannot run mount: {e}");
                None
            }
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Takes all but about `free` bytes of what is left.
    fn fill(&self, free: u64) {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(self.dir.path())
            .output()
            .expect("df");
        let avail: u64 = String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df's available bytes");
        let size = avail.saturating_sub(free) as usize;
        std::fs::write(self.path("filler"), vec![0u8; size]).expect("fill the tmpfs");
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount the tmpfs read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_the_database_as_it_was_and_says_so() {
    let Some(tmpfs) = Tmpfs::mount("4m") else {
        return;
    };
    let db = tmpfs.path("kompass.db");
    import_bundle(&db, &bundled_data());
    let before = hash(&db);
    let scratch = Scratch::new();
    let many = many_evaluations(scratch.dir.path(), 200);
    tmpfs.fill(64 * 1024);
    let out = import(&db, &many);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "no space left on the device for the database {}",
            db.display()
        )) && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(hash(&db), before, "the database changed: {err}");
    assert!(!journal(&db).exists(), "a journal is left");
    // With room again, the same import goes through.
    std::fs::remove_file(tmpfs.path("filler")).unwrap();
    let out = import(&db, &many);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_read_only_database_is_refused_saying_so() {
    let Some(tmpfs) = Tmpfs::mount("4m") else {
        return;
    };
    let db = tmpfs.path("kompass.db");
    import_bundle(&db, &bundled_data());
    let before = hash(&db);
    tmpfs.remount_read_only();
    let scratch = Scratch::new();
    let out = import(&db, &many_evaluations(scratch.dir.path(), 3));
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&format!("the database {} cannot be written", db.display()))
            && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(hash(&db), before);
}

/// Holds a lock on `db` from this test, as another process would.
fn hold(db: &Path, lock: &str) -> SqliteConnection {
    let mut other = SqliteConnection::establish(&db.to_string_lossy()).unwrap();
    other.batch_execute(lock).unwrap();
    other
}

#[test]
fn an_import_waits_for_another_writer_then_refuses_saying_the_database_is_in_use() {
    let scratch = Scratch::new();
    let db = scratch.db();
    import_bundle(&db, &bundled_data());
    let before = hash(&db);
    let many = many_evaluations(scratch.dir.path(), 3);
    // A writer (its transaction begun) and one about to commit (no reader
    // may even look): the import waits for each, then says so.
    for lock in ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"] {
        let mut other = hold(&db, lock);
        let started = Instant::now();
        let out = import(&db, &many);
        let err = stderr(&out);
        assert!(!out.status.success(), "{lock}: {err}");
        assert!(
            err.contains(&format!(
                "the database {} is in use by another process",
                db.display()
            )) && err.contains("nothing was changed"),
            "{lock}: {err}"
        );
        assert!(
            started.elapsed() >= db::writer::LOCK_WAIT,
            "{lock}: it did not wait"
        );
        other.batch_execute("ROLLBACK").unwrap();
        assert_eq!(hash(&db), before, "{lock}");
        assert!(!journal(&db).exists(), "{lock}");
    }
    let out = import(&db, &many);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_import_killed_before_its_commit_leaves_the_old_database() {
    let scratch = Scratch::new();
    let db = scratch.db();
    import_bundle(&db, &bundled_data());
    let before = hash(&db);
    let version = {
        let mut conn = db::open_writable(&db).unwrap();
        db::read::fingerprint(&mut conn).unwrap()
    };
    let marker = scratch.path("stored");
    let mut child = kompass()
        .args(["import", "--db"])
        .arg(&db)
        .arg(many_evaluations(scratch.dir.path(), 150))
        .env("KOMPASS_PAUSE_BEFORE_COMMIT", &marker)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the import never got to its commit"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // The next writer to open it rolls the journal back.
    let mut conn = db::open_writable(&db).unwrap();
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .unwrap();
    assert_eq!(check[0].integrity_check, "ok");
    assert_eq!(db::read::fingerprint(&mut conn).unwrap(), version);
    drop(conn);
    assert!(!journal(&db).exists());
    assert_eq!(hash(&db), before);
}

#[test]
fn a_failed_new_database_leaves_no_file_whatever_its_name() {
    let scratch = Scratch::new();
    let db = scratch.path("kompass.sqlite");
    let text = std::fs::read_to_string(kumla_2020_file()).unwrap();
    let bad = scratch.write(
        "bad.toml",
        &text.replace("municipality = \"1881\"", "municipality = \"0000\""),
    );
    let out = import(&db, &bad);
    assert!(!out.status.success());
    let left: Vec<String> = std::fs::read_dir(scratch.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(left, ["bad.toml"]);
}
