//! What a download is asked: the file type from the address (`.xlsx`,
//! `.csv`, or `-excel.csv` for the CSV Swedish Excel opens: a path of its
//! own, so a static copy of the site holds it as a file); the compare
//! file's `kommun` is read like the API's (`compare::choices`). `format`
//! on a `.csv` is the Excel flavour's old address (`?format=excel`), which
//! the server redirects to its own (`excel_address`).

use serde::Deserialize;

use crate::views::csv::Flavour;
use crate::web::AppError;

/// What a download address ends with: `.csv` (standard), `-excel.csv`
/// (the Swedish Excel flavour) or `.xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Csv(Flavour),
    Xlsx,
}

/// What a download address asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    File(FileType),
    /// `.csv?format=excel`: the Excel flavour's old address; it has its own
    /// now (`excel_address`).
    Moved,
}

impl FileType {
    /// From the route's extension (`None` on a route of the Excel CSV's own,
    /// `...-excel.csv`) and the `format` parameter, which only a `.csv`
    /// takes (a workbook has no dialect).
    pub fn parse(extension: Option<&str>, format: Option<&str>) -> Result<Asked, AppError> {
        match extension {
            None => Ok(Asked::File(FileType::Csv(Flavour::Excel))),
            Some("xlsx") => Ok(Asked::File(FileType::Xlsx)),
            Some(_) => Ok(match flavour(format)? {
                Flavour::Excel => Asked::Moved,
                standard => Asked::File(FileType::Csv(standard)),
            }),
        }
    }
}

/// The Excel flavour's own address for an address that asked for it with
/// `format=excel`: `/x.csv?a=1&format=excel` is `/x-excel.csv?a=1`.
pub fn excel_address(path: &str, query: &str) -> String {
    let stem = path.strip_suffix(".csv").unwrap_or(path);
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("format"))
        .collect();
    match kept.as_slice() {
        [] => format!("{stem}-excel.csv"),
        _ => format!("{stem}-excel.csv?{}", kept.join("&")),
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
            FileType::parse(Some("xlsx"), Some("excel")).unwrap(),
            Asked::File(FileType::Xlsx)
        );
        assert_eq!(
            FileType::parse(Some("csv"), None).unwrap(),
            Asked::File(FileType::Csv(Flavour::Standard))
        );
        assert_eq!(
            FileType::parse(Some("csv"), Some("excel")).unwrap(),
            Asked::Moved
        );
        assert_eq!(
            FileType::parse(None, None).unwrap(),
            Asked::File(FileType::Csv(Flavour::Excel))
        );
        assert!(FileType::parse(Some("csv"), Some("xml")).is_err());
    }

    #[test]
    fn the_excel_flavours_address_keeps_every_other_parameter() {
        assert_eq!(
            excel_address("/data/kompass.csv", "format=excel"),
            "/data/kompass-excel.csv"
        );
        assert_eq!(
            excel_address("/rankning.csv", "revision=v2020&format=excel&lan=18"),
            "/rankning-excel.csv?revision=v2020&lan=18"
        );
        assert_eq!(
            excel_address("/jamfor.csv", "kommun=1881%2C0115&format=excel"),
            "/jamfor-excel.csv?kommun=1881%2C0115"
        );
    }
}
