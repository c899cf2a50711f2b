//! Shows how verbatim aligns and compares one quote pair, for debugging the scorer:
//!
//!     cargo run --example pair -- "« La justice est sûre de gagner »" "Justice is sure to win"
//!
//! The first text is French (the translation), the second English (the source); pass
//! `--reverse` for an English translation of a French source.

use verbatim::align::windows;
use verbatim::score::{analyze, compare, Settings};
use verbatim::{Document, Lang, QuoteKind, Resources};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--reverse")
        .collect();
    let reverse = std::env::args().any(|a| a == "--reverse");
    let [t_text, s_text] = args.as_slice() else {
        eprintln!("usage: pair TRANSLATION SOURCE [--reverse]");
        std::process::exit(2);
    };
    let (tl, sl) = if reverse {
        (Lang::En, Lang::Fr)
    } else {
        (Lang::Fr, Lang::En)
    };
    let res = Resources::builtin().expect("built-in lexicon");
    let td = Document::new("t", t_text.as_str(), tl);
    let sd = Document::new("s", s_text.as_str(), sl);
    let t = analyze(&td, &td.paragraphs, &res);
    let s = analyze(&sd, &sd.paragraphs, &res);
    let (tw, sw) = windows(&t, QuoteKind::Full, &s, QuoteKind::Full);
    let c = compare(&t, &s, tw, sw, &res, &Settings::default());
    for (i, tok) in t.tokens.iter().enumerate() {
        let link = c.alignment.t_link[i].map(|l| &c.alignment.links[l]);
        let other = link.map(|l| {
            l.s.clone()
                .map(|j| s.tokens[j].text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        println!(
            "{:<16} key {:<12} w {:.1} {}{}",
            tok.text,
            t.keys[i],
            t.weight[i],
            if t.entity[i] { "E " } else { "" },
            link.map(|l| format!("-> {} ({:?})", other.unwrap_or_default(), l.kind))
                .unwrap_or_default()
        );
    }
    println!("--");
    for (j, tok) in s.tokens.iter().enumerate() {
        println!(
            "{:<16} key {:<12} w {:.1} {}{}",
            tok.text,
            s.keys[j],
            s.weight[j],
            if s.entity[j] { "E " } else { "" },
            if c.alignment.s_aligned(j) {
                "aligned"
            } else {
                ""
            }
        );
    }
    println!(
        "similarity {:.2} (t {:.2}, s {:.2}); windows {:?} {:?}",
        c.similarity, c.t_coverage, c.s_coverage, c.t_window, c.s_window
    );
    for d in &c.differences {
        println!("{d:?}");
    }
}
