//! Numbers as values, whatever the locale or wording: `2,5 milliards` = `2.5 billion`,
//! `1 200` = `1,200`, `deux douzaines` = `two dozen`, `trois fois` = `three times`,
//! `15 h` = `3pm`, months and weekdays by their number. Comparing values, not strings, is
//! what lets a faithful `16 mois` pass and a drifted `25 milliards` fail.

use super::analyze::Analyzed;
use crate::lang::Lang;
use crate::text::{Span, TokenKind};
use std::ops::Range;

/// What a value counts: comparisons only pair values of the same class.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum NumClass {
    Quantity,
    Month,
    Weekday,
    /// Time of day, in minutes after midnight.
    Time,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NumberMention {
    /// Token indices in the analyzed quote.
    pub range: Range<usize>,
    pub value: f64,
    pub class: NumClass,
    /// As written: `2,5 milliards`.
    pub text: String,
    pub span: Span,
    /// For a duration, its length in days (`trois semaines` = `21 days`).
    pub days: Option<f64>,
    /// `les deux` may be `both`, which is no count: left out when it has no counterpart.
    pub soft: bool,
}

impl NumberMention {
    pub fn same_value(&self, other: &NumberMention) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
        self.class == other.class
            && (close(self.value, other.value)
                || self
                    .days
                    .zip(other.days)
                    .is_some_and(|(a, b)| (a - b).abs() <= 0.05 * a.max(b)))
    }
}

