//! Extraction as a whole: conventions, kinds, incises, joined pieces and speakers, plus
//! property tests (spans map back to the text; no input makes extraction panic).

use super::*;
use crate::lang::Lang;
use crate::lexicon::Resources;
use proptest::prelude::*;
use std::sync::OnceLock;

fn res() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(|| Resources::builtin().expect("built-in lexicon loads"))
}

fn extract(text: &str, lang: Lang) -> Vec<Quote> {
    let doc = Document::new("t", text, lang);
    extract_quotes(&doc, "t", res()).quotes
}

fn texts(text: &str, lang: Lang) -> Vec<String> {
    extract(text, lang).into_iter().map(|q| q.text).collect()
}

fn speaker(q: &Quote) -> String {
    q.speaker
        .as_ref()
        .map(|s| {
            if s.via == SpeakerVia::Pronoun {
                s.normalized.clone()
            } else {
                s.text.clone()
            }
        })
        .unwrap_or_default()
}

#[test]
fn french_conventions() {
    let text = "Il a promis le « plein soutien » de son régime.\n\n\"Nous verrons\", a-t-il dit. Et “demain” aussi.";
    assert_eq!(
        texts(text, Lang::Fr),
        ["plein soutien", "Nous verrons", "demain"]
    );
}

#[test]
fn english_conventions() {
    let text =
        "“We’re ready,” Kim said. 'It's over,' said Lee. He called it \"a farce\" and ‘a circus’.";
    assert_eq!(
        texts(text, Lang::En),
        ["We’re ready,", "It's over,", "a farce", "a circus"]
    );
}

#[test]
fn kinds_follow_the_sentence() {
    let quotes = extract(
        "Kim a juré de « tenir la main » de Poutine. La Russie s'est tournée vers des pays «voyous». « La justice est sûre de gagner », a déclaré Kim.",
        Lang::Fr,
    );
    let kinds: Vec<QuoteKind> = quotes.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [QuoteKind::Partial, QuoteKind::Scare, QuoteKind::Full]
    );
}

#[test]
fn incises_are_cut_out_of_the_quote() {
    let quotes = extract(
        "« Nous partons, a-t-il dit, mais nous reviendrons », a ajouté M. Dupont.",
        Lang::Fr,
    );
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "Nous partons mais nous reviendrons");
    assert_eq!(quotes[0].parts.len(), 2);
    let quotes = extract("« Nous ne montrons personne du doigt, a assuré Mme Lehtonen, mais nous ne sommes pas naïfs. »", Lang::Fr);
    assert_eq!(
        quotes[0].text,
        "Nous ne montrons personne du doigt mais nous ne sommes pas naïfs."
    );
    assert_eq!(speaker(&quotes[0]), "Mme Lehtonen");
}

#[test]
fn a_comma_inside_a_quote_is_not_an_incise() {
    let quotes = extract(
        "« Nous partons, et vite, car le temps presse », a dit Kim.",
        Lang::Fr,
    );
    assert_eq!(quotes[0].text, "Nous partons, et vite, car le temps presse");
}

#[test]
fn english_split_attribution_joins_the_pieces() {
    let quotes = extract(
        "“We are not pointing the finger at anyone,” Lehtonen said, “but we are not naive.”",
        Lang::En,
    );
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quotes[0].text,
        "We are not pointing the finger at anyone, but we are not naive."
    );
    assert_eq!(speaker(&quotes[0]), "Lehtonen");
}

#[test]
fn multi_paragraph_quotes_are_one_quote() {
    let quotes = extract(
        "Selon elle, « la mer est vulnérable.\n\n« Mais nous regarderons. »\n\nFin.",
        Lang::Fr,
    );
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quotes[0].text,
        "la mer est vulnérable. Mais nous regarderons."
    );
    assert_eq!(quotes[0].parts.len(), 2);
}

#[test]
fn speakers_in_french() {
    let text = "« La justice est sûre de gagner », a déclaré Kim dans un message.\n\n\
                Kim, qui a rencontré Poutine en 2019, a appelé à une « coopération stratégique plus étroite ».\n\n\
                Selon John Kirby, « la Russie recevrait des armes ».\n\n\
                « Nous ne reculerons pas », a-t-il ajouté.";
    let quotes = extract(text, Lang::Fr);
    let who: Vec<String> = quotes.iter().map(speaker).collect();
    assert_eq!(who, ["Kim", "Kim", "John Kirby", "john kirby"]);
    assert_eq!(quotes[3].speaker.as_ref().unwrap().text, "il");
}

#[test]
fn speakers_in_english() {
    let text = "“Justice is sure to win,” Kim said.\n\n\
                According to John Kirby, “Russia would receive weapons.”\n\n\
                “We will not retreat,” he told reporters.\n\n\
                “It is over,” said Finnish Defence Minister Aino Lehtonen.";
    let who: Vec<String> = extract(text, Lang::En).iter().map(speaker).collect();
    assert_eq!(who, ["Kim", "John Kirby", "john kirby", "Aino Lehtonen"]);
}

