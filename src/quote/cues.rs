//! Word cues for attribution: reporting verbs, subject pronouns, honorifics, and what the
//! lexicon knows about a capitalized word. Built-in lists cover what attribution cannot do
//! without; the lexicon's `report` tag extends them.

use crate::lang::Lang;
use crate::lexicon::{Resources, Tag, Tags};
use crate::text::{Token, TokenKind};

const FR_REPORTING: &[&str] = &[
    "dire",
    "déclarer",
    "affirmer",
    "ajouter",
    "indiquer",
    "expliquer",
    "souligner",
    "estimer",
    "assurer",
    "annoncer",
    "préciser",
    "lancer",
    "répondre",
    "insister",
    "poursuivre",
    "conclure",
    "confier",
    "raconter",
    "rappeler",
    "avertir",
    "prévenir",
    "juger",
    "noter",
    "marteler",
    "promettre",
    "jurer",
    "appeler",
    "demander",
    "écrire",
    "reconnaître",
    "admettre",
    "dénoncer",
    "accuser",
    "commenter",
    "observer",
    "résumer",
    "regretter",
    "déplorer",
    "plaider",
    "martèle",
    "s'exclamer",
    "exhorter",
    "réclamer",
    "confirmer",
    "révéler",
    "ironiser",
    "tweeter",
    "twitter",
    "menacer",
    "nier",
    "démentir",
    "avouer",
    "garantir",
    "constater",
    "relever",
    "signaler",
    "selon",
    "interroger",
    "mettre en garde",
    "s'engager",
    "engager",
    "féliciter",
    "saluer",
    "lâcher",
    "glisser",
    // Participles Snowball keeps apart from their verb.
    "prévenu",
    "soutenu",
    "maintenu",
    "conclu",
    "reconnu",
    "admis",
    "promis",
    "dit",
    "écrit",
    "répondu",
    "poursuivi",
    "convenu",
];
const EN_REPORTING: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "declare",
    "explain",
    "note",
    "insist",
    "warn",
    "stress",
    "claim",
    "vow",
    "pledge",
    "promise",
    "write",
    "ask",
    "reply",
    "respond",
    "conclude",
    "continue",
    "urge",
    "call",
    "argue",
    "admit",
    "acknowledge",
    "announce",
    "confirm",
    "deny",
    "suggest",
    "predict",
    "describe",
    "recall",
    "tweet",
    "post",
    "emphasise",
    "emphasize",
    "assert",
    "maintain",
    "remark",
    "observe",
    "comment",
    "according",
    "threaten",
    "swear",
    "concede",
    "complain",
    "praise",
    "hail",
    "welcome",
    "quote",
    "cite",
    "reveal",
];

const FR_PRONOUNS: &[&str] = &["il", "elle", "ils", "elles", "lui"];
const EN_PRONOUNS: &[&str] = &["he", "she", "they", "him", "her", "them"];
const HONORIFICS: &[&str] = &[
    "m", "mme", "mmes", "mlle", "me", "mgr", "dr", "pr", "mr", "mrs", "ms", "messrs", "sir",
    "dame", "lord", "lady", "prof",
];
const PARTICLES: &[&str] = &[
    "de", "du", "d'", "von", "van", "der", "al", "el", "bin", "ben", "da", "di", "del", "la", "le",
    "y", "st",
];
const AUXILIARIES: &[&str] = &[
    "a",
    "ont",
    "avait",
    "avaient",
    "aurait",
    "auraient",
    "aura",
    "est",
    "sont",
    "était",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "will",
    "would",
    "t",
    "encore",
    "également",
    "aussi",
    "ensuite",
    "alors",
    "ainsi",
    "then",
    "also",
    "later",
    "again",
    "further",
    "on",
    "told",
];

pub struct Cues<'a> {
    pub lang: Lang,
    res: &'a Resources,
    reporting: Vec<String>,
}

