//! The summary's prose about each area ("Inom område 3, Styrning och
//! kontroll, har Kumla ..."): from the sentence that names an area to the
//! sentence that names the next; the last runs to its paragraph's end.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::Line;
use super::prose::Prose;
use crate::domain::AreaNumber;

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    // "område 3," or "område 3 Styrning": an area named, not counted.
    Regex::new(r"(?i:område)\s+([1-8])(?:\s*[,:\u{2013}-]|\s+\p{Lu})")
        .unwrap_or_else(|e| panic!("summary pattern: {e}"))
});

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

/// Where the sentence holding `offset` starts.
fn sentence_start(text: &str, offset: usize, floor: usize) -> usize {
    text[floor..offset]
        .rfind(['.', '!', '?'])
        .map_or(floor, |i| floor + i + 1)
}

/// The end of the paragraph holding `from`: a sentence that ends a line and
/// is followed by a capital (or a blank line, where blank lines mean something).
fn paragraph_end(prose: &Prose, from: usize, paragraphs: &[usize]) -> usize {
    let bytes = prose.text.as_bytes();
    if let Some(end) = paragraphs.iter().copied().find(|&p| p > from) {
        return end;
    }
    let mut i = from;
    while let Some(found) = prose.text[i..].find(['.', '!', '?']) {
        let end = i + found + 1;
        let next_upper = prose.text[end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(char::is_uppercase);
        if prose.is_line_end(end) && next_upper {
            return end;
        }
        i = end;
        if i >= bytes.len() {
            break;
        }
    }
    prose.text.len()
}

/// The prose per area, in the order the summary names them.
pub fn read(lines: &[Line], paragraphs: bool) -> Vec<(AreaNumber, String)> {
    let kept: Vec<&Line> = lines.iter().filter(|l| !is_url(&l.text)).collect();
    let prose = Prose::of(kept.iter().copied());
    let breaks: Vec<usize> = if paragraphs {
        kept.iter()
            .filter(|l| l.blank_before)
            .filter_map(|l| prose.start_of_line(l.number))
            .map(|start| start.saturating_sub(1))
            .collect()
    } else {
        vec![]
    };
    let mut starts: Vec<(AreaNumber, usize)> = Vec::new();
    for caps in MENTION.captures_iter(&prose.text) {
        let (Some(all), Some(n)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Ok(number) = n.as_str().parse::<AreaNumber>() else {
            continue;
        };
        if starts.iter().any(|(x, _)| *x == number) {
            continue;
        }
        let floor = starts.last().map_or(0, |(_, s)| *s);
        starts.push((number, sentence_start(&prose.text, all.start(), floor)));
    }
    let mut out = Vec::new();
    for (i, (number, start)) in starts.iter().enumerate() {
        let end = match starts.get(i + 1) {
            Some((_, next)) => *next,
            None => paragraph_end(&prose, *start, &breaks),
        };
        let text = prose.text[*start..end].trim().to_string();
        if !text.is_empty() {
            out.push((*number, text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn numbered(areas: Vec<(AreaNumber, String)>) -> Vec<(u8, String)> {
        areas.into_iter().map(|(n, t)| (n.get(), t)).collect()
    }

    #[test]
    fn splits_the_summary_by_the_areas_it_names() {
        let text = "Inledning. Inom område 1, Samspel, finns \n\nportalen. Inom område 2, \n\n\
                    Samhällsutveckling är det bra.  \n\nhttp://www.skr.se/\n\n Mer om 2. Slutligen \n\n\
                    inom område 8, Chefs, vill vi framhålla ledarskapet.  \n\nEtt generellt område att utveckla.";
        let areas = numbered(read(&normalize(text), false));
        assert_eq!(
            areas,
            vec![
                (1, "Inom område 1, Samspel, finns portalen.".to_string()),
                (
                    2,
                    "Inom område 2, Samhällsutveckling är det bra. Mer om 2.".to_string()
                ),
                (
                    8,
                    "Slutligen inom område 8, Chefs, vill vi framhålla ledarskapet.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn reads_areas_named_under_headings_with_a_dash() {
        let text = "Område 1 \u{2013} Offentlighet och demokrati\nBra arbete.\nOmråde 2 \u{2013} Brukarfokus\nGod service.";
        let areas = numbered(read(&normalize(text), false));
        let numbers: Vec<u8> = areas.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, vec![1, 2]);
        assert_eq!(areas[1].1, "Område 2 \u{2013} Brukarfokus God service.");
    }

    #[test]
    fn uses_blank_lines_where_they_mark_paragraphs() {
        let text =
            "Inom område 3, Styrning, är det\nbra. Och mer\nhär.\n\nAllmän text\nsom fortsätter.";
        let areas = numbered(read(&normalize(text), true));
        assert_eq!(
            areas,
            vec![(
                3,
                "Inom område 3, Styrning, är det bra. Och mer här.".to_string()
            )]
        );
    }
}
