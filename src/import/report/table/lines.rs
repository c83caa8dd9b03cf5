//! What one line of the overview table is: an area's header ("1. Offentlighet
//! och demokrati Uppnått Max Procent"), a sub-area row ("1.2 Kommunens
//! information 5 10 48%"), or an area's total ("66 100 66%", "Område 1
//! totalt 66 100 66%", "Totalt område 1: 66 100 66%", "Summa för område 1 66
//! 100 66%", "Totalt 66"). Pure recognisers; `table` puts the lines together.

use super::super::scan::{Figure, figure, words_joining_percent};
use crate::domain::text::fold_name;
use crate::domain::{AreaNumber, Score, SubareaCode};
use crate::import::problem::{RowFault, TotalFault};

/// Column titles that end an area's header line, by the column they name.
const POINTS_TITLES: [&str; 3] = ["uppnått", "uppnådd", "poäng"];
const MAX_TITLES: [&str; 2] = ["max", "maxpoäng"];
const PERCENT_TITLES: [&str; 3] = ["procent", "andel", "%"];

pub fn is_column_title(word: &str) -> bool {
    let folded = fold_name(word);
    word == "%"
        || POINTS_TITLES.contains(&folded.as_str())
        || MAX_TITLES.contains(&folded.as_str())
        || PERCENT_TITLES.contains(&folded.as_str())
}

/// How many columns the titles name: "Uppnått Max Procent" 3, "Uppnått
/// poäng Max" 2; `None` for fewer than two (a lone "Poäng" says too little).
fn columns_of(titles: &[&str]) -> Option<usize> {
    let has = |set: &[&str]| {
        titles
            .iter()
            .any(|w| *w == "%" && set.contains(&"%") || set.contains(&fold_name(w).as_str()))
    };
    let count = [&POINTS_TITLES[..], &MAX_TITLES[..], &PERCENT_TITLES[..]]
        .iter()
        .filter(|set| has(set))
        .count();
    (count >= 2).then_some(count)
}

/// A line of column titles alone ("Uppnått Max Procent"): how many columns.
pub fn column_titles(text: &str) -> Option<usize> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (!words.is_empty() && words.iter().all(|w| is_column_title(w)))
        .then(|| columns_of(&words))
        .flatten()
}

/// Whether titles in print order name the max before the points ("Max
/// Poäng", "Maxpoäng Uppnådd poäng"), as some older tables print them.
pub fn max_first(titles: &[&str]) -> bool {
    let position = |set: &[&str]| {
        titles
            .iter()
            .position(|w| set.contains(&fold_name(w).as_str()))
    };
    matches!(
        (position(&MAX_TITLES), position(&POINTS_TITLES)),
        (Some(m), Some(p)) if m < p
    )
}

/// The titles that end a line, in print order.
pub fn trailing_titles(text: &str) -> Vec<&str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let from = words
        .iter()
        .rposition(|w| !is_column_title(w))
        .map_or(0, |i| i + 1);
    words[from..].to_vec()
}

/// An area's row in a table of areas only: "1. Offentlighet och
/// demokratisk kontroll 66 100 66%", "Område 2 Tillgänglighet ... 73".
pub fn area_row(text: &str) -> Option<(AreaNumber, String, Vec<Cell>)> {
    let (words, cells) = trailing_cells(text);
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    let labelled = words.first().is_some_and(|w| fold_name(w) == "område");
    if labelled {
        words.remove(0);
    }
    let first = *words.first()?;
    let marked = labelled || first.ends_with('.') || first.ends_with(':');
    let number: AreaNumber = first.trim_end_matches(['.', ':']).parse().ok()?;
    let name = words[1..].join(" ");
    let named = name.chars().next().is_some_and(char::is_alphabetic)
        && !words[1..].iter().any(|w| figure(w).is_some())
        && !words[1..]
            .iter()
            .any(|w| TOTAL_WORDS.contains(&fold_name(w).as_str()));
    let cells: Vec<Cell> = cells.into_iter().map(|(c, _)| c).collect();
    (marked && named && (1..=3).contains(&cells.len()) && cells.iter().all(|c| *c != Cell::Blank))
        .then_some((number, name, cells))
}

/// An area's header in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub number: Option<AreaNumber>,
    pub name: String,
    /// The columns its titles name, when it prints them.
    pub columns: Option<usize>,
    /// Whether its titles name the max before the points.
    pub max_first: bool,
}

