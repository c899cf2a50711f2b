//! Multi-word lookup: a table of key sequences and a longest-match scan over a text's keys.

use std::collections::HashMap;

/// Key sequences (each word reduced to its key, see `LangData::key`) with a value each.
#[derive(Clone, Debug)]
pub struct PhraseTable<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
    max_words: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::new(),
            max_words: 0,
        }
    }
}

impl<T> PhraseTable<T> {
    pub fn insert(&mut self, keys: Vec<String>, value: T) {
        let Some(first) = keys.first().cloned() else {
            return;
        };
        self.max_words = self.max_words.max(keys.len());
        let slot = self.by_first.entry(first).or_default();
        // Longest first, so the scan can take the first hit; equal lengths keep file order.
        let at = slot.partition_point(|(k, _)| k.len() >= keys.len());
        slot.insert(at, (keys, value));
    }

    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// All phrases starting at `keys[i]`, longest first.
    pub fn starting_at<'a>(
        &'a self,
        keys: &'a [String],
        i: usize,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        self.by_first
            .get(&keys[i])
            .into_iter()
            .flatten()
            .filter_map(move |(phrase, value)| {
                let end = i + phrase.len();
                (end <= keys.len() && keys[i..end] == phrase[..]).then_some((phrase.len(), value))
            })
    }

    /// Non-overlapping longest matches, left to right: `(start, length, value)`. Every
    /// value of the longest phrase is returned (`effondr` is a fall and a grief).
    pub fn scan<'a>(&'a self, keys: &'a [String]) -> Vec<(usize, usize, &'a T)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let mut hits = self.starting_at(keys, i).peekable();
            match hits.peek().map(|&(len, _)| len) {
                Some(longest) => {
                    found.extend(
                        hits.take_while(|&(len, _)| len == longest)
                            .map(|(len, v)| (i, len, v)),
                    );
                    i += longest;
                }
                None => i += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn scan_prefers_the_longest_phrase() {
        let mut table = PhraseTable::default();
        table.insert(keys("coup"), 1);
        table.insert(keys("a coup sur"), 2);
        let text = keys("gagner a coup sur coup");
        let hits: Vec<_> = table
            .scan(&text)
            .into_iter()
            .map(|(s, l, v)| (s, l, *v))
            .collect();
        assert_eq!(hits, [(1, 3, 2), (4, 1, 1)]);
    }
}
