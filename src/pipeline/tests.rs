//! The pipeline's rules on an in-memory database: which stored evaluation a
//! file replaces, what a bundled file may not replace, the public ids, and
//! what one batch refuses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use diesel::sqlite::SqliteConnection;

use super::batch::{Batch, Item};
use super::held_back;
use super::registers::RunRegisters;
use super::store::{Feed, Store};
use super::summary::Action;
use crate::db::{self, read, write};
use crate::domain::{Evaluation, EvaluationKey, Origin, Provenance, Revision, Score};
use crate::import::evaluation_file::{FileFacts, ParsedFile};
use crate::import::registers::{parse_benchmarks, parse_catalogue, parse_municipalities};

fn registers() -> RunRegisters {
    let municipalities = parse_municipalities(
        Path::new("m"),
        include_str!("../../data-import/municipalities.csv"),
    )
    .unwrap();
    let catalogue = parse_catalogue(
        Path::new("c"),
        include_str!("../../data-import/catalogue.toml"),
    )
    .unwrap();
    RunRegisters::new(municipalities, catalogue)
}

/// An empty in-memory database holding the bundled registers.
fn database(registers: &RunRegisters) -> SqliteConnection {
    let mut conn = db::open_in_memory().unwrap();
    let benchmarks = parse_benchmarks(
        Path::new("b"),
        include_str!("../../data-import/benchmarks.csv"),
    )
    .unwrap();
    write::replace_registers(
        &mut conn,
        &registers.municipalities,
        &registers.catalogue,
        &benchmarks,
    )
    .unwrap();
    conn
}

fn evaluation(code: &str, year: i32, month: Option<u8>, total: i64) -> Evaluation {
    let mut e = Evaluation::new(code.parse().unwrap(), year, Revision::new(2016));
    e.month = month;
    e.total = Some(Score::whole(total));
    e
}

fn provenance(origin: Origin, file: &str, hash: &str) -> Provenance {
    Provenance {
        origin,
        source_file: file.into(),
        content_hash: hash.into(),
        imported_at: "2026-01-01T00:00:00Z".into(),
    }
}

fn item(e: Evaluation, origin: Origin, file: &str) -> Item {
    let hash = format!("{:?}", e.total);
    Item {
        path: PathBuf::from(file),
        parsed: ParsedFile {
            evaluation: e,
            facts: FileFacts::default(),
        },
        report: None,
        notices: vec![],
        provenance: provenance(origin, file, &hash),
    }
}

fn stored_ids(conn: &mut SqliteConnection) -> Vec<String> {
    let mut ids: Vec<String> = read::load_index(conn)
        .unwrap()
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_same_file_again_is_unchanged_and_a_changed_one_replaces() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    let e = evaluation("1881", 2017, None, 420);
    let p = provenance(Origin::Import, "kumla.toml", "a");
    let first = store.store(&e, &p, Feed::Named).unwrap().unwrap();
    assert_eq!(first.action, Action::Inserted);
    let again = store.store(&e, &p, Feed::Named).unwrap().unwrap();
    assert_eq!((again.action, again.row), (Action::Unchanged, first.row));
    // A month given later names the same evaluation.
    let dated = evaluation("1881", 2017, Some(5), 421);
    let changed = provenance(Origin::Import, "kumla.toml", "b");
    let replaced = store.store(&dated, &changed, Feed::Named).unwrap().unwrap();
    assert_eq!(replaced.action, Action::Replaced);
    let old = replaced
        .replaced
        .expect("a named file reads what it replaces");
    assert_eq!(old.evaluation.total, Some(Score::whole(420)));
    store.finish().unwrap();
    assert_eq!(stored_ids(&mut conn), ["1881-2017"]);
}

#[test]
fn a_bundled_file_never_replaces_an_evaluation_imported_by_hand() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    let mine = evaluation("1881", 2017, None, 420);
    let p = provenance(Origin::Import, "mine.toml", "a");
    store.store(&mine, &p, Feed::Named).unwrap().unwrap();
    let bundled = evaluation("1881", 2017, None, 400);
    let b = provenance(Origin::Bundle, "evaluations/1881-kumla-2017.toml", "b");
    let kept = store.store(&bundled, &b, Feed::Bundle).unwrap().unwrap();
    match kept.action {
        Action::Kept(why) => assert!(
            why.starts_with("1881-2017 stays as imported from mine.toml"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    // Named, the bundled file does replace it.
    let named = store.store(&bundled, &b, Feed::Named).unwrap().unwrap();
    assert_eq!(named.action, Action::Replaced);
}

#[test]
fn the_bundle_preferred_restores_its_file_and_held_back_files_are_found_by_their_evaluation() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    let bundled = evaluation("1881", 2017, Some(5), 400);
    let b = provenance(Origin::Bundle, "evaluations/1881-kumla-2017.toml", "b");
    let other = evaluation("0115", 2019, None, 603);
    let o = provenance(Origin::Bundle, "evaluations/0115-vallentuna-2019.toml", "o");
    store.store(&bundled, &b, Feed::Bundle).unwrap().unwrap();
    store.store(&other, &o, Feed::Bundle).unwrap().unwrap();
    // Undated, the hand import still names the bundled (dated) evaluation.
    let mine = evaluation("1881", 2017, None, 420);
    let p = provenance(Origin::Import, "mine.toml", "a");
    store.store(&mine, &p, Feed::Named).unwrap().unwrap();
    store.finish().unwrap();
    let files = [
        (b.source_file.clone(), bundled.key()),
        (o.source_file.clone(), other.key()),
    ];
    held_back::record(&mut conn, &files).unwrap();
    let held = held_back::find(&mut conn).unwrap().unwrap();
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0].file, "evaluations/1881-kumla-2017.toml");
    assert_eq!(held[0].id.to_string(), "1881-2017");
    assert_eq!(held[0].imported_from, "mine.toml");
    assert_eq!(held[0].imported_at, "2026-01-01T00:00:00Z");
    let mut store = Store::open(&mut conn).unwrap();
    let restored = store
        .store(&bundled, &b, Feed::BundleFirst)
        .unwrap()
        .unwrap();
    assert_eq!(
        restored.action,
        Action::Restored(
            "evaluations/1881-kumla-2017.toml restores 1881-2017 in place of the evaluation imported by hand from mine.toml".into()
        )
    );
    store.finish().unwrap();
    assert_eq!(held_back::find(&mut conn).unwrap(), Some(vec![]));
}

