//! Negation, counted in groups: `ne … pas`, `ne … plus jamais rien` and `never` are one
//! negation each; `sans` / `without`, `non`, `aucun`, `ni … ni` / `neither … nor` too.
//! `ne … que` (only) and the expletive `ne` (avant qu'il ne parte) are not negations.
//! Implicit negatives (`unable`, `refuser`, `à peine`) are counted apart: a translator may
//! render `n'a pas pu` as `was unable`, so they can stand in for an explicit one.

use super::analyze::Analyzed;
use crate::lang::Lang;
use crate::text::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Negation {
    /// Token indices of the words of the group (`ne`, `pas`).
    pub tokens: Vec<usize>,
    /// The content word the negation bears on (`ne baisserons pas` -> `baisserons`,
    /// `not raise` -> `raise`), when one is close enough to tell.
    pub attached: Option<usize>,
    /// As written, pieces joined by ` … `: `ne … pas`.
    pub text: String,
    pub span: Span,
}

const FR_AFTER_NE: &[&str] = &[
    "pas",
    "plus",
    "jamais",
    "rien",
    "aucun",
    "aucune",
    "personne",
    "guere",
    "point",
    "nullement",
    "nul",
    "nulle",
    "ni",
];
const FR_ALONE: &[&str] = &[
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "sans",
    "non",
    "ni",
    "rien",
    "nullement",
];
const EN_ALONE: &[&str] = &[
    "not", "n't", "never", "no", "none", "nothing", "nobody", "noone", "neither", "nor", "without",
    "cannot", "nowhere",
];
/// Fixed phrases whose negative word does not negate: `sans doute` (probably), `sans cesse`
/// (constantly), `sans oublier` (and also), `no doubt`, `not only`... matched on the marker
/// and the word after it.
const FR_IDIOMS: &[(&str, &str)] = &[
    ("sans", "doute"),
    ("sans", "cesse"),
    ("sans", "oublier"),
    ("sans", "compter"),
    ("sans", "precedent"),
    ("non", "seulement"),
    ("non", "plus"),
];
const EN_IDIOMS: &[(&str, &str)] = &[
    ("no", "doubt"),
    ("not", "only"),
    ("without", "doubt"),
    ("no", "matter"),
    ("nothing", "but"),
    ("n't", "mind"),
];
const FR_SOFT_PREFIXES: &[&str] = &["in", "im", "ir", "il", "mé", "non"];
const EN_SOFT_PREFIXES: &[&str] = &["un", "in", "im", "ir", "il", "dis", "non"];

/// Implicit negatives, as lemmas (compared through word keys, so `empêchent` is `empêcher`
/// and `failed` is `fail`). Each may stand in for one explicit negation on the other side.
const FR_SOFT: &[&str] = &[
    "non",
    "incapable",
    "impossible",
    "échouer",
    "échec",
    "manquer",
    "refuser",
    "refus",
    "improbable",
    "rarement",
    "faute",
    "absence",
    "sauf",
    "hormis",
    "excepté",
    "inconnu",
    "interdire",
    "interdit",
    "nier",
    "empêcher",
    "éviter",
    "cesser",
    "arrêter",
    "perdre",
    "perte",
    "aucunement",
    "ignorer",
    "exclure",
    "mal",
    "rester",
    "demeurer",
    "stagner",
    "inchangé",
];
const EN_SOFT: &[&str] = &[
    "unable",
    "impossible",
    "fail",
    "failure",
    "lack",
    "refuse",
    "refusal",
    "unlikely",
    "hardly",
    "barely",
    "rarely",
    "seldom",
    "scarcely",
    "unless",
    "instead",
    "except",
    "unknown",
    "ban",
    "forbid",
    "deny",
    "prevent",
    "avoid",
    "absence",
    "absent",
    "until",
    "till",
    "neither",
    "otherwise",
    "stop",
    "cease",
    "quit",
    "lose",
    "loss",
    "ignore",
    "exclude",
    "stay",
    "remain",
    "stagnate",
    "unchanged",
];

