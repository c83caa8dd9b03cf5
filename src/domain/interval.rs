//! Interval arithmetic for rounded published figures (domain.md §4).
//!
//! A printed figure stands for every value that rounds to it: "5" for
//! [4.5, 5.5], "48%" of 10 for [4.75, 4.85]. Sums of rounded figures are
//! therefore checked as sums of intervals, never as sums of integers. All
//! arithmetic is exact, in units of 1/100 000 point.

use std::fmt;

use super::score::Score;

/// Units per point.
const SCALE: i64 = 100_000;

/// A closed interval of possible true values, in 1/100 000 point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    lo: i64,
    hi: i64,
}

impl Interval {
    pub const ZERO: Interval = Interval { lo: 0, hi: 0 };

    /// The values a printed score may stand for.
    pub fn of_printed(score: Score) -> Self {
        let centre = score.tenths() * (SCALE / 10);
        let half = if score.decimals() == 0 {
            SCALE / 2
        } else {
            SCALE / 20
        };
        Self {
            lo: centre - half,
            hi: centre + half,
        }
    }

    /// The values a printed percent of an exact maximum may stand for.
    pub fn of_percent(percent: Score, max: Score) -> Self {
        // value = p/100 * m; with p and m in tenths: p_t * m_t / 10_000 points.
        let centre = percent.tenths() * max.tenths() * SCALE / 10_000;
        // Half a printed unit of percent: 0.5 % (or 0.05 %) of the maximum.
        let half = if percent.decimals() == 0 {
            max.tenths() * SCALE / 2_000
        } else {
            max.tenths() * SCALE / 20_000
        };
        Self {
            lo: centre - half,
            hi: centre + half,
        }
    }

    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let lo = self.lo.max(other.lo);
        let hi = self.hi.min(other.hi);
        (lo <= hi).then_some(Interval { lo, hi })
    }

    pub fn meets(&self, other: &Interval) -> bool {
        self.intersect(other).is_some()
    }

    pub fn plus(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }

    pub fn sum<'a>(parts: impl IntoIterator<Item = &'a Interval>) -> Interval {
        parts.into_iter().fold(Interval::ZERO, |acc, i| acc.plus(i))
    }
}

impl Interval {
    /// A bound in hundredths of a point, rounded half away from zero.
    fn hundredths(v: i64) -> i64 {
        let per_hundredth = SCALE / 100;
        (v + v.signum() * per_hundredth / 2) / per_hundredth
    }

    /// As Swedish pages print it, with the decimals it needs and a
    /// decimal comma: "65,9–66,9", "553–561".
    pub fn to_swedish(&self) -> String {
        let show = |v: i64| {
            let h = Self::hundredths(v);
            let sign = if h < 0 { "\u{2212}" } else { "" };
            let (whole, part) = (h.abs() / 100, h.abs() % 100);
            match (part, part % 10) {
                (0, _) => format!("{sign}{whole}"),
                (_, 0) => format!("{sign}{whole},{}", part / 10),
                _ => format!("{sign}{whole},{part:02}"),
            }
        };
        format!("{}–{}", show(self.lo), show(self.hi))
    }
}

/// Shown in messages as points with two decimals: "[65.90, 66.90]".
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: i64| {
            let hundredths = Self::hundredths(v);
            let sign = if hundredths < 0 { "-" } else { "" };
            format!(
                "{sign}{}.{:02}",
                hundredths.abs() / 100,
                hundredths.abs() % 100
            )
        };
        write!(f, "[{}, {}]", show(self.lo), show(self.hi))
    }
}

/// What one printed figure with an optional printed percent of a known maximum
/// may stand for; `None` when the two printed figures cannot both be right.
pub fn figure_interval(
    points: Score,
    percent: Option<Score>,
    max: Option<Score>,
) -> Option<Interval> {
    let printed = Interval::of_printed(points);
    match (percent, max) {
        (Some(p), Some(m)) => printed.intersect(&Interval::of_percent(p, m)),
        _ => Some(printed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: i64) -> Score {
        Score::whole(n)
    }

    /// Kumla 2020, area 1, as printed in the overview table.
    fn kumla_area1() -> Vec<Interval> {
        [
            (13, 20, 63),
            (5, 10, 48),
            (18, 30, 60),
            (7, 10, 73),
            (24, 30, 79),
        ]
        .iter()
        .map(|&(p, m, pc)| figure_interval(s(p), Some(s(pc)), Some(s(m))).unwrap())
        .collect()
    }

    #[test]
    fn a_percent_narrows_a_rounded_figure() {
        // 1.2: "5 10 48%" means about 4.8 points.
        let i = figure_interval(s(5), Some(s(48)), Some(s(10))).unwrap();
        assert_eq!(i.to_string(), "[4.75, 4.85]");
        assert_eq!(i.to_swedish(), "4,75–4,85");
        assert_eq!(Interval::of_printed(s(557)).to_swedish(), "556,5–557,5");
        assert_eq!(
            Interval::sum(&[Interval::of_printed(s(66)); 2]).to_swedish(),
            "131–133"
        );
    }

    #[test]
    fn kumla_area_1_sums_to_its_printed_total_within_rounding() {
        // The printed integers sum to 67, the printed total is 66.
        let sum = Interval::sum(&kumla_area1());
        assert_eq!(sum.to_string(), "[65.90, 66.90]");
        assert!(sum.meets(&figure_interval(s(66), Some(s(66)), Some(s(100))).unwrap()));
        assert!(!sum.meets(&Interval::of_printed(s(64))));
    }

    #[test]
    fn a_typo_contradicts_its_percent() {
        // Kumla's 3.2 "33 40 84%" typed as "43 40 84%".
        assert!(figure_interval(s(33), Some(s(84)), Some(s(40))).is_some());
        assert!(figure_interval(s(43), Some(s(84)), Some(s(40))).is_none());
    }

    #[test]
    fn one_decimal_is_a_tighter_figure() {
        let i = Interval::of_printed(Score::from_tenths(4265, 1));
        assert_eq!(i.to_string(), "[426.45, 426.55]");
        let p = Interval::of_percent(Score::from_tenths(485, 1), s(10));
        assert_eq!(p.to_string(), "[4.85, 4.86]");
    }
}
