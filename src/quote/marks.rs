//! Which characters open or close a quotation, decided from the characters around them.
//!
//! Curly and angle marks say which way they face; straight marks and the right single quote
//! do not, so "flanking" (is there a space before or after?) decides, as in CommonMark.
//! The right single quote doubles as the apostrophe: between two letters it never quotes.

use crate::lang::Lang;
use crate::text::is_space;

/// A family of marks that open and close each other.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// « »
    Guillemet,
    /// “ ” (and „)
    Double,
    /// "
    Straight,
    /// ‘ ’
    Single,
    /// '
    StraightSingle,
    /// ‹ ›
    SingleGuillemet,
}

impl Family {
    /// A name for reports and `verbatim quotes`.
    pub fn style(self) -> &'static str {
        match self {
            Family::Guillemet => "guillemets",
            Family::Double => "curly",
            Family::Straight => "straight",
            Family::Single => "single",
            Family::StraightSingle => "straight-single",
            Family::SingleGuillemet => "single-guillemets",
        }
    }

    /// Single-quote families double as apostrophes: a closing candidate that matches no open
    /// quote is an apostrophe, not an error.
    pub fn is_single(self) -> bool {
        matches!(self, Family::Single | Family::StraightSingle)
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// A straight mark flanked on both sides or neither: the scanner's state decides.
    Either,
}

fn is_opening_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '(' | '[' | '{' | '—' | '–' | '/' | '«' | '“' | '‘' | '‹' | '"' | '\'' | '„' | '-'
        )
}

fn is_closing_context(c: char) -> bool {
    is_space(c) || (!c.is_alphanumeric() && !matches!(c, '«' | '“' | '‘' | '‹' | '„'))
}

/// Space (or start) before, something visible after.
pub fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    next.is_some_and(|n| !is_space(n)) && prev.is_none_or(is_opening_context)
}

/// Something visible before, space, punctuation (or end) after.
pub fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !is_space(p)) && next.is_none_or(is_closing_context)
}

/// Classifies `c` given its neighbours, or `None` when it is not a quote mark here.
pub fn classify(
    prev: Option<char>,
    c: char,
    next: Option<char>,
    lang: Lang,
) -> Option<(Family, Role)> {
    let left = left_flanking(prev, next);
    let right = right_flanking(prev, next);
    let between_letters =
        prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
    Some(match c {
        '«' => (Family::Guillemet, Role::Open),
        '»' => (Family::Guillemet, Role::Close),
        '‹' => (Family::SingleGuillemet, Role::Open),
        '›' => (Family::SingleGuillemet, Role::Close),
        '„' => (Family::Double, Role::Open),
        '“' => (
            Family::Double,
            if right && !left {
                Role::Close
            } else {
                Role::Open
            },
        ),
        '”' => (
            Family::Double,
            if left && !right {
                Role::Open
            } else {
                Role::Close
            },
        ),
        '"' => (Family::Straight, flanking_role(left, right)),
        '‘' if left => (Family::Single, Role::Open),
        '’' if !between_letters && right => (Family::Single, Role::Close),
        '\'' if lang == Lang::En && !between_letters => match flanking_role(left, right) {
            Role::Open if next.is_some_and(char::is_alphabetic) => {
                (Family::StraightSingle, Role::Open)
            }
            Role::Close => (Family::StraightSingle, Role::Close),
            _ => return None,
        },
        _ => return None,
    })
}

fn flanking_role(left: bool, right: bool) -> Role {
    match (left, right) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(text: &str, at: usize, lang: Lang) -> Option<(Family, Role)> {
        let chars: Vec<char> = text.chars().collect();
        classify(
            at.checked_sub(1).map(|i| chars[i]),
            chars[at],
            chars.get(at + 1).copied(),
            lang,
        )
    }

    #[test]
    fn apostrophes_between_letters_are_not_quotes() {
        assert_eq!(role("don't", 3, Lang::En), None);
        assert_eq!(role("l’Ukraine", 1, Lang::Fr), None);
        assert_eq!(role("aujourd'hui", 7, Lang::Fr), None);
    }

    #[test]
    fn straight_quotes_use_flanking() {
        assert_eq!(
            role(" \"Yes", 1, Lang::En),
            Some((Family::Straight, Role::Open))
        );
        assert_eq!(
            role("yes,\" he", 4, Lang::En),
            Some((Family::Straight, Role::Close))
        );
        assert_eq!(
            role("a\"b", 1, Lang::En),
            Some((Family::Straight, Role::Either))
        );
    }

    #[test]
    fn single_quotes_only_open_before_a_letter() {
        assert_eq!(
            role(" 'We", 1, Lang::En),
            Some((Family::StraightSingle, Role::Open))
        );
        assert_eq!(role(" '90s", 1, Lang::En), None);
        assert_eq!(role(" 'x'", 1, Lang::Fr), None);
        assert_eq!(
            role("leaders’ meeting", 7, Lang::En),
            Some((Family::Single, Role::Close))
        );
    }

    #[test]
    fn misused_curly_marks_follow_flanking() {
        assert_eq!(
            role(" ”Oui", 1, Lang::Fr),
            Some((Family::Double, Role::Open))
        );
        assert_eq!(
            role("oui“ a", 3, Lang::Fr),
            Some((Family::Double, Role::Close))
        );
    }
}
