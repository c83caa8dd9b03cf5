//! The rules every evaluation passes (`validate`), each way of breaking one
//! with the figures involved.

use std::fmt;

use crate::domain::interval::Interval;
use crate::domain::{AREA_MAX, AreaNumber, Figure, MunicipalityCode, Revision, Score, SubareaCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleProblem {
    /// The code is not in the register.
    UnknownMunicipality(MunicipalityCode),
    /// The name written beside the code is another municipality's.
    NotTheName {
        given: String,
        code: MunicipalityCode,
        name: String,
    },
    UnknownRevision {
        revision: Revision,
        known: Vec<Revision>,
    },
    /// A stated change about a figure the evaluation does not print.
    FigureNotPublished(Figure),
    /// A stated change since a year not before the evaluation's.
    NotBeforeEvaluation {
        since: i32,
        year: i32,
    },
    ChangeStatedTwice {
        figure: Figure,
        since: i32,
    },
    AreaListedTwice(AreaNumber),
    NoSuchArea {
        revision: Revision,
        area: AreaNumber,
    },
    AboveAreaMax(Score),
    /// An area's points and percent allow no common value.
    AreaPercentDisagrees {
        points: Score,
        percent: Option<Score>,
    },
    SubareaListedTwice(SubareaCode),
    /// For a revision the catalogue lists no sub-areas of: the max
    /// differs from the one first recorded.
    MaxDisagreesWithRecorded {
        max: Score,
        recorded: Score,
        revision: Revision,
        code: SubareaCode,
    },
    NotASubareaOf {
        code: SubareaCode,
        revision: Revision,
    },
    MaxDisagreesWithCatalogue {
        max: Score,
        catalogue: Score,
        revision: Revision,
        code: SubareaCode,
    },
    MaxOutOfRange(Score),
    PointsAboveMax {
        points: Score,
        max: Score,
    },
    PercentAbove100,
    /// A sub-area's points and percent of its max allow no common value.
    SubareaPercentDisagrees {
        points: Score,
        max: Score,
        percent: Option<Score>,
    },
    /// Some of an area's sub-areas are given, not all.
    MissingSubareas {
        area: AreaNumber,
        missing: Vec<SubareaCode>,
    },
    /// An area's sub-areas add up to what its printed total cannot be.
    SubareaSumDisagrees {
        area: AreaNumber,
        sum: Interval,
        printed: Option<Score>,
    },
    TotalAboveMax(Score),
    /// The eight areas add up to what the published total cannot be.
    TotalSumDisagrees {
        sum: Interval,
        total: Score,
    },
}

fn joined<T: ToString>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    items.join(", ")
}

fn or_empty(score: Option<Score>) -> String {
    score.map(|s| s.to_string()).unwrap_or_default()
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleProblem::UnknownMunicipality(code) => write!(
                f,
                "{code} is not a municipality code in the register (municipalities.csv)"
            ),
            RuleProblem::NotTheName { given, code, name } => {
                write!(f, "{given:?} is not the name of {code} ({name})")
            }
            RuleProblem::UnknownRevision { revision, known } => write!(
                f,
                "{revision} is not in the catalogue (known: {})",
                joined(known)
            ),
            RuleProblem::FigureNotPublished(figure) => write!(
                f,
                "{figure} is not published in this file; a stated change is about a figure it prints"
            ),
            RuleProblem::NotBeforeEvaluation { since, year } => {
                write!(f, "{since} is not before the evaluation itself ({year})")
            }
            RuleProblem::ChangeStatedTwice { figure, since } => {
                write!(f, "a change of {figure} since {since} is stated twice")
            }
            RuleProblem::AreaListedTwice(n) => write!(f, "area {n} is listed twice"),
            RuleProblem::NoSuchArea { revision, area } => {
                write!(f, "{revision} has no area {area}")
            }
            RuleProblem::AboveAreaMax(points) => {
                write!(f, "{points} points is above the area maximum of {AREA_MAX}")
            }
            RuleProblem::AreaPercentDisagrees { points, percent } => write!(
                f,
                "{points} points and {}% of {AREA_MAX} cannot both be right (rounding allows no common value)",
                or_empty(*percent)
            ),
            RuleProblem::SubareaListedTwice(code) => write!(f, "sub-area {code} is listed twice"),
            RuleProblem::MaxDisagreesWithRecorded {
                max,
                recorded,
                revision,
                code,
            } => write!(
                f,
                "max {max} disagrees with the {recorded} already recorded for {revision} {code}"
            ),
            RuleProblem::NotASubareaOf { code, revision } => write!(
                f,
                "{code} is not a sub-area of {revision} area {} in the catalogue",
                code.area
            ),
            RuleProblem::MaxDisagreesWithCatalogue {
                max,
                catalogue,
                revision,
                code,
            } => write!(
                f,
                "max {max} disagrees with the catalogue's {catalogue} for {revision} {code}"
            ),
            RuleProblem::MaxOutOfRange(max) => {
                write!(f, "max {max} must be above 0 and at most {AREA_MAX}")
            }
            RuleProblem::PointsAboveMax { points, max } => {
                write!(f, "{points} is outside [0, {max}]")
            }
            RuleProblem::PercentAbove100 => f.write_str("a percent above 100"),
            RuleProblem::SubareaPercentDisagrees {
                points,
                max,
                percent,
            } => {
                let of_max = percent
                    .map(|p| Interval::of_percent(p, *max).to_string())
                    .unwrap_or_default();
                let percent = or_empty(*percent);
                write!(
                    f,
                    "{points} points of {max} and {percent}% cannot both be right: {percent}% of {max} is {of_max}, which does not round to {points}"
                )
            }
            RuleProblem::MissingSubareas { missing, .. } => write!(
                f,
                "missing sub-area(s) {}: give all of an area's sub-areas or none",
                joined(missing)
            ),
            RuleProblem::SubareaSumDisagrees { area, sum, printed } => write!(
                f,
                "the sub-areas of area {area} add up to {sum} points allowing for rounding, which the printed area total {} cannot be; \
                 fix the typo, or record the difference as published with a [[discrepancies]] entry for \"area {area}\"",
                or_empty(*printed)
            ),
            RuleProblem::TotalAboveMax(total) => write!(f, "{total} is above the maximum of 800"),
            RuleProblem::TotalSumDisagrees { sum, total } => write!(
                f,
                "the eight areas add up to {sum} allowing for rounding, but the published total is {total}; \
                 fix the typo, or record the difference as published with a [[discrepancies]] entry for \"total\""
            ),
        }
    }
}
