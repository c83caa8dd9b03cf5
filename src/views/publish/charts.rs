//! The charts of the municipality, compare, ranking and change pages as
//! files (SVG and PNG) that say what they show: title (with the N and the
//! criteria), what the figures are, who is left out, source, licence and
//! data version, drawn inside the image, which is at most twice as tall as
//! it is wide.

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::views::chart::document::{self, Context};
use crate::views::chart::raster::{self, RasterError};
use crate::views::chart::svg::Drawn;
use crate::views::chart::{areas, bars, dumbbell, timeline};
use crate::views::format::{and_list, year_range};
use crate::views::pages::changes::{ChangesPage, chart as changes_chart};
use crate::views::pages::compare::CompareResult;
use crate::views::pages::municipality::MunicipalityPage;
use crate::views::pages::ranking::{RankingPage, chart as ranking_chart};

use super::{licence_line, source_line};
use crate::views::pages::compare::panels::{Part, panels};

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
            notes: vec![],
            source: source_line(&shown),
            licence: licence_line(data),
            note: None,
        },
    })
}

/// The compare page's figures as a file for an article: the totals panel
/// first, then the areas (`part` may ask for one), each municipality
/// without figures named in a footnote; none when the panel asked for has
/// no figures. `shown`: the compared evaluations that published scores
/// (for the source line).
pub fn compare(
    data: &Snapshot,
    result: &CompareResult,
    shown: &[&StoredEvaluation],
    part: Part,
) -> Option<ChartFile> {
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
    // What the image shows: the panels asked for that have figures.
    let totals = part != Part::Areas && result.has_totals();
    let areas = part != Part::Totals && !result.rows.is_empty();
    let (what, scale) = match (totals, areas) {
        (true, true) => (
            "totalpoäng och poäng per område",
            "Totalpoäng 0–800, områden 0–100",
        ),
        (true, false) => ("totalpoäng", "0–800 poäng"),
        _ => ("poäng per område", "0–100 poäng per område"),
    };
    let mut context = Context {
        title: format!("{}: {what}", and_list(&names)),
        subtitle: Some(format!(
            "Kommunkompassen, jämförda utvärderingar: {}. {scale}.",
            and_list(&evaluations)
        )),
        notes: vec![],
        source: source_line(shown),
        licence: licence_line(data),
        note: result.criteria_footnote(),
    };
    let p = panels(result, part, &context)?;
    context.notes = p.notes;
    Some(ChartFile {
        drawn: p.drawn,
        context,
    })
}

/// The largest `n` of `total` rows whose chart (`height(n)` tall, `width`
/// wide) with `ctx(n)` stays within the file's proportions; at least one.
fn fitting(
    total: usize,
    width: f64,
    height: impl Fn(usize) -> f64,
    ctx: impl Fn(usize) -> Context,
) -> usize {
    (1..=total)
        .rev()
        .find(|&n| document::fits_proportions(width, height(n), &ctx(n)))
        .unwrap_or(1)
}

/// A ranking page's chart as a file: its highest places that fit an
/// article's proportions, the N and criteria in the title, the reference
/// line. `shown`: the ranked evaluations (for the source line).
pub fn ranking(
    data: &Snapshot,
    page: &RankingPage,
    shown: &[&StoredEvaluation],
) -> Option<ChartFile> {
    let context = |n: usize| {
        Context {
        title: ranking_chart::title(page, n),
        subtitle: Some(format!(
            "Kommunkompassen, {} 0–{}: varje kommuns senaste utvärdering med publicerad siffra.",
            page.metric_name.to_lowercase(),
            page.max
        )),
        notes: [
            (page.versions_shown.len() > 1).then(|| {
                "Listan blandar versioner av kriterierna (året vid namnet): poängen är bara direkt jämförbara inom samma version.".to_string()
            }),
            (n < page.rows.len())
                .then(|| format!("Hela listan med {} kommuner finns på kompass.", page.rows.len())),
        ]
        .into_iter()
        .flatten()
        .collect(),
        source: source_line(shown),
        licence: licence_line(data),
        note: None,
    }
    };
    let n = fitting(page.rows.len(), bars::WIDTH, bars::height_for, context);
    let chart = ranking_chart::chart(page, Some(n))?;
    Some(ChartFile {
        drawn: bars::drawn(&chart),
        context: context(n),
    })
}

