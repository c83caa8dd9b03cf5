//! What the sender adds on the send form, read at the edge: the address
//! where the report or figures are published (required, http or https),
//! a contact address and a message (both optional), each within its cap.
//! Stored as text as written (line breaks as `\n`), never interpreted.

use super::entry::caps;
use crate::domain::text::is_web_address;

/// A field of the send form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderField {
    Source,
    Contact,
    Message,
}

/// Why a field was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    NotAWebAddress,
    TooLong { max: usize },
}

/// The sender's fields, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub source_url: String,
    pub contact: Option<String>,
    pub message: Option<String>,
}

/// Line breaks as `\n` (a browser sends `\r\n`), the ends trimmed.
pub fn plain(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

fn capped(text: &str, max: usize) -> Result<String, FieldProblem> {
    let text = plain(text);
    if text.chars().count() > max {
        Err(FieldProblem::TooLong { max })
    } else {
        Ok(text)
    }
}

fn optional(text: &str, max: usize) -> Result<Option<String>, FieldProblem> {
    capped(text, max).map(|t| (!t.is_empty()).then_some(t))
}

/// Reads the three fields; every problem at once.
pub fn read(
    source: &str,
    contact: &str,
    message: &str,
) -> Result<Sender, Vec<(SenderField, FieldProblem)>> {
    let mut problems = Vec::new();
    let source = capped(source, caps::SOURCE_CHARS).and_then(|s| {
        if s.is_empty() {
            Err(FieldProblem::Missing)
        } else if !is_web_address(&s) {
            Err(FieldProblem::NotAWebAddress)
        } else {
            Ok(s)
        }
    });
    let contact = optional(contact, caps::CONTACT_CHARS);
    let message = optional(message, caps::MESSAGE_CHARS);
    let mut keep =
        |field, r: Result<_, FieldProblem>| r.map_err(|p| problems.push((field, p))).ok();
    let source = keep(SenderField::Source, source.map(Some));
    let contact = keep(SenderField::Contact, contact);
    let message = keep(SenderField::Message, message);
    match (source, contact, message) {
        (Some(Some(source_url)), Some(contact), Some(message)) if problems.is_empty() => {
            Ok(Sender {
                source_url,
                contact,
                message,
            })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_required_and_a_web_address_and_every_field_is_capped() {
        let ok = read(" https://www.kumla.se/rapport.pdf ", "", "Hej\r\nrad två").unwrap();
        assert_eq!(ok.source_url, "https://www.kumla.se/rapport.pdf");
        assert_eq!(ok.contact, None);
        assert_eq!(ok.message.as_deref(), Some("Hej\nrad två"));
        assert_eq!(
            read("", "", "").unwrap_err(),
            [(SenderField::Source, FieldProblem::Missing)]
        );
        for bad in ["javascript:alert(1)", "www.kumla.se", "https://a b.se"] {
            assert_eq!(
                read(bad, "", "").unwrap_err(),
                [(SenderField::Source, FieldProblem::NotAWebAddress)],
                "{bad}"
            );
        }
        let long = "x".repeat(caps::MESSAGE_CHARS + 1);
        let contact = "y".repeat(caps::CONTACT_CHARS + 1);
        assert_eq!(
            read("https://kumla.se", &contact, &long).unwrap_err(),
            [
                (
                    SenderField::Contact,
                    FieldProblem::TooLong {
                        max: caps::CONTACT_CHARS
                    }
                ),
                (
                    SenderField::Message,
                    FieldProblem::TooLong {
                        max: caps::MESSAGE_CHARS
                    }
                ),
            ]
        );
        // Text is kept as text.
        let odd = read("https://kumla.se", "<b>", "<script>\u{1b}[2J").unwrap();
        assert_eq!(odd.message.as_deref(), Some("<script>\u{1b}[2J"));
    }
}
