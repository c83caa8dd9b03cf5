//! The tables kompass offers as CSV, each a function of the dataset (and the
//! JSON view models, so a CSV and its JSON never disagree). Headers are
//! Swedish, lower case, without å/ä/ö, so they are easy to type in pandas or
//! R; what each column holds is in its `Column` description, which
//! `datapackage.json` publishes.

use super::{Cell, Column, Table, integer, number, text};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Catalogue, Confidence, MunicipalityCode, Score};
use crate::views::json::analysis::{
    AREA_MAX, CompareJson, RankingItem, TOTAL_MAX, compared_evaluation,
};

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
    text(
        "kod",
        "Områdets nummer (1-8) eller delområdets kod (t.ex. 3.2); tom på totalrader.",
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
        "Avvikelser som källan själv tryckte; på totalraden även utvärderingens anmärkningar om vad som publicerades.",
    ),
];

fn theme_cells(catalogue: &Catalogue, e: &StoredEvaluation, area: u8) -> [Cell; 3] {
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

/// The notes of one figure: the discrepancies the source printed for it.
fn discrepancy_note(e: &StoredEvaluation, figure: &str) -> Option<String> {
    let notes: Vec<&str> = e
        .evaluation
        .discrepancies
        .iter()
        .filter(|d| d.figure == figure)
        .map(|d| d.note.trim())
        .collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

fn join_notes(parts: &[Option<String>]) -> Option<String> {
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
    let cat = &data.catalogue;
    let m = data.municipality(e.municipality);
    let revision = cat.revision(e.revision);
    let lead = || -> Vec<Cell> {
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
    };
    let source = || Cell::opt_text(e.source.url.clone());
    let mut rows = Vec::new();
    let mut total = lead();
    total.extend([
        Cell::text(NIVA_TOTAL),
        Cell::Empty,
        Cell::text("Totalt"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::opt_score(e.total),
        Cell::Score(Score::whole(TOTAL_MAX)),
        Cell::Empty,
        source(),
        Cell::opt_text(join_notes(&[discrepancy_note(s, "total"), e.notes.clone()])),
    ]);
    rows.push(total);
    for a in &e.areas {
        let def = revision.and_then(|r| r.area(a.number));
        let mut row = lead();
        row.extend([
            Cell::text(NIVA_AREA),
            Cell::text(a.number.to_string()),
            Cell::opt_text(def.map(|d| d.name.clone()).or(a.printed_name.clone())),
        ]);
        row.extend(theme_cells(cat, s, a.number));
        row.extend([
            Cell::Score(a.points),
            Cell::Score(Score::whole(AREA_MAX)),
            Cell::opt_score(a.percent),
            source(),
            Cell::opt_text(discrepancy_note(s, &format!("area {}", a.number))),
        ]);
        rows.push(row);
    }
    for sub in &e.subareas {
        let name = revision
            .and_then(|r| r.subarea(sub.code))
            .map(|d| d.name.clone())
            .or(sub.name.clone());
        let mut row = lead();
        row.extend([
            Cell::text(NIVA_SUBAREA),
            Cell::text(sub.code.to_string()),
            Cell::opt_text(name),
        ]);
        row.extend(theme_cells(cat, s, sub.code.area));
        row.extend([
            Cell::Score(sub.points),
            Cell::Score(sub.max),
            Cell::opt_score(sub.percent),
            source(),
            Cell::Empty,
        ]);
        rows.push(row);
    }
    rows
}

/// `/data/kompass.csv`: every evaluation, long format.
pub fn dataset(data: &Dataset) -> Table {
    Table {
        columns: DATASET_COLUMNS,
        rows: data
            .evaluations
            .iter()
            .flat_map(|s| evaluation_rows(data, s))
            .collect(),
    }
}

/// `/kommun/{code}.csv`: the municipality's evaluations, in the long format.
pub fn municipality(data: &Dataset, code: MunicipalityCode) -> Table {
    Table {
        columns: DATASET_COLUMNS,
        rows: data
            .evaluations_of(code)
            .flat_map(|s| evaluation_rows(data, s))
            .collect(),
    }
}

pub const COMPARE_COLUMNS: &[Column] = &[
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Den jämförda utvärderingen: kommunens senaste med publicerade poäng.",
    ),
    integer("ar", "År då utvärderingen gjordes."),
    text("revision", "Kriterieversionen utvärderingen gjordes med."),
    text("matt", "total eller temats kortnamn (slug)."),
    integer("tema", "Temats nummer (1-8); tom för total."),
    text("namn", "Totalt eller temats namn."),
    integer(
        "omrade",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number("poang", "Publicerade poäng; tom när de inte publicerats."),
    number("max", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
];

/// `/jamfor.csv`: the compare table, one row per municipality and metric.
pub fn compare(view: &CompareJson) -> Table {
    let mut rows = Vec::new();
    for (i, m) in view.municipalities.iter().enumerate() {
        for r in &view.rows {
            let value = r.values.get(i);
            rows.push(vec![
                Cell::text(m.municipality.code.as_str()),
                Cell::text(m.municipality.name.clone()),
                Cell::text(m.municipality.county.clone()),
                Cell::opt_text(m.evaluation.as_ref().map(|e| e.id.clone())),
                Cell::opt_int(m.evaluation.as_ref().map(|e| e.year)),
                Cell::opt_text(m.evaluation.as_ref().map(|e| e.revision.to_string())),
                Cell::text(r.metric.clone()),
                Cell::opt_int(r.theme),
                Cell::text(r.name.clone()),
                Cell::opt_int(value.and_then(|v| v.area)),
                Cell::opt_score(value.and_then(|v| v.points)),
                Cell::Score(r.max),
                // A total is its own figure: no crosswalk to qualify it.
                Cell::opt_text(
                    value
                        .and_then(|v| v.confidence)
                        .filter(|_| r.theme.is_some())
                        .map(|c| confidence_sv(c.into())),
                ),
            ]);
        }
    }
    Table {
        columns: COMPARE_COLUMNS,
        rows,
    }
}

pub const RANKING_COLUMNS: &[Column] = &[
    integer(
        "placering",
        "Placering, 1 för högst; lika poäng delar placering (1, 2, 2, 4).",
    ),
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Kommunens senaste utvärdering som publicerade siffran.",
    ),
    integer("ar", "År då utvärderingen gjordes."),
    text("revision", "Kriterieversionen utvärderingen gjordes med."),
    integer(
        "omrade",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number("poang", "Publicerade poäng."),
    number("max", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
];

/// `/rankning.csv` and `/omrade/{slug}.csv`.
pub fn ranking(items: &[RankingItem]) -> Table {
    Table {
        columns: RANKING_COLUMNS,
        rows: items
            .iter()
            .map(|r| {
                vec![
                    Cell::Integer(i64::try_from(r.rank).unwrap_or(i64::MAX)),
                    Cell::text(r.municipality_code.as_str()),
                    Cell::text(r.municipality.clone()),
                    Cell::text(r.county.clone()),
                    Cell::text(r.evaluation.id.clone()),
                    Cell::Integer(i64::from(r.evaluation.year)),
                    Cell::text(r.evaluation.revision.to_string()),
                    Cell::opt_int(r.area),
                    Cell::Score(r.points),
                    Cell::Score(r.max),
                    match r.area {
                        Some(_) => Cell::text(confidence_sv(r.confidence.into())),
                        None => Cell::Empty,
                    },
                ]
            })
            .collect(),
    }
}

pub const MUNICIPALITY_COLUMNS: &[Column] = &[
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lanskod", "Länskod, två siffror som text."),
    text("lan", "Länets namn."),
    integer(
        "antal_utvarderingar",
        "Antal utvärderingar i kompass (0: ej utvärderad).",
    ),
    integer(
        "senaste_ar",
        "År för den senaste utvärderingen; tom när kommunen inte utvärderats.",
    ),
    text(
        "senaste_utvardering_id",
        "Id för den utvärdering som jämförelser visar: den senaste med publicerade poäng.",
    ),
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
                vec![
                    Cell::text(m.code.as_str()),
                    Cell::text(m.name.clone()),
                    Cell::text(m.county_code.clone()),
                    Cell::text(m.county.clone()),
                    Cell::Integer(i64::try_from(data.evaluation_count(m.code)).unwrap_or(0)),
                    Cell::opt_int(latest.map(|s| s.evaluation.year)),
                    Cell::opt_text(compared_evaluation(data, m.code).map(|s| s.id.clone())),
                ]
            })
            .collect(),
    }
}

pub const EVALUATION_COLUMNS: &[Column] = &[
    text("utvardering_id", "Utvärderingens id i kompass och i API:t."),
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    integer("ar", "År då utvärderingen gjordes."),
    integer("manad", "Månad (1-12); tom när den inte är känd."),
    integer(
        "utvardering_nr",
        "Kommunens första (1), andra (2) ... utvärdering; tom när det inte är känt.",
    ),
    text("revision", "Kriterieversionen."),
    text(
        "poang_publicerade",
        "ja när källan publicerade någon poäng, annars nej.",
    ),
    number(
        "total",
        "Publicerad totalpoäng (av 800); tom när den inte publicerats.",
    ),
    integer(
        "antal_omraden",
        "Antal områden vars poäng publicerats (0-8).",
    ),
    integer(
        "antal_delomraden",
        "Antal delområden vars poäng publicerats.",
    ),
    text("kalla", "Adress till källan."),
    text("kalla_titel", "Källans titel."),
    text(
        "anmarkning",
        "Utvärderingens anmärkningar och avvikelser som källan tryckte.",
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
                let discrepancies: Vec<String> = e
                    .discrepancies
                    .iter()
                    .map(|d| format!("{}: {}", d.figure, d.note.trim()))
                    .collect();
                vec![
                    Cell::text(s.id.clone()),
                    Cell::text(e.municipality.as_str()),
                    Cell::opt_text(m.map(|m| m.name.clone())),
                    Cell::opt_text(m.map(|m| m.county.clone())),
                    Cell::Integer(i64::from(e.year)),
                    Cell::opt_int(e.month),
                    Cell::opt_int(e.evaluation_number),
                    Cell::text(e.revision.to_string()),
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
                    Cell::opt_text(join_notes(&[
                        e.notes.clone(),
                        (!discrepancies.is_empty()).then(|| discrepancies.join(" ")),
                    ])),
                ]
            })
            .collect(),
    }
}

pub const BENCHMARK_COLUMNS: &[Column] = &[
    text(
        "benamning",
        "Jämförelsevärdet som det trycktes (t.ex. Sverigesnitt).",
    ),
    text("revision", "Kriterieversionen värdet gäller."),
    integer("ar", "År (ungefärligt när källan inte anger det)."),
    integer(
        "antal_utvarderingar",
        "Antal utvärderingar medelvärdet bygger på, när det anges.",
    ),
    number("omrade_1", "Område 1; tom när det inte trycktes."),
    number("omrade_2", "Område 2."),
    number("omrade_3", "Område 3."),
    number("omrade_4", "Område 4."),
    number("omrade_5", "Område 5."),
    number("omrade_6", "Område 6."),
    number("omrade_7", "Område 7."),
    number("omrade_8", "Område 8."),
    number("total", "Total; tom när den inte trycktes."),
    text("kalla", "Adress till källan."),
    text("anmarkning", "Anmärkning."),
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
                row.extend((1..=8).map(|n| Cell::opt_score(b.area(n))));
                row.extend([
                    Cell::opt_score(b.total),
                    Cell::text(b.source_url.clone()),
                    Cell::opt_text(b.notes.clone()),
                ]);
                row
            })
            .collect(),
    }
}
