//! Modality and intensity: a hedge or a certainty on one side only, and the same
//! intensity scale at different strengths.

use super::Pair;
use crate::lexicon::Modality;
use crate::score::analyze::Analyzed;
use crate::score::compare::Difference;
use std::ops::Range;

impl Pair<'_> {
    /// A hedge (may, pourrait) or a certainty (à coup sûr) on one side only. Strong
    /// markers (epistemic modals, adverbs, phrases) count on their own; weak ones (can,
    /// pouvoir, guarantee) only against the opposite on the other side, since they are as
    /// often about ability or wording as about how sure the speaker is.
    pub fn modality(&self) -> Option<Difference> {
        let al = &self.c.alignment;
        let pick = |a: &Analyzed,
                    win: &Range<usize>,
                    aligned: &dyn Fn(usize) -> bool|
         -> Vec<(Range<usize>, Modality, bool)> {
            a.modality
                .iter()
                .filter(|(r, _)| {
                    r.start >= win.start && r.end <= win.end && !r.clone().any(aligned)
                })
                .filter(|(r, m)| *m != Modality::Decided || !is_infinitive(a, r.start))
                .map(|(r, m)| (r.clone(), *m, is_strong(a, r)))
                .collect()
        };
        let t_mod = pick(self.t, &self.c.t_window, &|i| al.t_aligned(i));
        let s_mod = pick(self.s, &self.c.s_window, &|j| al.s_aligned(j));
        let hedge = |m: &[(Range<usize>, Modality, bool)], strong: bool| {
            m.iter().any(|(_, c, st)| c.is_hedge() && (*st || !strong))
        };
        let sure = |m: &[(Range<usize>, Modality, bool)], strong: bool| {
            m.iter().any(|(_, c, st)| !c.is_hedge() && (*st || !strong))
        };
        let t_cond_at = conditional(self.t, &self.c.t_window);
        let s_cond_at = conditional(self.s, &self.c.s_window);
        let (t_cond, s_cond) = (t_cond_at.is_some(), s_cond_at.is_some());
        // A plain future (`will be inspected`, `va gagner`) states what will happen: against
        // a hedge on the other side it is a certainty.
        let t_future_at = future(self.t, &self.c.t_window, &|i| al.t_aligned(i));
        let s_future_at = future(self.s, &self.c.s_window, &|j| al.s_aligned(j));
        let (t_future, s_future) = (t_future_at.is_some(), s_future_at.is_some());
        // A future is weaker evidence than a word of certainty: it only opposes an epistemic
        // hedge (`could`, `pourrait`, `may`), not `can` or `should`.
        let epistemic = |a: &Analyzed, m: &[(Range<usize>, Modality, bool)]| {
            m.iter()
                .any(|(r, c, st)| c.is_hedge() && (*st || is_epistemic(a, r)))
        };
        let t_future_opposes =
            epistemic(self.s, &s_mod) && t_future && !hedge(&t_mod, false) && !t_cond;
        let s_future_opposes =
            (epistemic(self.t, &t_mod) || t_cond) && s_future && !hedge(&s_mod, false) && !s_cond;
        let opposed = (hedge(&s_mod, false) && sure(&t_mod, false) && !hedge(&t_mod, false))
            || (hedge(&t_mod, false) && sure(&s_mod, false) && !hedge(&s_mod, false))
            || t_future_opposes
            || s_future_opposes;
        let hedge_dropped = hedge(&s_mod, true) && !hedge(&t_mod, false) && !t_cond;
        let hedge_added = hedge(&t_mod, true) && !hedge(&s_mod, false) && !s_cond;
        let certainty_added = sure(&t_mod, true) && !sure(&s_mod, false) && !hedge(&s_mod, false);
        let certainty_dropped = sure(&s_mod, true) && !sure(&t_mod, false) && !hedge(&t_mod, false);
        if !(opposed || hedge_dropped || hedge_added || certainty_added || certainty_dropped) {
            return None;
        }
        // The verbs that carried the opposition are named with the words: a future states
        // (`will`, `vont`), a conditional hedges (`envisagerait`).
        let mut translation: Vec<_> = t_mod
            .into_iter()
            .map(|(r, m, _)| (self.t_words(r), m))
            .collect();
        let mut source: Vec<_> = s_mod
            .into_iter()
            .map(|(r, m, _)| (self.s_words(r), m))
            .collect();
        if t_future_opposes {
            translation.extend(t_future_at.map(|i| (self.t_words(i..i + 1), Modality::Decided)));
        }
        if s_future_opposes {
            source.extend(s_future_at.map(|j| (self.s_words(j..j + 1), Modality::Decided)));
            if translation.is_empty() {
                translation.extend(t_cond_at.map(|i| (self.t_words(i..i + 1), Modality::Possible)));
            }
        }
        // A finding must say which words differ; with none to show, there is none to report.
        if translation.is_empty() && source.is_empty() {
            return None;
        }
        Some(Difference::Modality {
            translation,
            source,
        })
    }

    /// The same intensity scale on both sides with no level in common.
    pub fn intensity(&self) -> Vec<Difference> {
        let al = &self.c.alignment;
        let in_win = |r: &Range<usize>, w: &Range<usize>| r.start >= w.start && r.end <= w.end;
        let t_int: Vec<_> = self
            .t
            .intensity
            .iter()
            .filter(|(r, _)| in_win(r, &self.c.t_window) && !r.clone().any(|i| al.t_aligned(i)))
            .collect();
        let s_int: Vec<_> = self
            .s
            .intensity
            .iter()
            .filter(|(r, _)| in_win(r, &self.c.s_window) && !r.clone().any(|j| al.s_aligned(j)))
            .collect();
        let mut scales: Vec<&str> = t_int.iter().map(|(_, v)| family(&v.scale)).collect();
        scales.sort();
        scales.dedup();
        let mut found = Vec::new();
        for scale in scales {
            let t_on: Vec<_> = t_int
                .iter()
                .filter(|(_, v)| family(&v.scale) == scale)
                .collect();
            let s_on: Vec<_> = s_int
                .iter()
                .filter(|(_, v)| family(&v.scale) == scale)
                .collect();
            if s_on.is_empty()
                || t_on
                    .iter()
                    .any(|(_, tv)| s_on.iter().any(|(_, sv)| sv.level == tv.level))
            {
                continue;
            }
            let (tr, tv) = t_on[0];
            let (sr, sv) = s_on
                .iter()
                .min_by_key(|(_, sv)| sv.level.abs_diff(tv.level))
                .expect("non-empty");
            let gloss = self
                .res
                .lexicon
                .gloss(self.t.lang, &self.t.keys[tr.clone()])
                .map(String::from);
            found.push(Difference::Intensity {
                scale: scale.to_string(),
                translation: (self.t_words(tr.clone()), tv.level),
                source: (self.s_words(sr.clone()), sv.level),
                gloss,
            });
        }
        found
    }
}

