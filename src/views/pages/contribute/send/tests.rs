use super::*;
use crate::domain::tests::{KUMLA_2020, dataset, evaluation};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
}

fn said(e: &crate::domain::Evaluation) -> ComparisonView {
    let data = dataset(vec![evaluation(
        "1881",
        2020,
        "v2020",
        &KUMLA_2020,
        Some(557),
    )]);
    let c = compare(e, &data.evaluations, today());
    comparison(&c, &data, e.municipality, e.year)
}

fn kumla_report() -> crate::domain::Evaluation {
    evaluation("1881", 2020, "v2020", &KUMLA_2020, None).evaluation
}

#[test]
fn the_same_evaluation_confirms_what_is_held() {
    let view = said(&kumla_report());
    assert_eq!(
        view.summary.as_deref(),
        Some("Det här bekräftar det som redan finns: kompass har samma siffror för Kumla 2020.")
    );
    assert!(view.changes.is_empty() && view.warnings.is_empty() && view.refusal.is_none());
}

#[test]
fn a_changed_area_says_how_many_figures_change_and_each_from_what_to_what() {
    let mut e = kumla_report();
    e.areas[0].points = Score::whole(70);
    e.areas[2].points = Score::parse_printed("80,5").unwrap();
    let view = said(&e);
    assert_eq!(
        view.summary.as_deref(),
        Some("Det här ändrar 2 siffror i Kumla 2020, som kompass har:")
    );
    assert_eq!(
        view.changes,
        ["Område 1, poäng: 66 → 70", "Område 3, poäng: 80 → 80,5"]
    );
}

#[test]
fn kumlas_figures_as_another_municipality_get_the_warning() {
    let mut e = kumla_report();
    e.municipality = "1880".parse().unwrap();
    e.year = 2022;
    let view = said(&e);
    assert_eq!(
        view.summary.as_deref(),
        Some("kompass har ingen utvärdering av Örebro 2022: den blir ny.")
    );
    assert_eq!(view.warnings.len(), 1);
    assert!(
        view.warnings[0].starts_with("Samma siffror som Kumla 2020: fel fil?"),
        "{}",
        view.warnings[0]
    );
}

#[test]
fn a_year_to_come_or_before_2002_is_refused_in_swedish() {
    let mut e = kumla_report();
    e.municipality = "1880".parse().unwrap();
    e.year = 2031;
    let refusal = said(&e).refusal.unwrap();
    assert!(
        refusal.starts_with("Året 2031 har inte kommit än"),
        "{refusal}"
    );
    e.year = 1999;
    let refusal = said(&e).refusal.unwrap();
    assert!(
        refusal.starts_with("Kommunkompassens utvärderingar började 2002"),
        "{refusal}"
    );
}

#[test]
fn the_form_carries_what_was_reviewed_escaped_and_refilled() {
    let sending = Sending {
        comparison: ComparisonView::default(),
        carried: Carried {
            input: InputKind::Report,
            name: "kumla \"2020\".txt".into(),
            content: "Rad ett\n<script>alert(1)</script>".into(),
        },
        form: SenderForm {
            source: "javascript:x".into(),
            contact: String::new(),
            message: "<b>hej</b>".into(),
            problems: vec![(SenderField::Source, FieldProblem::NotAWebAddress)],
        },
    };
    let html = section(&sending).into_string();
    assert!(html.contains(r#"name="sort" value="rapport""#), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;b&gt;hej&lt;/b&gt;"), "{html}");
    assert!(html.contains(r#"aria-invalid="true""#), "{html}");
    assert!(html.contains("Det är ingen webbadress"), "{html}");
    assert_eq!(
        input_of(input_value(InputKind::Form)),
        Some(InputKind::Form)
    );
}
