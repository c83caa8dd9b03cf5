//! What a change ranking is asked, in one place for every address that
//! shows one: the page `/forandring`, its `.csv` and `.xlsx`, its chart,
//! card and embed read the page's Swedish words (`lan`, `revision`,
//! `versioner=alla`, `fran=forsta`, `tema`), blank meaning the default;
//! `/api/v1/changes` reads the API's English ones (`county`, `revision`,
//! `criteria=any`, `from=first`, `metric`) and, given `kommun`, answers one
//! municipality's changes as it always has. Both give the domain's
//! `ChangeRequest`; a filter added to the ranking's `RankingFilter` is one
//! more field here.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{find_municipality, optional_county, optional_group, optional_revision, parse_code};
use crate::domain::Municipality;
use crate::domain::analysis::{Metric, RankingFilter};
use crate::domain::answer::change_ranking::{ChangeRequest, Span, Versions};
use crate::domain::dataset::Dataset;
use crate::views::pages::changes::{ACROSS_VERSIONS, FIRST_TO_LATEST};
use crate::views::pages::ranking::ALL_REVISIONS;
use crate::web::AppError;

/// The page's address and its files': `lan`, `revision`, `versioner`,
/// `fran`, `tema`, and a CSV's `format`.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ChangePageQuery {
    pub lan: Option<String>,
    pub kommungrupp: Option<String>,
    pub revision: Option<String>,
    pub versioner: Option<String>,
    pub fran: Option<String>,
    pub tema: Option<String>,
    pub format: Option<String>,
}

/// A value given and not blank.
fn chosen(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// One of two words: absent or blank is the default, `word` the choice,
/// anything else a 400 that names both.
fn choice(raw: Option<&str>, word: &str, name: &str) -> Result<bool, AppError> {
    match chosen(raw) {
        None => Ok(false),
        Some(v) if v == word => Ok(true),
        Some(v) => Err(AppError::bad_request(format!(
            "”{v}” går inte att använda för {name}: utelämna den eller skriv {name}={word}."
        ))),
    }
}

impl ChangePageQuery {
    /// The request, with the page's defaults; a wrong value is a 400 in
    /// Swedish.
    pub fn request(&self, data: &Dataset) -> Result<ChangeRequest, AppError> {
        let revision = match chosen(self.revision.as_deref()) {
            None => None,
            Some(r) if r == ALL_REVISIONS => None,
            Some(r) => Some(super::known_revision(data, r).ok_or_else(|| {
                AppError::bad_request(format!(
                    "”{r}” är ingen version av kriterierna (till exempel v2020)."
                ))
            })?),
        };
        let county = match chosen(self.lan.as_deref()) {
            None => None,
            Some(c) => Some(super::known_county(data, c).ok_or_else(|| {
                AppError::bad_request(format!(
                    "”{c}” är ingen länskod (till exempel 18 för Örebro län)."
                ))
            })?),
        };
        let group = super::page_group(data, self.kommungrupp.as_deref())?;
        let metric = match chosen(self.tema.as_deref()) {
            None => Metric::Total,
            Some(slug) => data
                .catalogue
                .theme_by_slug(slug)
                .map(|t| Metric::Theme(t.number))
                .ok_or_else(|| {
                    AppError::bad_request(format!("Det finns inget område som heter ”{slug}”."))
                })?,
        };
        let across = choice(self.versioner.as_deref(), ACROSS_VERSIONS, "versioner")?;
        let first = choice(self.fran.as_deref(), FIRST_TO_LATEST, "fran")?;
        Ok(ChangeRequest {
            metric,
            span: if first {
                Span::FirstToLatest
            } else {
                Span::Latest
            },
            versions: if across {
                Versions::Across
            } else {
                Versions::Same
            },
            filter: RankingFilter {
                revision,
                county,
                group,
            },
        })
    }
}

/// `from`: which two evaluations a change is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeFrom {
    /// The latest two that published the figure.
    #[default]
    Previous,
    /// The first and the latest that published it.
    First,
}

/// `criteria`: whether the two may be of different criteria versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeCriteria {
    /// Both under one version (comparable figures).
    #[default]
    Same,
    /// Also across versions; such changes have `crosses_revision` true.
    Any,
}

/// `/api/v1/changes`: one municipality's changes (`kommun`), or, without
/// it, every municipality's change ranked.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// One municipality code: its changes between consecutive evaluations.
    /// Without it, the ranking of every municipality's change (the
    /// filters below apply to it).
    #[param(pattern = "^[0-9]{4}$", example = "0115")]
    pub kommun: Option<String>,
    /// Rank the change of the total (default) or of a theme (its slug).
    #[param(example = "total")]
    pub metric: Option<String>,
    /// `previous` (default): each municipality's latest two evaluations
    /// that published the figure; `first`: its first and latest.
    #[param(inline)]
    pub from: Option<ChangeFrom>,
    /// `same` (default): both evaluations under one criteria version;
    /// `any`: also across versions.
    #[param(inline)]
    pub criteria: Option<ChangeCriteria>,
    /// Only changes between evaluations under this criteria revision.
    #[param(pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Option<String>,
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    pub county: Option<String>,
    /// Only municipalities in this kommungrupp: SKR's grouping of 2023, the
    /// same for every year ranked.
    #[param(pattern = "^(A[12]|B[345]|C[6789])$", example = "B3")]
    pub group: Option<String>,
}

