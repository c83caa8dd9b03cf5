//! The whole parser on the Kumla 2020 report (the text as extracted from its
//! PDF, `tests/fixtures/reports/kumla-2020.txt`) and on damaged copies of it.

use std::path::Path;

use super::*;
use crate::domain::{Evaluation, Score, TextKind};
use crate::import::registers;

const KUMLA: &str = include_str!("../../../tests/fixtures/reports/kumla-2020.txt");

fn register() -> Vec<Municipality> {
    let text = include_str!("../../../data-import/municipalities.csv");
    registers::parse_municipalities(Path::new("municipalities.csv"), text).unwrap()
}

fn catalogue() -> Catalogue {
    let text = include_str!("../../../data-import/catalogue.toml");
    registers::parse_catalogue(Path::new("catalogue.toml"), text).unwrap()
}

fn read(text: &str) -> Result<ParsedReport, ImportError> {
    let municipalities = register();
    let catalogue = catalogue();
    let registers = ReportRegisters {
        municipalities: &municipalities,
        catalogue: &catalogue,
    };
    parse(Path::new("kumla.txt"), text, &registers)
}

/// The seed with one line replaced, asserting the line is there.
fn with(from: &str, to: &str) -> String {
    assert!(KUMLA.contains(from), "{from:?} is not in the seed");
    KUMLA.replacen(from, to, 1)
}

fn line_number(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn reads_kumla_2020() {
    let r = read(KUMLA).unwrap();
    let e = &r.file.evaluation;
    assert_eq!(e.municipality.as_str(), "1881");
    assert_eq!(
        (e.year, e.month, e.evaluation_number),
        (2020, Some(11), Some(2))
    );
    assert_eq!(e.revision.to_string(), "v2020");
    assert_eq!(e.total, None);
    let totals: Vec<i64> = e.areas.iter().map(|a| a.points.tenths() / 10).collect();
    assert_eq!(totals, vec![66, 73, 80, 60, 65, 71, 70, 72]);
    assert_eq!(e.subareas.len(), 35);
    let s34 = e
        .subareas
        .iter()
        .find(|s| s.code.to_string() == "3.4")
        .unwrap();
    assert_eq!(
        s34.name.as_deref(),
        Some("Samspel mellan rollerna som förtroendevald respektive tjänsteperson")
    );
    assert_eq!(s34.line, Some(3124));
    assert_eq!(
        (s34.points, s34.max, s34.percent),
        (Score::whole(18), Score::whole(20), Some(Score::whole(90)))
    );
    let blocks = e
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::StrengthsAndImprovements)
        .count();
    assert_eq!(blocks, 8);
    let summaries: Vec<u8> = e
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Summary)
        .map(|t| t.area.get())
        .collect();
    assert_eq!(summaries, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(r.details.chapters.len(), 8);
    assert_eq!(r.details.municipality.name, "Kumla");
}

#[test]
fn dates_the_report_by_its_own_sentence_and_takes_no_prose_for_a_title() {
    // The seed has no title page; its "analys av en kommuns" is prose.
    assert_eq!(read(KUMLA).unwrap().file.evaluation.source.title, None);
    let own = "Utvärderingen av Kumla kommun genomfördes i november 2020 och var";
    for (from, to) in [
        (own, format!("Kumlas första utvärdering genomfördes i maj 2017. {own}")),
        (
            "Kommunkompassen sedan år 2002.",
            "Kommunkompassen sedan år 2002. Den senaste revideringen gjordes i december 2019."
                .to_string(),
        ),
        (own, "Kumla kommun utvärderades i november 2020 och det var".to_string()),
        (
            "kommunens andra utvärdering enligt Kommunkompassen.",
            "kommunens andra utvärdering enligt Kommunkompassen. Den första utvärderingen gjordes 2017."
                .to_string(),
        ),
    ] {
        let e = read(&with(from, &to))
            .unwrap_or_else(|e| panic!("{to}: {e}"))
            .file
            .evaluation;
        assert_eq!(
            (e.year, e.month, e.evaluation_number),
            (2020, Some(11), Some(2)),
            "{to}"
        );
    }
}

