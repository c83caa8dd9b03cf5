//! What a link to the form for figures (`/bidra/siffror`) fills in: the
//! municipality (`kommun`, its code), the year (`ar`), the month (`manad`),
//! the criteria (`kriterier`, "v2016") and each area's points (`omrade1` ..
//! `omrade8`, "49" or "72,5"). `/bidra` links there from a report it cannot
//! read whole, with what the text held (a Mölndal 2016 whose contents print
//! all eight areas' points): the sender checks them against the report and
//! adds where it is published. Pure: the query's pairs in, the form out,
//! and back.

use super::figures_form::FiguresForm;
use super::problem::{Problem, ProblemKind, Recognised, ReportProblem};
use crate::domain::AreaNumber;

/// The longest value a prefilled field keeps: anything longer is no code,
/// year or points.
const LONGEST: usize = 12;

/// The form as a link's query fills it; unknown names are left out.
pub fn from_query(pairs: &[(String, String)]) -> FiguresForm {
    let mut form = FiguresForm::default();
    for (name, value) in pairs {
        let value: String = value.trim().chars().take(LONGEST).collect();
        let slot = match name.as_str() {
            "kommun" => &mut form.municipality,
            "ar" => &mut form.year,
            "manad" => &mut form.month,
            "kriterier" => &mut form.revision,
            area => match area
                .strip_prefix("omrade")
                .and_then(|n| n.parse::<AreaNumber>().ok())
            {
                Some(n) => area_slot(&mut form, n),
                None => continue,
            },
        };
        *slot = value;
    }
    form
}

/// The form as a link's query fills it over `base` (the municipality and
/// year named in the address, checked against the register, and what
/// kompass holds of that evaluation): the link's other figures are laid
/// over it where given; its `kommun` and `ar` are the base's to decide, so
/// a code no municipality has fills in nothing.
pub fn over(mut base: FiguresForm, pairs: &[(String, String)]) -> FiguresForm {
    let linked = from_query(pairs);
    for (slot, value) in [
        (&mut base.month, linked.month),
        (&mut base.revision, linked.revision),
        (&mut base.area1, linked.area1),
        (&mut base.area2, linked.area2),
        (&mut base.area3, linked.area3),
        (&mut base.area4, linked.area4),
        (&mut base.area5, linked.area5),
        (&mut base.area6, linked.area6),
        (&mut base.area7, linked.area7),
        (&mut base.area8, linked.area8),
    ] {
        if !value.is_empty() {
            *slot = value;
        }
    }
    base
}

fn area_slot(form: &mut FiguresForm, n: AreaNumber) -> &mut String {
    match n.get() {
        1 => &mut form.area1,
        2 => &mut form.area2,
        3 => &mut form.area3,
        4 => &mut form.area4,
        5 => &mut form.area5,
        6 => &mut form.area6,
        7 => &mut form.area7,
        _ => &mut form.area8,
    }
}

/// The query that fills the form in with what a reader recognised: each
/// area's points where they were first found. `None` when it recognised
/// nothing the form takes.
pub fn query(recognised: &Recognised) -> Option<String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some((_, code, _)) = &recognised.municipality {
        pairs.push(("kommun".into(), code.to_string()));
    }
    if let Some((year, month, _)) = recognised.year {
        pairs.push(("ar".into(), year.to_string()));
        if let Some(m) = month {
            pairs.push(("manad".into(), m.to_string()));
        }
    }
    if let Some(r) = recognised.revision {
        pairs.push(("kriterier".into(), r.to_string()));
    }
    for n in AreaNumber::ALL {
        if let Some(p) = recognised.points.iter().find(|p| p.area == n) {
            pairs.push((format!("omrade{n}"), p.points.to_swedish()));
        }
    }
    if pairs.is_empty() {
        return None;
    }
    // Codes, years, "v2016" and "72,5" need no escaping in a query.
    let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    Some(joined.join("&"))
}

/// For a report refused as a beginning (or as a transcript that lost
/// digits): the query that fills the form in with what it held, and how
/// many areas' points that is.
pub fn of_refusal(problems: &[Problem]) -> Option<(String, usize)> {
    problems.iter().find_map(|p| {
        let recognised = match &p.kind {
            ProblemKind::Report(ReportProblem::StopsEarly(s)) => &s.recognised,
            ProblemKind::Report(ReportProblem::DigitsLost(r)) => r.as_ref(),
            _ => return None,
        };
        let areas = AreaNumber::ALL
            .iter()
            .filter(|n| recognised.points.iter().any(|f| f.area == **n))
            .count();
        query(recognised).map(|q| (q, areas))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Revision, Score};
    use crate::import::problem::{FoundPoints, PointsPlace};

    #[test]
    fn a_link_carries_what_was_recognised_and_fills_the_form_in() {
        let area = |n: usize| AreaNumber::ALL[n - 1];
        let found = |n, points: Score| FoundPoints {
            area: area(n),
            points,
            line: 2,
            place: PointsPlace::Contents,
        };
        let recognised = Recognised {
            municipality: Some(("Mölndal".into(), "1481".parse().unwrap(), 1)),
            year: Some((2016, None, 1)),
            revision: Some(Revision::new(2016)),
            points: vec![
                found(1, Score::whole(49)),
                found(2, Score::parse_printed("61,5").unwrap()),
            ],
            ..Recognised::default()
        };
        let q = query(&recognised).unwrap();
        assert_eq!(
            q,
            "kommun=1481&ar=2016&kriterier=v2016&omrade1=49&omrade2=61,5"
        );
        let pairs: Vec<(String, String)> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .chain([("okänd".to_string(), "x".to_string())])
            .collect();
        let form = from_query(&pairs);
        assert_eq!(
            (
                form.municipality.as_str(),
                form.year.as_str(),
                form.revision.as_str()
            ),
            ("1481", "2016", "v2016")
        );
        assert_eq!(
            (
                form.area1.as_str(),
                form.area2.as_str(),
                form.area3.as_str()
            ),
            ("49", "61,5", "")
        );
        assert_eq!(query(&Recognised::default()), None);
    }
}
