//! Rows of the stored evaluations: the evaluation, its figures and texts,
//! and the index the import pipeline keeps of what is stored.

use diesel::prelude::*;

use super::{RowId, read_line, small, stored_line};
use crate::db::DbError;
use crate::db::schema::{
    area_scores, area_texts, discrepancies, evaluations, stated_changes, subarea_scores,
};
use crate::domain::{
    AreaNumber, AreaScore, AreaText, Change, Contribution, Discrepancy, Evaluation, EvaluationId,
    EvaluationKey, Figure, MunicipalityCode, Origin, Provenance, Revision, Score, Source,
    StatedChange, SubareaCode, SubareaScore, TextKind,
};

/// What names a stored evaluation and where it came from, without its
/// figures: the pipeline's index of what is stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = evaluations, check_for_backend(diesel::sqlite::Sqlite))]
pub struct StoredRow {
    #[diesel(column_name = key)]
    pub row: RowId,
    pub id: EvaluationId,
    pub municipality_code: MunicipalityCode,
    pub year: i32,
    pub month: Option<i32>,
    pub origin: Origin,
    pub source_file: String,
    pub content_hash: String,
}

impl StoredRow {
    pub fn evaluation_key(&self) -> EvaluationKey {
        let month = self.month.and_then(|m| u8::try_from(m).ok());
        EvaluationKey::new(self.municipality_code, self.year, month)
    }
}

/// A stored evaluation: its row and its fields.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = evaluations, check_for_backend(diesel::sqlite::Sqlite))]
pub struct EvaluationRow {
    #[diesel(column_name = key)]
    pub row: RowId,
    #[diesel(embed)]
    pub fields: EvaluationFields,
}

/// An evaluation's own columns, as read and as inserted.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = evaluations, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct EvaluationFields {
    pub id: EvaluationId,
    pub municipality_code: MunicipalityCode,
    pub year: i32,
    pub month: Option<i32>,
    pub evaluation_number: Option<i32>,
    pub revision: Revision,
    pub total: Option<Score>,
    pub total_line: Option<i32>,
    /// A JSON array of names.
    pub evaluators: String,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
    pub notes: Option<String>,
    pub origin: Origin,
    pub source_file: String,
    pub content_hash: String,
    pub imported_at: String,
    /// ISO 8601 date, "2021-05-10".
    pub published: Option<String>,
    /// Swedish, for readers.
    pub public_note: Option<String>,
    /// "B-2026-0007", when it came in through the inbox.
    pub contribution_reference: Option<String>,
    /// ISO 8601 date, the day it was accepted.
    pub contribution_accepted: Option<String>,
}

/// An evaluation's figures and texts, read apart from it.
#[derive(Debug, Default)]
pub struct Children {
    pub areas: Vec<AreaScore>,
    pub subareas: Vec<SubareaScore>,
    pub discrepancies: Vec<Discrepancy>,
    pub stated_changes: Vec<StatedChange>,
    pub texts: Vec<AreaText>,
}

impl EvaluationFields {
    pub fn of(e: &Evaluation, id: &EvaluationId, provenance: &Provenance) -> Result<Self, DbError> {
        Ok(EvaluationFields {
            id: id.clone(),
            municipality_code: e.municipality,
            year: e.year,
            month: e.month.map(i32::from),
            evaluation_number: e.evaluation_number.map(i32::from),
            revision: e.revision,
            total: e.total,
            total_line: stored_line(e.total_line),
            evaluators: serde_json::to_string(&e.evaluators)
                .map_err(|err| DbError::Corrupt(err.to_string()))?,
            source_url: e.source.url.clone(),
            source_title: e.source.title.clone(),
            notes: e.notes.clone(),
            origin: provenance.origin,
            source_file: provenance.source_file.clone(),
            content_hash: provenance.content_hash.clone(),
            imported_at: provenance.imported_at.clone(),
            published: e.published.map(|d| d.format("%Y-%m-%d").to_string()),
            public_note: e.public_note.clone(),
            contribution_reference: e.contribution.map(|c| c.reference.to_string()),
            contribution_accepted: e
                .contribution
                .map(|c| c.accepted.format("%Y-%m-%d").to_string()),
        })
    }

    pub fn into_domain(
        self,
        children: Children,
    ) -> Result<(EvaluationId, Evaluation, Provenance), DbError> {
        let evaluators = serde_json::from_str(&self.evaluators)
            .map_err(|_| DbError::Corrupt(format!("evaluators {:?}", self.evaluators)))?;
        let contribution = contribution(
            self.contribution_reference.as_deref(),
            self.contribution_accepted.as_deref(),
        )?;
        let evaluation = Evaluation {
            municipality: self.municipality_code,
            year: self.year,
            month: self.month.map(|m| small("month", m)).transpose()?,
            evaluation_number: self
                .evaluation_number
                .map(|n| small("evaluation number", n))
                .transpose()?,
            revision: self.revision,
            total: self.total,
            total_line: read_line(self.total_line),
            areas: children.areas,
            subareas: children.subareas,
            discrepancies: children.discrepancies,
            evaluators,
            source: Source {
                url: self.source_url,
                title: self.source_title,
            },
            notes: self.notes,
            public_note: self.public_note,
            stated_changes: children.stated_changes,
            texts: children.texts,
            published: self
                .published
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|_| DbError::Corrupt(format!("published {d:?}")))
                })
                .transpose()?,
            contribution,
        };
        let provenance = Provenance {
            origin: self.origin,
            source_file: self.source_file,
            content_hash: self.content_hash,
            imported_at: self.imported_at,
        };
        Ok((self.id, evaluation, provenance))
    }
}

