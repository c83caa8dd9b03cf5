//! The comparison tables as CSV: `/jamfor.csv` and the rankings
//! (`/rankning.csv`, `/omrade/{slug}.csv`), built from the JSON view models
//! so a CSV and its JSON never disagree.

use super::tables::confidence_sv;
use super::{Cell, Column, Table, integer, number, text};
use crate::views::json::analysis::{CompareJson, RankingItem};

pub const COMPARE_COLUMNS: &[Column] = &[
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Den jämförda utvärderingen: kommunens senaste med publicerade poäng.",
    ),
    integer("ar", "År då utvärderingen gjordes."),
    text("revision", "Kriterieversionen utvärderingen gjordes med."),
    text("matt", "total eller temats kortnamn (slug)."),
    integer("tema", "Temats nummer (1-8); tom för total."),
    text("namn", "Totalt eller temats namn."),
    integer(
        "omrade",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number("poang", "Publicerade poäng; tom när de inte publicerats."),
    number("max", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
];

/// `/jamfor.csv`: the compare table, one row per municipality and metric.
pub fn compare(view: &CompareJson) -> Table {
    let mut rows = Vec::new();
    for (i, m) in view.municipalities.iter().enumerate() {
        for r in &view.rows {
            let value = r.values.get(i);
            rows.push(vec![
                Cell::text(m.municipality.code.as_str()),
                Cell::text(m.municipality.name.clone()),
                Cell::text(m.municipality.county.clone()),
                Cell::opt_text(m.evaluation.as_ref().map(|e| e.id.clone())),
                Cell::opt_int(m.evaluation.as_ref().map(|e| e.year)),
                Cell::opt_text(m.evaluation.as_ref().map(|e| e.revision.to_string())),
                Cell::text(r.metric.clone()),
                Cell::opt_int(r.theme),
                Cell::text(r.name.clone()),
                Cell::opt_int(value.and_then(|v| v.area)),
                Cell::opt_score(value.and_then(|v| v.points)),
                Cell::Score(r.max),
                // A total is its own figure: no crosswalk to qualify it.
                Cell::opt_text(
                    value
                        .and_then(|v| v.confidence)
                        .filter(|_| r.theme.is_some())
                        .map(|c| confidence_sv(c.into())),
                ),
            ]);
        }
    }
    Table {
        columns: COMPARE_COLUMNS,
        rows,
    }
}

pub const RANKING_COLUMNS: &[Column] = &[
    integer(
        "placering",
        "Placering, 1 för högst; lika poäng delar placering (1, 2, 2, 4).",
    ),
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Kommunens senaste utvärdering som publicerade siffran.",
    ),
    integer("ar", "År då utvärderingen gjordes."),
    text("revision", "Kriterieversionen utvärderingen gjordes med."),
    integer(
        "omrade",
        "Områdets nummer i utvärderingens egen kriterieversion; tom för total.",
    ),
    number("poang", "Publicerade poäng."),
    number("max", "Högsta möjliga poäng."),
    text(
        "jamforbarhet",
        "Hur väl området motsvarar temat enligt korsnyckeln.",
    ),
];

/// `/rankning.csv` and `/omrade/{slug}.csv`.
pub fn ranking(items: &[RankingItem]) -> Table {
    Table {
        columns: RANKING_COLUMNS,
        rows: items
            .iter()
            .map(|r| {
                vec![
                    Cell::Integer(i64::try_from(r.rank).unwrap_or(i64::MAX)),
                    Cell::text(r.municipality_code.as_str()),
                    Cell::text(r.municipality.clone()),
                    Cell::text(r.county.clone()),
                    Cell::text(r.evaluation.id.clone()),
                    Cell::Integer(i64::from(r.evaluation.year)),
                    Cell::text(r.evaluation.revision.to_string()),
                    Cell::opt_int(r.area),
                    Cell::Score(r.points),
                    Cell::Score(r.max),
                    match r.area {
                        Some(_) => Cell::text(confidence_sv(r.confidence.into())),
                        None => Cell::Empty,
                    },
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::{self, Metric, RankingFilter};
    use crate::views::csv::tables::tests::sample;
    use crate::views::json::analysis::{compare as compare_view, ranking_items};

    #[test]
    fn compare_has_a_row_per_municipality_and_metric() {
        let data = sample();
        let list: Vec<_> = data.municipalities.iter().collect();
        let t = compare(&compare_view(&data, &list));
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
        let data = sample();
        let entries = analysis::ranking(&data, Metric::Total, &RankingFilter::default());
        let t = ranking(&ranking_items(&entries, Metric::Total, &data));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0], Cell::Integer(1));
        assert_eq!(t.rows[0][1], Cell::text("1881"));
        assert_eq!(t.rows[1][1], Cell::text("0180"));
    }
}
