//! Finding a municipality by what a person types: case- and
//! diacritic-insensitive ("orebro" and "ÖREBRO" find Örebro), whole names,
//! prefixes of the name or of any word in it, and close spellings as
//! suggestions when nothing matches.
//!
//! The work is bounded whatever the input: a query is cut to
//! `MAX_QUERY_CHARS` before anything is compared (the longest municipality
//! name has 16 letters), so the fuzzy match costs at most a few
//! thousand steps per name.

use super::text::fold_search;
use super::{Municipality, MunicipalityCode};

/// The municipalities' names, folded once per data version.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    code: MunicipalityCode,
    name: String,
    folded: String,
}

/// What a query found, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// The one municipality the query names exactly (by name or code).
    pub exact: Option<MunicipalityCode>,
    /// Names that start with the query, then names with a word that does,
    /// then names that contain it.
    pub matches: Vec<MunicipalityCode>,
    /// Close spellings, offered only when nothing matched.
    pub suggestions: Vec<MunicipalityCode>,
}

impl SearchResult {
    /// The municipality to go to straight away: an exact name, or the only match.
    pub fn single(&self) -> Option<MunicipalityCode> {
        self.exact.or(match self.matches.as_slice() {
            [only] => Some(*only),
            _ => None,
        })
    }
}

/// How many suggestions a page offers.
const MAX_SUGGESTIONS: usize = 5;

/// The most characters of a query that are looked at.
pub const MAX_QUERY_CHARS: usize = 100;

/// `text` cut to its first `MAX_QUERY_CHARS` characters.
pub fn cap_query(text: &str) -> &str {
    match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

impl SearchIndex {
    pub fn new(municipalities: &[Municipality]) -> Self {
        let entries = municipalities
            .iter()
            .map(|m| Entry {
                code: m.code,
                name: m.name.clone(),
                folded: fold_search(&m.name),
            })
            .collect();
        Self { entries }
    }

    pub fn search(&self, query: &str) -> SearchResult {
        let query = cap_query(query);
        let q = fold_search(query);
        if q.is_empty() {
            return SearchResult::default();
        }
        if let Ok(code) = query.trim().parse::<MunicipalityCode>()
            && self.entries.iter().any(|e| e.code == code)
        {
            return SearchResult {
                exact: Some(code),
                matches: vec![code],
                suggestions: vec![],
            };
        }
        // Rank 0: the whole name; 1: the name's start; 2: a word's start; 3: inside.
        let mut ranked: Vec<(u8, &Entry)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let rank = if e.folded == q {
                    0
                } else if e.folded.starts_with(&q) {
                    1
                } else if e.folded.split(' ').any(|w| w.starts_with(&q)) {
                    2
                } else if e.folded.contains(&q) {
                    3
                } else {
                    return None;
                };
                Some((rank, e))
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.folded.cmp(&b.1.folded)));
        let exact_matches: Vec<MunicipalityCode> = ranked
            .iter()
            .filter(|(rank, _)| *rank == 0)
            .map(|(_, e)| e.code)
            .collect();
        let matches: Vec<MunicipalityCode> = ranked.iter().map(|(_, e)| e.code).collect();
        let suggestions = if matches.is_empty() {
            self.closest(&q, MAX_SUGGESTIONS)
        } else {
            vec![]
        };
        SearchResult {
            exact: match exact_matches.as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            matches,
            suggestions,
        }
    }

    /// Names within a few typing mistakes of `text` (already folded or not),
    /// closest first. Compares with the whole name and with the name's start,
    /// so a misspelt beginning ("kuml", "vallentunna") still finds it.
    pub fn closest(&self, text: &str, limit: usize) -> Vec<MunicipalityCode> {
        let q = fold_search(cap_query(text));
        if q.is_empty() {
            return vec![];
        }
        let q_chars: Vec<char> = q.chars().collect();
        let allowed = (q_chars.len() / 3).max(1);
        let mut scored: Vec<(usize, &Entry)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let name: Vec<char> = e.folded.chars().collect();
                let whole = edit_distance(&q_chars, &name);
                let start = name
                    .get(..q_chars.len().min(name.len()))
                    .map_or(whole, |prefix| edit_distance(&q_chars, prefix));
                // A prefix match costs a little more than a whole-name match.
                let d = whole.min(start + 1);
                (d <= allowed).then_some((d, e))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, e)| e.code)
            .collect()
    }
}

