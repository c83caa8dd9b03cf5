use super::*;

const SAMPLE: &str = r#"
municipality = "1881"
municipality_name = "Kumla"
year = 2020
month = 11
evaluation_number = 2
revision = "v2020"
total = 557
notes = """
Two lines
of notes."""

areas = [
  { number = 1, points = 66, percent = 66, name = "Offentlighet och demokrati" },
  { number = 2, points = "72,5" },
]
subareas = [
  { code = "1.1", points = 13, max = 20, percent = 63, name = "Strategi" },
]

[source]
url = "https://example.org/kumla"

[[discrepancies]]
figure = "total"
note = "Printed as such."

[[stated_changes]]
figure = "total"
change = "+137"
since = 2017
source = "https://www.kumla.se/nyheter"
"#;

#[test]
fn reads_every_field_and_its_line() {
    let parsed = parse(Path::new("k.toml"), SAMPLE).unwrap();
    let e = &parsed.evaluation;
    assert_eq!(e.municipality.as_str(), "1881");
    assert_eq!(
        (e.year, e.month, e.evaluation_number),
        (2020, Some(11), Some(2))
    );
    assert_eq!(e.total, Some(Score::whole(557)));
    assert_eq!(e.areas[1].points, Score::from_tenths(725, 1));
    assert_eq!(e.areas[0].line, Some(14));
    assert_eq!(e.subareas[0].line, Some(18));
    assert_eq!(e.notes.as_deref(), Some("Two lines\nof notes."));
    assert_eq!(e.discrepancies[0].figure, crate::domain::Figure::Total);
    assert_eq!(
        parsed.facts.municipality_name,
        Some(("Kumla".to_string(), 3))
    );
    assert_eq!(
        (parsed.facts.municipality_line, parsed.facts.revision_line),
        (Some(2), Some(7))
    );
    let stated = &e.stated_changes[0];
    assert_eq!(
        (stated.figure, stated.change.to_string(), stated.since),
        (crate::domain::Figure::Total, "137".to_string(), 2017)
    );
    assert_eq!((stated.line, stated.quote.as_deref()), (Some(28), None));
}

#[test]
fn reads_a_public_note_and_refuses_bad_stated_changes_at_their_line() {
    let text = SAMPLE.replace(
        "[source]",
        "public_note = \"Bara två områden syns på sidan.\"\n\n[source]",
    );
    let e = parse(Path::new("k.toml"), &text).unwrap().evaluation;
    assert_eq!(
        e.public_note.as_deref(),
        Some("Bara två områden syns på sidan.")
    );
    let bad = SAMPLE
        .replace("figure = \"total\"\nchange", "figure = \"area 9\"\nchange")
        .replace("\"+137\"", "\"137 poäng\"")
        .replace("since = 2017", "since = 17");
    let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
    for field in ["figure", "change", "since"] {
        assert!(
            err.contains(&format!("k.toml:28: stated_changes[0].{field}")),
            "{field}: {err}"
        );
    }
}

#[test]
fn writes_what_it_reads() {
    let parsed = parse(Path::new("k.toml"), SAMPLE).unwrap();
    let written = to_toml(&parsed.evaluation, Some("Kumla"), "Kumla 2020");
    let again = parse(Path::new("k2.toml"), &written).unwrap();
    assert_eq!(
        again.evaluation.without_lines(),
        parsed.evaluation.without_lines()
    );
}

#[test]
fn names_the_line_and_field_of_a_bad_figure() {
    let bad = SAMPLE.replace("points = 13", "points = \"1x\"");
    let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
    assert!(err.contains("k.toml:18: subareas[0].points"), "{err}");
    let bad = SAMPLE.replace("figure = \"total\"\nnote", "figure = \"area 9\"\nnote");
    let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
    assert!(
        err.contains("k.toml:24: discrepancies.figure: \"area 9\" is not a figure"),
        "{err}"
    );
}

