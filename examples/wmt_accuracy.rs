//! Accuracy on real professional translations (WMT news, internal calibration data read from
//! `../shared/data/wmt/`, never committed; skipped with a notice when absent):
//!
//! 1. faithful quote pairs: how many the drift checks flag (every flag is false);
//! 2. whole articles: false flags per translated quote, and quote matching against the silver
//!    pairs of `quotes.tsv`;
//! 3. drift injected into real quotes (number, negation, name, clause, certainty, speaker):
//!    recall per rule.
//!
//!     cargo run --release --example wmt_accuracy [-- --show pairs|articles|matching|injected]
//!
//! `--clause-words N` and `--rewrite-below X` override the drift defaults, to weigh them.
//!
//! With `--backend embeddings|translate --backend-url URL [--model M] [--api apertium]
//! [--weight W] [--cache FILE]` the articles are paired with that backend blended in (only
//! section 2 runs: the backend changes pairing, not the drift checks of sections 1 and 3).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use verbatim::align::windows;
use verbatim::backend::{
    default_calibration, Backend, BackendKind, BackendSettings, Cache, CacheLimits, TranslateApi,
};
use verbatim::eval::squash;
use verbatim::judge::rule_of;
use verbatim::score::{analyze, compare, Settings};
use verbatim::{
    check, CheckReport, CheckSettings, Document, Lang, LexicalScorer, QuoteKind, Resources, Rule,
    Severity,
};

#[path = "common/wmt_pairs.rs"]
mod wmt_pairs;
use wmt_pairs::{read_pairs, ROOT};

fn main() {
    if !Path::new(ROOT).join("docs/index.tsv").is_file() {
        println!("notice: {ROOT} not found; skipping the WMT accuracy measurements");
        return;
    }
    let show = std::env::args()
        .skip_while(|a| a != "--show")
        .nth(1)
        .unwrap_or_default();
    let res = Resources::builtin().expect("built-in lexicon");
    let backend = backend_from_args();
    if let Some(b) = &backend {
        println!("scorer: {}+lexical", b.name());
        articles(&res, show == "articles", show == "matching", Some(b));
        return;
    }
    let pairs = read_pairs();
    faithful_pairs(&res, &pairs, show == "pairs");
    articles(&res, show == "articles", show == "matching", None);
    injected(&res, &pairs, show == "injected");
}

/// The drift settings, with `--clause-words N` and `--rewrite-below X` to try others.
fn drift_settings() -> Settings {
    let d = Settings::default();
    Settings {
        clause_words: arg("--clause-words")
            .map_or(d.clause_words, |v| v.parse().expect("--clause-words N")),
        rewrite_below: arg("--rewrite-below")
            .map_or(d.rewrite_below, |v| v.parse().expect("--rewrite-below X")),
    }
}

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

/// The backend the arguments ask for, if any.
fn backend_from_args() -> Option<Backend> {
    let kind = match arg("--backend")?.as_str() {
        "embeddings" => BackendKind::Embeddings,
        "translate" => BackendKind::Translate,
        other => panic!("unknown backend {other}"),
    };
    let api = match arg("--api").as_deref() {
        None | Some("apertium") => TranslateApi::Apertium,
        Some("libretranslate") => TranslateApi::Libretranslate,
        Some("deepl") => TranslateApi::Deepl,
        Some(_) => TranslateApi::Chat,
    };
    let settings = BackendSettings {
        kind,
        url: arg("--backend-url").expect("--backend-url URL"),
        model: arg("--model").unwrap_or_default(),
        api,
        weight: arg("--weight").map_or(0.5, |w| w.parse().expect("--weight W")),
        calibration: default_calibration(kind),
        ..BackendSettings::default()
    };
    let cache = arg("--cache").map(|p| {
        Cache::open(Path::new(&p), CacheLimits::default())
            .expect("cache")
            .0
    });
    Some(Backend::new(settings, cache).expect("backend settings"))
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

fn faithful_pairs(res: &Resources, pairs: &[(String, String)], show: bool) {
    let settings = drift_settings();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut flagged, mut errors) = (0, 0);
    for (fr, en) in pairs {
        let (fd, ed) = (
            Document::new("fr", fr.as_str(), Lang::Fr),
            Document::new("en", en.as_str(), Lang::En),
        );
        let (t, s) = (
            analyze(&fd, &fd.paragraphs, res),
            analyze(&ed, &ed.paragraphs, res),
        );
        let (tw, sw) = windows(&t, QuoteKind::Full, &s, QuoteKind::Full);
        let c = compare(&t, &s, tw, sw, res, &settings);
        let mut rules: Vec<Rule> = c.differences.iter().map(rule_of).collect();
        rules.sort();
        rules.dedup();
        flagged += usize::from(!rules.is_empty());
        errors += usize::from(
            rules
                .iter()
                .any(|r| r.default_severity() == Severity::Error),
        );
        rules
            .iter()
            .for_each(|r| *by_rule.entry(r.id()).or_default() += 1);
        if show && !rules.is_empty() {
            println!(
                "FR: {fr}\nEN: {en}\n   sim {:.2} {:?}\n",
                c.similarity, c.differences
            );
        }
    }
    println!("1. faithful WMT quote pairs: {}", pairs.len());
    println!(
        "   flagged by any rule: {flagged} ({:.1}%); at error level: {errors} ({:.1}%)",
        pct(flagged, pairs.len()),
        pct(errors, pairs.len())
    );
    for (rule, n) in &by_rule {
        println!("     {rule:<18} {n:>4} ({:.1}%)", pct(*n, pairs.len()));
    }
}

