//! Which evaluation is which. An `EvaluationKey` (municipality, year, month
//! when known) names an evaluation, and `same_evaluation` is the one rule for
//! when two keys name the same one; `EvaluationId` is the public id
//! ("1881-2020", "1444-2014-10"), formatted and parsed only here.

use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

use super::code::MunicipalityCode;

/// What names an evaluation: the municipality, the year and, when the source
/// gives it, the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EvaluationKey {
    pub municipality: MunicipalityCode,
    pub year: i32,
    pub month: Option<u8>,
}

impl EvaluationKey {
    pub fn new(municipality: MunicipalityCode, year: i32, month: Option<u8>) -> Self {
        Self {
            municipality,
            year,
            month,
        }
    }

    /// The rule: two keys name the same evaluation when municipality and year
    /// agree and their months do, or either month is unknown (a municipality
    /// evaluated twice in a year tells them apart by month).
    pub fn same_evaluation(&self, other: &EvaluationKey) -> bool {
        self.municipality == other.municipality
            && self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
    }

    /// Which of `candidates` this key names: the one with the same month if
    /// there is one, else the one the rule says is the same; several such
    /// are ambiguous (the key lacks the month that would tell them apart).
    pub fn resolve<T>(&self, candidates: impl IntoIterator<Item = (EvaluationKey, T)>) -> Match<T> {
        let mut same: Vec<(EvaluationKey, T)> = candidates
            .into_iter()
            .filter(|(k, _)| self.same_evaluation(k))
            .collect();
        if let Some(i) = same
            .iter()
            .position(|(k, _)| self.month.is_some() && k.month == self.month)
        {
            return Match::Same(same.swap_remove(i).1);
        }
        match same.len() {
            0 => Match::New,
            1 => Match::Same(same.remove(0).1),
            _ => Match::Ambiguous(same.into_iter().map(|(k, t)| (k.month, t)).collect()),
        }
    }

    /// "1881 2020-11" style label for messages.
    pub fn label(&self) -> String {
        match self.month {
            Some(m) => format!("{} {}-{m:02}", self.municipality, self.year),
            None => format!("{} {}", self.municipality, self.year),
        }
    }
}

/// What `EvaluationKey::resolve` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<T> {
    /// No candidate is this evaluation.
    New,
    Same(T),
    /// Several candidates could be this evaluation, with their months.
    Ambiguous(Vec<(Option<u8>, T)>),
}

/// The public id of a stored evaluation: "{code}-{year}", or
/// "{code}-{year}-{MM}" when the municipality has several evaluations that
/// year. Built by `EvaluationId::assign`; read back by `FromStr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct EvaluationId {
    municipality: MunicipalityCode,
    year: i32,
    /// Only when it tells evaluations of one year apart.
    month: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an evaluation id (\"1881-2020\", or \"1444-2014-10\" with the month)")]
pub struct BadEvaluationId(pub String);

impl EvaluationId {
    /// The ids of one municipality's evaluations of one year, in the order of
    /// `keys`: the month joins the id only when there are several.
    pub fn assign(keys: &[EvaluationKey]) -> Vec<EvaluationId> {
        let several = keys.len() > 1;
        keys.iter()
            .map(|k| EvaluationId {
                municipality: k.municipality,
                year: k.year,
                month: k.month.filter(|_| several),
            })
            .collect()
    }

    pub fn municipality(&self) -> MunicipalityCode {
        self.municipality
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, when it tells this evaluation from another that year.
    pub fn month(&self) -> Option<u8> {
        self.month
    }
}

/// The public id, honouring width and alignment as a string does.
impl fmt::Display for EvaluationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.month {
            Some(m) => format!("{}-{}-{m:02}", self.municipality, self.year),
            None => format!("{}-{}", self.municipality, self.year),
        };
        f.pad(&text)
    }
}

