//! The page frame every HTML page shares: head (title, description, Open
//! Graph, stylesheet), a skip link, the site header with the main menu and a
//! search box, and the footer with the data links.

use maud::{DOCTYPE, Markup, html};

/// The stylesheet's address; the version makes browsers fetch a new release.
pub const STYLESHEET: &str = concat!("/assets/kompass.css?v=", env!("CARGO_PKG_VERSION"));
pub const ICON: &str = "/assets/kompass.svg";
pub const SITE_NAME: &str = "kompass";

/// Which menu entry the page belongs to (marked `aria-current`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
    Municipalities,
    Compare,
    Rankings,
    About,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// The page's absolute address (canonical link, `og:url`), when known.
    pub url: Option<String>,
    pub nav: Option<Nav>,
    /// The page's social card (`og:image`), relative to the page's address.
    pub image: Option<SocialImage>,
    /// A feed of the page's own (title, address), besides the site's.
    pub feed: Option<(String, String)>,
}

/// The site's feed of new evaluations, linked from every page.
pub const SITE_FEED: &str = "/nytt.atom";

/// An image for link previews, 1200×630. `href` is relative to the page's
/// own address (`1881/bild.png` from `/kommun/1881-kumla`), so it becomes
/// absolute on whatever public address the page has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialImage {
    pub href: String,
    pub alt: String,
}

/// `relative` resolved against the absolute `base` (RFC 3986, for a
/// reference without a scheme or leading slash): `base` up to its last `/`.
pub fn resolve(base: &str, relative: &str) -> String {
    let path_end = base.find(['?', '#']).unwrap_or(base.len());
    let dir = base[..path_end].rfind('/').map_or(path_end, |i| i + 1);
    format!("{}{relative}", &base[..dir])
}

impl PageMeta {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: description.into(),
            url: None,
            nav: None,
            image: None,
            feed: None,
        }
    }

    pub fn at(mut self, url: Option<String>) -> Self {
        self.url = url;
        self
    }

    pub fn image(mut self, href: impl Into<String>, alt: impl Into<String>) -> Self {
        self.image = Some(SocialImage {
            href: href.into(),
            alt: alt.into(),
        });
        self
    }

    pub fn feed(mut self, title: impl Into<String>, href: impl Into<String>) -> Self {
        self.feed = Some((title.into(), href.into()));
        self
    }

    pub fn nav(mut self, nav: Nav) -> Self {
        self.nav = Some(nav);
        self
    }
}

const MENU: [(Nav, &str, &str); 4] = [
    (Nav::Municipalities, "/kommuner", "Kommuner"),
    (Nav::Compare, "/jamfor", "Jämför"),
    (Nav::Rankings, "/rankning", "Rankning"),
    (Nav::About, "/om", "Om metoden"),
];

pub fn layout(meta: &PageMeta, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="sv" {
            (head(meta))
            body {
                a.skip href="#innehall" { "Hoppa till innehållet" }
                (site_header(meta))
                main #innehall.wrap tabindex="-1" { (body) }
                (site_footer())
            }
        }
    }
}

/// The `<head>`: title, description, the social card's Open Graph fields,
/// the feeds, the icon and the stylesheet.
fn head(meta: &PageMeta) -> Markup {
    let full_title = if meta.nav == Some(Nav::Home) {
        format!("{} – {SITE_NAME}", meta.title)
    } else {
        format!("{} – {SITE_NAME}: Kommunkompassen", meta.title)
    };
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (full_title) }
            meta name="description" content=(meta.description);
            @if let Some(url) = &meta.url {
                link rel="canonical" href=(url);
                meta property="og:url" content=(url);
            }
            meta property="og:title" content=(meta.title);
            meta property="og:description" content=(meta.description);
            meta property="og:type" content="website";
            meta property="og:site_name" content=(SITE_NAME);
            meta property="og:locale" content="sv_SE";
            @match (&meta.url, &meta.image) {
                (Some(url), Some(image)) => {
                    meta property="og:image" content=(resolve(url, &image.href));
                    meta property="og:image:type" content="image/png";
                    meta property="og:image:width" content="1200";
                    meta property="og:image:height" content="630";
                    meta property="og:image:alt" content=(image.alt);
                    meta name="twitter:card" content="summary_large_image";
                }
                _ => { meta name="twitter:card" content="summary"; }
            }
            meta name="theme-color" content="#1c4e80";
            link rel="alternate" type="application/atom+xml" title="kompass: nya resultat" href=(SITE_FEED);
            @if let Some((title, href)) = &meta.feed {
                link rel="alternate" type="application/atom+xml" title=(title) href=(href);
            }
            link rel="icon" href=(ICON) type="image/svg+xml";
            link rel="stylesheet" href=(STYLESHEET);
        }
    }
}

