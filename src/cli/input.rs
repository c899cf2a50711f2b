//! Reading input documents: bytes from a path or stdin, checked (not empty, not binary,
//! valid UTF-8) and given a language (from the file name, a flag, or detection). Every
//! failure is one line naming the file.

use anyhow::{bail, Context, Result};
use lingua::{Language, LanguageDetectorBuilder};
use std::io::Read;
use std::path::Path;
use verbatim::{Document, Lang};

/// Reads `path` (`-` for stdin) into text, refusing what verbatim cannot check.
pub fn read_text(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {path}: {}", io_reason(&e)))?
    };
    decode(path, &bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Checks and decodes the bytes of a file called `name`.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let name = display_name(name);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) || bytes == b"\xEF\xBB\xBF" {
        bail!("{name}: the file is empty");
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if sample.contains(&0) || controls * 20 > sample.len() {
        bail!("{name}: this looks like a binary file, not text");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            bail!("{name}: not valid UTF-8 (invalid byte 0x{:02X} at offset {at}, line {line}); convert it to UTF-8 first", bytes[at])
        }
    }
}

fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// The language named by a part of the file name: `article.fr.txt`, `fr.txt`, `en-wire.txt`.
pub fn lang_from_name(path: &str) -> Option<Lang> {
    let file = Path::new(path).file_name()?.to_str()?;
    file.split(['.', '-', '_'])
        .find_map(|part| match part.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" => Some(Lang::Fr),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        })
}

/// Detects the language of `text` among `allowed`, and refuses text in none of them.
pub fn detect_lang(name: &str, text: &str, allowed: &[Lang]) -> Result<Lang> {
    let name = display_name(name);
    let languages: Vec<Language> = allowed
        .iter()
        .map(|l| match l {
            Lang::Fr => Language::French,
            _ => Language::English,
        })
        .collect();
    if languages.len() < 2 {
        return allowed
            .first()
            .copied()
            .with_context(|| format!("{name}: no language is configured"));
    }
    let detector = LanguageDetectorBuilder::from_languages(&languages).build();
    let sample: String = text.chars().take(4000).collect();
    let guess = detector
        .detect_language_of(&sample)
        .map(|l| if l == Language::French { Lang::Fr } else { Lang::En })
        .with_context(|| format!("{name}: cannot tell its language; name the file *.fr.txt or *.en.txt, or pass --lang"))?;
    if function_word_share(&sample, guess) < 0.12 {
        bail!(
            "{name}: does not look like {} (or any supported language: {}); pass --lang if it is one",
            guess.name(),
            allowed.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(guess)
}

/// Share of the words of `text` that are very common function words of `lang`: real text
/// in a language scores 0.3 or more; another language scores near 0.
fn function_word_share(text: &str, lang: Lang) -> f32 {
    const FR: &[&str] = &[
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "à", "en", "que", "qui", "pour",
        "dans", "par", "sur", "est", "pas", "ne", "au", "aux", "il", "elle", "nous", "a", "ont",
        "son", "sa", "ses", "ce", "cette", "avec", "plus", "l", "d", "qu", "n", "s", "c",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "was", "with", "he",
        "she", "as", "at", "by", "be", "this", "have", "from", "or", "an", "are", "not", "we",
        "they", "his", "her", "has", "had", "will", "would", "said", "but",
    ];
    let list = if lang == Lang::Fr { FR } else { EN };
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| list.contains(&w.as_str())).count() as f32 / words.len() as f32
}

/// Reads a document and settles its language: file name, then `flag`, then detection.
pub fn load_document(path: &str, flag: Option<Lang>, allowed: &[Lang]) -> Result<Document> {
    let text = read_text(path)?;
    let lang = match flag.or_else(|| lang_from_name(path)) {
        Some(lang) => lang,
        None => detect_lang(path, &text, allowed)?,
    };
    if !allowed.contains(&lang) {
        bail!(
            "{}: language {} is not enabled in the configuration",
            display_name(path),
            lang.code()
        );
    }
    let doc = Document::new(display_name(path), text, lang);
    if doc.paragraphs.is_empty() {
        bail!("{}: the file is empty", display_name(path));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_languages() {
        assert_eq!(lang_from_name("corpora/x/fr.txt"), Some(Lang::Fr));
        assert_eq!(lang_from_name("article.en.md"), Some(Lang::En));
        assert_eq!(lang_from_name("en-wire.txt"), Some(Lang::En));
        assert_eq!(lang_from_name("french-fries.txt"), None);
        assert_eq!(lang_from_name("-"), None);
    }

    #[test]
    fn bad_bytes_are_refused_with_the_file_name() {
        assert!(decode("a.txt", b"  \n")
            .unwrap_err()
            .to_string()
            .starts_with("a.txt: the file is empty"));
        assert!(decode("b.bin", b"\x00\x01\x02abc")
            .unwrap_err()
            .to_string()
            .contains("binary"));
        let err = decode("c.txt", b"caf\xe9 au lait").unwrap_err().to_string();
        assert!(
            err.contains("not valid UTF-8") && err.contains("offset 3"),
            "{err}"
        );
        assert_eq!(decode("d.txt", "Déjà vu".as_bytes()).unwrap(), "Déjà vu");
    }

    #[test]
    fn detection_accepts_french_and_english_and_refuses_german() {
        let fr = "Le gouvernement a annoncé mardi qu'il ne relèverait pas les impôts cette année, selon le ministre.";
        let en = "The government said on Tuesday that it would not raise taxes this year, according to the minister.";
        let de = "Die Regierung hat am Dienstag angekündigt, dass sie die Steuern in diesem Jahr nicht erhöhen wird.";
        let all = [Lang::En, Lang::Fr];
        assert_eq!(detect_lang("x", fr, &all).unwrap(), Lang::Fr);
        assert_eq!(detect_lang("x", en, &all).unwrap(), Lang::En);
        assert!(detect_lang("x", de, &all)
            .unwrap_err()
            .to_string()
            .contains("does not look like"));
    }
}
