//! Configuration: the file shape (every key optional, unknown keys refused), merged as
//! built-in defaults < `verbatim.toml` (found in the working directory or a parent) or
//! `--config FILE` < environment (`VERBATIM_FAIL_ON`, `VERBATIM_FORMAT`) < flags, then
//! resolved into settings without options, which is what the core receives.

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use verbatim::backend::{
    default_calibration, BackendKind, BackendSettings, CacheLimits, TranslateApi,
};
use verbatim::score::Calibration;
use verbatim::{CheckSettings, Lang, Rule, Severity};

/// The lowest severity that makes `check` exit with 1.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The format of a listing (`quotes`, `eval`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Human,
    Json,
}

/// The format of a check report.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// Findings with the two quotes side by side, for a terminal
    Human,
    /// Every quote, match and finding (schema: docs/json-report.md)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// JUnit XML: a testsuite per article, a testcase per quote (Jenkins, GitLab)
    Junit,
    /// A summary for a pull-request comment
    Markdown,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub check: Option<CheckSection>,
    pub matching: Option<MatchingSection>,
    pub drift: Option<DriftSection>,
    pub lexicon: Option<LexiconSection>,
    pub rules: Option<BTreeMap<String, String>>,
    pub backend: Option<BackendSection>,
    pub cache: Option<CacheSection>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BackendSection {
    pub kind: Option<BackendKind>,
    pub url: Option<String>,
    pub model: Option<String>,
    pub api: Option<TranslateApi>,
    /// The name of the environment variable holding the API key (never the key itself).
    pub api_key_env: Option<String>,
    pub weight: Option<f32>,
    pub calibration: Option<[f32; 2]>,
    pub timeout: Option<f64>,
    pub concurrency: Option<usize>,
    pub batch_size: Option<usize>,
    pub retries: Option<u32>,
    /// Seconds to wait before the first retry (doubled for each further one).
    pub backoff: Option<f64>,
    pub fallback: Option<Fallback>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CacheSection {
    pub enabled: Option<bool>,
    /// Relative to the configuration file; empty for the user's cache directory.
    pub path: Option<PathBuf>,
    pub max_entries: Option<u64>,
    pub max_age_days: Option<u64>,
}

/// What to do when the backend fails.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    /// Stop with an error (exit 2): a gate must not pass because it could not check.
    None,
    /// Go on with the lexical scorer, and say so in the report.
    Lexical,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSection {
    pub fail_on: Option<FailOn>,
    pub format: Option<ReportFormat>,
    pub languages: Option<Vec<String>>,
    /// The baseline of approved findings, relative to the configuration file.
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MatchingSection {
    pub min_full: Option<f32>,
    pub min_partial: Option<f32>,
    pub min_scare: Option<f32>,
    pub order_bonus: Option<f32>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DriftSection {
    pub rewrite_below: Option<f32>,
    pub clause_words: Option<usize>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconSection {
    /// Extra lexicon files, relative to the configuration file.
    pub extra: Option<Vec<PathBuf>>,
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub fail_on: FailOn,
    pub format: ReportFormat,
    pub languages: Vec<Lang>,
    pub settings: CheckSettings,
    pub lexicon_files: Vec<PathBuf>,
    /// The baseline file, if one is configured.
    pub baseline: Option<PathBuf>,
    /// The backend (lexical unless configured), without its key.
    pub backend: BackendSettings,
    /// The environment variable holding the backend's key.
    pub api_key_env: Option<String>,
    /// Whether calibration was set explicitly (else it follows the backend kind).
    pub calibration_set: bool,
    pub fallback: Fallback,
    pub cache_enabled: bool,
    /// `None`: the user's cache directory.
    pub cache_path: Option<PathBuf>,
    pub cache_limits: CacheLimits,
    /// The file it was read from, if any.
    pub file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            fail_on: FailOn::Error,
            format: ReportFormat::Human,
            languages: Lang::ALL.to_vec(),
            settings: CheckSettings::default(),
            lexicon_files: Vec::new(),
            baseline: None,
            backend: BackendSettings::default(),
            api_key_env: None,
            calibration_set: false,
            fallback: Fallback::None,
            cache_enabled: true,
            cache_path: None,
            cache_limits: CacheLimits::default(),
            file: None,
        }
    }
}

/// Finds `verbatim.toml` in `dir` or its parents.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("verbatim.toml"))
        .find(|p| p.is_file())
}

/// Loads the configuration: `explicit` if given, else a discovered `verbatim.toml`, over
/// the defaults, then the environment.
pub fn load(explicit: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| discover(&d)),
    };
    let mut config = Config::default();
    if let Some(path) = path {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}: {}",
                path.display(),
                e.message().trim().replace('\n', " ")
            )
        })?;
        config.apply(file, &path)?;
        config.file = Some(path);
    }
    config.apply_env()?;
    Ok(config)
}

