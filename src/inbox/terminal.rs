//! Text from a sender, printed in a curator's terminal: control characters
//! (ESC, CR, BEL, ...) and the characters that reorder text (bidirectional
//! overrides) are written as escapes (`\x1b`, `\r`, `\u{202e}`), so nothing
//! sent can move the cursor, recolour or hide what the curator reads. Line
//! breaks stay line breaks where a text may have several.

use std::fmt::Write as _;

/// Characters that change how the text around them is shown.
fn reorders(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(c: char, out: &mut String) {
    match c {
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        c if (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// One line: every control character escaped, a line break too.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || reorders(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Several lines: line breaks kept (each following line indented by
/// `indent`), every other control character escaped.
pub fn lines(text: &str, indent: &str) -> String {
    text.split('\n')
        .map(line)
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_printed_as_escapes() {
        assert_eq!(line("a\u{1b}[31mröd\u{1b}[0m"), "a\\x1b[31mröd\\x1b[0m");
        assert_eq!(line("rad\r\nny\u{7}"), "rad\\r\\nny\\x07");
        assert_eq!(line("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(line("\u{85}"), "\\x85");
        assert_eq!(line("Hej, Kumla! <script>"), "Hej, Kumla! <script>");
        assert_eq!(lines("ett\ntvå\u{1b}", "  "), "ett\n  två\\x1b");
    }
}