impl<'a> Cues<'a> {
    pub fn new(lang: Lang, res: &'a Resources) -> Cues<'a> {
        let list = match lang {
            Lang::Fr => FR_REPORTING,
            Lang::En => EN_REPORTING,
        };
        let data = res.lang(lang);
        // A pronominal verb is known by its verb (`s'exclamer` -> `exclamer`).
        let reporting = list
            .iter()
            .map(|w| {
                let keys = data.phrase_keys(w);
                let reflexive = keys.len() > 1 && matches!(keys[0].as_str(), "s'" | "se");
                keys[usize::from(reflexive)..].join(" ")
            })
            .collect();
        Cues {
            lang,
            res,
            reporting,
        }
    }

    pub fn key(&self, token: &Token) -> String {
        self.res.lang(self.lang).token_key(token)
    }

    pub fn tags(&self, token: &Token) -> Tags {
        self.res.lexicon.tags(self.lang, &self.key(token))
    }

    /// A verb (or `selon` / `according`) that introduces speech.
    pub fn is_reporting(&self, token: &Token) -> bool {
        if token.kind != TokenKind::Word
            || token.capitalized && token.text.len() > 1 && self.is_name_like(token)
        {
            return false;
        }
        let key = self.key(token);
        self.reporting.contains(&key)
            || self.res.lexicon.tags(self.lang, &key).has(Tag::Report) && !self.is_noun_only(&key)
    }

    fn is_noun_only(&self, key: &str) -> bool {
        let tags = self.res.lexicon.tags(self.lang, key);
        tags.has(Tag::Noun) && !tags.has(Tag::Verb)
    }

    pub fn is_pronoun(&self, token: &Token) -> bool {
        let list = match self.lang {
            Lang::Fr => FR_PRONOUNS,
            Lang::En => EN_PRONOUNS,
        };
        list.contains(&token.lower.as_str())
    }

    pub fn is_honorific(&self, token: &Token) -> bool {
        HONORIFICS.contains(&token.norm.as_str())
    }

    pub fn is_particle(&self, token: &Token) -> bool {
        PARTICLES.contains(&token.lower.as_str())
    }

    /// Words that may sit between a subject and its reporting verb or invert with it.
    pub fn is_auxiliary(&self, token: &Token) -> bool {
        AUXILIARIES.contains(&token.lower.as_str())
    }

    /// A gerund or present participle (`ajoutant`, `adding`): its subject is the sentence's.
    pub fn is_participle(&self, token: &Token) -> bool {
        match self.lang {
            Lang::Fr => token.lower.ends_with("ant"),
            Lang::En => token.lower.ends_with("ing"),
        }
    }

    /// Capitalized and not a common word of the lexicon, or a known person.
    pub fn is_name_like(&self, token: &Token) -> bool {
        if !token.capitalized || token.kind != TokenKind::Word {
            return false;
        }
        let tags = self.tags(token);
        tags.is_empty() || tags.has(Tag::Person) || is_acronym(token)
    }

    /// A known place, institution, organisation or nationality.
    pub fn is_entity(&self, token: &Token) -> bool {
        self.res
            .lexicon
            .is_entity(self.lang, &self.key(token), token.capitalized)
    }

    /// The lexicon's first English form of a known person (`person`), or place or
    /// institution, named by `keys` (the whole name: a surname alone may be anyone's), folded:
    /// `Poutine` -> `putin`, `Corée du Nord` -> `north korea`.
    pub fn entity_alias(&self, keys: &[String], person: bool) -> Option<String> {
        let lexicon = &self.res.lexicon;
        let try_keys = |k: &[String]| {
            lexicon
                .starting_at(self.lang, k, 0)
                .filter(|&(len, _)| len == k.len())
                .map(|(_, e)| lexicon.entry(e))
                .find(|e| {
                    if person {
                        e.tags.has(Tag::Person)
                    } else {
                        e.tags.is_entity()
                    }
                })
                .and_then(|e| e.en.first())
                .map(|name| crate::text::fold(name))
        };
        if keys.is_empty() {
            return None;
        }
        try_keys(keys)
    }

    /// The words are a known place or institution (not a person): `Corée du Nord`.
    pub fn entity_phrase(&self, keys: &[String]) -> bool {
        let lexicon = &self.res.lexicon;
        !keys.is_empty()
            && lexicon.starting_at(self.lang, keys, 0).any(|(len, e)| {
                let tags = lexicon.entry(e).tags;
                len == keys.len() && tags.is_entity() && !tags.has(Tag::Person)
            })
    }

    pub fn is_title(&self, token: &Token) -> bool {
        self.tags(token).has(Tag::Title)
    }
}

/// Words that head an organisation's name.
const ORG_HEADS: &[&str] = &[
    "bank",
    "banque",
    "ministry",
    "ministère",
    "council",
    "conseil",
    "federation",
    "fédération",
    "union",
    "syndicat",
    "party",
    "parti",
    "group",
    "groupe",
    "association",
    "alliance",
    "institute",
    "institut",
    "university",
    "université",
    "company",
    "compagnie",
    "société",
    "corporation",
    "agency",
    "agence",
    "commission",
    "court",
    "cour",
    "tribunal",
    "committee",
    "comité",
    "board",
    "authority",
    "autorité",
    "office",
    "service",
    "trust",
    "foundation",
    "fondation",
    "watch",
    "network",
    "réseau",
    "league",
    "ligue",
    "club",
    "tenants",
    "locataires",
    "coalition",
    "front",
    "movement",
    "mouvement",
    "centre",
    "center",
    "fund",
    "fonds",
    "police",
    "army",
    "armée",
    "government",
    "gouvernement",
    "inc",
    "ltd",
    "plc",
    "sa",
    "airlines",
    "airways",
    "motors",
    "news",
    "times",
    "post",
    "press",
];

impl Cues<'_> {
    /// The first or last word of an organisation's name (`Norges Bank`, `Banque de France`).
    pub fn is_org_head(&self, token: &Token) -> bool {
        ORG_HEADS.contains(&token.lower.as_str())
    }
}

pub fn is_acronym(token: &Token) -> bool {
    let letters = token.text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && token
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}
