//! The charts of the municipality and compare pages as files (SVG and PNG)
//! that say what they show: title, what the figures are, source, licence and
//! data version, drawn inside the image.

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::views::chart::document::{self, Context};
use crate::views::chart::raster::{self, RasterError};
use crate::views::chart::svg::Drawn;
use crate::views::chart::{areas, grouped, timeline};
use crate::views::format::{and_list, year_range};
use crate::views::pages::compare::CompareResult;
use crate::views::pages::municipality::MunicipalityPage;

use super::{licence_line, source_line};

/// A chart with what it needs around it to stand on its own.
#[derive(Debug, Clone)]
pub struct ChartFile {
    pub drawn: Drawn,
    pub context: Context,
}

impl ChartFile {
    pub fn svg(&self) -> String {
        document::file(&self.drawn, &self.context)
    }

    pub fn png(&self, width: u32) -> Result<Vec<u8>, RasterError> {
        raster::png(
            &document::markup(&self.drawn, &self.context).into_string(),
            width,
        )
    }
}

fn years_of(evaluations: &[&StoredEvaluation]) -> String {
    let span = crate::domain::analysis::year_span(evaluations.iter().map(|s| s.evaluation.year));
    span.map(year_range).unwrap_or_default()
}

/// A chart of the municipality page by its file name: "omraden",
/// "utveckling" or "utveckling-{theme slug}".
/// `p` is the municipality's profile, `page` its page.
pub fn municipality(
    data: &Snapshot,
    p: &MunicipalityProfile<'_>,
    page: &MunicipalityPage,
    name: &str,
) -> Option<ChartFile> {
    let all = p.evaluations.clone();
    let (drawn, title, subtitle, shown) = if name == "omraden" {
        let s = page.latest.as_ref()?.shown.as_ref()?;
        let chart = s.chart.as_ref()?;
        let of = s.areas_from.as_ref().unwrap_or(&s.evaluation);
        let evaluation = p.detail()?;
        (
            areas::drawn(chart),
            format!("{}: poäng per område {}", page.name, of.year),
            format!(
                "Kommunkompassen {}, kriterierna från {}. 0–100 poäng per område.",
                of.when, of.criteria
            ),
            vec![evaluation],
        )
    } else {
        let h = page.history.as_ref()?;
        let years = years_of(&all);
        if name == "utveckling" {
            (
                timeline::drawn(h.total.as_ref()?),
                format!("{}: totalpoäng {years}", page.name),
                "Kommunkompassen, 0–800 poäng. Linjen bryts där kriterierna byttes (streckat) och där poäng saknas.".to_string(),
                all,
            )
        } else {
            let slug = name.strip_prefix("utveckling-")?;
            let (_, theme, chart) = h.themes.iter().find(|(s, _, _)| s == slug)?;
            let theme_name = theme.split_once(' ').map_or(theme.as_str(), |(_, n)| n);
            (
                timeline::drawn(chart),
                format!("{}: {theme_name} {years}", page.name),
                if h.by_area {
                    "Kommunkompassen, 0–100 poäng, området som rapporterna numrerar det."
                        .to_string()
                } else {
                    "Kommunkompassen, 0–100 poäng. För äldre kriterier det område som motsvarar temat."
                        .to_string()
                },
                all,
            )
        }
    };
    Some(ChartFile {
        drawn,
        context: Context {
            title,
            subtitle: Some(subtitle),
            source: source_line(&shown),
            licence: licence_line(data),
            note: None,
        },
    })
}

