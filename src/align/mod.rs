//! Matching translated quotes to source quotes across all sources.
//!
//! A score matrix (similarity of every translated quote with every source quote, plus a
//! bonus when their paragraphs align in order) feeds a one-to-one assignment. Then two
//! repairs: a translated quote left over may take a second piece of an already matched
//! source quote (the translator split it), and a matched pair may take the next source
//! quote too when that covers the translation better (the source split it).

mod assign;
mod paragraphs;

pub use assign::assign;
pub use paragraphs::align_paragraphs;

use crate::finding::QuoteRef;
use crate::lexicon::Resources;
use crate::quote::{Quote, QuoteKind};
use crate::score::{analyze, measure, Analyzed, Scorer, Side, Window};
use crate::text::{Document, Span};

/// Minimum similarities for a pair to be matched, by translated quote kind.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchSettings {
    pub min_full: f32,
    pub min_partial: f32,
    pub min_scare: f32,
    /// Added to a pair's score when the paragraphs of the two quotes align.
    pub order_bonus: f32,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            min_full: 0.2,
            min_partial: 0.3,
            min_scare: 0.5,
            order_bonus: 0.1,
        }
    }
}

impl MatchSettings {
    fn min_for(&self, kind: QuoteKind) -> f32 {
        match kind {
            QuoteKind::Full => self.min_full,
            QuoteKind::Partial => self.min_partial,
            _ => self.min_scare,
        }
    }
}

/// A document's quotes with their analyses.
pub struct Prepared<'a> {
    pub doc: &'a Document,
    pub quotes: &'a [Quote],
    pub analyzed: Vec<Analyzed>,
}

impl<'a> Prepared<'a> {
    pub fn new(doc: &'a Document, quotes: &'a [Quote], res: &Resources) -> Prepared<'a> {
        let analyzed = quotes.iter().map(|q| analyze(doc, &q.parts, res)).collect();
        Prepared {
            doc,
            quotes,
            analyzed,
        }
    }
}

/// A translated quote and the source quote(s) it renders.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteMatch {
    /// Index of the translated quote.
    pub translation: usize,
    /// The source quote, or two consecutive ones of the same document when the source split
    /// what the translation quotes whole.
    pub sources: Vec<QuoteRef>,
    /// Similarity of the pair (order bonus excluded).
    pub score: f32,
    /// The best other candidate and its similarity.
    pub runner_up: Option<(QuoteRef, f32)>,
    /// Paired by their place in aligned paragraphs, the words being too different to tell:
    /// no drift is claimed for such a pair.
    pub by_position: bool,
}

/// Which part of each side to compare, from the kinds of the two quotes and, for two full
/// quotes, whether the source has more sentences (the translation may cite some of them).
pub fn windows(t: &Analyzed, tk: QuoteKind, s: &Analyzed, sk: QuoteKind) -> (Window, Window) {
    let sentences = |a: &Analyzed| a.sentence_start.iter().filter(|&&b| b).count();
    match (tk, sk) {
        (QuoteKind::Full, QuoteKind::Full) if sentences(s) > sentences(t) => {
            (Window::Whole, Window::Sentences)
        }
        (QuoteKind::Full, QuoteKind::Full) => (Window::Whole, Window::Whole),
        (QuoteKind::Full, _) => (Window::Words, Window::Whole),
        _ => (Window::Whole, Window::Words),
    }
}

/// The outcome of matching: the pairs, and the source quotes that repeat a matched quote
/// of another source (the agency release and the wire story quoting the same sentence).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matching {
    pub matches: Vec<QuoteMatch>,
    pub duplicates: Vec<QuoteRef>,
}