/// WMT gives one sentence a line. A line becomes a paragraph of its own unless a quote is
/// still open, in which case it continues the paragraph (as it did in the article), for five
/// lines at most.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let (mut open, mut straight, mut run) = (0i32, 0usize, 0usize);
    for line in text.lines() {
        // A quote still open after five lines has lost its closing mark: stop joining.
        let joining = (open > 0 || straight % 2 == 1) && run < 5;
        if !out.is_empty() {
            out.push_str(if joining { "\n" } else { "\n\n" });
        }
        run = if joining { run + 1 } else { 0 };
        if !joining {
            open = 0;
            straight = 0;
        }
        out.push_str(line);
        open = (open + line.matches(['«', '“']).count() as i32
            - line.matches(['»', '”']).count() as i32)
            .max(0);
        straight += line.matches('"').count();
        if open == 0 && straight % 2 == 0 {
            straight = 0;
        }
    }
    out
}

/// Silver pairs per document key (`set:doc`): (French quote, English quote).
fn silver() -> HashMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("quotes.tsv")).unwrap_or_default();
    let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for l in text.lines().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        if c.len() > 6 && matches!(c[6], "en" | "fr") {
            map.entry(c[0].to_string())
                .or_default()
                .push((squash(c[2]), squash(c[3])));
        }
    }
    map
}

/// Two quote texts are the same quote when one contains most of the other (case aside).
fn same(ours: &str, theirs: &str) -> bool {
    let (a, b) = (squash(ours).to_lowercase(), theirs.to_lowercase());
    let b = b.as_str();
    !b.is_empty() && (a.contains(b) || (b.contains(&a) && a.len() * 2 >= b.len()))
}

