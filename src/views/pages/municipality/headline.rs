//! The change card at the top of the municipality page: how the total
//! changed between the two latest evaluations that published one (marked
//! when they used different criteria, with the crosswalk's confidence), the
//! source's own statement where the figures cannot give the change, or a
//! plain sentence saying why no change can be shown.

use maud::{Markup, html};

use crate::domain::answer::changes::{Changes, Headline};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Change, Confidence, StatedChange};
use crate::views::format;

#[derive(Debug, Clone, PartialEq)]
pub enum ChangeCard {
    Computed {
        change: Change,
        from_year: i32,
        to_year: i32,
        /// Set when the two used different criteria: "2016" → "2019/2020",
        /// and how comparable their totals are ("svag").
        criteria: Option<(String, String, String)>,
    },
    Stated {
        change: Change,
        since: i32,
        /// "kumla.se".
        source_name: String,
        source_url: String,
        quote: Option<String>,
        /// Why the figures cannot give it.
        why: String,
        /// The two evaluations' criteria, when they differ.
        criteria: Option<(String, String)>,
    },
    /// Why no change can be shown.
    Sentence(String),
}

fn years(list: &[i32]) -> String {
    format::and_list(&list.iter().map(i32::to_string).collect::<Vec<_>>())
}

pub fn model(data: &Dataset, changes: &Changes<'_>) -> ChangeCard {
    let criteria = |r| format::revision_short(&data.catalogue, r);
    match &changes.headline {
        Headline::Computed => {
            let Some(step) = &changes.latest_total else {
                return ChangeCard::Sentence("Förändringen kan inte räknas ut.".into());
            };
            let (p, l) = (&step.previous.evaluation, &step.latest.evaluation);
            match step.total.change {
                Some(change) => ChangeCard::Computed {
                    change,
                    from_year: p.year,
                    to_year: l.year,
                    criteria: step.crosses_revision.then(|| {
                        (
                            criteria(p.revision),
                            criteria(l.revision),
                            step.total
                                .confidence
                                .map_or(Confidence::None, |c| c)
                                .label_sv()
                                .to_string(),
                        )
                    }),
                },
                None => ChangeCard::Sentence("Förändringen kan inte räknas ut.".into()),
            }
        }
        Headline::Stated {
            stated,
            earlier,
            latest,
        } => stated_card(data, stated, *earlier, latest),
        Headline::NoTotal => ChangeCard::Sentence(
            "Ingen totalpoäng har publicerats, så förändringen kan inte räknas ut.".into(),
        ),
        Headline::First => ChangeCard::Sentence(
            "Det här är den enda kända utvärderingen, så det finns ingen förändring att visa."
                .into(),
        ),
        Headline::OneTotal {
            latest,
            earlier_without,
        } => {
            let list: Vec<i32> = earlier_without.iter().map(|s| s.evaluation.year).collect();
            ChangeCard::Sentence(if list.is_empty() {
                format!(
                    "Totalpoängen har bara publicerats för {}, så förändringen kan inte räknas ut.",
                    latest.evaluation.year
                )
            } else {
                format!(
                    "Kan inte räknas ut: totalpoängen från {} har inte publicerats.",
                    years(&list)
                )
            })
        }
    }
}

/// The source's own statement of the change, with why the figures cannot
/// give it (the earlier evaluation's figures unpublished, or not in kompass).
fn stated_card(
    data: &Dataset,
    stated: &StatedChange,
    earlier: Option<&StoredEvaluation>,
    latest: &StoredEvaluation,
) -> ChangeCard {
    let criteria = |r| format::revision_short(&data.catalogue, r);
    ChangeCard::Stated {
        criteria: earlier
            .filter(|e| e.evaluation.revision != latest.evaluation.revision)
            .map(|e| {
                (
                    criteria(e.evaluation.revision),
                    criteria(latest.evaluation.revision),
                )
            }),
        change: stated.change,
        since: stated.since,
        source_name: stated.source_name(),
        source_url: stated.source.clone(),
        quote: stated.quote.clone(),
        why: match earlier {
            Some(_) => format!(
                "Poängen från {} har inte publicerats, så kompass kan inte räkna ut förändringen själv.",
                stated.since
            ),
            None => format!(
                "Utvärderingen {} finns inte i kompass, så förändringen kan inte räknas ut här.",
                stated.since
            ),
        },
    }
}

fn change_class(c: &Change) -> &'static str {
    match c.tenths().signum() {
        1 => "big change up",
        -1 => "big change down",
        _ => "big change",
    }
}

/// The card, as an item of the key figures.
pub fn render(card: &ChangeCard) -> Markup {
    html! {
        @match card {
            ChangeCard::Computed { change, from_year, to_year, criteria } => {
                li.change-card {
                    span.label { "Förändring sedan " (from_year) }
                    span class=(change_class(change)) { (change.to_swedish_signed()) }
                    span.label { "poäng, " (from_year) " → " (to_year) }
                    @if let Some((from, to, confidence)) = criteria {
                        span.label.caveat {
                            strong { "Olika kriterier" } " (" (from) " → " (to) "), jämförbarhet " (confidence) ". "
                            a href="/om#total" { "Varför?" }
                        }
                    }
                }
            }
            ChangeCard::Stated { change, since, source_name, source_url, quote, why, criteria } => {
                li.change-card {
                    span.label { "Enligt " a href=(source_url) { (source_name) } }
                    span class=(change_class(change)) { (change.to_swedish_signed()) }
                    span.label { "poäng jämfört med " (since) }
                    @if let Some(q) = quote { span.label { "”" (q) "”" } }
                    span.label.caveat {
                        "Källans uppgift, inte uträknad. " (why)
                        @if let Some((from, to)) = criteria {
                            " " strong { "Olika kriterier" } " (" (from) " → " (to) "). "
                            a href="/om#total" { "Varför?" }
                        }
                    }
                }
            }
            ChangeCard::Sentence(text) => {
                li.change-card {
                    span.label { "Förändring" }
                    span.label.caveat { (text) }
                }
            }
        }
    }
}

/// The card in one line, for the social card and the embed, so they say the
/// same figure as the page: "+45 poäng sedan 2019 (olika kriterier)",
/// "+137 poäng jämfört med 2017 enligt kumla.se". `None` where the page says
/// a sentence instead.
pub fn short(card: &ChangeCard) -> Option<String> {
    match card {
        ChangeCard::Computed {
            change,
            from_year,
            criteria,
            ..
        } => Some(format!(
            "{} poäng sedan {from_year}{}",
            change.to_swedish_signed(),
            if criteria.is_some() {
                " (olika kriterier)"
            } else {
                ""
            }
        )),
        ChangeCard::Stated {
            change,
            since,
            source_name,
            ..
        } => Some(format!(
            "{} poäng jämfört med {since} enligt {source_name}",
            change.to_swedish_signed()
        )),
        ChangeCard::Sentence(_) => None,
    }
}
