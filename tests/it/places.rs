//! Kommungrupper, populations and the map's boundaries as the bundle brings
//! them in: checked at their line, stored, and served.

use kompass::pipeline::{self, Target};

use crate::common::{Scratch, import_bundle};

/// Replaces `from` by `to` once in a file of the bundle copy.
fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_bad_row_or_map_feature_is_refused_at_its_line_and_the_database_kept() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    let before = std::fs::read(scratch.db()).unwrap();
    edit(
        &data.join("kommungrupper.csv"),
        "1880,Örebro,B3",
        "1880,Örebro,B9",
    );
    let err = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![])
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(
            "kommungrupper.csv:207: group_code: \"B9\" is not a kommungrupp (A1-A2, B3-B5 or C6-C9)"
        ),
        "{err}"
    );
    edit(
        &data.join("kommungrupper.csv"),
        "1880,Örebro,B9",
        "1880,Örebro,B3",
    );
    edit(
        &data.join("maps/kommuner.geojson"),
        "\"KnKod\": \"1880\", \"KnNamn\": \"Örebro\"",
        "\"KnKod\": \"1880\", \"KnNamn\": \"Orebro\"",
    );
    let err = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![])
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(
            "kommuner.geojson:210: properties.KnNamn: \"Orebro\" is not the register's name for this code (\"Örebro\")"
        ),
        "{err}"
    );
    assert!(
        std::fs::read(scratch.db()).unwrap() == before,
        "the database is as it was"
    );
}