/// "1. Offentlighet och demokrati Uppnått Max Procent" -> area 1, its name
/// and 3 columns. A numbered header without column titles ("8. Chefs- och
/// ledarskap samt") may go on below.
pub fn area_header(text: &str) -> Option<Header> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let mut titles = Vec::new();
    while words.last().is_some_and(|w| is_column_title(w)) {
        titles.extend(words.pop());
    }
    let had_columns = !titles.is_empty();
    let labelled = words.first().is_some_and(|w| fold_name(w) == "område");
    if labelled {
        words.remove(0);
    }
    let first = words.first()?;
    let number: Option<AreaNumber> = first.trim_end_matches(['.', ':']).parse().ok();
    let name_words = if number.is_some() {
        &words[1..]
    } else {
        &words[..]
    };
    if name_words.iter().any(|w| figure(w).is_some()) {
        // Area names have no figures: "Totalt 80 100 80 %" is a total.
        return None;
    }
    let name = name_words.join(" ");
    let has_letters = name.chars().next().is_some_and(char::is_alphabetic);
    let column_title = matches!(
        fold_name(&name).as_str(),
        "delområde" | "delområden" | "område" | "rubrik" | "rubriker" | "delfrågor"
    );
    if number.is_none() && column_title {
        return None;
    }
    titles.reverse();
    let header = |number| Header {
        number,
        name: name.clone(),
        columns: columns_of(&titles),
        max_first: max_first(&titles),
    };
    match (number, had_columns) {
        (_, true) if has_letters => Some(header(number)),
        (Some(_), false) if has_letters && (first.ends_with('.') || labelled) => {
            Some(header(number))
        }
        _ => None,
    }
}

/// A row's code at the start of a line ("3.4", "3.4.").
pub fn row_code(text: &str) -> Option<(SubareaCode, &str)> {
    let first = text.split_whitespace().next()?;
    let code: SubareaCode = first.strip_suffix('.').unwrap_or(first).parse().ok()?;
    Some((code, text[first.len()..].trim_start()))
}

/// One printed figure of a row, or a dash where none is given ("–", not
/// assessed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Figure(Figure),
    Blank,
}

impl Cell {
    fn of(word: &str) -> Option<Cell> {
        if matches!(word, "–" | "-" | "—") {
            return Some(Cell::Blank);
        }
        figure(word).map(Cell::Figure)
    }

    pub fn is_percent(self) -> bool {
        matches!(self, Cell::Figure(f) if f.percent)
    }

    /// A plain number (not a percent, not a dash), as a name may end in one.
    pub fn is_plain(self) -> bool {
        matches!(self, Cell::Figure(f) if !f.percent)
    }

    pub fn value(self) -> Option<Score> {
        match self {
            Cell::Figure(f) => Some(f.value),
            Cell::Blank => None,
        }
    }
}

/// Splits a line into its leading words and the run of cells that ends it,
/// each cell with the word it was read from.
pub fn trailing_cells(text: &str) -> (Vec<String>, Vec<(Cell, String)>) {
    let words = words_joining_percent(text);
    let split = words
        .iter()
        .rposition(|w| Cell::of(w).is_none())
        .map_or(0, |i| i + 1);
    let cells = words[split..]
        .iter()
        .filter_map(|w| Cell::of(w).map(|c| (c, w.clone())))
        .collect();
    (words[..split].to_vec(), cells)
}

/// A row's (or a total's) cells read as points, max and percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// `None` where a dash stands for the points (not assessed).
    pub points: Option<Score>,
    pub max: Option<Score>,
    pub percent: Option<Score>,
}

/// Reads two or three cells: "points max percent", "points max" or
/// "points percent"; a percent only last, a max never a dash.
pub fn reading(cells: &[Cell]) -> Result<Reading, RowFault> {
    let plain_or_blank = |c: &Cell| !c.is_percent();
    match cells {
        [p, m, pc] if plain_or_blank(p) && m.is_plain() => Ok(Reading {
            points: p.value(),
            max: m.value(),
            percent: pc.value(),
        }),
        [p, m, _] if plain_or_blank(p) && *m == Cell::Blank => Err(RowFault::MaxIsDash),
        [p, pc] if plain_or_blank(p) && pc.is_percent() => Ok(Reading {
            points: p.value(),
            max: None,
            percent: pc.value(),
        }),
        [p, m] if plain_or_blank(p) && m.is_plain() => Ok(Reading {
            points: p.value(),
            max: m.value(),
            percent: None,
        }),
        [] | [_] => Err(RowFault::TooFew),
        [_, _, _, _, ..] => Err(RowFault::TooMany),
        _ => Err(RowFault::PercentFirst),
    }
}

