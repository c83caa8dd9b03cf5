//! Query parameters shared by the API and the CSV downloads, parsed at the
//! edge into domain values: a list of municipalities, a ranking filter, a
//! metric, a year. Every malformed value is a 400 with a message that says
//! what was expected; a well-formed code nobody has is a 404.

use serde::Deserialize;
use utoipa::IntoParams;

use super::AppError;
use crate::domain::analysis::{Metric, RankingFilter};
use crate::domain::dataset::Dataset;
use crate::domain::{Municipality, MunicipalityCode, Revision};

pub const MIN_COMPARED: usize = 2;
pub const MAX_COMPARED: usize = 6;

pub fn parse_code(raw: &str) -> Result<MunicipalityCode, AppError> {
    raw.trim().parse::<MunicipalityCode>().map_err(|_| {
        AppError::bad_request(format!(
            "{raw:?} is not a municipality code: four digits, e.g. \"1881\" or \"0180\""
        ))
    })
}

pub fn find_municipality(
    data: &Dataset,
    code: MunicipalityCode,
) -> Result<&Municipality, AppError> {
    data.municipality(code)
        .ok_or_else(|| AppError::not_found(format!("no municipality has the code {code}")))
}

/// `kommun=1881,1880,...`: 2-6 distinct, known municipalities, in order.
pub fn compared<'a>(
    data: &'a Dataset,
    raw: Option<&str>,
) -> Result<Vec<&'a Municipality>, AppError> {
    let raw = raw.unwrap_or("");
    let parts: Vec<&str> = raw.split(',').filter(|s| !s.trim().is_empty()).collect();
    if !(MIN_COMPARED..=MAX_COMPARED).contains(&parts.len()) {
        return Err(AppError::bad_request(format!(
            "kommun takes {MIN_COMPARED}-{MAX_COMPARED} municipality codes separated by commas, e.g. kommun=1881,1880; got {}",
            parts.len()
        )));
    }
    let mut codes: Vec<MunicipalityCode> = Vec::with_capacity(parts.len());
    for part in parts {
        let code = parse_code(part)?;
        if codes.contains(&code) {
            return Err(AppError::bad_request(format!("kommun names {code} twice")));
        }
        codes.push(code);
    }
    codes
        .into_iter()
        .map(|c| find_municipality(data, c))
        .collect()
}

/// "total" or a theme slug ("brukarens-fokus").
pub fn metric(data: &Dataset, raw: &str) -> Result<Metric, AppError> {
    if raw == "total" {
        return Ok(Metric::Total);
    }
    data.catalogue
        .theme_by_slug(raw)
        .map(|t| Metric::Theme(t.number))
        .ok_or_else(|| {
            let slugs: Vec<&str> = data
                .catalogue
                .themes
                .iter()
                .map(|t| t.slug.as_str())
                .collect();
            AppError::bad_request(format!(
                "{raw:?} is not a theme: use \"total\" or one of {}",
                slugs.join(", ")
            ))
        })
}

pub fn revision(data: &Dataset, raw: &str) -> Result<Revision, AppError> {
    let known: Vec<String> = data
        .catalogue
        .revisions
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    raw.parse::<Revision>()
        .ok()
        .filter(|r| data.catalogue.revision(*r).is_some())
        .ok_or_else(|| {
            AppError::bad_request(format!(
                "{raw:?} is not a revision: one of {}",
                known.join(", ")
            ))
        })
}

/// A county code ("18") that some municipality has.
pub fn county(data: &Dataset, raw: &str) -> Result<String, AppError> {
    let well_formed = raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_digit());
    if well_formed && data.municipalities.iter().any(|m| m.county_code == raw) {
        Ok(raw.to_string())
    } else {
        Err(AppError::bad_request(format!(
            "{raw:?} is not a county code: two digits, e.g. \"18\" for Örebro län"
        )))
    }
}

pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

pub fn year(raw: &str) -> Result<i32, AppError> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        .ok_or_else(|| {
            AppError::bad_request(format!("{raw:?} is not a year: {MIN_YEAR}-{MAX_YEAR}"))
        })
}

/// `revision` and `county`, as rankings take them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// Only evaluations under this criteria revision.
    #[param(pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Option<String>,
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    pub county: Option<String>,
}

impl RankingQuery {
    pub fn filter(&self, data: &Dataset) -> Result<RankingFilter, AppError> {
        Ok(RankingFilter {
            revision: self
                .revision
                .as_deref()
                .map(|r| revision(data, r))
                .transpose()?,
            county: self
                .county
                .as_deref()
                .map(|c| county(data, c))
                .transpose()?,
        })
    }

    /// The filters as query pairs, for `next` links and file names.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(r) = &self.revision {
            out.push(("revision", r.clone()));
        }
        if let Some(c) = &self.county {
            out.push(("county", c.clone()));
        }
        out
    }
}

/// `kommun`: the municipalities to compare.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    /// 2-6 distinct municipality codes separated by commas.
    pub kommun: Option<String>,
}

/// Written by hand: the parameter is an array sent as one comma-separated
/// value (`style: form, explode: false`), which the derive cannot say
/// together with the array's limits.
impl IntoParams for CompareQuery {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::Required;
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn, ParameterStyle};
        use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
        let codes = ArrayBuilder::new()
            .items(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[0-9]{4}$")),
            )
            .min_items(Some(MIN_COMPARED))
            .max_items(Some(MAX_COMPARED))
            .unique_items(true)
            .build();
        vec![
            ParameterBuilder::new()
                .name("kommun")
                .parameter_in(ParameterIn::Query)
                .required(Required::True)
                .description(Some(
                    "2-6 distinct municipality codes separated by commas, e.g. 1881,0115,1444",
                ))
                .style(Some(ParameterStyle::Form))
                .explode(Some(false))
                .schema(Some(codes))
                .build(),
        ]
    }
}

/// `format`: which CSV flavour.
#[derive(Debug, Default, Deserialize)]
pub struct FormatQuery {
    pub format: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked_for_shape_and_range() {
        assert_eq!(year("2020").ok(), Some(2020));
        for bad in ["20x0", "1500", "99999", "", "-2020"] {
            assert!(year(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn compare_lists_are_checked_before_the_data() {
        let data = Dataset::default();
        for bad in [
            None,
            Some("1881"),
            Some("1881,1881"),
            Some("1,2"),
            Some("1,2,3,4,5,6,7"),
        ] {
            let e = compared(&data, bad).unwrap_err();
            assert!(matches!(e, AppError::BadRequest { .. }), "{bad:?}");
        }
        let e = compared(&data, Some("1881,1880")).unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }));
    }
}
