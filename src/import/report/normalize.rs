//! Normalising extracted report text into `Line`s: one per non-blank line,
//! keeping its number in the original text, with the typographic noise of
//! PDF extraction removed (BOM, CR, NBSP, soft hyphens, ligatures, zero-width
//! characters, decomposed letters), so that the parsers see plain words.

use unicode_normalization::UnicodeNormalization;

/// One non-blank line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the text as given (what an editor shows).
    pub number: u32,
    /// The line trimmed on both sides.
    pub text: String,
    /// The line as `raw` gives it, when it differs from `text` (it is
    /// indented): most lines are not, and a large report is then held once.
    indented: Option<String>,
    /// Whether one or more blank lines came before it.
    pub blank_before: bool,
}

impl Line {
    /// A line as given (trailing space removed: `clean` does that).
    fn new(number: u32, raw: String, blank_before: bool) -> Self {
        let text = raw.trim_start();
        if text.len() == raw.len() {
            Line {
                number,
                text: raw,
                indented: None,
                blank_before,
            }
        } else {
            Line {
                number,
                text: text.to_string(),
                indented: Some(raw),
                blank_before,
            }
        }
    }

    /// A line whose raw text is its text (trimmed on both sides).
    pub fn plain(number: u32, text: String, blank_before: bool) -> Self {
        Line {
            number,
            text,
            indented: None,
            blank_before,
        }
    }

    /// The line with its indentation and inner spacing kept (column layouts
    /// from `pdftotext -layout` are read from it); trailing space removed.
    pub fn raw(&self) -> &str {
        self.indented.as_deref().unwrap_or(&self.text)
    }

    /// The words of the line.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text.split_whitespace()
    }

    /// The trimmed text with every run of spaces collapsed to one.
    pub fn collapsed(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        self.collapse_into(&mut out);
        out
    }

    /// `collapsed`, written at the end of `out`.
    pub fn collapse_into(&self, out: &mut String) {
        for (i, word) in self.words().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
}

enum Replace {
    Drop,
    Keep,
    With(&'static str),
}

/// What becomes of one character: invisible ones go, look-alikes become plain.
fn replacement(c: char) -> Replace {
    Replace::With(match c {
        '\u{feff}' | '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => {
            return Replace::Drop;
        }
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        '\u{ff05}' => "%",
        // Non-breaking and thin spaces, tabs and page feeds are spacing.
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{2002}' | '\u{2003}' | '\t'
        | '\u{c}' | '\u{b}' => " ",
        c if c.is_control() => " ",
        _ => return Replace::Keep,
    })
}

fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match replacement(c) {
            Replace::Drop => {}
            Replace::Keep => out.push(c),
            Replace::With(s) => out.push_str(s),
        }
    }
    // Most lines are already composed: then the only copy is `out`.
    let mut out = if unicode_normalization::is_nfc(&out) {
        out
    } else {
        out.nfc().collect::<String>()
    };
    out.truncate(out.trim_end().len());
    out.shrink_to_fit();
    out
}

