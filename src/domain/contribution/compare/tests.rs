use super::*;
use crate::domain::tests::{KUMLA_2020, VALLENTUNA_2021, evaluation};
use crate::domain::{AreaNumber, Score};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 12, 8);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn area(n: usize) -> AreaNumber {
    AreaNumber::ALL[n - 1]
}

/// Kumla 2020 as held: its eight areas and the total 557 from kumla.se.
fn held() -> Vec<StoredEvaluation> {
    vec![
        evaluation("1881", 2020, "v2020", &KUMLA_2020, Some(557)),
        evaluation("0115", 2021, "v2020", &VALLENTUNA_2021, None),
    ]
}

/// What a report of Kumla 2020 prints: the areas, no total.
fn kumla_report() -> Evaluation {
    evaluation("1881", 2020, "v2020", &KUMLA_2020, None).evaluation
}

#[test]
fn the_same_figures_confirm_what_is_held_and_a_total_not_printed_is_no_change() {
    let c = compare(&kumla_report(), &held(), today());
    assert_eq!(
        c.held,
        Held::Confirms {
            id: "1881-2020".parse().unwrap()
        }
    );
    assert!(c.same_figures.is_empty(), "{:?}", c.same_figures);
    assert!(!c.refused());
}

#[test]
fn a_changed_area_is_named_with_its_old_and_new_figure() {
    let mut e = kumla_report();
    e.areas[0].points = Score::whole(70);
    e.month = Some(11);
    let c = compare(&e, &held(), today());
    assert_eq!(
        c.held,
        Held::Changes {
            id: "1881-2020".parse().unwrap(),
            changed: vec![FigureChange {
                figure: FigureName::AreaPoints(area(1)),
                old: Score::whole(66),
                new: Score::whole(70),
            }],
            added: vec![],
        }
    );
    assert_eq!(FigureName::AreaPoints(area(1)).to_string(), "area 1 points");
}

#[test]
fn figures_the_held_evaluation_lacks_are_added_not_changed() {
    let mut e = kumla_report();
    e.total = Some(Score::whole(557));
    let held = vec![evaluation("1881", 2020, "v2020", &KUMLA_2020[..2], None)];
    let Held::Changes { changed, added, .. } = compare(&e, &held, today()).held else {
        panic!("not a change");
    };
    assert!(changed.is_empty());
    let names: Vec<String> = added.iter().map(|a| a.figure.to_string()).collect();
    assert_eq!(names[0], "the total");
    assert_eq!(added.len(), 7);
}

#[test]
fn one_figure_written_another_way_is_the_same_figure() {
    let mut e = kumla_report();
    e.areas[0].points = Score::parse_printed("66,0").unwrap();
    assert!(matches!(
        compare(&e, &held(), today()).held,
        Held::Confirms { .. }
    ));
}

#[test]
fn kumlas_figures_sent_as_another_municipality_are_said_to_be_kumlas() {
    let mut e = kumla_report();
    e.municipality = "1880".parse().unwrap();
    e.year = 2022;
    let c = compare(&e, &held(), today());
    assert_eq!(c.held, Held::New);
    assert_eq!(
        c.same_figures,
        vec![SameFigures {
            id: "1881-2020".parse().unwrap(),
            municipality: "1881".parse().unwrap(),
            year: 2020,
            month: None,
        }]
    );
    // One changed figure: no longer the same figures.
    e.areas[3].points = Score::whole(61);
    assert!(compare(&e, &held(), today()).same_figures.is_empty());
}

#[test]
fn a_few_equal_figures_are_not_the_same_figures() {
    let mut e = Evaluation::new("1880".parse().unwrap(), 2022, "v2020".parse().unwrap());
    e.total = Some(Score::whole(557));
    assert!(compare(&e, &held(), today()).same_figures.is_empty());
}

#[test]
fn years_in_the_future_or_before_2002_are_refused() {
    let mut e = kumla_report();
    e.municipality = "1880".parse().unwrap();
    for (year, refusal) in [
        (
            2027,
            Some(YearRefusal::Future {
                year: 2027,
                this_year: 2026,
            }),
        ),
        (2026, None),
        (2002, None),
        (2001, Some(YearRefusal::BeforeFirst { year: 2001 })),
    ] {
        e.year = year;
        let c = compare(&e, &held(), today());
        assert_eq!(c.year, refusal, "{year}");
        assert_eq!(c.refused(), refusal.is_some());
    }
    assert_eq!(
        YearRefusal::Future {
            year: 2027,
            this_year: 2026
        }
        .to_string(),
        "the year 2027 is in the future (it is 2026); refused"
    );
}

#[test]
fn two_held_evaluations_in_one_year_and_no_month_is_ambiguous() {
    let mut a = evaluation("1881", 2020, "v2020", &KUMLA_2020, None);
    a.evaluation.month = Some(3);
    a.id = "1881-2020-03".parse().unwrap();
    let mut b = evaluation("1881", 2020, "v2020", &KUMLA_2020, None);
    b.evaluation.month = Some(11);
    b.id = "1881-2020-11".parse().unwrap();
    let c = compare(&kumla_report(), &[a, b], today());
    assert!(matches!(c.held, Held::Ambiguous { ref ids } if ids.len() == 2));
    let mut november = kumla_report();
    november.month = Some(11);
    let c = compare(&november, &c_held(), today());
    let november: EvaluationId = "1881-2020-11".parse().unwrap();
    assert_eq!(c.held, Held::Confirms { id: november });
}

fn c_held() -> Vec<StoredEvaluation> {
    let mut a = evaluation("1881", 2020, "v2020", &[1, 2, 3], None);
    a.evaluation.month = Some(3);
    a.id = "1881-2020-03".parse().unwrap();
    let mut b = evaluation("1881", 2020, "v2020", &KUMLA_2020, None);
    b.evaluation.month = Some(11);
    b.id = "1881-2020-11".parse().unwrap();
    vec![a, b]
}
