//! Running text made from lines, for phrases that wrap ("genomfördes i
//! november" / "2020"): the lines joined by spaces, with a way back from a
//! position in the text to the report line it came from.

use super::normalize::Line;

#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub text: String,
    /// (byte offset where a line starts, its line number, offset where it ends).
    lines: Vec<(usize, u32, usize)>,
}

impl Prose {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a Line> + Clone) -> Self {
        // Sized once: no room grown to twice what the text needs.
        let (count, len) = lines
            .clone()
            .into_iter()
            .fold((0, 0), |(n, len), l| (n + 1, len + l.text.len() + 1));
        let mut p = Prose {
            text: String::with_capacity(len),
            lines: Vec::with_capacity(count),
        };
        for line in lines {
            if !p.text.is_empty() {
                p.text.push(' ');
            }
            let start = p.text.len();
            line.collapse_into(&mut p.text);
            p.lines.push((start, line.number, p.text.len()));
        }
        p
    }

    /// The report line of a byte offset in `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        let i = self.lines.partition_point(|(start, _, _)| *start <= offset);
        self.lines
            .get(i.saturating_sub(1))
            .map_or(0, |(_, number, _)| *number)
    }

    /// Where the line holding `offset` starts in `text`.
    pub fn line_start(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|(start, _, _)| *start <= offset);
        self.lines
            .get(i.saturating_sub(1))
            .map_or(0, |(start, _, _)| *start)
    }

    /// The sentence holding `offset`: from just after the sentence end
    /// before it to its own end (or the text's ends).
    pub fn sentence_around(&self, offset: usize) -> (usize, usize) {
        let (Some(before), Some(after)) = (self.text.get(..offset), self.text.get(offset..)) else {
            return (0, self.text.len());
        };
        let start = before.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        let end = after
            .find(['.', '!', '?'])
            .map_or(self.text.len(), |i| offset + i);
        (start, end)
    }

    /// Whether `offset` is the end of a line (just past its last character).
    pub fn is_line_end(&self, offset: usize) -> bool {
        self.lines.iter().any(|(_, _, end)| *end == offset)
    }

    /// Where the line numbered `number` starts in `text`.
    pub fn start_of_line(&self, number: u32) -> Option<usize> {
        self.lines
            .iter()
            .find(|(_, n, _)| *n == number)
            .map(|(start, _, _)| *start)
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    #[test]
    fn maps_offsets_back_to_lines() {
        let lines = normalize("genomfördes i\n\nnovember   2020\nslut.");
        let p = Prose::of(&lines);
        assert_eq!(p.text, "genomfördes i november 2020 slut.");
        let at = p.text.find("2020").unwrap();
        assert_eq!(p.line_at(at), 3);
        assert_eq!(p.line_at(0), 1);
        assert!(p.is_line_end(at + 4));
        assert_eq!(p.start_of_line(3), p.text.find("november"));
        assert_eq!(p.line_start(at), p.text.find("november").unwrap());
    }

    #[test]
    fn finds_the_sentence_around_an_offset() {
        let p = Prose::of(&normalize("Först. Sedan kom\n2020 och mer. Slut"));
        let at = p.text.find("2020").unwrap();
        let (start, end) = p.sentence_around(at);
        assert_eq!(&p.text[start..end], " Sedan kom 2020 och mer");
        let (start, end) = p.sentence_around(0);
        assert_eq!(&p.text[start..end], "Först");
    }
}
