//! Reads: the stored dataset into a `Dataset`, once per fingerprint, so
//! pages never query per request for figures; the report texts apart (most
//! of the stored bytes: the `Dataset` keeps their digest, and an answer that
//! shows an evaluation's texts reads them with `report_texts`); and, for the
//! import pipeline, the registers, the index of what is stored, and
//! chosen evaluations with their figures and texts.

use std::collections::{BTreeMap, HashMap};

use diesel::connection::DefaultLoadingMode;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::DbError;
use super::meta::{self, DATA_UPDATED_AT, FINGERPRINT, TextsDigest};
use super::rows::{
    AreaAliasRow, AreaScoreRow, AreaTextRow, BenchmarkAreaRow, BenchmarkRow, BorderRow,
    CatalogueSubareaRow, Children, DiscrepancyRow, EvaluationRow, GroupRow, MunicipalityRow,
    PlaceRow, RevisionAreaRow, RevisionRow, RowId, StatedChangeRow, StoredRow, SubareaScoreRow,
    ThemeRow,
};
use super::schema::{
    area_aliases, area_scores, area_texts, benchmark_areas, benchmarks, borders,
    catalogue_subareas, discrepancies, evaluations, municipalities, municipality_groups, places,
    revision_areas, revisions, stated_changes, subarea_scores, themes,
};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::place::{Place, Places};
use crate::domain::version::TextsHasher;
use crate::domain::{
    AreaNumber, AreaText, Benchmark, Catalogue, EvaluationId, Municipality, Origin, Revision,
    Score, SubareaCode, SubareaDefinition,
};

/// The stored data's fingerprint, cheaply, to tell whether a loaded `Dataset` is stale.
pub fn fingerprint(conn: &mut SqliteConnection) -> Result<String, DbError> {
    Ok(meta::get(conn, FINGERPRINT)?.unwrap_or_default())
}

pub fn load_catalogue(conn: &mut SqliteConnection) -> Result<Catalogue, DbError> {
    let themes: Vec<ThemeRow> = themes::table
        .select(ThemeRow::as_select())
        .order(themes::number)
        .load(conn)?;
    let mut aliases: BTreeMap<(Revision, AreaNumber), Vec<String>> = BTreeMap::new();
    for r in area_aliases::table
        .select(AreaAliasRow::as_select())
        .load(conn)?
    {
        aliases
            .entry((r.revision, r.number))
            .or_default()
            .push(r.alias);
    }
    let mut subareas: BTreeMap<(Revision, AreaNumber), Vec<SubareaDefinition>> = BTreeMap::new();
    for r in catalogue_subareas::table
        .select(CatalogueSubareaRow::as_select())
        .order((
            catalogue_subareas::revision,
            catalogue_subareas::area,
            catalogue_subareas::item,
        ))
        .load(conn)?
    {
        subareas
            .entry((r.revision, r.area))
            .or_default()
            .push(r.into());
    }
    let mut areas: BTreeMap<Revision, Vec<_>> = BTreeMap::new();
    for r in revision_areas::table
        .select(RevisionAreaRow::as_select())
        .order((revision_areas::revision, revision_areas::number))
        .load(conn)?
    {
        let key = (r.revision, r.number);
        let area = r.into_domain(
            aliases.remove(&key).unwrap_or_default(),
            subareas.remove(&key).unwrap_or_default(),
        );
        areas.entry(key.0).or_default().push(area);
    }
    let revisions = revisions::table
        .select(RevisionRow::as_select())
        .order(revisions::id)
        .load(conn)?
        .into_iter()
        .map(|r| {
            let own = areas.remove(&r.id).unwrap_or_default();
            r.into_domain(own)
        })
        .collect();
    Ok(Catalogue {
        themes: themes.into_iter().map(Into::into).collect(),
        revisions,
    })
}