/// The `[contribution]` an evaluation was stored with: both columns or neither.
fn contribution(
    reference: Option<&str>,
    accepted: Option<&str>,
) -> Result<Option<Contribution>, DbError> {
    match (reference, accepted) {
        (None, None) => Ok(None),
        (Some(r), Some(a)) => {
            let reference = r
                .parse()
                .map_err(|_| DbError::Corrupt(format!("contribution reference {r:?}")))?;
            let accepted = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d")
                .map_err(|_| DbError::Corrupt(format!("contribution accepted {a:?}")))?;
            Ok(Some(Contribution {
                reference,
                accepted,
            }))
        }
        (r, a) => Err(DbError::Corrupt(format!(
            "a contribution with reference {r:?} and accepted {a:?}"
        ))),
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = area_scores, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct AreaScoreRow {
    /// The evaluation's row.
    #[diesel(column_name = evaluation_key)]
    pub evaluation: RowId,
    pub number: AreaNumber,
    pub printed_name: Option<String>,
    pub points: Score,
    pub percent: Option<Score>,
    pub line: Option<i32>,
}

impl AreaScoreRow {
    pub fn of(evaluation: RowId, a: &AreaScore) -> Self {
        AreaScoreRow {
            evaluation,
            number: a.number,
            printed_name: a.printed_name.clone(),
            points: a.points,
            percent: a.percent,
            line: stored_line(a.line),
        }
    }
}

impl From<AreaScoreRow> for AreaScore {
    fn from(r: AreaScoreRow) -> Self {
        AreaScore {
            number: r.number,
            printed_name: r.printed_name,
            points: r.points,
            percent: r.percent,
            line: read_line(r.line),
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = subarea_scores, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct SubareaScoreRow {
    /// The evaluation's row.
    #[diesel(column_name = evaluation_key)]
    pub evaluation: RowId,
    pub code: SubareaCode,
    /// The code's parts, kept for ordering.
    pub area: AreaNumber,
    pub item: i32,
    pub name: Option<String>,
    pub points: Score,
    pub max: Score,
    pub percent: Option<Score>,
    pub line: Option<i32>,
}

impl SubareaScoreRow {
    pub fn of(evaluation: RowId, s: &SubareaScore) -> Self {
        SubareaScoreRow {
            evaluation,
            code: s.code,
            area: s.code.area,
            item: i32::from(s.code.item),
            name: s.name.clone(),
            points: s.points,
            max: s.max,
            percent: s.percent,
            line: stored_line(s.line),
        }
    }
}

impl From<SubareaScoreRow> for SubareaScore {
    fn from(r: SubareaScoreRow) -> Self {
        SubareaScore {
            code: r.code,
            name: r.name,
            points: r.points,
            max: r.max,
            percent: r.percent,
            line: read_line(r.line),
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = discrepancies, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct DiscrepancyRow {
    /// The evaluation's row.
    #[diesel(column_name = evaluation_key)]
    pub evaluation: RowId,
    pub position: i32,
    pub figure: Figure,
    pub note: String,
}

impl DiscrepancyRow {
    pub fn of(evaluation: RowId, position: usize, d: &Discrepancy) -> Self {
        DiscrepancyRow {
            evaluation,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            figure: d.figure,
            note: d.note.clone(),
        }
    }
}

impl From<DiscrepancyRow> for Discrepancy {
    fn from(r: DiscrepancyRow) -> Self {
        Discrepancy {
            figure: r.figure,
            note: r.note,
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = area_texts, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct AreaTextRow {
    /// The evaluation's row.
    #[diesel(column_name = evaluation_key)]
    pub evaluation: RowId,
    pub area: AreaNumber,
    pub kind: TextKind,
    pub text: String,
}

impl AreaTextRow {
    pub fn of(evaluation: RowId, t: &AreaText) -> Self {
        AreaTextRow {
            evaluation,
            area: t.area,
            kind: t.kind,
            text: t.text.clone(),
        }
    }
}

impl From<AreaTextRow> for AreaText {
    fn from(r: AreaTextRow) -> Self {
        AreaText {
            area: r.area,
            kind: r.kind,
            text: r.text,
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = stated_changes, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct StatedChangeRow {
    /// The evaluation's row.
    #[diesel(column_name = evaluation_key)]
    pub evaluation: RowId,
    pub position: i32,
    pub figure: Figure,
    pub change: Change,
    pub since: i32,
    pub source: String,
    pub quote: Option<String>,
    pub line: Option<i32>,
}

impl StatedChangeRow {
    pub fn of(evaluation: RowId, position: usize, s: &StatedChange) -> Self {
        StatedChangeRow {
            evaluation,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            figure: s.figure,
            change: s.change,
            since: s.since,
            source: s.source.clone(),
            quote: s.quote.clone(),
            line: stored_line(s.line),
        }
    }
}

impl From<StatedChangeRow> for StatedChange {
    fn from(r: StatedChangeRow) -> Self {
        StatedChange {
            figure: r.figure,
            change: r.change,
            since: r.since,
            source: r.source,
            quote: r.quote,
            line: read_line(r.line),
        }
    }
}
