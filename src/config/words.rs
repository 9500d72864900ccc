//! "Did you mean" suggestions for misspelt keys and ids.

/// The candidate closest to `word` (case-insensitive Jaro-Winkler), if any is close enough to
/// be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&lowered, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_near_words_only() {
        let keys = ["use", "except", "ignore", "ignore_only"];
        assert_eq!(super::closest("usee", keys), Some("use"));
        assert_eq!(super::closest("ignore_onl", keys), Some("ignore_only"));
        assert_eq!(super::closest("zzz", keys), None);
    }
}
