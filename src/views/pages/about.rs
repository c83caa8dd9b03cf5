//! `/om`: the method in plain Swedish: what is measured, the versions of the
//! criteria, the crosswalk and its confidence, why totals across versions
//! are not strictly comparable, the sources, the licence and how to cite.

use maud::{Markup, html};

use crate::domain::snapshot::Snapshot;
use crate::domain::{Confidence, Figure, MunicipalityCode, Revision, Score};
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, figure};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::partials::table_wrap;

/// The licence of the compilation, shown on the page and in citations.
pub const LICENCE: &str = "Creative Commons Erkännande 4.0 (CC BY 4.0)";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.sv";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutPage {
    pub headings: Vec<(String, Vec<String>)>,
    pub revisions: Vec<RevisionInfo>,
    pub crosswalk: Vec<CrosswalkRow>,
    pub benchmarks: Vec<BenchmarkInfo>,
    pub evaluations: usize,
    pub data_version: String,
    pub updated: String,
    /// Kumla's total as kumla.se states its change, from the data.
    pub stated: Option<StatedExample>,
}

/// A change a source states that the figures cannot give: the total, and
/// the change as the source words it (Kumla: +137 against 2017, whose
/// figures were never published).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedExample {
    pub name: String,
    pub year: i32,
    pub total: Score,
    /// "+137".
    pub change: String,
    pub since: i32,
    /// "kumla.se".
    pub site: String,
    pub url: String,
    /// Whether the earlier evaluation's total was published.
    pub since_published: bool,
}

