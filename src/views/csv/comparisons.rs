//! The comparison tables as CSV: `/jamfor.csv` and the rankings
//! (`/rankning.csv`, `/omrade/{slug}.csv`), each a rendering of its domain
//! answer, the value the page and the JSON render too, with the reference
//! figure the page shows as marked rows (no `kommunkod`).

use super::register::{PLACE_COLUMNS, place_cells};
use super::tables::confidence_sv;
use super::{Cell, Column, Table, concat_columns, integer, number, revision, text};
use crate::domain::analysis::{Metric, MetricValue};
use crate::domain::answer::compare::{Compared, Comparison, Value};
use crate::domain::answer::ranking::Ranking;
use crate::domain::answer::reference::{Reference, VersionReference};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Catalogue, Score};
use crate::views::reference::label;

/// The compare table's columns: who, the metric, and the place's.
pub const COMPARE_COLUMNS: &[Column] = &concat_columns::<14, 3, 17>(COMPARE_OWN, PLACE_COLUMNS);

const COMPARE_OWN: [Column; 14] = [
    text(
        "kommunkod",
        "Kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text; tom på referensvärdets rader.",
    ),
    text(
        "kommun",
        "Kommun",
        "Kommunens namn, eller på referensvärdets rader dess namn (Sverigesnitt 2021).",
    ),
    text("lan", "Län", "Länets namn."),
    text(
        "utvardering_id",
        "Utvärdering (id)",
        "Utvärderingen som siffran kommer från: den som angavs (kommun=1880:2012), annars den som kommunens sida visar: totalen från den senaste utvärderingen med publicerade poäng, områdena från den senaste fram till den som publicerade områden (Örebro: totalen 2015, områdena 2012).",
    ),
    integer(
        "ar",
        "År",
        "År då utvärderingen gjordes; för ett publicerat referensvärde året det gäller.",
    ),
    revision(
        "revision",
        "Kriterier",
        "Kriterieversionen utvärderingen gjordes med.",
    ),
    text("matt", "Mått", "total eller temats kortnamn (slug)."),
    integer("tema", "Tema", "Temats nummer (1-8); tom för total."),
    text("namn", "Namn", "Totalt eller temats namn."),
    integer(
        "omrade",
        "Område",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number(
        "poang",
        "Poäng",
        "Publicerade poäng; tom när de inte publicerats.",
    ),
    number("max", "Högsta poäng", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Jämförbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
    text(
        "kalla",
        "Källa",
        "Adress till källan för den jämförda utvärderingen; för ett publicerat referensvärde dess källa.",
    ),
];

/// Who a row is about: the six cells before the metric's. A municipality:
/// its code, name, county and the evaluation its figure comes from.
fn municipality_cells(compared: &Compared<'_>, from: Option<&StoredEvaluation>) -> Vec<Cell> {
    let m = compared.municipality;
    vec![
        Cell::text(m.code.as_str()),
        Cell::text(m.name.clone()),
        Cell::text(m.county.clone()),
        Cell::opt_text(from.map(|e| e.id.to_string())),
        Cell::opt_int(from.map(|e| e.evaluation.year)),
        Cell::opt_text(from.map(|e| e.evaluation.revision.to_string())),
    ]
}

/// A reference figure: no code (what marks its rows), its name, and the
/// year and criteria version it holds for.
fn reference_cells(r: &VersionReference<'_>) -> Vec<Cell> {
    vec![
        Cell::Empty,
        Cell::text(label(&r.reference)),
        Cell::Empty,
        Cell::Empty,
        Cell::opt_int(r.reference.year()),
        Cell::text(r.revision.to_string()),
    ]
}

/// Where a reference figure was published; none for kompass's own mean.
fn reference_source(r: &VersionReference<'_>) -> Cell {
    match r.reference {
        Reference::Published(b) => Cell::text(b.source_url.clone()),
        Reference::Kompass(_) => Cell::Empty,
    }
}

/// One row of the compare table: who, then the metric and its figure, its
/// source, then the municipality's kommungrupp and population (empty for a
/// reference).
fn compare_row(
    who: &[Cell],
    metric: Metric,
    value: Option<MetricValue>,
    place: &[Cell],
    catalogue: &Catalogue,
    source: &Cell,
) -> Vec<Cell> {
    let mut row = who.to_vec();
    row.extend([
        Cell::text(metric.slug(catalogue)),
        Cell::opt_int(metric.theme()),
        Cell::text(metric.name(catalogue)),
        Cell::opt_int(value.and_then(|v| v.area).map(|a| a.get())),
        Cell::opt_score(value.map(|v| v.points)),
        Cell::Score(metric.max()),
        // A total is its own figure: no crosswalk to qualify it.
        Cell::opt_text(
            value
                .filter(|_| metric.theme().is_some())
                .map(|v| confidence_sv(v.confidence)),
        ),
        source.clone(),
    ]);
    row.extend_from_slice(place);
    row
}

fn metric_value(v: Value<'_>) -> MetricValue {
    MetricValue {
        points: v.points,
        area: v.area,
        confidence: v.confidence,
    }
}

/// `/jamfor.csv`: the compare table, one row per municipality and metric
/// (each naming the evaluation its figure comes from: the total's, or the
/// areas'), then, where the page shows it (after the municipalities), one
/// row per metric for each reference figure shown.
pub fn compare(c: &Comparison<'_>, data: &Dataset) -> Table {
    let catalogue = &data.catalogue;
    let mut rows = Vec::new();
    for (i, compared) in c.compared.iter().enumerate() {
        let place = place_cells(compared.municipality.code, data);
        for r in &c.rows {
            let value = r.values.get(i).copied().flatten();
            let from = value.map(|v| v.evaluation).or(match r.metric {
                Metric::Total => compared.evaluation,
                Metric::Theme(_) => compared.detail(),
            });
            let who = municipality_cells(compared, from);
            let source = Cell::opt_text(from.and_then(|e| e.evaluation.source.url.clone()));
            let value = value.map(metric_value);
            rows.push(compare_row(
                &who, r.metric, value, &place, catalogue, &source,
            ));
        }
    }
    let no_place = [Cell::Empty, Cell::Empty, Cell::Empty];
    let first_reference = rows.len();
    for reference in &c.references {
        let who = reference_cells(reference);
        let source = reference_source(reference);
        for r in &c.rows {
            let value = reference.value(catalogue, r.metric);
            rows.push(compare_row(
                &who, r.metric, value, &no_place, catalogue, &source,
            ));
        }
    }
    Table {
        columns: COMPARE_COLUMNS,
        marked: (first_reference..rows.len()).collect(),
        caveat: c.crosses_revisions().then(|| MIXED_CAVEAT.to_string()),
        rows,
        ..Table::default()
    }
}

/// The ranking's columns: the place, who, the figure, and the place's.
pub const RANKING_COLUMNS: &[Column] = &concat_columns::<12, 3, 15>(RANKING_OWN, PLACE_COLUMNS);

const RANKING_OWN: [Column; 12] = [
    integer(
        "placering",
        "Placering",
        "Placering, 1 för högst; lika poäng delar placering (1, 2, 2, 4). Tom på referensvärdets rad.",
    ),
    text(
        "kommunkod",
        "Kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text; tom på referensvärdets rad.",
    ),
    text(
        "kommun",
        "Kommun",
        "Kommunens namn, eller på referensvärdets rad dess namn (Sverigesnitt 2021).",
    ),
    text("lan", "Län", "Länets namn."),
    text(
        "utvardering_id",
        "Utvärdering (id)",
        "Kommunens senaste utvärdering som publicerade siffran.",
    ),
    integer(
        "ar",
        "År",
        "År då utvärderingen gjordes; för ett publicerat referensvärde året det gäller.",
    ),
    revision(
        "revision",
        "Kriterier",
        "Kriterieversionen utvärderingen gjordes med.",
    ),
    integer(
        "omrade",
        "Område",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number("poang", "Poäng", "Publicerade poäng."),
    number("max", "Högsta poäng", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Jämförbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
    text(
        "kalla",
        "Källa",
        "Adress till källan för utvärderingen; för ett publicerat referensvärde dess källa.",
    ),
];

/// The caveat a spreadsheet puts below a table that mixes criteria versions.
pub const MIXED_CAVEAT: &str = "Tabellen blandar utvärderingar enligt olika versioner av kriterierna: frågorna ändrades och kraven skärptes, så poängen är bara direkt jämförbara inom samma version (kolumnen Kriterier).";

/// One row of a ranking: the place (none for a reference), who, the figure,
/// its source, and the municipality's kommungrupp and population (empty for
/// a reference).
fn ranking_row(
    rank: Option<usize>,
    who: Vec<Cell>,
    value: MetricValue,
    max: Score,
    source: Cell,
    place: Vec<Cell>,
) -> Vec<Cell> {
    let mut row = vec![Cell::opt_int(
        rank.map(|r| i64::try_from(r).unwrap_or(i64::MAX)),
    )];
    row.extend(who);
    row.extend([
        Cell::opt_int(value.area.map(|a| a.get())),
        Cell::Score(value.points),
        Cell::Score(max),
        match value.area {
            Some(_) => Cell::text(confidence_sv(value.confidence)),
            None => Cell::Empty,
        },
        source,
    ]);
    row.extend(place);
    row
}

/// `/rankning.csv` and `/omrade/{slug}.csv`: the places, and each reference
/// figure shown as a row where the page shows it (before the first place
/// below it), but never first: a reader of the file's first row meets the
/// highest ranked municipality.
pub fn ranking(r: &Ranking<'_>, data: &Dataset) -> Table {
    let catalogue = &data.catalogue;
    let max = r.request.metric.max();
    let mut rows: Vec<Vec<Cell>> = r
        .places
        .iter()
        .map(|p| {
            let e = p.evaluation;
            let who = vec![
                Cell::text(p.municipality.code.as_str()),
                Cell::text(p.municipality.name.clone()),
                Cell::text(p.municipality.county.clone()),
                Cell::text(e.id.to_string()),
                Cell::Integer(i64::from(e.evaluation.year)),
                Cell::text(e.evaluation.revision.to_string()),
            ];
            let value = MetricValue {
                points: p.value,
                area: p.area,
                confidence: p.confidence,
            };
            let source = Cell::opt_text(e.evaluation.source.url.clone());
            let place = place_cells(p.municipality.code, data);
            ranking_row(Some(p.rank), who, value, max, source, place)
        })
        .collect();
    let mut references: Vec<(usize, Vec<Cell>)> = r
        .references
        .iter()
        .filter_map(|reference| {
            let value = reference.value(catalogue, r.request.metric)?;
            let at = r.reference_at(reference).unwrap_or(rows.len()).max(1);
            Some((
                at,
                ranking_row(
                    None,
                    reference_cells(reference),
                    value,
                    max,
                    reference_source(reference),
                    vec![Cell::Empty; PLACE_COLUMNS.len()],
                ),
            ))
        })
        .collect();
    references.sort_by_key(|(at, _)| *at);
    let mut marked = Vec::new();
    for (at, row) in references.into_iter().rev() {
        let at = at.min(rows.len());
        rows.insert(at, row);
        marked = marked.into_iter().map(|m: usize| m + 1).collect();
        marked.insert(0, at);
    }
    Table {
        columns: RANKING_COLUMNS,
        marked,
        caveat: (r.revisions().len() > 1).then(|| MIXED_CAVEAT.to_string()),
        headings: vec![("poang", format!("Poäng (av {max})"))],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::Metric;
    use crate::domain::answer::compare::{Choice, compare as comparison};
    use crate::domain::answer::ranking::{RankingRequest, rank};
    use crate::domain::snapshot::Snapshot;
    use crate::views::csv::tables::tests::sample;

    #[test]
    fn compare_has_a_row_per_municipality_and_metric() {
        let data = Snapshot::new(sample());
        let list: Vec<Choice> = data
            .municipalities
            .iter()
            .map(|m| Choice::of(m.code))
            .collect();
        let t = compare(&comparison(&data, &list), &data);
        assert_eq!(t.rows.len(), 2 * 9);
        let kumla_total = &t.rows[9];
        assert_eq!(kumla_total[0], Cell::text("1881"));
        assert_eq!(kumla_total[3], Cell::text("1881-2020"));
        assert_eq!(
            kumla_total[10],
            Cell::Score(crate::domain::Score::whole(557))
        );
        assert_eq!(kumla_total[12], Cell::Empty, "a total has no crosswalk");
        let kumla_theme_1 = &t.rows[10];
        assert_eq!(kumla_theme_1[10], Cell::Empty, "area 1 was not published");
        let kumla_theme_3 = &t.rows[12];
        assert_eq!(kumla_theme_3[9], Cell::Integer(3));
        assert_eq!(kumla_theme_3[12], Cell::text("samma område"));
    }

    #[test]
    fn rankings_keep_rank_and_code_as_given() {
        let data = Snapshot::new(sample());
        let t = ranking(&rank(&data, &RankingRequest::of(Metric::Total)), &data);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0], Cell::Integer(1));
        assert_eq!(t.rows[0][1], Cell::text("1881"));
        assert_eq!(t.rows[1][1], Cell::text("0180"));
    }

    fn bundled_choices(codes: &[&str]) -> Vec<Choice> {
        codes
            .iter()
            .map(|c| Choice::of(c.parse().unwrap()))
            .collect()
    }

    #[test]
    fn the_reference_follows_the_compared_municipalities_as_rows_without_a_code() {
        let data = crate::views::testdata::bundled();
        let answer = comparison(data, &bundled_choices(&["1881", "0115"]));
        let t = compare(&answer, data);
        assert_eq!(
            t.rows.len(),
            3 * 9,
            "two municipalities, then the reference"
        );
        assert!(t.rows[..18].iter().all(|r| r[0] != Cell::Empty));
        let reference = &t.rows[18..];
        assert!(reference.iter().all(|r| r[0] == Cell::Empty));
        assert_eq!(reference[0][1], Cell::text("Sverigesnitt 2021"));
        assert_eq!(reference[0][4], Cell::Integer(2021));
        assert_eq!(reference[0][5], Cell::text("v2020"));
        assert_eq!(reference[0][10], Cell::Score(Score::whole(517)));
        // Brukarens fokus: area 5, 61.
        assert_eq!(reference[5][9], Cell::Integer(5));
        assert_eq!(reference[5][10], Cell::Score(Score::whole(61)));
        assert_eq!(reference[5][12], Cell::text("samma område"));
        // Across versions: each version's reference, oldest first.
        let across = comparison(data, &bundled_choices(&["1881", "0115", "1444"]));
        let t = compare(&across, data);
        assert_eq!(t.rows.len(), 3 * 9 + 2 * 9);
        let references: Vec<(&Cell, &Cell)> = t.rows[27..]
            .iter()
            .step_by(9)
            .map(|r| (&r[1], &r[5]))
            .collect();
        assert_eq!(
            references,
            [
                (
                    &Cell::text("Genomsnitt, de 40 senaste utvärderingarna 2014"),
                    &Cell::text("v2010")
                ),
                (&Cell::text("Sverigesnitt 2021"), &Cell::text("v2020")),
            ]
        );
    }

    #[test]
    fn each_figure_names_the_evaluation_it_comes_from_and_each_row_the_kommungrupp() {
        let data = crate::views::testdata::bundled();
        let answer = comparison(data, &bundled_choices(&["1880", "1881"]));
        let t = compare(&answer, data);
        let orebro_total = &t.rows[0];
        assert_eq!(
            (&orebro_total[3], &orebro_total[4]),
            (&Cell::text("1880-2015"), &Cell::Integer(2015))
        );
        assert_eq!(orebro_total[10], Cell::Score(Score::whole(650)));
        let orebro_theme_3 = &t.rows[3];
        assert_eq!(
            (&orebro_theme_3[3], &orebro_theme_3[4]),
            (&Cell::text("1880-2012"), &Cell::Integer(2012))
        );
        assert_eq!(
            orebro_total[13],
            Cell::text(
                "https://www.orebrokuriren.se/2015/10/28/orebro-fick-hogsta-betyget-nagonsin/"
            ),
            "the source of the 2015 total"
        );
        assert_eq!(
            &orebro_total[14..],
            [
                Cell::text("B3"),
                Cell::Integer(155_696),
                Cell::Integer(2019)
            ]
        );
        let names: Vec<&str> = COMPARE_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(
            &names[13..],
            ["kalla", "kommungrupp", "folkmangd", "folkmangd_ar"]
        );
        let ranked = ranking(&rank(data, &RankingRequest::of(Metric::Total)), data);
        assert!(ranked.rows.iter().all(|r| r.len() == RANKING_COLUMNS.len()));
        assert!(
            ranked
                .rows
                .iter()
                .all(|r| r[12] != Cell::Empty || r[1] == Cell::Empty)
        );
    }

    #[test]
    fn a_rankings_reference_row_stands_where_the_page_shows_it_but_never_first() {
        let data = crate::views::testdata::bundled();
        let mut request = RankingRequest::of(Metric::Total);
        request.filter.revision = Some("v2020".parse().unwrap());
        let answer = rank(data, &request);
        let t = ranking(&answer, data);
        assert_eq!(t.rows.len(), answer.places.len() + 1);
        let at = answer.reference_at(&answer.references[0]).unwrap();
        let row = &t.rows[at];
        assert_eq!((&row[0], &row[1]), (&Cell::Empty, &Cell::Empty));
        assert_eq!(row[2], Cell::text("Sverigesnitt 2021"));
        assert_eq!(row[8], Cell::Score(Score::whole(517)));
        assert_eq!(t.rows[at - 1][0], Cell::Integer(i64::try_from(at).unwrap()));
        // Where the reference tops every place, the page shows it first;
        // the file puts it after the first place.
        let counties = data.derived().counties.iter().map(|c| c.code);
        let top = counties.into_iter().find_map(|county| {
            let mut request = RankingRequest::of(Metric::Total);
            request.filter.revision = Some("v2020".parse().unwrap());
            request.filter.county = Some(county);
            let answer = rank(data, &request);
            let first = answer.references.first()?;
            (answer.reference_at(first) == Some(0)).then_some(answer)
        });
        let top = top.expect("a county whose places are all below the mean");
        let t = ranking(&top, data);
        assert_eq!(t.rows[0][0], Cell::Integer(1));
        assert_eq!(t.rows[1][0], Cell::Empty);
    }
}
