//! Where a stored evaluation came from: the bundled data folder or a file
//! given to `kompass import`, which file, its fingerprint, and when; and
//! where in that file each figure was read (`Line`).

use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

/// Where a figure was read: the line in the source file (evaluation file or
/// report text), counted from 1.
pub type Line = Option<u32>;

/// Where an evaluation came in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum Origin {
    /// A file in the bundled data folder, kept in step with it.
    Bundle,
    /// A file given to `kompass import`; a bundled file never replaces it.
    Import,
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Bundle => "bundle",
            Origin::Import => "import",
        }
    }
}

impl FromStr for Origin {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "bundle" => Ok(Origin::Bundle),
            "import" => Ok(Origin::Import),
            other => Err(format!("{other:?} is not an origin (bundle, import)")),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Origin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a stored evaluation came from and when it was imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub origin: Origin,
    /// The file: relative to the bundle folder for bundled files, else its name.
    pub source_file: String,
    /// SHA-256 of the source file, hex.
    pub content_hash: String,
    /// RFC 3339.
    pub imported_at: String,
}

impl Provenance {
    /// Whether `other` was read from the same bytes of the same file.
    pub fn same_source(&self, other: &Provenance) -> bool {
        self.content_hash == other.content_hash && self.source_file == other.source_file
    }
}
