//! The municipality register indexed for reading printed names: exact folded
//! names, names without diacritics, genitives ("Kumlas") and the longest tail
//! of a phrase ("I Kumla" is Kumla, "Upplands Väsby" is not Väsby).

use std::collections::BTreeMap;

use crate::domain::text::{fold_name, fold_search};
use crate::domain::{Municipality, MunicipalityCode};

pub enum Lookup<'a> {
    Found(&'a Municipality),
    Ambiguous(Vec<&'a Municipality>),
    Unknown,
}

/// The register indexed by folded name, exact and without diacritics.
pub struct Register<'a> {
    exact: BTreeMap<String, &'a Municipality>,
    loose: BTreeMap<String, Vec<&'a Municipality>>,
}

impl<'a> Register<'a> {
    pub fn new(municipalities: &'a [Municipality]) -> Self {
        let mut exact = BTreeMap::new();
        let mut loose: BTreeMap<String, Vec<&Municipality>> = BTreeMap::new();
        for m in municipalities {
            exact.insert(fold_name(&m.name), m);
            loose.entry(fold_search(&m.name)).or_default().push(m);
        }
        Self { exact, loose }
    }

    /// A printed name, also in the genitive ("Kumlas", "Stockholms stad",
    /// and Falun's "Falu kommun").
    fn lookup_one(&self, phrase: &str) -> Lookup<'a> {
        let folded = fold_name(phrase);
        let mut forms = vec![folded.clone()];
        if let Some(stem) = folded.strip_suffix('s') {
            forms.push(stem.to_string());
        }
        forms.push(format!("{folded}n"));
        if let Some(m) = forms.iter().find_map(|f| self.exact.get(f)) {
            return Lookup::Found(m);
        }
        for form in &forms {
            match self.loose.get(&fold_search(form)).map(Vec::as_slice) {
                Some([one]) => return Lookup::Found(one),
                Some(many) if many.len() > 1 => return Lookup::Ambiguous(many.to_vec()),
                _ => {}
            }
        }
        Lookup::Unknown
    }

    /// The longest tail of the phrase that names a municipality.
    pub fn lookup(&self, phrase: &str) -> Lookup<'a> {
        let tails = std::iter::once(phrase).chain(
            phrase
                .char_indices()
                .filter(|(_, c)| *c == ' ' || *c == '-')
                .map(|(i, _)| &phrase[i + 1..]),
        );
        let mut ambiguous = None;
        for tail in tails {
            match self.lookup_one(tail) {
                Lookup::Found(m) => return Lookup::Found(m),
                Lookup::Ambiguous(list) => ambiguous = ambiguous.or(Some(list)),
                Lookup::Unknown => {}
            }
        }
        match ambiguous {
            Some(list) => Lookup::Ambiguous(list),
            None => Lookup::Unknown,
        }
    }

    /// Whether a printed name is the municipality with this code.
    pub fn names(&self, phrase: &str, code: MunicipalityCode) -> bool {
        matches!(self.lookup(phrase), Lookup::Found(m) if m.code == code)
    }
}