/// Matches every translated quote to its best source quote; see the module comment.
pub fn match_quotes(
    t: &Prepared,
    sources: &[Prepared],
    scorer: &dyn Scorer,
    res: &Resources,
    settings: &MatchSettings,
) -> Matching {
    let refs: Vec<QuoteRef> = sources
        .iter()
        .enumerate()
        .flat_map(|(d, s)| {
            (0..s.quotes.len()).map(move |q| QuoteRef {
                document: d + 1,
                quote: q,
            })
        })
        .collect();
    let source = |r: QuoteRef| {
        (
            &sources[r.document - 1].quotes[r.quote],
            &sources[r.document - 1].analyzed[r.quote],
        )
    };
    let order: Vec<Vec<Option<usize>>> = sources
        .iter()
        .map(|s| paragraph_order(t.doc, s.doc, res))
        .collect();
    let mut sim = vec![vec![0.0f32; refs.len()]; t.quotes.len()];
    let mut scores = sim.clone();
    for (i, tq) in t.quotes.iter().enumerate() {
        for (c, &r) in refs.iter().enumerate() {
            let (sq, sa) = source(r);
            let (tw, sw) = windows(&t.analyzed[i], tq.kind, sa, sq.kind);
            let s = scorer.similarity(
                Side {
                    text: &tq.text,
                    analyzed: &t.analyzed[i],
                    window: tw,
                },
                Side {
                    text: &sq.text,
                    analyzed: sa,
                    window: sw,
                },
            );
            sim[i][c] = s;
            if s >= settings.min_for(tq.kind) {
                let aligned = order[r.document - 1].get(tq.paragraph).copied().flatten()
                    == Some(sq.paragraph);
                scores[i][c] = s + if aligned { settings.order_bonus } else { 0.0 };
            }
        }
    }
    // One column per distinct quote: copies of a quote in several sources count once, so a
    // second translated quote cannot claim the copy the first did not take.
    let clusters = same_quotes(sources, &refs, res);
    let best_member = |i: usize, k: usize| {
        clusters[k]
            .iter()
            .copied()
            .max_by(|&a, &b| scores[i][a].total_cmp(&scores[i][b]))
            .expect("clusters are non-empty")
    };
    let cluster_scores: Vec<Vec<f32>> = (0..t.quotes.len())
        .map(|i| {
            (0..clusters.len())
                .map(|k| scores[i][best_member(i, k)])
                .collect()
        })
        .collect();
    let picks = assign(&cluster_scores);
    let mut matches: Vec<QuoteMatch> = Vec::new();
    for (i, pick) in picks.iter().enumerate() {
        let piece = |k: usize| {
            let owner = picks.iter().position(|&p| p == Some(k))?;
            let (_, sa) = source(refs[best_member(owner, k)]);
            split_piece(&t.analyzed[owner], &t.analyzed[i], sa, res).then_some(k)
        };
        let chosen = pick.or_else(|| {
            let mut cands: Vec<usize> = (0..clusters.len())
                .filter(|&k| cluster_scores[i][k] > 0.0 && picks.contains(&Some(k)))
                .collect();
            cands.sort_by(|&a, &b| cluster_scores[i][b].total_cmp(&cluster_scores[i][a]));
            cands.into_iter().find_map(piece)
        });
        let Some(k) = chosen else { continue };
        let c = if pick.is_some() {
            best_member(i, k)
        } else {
            picks
                .iter()
                .position(|&p| p == Some(k))
                .map_or(best_member(i, k), |o| best_member(o, k))
        };
        let runner_up = (0..refs.len())
            .filter(|&m| !clusters[k].contains(&m) && sim[i][m] > 0.0)
            .max_by(|&a, &b| sim[i][a].total_cmp(&sim[i][b]))
            .map(|m| (refs[m], sim[i][m]));
        matches.push(QuoteMatch {
            translation: i,
            sources: vec![refs[c]],
            score: sim[i][c],
            runner_up,
            by_position: false,
        });
    }
    let claimed: Vec<QuoteRef> = matches.iter().flat_map(|m| m.sources.clone()).collect();
    for m in &mut matches {
        join_next_source(m, t, sources, &claimed, scorer, res);
    }
    let taken = |r: &QuoteRef, matches: &[QuoteMatch]| {
        let k = clusters
            .iter()
            .position(|c| c.iter().any(|&m| refs[m] == *r))
            .expect("every quote is in a cluster");
        clusters[k]
            .iter()
            .any(|&m| matches.iter().any(|x| x.sources.contains(&refs[m])))
    };
    for d in 0..sources.len() {
        let free: Vec<QuoteRef> = refs
            .iter()
            .copied()
            .filter(|r| r.document == d + 1 && !taken(r, &matches))
            .collect();
        for (i, r) in pair_by_position(t, &sources[d], &order[d], &matches, &free) {
            let c = refs
                .iter()
                .position(|x| *x == r)
                .expect("r comes from refs");
            matches.push(QuoteMatch {
                translation: i,
                sources: vec![r],
                score: sim[i][c],
                runner_up: None,
                by_position: true,
            });
        }
    }
    matches.sort_by_key(|m| m.translation);
    let claimed: Vec<QuoteRef> = matches.iter().flat_map(|m| m.sources.clone()).collect();
    let duplicates = clusters
        .iter()
        .filter(|members| members.iter().any(|&m| claimed.contains(&refs[m])))
        .flat_map(|members| {
            members
                .iter()
                .map(|&m| refs[m])
                .filter(|r| !claimed.contains(r))
        })
        .collect();
    Matching {
        matches,
        duplicates,
    }
}