pub fn load_municipalities(conn: &mut SqliteConnection) -> Result<Vec<Municipality>, DbError> {
    let rows: Vec<MunicipalityRow> = municipalities::table
        .select(MunicipalityRow::as_select())
        .order(municipalities::code)
        .load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The places: kommungrupper, each municipality's group, population and
/// outline, and the borders (each municipality's neighbours).
pub fn load_places(conn: &mut SqliteConnection) -> Result<Places, DbError> {
    let groups = municipality_groups::table
        .select(GroupRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Into::into)
        .collect();
    let mut by_code = BTreeMap::new();
    for row in places::table.select(PlaceRow::as_select()).load(conn)? {
        let (code, parts) = row.into_domain()?;
        by_code.insert(
            code,
            Place {
                group: parts.group,
                population: parts.population,
                shape: parts.shape,
                neighbours: Vec::new(),
            },
        );
    }
    let borders = borders::table
        .select(BorderRow::as_select())
        .load(conn)?
        .into_iter()
        .map(BorderRow::into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Places::new(groups, by_code, &borders))
}

fn load_benchmarks(conn: &mut SqliteConnection) -> Result<Vec<Benchmark>, DbError> {
    let mut areas: BTreeMap<i32, Vec<(AreaNumber, Score)>> = BTreeMap::new();
    for r in benchmark_areas::table
        .select(BenchmarkAreaRow::as_select())
        .order((benchmark_areas::benchmark_id, benchmark_areas::number))
        .load(conn)?
    {
        areas
            .entry(r.benchmark_id)
            .or_default()
            .push((r.number, r.points));
    }
    let rows: Vec<BenchmarkRow> = benchmarks::table
        .select(BenchmarkRow::as_select())
        .order(benchmarks::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let own = areas.remove(&r.id).unwrap_or_default();
            r.into_domain(own)
        })
        .collect())
}

/// Which stored evaluations to read with their figures.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    All,
    /// Those that came in from this origin.
    Origin(Origin),
    /// These rows.
    Rows(&'a [RowId]),
}

