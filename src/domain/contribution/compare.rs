//! What a contributed evaluation would do to the data held, said before it
//! is sent and again in the inbox: whether it is an evaluation kompass
//! holds, and then whether it confirms it (every figure both print is equal,
//! and it adds none) or changes figures (each old -> new) or adds some; what
//! other evaluation it has the very figures of (a wrong file, most likely);
//! and whether its year can be an evaluation at all (not in the future, not
//! before Kommunkompassen began in 2002). A figure the contribution does not
//! print (a report prints no grand total) is not a change. Pure.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::domain::dataset::StoredEvaluation;
use crate::domain::identity::Match;
use crate::domain::{AreaNumber, Evaluation, EvaluationId, MunicipalityCode, Score, SubareaCode};

/// The first year of Kommunkompassen's evaluations.
pub const FIRST_YEAR: i32 = 2002;

/// So many figures at least, all equal, make "the same figures": fewer may
/// agree by chance (two totals of 557).
pub const SAME_FIGURES_AT_LEAST: usize = 8;

/// One published figure of an evaluation, by what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureName {
    Total,
    AreaPoints(AreaNumber),
    AreaPercent(AreaNumber),
    SubareaPoints(SubareaCode),
    SubareaMax(SubareaCode),
    SubareaPercent(SubareaCode),
}

impl fmt::Display for FigureName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureName::Total => f.write_str("the total"),
            FigureName::AreaPoints(n) => write!(f, "area {n} points"),
            FigureName::AreaPercent(n) => write!(f, "area {n} percent"),
            FigureName::SubareaPoints(c) => write!(f, "sub-area {c} points"),
            FigureName::SubareaMax(c) => write!(f, "sub-area {c} max"),
            FigureName::SubareaPercent(c) => write!(f, "sub-area {c} percent"),
        }
    }
}

/// A figure held and the figure the contribution prints instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureChange {
    pub figure: FigureName,
    pub old: Score,
    pub new: Score,
}

/// A figure the contribution prints that kompass does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureValue {
    pub figure: FigureName,
    pub value: Score,
}

/// The contribution against the evaluation of the same municipality and
/// year that kompass holds (`EvaluationKey`'s rule says which is the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// kompass holds no such evaluation: it would be new.
    New,
    /// Every figure both print is equal, and it adds none.
    Confirms { id: EvaluationId },
    /// Figures that differ (old -> new), and figures it adds.
    Changes {
        id: EvaluationId,
        changed: Vec<FigureChange>,
        added: Vec<FigureValue>,
    },
    /// Several evaluations that year; the contribution's month (none) does
    /// not say which.
    Ambiguous { ids: Vec<EvaluationId> },
}

/// Another evaluation held with the very figures of the contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameFigures {
    pub id: EvaluationId,
    pub municipality: MunicipalityCode,
    pub year: i32,
    pub month: Option<u8>,
}

/// A year no evaluation can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRefusal {
    Future { year: i32, this_year: i32 },
    BeforeFirst { year: i32 },
}

impl fmt::Display for YearRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YearRefusal::Future { year, this_year } => write!(
                f,
                "the year {year} is in the future (it is {this_year}); refused"
            ),
            YearRefusal::BeforeFirst { year } => write!(
                f,
                "the year {year} is before Kommunkompassen's first evaluations ({FIRST_YEAR}); refused"
            ),
        }
    }
}

/// What a contribution would do to the data held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub year: Option<YearRefusal>,
    pub held: Held,
    pub same_figures: Vec<SameFigures>,
}

impl Comparison {
    /// Whether it cannot be taken in at all.
    pub fn refused(&self) -> bool {
        self.year.is_some()
    }
}

/// Every figure an evaluation prints, by name.
pub fn figures(e: &Evaluation) -> BTreeMap<FigureName, Score> {
    let mut out = BTreeMap::new();
    if let Some(total) = e.total {
        out.insert(FigureName::Total, total);
    }
    for a in &e.areas {
        out.insert(FigureName::AreaPoints(a.number), a.points);
        if let Some(p) = a.percent {
            out.insert(FigureName::AreaPercent(a.number), p);
        }
    }
    for s in &e.subareas {
        out.insert(FigureName::SubareaPoints(s.code), s.points);
        out.insert(FigureName::SubareaMax(s.code), s.max);
        if let Some(p) = s.percent {
            out.insert(FigureName::SubareaPercent(s.code), p);
        }
    }
    out
}

/// "66" and "66,0" are one figure.
fn equal(a: Score, b: Score) -> bool {
    a.tenths() == b.tenths()
}

/// The year against today: in the future, or before the first evaluations.
pub fn year_refusal(year: i32, today: NaiveDate) -> Option<YearRefusal> {
    let this_year = today.year();
    if year > this_year {
        Some(YearRefusal::Future { year, this_year })
    } else if year < FIRST_YEAR {
        Some(YearRefusal::BeforeFirst { year })
    } else {
        None
    }
}

fn against(id: &EvaluationId, held: &Evaluation, new: &BTreeMap<FigureName, Score>) -> Held {
    let old = figures(held);
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for (figure, value) in new {
        match old.get(figure) {
            Some(o) if equal(*o, *value) => {}
            Some(o) => changed.push(FigureChange {
                figure: *figure,
                old: *o,
                new: *value,
            }),
            None => added.push(FigureValue {
                figure: *figure,
                value: *value,
            }),
        }
    }
    if changed.is_empty() && added.is_empty() {
        Held::Confirms { id: id.clone() }
    } else {
        Held::Changes {
            id: id.clone(),
            changed,
            added,
        }
    }
}

/// Whether every one of `new`'s figures, enough of them, is `other`'s too.
fn same_figures(new: &BTreeMap<FigureName, Score>, other: &Evaluation) -> bool {
    if new.len() < SAME_FIGURES_AT_LEAST {
        return false;
    }
    let other = figures(other);
    new.iter()
        .all(|(figure, value)| other.get(figure).is_some_and(|o| equal(*o, *value)))
}

/// What `e` would do to `held` (the data kompass holds), on `today`.
pub fn compare(e: &Evaluation, held: &[StoredEvaluation], today: NaiveDate) -> Comparison {
    let new = figures(e);
    let key = e.key();
    let candidates = held
        .iter()
        .map(|s| (s.evaluation.key(), s))
        .filter(|(k, _)| k.municipality == key.municipality && k.year == key.year);
    let held_one = match key.resolve(candidates) {
        Match::New => Held::New,
        Match::Same(s) => against(&s.id, &s.evaluation, &new),
        Match::Ambiguous(several) => Held::Ambiguous {
            ids: several.into_iter().map(|(_, s)| s.id.clone()).collect(),
        },
    };
    let same = held
        .iter()
        .filter(|s| !key.same_evaluation(&s.evaluation.key()))
        .filter(|s| same_figures(&new, &s.evaluation))
        .map(|s| SameFigures {
            id: s.id.clone(),
            municipality: s.evaluation.municipality,
            year: s.evaluation.year,
            month: s.evaluation.month,
        })
        .collect();
    Comparison {
        year: year_refusal(e.year, today),
        held: held_one,
        same_figures: same,
    }
}

#[cfg(test)]
mod tests;