/// The negation groups of a quote, and the positions of its implicit negatives.
pub fn find_negations(
    a: &Analyzed,
    text: &str,
    known: &dyn Fn(&str) -> bool,
    key: &dyn Fn(&str) -> String,
) -> (Vec<Negation>, Vec<usize>) {
    let words: Vec<&str> = a.tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut groups: Vec<Vec<usize>> = match a.lang {
        Lang::Fr => french_markers(a, &words),
        Lang::En => english_markers(a, &words),
    };
    groups.sort();
    let groups = merge_close(a, groups);
    let soft_list = match a.lang {
        Lang::Fr => FR_SOFT,
        Lang::En => EN_SOFT,
    };
    let in_group = |i: usize| groups.iter().any(|g| g.contains(&i));
    let soft_keys: Vec<String> = soft_list.iter().map(|w| key(w)).collect();
    let compound = |i: usize| {
        a.lang == Lang::Fr
            && FR_ALONE.contains(&words[i])
            && a.tokens.get(i + 1).is_some_and(|t| t.joined)
    };
    let soft = (0..words.len())
        .filter(|&i| {
            !in_group(i)
                && (soft_keys.contains(&a.keys[i]) || negative_prefix(a, i, known) || compound(i))
        })
        .collect();
    let negations = groups
        .into_iter()
        .map(|tokens| {
            let text_of = |i: &usize| {
                let s = a.tokens[*i].span;
                text[s.start..s.end].to_string()
            };
            let pieces: Vec<String> = tokens.iter().map(text_of).collect();
            let span = a.tokens[tokens[0]]
                .span
                .cover(a.tokens[*tokens.last().expect("non-empty")].span);
            let joined = tokens.windows(2).all(|w| w[1] == w[0] + 1);
            Negation {
                text: pieces.join(if joined { " " } else { " … " }),
                attached: attached(a, &tokens),
                tokens,
                span,
            }
        })
        .collect();
    (negations, soft)
}

/// The content word a negation bears on: inside the group (`ne baisserons pas`), else the
/// first one within four words after it, in the same clause (`not raise`, `n'est pas prêt`).
fn attached(a: &Analyzed, group: &[usize]) -> Option<usize> {
    let (first, last) = (group[0], group[group.len() - 1]);
    let content = |k: usize| {
        a.is_content(k) && a.tokens[k].kind == crate::text::TokenKind::Word && !group.contains(&k)
    };
    let after: Vec<usize> = (last + 1..(last + 5).min(a.len()))
        .take_while(|&k| k == last + 1 || !a.brk[k])
        .collect();
    // Failing a content word, a verb the lexicon lists among grammatical words (`like`,
    // `want`) still carries the meaning: anything but an auxiliary or a pronoun-like word.
    let verbal = |k: usize| {
        let t = &a.tokens[k];
        t.kind == crate::text::TokenKind::Word
            && !group.contains(&k)
            && !crate::score::analyze::is_auxiliary(a.lang, &a.keys[k])
            && t.lower.chars().count() > 3
    };
    (first + 1..last)
        .find(|&k| content(k))
        .or_else(|| after.iter().copied().find(|&k| content(k)))
        .or_else(|| after.iter().copied().take(1).find(|&k| verbal(k)))
}

/// A word the lexicon does not know, made of a negative prefix and a word it knows:
/// `unfounded`, `inexact`, `non-violent`; or an English `-less` word (`baseless`).
/// Counted as an implicit negative.
fn negative_prefix(a: &Analyzed, i: usize, known: &dyn Fn(&str) -> bool) -> bool {
    let t = &a.tokens[i];
    let prefixes = match a.lang {
        Lang::Fr => FR_SOFT_PREFIXES,
        Lang::En => EN_SOFT_PREFIXES,
    };
    if t.lower == "non" && a.tokens.get(i + 1).is_some_and(|n| n.joined) {
        return true;
    }
    let less = a.lang == Lang::En && t.lower.len() >= 7 && t.lower.ends_with("less");
    less || t.lower.chars().count() >= 7
        && !known(&t.lower)
        && prefixes.iter().any(|p| {
            t.lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.chars().count() >= 4 && known(rest))
        })
}

fn is_idiom(a: &Analyzed, words: &[&str], i: usize) -> bool {
    let list = match a.lang {
        Lang::Fr => FR_IDIOMS,
        Lang::En => EN_IDIOMS,
    };
    let next = words.get(i + 1).copied().unwrap_or("");
    let next2 = words.get(i + 2).copied().unwrap_or("");
    list.iter()
        .any(|(w, n)| *w == words[i] && (*n == next || (next == "aucun" && *n == next2)))
}

