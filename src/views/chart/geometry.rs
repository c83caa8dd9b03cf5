//! Chart geometry as pure functions of numbers: scales, ticks, which points a
//! line may join (never across a gap or a revision boundary), and label
//! placement. Everything the SVG shows is computed here and unit-tested.

/// Maps a value range onto a pixel range, clamping to the range's ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return (r0 + r1) / 2.0;
        }
        let t = ((v - d0) / (d1 - d0)).clamp(0.0, 1.0);
        r0 + t * (r1 - r0)
    }
}

/// Ticks from 0 to `max` every `step` (both ends included).
pub fn ticks(max: f64, step: f64) -> Vec<f64> {
    if step <= 0.0 || max < 0.0 {
        return vec![0.0];
    }
    let n = (max / step).floor() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A round range around `[min, max]` within `[0, cap]`, and its tick step:
/// at most six steps of 10, 20, 25, 50, 100 or 200, with some room on both
/// sides. For dots, whose axis need not start at zero.
pub fn nice_range(min: f64, max: f64, cap: f64) -> (f64, f64, f64) {
    if !min.is_finite() || !max.is_finite() {
        return (0.0, cap, cap / 4.0);
    }
    for step in [10.0, 20.0, 25.0, 50.0, 100.0, 200.0] {
        let lo = ((min - step / 2.0) / step).floor().max(0.0) * step;
        let hi = (((max + step / 2.0) / step).ceil() * step).min(cap);
        if (hi - lo) / step <= 6.0 {
            return (lo, hi, step);
        }
    }
    (0.0, cap, cap / 4.0)
}

/// The x scale of a time chart: years from the first to the last, with half
/// a year of room on both sides so end points are not on the frame.
pub fn year_scale(years: &[f64], x0: f64, x1: f64) -> LinearScale {
    let lo = years.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = years.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return LinearScale::new((0.0, 1.0), (x0, x1));
    }
    LinearScale::new((lo - 0.5, hi + 0.5), (x0, x1))
}

/// A point in time as a fraction of years: a month moves it within its year.
pub fn year_position(year: i32, month: Option<u8>) -> f64 {
    match month {
        Some(m) if (1..=12).contains(&m) => f64::from(year) + (f64::from(m) - 0.5) / 12.0 - 0.5,
        _ => f64::from(year),
    }
}

/// Runs of consecutive indices that a line may join: each has a value, and
/// all share a group (the criteria revision). A run of one is a lone point.
pub fn runs<G: PartialEq>(values: &[Option<f64>], groups: &[G]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let joins = current
            .last()
            .is_some_and(|&prev| prev + 1 == i && groups.get(prev) == groups.get(i));
        if v.is_none() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !joins && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(i);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Indices `i` where `groups[i]` differs from `groups[i - 1]`: a boundary
/// lies between the two.
pub fn boundaries<G: PartialEq>(groups: &[G]) -> Vec<usize> {
    (1..groups.len())
        .filter(|&i| groups[i] != groups[i - 1])
        .collect()
}

/// An SVG path through the points ("M x y L x y ...").
pub fn path_d(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { "M" } else { "L" }, num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate for an SVG attribute: at most one decimal, no "-0".
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Moves label positions (sorted ascending) apart so that neighbours are at
/// least `gap` from each other, keeping them as close to their wish as it can
/// and inside `[lo, hi]`.
pub fn spread(wanted: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(wanted.len());
    for &w in wanted {
        let min = out.last().map_or(lo, |p| p + gap);
        out.push(w.max(min));
    }
    // Push back from the upper end when the last ones ran over.
    let mut limit = hi;
    for p in out.iter_mut().rev() {
        if *p > limit {
            *p = limit;
        }
        limit = *p - gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_and_clamp() {
        let s = LinearScale::new((0.0, 100.0), (10.0, 210.0));
        assert_eq!(s.map(0.0), 10.0);
        assert_eq!(s.map(50.0), 110.0);
        assert_eq!(s.map(150.0), 210.0);
        assert_eq!(s.map(-5.0), 10.0);
        let inverted = LinearScale::new((0.0, 800.0), (200.0, 0.0));
        assert_eq!(inverted.map(200.0), 150.0);
        assert_eq!(LinearScale::new((5.0, 5.0), (0.0, 10.0)).map(5.0), 5.0);
    }

    #[test]
    fn nice_ranges_are_round_and_hold_the_figures() {
        assert_eq!(nice_range(452.0, 536.0, 800.0), (440.0, 560.0, 20.0));
        assert_eq!(nice_range(438.0, 603.0, 800.0), (400.0, 650.0, 50.0));
        assert_eq!(nice_range(60.0, 75.0, 100.0), (50.0, 80.0, 10.0));
        assert_eq!(nice_range(5.0, 99.0, 100.0), (0.0, 100.0, 20.0));
        assert_eq!(nice_range(300.0, 790.0, 800.0), (200.0, 800.0, 100.0));
        assert_eq!(nice_range(f64::INFINITY, 0.0, 800.0), (0.0, 800.0, 200.0));
    }

    #[test]
    fn ticks_include_both_ends() {
        assert_eq!(ticks(100.0, 25.0), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(800.0, 200.0).len(), 5);
        assert_eq!(ticks(10.0, 0.0), vec![0.0]);
    }

    #[test]
    fn years_get_room_and_months_move_points() {
        let s = year_scale(&[2014.0, 2020.0], 0.0, 140.0);
        assert_eq!(s.map(2014.0), 10.0);
        assert_eq!(s.map(2020.0), 130.0);
        let one = year_scale(&[2020.0], 0.0, 100.0);
        assert_eq!(one.map(2020.0), 50.0);
        assert!(year_position(2020, Some(11)) > year_position(2020, Some(2)));
        assert_eq!(year_position(2020, None), 2020.0);
        assert!((year_position(2020, Some(12)) - 2020.4583).abs() < 0.001);
    }

    #[test]
    fn lines_never_join_across_gaps_or_revisions() {
        let values = [Some(1.0), Some(2.0), None, Some(3.0), Some(4.0), Some(5.0)];
        let groups = ["a", "a", "a", "a", "b", "b"];
        assert_eq!(
            runs(&values, &groups),
            vec![vec![0, 1], vec![3], vec![4, 5]]
        );
        assert_eq!(runs::<u8>(&[None, None], &[1, 1]), Vec::<Vec<usize>>::new());
        assert_eq!(runs(&[Some(1.0)], &[1]), vec![vec![0]]);
    }

    #[test]
    fn boundaries_sit_where_the_group_changes() {
        assert_eq!(boundaries(&["v2016", "v2016", "v2020"]), vec![2]);
        assert_eq!(boundaries(&["v2002", "v2010", "v2020"]), vec![1, 2]);
        assert!(boundaries::<u8>(&[]).is_empty());
    }

    #[test]
    fn paths_and_numbers_are_compact() {
        assert_eq!(path_d(&[(0.0, 1.25), (10.0, -0.01)]), "M0 1.3 L10 0");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(12.34), "12.3");
    }

    #[test]
    fn labels_are_spread_apart_within_bounds() {
        assert_eq!(
            spread(&[10.0, 12.0, 40.0], 10.0, 0.0, 100.0),
            vec![10.0, 20.0, 40.0]
        );
        assert_eq!(spread(&[95.0, 96.0], 10.0, 0.0, 100.0), vec![90.0, 100.0]);
        assert_eq!(spread(&[-5.0], 10.0, 0.0, 100.0), vec![0.0]);
    }
}
