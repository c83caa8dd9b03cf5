//! A contribution from the review to the page, through the real `kompass
//! serve` and the real command line, as a sender and a curator do it.

use sha2::{Digest, Sha256};

use super::{Serve, kompass, orebro_report, reference, stderr, stdout};
use crate::common::Scratch;

fn hash(path: &std::path::Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read")))
}

#[test]
fn a_report_sent_in_is_listed_accepted_into_the_bundle_and_named_on_its_page() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    let db = scratch.db();
    let server = Serve::start(&db, &data, &[]);
    let served = hash(&db);

    // The sender: Kumla's report as Örebro's of 2022, sent in with "Skicka in".
    let receipt = server.send_report(
        &orebro_report(2022),
        "Hej! Rapporten finns på vår webbplats.",
    );
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    let r = reference(&receipt);
    assert!(
        r.len() == 11 && r.starts_with("B-20") && r[7..].chars().all(|c| c.is_ascii_digit()),
        "{r}"
    );
    assert!(receipt.body.contains("Tack! Utvärderingen är inskickad"));
    assert!(
        scratch.path("inbox.db").exists(),
        "the inbox is beside the database"
    );

    // The curator: list, show, accept.
    let list = kompass(&["inbox", "list"], &db, None);
    let listed = stdout(&list);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        listed.contains(&r) && listed.contains("1880 Örebro") && listed.contains("2022"),
        "{listed}"
    );
    assert!(
        listed.contains("the same figures as 1881-2020 (Kumla 2020): a wrong file?"),
        "{listed}"
    );
    let show = kompass(&["inbox", "show", &r], &db, None);
    let shown = stdout(&show);
    assert!(show.status.success(), "{}", stderr(&show));
    for expected in [
        "source:   https://www.orebro.se/kommunkompassen-2022.pdf",
        "contact:  kvalitet@orebro.se",
        "message:  Hej! Rapporten finns på vår webbplats.",
        "municipality:      Örebro (1880), named on line 97",
        "evaluated:         november 2022 (line 103)",
    ] {
        assert!(shown.contains(expected), "{expected:?} not in:\n{shown}");
    }
    let accept = kompass(&["inbox", "accept", &r], &db, Some(&data));
    assert!(
        accept.status.success(),
        "{}{}",
        stdout(&accept),
        stderr(&accept)
    );
    let file = data.join("evaluations/1880-orebro-2022.toml");
    let written = std::fs::read_to_string(&file).expect("the accepted file");
    assert!(
        written.contains(&format!("[contribution]\nreference = \"{r}\"\naccepted = ")),
        "{written}"
    );
    assert!(written.contains("url = \"https://www.orebro.se/kommunkompassen-2022.pdf\""));
    // Its comments are for a Swedish reader: what it is, where it came from.
    assert!(
        written.starts_with(&format!(
            "# Utvärderingsfil för kompass, inskickad via kompass ({r}).\n# Mottagen "
        )) && written.contains(" ur rapportens inklistrade text, granskad och godtagen "),
        "{written}"
    );
    assert!(!written.contains("kvalitet@orebro.se") && !written.contains("Hej!"));
    let check = kompass(&["check", data.to_str().expect("a path")], &db, None);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("file(s) valid; nothing written"));
    let listed = stdout(&kompass(&["inbox", "list", "--all"], &db, None));
    assert!(listed.contains("[accepted]"), "{listed}");

    // The server never wrote its database: the inbox is its one write.
    assert_eq!(hash(&db), served, "the served database changed");
    drop(server);

    // After a restart the page names the contribution.
    let server = Serve::start(&db, &data, &[]);
    let (status, page) = server.get("/kommun/1880");
    assert_eq!(status, 200);
    assert!(
        page.contains("inskickad via kompass, granskad ") && page.contains(&r),
        "{page}"
    );
}

#[test]
fn accepting_over_a_bundled_file_needs_replace_and_names_what_would_be_lost() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    let db = scratch.db();
    let server = Serve::start(&db, &data, &[]);
    // Kumla's own report: it confirms Kumla 2020, which a bundled file holds.
    let receipt = server.send_report(&super::kumla_report(), "");
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(
        receipt.body.contains("bekräftar det som redan finns"),
        "{}",
        receipt.body
    );
    let r = reference(&receipt);
    let bundled = data.join("evaluations/1881-kumla-2020.toml");
    let before = std::fs::read_to_string(&bundled).expect("the bundled file");

    let refused = kompass(&["inbox", "accept", &r], &db, Some(&data));
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(
        said.contains("1881-kumla-2020.toml holds this evaluation")
            && said.contains("the total 557")
            && said.contains("1 stated change")
            && said.contains("the publication date (2021-05-10)")
            && said.contains("--replace"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&bundled).expect("read"), before);
    assert!(stdout(&kompass(&["inbox", "list"], &db, None)).contains(&r));

    let replaced = kompass(&["inbox", "accept", &r, "--replace"], &db, Some(&data));
    let said = stdout(&replaced);
    assert!(replaced.status.success(), "{said}{}", stderr(&replaced));
    assert!(
        said.contains("replaced the bundled file, losing the total 557"),
        "{said}"
    );
    let now = std::fs::read_to_string(&bundled).expect("read");
    assert!(now.contains(&format!("reference = \"{r}\"")), "{now}");
    // Decided once.
    let again = kompass(&["inbox", "accept", &r, "--replace"], &db, Some(&data));
    assert!(
        stderr(&again).contains("was already accepted"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn every_inbox_command_speaks_json() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    let db = scratch.db();
    let server = Serve::start(&db, &data, &[]);
    let first = reference(&server.send_report(&orebro_report(2022), "ett"));
    let second = reference(&server.send_report(&orebro_report(2021), "två"));
    drop(server);
    let json = |args: &[&str], data: Option<&std::path::Path>| {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = kompass(&all, &db, data);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str::<serde_json::Value>(&stdout(&out))
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
    };
    let list = json(&["inbox", "list"], None);
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    assert_eq!(list[0]["reference"], first.as_str());
    assert_eq!(list[0]["municipality"], "Örebro");
    assert_eq!(list[0]["changes"]["held"], "new");
    assert_eq!(list[0]["changes"]["same_figures_as"][0], "1881-2020");
    let show = json(&["inbox", "show", &first], None);
    assert_eq!(show["message"], "ett");
    assert_eq!(show["review"]["passed"], true);
    assert_eq!(show["review"]["evaluation"]["areas"][0]["points"], 66);
    let reject = json(
        &["inbox", "reject", &second, "--reason", "Kumlas siffror"],
        None,
    );
    assert_eq!(reject["status"], "rejected");
    let accept = json(&["inbox", "accept", &first], Some(&data));
    assert_eq!(accept["status"], "accepted");
    assert!(
        accept["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("1880-orebro-2022.toml")),
        "{accept}"
    );
    let all = json(&["inbox", "list", "--all"], None);
    assert_eq!(all[1]["status"], "rejected");
    assert_eq!(all[1]["reason"], "Kumlas siffror");
    assert_eq!(json(&["inbox", "list"], None), serde_json::json!([]));
}
