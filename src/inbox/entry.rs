//! One contribution in the inbox: what was sent (the evaluation file as
//! reviewed, the report's text when one was read, the source address, the
//! sender's optional contact and message), when, its reference, and what
//! the curator decided. Every text is kept as text, capped at `Caps`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::contribution::ContributionRef;
use crate::domain::{EvaluationKey, MunicipalityCode};

pub use crate::import::review::InputKind;

/// What was received, in Swedish, for the receipt and the accepted file's
/// comments: "rapporten kumla-2020.pdf", "rapportens inklistrade text",
/// "filen 1881-kumla-2020.toml", "formuläret för siffror".
pub fn received_swedish(kind: InputKind, name: &str) -> String {
    match kind {
        InputKind::Report if name == PASTED_NAME => "rapportens inklistrade text".to_string(),
        InputKind::Report => format!("rapporten {name}"),
        InputKind::File => format!("filen {name}"),
        InputKind::Form => "formuläret för siffror".to_string(),
    }
}

/// The name a report's text pasted on `/bidra` is reviewed under.
pub const PASTED_NAME: &str = "inklistrad text.txt";

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Waiting for a curator.
    New,
    Accepted,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Status::New, Status::Accepted, Status::Rejected]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// The longest each field may be, in characters (the report's text and the
/// evaluation file in bytes).
pub mod caps {
    /// A report's text is 100-200 kB (Kumla 2020's: 105 kB).
    pub const REPORT_TEXT_BYTES: usize = 1024 * 1024;
    /// An evaluation file with every sub-area and its texts is ~60 kB.
    pub const EVALUATION_BYTES: usize = 512 * 1024;
    pub const SOURCE_CHARS: usize = 500;
    pub const CONTACT_CHARS: usize = 200;
    pub const MESSAGE_CHARS: usize = 4000;
    pub const NAME_CHARS: usize = 120;
    pub const REASON_CHARS: usize = 2000;
}

/// A contribution as it is put in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The name it was sent under ("kumla-2020.pdf", "formuläret"): shown, never a path.
    pub received_name: String,
    pub input: InputKind,
    pub key: EvaluationKey,
    /// The name the bundled file would have (`1881-kumla-2020.toml`).
    pub file_name: String,
    /// The evaluation file as reviewed.
    pub evaluation_toml: String,
    pub report_text: Option<String>,
    pub source_url: String,
    pub contact: Option<String>,
    pub message: Option<String>,
}

impl NewEntry {
    /// What it takes of the inbox's cap on bytes.
    pub fn bytes(&self) -> u64 {
        let texts = [
            Some(&self.received_name),
            Some(&self.file_name),
            Some(&self.evaluation_toml),
            self.report_text.as_ref(),
            Some(&self.source_url),
            self.contact.as_ref(),
            self.message.as_ref(),
        ];
        texts.into_iter().flatten().map(|t| t.len() as u64).sum()
    }
}

/// A contribution in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub reference: ContributionRef,
    pub received_at: DateTime<Utc>,
    pub sent: NewEntry,
    pub status: Status,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// The bundled file it was accepted as.
    pub accepted_file: Option<String>,
}

impl Entry {
    pub fn municipality(&self) -> MunicipalityCode {
        self.sent.key.municipality
    }
}

/// How much the inbox takes of entries waiting for a curator: so many, of
/// so many bytes in all. Decided entries are kept and not counted (they
/// grow only as fast as a curator decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub entries: u64,
    pub bytes: u64,
}

impl Default for Caps {
    fn default() -> Self {
        Self {
            entries: 1000,
            bytes: 200 * 1024 * 1024,
        }
    }
}

/// Which cap a new entry would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    Entries { max: u64 },
    Bytes { max: u64 },
}

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Full::Entries { max } => write!(f, "the inbox holds {max} entries waiting, its cap"),
            Full::Bytes { max } => write!(
                f,
                "the entries waiting would pass the inbox's cap of {} MB",
                max / (1024 * 1024)
            ),
        }
    }
}

/// A curator's decision on an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Written into the bundle as this file.
    Accepted {
        file: String,
    },
    Rejected {
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_received_is_said_in_swedish_and_pasted_text_is_not_named_as_a_file() {
        assert_eq!(
            received_swedish(InputKind::Report, "kumla-2020.pdf"),
            "rapporten kumla-2020.pdf"
        );
        assert_eq!(
            received_swedish(InputKind::Report, PASTED_NAME),
            "rapportens inklistrade text"
        );
        assert_eq!(
            received_swedish(InputKind::File, "1881-kumla-2020.toml"),
            "filen 1881-kumla-2020.toml"
        );
        assert_eq!(
            received_swedish(InputKind::Form, "formuläret"),
            "formuläret för siffror"
        );
    }
}
