//! The closed set of tags a lexicon line may carry.

use std::fmt;

/// A set of [`Tag`]s, stored as bits.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tags(u32);

macro_rules! tags {
    ($($variant:ident = $name:literal,)*) => {
        /// One lexicon tag (the third column of `lexicon/fr-en/*.tsv`).
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Tag { $($variant,)* }

        impl Tag {
            pub const ALL: &'static [Tag] = &[$(Tag::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Tag::$variant => $name,)* }
            }

            pub fn parse(name: &str) -> Option<Tag> {
                match name { $($name => Some(Tag::$variant),)* _ => None }
            }
        }
    };
}

tags! {
    Func = "func", Pron = "pron", Det = "det", Prep = "prep", Conj = "conj", Aux = "aux",
    Adv = "adv", Verb = "verb", Noun = "noun", Adj = "adj", Report = "report", Num = "num",
    Ordinal = "ordinal", Month = "month", Day = "day", Time = "time", Unit = "unit",
    Currency = "currency", Country = "country", Capital = "capital", City = "city",
    Region = "region", Nationality = "nationality", Institution = "institution", Org = "org",
    Person = "person", Title = "title", Modal = "modal",
}

impl Tags {
    pub fn with(self, tag: Tag) -> Tags {
        Tags(self.0 | 1 << tag as u8)
    }

    pub fn has(self, tag: Tag) -> bool {
        self.0 & (1 << tag as u8) != 0
    }

    pub fn union(self, other: Tags) -> Tags {
        Tags(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Tags naming a place, person, people or institution: words whose swap is a name change.
    pub fn is_entity(self) -> bool {
        [
            Tag::Country,
            Tag::Capital,
            Tag::City,
            Tag::Region,
            Tag::Nationality,
            Tag::Institution,
            Tag::Org,
            Tag::Person,
        ]
        .iter()
        .any(|&t| self.has(t))
    }

    /// Grammatical words that carry little content.
    pub fn is_function(self) -> bool {
        [
            Tag::Func,
            Tag::Pron,
            Tag::Det,
            Tag::Prep,
            Tag::Conj,
            Tag::Aux,
        ]
        .iter()
        .any(|&t| self.has(t))
    }

    /// Parses a tag list separated by commas or spaces.
    pub fn parse_list(list: &str) -> Result<Tags, String> {
        list.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .try_fold(Tags::default(), |acc, name| {
                Tag::parse(name)
                    .map(|t| acc.with(t))
                    .ok_or_else(|| format!("unknown tag `{name}`"))
            })
    }
}

impl fmt::Display for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Tag::ALL
            .iter()
            .filter(|&&t| self.has(t))
            .map(|t| t.name())
            .collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_lists() {
        let tags = Tags::parse_list("func, prep").unwrap();
        assert!(tags.has(Tag::Prep) && tags.is_function() && !tags.is_entity());
        assert_eq!(tags.to_string(), "func,prep");
        assert!(Tags::parse_list("func,bogus")
            .unwrap_err()
            .contains("bogus"));
    }
}
