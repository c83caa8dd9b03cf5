//! Reads the whole stored dataset into a `Dataset` (it is small: hundreds of
//! evaluations), so pages never query per request.

use std::collections::BTreeMap;
use std::str::FromStr;

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::DbError;
use super::schema::{
    area_aliases, area_scores, area_texts, benchmark_areas, benchmarks, catalogue_subareas,
    discrepancies, evaluations, municipalities, revision_areas, revisions, subarea_scores, themes,
};
use super::write::{DATA_UPDATED_AT, DATA_VERSION, get_meta};
use crate::domain::dataset::{Dataset, Provenance, StoredEvaluation};
use crate::domain::{
    AreaDefinition, AreaScore, AreaText, Benchmark, Catalogue, Confidence, Discrepancy, Evaluation,
    Municipality, MunicipalityCode, Revision, RevisionDefinition, Score, Source, SubareaCode,
    SubareaDefinition, SubareaScore, TextKind, Theme,
};

fn parse<T: FromStr>(what: &str, value: &str) -> Result<T, DbError> {
    value
        .parse()
        .map_err(|_| DbError::Corrupt(format!("{what} {value:?}")))
}

fn score(what: &str, value: &str) -> Result<Score, DbError> {
    Score::parse_printed(value).map_err(|_| DbError::Corrupt(format!("{what} {value:?}")))
}

fn small(what: &str, value: i32) -> Result<u8, DbError> {
    u8::try_from(value).map_err(|_| DbError::Corrupt(format!("{what} {value}")))
}