/// Kumla's stated change, read from the data (the one truth its page shows
/// too).
fn stated_example(data: &Snapshot) -> Option<StatedExample> {
    let code: MunicipalityCode = "1881".parse().ok()?;
    let m = data.municipality(code)?;
    data.evaluations_of(code).find_map(|s| {
        let e = &s.evaluation;
        let stated = e
            .stated_changes
            .iter()
            .find(|c| c.figure == Figure::Total)?;
        Some(StatedExample {
            name: m.name.clone(),
            year: e.year,
            total: e.total?,
            change: stated.change.to_swedish_signed(),
            since: stated.since,
            site: stated.source_name(),
            url: stated.source.clone(),
            since_published: data
                .evaluations_of(code)
                .any(|o| o.evaluation.year == stated.since && o.evaluation.total.is_some()),
        })
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionInfo {
    pub name: String,
    pub used: String,
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrosswalkRow {
    /// "2 Tillgänglighet och brukarorientering (2010) / Brukarfokus, ... (2016)".
    pub area: String,
    pub theme: String,
    pub confidence: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchmarkInfo {
    pub label: String,
    pub year: i32,
    pub criteria: String,
    pub total: Option<Score>,
    pub url: String,
}

fn confidence_text(c: Confidence) -> &'static str {
    match c {
        Confidence::Same => "samma område",
        Confidence::Strong => "stark: i stort sett samma innehåll",
        Confidence::Medium => "medel: liknande innehåll, delvis nya frågor",
        Confidence::Weak => "svag: bara delvis samma sak",
        Confidence::None => "ej jämförbar",
    }
}

pub fn model(data: &Snapshot) -> AboutPage {
    let cat = &data.catalogue;
    let revisions = cat
        .revisions
        .iter()
        .map(|r| RevisionInfo {
            name: format!("Kriterierna från {}", format::revision_short(cat, r.id)),
            used: r.used.clone(),
            areas: r
                .areas
                .iter()
                .map(|a| format!("{} {}", a.number, a.name))
                .collect(),
        })
        .collect();
    // The 2010 and 2016 areas map alike; show them side by side.
    let (v2010, v2016) = (
        cat.revision(Revision::new(2010)),
        cat.revision(Revision::new(2016)),
    );
    let crosswalk = v2010
        .map(|r| {
            r.areas
                .iter()
                .map(|a| {
                    let later = v2016
                        .and_then(|r| r.area(a.number))
                        .filter(|b| b.name != a.name);
                    CrosswalkRow {
                        area: match later {
                            Some(b) => format!("{} {} (2010), {} (2016)", a.number, a.name, b.name),
                            None => format!("{} {}", a.number, a.name),
                        },
                        theme: cat
                            .theme(a.theme)
                            .map_or_else(String::new, |t| format!("{} {}", t.number, t.name)),
                        confidence: confidence_text(a.confidence).to_string(),
                        note: a.crosswalk_note.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    AboutPage {
        headings: cat
            .headings()
            .into_iter()
            .map(|(h, numbers)| {
                let names = numbers
                    .iter()
                    .filter_map(|n| cat.theme(*n))
                    .map(|t| format!("{} {}", t.number, t.name))
                    .collect();
                (h, names)
            })
            .collect(),
        revisions,
        crosswalk,
        benchmarks: data
            .benchmarks
            .iter()
            .map(|b| BenchmarkInfo {
                label: b.label.clone(),
                year: b.year,
                criteria: format::revision_short(cat, b.revision),
                total: b.total,
                url: b.source_url.clone(),
            })
            .collect(),
        evaluations: data.evaluations.len(),
        data_version: data.derived().version.label.clone(),
        updated: data.derived().version.date(),
        stated: stated_example(data),
    }
}

// A page template: the whole page's prose, with no logic beyond choosing
// what to show; its second half is `missing_and_sources`.
pub fn render(page: &AboutPage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Om metoden",
        "Vad Kommunkompassen mäter, de olika versionerna av kriterierna, hur kompass jämför över versioner, källorna och hur du citerar uppgifterna.",
    )
    .at(url)
    .nav(Nav::About);
    layout(
        &meta,
        html! {
            h1 { "Om metoden" }
            p.lead { "Så fungerar Kommunkompassen, var siffrorna kommer ifrån och vad de går att använda till." }
            nav aria-label="På sidan" {
                ul.toc {
                    li { a href="#vad" { "Vad som mäts" } }
                    li { a href="#versioner" { "Versionerna" } }
                    li { a href="#oversattning" { "Översättningsnyckeln" } }
                    li { a href="#total" { "Totalpoäng över tid" } }
                    li { a href="#saknas" { "Saknade siffror" } }
                    li { a href="#kallor" { "Källor" } }
                    li { a href="#citera" { "Licens och citering" } }
                }
            }
            h2 #vad { "Vad som mäts" }
            p {
                "Kommunkompassen är Sveriges Kommuner och Regioners (SKR) verktyg för att analysera hur en kommun styrs och leds. "
                "En kommun beställer själv en utvärdering. Två eller tre utvärderare läser kommunens styrdokument, granskar webbplatsen och sociala medier "
                "och intervjuar 25–40 politiker, tjänstepersoner och fackliga företrädare. Resultatet blir en rapport med poäng, styrkor och förbättringsmöjligheter."
            }
            p { "Poängen sätts på åtta områden, högst 100 poäng per område och 800 totalt. Varje område består av delområden med egna maxpoäng. SKR grupperar dagens områden under fyra rubriker:" }
            dl.plain {
                @for (heading, themes) in &page.headings {
                    dt { (heading) }
                    dd { (format::and_list(themes)) }
                }
            }
            h2 #versioner { "Versionerna av kriterierna" }
            p { "Kriterierna har reviderats flera gånger. Områdenas namn, delområden och maxpoäng skiljer sig mellan versionerna. kompass avgör versionen av de områdesnamn som trycktes, inte bara av årtalet." }
            (table_wrap("Versionerna av kriterierna", html! {
                table.cards {
                    caption { "Versioner och deras åtta områden" }
                    thead { tr { th scope="col" { "Version" } th scope="col" { "Användes" } th scope="col" { "Områden" } } }
                    tbody {
                        @for r in &page.revisions {
                            tr {
                                th scope="row" { (r.name) }
                                td data-label="Användes" { (r.used) }
                                td data-label="Områden" { (r.areas.join("; ")) }
                            }
                        }
                    }
                }
            }))
            h2 #oversattning { "Översättningsnyckeln och jämförbarheten" }
            p {
                "För att kunna jämföra över versioner för kompass varje äldre område till ett av dagens åtta områden. "
                "Hur väl de motsvarar varandra anges som jämförbarhet: stark, medel, svag eller ej jämförbar. "
                "Delområden jämförs aldrig över versioner."
            }
            (table_wrap("Översättningsnyckeln", html! {
                table.cards {
                    caption { "Områdena 2010 och 2016 och dagens motsvarighet" }
                    thead { tr { th scope="col" { "Område 2010 och 2016" } th scope="col" { "Motsvarar i dag" } th scope="col" { "Jämförbarhet" } } }
                    tbody {
                        @for r in &page.crosswalk {
                            tr {
                                th scope="row" { (r.area) }
                                td data-label="Motsvarar i dag" { (r.theme) }
                                td data-label="Jämförbarhet" { (r.confidence) @if let Some(n) = &r.note { span.sub { (n) } } }
                            }
                        }
                    }
                }
            }))
            p { "Mellan 2010 och 2016 är områdena desamma till numret; två bytte namn. Kriterierna från 2002 är kopplade via motsvarande område 2010, men källorna anser att poäng före och efter 2010 inte är jämförbara: de visas, men markeras som ej jämförbara." }
            h2 #total { "Varför totalpoäng över versioner inte är helt jämförbara" }
            p {
                "Vid varje revision ändrades frågorna och kraven skärptes på flera punkter. Samma verksamhet kan därför få lägre poäng enligt nya kriterier. "
                @if let Some(k) = &page.stated {
                    "Kommunerna jämför ändå ofta sina totalpoäng över tid. " (k.name) " fick " (k.total.to_swedish()) " poäng " (k.year) ", och enligt "
                    a href=(k.url) { (k.site) } " är det " (k.change) " poäng jämfört med " (k.since) ", ”trots att Kompassen reviderats och ställer högre krav”. "
                    @if !k.since_published {
                        (k.since) " års poäng publicerades aldrig, så kompass visar förändringen som källans uppgift och räknar inte fram den själv. "
                    }
                    (k.name) "s rapport säger att jämförelser bakåt ”kan göras i viss mån”."
                } @else {
                    "Kommunerna jämför ändå ofta sina totalpoäng över tid."
                }
            }
            p { "kompass visar därför förändringar över en revision, men alltid markerade som sådana: linjer i diagrammen dras aldrig över en versionsgräns, och tabeller anger jämförbarheten. Rankningar kan filtreras på version." }
            (missing_and_sources(page))
        },
    )
}

/// The page's second half: missing figures, rounding and means, the
/// sources, and how to cite.
fn missing_and_sources(page: &AboutPage) -> Markup {
    html! {
        h2 #saknas { "Saknade siffror, avrundning och snitt" }
        p {
            "Det finns inget officiellt dataset. kompass samlar det kommunerna publicerat – ofta bara totalpoängen, ibland några områden. "
            "En siffra som inte publicerats visas som ”ej publicerat”, aldrig som noll. En utvärdering vars poäng inte publicerats visas ändå som en genomförd utvärdering. "
            "En förändring som källan bara anger i text (till exempel ”+137 poäng jämfört med 2017”) visas som källans uppgift, med källan, aldrig som en uträknad siffra. "
            "Alla utvärderingar som kompass vet har gjorts men saknar siffror för finns på "
            a href="/saknas" { "Utvärderingar utan siffror" } ", var och en med källan och ett sätt att bidra med siffrorna. "
            "Där en källa kallar en utvärdering kommunens fjärde men bara tre är kända säger kommunens sida det: kompass räknar det kommunen minst har gjort."
        }
        p {
            "Delområdenas poäng är avrundade i rapporterna, och procenten räknas på de oavrundade värdena. kompass kontrollerar därför varje summa med intervallaritmetik. "
            "Där en källa själv tryckt siffror som inte går ihop visas det som en anmärkning om uppgifternas kvalitet, med båda siffrorna: en totalpoäng som skiljer sig från summan av de åtta områdena kallas avrundning när skillnaden är högst 1 poäng, annars en skillnad i källan."
        }
        p {
            "Snitten på kompass är medelvärdet av varje kommuns senaste utvärdering enligt samma version, där siffran publicerats. Eftersom få kommuner publicerat områdespoäng bygger snitten ofta på ett fåtal kommuner; antalet står alltid bredvid. "
            "Publicerade jämförelsevärden från andra källor visas som de trycktes:"
        }
        ul {
            @for b in &page.benchmarks {
                li {
                    (b.label) " " (b.year) " (kriterierna från " (b.criteria) "), totalt " (figure(b.total)) ". "
                    a href=(b.url) { "Källa" }
                }
            }
        }
        h2 #kallor { "Källor" }
        ul {
            li { a href="https://skr.se/demokratiledningstyrning/stodforattstyraochleda/attstyraforresultat/kommunkompassenutvarderingsverktyg.683.html" { "SKR: Kommunkompassen – utvärderingsverktyg" } }
            li { "Utvärderingsrapporter (bland andra Lidköping 2002, Strängnäs 2014, Huddinge 2017, Ljungby 2018 och Kumla 2020) för kriterierna och delområdena." }
            li { "Kommunernas och lokaltidningarnas egna sidor för resultaten. Varje kommunsida på kompass anger källan för varje utvärdering." }
            li { "SCB:s kommunkoder och länsindelning." }
        }
        p { "kompass innehåller " (page.evaluations) " kända utvärderingar. Saknas en utvärdering eller är en siffra fel? Källan för varje siffra står på kommunens sida, och rättelser läggs in som nya datafiler: " a href="/bidra" { "bidra med en utvärdering" } "." }
        h2 #citera { "Licens och hur du citerar" }
        p {
            "Poängen är SKR:s och kommunernas publicerade uppgifter. Sammanställningen i kompass får användas fritt enligt "
            a href=(LICENCE_URL) { (LICENCE) } " om du anger källan."
        }
        p { "Citera gärna så här:" }
        blockquote.cite {
            "kompass – Kommunkompassen som öppna data. Dataversion " (page.data_version)
            @if !page.updated.is_empty() { ", utvärderingar t.o.m. " (page.updated) }
            ". Sammanställning av publicerade resultat från SKR:s Kommunkompassen."
        }
        p.small {
            "Versionen är datumet för den senaste utvärderingen och en kort kontrollsumma av uppgifterna: samma uppgifter ger samma version på varje dator. "
            "Versionen, licensen och källorna står också i "
            a href="/data/datapackage.json" { "datapaketet (datapackage.json)" } "."
        }
        p {
            "Ladda ner alla uppgifter: " (downloads::links(&TableFiles::new("/data/kompass", ""))) ". "
            "Filerna beskrivs i " a href="/data/datapackage.json" { "datapaketet" } ", och allt finns också via "
            a href="/api" { "API:t" } "."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn the_method_page_lists_revisions_and_the_crosswalk() {
        let p = model(bundled());
        assert_eq!(p.revisions.len(), 4);
        assert_eq!(p.crosswalk.len(), 8);
        let area2 = &p.crosswalk[1];
        assert!(
            area2
                .area
                .contains("Brukarfokus, tillgänglighet och bemötande (2016)"),
            "{}",
            area2.area
        );
        assert_eq!(area2.theme, "5 Brukarens fokus");
        assert!(area2.confidence.starts_with("medel"));
        assert_eq!(p.headings.len(), 4);
        let html = render(&p, None).into_string();
        let k = p.stated.as_ref().unwrap();
        assert_eq!(
            (k.total, k.change.as_str(), k.since),
            (Score::whole(557), "+137", 2017)
        );
        assert!(!k.since_published);
        assert!(!html.contains("420"), "no figure computed from a statement");
        for text in [
            "enligt <a href=\"https://www.kumla.se/",
            "+137 poäng jämfört med 2017",
            "2017 års poäng publicerades aldrig",
            "inte är helt jämförbara",
            "ej publicerat",
            "CC BY 4.0",
            "Citera",
        ] {
            assert!(html.contains(text), "{text}");
        }
    }
}