fn unit(name: &str, v: f32) -> Result<f32> {
    if !(0.0..=1.0).contains(&v) {
        bail!("{name} must be between 0 and 1, found {v}");
    }
    Ok(v)
}

impl Config {
    fn apply(&mut self, file: ConfigFile, path: &Path) -> Result<()> {
        let ctx = |e: anyhow::Error| anyhow::anyhow!("{}: {e}", path.display());
        if let Some(c) = file.check {
            self.fail_on = c.fail_on.unwrap_or(self.fail_on);
            self.format = c.format.unwrap_or(self.format);
            if let Some(b) = c.baseline {
                self.baseline = Some(path.parent().unwrap_or(Path::new(".")).join(b));
            }
            if let Some(langs) = c.languages {
                self.languages = langs
                    .iter()
                    .map(|l| Lang::from_code(l).with_context(|| format!("{}: unsupported language `{l}` in check.languages (supported: en, fr)", path.display())))
                    .collect::<Result<_>>()?;
            }
        }
        let m = &mut self.settings.matching;
        if let Some(s) = file.matching {
            m.min_full =
                unit("matching.min-full", s.min_full.unwrap_or(m.min_full)).map_err(ctx)?;
            m.min_partial = unit(
                "matching.min-partial",
                s.min_partial.unwrap_or(m.min_partial),
            )
            .map_err(ctx)?;
            m.min_scare =
                unit("matching.min-scare", s.min_scare.unwrap_or(m.min_scare)).map_err(ctx)?;
            m.order_bonus = unit(
                "matching.order-bonus",
                s.order_bonus.unwrap_or(m.order_bonus),
            )
            .map_err(ctx)?;
        }
        let d = &mut self.settings.drift;
        if let Some(s) = file.drift {
            d.rewrite_below = unit(
                "drift.rewrite-below",
                s.rewrite_below.unwrap_or(d.rewrite_below),
            )
            .map_err(ctx)?;
            d.clause_words = s.clause_words.unwrap_or(d.clause_words);
            if d.clause_words == 0 {
                return Err(ctx(anyhow::anyhow!(
                    "drift.clause-words must be at least 1"
                )));
            }
        }
        if let Some(l) = file.lexicon {
            let base = path.parent().unwrap_or(Path::new("."));
            self.lexicon_files = l
                .extra
                .unwrap_or_default()
                .into_iter()
                .map(|p| base.join(p))
                .collect();
        }
        if let Some(b) = file.backend {
            let bs = &mut self.backend;
            bs.kind = b.kind.unwrap_or(bs.kind);
            bs.url = b.url.unwrap_or(std::mem::take(&mut bs.url));
            bs.model = b.model.unwrap_or(std::mem::take(&mut bs.model));
            bs.api = b.api.unwrap_or(bs.api);
            if let Some(env) = b.api_key_env.filter(|e| !e.trim().is_empty()) {
                self.api_key_env = Some(env);
            }
            bs.weight = unit("backend.weight", b.weight.unwrap_or(bs.weight)).map_err(ctx)?;
            if let Some([low, high]) = b.calibration {
                if low >= high {
                    return Err(ctx(anyhow::anyhow!(
                        "backend.calibration must be [low, high] with low < high"
                    )));
                }
                bs.calibration = Calibration { low, high };
                self.calibration_set = true;
            }
            if let Some(t) = b.timeout {
                if !(t > 0.0 && t <= 3600.0) {
                    return Err(ctx(anyhow::anyhow!(
                        "backend.timeout must be between 0 and 3600 seconds, found {t}"
                    )));
                }
                bs.timeout = std::time::Duration::from_secs_f64(t);
            }
            bs.concurrency = b.concurrency.unwrap_or(bs.concurrency);
            bs.batch_size = b.batch_size.unwrap_or(bs.batch_size);
            if bs.concurrency == 0 || bs.batch_size == 0 {
                return Err(ctx(anyhow::anyhow!(
                    "backend.concurrency and backend.batch-size must be at least 1"
                )));
            }
            bs.retries = b.retries.unwrap_or(bs.retries);
            if let Some(t) = b.backoff {
                if !(0.0..=60.0).contains(&t) {
                    return Err(ctx(anyhow::anyhow!(
                        "backend.backoff must be between 0 and 60 seconds, found {t}"
                    )));
                }
                bs.backoff = std::time::Duration::from_secs_f64(t);
            }
            self.fallback = b.fallback.unwrap_or(self.fallback);
        }
        if let Some(c) = file.cache {
            self.cache_enabled = c.enabled.unwrap_or(self.cache_enabled);
            if let Some(p) = c.path.filter(|p| !p.as_os_str().is_empty()) {
                self.cache_path = Some(path.parent().unwrap_or(Path::new(".")).join(p));
            }
            self.cache_limits.max_entries = c.max_entries.unwrap_or(self.cache_limits.max_entries);
            self.cache_limits.max_age_days =
                c.max_age_days.unwrap_or(self.cache_limits.max_age_days);
        }
        for (id, level) in file.rules.unwrap_or_default() {
            let rule = Rule::from_id(&id).with_context(|| {
                format!(
                    "{}: unknown rule `{id}` in [rules] (see `verbatim rules`)",
                    path.display()
                )
            })?;
            self.settings
                .rules
                .set(rule, parse_level(&level).map_err(ctx)?);
        }
        Ok(())
    }

