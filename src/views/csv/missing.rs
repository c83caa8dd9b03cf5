//! `/saknas.csv` and `.xlsx`: the evaluations kompass knows took place but
//! holds no figures for, one row each, with the source and the address of
//! `/bidra` that names the evaluation.

use super::register::{EVALUATION_HEAD, evaluation_head_cells};
use super::{Cell, Column, Table, concat_columns, text};
use crate::domain::answer::missing::Missing;
use crate::views::format::bidra_href;

pub const MISSING_COLUMNS: &[Column] = &concat_columns::<8, 3, 11>(EVALUATION_HEAD, MISSING_OWN);

const MISSING_OWN: [Column; 3] = [
    text(
        "kalla",
        "Källa",
        "Adress till källan som säger att utvärderingen gjordes.",
    ),
    text(
        "kalla_titel",
        "Källans titel",
        "Källans titel, när den är känd.",
    ),
    text(
        "bidra",
        "Bidra med siffrorna",
        "Adressen där den som har siffrorna kan bidra med dem: kommun och år är ifyllda.",
    ),
];

/// One row per evaluation without figures, by municipality (Swedish
/// alphabetical order), oldest first; `site` makes the `/bidra` address
/// absolute (`https://kompass.example`).
pub fn missing(answer: &Missing<'_>, site: &str) -> Table {
    Table::new(
        MISSING_COLUMNS,
        answer
            .evaluations()
            .map(|(m, s)| {
                let e = &s.evaluation;
                let mut row = evaluation_head_cells(s, Some(m));
                row.extend([
                    Cell::opt_text(e.source.url.clone()),
                    Cell::opt_text(e.source.title.clone()),
                    Cell::text(format!(
                        "{site}{}",
                        bidra_href(m.code.as_str(), Some(e.year))
                    )),
                ]);
                row
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::missing::missing as answer;
    use crate::views::csv::Flavour;
    use crate::views::testdata::bundled;

    #[test]
    fn every_evaluation_without_figures_is_a_row_with_its_bidra_address() {
        let data = bundled();
        let m = answer(data);
        let table = missing(&m, "https://kompass.example");
        assert_eq!(table.rows.len(), m.without_figures());
        let text = String::from_utf8(table.render(Flavour::Standard).unwrap()).unwrap();
        assert!(text.starts_with("utvardering_id,kommunkod,kommun,lan,ar,manad"));
        assert!(
            text.lines()
                .any(|l| l.starts_with("1880-2010,1880,Örebro,Örebro län,2010,")
                    && l.ends_with(",https://kompass.example/bidra?kommun=1880&ar=2010")),
            "{text}"
        );
        assert!(!text.contains("1881-2020"), "Kumla 2020 has figures");
    }
}
