use std::path::Path;

use super::*;
use crate::import::evaluation_file::parse;
use crate::import::registers::{parse_catalogue, parse_municipalities};

const KUMLA: &str = include_str!("../../../data-import/evaluations/1881-kumla-2020.toml");

fn check(text: &str) -> Result<Vec<Notice>, Vec<Problem>> {
    let catalogue = parse_catalogue(
        Path::new("c"),
        include_str!("../../../data-import/catalogue.toml"),
    )
    .unwrap();
    let register: BTreeMap<MunicipalityCode, Municipality> = parse_municipalities(
        Path::new("m"),
        include_str!("../../../data-import/municipalities.csv"),
    )
    .unwrap()
    .into_iter()
    .map(|m| (m.code, m))
    .collect();
    let recorded = BTreeMap::new();
    let parsed = parse(Path::new("k.toml"), text).unwrap();
    let registers = Registers {
        municipalities: &register,
        catalogue: &catalogue,
        recorded_subareas: &recorded,
    };
    validate(&parsed.evaluation, &parsed.facts, &registers)
}

#[test]
fn kumla_2020_passes_every_check() {
    assert_eq!(check(KUMLA), Ok(vec![]));
}

#[test]
fn typos_in_kumla_2020_fail_the_interval_check() {
    for (from, to, field) in [
        (
            "code = \"3.2\", points = 33, max = 40, percent = 84",
            "code = \"3.2\", points = 43, max = 40, percent = 84",
            "subareas (3.2).points",
        ),
        (
            "code = \"1.3\", points = 18, max = 30, percent = 60",
            "code = \"1.3\", points = 18, max = 30, percent = 66",
            "subareas (1.3)",
        ),
        (
            "number = 4, points = 60, percent = 60",
            "number = 4, points = 66, percent = 66",
            "areas (4)",
        ),
        ("total = 557", "total = 575", "total"),
    ] {
        assert!(KUMLA.contains(from), "{from}");
        let problems = check(&KUMLA.replace(from, to)).unwrap_err();
        assert_eq!(problems[0].field.to_string(), field, "{to}: {problems:?}");
    }
}

#[test]
fn stated_changes_are_about_a_printed_figure_an_earlier_year_and_a_web_page() {
    let stated = |figure: &str, since: i32, source: &str| {
        format!(
            "\n[[stated_changes]]\nfigure = \"{figure}\"\nchange = 137\nsince = {since}\nsource = \"{source}\"\n"
        )
    };
    assert!(
        KUMLA.contains("since = 2017"),
        "the bundled file states +137 since 2017"
    );
    let ok = format!("{KUMLA}{}", stated("total", 2014, "https://www.kumla.se/x"));
    assert_eq!(check(&ok), Ok(vec![]));
    let area_ok = format!(
        "{KUMLA}{}",
        stated("area 3", 2017, "https://www.kumla.se/x")
    );
    assert_eq!(check(&area_ok), Ok(vec![]));
    let without_total = KUMLA.replace("total = 557\n", "");
    for (text, field, says) in [
        (
            format!("{without_total}{}", stated("total", 2014, "https://k.se")),
            "figure",
            "not published",
        ),
        (
            format!("{KUMLA}{}", stated("total", 2020, "https://k.se")),
            "since",
            "not before",
        ),
        (
            format!("{KUMLA}{}", stated("total", 2014, "javascript:alert(1)")),
            "source",
            "not a web address",
        ),
        (
            format!("{KUMLA}{}", stated("total", 2017, "https://k.se")),
            "figure",
            "stated twice",
        ),
    ] {
        let problems = check(&text).unwrap_err();
        let p = problems
            .iter()
            .find(|p| p.field.to_string().ends_with(field))
            .unwrap_or_else(|| panic!("{problems:?}"));
        assert!(
            p.kind.to_string().contains(says) && p.line.is_some(),
            "{p:?}"
        );
    }
}

#[test]
fn unknown_sub_areas_of_older_revisions_are_recorded_with_a_notice() {
    let text = r#"
municipality = "0980"
year = 2014
revision = "v2010"
areas = [ { number = 1, points = 61 } ]
subareas = [
  { code = "1.1", points = 30, max = 50 },
  { code = "1.2", points = 31, max = 50 },
]
"#;
    let notices = check(text).unwrap();
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].to_string().contains("recording 1.1, 1.2"),
        "{notices:?}"
    );
}