/// Levenshtein distance, with a swap of two neighbours counted as one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(code: &str, name: &str) -> Municipality {
        Municipality {
            code: code.parse().unwrap(),
            name: name.into(),
            county_code: code[..2].parse().unwrap(),
            county: String::new(),
        }
    }

    fn index() -> SearchIndex {
        SearchIndex::new(&[
            m("1880", "Örebro"),
            m("1881", "Kumla"),
            m("0114", "Upplands Väsby"),
            m("0139", "Upplands-Bro"),
            m("0115", "Vallentuna"),
            m("1980", "Västerås"),
            m("2021", "Vansbro"),
            m("1444", "Grästorp"),
        ])
    }

    fn codes(list: &[MunicipalityCode]) -> Vec<&str> {
        list.iter().map(MunicipalityCode::as_str).collect()
    }

    #[test]
    fn case_and_diacritics_do_not_matter() {
        let i = index();
        for q in ["orebro", "ÖREBRO", "Örebro", " örebro ", "Orebro"] {
            assert_eq!(
                i.search(q).single().map(|c| c.to_string()),
                Some("1880".into()),
                "{q}"
            );
        }
    }

    #[test]
    fn prefixes_of_names_and_of_words_match_in_that_order() {
        let i = index();
        let r = i.search("upplands");
        assert_eq!(codes(&r.matches), vec!["0139", "0114"]);
        assert_eq!(r.single(), None);
        assert_eq!(codes(&i.search("vasby").matches), vec!["0114"]);
        // "bro": Upplands-Bro by a word, then Örebro and Vansbro by their inside.
        assert_eq!(
            codes(&i.search("bro").matches),
            vec!["0139", "1880", "2021"]
        );
        assert_eq!(i.search("va").matches.len(), 4);
    }

    #[test]
    fn a_code_finds_its_municipality() {
        assert_eq!(
            index().search("1881").exact.map(|c| c.to_string()),
            Some("1881".into())
        );
        assert!(index().search("9999").matches.is_empty());
    }

    #[test]
    fn misspellings_get_suggestions_not_matches() {
        let i = index();
        let r = i.search("vallentunna");
        assert!(r.matches.is_empty());
        assert_eq!(codes(&r.suggestions), vec!["0115"]);
        assert_eq!(codes(&i.search("Kulma").suggestions), vec!["1881"]);
        assert_eq!(codes(&i.search("grastrop").suggestions), vec!["1444"]);
        assert!(i.search("xyzzy").suggestions.is_empty());
        assert_eq!(i.search(""), SearchResult::default());
        assert_eq!(i.search("  ,; "), SearchResult::default());
    }

    #[test]
    fn long_queries_are_cut_and_answered_quickly() {
        let long = "å".repeat(60_000);
        assert_eq!(cap_query(&long).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(cap_query("kumla"), "kumla");
        let i = index();
        assert!(i.search(&long).matches.is_empty());
        assert!(i.closest(&"k".repeat(60_000), 5).is_empty());
        let kumla_then_noise = format!("kumla{}", " ".repeat(200));
        assert_eq!(
            i.search(&kumla_then_noise).single().map(|c| c.to_string()),
            Some("1881".into())
        );
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("kumla"), &c("kulma")), 1);
        assert_eq!(edit_distance(&c("abc"), &c("")), 3);
        assert_eq!(edit_distance(&c("orebro"), &c("orebro")), 0);
    }
}
