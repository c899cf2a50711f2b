//! The scorer on quote pairs: numbers across locales, negation, names, modality,
//! intensity, reversal and added clauses, on faithful and drifted renderings.

use super::*;
use crate::align::windows;
use crate::judge::rule_of;
use crate::lang::Lang;
use crate::quote::QuoteKind;
use crate::text::Document;
use crate::Rule;
use proptest::prelude::*;
use std::sync::OnceLock;

fn res() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(|| Resources::builtin().expect("built-in lexicon loads"))
}

fn an(text: &str, lang: Lang) -> Analyzed {
    let doc = Document::new("x", text, lang);
    analyze(&doc, &doc.paragraphs, res())
}

fn cmp(fr: &str, en: &str) -> Comparison {
    let (t, s) = (an(fr, Lang::Fr), an(en, Lang::En));
    let (tw, sw) = windows(&t, QuoteKind::Full, &s, QuoteKind::Full);
    compare(&t, &s, tw, sw, res(), &Settings::default())
}

fn rules(fr: &str, en: &str) -> Vec<Rule> {
    let mut r: Vec<Rule> = cmp(fr, en).differences.iter().map(rule_of).collect();
    r.sort();
    r.dedup();
    r
}

fn values(text: &str, lang: Lang) -> Vec<f64> {
    an(text, lang).numbers.iter().map(|n| n.value).collect()
}

#[test]
fn digits_follow_each_locale() {
    assert_eq!(parse_digits("2,5", Lang::Fr), Some(2.5));
    assert_eq!(parse_digits("1 200", Lang::Fr), Some(1200.0));
    assert_eq!(parse_digits("1\u{202f}200,75", Lang::Fr), Some(1200.75));
    assert_eq!(parse_digits("1,200", Lang::En), Some(1200.0));
    assert_eq!(parse_digits("1,200.5", Lang::En), Some(1200.5));
    assert_eq!(parse_digits("2.5", Lang::En), Some(2.5));
    assert_eq!(parse_digits("1.200", Lang::Fr), Some(1200.0));
}

#[test]
fn numbers_with_scales_and_words() {
    assert_eq!(values("25 milliards de dollars", Lang::Fr), [25e9]);
    assert_eq!(values("$2.5 billion", Lang::En), [2.5e9]);
    assert_eq!(values("plus de deux douzaines de types", Lang::Fr), [24.0]);
    assert_eq!(values("more than two dozen types", Lang::En), [24.0]);
    assert_eq!(
        values("quatre-vingt-dix-neuf et vingt et un", Lang::Fr),
        [99.0, 21.0]
    );
    assert_eq!(values("two hundred and fifty", Lang::En), [250.0]);
    assert_eq!(values("trois fois", Lang::Fr), [3.0]);
    assert_eq!(values("twice", Lang::En), [2.0]);
    assert_eq!(values("sa guerre de 16 mois", Lang::Fr), [16.0]);
    assert_eq!(values("its 16-month war", Lang::En), [16.0]);
    assert_eq!(values("45 %", Lang::Fr), [45.0]);
    assert_eq!(values("World War II", Lang::En), [2.0]);
}

#[test]
fn equivalent_forms_of_a_number_agree() {
    let same = |fr: &str, en: &str| rules(fr, en).iter().all(|r| *r != Rule::NumberMismatch);
    assert!(same(
        "Nous attendons depuis trois semaines.",
        "We have waited for 21 days."
    ));
    assert!(same(
        "Neuf habitants sur dix, soit 90 %, sont partis.",
        "Nine out of ten residents, or 90%, left."
    ));
    assert!(same(
        "Les ventes ont triplé en un quart de siècle.",
        "Sales have tripled in 25 years."
    ));
    assert!(same("Les deux pays ont signé.", "Both countries signed."));
    assert!(same("Cela fait un siècle.", "It has been a century."));
    assert!(!same(
        "Nous attendons depuis trois semaines.",
        "We have waited for 12 days."
    ));
}

#[test]
fn articles_and_vague_plurals_are_not_counts() {
    assert!(
        values("un pays puissant et une fois", Lang::Fr).is_empty()
            || values("un pays puissant et une fois", Lang::Fr) == [1.0]
    );
    assert!(values("a powerful country, one of many", Lang::En).is_empty());
    assert!(values("des millions de personnes", Lang::Fr).is_empty());
    assert!(values("thousands of people", Lang::En).is_empty());
    assert_eq!(values("un million de personnes", Lang::Fr), [1e6]);
}

