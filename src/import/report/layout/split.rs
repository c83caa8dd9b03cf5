//! A page given as one line (as docplayer and pdfslide give a report), cut
//! into the lines the parsers read: before an area's heading ("Område 3
//! Politisk styrning och kontroll"), its "Rubriker", each bullet, "Allmänt",
//! "Styrkor Förbättringsmöjligheter", the contents and the score table's
//! heading; in the score table before each header, row and labelled total,
//! after each percent, and between a row's figures and an unlabelled total
//! that follows them ("1.5 Förutsättningar 24 30 66 100" with two columns).
//! A lone number ending a "Rubriker" list (the area's points) gets a line of
//! its own, as `pdftotext` prints it. Only where the structure is certain:
//! prose stays as it is.

use super::super::scan::{figure, words_joining_percent};
use super::super::table::lines::{TOTAL_WORDS, is_column_title};
use crate::domain::text::fold_name;
use crate::domain::{AREA_MAX, SubareaCode};

/// Lines longer than this are cut where the structure shows: no line a
/// PDF's text gives is as long, a page run together always is.
pub const LONG: usize = 300;

const BULLETS: [char; 7] = ['•', '●', '▪', '■', '◦', '\u{f0b7}', '\u{f0a7}'];

/// How far after the score table's heading a row or column titles must
/// follow for it to be the table, not a line of the contents.
const TABLE_LOOKAHEAD: usize = 40;

