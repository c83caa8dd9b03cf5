//! Small pieces of Swedish presentation shared by the pages: figures with a
//! decimal comma, missing figures shown as missing, changes with their sign,
//! dates, revision names and addresses of pages.

use maud::{Markup, html};

use crate::domain::evaluation::month_name_sv;
use crate::domain::text::slug;
use crate::domain::{Catalogue, Change, Municipality, Revision, Score};

/// What a missing figure says. Never a zero, never blank.
pub const MISSING: &str = "ej publicerat";

/// A number with a decimal comma and at most one decimal: 67.66 -> "67,7".
pub fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let s = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    };
    s.replace('.', ",").replace('-', "\u{2212}")
}

/// A published figure, or a marked "ej publicerat".
pub fn figure(score: Option<Score>) -> Markup {
    match score {
        Some(s) => html! { (s.to_swedish()) },
        None => html! { span.missing { (MISSING) } },
    }
}

/// A change between two figures ("+4", "−2"), or a dash when either is missing.
pub fn change(c: Option<Change>) -> Markup {
    match c {
        Some(c) => {
            let class = match c.tenths().signum() {
                1 => "change up",
                -1 => "change down",
                _ => "change",
            };
            html! { span class=(class) { (c.to_swedish_signed()) } }
        }
        None => html! { span.missing { "–" span.visually-hidden { " ingen jämförelse" } } },
    }
}

/// "november 2020", or "2020" when the month is not known.
pub fn when(year: i32, month: Option<u8>) -> String {
    match month.and_then(month_name_sv) {
        Some(name) => format!("{name} {year}"),
        None => year.to_string(),
    }
}

/// "8 december 2026".
pub fn day(date: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    let month = u8::try_from(date.month())
        .ok()
        .and_then(month_name_sv)
        .unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

/// The revision's short name as people say it: "2010", "2016", "2019/2020".
pub fn revision_short(catalogue: &Catalogue, revision: Revision) -> String {
    catalogue
        .revision(revision)
        .map(|r| {
            r.name
                .strip_prefix("Kommunkompassen ")
                .unwrap_or(&r.name)
                .to_string()
        })
        .unwrap_or_else(|| revision.year().to_string())
}

/// "kriterierna från 2019/2020".
pub fn criteria(catalogue: &Catalogue, revision: Revision) -> String {
    format!("kriterierna från {}", revision_short(catalogue, revision))
}

/// "2010 års kriterier", "2019/2020 års kriterier": the criteria named as
/// a rank or a figure is read against them.
pub fn criteria_of(catalogue: &Catalogue, revision: Revision) -> String {
    format!("{} års kriterier", revision_short(catalogue, revision))
}

/// A whole number in Swedish, thousands apart by a no-break space: "155 696".
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// The municipality page's address: "/kommun/1881-kumla".
pub fn municipality_href(m: &Municipality) -> String {
    format!("/kommun/{}-{}", m.code, slug(&m.name))
}

/// `/bidra` with the municipality selected and, when known, the year filled
/// in, on both of its forms: "/bidra?kommun=1880&ar=2010".
pub fn bidra_href(code: &str, year: Option<i32>) -> String {
    match year {
        Some(y) => format!("/bidra?kommun={code}&ar={y}"),
        None => format!("/bidra?kommun={code}"),
    }
}

/// "1 kommun", "2 kommuner".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A name in the genitive: "Örebros", but "Borås" and "Västerås" (a name
/// ending in s, x or z takes no -s).
pub fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

/// "första", "andra", ... "femte", then "6:e": an evaluation's number.
pub fn ordinal(n: u8) -> String {
    match n {
        1 => "första".into(),
        2 => "andra".into(),
        3 => "tredje".into(),
        4 => "fjärde".into(),
        5 => "femte".into(),
        n => format!("{n}:e"),
    }
}

/// "2014", "2014–2020".
pub fn year_range(span: (i32, i32)) -> String {
    if span.0 == span.1 {
        span.0.to_string()
    } else {
        format!("{}\u{2013}{}", span.0, span.1)
    }
}

/// A list in Swedish: "a", "a och b", "a, b och c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// A percentage of a maximum, for bar widths: 0-100, clamped.
pub fn percent_of(value: Score, max: Score) -> f64 {
    if max.tenths() <= 0 {
        return 0.0;
    }
    (value.tenths() as f64 * 100.0 / max.tenths() as f64).clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_thousands_apart() {
        assert_eq!(thousands(155_696), "155\u{a0}696");
        assert_eq!(thousands(8_234), "8\u{a0}234");
        assert_eq!(thousands(975_551), "975\u{a0}551");
        assert_eq!(thousands(2_377_081), "2\u{a0}377\u{a0}081");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn numbers_use_a_decimal_comma_and_a_real_minus() {
        assert_eq!(number(67.66), "67,7");
        assert_eq!(number(557.0), "557");
        assert_eq!(number(-2.5), "\u{2212}2,5");
    }

    #[test]
    fn missing_figures_say_so() {
        assert_eq!(
            figure(None).into_string(),
            r#"<span class="missing">ej publicerat</span>"#
        );
        assert_eq!(
            figure(Some(Score::from_tenths(4265, 1))).into_string(),
            "426,5"
        );
        assert!(change(None).into_string().contains("ingen jämförelse"));
        let up = Score::whole(557).minus(&Score::whole(420));
        assert_eq!(
            change(Some(up)).into_string(),
            r#"<span class="change up">+137</span>"#
        );
    }

    #[test]
    fn dates_lists_and_counts_read_as_swedish() {
        assert_eq!(when(2020, Some(11)), "november 2020");
        assert_eq!(when(2017, None), "2017");
        assert_eq!(when(2017, Some(13)), "2017");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b och c"
        );
        assert_eq!(and_list(&["a".into()]), "a");
        assert_eq!(count(1, "kommun", "kommuner"), "1 kommun");
        assert_eq!(count(3, "kommun", "kommuner"), "3 kommuner");
        assert_eq!(year_range((2014, 2014)), "2014");
        assert_eq!(year_range((2014, 2020)), "2014\u{2013}2020");
    }

    #[test]
    fn addresses_carry_a_readable_slug() {
        let m = Municipality {
            code: "0114".parse().unwrap(),
            name: "Upplands Väsby".into(),
            county_code: "01".parse().unwrap(),
            county: "Stockholms län".into(),
        };
        assert_eq!(municipality_href(&m), "/kommun/0114-upplands-vasby");
    }

    #[test]
    fn names_take_the_genitive_as_in_swedish() {
        assert_eq!(genitive("Örebro"), "Örebros");
        assert_eq!(genitive("Borås"), "Borås");
        assert_eq!(genitive("Vännäs"), "Vännäs");
        assert_eq!(ordinal(4), "fjärde");
        assert_eq!(ordinal(7), "7:e");
    }

    #[test]
    fn percentages_are_clamped() {
        assert_eq!(percent_of(Score::whole(5), Score::whole(10)), 50.0);
        assert_eq!(percent_of(Score::whole(15), Score::whole(10)), 100.0);
        assert_eq!(percent_of(Score::whole(5), Score::whole(0)), 0.0);
    }
}
