//! The change ranking as a table (`/forandring.csv`, `.xlsx`): one row per
//! ranked municipality, in rank order, with the ranked figure before and
//! after, each theme's change and both evaluations' sources; then the
//! changes sources state, as marked rows without a rank (`uppgift` says
//! which is which). The same answer the page and the API render.

use super::{Cell, Column, Table, integer, number, revision, text};
use crate::domain::analysis::Metric;
use crate::domain::answer::change_ranking::{ChangePlace, ChangeRanking, StatedPlace};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::{Catalogue, Municipality};

/// `uppgift` of a computed change and of one a source states.
pub const COMPUTED: &str = "beräknad";
pub const STATED: &str = "enligt källan";

pub const CHANGE_COLUMNS: &[Column] = &[
    integer(
        "placering",
        "Placering",
        "Placering, 1 för störst ökning; lika förändring delar placering. Tom på rader med en förändring som källan uppger.",
    ),
    text(
        "kommunkod",
        "Kommunkod",
        "Kommunkod enligt SCB, fyra siffror som text.",
    ),
    text("kommun", "Kommun", "Kommunens namn."),
    text("lan", "Län", "Länets namn."),
    text(
        "matt",
        "Mått",
        "total eller temats kortnamn (slug): det som rankas.",
    ),
    text(
        "fran_utvardering_id",
        "Från utvärdering (id)",
        "Den tidigare utvärderingen; tom när källan uppger en förändring sedan en utvärdering som inte finns i kompass.",
    ),
    integer("fran_ar", "Från år", "År för den tidigare utvärderingen."),
    revision(
        "fran_revision",
        "Från kriterier",
        "Kriterieversionen för den tidigare utvärderingen.",
    ),
    text(
        "till_utvardering_id",
        "Till utvärdering (id)",
        "Den senare utvärderingen.",
    ),
    integer("till_ar", "Till år", "År för den senare utvärderingen."),
    revision(
        "till_revision",
        "Till kriterier",
        "Kriterieversionen för den senare utvärderingen.",
    ),
    text(
        "over_versioner",
        "Över versioner",
        "ja när utvärderingarna gjordes enligt olika versioner av kriterierna (poängen är då inte direkt jämförbara), annars nej; tom när det inte är känt.",
    ),
    number(
        "fore",
        "Före",
        "Poängen i den tidigare utvärderingen; tom på rader med en förändring som källan uppger.",
    ),
    number("efter", "Efter", "Poängen i den senare utvärderingen."),
    number(
        "forandring",
        "Förändring",
        "Efter minus före; på rader med uppgift enligt källan den förändring som källan uppger.",
    ),
    number(
        "max",
        "Högsta poäng",
        "Högsta möjliga poäng: 800 totalt, 100 för ett tema.",
    ),
    text(
        "jamforbarhet",
        "Jämförbarhet",
        "Hur väl de två siffrorna motsvarar varandra enligt korsnyckeln (samma, stark, medel, svag, ej jämförbar).",
    ),
    number(
        "tema_1",
        "Förändring tema 1",
        "Förändringen i tema 1 mellan samma utvärderingar, där båda publicerade det; tom annars.",
    ),
    number("tema_2", "Förändring tema 2", "Förändringen i tema 2."),
    number("tema_3", "Förändring tema 3", "Förändringen i tema 3."),
    number("tema_4", "Förändring tema 4", "Förändringen i tema 4."),
    number("tema_5", "Förändring tema 5", "Förändringen i tema 5."),
    number("tema_6", "Förändring tema 6", "Förändringen i tema 6."),
    number("tema_7", "Förändring tema 7", "Förändringen i tema 7."),
    number("tema_8", "Förändring tema 8", "Förändringen i tema 8."),
    text(
        "uppgift",
        "Uppgift",
        "beräknad (av kompass, från två publicerade siffror) eller enligt källan (källans egen uppgift, aldrig rankad).",
    ),
    text(
        "kalla",
        "Källa",
        "Adress till källan för den senare utvärderingen, eller till den sida som uppger förändringen.",
    ),
    text(
        "kalla_fore",
        "Källa före",
        "Adress till källan för den tidigare utvärderingen.",
    ),
    text(
        "anmarkning",
        "Anmärkning",
        "Där källan uppger samma förändring som den beräknade: vilken källa.",
    ),
];

fn who(m: &Municipality) -> [Cell; 3] {
    [
        Cell::text(m.code.as_str()),
        Cell::text(m.name.clone()),
        Cell::text(m.county.clone()),
    ]
}

fn evaluation(e: Option<&StoredEvaluation>) -> [Cell; 3] {
    [
        Cell::opt_text(e.map(|e| e.id.to_string())),
        Cell::opt_int(e.map(|e| e.evaluation.year)),
        Cell::opt_text(e.map(|e| e.evaluation.revision.to_string())),
    ]
}

fn yes_no(b: bool) -> Cell {
    Cell::text(if b { "ja" } else { "nej" })
}