/// What the lines before told: whether the score table has begun, and the
/// columns its latest header names.
#[derive(Debug, Default)]
pub struct Splitter {
    in_table: bool,
    columns: Option<usize>,
    /// Whether a "Rubriker" list is open (it may go on on the next page).
    in_list: bool,
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn area_number(word: &str) -> bool {
    matches!(
        word.trim_end_matches(['.', ':']),
        "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8"
    )
}

fn is_area_word(word: &str) -> bool {
    capitalised(word) && fold_name(word) == "område"
}

fn is_bullet(word: &str) -> bool {
    word.starts_with(BULLETS)
}

fn is_improvements_title(word: &str) -> bool {
    matches!(
        fold_name(word).as_str(),
        "förbättringsmöjligheter" | "förbättringsområden" | "utvecklingsområden"
    )
}

fn is_section_number(word: &str) -> bool {
    word.len() <= 3
        && word.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

fn is_dots(word: &str) -> bool {
    word.starts_with("..") || word.starts_with('…') || word.ends_with("..") || word.ends_with('…')
}

fn is_row_code(word: &str) -> bool {
    word.trim_end_matches('.').parse::<SubareaCode>().is_ok() && word.contains('.')
}

fn plain_figure(word: &str) -> bool {
    figure(word).is_some_and(|f| !f.percent)
}

/// How many words the score table's heading takes at `i`, if one starts there.
fn table_heading_len(words: &[String], i: usize) -> Option<usize> {
    if fold_name(&words[i]) == "poängsammanställning" {
        return Some(1);
    }
    let three = words.get(i..i + 3)?.join(" ");
    (fold_name(&three) == "översikt av poängfördelning").then_some(3)
}

impl Splitter {
    /// An area's heading at `i`: "Område 3 Politisk ...", "OMRÅDE 3:".
    fn area_heading(&self, words: &[String], i: usize) -> bool {
        let (Some(number), next) = (words.get(i + 1), words.get(i + 2)) else {
            return false;
        };
        is_area_word(&words[i])
            && area_number(number)
            && (self.in_table
                || next.is_none_or(|n| capitalised(n) || matches!(n.as_str(), "–" | "-" | ":")))
    }

    fn breaks_before(&self, words: &[String], i: usize) -> bool {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        let next_capitalised = next.is_some_and(capitalised);
        let folded = fold_name(w);
        self.area_heading(words, i)
            || is_bullet(w)
            || matches!(w, "Rubriker" | "RUBRIKER" | "Rubriker:")
            || (w == "Allmänt" && next_capitalised)
            || (folded == "styrkor" && capitalised(w) && next.is_some_and(is_improvements_title))
            || (w == "Sammanfattande" && next.is_some_and(|n| fold_name(n) == "kommentarer"))
            || (capitalised(w) && matches!(folded.as_str(), "innehåll" | "innehållsförteckning"))
            || table_heading_len(words, i).is_some()
            || (self.in_table
                && ((area_number(w) && w.ends_with('.') && next_capitalised)
                    || (is_row_code(w) && next_capitalised)
                    || (capitalised(w) && TOTAL_WORDS.contains(&folded.as_str()))))
    }

    fn breaks_after(&mut self, words: &[String], i: usize, current: &[String]) -> bool {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        let starts_with = |word: &str| current.first().is_some_and(|f| fold_name(f) == word);
        if current.len() == 2 && is_improvements_title(w) && starts_with("styrkor") {
            return true;
        }
        if w == "kommentarer" && current.len() == 2 && starts_with("sammanfattande") {
            return true;
        }
        if current.first().is_some_and(|f| is_area_word(f))
            && fold_name(w) == "poäng"
            && i > 0
            && figure(&words[i - 1])
                .is_some_and(|f| !f.percent && f.value.tenths() <= AREA_MAX.tenths())
            && next.is_some_and(|n| capitalised(n) && !is_dots(n))
        {
            return true;
        }
        if !self.in_table {
            return false;
        }
        if figure(w).is_some_and(|f| f.percent) {
            return true;
        }
        let titles = current
            .iter()
            .rev()
            .take_while(|t| is_column_title(t))
            .count();
        if titles >= 2 && next.is_none_or(|n| !is_column_title(n)) {
            self.columns = Some(titles.min(3));
            return true;
        }
        false
    }

    /// Where a row's figures end when an unlabelled total follows them at
    /// once: the run's last `columns` figures are the total.
    fn total_after_row(&self, words: &[String], i: usize, current: &[String]) -> Option<usize> {
        let starts_run = current.last().is_none_or(|w| figure(w).is_none());
        if !(self.in_table && starts_run && current.first().is_some_and(|w| is_row_code(w))) {
            return None;
        }
        let run = words[i..]
            .iter()
            .take_while(|w| figure(w).is_some() && !is_row_code(w))
            .count();
        if words[i..i + run].iter().any(|w| !plain_figure(w)) {
            return None;
        }
        let columns = self.columns.unwrap_or(run / 2);
        (columns >= 2 && run >= 2 * columns).then(|| i + run - columns)
    }

    /// Whether the table's heading at `i` (`len` words) starts the table:
    /// rows or column titles follow, or nothing else on the line.
    fn table_follows(words: &[String], i: usize, len: usize) -> bool {
        let last = &words[i + len - 1];
        let after = &words[i + len..];
        if is_dots(last) || after.first().is_some_and(|w| is_dots(w)) {
            return false;
        }
        after.is_empty()
            || after
                .iter()
                .take(TABLE_LOOKAHEAD)
                .enumerate()
                .any(|(k, w)| {
                    is_row_code(w)
                        || (is_column_title(w)
                            && after.get(k + 1).is_some_and(|n| is_column_title(n)))
                })
    }

    /// Cuts one long line into the lines of its structure.
    pub fn split(&mut self, text: &str) -> Vec<String> {
        let words = words_joining_percent(text);
        let mut segments: Vec<Vec<String>> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        let mut cut_at: Option<usize> = None;
        let mut i = 0;
        while i < words.len() {
            if !current.is_empty() && (cut_at == Some(i) || self.breaks_before(&words, i)) {
                // A chapter number before the table's heading goes with it.
                let carried = table_heading_len(&words, i)
                    .and_then(|_| current.last().filter(|w| is_section_number(w)).cloned());
                if carried.is_some() {
                    current.pop();
                }
                segments.push(std::mem::take(&mut current));
                current.extend(carried);
            }
            if let Some(len) = table_heading_len(&words, i) {
                current.extend(words[i..i + len].iter().cloned());
                if Self::table_follows(&words, i, len) {
                    self.in_table = true;
                    segments.push(std::mem::take(&mut current));
                }
                i += len;
                continue;
            }
            if plain_figure(&words[i]) {
                cut_at = self.total_after_row(&words, i, &current).or(cut_at);
            }
            current.push(words[i].clone());
            if self.breaks_after(&words, i, &current) {
                segments.push(std::mem::take(&mut current));
            }
            i += 1;
        }
        segments.push(current);
        self.lone_points(segments)
    }

    /// Gives the number that ends a "Rubriker" list (its last item, or the
    /// "Rubriker" line when the bullets are lost) a line of its own.
    fn lone_points(&mut self, segments: Vec<Vec<String>>) -> Vec<String> {
        let mut out = Vec::new();
        for segment in segments.into_iter().filter(|s| !s.is_empty()) {
            let first = segment[0].as_str();
            let rubriker = fold_name(first) == "rubriker";
            self.in_list = rubriker || (self.in_list && is_bullet(first));
            out.extend(points_apart(segment, self.in_list, rubriker));
        }
        out
    }
}

/// A segment of a "Rubriker" list, its ending points apart.
fn points_apart(mut segment: Vec<String>, in_list: bool, rubriker: bool) -> Vec<String> {
    let points = segment.last().is_some_and(|w| {
        figure(w).is_some_and(|f| !f.percent && f.value.tenths() <= AREA_MAX.tenths())
    });
    let before_is_word = segment.len() >= 2 && figure(&segment[segment.len() - 2]).is_none();
    let label_only = rubriker && segment.len() == 3 && fold_name(&segment[1]) == "poäng";
    if in_list && points && before_is_word && !label_only {
        let number = segment.pop();
        let mut out = vec![segment.join(" ")];
        out.extend(number);
        out
    } else {
        vec![segment.join(" ")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        Splitter::default().split(text)
    }

    #[test]
    fn cuts_a_chapter_page_where_its_parts_begin() {
        let lines = split(
            "text före Område 1 Offentlighet och demokrati Rubriker Poäng • Strategi för \
             demokratiutveckling • Medborgardialog 66 Allmänt För att stärka demokratin. \
             Styrkor Förbättringsmöjligheter • Tydligt • Bra Sammanfattande kommentarer Inom område 1, Offentlighet",
        );
        assert_eq!(
            lines,
            vec![
                "text före",
                "Område 1 Offentlighet och demokrati",
                "Rubriker Poäng",
                "• Strategi för demokratiutveckling",
                "• Medborgardialog",
                "66",
                "Allmänt För att stärka demokratin.",
                "Styrkor Förbättringsmöjligheter",
                "• Tydligt",
                "• Bra",
                "Sammanfattande kommentarer",
                "Inom område 1, Offentlighet",
            ]
        );
    }

    #[test]
    fn tells_contents_from_headings_with_points() {
        let lines = split(
            "Innehåll 1 Vad är Kommunkompassen?... 3 Område 1 Offentlighet och demokrati 49 poäng... 6 \
             Område 2 Brukarfokus, tillgänglighet och bemötande 61 poäng 9 Område 3 Politisk styrning 73 poäng Allmänt Text",
        );
        assert_eq!(
            lines,
            vec![
                "Innehåll 1 Vad är Kommunkompassen?... 3",
                "Område 1 Offentlighet och demokrati 49 poäng... 6",
                "Område 2 Brukarfokus, tillgänglighet och bemötande 61 poäng 9",
                "Område 3 Politisk styrning 73 poäng",
                "Allmänt Text",
            ]
        );
    }

    #[test]
    fn cuts_the_score_table_into_rows() {
        let lines = split(
            "prosa 4. Översikt av poängfördelning 1. Offentlighet och demokrati Uppnått Max Procent \
             1.1 Strategi för demokratiutveckling 13 20 63% 1.2 Kommunens information 5 10 48 % 66 100 66% \
             2. Samhällsutveckling Uppnått Max Procent 2.1 Agenda 2030 24 30 80% Totalt 557 800",
        );
        assert_eq!(
            lines,
            vec![
                "prosa",
                "4. Översikt av poängfördelning",
                "1. Offentlighet och demokrati Uppnått Max Procent",
                "1.1 Strategi för demokratiutveckling 13 20 63%",
                "1.2 Kommunens information 5 10 48%",
                "66 100 66%",
                "2. Samhällsutveckling Uppnått Max Procent",
                "2.1 Agenda 2030 24 30 80%",
                "Totalt 557 800",
            ]
        );
        // Two columns, no percent: the total follows the last row's figures.
        let lines = split(
            "Poängsammanställning Område 1 Offentlighet Poäng Max 1.1 Strategi 13 20 1.2 Agenda 2030 53 80 66 100 Område 2 Tillgänglighet",
        );
        assert_eq!(
            lines,
            vec![
                "Poängsammanställning",
                "Område 1 Offentlighet Poäng Max",
                "1.1 Strategi 13 20",
                "1.2 Agenda 2030 53 80",
                "66 100",
                "Område 2 Tillgänglighet",
            ]
        );
    }

    #[test]
    fn a_contents_line_naming_the_table_starts_no_table() {
        let mut s = Splitter::default();
        let lines = s.split(
            "Innehåll: 1. Vad är Kommunkompassen? 4. Poängsammanställning Barbro Östberg, Göteborgs Stad 3. Text",
        );
        assert_eq!(
            lines,
            vec![
                "Innehåll: 1. Vad är Kommunkompassen?",
                "4. Poängsammanställning Barbro Östberg, Göteborgs Stad 3. Text"
            ]
        );
        assert!(!s.in_table);
        let lines =
            s.split("Område 8 Samhällsbyggare Översikt av poängfördelning Kortfakta om X... 34");
        assert_eq!(lines[1], "Översikt av poängfördelning Kortfakta om X... 34");
        assert!(!s.in_table);
    }
}
