//! Report prose made readable. Text extracted from a PDF keeps the page's
//! hard line breaks ("Demokrati och dialog är ett av de nio" /
//! "övergripande strategiska målen"); these functions join them again,
//! keeping real paragraph breaks (a blank line) and list items. They take
//! the text as a `&str` and nothing else, so they work wherever the text
//! comes from (the loaded dataset or a read on demand).

/// A piece of reflowed prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// Running prose (a summary): paragraphs at blank lines, the lines within
/// each joined; lines that start with a list marker ("- ", "• ", "1. ")
/// become a list.
pub fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chunk in chunks(text) {
        let mut prose: Vec<&str> = Vec::new();
        let mut list: Vec<String> = Vec::new();
        for line in chunk {
            match strip_marker(line) {
                Some(item) => {
                    flush_paragraph(&mut prose, &mut blocks);
                    list.push(item.to_string());
                }
                None if !list.is_empty() && !starts_a_sentence(line) => {
                    if let Some(last) = list.last_mut() {
                        join_line(last, line);
                    }
                }
                None => {
                    flush_list(&mut list, &mut blocks);
                    prose.push(line);
                }
            }
        }
        flush_paragraph(&mut prose, &mut blocks);
        flush_list(&mut list, &mut blocks);
    }
    blocks
}

/// A column of points (strengths, improvements), each point wrapped over
/// short lines without a marker: a line that starts with a capital letter
/// starts a new point, unless the line before it cannot end one (it ends
/// with a comma, a dash or a word such as "och" or "för"). Lines with a
/// marker always start a point.
pub fn items(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut previous: Option<&str> = None;
    for chunk in chunks(text) {
        for line in chunk {
            let marked = strip_marker(line);
            let new_item = marked.is_some()
                || previous.is_none()
                || (starts_a_sentence(line) && previous.is_some_and(can_end_a_point));
            let line = marked.unwrap_or(line);
            match out.last_mut() {
                Some(last) if !new_item => join_line(last, line),
                _ => out.push(line.to_string()),
            }
            previous = Some(line);
        }
        // A blank line always ends a point.
        previous = None;
    }
    out
}

/// The first sentence of reflowed prose: up to the first ".", "!" or "?"
/// followed by a space and a capital letter (so "t.ex. Kumla" and "bl.a."
/// inside a sentence do not end it), else all of it.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(i, end), (_, space), (_, next)] = w else {
            continue;
        };
        if matches!(end, '.' | '!' | '?') && *space == ' ' && next.is_uppercase() {
            let before = &text[..*i];
            let word = before.rsplit(' ').next().unwrap_or("");
            // "ex." or "t.ex." before a name is an abbreviation, not an end.
            if !CONTINUING.contains(&format!("{word}.").as_str()) {
                return &text[..i + end.len_utf8()];
            }
        }
    }
    text
}

/// `text` cut to at most `max` characters at a word boundary, with "…"
/// where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches([',', ';', ':', ' ', '-', '–'])
    )
}

/// The text's paragraphs (split at blank lines), each as its trimmed,
/// non-empty lines.
fn chunks(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![vec![]];
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if out.last().is_some_and(|c| !c.is_empty()) {
                out.push(vec![]);
            }
        } else if let Some(current) = out.last_mut() {
            current.push(line);
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Appends a wrapped line to what it continues.
fn join_line(to: &mut String, line: &str) {
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(line);
}

fn flush_paragraph(lines: &mut Vec<&str>, blocks: &mut Vec<Block>) {
    if !lines.is_empty() {
        let mut text = String::new();
        for line in lines.drain(..) {
            join_line(&mut text, line);
        }
        blocks.push(Block::Paragraph(text));
    }
}

fn flush_list(items: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if !items.is_empty() {
        blocks.push(Block::List(std::mem::take(items)));
    }
}

/// The line without its list marker, when it has one: "- ", "• ", "– ",
/// "* ", "· ", "1. ", "2) ".
fn strip_marker(line: &str) -> Option<&str> {
    for marker in ["- ", "• ", "– ", "* ", "· ", "\u{2022}\t", "-\t"] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start()).filter(|r| !r.is_empty());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &line[digits..];
        if let Some(after) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(after.trim_start()).filter(|r| !r.is_empty());
        }
    }
    None
}

