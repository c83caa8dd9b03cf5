//! The register tables of the described dataset: municipalities,
//! evaluations and the published benchmarks.

use super::tables::join_notes;
use super::{Cell, Column, Table, concat_columns, integer, number, revision, text};
use crate::domain::answer::compare::default_showing;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Municipality, MunicipalityCode};
use crate::views::notes::quality_sentences;

/// A municipality's kommungrupp and population, wherever a table lists
/// municipalities (after the table's own columns).
pub const PLACE_COLUMNS: [Column; 3] = [
    text(
        "kommungrupp",
        "Kommungrupp",
        "Kommungrupp enligt SKR:s indelning 2023 (samma för alla år): A1 Storstäder, A2 Pendlingskommun nära storstad, B3 Större stad, B4 Pendlingskommun nära större stad, B5 Lågpendlingskommun nära större stad, C6 Mindre stad/tätort, C7 Pendlingskommun nära mindre tätort, C8 Landsbygdskommun, C9 Landsbygdskommun med besöksnäring.",
    ),
    integer(
        "folkmangd",
        "Folkmängd",
        "Folkmängd (SCB) den 31 december året i folkmangd_ar.",
    ),
    integer("folkmangd_ar", "Folkmängd, år", "Året folkmängden gäller."),
];

/// The cells of `PLACE_COLUMNS` for a municipality (empty where not known).
pub fn place_cells(code: MunicipalityCode, data: &Dataset) -> Vec<Cell> {
    let population = data.places.population_of(code);
    vec![
        Cell::opt_text(data.places.group_of(code).map(|g| g.code.to_string())),
        Cell::opt_int(population.map(|p| p.count)),
        Cell::opt_int(population.map(|p| p.year)),
    ]
}

pub const MUNICIPALITY_COLUMNS: &[Column] = &[
    text(
        "kommunkod",
        "Kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text.",
    ),
    text("kommun", "Kommun", "Kommunens namn."),
    text("lanskod", "Länskod", "Länskod, två siffror som text."),
    text("lan", "Län", "Länets namn."),
    integer(
        "antal_utvarderingar",
        "Antal utvärderingar",
        "Antal utvärderingar i kompass (0: ej utvärderad).",
    ),
    integer(
        "senaste_ar",
        "Senaste år",
        "År för den senaste utvärderingen; tom när kommunen inte utvärderats.",
    ),
    text(
        "senaste_utvardering_id",
        "Senaste utvärdering (id)",
        "Id för den utvärdering som jämförelser och kommunens sida visar: den senaste med publicerade poäng (annars den senaste).",
    ),
    PLACE_COLUMNS[0],
    PLACE_COLUMNS[1],
    PLACE_COLUMNS[2],
];

/// `/data/kommuner.csv`: the register, evaluated or not.
pub fn municipalities(data: &Dataset) -> Table {
    Table {
        columns: MUNICIPALITY_COLUMNS,
        rows: data
            .municipalities
            .iter()
            .map(|m| {
                let latest = data.evaluations_of(m.code).last();
                let shown = default_showing(data, m.code).map(|s| s.evaluation);
                let mut row = vec![
                    Cell::text(m.code.as_str()),
                    Cell::text(m.name.clone()),
                    Cell::text(m.county_code.as_str()),
                    Cell::text(m.county.clone()),
                    Cell::Integer(i64::try_from(data.evaluation_count(m.code)).unwrap_or(0)),
                    Cell::opt_int(latest.map(|s| s.evaluation.year)),
                    Cell::opt_text(shown.map(|s| s.id.clone())),
                ];
                row.extend(place_cells(m.code, data));
                row
            })
            .collect(),
        ..Table::default()
    }
}

/// Which evaluation a row is: the first columns of every table that lists
/// evaluations (`evaluation_head_cells` fills them).
pub const EVALUATION_HEAD: [Column; 8] = [
    text(
        "utvardering_id",
        "Utvärdering (id)",
        "Utvärderingens id i kompass och i API:t.",
    ),
    text(
        "kommunkod",
        "Kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text.",
    ),
    text("kommun", "Kommun", "Kommunens namn."),
    text("lan", "Län", "Länets namn."),
    integer("ar", "År", "År då utvärderingen gjordes."),
    integer("manad", "Månad", "Månad (1-12); tom när den inte är känd."),
    integer(
        "utvardering_nr",
        "Utvärdering nr",
        "Kommunens första (1), andra (2) ... utvärdering; tom när det inte är känt.",
    ),
    revision("revision", "Kriterier", "Kriterieversionen."),
];

pub const EVALUATION_COLUMNS: &[Column] =
    &concat_columns::<8, 7, 15>(EVALUATION_HEAD, EVALUATION_OWN);