#[test]
fn a_quote_standing_alone_takes_the_speaker_of_the_sentence_before() {
    let text = "Political scientist Inês Farinha spoke after midnight.\n\n\
                Farinha said the arithmetic would leave the next government fragile. \
                “Cardoso will need at least two partners to govern.”";
    let who: Vec<String> = extract(text, Lang::En).iter().map(speaker).collect();
    assert_eq!(who, ["Farinha"]);
    // A sentence that reports nothing lends no speaker.
    let text = "The vote ended late. “Cardoso will need at least two partners to govern.”";
    let who: Vec<String> = extract(text, Lang::En).iter().map(speaker).collect();
    assert_eq!(who, [""]);
}

#[test]
fn places_and_institutions_in_an_apposition_are_not_speakers() {
    let text = "Captain Ola Berg, calling from Tromsø, rejected the claim. \
                “We were fishing legally all night.”";
    let who: Vec<String> = extract(text, Lang::En).iter().map(speaker).collect();
    assert_eq!(who, ["Ola Berg"]);
    let text = "Nadia Dumas, chercheuse à l’institut de Grenoble, a averti les élus. \
                « Un seul relevé ne prouve rien. »";
    let who: Vec<String> = extract(text, Lang::Fr).iter().map(speaker).collect();
    assert_eq!(who, ["Nadia Dumas"]);
}

#[test]
fn a_surname_already_named_is_a_name_at_the_start_of_a_sentence() {
    let text = "Former mayor Richard Kessler was convicted on Tuesday. \
                Mayor Ana Reyes said the city would appeal.\n\n\
                Kessler, who served three terms, showed no emotion. \
                “I served this city for twenty years,” he said.";
    let who: Vec<String> = extract(text, Lang::En).iter().map(speaker).collect();
    assert_eq!(who, ["kessler"]);
}

#[test]
fn names_keep_their_particles_and_markdown_is_harmless() {
    let fr = extract("> « Nous ne laisserons pas tomber nos partenaires », a déclaré *Ursula von der Leyen* devant les députés.", Lang::Fr);
    assert_eq!(speaker(&fr[0]), "Ursula von der Leyen");
    let en = extract(
        "> \"We will not let our partners down,\" *Ursula von der Leyen* told lawmakers.",
        Lang::En,
    );
    assert_eq!(speaker(&en[0]), "Ursula von der Leyen");
    assert_eq!(fr[0].kind, QuoteKind::Full);
}

#[test]
fn known_people_normalize_across_languages() {
    let fr = extract("« Nous gagnerons », a déclaré Poutine.", Lang::Fr);
    let en = extract("“We will win,” Putin said.", Lang::En);
    assert_eq!(
        fr[0].speaker.as_ref().unwrap().normalized,
        en[0].speaker.as_ref().unwrap().normalized
    );
}

#[test]
fn unbalanced_marks_are_reported_not_fatal() {
    let doc = Document::new(
        "t",
        "Il a dit « nous partons.\n\nAutre chose » ici.",
        Lang::Fr,
    );
    let e = extract_quotes(&doc, "t", res());
    assert_eq!(e.imbalances.len(), 2);
    assert!(e.quotes.iter().any(|q| q.unbalanced));
}

#[test]
fn ids_lines_and_columns() {
    let quotes = extract("Titre\n\nIl a dit « oui » puis « non ».", Lang::Fr);
    assert_eq!(quotes[0].id, "t-q1");
    assert_eq!(quotes[1].id, "t-q2");
    assert_eq!((quotes[0].line, quotes[0].column), (3, 12));
    assert_eq!(quotes[0].paragraph, 1);
}

fn quoteish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "«",
        "»",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "‹",
        "›",
        " ",
        "\u{a0}",
        "\u{202f}",
        "\n\n",
        "\n",
        ",",
        ".",
        "a-t-il dit",
        "Kim",
        "l'",
        "aujourd'hui",
        "don't",
        "é",
        "e\u{301}",
        "2,5",
        "said",
        "a déclaré",
        "X",
        "—",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_map_back_and_nothing_panics(text in quoteish(), french in any::<bool>()) {
        let lang = if french { Lang::Fr } else { Lang::En };
        let doc = Document::new("t", text.as_str(), lang);
        let e = extract_quotes(&doc, "t", res());
        for q in &e.quotes {
            let pieces: Vec<&str> = q.parts.iter().map(|&p| &doc.text[p.start..p.end]).collect();
            prop_assert_eq!(pieces.join(" "), q.text.clone());
            if q.parts.len() == 1 {
                prop_assert_eq!(&doc.text[q.span.start..q.span.end], q.text.as_str());
            }
            prop_assert!(q.line >= 1 && q.column >= 1);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", french in any::<bool>()) {
        let lang = if french { Lang::Fr } else { Lang::En };
        let doc = Document::new("t", text.as_str(), lang);
        let _ = extract_quotes(&doc, "t", res());
    }
}