/// The lines of a text as editors count them: CRLF, LF and a lone CR each
/// end a line (without copying the text to unify them).
pub fn editor_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\r', '\n']) {
            Some(i) => {
                let skip = if current[i..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[i + skip..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The most words a running header or footer has.
const FURNITURE_WORDS: usize = 12;

/// Page furniture that is not the report's content: "12 (26)", "Sida 3 av 26".
fn is_page_furniture(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let paren_number = |w: &str| {
        w.strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .is_some_and(number)
    };
    match words.as_slice() {
        ["Sida" | "sida", n] => number(n),
        ["Sida" | "sida", n, "av", m] => number(n) && number(m),
        // "2 (26)", also at the end of a running header or footer (a
        // page's text run into one line is more than that).
        [.., n, m] if words.len() <= FURNITURE_WORDS => {
            number(n)
                && paren_number(m)
                && n.parse::<u32>().ok() <= m.trim_matches(['(', ')']).parse::<u32>().ok()
        }
        _ => false,
    }
}

/// How many bare numbers in sequence make a run of page numbers: fewer could
/// be chapter points that happen to rise by one or two.
const PAGE_RUN: usize = 5;

/// The most lines of text a page holds; lone numbers further apart per step
/// are not page numbers (chapters span pages, so their points lie further
/// apart than that).
const PAGE_LINES: usize = 90;

/// The fewest lines of text between two page numbers (a list of lone
/// numbers, such as a chart's axis, is not a run of pages).
const PAGE_GAP: usize = 3;

/// How many separate runs of page numbers are looked for (a report may
/// restart its numbering once or twice, for an appendix).
const PAGE_RUNS: usize = 3;

/// A bare number such as a page number: one to three digits alone on a line.
fn bare_number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// The indices of bare page numbers ("24" alone on a line, as `pdftotext`
/// prints a page's footer): the longest run of bare numbers counting up by
/// one (or two, where a page has none) through the text, of at least
/// `PAGE_RUN`. A lone number outside such a run (a chapter's points, or a
/// single page number) is left for the parsers, which read it in context.
fn page_numbers(lines: &[Line]) -> Vec<usize> {
    let mut bare: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| bare_number(&l.text).map(|n| (i, n)))
        .collect();
    let mut pages = Vec::new();
    for _ in 0..PAGE_RUNS {
        // The longest run ending at each bare number, and the one before it
        // (the nearest, so that a chapter's points equal to a page number
        // give way to the page number itself).
        let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(bare.len());
        for (k, &(at, n)) in bare.iter().enumerate() {
            // Only the numbers within two pages' reach: bounded work on any input.
            let reach = (0..k)
                .rev()
                .take_while(|&j| at - bare[j].0 <= PAGE_LINES * 2);
            let before = reach
                .filter(|&j| {
                    let (at_j, n_j) = bare[j];
                    let step = n.saturating_sub(n_j) as usize;
                    n > n_j && step <= 2 && at - at_j >= PAGE_GAP && at - at_j <= PAGE_LINES * step
                })
                .max_by_key(|&j| (best[j].0, j));
            best.push(before.map_or((1, None), |j| (best[j].0 + 1, Some(j))));
        }
        let Some(end) = (0..bare.len()).max_by_key(|&k| (best[k].0, k)) else {
            break;
        };
        if best[end].0 < PAGE_RUN {
            break;
        }
        let mut run = Vec::new();
        let mut k = Some(end);
        while let Some(i) = k {
            run.push(i);
            k = best[i].1;
        }
        pages.extend(run.iter().map(|&i| bare[i].0));
        let mut taken = vec![false; bare.len()];
        for &i in &run {
            taken[i] = true;
        }
        bare = bare
            .iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(b, _)| *b)
            .collect();
    }
    pages.sort_unstable();
    pages
}

/// Drops the bare page numbers, counting them as blank lines.
fn without_page_numbers(mut lines: Vec<Line>) -> Vec<Line> {
    let pages = page_numbers(&lines);
    // In place: the lines are not held twice.
    let mut blank_before = false;
    let mut i = 0;
    lines.retain_mut(|line| {
        let page = pages.binary_search(&i).is_ok();
        i += 1;
        if page {
            blank_before = true;
            return false;
        }
        line.blank_before |= blank_before;
        blank_before = false;
        true
    });
    lines.shrink_to_fit();
    lines
}

/// Splits text into lines the way editors count them (CRLF, LF and a lone CR
/// each end a line) and normalises each; blank lines and page furniture
/// (including runs of bare page numbers) are dropped but counted.
pub fn normalize(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut number: u32 = 0;
    let mut blank_before = false;
    for line in editor_lines(text) {
        number = number.saturating_add(1);
        let raw = clean(line);
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_page_furniture(trimmed) {
            blank_before = true;
            continue;
        }
        out.push(Line::new(number, raw, blank_before));
        blank_before = false;
    }
    without_page_numbers(out)
}

/// Whether blank lines carry meaning: in text extracted with a blank line
/// after every line (as in many extractions), they do not separate paragraphs.
pub fn blank_lines_separate_paragraphs(lines: &[Line]) -> bool {
    let blanks = lines.iter().filter(|l| l.blank_before).count();
    lines.len() > 1 && blanks * 10 < lines.len() * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_line_numbers_across_blank_lines_and_line_ends() {
        let lines = normalize("\u{feff}första\r\n\r\n andra \rtredje\n\n");
        let seen: Vec<(u32, &str)> = lines.iter().map(|l| (l.number, l.text.as_str())).collect();
        assert_eq!(seen, vec![(1, "första"), (3, "andra"), (4, "tredje")]);
        assert!(lines[1].blank_before && !lines[2].blank_before);
        assert_eq!(lines[1].raw(), " andra");
        assert_eq!(lines[0].raw(), "första");
    }

    #[test]
    fn removes_typographic_noise() {
        let lines = normalize("e\u{fb00}ektiv\u{a0}styr\u{ad}ning 63\u{202f}% a\u{30a}r\u{200b}");
        assert_eq!(lines[0].text, "effektiv styrning 63 % år");
    }

    #[test]
    fn drops_page_numbers_but_not_scores() {
        let lines = normalize(
            "66\n12 (26)\nSida 3 av 26\nSveriges Kommuner och Landsting 2018-05-03 2 (26)\n66 100 66%",
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["66", "66 100 66%"]);
    }

    fn texts(text: &str) -> Vec<String> {
        normalize(text).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn drops_a_run_of_bare_page_numbers_but_keeps_lone_points() {
        let mut text = String::new();
        for page in 3..=9 {
            text.push_str(&format!("text\nmore text\nstill text\n{page}\n"));
            if page == 5 {
                text.push_str("Rubriker\n• Strategi\n66\n");
            }
        }
        let kept = texts(&text);
        assert!(kept.contains(&"66".to_string()), "{kept:?}");
        assert!(!kept.iter().any(|t| t == "4" || t == "9"), "{kept:?}");
        assert_eq!(kept.len(), 7 * 3 + 3);
        // A missing page number does not break the run.
        let gapped: String = [3, 4, 6, 7, 8]
            .iter()
            .map(|p| format!("a\nb\nc\n{p}\n"))
            .collect();
        assert_eq!(texts(&gapped).len(), 15);
    }

    #[test]
    fn keeps_lone_numbers_that_are_no_run_of_pages() {
        // Chapter points rising by one, too few to be pages.
        let points = "a\nb\nc\n61\nd\ne\nf\n62\ng\nh\ni\n63\n";
        assert_eq!(texts(points).len(), 12);
        // Numbers too close together (a chart's axis).
        assert_eq!(texts("1\n2\n3\n4\n5\n6").len(), 6);
        // Chapters far apart: more lines per step than a page holds.
        let far: String = (60..66)
            .map(|p| format!("{}{p}\n", "text\n".repeat(150)))
            .collect();
        assert_eq!(texts(&far).len(), 6 * 151);
    }

    #[test]
    fn tells_double_spaced_text_from_paragraphs() {
        assert!(!blank_lines_separate_paragraphs(&normalize(
            "a\n\nb\n\nc\n\nd"
        )));
        assert!(blank_lines_separate_paragraphs(&normalize(
            "a\nb\nc\n\nd\ne"
        )));
    }
}