/// The site bar: name, main menu (the current page marked) and, off the
/// home page, a search box.
fn site_header(meta: &PageMeta) -> Markup {
    html! {
        header.site {
            div.wrap.site-bar {
                a.brand href="/" {
                    span.brand-name { (SITE_NAME) }
                    span.brand-tag { "Kommunkompassen som öppna data" }
                }
                nav aria-label="Huvudmeny" {
                    ul {
                        @for (nav, href, label) in MENU {
                            li {
                                @if meta.nav == Some(nav) {
                                    a href=(href) aria-current="page" { (label) }
                                } @else {
                                    a href=(href) { (label) }
                                }
                            }
                        }
                    }
                }
                @if meta.nav != Some(Nav::Home) {
                    form.header-search role="search" aria-label="Sök kommun i sidhuvudet" action="/sok" method="get" {
                        label.visually-hidden for="sok-huvud" { "Sök kommun" }
                        input #sok-huvud type="search" name="q" placeholder="Sök kommun" autocomplete="off";
                        button type="submit" { "Sök" }
                    }
                }
            }
        }
    }
}

fn site_footer() -> Markup {
    html! {
        footer.site {
            div.wrap {
                p {
                    "kompass samlar de resultat från Kommunkompassen som kommunerna själva har publicerat. "
                    "Kommunkompassen är ett utvärderingsverktyg från Sveriges Kommuner och Regioner (SKR); "
                    "kompass är inte en del av SKR."
                }
                ul.footer-links {
                    li { a href="/om" { "Om metoden och källorna" } }
                    li { a href="/data/kompass.xlsx" { "Alla uppgifter (Excel)" } }
                    li { a href="/data/datapackage.json" { "Datapaket (JSON)" } }
                    li { a href="/api" { "API" } }
                    li { a href="/bidra" { "Bidra med en utvärdering" } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_resolve_against_the_pages_own_address() {
        assert_eq!(
            resolve("https://x.se/kommun/1881-kumla", "1881/bild.png"),
            "https://x.se/kommun/1881/bild.png"
        );
        assert_eq!(
            resolve(
                "https://x.se/portal/jamfor?kommun=1881,0115",
                "jamfor/bild.png?kommun=1881,0115"
            ),
            "https://x.se/portal/jamfor/bild.png?kommun=1881,0115"
        );
        assert_eq!(
            resolve("http://127.0.0.1:8080/rankning", "rankning/bild.png"),
            "http://127.0.0.1:8080/rankning/bild.png"
        );
    }

    #[test]
    fn a_page_with_an_image_gets_a_large_card() {
        let meta = PageMeta::new("Kumla", "d")
            .at(Some("http://h/kommun/1881-kumla".into()))
            .image("1881/bild.png", "Kumla: 557 poäng");
        let page = layout(&meta, html! {}).into_string();
        assert!(
            page.contains(r#"<meta property="og:image" content="http://h/kommun/1881/bild.png">"#)
        );
        assert!(page.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        let plain = layout(&PageMeta::new("Om", "d"), html! {}).into_string();
        assert!(plain.contains(r#"<meta name="twitter:card" content="summary">"#));
        assert!(!plain.contains("og:image"));
    }

    #[test]
    fn every_page_has_language_title_description_and_open_graph() {
        let meta = PageMeta::new("Kumla", "Kumlas resultat <2020>")
            .at(Some("http://127.0.0.1/kommun/1881-kumla".into()))
            .nav(Nav::Municipalities);
        let page = layout(&meta, html! { p { "x" } }).into_string();
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"sv\">"));
        assert!(page.contains("<title>Kumla – kompass: Kommunkompassen</title>"));
        assert!(
            page.contains(r#"<meta name="description" content="Kumlas resultat &lt;2020&gt;">"#)
        );
        assert!(page.contains(r#"<meta property="og:title" content="Kumla">"#));
        assert!(
            page.contains(
                r#"<meta property="og:url" content="http://127.0.0.1/kommun/1881-kumla">"#
            )
        );
        assert!(page.contains(r#"<a href="/kommuner" aria-current="page">"#));
    }
}