const EVALUATION_OWN: [Column; 7] = [
    text(
        "poang_publicerade",
        "Poäng publicerade",
        "ja när källan publicerade någon poäng, annars nej.",
    ),
    number(
        "total",
        "Totalpoäng (av 800)",
        "Publicerad totalpoäng (av 800); tom när den inte publicerats.",
    ),
    integer(
        "antal_omraden",
        "Antal områden",
        "Antal områden vars poäng publicerats (0-8).",
    ),
    integer(
        "antal_delomraden",
        "Antal delområden",
        "Antal delområden vars poäng publicerats.",
    ),
    text("kalla", "Källa", "Adress till källan."),
    text("kalla_titel", "Källans titel", "Källans titel."),
    text(
        "anmarkning",
        "Anmärkning",
        "Kuratorns anmärkning på svenska och, sagt med siffrorna, där källans egna siffror inte går ihop.",
    ),
];

/// `/data/utvarderingar.csv`: one row per evaluation.
pub fn evaluations(data: &Dataset) -> Table {
    Table {
        columns: EVALUATION_COLUMNS,
        rows: data
            .evaluations
            .iter()
            .map(|s| {
                let e = &s.evaluation;
                let m = data.municipality(e.municipality);
                let discrepancies = quality_sentences(e);
                let mut row = evaluation_head_cells(s, m);
                row.extend([
                    Cell::text(if e.has_published_scores() {
                        "ja"
                    } else {
                        "nej"
                    }),
                    Cell::opt_score(e.total),
                    Cell::Integer(i64::try_from(e.areas.len()).unwrap_or(0)),
                    Cell::Integer(i64::try_from(e.subareas.len()).unwrap_or(0)),
                    Cell::opt_text(e.source.url.clone()),
                    Cell::opt_text(e.source.title.clone()),
                    // For readers: the curator's Swedish note and the source's
                    // differences said in Swedish; the English notes stay in the API.
                    Cell::opt_text(join_notes(&[
                        e.public_note.clone(),
                        (!discrepancies.is_empty()).then(|| discrepancies.join(" ")),
                    ])),
                ]);
                row
            })
            .collect(),
        ..Table::default()
    }
}

/// The `EVALUATION_HEAD` cells of a stored evaluation (`m`, its
/// municipality, when the register has it).
pub fn evaluation_head_cells(s: &StoredEvaluation, m: Option<&Municipality>) -> Vec<Cell> {
    let e = &s.evaluation;
    vec![
        Cell::text(s.id.to_string()),
        Cell::text(e.municipality.as_str()),
        Cell::opt_text(m.map(|m| m.name.clone())),
        Cell::opt_text(m.map(|m| m.county.clone())),
        Cell::Integer(i64::from(e.year)),
        Cell::opt_int(e.month),
        Cell::opt_int(e.evaluation_number),
        Cell::text(e.revision.to_string()),
    ]
}

pub const BENCHMARK_COLUMNS: &[Column] = &[
    text(
        "benamning",
        "Benämning",
        "Jämförelsevärdet som det trycktes (t.ex. Sverigesnitt).",
    ),
    revision("revision", "Kriterier", "Kriterieversionen värdet gäller."),
    integer("ar", "År", "År (ungefärligt när källan inte anger det)."),
    integer(
        "antal_utvarderingar",
        "Antal utvärderingar",
        "Antal utvärderingar medelvärdet bygger på, när det anges.",
    ),
    number(
        "omrade_1",
        "Område 1",
        "Område 1; tom när det inte trycktes.",
    ),
    number("omrade_2", "Område 2", "Område 2."),
    number("omrade_3", "Område 3", "Område 3."),
    number("omrade_4", "Område 4", "Område 4."),
    number("omrade_5", "Område 5", "Område 5."),
    number("omrade_6", "Område 6", "Område 6."),
    number("omrade_7", "Område 7", "Område 7."),
    number("omrade_8", "Område 8", "Område 8."),
    number(
        "total",
        "Totalpoäng (av 800)",
        "Total; tom när den inte trycktes.",
    ),
    text("kalla", "Källa", "Adress till källan."),
    text("anmarkning", "Anmärkning", "Anmärkning."),
];

/// `/data/jamforelsevarden.csv`: the published benchmark series.
pub fn benchmarks(data: &Dataset) -> Table {
    Table {
        columns: BENCHMARK_COLUMNS,
        rows: data
            .benchmarks
            .iter()
            .map(|b| {
                let mut row = vec![
                    Cell::text(b.label.clone()),
                    Cell::text(b.revision.to_string()),
                    Cell::Integer(i64::from(b.year)),
                    Cell::opt_int(b.evaluations),
                ];
                row.extend(AreaNumber::ALL.map(|n| Cell::opt_score(b.area(n))));
                row.extend([
                    Cell::opt_score(b.total),
                    Cell::text(b.source_url.clone()),
                    Cell::opt_text(b.notes.clone()),
                ]);
                row
            })
            .collect(),
        ..Table::default()
    }
}