fn articles(res: &Resources, show: bool, show_matching: bool, backend: Option<&Backend>) {
    let index = std::fs::read_to_string(Path::new(ROOT).join("docs/index.tsv")).unwrap_or_default();
    let silver = silver();
    let lexical = LexicalScorer { res };
    let settings = CheckSettings {
        drift: drift_settings(),
        ..CheckSettings::default()
    };
    let (mut docs, mut quotes, mut matched, mut flagged, mut errors) = (0, 0, 0, 0, 0);
    let (mut silver_total, mut silver_extracted, mut silver_right) = (0, 0, 0);
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for line in index.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let (set, doc, file, direction) = (c[0], c[1], c[2], c[4]);
        let read =
            |ext: &str| std::fs::read_to_string(Path::new(ROOT).join(format!("{file}.{ext}"))).ok();
        let (Some(fr), Some(en)) = (read("fr"), read("en")) else {
            continue;
        };
        let fr = Document::new(format!("{file}.fr"), paragraphs(&fr), Lang::Fr);
        let en = Document::new(format!("{file}.en"), paragraphs(&en), Lang::En);
        let french_translation = direction == "en->fr";
        let (t, s) = if french_translation {
            (fr, en)
        } else {
            (en, fr)
        };
        let sources = vec![s];
        let report = match backend {
            Some(b) => {
                let blended = b
                    .scorer(res, &t, &sources)
                    .unwrap_or_else(|e| panic!("{e}"));
                check(t, sources, res, &blended, &settings)
            }
            None => check(t, sources, res, &lexical, &settings),
        };
        docs += 1;
        quotes += report.quotes[0].len();
        matched += report.pairs.len();
        for q in 0..report.quotes[0].len() {
            let on_q: Vec<&verbatim::Finding> = report
                .findings
                .iter()
                .filter(|f| f.translation.is_some_and(|r| r.quote == q))
                .collect();
            let counted: Vec<&&verbatim::Finding> = on_q
                .iter()
                .filter(|f| f.severity >= Severity::Warning && f.rule != Rule::QuoteUnbalanced)
                .collect();
            flagged += usize::from(!counted.is_empty());
            errors += usize::from(counted.iter().any(|f| f.severity == Severity::Error));
        }
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
        {
            *by_rule.entry(f.rule.id()).or_default() += 1;
            if show && f.rule != Rule::QuoteUnbalanced {
                let text = |r: Option<verbatim::QuoteRef>| {
                    r.map(|r| report.quote(r).text.clone()).unwrap_or_default()
                };
                println!(
                    "[{}] {}\n  T: {}\n  S: {}\n",
                    f.rule,
                    f.message,
                    text(f.translation),
                    text(f.source)
                );
            }
        }
        for (fr_q, en_q) in silver.get(&format!("{set}:{doc}")).into_iter().flatten() {
            let (tq, sq) = if french_translation {
                (fr_q, en_q)
            } else {
                (en_q, fr_q)
            };
            silver_total += 1;
            let (right, extracted) = silver_match(&report, tq, sq);
            silver_extracted += usize::from(extracted);
            silver_right += usize::from(right);
            if show_matching && extracted && !right {
                let t = report.quotes[0].iter().position(|q| same(&q.text, tq));
                let got = t
                    .and_then(|t| report.pair_of(t))
                    .map(|p| report.quote(p.matched.sources[0]).text.clone());
                let score = t.and_then(|t| report.pair_of(t)).map(|p| p.matched.score);
                let kind = t.map(|t| report.quotes[0][t].kind.name());
                let s_idx = report.quotes[1].iter().position(|q| same(&q.text, sq));
                let direct = t.zip(s_idx).map(|(t, si)| {
                    let (ta, sa) = (
                        analyze(&report.documents[0], &report.quotes[0][t].parts, res),
                        analyze(&report.documents[1], &report.quotes[1][si].parts, res),
                    );
                    let (tw, sw) = windows(
                        &ta,
                        report.quotes[0][t].kind,
                        &sa,
                        report.quotes[1][si].kind,
                    );
                    verbatim::score::measure(&ta, &sa, tw, sw, res).similarity
                });
                println!("[mismatch] {kind:?} direct {direct:?} T: {tq}\n  silver S: {sq}\n  ours  S: {got:?} {score:?}\n");
            }
        }
    }
    println!(
        "2. WMT articles: {docs}, translated quotes: {quotes}, matched: {matched} ({:.1}%)",
        pct(matched, quotes)
    );
    println!("   translated quotes with a finding (warning or error, unbalanced marks aside): {flagged} ({:.1}%)", pct(flagged, quotes));
    println!(
        "   translated quotes with an error-level finding: {errors} ({:.1}%)",
        pct(errors, quotes)
    );
    for (rule, n) in &by_rule {
        println!("     {rule:<18} {n:>4}");
    }
    println!(
        "   silver pairs: {silver_total}; both quotes extracted: {silver_extracted}; matched as in the silver pair: {silver_right} ({:.1}% of extracted)",
        pct(silver_right, silver_extracted)
    );
}

/// Whether our matching pairs the translated quote of a silver pair with its source quote,
/// and whether both were extracted at all.
fn silver_match(report: &CheckReport, t_text: &str, s_text: &str) -> (bool, bool) {
    let t = report.quotes[0].iter().position(|q| same(&q.text, t_text));
    let s_extracted = report.quotes[1].iter().any(|q| same(&q.text, s_text));
    let Some(t) = t.filter(|_| s_extracted) else {
        return (false, false);
    };
    let right = report.pair_of(t).is_some_and(|p| {
        p.matched.sources.iter().any(|r| {
            same(&report.quote(*r).text, s_text) || same(s_text, &squash(&report.quote(*r).text))
        })
    });
    (right, true)
}