#[test]
fn refuses_unknown_keys_and_syntax_errors_with_a_line() {
    let typo = SAMPLE.replace("month = 11", "monht = 11");
    let err = parse(Path::new("k.toml"), &typo).unwrap_err().to_string();
    assert!(
        err.contains("k.toml:5: toml") && err.contains("monht"),
        "{err}"
    );
    let broken = SAMPLE.replace("year = 2020", "year = ");
    let err = parse(Path::new("k.toml"), &broken).unwrap_err().to_string();
    assert!(err.contains("k.toml:4"), "{err}");
}

#[test]
fn refuses_impossible_values_all_at_once() {
    let bad = SAMPLE
        .replace("month = 11", "month = 13")
        .replace("number = 2,", "number = 9,")
        .replace("\"1881\"", "\"188\"");
    let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
    assert!(
        err.contains("month") && err.contains("areas[1].number") && err.contains("municipality"),
        "{err}"
    );
}

#[test]
fn reads_the_publication_date_as_a_toml_date_or_text() {
    for written in ["published = 2021-05-10", "published = \"2021-05-10\""] {
        let text = SAMPLE.replace("month = 11", &format!("month = 11\n{written}"));
        let e = parse(Path::new("k.toml"), &text).unwrap().evaluation;
        assert_eq!(
            e.published,
            NaiveDate::from_ymd_opt(2021, 5, 10),
            "{written}"
        );
        let again = parse(Path::new("k2.toml"), &to_toml(&e, None, "")).unwrap();
        assert_eq!(again.evaluation.published, e.published, "written back");
    }
    assert_eq!(
        parse(Path::new("k.toml"), SAMPLE)
            .unwrap()
            .evaluation
            .published,
        None
    );
}

#[test]
fn refuses_a_publication_date_that_is_no_date_or_comes_before_the_evaluation() {
    for (written, why) in [
        (
            "published = 2020-10-31",
            "is before the evaluation itself (2020-11)",
        ),
        ("published = \"2021-02-30\"", "is not a date"),
        ("published = 2021-05-10T12:00:00", "is not a date"),
        ("published = \"10 maj 2021\"", "is not a date"),
    ] {
        let text = SAMPLE.replace("month = 11", &format!("month = 11\n{written}"));
        let err = parse(Path::new("k.toml"), &text).unwrap_err().to_string();
        assert!(
            err.contains("k.toml:6: published") && err.contains(why),
            "{written}: {err}"
        );
    }
}

#[test]
fn a_contribution_table_is_read_written_and_read_back() {
    let text =
        format!("{SAMPLE}\n[contribution]\nreference = \"B-2026-0007\"\naccepted = 2026-12-08\n");
    let e = parse(Path::new("k.toml"), &text).unwrap().evaluation;
    let c = e.contribution.expect("a contribution");
    assert_eq!(c.reference.to_string(), "B-2026-0007");
    assert_eq!(c.accepted.to_string(), "2026-12-08");
    let written = to_toml(&e, Some("Kumla"), "");
    assert!(
        written.contains("\n[contribution]\nreference = \"B-2026-0007\"\naccepted = 2026-12-08\n"),
        "{written}"
    );
    let again = parse(Path::new("k.toml"), &written).unwrap().evaluation;
    assert_eq!(again.contribution, e.contribution);
}

#[test]
fn a_bad_contribution_table_is_refused_at_its_line() {
    for (table, field) in [
        (
            "reference = \"B-26-7\"\naccepted = 2026-12-08",
            "contribution.reference",
        ),
        (
            "reference = \"B-2026-0007\"\naccepted = \"igår\"",
            "contribution.accepted",
        ),
    ] {
        let text = format!("{SAMPLE}\n[contribution]\n{table}\n");
        let err = parse(Path::new("k.toml"), &text).unwrap_err().to_string();
        assert!(err.contains(field), "{err}");
    }
    let text = format!("{SAMPLE}\n[contribution]\nreference = \"B-2026-0007\"\n");
    assert!(parse(Path::new("k.toml"), &text).is_err());
}
