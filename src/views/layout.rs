//! The page frame every HTML page shares.

use maud::{DOCTYPE, Markup, html};

pub struct PageMeta<'a> {
    pub title: &'a str,
    pub description: &'a str,
}

pub fn layout(meta: &PageMeta<'_>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="sv" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (meta.title) " – kompass" }
                meta name="description" content=(meta.description);
            }
            body {
                header { a href="/" { "kompass" } }
                main id="innehall" { (body) }
            }
        }
    }
}