/// A perturbation of a French quote and the rule it must raise.
struct Injection {
    kind: &'static str,
    rule: Rule,
    fr: String,
    speaker: &'static str,
}

const SPEAKER: &str = "Jean Dupont";

fn injected(res: &Resources, pairs: &[(String, String)], show: bool) {
    let scorer = LexicalScorer { res };
    let settings = CheckSettings {
        drift: drift_settings(),
        ..CheckSettings::default()
    };
    let usable =
        |s: &str| !s.contains(['«', '»', '"', '“', '”']) && s.split_whitespace().count() >= 4;
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut controls, mut control_flags) = (0, 0);
    for (fr, en) in pairs.iter().filter(|(f, e)| usable(f) && usable(e)) {
        // WMT segments often start a full quote in lowercase; as an article would, the
        // French quote gets the capital of its English source.
        let capital = |fr: &str| {
            let fr = fr.trim();
            let mut chars = fr.chars();
            match (chars.next(), en.trim().chars().next()) {
                (Some(c), Some(e)) if e.is_uppercase() && c.is_lowercase() => {
                    c.to_uppercase().chain(chars).collect()
                }
                _ => fr.to_string(),
            }
        };
        let run = |fr: &str, speaker: &str| {
            let t = Document::new(
                "fr",
                format!("« {} », a déclaré {speaker}.\n", capital(fr)),
                Lang::Fr,
            );
            let s = Document::new(
                "en",
                format!(
                    "\u{201c}{},\u{201d} {SPEAKER} said.\n",
                    en.trim().trim_end_matches(',')
                ),
                Lang::En,
            );
            check(t, vec![s], res, &scorer, &settings)
        };
        let control = run(fr, SPEAKER);
        controls += 1;
        let base: Vec<Rule> = control
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| f.rule)
            .collect();
        control_flags += usize::from(!base.is_empty());
        for inj in perturb(fr) {
            if base.contains(&inj.rule) {
                continue; // the control already raises it: not a measurement of this change
            }
            let report = run(&inj.fr, inj.speaker);
            let hit = report
                .findings
                .iter()
                .any(|f| f.rule == inj.rule && f.translation.is_some());
            let entry = tally.entry(inj.kind).or_default();
            entry.0 += 1;
            entry.1 += usize::from(hit);
            if show && !hit {
                println!("[missed {}] {}\n  EN: {en}\n", inj.kind, inj.fr);
            }
        }
    }
    println!("3. drift injected into real quotes ({controls} pairs; the unperturbed control is flagged for {control_flags}, {:.1}%)", pct(control_flags, controls));
    for (kind, (n, hit)) in &tally {
        println!(
            "     {kind:<22} recall {:.2} ({hit} of {n})",
            *hit as f64 / (*n).max(1) as f64
        );
    }
}

const PLACES: &[&str] = &[
    "France",
    "Allemagne",
    "Chine",
    "Russie",
    "Japon",
    "Italie",
    "Espagne",
    "Irak",
    "Iran",
    "Londres",
    "Paris",
    "Washington",
    "Moscou",
    "Pékin",
    "Bruxelles",
    "Europe",
    "Afrique",
    "Inde",
    "Canada",
    "Mexique",
    "Israël",
    "Syrie",
    "Égypte",
    "Grèce",
    "Pologne",
    "Turquie",
    "Brésil",
    "Afghanistan",
    "Pakistan",
    "Écosse",
];
const FR_VERBS: &[(&str, &str)] = &[
    ("est", "n'est pas"),
    ("sont", "ne sont pas"),
    ("a", "n'a pas"),
    ("ont", "n'ont pas"),
    ("peut", "ne peut pas"),
    ("doit", "ne doit pas"),
    ("va", "ne va pas"),
    ("sera", "ne sera pas"),
    ("faut", "ne faut pas"),
    ("était", "n'était pas"),
    ("avons", "n'avons pas"),
    ("pouvons", "ne pouvons pas"),
    ("devons", "ne devons pas"),
    ("allons", "n'allons pas"),
    ("suis", "ne suis pas"),
    ("sommes", "ne sommes pas"),
];
const HEDGES: &[(&str, &str)] = &[
    ("pourrait", "va"),
    ("pourraient", "vont"),
    ("peut-être", "certainement"),
    ("probablement", "certainement"),
    ("sans doute", "à coup sûr"),
];

