//! The page shown for 404s and other errors: a proper page, never a trace.

use maud::{Markup, html};

use super::layout::{PageMeta, layout};

pub fn render(status: u16, message: &str, suggestions: &[(String, String)]) -> Markup {
    let title = match status {
        404 => "Sidan finns inte",
        400 => "Felaktig adress",
        _ => "Något gick fel",
    };
    layout(
        &PageMeta::new(title, message),
        html! {
            div.error-page {
                p.eyebrow { "Fel " (status) }
                h1 { (title) }
                p.lead { (message) }
                @if !suggestions.is_empty() {
                    h2 { "Menade du:" }
                    ul.suggestions {
                        @for (label, href) in suggestions {
                            li { a href=(href) { (label) } }
                        }
                    }
                }
                form.search-box role="search" aria-label="Sök kommun på sidan" action="/sok" method="get" {
                    label for="sok-fel" { "Sök kommun" }
                    div.search-row {
                        input #sok-fel type="search" name="q" autocomplete="off";
                        button type="submit" { "Sök" }
                    }
                }
                p { a href="/" { "Till startsidan" } " · " a href="/kommuner" { "Alla kommuner" } }
            }
        },
    )
}