fn french_markers(a: &Analyzed, words: &[&str]) -> Vec<Vec<usize>> {
    let mut groups = Vec::new();
    let mut used = vec![false; words.len()];
    for i in 0..words.len() {
        if !matches!(words[i], "ne" | "n'") {
            continue;
        }
        let mut group = vec![i];
        // A negative subject before `ne`: `personne ne sait`, `rien n'a changé`.
        if let Some(p) = i.checked_sub(1).filter(|&p| {
            matches!(
                words[p],
                "personne" | "rien" | "aucun" | "aucune" | "nul" | "nulle"
            )
        }) {
            group.insert(0, p);
        }
        for (k, &word) in words.iter().enumerate().take(i + 8).skip(i + 1) {
            if k > i + 1 && a.brk[k] {
                break;
            }
            if word == "que" || word == "qu'" {
                // `ne … que` and `ne … plus que` (only, only now) restrict, not negate.
                let restrictive = group.len() == 1
                    || group
                        .last()
                        .is_some_and(|&m| words[m] == "plus" && k <= m + 2);
                if restrictive {
                    group.iter().for_each(|&m| used[m] = true);
                    group.clear();
                }
                break;
            }
            if FR_AFTER_NE.contains(&word) {
                group.push(k);
            }
        }
        // `n'arrêtent pas de` / `ne cessent pas de`: keep doing, not a negation.
        let keeps_doing = group.len() == 2
            && (i + 1..group[1]).any(|k| matches!(a.keys[k].as_str(), "arrêt" | "cess"))
            && words
                .get(group[1] + 1)
                .is_some_and(|w| matches!(*w, "de" | "d'"));
        // `si ce n'est` (if not, except): a negation with `ne` alone.
        let si_ce_n_est =
            words[i] == "n'" && i >= 2 && words[i - 1] == "ce" && words[i - 2] == "si";
        if si_ce_n_est && group.len() == 1 {
            group.push(i);
        }
        if group.len() > 1 && !keeps_doing {
            group.iter().for_each(|&k| used[k] = true);
            groups.push(group);
        } else if keeps_doing {
            group.iter().for_each(|&k| used[k] = true);
        }
    }
    for i in 0..words.len() {
        // `sans-abri`, `jamais-vu`, `non-dit`: a compound noun, not a negation (an implicit
        // one, counted with the soft negatives).
        let compound =
            a.tokens.get(i + 1).is_some_and(|t| t.joined) && FR_ALONE.contains(&words[i]);
        if used[i]
            || !FR_ALONE.contains(&words[i])
            || is_idiom(a, words, i)
            || words[i] == "non"
            || compound
        {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| words[p]);
        // `plus que jamais`, `si jamais`, `à jamais`, and after a superlative (`le premier
        // ordinateur jamais conçu`): ever, not never.
        let superlative = (i.saturating_sub(7)..i).any(|k| {
            matches!(
                words[k],
                "premier"
                    | "premiere"
                    | "plus"
                    | "meilleur"
                    | "meilleure"
                    | "seul"
                    | "seule"
                    | "dernier"
                    | "derniere"
                    | "pire"
            )
        });
        let comparative_jamais = words[i] == "jamais"
            && (matches!(prev, Some("que" | "qu'" | "si" | "a" | "plus")) || superlative);
        let rien_que = words[i] == "rien" && words.get(i + 1) == Some(&"que");
        if !comparative_jamais && !rien_que {
            groups.push(vec![i]);
        }
    }
    groups
}

fn english_markers(a: &Analyzed, words: &[&str]) -> Vec<Vec<usize>> {
    let mut groups = Vec::new();
    for i in 0..words.len() {
        let w = words[i];
        let is_no_one = w == "no" && words.get(i + 1) == Some(&"one");
        let numbered = w == "no"
            && a.tokens[i].capitalized
            && a.tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == crate::text::TokenKind::Number);
        if (EN_ALONE.contains(&w) || is_no_one) && !numbered && !is_idiom(a, words, i) {
            groups.push(vec![i]);
        }
    }
    groups
}

/// Markers within three words of each other and no punctuation between are one negation
/// (`ne … plus jamais rien`, `neither … nor`, `rien ne va plus`).
fn merge_close(a: &Analyzed, groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for g in groups {
        if let Some(last) = merged.last_mut() {
            let prev_end = *last.last().expect("non-empty");
            let start = g[0];
            let no_break = (prev_end + 1..=start).all(|k| !a.brk[k]);
            let either_nor = matches!(a.tokens[start].norm.as_str(), "nor" | "ni");
            if start > prev_end && (start - prev_end <= 3 || either_nor) && no_break
                || start <= prev_end
            {
                last.extend(g);
                last.sort();
                last.dedup();
                continue;
            }
        }
        merged.push(g);
    }
    merged
}