/// What `/api/v1/changes` is asked: one municipality's changes, or a ranking.
pub enum ChangesAsked<'a> {
    Municipality(&'a Municipality),
    Ranking(ChangeRequest),
}

impl ChangesQuery {
    /// Every parameter is checked, whichever answer is asked for.
    pub fn parse<'a>(&self, data: &'a Dataset) -> Result<ChangesAsked<'a>, AppError> {
        let metric = match self.metric.as_deref() {
            None => Metric::Total,
            Some(raw) => super::ranking::metric(data, raw)?,
        };
        let request = ChangeRequest {
            metric,
            span: match self.from.unwrap_or_default() {
                ChangeFrom::Previous => Span::Latest,
                ChangeFrom::First => Span::FirstToLatest,
            },
            versions: match self.criteria.unwrap_or_default() {
                ChangeCriteria::Same => Versions::Same,
                ChangeCriteria::Any => Versions::Across,
            },
            filter: RankingFilter {
                revision: optional_revision(data, self.revision.as_deref())?,
                county: optional_county(data, self.county.as_deref())?,
                group: optional_group(data, self.group.as_deref())?,
            },
        };
        match self.kommun.as_deref() {
            Some(raw) => Ok(ChangesAsked::Municipality(find_municipality(
                data,
                parse_code(raw)?,
            )?)),
            None => Ok(ChangesAsked::Ranking(request)),
        }
    }

    /// The filters as query pairs, for `next` links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(m) = &self.metric {
            out.push(("metric", m.clone()));
        }
        if self.from == Some(ChangeFrom::First) {
            out.push(("from", "first".to_string()));
        }
        if self.criteria == Some(ChangeCriteria::Any) {
            out.push(("criteria", "any".to_string()));
        }
        if let Some(r) = &self.revision {
            out.push(("revision", r.clone()));
        }
        if let Some(c) = &self.county {
            out.push(("county", c.clone()));
        }
        if let Some(g) = &self.group {
            out.push(("group", g.clone()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn page(pairs: &[(&str, &str)]) -> Result<ChangeRequest, AppError> {
        let mut q = ChangePageQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_string());
            match *k {
                "lan" => q.lan = v,
                "revision" => q.revision = v,
                "versioner" => q.versioner = v,
                "fran" => q.fran = v,
                "tema" => q.tema = v,
                _ => unreachable!(),
            }
        }
        q.request(bundled())
    }

    #[test]
    fn the_page_reads_blank_as_the_default_and_refuses_the_unknown_in_swedish() {
        assert_eq!(page(&[]).unwrap(), ChangeRequest::default());
        assert_eq!(
            page(&[("lan", " "), ("versioner", ""), ("revision", "alla")]).unwrap(),
            ChangeRequest::default()
        );
        let chosen = page(&[
            ("lan", "18"),
            ("versioner", "alla"),
            ("fran", "forsta"),
            ("tema", "arbetsliv"),
            ("revision", "v2010"),
        ])
        .unwrap();
        assert_eq!(
            (chosen.span, chosen.versions, chosen.metric),
            (
                Span::FirstToLatest,
                Versions::Across,
                Metric::Theme(crate::domain::ThemeNumber::ALL[6])
            )
        );
        assert_eq!(
            chosen.filter.county.map(|c| c.to_string()).as_deref(),
            Some("18")
        );
        for bad in [
            ("versioner", "ja"),
            ("fran", "sista"),
            ("lan", "99"),
            ("tema", "x"),
            ("revision", "v1999"),
        ] {
            let e = page(&[bad]).unwrap_err().to_string();
            assert!(!e.is_empty() && !e.contains("is not"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn the_api_checks_every_parameter_with_or_without_a_municipality() {
        let data = bundled();
        let q = ChangesQuery::default();
        assert!(
            matches!(q.parse(data), Ok(ChangesAsked::Ranking(r)) if r == ChangeRequest::default())
        );
        let one = ChangesQuery {
            kommun: Some("0115".into()),
            ..ChangesQuery::default()
        };
        assert!(
            matches!(one.parse(data), Ok(ChangesAsked::Municipality(m)) if m.name == "Vallentuna")
        );
        let bad = ChangesQuery {
            kommun: Some("0115".into()),
            county: Some("99".into()),
            ..ChangesQuery::default()
        };
        assert!(bad.parse(data).is_err());
        let filtered = ChangesQuery {
            metric: Some("arbetsliv".into()),
            from: Some(ChangeFrom::First),
            criteria: Some(ChangeCriteria::Any),
            ..ChangesQuery::default()
        };
        assert_eq!(
            filtered.pairs(),
            vec![
                ("metric", "arbetsliv".to_string()),
                ("from", "first".to_string()),
                ("criteria", "any".to_string())
            ]
        );
    }
}