fn place_row(p: &ChangePlace<'_>, metric: Metric, slug: &str, max: Cell) -> Vec<Cell> {
    let (previous, latest) = (p.step.previous, p.step.latest);
    let confidence = match metric {
        Metric::Total => p.step.total.confidence,
        Metric::Theme(n) => p
            .step
            .themes
            .iter()
            .find(|t| t.theme == Some(n))
            .and_then(|t| t.confidence),
    };
    let mut row = vec![Cell::Integer(i64::try_from(p.rank).unwrap_or(i64::MAX))];
    row.extend(who(p.municipality));
    row.push(Cell::text(slug));
    row.extend(evaluation(Some(previous)));
    row.extend(evaluation(Some(latest)));
    row.extend([
        yes_no(p.crosses_revision()),
        Cell::Score(p.before.points),
        Cell::Score(p.after.points),
        Cell::Change(p.change),
        max,
        // Within one version the figures are the same measure.
        Cell::opt_text(confidence.map(|c| {
            if p.crosses_revision() {
                c.label_sv()
            } else {
                "samma kriterier"
            }
        })),
    ]);
    row.extend(
        p.step
            .themes
            .iter()
            .map(|t| t.change.map_or(Cell::Empty, Cell::Change)),
    );
    row.extend([
        Cell::text(COMPUTED),
        Cell::opt_text(latest.evaluation.source.url.clone()),
        Cell::opt_text(previous.evaluation.source.url.clone()),
        Cell::opt_text(
            p.confirmed
                .map(|s| format!("Samma förändring enligt {}.", s.source_name())),
        ),
    ]);
    row
}

fn stated_row(s: &StatedPlace<'_>, slug: &str, max: Cell) -> Vec<Cell> {
    let mut row = vec![Cell::Empty];
    row.extend(who(s.municipality));
    row.push(Cell::text(slug));
    let [id, _, rev] = evaluation(s.earlier);
    row.extend([id, Cell::Integer(i64::from(s.stated.since)), rev]);
    row.extend(evaluation(Some(s.latest)));
    let after = match s.stated.figure {
        crate::domain::Figure::Total => s.latest.evaluation.total,
        crate::domain::Figure::Area(n) => s.latest.evaluation.area(n).map(|a| a.points),
    };
    row.extend([
        s.crosses_revision().map_or(Cell::Empty, yes_no),
        Cell::Empty,
        Cell::opt_score(after),
        Cell::Change(s.stated.change),
        max,
        Cell::Empty,
    ]);
    row.extend((0..8).map(|_| Cell::Empty));
    row.extend([
        Cell::text(STATED),
        Cell::text(s.stated.source.clone()),
        Cell::opt_text(s.earlier.and_then(|e| e.evaluation.source.url.clone())),
        Cell::opt_text(s.stated.quote.clone()),
    ]);
    row
}

/// The caveat of a table with changes across criteria versions.
pub const ACROSS_CAVEAT: &str = "Rader med ”ja” under Över versioner jämför utvärderingar enligt olika versioner av kriterierna: frågorna ändrades och kraven skärptes, så poängen är inte direkt jämförbara.";

/// The ranking, then what sources state.
pub fn changes(r: &ChangeRanking<'_>, catalogue: &Catalogue) -> Table {
    let slug = r.request.metric.slug(catalogue);
    let max = Cell::Score(r.request.metric.max());
    let mut rows: Vec<Vec<Cell>> = r
        .places
        .iter()
        .map(|p| place_row(p, r.request.metric, &slug, max.clone()))
        .collect();
    let first_stated = rows.len();
    rows.extend(r.stated.iter().map(|s| stated_row(s, &slug, max.clone())));
    let crosses =
        r.crosses_revisions() || r.stated.iter().any(|s| s.crosses_revision() == Some(true));
    Table {
        columns: CHANGE_COLUMNS,
        marked: (first_stated..rows.len()).collect(),
        caveat: crosses.then(|| ACROSS_CAVEAT.to_string()),
        rows,
        headings: themes_headings(catalogue),
    }
}

/// "Förändring: Samspel mellan förtroendevalda och medborgare" for each theme.
fn themes_headings(catalogue: &Catalogue) -> Vec<(&'static str, String)> {
    const NAMES: [&str; 8] = [
        "tema_1", "tema_2", "tema_3", "tema_4", "tema_5", "tema_6", "tema_7", "tema_8",
    ];
    catalogue
        .themes
        .iter()
        .filter_map(|t| {
            let name = NAMES.get(usize::from(t.number.get()).checked_sub(1)?)?;
            Some((*name, format!("Förändring {} {}", t.number, t.name)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::change_ranking::{ChangeRequest, Versions, rank_changes};
    use crate::views::testdata::bundled;

    fn column(name: &str) -> usize {
        CHANGE_COLUMNS.iter().position(|c| c.name == name).unwrap()
    }

    #[test]
    fn places_in_rank_order_then_the_stated_changes_marked() {
        let data = bundled();
        let r = rank_changes(data, &ChangeRequest::default());
        let t = changes(&r, &data.catalogue);
        assert_eq!(t.rows.len(), r.places.len() + r.stated.len());
        assert!(t.rows.iter().all(|row| row.len() == CHANGE_COLUMNS.len()));
        let first = &t.rows[0];
        assert_eq!(first[column("placering")], Cell::Integer(1));
        assert_eq!(first[column("uppgift")], Cell::text(COMPUTED));
        assert_eq!(first[column("over_versioner")], Cell::text("nej"));
        let marked: Vec<&Vec<Cell>> = t.marked.iter().map(|i| &t.rows[*i]).collect();
        assert!(!marked.is_empty());
        assert!(
            marked
                .iter()
                .all(|row| row[column("placering")] == Cell::Empty
                    && row[column("uppgift")] == Cell::text(STATED))
        );
        let kumla = marked
            .iter()
            .find(|row| row[column("kommunkod")] == Cell::text("1881"))
            .unwrap();
        assert_eq!(kumla[column("fran_ar")], Cell::Integer(2017));
        assert_eq!(kumla[column("over_versioner")], Cell::text("ja"));
        assert!(t.caveat.is_some(), "Kumla's statement crosses versions");
        assert_eq!(t.headings.len(), 8);
        let across = rank_changes(
            data,
            &ChangeRequest {
                versions: Versions::Across,
                ..ChangeRequest::default()
            },
        );
        assert!(changes(&across, &data.catalogue).caveat.is_some());
    }
}