    fn apply_env(&mut self) -> Result<()> {
        if let Ok(v) = std::env::var("VERBATIM_FAIL_ON") {
            self.fail_on = FailOn::from_str(&v, true).map_err(|_| {
                anyhow::anyhow!(
                    "VERBATIM_FAIL_ON: unknown level `{v}` (error, warning, info, never)"
                )
            })?;
        }
        if let Ok(v) = std::env::var("VERBATIM_FORMAT") {
            self.format = ReportFormat::from_str(&v, true).map_err(|_| {
                anyhow::anyhow!("VERBATIM_FORMAT: unknown format `{v}` (human, json, sarif, junit, markdown, github)")
            })?;
        }
        Ok(())
    }

    /// The calibration in effect: the configured one, else the backend kind's default.
    pub fn effective_calibration(&self) -> Calibration {
        if self.calibration_set {
            self.backend.calibration
        } else {
            default_calibration(self.backend.kind)
        }
    }

    /// The backend settings ready for use: calibration settled, the key read from the
    /// environment variable the configuration names.
    pub fn backend_settings(&self) -> Result<BackendSettings> {
        let mut s = self.backend.clone();
        s.calibration = self.effective_calibration();
        if let Some(var) = &self.api_key_env {
            let key = std::env::var(var).map_err(|_| {
                anyhow::anyhow!("backend.api-key-env names {var}, which is not set")
            })?;
            if key.trim().is_empty() {
                bail!("backend.api-key-env names {var}, which is empty");
            }
            s.api_key = Some(verbatim::backend::Secret(key.trim().to_string()));
        }
        Ok(s)
    }

