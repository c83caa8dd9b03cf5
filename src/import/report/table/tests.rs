//! The overview table's reader on the layouts seen in reports.

use super::super::normalize::normalize;
use super::*;

fn table(text: &str) -> Table {
    parse(&normalize(text)).unwrap()
}

fn row(t: &Table, code: &str) -> (String, i64, i64, i64, u32) {
    let code: SubareaCode = code.parse().unwrap();
    let r = t
        .areas
        .iter()
        .flat_map(|a| &a.rows)
        .find(|r| r.code == code)
        .unwrap();
    let f = &r.figures;
    (
        r.name.clone(),
        f.points.tenths() / 10,
        f.max.map_or(-1, |m| m.tenths() / 10),
        f.percent.map_or(-1, |p| p.tenths() / 10),
        f.line,
    )
}

#[test]
fn reads_rows_split_over_lines_as_in_the_seed() {
    let t = table(
        "4. Översikt av poängfördelning\n\n3. Styrning och kontroll Uppnått Max Procent\n\n\
         3.3 Uppföljning och analys 20 30 67%\n\n\
         3.4 Samspel mellan rollerna som förtroendevald respektive\n\ntjänsteperson\n18 20 90%\n\n  80 100 80%\n",
    );
    assert_eq!(t.areas.len(), 1);
    assert_eq!(t.areas[0].name.as_deref(), Some("Styrning och kontroll"));
    assert_eq!(
        row(&t, "3.4"),
        (
            "Samspel mellan rollerna som förtroendevald respektive tjänsteperson".into(),
            18,
            20,
            90,
            10
        )
    );
    let total = t.areas[0].total.as_ref().unwrap();
    assert_eq!((total.points, total.line), (Score::whole(80), 12));
}

#[test]
fn reads_column_layouts_with_names_wrapped_below_their_figures() {
    let t = table(
        "Översikt av poängfördelning\n\
         3. Styrning och kontroll                  Uppnått   Max   Procent\n\
         3.4 Samspel mellan rollerna som förtroendevald    18     20     90 %\n\
             respektive tjänsteperson\n\
         Totalt                                      80    100    80 %\n",
    );
    assert_eq!(
        row(&t, "3.4").0,
        "Samspel mellan rollerna som förtroendevald respektive tjänsteperson"
    );
    assert_eq!(t.areas[0].total.as_ref().map(|f| f.line), Some(5));
}

#[test]
fn skips_a_page_number_between_a_rows_name_and_its_figures() {
    for (text, line) in [
        (
            "Översikt av poängfördelning\n3.4 Samspel respektive\n47\ntjänsteperson\n18 20 90%\n80 100 80%\n",
            5,
        ),
        (
            "Översikt av poängfördelning\n3.4 Samspel respektive tjänsteperson\n47\n18 20 90%\n80 100 80%\n",
            4,
        ),
    ] {
        assert_eq!(
            row(&table(text), "3.4"),
            ("Samspel respektive tjänsteperson".into(), 18, 20, 90, line),
            "{text}"
        );
    }
    // Figures split over lines are still one row's.
    let t = table("Översikt av poängfördelning\n3.4 Samspel\n18\n20 90%\n80 100 80%\n");
    assert_eq!(row(&t, "3.4").1, 18);
}

#[test]
fn keeps_numbers_inside_names_and_decimal_commas() {
    let t = table("Översikt av poängfördelning\n2.3 Agenda 2030 i styrningen\n24,5 30 82%\n");
    assert_eq!(row(&t, "2.3").0, "Agenda 2030 i styrningen");
    assert_eq!(t.areas[0].rows[0].figures.points.tenths(), 245);
}

#[test]
fn a_row_without_figures_is_refused_with_its_line() {
    let problems = parse(&normalize(
        "Översikt av poängfördelning\n1.1 Strategi\n1.2 Information 5 10 48%\n",
    ))
    .unwrap_err();
    assert_eq!(problems[0].line, Some(2));
    assert!(problems[0].kind.to_string().contains("1.1"), "{problems:?}");
}