#[test]
fn an_undated_file_cannot_tell_two_evaluations_of_one_year_apart() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    for (month, hash) in [(3, "a"), (10, "b")] {
        let e = evaluation("1444", 2014, Some(month), 500);
        let p = provenance(Origin::Import, &format!("{month}.toml"), hash);
        store.store(&e, &p, Feed::Named).unwrap().unwrap();
    }
    let undated = evaluation("1444", 2014, None, 500);
    let p = provenance(Origin::Import, "x.toml", "c");
    let problem = store.store(&undated, &p, Feed::Named).unwrap().unwrap_err();
    assert_eq!(problem.field, crate::import::Field::Month);
    let message = problem.kind.to_string();
    assert!(
        message.contains("2 evaluations stored in 2014 (months 3, 10)"),
        "{message}"
    );
}

#[test]
fn ids_carry_the_month_only_while_a_year_has_two_evaluations() {
    let registers = registers();
    let mut conn = database(&registers);
    {
        let mut store = Store::open(&mut conn).unwrap();
        let e = evaluation("1444", 2014, Some(10), 506);
        let p = provenance(Origin::Bundle, "evaluations/1444-2014.toml", "a");
        store.store(&e, &p, Feed::Bundle).unwrap().unwrap();
        store.finish().unwrap();
    }
    assert_eq!(stored_ids(&mut conn), ["1444-2014"]);
    {
        let mut store = Store::open(&mut conn).unwrap();
        let spring = evaluation("1444", 2014, Some(3), 480);
        let p = provenance(Origin::Bundle, "evaluations/1444-2014-03.toml", "b");
        let stored = store.store(&spring, &p, Feed::Bundle).unwrap().unwrap();
        let ids = store.finish().unwrap();
        assert_eq!(
            ids.of(stored.row, &spring.key()).unwrap().to_string(),
            "1444-2014-03"
        );
    }
    assert_eq!(stored_ids(&mut conn), ["1444-2014-03", "1444-2014-10"]);
    let mut store = Store::open(&mut conn).unwrap();
    let only = ["evaluations/1444-2014.toml".to_string()].into();
    let removed = store.remove_bundled_except(&only).unwrap();
    assert_eq!(removed, vec!["1444-2014-03".to_string()]);
    store.finish().unwrap();
    assert_eq!(stored_ids(&mut conn), ["1444-2014"]);
}

#[test]
fn one_batch_refuses_two_files_for_one_evaluation_and_records_sub_areas_once() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    let mut batch = Batch::new(Feed::Named, &registers, BTreeMap::new());
    let a = evaluation("1440", 2021, Some(3), 500);
    let b = evaluation("1440", 2021, None, 510);
    batch
        .add(&mut store, item(a, Origin::Import, "a.toml"))
        .unwrap();
    batch
        .add(&mut store, item(b, Origin::Import, "b.toml"))
        .unwrap();
    let errors = batch.errors().expect("the second file is refused");
    let text = errors[0].to_string();
    assert!(
        text.starts_with(
            "b.toml: municipality, year, month: 1440 2021 is also described by a.toml"
        ),
        "{text}"
    );
    // The first file printing a v2016 sub-area records its max.
    let mut with_subareas = evaluation("0781", 2018, None, 500);
    with_subareas.total = None;
    with_subareas.subareas = (1..=2)
        .map(|item| crate::domain::SubareaScore {
            code: format!("1.{item}").parse().unwrap(),
            name: None,
            points: Score::whole(10),
            max: Score::whole(50),
            percent: None,
            line: None,
        })
        .collect();
    batch
        .add(&mut store, item(with_subareas, Origin::Import, "c.toml"))
        .unwrap();
    assert!(batch.errors().is_none());
    let recorded: Vec<String> = batch
        .recorded()
        .iter()
        .map(|((r, c), max)| format!("{r} {c} {max}"))
        .collect();
    assert_eq!(recorded, ["v2016 1.1 50", "v2016 1.2 50"]);
}

#[test]
fn the_store_reads_its_index_once_and_keeps_it_in_step() {
    let registers = registers();
    let mut conn = database(&registers);
    let mut store = Store::open(&mut conn).unwrap();
    for year in 2010..2015 {
        let e = evaluation("0115", year, None, 400);
        let p = provenance(Origin::Import, &format!("{year}.toml"), "h");
        store.store(&e, &p, Feed::Named).unwrap().unwrap();
    }
    assert_eq!(store.count(), 5);
    store.finish().unwrap();
    let index = read::load_index(&mut conn).unwrap();
    let keys: Vec<EvaluationKey> = index.iter().map(|s| s.evaluation_key()).collect();
    assert_eq!(keys.len(), 5);
    assert!(keys.iter().all(|k| k.municipality.as_str() == "0115"));
}
