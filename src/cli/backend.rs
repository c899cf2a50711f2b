//! Choosing the scorer: the lexical one, or a backend (with its cache) blended with it. A
//! backend that fails stops the run unless `--fallback lexical` was asked for, and then the
//! report's scorer says so.

use super::config::{Config, Fallback};
use super::ScoringArgs;
use anyhow::{Context, Result};
use verbatim::backend::{cache, describe, Backend, BackendKind, Cache};
use verbatim::score::Side;
use verbatim::{Document, LexicalScorer, Resources, Scorer};

/// Applies the scoring flags to the configuration.
pub fn apply_flags(config: &mut Config, args: &ScoringArgs) {
    if let Some(kind) = args.backend {
        config.backend.kind = kind;
    }
    if let Some(url) = &args.backend_url {
        config.backend.url = url.clone();
    }
    if let Some(model) = &args.model {
        config.backend.model = model.clone();
    }
    if let Some(f) = args.fallback {
        config.fallback = f;
    }
    if let Some(p) = &args.cache {
        config.cache_path = Some(p.clone());
        config.cache_enabled = true;
    }
    if args.no_cache {
        config.cache_enabled = false;
    }
}

/// The backend the configuration asks for (none for the lexical scorer), with its cache.
pub fn open(config: &Config) -> Result<Option<Backend>> {
    if config.backend.kind == BackendKind::Lexical {
        return Ok(None);
    }
    let settings = config.backend_settings()?;
    let cache = if config.cache_enabled {
        match config.cache_path.clone().or_else(cache::default_path) {
            Some(path) => {
                let (cache, warning) =
                    Cache::open(&path, config.cache_limits).map_err(anyhow::Error::msg)?;
                if let Some(w) = warning {
                    eprintln!("warning: {w}");
                }
                Some(cache)
            }
            None => {
                eprintln!("warning: no cache directory on this system; backend answers are not cached (use --cache PATH)");
                None
            }
        }
    } else {
        None
    };
    Ok(Some(Backend::new(settings, cache).context("backend")?))
}

/// The scorer name a run with this configuration reports (for `--signature-only`).
pub fn scorer_name(config: &Config) -> String {
    if config.backend.kind == BackendKind::Lexical {
        "lexical".into()
    } else {
        let mut s = config.backend.clone();
        s.calibration = config.effective_calibration();
        format!("{}+lexical", describe(&s))
    }
}

/// The lexical scorer under another name: what a run that fell back reports.
pub struct FallbackScorer<'a> {
    pub lexical: LexicalScorer<'a>,
    pub name: String,
}

impl Scorer for FallbackScorer<'_> {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn similarity(&self, t: Side<'_>, s: Side<'_>) -> f32 {
        self.lexical.similarity(t, s)
    }
}

/// The scorer for one article: asks the backend about its quotes, if there is a backend.
pub fn scorer_for<'a>(
    backend: Option<&Backend>,
    fallback: Fallback,
    res: &'a Resources,
    translation: &Document,
    sources: &[Document],
) -> Result<Box<dyn Scorer + 'a>> {
    let Some(backend) = backend else {
        return Ok(Box::new(LexicalScorer { res }));
    };
    match backend.scorer(res, translation, sources) {
        Ok(blended) => Ok(Box::new(blended)),
        Err(e) if fallback == Fallback::Lexical => {
            eprintln!(
                "warning: {e}; falling back to the lexical scorer as --fallback lexical asks"
            );
            Ok(Box::new(FallbackScorer {
                lexical: LexicalScorer { res },
                name: format!("lexical(fallback from {})", backend.name()),
            }))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_external_is_lexical() {
        // A blended scorer with nothing from the backend scores like the lexical one.
        let res = Resources::builtin().unwrap();
        let doc = Document::new(
            "fr.txt",
            "« Nous partons demain », a-t-il dit.",
            verbatim::Lang::Fr,
        );
        let src = Document::new(
            "en.txt",
            "“We leave tomorrow,” he said.",
            verbatim::Lang::En,
        );
        let tq = &verbatim::extract_quotes(&doc, "t", &res).quotes[0];
        let sq = &verbatim::extract_quotes(&src, "s1", &res).quotes[0];
        let (ta, sa) = (
            verbatim::score::analyze_quote(&doc, tq, &res),
            verbatim::score::analyze_quote(&src, sq, &res),
        );
        let side = |text: &'static str, a| Side {
            text,
            analyzed: a,
            window: verbatim::score::Window::Whole,
        };
        let lexical = LexicalScorer { res: &res };
        let blended = verbatim::score::BlendedScorer {
            lexical: LexicalScorer { res: &res },
            external: verbatim::score::External::None,
            backend: "x".into(),
            weight: 0.5,
            calibration: verbatim::score::Calibration {
                low: 0.0,
                high: 1.0,
            },
        };
        let (t, s) = (side("a", &ta), side("b", &sa));
        assert_eq!(blended.similarity(t, s), lexical.similarity(t, s));
    }
}
