//! What stops a run: refused files (each with its problems), the database,
//! or no registers to check against.

use std::path::PathBuf;

use crate::db::DbError;
use crate::import::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rejected(Vec<ImportError>),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(
        "no bundled data folder at {0} and no registers data in the database; \
         run from the project folder or pass --data DIR"
    )]
    NoRegisters(PathBuf),
}

impl From<diesel::result::Error> for PipelineError {
    fn from(e: diesel::result::Error) -> Self {
        PipelineError::Db(DbError::Query(e))
    }
}

impl From<ImportError> for PipelineError {
    fn from(e: ImportError) -> Self {
        PipelineError::Rejected(vec![e])
    }
}
