//! The described dataset: datapackage.json matches the CSVs it describes,
//! and kompass.zip holds the same files with a README that says how to cite.

use std::io::{Cursor, Read};
use std::process::Command;

use crate::common::{Scratch, TestApp};
use crate::data_support::{get_raw, pip_library, pip_tool};

#[test]
fn the_datapackage_describes_each_csv_as_served() {
    let app = TestApp::bundled();
    let pkg = app.get_json("/data/datapackage.json");
    assert_eq!(pkg["profile"], "tabular-data-package");
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    assert!(pkg["sources"].as_array().unwrap().len() >= 2);
    let version = app.state.dataset().derived().version.clone();
    assert_eq!(pkg["created"].as_str(), Some(version.timestamp().as_str()));
    assert_eq!(pkg["version"].as_str(), Some(version.label.as_str()));
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
            "kompass/jamforelsevarden.xlsx",
            "kompass/kommuner.csv",
            "kompass/kommuner.xlsx",
            "kompass/kompass.csv",
            "kompass/kompass.xlsx",
            "kompass/utvarderingar.csv",
            "kompass/utvarderingar.xlsx",
        ]
    );
    // The workbooks are the ones served, byte for byte (same data, same bytes).
    let mut workbook = Vec::new();
    zip.by_name("kompass/kompass.xlsx")
        .unwrap()
        .read_to_end(&mut workbook)
        .unwrap();
    assert_eq!(workbook, get_raw(&app, "/data/kompass.xlsx").body);
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
    assert!(readme.contains(&app.state.dataset().derived().version.label));
    assert!(readme.contains(r#"pd.read_csv("kompass.csv", dtype={"kommunkod": str})"#));
    assert!(readme.contains(r#"colClasses = c(kommunkod = "character")"#));
    let pkg: serde_json::Value = serde_json::from_str(&read("kompass/datapackage.json")).unwrap();
    assert_eq!(pkg, app.get_json("/data/datapackage.json"));
}

fn frictionless_report(frictionless: &[String], dir: &std::path::Path) -> serde_json::Value {
    let out = Command::new(&frictionless[0])
        .args(&frictionless[1..])
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless gave no JSON report ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn frictionless_validates_the_zipped_package_and_catches_a_broken_cell() {
    let frictionless = pip_tool("frictionless", "frictionless");
    let app = TestApp::bundled();
    let scratch = Scratch::new();
    let mut zip =
        zip::ZipArchive::new(Cursor::new(get_raw(&app, "/data/kompass.zip").body)).unwrap();
    zip.extract(scratch.dir.path()).unwrap();
    let dir = scratch.dir.path().join("kompass");
    let report = frictionless_report(&frictionless, &dir);
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), 4);
    // A figure that is not a number breaks the described type.
    let csv_path = dir.join("kompass.csv");
    let text = std::fs::read_to_string(&csv_path).unwrap();
    std::fs::write(&csv_path, text.replacen(",557,800,", ",557 p,800,", 1)).unwrap();
    let broken = frictionless_report(&frictionless, &dir);
    assert_eq!(broken["valid"], false);
}

/// Runs the zip README's own pandas lines on the zipped kompass.csv and
/// kompass.xlsx, and a plain `read_csv` and `read_excel` without types.
const PANDAS_READ: &str = r#"
import csv, re, sys
import pandas as pd
readme = open("README.md", encoding="utf-8").read()
for name, pattern in (("csv", r"- pandas: `([^`]+)`"), ("xlsx", r"- pandas, kalkylbladet: `([^`]+)`")):
    found = re.search(pattern, readme)
    if not found:
        sys.exit(f"the README shows no pandas line for the {name} file")
    line = found.group(1)
    print(f"{name}_line={line}")
    typed = eval(line, {"pd": pd})
    if not typed["kommunkod"].map(lambda v: isinstance(v, str)).all():
        sys.exit(f"the README's read of the {name} file does not keep kommunkod as text")
    if "0114" not in set(typed["kommunkod"]):
        sys.exit(f"0114 lost its zero with the README's read of the {name} file")
plain_excel = pd.read_excel("kompass.xlsx")
print(f"plain_excel_kommunkod={plain_excel['kommunkod'].dtype}")
plain = pd.read_csv("kompass.csv")
rows = list(csv.DictReader(open("kompass.csv", encoding="utf-8", newline="")))
for column in ("omrade", "delomrade"):
    for value, text in zip(plain[column], (r[column] for r in rows)):
        if (text == "") != pd.isna(value) or (text and value != int(text)):
            sys.exit(f"a plain read turned {column} {text!r} into {value!r}")
print(f"rows={len(typed)} plain_kommunkod={plain['kommunkod'].dtype}")
"#;

#[test]
fn the_readmes_pandas_line_keeps_codes_as_text_and_area_numbers_read_exactly() {
    pip_library("openpyxl", "openpyxl");
    let py = pip_library("pandas", "pandas");
    let app = TestApp::bundled();
    let scratch = Scratch::new();
    let mut zip =
        zip::ZipArchive::new(Cursor::new(get_raw(&app, "/data/kompass.zip").body)).unwrap();
    zip.extract(scratch.dir.path()).unwrap();
    let out = Command::new(py)
        .args(["-c", PANDAS_READ])
        .current_dir(scratch.dir.path().join("kompass"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without the README's types the code would be a number, in the CSV and
    // (pandas guessing types from text cells too) in the workbook: the lines
    // matter. The project's README shows the same lines.
    assert!(stdout.contains("plain_kommunkod=int64"), "{stdout}");
    assert!(stdout.contains("plain_excel_kommunkod=int64"), "{stdout}");
    let project_readme =
        std::fs::read_to_string(crate::common::project_dir().join("README.md")).unwrap();
    for line in stdout
        .lines()
        .filter_map(|l| l.split_once("_line=").map(|(_, v)| v))
    {
        assert!(
            project_readme.contains(&format!("`{line}`")),
            "README.md lacks `{line}`"
        );
    }
}