/// The compare page's chart as a file.
/// `shown`: the compared evaluations that published scores (for the
/// source line).
pub fn compare(data: &Snapshot, result: &CompareResult, shown: &[&StoredEvaluation]) -> ChartFile {
    let names: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
    let evaluations: Vec<String> = result
        .columns
        .iter()
        .filter(|c| c.has_scores)
        .filter_map(|c| {
            // The chart draws the areas: their evaluation's date.
            let when = c.areas_from.as_ref().map(|a| &a.when).or(c.when.as_ref());
            when.map(|w| format!("{} {w}", c.name))
        })
        .collect();
    ChartFile {
        drawn: grouped::drawn(&result.chart),
        context: Context {
            title: format!("{}: poäng per område", and_list(&names)),
            subtitle: Some(format!(
                "Kommunkompassen, jämförda utvärderingar: {}. 0–100 poäng per område.",
                and_list(&evaluations)
            )),
            source: source_line(shown),
            licence: licence_line(data),
            note: result.criteria_footnote(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MunicipalityCode;
    use crate::domain::answer::profile::profile;
    use crate::domain::dataset::ReportTexts;
    use crate::views::pages::{compare, municipality};
    use crate::views::testdata::bundled;

    /// The chart of this name of the municipality with this code.
    fn of(code: &str, name: &str) -> Option<ChartFile> {
        let data = bundled();
        let p = profile(data, code.parse().unwrap()).unwrap();
        let page = municipality::model(data, &p, &ReportTexts::none());
        municipality(data, &p, &page, name)
    }

    #[test]
    fn charts_are_found_by_their_file_names() {
        assert!(of("1881", "omraden").is_some());
        assert!(
            of("1881", "utveckling").is_none(),
            "one published total is a sentence, not a chart"
        );
        assert!(of("0115", "utveckling").is_some());
        assert!(
            of("1881", "utveckling-samspel").is_none(),
            "one evaluation with areas"
        );
        assert!(of("0486", "utveckling-samspel").is_some());
        assert!(
            of("0381", "utveckling-omrade-2").is_some(),
            "one revision: the report's own area"
        );
        assert!(of("0180", "omraden").is_none());
        assert!(of("1881", "okand").is_none());
    }

    #[test]
    fn the_area_chart_file_says_who_what_when_source_and_licence() {
        let data = bundled();
        let file = of("1881", "omraden").unwrap();
        assert_eq!(file.context.title, "Kumla: poäng per område 2020");
        let svg = file.svg();
        for text in [
            "Kumla: poäng per område 2020",
            "Källa: SKR:s",
            "CC BY 4.0",
            &data.derived().version.label,
        ] {
            assert!(svg.contains(text), "{text}");
        }
    }

    /// Every chart of every evaluated municipality, and comparisons of the
    /// longest names: no text leaves the image as the PNG draws it.
    #[test]
    fn no_text_is_clipped_in_any_chart_file() {
        let data = bundled();
        let mut checked = 0;
        for m in data
            .municipalities
            .iter()
            .filter(|m| data.evaluation_count(m.code) > 0)
        {
            let p = profile(data, m.code).unwrap();
            let page = municipality::model(data, &p, &ReportTexts::none());
            let mut names = vec!["omraden".to_string(), "utveckling".to_string()];
            names.extend(
                data.catalogue
                    .themes
                    .iter()
                    .map(|t| format!("utveckling-{}", t.slug)),
            );
            names.extend((1..=8).map(|n| format!("utveckling-omrade-{n}")));
            for name in names {
                if let Some(file) = municipality(data, &p, &page, &name) {
                    let outside = raster::texts_outside(&file.svg()).unwrap();
                    assert!(outside.is_empty(), "{} {name}: {outside:?}", m.name);
                    checked += 1;
                }
            }
        }
        // Fewer than before the pages turned one-point charts into sentences.
        assert!(checked > 15, "{checked}");
        let mut by_length: Vec<_> = data.municipalities.iter().collect();
        by_length.sort_by_key(|m| {
            std::cmp::Reverse(crate::views::chart::fonts::text_width(&m.name, 12.0, false) as i64)
        });
        let codes: Vec<MunicipalityCode> = by_length.iter().take(6).map(|m| m.code).collect();
        let choices: Vec<_> = codes
            .iter()
            .map(|c| crate::domain::answer::compare::Choice::of(*c))
            .collect();
        let answer = crate::domain::answer::compare::compare(data, &choices);
        let shown: Vec<&StoredEvaluation> = answer
            .compared
            .iter()
            .filter_map(|c| c.evaluation)
            .collect();
        let file = compare(data, &compare::result(data, &answer), &shown);
        let outside = raster::texts_outside(&file.svg()).unwrap();
        assert!(outside.is_empty(), "{outside:?}");
    }
}
