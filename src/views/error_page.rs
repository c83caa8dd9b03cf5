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
        &PageMeta {
            title,
            description: message,
        },
        html! {
            h1 { (title) }
            p { (message) }
            @if !suggestions.is_empty() {
                p { "Menade du:" }
                ul {
                    @for (label, href) in suggestions {
                        li { a href=(href) { (label) } }
                    }
                }
            }
            p { a href="/" { "Till startsidan" } }
        },
    )
}
