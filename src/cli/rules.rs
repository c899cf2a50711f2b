//! `verbatim rules`: what each rule catches, from the one place rules are documented.

use super::RulesArgs;
use anyhow::{bail, Result};
use verbatim::Rule;

pub fn run(args: RulesArgs) -> Result<u8> {
    match args.rule {
        None => {
            for r in Rule::ALL {
                println!("{:<18} {:<8} {}", r.id(), r.default_severity(), r.summary());
            }
        }
        Some(id) => {
            let Some(r) = Rule::from_id(&id) else {
                let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                bail!("unknown rule `{id}` (rules: {})", ids.join(", "));
            };
            let (source, translation) = r.example();
            println!(
                "{} (default severity: {})\n\n{}\n\n{}\n\nExample:\n  source:      {source}\n  translation: {translation}",
                r.id(),
                r.default_severity(),
                r.summary(),
                r.explanation()
            );
        }
    }
    Ok(0)
}
