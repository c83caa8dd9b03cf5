//! Splitting a two-column block ("Styrkor" | "Förbättringsmöjligheter") laid
//! out side by side, as `pdftotext -layout` extracts it. The split is made
//! only where it is certain: every line must have a clear gap at the column
//! the header shows, or lie wholly on one side of it.

use super::normalize::Line;

/// How far (in characters) a column's text may start from its header.
const TOLERANCE: usize = 6;

/// Where the second column starts, when the header line is laid out in two
/// columns ("Styrkor        Förbättringsmöjligheter").
pub fn second_column(header_raw: &str) -> Option<usize> {
    let chars: Vec<char> = header_raw.chars().collect();
    let mut i = chars.iter().position(|c| !c.is_whitespace())?;
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    let gap_start = i;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    (i - gap_start >= 2 && i < chars.len()).then_some(i)
}

fn text_of(chars: &[char]) -> String {
    chars
        .iter()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line split at `column`: (left, right); `None` when text runs across it.
fn split_line(raw: &str, column: usize) -> Option<(String, String)> {
    let chars: Vec<char> = raw.chars().collect();
    let low = column.saturating_sub(TOLERANCE);
    let high = column + TOLERANCE;
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let last = chars.iter().rposition(|c| !c.is_whitespace())?;
    if first >= low {
        return Some((String::new(), text_of(&chars)));
    }
    // A word starting near the column after a gap of two spaces or more.
    let start = (low..=high.min(last))
        .filter(|&s| {
            !chars[s].is_whitespace() && s >= 2 && chars[s - 1] == ' ' && chars[s - 2] == ' '
        })
        .min_by_key(|&s| s.abs_diff(column));
    match start {
        Some(start) => Some((text_of(&chars[..start]), text_of(&chars[start..]))),
        // Nothing reaches the column: the left column alone.
        None if last < column => Some((text_of(&chars), String::new())),
        None => None,
    }
}

/// Splits the lines at `column` into the left and right column's lines, or
/// `None` when any line does not split cleanly.
pub fn split(lines: &[Line], column: usize) -> Option<(Vec<String>, Vec<String>)> {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for line in lines {
        let (l, r) = split_line(line.raw(), column)?;
        if !l.is_empty() {
            left.push(l);
        }
        if !r.is_empty() {
            right.push(r);
        }
    }
    Some((left, right))
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    const BLOCK: &str = "\
Styrkor                                    Förbättringsmöjligheter
Demokrati och dialog är ett av de nio      Fortsätta utveckla medborgardialogen
övergripande strategiska målen             vad avser systematik

Medborgarinitiativ                         Avvikelserapportering vid
                                           situationer av hat eller hot";

    #[test]
    fn splits_a_clean_two_column_layout() {
        let lines = normalize(BLOCK);
        let column = second_column(lines[0].raw()).unwrap();
        assert_eq!(column, 43);
        let (left, right) = split(&lines[1..], column).unwrap();
        assert_eq!(
            left,
            vec![
                "Demokrati och dialog är ett av de nio",
                "övergripande strategiska målen",
                "Medborgarinitiativ"
            ]
        );
        assert_eq!(right.len(), 4);
        assert_eq!(right[3], "situationer av hat eller hot");
    }

    #[test]
    fn follows_a_column_that_starts_left_of_its_centred_title() {
        let lines = normalize(
            "Styrkor                          Förbättringsmöjligheter\n\
             En styrka                    En förbättring\n\
             Längre text om styrkan\n",
        );
        let column = second_column(lines[0].raw()).unwrap();
        let (left, right) = split(&lines[1..], column).unwrap();
        assert_eq!(left, vec!["En styrka", "Längre text om styrkan"]);
        assert_eq!(right, vec!["En förbättring"]);
    }

    #[test]
    fn refuses_to_split_text_that_runs_across_the_column() {
        let lines = normalize(
            "Styrkor      Förbättringsmöjligheter\nEn lång rad som går rakt över kolumnen utan mellanrum",
        );
        let column = second_column(lines[0].raw()).unwrap();
        assert_eq!(split(&lines[1..], column), None);
        assert_eq!(second_column("Styrkor Förbättringsmöjligheter"), None);
    }
}
