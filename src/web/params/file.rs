//! What a download is asked: the file type from the address's extension
//! (`.csv` or `.xlsx`) and, for a CSV, its flavour (`format`); the compare
//! file's `kommun` is read like the API's (`compare::choices`).

use serde::Deserialize;

use crate::views::csv::Flavour;
use crate::web::AppError;

/// What a download address ends with: `.csv` (standard or, with
/// `format=excel`, the Swedish Excel flavour) or `.xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Csv(Flavour),
    Xlsx,
}

impl FileType {
    /// From the route's extension and the `format` parameter, which only
    /// the CSV takes (a workbook has no dialect).
    pub fn parse(extension: &str, format: Option<&str>) -> Result<Self, AppError> {
        match extension {
            "xlsx" => Ok(FileType::Xlsx),
            _ => flavour(format).map(FileType::Csv),
        }
    }
}

/// `format`: absent or "standard" (or "csv"), or "excel".
pub fn flavour(raw: Option<&str>) -> Result<Flavour, AppError> {
    match raw {
        None | Some("standard") | Some("csv") => Ok(Flavour::Standard),
        Some("excel") => Ok(Flavour::Excel),
        Some(other) => Err(AppError::bad_request(format!(
            "Okänt format {other:?}: välj format=standard (komma, decimalpunkt) eller format=excel (semikolon, decimalkomma)"
        ))),
    }
}

/// `format`: which CSV flavour.
#[derive(Debug, Default, Deserialize)]
pub struct FormatQuery {
    pub format: Option<String>,
}

/// `/jamfor.csv` and `.xlsx`: `kommun` and `format`.
#[derive(Debug, Deserialize)]
pub struct CompareFileQuery {
    pub kommun: Option<String>,
    pub format: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavours_and_file_types_parse_from_the_address() {
        assert_eq!(flavour(None).unwrap(), Flavour::Standard);
        assert_eq!(flavour(Some("excel")).unwrap(), Flavour::Excel);
        assert!(flavour(Some("xlsx")).is_err());
        assert_eq!(
            FileType::parse("xlsx", Some("excel")).unwrap(),
            FileType::Xlsx
        );
        assert_eq!(
            FileType::parse("csv", Some("excel")).unwrap(),
            FileType::Csv(Flavour::Excel)
        );
    }
}