#[test]
fn keeps_each_block_and_summary_whole() {
    let r = read(KUMLA).unwrap();
    let text = |area: u8, kind: TextKind| {
        r.file
            .evaluation
            .texts
            .iter()
            .find(|t| t.area == area && t.kind == kind)
            .map(|t| t.text.clone())
            .unwrap()
    };
    let block = text(1, TextKind::StrengthsAndImprovements);
    assert!(
        block.starts_with("Demokrati och dialog är ett av de nio"),
        "{block}"
    );
    assert!(block.ends_with("hat eller hot"), "{block}");
    let last = text(8, TextKind::StrengthsAndImprovements);
    assert!(
        last.ends_with("begränsa antalet underställda medarbetare"),
        "{last}"
    );
    let summary = text(6, TextKind::Summary);
    assert!(
        summary.starts_with("Inom område 6, Kvalitetsutveckling"),
        "{summary}"
    );
    assert!(summary.ends_with("kvaliteten på servicen."), "{summary}");
    assert!(!summary.contains("http"), "{summary}");
    let eight = text(8, TextKind::Summary);
    assert!(eight.starts_with("Slutligen inom område 8"), "{eight}");
    assert!(eight.ends_with("chefernas ledarskap."), "{eight}");
}

#[test]
fn reads_the_same_from_other_shapes_of_the_text() {
    let plain = read(KUMLA).unwrap().file.evaluation.without_lines();
    let single_spaced = KUMLA.replace("\n\n", "\n");
    let crlf = format!("\u{feff}{}", KUMLA.replace('\n', "\r\n"));
    let nbsp = KUMLA
        .replace("% \n", "\u{a0}%\n")
        .replace(" 20 ", "\u{a0}20\u{a0}");
    for (label, text) in [("single", single_spaced), ("crlf", crlf), ("nbsp", nbsp)] {
        let e = read(&text).unwrap_or_else(|e| panic!("{label}: {e}"));
        let e = e.file.evaluation.without_lines();
        assert_eq!(e.areas, plain.areas, "{label}");
        assert_eq!(e.subareas, plain.subareas, "{label}");
        assert_eq!(e.texts.len(), plain.texts.len(), "{label}");
    }
}

/// The seed with a bare page number before every line that starts a page
/// (those the extraction indented), as `pdftotext` prints page footers.
fn with_page_numbers() -> String {
    let mut out = Vec::new();
    let mut page = 3;
    let mut since = 0;
    for line in KUMLA.split('\n') {
        if line.starts_with(' ') && since >= 40 {
            out.push(page.to_string());
            out.push(String::new());
            page += 1;
            since = 0;
        }
        out.push(line.to_string());
        since += 1;
    }
    assert!(page > 20, "{page}");
    out.join("\n")
}

