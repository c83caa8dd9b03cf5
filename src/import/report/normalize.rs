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
    /// The line with its indentation and inner spacing kept (column layouts
    /// from `pdftotext -layout` are read from it); trailing space removed.
    pub raw: String,
    /// The line trimmed on both sides.
    pub text: String,
    /// Whether one or more blank lines came before it.
    pub blank_before: bool,
}

impl Line {
    /// The words of the line.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.text.split_whitespace()
    }

    /// The trimmed text with every run of spaces collapsed to one.
    pub fn collapsed(&self) -> String {
        self.words().collect::<Vec<_>>().join(" ")
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
    out.nfc().collect::<String>().trim_end().to_string()
}

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
        // "2 (26)", also at the end of a running header or footer.
        [.., n, m] => {
            number(n)
                && paren_number(m)
                && n.parse::<u32>().ok() <= m.trim_matches(['(', ')']).parse::<u32>().ok()
        }
        _ => false,
    }
}

/// Splits text into lines the way editors count them (CRLF, LF and a lone CR
/// each end a line) and normalises each; blank lines and page furniture are
/// dropped but counted.
pub fn normalize(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut number: u32 = 0;
    let mut blank_before = false;
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    for line in unified.split('\n') {
        number = number.saturating_add(1);
        let raw = clean(line);
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_page_furniture(trimmed) {
            blank_before = true;
            continue;
        }
        out.push(Line {
            number,
            text: trimmed.to_string(),
            raw,
            blank_before,
        });
        blank_before = false;
    }
    out
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
        assert_eq!(lines[1].raw, " andra");
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