    /// The effective configuration in the file format, every key present.
    pub fn to_toml(&self) -> String {
        let s = &self.settings;
        let file = ConfigFile {
            check: Some(CheckSection {
                fail_on: Some(self.fail_on),
                format: Some(self.format),
                languages: Some(
                    self.languages
                        .iter()
                        .map(|l| l.code().to_string())
                        .collect(),
                ),
                baseline: self.baseline.clone(),
            }),
            matching: Some(MatchingSection {
                min_full: Some(s.matching.min_full),
                min_partial: Some(s.matching.min_partial),
                min_scare: Some(s.matching.min_scare),
                order_bonus: Some(s.matching.order_bonus),
            }),
            drift: Some(DriftSection {
                rewrite_below: Some(s.drift.rewrite_below),
                clause_words: Some(s.drift.clause_words),
            }),
            lexicon: Some(LexiconSection {
                extra: Some(self.lexicon_files.clone()),
            }),
            backend: Some(BackendSection {
                kind: Some(self.backend.kind),
                url: Some(self.backend.url.clone()),
                model: Some(self.backend.model.clone()),
                api: Some(self.backend.api),
                api_key_env: Some(self.api_key_env.clone().unwrap_or_default()),
                weight: Some(self.backend.weight),
                calibration: Some([
                    self.effective_calibration().low,
                    self.effective_calibration().high,
                ]),
                timeout: Some(self.backend.timeout.as_secs_f64()),
                concurrency: Some(self.backend.concurrency),
                batch_size: Some(self.backend.batch_size),
                retries: Some(self.backend.retries),
                backoff: Some(self.backend.backoff.as_secs_f64()),
                fallback: Some(self.fallback),
            }),
            cache: Some(CacheSection {
                enabled: Some(self.cache_enabled),
                path: Some(self.cache_path.clone().unwrap_or_default()),
                max_entries: Some(self.cache_limits.max_entries),
                max_age_days: Some(self.cache_limits.max_age_days),
            }),
            rules: Some(
                Rule::ALL
                    .iter()
                    .map(|&r| {
                        (
                            r.id().to_string(),
                            s.rules.severity(r).map_or("off".into(), |v| v.to_string()),
                        )
                    })
                    .collect(),
            ),
        };
        toml::to_string(&file).unwrap_or_default()
    }
}

fn parse_level(level: &str) -> Result<Option<Severity>> {
    if level == "off" {
        return Ok(None);
    }
    level
        .parse()
        .map(Some)
        .map_err(|e: String| anyhow::anyhow!("{e}, or off"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("verbatim.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn the_documented_default_config_is_the_default() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
        let loaded = load(Some(&root)).unwrap();
        let defaults = Config::default();
        assert_eq!(loaded.settings, defaults.settings);
        assert_eq!(loaded.fail_on, defaults.fail_on);
        assert_eq!(loaded.format, defaults.format);
        assert_eq!(loaded.languages, defaults.languages);
        assert_eq!(loaded.backend, defaults.backend);
        assert_eq!(
            loaded.effective_calibration(),
            defaults.effective_calibration()
        );
        assert_eq!(
            (
                loaded.fallback,
                loaded.cache_enabled,
                loaded.cache_path.clone()
            ),
            (
                defaults.fallback,
                defaults.cache_enabled,
                defaults.cache_path.clone()
            )
        );
        assert_eq!(loaded.cache_limits, defaults.cache_limits);
    }

    #[test]
    fn file_values_override_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "[check]\nfail-on = \"warning\"\n[rules]\nquote-drift = \"off\"\nnumber-mismatch = \"warning\"\n[drift]\nclause-words = 5\n");
        let c = load(Some(&p)).unwrap();
        assert_eq!(c.fail_on, FailOn::Warning);
        assert_eq!(c.settings.rules.severity(Rule::QuoteDrift), None);
        assert_eq!(
            c.settings.rules.severity(Rule::NumberMismatch),
            Some(Severity::Warning)
        );
        assert_eq!(c.settings.drift.clause_words, 5);
        assert_eq!(discover(dir.path()), Some(p));
    }

    #[test]
    fn mistakes_name_the_file_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "[drift]\nclause-wordz = 3\n");
        let err = load(Some(&p)).unwrap_err().to_string();
        assert!(
            err.contains("verbatim.toml") && err.contains("clause-wordz"),
            "{err}"
        );
        let p = write(dir.path(), "[rules]\nnumber-mismatches = \"error\"\n");
        assert!(load(Some(&p))
            .unwrap_err()
            .to_string()
            .contains("unknown rule `number-mismatches`"));
        let p = write(dir.path(), "[matching]\nmin-full = 3.0\n");
        assert!(load(Some(&p))
            .unwrap_err()
            .to_string()
            .contains("between 0 and 1"));
    }
}