/// Finds every number, month and weekday of an analyzed quote. `text` is the document text
/// its spans point into.
pub fn find_numbers(a: &Analyzed, text: &str) -> Vec<NumberMention> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < a.len() {
        match read_at(a, i) {
            Some((end, value, class)) => {
                // `années 40`, `années quarante`, `the 40s`: a decade of the 1900s.
                let decade = class == NumClass::Quantity
                    && value < 100.0
                    && value % 10.0 == 0.0
                    && (i > 0 && a.tokens[i - 1].norm == "annees"
                        || a.tokens[i].lower.ends_with('s')
                            && a.tokens[i].kind == TokenKind::Number);
                let value = if decade { 1900.0 + value } else { value };
                // `nine out of ten`, `neuf sur dix`: a share, as the percentage it is.
                let (value, end) = match ratio(a, end) {
                    Some((of, after)) if class == NumClass::Quantity && of > value => {
                        (100.0 * value / of, after)
                    }
                    _ => (value, end),
                };
                let days = word(a, end)
                    .and_then(|w| days_per(a.lang, w))
                    .map(|d| d * value);
                let end = if days.is_some() { end + 1 } else { end };
                let soft = a.lang == Lang::Fr
                    && value == 2.0
                    && i > 0
                    && matches!(a.tokens[i - 1].norm.as_str(), "les" | "des" | "aux");
                let span = a.span_of(i..end);
                found.push(NumberMention {
                    range: i..end,
                    value,
                    class,
                    text: text[span.start..span.end].to_string(),
                    span,
                    days,
                    soft,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// `out of ten` / `sur dix` after a number: the denominator and where the mention ends.
/// A word may stand between (`neuf habitants sur dix`).
fn ratio(a: &Analyzed, end: usize) -> Option<(f64, usize)> {
    [end, end + 1].into_iter().find_map(|at| {
        let next = match (a.lang, word(a, at)?) {
            (Lang::En, "out") if word(a, at + 1) == Some("of") => at + 2,
            (Lang::Fr, "sur") => at + 1,
            _ => return None,
        };
        let (after, of, class) = read_at(a, next)?;
        (class == NumClass::Quantity).then_some((of, after))
    })
}

/// Days in a unit of time, for durations written in different units.
fn days_per(lang: Lang, w: &str) -> Option<f64> {
    Some(match (lang, w) {
        (Lang::En, "day" | "days") | (Lang::Fr, "jour" | "jours") => 1.0,
        (Lang::En, "week" | "weeks") | (Lang::Fr, "semaine" | "semaines") => 7.0,
        (Lang::En, "fortnight" | "fortnights") => 14.0,
        (Lang::En, "month" | "months") | (Lang::Fr, "mois") => 30.4,
        (Lang::En, "year" | "years") | (Lang::Fr, "an" | "ans" | "annee" | "annees") => 365.0,
        _ => return None,
    })
}

fn read_at(a: &Analyzed, i: usize) -> Option<(usize, f64, NumClass)> {
    let t = &a.tokens[i];
    if t.kind == TokenKind::Number {
        return read_digits(a, i);
    }
    if let Some(m) = month(a, i) {
        return Some((i + 1, m, NumClass::Month));
    }
    if let Some(d) = weekday(a.lang, &t.norm) {
        return Some((i + 1, d, NumClass::Weekday));
    }
    if let Some(v) = roman(&t.text) {
        return Some((i + 1, v, NumClass::Quantity));
    }
    read_words(a, i)
}

fn read_digits(a: &Analyzed, i: usize) -> Option<(usize, f64, NumClass)> {
    let lower = &a.tokens[i].lower;
    let cut = lower
        .find(|c: char| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
        })
        .unwrap_or(lower.len());
    let (digits, suffix) = lower.split_at(cut);
    let mut value = parse_digits(digits, a.lang)?;
    let mut end = i + 1;
    // Times of day: 20h30, 20 h 30, 3pm, 3 p.m.
    if let Some(minutes) = suffix
        .strip_prefix('h')
        .filter(|m| m.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((
            end,
            value * 60.0 + minutes.parse::<f64>().unwrap_or(0.0),
            NumClass::Time,
        ));
    }
    if suffix.is_empty() && word(a, end) == Some("h") {
        end += 1;
        let minutes = a
            .tokens
            .get(end)
            .filter(|t| t.kind == TokenKind::Number)
            .and_then(|t| t.lower.parse::<f64>().ok());
        let minutes = minutes
            .filter(|m| *m < 60.0)
            .inspect(|_| end += 1)
            .unwrap_or(0.0);
        return Some((end, value * 60.0 + minutes, NumClass::Time));
    }
    let meridiem = match suffix {
        "am" | "pm" => Some(suffix == "pm"),
        "" if matches!(word(a, end), Some("am" | "pm")) => {
            end += 1;
            Some(word(a, end - 1) == Some("pm"))
        }
        "" if matches!(word(a, end), Some("a" | "p"))
            && word(a, end + 1) == Some("m")
            && a.lang == Lang::En =>
        {
            end += 2;
            Some(word(a, end - 2) == Some("p"))
        }
        _ => None,
    };
    if let Some(pm) = meridiem {
        // `3.30pm`: the decimals are minutes.
        let (h, m) = digits
            .split_once(['.', ','])
            .map_or((value, 0.0), |(h, m)| {
                (h.parse().unwrap_or(value), m.parse().unwrap_or(0.0))
            });
        let hours = if pm && h < 12.0 {
            h + 12.0
        } else if !pm && h == 12.0 {
            0.0
        } else {
            h
        };
        return Some((end, hours * 60.0 + m, NumClass::Time));
    }
    if suffix == "bn" {
        value *= 1e9;
    }
    while let Some(scale) = word(a, end).and_then(|w| scale(a.lang, w)) {
        value *= scale;
        end += 1;
    }
    Some((end, value, NumClass::Quantity))
}

/// `2,5` / `2.5` / `1 200` / `1,200` / `1.200` per the language's conventions.
pub fn parse_digits(digits: &str, lang: Lang) -> Option<f64> {
    let s: String = digits
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let s = s.trim_end_matches(['.', ',']);
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let normalized = match (s.contains(','), s.contains('.')) {
        (true, true) => {
            let decimal = if s.rfind(',') > s.rfind('.') {
                ','
            } else {
                '.'
            };
            let group = if decimal == ',' { '.' } else { ',' };
            s.replace(group, "").replace(decimal, ".")
        }
        (true, false) if lang == Lang::En && groups_of_three(',') => s.replace(',', ""),
        (true, false) => s.replacen(',', ".", 1).replace(',', ""),
        (false, true)
            if lang == Lang::Fr
                && groups_of_three('.')
                && s.matches('.').count() >= 1
                && !s.starts_with('0') =>
        {
            s.replace('.', "")
        }
        _ => s.to_string(),
    };
    normalized.parse().ok()
}

fn word(a: &Analyzed, i: usize) -> Option<&str> {
    a.tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.norm.as_str())
}

fn scale(lang: Lang, w: &str) -> Option<f64> {
    Some(match (lang, w) {
        (_, "million" | "millions" | "mn") => 1e6,
        (Lang::Fr, "milliard" | "milliards") => 1e9,
        (Lang::Fr, "billion" | "billions") => 1e12,
        (Lang::Fr, "mille") => 1e3,
        (Lang::En, "billion" | "billions" | "bn") => 1e9,
        (Lang::En, "trillion" | "trillions") => 1e12,
        (Lang::En, "thousand") => 1e3,
        (Lang::En, "dozen") | (Lang::Fr, "douzaine" | "douzaines") => 12.0,
        _ => return None,
    })
}

/// Value of a number word, and whether it multiplies what came before (`cent`, `hundred`).
enum NumWord {
    Add(f64),
    Hundred,
    Thousand,
    Scale(f64),
    Dozen,
    /// An ordinal or fraction word: a value on its own, never part of a compound.
    Alone(f64),
}

fn num_word(lang: Lang, w: &str) -> Option<NumWord> {
    use NumWord::*;
    let fr = [
        "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];
    let en = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let fr_tens = [
        ("vingt", 20.0),
        ("vingts", 20.0),
        ("trente", 30.0),
        ("quarante", 40.0),
        ("cinquante", 50.0),
        ("soixante", 60.0),
        ("septante", 70.0),
        ("huitante", 80.0),
        ("octante", 80.0),
        ("nonante", 90.0),
    ];
    let en_tens = [
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ];
    let (units, tens): (&[&str], &[(&str, f64)]) = match lang {
        Lang::Fr => (&fr, &fr_tens),
        Lang::En => (&en, &en_tens),
    };
    if let Some(v) = units.iter().position(|u| *u == w) {
        return Some(Add(v as f64));
    }
    if w == "une" && lang == Lang::Fr {
        return Some(Add(1.0));
    }
    if let Some(&(_, v)) = tens.iter().find(|(t, _)| *t == w) {
        return Some(Add(v));
    }
    match (lang, w) {
        (Lang::Fr, "cent" | "cents") | (Lang::En, "hundred") => return Some(Hundred),
        (Lang::Fr, "mille" | "mil") | (Lang::En, "thousand") => return Some(Thousand),
        (Lang::Fr, "douzaine" | "douzaines") | (Lang::En, "dozen") => return Some(Dozen),
        (Lang::En, "twice") => return Some(Alone(2.0)),
        (Lang::En, "thrice") => return Some(Alone(3.0)),
        (Lang::Fr, "tiers") => return Some(Alone(3.0)),
        (Lang::Fr, "quart") | (Lang::En, "quarter") => return Some(Alone(4.0)),
        (Lang::Fr, "second" | "seconde") | (Lang::En, "second") => return Some(Alone(2.0)),
        (Lang::Fr, "dizaine") => return Some(Alone(10.0)),
        (Lang::Fr, "decennie" | "decennies") | (Lang::En, "decade") => return Some(Alone(10.0)),
        (Lang::Fr, "siecle") | (Lang::En, "century") => return Some(Alone(100.0)),
        (Lang::En, "doubled" | "doubling")
        | (Lang::Fr, "double" | "doubler" | "doubles" | "doublee" | "doublees") => {
            return Some(Alone(2.0))
        }
        (Lang::En, "tripled" | "tripling" | "triple")
        | (Lang::Fr, "tripler" | "triple" | "triples" | "triplee" | "triplees") => {
            return Some(Alone(3.0))
        }
        (Lang::En, "quadrupled") | (Lang::Fr, "quadrupler" | "quadruple") => {
            return Some(Alone(4.0))
        }
        (Lang::Fr, "centaine") => return Some(Alone(100.0)),
        (Lang::Fr, "millier") => return Some(Alone(1000.0)),
        _ => {}
    }
    if let Some(s) = scale(lang, w) {
        return Some(Scale(s));
    }
    decade(lang, w).or_else(|| ordinal(lang, w)).map(Alone)
}

/// `the forties` = the 1940s.
fn decade(lang: Lang, w: &str) -> Option<f64> {
    let tens = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    (lang == Lang::En)
        .then(|| tens.iter().position(|t| *t == w))
        .flatten()
        .map(|k| 1920.0 + 10.0 * k as f64)
}

fn ordinal(lang: Lang, w: &str) -> Option<f64> {
    match lang {
        Lang::Fr => {
            let root = w.strip_suffix("iemes").or_else(|| w.strip_suffix("ieme"))?;
            let roots = [
                ("deux", 2.0),
                ("trois", 3.0),
                ("quatr", 4.0),
                ("cinqu", 5.0),
                ("six", 6.0),
                ("sept", 7.0),
                ("huit", 8.0),
                ("neuv", 9.0),
                ("dix", 10.0),
                ("onz", 11.0),
                ("douz", 12.0),
                ("treiz", 13.0),
                ("quatorz", 14.0),
                ("quinz", 15.0),
                ("seiz", 16.0),
                ("vingt", 20.0),
                ("trent", 30.0),
                ("quarant", 40.0),
                ("cinquant", 50.0),
                ("soixant", 60.0),
                ("cent", 100.0),
                ("mill", 1000.0),
            ];
            roots.iter().find(|(r, _)| *r == root).map(|&(_, v)| v)
        }
        Lang::En => {
            let table = [
                ("third", 3.0),
                ("fourth", 4.0),
                ("fifth", 5.0),
                ("sixth", 6.0),
                ("seventh", 7.0),
                ("eighth", 8.0),
                ("ninth", 9.0),
                ("tenth", 10.0),
                ("eleventh", 11.0),
                ("twelfth", 12.0),
                ("thirteenth", 13.0),
                ("fourteenth", 14.0),
                ("fifteenth", 15.0),
                ("sixteenth", 16.0),
                ("seventeenth", 17.0),
                ("eighteenth", 18.0),
                ("nineteenth", 19.0),
                ("twentieth", 20.0),
                ("thirtieth", 30.0),
                ("fortieth", 40.0),
                ("fiftieth", 50.0),
                ("hundredth", 100.0),
                ("thousandth", 1000.0),
            ];
            table.iter().find(|(r, _)| *r == w).map(|&(_, v)| v)
        }
    }
}

/// A run of number words: `quatre-vingt-dix`, `two hundred and fifty`, `deux douzaines`.
/// A lone `un`/`one`/`a` is an article or pronoun far more often than a count: skipped.
fn read_words(a: &Analyzed, i: usize) -> Option<(usize, f64, NumClass)> {
    let first = word(a, i)?;
    // `un quart de siècle`, `un demi-siècle`: twenty-five and fifty years.
    if a.lang == Lang::Fr
        && word(a, i + 2) == Some("siecle")
        && matches!((first, word(a, i + 1)), ("quart", Some("de")))
    {
        return Some((i + 3, 25.0, NumClass::Quantity));
    }
    if a.lang == Lang::Fr && first == "demi" && word(a, i + 1) == Some("siecle") {
        return Some((i + 2, 50.0, NumClass::Quantity));
    }
    let article = matches!(
        (a.lang, first),
        (Lang::En, "a" | "an") | (Lang::Fr, "un" | "une")
    );
    let starts = num_word(a.lang, first).is_some()
        || (article && word(a, i + 1).and_then(|w| num_word(a.lang, w)).is_some());
    if !starts {
        return None;
    }
    let (mut total, mut current, mut end) = (0.0f64, 0.0f64, i);
    let mut words = 0;
    let mut last_multiplier = false;
    while let Some(w) = word(a, end) {
        let is_article = end == i && article;
        let parsed = if is_article {
            Some(NumWord::Add(1.0))
        } else {
            num_word(a.lang, w)
        };
        let Some(n) = parsed else {
            // `vingt et un`, `two hundred and fifty`, and only there.
            let next = word(a, end + 1).unwrap_or("");
            let joiner = match (a.lang, w) {
                (Lang::Fr, "et") => {
                    (20.0..=60.0).contains(&(current % 100.0))
                        && matches!(next, "un" | "une" | "onze")
                }
                (Lang::En, "and") => last_multiplier && num_word(a.lang, next).is_some(),
                _ => false,
            };
            if joiner {
                end += 1;
                continue;
            }
            break;
        };
        match n {
            NumWord::Alone(v) if words == 0 => return Some((end + 1, v, NumClass::Quantity)),
            NumWord::Alone(_) => break,
            // `millions de personnes`, `thousands of people`: a vague plural, not a count.
            NumWord::Scale(_) if words == 0 && w.ends_with('s') => return None,
            NumWord::Add(v) if current == 4.0 && v == 20.0 => current = 80.0,
            NumWord::Add(v) => current += v,
            NumWord::Hundred => current = current.max(1.0) * 100.0,
            NumWord::Dozen => current = current.max(1.0) * 12.0,
            NumWord::Thousand => {
                total += current.max(1.0) * 1000.0;
                current = 0.0;
            }
            NumWord::Scale(s) => {
                total = (total + current.max(1.0)) * s;
                current = 0.0;
            }
        }
        last_multiplier = matches!(n, NumWord::Hundred | NumWord::Thousand | NumWord::Scale(_));
        words += 1;
        end += 1;
    }
    let value = total + current;
    let lone_one = words == 1 && value == 1.0;
    (!lone_one && words > 0).then_some((end, value, NumClass::Quantity))
}

fn month(a: &Analyzed, i: usize) -> Option<f64> {
    let t = &a.tokens[i];
    let w = t.norm.as_str();
    let table: &[&str] = match a.lang {
        Lang::Fr => &[
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
        Lang::En => &[
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    };
    let n = table.iter().position(|m| *m == w).or_else(|| {
        let abbrev = [
            "jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sept", "oct", "nov", "dec",
        ];
        (a.lang == Lang::En && t.capitalized && w.len() >= 3)
            .then(|| abbrev.iter().position(|m| *m == w))
            .flatten()
    })?;
    // English "may" and "march" are also a verb: only capitalized mid-sentence, or next to
    // a number, are they months.
    if a.lang == Lang::En && matches!(w, "may" | "march") {
        let near_number = [i.wrapping_sub(1), i + 1]
            .iter()
            .any(|&k| a.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number));
        let capital_mid = t.capitalized && i > 0 && !a.brk[i];
        if !(near_number || capital_mid) {
            return None;
        }
    }
    Some((n + 1) as f64)
}

/// `II` to `XXXIX` in capitals (World War II, Elizabeth II); single letters are words.
fn roman(s: &str) -> Option<f64> {
    if s.len() < 2 || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let digits: Vec<i32> = s.chars().map(value).collect();
    let total: i32 = digits
        .iter()
        .enumerate()
        .map(|(k, &d)| {
            if digits.get(k + 1).is_some_and(|&n| n > d) {
                -d
            } else {
                d
            }
        })
        .sum();
    (2..40).contains(&total).then_some(f64::from(total))
}

fn weekday(lang: Lang, w: &str) -> Option<f64> {
    let table: &[&str] = match lang {
        Lang::Fr => &[
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        Lang::En => &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    };
    table.iter().position(|d| *d == w).map(|n| (n + 1) as f64)
}

/// Unit conversions a translator may make (miles to kilometres, pounds to kilos, feet to
/// metres, inches to centimetres, gallons to litres): two values whose ratio is one of these
/// factors, within 3%, are the same measure.
pub fn is_conversion(a: f64, b: f64) -> bool {
    const FACTORS: [f64; 5] = [1.609_344, 0.453_592, 0.3048, 2.54, 3.785_41];
    if a <= 0.0 || b <= 0.0 {
        return false;
    }
    let ratio = a / b;
    FACTORS
        .iter()
        .any(|&f| ((ratio / f) - 1.0).abs() < 0.03 || ((ratio * f) - 1.0).abs() < 0.03)
}
