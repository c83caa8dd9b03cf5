//! The receipt for a contribution sent to the inbox: its reference, what
//! was sent (every text the sender wrote shown as text), what it would
//! change, and what happens next. And the pages that refuse a send: too
//! many from one address, the inbox full, a form from another site.

use maud::{Markup, html};

use super::send::ComparisonView;
use crate::views::layout::{PageMeta, layout};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptView {
    /// "B-2026-0007".
    pub reference: String,
    /// "Kumla, november 2020".
    pub evaluation: String,
    /// "rapporten kumla-2020.pdf".
    pub received: String,
    pub source: String,
    pub contact: Option<String>,
    pub message: Option<String>,
    pub comparison: ComparisonView,
    /// The municipality's page.
    pub municipality_href: Option<String>,
}

pub fn render(view: &ReceiptView) -> Markup {
    let meta = PageMeta::new(
        format!("Inskickad: {}", view.reference),
        "Kvitto på en utvärdering som skickats in till kompass.",
    );
    layout(
        &meta,
        html! {
            p.eyebrow { "Bidra · inskickad" }
            h1 { "Tack! Utvärderingen är inskickad" }
            div.note.verdict.receipt {
                p.note-heading { "Referens: " strong #referens { (view.reference) } }
                p { "Ange referensen om du vill fråga om det du skickat in." }
            }
            h2 { "Det här skickades in" }
            dl.plain.facts {
                dt { "Utvärdering" } dd { (view.evaluation) }
                dt { "Underlag" } dd { (view.received) }
                dt { "Källa" } dd.source { (view.source) }
                dt { "Kontakt" }
                dd { @match &view.contact { Some(c) => (c), None => span.missing { "ingen angiven" } } }
                dt { "Meddelande" }
                dd.message { @match &view.message { Some(m) => (m), None => span.missing { "inget" } } }
                @if let Some(summary) = &view.comparison.summary {
                    dt { "Jämfört med det kompass har" }
                    dd {
                        (summary)
                        @if !view.comparison.changes.is_empty() {
                            ul.changes { @for c in &view.comparison.changes { li { (c) } } }
                        }
                        @for w in &view.comparison.warnings { br; strong { (w) } }
                    }
                }
            }
            h2 { "Vad händer nu?" }
            ol.steps {
                li { "Utvärderingen ligger i kompass inkorg. Den som driver webbplatsen jämför den med källan." }
                li { "Godtas den läggs den in bland uppgifterna. På kommunens sida står det då att den är inskickad via kompass och när den granskades." }
                li { "Din kontaktuppgift och ditt meddelande visas aldrig och läggs inte in bland uppgifterna; de finns bara i inkorgen, om något behöver frågas." }
            }
            p {
                a href="/bidra" { "Skicka en annan rapport" }
                @if let Some(href) = &view.municipality_href {
                    " · " a href=(href) { "Kommunens sida" }
                }
            }
        },
    )
}

/// Why a send was refused: a heading and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many sends from one address this hour; try again after so many minutes.
    TooMany { per_hour: u32, minutes: u64 },
    /// The inbox holds as much as it takes.
    Full,
    /// A form sent from another site.
    CrossSite,
    /// This site sends contributions elsewhere (`--contribute-to`).
    Elsewhere,
    /// A form larger than any review carries.
    TooLarge { megabytes: usize },
}

pub fn refusal(r: Refusal, elsewhere: Option<(&str, &str)>) -> Markup {
    let (title, text) = match r {
        Refusal::TooMany { per_hour, minutes } => (
            "För många inskickningar",
            format!(
                "Från din adress har det skickats in {per_hour} utvärderingar den senaste timmen, \
                 så många som tas emot. Försök igen om {minutes} minuter. Inget av det du skickade nu sparades."
            ),
        ),
        Refusal::Full => (
            "Inkorgen är full",
            "Inkorgen för inskickade utvärderingar är full just nu och tar inte emot fler förrän \
             den som driver webbplatsen har gått igenom dem. Inget sparades. Ladda ner \
             utvärderingsfilen från granskningen och försök igen senare."
                .to_string(),
        ),
        Refusal::CrossSite => (
            "Skickat från en annan webbplats",
            "Formuläret skickades från en annan webbplats än kompass, så det togs inte emot. \
             Skicka in utvärderingen från granskningen på /bidra."
                .to_string(),
        ),
        Refusal::TooLarge { megabytes } => (
            "För stort för att skickas in",
            format!(
                "Det som skickades in är större än de {megabytes} MB som tas emot. En rapports text \
                 är långt mindre; skicka in från granskningen på /bidra."
            ),
        ),
        Refusal::Elsewhere => (
            "Inskickningar tas emot på annat sätt",
            "Den här webbplatsen tar inte emot utvärderingar i en inkorg.".to_string(),
        ),
    };
    layout(
        &PageMeta::new(title, &text),
        html! {
            div.error-page {
                p.eyebrow { "Bidra" }
                h1 { (title) }
                p.lead { (text) }
                @if let Some((href, label)) = elsewhere {
                    p { "Skicka filen till " a href=(href) { (label) } "." }
                }
                p { a href="/bidra" { "Till Bidra" } " · " a href="/" { "Till startsidan" } }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_sender_wrote_is_shown_as_text() {
        let view = ReceiptView {
            reference: "B-2026-0007".into(),
            evaluation: "Örebro, 2022".into(),
            received: "rapporten r.txt".into(),
            source: "https://example.se/\"><script>alert(1)</script>".into(),
            contact: Some("<img src=x onerror=alert(1)>".into()),
            message: Some("Hej!\n<script>alert(1)</script>".into()),
            comparison: ComparisonView::default(),
            municipality_href: Some("/kommun/1880-orebro".into()),
        };
        let html = render(&view).into_string();
        assert!(html.contains("B-2026-0007"));
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(
            html.contains("Hej!\n&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }
}