/// Epistemic modals and adverbs of likelihood or certainty, and fixed phrases: markers
/// whose presence on one side only changes how sure the quote sounds.
/// A conditional of `can` (`could`, `pourrait`): possibility, not ability.
fn is_epistemic(a: &Analyzed, r: &Range<usize>) -> bool {
    r.clone().any(|i| {
        matches!(
            a.tokens[i].norm.as_str(),
            "could" | "pourrait" | "pourraient" | "pourrions" | "pourriez" | "pourrais"
        )
    })
}

fn is_strong(a: &Analyzed, r: &Range<usize>) -> bool {
    const STRONG: &[&str] = &[
        "may",
        "might",
        "perhaps",
        "maybe",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "surely",
        "certainly",
        "definitely",
        "undoubtedly",
    ];
    if r.len() > 1 {
        return true;
    }
    let w = &a.tokens[r.start].lower;
    STRONG.contains(&w.as_str())
        || (w.chars().count() > 6 && (w.ends_with("ment") || w.ends_with("ly")))
}

/// `options à adopter`, `to decide`: a decision named, not taken.
fn is_infinitive(a: &Analyzed, i: usize) -> bool {
    let w = &a.tokens[i].lower;
    match a.lang {
        crate::lang::Lang::Fr => ["er", "ir", "re"].iter().any(|e| w.ends_with(e)),
        crate::lang::Lang::En => i > 0 && a.tokens[i - 1].lower == "to",
    }
}

/// An unaligned marker of the plain future: `will` / `'ll` / `shall` / `going to`, French
/// `va` / `vont` + infinitive, or a French verb in the future tense.
fn future(a: &Analyzed, win: &Range<usize>, aligned: &dyn Fn(usize) -> bool) -> Option<usize> {
    win.clone().find(|&i| {
        let w = a.tokens[i].norm.as_str();
        let marker = match a.lang {
            crate::lang::Lang::En => {
                matches!(w, "will" | "'ll" | "shall")
                    || w == "going" && a.tokens.get(i + 1).is_some_and(|n| n.norm == "to")
            }
            crate::lang::Lang::Fr => {
                matches!(w, "va" | "vont")
                    || w.len() > 5
                        && ["ront", "rons", "rez", "rai"]
                            .iter()
                            .any(|e| w.ends_with(e))
                    || w.len() > 6 && w.ends_with("era")
            }
        };
        marker && !aligned(i)
    })
}

/// A French conditional verb (`envisagerait`, `pourraient`), which hedges without a modal
/// word; not one that only follows the tense of its clause: reported speech (`pensé que
/// l'affaire serait restée`, `a dit qu'il viendrait`) or a hypothesis (`si vous alliez…
/// vous auriez`).
fn conditional(a: &Analyzed, win: &Range<usize>) -> Option<usize> {
    if a.lang != crate::lang::Lang::Fr {
        return None;
    }
    let governed = |i: usize| {
        (win.start..i).rev().take(8).any(|k| {
            matches!(
                a.tokens[k].norm.as_str(),
                "que" | "qu'" | "qu’" | "si" | "s'" | "s’"
            )
        })
    };
    win.clone().find(|&i| {
        let w = &a.tokens[i].norm;
        w.len() > 5
            && ["rait", "raient", "rais", "rions", "riez"]
                .iter()
                .any(|e| w.ends_with(e))
            && !governed(i)
    })
}

/// Scales that measure the same thing at different strengths are compared together:
/// worried (concern 1) rendered as terrifiés (fear 3), or disappointed (concern 2) as
/// effondré (sadness 4), overstates.
fn family(scale: &str) -> &str {
    match scale {
        "fear" | "sadness" => "concern",
        other => other,
    }
}
