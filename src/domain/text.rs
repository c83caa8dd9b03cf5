//! Folding of printed names, so that spelling variants compare equal, and
//! the Swedish order of names.

use unicode_normalization::UnicodeNormalization;

/// Folds a printed name for matching against the catalogue: lower case,
/// punctuation and dashes as spaces, runs of spaces collapsed. Keeps å, ä, ö:
/// "Kommunen som arbetsgivare – personalpolitik" and
/// "kommunen som arbetsgivare personalpolitik" fold to the same text.
pub fn fold_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\u{ad}' {
            // A soft hyphen is invisible in print.
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Folds for search: like `fold_name`, and diacritics dropped too, so that
/// "orebro", "Örebro" and "ÖREBRO" all find Örebro.
pub fn fold_search(text: &str) -> String {
    let folded = fold_name(text);
    folded
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// Whether `url` is a web address a page may link to: http or https, a host,
/// no spaces. Anything else (`javascript:`, `file:`) is never a source.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(char::is_whitespace)
    })
}

/// A URL-friendly form of a name: "Upplands Väsby" -> "upplands-vasby".
pub fn slug(text: &str) -> String {
    fold_search(text).replace(' ', "-")
}

/// A key that sorts names in Swedish order: å, ä, ö after z.
pub fn sort_key(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' => 'e',
            'ü' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order_puts_a_ring_and_dots_last() {
        let mut names = vec!["Örebro", "Älmhult", "Åre", "Ale", "Vallentuna"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["Ale", "Vallentuna", "Åre", "Älmhult", "Örebro"]);
    }

    #[test]
    fn folds_spelling_variants_together() {
        assert_eq!(
            fold_name("Kommunen som arbetsgivare – personalpolitik"),
            fold_name("kommunen som arbetsgivare personalpolitik")
        );
        assert_eq!(fold_name("  Chefs- och ledarskap "), "chefs och ledarskap");
        assert_eq!(fold_name("Brukar\u{ad}fokus"), "brukarfokus");
        assert_ne!(fold_name("Örebro"), fold_name("Orebro"));
    }

    #[test]
    fn only_http_and_https_addresses_are_web_addresses() {
        assert!(is_web_address("https://www.kumla.se/a?b#c"));
        assert!(is_web_address("http://xn--vrtlulea-9za.se/arkiv"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT://x",
            "file:///etc/passwd",
            "https://",
            "https:// x.se",
            "www.kumla.se",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn search_folding_drops_diacritics() {
        assert_eq!(fold_search("ÖREBRO"), "orebro");
        assert_eq!(fold_search("Håbo"), "habo");
        assert_eq!(slug("Upplands Väsby"), "upplands-vasby");
        assert_eq!(slug("Malung-Sälen"), "malung-salen");
    }
}