/// Whether a line starts as a new sentence or point would: a capital
/// letter or a digit.
fn starts_a_sentence(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Words after which a point goes on: a line ending with one of them is
/// continued by the next, even when that starts with a capital (a name).
const CONTINUING: &[&str] = &[
    "och", "eller", "samt", "men", "i", "av", "för", "med", "till", "på", "om", "att", "som",
    "vid", "från", "mot", "under", "efter", "inom", "kring", "mellan", "genom", "utan", "hos",
    "en", "ett", "de", "den", "det", "dess", "vars", "ex.", "t.ex.", "bl.a.",
];

/// Whether a line can be the last of a point.
fn can_end_a_point(line: &str) -> bool {
    if line.ends_with([',', ';', ':', '-', '–', '/', '(', '&']) {
        return false;
    }
    let last = line
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    !CONTINUING.contains(&last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kumla 2020, area 1: the strengths and improvements as extracted,
    /// the two columns run together.
    const KUMLA_AREA_1: &str = "Demokrati och dialog är ett av de nio
övergripande strategiska målen
Riktlinjer för medborgardialog framtagna i
projektsamarbete. Aktiviteter som svarar
upp mot den strategiska viljeriktningen och
riktlinjer
Medborgarinitiativ
Övergripande strategi kring
kommunikation. Kumla betonar i ord och
handling vikten av information för att
öppna upp för dialog i det demokratiska
rummet
Kommentera gärna det som läggs ut på
resultatportalen. Gärna utifrån de mål och
den ambitionsnivå ni haft. Blev det som ni
ville?";

    #[test]
    fn points_wrapped_over_short_lines_are_joined() {
        let points = items(KUMLA_AREA_1);
        assert_eq!(
            points,
            vec![
                "Demokrati och dialog är ett av de nio övergripande strategiska målen",
                "Riktlinjer för medborgardialog framtagna i projektsamarbete. Aktiviteter som svarar upp mot den strategiska viljeriktningen och riktlinjer",
                "Medborgarinitiativ",
                "Övergripande strategi kring kommunikation. Kumla betonar i ord och handling vikten av information för att öppna upp för dialog i det demokratiska rummet",
                "Kommentera gärna det som läggs ut på resultatportalen. Gärna utifrån de mål och den ambitionsnivå ni haft. Blev det som ni ville?",
            ]
        );
    }

    #[test]
    fn a_name_after_a_word_that_goes_on_stays_in_its_point() {
        let points = items("Samverkan med\nKumlas föreningar\nNästa punkt");
        assert_eq!(
            points,
            vec!["Samverkan med Kumlas föreningar", "Nästa punkt"]
        );
        let marked = items("- första punkten\nsom fortsätter\n- Andra\n\nEfter en tom rad");
        assert_eq!(
            marked,
            vec!["första punkten som fortsätter", "Andra", "Efter en tom rad"]
        );
    }

    #[test]
    fn a_first_sentence_and_a_shortened_point() {
        assert_eq!(
            first_sentence(
                "Inom område 4 finns en medvetenhet. Kumla växer och planeringen förefaller hänga med."
            ),
            "Inom område 4 finns en medvetenhet."
        );
        assert_eq!(
            first_sentence("Stöd, t.ex. Politikerportalen, och bl.a. Mer. Sedan"),
            "Stöd, t.ex. Politikerportalen, och bl.a. Mer.",
            "an abbreviation before a capital is no end"
        );
        assert_eq!(first_sentence(" Utan punkt "), "Utan punkt");
        assert_eq!(shorten("Kort text", 20), "Kort text");
        let long = "Hållbarhetsdimensionerna är tydligt kopplade till styrning och uppföljning";
        let short = shorten(long, 40);
        assert_eq!(short, "Hållbarhetsdimensionerna är tydligt…");
        assert!(short.chars().count() <= 40);
    }

    #[test]
    fn prose_keeps_paragraphs_and_lists_and_joins_the_rest() {
        let text = "Inom område 1 finns\nPolitikerportalen på webben.\n\nAndra stycket\nfortsätter här.\n- en punkt\nsom bryts\n- en till\nSista meningen.";
        assert_eq!(
            paragraphs(text),
            vec![
                Block::Paragraph("Inom område 1 finns Politikerportalen på webben.".into()),
                Block::Paragraph("Andra stycket fortsätter här.".into()),
                Block::List(vec!["en punkt som bryts".into(), "en till".into()]),
                Block::Paragraph("Sista meningen.".into()),
            ]
        );
        assert_eq!(paragraphs("  \n\n "), vec![]);
        assert_eq!(
            paragraphs("1. Ett\n2) Två"),
            vec![Block::List(vec!["Ett".into(), "Två".into()])]
        );
    }
}