/// The chosen evaluations, each with its figures and texts: six queries
/// whatever their number.
pub fn load_evaluations(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Vec<StoredEvaluation>, DbError> {
    Ok(load_stored(conn, which, true)?
        .into_iter()
        .map(|(_, s)| s)
        .collect())
}

/// The chosen evaluations with their rows, with their texts or without.
fn load_stored(
    conn: &mut SqliteConnection,
    which: Which<'_>,
    with_texts: bool,
) -> Result<Vec<(RowId, StoredEvaluation)>, DbError> {
    let query = evaluations::table
        .select(EvaluationRow::as_select())
        .into_boxed();
    let rows: Vec<EvaluationRow> = match which {
        Which::All => query.load(conn)?,
        Which::Origin(origin) => query.filter(evaluations::origin.eq(origin)).load(conn)?,
        Which::Rows(chosen) => query.filter(evaluations::key.eq_any(chosen)).load(conn)?,
    };
    let chosen: Option<Vec<RowId>> = match which {
        Which::All => None,
        _ => Some(rows.iter().map(|r| r.row).collect()),
    };
    let mut children = load_children(conn, chosen.as_deref(), with_texts)?;
    rows.into_iter()
        .map(|r| {
            let own = children.remove(&r.row).unwrap_or_default();
            let (id, evaluation, provenance) = r.fields.into_domain(own)?;
            Ok((
                r.row,
                StoredEvaluation {
                    id,
                    evaluation,
                    provenance,
                },
            ))
        })
        .collect()
}

/// The figures (and, `with_texts`, the texts) of the evaluations in these
/// rows (all when `None`), by row, each in its order (areas by
/// number, sub-areas by area and item, notes and stated changes by position,
/// texts by area and kind). The rows are read as the tables hold them and sorted here: an
/// `ORDER BY` over the primary key's index reads the table in random order
/// and sorts each evaluation's rows again, three times slower for the 100,000
/// sub-area rows of ten times today's data.
fn load_children(
    conn: &mut SqliteConnection,
    rows: Option<&[RowId]>,
    with_texts: bool,
) -> Result<HashMap<RowId, Children>, DbError> {
    let mut out: HashMap<RowId, Children> = HashMap::new();
    let mut areas = area_scores::table
        .select(AreaScoreRow::as_select())
        .into_boxed();
    let mut subareas = subarea_scores::table
        .select(SubareaScoreRow::as_select())
        .into_boxed();
    let mut notes = discrepancies::table
        .select(DiscrepancyRow::as_select())
        .into_boxed();
    let mut stated = stated_changes::table
        .select(StatedChangeRow::as_select())
        .into_boxed();
    let mut texts = area_texts::table
        .select(AreaTextRow::as_select())
        .into_boxed();
    if let Some(rows) = rows {
        areas = areas.filter(area_scores::evaluation_key.eq_any(rows));
        subareas = subareas.filter(subarea_scores::evaluation_key.eq_any(rows));
        notes = notes.filter(discrepancies::evaluation_key.eq_any(rows));
        stated = stated.filter(stated_changes::evaluation_key.eq_any(rows));
        texts = texts.filter(area_texts::evaluation_key.eq_any(rows));
    }
    let mut rows: Vec<AreaScoreRow> = areas.load(conn)?;
    rows.sort_unstable_by_key(|r| (r.evaluation, r.number));
    for r in rows {
        out.entry(r.evaluation).or_default().areas.push(r.into());
    }
    let mut rows: Vec<SubareaScoreRow> = subareas.load(conn)?;
    rows.sort_unstable_by_key(|r| (r.evaluation, r.area, r.item));
    for r in rows {
        out.entry(r.evaluation).or_default().subareas.push(r.into());
    }
    let mut rows: Vec<DiscrepancyRow> = notes.load(conn)?;
    rows.sort_unstable_by_key(|r| (r.evaluation, r.position));
    for r in rows {
        out.entry(r.evaluation)
            .or_default()
            .discrepancies
            .push(r.into());
    }
    let mut rows: Vec<StatedChangeRow> = stated.load(conn)?;
    rows.sort_unstable_by_key(|r| (r.evaluation, r.position));
    for r in rows {
        out.entry(r.evaluation)
            .or_default()
            .stated_changes
            .push(r.into());
    }
    if with_texts {
        let mut rows: Vec<AreaTextRow> = texts.load(conn)?;
        // As SQLite orders the stored kind: by its text.
        rows.sort_by(|a, b| {
            (a.evaluation, a.area, a.kind.as_str()).cmp(&(b.evaluation, b.area, b.kind.as_str()))
        });
        for r in rows {
            out.entry(r.evaluation).or_default().texts.push(r.into());
        }
    }
    Ok(out)
}

/// The digest of every stored report text, as `load_dataset` gives it.
pub fn texts_digest(conn: &mut SqliteConnection) -> Result<String, DbError> {
    let stored = load_stored(conn, Which::All, false)?;
    stored_texts_digest(conn, &stored)
}

/// The digest of the report texts of the `stored` evaluations
/// (`TextsHasher`), read row by row in the order of their rows: no text is
/// kept.
fn stored_texts_digest(
    conn: &mut SqliteConnection,
    stored: &[(RowId, StoredEvaluation)],
) -> Result<String, DbError> {
    let ids: HashMap<RowId, &EvaluationId> = stored.iter().map(|(row, s)| (*row, &s.id)).collect();
    let mut hasher = TextsHasher::default();
    let rows = area_texts::table
        .select(AreaTextRow::as_select())
        .order((
            area_texts::evaluation_key,
            area_texts::area,
            area_texts::kind,
        ))
        .load_iter::<AreaTextRow, DefaultLoadingMode>(conn)?;
    for row in rows {
        let row = row?;
        if let Some(id) = ids.get(&row.evaluation) {
            hasher.add(id, row.area, row.kind, &row.text);
        }
    }
    Ok(hasher.finish())
}

/// The report texts of one stored evaluation (none for an id not stored),
/// in (area, kind) order, with the fingerprint they belong to: both read
/// in one transaction, so a caller can tell texts of newer data.
pub fn report_texts(
    conn: &mut SqliteConnection,
    id: &EvaluationId,
) -> Result<(String, Vec<AreaText>), DbError> {
    conn.transaction(|conn| {
        let version = fingerprint(conn)?;
        let rows: Vec<AreaTextRow> = area_texts::table
            .inner_join(evaluations::table)
            .filter(evaluations::id.eq(id))
            .select(AreaTextRow::as_select())
            .order((area_texts::area, area_texts::kind))
            .load(conn)?;
        Ok((version, rows.into_iter().map(Into::into).collect()))
    })
}

/// Every stored evaluation's identity and provenance, without its figures:
/// one small query.
pub fn load_index(conn: &mut SqliteConnection) -> Result<Vec<StoredRow>, DbError> {
    Ok(evaluations::table
        .select(StoredRow::as_select())
        .load(conn)?)
}

/// Every stored evaluation's identity and provenance, with when it was
/// imported: one small query.
pub fn load_index_dated(conn: &mut SqliteConnection) -> Result<Vec<(StoredRow, String)>, DbError> {
    Ok(evaluations::table
        .select((StoredRow::as_select(), evaluations::imported_at))
        .load(conn)?)
}

/// Sub-areas stored for revisions whose sub-areas the catalogue does not
/// list, each with the max it was printed with: one query over the distinct
/// (revision, code, max) triples.
pub fn recorded_subareas(
    conn: &mut SqliteConnection,
    catalogue: &Catalogue,
) -> Result<BTreeMap<(Revision, SubareaCode), Score>, DbError> {
    let rows: Vec<(Revision, SubareaCode, Score)> = subarea_scores::table
        .inner_join(evaluations::table)
        .select((
            evaluations::revision,
            subarea_scores::code,
            subarea_scores::max,
        ))
        .distinct()
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(revision, _, _)| {
            !catalogue
                .revision(*revision)
                .is_some_and(|r| r.knows_subareas())
        })
        .map(|(revision, code, max)| ((revision, code), max))
        .collect())
}

