//! No input makes the report parser panic: damaged copies of the Kumla
//! report and of the reports of every era (`fixtures/reports/eras/`: lines
//! dropped, duplicated, swapped, characters changed, the text cut short),
//! report-like lines in random order, and random bytes. Every problem it
//! reports names a line the text has. And a report of each era laid out
//! another way (`report_layouts.rs`: one line per page, headers moved,
//! other dot leaders, capitals, "Stad", lines rewrapped) reads to the same
//! figures. Case counts are bounded so that CI stays fast; `fuzz/` has a
//! cargo-fuzz target for longer runs.

use std::path::Path;
use std::sync::LazyLock;

use kompass::domain::{Catalogue, Municipality};
use kompass::import::ImportError;
use kompass::import::bundle;
use kompass::import::report::{self, ReportRegisters};
use proptest::prelude::*;

use crate::common::{bundled_data, project_dir};

static REFERENCE: LazyLock<(Vec<Municipality>, Catalogue)> = LazyLock::new(|| {
    let r = bundle::load(&bundled_data()).unwrap().registers;
    (r.municipalities, r.catalogue)
});

static SEED: LazyLock<Vec<String>> = LazyLock::new(|| {
    std::fs::read_to_string(project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
        .unwrap()
        .split('\n')
        .map(str::to_string)
        .collect()
});

/// The reports of every era, each as lines.
static ERAS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let dir = project_dir().join("tests/fixtures/reports/eras");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .split('\n')
                .map(str::to_string)
                .collect()
        })
        .collect()
});

pub fn registers() -> ReportRegisters<'static> {
    let (municipalities, catalogue) = &*REFERENCE;
    ReportRegisters {
        municipalities,
        catalogue,
    }
}

