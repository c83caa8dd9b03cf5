//! What kompass knows of one municipality's evaluations against what its
//! sources say: a source that calls an evaluation the fourth says there
//! were at least four by then, and every evaluation held after it adds
//! one. Örebro: 2012 was the fourth and 2015 came after, so at least five,
//! of which kompass holds three. The missing ones whose year a source
//! states are bundled as evaluations without figures; the rest can only be
//! counted.

use super::Evaluation;

/// The evaluations held and the fewest there must have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub held: usize,
    /// Never below `held`.
    pub at_least: usize,
    /// The evaluation the count rests on, when a source numbers one and that
    /// says more than the evaluations held: its year and number.
    pub stated_by: Option<(i32, u8)>,
}

impl Coverage {
    /// One municipality's evaluations, in any order.
    pub fn of<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>) -> Self {
        let all: Vec<&Evaluation> = evaluations.into_iter().collect();
        let when = |e: &Evaluation| (e.year, e.month.unwrap_or(0));
        let stated = all
            .iter()
            .filter_map(|e| {
                let n = e.evaluation_number?;
                let later = all.iter().filter(|o| when(o) > when(e)).count();
                Some((usize::from(n) + later, (e.year, n)))
            })
            .max_by_key(|(count, _)| *count)
            .filter(|(count, _)| *count > all.len());
        Coverage {
            held: all.len(),
            at_least: stated.map_or(all.len(), |(count, _)| count),
            stated_by: stated.map(|(_, by)| by),
        }
    }

    /// How many evaluations the sources imply that kompass does not hold.
    pub fn unknown(&self) -> usize {
        self.at_least - self.held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::evaluation;

    fn numbered(year: i32, month: Option<u8>, number: Option<u8>) -> Evaluation {
        let mut e = evaluation("1880", year, "v2010", &[], None).evaluation;
        e.month = month;
        e.evaluation_number = number;
        e
    }

    #[test]
    fn orebro_holds_3_of_at_least_5() {
        let held = [
            numbered(2010, None, Some(3)),
            numbered(2012, None, Some(4)),
            numbered(2015, Some(9), None),
        ];
        let c = Coverage::of(&held);
        assert_eq!((c.held, c.at_least), (3, 5));
        assert_eq!(c.unknown(), 2);
        assert_eq!(c.stated_by, Some((2012, 4)), "2012 was the fourth");
    }

    #[test]
    fn without_numbers_only_what_is_held_is_known() {
        let held = [numbered(2009, None, None), numbered(2014, None, None)];
        let c = Coverage::of(&held);
        assert_eq!((c.held, c.at_least, c.stated_by), (2, 2, None));
        assert_eq!(Coverage::of(&[]).at_least, 0);
    }

    #[test]
    fn a_number_lower_than_the_evaluations_held_never_lowers_the_count() {
        // Karlskoga: 2007 unnumbered, 2010 called the first (its page forgot 2007).
        let held = [
            numbered(2007, Some(12), None),
            numbered(2010, None, Some(1)),
            numbered(2014, None, Some(2)),
            numbered(2022, None, None),
        ];
        let c = Coverage::of(&held);
        assert_eq!((c.held, c.at_least, c.stated_by), (4, 4, None));
    }

    #[test]
    fn a_later_month_of_the_same_year_counts_as_after() {
        let held = [
            numbered(2015, Some(3), Some(2)),
            numbered(2015, Some(11), None),
        ];
        assert_eq!(Coverage::of(&held).at_least, 3);
        let gotland = [numbered(2014, Some(10), Some(2))];
        let c = Coverage::of(&gotland);
        assert_eq!((c.held, c.at_least, c.stated_by), (1, 2, Some((2014, 2))));
    }
}