/// Short quotes (partial or scare) left unmatched in a pair of aligned paragraphs, as many
/// on each side, are paired in order: a translator's `« voyous »` for the source's `“rogue”`
/// when the lexicon knows neither rendering.
fn pair_by_position(
    t: &Prepared,
    s: &Prepared,
    order: &[Option<usize>],
    matches: &[QuoteMatch],
    free: &[QuoteRef],
) -> Vec<(usize, QuoteRef)> {
    let short = |k: QuoteKind| k != QuoteKind::Full;
    let mut out = Vec::new();
    for (p_t, p_s) in order
        .iter()
        .enumerate()
        .filter_map(|(p, s)| s.map(|s| (p, s)))
    {
        let open_t: Vec<usize> = (0..t.quotes.len())
            .filter(|&i| {
                t.quotes[i].paragraph == p_t
                    && short(t.quotes[i].kind)
                    && !matches.iter().any(|m| m.translation == i)
            })
            .collect();
        let open_s: Vec<QuoteRef> = free
            .iter()
            .copied()
            .filter(|r| s.quotes[r.quote].paragraph == p_s && short(s.quotes[r.quote].kind))
            .collect();
        if !open_t.is_empty() && open_t.len() == open_s.len() {
            out.extend(open_t.into_iter().zip(open_s));
        }
    }
    out
}