fn line(value: Option<i32>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

/// The data version, cheaply, to tell whether a loaded `Dataset` is stale.
pub fn data_version(conn: &mut SqliteConnection) -> Result<String, DbError> {
    Ok(get_meta(conn, DATA_VERSION)?.unwrap_or_default())
}

pub fn load_catalogue(conn: &mut SqliteConnection) -> Result<Catalogue, DbError> {
    let theme_rows: Vec<(i32, String, String, String)> = themes::table
        .select((themes::number, themes::name, themes::slug, themes::heading))
        .order(themes::number)
        .load(conn)?;
    let themes = theme_rows
        .into_iter()
        .map(|(number, name, slug, heading)| {
            Ok(Theme {
                number: small("theme", number)?,
                name,
                slug,
                heading,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let mut aliases: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    let alias_rows: Vec<(String, i32, String)> = area_aliases::table
        .select((
            area_aliases::revision,
            area_aliases::number,
            area_aliases::alias,
        ))
        .load(conn)?;
    for (revision, number, alias) in alias_rows {
        aliases.entry((revision, number)).or_default().push(alias);
    }
    let mut subareas: BTreeMap<(String, i32), Vec<SubareaDefinition>> = BTreeMap::new();
    let sub_rows: Vec<(String, String, i32, String, String)> = catalogue_subareas::table
        .select((
            catalogue_subareas::revision,
            catalogue_subareas::code,
            catalogue_subareas::area,
            catalogue_subareas::name,
            catalogue_subareas::max,
        ))
        .order((
            catalogue_subareas::revision,
            catalogue_subareas::area,
            catalogue_subareas::item,
        ))
        .load(conn)?;
    for (revision, code, area, name, max) in sub_rows {
        subareas
            .entry((revision, area))
            .or_default()
            .push(SubareaDefinition {
                code: parse::<SubareaCode>("sub-area code", &code)?,
                name,
                max: score("max", &max)?,
            });
    }
    let area_rows: Vec<(String, i32, String, i32, String, Option<String>)> = revision_areas::table
        .select((
            revision_areas::revision,
            revision_areas::number,
            revision_areas::name,
            revision_areas::theme,
            revision_areas::confidence,
            revision_areas::note,
        ))
        .order((revision_areas::revision, revision_areas::number))
        .load(conn)?;
    let mut areas: BTreeMap<String, Vec<AreaDefinition>> = BTreeMap::new();
    for (revision, number, name, theme, confidence, note) in area_rows {
        let key = (revision.clone(), number);
        areas.entry(revision).or_default().push(AreaDefinition {
            number: small("area", number)?,
            name,
            aliases: aliases.remove(&key).unwrap_or_default(),
            theme: small("theme", theme)?,
            confidence: parse::<Confidence>("confidence", &confidence)?,
            crosswalk_note: note,
            subareas: subareas.remove(&key).unwrap_or_default(),
        });
    }
    let revision_rows: Vec<(String, String, String, bool)> = revisions::table
        .select((
            revisions::id,
            revisions::name,
            revisions::used,
            revisions::fallback,
        ))
        .order(revisions::id)
        .load(conn)?;
    let revisions = revision_rows
        .into_iter()
        .map(|(id, name, used, fallback)| {
            Ok(RevisionDefinition {
                id: parse::<Revision>("revision", &id)?,
                areas: areas.remove(&id).unwrap_or_default(),
                name,
                used,
                fallback,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Catalogue { themes, revisions })
}

pub fn load_municipalities(conn: &mut SqliteConnection) -> Result<Vec<Municipality>, DbError> {
    let rows: Vec<(String, String, String, String)> = municipalities::table
        .select((
            municipalities::code,
            municipalities::name,
            municipalities::county_code,
            municipalities::county,
        ))
        .order(municipalities::code)
        .load(conn)?;
    rows.into_iter()
        .map(|(code, name, county_code, county)| {
            Ok(Municipality {
                code: parse::<MunicipalityCode>("municipality code", &code)?,
                name,
                county_code,
                county,
            })
        })
        .collect()
}

fn load_benchmarks(conn: &mut SqliteConnection) -> Result<Vec<Benchmark>, DbError> {
    type Row = (
        i32,
        String,
        String,
        i32,
        Option<i32>,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = benchmarks::table
        .select((
            benchmarks::id,
            benchmarks::label,
            benchmarks::revision,
            benchmarks::year,
            benchmarks::evaluations,
            benchmarks::total,
            benchmarks::source_url,
            benchmarks::notes,
        ))
        .order(benchmarks::id)
        .load(conn)?;
    let area_rows: Vec<(i32, i32, String)> = benchmark_areas::table
        .select((
            benchmark_areas::benchmark_id,
            benchmark_areas::number,
            benchmark_areas::points,
        ))
        .order((benchmark_areas::benchmark_id, benchmark_areas::number))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, label, revision, year, evaluations, total, source_url, notes)| {
                let areas = area_rows
                    .iter()
                    .filter(|(b, _, _)| *b == id)
                    .map(|(_, n, p)| Ok((small("area", *n)?, score("benchmark points", p)?)))
                    .collect::<Result<Vec<_>, DbError>>()?;
                Ok(Benchmark {
                    label,
                    revision: parse::<Revision>("revision", &revision)?,
                    year,
                    evaluations: evaluations.and_then(|n| u32::try_from(n).ok()),
                    areas,
                    total: total.as_deref().map(|t| score("total", t)).transpose()?,
                    source_url,
                    notes,
                })
            },
        )
        .collect()
}

type EvaluationRow = (
    (
        i32,
        String,
        String,
        i32,
        Option<i32>,
        Option<i32>,
        String,
        Option<String>,
        Option<i32>,
    ),
    (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        String,
    ),
);

fn load_evaluations(conn: &mut SqliteConnection) -> Result<Vec<StoredEvaluation>, DbError> {
    let rows: Vec<EvaluationRow> = evaluations::table
        .select((
            (
                evaluations::key,
                evaluations::id,
                evaluations::municipality_code,
                evaluations::year,
                evaluations::month,
                evaluations::evaluation_number,
                evaluations::revision,
                evaluations::total,
                evaluations::total_line,
            ),
            (
                evaluations::evaluators,
                evaluations::source_url,
                evaluations::source_title,
                evaluations::notes,
                evaluations::origin,
                evaluations::source_file,
                evaluations::content_hash,
                evaluations::imported_at,
            ),
        ))
        .load(conn)?;

    let mut areas: BTreeMap<i32, Vec<AreaScore>> = BTreeMap::new();
    type AreaRow = (
        i32,
        i32,
        Option<String>,
        String,
        Option<String>,
        Option<i32>,
    );
    let area_rows: Vec<AreaRow> = area_scores::table
        .select((
            area_scores::evaluation_key,
            area_scores::number,
            area_scores::printed_name,
            area_scores::points,
            area_scores::percent,
            area_scores::line,
        ))
        .order((area_scores::evaluation_key, area_scores::number))
        .load(conn)?;
    for (key, number, printed_name, points, percent, l) in area_rows {
        areas.entry(key).or_default().push(AreaScore {
            number: small("area", number)?,
            printed_name,
            points: score("points", &points)?,
            percent: percent
                .as_deref()
                .map(|p| score("percent", p))
                .transpose()?,
            line: line(l),
        });
    }

    type SubRow = (
        i32,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<i32>,
    );
    let mut subareas: BTreeMap<i32, Vec<SubareaScore>> = BTreeMap::new();
    let sub_rows: Vec<SubRow> = subarea_scores::table
        .select((
            subarea_scores::evaluation_key,
            subarea_scores::code,
            subarea_scores::name,
            subarea_scores::points,
            subarea_scores::max,
            subarea_scores::percent,
            subarea_scores::line,
        ))
        .order((
            subarea_scores::evaluation_key,
            subarea_scores::area,
            subarea_scores::item,
        ))
        .load(conn)?;
    for (key, code, name, points, max, percent, l) in sub_rows {
        subareas.entry(key).or_default().push(SubareaScore {
            code: parse::<SubareaCode>("sub-area code", &code)?,
            name,
            points: score("points", &points)?,
            max: score("max", &max)?,
            percent: percent
                .as_deref()
                .map(|p| score("percent", p))
                .transpose()?,
            line: line(l),
        });
    }

    let mut notes: BTreeMap<i32, Vec<Discrepancy>> = BTreeMap::new();
    let note_rows: Vec<(i32, String, String)> = discrepancies::table
        .select((
            discrepancies::evaluation_key,
            discrepancies::figure,
            discrepancies::note,
        ))
        .order((discrepancies::evaluation_key, discrepancies::position))
        .load(conn)?;
    for (key, figure, note) in note_rows {
        notes
            .entry(key)
            .or_default()
            .push(Discrepancy { figure, note });
    }

    let mut texts: BTreeMap<i32, Vec<AreaText>> = BTreeMap::new();
    let text_rows: Vec<(i32, i32, String, String)> = area_texts::table
        .select((
            area_texts::evaluation_key,
            area_texts::area,
            area_texts::kind,
            area_texts::text,
        ))
        .order((
            area_texts::evaluation_key,
            area_texts::area,
            area_texts::kind,
        ))
        .load(conn)?;
    for (key, area, kind, text) in text_rows {
        texts.entry(key).or_default().push(AreaText {
            area: small("area", area)?,
            kind: TextKind::parse(&kind)
                .ok_or_else(|| DbError::Corrupt(format!("text kind {kind:?}")))?,
            text,
        });
    }

    rows.into_iter()
        .map(|(head, tail)| {
            let (key, id, code, year, month, number, revision, total, total_line) = head;
            let (
                evaluators,
                source_url,
                source_title,
                note,
                origin,
                source_file,
                content_hash,
                imported_at,
            ) = tail;
            let evaluation = Evaluation {
                municipality: parse::<MunicipalityCode>("municipality code", &code)?,
                year,
                month: month.map(|m| small("month", m)).transpose()?,
                evaluation_number: number.map(|n| small("evaluation number", n)).transpose()?,
                revision: parse::<Revision>("revision", &revision)?,
                total: total.as_deref().map(|t| score("total", t)).transpose()?,
                total_line: line(total_line),
                areas: areas.remove(&key).unwrap_or_default(),
                subareas: subareas.remove(&key).unwrap_or_default(),
                discrepancies: notes.remove(&key).unwrap_or_default(),
                evaluators: serde_json::from_str(&evaluators)
                    .map_err(|_| DbError::Corrupt(format!("evaluators {evaluators:?}")))?,
                source: Source {
                    url: source_url,
                    title: source_title,
                },
                notes: note,
                texts: texts.remove(&key).unwrap_or_default(),
            };
            Ok(StoredEvaluation {
                id,
                evaluation,
                provenance: Provenance {
                    origin,
                    source_file,
                    content_hash,
                    imported_at,
                },
            })
        })
        .collect()
}

/// Everything stored, as one consistent snapshot (read in one transaction).
pub fn load_dataset(conn: &mut SqliteConnection) -> Result<Dataset, DbError> {
    conn.transaction(|conn| {
        let municipalities = load_municipalities(conn)?;
        let catalogue = load_catalogue(conn)?;
        let benchmarks = load_benchmarks(conn)?;
        let evaluations = load_evaluations(conn)?;
        let version = get_meta(conn, DATA_VERSION)?.unwrap_or_default();
        let updated = get_meta(conn, DATA_UPDATED_AT)?.unwrap_or_default();
        Ok(Dataset::new(
            municipalities,
            catalogue,
            benchmarks,
            evaluations,
            version,
            updated,
        ))
    })
}
