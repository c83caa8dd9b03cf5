//! `kommun` (and the page's `lagg_till`): which municipalities to compare,
//! each as its code (`1880`: the evaluation the rule picks) or with one of
//! its evaluations (`1880:2012`, or `1444:2014-10` where a municipality had
//! two in one year, as in the evaluation ids). The API and `/jamfor.csv`
//! are strict (2-6 distinct codes separated by commas, English messages for
//! programs); the page is forgiving with what people type (commas, spaces
//! or `+`, a repeat dropped, fewer than two while the reader is still
//! choosing, `kommun` given once per municipality as its form sends it)
//! and says what is wrong in Swedish. Both give the domain's `Choice`s,
//! within the domain's limits.

use serde::Deserialize;
use utoipa::IntoParams;

use super::{find_municipality, parse_code};
use crate::domain::answer::compare::{Choice, MAX_COMPARED, MIN_COMPARED};
use crate::domain::dataset::Dataset;
use crate::domain::{EvaluationId, MunicipalityCode};
use crate::views::pages::compare::PageRequest;
use crate::web::AppError;

/// `kommun`: the municipalities to compare.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    /// 2-6 distinct municipality codes separated by commas, each
    /// optionally with one of its evaluations (`1880:2012`).
    pub kommun: Option<String>,
}

impl CompareQuery {
    /// From the address's pairs: `kommun` once with commas, or once per
    /// municipality as forms and many HTTP libraries send a list
    /// (`kommun=1881&kommun=0115`), or both; the lists joined in order.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let lists: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "kommun")
            .map(|(_, v)| v.as_str())
            .collect();
        Self {
            kommun: (!lists.is_empty()).then(|| lists.join(",")),
        }
    }
}

/// `kommun=1881,1880:2012,...` of the API and the CSV: 2-6 distinct items
/// of known municipalities, in order, each with an evaluation of its own
/// when named (one municipality may come twice with two of its evaluations).
pub fn choices(data: &Dataset, raw: Option<&str>) -> Result<Vec<Choice>, AppError> {
    let raw = raw.unwrap_or("");
    let parts: Vec<&str> = raw.split(',').filter(|s| !s.trim().is_empty()).collect();
    if !(MIN_COMPARED..=MAX_COMPARED).contains(&parts.len()) {
        return Err(AppError::bad_request(format!(
            "kommun takes {MIN_COMPARED}-{MAX_COMPARED} municipality codes separated by commas, e.g. kommun=1881,1880 (or 1880:2012 for one of its evaluations); got {}",
            parts.len()
        )));
    }
    let mut items: Vec<Item> = Vec::with_capacity(parts.len());
    for part in parts {
        let item = split(part).ok_or_else(|| {
            AppError::bad_request(format!(
                "{part:?} is not a municipality code, nor a code with one of its evaluations: four digits, e.g. \"1881\", or \"1880:2012\", \"1444:2014-10\""
            ))
        })?;
        // One municipality may come twice with two of its evaluations
        // (1880:2012,1880:2015); the same item twice is a mistake.
        if items.contains(&item) {
            return Err(AppError::bad_request(format!(
                "kommun names {} twice",
                part.trim()
            )));
        }
        items.push(item);
    }
    items
        .into_iter()
        .map(|i| {
            find_municipality(data, i.code)?;
            // A well-formed evaluation the municipality does not have is,
            // like a code nobody has, a 404.
            i.choice(data).map_err(|e| {
                AppError::not_found(format!(
                    "{} has no evaluation {}; its evaluations: {}",
                    e.code,
                    e.asked,
                    e.english_list()
                ))
            })
        })
        .collect()
}

/// One item of `kommun`, read but not yet looked up: the code and the
/// evaluation's id when one was named.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    code: MunicipalityCode,
    evaluation: Option<EvaluationId>,
}

/// `1880`, `1880:2012` or `1444:2014-10` (surrounding spaces allowed); none
/// when it is neither.
fn split(raw: &str) -> Option<Item> {
    let raw = raw.trim();
    match raw.split_once(':') {
        None => Some(Item {
            code: parse_code(raw).ok()?,
            evaluation: None,
        }),
        Some((code, when)) => {
            let code = parse_code(code).ok()?;
            Some(Item {
                code,
                evaluation: Some(EvaluationId::of(code, when.trim()).ok()?),
            })
        }
    }
}

