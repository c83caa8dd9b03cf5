//! "Att förbättra": the profile's priorities (`domain::answer::priorities`)
//! in Swedish: the lowest sub-areas and those that fell, or the areas
//! furthest below the reference, and, where figures were not published, a
//! sentence asking for the report with the contribution form prefilled.
//! The municipality page and its summary page both render it.

use maud::{Markup, html};

use crate::domain::answer::priorities::{AreaGap, Basis, Missing, Priorities, SubareaShare};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Score, SubareaCode};
use crate::views::format::{self, and_list};
use crate::views::reference::label;

#[derive(Debug, Clone, PartialEq)]
pub struct PrioritiesSection {
    /// What the list is, or why there is none.
    pub lead: String,
    /// The sub-areas or areas named, lowest first.
    pub items: Vec<Item>,
    /// Sub-areas that fell since an earlier evaluation of the same
    /// criteria: its sentence and the items; none without one.
    pub fallen: Option<(String, Vec<Item>)>,
    /// The figures not published, and where to send the report.
    pub invite: Option<Invite>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// "1.2 Kommunens information till medborgarna".
    pub name: String,
    /// "5 av 10 poäng (48 %)".
    pub figures: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub sentence: String,
    /// `/bidra?kommun=0381&ar=2018`.
    pub href: String,
}

fn subarea_name(
    data: &Dataset,
    s: &StoredEvaluation,
    code: SubareaCode,
    printed: Option<&str>,
) -> String {
    let name = printed.map(str::to_string).or_else(|| {
        data.catalogue
            .revision(s.evaluation.revision)
            .and_then(|r| r.subarea(code))
            .map(|d| d.name.clone())
    });
    match name {
        Some(n) => format!("{code} {n}"),
        None => code.to_string(),
    }
}

fn area_name(data: &Dataset, s: &StoredEvaluation, n: AreaNumber) -> String {
    data.catalogue
        .revision(s.evaluation.revision)
        .and_then(|r| r.area(n))
        .map_or_else(|| format!("Område {n}"), |a| format!("{n} {}", a.name))
}

/// "Kumlas", "Strängnäs": a name's genitive (a name ending in s, x or z
/// takes none).
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

/// A share in per mille as whole per cent, rounded half up.
fn per_cent(per_mille: i64) -> String {
    ((per_mille + 5) / 10).to_string()
}

fn lowest_item(data: &Dataset, s: &StoredEvaluation, l: &SubareaShare<'_>) -> Item {
    let sa = l.subarea;
    Item {
        name: subarea_name(data, s, sa.code, sa.name.as_deref()),
        figures: format!(
            "{} av {} poäng ({} %)",
            sa.points.to_swedish(),
            sa.max.to_swedish(),
            per_cent(l.per_mille)
        ),
    }
}

fn gap_item(data: &Dataset, s: &StoredEvaluation, g: &AreaGap, reference: &str) -> Item {
    Item {
        name: area_name(data, s, g.area),
        figures: format!(
            "{} poäng, {} under {reference} ({})",
            g.points.to_swedish(),
            Score::from_tenths(
                g.below_tenths(),
                g.points.decimals().max(g.reference.decimals())
            )
            .to_swedish(),
            g.reference.to_swedish()
        ),
    }
}

/// "/bidra?kommun=0381&ar=2018": the contribution forms, prefilled with
/// the evaluation.
pub fn contribute_href(s: &StoredEvaluation) -> String {
    format!(
        "/bidra?kommun={}&ar={}",
        s.evaluation.municipality, s.evaluation.year
    )
}

fn invite(m: &Missing<'_>) -> Invite {
    let year = m.evaluation.evaluation.year;
    let areas: Vec<String> = m.areas.iter().map(|a| a.to_string()).collect();
    let sentence = match (areas.as_slice(), m.subareas) {
        ([], _) => format!(
            "Poängen per delområde från {year} har inte publicerats i källorna kompass har hittat; med dem visas här de svagaste delområdena."
        ),
        (all, _) if all.len() == AreaNumber::ALL.len() => format!(
            "Poängen per område och delområde från {year} har inte publicerats i källorna kompass har hittat."
        ),
        ([one], _) => format!(
            "Område {one} från {year} har inte publicerats i källorna kompass har hittat, och inte heller delområdena."
        ),
        (some, _) => format!(
            "Områdena {} från {year} har inte publicerats i källorna kompass har hittat, och inte heller delområdena.",
            and_list(some)
        ),
    };
    Invite {
        sentence,
        href: contribute_href(m.evaluation),
    }
}

