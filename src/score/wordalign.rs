//! Word alignment of a quote pair across languages: which words of the translation render
//! which words of the source. Candidate links come from equal numbers, identical words
//! (names, shared words), the lexicon (phrases included, through stems), shared stems and,
//! last, cognates (`victoire` / `victory`); a greedy pass keeps the best one-to-one links,
//! preferring links near the diagonal. What stays unaligned is what differs.

use super::analyze::{Analyzed, FUNCTION_WEIGHT};
use super::numbers::is_conversion;
use crate::lexicon::Resources;
use crate::text::TokenKind;
use rustc_hash::FxHashMap;
use std::ops::Range;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Number,
    Exact,
    Lexicon,
    Stem,
    Cognate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub t: Range<usize>,
    pub s: Range<usize>,
    pub kind: LinkKind,
    pub score: f32,
}

#[derive(Clone, Debug, Default)]
pub struct Alignment {
    pub links: Vec<Link>,
    /// For each translation token, the index of its link.
    pub t_link: Vec<Option<usize>>,
    pub s_link: Vec<Option<usize>>,
}

impl Alignment {
    pub fn t_aligned(&self, i: usize) -> bool {
        self.t_link[i].is_some()
    }

    pub fn s_aligned(&self, j: usize) -> bool {
        self.s_link[j].is_some()
    }

    fn accept(&mut self, link: Link) -> bool {
        let free = link.t.clone().all(|i| self.t_link[i].is_none())
            && link.s.clone().all(|j| self.s_link[j].is_none());
        if free {
            let n = self.links.len();
            link.t.clone().for_each(|i| self.t_link[i] = Some(n));
            link.s.clone().for_each(|j| self.s_link[j] = Some(n));
            self.links.push(link);
        }
        free
    }
}

/// Aligns the words of translation `t` with those of source `s`.
pub fn align(t: &Analyzed, s: &Analyzed, res: &Resources) -> Alignment {
    let mut al = Alignment {
        links: Vec::new(),
        t_link: vec![None; t.len()],
        s_link: vec![None; s.len()],
    };
    if t.is_empty() || s.is_empty() {
        return al;
    }
    let mut cands = candidates(t, s, res);
    greedy(&mut al, &mut cands, t, s);
    let mut cognates = cognates(t, s, &al);
    greedy(&mut al, &mut cognates, t, s);
    al
}

fn candidates(t: &Analyzed, s: &Analyzed, res: &Resources) -> Vec<Link> {
    let mut out = Vec::new();
    for tn in &t.numbers {
        for sn in &s.numbers {
            if tn.same_value(sn) || (tn.class == sn.class && is_conversion(tn.value, sn.value)) {
                out.push(Link {
                    t: tn.range.clone(),
                    s: sn.range.clone(),
                    kind: LinkKind::Number,
                    score: 1.0,
                });
            }
        }
    }
    let mut s_norm: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, tok) in s.tokens.iter().enumerate() {
        s_norm.entry(tok.norm.as_str()).or_default().push(j);
    }
    for i in 0..t.len() {
        let tok = &t.tokens[i];
        let content = t.is_content(i) && tok.kind == TokenKind::Word;
        if content && tok.norm.chars().count() >= 2 {
            for &j in s_norm.get(tok.norm.as_str()).into_iter().flatten() {
                out.push(Link {
                    t: i..i + 1,
                    s: j..j + 1,
                    kind: LinkKind::Exact,
                    score: 1.0,
                });
            }
            for &j in s.ngrams.get(&t.keys[i]).into_iter().flatten() {
                if s.is_content(j) {
                    out.push(Link {
                        t: i..i + 1,
                        s: j..j + 1,
                        kind: LinkKind::Stem,
                        score: 0.85,
                    });
                }
            }
        }
        // Renderings into the other language were looked up once, when `t` was analyzed;
        // between two texts of one language (the same quote in two sources) they are
        // looked up here.
        let computed;
        let renderings = if s.lang == t.rendered_in {
            &t.renderings[i]
        } else {
            computed = renderings_at(t, i, s.lang, res);
            &computed
        };
        for r in renderings {
            for &j in s.ngrams.get(&r.keys).into_iter().flatten() {
                out.push(Link {
                    t: i..i + r.len,
                    s: j..j + r.target_len,
                    kind: LinkKind::Lexicon,
                    score: r.score,
                });
            }
        }
    }
    out
}