#[test]
fn bare_page_numbers_change_nothing_read() {
    let plain = read(KUMLA).unwrap();
    let paged = read(&with_page_numbers()).unwrap();
    let (a, b) = (
        plain.file.evaluation.without_lines(),
        paged.file.evaluation.without_lines(),
    );
    assert_eq!(a.areas, b.areas);
    assert_eq!(a.subareas, b.subareas);
    assert_eq!(a.texts, b.texts);
    assert_eq!(paged.details.checked_areas, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    // Between a table row's wrapped name and its figures: skipped.
    let text = with(
        "3.4 Samspel mellan rollerna som förtroendevald respektive \n\n",
        "3.4 Samspel mellan rollerna som förtroendevald respektive \n\n47\n\n",
    );
    let e = read(&text).unwrap().file.evaluation.without_lines();
    assert_eq!(
        e.subareas,
        read(KUMLA)
            .unwrap()
            .file
            .evaluation
            .without_lines()
            .subareas
    );
}

#[test]
fn a_lone_page_number_by_a_chapters_points_is_settled_by_the_table() {
    // Before the points: two lone numbers, one the table's total.
    let r = read(&with("\n\n66 \n", "\n\n12\n\n66 \n")).unwrap();
    let line = line_number(&with("\n\n66 \n", "\n\n12\n\n66 \n"), "66 ");
    assert_eq!(
        r.details.chapters[0].score,
        Some((Score::whole(66), line as u32))
    );
    assert_eq!(r.details.checked_areas, vec![2, 3, 4, 5, 6, 7, 8]);
    assert!(
        r.notices
            .iter()
            .map(ToString::to_string)
            .any(|n| n.contains("12 on line 229, 66 on line 231") && n.contains("page numbers")),
        "{:?}",
        r.notices
    );
    // Neither is the total: refused, naming both.
    let err = read(&with("\n\n66 \n", "\n\n12\n\n67 \n"))
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("kumla.txt:229: area 1 (chapter points)") && err.contains("67 on line 231"),
        "{err}"
    );
    // Inside the "Rubriker" list: the points are after it, and checked.
    let text = KUMLA.replace("Rubriker Poäng \n", "Rubriker Poäng \n\n7\n");
    let r = read(&text).unwrap();
    assert_eq!(r.details.checked_areas, vec![1, 2, 3, 4, 5, 6, 7, 8]);
}

/// The seed with each area total of the overview table ("66 100 66%")
/// printed another way; `{n}` is the area, `{p}` its points.
fn with_totals(pattern: &str) -> String {
    let table = KUMLA.find("4. Översikt av poängfördelning").unwrap();
    let mut area = 0;
    let rest: Vec<String> = KUMLA[table..]
        .split('\n')
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [p, "100", pc] if pc.trim_end_matches('%') == *p => {
                    area += 1;
                    pattern.replace("{n}", &area.to_string()).replace("{p}", p)
                }
                _ => line.to_string(),
            }
        })
        .collect();
    assert_eq!(area, 8);
    format!("{}{}", &KUMLA[..table], rest.join("\n"))
}

#[test]
fn reads_the_table_in_other_layouts_to_the_same_figures() {
    let plain = read(KUMLA).unwrap().file.evaluation.without_lines();
    let variants = [
        with_totals("Område {n} totalt {p} 100 {p}%"),
        with_totals("Totalt område {n}: {p} 100 {p}%"),
        with_totals("Summa för område {n} {p} 100 {p}%"),
        with_totals("Totalt {p}"),
        with(
            "8. Chefs- och ledarskap samt medarbetarskap Uppnått Max Procent",
            "8. Chefs- och ledarskap samt \nmedarbetarskap Uppnått Max Procent",
        ),
    ];
    for text in variants {
        let e = read(&text)
            .unwrap_or_else(|e| panic!("{e}"))
            .file
            .evaluation
            .without_lines();
        let points = |e: &Evaluation| e.areas.iter().map(|a| a.points).collect::<Vec<_>>();
        assert_eq!(points(&e), points(&plain));
        assert_eq!(e.subareas, plain.subareas);
        let names = |e: &Evaluation| {
            e.areas
                .iter()
                .map(|a| a.printed_name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&e), names(&plain));
    }
    let e = read(&with(
        "2.3 Ekologisk hållbarhet 24",
        "2.3 Ekologisk hållbarhet och Agenda 2030 24",
    ))
    .unwrap()
    .file
    .evaluation;
    let s23 = e
        .subareas
        .iter()
        .find(|s| s.code.to_string() == "2.3")
        .unwrap();
    assert_eq!(
        (s23.name.as_deref(), s23.points),
        (
            Some("Ekologisk hållbarhet och Agenda 2030"),
            Score::whole(24)
        )
    );
}

#[test]
fn a_total_the_parser_cannot_read_is_refused_at_its_line() {
    let text = with_totals("Totalt område {n}: {p} av 100");
    let line = line_number(&text, "Totalt område 1:");
    let err = read(&text).map(|_| ()).unwrap_err().to_string();
    assert!(
        err.contains(&format!("kumla.txt:{line}: overview table (area 1): \"Totalt område 1: 66 av 100\" reads as a total")),
        "{err}"
    );
    assert!(!err.contains("has no total row"), "{err}");
}