#[test]
fn reads_headers_and_totals_that_name_the_area() {
    let t = table(
        "Översikt av poängfördelning\nOmråde 1 Offentlighet och demokrati Uppnått Max Procent\n\
         1.1 A 13 20 63%\nSumma område 1 13 20 63%\n",
    );
    assert_eq!(t.areas[0].number, 1);
    assert_eq!(
        t.areas[0].name.as_deref(),
        Some("Offentlighet och demokrati")
    );
    assert_eq!(
        t.areas[0].total.as_ref().map(|f| f.points),
        Some(Score::whole(13))
    );
}

#[test]
fn a_grand_total_is_kept_apart() {
    let t = table("Översikt av poängfördelning\n1.1 A 13 20 63%\n13 20 63%\nTotalt 557 800 70%\n");
    assert_eq!(t.grand_total.map(|g| g.points), Some(Score::whole(557)));
}

fn one_area(rows_and_total: &str) -> Result<Table, Vec<Problem>> {
    parse(&normalize(&format!(
        "Översikt av poängfördelning\n1. Offentlighet och demokrati Uppnått Max Procent\n\
         1.1 A 13 20 63%\n1.2 B 53 80 66%\n{rows_and_total}\n"
    )))
}

#[test]
fn reads_every_wording_of_an_area_total() {
    for total in [
        "66 100 66%",
        "Område 1 totalt 66 100 66%",
        "Totalt område 1: 66 100 66%",
        "Summa för område 1 66 100 66%",
        "Totalt 66",
    ] {
        let t = one_area(total).unwrap_or_else(|p| panic!("{total}: {p:?}"));
        let f = t.areas[0].total.as_ref().unwrap();
        assert_eq!((f.points, f.line), (Score::whole(66), 5), "{total}");
    }
}

#[test]
fn an_unreadable_total_is_refused_at_its_own_line() {
    let problems = one_area("Totalt område 1: 66 av 100").unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, Some(5));
    assert_eq!(problems[0].field.to_string(), "overview table (area 1)");
    assert!(
        problems[0]
            .kind
            .to_string()
            .contains("Totalt område 1: 66 av 100"),
        "{problems:?}"
    );
    let problems = one_area("Totalt område 2: 66 100 66%").unwrap_err();
    assert_eq!(problems[0].line, Some(5));
    assert!(
        problems[0].kind.to_string().contains("names area 2"),
        "{problems:?}"
    );
}

#[test]
fn joins_an_area_header_wrapped_over_two_lines() {
    for header in [
        "8. Chefs- och ledarskap samt\nmedarbetarskap Uppnått Max Procent",
        "Område 8 Chefs- och ledarskap samt\nmedarbetarskap Uppnått Max Procent",
        "8. Chefs- och ledarskap samt\nmedarbetarskap\nUppnått Max Procent",
    ] {
        let t = table(&format!(
            "Översikt av poängfördelning\n{header}\n8.1 A 72 100 72%\n72 100 72%\n"
        ));
        assert_eq!(t.areas.len(), 1, "{header}");
        assert_eq!(
            (t.areas[0].number.get(), t.areas[0].name.as_deref()),
            (8, Some("Chefs- och ledarskap samt medarbetarskap")),
            "{header}"
        );
    }
}

#[test]
fn a_name_may_end_in_a_number_the_figures_are_the_last_ones() {
    for (text, line) in [
        ("2.3 Ekologisk hållbarhet och Agenda 2030 24 30 80%", 2),
        ("2.3 Ekologisk hållbarhet och Agenda 2030\n24 30 80%", 3),
    ] {
        let t = table(&format!("Översikt av poängfördelning\n{text}\n"));
        assert_eq!(
            row(&t, "2.3"),
            (
                "Ekologisk hållbarhet och Agenda 2030".into(),
                24,
                30,
                80,
                line
            ),
            "{text}"
        );
    }
    // A table without a percent column: its header says so.
    let t = table(
        "Översikt av poängfördelning\n2. Samhällsutveckling Uppnått Max\n2.3 Agenda 2030 24 30\n",
    );
    assert_eq!(row(&t, "2.3"), ("Agenda 2030".into(), 24, 30, -1, 3));
    // Four numbers and nothing to tell which are the figures: refused.
    let problems = parse(&normalize(
        "Översikt av poängfördelning\n2.3 Agenda 2030 24 30 80\n",
    ))
    .unwrap_err();
    assert!(
        problems[0].kind.to_string().contains("ends in 4 numbers"),
        "{problems:?}"
    );
}