/// Everything stored but the report texts (their digest instead), as one
/// consistent snapshot (read in one transaction).
pub fn load_dataset(conn: &mut SqliteConnection) -> Result<Dataset, DbError> {
    conn.transaction(|conn| {
        let municipalities = load_municipalities(conn)?;
        let catalogue = load_catalogue(conn)?;
        let benchmarks = load_benchmarks(conn)?;
        let places = load_places(conn)?;
        let stored = load_stored(conn, Which::All, false)?;
        // Recorded by the import (reading 25 MB of texts at 10x took a
        // third of the start); computed here for a database that lacks it.
        let version = meta::get(conn, FINGERPRINT)?.unwrap_or_default();
        let recorded = TextsDigest::read(conn)?.and_then(|t| t.of(&version));
        let texts = match recorded {
            Some(digest) => digest,
            None => stored_texts_digest(conn, &stored)?,
        };
        let evaluations = stored.into_iter().map(|(_, s)| s).collect();
        let updated = meta::get(conn, DATA_UPDATED_AT)?.unwrap_or_default();
        Ok(Dataset::new(
            municipalities,
            catalogue,
            benchmarks,
            evaluations,
            version,
            updated,
        )
        .with_places(places)
        .with_texts_stored_apart(texts))
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::db::{self, write};
    use crate::domain::version::held_texts_digest;
    use crate::domain::{Provenance, TextKind};
    use crate::import::{bundle, evaluation_file};

    /// The bundled data in a fresh in-memory database, with the Kumla 2020
    /// file (which has report texts) as parsed.
    fn kumla() -> (SqliteConnection, StoredEvaluation) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-import");
        let b = bundle::load(&dir).unwrap();
        let mut conn = db::open_in_memory().unwrap();
        let r = &b.registers;
        write::replace_registers(&mut conn, &r.municipalities, &r.catalogue, &r.benchmarks)
            .unwrap();
        let path = dir.join("evaluations/1881-kumla-2020.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let e = evaluation_file::parse(&path, &text).unwrap().evaluation;
        assert!(e.texts.len() > 10, "the bundled Kumla file has texts");
        let stored = StoredEvaluation {
            id: "1881-2020".parse().unwrap(),
            evaluation: e,
            provenance: Provenance {
                origin: Origin::Bundle,
                source_file: "1881-kumla-2020.toml".into(),
                content_hash: "h".into(),
                imported_at: String::new(),
            },
        };
        write::insert_evaluation(
            &mut conn,
            &stored.evaluation,
            &stored.id,
            &stored.provenance,
        )
        .unwrap();
        (conn, stored)
    }

    #[test]
    fn the_dataset_holds_the_texts_digest_and_an_answer_reads_the_texts() {
        let (mut conn, held) = kumla();
        let data = load_dataset(&mut conn).unwrap();
        let loaded = data.evaluation(&held.id).unwrap();
        assert!(loaded.evaluation.texts.is_empty(), "texts are not held");
        assert_eq!(
            data.texts_digest(),
            held_texts_digest(std::slice::from_ref(&held)),
            "stored rows and held texts hash alike"
        );
        let (version, texts) = report_texts(&mut conn, &held.id).unwrap();
        assert_eq!(version, fingerprint(&mut conn).unwrap());
        let mut expected = held.evaluation.texts.clone();
        expected.sort_by_key(|t| (t.area, t.kind.as_str()));
        assert_eq!(texts, expected);
        let none = report_texts(&mut conn, &"0180-2020".parse().unwrap()).unwrap();
        assert!(none.1.is_empty());
    }

    #[test]
    fn the_import_records_the_texts_digest_the_load_would_compute() {
        let (mut conn, _) = kumla();
        let computed = load_dataset(&mut conn).unwrap().texts_digest().to_string();
        let version = write::refresh_fingerprint(&mut conn, "2026-01-01T00:00:00Z").unwrap();
        let recorded = TextsDigest::read(&mut conn).unwrap().unwrap();
        assert_eq!(recorded.fingerprint, version);
        assert_eq!(recorded.digest, computed);
        // The load takes the recorded digest of its version, and only that.
        let record = |conn: &mut SqliteConnection, fingerprint: &str| {
            let fingerprint = fingerprint.to_string();
            let digest = "recorded".to_string();
            let t = TextsDigest {
                fingerprint,
                digest,
            };
            t.write(conn).unwrap();
        };
        record(&mut conn, &version);
        assert_eq!(load_dataset(&mut conn).unwrap().texts_digest(), "recorded");
        record(&mut conn, "another-version");
        assert_eq!(load_dataset(&mut conn).unwrap().texts_digest(), computed);
        // A value that does not read is no record: the load computes it.
        meta::set(&mut conn, "texts_digest", "no-colon").unwrap();
        assert_eq!(load_dataset(&mut conn).unwrap().texts_digest(), computed);
    }

    #[test]
    fn the_places_are_read_back_as_the_bundle_gave_them() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-import");
        let b = bundle::load(&dir).unwrap();
        let mut conn = db::open_in_memory().unwrap();
        let r = &b.registers;
        write::replace_registers(&mut conn, &r.municipalities, &r.catalogue, &r.benchmarks)
            .unwrap();
        write::replace_places(&mut conn, &r.places).unwrap();
        let places = load_places(&mut conn).unwrap();
        assert_eq!(places, r.places);
        assert_eq!(places.groups().len(), 9);
        // A second bundle replaces them whole.
        write::replace_places(&mut conn, &Places::default()).unwrap();
        assert!(load_places(&mut conn).unwrap().is_empty());
        write::replace_places(&mut conn, &r.places).unwrap();
        assert_eq!(load_dataset(&mut conn).unwrap().places, r.places);
    }

    #[test]
    fn a_changed_text_changes_the_digest() {
        let (mut conn, _) = kumla();
        let before = load_dataset(&mut conn).unwrap();
        diesel::update(area_texts::table.filter(area_texts::kind.eq(TextKind::Summary)))
            .set(area_texts::text.eq("Ändrad."))
            .execute(&mut conn)
            .unwrap();
        let after = load_dataset(&mut conn).unwrap();
        assert_ne!(before.texts_digest(), after.texts_digest());
    }
}