/// A named evaluation the municipality does not have: what was asked, and
/// what it has ("2012", "2014-10").
struct NoSuchEvaluation {
    code: MunicipalityCode,
    asked: String,
    has: Vec<String>,
}

impl NoSuchEvaluation {
    fn english_list(&self) -> String {
        if self.has.is_empty() {
            "none, it was never evaluated".to_string()
        } else {
            self.has.join(", ")
        }
    }
}

impl Item {
    fn choice(self, data: &Dataset) -> Result<Choice, NoSuchEvaluation> {
        let Some(id) = self.evaluation else {
            return Ok(Choice::of(self.code));
        };
        if data.evaluation(&id).is_none() {
            return Err(NoSuchEvaluation {
                code: self.code,
                asked: id.when(),
                has: data
                    .evaluations_of(self.code)
                    .map(|s| s.id.when())
                    .collect(),
            });
        }
        Ok(Choice {
            municipality: self.code,
            evaluation: Some(id),
        })
    }
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
                    .pattern(Some("^[0-9]{4}(:[0-9]{4}(-(0[1-9]|1[0-2]))?)?$")),
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
                    "2-6 distinct municipality codes separated by commas, e.g. 1881,0115,1444. \
                     The same municipality may come twice with two of its evaluations \
                     (1880:2012,1880:2015). \
                     Each compares the evaluation with the most published areas (the latest of \
                     those), else the latest with a total; CODE:YEAR (or CODE:YEAR-MM where the \
                     municipality had two that year, as in evaluation ids) names another, e.g. \
                     1880:2015,1881. The codes may also be given one per parameter, as forms \
                     send a list: kommun=1881&kommun=0115 is kommun=1881,0115.",
                ))
                .style(Some(ParameterStyle::Form))
                .explode(Some(false))
                .schema(Some(codes))
                .build(),
        ]
    }
}

/// The compare page's address: `kommun` and `lagg_till` (a name to add).
#[derive(Debug, Default, Deserialize)]
pub struct ComparePageQuery {
    pub kommun: Option<String>,
    pub lagg_till: Option<String>,
    /// `kommun` came more than once (the page's form of evaluations sends
    /// one per municipality): the page answers with its own address.
    #[serde(skip)]
    pub repeated: bool,
}

impl ComparePageQuery {
    /// From the address's pairs, in order: each `kommun` adds its
    /// municipalities to the list; the last `lagg_till` counts.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let lists: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "kommun")
            .map(|(_, v)| v.as_str())
            .collect();
        Self {
            kommun: (!lists.is_empty()).then(|| lists.join(",")),
            lagg_till: pairs
                .iter()
                .rev()
                .find(|(k, _)| k == "lagg_till")
                .map(|(_, v)| v.clone()),
            repeated: lists.len() > 1,
        }
    }

    pub fn parse(&self, data: &Dataset) -> Result<PageRequest, AppError> {
        let items = page_items(self.kommun.as_deref().unwrap_or(""))?;
        if let Some(unknown) = items.iter().find(|i| data.municipality(i.code).is_none()) {
            return Err(AppError::bad_request(format!(
                "Det finns ingen kommun med koden {}.",
                unknown.code
            )));
        }
        if items.len() > MAX_COMPARED {
            return Err(AppError::bad_request(format!(
                "Högst {MAX_COMPARED} kommuner kan jämföras åt gången; adressen innehåller {}.",
                items.len()
            )));
        }
        let choices = items
            .into_iter()
            .map(|i| i.choice(data).map_err(|e| swedish(data, &e)))
            .collect::<Result<Vec<Choice>, AppError>>()?;
        Ok(PageRequest {
            choices,
            add: self
                .lagg_till
                .as_deref()
                .map(crate::domain::search::cap_query)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            tidy: self.repeated,
        })
    }
}