#[test]
fn a_sub_area_not_assessed_leaves_its_areas_sub_areas_out() {
    let r = read(&with(
        "1.4 Transparens kring resultat 7 10 73%",
        "1.4 Transparens kring resultat – 10 –",
    ))
    .unwrap();
    let e = &r.file.evaluation;
    assert!(!e.subareas.iter().any(|s| s.code.area == 1));
    assert_eq!(e.subareas.len(), 30);
    assert_eq!(e.areas[0].points, Score::whole(66));
    assert!(
        r.notices
            .iter()
            .map(ToString::to_string)
            .any(|n| n.contains("sub-area 1.4 (Transparens kring resultat) prints \"–\"")),
        "{:?}",
        r.notices
    );
}

/// The seed with each chapter heading "Område N Name" printed another way.
fn with_headings(heading: impl Fn(&str, &str) -> String) -> String {
    KUMLA
        .split('\n')
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["Område", n, name @ ..] if n.len() == 1 => heading(n, &name.join(" ")),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn reads_numbered_chapter_headings() {
    let plain = read(KUMLA).unwrap();
    for text in [
        with_headings(|n, name| format!("{n}. {name}")),
        with_headings(|n, name| format!("3.{n} Område {n} {name}")),
    ] {
        let r = read(&text).unwrap();
        let chapters: Vec<(u8, &str)> = r
            .details
            .chapters
            .iter()
            .map(|c| (c.number.get(), c.name.as_str()))
            .collect();
        let expected: Vec<(u8, &str)> = plain
            .details
            .chapters
            .iter()
            .map(|c| (c.number.get(), c.name.as_str()))
            .collect();
        assert_eq!(chapters, expected);
        assert_eq!(r.details.checked_areas, vec![1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(
            r.file.evaluation.without_lines().texts,
            plain.file.evaluation.without_lines().texts
        );
    }
}

#[test]
fn reads_a_typo_as_printed_for_validation_to_refuse() {
    // The interval rules are validation's (the same for every input); the
    // parser keeps the figure and its line.
    let text = with(
        "3.2 Politisk styrning 33 40 84%",
        "3.2 Politisk styrning 43 40 84%",
    );
    let e = read(&text).unwrap().file.evaluation;
    let s = e
        .subareas
        .iter()
        .find(|s| s.code.to_string() == "3.2")
        .unwrap();
    assert_eq!((s.points, s.line), (Score::whole(43), Some(3117)));
}

#[test]
fn refuses_a_chapter_score_that_disagrees_with_the_table() {
    let text = with("\n\n80 \n", "\n\n81 \n");
    let line = line_number(&text, "81 ");
    let err = read(&text).map(|_| ()).unwrap_err().to_string();
    assert!(
        err.contains(&format!("kumla.txt:{line}: area 3 (chapter points)"))
            && err.contains("(line 3126)"),
        "{err}"
    );
}

#[test]
fn refuses_a_missing_row_naming_the_next_line() {
    let text = with("4.2 Jämförelser för effektivitet 18 30 60% \n", "");
    let err = read(&text).map(|_| ()).unwrap_err().to_string();
    assert!(
        err.contains("overview table (4.2)") && err.contains("sub-area 4.2 is missing"),
        "{err}"
    );
    let last = with(
        "8.5 Utveckling av ledarskap och medarbetarskap 13 20 66% \n",
        "",
    );
    let err = read(&last).map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("add up to 80, not 100"), "{err}");
}

#[test]
fn refuses_a_municipality_that_does_not_exist() {
    let text = KUMLA.replace("Kumla kommun", "Kumlinge kommun");
    let err = read(&text).map(|_| ()).unwrap_err().to_string();
    assert!(
        err.contains("kumla.txt:97: municipality") && err.contains("\"Kumlinge\""),
        "{err}"
    );
}
