//! What a ranking is asked: the metric (from the path), `revision`, the
//! county, the kommungrupp (`kommungrupp=B3` on the page and its files,
//! `group=B3` in the API) and, on the page, the order. The API and the CSV files are strict
//! and answer programs in English; the page reads an empty county as "the
//! whole country" and says what is wrong in Swedish. The page and its files
//! rank the latest revision when `revision` is not given (or blank), and
//! every revision for `revision=alla`; the API ranks every revision unless
//! given one, as it always has. All give the domain's `RankingRequest`.

use serde::Deserialize;
use utoipa::IntoParams;

use super::{optional_county, optional_group, optional_revision};
use crate::domain::Theme;
use crate::domain::analysis::{Metric, RankingFilter};
use crate::domain::answer::ranking::{Order, RankingRequest, default_revision};
use crate::domain::dataset::Dataset;
use crate::views::pages::ranking::{ALL_REVISIONS, ORDERS};
use crate::web::AppError;

/// `revision` and `county`, as the API's rankings take them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// Only evaluations under this criteria revision.
    #[param(pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Option<String>,
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    pub county: Option<String>,
    /// Only municipalities in this kommungrupp: SKR's grouping of 2023 (A1
    /// Storstäder ... C9 Landsbygdskommun med besöksnäring), the same for
    /// every year ranked.
    #[param(pattern = "^(A[12]|B[345]|C[6789])$", example = "B3")]
    pub group: Option<String>,
}

impl RankingQuery {
    pub fn filter(&self, data: &Dataset) -> Result<RankingFilter, AppError> {
        Ok(RankingFilter {
            revision: optional_revision(data, self.revision.as_deref())?,
            county: optional_county(data, self.county.as_deref())?,
            group: optional_group(data, self.group.as_deref())?,
        })
    }

    /// The filters as query pairs, for `next` links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
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

/// The API's `{metric}`: "total" or a theme slug ("brukarens-fokus").
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

/// A ranking file's query: the page's own (`lan`, `kommungrupp`) or the
/// API's (`county`, `group`) names for the filters, so that the page's
/// address with `.csv` gives the page's table, and `format`.
#[derive(Debug, Deserialize)]
pub struct RankingFileQuery {
    pub revision: Option<String>,
    #[serde(alias = "county")]
    pub lan: Option<String>,
    #[serde(alias = "group")]
    pub kommungrupp: Option<String>,
    pub format: Option<String>,
}

impl RankingFileQuery {
    /// As strict as the API, with the page's default revision and `alla`.
    pub fn request(&self, data: &Dataset, metric: Metric) -> Result<RankingRequest, AppError> {
        let all = self.revision.as_deref() == Some(ALL_REVISIONS);
        let mut filter = RankingQuery {
            revision: self.revision.clone().filter(|_| !all),
            county: self.lan.clone(),
            group: self.kommungrupp.clone(),
        }
        .filter(data)?;
        if self.revision.is_none() {
            filter.revision = default_revision(data);
        }
        Ok(RankingRequest {
            metric,
            filter,
            order: Order::Rank,
        })
    }
}

/// `/omrade/{slug}.csv`: a theme, else a 404.
pub fn file_metric(data: &Dataset, slug: &str) -> Result<Metric, AppError> {
    data.catalogue
        .theme_by_slug(slug)
        .map(|t| Metric::Theme(t.number))
        .ok_or_else(|| AppError::not_found(format!("Det finns inget tema {slug:?}.")))
}

/// `/omrade/{slug}`: a theme, else a 404 page that offers every theme.
pub fn page_theme<'a>(data: &'a Dataset, slug: &str) -> Result<&'a Theme, AppError> {
    data.catalogue.theme_by_slug(slug).ok_or_else(|| {
        let themes = data
            .catalogue
            .themes
            .iter()
            .map(|t| (t.name.clone(), format!("/omrade/{}", t.slug)))
            .collect();
        AppError::not_found(format!("Det finns inget område som heter ”{slug}”."))
            .with_suggestions(themes)
    })
}

/// The ranking page's address: `revision`, `lan`, `kommungrupp`, `sortera`.
#[derive(Debug, Default, Deserialize)]
pub struct RankingPageQuery {
    pub revision: Option<String>,
    pub lan: Option<String>,
    pub kommungrupp: Option<String>,
    pub sortera: Option<String>,
}