fn swedish(data: &Dataset, e: &NoSuchEvaluation) -> AppError {
    let name = data
        .municipality(e.code)
        .map_or_else(|| e.code.to_string(), |m| m.name.clone());
    let has = match e.has.as_slice() {
        [] => format!("{name} har aldrig utvärderats."),
        [one] => format!("Kommunens enda utvärdering är {one}."),
        many => format!("Kommunens utvärderingar: {}.", many.join(", ")),
    };
    AppError::bad_request(format!(
        "{name} ({}) har ingen utvärdering ”{}” i kompass. {has} Skriv kommunkoden och året, till exempel {}:{}.",
        e.code,
        e.asked,
        e.code,
        e.has.last().map_or("2020", String::as_str)
    ))
}

/// Items as the page's address holds them: comma-, space- or
/// plus-separated, a repeated municipality dropped (the first kept).
fn page_items(raw: &str) -> Result<Vec<Item>, AppError> {
    let mut out: Vec<Item> = Vec::new();
    for part in raw
        .split([',', ' ', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let item = split(part).ok_or_else(|| {
            AppError::bad_request(format!(
                "”{part}” är ingen kommunkod. En kommunkod har fyra siffror, till exempel 1881 för Kumla, eller 1881:2017 för Kumlas utvärdering 2017."
            ))
        })?;
        if !out.iter().any(|i| i.code == item.code) {
            out.push(item);
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
            repeated: false,
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

    #[test]
    fn a_municipality_may_name_one_of_its_evaluations() {
        let data = bundled();
        let ok = choices(data, Some("1880:2015,1881")).unwrap();
        let own = choices(data, Some("1880:2012,1880:2015")).unwrap();
        assert_eq!(
            own.len(),
            2,
            "one municipality's two evaluations side by side"
        );
        assert_eq!(
            ok[0].evaluation.as_ref().map(ToString::to_string),
            Some("1880-2015".into())
        );
        assert_eq!(ok[1], Choice::of("1881".parse().unwrap()));
        assert_eq!(ok[0].token(), "1880:2015");
        assert_eq!(ok[1].token(), "1881");
        for (bad, says) in [
            ("1880:20x5,1881", "is not a municipality code"),
            ("1880:2015:1,1881", "is not a municipality code"),
            ("1880:2015-13,1881", "is not a municipality code"),
            ("1880:2015,1880:2015", "names 1880:2015 twice"),
        ] {
            let e = choices(data, Some(bad)).unwrap_err();
            assert!(matches!(e, AppError::BadRequest { .. }), "{bad}");
            assert!(e.to_string().contains(says), "{bad}: {e}");
        }
        for (unknown, says) in [
            (
                "1880:2013,1881",
                "1880 has no evaluation 2013; its evaluations: 2010, 2012, 2015",
            ),
            ("0117:2020,1881", "none, it was never evaluated"),
        ] {
            let e = choices(data, Some(unknown)).unwrap_err();
            assert!(matches!(e, AppError::NotFound { .. }), "{unknown}");
            assert!(e.to_string().contains(says), "{unknown}: {e}");
        }
        let r = page("1880:2015 1881").unwrap();
        assert_eq!(r.choices[0].token(), "1880:2015");
        let e = page("1881:2013").unwrap_err();
        assert!(matches!(e, AppError::BadRequest { .. }));
        assert!(
            e.to_string()
                .contains("Kumla (1881) har ingen utvärdering ”2013”")
                && e.to_string().contains("2017, 2020"),
            "{e}"
        );
    }

    #[test]
    fn the_pages_form_sends_kommun_once_per_municipality() {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect::<Vec<_>>()
        };
        let q = ComparePageQuery::from_pairs(&pairs(&[
            ("kommun", "1880:2015"),
            ("kommun", "1881"),
            ("lagg_till", "vallentuna"),
        ]));
        assert_eq!(q.kommun.as_deref(), Some("1880:2015,1881"));
        assert_eq!(q.lagg_till.as_deref(), Some("vallentuna"));
        assert!(q.repeated);
        let r = q.parse(bundled()).unwrap();
        assert!(r.tidy);
        let once = ComparePageQuery::from_pairs(&pairs(&[("kommun", "1880,1881")]));
        assert!(!once.repeated && once.lagg_till.is_none());
    }
}
