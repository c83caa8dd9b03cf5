//! The comparison tables as CSV: `/jamfor.csv` and the rankings
//! (`/rankning.csv`, `/omrade/{slug}.csv`), each a rendering of its domain
//! answer, the value the page and the JSON render too.

use super::tables::confidence_sv;
use super::{Cell, Column, Table, integer, number, text};
use crate::domain::Catalogue;
use crate::domain::answer::compare::Comparison;
use crate::domain::answer::ranking::Ranking;

pub const COMPARE_COLUMNS: &[Column] = &[
    text("kommunkod", "Kommunkod enligt SCB, fyra siffror som text."),
    text("kommun", "Kommunens namn."),
    text("lan", "Länets namn."),
    text(
        "utvardering_id",
        "Den jämförda utvärderingen: den som angavs (kommun=1880:2012), annars den som publicerat flest områden (den senaste av dem), annars den senaste med totalpoäng.",
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
pub fn compare(c: &Comparison<'_>, catalogue: &Catalogue) -> Table {
    let mut rows = Vec::new();
    for (i, compared) in c.compared.iter().enumerate() {
        let (m, e) = (compared.municipality, compared.evaluation);
        for r in &c.rows {
            let value = r.values.get(i).copied().flatten();
            rows.push(vec![
                Cell::text(m.code.as_str()),
                Cell::text(m.name.clone()),
                Cell::text(m.county.clone()),
                Cell::opt_text(e.map(|e| e.id.to_string())),
                Cell::opt_int(e.map(|e| e.evaluation.year)),
                Cell::opt_text(e.map(|e| e.evaluation.revision.to_string())),
                Cell::text(r.metric.slug(catalogue)),
                Cell::opt_int(r.metric.theme()),
                Cell::text(r.metric.name(catalogue)),
                Cell::opt_int(value.and_then(|v| v.area).map(|a| a.get())),
                Cell::opt_score(value.map(|v| v.points)),
                Cell::Score(r.metric.max()),
                // A total is its own figure: no crosswalk to qualify it.
                Cell::opt_text(
                    value
                        .filter(|_| r.metric.theme().is_some())
                        .map(|v| confidence_sv(v.confidence)),
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
pub fn ranking(r: &Ranking<'_>) -> Table {
    let max = r.request.metric.max();
    Table {
        columns: RANKING_COLUMNS,
        rows: r
            .places
            .iter()
            .map(|p| {
                let e = p.evaluation;
                vec![
                    Cell::Integer(i64::try_from(p.rank).unwrap_or(i64::MAX)),
                    Cell::text(p.municipality.code.as_str()),
                    Cell::text(p.municipality.name.clone()),
                    Cell::text(p.municipality.county.clone()),
                    Cell::text(e.id.to_string()),
                    Cell::Integer(i64::from(e.evaluation.year)),
                    Cell::text(e.evaluation.revision.to_string()),
                    Cell::opt_int(p.area.map(|a| a.get())),
                    Cell::Score(p.value),
                    Cell::Score(max),
                    match p.area {
                        Some(_) => Cell::text(confidence_sv(p.confidence)),
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
        let t = compare(&comparison(&data, &list), &data.catalogue);
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
        let t = ranking(&rank(&data, &RankingRequest::of(Metric::Total)));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0], Cell::Integer(1));
        assert_eq!(t.rows[0][1], Cell::text("1881"));
        assert_eq!(t.rows[1][1], Cell::text("0180"));
    }
}
