//! The faithful WMT quote pairs both benchmark examples read (`#[path]`-included: examples
//! share no crate of their own).

/// The WMT data folder, beside the project (internal data, read at run time only).
pub const ROOT: &str = "../shared/data/wmt";

/// The clean English-original quote pairs: (French translation, English source).
pub fn read_pairs() -> Vec<(String, String)> {
    let path = std::path::Path::new(ROOT).join("quotes_en2fr_clean.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() > 3 && !c[2].trim().is_empty() && !c[3].trim().is_empty())
                .then(|| (c[2].to_string(), c[3].to_string()))
        })
        .collect()
}
