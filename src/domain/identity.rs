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

/// Why a text is not an evaluation id, in the two kinds an asker is told
/// apart: a malformed id is a mistake in the asking; an id shaped right but
/// naming a month no calendar has is, like any other well-formed id that
/// names nothing, one no evaluation has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadEvaluationId {
    #[error("{0:?} is not an evaluation id (\"1881-2020\", or \"1444-2014-10\" with the month)")]
    Malformed(String),
    #[error("{0:?} names a month no calendar has (01-12)")]
    NoSuchMonth(String),
}

impl BadEvaluationId {
    /// Whether the text had an id's shape (four digits, four digits and
    /// perhaps two): then no evaluation has it, rather than it being no id.
    pub fn well_formed(&self) -> bool {
        matches!(self, BadEvaluationId::NoSuchMonth(_))
    }
}

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

    /// The id without its municipality: "2012", "2014-10". A compare
    /// address names one of a municipality's evaluations so
    /// (`kommun=1880:2012`).
    pub fn when(&self) -> String {
        match self.month {
            Some(m) => format!("{}-{m:02}", self.year),
            None => self.year.to_string(),
        }
    }

    /// The id of `municipality`'s evaluation that `when` names ("2012",
    /// "2014-10", as `when` writes it).
    pub fn of(municipality: MunicipalityCode, when: &str) -> Result<Self, BadEvaluationId> {
        Self::read_when(municipality, when, || format!("{municipality}:{when}"))
    }

    /// The year and month of `when`; `whole` is the text to name in an
    /// error.
    fn read_when(
        municipality: MunicipalityCode,
        when: &str,
        whole: impl Fn() -> String,
    ) -> Result<Self, BadEvaluationId> {
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        let (year, month) = match when.split_once('-') {
            Some((year, month)) => (year, Some(month)),
            None => (when, None),
        };
        if !digits(year, 4) || month.is_some_and(|m| !digits(m, 2)) {
            return Err(BadEvaluationId::Malformed(whole()));
        }
        let month = match month.map(str::parse::<u8>) {
            None => None,
            Some(Ok(m @ 1..=12)) => Some(m),
            Some(_) => return Err(BadEvaluationId::NoSuchMonth(whole())),
        };
        Ok(EvaluationId {
            municipality,
            year: year
                .parse()
                .map_err(|_| BadEvaluationId::Malformed(whole()))?,
            month,
        })
    }
}

/// The public id, honouring width and alignment as a string does.
impl fmt::Display for EvaluationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}-{}", self.municipality, self.when()))
    }
}

impl FromStr for EvaluationId {
    type Err = BadEvaluationId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || BadEvaluationId::Malformed(s.to_string());
        let (code, when) = s.split_once('-').ok_or_else(malformed)?;
        let municipality = code.parse().map_err(|_| malformed())?;
        Self::read_when(municipality, when, || s.to_string())
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
            "1881-2020-11-1",
            "1881",
            "",
            "1881-２０２０",
        ] {
            let err = bad.parse::<EvaluationId>().unwrap_err();
            assert_eq!(err, BadEvaluationId::Malformed(bad.into()), "{bad}");
        }
        for no_month in ["1881-2020-13", "1881-2020-00"] {
            let err = no_month.parse::<EvaluationId>().unwrap_err();
            assert!(err.well_formed(), "{no_month}: an id no evaluation has");
        }
    }

    /// The texts digest and the data version hash evaluations in id order,
    /// which was once the order of their text.
    #[test]
    fn ids_order_as_their_text() {
        let text = [
            "0180-2020",
            "1444-2014",
            "1444-2014-03",
            "1444-2014-10",
            "1444-2015",
        ];
        let mut ids: Vec<EvaluationId> = text.iter().rev().map(|t| t.parse().unwrap()).collect();
        ids.sort();
        let sorted: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, text);
    }

    #[test]
    fn an_id_is_its_code_and_when_as_compare_addresses_write_it() {
        let kumla: MunicipalityCode = "1881".parse().unwrap();
        for (when, id) in [("2020", "1881-2020"), ("2014-10", "1881-2014-10")] {
            let parsed = EvaluationId::of(kumla, when).unwrap();
            assert_eq!(parsed.to_string(), id);
            assert_eq!(parsed.when(), when);
            assert_eq!(parsed, id.parse::<EvaluationId>().unwrap());
        }
        for bad in ["20", "2020-1", "2020-", "1881-2020", " 2020"] {
            assert!(EvaluationId::of(kumla, bad).is_err(), "{bad}");
        }
        assert!(
            EvaluationId::of(kumla, "2020-13")
                .unwrap_err()
                .well_formed()
        );
    }
}
