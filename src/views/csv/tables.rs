//! The tables kompass offers as CSV, each a function of the dataset (and the
//! JSON view models, so a CSV and its JSON never disagree). Headers are
//! Swedish, lower case, without å/ä/ö, so they are easy to type in pandas or
//! R; what each column holds is in its `Column` description, which
//! `datapackage.json` publishes.

use super::{Cell, Column, Table, integer, number, text};
use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AREA_MAX, TOTAL_MAX};
use crate::domain::{AreaNumber, AreaScore, Catalogue, Confidence, Figure, SubareaScore};
use crate::views::notes::quality_note;

pub const NIVA_TOTAL: &str = "total";
pub const NIVA_AREA: &str = "omrade";
pub const NIVA_SUBAREA: &str = "delomrade";

/// Swedish labels of the crosswalk confidence, as the pages show them.
pub fn confidence_sv(c: Confidence) -> &'static str {
    c.label_sv()
}

pub const DATASET_COLUMNS: &[Column] = &[
    text(
        "kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text (0180 Stockholm behåller sin nolla).",
    ),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Utvärderingens id i kompass och i API:t: kommunkod-år, eller kommunkod-år-månad när en kommun utvärderades två gånger samma år.",
    ),
    integer("ar", "År då utvärderingen gjordes."),
    integer(
        "manad",
        "Månad (1-12) då utvärderingen gjordes; tom när den inte är känd.",
    ),
    integer(
        "utvardering_nr",
        "Kommunens första (1), andra (2) ... utvärdering; tom när det inte är känt.",
    ),
    text(
        "revision",
        "Kriterieversionen utvärderingen gjordes med: v2002, v2010, v2016 eller v2020.",
    ),
    text(
        "niva",
        "Radens nivå: total (hela utvärderingen), omrade (ett av de åtta områdena) eller delomrade.",
    ),
    integer(
        "omrade",
        "Områdets nummer (1-8) på område- och delområdesrader; tom på totalrader.",
    ),
    integer(
        "delomrade",
        "Delområdets nummer inom området på delområdesrader (2 för delområde 3.2, 10 för 3.10); tom annars.",
    ),
    text(
        "namn",
        "Områdets eller delområdets namn i utvärderingens kriterieversion; Totalt på totalrader.",
    ),
    integer(
        "tema",
        "Det tema (1-8, 2020 års områden) som området hör till enligt korsnyckeln; tom på totalrader.",
    ),
    text("tema_namn", "Temats namn."),
    text(
        "jamforbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln: samma område, stark, medel, svag eller ej jämförbar.",
    ),
    number(
        "poang",
        "Publicerade poäng. Tom när poängen inte publicerats: okänd, aldrig noll.",
    ),
    number(
        "max",
        "Högsta möjliga poäng: 800 för total, 100 för ett område, delområdets max.",
    ),
    number("procent", "Publicerad procent av max, där den trycktes."),
    text(
        "kalla",
        "Adress till källan (rapport eller kommunens sida).",
    ),
    text(
        "anmarkning",
        "Där källans egna siffror inte går ihop, sagt med siffrorna; på totalraden även kuratorns anmärkning på svenska.",
    ),
];