#[test]
fn months_weekdays_and_times() {
    let fr = an("fin avril, lundi à 15 h 30", Lang::Fr);
    let en = an("end of April, on Monday at 3.30pm", Lang::En);
    let show = |a: &Analyzed| {
        a.numbers
            .iter()
            .map(|n| (n.class, n.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        show(&fr),
        [
            (NumClass::Month, 4.0),
            (NumClass::Weekday, 1.0),
            (NumClass::Time, 930.0)
        ]
    );
    assert_eq!(show(&fr), show(&en));
    assert!(
        values("He may resign", Lang::En).is_empty(),
        "the modal is not the month"
    );
    assert_eq!(values("in May 2024", Lang::En), [5.0, 2024.0]);
}

#[test]
fn negation_groups() {
    let count = |t: &str, l: Lang| an(t, l).negations.len();
    assert_eq!(count("Je n'ai jamais rien dit", Lang::Fr), 1);
    assert_eq!(
        count("Il ne reste que trois jours", Lang::Fr),
        0,
        "ne … que is `only`"
    );
    assert_eq!(count("avant qu'il ne parte", Lang::Fr), 0, "expletive ne");
    assert_eq!(
        count("Personne ne sait, et sans lui, rien ne bouge", Lang::Fr),
        3
    );
    assert_eq!(count("plus que jamais", Lang::Fr), 0);
    assert_eq!(count("sans doute", Lang::Fr), 0);
    assert_eq!(count("We don't know and we never will", Lang::En), 2);
    assert_eq!(count("We cannot, without help", Lang::En), 2);
    assert_eq!(count("No doubt it works", Lang::En), 0);
}

#[test]
fn faithful_translations_raise_nothing() {
    let pairs = [
        ("La justice est sûre de gagner, et le peuple russe continuera d'ajouter de la gloire à l'histoire de la victoire", "Justice is sure to win, and the Russian people will continue to add glory to the history of victory"),
        ("Nous avons perdu 300 emplois l'an dernier.", "We lost 300 jobs last year."),
        ("Le président Macron a déclaré qu'il ne démissionnerait pas.", "President Macron said he would not resign."),
        ("Les prix ont augmenté de 5 % en janvier.", "Prices rose 5% in January."),
        ("Je n'ai jamais menti aux Français", "I have never lied to the French people"),
    ];
    for (fr, en) in pairs {
        let c = cmp(fr, en);
        assert!(c.differences.is_empty(), "{fr} / {en}: {:?}", c.differences);
        assert!(c.similarity > 0.6, "{fr}: {}", c.similarity);
    }
}

#[test]
fn one_changed_fact_is_caught() {
    let base = "We lost 300 jobs last year.";
    assert_eq!(
        rules("Nous avons perdu 3 000 emplois l'an dernier.", base),
        [Rule::NumberMismatch]
    );
    assert_eq!(
        rules(
            "Nous avons perdu 300 emplois en mars.",
            "We lost 300 jobs in April."
        ),
        [Rule::NumberMismatch]
    );
    assert_eq!(
        rules(
            "Le président a déclaré qu'il démissionnerait.",
            "The president said he would not resign."
        ),
        [Rule::NegationMismatch]
    );
    assert_eq!(
        rules(
            "Les prix ont baissé de 5 % en janvier.",
            "Prices rose 5% in January."
        ),
        [Rule::NegationMismatch]
    );
    assert_eq!(
        rules("La Russie enverra des armes.", "Ukraine will send weapons."),
        [Rule::NameMismatch]
    );
    assert_eq!(
        rules(
            "Le gouvernement a décidé de reporter le vote.",
            "The government may consider postponing the vote."
        ),
        [Rule::QuoteDrift]
    );
    assert_eq!(
        rules(
            "Je suis furieux de cette décision.",
            "I am concerned about this decision."
        ),
        [Rule::QuoteDrift]
    );
}

#[test]
fn a_short_clause_closing_the_quote_is_an_addition() {
    assert_eq!(
        rules(
            "L'érosion côtière est la plus grande menace qui pèse sur le patrimoine des Orcades, et nous sommes en train de perdre la course contre la montre.",
            "Coastal erosion is the biggest threat to Orkney's heritage."
        ),
        [Rule::QuoteDrift]
    );
    // The same words inside the quote, with rendered words after them, are a rewording.
    let found = rules(
        "Nous avons fait une offre sérieuse, et nous attendons une réponse.",
        "We have made a serious offer and we are waiting for an answer.",
    );
    assert!(!found.contains(&Rule::QuoteDrift), "{found:?}");
}

#[test]
fn a_conditional_that_follows_its_clause_is_no_hedge() {
    // Reported speech after a future perfect: the conditional is the tense, not a hedge.
    let found = rules(
        "Ils auront pensé que cette affaire serait restée entre les murs du ministère.",
        "They will have thought this was being dealt with internally at the ministry.",
    );
    assert!(!found.contains(&Rule::QuoteDrift), "{found:?}");
    // A conditional of its own against a future is one, and the difference names both.
    let c = cmp(
        "Le gouvernement fermerait l'usine en mars.",
        "The government will close the plant in March.",
    );
    let modality = c.differences.iter().find_map(|d| match d {
        Difference::Modality {
            translation,
            source,
        } => Some((translation.clone(), source.clone())),
        _ => None,
    });
    let (t, s) = modality.expect("a modality difference");
    assert_eq!(t[0].0.text, "fermerait");
    assert_eq!(s[0].0.text, "will");
}

#[test]
fn multiword_institutions_are_names() {
    assert_eq!(
        rules(
            "Chaque hausse de prix a été signalée au NHS.",
            "Every price increase was reported to the Department of Health."
        ),
        [Rule::NameMismatch]
    );
    // A country named in two words is a place, not a stand-in for its adjective.
    let found = rules(
        "Il félicite les forces armées américaines pour leur courage.",
        "He commends the United States Armed Forces for their bravery.",
    );
    assert!(!found.contains(&Rule::NameMismatch), "{found:?}");
}

#[test]
fn one_negation_cannot_explain_two() {
    // Each `can't` is near the one `ne … pas`: only one of them may claim it.
    assert_eq!(
        rules(
            "Vous pouvez traiter un problème si vous ne le diagnostiquez pas.",
            "You can't treat a problem if you can't diagnose it."
        ),
        [Rule::NegationMismatch]
    );
    assert_eq!(
        rules(
            "Vous ne pouvez pas traiter un problème si vous ne le diagnostiquez pas.",
            "You can't treat a problem if you can't diagnose it."
        ),
        []
    );
}

#[test]
fn implicit_negatives_stand_in_for_a_negation() {
    for (fr, en) in [
        (
            "Ils ont du mal à accepter que ce soit légal.",
            "They still don't really accept that this is legal.",
        ),
        (
            "Nous demandons aux personnes âgées de rester chez elles l'après-midi.",
            "We are asking older people not to go out in the afternoon.",
        ),
        (
            "Voilà trois ans que nos salaires stagnent.",
            "We have had no pay rise in three years.",
        ),
        (
            "La lenteur des procédures empêche les constructeurs de lancer les chantiers.",
            "Planning delays mean builders can't get on site.",
        ),
    ] {
        let found = rules(fr, en);
        assert!(!found.contains(&Rule::NegationMismatch), "{fr}: {found:?}");
    }
}

#[test]
fn a_negated_word_is_not_reversed_by_its_opposite() {
    let found: Vec<Rule> = rules(
        "Le rassemblement est interdit.",
        "The rally is not permitted.",
    );
    assert!(!found.contains(&Rule::NegationMismatch), "{found:?}");
}

#[test]
fn an_added_clause_is_reported_with_its_words() {
    let c = cmp(
        "Nous gagnerons cette guerre, même si nos alliés européens refusent de livrer des chars.",
        "We will win this war.",
    );
    let added: Vec<&str> = c
        .differences
        .iter()
        .filter_map(|d| {
            if let Difference::Added { words } = d {
                Some(words.text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(added.len(), 1, "{:?}", c.differences);
    assert!(added[0].contains("alliés européens"), "{added:?}");
}

#[test]
fn a_truncated_quote_names_what_was_cut() {
    let c = cmp(
        "Nous gagnerons.",
        "We will win, but only if the allies send us more weapons.",
    );
    let dropped: Vec<&str> = c
        .differences
        .iter()
        .filter_map(|d| {
            if let Difference::Dropped { words } = d {
                Some(words.text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(dropped.len(), 1, "{:?}", c.differences);
    assert!(dropped[0].contains("allies"), "{dropped:?}");
}

#[test]
fn unrelated_quotes_score_low() {
    let c = cmp(
        "La justice est sûre de gagner.",
        "The weather in Paris was sunny on Tuesday.",
    );
    assert!(c.similarity < 0.2, "{}", c.similarity);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn similarity_is_in_unit_range_and_identity_scores_one(words in prop::collection::vec("[a-zA-Zéè]{2,9}", 1..12)) {
        let text = words.join(" ");
        let a = an(&text, Lang::Fr);
        let b = an(&text, Lang::Fr);
        let m = measure(&a, &b, Window::Whole, Window::Whole, res());
        prop_assert!((0.0..=1.0).contains(&m.similarity));
        prop_assert!((m.similarity - 1.0).abs() < 1e-6, "identical text scored {}", m.similarity);
        let other = an("Le ciel est bleu.", Lang::Fr);
        let m = measure(&a, &other, Window::Whole, Window::Whole, res());
        prop_assert!((0.0..=1.0).contains(&m.similarity));
    }
}
