//! `kommun` (and the page's `lagg_till`): which municipalities to compare.
//! The API and `/jamfor.csv` are strict (2-6 distinct codes separated by
//! commas, English messages for programs); the page is forgiving with what
//! people type (commas, spaces or `+`, a repeat dropped, fewer than two
//! while the reader is still choosing) and says what is wrong in Swedish.
//! Both give the domain's `Choice`s, within the domain's limits.

use serde::Deserialize;
use utoipa::IntoParams;

use super::{find_municipality, parse_code};
use crate::domain::MunicipalityCode;
use crate::domain::answer::compare::{Choice, MAX_COMPARED, MIN_COMPARED};
use crate::domain::dataset::Dataset;
use crate::views::pages::compare::PageRequest;
use crate::web::AppError;

/// `kommun`: the municipalities to compare.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    /// 2-6 distinct municipality codes separated by commas.
    pub kommun: Option<String>,
}

/// `kommun=1881,1880,...` of the API and the CSV: 2-6 distinct, known
/// municipalities, in order.
pub fn choices(data: &Dataset, raw: Option<&str>) -> Result<Vec<Choice>, AppError> {
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
        .map(|c| find_municipality(data, c).map(|m| Choice::of(m.code)))
        .collect()
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

/// The compare page's address: `kommun` and `lagg_till` (a name to add).
#[derive(Debug, Deserialize)]
pub struct ComparePageQuery {
    pub kommun: Option<String>,
    pub lagg_till: Option<String>,
}

impl ComparePageQuery {
    pub fn parse(&self, data: &Dataset) -> Result<PageRequest, AppError> {
        let codes = page_codes(self.kommun.as_deref().unwrap_or(""))?;
        if let Some(unknown) = codes.iter().find(|c| data.municipality(**c).is_none()) {
            return Err(AppError::bad_request(format!(
                "Det finns ingen kommun med koden {unknown}."
            )));
        }
        if codes.len() > MAX_COMPARED {
            return Err(AppError::bad_request(format!(
                "Högst {MAX_COMPARED} kommuner kan jämföras åt gången; adressen innehåller {}.",
                codes.len()
            )));
        }
        Ok(PageRequest {
            choices: codes.into_iter().map(Choice::of).collect(),
            add: self
                .lagg_till
                .as_deref()
                .map(crate::domain::search::cap_query)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
    }
}

/// Codes as the page's address holds them: comma-, space- or
/// plus-separated, a repeat dropped.
fn page_codes(raw: &str) -> Result<Vec<MunicipalityCode>, AppError> {
    let mut out: Vec<MunicipalityCode> = Vec::new();
    for part in raw
        .split([',', ' ', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let code = part.parse::<MunicipalityCode>().map_err(|_| {
            AppError::bad_request(format!(
                "”{part}” är ingen kommunkod. En kommunkod har fyra siffror, till exempel 1881 för Kumla."
            ))
        })?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn the_api_takes_two_to_six_distinct_codes_checked_before_the_data() {
        let data = Dataset::default();
        for bad in [
            None,
            Some("1881"),
            Some("1881,1881"),
            Some("1,2"),
            Some("1,2,3,4,5,6,7"),
        ] {
            let e = choices(&data, bad).unwrap_err();
            assert!(matches!(e, AppError::BadRequest { .. }), "{bad:?}");
        }
        let e = choices(&data, Some("1881,1880")).unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }));
        let ok = choices(bundled(), Some("1881, 0115")).unwrap();
        assert_eq!(
            ok,
            vec![
                Choice::of("1881".parse().unwrap()),
                Choice::of("0115".parse().unwrap())
            ]
        );
    }

    fn page(kommun: &str) -> Result<PageRequest, AppError> {
        ComparePageQuery {
            kommun: Some(kommun.into()),
            lagg_till: Some("  ".into()),
        }
        .parse(bundled())
    }

    #[test]
    fn the_page_reads_what_people_type_and_says_what_is_wrong() {
        let r = page("1881, 0115,1881 1444").unwrap();
        let codes: Vec<&str> = r.choices.iter().map(|c| c.municipality.as_str()).collect();
        assert_eq!(codes, vec!["1881", "0115", "1444"]);
        assert_eq!(r.add, None, "blank is no name");
        assert!(page("").unwrap().choices.is_empty());
        for (bad, says) in [
            ("1881,kumla", "ingen kommunkod"),
            ("1881,9999", "ingen kommun med koden 9999"),
            ("1881,0115,1444,0486,0180,1880,0114", "Högst 6"),
        ] {
            let e = page(bad).unwrap_err();
            assert!(e.to_string().contains(says), "{bad}: {e}");
        }
    }
}