fn theme_cells(catalogue: &Catalogue, e: &StoredEvaluation, area: AreaNumber) -> [Cell; 3] {
    let def = catalogue
        .revision(e.evaluation.revision)
        .and_then(|r| r.area(area));
    match def {
        Some(d) => [
            Cell::Integer(i64::from(d.theme)),
            Cell::opt_text(catalogue.theme(d.theme).map(|t| t.name.clone())),
            Cell::text(confidence_sv(d.confidence)),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

pub(super) fn join_notes(parts: &[Option<String>]) -> Option<String> {
    let parts: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" | "))
}

/// The rows of one evaluation: a total row (always, so an evaluation without
/// published scores still appears), then each printed area, then its
/// printed sub-areas.
fn evaluation_rows(data: &Dataset, s: &StoredEvaluation) -> Vec<Vec<Cell>> {
    let e = &s.evaluation;
    let mut rows = vec![total_row(data, s)];
    rows.extend(e.areas.iter().map(|a| area_row(data, s, a)));
    rows.extend(e.subareas.iter().map(|sub| subarea_row(data, s, sub)));
    rows
}

/// The cells every row of an evaluation starts with: who, when, which criteria.
fn lead_cells(data: &Dataset, s: &StoredEvaluation) -> Vec<Cell> {
    let e = &s.evaluation;
    let m = data.municipality(e.municipality);
    vec![
        Cell::text(e.municipality.as_str()),
        Cell::opt_text(m.map(|m| m.name.clone())),
        Cell::opt_text(m.map(|m| m.county.clone())),
        Cell::text(s.id.clone()),
        Cell::Integer(i64::from(e.year)),
        Cell::opt_int(e.month),
        Cell::opt_int(e.evaluation_number),
        Cell::text(e.revision.to_string()),
    ]
}

fn total_row(data: &Dataset, s: &StoredEvaluation) -> Vec<Cell> {
    let e = &s.evaluation;
    let mut row = lead_cells(data, s);
    row.extend([
        Cell::text(NIVA_TOTAL),
        Cell::Empty,
        Cell::Empty,
        Cell::text("Totalt"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::opt_score(e.total),
        Cell::Score(TOTAL_MAX),
        Cell::Empty,
        Cell::opt_text(e.source.url.clone()),
        // For readers: the Swedish note and the source's differences said in
        // Swedish; the curators' English notes stay in the API.
        Cell::opt_text(join_notes(&[
            quality_note(e, Figure::Total),
            e.public_note.clone(),
        ])),
    ]);
    row
}

fn area_row(data: &Dataset, s: &StoredEvaluation, a: &AreaScore) -> Vec<Cell> {
    let e = &s.evaluation;
    let def = data
        .catalogue
        .revision(e.revision)
        .and_then(|r| r.area(a.number));
    let mut row = lead_cells(data, s);
    row.extend([
        Cell::text(NIVA_AREA),
        Cell::Integer(i64::from(a.number.get())),
        Cell::Empty,
        Cell::opt_text(def.map(|d| d.name.clone()).or(a.printed_name.clone())),
    ]);
    row.extend(theme_cells(&data.catalogue, s, a.number));
    row.extend([
        Cell::Score(a.points),
        Cell::Score(AREA_MAX),
        Cell::opt_score(a.percent),
        Cell::opt_text(e.source.url.clone()),
        Cell::opt_text(quality_note(e, Figure::Area(a.number))),
    ]);
    row
}

fn subarea_row(data: &Dataset, s: &StoredEvaluation, sub: &SubareaScore) -> Vec<Cell> {
    let e = &s.evaluation;
    let name = data
        .catalogue
        .revision(e.revision)
        .and_then(|r| r.subarea(sub.code))
        .map(|d| d.name.clone())
        .or(sub.name.clone());
    let mut row = lead_cells(data, s);
    row.extend([
        Cell::text(NIVA_SUBAREA),
        Cell::Integer(i64::from(sub.code.area.get())),
        Cell::Integer(i64::from(sub.code.item)),
        Cell::opt_text(name),
    ]);
    row.extend(theme_cells(&data.catalogue, s, sub.code.area));
    row.extend([
        Cell::Score(sub.points),
        Cell::Score(sub.max),
        Cell::opt_score(sub.percent),
        Cell::opt_text(e.source.url.clone()),
        Cell::Empty,
    ]);
    row
}

/// `/data/kompass.csv`: every evaluation, long format.
pub fn dataset(data: &Dataset) -> Table {
    Table {
        columns: DATASET_COLUMNS,
        rows: dataset_rows(data).collect(),
    }
}

/// The rows of `dataset`, made one evaluation at a time (the file of the
/// whole dataset is written from them without holding them all).
pub fn dataset_rows(data: &Dataset) -> impl Iterator<Item = Vec<Cell>> + '_ {
    data.evaluations
        .iter()
        .flat_map(|s| evaluation_rows(data, s))
}

/// `/kommun/{code}.csv`: the profile's evaluations, in the long format.
pub fn municipality(data: &Dataset, p: &MunicipalityProfile<'_>) -> Table {
    Table {
        columns: DATASET_COLUMNS,
        rows: p
            .evaluations
            .iter()
            .flat_map(|s| evaluation_rows(data, s))
            .collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::domain::snapshot::Snapshot;
    use crate::domain::{AreaScore, Discrepancy, Evaluation, Municipality, Score, SubareaScore};
    use crate::import::registers::parse_catalogue;

    fn stored(e: Evaluation, id: &str) -> StoredEvaluation {
        StoredEvaluation::for_test(id, e, "", "")
    }

    /// Stockholm 2009 with only a total (decimal), Kumla 2017 with nothing,
    /// Kumla 2020 with one area, one sub-area and a printed discrepancy.
    pub(crate) fn sample() -> Dataset {
        let text = include_str!("../../../data-import/catalogue.toml");
        let catalogue = parse_catalogue(Path::new("catalogue.toml"), text).unwrap();
        let municipality = |code: &str, name: &str, county: &str| Municipality {
            code: code.parse().unwrap(),
            name: name.into(),
            county_code: code[..2].parse().unwrap(),
            county: county.into(),
        };
        let mut stockholm =
            Evaluation::new("0180".parse().unwrap(), 2009, "v2002".parse().unwrap());
        stockholm.total = Some(Score::from_tenths(4265, 1));
        stockholm.notes = Some("NO FIGURES PRINTED beyond the total.".into());
        stockholm.public_note = Some("=1+1 ser ut som en formel\n".into());
        let kumla_2017 = Evaluation::new("1881".parse().unwrap(), 2017, "v2016".parse().unwrap());
        let mut kumla = Evaluation::new("1881".parse().unwrap(), 2020, "v2020".parse().unwrap());
        kumla.month = Some(11);
        kumla.evaluation_number = Some(2);
        kumla.total = Some(Score::whole(557));
        kumla.areas = vec![AreaScore {
            number: AreaNumber::ALL[2],
            printed_name: Some("Styrning".into()),
            points: Score::whole(80),
            percent: Some(Score::whole(80)),
            line: None,
        }];
        kumla.subareas = vec![SubareaScore {
            code: "3.2".parse().unwrap(),
            name: None,
            points: Score::whole(33),
            max: Score::whole(40),
            percent: Some(Score::whole(84)),
            line: None,
        }];
        kumla.discrepancies = vec![Discrepancy {
            figure: Figure::Area(AreaNumber::ALL[2]),
            note: "Printed as 81 in the summary.".into(),
        }];
        kumla.source.url = Some("https://example.invalid/kumla".into());
        Dataset::new(
            vec![
                municipality("0180", "Stockholm", "Stockholms län"),
                municipality("1881", "Kumla", "Örebro län"),
            ],
            catalogue,
            vec![],
            vec![
                stored(stockholm, "0180-2009"),
                stored(kumla_2017, "1881-2017"),
                stored(kumla, "1881-2020"),
            ],
            "v".into(),
            "2026-01-02T03:04:05Z".into(),
        )
    }

    fn column(name: &str) -> usize {
        DATASET_COLUMNS.iter().position(|c| c.name == name).unwrap()
    }

    #[test]
    fn every_evaluation_has_a_total_row_and_missing_figures_are_empty() {
        let t = dataset(&sample());
        assert_eq!(t.rows.len(), 5);
        let kumla_2017 = &t.rows[1];
        assert_eq!(
            kumla_2017[column("utvardering_id")],
            Cell::text("1881-2017")
        );
        assert_eq!(kumla_2017[column("niva")], Cell::text(NIVA_TOTAL));
        assert_eq!(kumla_2017[column("poang")], Cell::Empty);
        assert_eq!(kumla_2017[column("max")], Cell::Score(Score::whole(800)));
        let stockholm = &t.rows[0];
        assert_eq!(stockholm[column("kommunkod")], Cell::text("0180"));
        assert_eq!(
            stockholm[column("poang")],
            Cell::Score(Score::from_tenths(4265, 1))
        );
        // The Swedish note for readers, never the curators' English notes.
        assert_eq!(
            stockholm[column("anmarkning")],
            Cell::text("=1+1 ser ut som en formel")
        );
    }

    #[test]
    fn areas_and_subareas_carry_catalogue_names_themes_and_their_notes() {
        let data = sample();
        let data = Snapshot::new(data);
        let kumla = profile(&data, "1881".parse().unwrap()).unwrap();
        let rows = municipality(&data, &kumla).rows;
        assert_eq!(rows.len(), 4);
        let area = &rows[2];
        assert_eq!(area[column("niva")], Cell::text(NIVA_AREA));
        assert_eq!(area[column("omrade")], Cell::Integer(3));
        assert_eq!(area[column("delomrade")], Cell::Empty);
        assert_eq!(area[column("namn")], Cell::text("Styrning och kontroll"));
        assert_eq!(area[column("tema")], Cell::Integer(3));
        assert_eq!(area[column("jamforbarhet")], Cell::text("samma område"));
        assert_eq!(area[column("procent")], Cell::Score(Score::whole(80)));
        let Cell::Text(note) = &area[column("anmarkning")] else {
            panic!("a note");
        };
        assert!(
            note.starts_with("Område 3: källan trycker 80, men delområdena summerar till 33"),
            "said in Swedish from the figures: {note}"
        );
        let sub = &rows[3];
        assert_eq!(sub[column("niva")], Cell::text(NIVA_SUBAREA));
        assert_eq!(sub[column("omrade")], Cell::Integer(3));
        assert_eq!(sub[column("delomrade")], Cell::Integer(2));
        assert_eq!(sub[column("namn")], Cell::text("Politisk styrning"));
        assert_eq!(sub[column("max")], Cell::Score(Score::whole(40)));
        assert_eq!(
            sub[column("kalla")],
            Cell::text("https://example.invalid/kumla")
        );
    }

    #[test]
    fn the_long_table_renders_with_the_formula_neutralised() {
        let out = dataset(&sample())
            .render(super::super::Flavour::Standard)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(",426.5,800,,,'=1+1 ser ut som en formel\r\n"),
            "{text}"
        );
    }
}