/// The change page's chart as a file: its largest changes that fit an
/// article's proportions. `shown`: the evaluations compared.
pub fn changes(
    data: &Snapshot,
    page: &ChangesPage,
    shown: &[&StoredEvaluation],
) -> Option<ChartFile> {
    let context = |n: usize| Context {
        title: changes_chart::title(page, n),
        subtitle: Some(format!(
            "Kommunkompassen: förändringen av {}.",
            page.between
        )),
        notes: (n < page.rows.len())
            .then(|| {
                format!(
                    "Hela listan med {} kommuner finns på kompass.",
                    page.rows.len()
                )
            })
            .into_iter()
            .collect(),
        source: source_line(shown),
        licence: licence_line(data),
        note: None,
    };
    let n = fitting(
        page.rows.len(),
        dumbbell::WIDTH,
        dumbbell::height_for,
        context,
    );
    let chart = changes_chart::chart(page, Some(n))?;
    Some(ChartFile {
        drawn: dumbbell::drawn(&chart),
        context: context(n),
    })
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
        // Municipalities with figures: a comparison without any has no file.
        let mut by_length: Vec<_> = data
            .municipalities
            .iter()
            .filter(|m| {
                data.evaluations_of(m.code)
                    .any(|s| s.evaluation.has_published_scores())
            })
            .collect();
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
        let file = compare(data, &compare::result(data, &answer), &shown, Part::Both).unwrap();
        let outside = raster::texts_outside(&file.svg()).unwrap();
        assert!(outside.is_empty(), "{outside:?}");
    }

    /// Every ranking (total and themes, every version) and the change
    /// rankings as files: no text outside, at most twice as tall as wide.
    #[test]
    fn ranking_and_change_files_keep_their_text_and_proportions() {
        use crate::domain::analysis::{Metric, RankingFilter};
        use crate::domain::answer::change_ranking::{ChangeRequest, Versions, rank_changes};
        use crate::domain::answer::ranking::{RankingRequest, rank};
        use crate::views::pages::{changes as changes_page, ranking as ranking_page};
        let data = bundled();
        let check = |file: ChartFile, what: &str| {
            let svg = file.svg();
            let outside = raster::texts_outside(&svg).unwrap();
            assert!(outside.is_empty(), "{what}: {outside:?}");
            let g = document::layout(file.drawn.width, file.drawn.height, &file.context);
            assert!(
                g.height <= 2.0 * g.width,
                "{what}: {} × {}",
                g.width,
                g.height
            );
        };
        let mut files = 0;
        for metric in Metric::all(&data.catalogue) {
            for revision in [None, Some("v2020".parse().unwrap())] {
                let mut request = RankingRequest::of(metric);
                request.filter = RankingFilter {
                    revision,
                    ..RankingFilter::default()
                };
                let answer = rank(data, &request);
                let shown: Vec<&StoredEvaluation> =
                    answer.places.iter().map(|p| p.evaluation).collect();
                let page = ranking_page::model(data, &answer);
                if let Some(file) = ranking(data, &page, &shown) {
                    check(file, &format!("{metric:?} {revision:?}"));
                    files += 1;
                }
            }
        }
        let total = {
            let mut request = RankingRequest::of(Metric::Total);
            request.filter.revision = Some("v2020".parse().unwrap());
            let answer = rank(data, &request);
            ranking(data, &ranking_page::model(data, &answer), &[]).unwrap()
        };
        assert!(
            total.svg().contains("Sverigesnitt 2021: 517"),
            "the reference line"
        );
        for versions in [Versions::Same, Versions::Across] {
            let answer = rank_changes(
                data,
                &ChangeRequest {
                    versions,
                    ..ChangeRequest::default()
                },
            );
            let page = changes_page::model(data, &answer);
            check(changes(data, &page, &[]).unwrap(), &format!("{versions:?}"));
            files += 1;
        }
        assert!(files >= 6, "{files}");
    }
}