/// A lexicon rendering of the words starting at a token: `len` words of the text, rendered
/// by `target_len` words whose joined keys are `keys`.
#[derive(Clone, Debug)]
pub struct Rendering {
    pub len: usize,
    pub target_len: usize,
    pub keys: String,
    pub score: f32,
}

/// The lexicon renderings in `target` of the phrases of `a` starting at token `i`.
pub fn renderings_at(
    a: &Analyzed,
    i: usize,
    target: crate::lang::Lang,
    res: &Resources,
) -> Vec<Rendering> {
    let mut out = Vec::new();
    for (len, entry) in res.lexicon.starting_at(a.lang, &a.keys, i) {
        let weight: f32 = a.weight[i..i + len].iter().sum();
        let score = if weight <= FUNCTION_WEIGHT * len as f32 {
            0.5
        } else {
            0.9
        } + 0.02 * len as f32;
        for alt in res.lexicon.keyed_side(entry, target) {
            out.push(Rendering {
                len,
                target_len: alt.len(),
                keys: alt.join(" "),
                score,
            });
        }
    }
    out
}

/// Near-identical spellings of content words: same first two letters, similar length,
/// Jaro-Winkler of at least 0.88 on the accent-free forms.
fn cognates(t: &Analyzed, s: &Analyzed, al: &Alignment) -> Vec<Link> {
    let mut out = Vec::new();
    let open = |a: &Analyzed, i: usize, aligned: bool| {
        !aligned
            && a.is_content(i)
            && a.tokens[i].kind == TokenKind::Word
            && a.tokens[i].norm.chars().count() >= 4
    };
    for i in (0..t.len()).filter(|&i| open(t, i, al.t_aligned(i))) {
        let tn = &t.tokens[i].norm;
        for j in (0..s.len()).filter(|&j| open(s, j, al.s_aligned(j))) {
            let sn = &s.tokens[j].norm;
            if tn.get(..2) != sn.get(..2) {
                continue;
            }
            let (a, b) = (tn.chars().count() as f32, sn.chars().count() as f32);
            if a.min(b) / a.max(b) < 0.6 {
                continue;
            }
            let jw = strsim::jaro_winkler(tn, sn) as f32;
            if jw >= 0.88 {
                out.push(Link {
                    t: i..i + 1,
                    s: j..j + 1,
                    kind: LinkKind::Cognate,
                    score: 0.7 * jw,
                });
            }
        }
    }
    out
}

/// Best links first; among equals, longer phrases, then links nearer the diagonal.
fn greedy(al: &mut Alignment, cands: &mut [Link], t: &Analyzed, s: &Analyzed) {
    let distortion = |l: &Link| {
        let tm = (l.t.start + l.t.end) as f32 / 2.0 / t.len() as f32;
        let sm = (l.s.start + l.s.end) as f32 / 2.0 / s.len() as f32;
        (tm - sm).abs()
    };
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((b.t.len() + b.s.len()).cmp(&(a.t.len() + a.s.len())))
            .then(distortion(a).total_cmp(&distortion(b)))
    });
    for link in cands.iter() {
        al.accept(link.clone());
    }
}

/// Weighted share of the tokens of `range` that are aligned.
pub fn coverage(a: &Analyzed, aligned: impl Fn(usize) -> bool, range: Range<usize>) -> f32 {
    let (mut hit, mut all) = (0.0, 0.0);
    for i in range {
        all += a.weight[i];
        if aligned(i) {
            hit += a.weight[i];
        }
    }
    if all == 0.0 {
        0.0
    } else {
        hit / all
    }
}
