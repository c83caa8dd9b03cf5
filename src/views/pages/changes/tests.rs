use super::*;
use crate::domain::answer::change_ranking::rank_changes;
use crate::views::testdata::bundled;

fn page(request: ChangeRequest) -> ChangesPage {
    let data = bundled();
    model(data, &rank_changes(data, &request))
}

fn row<'a>(p: &'a ChangesPage, name: &str) -> Option<&'a ChangeRow> {
    p.rows.iter().find(|r| r.name == name)
}

#[test]
fn by_default_computed_same_criteria_changes_largest_first() {
    let p = page(ChangeRequest::default());
    assert!(
        p.rows
            .windows(2)
            .all(|w| w[0].change.tenths() >= w[1].change.tenths())
    );
    assert!(p.rows.iter().all(|r| !r.crosses));
    let tyreso = row(&p, "Tyresö").unwrap();
    assert_eq!(
        (
            tyreso.from_year,
            tyreso.to_year,
            tyreso.change.to_swedish_signed()
        ),
        (2010, 2015, "+84".to_string())
    );
    let mark = row(&p, "Mark").unwrap();
    assert_eq!(mark.change.to_swedish_signed(), "+72");
    assert!(tyreso.rank < mark.rank);
    assert_eq!(
        mark.confirmed.as_ref().map(|(name, _)| name.as_str()),
        Some("mark.se"),
        "the source's +72 is the computed one: shown once, on the row"
    );
    let vallentuna = row(&p, "Vallentuna").unwrap();
    assert_eq!((vallentuna.from_year, vallentuna.to_year), (2017, 2019));
    assert!(
        row(&p, "Ängelholm").is_none(),
        "2013 → 2016 crosses versions"
    );
    let stated: Vec<(&str, String)> = p
        .stated
        .iter()
        .map(|s| (s.name.as_str(), s.change.to_swedish_signed()))
        .collect();
    assert!(stated.contains(&("Enköping", "+85".into())), "{stated:?}");
    assert!(stated.contains(&("Kumla", "+137".into())), "{stated:?}");
    assert!(!stated.iter().any(|(n, _)| *n == "Mark"), "shown once");
    let kumla = p.stated.iter().find(|s| s.name == "Kumla").unwrap();
    assert_eq!(kumla.crosses, Some(true));
    let html = render(&p, None).into_string();
    assert!(html.contains(r#"id="uppgivna""#));
    assert!(html.contains(r#"href="/forandring/diagram.svg""#));
    assert!(html.contains(r#"href="/forandring.xlsx""#));
    assert!(html.contains(r#"href="/forandring/inbadda""#));
    assert!(!html.contains("Över versioner: jämför med försiktighet"));
}

#[test]
fn across_versions_is_a_choice_and_every_such_row_is_marked() {
    let p = page(ChangeRequest {
        versions: Versions::Across,
        ..ChangeRequest::default()
    });
    let angelholm = row(&p, "Ängelholm").unwrap();
    assert!(angelholm.crosses);
    assert_eq!((angelholm.from_year, angelholm.to_year), (2013, 2016));
    assert_eq!(angelholm.criteria, "2010 → 2016");
    let html = render(&p, None).into_string();
    assert!(html.contains("Över versioner: jämför med försiktighet"));
    let marked = p.rows.iter().filter(|r| r.crosses).count();
    assert!(marked >= 1);
    assert_eq!(
        html.matches("<tr class=\"crosses\">").count(),
        marked + p.stated.iter().filter(|s| s.crosses == Some(true)).count()
    );
    assert_eq!(p.query(), "versioner=alla");
    assert_eq!(p.href("/inbadda"), "/forandring/inbadda?versioner=alla");
    assert_eq!(p.api_href(), "/api/v1/changes?criteria=any");
    assert_eq!(p.card_href(), "forandring/bild.png?versioner=alla");
}

#[test]
fn filters_and_a_theme_keep_their_parameters() {
    let p = page(ChangeRequest {
        metric: Metric::Theme(crate::domain::ThemeNumber::ALL[0]),
        span: Span::FirstToLatest,
        versions: Versions::Same,
        filter: crate::domain::analysis::RankingFilter {
            revision: None,
            county: Some("18".parse().unwrap()),
            group: None,
        },
    });
    assert_eq!(p.query(), "tema=samspel&fran=forsta&lan=18");
    assert_eq!(p.max, 100);
    assert_eq!(
        p.files().csv_excel,
        "/forandring-excel.csv?tema=samspel&fran=forsta&lan=18"
    );
    assert!(p.rows.iter().all(|r| r.county == "Örebro län"));
}

#[test]
fn the_chart_shows_the_rows_in_order_and_says_how_many() {
    let p = page(ChangeRequest::default());
    let c = chart::chart(&p, None).unwrap();
    assert_eq!(c.rows.len(), p.rows.len());
    assert!(c.rows[0].label.starts_with(&p.rows[0].name));
    assert!(c.title.contains("samma kriterier"), "{}", c.title);
    let two = chart::chart(&p, Some(2)).unwrap();
    assert_eq!(two.rows.len(), 2);
    assert!(
        two.title
            .contains(&format!("de 2 största av {} kommuner", p.rows.len())),
        "{}",
        two.title
    );
}