/// How many of a row's trailing cells are its figures; the rest end its
/// name ("2.3 Agenda 2030 24 30 80%"). `columns` is what the area's header
/// names, if it does. `None` when the split is not certain.
pub fn figures_count(cells: &[Cell], columns: Option<usize>) -> Option<usize> {
    let with_percent = cells.last().is_some_and(|c| c.is_percent());
    let expected = if with_percent { Some(3) } else { columns };
    match expected {
        _ if cells.len() <= 3 && expected.is_none_or(|e| cells.len() <= e) => Some(cells.len()),
        Some(e) => {
            let (name, _) = cells.split_at(cells.len().saturating_sub(e));
            name.iter().all(|c| c.is_plain()).then_some(e)
        }
        None => None,
    }
}

/// Words that mark a line as a total; "poäng" and "område" do not alone.
pub const TOTAL_WORDS: [&str; 7] = [
    "totalt",
    "total",
    "totalpoäng",
    "summa",
    "sammanlagt",
    "delsumma",
    "summering",
];

/// Words that may stand beside them: "Summa för område 1", "Poäng totalt".
const TOTAL_FILLERS: [&str; 4] = ["område", "poäng", "för", "av"];

/// What a line that is not a header or a row is, as a total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotalLine {
    /// An area's (or the grand) total, with the area it names if it does.
    Total {
        area: Option<AreaNumber>,
        reading: Reading,
    },
    /// Labelled or laid out as a total, but its figures cannot be read.
    Unreadable(TotalFault),
    /// Not a total (text, a lone number, a label whose figures follow).
    NotTotal,
}