/// The section for the priorities `p` of the municipality `name`.
pub fn model(data: &Dataset, name: &str, p: &Priorities<'_>) -> PrioritiesSection {
    let s = p.evaluation;
    let year = s.evaluation.year;
    let criteria = format::revision_short(&data.catalogue, s.evaluation.revision);
    let names = genitive(name);
    let (lead, items, fallen) = match &p.basis {
        Basis::Subareas {
            lowest,
            since,
            fallen,
        } => {
            let fallen = since.map(|before| {
                let when = before.evaluation.year;
                let items: Vec<Item> = fallen
                    .iter()
                    .map(|f| Item {
                        name: subarea_name(data, s, f.subarea.code, f.subarea.name.as_deref()),
                        figures: format!(
                            "från {} till {} poäng ({} → {} %)",
                            f.previous.points.to_swedish(),
                            f.subarea.points.to_swedish(),
                            per_cent(f.previous_per_mille),
                            per_cent(f.per_mille),
                        ),
                    })
                    .collect();
                let sentence = if items.is_empty() {
                    format!("Inget delområde gick ned sedan {when} (samma kriterier).")
                } else {
                    format!("Delområden som gick ned sedan {when} (samma kriterier, störst nedgång först):")
                };
                (sentence, items)
            });
            (
                format!(
                    "Delområdena där {name} {year} fick lägst andel av maxpoängen, lägst först:"
                ),
                lowest.iter().map(|l| lowest_item(data, s, l)).collect(),
                fallen,
            )
        }
        Basis::Areas {
            reference: None, ..
        } => (
            format!(
                "Det finns inget jämförelsevärde per område för kriterierna från {criteria}, så kompass kan inte peka ut vilka av {names} områden som ligger lägst i förhållande till andra."
            ),
            vec![],
            None,
        ),
        Basis::Areas {
            reference: Some(r),
            below,
        } => {
            let l = label(r);
            let lead = if !r.has_areas() {
                format!(
                    "Jämförelsevärdet ({l}) har inga siffror per område, så {names} områden {year} kan inte ställas mot det."
                )
            } else if below.is_empty() {
                format!("Inget av {names} publicerade områden {year} ligger under {l}.")
            } else {
                format!("De områden där {name} {year} ligger längst under {l}:")
            };
            (
                lead,
                below.iter().map(|g| gap_item(data, s, g, &l)).collect(),
                None,
            )
        }
        Basis::TotalOnly => (
            format!(
                "Bara totalpoängen har publicerats för {name}, så det går inte att se vilka områden som behöver förbättras."
            ),
            vec![],
            None,
        ),
    };
    PrioritiesSection {
        lead,
        items,
        fallen,
        invite: p.missing.as_ref().map(invite),
    }
}

fn list(items: &[Item]) -> Markup {
    html! {
        ol.priorities {
            @for i in items {
                li { strong { (i.name) } " – " (i.figures) }
            }
        }
    }
}

pub fn render(section: &PrioritiesSection) -> Markup {
    html! {
        p { (section.lead) }
        @if !section.items.is_empty() { (list(&section.items)) }
        @if let Some((sentence, items)) = &section.fallen {
            p { (sentence) }
            @if !items.is_empty() { (list(items)) }
        }
        @if let Some(i) = &section.invite {
            p.invite {
                (i.sentence) " Har ni rapporten? " a href=(i.href) { "Skicka in den här" } "."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::views::testdata::bundled;

    fn section(code: &str) -> PrioritiesSection {
        let data = bundled();
        let p = profile(data, code.parse().unwrap()).unwrap();
        model(data, &p.municipality.name, p.priorities.as_ref().unwrap())
    }

    #[test]
    fn kumla_lists_its_lowest_sub_areas_and_has_nothing_missing() {
        let kumla = section("1881");
        let names: Vec<&str> = kumla.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "1.2 Kommunens information till medborgarna",
                "4.3 Nya arbetssätt och ny teknik som ökar effektivitet",
                "5.4 Information kring kommunens serviceutbud",
                "4.4 Samverkan för effektivitet",
                "1.3 Medborgarnas möjlighet till dialog med politiken",
                "4.2 Jämförelser för effektivitet",
                "6.4 Samverkan för kvalitetsutveckling",
            ],
            "five lowest, and the two more at 60 % like the fifth"
        );
        assert_eq!(kumla.items[0].figures, "5 av 10 poäng (48 %)");
        assert_eq!(kumla.fallen, None, "no earlier evaluation with sub-areas");
        assert_eq!(kumla.invite, None);
    }

    #[test]
    fn enkoping_invites_the_report_for_areas_3_to_8() {
        let enkoping = section("0381");
        assert!(enkoping.items.is_empty());
        assert!(
            enkoping.lead.contains("(Kommunernas genomsnitt 2018) har inga siffror per område, så Enköpings områden 2018"),
            "{}",
            enkoping.lead
        );
        let invite = enkoping.invite.unwrap();
        assert_eq!(
            invite.sentence,
            "Områdena 3, 4, 5, 6, 7 och 8 från 2018 har inte publicerats i källorna kompass har hittat, och inte heller delområdena."
        );
        assert_eq!(invite.href, "/bidra?kommun=0381&ar=2018");
        let html = render(&section("0381")).into_string();
        assert!(html.contains(
            r#"Har ni rapporten? <a href="/bidra?kommun=0381&amp;ar=2018">Skicka in den här</a>."#
        ));
    }

    #[test]
    fn areas_below_the_reference_where_no_sub_areas_were_published() {
        let grastorp = section("1444");
        assert_eq!(
            grastorp.items,
            vec![Item {
                name: "4 Ledarskap, ansvar och delegation".into(),
                figures: "53 poäng, 2 under Genomsnitt, de 40 senaste utvärderingarna 2014 (55)"
                    .into()
            }]
        );
        assert!(
            section("0486")
                .lead
                .starts_with("Inget av Strängnäs publicerade områden"),
            "a name ending in s takes no genitive s"
        );
        // Vallentuna 2021: eight areas against Sverigesnitt 2021, none below.
        let vallentuna = section("0115");
        assert!(vallentuna.items.is_empty());
        assert_eq!(
            vallentuna.lead,
            "Inget av Vallentunas publicerade områden 2021 ligger under Sverigesnitt 2021."
        );
        assert_eq!(
            vallentuna.invite.map(|i| i.href),
            Some("/bidra?kommun=0115&ar=2021".into())
        );
        // Örebro: 2015 printed only its total; the areas are 2012's.
        let orebro = section("1880");
        assert_eq!(
            orebro.invite.map(|i| i.href),
            Some("/bidra?kommun=1880&ar=2015".into())
        );
    }
}