fn perturb(fr: &str) -> Vec<Injection> {
    let words: Vec<&str> = fr.split(' ').collect();
    let mut out = Vec::new();
    let mut add = |kind, rule, text: String| {
        out.push(Injection {
            kind,
            rule,
            fr: text,
            speaker: SPEAKER,
        })
    };
    // A number: the first run of digits, times ten (a year moves by one).
    if let Some(k) = words
        .iter()
        .position(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        let digits: String = words[k]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let rest = &words[k][digits.len()..];
        let value: u64 = digits.parse().unwrap_or(0);
        let changed = if (1900..2100).contains(&value) {
            value + 1
        } else {
            value * 10 + u64::from(value == 0)
        };
        let mut w = words.clone();
        let new = format!("{changed}{rest}");
        w[k] = &new;
        add("number changed", Rule::NumberMismatch, w.join(" "));
    }
    // Negation added to the first finite verb of a clause without one.
    if !fr.contains(" pas") && !fr.contains("jamais") {
        if let Some(k) = words
            .iter()
            .position(|w| FR_VERBS.iter().any(|(v, _)| v == w))
        {
            let neg = FR_VERBS
                .iter()
                .find(|(v, _)| *v == words[k])
                .map(|(_, n)| *n)
                .unwrap_or("");
            let mut w = words.clone();
            w[k] = neg;
            add(
                "negation added",
                Rule::NegationMismatch,
                w.join(" ")
                    .replace(" ne a", " n'a")
                    .replace("que n'", "qu'n'"),
            );
        }
    }
    // Negation removed: `ne X pas` / `n'X pas`.
    if let (Some(n), Some(p)) = (
        words
            .iter()
            .position(|w| *w == "ne" || w.starts_with("n'") || w.starts_with("n’")),
        words.iter().position(|w| *w == "pas"),
    ) {
        if p > n && p - n <= 3 {
            let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            w[p] = String::new();
            w[n] = if w[n] == "ne" {
                String::new()
            } else {
                w[n][2..].trim_start_matches('’').to_string()
            };
            let text = w
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            add("negation removed", Rule::NegationMismatch, text);
        }
    }
    // A place swapped for another.
    if let Some(place) = PLACES.iter().find(|p| {
        words
            .iter()
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == **p)
    }) {
        let other = PLACES
            .iter()
            .find(|o| *o != place && !fr.contains(*o))
            .copied()
            .unwrap_or("Norvège");
        add(
            "name swapped",
            Rule::NameMismatch,
            fr.replacen(place, other, 1),
        );
    }
    // The last clause dropped (after the last comma, when it has four words or more).
    if let Some(cut) = fr.rfind(", ") {
        if fr[cut + 2..].split_whitespace().count() >= 4
            && fr[..cut].split_whitespace().count() >= 4
        {
            add("clause dropped", Rule::QuoteDrift, fr[..cut].to_string());
        }
    }
    // A hedge turned certain, else a certainty added to the first verb.
    if let Some((h, c)) = HEDGES.iter().find(|(h, _)| fr.contains(h)) {
        add(
            "hedge turned certain",
            Rule::QuoteDrift,
            fr.replacen(h, c, 1),
        );
    } else if let Some(k) = words
        .iter()
        .position(|w| matches!(*w, "est" | "sont" | "sera" | "va" | "vont"))
    {
        let mut w = words.clone();
        let v = format!("{} certainement", words[k]);
        w[k] = &v;
        add("certainty added", Rule::QuoteDrift, w.join(" "));
    }
    // The quote put in another mouth (full quotes only: a capital and four words or more).
    if fr.chars().next().is_some_and(char::is_uppercase) {
        out.push(Injection {
            kind: "speaker changed",
            rule: Rule::SpeakerMismatch,
            fr: fr.to_string(),
            speaker: "Paul Martin",
        });
    }
    out
}
