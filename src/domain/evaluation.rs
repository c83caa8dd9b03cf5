//! An `Evaluation` as published: who, when, under which revision, the figures
//! that were printed (and only those), and where they came from.

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::Serialize;

use super::code::{AreaNumber, CountyCode, Figure, MunicipalityCode, SubareaCode};
use super::identity::EvaluationKey;
use super::provenance::Line;
use super::revision::Revision;
use super::score::Score;
use super::statement::StatedChange;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Municipality {
    pub code: MunicipalityCode,
    pub name: String,
    pub county_code: CountyCode,
    pub county: String,
}

/// Every area is scored 0-100 in every revision ...
pub const AREA_MAX: Score = Score::whole(100);
/// ... and eight areas make 800.
pub const TOTAL_MAX: Score = Score::whole(800);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaScore {
    pub number: AreaNumber,
    /// The name as printed in the source, when it was given.
    pub printed_name: Option<String>,
    pub points: Score,
    pub percent: Option<Score>,
    #[serde(skip)]
    pub line: Line,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubareaScore {
    pub code: SubareaCode,
    pub name: Option<String>,
    pub points: Score,
    pub max: Score,
    pub percent: Option<Score>,
    #[serde(skip)]
    pub line: Line,
}

/// A difference between published figures that the source itself printed
/// (e.g. areas summing to 363 beside a stated total of 359).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    /// The figure that does not add up: the total (against its areas) or an
    /// area (against its sub-areas).
    pub figure: Figure,
    pub note: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, AsExpression, FromSqlRow,
)]
#[diesel(sql_type = Text)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// The "Styrkor / Förbättringsmöjligheter" block as extracted, both columns.
    StrengthsAndImprovements,
    Strengths,
    Improvements,
    /// The summary chapter's prose about the area.
    Summary,
}

impl TextKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TextKind::StrengthsAndImprovements => "strengths_and_improvements",
            TextKind::Strengths => "strengths",
            TextKind::Improvements => "improvements",
            TextKind::Summary => "summary",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            TextKind::StrengthsAndImprovements,
            TextKind::Strengths,
            TextKind::Improvements,
            TextKind::Summary,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Report prose attached to an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaText {
    pub area: AreaNumber,
    pub kind: TextKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Source {
    pub url: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub municipality: MunicipalityCode,
    pub year: i32,
    pub month: Option<u8>,
    /// The municipality's first, second, ... evaluation, when known.
    pub evaluation_number: Option<u8>,
    pub revision: Revision,
    /// The total as published; never computed.
    pub total: Option<Score>,
    #[serde(skip)]
    pub total_line: Line,
    pub areas: Vec<AreaScore>,
    pub subareas: Vec<SubareaScore>,
    pub discrepancies: Vec<Discrepancy>,
    pub evaluators: Vec<String>,
    pub source: Source,
    /// The curator's notes (English, for curators; the API serves them).
    pub notes: Option<String>,
    /// What a curator tells readers, in Swedish (pages and the CSV's
    /// `anmarkning` show it). Left out of the hash when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_note: Option<String>,
    /// Changes the source states against earlier evaluations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stated_changes: Vec<StatedChange>,
    pub texts: Vec<AreaText>,
    /// When the results were published, when the source says so; feeds and
    /// the data version date an evaluation by it (else by year and month).
    pub published: Option<chrono::NaiveDate>,
    /// Sent in through kompass's inbox and accepted by a curator (the
    /// file's `[contribution]` table). Left out of the hash when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contribution: Option<super::Contribution>,
}

impl Evaluation {
    /// An evaluation known to have happened, with no figures yet.
    pub fn new(municipality: MunicipalityCode, year: i32, revision: Revision) -> Self {
        Self {
            municipality,
            year,
            month: None,
            evaluation_number: None,
            revision,
            total: None,
            total_line: None,
            areas: vec![],
            subareas: vec![],
            discrepancies: vec![],
            evaluators: vec![],
            source: Source::default(),
            notes: None,
            public_note: None,
            stated_changes: vec![],
            texts: vec![],
            published: None,
            contribution: None,
        }
    }

    /// Whether the source printed any score at all. An evaluation without
    /// published scores still happened; it is shown as such, never as zero.
    pub fn has_published_scores(&self) -> bool {
        self.total.is_some() || !self.areas.is_empty() || !self.subareas.is_empty()
    }

    pub fn area(&self, number: AreaNumber) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.number == number)
    }

    /// What names this evaluation (see `EvaluationKey::same_evaluation`).
    pub fn key(&self) -> EvaluationKey {
        EvaluationKey::new(self.municipality, self.year, self.month)
    }

    /// "1881 2020-11" style label for messages.
    pub fn label(&self) -> String {
        self.key().label()
    }

    /// The same evaluation with every figure's line numbers dropped, for
    /// comparing evaluations read from different files.
    pub fn without_lines(&self) -> Evaluation {
        let mut e = self.clone();
        e.total_line = None;
        e.areas.iter_mut().for_each(|a| a.line = None);
        e.subareas.iter_mut().for_each(|s| s.line = None);
        e.stated_changes.iter_mut().for_each(|s| s.line = None);
        e
    }

    /// The change the source states for `figure` against the evaluation of
    /// `since`, if it states one.
    pub fn stated_change(&self, figure: Figure, since: i32) -> Option<&StatedChange> {
        self.stated_changes
            .iter()
            .find(|s| s.figure == figure && s.since == since)
    }
}

/// Swedish month names, for pages and for reading report text.
pub const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

pub fn month_name_sv(month: u8) -> Option<&'static str> {
    MONTHS_SV.get(usize::from(month).checked_sub(1)?).copied()
}