/// Groups the source quotes that are the same quote in several sources (same language, the
/// shorter one covered at 80% or more by the other): indices into `refs`.
fn same_quotes(sources: &[Prepared], refs: &[QuoteRef], res: &Resources) -> Vec<Vec<usize>> {
    let mut group: Vec<usize> = (0..refs.len()).collect();
    let find = |group: &Vec<usize>, mut x: usize| {
        while group[x] != x {
            x = group[x];
        }
        x
    };
    let analyzed = |r: QuoteRef| &sources[r.document - 1].analyzed[r.quote];
    for a in 0..refs.len() {
        for b in a + 1..refs.len() {
            let (ra, rb) = (refs[a], refs[b]);
            let same_lang = sources[ra.document - 1].doc.lang == sources[rb.document - 1].doc.lang;
            if ra.document == rb.document || !same_lang {
                continue;
            }
            // The shorter quote is (nearly) all in the longer one: a release may add a sentence.
            let m = measure(
                analyzed(ra),
                analyzed(rb),
                Window::Whole,
                Window::Whole,
                res,
            );
            if m.t_coverage.max(m.s_coverage) >= 0.8 {
                let (ga, gb) = (find(&group, a), find(&group, b));
                group[gb] = ga;
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut root_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for m in 0..refs.len() {
        let root = find(&group, m);
        let k = *root_of.entry(root).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[k].push(m);
    }
    clusters
}

/// A translated quote the assignment left out may render another piece of a source quote
/// already matched (the translator quoted it in two parts): most of its words must find a
/// counterpart, and mostly among source words the first piece did not use.
fn split_piece(first: &Analyzed, piece: &Analyzed, s: &Analyzed, res: &Resources) -> bool {
    let a = measure(first, s, Window::Whole, Window::Words, res);
    let b = measure(piece, s, Window::Whole, Window::Words, res);
    if b.t_coverage < 0.6 {
        return false;
    }
    let used_by_b: Vec<usize> = (0..s.len())
        .filter(|&j| b.alignment.s_aligned(j) && s.is_content(j))
        .collect();
    let shared = used_by_b
        .iter()
        .filter(|&&j| a.alignment.s_aligned(j))
        .count();
    !used_by_b.is_empty() && (shared as f32) < 0.3 * used_by_b.len() as f32
}

/// When the next quote of the same source continues the matched one (“A,” he said. “B.”)
/// and the translation covers both, match both.
fn join_next_source(
    m: &mut QuoteMatch,
    t: &Prepared,
    sources: &[Prepared],
    claimed: &[QuoteRef],
    scorer: &dyn Scorer,
    res: &Resources,
) {
    let first = m.sources[0];
    let src = &sources[first.document - 1];
    let tq = &t.quotes[m.translation];
    if tq.kind != QuoteKind::Full {
        return;
    }
    // Weighed on the words alone: a backend scores whole quotes, not joined ones.
    let t_side = |window| Side {
        text: &tq.text,
        analyzed: &t.analyzed[m.translation],
        window,
    };
    let (fq, fa) = (&src.quotes[first.quote], &src.analyzed[first.quote]);
    let (tw, sw) = windows(&t.analyzed[m.translation], tq.kind, fa, fq.kind);
    let single = scorer.lexical_similarity(
        t_side(tw),
        Side {
            text: &fq.text,
            analyzed: fa,
            window: sw,
        },
    );
    for next in [first.quote + 1, first.quote.wrapping_sub(1)] {
        let cand = QuoteRef {
            document: first.document,
            quote: next,
        };
        let Some(nq) = src.quotes.get(next) else {
            continue;
        };
        if claimed.contains(&cand) || nq.paragraph.abs_diff(src.quotes[first.quote].paragraph) > 1 {
            continue;
        }
        let (a, b) = if next > first.quote {
            (first.quote, next)
        } else {
            (next, first.quote)
        };
        let parts: Vec<Span> = src.quotes[a]
            .parts
            .iter()
            .chain(&src.quotes[b].parts)
            .copied()
            .collect();
        let joined = analyze(src.doc, &parts, res);
        let joined_text = format!("{} {}", src.quotes[a].text, src.quotes[b].text);
        let s = scorer.lexical_similarity(
            t_side(Window::Whole),
            Side {
                text: &joined_text,
                analyzed: &joined,
                window: Window::Sentences,
            },
        );
        if s > single + 0.05 {
            m.sources = vec![
                QuoteRef {
                    document: first.document,
                    quote: a,
                },
                QuoteRef {
                    document: first.document,
                    quote: b,
                },
            ];
            m.score = s;
            return;
        }
    }
}

/// Paragraph alignment of the translation with one source, from lexical similarity.
fn paragraph_order(t: &Document, s: &Document, res: &Resources) -> Vec<Option<usize>> {
    let t_paras: Vec<Analyzed> = t
        .paragraphs
        .iter()
        .map(|&p| analyze(t, &[p], res))
        .collect();
    let s_paras: Vec<Analyzed> = s
        .paragraphs
        .iter()
        .map(|&p| analyze(s, &[p], res))
        .collect();
    let sim: Vec<Vec<f32>> = t_paras
        .iter()
        .map(|tp| {
            s_paras
                .iter()
                .map(|sp| measure(tp, sp, Window::Whole, Window::Whole, res).similarity)
                .collect()
        })
        .collect();
    align_paragraphs(&sim, 0.15)
}
