//! The described dataset: datapackage.json matches the CSVs it describes,
//! and kompass.zip holds the same files with a README that says how to cite.

use std::io::{Cursor, Read};

use crate::common::TestApp;
use crate::data_support::get_raw;

#[test]
fn the_datapackage_describes_each_csv_as_served() {
    let app = TestApp::bundled();
    let pkg = app.get_json("/data/datapackage.json");
    assert_eq!(pkg["profile"], "tabular-data-package");
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    assert!(pkg["sources"].as_array().unwrap().len() >= 2);
    assert_eq!(
        pkg["created"].as_str(),
        Some(app.state.dataset().updated_at.as_str())
    );
    assert!(pkg["citation"].as_str().unwrap().contains("kompass"));
    let resources = pkg["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 4);
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let csv = get_raw(&app, &format!("/data/{path}")).text();
        let header = csv.lines().next().unwrap();
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields.join(","), "{path}");
        for f in r["schema"]["fields"].as_array().unwrap() {
            assert!(["string", "integer", "number"].contains(&f["type"].as_str().unwrap()));
            assert!(!f["description"].as_str().unwrap().is_empty());
        }
        // No trailing citation row: every line has the header's columns.
        let last = csv.lines().last().unwrap();
        assert!(!last.to_lowercase().contains("citera"), "{path}: {last}");
    }
    let kompass = &resources[0];
    assert_eq!(
        kompass["schema"]["fields"][0]["constraints"]["pattern"],
        "^[0-9]{4}$"
    );
}

#[test]
fn the_zip_holds_the_csvs_the_datapackage_and_a_readme_on_citing() {
    let app = TestApp::bundled();
    let r = get_raw(&app, "/data/kompass.zip");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/zip"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"kompass.zip\"")
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(r.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "kompass/README.md",
            "kompass/datapackage.json",
            "kompass/jamforelsevarden.csv",
            "kompass/kommuner.csv",
            "kompass/kompass.csv",
            "kompass/utvarderingar.csv",
        ]
    );
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    assert_eq!(
        read("kompass/kompass.csv"),
        get_raw(&app, "/data/kompass.csv").text()
    );
    let readme = read("kompass/README.md");
    assert!(readme.contains("## Citera"));
    assert!(readme.contains("CC BY 4.0"));
    assert!(readme.contains(&app.state.dataset().data_version));
    let pkg: serde_json::Value = serde_json::from_str(&read("kompass/datapackage.json")).unwrap();
    assert_eq!(pkg, app.get_json("/data/datapackage.json"));
}
