//! Pure domain types and rules: no I/O. Everything here is a value.
//!
//! The value types stored as a column carry diesel's `AsExpression` and
//! `FromSqlRow` marks, so that `db` can store and read them as they are;
//! how each becomes SQL (`FromSql`/`ToSql`) is `db::sql_types`'s business.

pub mod analysis;
pub mod answer;
pub mod benchmark;
pub mod catalogue;
pub mod code;
pub mod contribution;
pub mod coverage;
pub mod dataset;
pub mod derived;
pub mod evaluation;
pub mod geo;
pub mod identity;
pub mod interval;
pub mod place;
pub mod printed_total;
pub mod prose;
pub mod provenance;
pub mod revision;
pub mod score;
pub mod search;
pub mod snapshot;
pub mod statement;
pub mod stored;
#[cfg(test)]
pub(crate) mod tests;
pub mod text;
pub mod version;

pub use benchmark::Benchmark;
pub use catalogue::{
    AreaDefinition, Catalogue, Confidence, RevisionDefinition, SubareaDefinition, Theme,
};
pub use code::{AreaNumber, CountyCode, Figure, MunicipalityCode, SubareaCode, ThemeNumber};
pub use contribution::Contribution;
pub use evaluation::{
    AREA_MAX, AreaScore, AreaText, Discrepancy, Evaluation, Municipality, Source, SubareaScore,
    TOTAL_MAX, TextKind,
};
pub use identity::{EvaluationId, EvaluationKey};
pub use provenance::{Origin, Provenance};
pub use revision::{Revision, YEARS};
pub use score::{Change, Score};
pub use statement::StatedChange;
