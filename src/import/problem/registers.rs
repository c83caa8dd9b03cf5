//! The registers a curator edits (the register, the benchmarks, the
//! catalogue, the kommungrupper, the populations and the map), and what an
//! import run refuses across files.

use std::fmt;
use std::path::PathBuf;

use crate::domain::place::GroupCode;
use crate::domain::{EvaluationKey, MunicipalityCode, SubareaCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterProblem {
    /// The CSV reader's own account of a file it cannot read.
    Csv(String),
    MissingColumns(Vec<String>),
    CodeListedTwice(MunicipalityCode),
    Empty,
    CountyMismatch {
        given: String,
        code: MunicipalityCode,
    },
    NotAYear(String),
    NotACount(String),
    BenchmarkWithoutSource,
    RevisionListedTwice,
    ThemeNumber(u8),
    ThemeSlug(String),
    ThemeCount(usize),
    RevisionName(String),
    AreaNumber,
    AreaCount(usize),
    AreaTheme(u8),
    Confidence(String),
    SubareaElsewhere(SubareaCode),
    SubareaMax(i64),
    /// The sub-areas' maxima, in whole points, do not add up to 100.
    SubareaMaximaSum(i64),
    /// A file keyed by municipality names one the register does not list.
    NotInRegister(MunicipalityCode),
    /// A municipality's name differs from the register's for its code.
    NameDiffers {
        given: String,
        register: String,
    },
    NotAGroup(String),
    /// One kommungrupp code with two names.
    GroupNamedTwice {
        group: GroupCode,
        name: String,
        other: String,
    },
    /// A row's source does not begin with a web address.
    WithoutSource,
    /// The map data as JSON: the reader's own account.
    Json(String),
    /// The map data is JSON but not a GeoJSON FeatureCollection.
    NotFeatureCollection,
    /// A feature's geometry is of another type than (Multi)Polygon.
    GeometryType(String),
    /// A polygon's ring (both counted from 1) is no closed ring of at least
    /// four positions, each a longitude and a latitude.
    BadRing {
        polygon: usize,
        ring: usize,
    },
}

impl fmt::Display for RegisterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegisterProblem::Csv(error) => f.write_str(error),
            RegisterProblem::MissingColumns(columns) => {
                write!(f, "missing column(s): {}", columns.join(", "))
            }
            RegisterProblem::CodeListedTwice(code) => write!(f, "{code} is listed twice"),
            RegisterProblem::Empty => f.write_str("is empty"),
            RegisterProblem::CountyMismatch { given, code } => write!(
                f,
                "{given:?} does not match the code's first two digits ({})",
                code.county_code()
            ),
            RegisterProblem::NotAYear(v) => write!(f, "{v:?} is not a year"),
            RegisterProblem::NotACount(v) => write!(f, "{v:?} is not a count"),
            RegisterProblem::BenchmarkWithoutSource => {
                f.write_str("every benchmark needs its source: a web address (http:// or https://)")
            }
            RegisterProblem::RevisionListedTwice => f.write_str("a revision is listed twice"),
            RegisterProblem::ThemeNumber(n) => write!(f, "{n} is not a new theme number 1-8"),
            RegisterProblem::ThemeSlug(slug) => {
                write!(f, "{slug:?} must be lower-case letters and dashes")
            }
            RegisterProblem::ThemeCount(n) => write!(f, "there must be 8 themes, found {n}"),
            RegisterProblem::RevisionName(id) => {
                write!(f, "{id:?} is not a revision name like \"v2020\"")
            }
            RegisterProblem::AreaNumber => f.write_str("must be a new area number 1-8"),
            RegisterProblem::AreaCount(n) => write!(f, "must list 8 areas, found {n}"),
            RegisterProblem::AreaTheme(n) => write!(f, "{n} is not a theme number 1-8"),
            RegisterProblem::Confidence(v) => write!(
                f,
                "{v:?} is not a confidence (same, strong, medium, weak, none)"
            ),
            RegisterProblem::SubareaElsewhere(code) => {
                write!(f, "{code} is listed twice or belongs to another area")
            }
            RegisterProblem::SubareaMax(max) => write!(f, "max {max} must be 1-100"),
            RegisterProblem::SubareaMaximaSum(sum) => {
                write!(f, "the sub-areas' maxima sum to {sum}, not 100")
            }
            RegisterProblem::NotInRegister(code) => write!(
                f,
                "{code} is not a municipality in the register (municipalities.csv)"
            ),
            RegisterProblem::NameDiffers { given, register } => write!(
                f,
                "{given:?} is not the register's name for this code ({register:?})"
            ),
            RegisterProblem::NotAGroup(v) => {
                write!(f, "{v:?} is not a kommungrupp (A1-A2, B3-B5 or C6-C9)")
            }
            RegisterProblem::GroupNamedTwice { group, name, other } => write!(
                f,
                "{group} is named {name:?} here and {other:?} on an earlier line"
            ),
            RegisterProblem::WithoutSource => f.write_str(
                "every row needs its source, beginning with a web address (http:// or https://)",
            ),
            RegisterProblem::Json(error) => write!(f, "not readable as JSON: {error}"),
            RegisterProblem::NotFeatureCollection => {
                f.write_str("the map data must be a GeoJSON FeatureCollection of Features")
            }
            RegisterProblem::GeometryType(kind) => {
                write!(f, "{kind:?} is not a Polygon or a MultiPolygon")
            }
            RegisterProblem::BadRing { polygon, ring } => write!(
                f,
                "ring {ring} of polygon {polygon} is not a closed ring of at least four \
                 positions, each a longitude and a latitude"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunProblem {
    /// Two files of one run describe the same evaluation.
    DescribedTwice {
        evaluation: EvaluationKey,
        other: PathBuf,
    },
    /// Several evaluations of that year are stored (their months); which
    /// one this is takes its month to tell.
    MonthNeeded {
        municipality: MunicipalityCode,
        year: i32,
        months: Vec<Option<u8>>,
    },
    /// A run imports one bundled data folder; this is a second.
    TwoBundles { other: PathBuf },
}

impl fmt::Display for RunProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunProblem::DescribedTwice { evaluation, other } => write!(
                f,
                "{} is also described by {}; keep one file per evaluation \
                 (two evaluations in one year need their months)",
                evaluation.label(),
                other.display()
            ),
            RunProblem::MonthNeeded {
                municipality,
                year,
                months,
            } => {
                let list: Vec<String> = months
                    .iter()
                    .map(|m| m.map_or_else(|| "?".to_string(), |m| m.to_string()))
                    .collect();
                write!(
                    f,
                    "{municipality} has {} evaluations stored in {year} (months {}); give the month to say which this is",
                    months.len(),
                    list.join(", ")
                )
            }
            RunProblem::TwoBundles { other } => write!(
                f,
                "is a bundled data folder, and so is {}; a run imports one bundle",
                other.display()
            ),
        }
    }
}
