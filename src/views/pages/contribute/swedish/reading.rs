//! Reading what was sent (a file, its text, a PDF), in Swedish.

use super::Worded;
use crate::import::problem::{Expected, PdfProblem, ReadProblem, TomlFault};

pub(super) fn read(r: &ReadProblem) -> Worded {
    match r {
        ReadProblem::Empty => Worded::swedish("Filen är tom."),
        ReadProblem::NamedPdfButNot => Worded::swedish(
            "Filen heter .pdf men är ingen PDF: den börjar inte som en PDF (%PDF-). \
             Välj själva rapportfilen, eller klistra in rapportens text.",
        ),
        ReadProblem::PdfNotAReport => Worded::swedish(
            "PDF:ens text är ingen rapport från Kommunkompassen: den saknar ordet ”Kommunkompassen” \
             med en översiktstabell eller kapitel per område.",
        ),
        ReadProblem::Unrecognised => Worded::swedish(
            "Det här är varken en utvärderingsfil eller texten ur en rapport från Kommunkompassen \
             (den nämner ”Kommunkompassen” och har kapitel per område eller en översiktstabell).",
        ),
        ReadProblem::ReportNeedsRegisters => {
            Worded::swedish("En rapport kan inte läsas utan kommunregistret och kriterierna.")
        }
        ReadProblem::NotUtf8 { .. } => {
            Worded::swedish("Filen är inte text i UTF-8. Spara den som UTF-8, eller skicka PDF:en.")
        }
        ReadProblem::CannotRead(error) => Worded::with_english("Filen gick inte att läsa.", error),
        ReadProblem::Toml { message, fault } => toml(fault, message),
        ReadProblem::EmptyFolder => Worded::swedish(
            "Mappen innehåller inga utvärderingsfiler (.toml) eller rapporter (.txt, .pdf).",
        ),
    }
}

/// What the TOML parser found, with its own words where they are all
/// there is to say which.
fn toml(fault: &TomlFault, message: &str) -> Worded {
    match fault {
        TomlFault::MissingKey(key) => Worded::swedish(format!("Fältet {key} saknas.")),
        TomlFault::UnknownKey(key) => {
            Worded::swedish(format!("Fältet {key} finns inte i filformatet."))
        }
        TomlFault::WrongType(Expected::WholeNumber) => Worded::swedish("Ska vara ett heltal."),
        TomlFault::WrongType(Expected::Text) => Worded::swedish("Ska vara text inom citattecken."),
        TomlFault::WrongType(Expected::Other(_)) => {
            Worded::with_english("Värdet har fel form för fältet.", message)
        }
        TomlFault::Syntax => Worded::with_english("Filen går inte att läsa som TOML.", message),
    }
}

pub(super) fn pdf(p: &PdfProblem) -> Worded {
    let missing_tool = "Servern kan inte läsa PDF just nu (ett program saknas). \
                        Klistra in rapportens text i stället.";
    match p {
        PdfProblem::TempFolder { error, .. } | PdfProblem::WritePdf { error, .. } => {
            Worded::with_english("Servern kunde inte förbereda läsningen av PDF:en.", error)
        }
        PdfProblem::Launch { error, .. } => Worded::with_english(
            "Servern kunde inte starta programmet som läser PDF:en.",
            error,
        ),
        PdfProblem::LimitsMissing { .. } | PdfProblem::NotInstalled { .. } => {
            Worded::swedish(missing_tool)
        }
        PdfProblem::ReadOutput { error, .. } => {
            let text = "Servern fick inte ut texten från programmet som läser PDF:en.";
            match error {
                Some(error) => Worded::with_english(text, error),
                None => Worded::swedish(text),
            }
        }
        PdfProblem::Wait { error, .. } => {
            Worded::with_english("Programmet som läser PDF:en avbröts.", error)
        }
        PdfProblem::TooLong { megabytes } => Worded::swedish(format!(
            "PDF:ens text är längre än {megabytes} MB; en rapports text är mycket kortare."
        )),
        PdfProblem::TimedOut { seconds, .. } => Worded::swedish(format!(
            "Det tog mer än {seconds} sekunder att läsa PDF:en, så läsningen avbröts."
        )),
        PdfProblem::OutOfMemory { megabytes, .. } => Worded::swedish(format!(
            "PDF:en krävde mer minne än de {megabytes} MB som tillåts, så läsningen avbröts."
        )),
        PdfProblem::Unreadable { .. } => Worded::swedish(
            "PDF:en gick inte att läsa: den kan vara skadad, krypterad eller bara bestå av bilder.",
        ),
        PdfProblem::NotUtf8 { .. } => {
            Worded::swedish("PDF:ens text kom inte ut som UTF-8 från programmet som läser den.")
        }
    }
}