/// Reads a line as a total: figures alone ("66 100 66%"), or labelled by a
/// total word and the area ("Område 1 totalt 66 100 66%", "Totalt område 1:
/// 66 100 66%", "Totalt 66").
pub fn total_line(words: &[String], cells: &[(Cell, String)]) -> TotalLine {
    let labels: Vec<String> = words
        .iter()
        .map(|w| fold_name(w))
        .filter(|w| !w.is_empty())
        .collect();
    let mut area = None;
    let mut unexpected = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let after_omrade = i > 0 && labels[i - 1] == "område";
        match label.parse::<AreaNumber>() {
            Ok(n) if after_omrade => area = Some(n),
            _ if TOTAL_WORDS.contains(&label.as_str()) => {}
            _ if TOTAL_FILLERS.contains(&label.as_str()) => {}
            _ => unexpected.push(label.as_str()),
        }
    }
    if !unexpected.is_empty() {
        // "Totalt område 1: 66 av 100" is a total the parser cannot read;
        // "Totalt kan summan avvika 1" is a footnote.
        let starts_as_total = labels
            .first()
            .is_some_and(|l| TOTAL_WORDS.contains(&l.as_str()));
        let numbers = unexpected
            .iter()
            .any(|w| w.bytes().any(|b| b.is_ascii_digit()));
        return if starts_as_total && numbers {
            TotalLine::Unreadable(TotalFault::Stray(unexpected.join(" ")))
        } else {
            TotalLine::NotTotal
        };
    }
    let mut cells: Vec<Cell> = cells.iter().map(|(c, _)| *c).collect();
    // "Summa område 1 66 100 66%": the area's number was read as a figure.
    if area.is_none()
        && labels.last().is_some_and(|l| l == "område")
        && cells.len() >= 2
        && let Some(Cell::Figure(f)) = cells.first()
        && !f.percent
        && (10..=80).contains(&f.value.tenths())
        && f.value.tenths() % 10 == 0
    {
        area = AreaNumber::new(f.value.tenths() / 10).ok();
        cells.remove(0);
    }
    let labelled = area.is_some() || labels.iter().any(|l| TOTAL_WORDS.contains(&l.as_str()));
    if !labelled && !labels.is_empty() {
        return TotalLine::NotTotal;
    }
    match cells.as_slice() {
        [] => TotalLine::NotTotal,
        [Cell::Figure(f)] if labelled && !f.percent => TotalLine::Total {
            area,
            reading: Reading {
                points: Some(f.value),
                max: None,
                percent: None,
            },
        },
        [_] if !labelled => TotalLine::NotTotal,
        _ if cells.contains(&Cell::Blank) => TotalLine::Unreadable(TotalFault::Dash),
        _ => match reading(&cells) {
            Ok(reading) => TotalLine::Total { area, reading },
            Err(why) => TotalLine::Unreadable(TotalFault::Row(why)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(text: &str) -> TotalLine {
        let (words, cells) = trailing_cells(text);
        total_line(&words, &cells)
    }

    fn total_of(text: &str) -> (Option<u8>, Option<i64>, Option<i64>, Option<i64>) {
        match total(text) {
            TotalLine::Total { area, reading } => (
                area.map(AreaNumber::get),
                reading.points.map(|s| s.tenths() / 10),
                reading.max.map(|s| s.tenths() / 10),
                reading.percent.map(|s| s.tenths() / 10),
            ),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_total_rows_in_every_wording_seen() {
        let full = (Some(66), Some(100), Some(66));
        for (text, area) in [
            ("66 100 66%", None),
            ("Område 1 totalt 66 100 66%", Some(1)),
            ("Totalt område 1: 66 100 66%", Some(1)),
            ("Summa för område 1 66 100 66%", Some(1)),
            ("Summa område 1 66 100 66%", Some(1)),
            ("Totalt 66 100 66 %", None),
        ] {
            let (a, p, m, pc) = total_of(text);
            assert_eq!((a, (p, m, pc)), (area, full), "{text}");
        }
        assert_eq!(total_of("Totalt 66"), (None, Some(66), None, None));
        assert_eq!(
            total_of("Totalt område 3: 80"),
            (Some(3), Some(80), None, None)
        );
        assert_eq!(total_of("Summa 66 100"), (None, Some(66), Some(100), None));
    }

    #[test]
    fn tells_totals_from_other_lines() {
        for text in [
            "66",
            "24",
            "Totalt",
            "Summan kan avvika på grund av avrundning",
            "* Poängen är avrundade, därför kan summan avvika 1",
            "tjänsteperson",
        ] {
            assert_eq!(total(text), TotalLine::NotTotal, "{text}");
        }
        for text in [
            "Totalt område 1: 66 av 100",
            "Totalt 66% 100",
            "Totalt 66 – 66%",
            "66 100 66% 12",
        ] {
            assert!(matches!(total(text), TotalLine::Unreadable(_)), "{text}");
        }
    }

    #[test]
    fn reads_headers_also_wrapped_or_labelled() {
        let h = area_header("8. Chefs- och ledarskap samt").unwrap();
        assert_eq!(
            (h.number.map(AreaNumber::get), h.name.as_str(), h.columns),
            (Some(8), "Chefs- och ledarskap samt", None)
        );
        let h = area_header("medarbetarskap Uppnått Max Procent").unwrap();
        assert_eq!(
            (h.number, h.name.as_str(), h.columns),
            (None, "medarbetarskap", Some(3))
        );
        let h = area_header("Område 8 Chefs- och ledarskap samt").unwrap();
        assert_eq!(h.number.map(AreaNumber::get), Some(8));
        let h =
            area_header("1. Offentlighet och demokrati Uppnådd poäng Max poäng Procent").unwrap();
        assert_eq!(
            (h.name.as_str(), h.columns),
            ("Offentlighet och demokrati", Some(3))
        );
        assert_eq!(
            area_header("2. Samhällsutveckling Uppnått Max")
                .unwrap()
                .columns,
            Some(2)
        );
        assert_eq!(area_header("Uppnått Max Procent"), None);
        assert_eq!(column_titles("Uppnått Max Procent"), Some(3));
        assert_eq!(column_titles("Poäng"), None);
        assert_eq!(area_header("8 Chefs- och ledarskap"), None);
        assert_eq!(area_header("Totalt 80 100 80 %"), None);
    }

    fn cells(text: &str) -> Vec<Cell> {
        trailing_cells(text).1.into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn the_figures_are_the_last_two_or_three_numbers() {
        assert_eq!(
            figures_count(&cells("Agenda 2030 24 30 80%"), None),
            Some(3)
        );
        assert_eq!(figures_count(&cells("Agenda 2030 24 30"), Some(2)), Some(2));
        assert_eq!(
            figures_count(&cells("Agenda 2030 24 30 80"), Some(3)),
            Some(3)
        );
        // Without a percent or the header's columns, four numbers are not certain.
        assert_eq!(figures_count(&cells("Agenda 2030 24 30 80"), None), None);
        assert_eq!(figures_count(&cells("Strategi 13 20 63% 65"), None), None);
        assert_eq!(
            figures_count(&cells("Strategi 13 20 63%"), Some(2)),
            Some(3)
        );
        assert_eq!(figures_count(&cells("Strategi 13 20"), None), Some(2));
        assert_eq!(figures_count(&cells("Transparens – 7 10 73%"), None), None);
    }

    #[test]
    fn reads_a_dash_as_a_figure_not_given() {
        let r = reading(&cells("Transparens kring resultat – 10 –")).unwrap();
        assert_eq!(
            (r.points, r.max, r.percent),
            (None, Some(Score::whole(10)), None)
        );
        let r = reading(&cells("A 7 10 –")).unwrap();
        assert_eq!((r.points, r.percent), (Some(Score::whole(7)), None));
        assert!(reading(&cells("A 7 – 70%")).is_err());
        assert!(reading(&cells("A 7% 10 70%")).is_err());
    }
}