impl RankingPageQuery {
    /// No revision (or a blank one) means the latest, `alla` every one; an
    /// empty county means the whole country; an unknown order is the rank.
    pub fn request(&self, data: &Dataset, metric: Metric) -> Result<RankingRequest, AppError> {
        let chosen = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let revision = match chosen(&self.revision) {
            None => default_revision(data),
            Some(r) if r == ALL_REVISIONS => None,
            Some(r) => Some(super::known_revision(data, &r).ok_or_else(|| {
                AppError::bad_request(format!(
                    "”{r}” är ingen version av kriterierna (till exempel v2020)."
                ))
            })?),
        };
        let county = match chosen(&self.lan) {
            None => None,
            Some(c) => Some(super::known_county(data, &c).ok_or_else(|| {
                AppError::bad_request(format!(
                    "”{c}” är ingen länskod (till exempel 18 för Örebro län)."
                ))
            })?),
        };
        let group = super::page_group(data, self.kommungrupp.as_deref())?;
        let order = ORDERS
            .iter()
            .find(|(_, word)| self.sortera.as_deref() == Some(*word))
            .map_or(Order::Rank, |(order, _)| *order);
        Ok(RankingRequest {
            metric,
            filter: RankingFilter {
                revision,
                county,
                group,
            },
            order,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn page(revision: &str, lan: &str, sortera: &str) -> Result<RankingRequest, AppError> {
        RankingPageQuery {
            revision: Some(revision.into()),
            lan: Some(lan.into()),
            kommungrupp: None,
            sortera: Some(sortera.into()),
        }
        .request(bundled(), Metric::Total)
    }

    #[test]
    fn the_page_reads_blank_as_the_latest_revision_and_refuses_the_unknown_in_swedish() {
        let latest = page(" ", "", "x").unwrap();
        assert_eq!(latest.filter.revision, Some("v2020".parse().unwrap()));
        assert_eq!(latest.filter.county, None);
        assert_eq!(latest.order, Order::Rank);
        let none = RankingPageQuery::default()
            .request(bundled(), Metric::Total)
            .unwrap();
        assert_eq!(none.filter.revision, Some("v2020".parse().unwrap()));
        let all = page("alla", "", "").unwrap();
        assert_eq!(all.filter, RankingFilter::default());
        let some = page("v2016", "01", "namn").unwrap();
        assert_eq!(some.filter.county, Some("01".parse().unwrap()));
        assert_eq!(some.order, Order::Name);
        assert!(
            page("v1999", "", "")
                .unwrap_err()
                .to_string()
                .contains("ingen version")
        );
        assert!(
            page("", "99", "")
                .unwrap_err()
                .to_string()
                .contains("ingen länskod")
        );
        let group = |g: &str| {
            RankingPageQuery {
                kommungrupp: Some(g.into()),
                ..RankingPageQuery::default()
            }
            .request(bundled(), Metric::Total)
        };
        assert_eq!(
            group("B3").unwrap().filter.group,
            Some("B3".parse().unwrap())
        );
        assert_eq!(group(" ").unwrap().filter.group, None, "blank: every group");
        assert!(
            group("B9")
                .unwrap_err()
                .to_string()
                .contains("ingen kommungrupp")
        );
    }

    #[test]
    fn the_api_and_the_files_are_strict() {
        let data = bundled();
        assert!(metric(data, "total").is_ok());
        assert!(matches!(
            metric(data, "x"),
            Err(AppError::BadRequest { .. })
        ));
        assert!(matches!(
            file_metric(data, "total"),
            Err(AppError::NotFound { .. })
        ));
        let file = RankingFileQuery {
            revision: Some(" v2020".into()),
            lan: None,
            kommungrupp: None,
            format: None,
        };
        assert!(file.request(data, Metric::Total).is_err(), "no trimming");
        let file = |revision: Option<&str>| {
            RankingFileQuery {
                revision: revision.map(str::to_string),
                lan: None,
                kommungrupp: None,
                format: None,
            }
            .request(data, Metric::Total)
            .unwrap()
            .filter
            .revision
        };
        assert_eq!(
            file(None),
            Some("v2020".parse().unwrap()),
            "the page's default"
        );
        assert_eq!(file(Some("alla")), None);
        assert_eq!(file(Some("v2016")), Some("v2016".parse().unwrap()));
        assert!(page_theme(data, "samspel").is_ok());
    }
}