/// Parses, and checks that every problem names a line of the text.
fn parse_checked(text: &str) {
    let registers = registers();
    // Lines as an editor counts them: CRLF, LF and a lone CR each end one.
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines = u32::try_from(unified.split('\n').count()).unwrap();
    match report::parse(Path::new("p.txt"), text, &registers) {
        Ok(r) => {
            for s in &r.file.evaluation.subareas {
                assert!(s.line.is_some_and(|l| (1..=lines).contains(&l)), "{s:?}");
            }
        }
        Err(ImportError::Invalid { problems, .. }) => {
            for p in problems {
                assert!(p.line.is_none_or(|l| (1..=lines).contains(&l)), "{p:?}");
            }
        }
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Change(usize, usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let characters = prop_oneof![
        prop::sample::select(vec![
            '0', '9', '%', ',', '.', ' ', '\u{a0}', '•', 'Ö', '\n', '\r'
        ]),
        any::<char>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<usize>(), characters)
            .prop_map(|(l, c, ch)| Mutation::Change(l, c, ch)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Mutations aimed at the parts that carry figures (the last 400 lines hold
/// area 8 and the overview table), or anywhere.
fn apply(lines: &mut Vec<String>, m: &Mutation, focus: bool) {
    if lines.is_empty() {
        return;
    }
    let pick = |i: usize, len: usize| {
        if focus && len > 400 {
            len - 400 + i % 400
        } else {
            i % len
        }
    };
    match *m {
        Mutation::Drop(i) => {
            let at = pick(i, lines.len());
            lines.remove(at);
        }
        Mutation::Duplicate(i) => {
            let at = pick(i, lines.len());
            let copy = lines[at].clone();
            lines.insert(at, copy);
        }
        Mutation::Swap(a, b) => {
            let (a, b) = (pick(a, lines.len()), pick(b, lines.len()));
            lines.swap(a, b);
        }
        Mutation::Change(l, c, ch) => {
            let at = pick(l, lines.len());
            let mut chars: Vec<char> = lines[at].chars().collect();
            if chars.is_empty() {
                chars.push(ch);
            } else {
                let i = c % chars.len();
                chars[i] = ch;
            }
            lines[at] = chars.into_iter().collect();
        }
        Mutation::Truncate(i) => {
            let keep = pick(i, lines.len());
            lines.truncate(keep.max(1));
        }
    }
}

/// Lines of the kinds the parser looks for, to be put together at random.
fn report_like_line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Kommunkompassen",
            "Utvärderingen av Kumla kommun genomfördes i november 2020 och var",
            "kommunens andra utvärdering",
            "Analys av Habo kommun 2019 Utvärderare: Anna Berg och Per Ek, SKR",
            "Sammanfattande kommentarer",
            "Inom område 1, Samspel mellan förtroendevalda och medborgare, finns",
            "Område 1 Samspel mellan förtroendevalda och medborgare",
            "Område 2 Samhällsutveckling",
            "Område 9 Inget",
            "Rubriker Poäng",
            "• Strategi för styrning",
            "• Politisk styrning                                  80",
            "medarbetarskap",
            "Styrkor Förbättringsmöjligheter",
            "Styrkor                      Förbättringsmöjligheter",
            "Förbättringsmöjligheter",
            "A                            B",
            "4. Översikt av poängfördelning",
            "1. Offentlighet och demokrati Uppnått Max Procent",
            "Uppnått Max Procent",
            "Totalt 557 800 70%",
            " 66 100 66%",
            "tjänsteperson",
            "http://www.skr.se/",
            "5. Poängsammanställning",
            "Område 1 Offentlighet och demokratisk kontroll Max Poäng",
            "Summa 100 66",
            "1. Offentlighet och demokratisk kontroll 66 100",
            "Område 1 Offentlighet och demokrati 49 poäng... 6",
            "Område 2 Brukarfokus, tillgänglighet och bemötande 61 poäng",
            "Innehåll",
            "Sveriges Kommuner och Landsting 2010-10-25 2 (34)",
            "Sveriges Kommuner och Landsting (34)",
            "(3)",
            "Transkript",
            "Full text",
            "Kommunkompassen Analys av Borlänge kommun 2010-06-15--17",
            "KommunKompassen ANALYS AV MÖLNDALS KOMMUN 2016",
            "Analys av Skövde kommun 29-30 september",
            "RAPPORT 2010-10-25 1 (34) Sektionen för Demokrati och styrning Kommunkompassen Analys av Borlänge kommun 2010-06-15--17 Innehåll: 1. Vad är Kommunkompassen? 5. Poängsammanställning Område 1 Offentlighet och demokrati Rubriker Poäng • Strategi • Dialog 66 Allmänt Text om området som fortsätter länge nog för att raden ska vara en hel sida. Styrkor Förbättringsmöjligheter • A • B 4. Översikt av poängfördelning 1. Offentlighet och demokrati Uppnått Max Procent 1.1 Strategi 13 20 63% 1.2 Dialog 53 80 66% 66 100 66%",
        ])
        .prop_map(str::to_string),
        (1u8..=9, 0u8..=12, 0u32..=120, 0u32..=120, 0u32..=120)
            .prop_map(|(a, i, p, m, pc)| format!("{a}.{i} Namn {p} {m} {pc}%")),
        (0u32..=900).prop_map(|n| n.to_string()),
        "[ -~åäöÅÄÖ•%,.]{0,40}",
    ]
}

/// `cases` cases from a fixed seed, so that CI runs the same inputs every
/// time; `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES`) explore others, and
/// `fuzz/` searches for longer.
pub fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig {
        cases,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_some() {
        config.cases = ProptestConfig::default().cases;
    }
    if config.rng_seed == proptest::test_runner::RngSeed::Random {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x006b_6f6d_7061_7373);
    }
    config
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_damaged_report_never_panics(
        mutations in prop::collection::vec(mutation(), 1..6),
        focus in any::<bool>(),
    ) {
        let mut lines = SEED.clone();
        for m in &mutations {
            apply(&mut lines, m, focus);
        }
        parse_checked(&lines.join("\n"));
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_damaged_report_of_any_era_never_panics(
        era in 0usize..5,
        mutations in prop::collection::vec(mutation(), 1..6),
        focus in any::<bool>(),
    ) {
        let mut lines = ERAS[era % ERAS.len()].clone();
        for m in &mutations {
            apply(&mut lines, m, focus);
        }
        parse_checked(&lines.join("\n"));
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn report_like_lines_in_any_order_never_panic(
        lines in prop::collection::vec(report_like_line(), 0..60),
        blank in any::<bool>(),
    ) {
        let joiner = if blank { "\n\n" } else { "\n" };
        parse_checked(&lines.join(joiner));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        parse_checked(&String::from_utf8_lossy(&bytes));
    }
}
