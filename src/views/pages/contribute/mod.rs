//! `/bidra`: contribute an evaluation from the browser. The start page with
//! the form for a report (a PDF, its text, or an evaluation file); the
//! review of what was sent (`review.rs`), the form for figures printed only
//! on a web page (`figures.rs`), the evaluation file's format for those who
//! fill it in by hand (`file_format.rs`), and the import's messages in
//! Swedish (`swedish.rs`); sending a reviewed evaluation to the inbox
//! (`send.rs`) and its receipt (`receipt.rs`). Reading and checking store
//! nothing; only "Skicka in" puts an evaluation in the inbox.

pub mod figures;
pub mod file_format;
pub mod prefill;
pub mod receipt;
pub mod review;
pub mod send;
pub mod swedish;

use maud::{Markup, html};

use crate::domain::dataset::Dataset;
use crate::views::layout::{PageMeta, layout};
use prefill::Prefill;

/// The largest upload, as the pages say it.
pub const MAX_UPLOAD_TEXT: &str = "20 MB";

/// Where evaluations go, as the page shows it: an address (label) set
/// with `--contribute-to`, else (none) the site's own inbox.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SendTo(pub Option<(String, String)>);

/// How to send an evaluation in: with "Skicka in" on the review, to the
/// inbox; or the file, to the address the site is set up with.
pub fn send_in(to: &SendTo) -> Markup {
    html! {
        @match &to.0 {
            Some((href, label)) => {
                p {
                    "Skicka filen till " a href=(href) { (label) } ". "
                    "Skriv också var rapporten eller siffrorna finns publicerade (adressen), "
                    "så att filen kan granskas mot källan innan den läggs in."
                }
                p.hint {
                    "Den som tar emot filen kontrollerar den med "
                    code { "kompass check" }
                    ", som visar samma granskning som den här sidan, och lägger den bland de inbyggda uppgifterna."
                }
            }
            None => {
                p {
                    "Går alla kontroller igenom skickar du in utvärderingen med knappen Skicka in på "
                    "granskningen, tillsammans med adressen där rapporten eller siffrorna finns publicerade. "
                    "Den hamnar i kompass inkorg och du får en referens."
                }
                p.hint {
                    "Den som driver webbplatsen går igenom inkorgen med "
                    code { "kompass inbox" }
                    ", ser samma granskning som den här sidan och jämför med källan innan utvärderingen läggs in."
                }
            }
        }
    }
}

/// What else a sender can do: figures from a web page (with the
/// evaluation named, if one is), or the file by hand; and what is missing.
pub fn other_ways(named: &Prefill) -> Markup {
    html! {
        ul.link-cards {
            li {
                a href=(named.href("/bidra/siffror")) { "Siffror som bara finns på en webbsida" }
                p { "Till exempel ett pressmeddelande om ”557 av 800 poäng”: fyll i kommun, år och poäng i ett formulär." }
            }
            li {
                a href="/bidra/filformat" { "Fyll i utvärderingsfilen för hand" }
                p { "Om rapporten inte går att läsa automatiskt: filformatet, fält för fält, med ett exempel." }
            }
            li {
                a href="/saknas" { "Utvärderingar som saknar siffror" }
                p { "De utvärderingar kompass vet har gjorts men saknar poäng för, med en länk hit för var och en." }
            }
        }
    }
}

/// The start page: the form for a report, how it works, where it goes;
/// with an evaluation named (`?kommun=1880&ar=2010`), that evaluation first
/// and both forms filled in with it.
pub fn render(to: &SendTo, url: Option<String>, data: &Dataset, named: &Prefill) -> Markup {
    let meta = PageMeta::new(
        "Bidra med en utvärdering",
        "Skicka en rapport från Kommunkompassen: kompass läser den, kontrollerar siffrorna \
         och låter dig skicka in utvärderingen för granskning.",
    )
    .at(url);
    layout(
        &meta,
        html! {
            h1 { "Bidra med en utvärdering" }
            p.lead {
                "Många kommuners resultat finns bara i en rapport på kommunens webbplats. "
                "Skicka rapporten hit: kompass läser den, visar vad som står i den och låter dig "
                "skicka in utvärderingen. Inget sparas förrän du själv skickar in den."
            }
            @if !named.is_empty() { (prefill::intro(data, named)) }
            form.panel.upload action="/bidra" method="post" enctype="multipart/form-data" {
                div.field {
                    label for="rapport" { "Rapporten som PDF eller text" }
                    input #rapport type="file" name="rapport"
                        accept=".pdf,.txt,.toml,application/pdf,text/plain"
                        aria-describedby="rapport-hint";
                    p #rapport-hint.hint {
                        "PDF-filen, texten ur den (.txt) eller en utvärderingsfil (.toml), högst "
                        (MAX_UPLOAD_TEXT) "."
                    }
                }
                div.field {
                    label for="text" { "… eller klistra in rapportens text" }
                    textarea #text name="text" rows="6" aria-describedby="text-hint" {}
                    p #text-hint.hint { "Markera allt i PDF:en, kopiera och klistra in här. Används bara om ingen fil är vald." }
                }
                (prefill::report_fields(data, named))
                button type="submit" { "Läs och granska" }
            }
            h2 { "Så går det till" }
            ol.steps {
                li { "kompass läser rapporten: kommun, datum, utvärderingens nummer, kriterieversion och varje område och delområde, med raden i rapporten där siffran står." }
                li { "Siffrorna kontrolleras som för varje utvärdering: mot kommunregistret och kriterierna, och med hänsyn till avrundning ska delområdena summera till områdets poäng." }
                li { "Går allt igenom ser du vad utvärderingen ändrar i det kompass har, och kan ladda ner den som en fil (.toml). Går något inte igenom står det var och varför." }
                li { "Du skickar in utvärderingen. Den granskas mot källan och läggs in bland uppgifterna." }
            }
            h2 { "Andra sätt att bidra" }
            (other_ways(named))
            h2 { "Skicka in utvärderingen" }
            (send_in(to))
            h2 { "Vad händer med det du skickar?" }
            p {
                "Granskningen sparar ingenting: sidan läser det du skickar, kontrollerar det och lämnar "
                "tillbaka resultatet, och filen finns inte kvar på servern när svaret är skickat. "
                "Först när du trycker Skicka in sparas utvärderingen, rapportens text (inte PDF:en), "
                "källans adress och det du skriver i inkorgen. Din kontaktuppgift och ditt meddelande "
                "visas aldrig; bara utvärderingen läggs in bland uppgifterna, om den godtas."
            }
        },
    )
}