impl FromStr for EvaluationId {
    type Err = BadEvaluationId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadEvaluationId(s.to_string());
        let mut parts = s.split('-');
        let (Some(code), Some(year)) = (parts.next(), parts.next()) else {
            return Err(bad());
        };
        let month = parts.next();
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(year, 4) || month.is_some_and(|m| !digits(m, 2)) {
            return Err(bad());
        }
        let month = match month.map(str::parse::<u8>) {
            None => None,
            Some(Ok(m @ 1..=12)) => Some(m),
            Some(_) => return Err(bad()),
        };
        Ok(EvaluationId {
            municipality: code.parse().map_err(|_| bad())?,
            year: year.parse().map_err(|_| bad())?,
            month,
        })
    }
}

impl From<EvaluationId> for String {
    fn from(id: EvaluationId) -> String {
        id.to_string()
    }
}

impl Serialize for EvaluationId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl PartialEq<str> for EvaluationId {
    fn eq(&self, other: &str) -> bool {
        other.parse::<EvaluationId>().is_ok_and(|id| id == *self)
    }
}

impl PartialEq<String> for EvaluationId {
    fn eq(&self, other: &String) -> bool {
        *self == *other.as_str()
    }
}

impl PartialEq<&str> for EvaluationId {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: &str, year: i32, month: Option<u8>) -> EvaluationKey {
        EvaluationKey::new(code.parse().unwrap(), year, month)
    }

    #[test]
    fn the_same_evaluation_needs_its_month_only_when_both_give_one() {
        let undated = key("1881", 2020, None);
        let november = key("1881", 2020, Some(11));
        let march = key("1881", 2020, Some(3));
        assert!(undated.same_evaluation(&november) && november.same_evaluation(&undated));
        assert!(november.same_evaluation(&november));
        assert!(!november.same_evaluation(&march));
        assert!(!undated.same_evaluation(&key("1881", 2021, None)));
        assert!(!undated.same_evaluation(&key("1880", 2020, None)));
    }

    #[test]
    fn resolving_prefers_the_same_month_and_refuses_to_guess() {
        let stored = [
            (key("1444", 2014, Some(3)), 'a'),
            (key("1444", 2014, Some(10)), 'b'),
        ];
        assert_eq!(
            key("1444", 2014, Some(10)).resolve(stored),
            Match::Same('b')
        );
        assert_eq!(key("1444", 2014, Some(5)).resolve(stored), Match::New);
        assert_eq!(
            key("1444", 2014, None).resolve(stored),
            Match::Ambiguous(vec![(Some(3), 'a'), (Some(10), 'b')])
        );
        let one = [(key("1444", 2014, None), 'c')];
        assert_eq!(key("1444", 2014, Some(5)).resolve(one), Match::Same('c'));
        assert_eq!(key("1444", 2015, None).resolve(one), Match::New);
    }

    #[test]
    fn ids_carry_the_month_only_when_a_year_has_several() {
        let alone = EvaluationId::assign(&[key("1881", 2020, Some(11))]);
        assert_eq!(alone[0].to_string(), "1881-2020");
        let two = EvaluationId::assign(&[key("1444", 2014, Some(3)), key("1444", 2014, Some(10))]);
        let two: Vec<String> = two.iter().map(ToString::to_string).collect();
        assert_eq!(two, ["1444-2014-03", "1444-2014-10"]);
    }

    #[test]
    fn ids_read_back_as_written_and_nothing_else() {
        for id in ["0180-2020", "1444-2014-03", "1444-2014-12"] {
            let parsed: EvaluationId = id.parse().unwrap();
            assert_eq!(parsed.to_string(), id);
            assert!(parsed == id);
        }
        for bad in [
            "180-2020",
            "1881-20",
            "1881-2020-3",
            "1881-2020-13",
            "1881-2020-00",
            "1881-2020-11-1",
            "1881",
            "",
            "1881-２０２０",
        ] {
            assert!(bad.parse::<EvaluationId>().is_err(), "{bad}");
        }
    }
}
