//! `kompass backup`: a sound, consistent copy of the database, also while
//! another connection holds the write lock in the middle of a change (as an
//! import does): the copy has the data as it was before the change.

use std::process::Command;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::common::{Scratch, bundled_data, import_bundle};

fn fingerprint(db: &std::path::Path) -> String {
    let state = kompass::web::AppState::open(db).unwrap();
    state.dataset().fingerprint.clone()
}

#[test]
fn a_backup_taken_during_a_write_is_sound_and_has_the_data_before_it() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let before = fingerprint(&scratch.db());
    // A writer in the middle of a change, as an import would be.
    let mut writer = SqliteConnection::establish(&scratch.db().to_string_lossy()).unwrap();
    writer
        .batch_execute(
            "BEGIN IMMEDIATE; UPDATE meta SET value = 'half-written' WHERE key = 'fingerprint'; \
             DELETE FROM area_scores;",
        )
        .unwrap();
    let out = scratch.path("replica/kompass.db");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_kompass"))
        .arg("backup")
        .arg("--db")
        .arg(scratch.db())
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("integrity ok"));
    writer.batch_execute("ROLLBACK;").unwrap();
    assert_eq!(kompass::backup::integrity(&out).unwrap(), "ok");
    assert_eq!(fingerprint(&out), before, "the copy has the committed data");
    // No partial file is left beside it, and a second backup replaces it.
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, vec!["kompass.db"]);
    kompass::backup::backup(&scratch.db(), &out).unwrap();
    assert_eq!(fingerprint(&out), before);
}

#[test]
fn a_backup_of_a_missing_database_says_so() {
    let scratch = Scratch::new();
    let err = kompass::backup::backup(&scratch.db(), &scratch.path("out.db")).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!scratch.path("out.db").exists());
}