#[test]
fn a_dash_for_the_points_is_a_sub_area_not_assessed() {
    let t = one_area("1.3 Transparens kring resultat – 10 –\n76 110 69%").unwrap();
    let u = &t.areas[0].unassessed;
    assert_eq!(u.len(), 1);
    assert_eq!(
        (
            u[0].code.to_string(),
            u[0].name.as_str(),
            u[0].max,
            u[0].line
        ),
        (
            "1.3".to_string(),
            "Transparens kring resultat",
            Some(Score::whole(10)),
            5
        )
    );
    assert_eq!(t.areas[0].rows.len(), 2);
    // A dash for the max is refused, naming the row.
    let problems = one_area("1.3 Transparens – – –\n66 100 66%").unwrap_err();
    assert_eq!(problems[0].line, Some(5));
    assert!(
        problems[0].kind.to_string().contains("max is printed as"),
        "{problems:?}"
    );
}

#[test]
fn reads_a_table_that_prints_the_max_before_the_points() {
    let t = table(
        "5. Poängsammanställning\nOmråde 1 Offentlighet och demokratisk kontroll Max Poäng\n\
         1.1 Strategi 20 13\n1.2 Information 80 53,5\nSumma 100 66\nTotalt 800 557\n",
    );
    assert_eq!(row(&t, "1.2"), ("Information".into(), 53, 80, -1, 4));
    let total = t.areas[0].total.as_ref().unwrap();
    assert_eq!(
        (total.points, total.max),
        (Score::whole(66), Some(Score::whole(100)))
    );
    assert_eq!(t.grand_total.map(|g| g.points), Some(Score::whole(557)));
}

#[test]
fn reads_a_table_of_the_areas_totals_alone() {
    let t = table(
        "Poängsammanställning\n1. Offentlighet och demokratisk kontroll 66 100 66%\n\
         Område 2 Tillgänglighet och brukarorientering 73\nTotalt 139\n",
    );
    let totals: Vec<(u8, Option<String>, i64)> = t
        .areas
        .iter()
        .map(|a| {
            (
                a.number.get(),
                a.name.clone(),
                a.total.as_ref().map_or(-1, |t| t.points.tenths() / 10),
            )
        })
        .collect();
    assert_eq!(
        totals,
        vec![
            (1, Some("Offentlighet och demokratisk kontroll".into()), 66),
            (2, Some("Tillgänglighet och brukarorientering".into()), 73),
        ]
    );
    assert!(t.areas.iter().all(|a| a.rows.is_empty()));
}

#[test]
fn reads_eight_unnumbered_area_rows_in_order() {
    let names = [
        "Offentlighet och demokratisk kontroll",
        "Tillgänglighet och brukarorientering",
        "Klarhet i samspelet mellan politik och administration",
        "Ledning, decentralisering och delegation",
        "Kontroll- och rapporteringssystem",
        "Personalförvaltning",
        "Förnyelsepolitik",
        "Samhällsbyggnad",
    ];
    let rows: String = names
        .iter()
        .zip([66, 73, 80, 60, 65, 71, 70, 72])
        .map(|(n, p)| format!("{n} 100 {p}\n"))
        .collect();
    let t = table(&format!(
        "4. Poängsammanställning\nOmråde Max Poäng\n{rows}Totalt 800 557\n"
    ));
    let read: Vec<(u8, i64)> = t
        .areas
        .iter()
        .map(|a| {
            (
                a.number.get(),
                a.total.as_ref().unwrap().points.tenths() / 10,
            )
        })
        .collect();
    assert_eq!(read[0], (1, 66));
    assert_eq!(read[7], (8, 72));
    assert_eq!(t.areas[3].name.as_deref(), Some(names[3]));
    assert_eq!(t.grand_total.map(|g| g.points), Some(Score::whole(557)));
    // Seven such lines are no table of the eight areas.
    let seven: String = rows.lines().take(7).map(|l| format!("{l}\n")).collect();
    assert!(
        parse(&normalize(&format!("Poängsammanställning\n{seven}")))
            .map_or(true, |t| t.areas.is_empty())
    );
}
