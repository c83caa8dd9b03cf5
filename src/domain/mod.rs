//! Pure domain types and rules: no I/O. Everything here is a value.

pub mod analysis;
pub mod benchmark;
pub mod catalogue;
pub mod code;
pub mod dataset;
pub mod derived;
pub mod evaluation;
pub mod interval;
pub mod revision;
pub mod score;
pub mod search;
pub mod text;
pub mod version;

pub use benchmark::Benchmark;
pub use catalogue::{
    AreaDefinition, Catalogue, Confidence, RevisionDefinition, SubareaDefinition, Theme,
};
pub use code::{MunicipalityCode, SubareaCode};
pub use evaluation::{
    AREA_MAX, AreaScore, AreaText, Discrepancy, Evaluation, Municipality, Source, SubareaScore,
    TOTAL_MAX, TextKind,
};
pub use revision::Revision;
pub use score::{Change, Score};
