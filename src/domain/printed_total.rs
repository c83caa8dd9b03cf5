//! A printed total beside all eight printed areas: whether the areas add up
//! to it, and if not, what the difference is. The import's interval check
//! accepts a total within the areas' rounding (eight areas at ±0.5 each);
//! this rule is what readers are told about a total it accepted, or one a
//! file records under `[[discrepancies]]`: the difference is shown, never
//! absorbed.

use super::{AreaNumber, Evaluation, Score};

/// At most this much (in tenths of a point) between the areas' sum and the
/// printed total is rounding; more is a difference in the source.
pub const ROUNDING_TENTHS: i64 = 10;

/// What a difference between the areas' sum and the printed total is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceKind {
    /// At most one point: whole-number areas rounded before they were added.
    Rounding,
    /// More than one point: the source's own figures disagree.
    Source,
}

/// All eight areas printed and a printed total that is not their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalDifference {
    /// The eight printed areas added up, with the precision of the finest.
    pub areas_sum: Score,
    pub printed_total: Score,
    pub kind: DifferenceKind,
}

impl TotalDifference {
    /// The difference of `e`'s printed total from its areas, if it prints a
    /// total and all eight areas and they differ.
    pub fn of(e: &Evaluation) -> Option<Self> {
        let total = e.total?;
        let areas: Vec<Score> = AreaNumber::ALL
            .iter()
            .map(|n| e.area(*n).map(|a| a.points))
            .collect::<Option<_>>()?;
        let tenths: i64 = areas.iter().map(Score::tenths).sum();
        if tenths == total.tenths() {
            return None;
        }
        let decimals = areas.iter().map(Score::decimals).max().unwrap_or(0);
        let kind = if (tenths - total.tenths()).abs() <= ROUNDING_TENTHS {
            DifferenceKind::Rounding
        } else {
            DifferenceKind::Source
        };
        Some(Self {
            areas_sum: Score::from_tenths(tenths, decimals),
            printed_total: total,
            kind,
        })
    }

    /// How far apart the two are, always positive.
    pub fn size(&self) -> Score {
        let tenths = (self.areas_sum.tenths() - self.printed_total.tenths()).abs();
        let decimals = self.areas_sum.decimals().max(self.printed_total.decimals());
        Score::from_tenths(tenths, decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{KUMLA_2020, evaluation};

    fn difference(areas: &[i64], total: Option<i64>) -> Option<TotalDifference> {
        TotalDifference::of(&evaluation("2282", 2011, "v2010", areas, total).evaluation)
    }

    const KRAMFORS_2011: [i64; 8] = [51, 45, 62, 34, 52, 27, 39, 53];
    const KRAMFORS_2013: [i64; 8] = [58, 56, 73, 53, 58, 45, 44, 60];

    #[test]
    fn kramfors_2011_prints_359_beside_areas_summing_to_363_a_difference_in_the_source() {
        let d = difference(&KRAMFORS_2011, Some(359)).unwrap();
        assert_eq!(d.areas_sum, Score::whole(363));
        assert_eq!(d.printed_total, Score::whole(359));
        assert_eq!(d.kind, DifferenceKind::Source);
        assert_eq!(d.size(), Score::whole(4));
    }

    #[test]
    fn one_point_either_way_is_rounding() {
        let d = difference(&KRAMFORS_2013, Some(448)).unwrap();
        assert_eq!(
            (d.areas_sum, d.kind),
            (Score::whole(447), DifferenceKind::Rounding)
        );
        let below = difference(&KRAMFORS_2013, Some(446)).unwrap();
        assert_eq!(below.kind, DifferenceKind::Rounding);
        assert_eq!(
            difference(&KRAMFORS_2013, Some(449)).unwrap().kind,
            DifferenceKind::Source
        );
    }

    #[test]
    fn half_points_are_added_exactly() {
        let mut e = evaluation("0583", 2006, "v2002", &KUMLA_2020, None).evaluation;
        e.areas[0].points = "66,5".parse().unwrap();
        e.total = Some(Score::whole(557));
        let d = TotalDifference::of(&e).unwrap();
        assert_eq!(d.areas_sum.to_swedish(), "557,5");
        assert_eq!(d.size().to_swedish(), "0,5");
        assert_eq!(d.kind, DifferenceKind::Rounding);
    }

    #[test]
    fn nothing_to_say_without_all_eight_areas_a_total_or_a_difference() {
        assert_eq!(difference(&KUMLA_2020, Some(557)), None, "they agree");
        assert_eq!(difference(&KRAMFORS_2011, None), None, "no total printed");
        assert_eq!(
            difference(&KRAMFORS_2011[..7], Some(359)),
            None,
            "seven areas"
        );
        assert_eq!(difference(&[], Some(359)), None);
    }
}
