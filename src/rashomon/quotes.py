"""Who said what: direct and indirect speech, and who a report attributes it to.

``find_quotes`` reads one article's dependency parse (shared with the other stages) and
returns :class:`~rashomon.model.Quote` records:

- direct speech: a quoted passage (straight, curly or guillemet quotes, one or several
  sentences) with an attribution next to it: ``"…," X said`` / ``X said: "…"`` /
  ``X told reporters "…"`` / ``"…", according to X``;
- indirect speech: a cue verb with a subject and a clausal complement (``X said that …``,
  ``X claimed …``, ``…, X said.``) and ``according to X, …``;
- institutional sources come out of the same rules (``Netanyahu's office said``, ``the
  Kremlin reported that``); a document as subject or after ``according to`` (``the
  Kremlin's message says``, ``according to a statement issued by Netanyahu's office``) is
  replaced by its author where the text names one (the inner one's for "the transcript of a
  message shared by X"); "the report" (``According to the report, …``) is whoever the text
  last said reports ("9to5Mac reports that …");
- a headline "Speaker: what they said" (``Graham: Trump's Rhetoric Destroying …``), where the
  speaker is a short name;
- a cue verb's subject is its own, or for a conjunct the first conjunct's (also where the
  parser hangs the conjunct on a subordinate clause: "X held …, as Y is waging …, and accused
  …" -> X); the cue span takes the auxiliaries and adverbs before the verb ("has also said");
- one speech split by its attribution is one attribution, its content running from the first
  part to the last, as the gold data joins it: ``"A," X said. "B."`` and ``The plan, he said,
  will fail`` (the span includes the attribution in between);
- two apostrophes serve as a quotation mark where a paragraph has no ``"`` (``''A,'' X said``);
- ``he``/``she`` as speaker is resolved to the nearest preceding PERSON name (outside quoted
  text), or to that sentence's subject when the nearest name sits in its object; otherwise the
  pronoun is kept. A speaker owned by a pronoun ("his office", "her
  spokesman") is shown with the owner resolved the same way ("Netanyahu's office"); a
  relative pronoun ("Senator Price, who said …") is shown as the noun it stands for;
- a verb without a subject of its own takes the one it depends on: "X seemed to indicate …",
  "X followed by saying …" (X), "Y urged X to reject …" (X, the object), "polls showing …";
- the ``quotes`` task writes each source as the text does, the subject's whole phrase with its
  relative clauses and appositions ("Mike Nellis, who served as …") or "who", as PolNeAR's
  annotators did; the event report shows the short speaker ("Mike Nellis").

Precision comes before recall: an attribution needs a cue word, a speaker the parse links
to it, and content the parse links to it. The cue words are learned from the gold cues of
the PolNeAR dev split (``learn_cue_words``, recipe below) rather than written by hand.

``find_quotes`` (the event report) shows the rules' finds and those learned finds whose
speaker is a name or a personal pronoun and whose cue word is an attested attribution cue (see
``REPORT_MIN_RATE``): the classifier's recall-minded finds ("Hamas attacked Israel on
Saturday") stay out of the report and only count for the ``quotes`` task.

Offsets: every span is found in ``Article.text`` and reported through ``Article.locate``,
so ``article.base[q.start:q.end] == q.content`` (and likewise for speaker and cue, where
their offsets are given; for a resolved pronoun the speaker offsets point at the name the
pronoun was resolved to; for "his office" they point at "his office", and the speaker string
reads "Netanyahu's office").

``predict_quotes`` and ``score_quotes`` implement the ``quotes`` task of ``EVAL.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Iterable, Iterator, Sequence

from .claims import lead_end
from .model import Article, Quote
from .nlp import CLOSING_MARKS, FINITE_TAGS, PERSON_NOUNS, family_name, full_name, is_person, without_possessive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# --------------------------------------------------------------------------------------------
# Cue words.
#
# Learned by ``learn_cue_words`` from ../shared/eval/quotes_polnear_dev.jsonl: every
# single-word gold cue seen at least 5 times, kept when this module's rules, run with all the
# candidates, produce at least 5 attributions with it on the dev split and at least half of
# them match a gold content (token Jaccard >= 0.5). A word is only a cue where the parser
# tags it as a verb. Regenerate with:
#
#     python -c "import json; from rashomon.quotes import learn_cue_words; \
#         rows=[json.loads(l) for l in open('../shared/eval/quotes_polnear_dev.jsonl')]; \
#         print(sorted(learn_cue_words(rows)))"
#
# Surface forms, lowercased (the shared pipeline runs without a lemmatizer).
CUE_WORDS: frozenset[str] = frozenset(
    """
    acknowledge acknowledged acknowledging added adding adds admits admitted agree agreed
    alleged announced appears argue argued argues arguing ask asked asking asks asserted
    assured attacking believes boasted called calling calls chanted chanting cited claim
    claimed claiming claims complained conceded concedes concluded concludes confirmed
    considered considers continued continues declared declaring denied described describes
    determined discussed echoed emphasized estimated estimates expected expects explained
    explaining explains fear fears features finds found hope hoped hopes hoping implied
    indicate indicated indicates insist insisted insisting insists joked knocked knows
    learned mocks note noted notes noting posted predicted promised published put
    questioned questioning read reads recalled reiterated remarked replied reported
    reports responded revealed reveals ruled said say saying says sees shouted show showed
    showing shows stated states stating suggest suggested suggesting suggests telling
    tells thinks told tweeted urged wanted wants warned warning wondered worried writes
    wrote
    """.split()
)

# "X expressed his concern / readiness / gratitude ...": how news reports a stated position
# without a speech verb. Only with one of these nouns as the object ("expressed a wish" yes,
# "expressed the protein" no).
STANCE_VERBS: frozenset[str] = frozenset({"expressed", "expresses", "voiced", "voices"})
STANCE_NOUNS: frozenset[str] = frozenset(
    """
    anger appreciation concern concerns condolences confidence disappointment disagreement
    dissatisfaction doubt doubts frustration gratitude hope hopes interest opposition optimism
    outrage readiness regret reservations satisfaction shock skepticism scepticism solidarity
    support sympathy thanks willingness wish worries worry
    """.split()
)

# A document or statement as the grammatical speaker: its author is the real source.
DOC_NOUNS: frozenset[str] = frozenset(
    """
    statement statements message messages account report reports readout release communique
    communiqué announcement letter post tweet filing transcript memo note notice website
    """.split()
)

PRONOUNS_TO_RESOLVE = frozenset({"he", "she"})
#: pronouns that stand for a speaker ("both", "this", "each" do not name one)
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
#: speakers that tell a reader of the report nothing about who is heard: an unresolved "it" (a
#: law, a report, a body named sentences before: "It also considers …"), a question's "who"
#: ("Who has ever called a man 'The King of Rage?'", inside someone's quotation) or a relative
#: pronoun left unresolved
_NO_SPEAKER = frozenset({"it", "this", "that", "who", "whom", "whoever", "what", "which"})
#: "the latter" as a speaker: the person named last before it, like a pronoun
LATTER = "latter"
#: a person named by age alone, perhaps with a word on their mood ("The distraught
#: 29-year-old"); with a noun after it ("The 50-year-old man") it may be someone new
_AGE_ONLY = re.compile(r"the (?:[a-z]+ )?\d{1,3}-year-old", re.IGNORECASE)
RELATIVE = frozenset({"who", "which", "that", "whom"})
_WORD = re.compile(r"\w+")
_EDGE = "\"'“”‘’«»„‚`()[]{},;:.-–—―… \t\n"
MAX_SPEAKER_TOKENS = 14


# --------------------------------------------------------------------------------------------
# Records used inside the module.


@dataclass
class _Attribution:
    """One attribution in ``Article.text`` coordinates (character offsets)."""

    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    resolved: tuple[int, int] | None = None  # antecedent of a pronoun speaker
    learned: bool = False  # added by the cue classifier, not by a rule
    named: bool = True  # the speaker is a named entity or a pronoun
    attested: bool = True  # the cue word is an attested attribution cue (see REPORT_MIN_RATE)
    wide: tuple[int, int] | None = None  # a learned find's content before trimming (for labels)
    owner: tuple[int, int] | None = None  # whose "his office" / "her spokesman" the speaker is
    written: tuple[int, int] | None = None  # the source as the sentence writes it, see _written


# --------------------------------------------------------------------------------------------
# Quotation marks in the text.


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quoted passages of ``text`` as ``(open, close)`` indices of the marks.

    Works paragraph by paragraph (a passage never crosses a blank line); an unclosed mark is
    dropped. Curly quotes and guillemets pair by shape, straight double quotes pair in turn,
    single curly quotes only where they cannot be apostrophes.
    """
    spans: list[tuple[int, int]] = []
    for pos, para in _paragraphs(text):
        if "''" in para and '"' not in para:
            # two apostrophes as a quotation mark (''Like this,'' she said): the first of the
            # pair stands for the mark, the second is trimmed with the content's edges
            para = para.replace("''", "\"'")
        spans.extend((a + pos, b + pos) for a, b in _para_quotes(_single_marks_as_curly(para)))
    return spans


def _single_marks_as_curly(para: str) -> str:
    """A paragraph that quotes in straight single marks, as British papers do ("Eyewitness
    Ludmila Hristoforova said: 'The creature was big …'"), with those marks in their curly
    shapes, which :func:`_para_quotes` pairs: a mark at the start of a word opens, every
    other one is an apostrophe or closes ("we've" stays a word). Only where the paragraph
    has no double marks: there a single mark is an apostrophe or a quotation inside one."""
    if "'" not in para or any(mark in para for mark in '"“”„«»'):
        return para
    chars = list(para)
    for i, ch in enumerate(chars):
        if ch != "'":
            continue
        before = para[i - 1] if i else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        opens = (before.isspace() or before in "([—–-") and (after.isalpha() or after in "‘“")
        chars[i] = "‘" if opens else "’"
    # one word between the marks is an elision, not a quotation: "rock 'n' roll"; read from
    # the end, so each opener sees whether a space comes before the next closer in one pass
    space_before_close = True  # no closer after this point: nothing to pair, leave it be
    for i in range(len(chars) - 1, -1, -1):
        ch = chars[i]
        if ch == "’" and (i + 1 == len(chars) or not chars[i + 1].isalnum()):
            space_before_close = False
        elif ch.isspace():
            space_before_close = True
        elif ch == "‘" and not space_before_close:
            chars[i] = "’"
    return "".join(chars)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """The blank-line paragraphs of ``text``, each with its offset."""
    out, pos = [], 0
    for para in text.split("\n\n"):
        out.append((pos, para))
        pos += len(para) + 2
    return out


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """Everything ``text`` gives in someone else's voice, as ``(open, close)`` mark indices:
    :func:`quote_spans`, plus a quotation that runs over several paragraphs. By the news
    convention such a quotation opens every paragraph with a mark and closes only the last
    ("This is a unique, exclusive private island … ¶ "Also on the island is …"); some writers
    open only the first and close the last ("demanding that the “Mueller report must be made
    public. ¶ Not just a letter … ¶ The President works for the people, and he is not above
    the law.”"). Either way the words from the mark left open to the closing mark are quoted.
    Framing and the summary read this (a loaded word there is the speaker's, not the
    outlet's); the quote finder reads the same quotations for the event report (``_extract``
    with ``run_on``) and keeps to :func:`quote_spans` for the task rows."""
    return sorted(quote_spans(text) + [piece for run in _run_on_quotations(text) for piece in run])


def _run_on_quotations(text: str) -> list[list[tuple[int, int]]]:
    """The quotations :func:`quote_spans` leaves out because they run over several
    paragraphs, each as its pieces, one per paragraph, in order: the first from its opening
    mark to the paragraph's end; a paragraph with no mark of its own, whole; the last from
    the paragraph's start to its closing mark. Under the news convention (the next paragraph
    opens with a mark of its own) the quotation's first piece is all there is: the next
    paragraph is a passage of its own."""
    runs: list[list[tuple[int, int]]] = []
    paras = [(start, _single_marks_as_double(para)) for start, para in _paragraphs(text)]
    for n, (start, para) in enumerate(paras):
        opened = _left_open(para)
        if opened is None:
            continue
        first = (start + opened, start + len(para.rstrip()))
        run = []  # paragraphs with no mark of their own, inside the quotation if a later one closes it
        for nxt_start, nxt in paras[n + 1 : n + 1 + _RUN_ON_PARAGRAPHS]:
            if nxt.lstrip()[:1] in ('"', "“"):  # the convention: the next paragraph opens with a mark
                runs.append([first])
                break
            close = _run_on_close(nxt)
            if close is not None:
                runs.append([first, *((a, a + len(p.rstrip())) for a, p in run), (nxt_start, nxt_start + close)])
                break
            if any(mark in nxt for mark in '"“”'):
                break  # marks of its own: not the same quotation
            run.append((nxt_start, nxt))
    return runs


def _single_marks_as_double(para: str) -> str:
    """A paragraph that quotes in single marks (British papers: "Homeowner Andrei Kazarian
    said: 'I heard footsteps … ¶ 'Although we didn't see anyone …") with its quotation marks
    in the double curly shapes the run-on reader knows, character for character: the marks
    :func:`_single_marks_as_curly` pairs, an opening mark left open, and a closing one after
    a stop that closes a quotation opened paragraphs before ("… down that much.’"). An
    apostrophe stays as it is; a paragraph with double marks, or none, comes back unchanged."""
    curly = _single_marks_as_curly(para)
    if ("‘" not in curly and "’" not in curly) or any(mark in para for mark in '"“”„«»'):
        return para
    chars = list(curly)
    for a, b in _para_quotes(curly):
        chars[a], chars[b] = "“", "”"
    for i, ch in enumerate(chars):
        if ch == "‘":
            chars[i] = "“"
        elif ch == "’" and i and para[i - 1] in ".!?,…" and (i + 1 == len(chars) or not chars[i + 1].isalnum()):
            chars[i] = "”"
    return "".join(chars)


def _run_on_pieces(text: str) -> list[list[tuple[int, int]]]:
    """The pieces of :func:`_run_on_quotations` as the quote finder reads passages: from the
    character before the words (the opening mark, or the line break before a paragraph that
    has none) to the closing mark or the paragraph's end."""
    return [[(a if text[a] in "\"“'‘" else a - 1, b) for a, b in run] for run in _run_on_quotations(text)]


def _chains(text: str, quotes: list[tuple[int, int]], runs: list[list[tuple[int, int]]]) -> list[list[int]]:
    """The passages (indices into ``quotes``) that make up one quotation over several
    paragraphs: the pieces of a run, and under the news convention (a quotation's paragraphs
    each open with a mark, only the last closes) the next paragraph's passage after a piece
    left open. Only line breaks lie between two members."""
    open_ended = {piece for run in runs for piece in (run if len(run) == 1 else run[:-1])}
    chains: list[list[int]] = []
    for k, passage in enumerate(quotes):
        # every passage joins the last chain or opens one, so passage k - 1 ends the last chain
        if k and quotes[k - 1] in open_ended and not text[quotes[k - 1][1] : passage[0] + 1].strip(" \n\"“'‘"):
            chains[-1].append(k)
        else:
            chains.append([k])
    return [c for c in chains if len(c) > 1]


def _heard_through(
    text: str, bounds: list[tuple[int, int]], chains: list[list[tuple[int, int]]], found: list[_Attribution]
) -> list[_Attribution]:
    """The pieces of each quotation over several paragraphs (``chains``, each its passages)
    that no cue heard, heard through the attribution nearest them of a piece that has one,
    the one after first (a cue most often closes the quotation): the same speaker and cue. A
    cue inside the quotation's own words is the speaker's telling, not the outlet's."""
    out = []
    for passages in chains:
        heard: dict[int, _Attribution] = {}
        for att in found:
            inside = [x for x, (qo, qc) in enumerate(passages) if qo < att.content[0] and att.content[1] <= qc]
            if inside and not any(qo <= att.cue[0] < qc for qo, qc in passages):
                heard.setdefault(inside[0], att)
        for x, (qo, qc) in enumerate(passages):
            if x in heard or not heard:
                continue
            by = heard[min((h for h in heard if h > x), default=max(heard))]
            cs, ce = _clip(bounds, *_trim_content(text, qo + 1, qc))
            if ce > cs and _words(text[cs:ce]) >= 2:
                out.append(replace(by, content=(cs, ce), kind="direct"))
    return out


#: how many paragraphs a quotation opened and never closed may run over before its closing
#: mark: a stray mark must not put the paragraphs after it in someone's mouth. Eight, not
#: three: a page that sets each sentence on a line of its own (BASIL's texts, pasted copy)
#: gives a spoken statement five to seven "paragraphs" (Ginsburg's CNN remarks in Fox,
#: Griffin's apology in the NYT, Warner's statement in HuffPost); across the 48 golds the
#: longer reach finds only such statements
_RUN_ON_PARAGRAPHS = 8


def _left_open(para: str) -> int | None:
    """Where a paragraph opens a double quotation mark that nothing after it closes, if it
    does. A straight mark after a word or a stop closes ('… raises questions."'), and
    one of either shape may close one of the other ('"Southern Israel does not have any
    dams … Israel,” COGAT said'), as hand-typed pages mix them."""
    inside = _para_quotes(para)
    for i, ch in enumerate(para):
        if ch not in ('"', "“") or any(a <= i <= b for a, b in inside):
            continue
        if ch == '"' and i > 0 and not para[i - 1].isspace() and para[i - 1] not in "([—–-":
            continue  # in a closing position: the end of a quotation opened before
        if _run_on_close(para[i + 1 :]) is None and "”" not in para[i + 1 :]:
            return i
        return None
    return None


def _run_on_close(para: str) -> int | None:
    """Where a paragraph closes a quotation opened in one before, when it does so without a
    mark of its own opening it: the index of a closing mark before any opening one (a
    straight one after a word, as in 'our democracy depends on it."')."""
    for i, ch in enumerate(para):
        if ch == "“":
            return None
        if ch == "”" or (ch == '"' and i > 0 and not para[i - 1].isspace() and (i + 1 == len(para) or not para[i + 1].isalnum())):
            return i
        if ch == '"':
            return None
    return None


def _para_quotes(para: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    i = 0
    n = len(para)
    while i < n:
        ch = para[i]
        if open_at is None:
            if ch in CLOSING_MARKS:
                open_at, closer = i, CLOSING_MARKS[ch]
            elif ch == '"':
                open_at, closer = i, '"'
            elif ch == "‘" and (i == 0 or not para[i - 1].isalnum()) and i + 1 < n and not para[i + 1].isspace():
                open_at, closer = i, "’"
        else:
            mixed = closer == "”" and ch == '"' and "”" not in para[i + 1 :]  # “…" typed by hand
            if (ch == closer or mixed) and (closer != "’" or i + 1 >= n or not para[i + 1].isalnum()):
                if i > open_at + 1:
                    found.append((open_at, i))
                open_at = None
            elif closer == "”" and ch == "“":  # a new opening: the earlier one was never closed
                open_at = i
            elif closer == "’" and ch in '“"':  # an apostrophe-like opener; give it up
                open_at, closer = i, CLOSING_MARKS.get(ch, '"')
        i += 1
    return found


# --------------------------------------------------------------------------------------------
# Parse helpers.


def _is_cue(tok: "Token", cues: frozenset[str]) -> bool:
    """A verb of saying. "Said" capitalised inside a prose sentence, before another
    capitalised word, is a given name ("Brigadier General Said Al-Saudi"); in a title-case
    headline ("Trump Said Mexico Would Pay") it stays a verb."""
    if tok.lower_ not in cues or not tok.tag_.startswith("VB"):
        return False
    if tok.text != "Said" or tok.is_sent_start or tok.i + 1 >= len(tok.doc) or not tok.doc[tok.i + 1].text[:1].isupper():
        return True
    return sum(t.text[:1].islower() for t in tok.sent if t.is_alpha) < 3


def _subject(verb: "Token", depth: int = 0) -> "Token | None":
    """The speaker token of a cue verb: its subject, or one it shares with the verb it hangs on."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if any(c.tag_ == "POS" for c in child.children):
                return None  # "Netanyahu's expressed dissatisfaction": a possessor, misparsed
            return _named_after(child) or child
        if child.dep_ in ("nsubjpass", "expl", "csubj"):
            return None
    if depth >= 2:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        # "X held …, as Y is waging …, and accused …": the parser hangs the conjunct on the
        # subordinate clause's verb; it belongs to the main verb whose form it shares
        up = head.head
        if (
            head.dep_ in _SUBORDINATE
            and _form(head) != _form(verb)
            and up.pos_ in ("VERB", "AUX")
            and _form(up) == _form(verb)
        ):
            return _subject(up, depth + 1)
        return _subject(head, depth + 1)
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return _subject(head, depth + 1)  # "…, saying that …" / "…, adding …"
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        # "X seemed to indicate …" is X's; "Y urged X to reject …" is X's (the object)
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        return obj if obj is not None else _subject(head, depth + 1)
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head, depth + 1)  # "X is unlikely to give …"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head, depth + 1)  # "X followed that by saying …"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return head  # "polls showing …", "a cover saying …"
    return None


_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "ccomp"})


def _antecedent(subj: "Token") -> "Token | None":
    """The noun a relative pronoun subject stands for ("officials, who said …" -> officials).

    The speaker is written as "who" (so the task output gives "who", as the gold data does);
    the report shows the antecedent, as it shows the name a "he" stands for."""
    if subj.lower_ in RELATIVE and subj.dep_ == "nsubj" and subj.head.dep_ == "relcl":
        return subj.head.head
    return None


_NAMING = frozenset({"named", "called", "identified", "known", "dubbed"})


def _named(noun: "Token") -> "Token | None":
    """The name a described speaker is given in the sentence ("another agent named Kelly",
    "One Comcast representative, identified only as Kelly", "an official known as Abu Ali"):
    the report shows the name, as it shows the name a "he" stands for."""
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lower_ not in _NAMING:
            continue
        for c in acl.children:
            if c.dep_ in ("oprd", "attr"):  # "named Kelly"
                name = c
            elif c.lower_ == "as":  # "identified only as Kelly"
                name = next((p for p in c.children if p.dep_ == "pobj"), None)
            else:
                continue
            if name is not None and name.ent_type_ == "PERSON":
                return name
    return None


def _form(verb: "Token") -> str:
    """A verb's finite form: its own tag, or its first auxiliary's ("is waging" -> VBZ)."""
    aux = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), None)
    return (aux or verb).tag_


_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})


def _cue_tokens(tok: "Token") -> tuple[int, int]:
    """Token range of a cue verb with the auxiliaries, negation and adverbs right before it
    that hang on it ("has said", "did not say", "also said"), or on such an adverb ("thus far
    suggests"), as the gold cues are written."""
    i = tok.i
    doc = tok.doc
    while i - 1 >= 0 and i <= doc[i - 1].head.i <= tok.i and doc[i - 1].dep_ in _CUE_LEFT:
        i -= 1
    return i, tok.i + 1


_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "cc", "conj", "parataxis", "ccomp"})


def _np_span(head: "Token") -> tuple[int, int]:
    """Token range ``[i, j)`` of a noun phrase: the head's subtree less clauses hanging on it.

    A word the tokenizer split at its hyphen ("ex-pat", "co-founder") is one head: the parse
    hangs the rest of the phrase on any of its pieces ("The co-founder of the firm, Ann Lee,
    told": "of the firm" on "founder"), and "One South Korean ex" alone is no one."""
    doc = head.doc
    roots = {head.i}
    k = head.i
    while k + 2 < len(doc) and _hyphen_joined(doc[k], doc[k + 1], doc[k + 2]):
        roots |= {k + 1, k + 2}
        k += 2
    k = head.i
    while k - 2 >= 0 and _hyphen_joined(doc[k - 2], doc[k - 1], doc[k]):
        roots |= {k - 2, k - 1}
        k -= 2
    keep = set(roots)
    stack = [doc[r] for r in roots]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i in keep:
                continue
            if tok.i in roots and child.dep_ in _CUT_DEPS:
                continue
            if tok.i in roots and child.dep_ == "appos" and child.like_num and not list(child.children):
                continue  # an age ("Mr. Jackson, 47, said") is no part of who speaks
            if child.dep_ in ("relcl", "acl") and tok.i not in roots:
                continue
            keep.add(child.i)
            stack.append(child)
    # the contiguous block around the head
    i = j = head.i
    while i - 1 in keep:
        i -= 1
    while j + 1 in keep:
        j += 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j].is_punct or doc[j].is_space) and not _closes(doc, i, j):
        j -= 1
    if j > head.i and doc[j].lower_ in _FLOATING:
        j -= 1  # "major corporations like Apple and American Airlines all wrote": not "… all"
    if j - i + 1 > MAX_SPEAKER_TOKENS:  # too long to show: the head and what precedes it
        i = max(i, head.i - MAX_SPEAKER_TOKENS + 1)
        j = head.i
    return i, j + 1


#: a word set after a plural subject that counts it and names no one ("the senators both said")
_FLOATING = frozenset({"all", "both", "each"})


def _closes(doc: "Doc", i: int, j: int) -> bool:
    """Whether token ``j`` closes a bracket opened inside ``[i, j)``: "Jan Brewer (R)" keeps
    its ")"."""
    opener = {")": "(", "]": "["}.get(doc[j].text)
    return opener is not None and any(t.text == opener for t in doc[i:j])


def _states_something(clause: "Token") -> bool:
    """Whether a clause before its cue can be what was said ("The plan will fail, he said",
    "Keep the tax in place, it recommended"). Not a prepositional phrase with a verb and no
    subject: "In a letter … posted on her website, Ms. Davis recalled …" is the setting the
    parse hung on the cue as a clause, not words said."""
    return clause.left_edge.dep_ != "prep" or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children
    )


def _misread_relative(verb: "Token", comp: "Token") -> bool:
    """Whether a clause the parse hangs on a cue verb as what was said is a relative clause of
    the verb's object: "Brewer announced her decision to veto legislation on Wednesday that
    would have allowed businesses to …" opens on a relative "that" as its subject, after the
    object, and reports nothing she said."""
    first = comp.left_edge
    return (
        first.tag_ == "WDT" and first.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ in ("dobj", "obj") and c.i < first.i for c in verb.children)
    )


def _hyphen_joined(left: "Token", mark: "Token", right: "Token") -> bool:
    """Whether three tokens are one hyphenated word ("ex", "-", "pat")."""
    return mark.text == "-" and not left.whitespace_ and not mark.whitespace_ and left.is_alpha and right.is_alpha


def _author(head: "Token") -> "Token | None":
    """For a document noun ("statement", "message"), the token naming its author, if stated.
    A document of a document is the inner one's author's: "the leaked transcript of a voice
    message shared by retail chief Angela Ahrendts" is Ahrendts, not "a voice message"."""
    found = _named_author(head)
    if found is not None and found.lower_ in DOC_NOUNS:
        return _author(found) or found
    return found


def _named_author(head: "Token") -> "Token | None":
    """The token a document noun's own phrase gives as its author, if any."""
    if head.lower_ not in DOC_NOUNS:
        return None
    for child in head.children:
        if child.dep_ == "poss":
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
        if child.dep_ == "acl":  # "a statement issued by X"
            for grand in child.children:
                if grand.dep_ == "agent":
                    for g2 in grand.children:
                        if g2.dep_ == "pobj":
                            return g2
    return None


def _poss_np(tok: "Token") -> tuple[int, int]:
    """Span of a possessor ("Netanyahu's office" in "Netanyahu's office's statement"), no clitic."""
    i, j = _np_span(tok)
    doc = tok.doc
    while j - 1 > i and doc[j - 1].tag_ == "POS":
        j -= 1
    return i, j


def _named_after(subj: "Token") -> "Token | None":
    """The person's name that follows a noun subject with no comma, which the parser made a
    second subject of the same verb: "Another homeowner Andrei Kazarian said: …" gave
    "Another homeowner" as the speaker, not Kazarian. So with a name split in two subjects
    ("Eyewitness Ludmila | Hristoforova said"): the last part is the family name."""
    if not (subj.pos_ == "NOUN" or (subj.pos_ == "PROPN" and subj.ent_type_ == "PERSON")):
        return None
    name = next(
        (c for c in subj.head.children if c.dep_ == "nsubj" and c.i > subj.i and c.left_edge.i == subj.i + 1), None
    )
    return name if name is not None and name.ent_type_ == "PERSON" and name.pos_ == "PROPN" else None


def _speaker_span(tok: "Token") -> tuple[int, int]:
    author = _author(tok)
    if author is not None:
        return _poss_np(author) if author.dep_ == "poss" else _np_span(author)
    return _np_span(tok)


def _written(subj: "Token", avoid: tuple[int, int]) -> tuple[int, int] | None:
    """Token range of the source as written: the subject's whole phrase, with its relative
    clauses, appositions and conjuncts ("Mike Nellis, who served as …", "Xi and Putin", "a
    report released by the Brookings Institution"), keeping a bracket it opened ("Sen. Bernie
    Sanders (I-Vt.)"). The report shows the short speaker; the
    ``quotes`` task writes sources this way, as PolNeAR's annotators did. None when the phrase
    would reach into the cue or content (token range ``avoid``)."""
    doc = subj.doc
    i, j = subj.left_edge.i, subj.right_edge.i + 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space) and not _closes(doc, i, j - 1):
        j -= 1
    if j <= i or (i < avoid[1] and avoid[0] < j):
        return None
    return i, j


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE and not _EDITED.match(text, start, end):
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


#: an editor's bracketed letter opening quoted words ("[W]e have heard …"): part of the word
_EDITED = re.compile(r"\[\w+\]\w")


def _trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip quote marks, spaces and dangling punctuation; keep a closing ? or ! and balanced
    quotes. A quotation left open inside the content keeps the closing mark right after it,
    with the stop the mark follows ('… the term “freshman.”'), even where the parse ended
    the content before them, so the shown words never open a quotation they do not close."""
    s, e = _trim(text, start, end)
    body = text[s:e]
    close = "”" if body.count("“") > body.count("”") else '"' if body.count('"') % 2 == 1 else None
    if close is not None and text[e : e + 1] == close:
        e += 1
    elif close is not None and text[e : e + 1] in (".", ",", ";", ":", "!", "?") and text[e + 1 : e + 2] == close:
        e += 2
    if s > start and body.count("”") > body.count("“") and text[s - 1] == "“":
        s -= 1
    return s, e


def _char_range(doc: "Doc", i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# --------------------------------------------------------------------------------------------
# The extractor.


def _para_bounds(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each blank-line paragraph (see :func:`_paragraphs`)."""
    return [(pos, pos + len(para)) for pos, para in _paragraphs(text)]


def _clip(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Clip a span to the paragraph its start is in."""
    for a, b in bounds:
        if a <= start <= b:
            return start, min(end, b)
    return start, end


#: verbs of saying whose subject is the speaker a following "he" or "she" most likely means
#: (word forms: the shared parse runs no lemmatizer)
_SPEECH_FORMS = frozenset(
    """say says said tell tells told add adds added explain explains explained state states stated note
    notes noted claim claims claimed write writes wrote report reports reported ask asks asked insist
    insists insisted argue argues argued""".split()
)


def _resolve(doc: "Doc", tok_i: int, quoted: list[bool], depth: int = 0) -> tuple[int, int] | None:
    """The nearest PERSON name before token ``tok_i`` that is not inside quoted text; when
    that name is no subject, the subject of its sentence (a PERSON, or the same pronoun
    carried on from further back).

    A role that spoke or led the sentence in between ("the president insisted …", "The
    president addressed …") is that role's words ("the president"): which person holds it the
    sentence does not say. None when someone else spoke in between, named in a way the
    recogniser did not take for a person ("Sophomore Tyson Glover … said", read as an
    organisation) or not named ("The student who wrote the story said …"): the "he" or "she"
    after them is theirs, and a wrong name misleads more than a bare pronoun.

    A pronoun inside quoted words may mean a name quoted before it in the same quotation: a
    report quoting a hoax story ("… was given by his wife Jahira Dar in a news conference,
    where she said to the media, '…'") is heard through that story's own names."""
    earlier = _same_pronoun_above(doc[tok_i], quoted)
    if earlier is not None and depth < 3:
        return _resolve(doc, earlier.i, quoted, depth + 1)
    best = None
    run = tok_i  # the first token of the quotation the pronoun sits in (itself when it is not quoted)
    while quoted[tok_i] and run > 0 and quoted[run - 1]:
        run -= 1
    for ent in doc.ents:
        if ent.start >= tok_i:
            break
        if is_person(ent) and (not quoted[ent.start] or ent.start >= run) and not _part_of_a_name(ent):
            best = ent
    # a subject the recogniser did not take for a person here ("so Roche faced off …", read
    # as an organisation), whose surname the report gave a person before, is that person;
    # not one in a clause after the sentence's own subject ("Hillary Clinton … tweeted
    # shortly before Trump took the oath … “…,” she wrote.")
    known = _surnames(doc, quoted)
    start = best.end if best is not None else 0
    for tok in doc[start:tok_i]:
        if (
            tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.text in known
            and tok.ent_type_ != "PERSON" and not quoted[tok.i]
            and not any(
                e.label_ == "PERSON" and _is_subject(e.root) and tok.sent.start <= e.start < tok.i for e in doc.ents
            )
        ):
            best = doc[tok.i : tok.i + 1]
    if best is None:
        return None
    teller = _teller(best.root, quoted, known)
    if teller is not None and teller.i < best.start:
        # "Sen. Jim DeMint … said Steele must apologize to the troops. ¶ “…,” he said.": the
        # one who spoke goes on, not the person his words were about
        if teller.lower_ == doc[tok_i].lower_:
            return _resolve(doc, teller.i, quoted, depth + 1) if depth < 3 else None
        best = next((e for e in doc.ents if e.start <= teller.i < e.end), doc[teller.i : teller.i + 1])
    if not _is_subject(best.root):
        # "the first lady, Melania Trump, questioned Ms. Griffin's sanity. “…,” she said.":
        # the sentence's subject, not a name inside its object, is who the "she" goes on
        # with; "He … took of actress Heather Morris. … “…,” he said.": a "he" subject
        # carries the earlier "he" on, so that one's person is meant
        sent = best.root.sent
        subject = next(
            (e for e in doc.ents if sent.start <= e.start < best.start and e.label_ == "PERSON" and not quoted[e.start] and _is_subject(e.root)),
            None,
        )
        same = next(
            (t for t in doc[sent.start : best.start] if t.lower_ == doc[tok_i].lower_ and t.dep_ in ("nsubj", "nsubjpass") and not quoted[t.i]),
            None,
        )
        if subject is not None:
            best = subject
        elif same is not None:
            return _resolve(doc, same.i, quoted, depth + 1) if depth < 3 else None
        elif (role := _titled_subject(sent, best.start)) is not None:
            # "The president addressed a packed crowd …, after taking the oath along with Vice
            # President Mike Pence. … “…,” he said.": the president goes on, not the name
            # beside him; which person he is, this sentence does not say, so the role is shown
            return _char_range(doc, *_role_span(role))
        elif _unnamed_subject(sent, best.start):
            # "One longtime NBC employee who has worked with Williams … ¶ “…,” he said.": the
            # employee goes on, whom the report does not name; a wrong name misleads more
            return None
    between = [
        tok
        for tok in doc[best.end : tok_i]
        if tok.dep_ in ("nsubj", "nsubjpass")
        and tok.pos_ in ("NOUN", "PROPN")
        and tok.tag_ not in ("NNS", "NNPS")  # "the doctors told him": no "he" among them
        and (tok.head.lower_ in _SPEECH_FORMS or any(c.dep_ == "conj" and c.lower_ in _SPEECH_FORMS for c in tok.head.children))
        and not quoted[tok.i]
        and tok.ent_type_ != "PERSON"
    ]
    if between:
        # "… ,” Schiff told reporters. ¶ “…,” he added.": the recogniser missed "Schiff" here,
        # but the report named "Rep. Adam Schiff" before; a surname it knows is that person
        last = between[-1]
        if last.pos_ == "PROPN" and last.text in known:
            return _char_range(doc, last.i, last.i + 1)
        if _is_role(last):
            # "On point after point, the president insisted … ¶ “…,” he said.": the president
            return _char_range(doc, *_role_span(last))
        return None
    start, end = best.start, best.end
    while end - 1 > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if _titled_other(doc, doc[tok_i].lower_, doc[end - 1].text, start):
        return None  # "Mr Adbulla said: … ¶ … and said she should have some food": not him
    return _char_range(doc, start, end)


def _teller(subject: "Token", quoted: list[bool], known: Collection[str] = ()) -> "Token | None":
    """For a name that is the subject of what someone was reported saying ("DeMint … said
    Steele must apologize"), who said it: a person's name (or a surname the report gave a
    person before, ``known``, which the recogniser missed here) or a "he" or "she" (to
    resolve in turn), the subject of the speech verb, outside quotation marks; ``None``
    otherwise."""
    if not _is_subject(subject) or quoted[subject.i]:
        return None
    clause = subject.head if subject.dep_ in ("nsubj", "nsubjpass") else subject.head.head
    if clause.dep_ != "ccomp" or clause.head.lower_ not in _SPEECH_FORMS:
        return None
    speaker = _subject(clause.head)  # the cue's own reading: "DeMint … would not go that far but said …"
    if speaker is None or quoted[speaker.i]:
        return None
    if speaker.ent_type_ == "PERSON" or speaker.lower_ in ("he", "she") or (speaker.pos_ == "PROPN" and speaker.text in known):
        return speaker
    return None


def _same_pronoun_above(pronoun: "Token", quoted: list[bool]) -> "Token | None":
    """The same pronoun as subject of the verb whose clause this pronoun's clause is ("He
    suggested that Mr. Trump was only coming … and in explicit terms he urged Americans not
    to vote for him"; "She said she would appeal"): one person goes on, whatever name the
    clause between mentions. ``None`` where there is none."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "conj"):
        return None
    return next(
        (
            c for c in verb.head.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == pronoun.lower_ and c.i < pronoun.i and not quoted[c.i]
        ),
        None,
    )


def _with_words(doc: "Doc", quoted: list[bool], content: tuple[int, int]) -> list[bool]:
    """``quoted`` with the attributed words (``content``, character offsets) marked too: no one
    is named as the speaker inside their own words. A quotation that ran on from a paragraph
    before has no opening mark of its own ('"The 'Queen of Rage' is … ¶ They didn't even do
    this to Howard Dean when he had his famous scream," she said.'), so its words are not
    among the quoted ones, and "she" went to Howard Dean."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or all(quoted[span.start : span.end]):
        return quoted
    marked = list(quoted)
    marked[span.start : span.end] = [True] * (span.end - span.start)
    return marked


def _is_role(tok: "Token") -> bool:
    """Whether a subject is a person named by a title and no name ("The president", "the new
    president", "the prime minister")."""
    return (
        tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lower_ in _TITLE_NOUNS
        and any(c.dep_ == "det" for c in tok.children)
    )


def _role_span(tok: "Token") -> tuple[int, int]:
    """The token range of a role subject (see :func:`_is_role`) with its article and the
    words before it ("the new president")."""
    left = [c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound")]
    return min(left, default=tok.i), tok.i + 1


def _unnamed_subject(sent: "Span", before: int) -> bool:
    """Whether the sentence's subject before token ``before`` is a person the report does not
    name: a person noun ("The woman …") or a noun a "who" clause tells of ("One longtime NBC
    employee who has worked with Williams …")."""
    return any(
        tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and (
            tok.lower_ in PERSON_NOUNS
            or any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in tok.children)
        )
        for tok in sent
        if tok.i < before
    )


def _titled_subject(sent: "Span", before: int) -> "Token | None":
    """The sentence's subject before token ``before`` when it is a role (see :func:`_is_role`)."""
    return next((tok for tok in sent if tok.i < before and _is_role(tok)), None)


#: courtesy titles that say whether a man or a woman is meant
_TITLED = {"mr": "he", "mr.": "he", "mrs": "she", "mrs.": "she", "ms": "she", "ms.": "she", "miss": "she"}
_PRONOUN_SEX = {"he": "he", "him": "he", "she": "she", "her": "she"}
#: words before a name that say whether a man or a woman is meant ("First lady Melania
#: Trump"): the person nouns, and roles and titles of one sex
_SEX_WORDS = {
    **PERSON_NOUNS,
    **dict.fromkeys("actress queen congresswoman chairwoman spokeswoman".split(), "she"),
    **dict.fromkeys("actor king congressman chairman spokesman".split(), "he"),
}


def _titled_other(doc: "Doc", pronoun: str, surname: str, start: int) -> bool:
    """Whether the report titles ``surname`` as one sex ("Mr Adbulla") and ``pronoun`` is of the
    other. Not where two people of the report share the surname, or where the words before the
    name (at token ``start``) give the pronoun's sex: "Mr. Trump" may be another Trump."""
    sex = _PRONOUN_SEX.get(pronoun)
    if sex is None:
        return False
    given = {e[0].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == surname}
    if len(given) > 1 or any(_SEX_WORDS.get(t.lower_) == sex for t in doc[max(0, start - 3) : start]):
        return False  # "First lady Melania Trump": the words before the name say who is meant
    titles = {_TITLED[doc[t.i - 1].lower_] for t in doc if t.text == surname and t.i and doc[t.i - 1].lower_ in _TITLED}
    return bool(titles) and sex not in titles


def _part_of_a_name(ent: "Span") -> bool:
    """Whether a name the recogniser took for a person only begins a longer name: "Chris
    Steak" in "Ruth's Chris Steak House", whose root modifies "House" after it. A "he" after it
    is not that person."""
    head = ent.root.head
    return ent.root.dep_ == "compound" and head.i >= ent.end and head.pos_ == "PROPN"


def _surnames(doc: "Doc", quoted: list[bool]) -> set[str]:
    """The last words of the people the report names in its own voice ("Schiff" for "Rep.
    Adam Schiff"), possessive marks left off."""
    names = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not quoted[ent.start]:
            words = [t for t in ent if t.tag_ != "POS"]
            if len(words) > 1:
                names.add(words[-1].text)
    return names


def _is_subject(tok: "Token") -> bool:
    """A clause's subject, or a name set beside it ("the first lady, Melania Trump, …")."""
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))


POSSESSIVE_TO_RESOLVE = frozenset({"his", "her"})


def _owner(doc: "Doc", i: int, j: int, quoted: list[bool]) -> tuple[int, int] | None:
    """For a speaker span ``[i, j)`` such as "his office", the name "his" stands for; a reader
    cannot tell whose office "his office" is once the quote is shown apart from its article."""
    if j - i < 2 or doc[i].lower_ not in POSSESSIVE_TO_RESOLVE or doc[i].tag_ != "PRP$":
        return None
    return _resolve(doc, i, quoted)


def _para_tokens(doc: "Doc", bounds: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """For each token, the token range of its paragraph."""
    starts = [0] * len(doc)
    ends = [len(doc)] * len(doc)
    p = 0
    first = 0
    for t, tok in enumerate(doc):
        while p < len(bounds) - 1 and tok.idx >= bounds[p + 1][0]:
            for u in range(first, t):
                ends[u] = t
            p += 1
            first = t
        starts[t] = first
    return starts, ends


def _sent_bounds(doc: "Doc") -> tuple[list[int], list[int]]:
    starts = [0] * len(doc)
    ends = [0] * len(doc)
    for sent in doc.sents:
        for t in range(sent.start, sent.end):
            starts[t] = sent.start
            ends[t] = sent.end
    return starts, ends


def _extract(
    text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, learned: bool = True, tagged_content: bool = False,
    run_on: bool = False,
) -> list[_Attribution]:
    """All attributions of one text, in ``text`` coordinates: the rules' finds, then (with
    ``learned``) the learned cue classifier's candidates whose cue the rules left unused; with
    ``tagged_content`` (the task rows) contents corrected by the content tagger.

    With ``run_on`` (the event report) a quotation over several paragraphs is heard too
    (:func:`_run_on_quotations`): its words are quoted (a name in them is no antecedent of
    the "she" who said them), and each of its pieces is the speaker's, heard through the cue
    of the piece that has one ('“I can’t imagine … with Donald Trump as our president. ¶ For
    the country, it could be four years. ¶ For the court, … contemplate that,” she said.').
    The task rows keep to :func:`quote_spans`: PolNeAR's annotators heard such quotations now
    whole, now in part, now not at all."""
    if not len(doc):
        return []
    bounds = _para_bounds(text)
    quotes = quote_spans(text)
    runs = _run_on_pieces(text) if run_on else []
    if runs:
        pieces = [piece for run in runs for piece in run]
        # top-level passages only: a quotation inside a piece is the speaker's own telling
        # ("“I asked him … ¶ He said, ‘I don’t think I can do that,’” said Mr. Gutiérrez")
        inner = [q for q in quotes if any(a <= q[0] and q[1] <= b for a, b in pieces)]
        quotes = sorted(set(quotes) - set(inner) | set(pieces))
    qid, qtok = _quoted_tokens(doc, quotes)
    quoted = [q >= 0 for q in qid]
    sstart, send = _sent_bounds(doc)
    pstart, pend = _para_tokens(doc, bounds)
    used_cues: set[int] = set()
    out: list[_Attribution] = []

    def speaker_of(verb: "Token") -> tuple[tuple[int, int], "Token"] | None:
        subj = _subject(verb)
        if subj is None or subj.is_punct or subj.pos_ in ("NUM", "SYM"):
            return None
        i, j = _speaker_span(subj)
        if any(quoted[t] for t in range(i, j)) and not quoted[verb.i]:
            return None
        return (i, j), subj

    def add(verb_span: tuple[int, int], spk: tuple[tuple[int, int], "Token"] | None,
            content: tuple[int, int], kind: str) -> None:
        cs, ce = _clip(bounds, *_trim_content(text, *content))
        if ce <= cs or _words(text[cs:ce]) < 2:
            return
        out.append(_attribution(doc, quoted, verb_span, spk, (cs, ce), kind))

    # 1. direct speech: a quoted passage with a cue next to it. A passage that follows its
    #    attribution's sentence at once ("“A,” X said. “B.”") continues the same speech.
    continued: dict[int, tuple] = {}
    closers: list[_Attribution] = []  # cues of one-word last pieces, heard through, not shown
    chains = _chains(text, quotes, runs)
    chained = {k for chain in chains for k in chain}  # a short last piece closes a long quotation
    for n, (qo, qc) in enumerate(quotes):
        qi, qj = qtok[n]
        if qj <= qi or (_words(text[qo + 1 : qc]) < 3 and n not in chained):
            continue
        after = _cue_after(doc, text, qo, qc, qj, qid, sstart, send, cues)
        found = after or _cue_before(doc, text, qo, qi, qid, cues)
        if found is None:
            found = continued.get(n)
        if found is None or found[1] is None:
            continue
        verb, spk = found
        used_cues.add(verb.i)
        if verb.lower_ == "according":
            cue_span = (verb.i, verb.i + 2)
        else:
            cue_span = _cue_tokens(verb)
        if n in chained and _words(text[qo + 1 : qc]) < 2:
            # a quotation's last piece of one word ('… ¶ Jail!” Trump tweeted early Tuesday.'):
            # too short to show, but its cue is the whole quotation's (_heard_through)
            closers.append(_attribution(doc, quoted, cue_span, spk, (qo + 1, qc), "direct"))
        else:
            add(cue_span, spk, (qo + 1, qc), "direct")
        if after is not None or n in continued:
            nxt = _next_quote(doc, verb, spk, n, quotes, qtok, qid, pend)
            if nxt is not None:
                continued[nxt] = found

    # 2. indirect speech: cue verb + subject + clausal complement; "according to X, …"
    for tok in doc:
        if tok.i in used_cues:
            continue
        if tok.lower_ == "according":
            res = _according(doc, tok, max(sstart[tok.i], pstart[tok.i]), min(send[tok.i], pend[tok.i]))
            if res is None:
                continue
            spk_tok, content = res
            if quoted[spk_tok.i] and not quoted[tok.i]:
                continue
            add((tok.i, tok.i + 2), (_speaker_span(spk_tok), spk_tok), content, "indirect")
            continue
        if tok.lower_ in STANCE_VERBS and tok.pos_ == "VERB":
            # "Putin expressed his readiness to contribute to a settlement": a stated position,
            # attributed to the subject, its content the object
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
            spk = speaker_of(tok)
            if obj is not None and spk is not None and obj.lower_ in STANCE_NOUNS:
                lo, hi = max(sstart[tok.i], pstart[tok.i]), min(send[tok.i], pend[tok.i])
                # what the position is about often hangs on the verb: "expressed his
                # dissatisfaction | with the actions of the army"
                tail = [c.right_edge.i + 1 for c in tok.children if c.i > obj.i and c.dep_ in ("prep", "xcomp", "ccomp")]
                i, j = max(obj.left_edge.i, lo), min(max([obj.right_edge.i + 1, *tail]), hi)
                if i < j:
                    add((tok.i, tok.i + 1), spk, _char_range(doc, i, j), "indirect")
            continue
        if not _is_cue(tok, cues):
            continue
        spk = speaker_of(tok)
        if spk is None:
            continue
        comps = [
            c for c in tok.children
            if c.dep_ == "ccomp" and not _misread_relative(tok, c) and (c.i > tok.i or _states_something(c))
        ]
        after = [c for c in comps if c.i > tok.i]
        split = False
        if after:
            i, j = min(c.left_edge.i for c in after), max(c.right_edge.i for c in after) + 1
        elif comps:
            if _own_object(tok):
                continue  # "…, they've just given it to you: they've declared war on Tor"
            i, j = comps[-1].left_edge.i, comps[-1].right_edge.i + 1
        elif tok.dep_ == "parataxis" and tok.head.i < spk[0][0] < tok.i:
            i, j = sstart[tok.i], spk[0][0]  # "…, his office said, …"
            if tok.head.right_edge.i > tok.right_edge.i + 2:
                # "The plan, he said, will fail": the content runs on both sides, as the gold
                # data joins it; the span runs from the first part to the last
                j, split = tok.head.right_edge.i + 1, True
        elif (
            tok.dep_ == "parataxis" and tok.head.i > tok.i
            and sstart[tok.i] < spk[0][0] and tok.head.right_edge.i > tok.right_edge.i + 1
        ):
            # the same with the verb after the attribution ("The plan, he said, will fail")
            i, j, split = sstart[tok.i], tok.head.right_edge.i + 1, True
        else:
            continue
        lo, hi = max(sstart[tok.i], pstart[tok.i]), min(send[tok.i], pend[tok.i])
        if qid[tok.i] >= 0:  # told inside someone's quoted words: what is told ends where they do
            hi = min(hi, qtok[qid[tok.i]][1] - 1)
        i, j = max(i, lo), min(j, hi)
        if j <= i:
            continue
        (si, sj), _ = spk
        if si < j and i < sj and not split:  # speaker inside the content: a bad parse
            continue
        kind = "indirect"
        qs = {qid[t] for t in range(i, j) if not doc[t].is_punct}
        if len(qs) == 1 and -1 not in qs:
            kind = "direct"
        add(_cue_tokens(tok), spk, _char_range(doc, i, j), kind)
    out += _heard_through(text, bounds, [[quotes[k] for k in chain] for chain in chains], out + closers)
    headline = _headline(text, doc)
    if headline is not None:
        out.append(headline)
    if learned:
        model = _cue_model()
        if model is not None:
            ctx = _Ctx(text, doc, bounds, qid, sstart, send, pstart, pend, cues)
            cands = _candidates(ctx, [a.cue for a in out])
            rest: list[tuple[float, _Attribution]] = []  # candidates under the threshold
            if cands:
                probs = model.proba([f for f, _ in cands])
                for (f, att), p in zip(cands, probs):
                    # for the report: an attested cue word, and a message, not only a topic
                    # or a setting ("commented | on this attack only on the third day")
                    ctype = next((k[6:] for k in f if k.startswith("ctype=")), "")
                    message = any(c not in _TOPIC_DEPS for c in ctype.split("+"))
                    verb = next((k[2:] for k in f if k.startswith("w=")), "")  # not "of" in "spoke of"
                    att.attested = message and model.attested(verb)
                    if p >= model.threshold:
                        out.append(att)
                    else:
                        rest.append((p, att))
            tagger = _cue_tagger()
            content = _content_tagger() if tagged_content else None
            if tagger is not None or content is not None:
                from .quote_tagger import token_features

                tokens = token_features(text, doc, cues)  # both taggers start from these
            if tagger is not None:
                out = _tagged(doc, out, rest, *tagger.tag(text, doc, cues, tokens))
            if content is not None:
                out = _tagged_content(doc, out, *content.tag_content(text, doc, cues, tokens))
    out.sort(key=lambda a: a.content)
    return out


_HEADLINE = re.compile(r"([^:\n]{2,60}?):\s+([^\n]+)")
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _attribution(
    doc: "Doc", quoted: list[bool], verb_span: tuple[int, int], spk: tuple[tuple[int, int], "Token"] | None,
    content: tuple[int, int], kind: str,
) -> _Attribution:
    """An attribution of ``content`` (character offsets) to the subject ``spk`` (its token
    range and head) of the cue ``verb_span`` (a token range): a pronoun or "the latter"
    resolved to the person meant, "his office" to its owner, the source as written."""
    speaker = resolved = owner = written = None
    if spk is not None:
        (i, j), subj = spk
        speaker = _char_range(doc, i, j)
        if (j - i == 1 and subj.lower_ in PRONOUNS_TO_RESOLVE) or subj.lower_ == LATTER:
            resolved = _resolve(doc, subj.i, _with_words(doc, quoted, content))
        elif _AGE_ONLY.fullmatch(doc[i:j].text):
            # "The 26-year-old told the paper …": a person named by age alone goes on with the
            # person the report was telling of, as a "she" would
            resolved = _resolve(doc, i, _with_words(doc, quoted, content))
        elif (ante := _antecedent(subj)) is not None:
            resolved = _char_range(doc, *_speaker_span(_named(ante) or ante))
        elif (name := _named(subj)) is not None:
            resolved = _char_range(doc, *_speaker_span(name))
        owner = _owner(doc, i, j, quoted)
        ct = doc.char_span(*content, alignment_mode="expand")
        lo = min(verb_span[0], ct.start if ct is not None else verb_span[0])
        hi = max(verb_span[1], ct.end if ct is not None else verb_span[1])
        full = _written(subj, (lo, hi))
        written = _char_range(doc, *full) if full is not None else None
    return _Attribution(speaker, _char_range(doc, *verb_span), content, kind, resolved, owner=owner, written=written)


def _headline(text: str, doc: "Doc") -> _Attribution | None:
    """A headline "Speaker: what they said" ("Graham: Trump's Rhetoric Destroying GOP's
    Chance"; "Clinton to Planned Parenthood: …" -> Clinton): the speaker is a name of at most
    four words (a person, organisation, country or group as the parser sees it), not a
    rubric in capitals ("BREAKING: …")."""
    m = _HEADLINE.match(text)
    if m is None:
        return None
    s0, s1 = m.span(1)
    part = re.split(r"\s+(?:on|to|at|about)\s+", m.group(1), maxsplit=1, flags=re.I)[0]
    s1 = s0 + len(part)
    if not 1 <= _words(part) <= 4 or part.isupper():
        return None
    toks = [t for t in doc if s0 <= t.idx < s1]
    if not any(t.ent_type_ in _SPEAKER_ENTS for t in toks):
        return None
    c0, c1 = _trim_content(text, *m.span(2))
    if _words(text[c0:c1]) < 2:
        return None
    colon = m.end(1)
    return _Attribution(_trim(text, s0, s1), (colon, colon + 1), (c0, c1), "indirect")


def _next_quote(doc, verb, spk, n, quotes, qtok, qid, pend) -> int | None:
    """Index of the passage after the attribution of passage ``n`` that continues the same
    speech: in the same paragraph, with nothing between but the attribution's setting
    ("said at a rally on Tuesday") or the speaker's description ("said Anna Adams, a
    spokeswoman for the committee raising funds"). (Running on across a sentence without a
    cue of its own did not help on PolNeAR dev.)"""
    if n + 1 >= len(quotes):
        return None
    nqi = qtok[n + 1][0]
    last = max(verb.i, spk[0][1] - 1, qtok[n][1] - 1)
    if nqi >= pend[verb.i] or nqi <= last:
        return None
    subj = spk[1]
    for t in range(last + 1, nqi):
        tok = doc[t]
        if "\n" in tok.text or qid[t] >= 0:
            return None
        if tok.is_punct or tok.is_space:
            continue
        if subj.i == t or subj.is_ancestor(tok):
            continue
        if not verb.is_ancestor(tok) or tok.pos_ in ("VERB", "AUX"):
            return None
    return n + 1


def _cue_after(doc, text, qo, qc, qj, qid, sstart, send, cues):
    """``"…," X said`` / ``"…," said X`` / ``"…", according to X``: a cue right after the close."""
    inner = text[qo + 1 : qc].rstrip().rstrip("’'")  # a quotation inside it may close first ("…, ’Let it come out,’”")
    after = text[qc + 1 : qc + 3].lstrip(" ")
    if not (inner.endswith((",", "?", "!", "—", "–", "-")) or after.startswith((",", "—", "–"))):
        return None
    limit = min(len(doc), qj + 10)
    for t in range(qj, limit):
        tok = doc[t]
        if qid[t] >= 0 or tok.is_space and "\n" in tok.text:
            break
        if tok.text in (".", "!", "?", ";"):
            break
        if tok.lower_ == "according" and t + 2 < len(doc) and doc[t + 1].lower_ == "to":
            pobj = next((c for c in doc[t + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return tok, (_speaker_span(pobj), pobj)
            return None
        if _is_cue(tok, cues):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or qid[subj.i] >= 0 or subj.lower_ in RELATIVE:
                return None
            span = _speaker_span(subj)
            # nothing but the speaker, the cue and punctuation/adverbs/auxiliaries in between
            for u in range(qj, t):
                w = doc[u]
                if span[0] <= u < span[1] or w.is_punct or w.is_space or w.dep_ in ("aux", "advmod", "neg"):
                    continue
                return None
            return tok, (span, subj)
        if tok.pos_ == "VERB":
            return None
    return None


_LISTENER_DEPS = frozenset(
    {"dobj", "dative", "prep", "pobj", "det", "amod", "compound", "poss", "case", "npadvmod", "advmod", "nummod", "prt"}
)


#: cue verbs whose object is the one spoken to ("…, he told reporters"), not what was said
#: (word forms: the pipeline has no lemmatizer)
_LISTENER_VERBS = frozenset(
    f"{v}{e}" for v in ("ask", "warn", "assure", "inform", "remind", "caution", "notify") for e in ("", "s", "ed", "ing")
) | {"tell", "tells", "told", "telling", "urge", "urges", "urged", "urging", "advise", "advises", "advised", "advising"}


def _own_object(verb: "Token") -> bool:
    """Whether a cue verb has an object of its own that is not a listener ("declared war",
    "wrote a letter"): then a clause before it is not what it says."""
    return verb.lower_ not in _LISTENER_VERBS and any(c.dep_ == "dobj" for c in verb.children)


def _cue_before(doc, text, qo, qi, qid, cues):
    """``X said: "…"`` / ``X told reporters, "…"`` / ``X said "…"``: a cue just before the open."""
    before = text[max(0, qo - 3) : qo].rstrip()
    if before and before[-1] not in ":,—–" and not before[-1].isalpha():
        return None
    for t in range(qi - 1, max(-1, qi - 14), -1):
        tok = doc[t]
        if qid[t] >= 0 or (tok.is_space and "\n" in tok.text) or tok.text in (".", "!", "?", ";"):
            return None
        if _is_cue(tok, cues):
            subj = _subject(tok)
            if subj is None or qid[subj.i] >= 0:
                return None
            # what lies between the cue and the quote is the cue's listener or setting
            # ("told reporters", "said in a statement"), never a clause of its own
            for u in range(t + 1, qi):
                w = doc[u]
                if w.is_punct or w.is_space:
                    continue
                anc = w
                while anc.i != tok.i and anc.head.i != anc.i:
                    if anc.dep_ not in _LISTENER_DEPS:
                        return None
                    anc = anc.head
                if anc.i != tok.i:
                    return None
            return _reported(tok, (_speaker_span(subj), subj), qid, cues)
    return None


def _reported(verb: "Token", spk: tuple[tuple[int, int], "Token"], qid: list[int], cues) -> tuple["Token", tuple]:
    """The cue and speaker of words an outlet reports someone else saying: in "One Comcast
    representative … warned a customer …, DeepDotWeb reports:" or "Constantine responded
    again, CBC reported: “Look …”" the quotation is the inner cue's subject's, passed on by
    the outlet. Not where a pronoun passes them on ("He said he had not seen …, and when
    asked …, he said, ''I hope not.''": one man's two remarks). Else the cue and speaker as
    found."""
    if spk[1].pos_ == "PRON":
        return verb, spk
    inner = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and _is_cue(c, cues)), None)
    subj = _subject(inner) if inner is not None else None
    if subj is not None and qid[subj.i] < 0:
        return inner, (_speaker_span(subj), subj)
    return verb, spk


def _according(doc: "Doc", tok: "Token", s0: int, s1: int):
    """``according to X, …`` / ``…, according to X``: the source token and the content range."""
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    lo = min(lo, tok.i)
    hi = max(hi, pobj.right_edge.i + 1)
    left = (s0, lo)
    right = (hi, s1)
    n_left = sum(1 for t in range(*left) if not doc[t].is_punct and not doc[t].is_space)
    n_right = sum(1 for t in range(*right) if not doc[t].is_punct and not doc[t].is_space)
    if max(n_left, n_right) < 3:
        return None
    i, j = left if n_left >= n_right else right
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if j <= i:
        return None
    return pobj, _char_range(doc, i, j)


# --------------------------------------------------------------------------------------------
# Learned cues: a classifier over candidate attributions the rules leave out.
#
# The gold counts many cues beyond speech verbs ("the poll shows …", "X criticized Y for …",
# "X declined to comment", "X wants …"). A candidate is any verb (not an auxiliary) with a
# complement after it (or a clausal complement anywhere) whose cue token the rules did not
# use; its source is the verb's subject (or none), its content the complement(s) within the
# sentence. A logistic regression over sparse features (the word, its tag and dependency,
# the children's dependencies, the complement type, the subject's entity type / part of
# speech / word, quote marks, position) says which candidates are attributions; those at or
# above a threshold are added to the rules' finds (the features also take the words around
# the verb, its object and the verb it hangs on). A find's content leaves out the clauses,
# times and settings after the complement (``_setting``); the features and the label also
# see the untrimmed span. Where the complement is a prepositional object, the preposition
# belongs to the cue ("spoke highly of | X", "lashed out at | X"), as the gold writes it
# (a light verb's object before it, "expressed astonishment at", is written both ways and
# left out: cue F1 0.703 -> 0.698 when taken in). Trained on the PolNeAR dev split
# (label: a gold attribution whose cue matches and whose content or source matches, token
# Jaccard >= 0.5); the threshold is chosen by 3-fold cross-validation inside the training
# rows. Rebuild (and measure with 5-fold cross-validation grouped by row, seeded):
#
#     python -m rashomon.quotes --train            # writes models/quotes_cues.joblib
#     python -m rashomon.quotes --cv               # held-out figures, rules vs rules + learned
#
# (``--parses FILE.spacy`` caches the spaCy parses of the dev file between runs.)

MODEL_PATH = Path(__file__).parent / "models" / "quotes_cues.joblib"
#: the cue and content taggers' models (``quote_tagger`` imports these: it imports this
#: module, so the paths are defined here once)
TAGGER_PATH = Path(__file__).parent / "models" / "quotes_tagger.crf.xz"
CONTENT_PATH = Path(__file__).parent / "models" / "quotes_content.crf.xz"
DEV_FILE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "quotes_polnear_dev.jsonl"
_COMP_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "dative", "prep", "attr", "acomp", "advcl", "agent"})
_FIRST_WORDS = frozenset({"that", "to", "how", "what", "why", "whether", "if", "the"})
_SETTING_PREPS = frozenset(
    "after before during since until amid while when via despite following".split()
)
_KEEP_CLAUSE = frozenset({"to", "if", "'", "’"})  # "… to get X", "… if Y": part of what was said


def _setting(c: "Token") -> bool:
    """A complement that only sets the scene: a clause, or a time or place phrase."""
    if c.dep_ == "advcl":
        return c.left_edge.lower_ not in _KEEP_CLAUSE
    if c.dep_ == "prep":
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.lower_ in _SETTING_PREPS:
            return True
        return pobj is not None and pobj.ent_type_ in ("DATE", "TIME")
    return False


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


@dataclass
class _Ctx:
    text: str
    doc: "Doc"
    bounds: list
    qid: list
    sstart: list
    send: list
    pstart: list
    pend: list
    cues: frozenset = CUE_WORDS


def _stem(word: str) -> str:
    for suf in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def _candidates(ctx: _Ctx, rule_cues: list[tuple[int, int]]) -> list[tuple[dict, _Attribution]]:
    """Candidate attributions (features, attribution) around verbs the rules did not use."""
    text, doc, qid = ctx.text, ctx.doc, ctx.qid
    quoted = [q >= 0 for q in qid]  # once per article, not once per candidate
    out: list[tuple[dict, _Attribution]] = []
    for tok in doc:
        if not tok.tag_.startswith("VB") or tok.dep_ in ("aux", "auxpass") or tok.lower_ in STANCE_VERBS:
            continue
        if any(a <= tok.idx < b for a, b in rule_cues):
            continue
        kids = [c for c in tok.children if not (c.dep_ == "ccomp" and _misread_relative(tok, c))]
        right = [c for c in kids if c.i > tok.i and c.dep_ in _COMP_DEPS]
        comps = [c for c in kids if c.dep_ == "ccomp" and (c.i > tok.i or _states_something(c))]
        trimmed = None
        if comps:
            after = [c for c in comps if c.i > tok.i]
            if after:
                i, j = min(c.left_edge.i for c in after), max(c.right_edge.i for c in after) + 1
                ctype = "ccomp_r"
            else:
                i, j = comps[-1].left_edge.i, comps[-1].right_edge.i + 1
                ctype = "ccomp_l"
        elif right:
            ctype = "+".join(sorted({c.dep_ for c in right}))
            # the complement without the clauses, times and settings that follow it
            # ("criticized Clinton | during a rally Friday", "withdrew that bill | after …")
            keep = [c for n, c in enumerate(right) if n == 0 or not _setting(c)]
            i, j = min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1
            trimmed = (min(c.left_edge.i for c in keep), max(c.right_edge.i for c in keep) + 1)
        else:
            continue
        cue_i, cue_j = _cue_tokens(tok)
        if right:
            first = min(right, key=lambda c: c.i)
            if first.dep_ == "prep" and first.i == i and first.i - tok.i <= 3 and any(c.dep_ == "pobj" for c in first.children):
                between = [doc[u] for u in range(tok.i + 1, first.i)]
                if all(b.dep_ in ("advmod", "prt") and tok.is_ancestor(b) for b in between):
                    cue_j, i = first.i + 1, first.i + 1  # "spoke highly of | X", "lashed out at | X"
        lo, hi = max(ctx.sstart[tok.i], ctx.pstart[tok.i]), min(ctx.send[tok.i], ctx.pend[tok.i])
        i, j = max(i, lo), min(j, hi)
        if j <= i:
            continue
        subj = _subject(tok)
        speaker = owner = relative = written = None
        if subj is not None and subj.lower_ not in RELATIVE:
            full = _written(subj, (min(i, tok.i), max(j, tok.i + 1)))
            written = _char_range(doc, *full) if full is not None else None
        if subj is not None and (ante := _antecedent(subj)) is not None:
            relative, subj = subj, ante  # features read the antecedent; the span is "who"
        if subj is not None and not subj.is_punct:
            si, sj = _speaker_span(subj)
            if si < j and i < sj:
                subj = written = None
            else:
                speaker = _char_range(doc, si, sj)
                owner = _owner(doc, si, sj, quoted)
        else:
            subj = None
        cs, ce = _clip(ctx.bounds, *_trim_content(text, *_char_range(doc, i, j)))
        if ce <= cs or _words(text[cs:ce]) < 2:
            continue
        wide = None
        if trimmed is not None and trimmed != (i, j):
            ti, tj = max(trimmed[0], lo), min(trimmed[1], hi)
            if ti < tj:
                t0, t1 = _clip(ctx.bounds, *_trim_content(text, *_char_range(doc, ti, tj)))
                if t0 < t1 and _words(text[t0:t1]) >= 1:
                    wide, (cs, ce) = (cs, ce), (t0, t1)
        w = tok.lower_
        f = {
            "w=" + w: 1, "st=" + _stem(w): 1, "tag=" + tok.tag_: 1, "dep=" + tok.dep_: 1,
            "hp=" + tok.head.pos_: 1, "ctype=" + ctype: 1, "w|ct=" + w + "|" + ctype: 1,
            "incue": int(w in ctx.cues), "quoted": int(qid[tok.i] >= 0),
        }
        for c in kids:
            f["kd=" + c.dep_] = 1
        f["prev=" + (doc[tok.i - 1].lower_ if tok.i else "^")] = 1
        f["next=" + (doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "$")] = 1
        first_w = doc[i].lower_ if doc[i].lower_ in _FIRST_WORDS else doc[i].pos_
        f["w|first=" + w + "|" + first_w] = 1
        obj = next((c for c in right if c.dep_ in ("dobj", "xcomp", "attr", "acomp", "oprd")), None)
        if obj is not None:
            f["obj=" + obj.lower_] = 1
            f["w|obj=" + w + "|" + obj.lower_] = 1
        if tok.dep_ in ("xcomp", "advcl", "conj", "ccomp"):
            f["head=" + tok.head.lower_] = 1
        for c in right:
            f["rc=" + c.dep_ + "|" + c.lower_ if c.dep_ in ("prep", "agent") else "rc=" + c.dep_] = 1
        if any(c.dep_ == "neg" for c in kids):
            f["neg"] = 1
        if subj is None:
            f["nosubj"] = 1
        else:
            f["s_pos=" + subj.pos_] = 1
            f["s_ent=" + (subj.ent_type_ or "-")] = 1
            f["s_w=" + subj.lower_] = 1
            f["w|sent=" + w + "|" + (subj.ent_type_ or subj.pos_)] = 1
            if subj.i > tok.i:
                f["s_after"] = 1
        qs = {qid[t] for t in range(i, j)}
        if any(q >= 0 for q in qs):
            f["c_quote"] = 1
        if len(qs) == 1 and -1 not in qs:
            f["c_allquote"] = 1
        first = doc[i].lower_
        f["c_first=" + (first if first in _FIRST_WORDS else doc[i].pos_)] = 1
        f["clen=%d" % min(5, (j - i).bit_length())] = 1
        f["spos=%d" % min(4, (tok.i - ctx.sstart[tok.i]).bit_length())] = 1
        kind = "direct" if len(qs) == 1 and -1 not in qs else "indirect"
        resolved = None
        if subj is not None and subj.lower_ in PRONOUNS_TO_RESOLVE | {LATTER} and speaker is not None:
            resolved = _resolve(doc, subj.i, quoted)
        elif relative is not None and speaker is not None:
            resolved, speaker = speaker, _char_range(doc, relative.i, relative.i + 1)
        named = subj is not None and (bool(subj.ent_type_) or subj.lower_ in PERSONAL_PRONOUNS)
        att = _Attribution(
            speaker, _char_range(doc, cue_i, cue_j), (cs, ce), kind, resolved, True, named, wide=wide, owner=owner, written=written
        )
        out.append((f, att))
    return out


# The cue tagger (``quote_tagger``, a CRF over the parse) checks the finds: a cue whose tokens
# all have a tagged chance under TAG_DROP is dropped; a cue that overlaps exactly one tagged
# cue through its verb takes the tagged extent ("are specifically focused on") unless that
# reaches into its speaker (into the content it may: "said in | a statement that …"); a tagged
# cue that no find used, with a mean chance of at least TAG_ADD, takes the learned candidate
# under it with the highest probability, whatever its probability. Stated positions
# ("expressed his dissatisfaction", STANCE_VERBS) stay as found: PolNeAR rarely marks them,
# the event report wants them. Chosen on the out-of-fold figures of the dev file (macro F1
# within 0.002 for TAG_DROP 0.03-0.08 and TAG_ADD 0.5-0.7). A cue as sure that no find and
# no candidate touches ("tweeted:", "his rulings on") takes its speaker and content from the
# parse around it (``_from_parse``; it reuses TAG_ADD: out of fold macro F1 0.7258-0.7268 for
# 0.5-0.8, 0.7247 at 0.9).
TAG_DROP = 0.05
TAG_ADD = 0.7


def _cue_tagger():
    from .quote_tagger import cue_tagger

    return cue_tagger()


def _tagged(
    doc: "Doc", found: list[_Attribution], rest: list[tuple[float, _Attribution]],
    marg: list[float], spans: list[tuple[int, int]],
) -> list[_Attribution]:
    """``found`` (the rules' and the learned classifier's finds) checked against the cue
    tagger's token chances ``marg`` and tagged cues ``spans``; ``rest``: the learned candidates
    under the threshold, with their probabilities."""
    def tokens(att: _Attribution) -> tuple[int, int]:
        sp = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
        return (sp.start, sp.end) if sp is not None and len(sp) else (0, 0)

    def clear(att: _Attribution, cue: tuple[int, int]) -> bool:  # apart from the speaker
        return not (att.speaker and att.speaker[0] < cue[1] and cue[0] < att.speaker[1])

    out: list[_Attribution] = []
    used: list[tuple[int, int]] = []
    for att in found:
        ci, cj = tokens(att)
        if cj <= ci:
            continue
        if doc[cj - 1].lower_ in STANCE_VERBS:  # a stated position ("expressed his readiness")
            out.append(att)
            used.append((ci, cj))
            continue
        if max(marg[ci:cj]) < TAG_DROP:
            continue
        over = [(a, b) for a, b in spans if a <= cj - 1 < b]
        if len(over) == 1 and clear(att, _char_range(doc, *over[0])):
            (ci, cj), att.cue = over[0], _char_range(doc, *over[0])
        out.append(att)
        used.append((ci, cj))
    for a, b in spans:
        if any(u < b and a < v for u, v in used) or sum(marg[a:b]) / (b - a) < TAG_ADD:
            continue
        best = None
        for p, att in rest:
            ci, cj = tokens(att)
            if ci < b and a < cj and (best is None or p > best[0]):
                best = (p, att)
        if best is not None:
            cue = _char_range(doc, a, b)
            out.append(replace(best[1], cue=cue if clear(best[1], cue) else best[1].cue))
            used.append((a, b))
    # a sure tagged cue that no find and no candidate touches: an attribution from the parse
    # around it (see _from_parse)
    taken = used + [tokens(att) for att in found] + [tokens(att) for _, att in rest]
    bounds = _para_bounds(doc.text)
    sstart, send = _sent_bounds(doc)
    for a, b in spans:
        if any(u < b and a < v for u, v in taken) or sum(marg[a:b]) / (b - a) < TAG_ADD:
            continue
        att = _from_parse(doc, a, b, bounds, sstart, send)
        if att is not None:
            out.append(att)
            taken.append((a, b))
    out.sort(key=lambda x: x.content)
    return out


# The content tagger (``quote_tagger.content_tagger``) tags contents per paragraph. A find
# takes the tagged content that overlaps its content when that is the only one there, has a
# mean chance of at least TAG_CONTENT, avoids the find's cue and speaker, and holds no other
# find's cue or content. Taking every overlapping tagged content loses to the rules' extents
# (content F1 0.682 -> 0.668 out of fold); with these checks it wins (0.682 -> 0.689). Read
# off the out-of-fold figures (macro within 0.0005 for TAG_CONTENT 0.5-0.9). The task rows
# only (``_extract(tagged_content=True)``): PolNeAR's contents follow its own conventions
# ('called | the resolution "unbalanced"', 'According to | the attack by …' where the
# sentence says more), and on the seeds the event report lost more than it gained with them.
TAG_CONTENT = 0.9
# A find without a content (a parse-built one, ``_from_parse``) takes the nearest tagged
# content with a mean chance of at least TAG_FILL in its cue's sentence, at most FILL_GAP
# tokens before or after the cue, clear of its speaker and of every other find (content F1
# 0.689 -> 0.690, macro +0.0004-0.0006 for 0.5-0.9 and 2-5 tokens, out of fold).
TAG_FILL = 0.7
FILL_GAP = 3


def _content_tagger():
    from .quote_tagger import content_tagger

    return content_tagger()


def _tagged_content(
    doc: "Doc", atts: list[_Attribution], marg: list[float], spans: list[tuple[int, int]]
) -> list[_Attribution]:
    """``atts`` with a find's content replaced by the content tagger's (token chances
    ``marg``, tagged contents ``spans``) where it is sure and alone (see TAG_CONTENT), and
    an empty content filled from a tagged one next to the cue (TAG_FILL)."""
    def ov(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
        return b is not None and a[0] < b[1] and b[0] < a[1]

    tagged = [(_char_range(doc, a, b), sum(marg[a:b]) / (b - a)) for a, b in spans]
    for att in atts:
        if att.content[1] <= att.content[0]:
            continue
        over = [(s, p) for s, p in tagged if ov(s, att.content) and not ov(s, att.cue)]
        if len(over) != 1 or over[0][1] < TAG_CONTENT or ov(over[0][0], att.speaker):
            continue
        s = over[0][0]
        if any(b is not att and (ov(s, b.cue) or ov(s, b.content)) for b in atts):
            continue
        s = _trim_content(doc.text, *s)
        if s[0] < s[1]:
            att.content = s
    for att in atts:
        if att.content[1] > att.content[0]:
            continue
        cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
        if cue is None or not len(cue):
            continue
        best = None
        for (x, y), ((s0, s1), p) in zip(spans, tagged):
            gap = x - cue.end if x >= cue.end else cue.start - y if y <= cue.start else None
            if p < TAG_FILL or gap is None or gap > FILL_GAP or doc[x].sent.start != cue.sent.start:
                continue
            if ov((s0, s1), att.speaker) or any(b is not att and (ov((s0, s1), b.cue) or ov((s0, s1), b.content)) for b in atts):
                continue
            if best is None or gap < best[0]:
                best = (gap, (s0, s1))
        if best is not None:
            att.content = _trim_content(doc.text, *best[1])
    return atts


_PARSE_HEADS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})


def _parse_content(doc: "Doc", a: int, b: int, head: "Token", speaker, s0: int, s1: int, near: bool):
    """Token range of the content of the tagged cue ``a:b`` (head ``head``): after a colon, to
    the sentence end; else the complements to its right (a noun's or adjective's: the object of
    its preposition). Without ``near`` also a complement to its left or the rest of the sentence
    (for a speaker only, see ``_from_parse``). None: no content, or one that holds the speaker."""
    right = [c for c in head.children if c.i >= b and c.dep_ in _COMP_DEPS | {"pobj"}]
    if head.pos_ in ("NOUN", "ADJ"):
        right = [g for c in head.children if c.dep_ == "prep" and c.i >= b - 1 for g in c.children if g.dep_ == "pobj"] or right
    i = j = None
    if b < len(doc) and (doc[b - 1].text == ":" or doc[b].text == ":"):
        i, j = b + (1 if doc[b].text == ":" else 0), s1
    elif right:
        i, j = min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1
    elif not near:
        left = [c for c in head.children if c.i < a and c.dep_ in ("ccomp", "dobj", "parataxis")]
        lo = min(a, speaker[0] if speaker else a)
        if left:
            i, j = min(c.left_edge.i for c in left), max(c.right_edge.i for c in left) + 1
        elif lo > s0:
            i, j = s0, lo
        elif s1 > b:
            i, j = b, s1
    if i is None or j <= i:
        return None
    if speaker and speaker[0] < j and i < speaker[1]:
        if speaker[0] < i or near:
            return None
        j = speaker[0]
    return (i, j) if i < j else None


def _from_parse(doc: "Doc", a: int, b: int, bounds, sstart: list[int], send: list[int]) -> _Attribution | None:
    """An attribution for the tagged cue at tokens ``a:b`` that no candidate covers ("tweeted:",
    "his rulings on", "are lining up behind"): the speaker is the subject of its head (a noun's
    possessor); the content its complement to the right or what follows a colon. When only a
    looser content is at hand (to the left, the rest of the sentence) the find keeps its cue and
    speaker and gives an empty content: PolNeAR's content is too often elsewhere. Such finds are
    learned and unnamed, so the report never shows them (``find_quotes``)."""
    text = doc.text
    head = next(t for t in doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i)
    if head.pos_ not in _PARSE_HEADS:
        return None
    if head.pos_ == "NOUN":
        subj = next((c for c in head.children if c.dep_ == "poss"), None)
    else:
        subj = _subject(head)
    speaker = None
    if subj is not None and not subj.is_punct:
        si, sj = _speaker_span(subj)
        if not (si < b and a < sj):
            speaker = (si, sj)
    s0, s1 = sstart[head.i], send[head.i]
    for near in (True, False):
        span = _parse_content(doc, a, b, head, speaker, s0, s1, near)
        if span is None:
            continue
        cs, ce = _clip(bounds, *_trim_content(text, *_char_range(doc, *span)))
        if ce <= cs or _words(text[cs:ce]) < 1:
            continue
        if not near:
            cs = ce
        return _Attribution(
            _char_range(doc, *speaker) if speaker else None, _char_range(doc, a, b), (cs, ce), "indirect", None, True, False
        )
    return None


# The event report shows a learned find only when its cue word is an attested attribution
# cue: among the training candidates with that word (pooled by ``_stem``), gold attributions
# make up at least REPORT_MIN_RATE, smoothed towards the base rate (a word seen rarely must
# show it more often). "said", "accused", "urged" pass; "attacked", "launched", "aiming",
# "commented on" (mostly events or topics, not what someone said) do not.
REPORT_MIN_RATE = 0.33
_SMOOTH = 10.0  # pseudo-candidates at the base rate
_TOPIC_DEPS = frozenset({"prep", "agent", "advcl"})


class _CueModel:
    """A fitted vectorizer + logistic regression, the threshold to add a candidate, and how
    often each cue word's candidates were gold attributions in training (``support``)."""

    def __init__(self, vectorizer, clf, threshold: float, support: dict | None = None):
        self.vectorizer, self.clf, self.threshold = vectorizer, clf, threshold
        self.support = support or {}

    def proba(self, feats: list[dict]) -> list[float]:
        return list(self.clf.predict_proba(self.vectorizer.transform(feats))[:, 1])

    def attested(self, word: str) -> bool:
        """Whether ``word`` is an attested attribution cue (smoothed gold rate >= REPORT_MIN_RATE)."""
        pos, n = self.support.get(_stem(word.lower()), (0, 0))
        base = self.support.get("", (0.1, 1))
        prior = base[0] / max(base[1], 1)
        return (pos + _SMOOTH * prior) / (n + _SMOOTH) >= REPORT_MIN_RATE


def _cue_support(cands: Iterable[tuple[dict, "_Attribution", int]]) -> dict[str, tuple[int, int]]:
    """Per stemmed cue word: (gold attributions, candidates); key "" holds the totals."""
    out: dict[str, list[int]] = {"": [0, 0]}
    for f, att, y in cands:
        w = next((k[3:] for k in f if k.startswith("st=")), "")
        for key in (w, ""):
            c = out.setdefault(key, [0, 0])
            c[0] += y
            c[1] += 1
    return {k: (a, b) for k, (a, b) in out.items()}


@lru_cache(maxsize=1)
def _cue_model() -> "_CueModel | None":
    """The shipped classifier; without the file, the rules alone."""
    if not MODEL_PATH.exists():
        return None
    import joblib

    d = joblib.load(MODEL_PATH)
    return _CueModel(d["vectorizer"], d["clf"], d["threshold"], d.get("support"))


def _row_candidates(
    row: dict, doc: "Doc", cues: frozenset[str] = CUE_WORDS
) -> tuple[list[dict], list[tuple[dict, _Attribution, int]]]:
    """The rules' attributions of one dev row (with cue words ``cues``) and its labelled
    learned candidates."""
    text = row["text"]
    rule_atts = _extract(text, doc, cues, learned=False)
    rules = _task_rows(text, rule_atts)
    if not len(doc):
        return rules, []
    bounds = _para_bounds(text)
    qid = _qid(text, doc)
    sstart, send = _sent_bounds(doc)
    pstart, pend = _para_tokens(doc, bounds)
    ctx = _Ctx(text, doc, bounds, qid, sstart, send, pstart, pend, cues)
    gold = [a for a in row.get("attributions") or [] if isinstance(a, dict)]
    out = []
    for f, att in _candidates(ctx, [a.cue for a in rule_atts]):
        cue = text[att.cue[0] : att.cue[1]]
        content = text[att.content[0] : att.content[1]]
        source = text[att.speaker[0] : att.speaker[1]] if att.speaker else ""
        # the label says whether the candidate is an attribution: its cue, and its content (as
        # found or before trimming) or its source, match a gold one
        wide = text[att.wide[0] : att.wide[1]] if att.wide else content
        y = int(any(
            jaccard(cue, g.get("cue") or "") >= 0.5
            and (
                jaccard(content, g.get("content") or "") >= 0.5
                or jaccard(wide, g.get("content") or "") >= 0.5
                or (source and jaccard(source, g.get("source") or "") >= 0.5)
            )
            for g in gold
        ))
        out.append((f, att, y))
    return rules, out


def _qid(text: str, doc: "Doc") -> list[int]:
    """Token -> index of the quoted passage (:func:`quote_spans`) it lies in, or -1."""
    return _quoted_tokens(doc, quote_spans(text))[0]


def _quoted_tokens(doc: "Doc", passages: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """For the quoted ``passages`` (mark indices): each token's passage index, or -1, and
    each passage's token range ``[i, j)``, marks included (``(0, 0)`` when it holds none)."""
    qid = [-1] * len(doc)
    qtok: list[tuple[int, int]] = []
    k = 0
    for n, (qo, qc) in enumerate(passages):
        first = last = None
        while k < len(doc) and (doc[k].idx + len(doc[k].text) <= qo or (doc[k].is_space and doc[k].idx <= qo)):
            k += 1  # a passage that opens on a line break (a run-on quotation's paragraph) starts after it
        t = k
        while t < len(doc) and doc[t].idx <= qc:
            qid[t] = n
            first = t if first is None else first
            last = t
            t += 1
        qtok.append((first if first is not None else 0, (last + 1) if last is not None else 0))
    return qid, qtok


def _fit(data: list, idx: list[int], C: float = 1.0):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X = [f for i in idx for f, _, _ in data[i][1]]
    y = [lab for i in idx for _, _, lab in data[i][1]]
    vec = DictVectorizer()
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(vec.fit_transform(X), y)
    return _CueModel(vec, clf, 0.5, _cue_support(c for i in idx for c in data[i][1]))


def _proba(model: _CueModel, data: list, idx: list[int]) -> dict[int, list[float]]:
    return {i: (model.proba([f for f, _, _ in data[i][1]]) if data[i][1] else []) for i in idx}


def _preds(rows: list[dict], data: list, idx: list[int], probs: dict, th) -> list[dict]:
    out = []
    for i in idx:
        text = rows[i]["text"]
        atts = list(data[i][0])
        t = th[i] if isinstance(th, dict) else th
        for (_, att, _), p in zip(data[i][1], probs[i]):
            if p >= t:
                atts.append(_task_row(text, att))
        out.append({"id": rows[i].get("id"), "attributions": atts})
    return out


def _tagged_preds(
    rows: list[dict], docs: list, data: list, idx: list[int], probs: dict, th, tags: dict, cues=CUE_WORDS,
    ctags: dict | None = None,
) -> list[dict]:
    """As ``_preds``, with the finds checked by the cue tagger (``tags[i]``: marginals, spans)
    and their contents by the content tagger (``ctags[i]``, as ``tags``)."""
    out = []
    for i in idx:
        text, doc = rows[i]["text"], docs[i]
        t = th[i] if isinstance(th, dict) else th
        found = _extract(text, doc, cues, learned=False)
        rest = []
        for (_, att, _), p in zip(data[i][1], probs[i]):
            att = replace(att)
            if p >= t:
                found.append(att)
            else:
                rest.append((p, att))
        atts = _tagged(doc, found, rest, *tags[i]) if len(doc) else found
        if ctags is not None and len(doc):
            atts = _tagged_content(doc, atts, *ctags[i])
        out.append({"id": rows[i].get("id"), "attributions": _task_rows(text, atts)})
    return out


def _tagger_seqs(rows: list[dict], docs: list, cues=CUE_WORDS) -> tuple[list, int]:
    from .quote_tagger import row_seqs

    seqs, unplaced = [], 0
    for r, d in zip(rows, docs):
        s, u = row_seqs(r, d, cues)
        seqs.append(s)
        unplaced += u
    return seqs, unplaced


def _content_seqs(rows: list[dict], docs: list, cues=CUE_WORDS) -> list:
    from .quote_tagger import content_seqs

    return [content_seqs(r, d, cues) for r, d in zip(rows, docs)]


def _fit_tagger(seqs: list, train: list[int]):
    from .quote_tagger import RoleTagger, fit

    return RoleTagger(fit([seqs[i] for i in train]))


def _folds(idx: list[int], k: int, seed: int, same: dict[int, str] | None = None) -> list[list[int]]:
    """``k`` seeded folds of ``idx``; rows with one ``same`` key (one article's text) share a
    fold. PolNeAR's dev file holds 18 articles more than once (107 rows, each copy with
    another annotator's gold): folds by row would train on one copy and test on its twin."""
    import random

    group = {i: (same or {}).get(i, str(i)) for i in idx}
    groups = list(dict.fromkeys(group.values()))
    random.Random(seed).shuffle(groups)
    fold_of = {g: n % k for n, g in enumerate(groups)}
    return [[i for i in idx if fold_of[group[i]] == f] for f in range(k)]


def _same_article(rows: list[dict]) -> dict[int, str]:
    """Row index -> its text, so that copies of one article fall in one fold (see ``_folds``)."""
    return {i: r.get("text") or str(i) for i, r in enumerate(rows)}


def _choose_threshold(rows: list[dict], data: list, train: list[int], seed: int = 1) -> float:
    """The threshold with the best macro F1 over 3-fold CV inside ``train``."""
    probs: dict[int, list[float]] = {}
    for test in _folds(train, 3, seed, _same_article(rows)):
        held = set(test)
        probs.update(_proba(_fit(data, [i for i in train if i not in held]), data, test))
    gold = [rows[i] for i in train]
    return max(THRESHOLDS, key=lambda t: score_quotes(_preds(rows, data, train, probs, t), gold)["macro_f1"])


def _dev_docs(rows: list[dict], parses: str | None) -> list:
    from .nlp import english

    nlp = english()
    if parses and Path(parses).exists():
        from spacy.tokens import DocBin

        return list(DocBin().from_disk(parses).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["text"] for r in rows), batch_size=16))
    if parses:
        from spacy.tokens import DocBin

        DocBin(docs=docs).to_disk(parses)
    return docs


def _dev_data(rows: list[dict], parses: str | None, docs: list | None = None, cues: frozenset[str] = CUE_WORDS) -> list:
    if docs is None:
        docs = _dev_docs(rows, parses)
    return [_row_candidates(r, d, cues) for r, d in zip(rows, docs)]


def train_cue_model(
    rows: list[dict], parses: str | None = None, path: Path = MODEL_PATH, tagger_path: Path | None = TAGGER_PATH,
    content_path: Path | None = CONTENT_PATH,
) -> float:
    """Fit the classifier on all ``rows``, threshold by inner CV; write it to ``path``; fit
    the cue tagger on all ``rows`` and write it to ``tagger_path`` (None: no tagger), the
    content tagger likewise to ``content_path``."""
    import joblib

    from . import quote_tagger

    docs = _dev_docs(rows, parses)
    data = _dev_data(rows, parses, docs)
    idx = list(range(len(rows)))
    th = _choose_threshold(rows, data, idx)
    model = _fit(data, idx)
    joblib.dump(
        {"vectorizer": model.vectorizer, "clf": model.clf, "threshold": th, "support": model.support}, path, compress=("lzma", 6)
    )
    _cue_model.cache_clear()
    if tagger_path is not None:
        seqs, _ = _tagger_seqs(rows, docs)
        quote_tagger.save(quote_tagger.fit(seqs), tagger_path)
        quote_tagger.cue_tagger.cache_clear()
    if content_path is not None:
        quote_tagger.save(quote_tagger.fit(_content_seqs(rows, docs)), content_path)
        quote_tagger.content_tagger.cache_clear()
    return th


def cross_validate(
    rows: list[dict], parses: str | None = None, k: int = 5, seed: int = 0,
    per_fold_cues: bool = False, tagger: bool = True,
) -> dict:
    """Held-out figures: 5 folds by article (copies of one article in one fold), seeded; in each, fit on the
    other rows and choose the threshold by 3-fold CV inside them. With ``per_fold_cues`` the
    rules' cue words are also re-learned (``learn_cue_words``) on the training rows of each
    fold, so nothing of the held-out rows is used; otherwise the shipped ``CUE_WORDS`` (learned
    on the whole dev file) serve every fold. With ``tagger`` the cue tagger is also fit on the
    training rows of each fold and checks the held-out finds (``tagged``), and so is the
    content tagger, which corrects their contents; ``tagger_folds``
    scores its own cues per fold, ``tagger_cue`` over all folds, ``unplaced`` counts the gold
    cues it could not place in the text. Returns ``{"rules": scores, "learned": scores, …}``."""
    docs = _dev_docs(rows, parses)
    data = None if per_fold_cues else _dev_data(rows, parses, docs)
    cues = CUE_WORDS
    seqs, unplaced = (None, 0) if per_fold_cues or not tagger else _tagger_seqs(rows, docs)
    cseqs = None if per_fold_cues or not tagger else _content_seqs(rows, docs)
    idx = list(range(len(rows)))
    probs: dict[int, list[float]] = {}
    th: dict[int, float] = {}
    held_data: dict[int, tuple] = {}
    tagged: list[dict] = []
    per_fold: list[dict] = []
    for test in _folds(idx, k, seed, _same_article(rows)):
        held = set(test)
        train = [i for i in idx if i not in held]
        if per_fold_cues:
            cues = learn_cue_words([rows[i] for i in train], [docs[i] for i in train])
            data = _dev_data(rows, parses, docs, cues)
            if tagger:
                seqs, unplaced = _tagger_seqs(rows, docs, cues)
                cseqs = _content_seqs(rows, docs, cues)
        t = _choose_threshold(rows, data, train)
        probs.update(_proba(_fit(data, train), data, test))
        th.update({i: t for i in test})
        held_data.update({i: data[i] for i in test})
        if tagger:
            # the cue tagger fit on the training rows only; its own cues scored on the fold
            tg = _fit_tagger(seqs, train)
            tags = {i: tg.tag_seqs(seqs[i], len(docs[i])) for i in test}
            own = [{"id": rows[i].get("id"), "attributions": [
                {"cue": rows[i]["text"][slice(*_char_range(docs[i], a, b))]} for a, b in tags[i][1]]} for i in test]
            per_fold.append(score_quotes(own, [rows[i] for i in test])["cue"])
            ct = _fit_tagger(cseqs, train)
            ctags = {i: ct.tag_seqs(cseqs[i], len(docs[i])) for i in test}
            tagged += _tagged_preds(rows, docs, data, test, probs, t, tags, cues, ctags)
    data = [held_data[i] for i in idx]
    rules = score_quotes([{"id": r.get("id"), "attributions": data[i][0]} for i, r in enumerate(rows)], rows)
    learned = score_quotes(_preds(rows, data, idx, probs, th), rows)
    out = {"rules": rules, "learned": learned, "thresholds": sorted(set(th.values()))}
    if tagger:
        out["tagged"] = score_quotes(tagged, rows)
        out["tagger_folds"] = per_fold
        tp, n_pred, n_gold = (sum(f[x] for f in per_fold) for x in ("tp", "predicted", "gold"))
        out["tagger_cue"] = _prf(int(tp), int(n_pred), int(n_gold))
        out["unplaced"] = unplaced
    return out


def _main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m rashomon.quotes")
    ap.add_argument("--train", action="store_true", help="fit the cue classifier and the cue and content taggers on the dev file")
    ap.add_argument("--cv", action="store_true", help="5-fold cross-validated figures")
    ap.add_argument("--dev", default=str(DEV_FILE))
    ap.add_argument("--parses", default=None, help="cache of the dev parses (.spacy)")
    ap.add_argument("--per-fold-cues", action="store_true", help="with --cv: re-learn the rules' cue words in each fold")
    ap.add_argument("--no-tagger", action="store_true", help="with --cv: without the cue tagger (faster)")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in open(args.dev, encoding="utf-8") if line.strip()]
    if args.cv:
        res = cross_validate(rows, args.parses, per_fold_cues=args.per_fold_cues, tagger=not args.no_tagger)
        for name in ("rules", "learned", "tagged"):
            if name not in res:
                continue
            s = res[name]
            print(name.ljust(8), "  ".join(
                f"{r} P {s[r]['precision']:.3f} R {s[r]['recall']:.3f} F1 {s[r]['f1']:.3f}" for r in ROLES),
                f"macro {s['macro_f1']:.4f}")
        print("thresholds chosen", res["thresholds"])
        if "tagger_cue" in res:
            for n, f in enumerate(res["tagger_folds"]):
                print(f"cue tagger alone, fold {n}: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}")
            f = res["tagger_cue"]
            print(f"cue tagger alone, all folds: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}",
                  f"({res['unplaced']} gold cues empty or not in the text)")
    if args.train:
        print("threshold", train_cue_model(rows, args.parses), "->", MODEL_PATH, "; taggers ->", TAGGER_PATH, CONTENT_PATH)


# --------------------------------------------------------------------------------------------
# Public API.


#: a clock time ("2:52 p.m.", "10 a.m."): no one who speaks
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.m\.", re.I)


def find_quotes(article: Article, doc: "Doc | None" = None) -> list[Quote]:
    """Who said what in one article; ``doc`` is a spaCy parse of ``article.text`` if at hand."""
    if doc is None:
        from .nlp import english

        doc = english()(article.text)
    text = article.text
    quotes: list[Quote] = []
    kept: list[_Attribution] = []  # the attribution behind each quote, in text coordinates
    speakers = _Speakers(text, doc)
    for att in _reports_traced(text, [att for att in _extract(text, doc, run_on=True) if _shown_find(att)]):
        found = _quote(article, att, speakers)
        if found is not None and not _shown_scene(doc, att, found[0]):
            quotes.append(found[0])
            kept.append(found[1])
    for att in _introduced(text, doc, kept):
        found = _quote(article, att, speakers)
        if found is not None:
            quotes.append(found[0])
            kept.append(found[1])
    return _outside_quoted_words(article, quotes + _carried_on(article, kept, quotes))


def _shown_find(att: _Attribution) -> bool:
    """Whether the event report shows one attribution the rules or the classifier found."""
    if att.learned and not (att.named and att.attested):
        return False  # the report shows learned finds with a named speaker and an attested cue
    if att.cue[0] <= att.content[0] < att.cue[1]:
        return False  # "pleaded guilty" / "guilty to conspiracy": a legal act, not words reported
    # a quoted title inside the speaker's description ("director of Elon's “Inclusive
    # Community Wellbeing,” said") is no quote
    return att.speaker is None or not (att.speaker[0] <= att.content[0] and att.content[1] <= att.speaker[1] + 2)


#: a report named by its determiner alone, as the source of what follows ("According to the
#: report, Apple will be sending …", "the report states that …")
_THE_REPORT = re.compile(r"(?:the|this|that)(?: new| latest| original)? (?:report|article|story)", re.IGNORECASE)
_REPORTING = frozenset("report reports reported reporting".split())


def _reports_traced(text: str, atts: list[_Attribution]) -> list[_Attribution]:
    """The attributions, "the report" as a source traced to whoever the text last said
    reports: "9to5Mac reports that the Apple Watch is set to ship … ¶ According to the
    report, Apple will be sending …" is 9to5Mac's, as a pronoun is its antecedent's (the
    attribution's ``speaker`` still spans "the report"; ``resolved`` spans "9to5Mac", which
    the quote shows and points at)."""
    out = list(atts)
    reporter: tuple[int, int] | None = None  # the source of the latest "X reports", in text order
    for k in sorted(range(len(atts)), key=lambda k: atts[k].cue[0]):
        att = atts[k]
        span = att.resolved or att.speaker
        if span is None:
            continue
        if _THE_REPORT.fullmatch(text[span[0] : span[1]].strip()):
            if reporter is not None and att.resolved is None:
                out[k] = replace(att, resolved=reporter)
        elif text[att.cue[0] : att.cue[1]].split()[-1].lower() in _REPORTING or _named_according(text, att):
            reporter = span
    return out


def _named_according(text: str, att: _Attribution) -> bool:
    """Whether the attribution is "according to" a source the text names ("According to
    9to5Mac, the watch could arrive by the end of March"): that source is the report a later
    "according to the report" means. Not a described one ("according to the leaked
    transcript of a voice message shared by …"), whose document is no report."""
    if att.speaker is None or text[att.cue[0] : att.cue[1]].lower() != "according to":
        return False
    said = text[att.speaker[0] : att.speaker[1]]
    return said[:1].isupper() or said[:1].isdigit()


def _outside_quoted_words(article: Article, quotes: list[Quote]) -> list[Quote]:
    """The quotes less those heard from no one (``who`` None: "I", "we") whose cue is inside
    someone's quoted words (``quoted_passages``): in 'He added: “Knowing that …, we’re saying
    stand up and say enough is enough. ¶ They need to …”' the "we’re saying" is Jealous
    talking, not the report attributing words to "we". A named speaker there stays: outlets
    quote the verb with the words ('the latter “expressed his dissatisfaction with …”')."""
    passages = quoted_passages(article.base)
    return [
        q for q in quotes
        if q.who is not None or q.cue_start is None or not any(s < q.cue_start and q.cue_end <= e for s, e in passages)
    ]


#: verbs for what a picture, a cover or a programme shows; only "show" also reports findings
_SHOWING = frozenset("show shows showed shown showing".split())
_DEPICTING = _SHOWING | frozenset(
    """feature features featured featuring depict depicts depicted depicting portray portrays
    portrayed portraying""".split()
)
#: words that open a clause: "shows that …", "showed how …" report a finding, not a scene
_CLAUSE_OPENERS = frozenset("that how why what whether who when where which if".split())


def _shown_scene(doc: "Doc", att: _Attribution, quote: Quote) -> bool:
    """Whether a find is a scene shown, not words reported: a depicting cue whose source is no
    person and whose content is no clause ("The cover shows Bachmann standing against a stark
    blue background", "The photo features Mrs. Trump …"). "Show" with a clause reports a
    finding and stays ("The documents show the Clintons have paid $43 million")."""
    cue = set(quote.cue.lower().split())
    if quote.person or not _DEPICTING & cue:
        return False
    span = doc.char_span(*att.content, alignment_mode="expand")
    if span is None or not len(span) or span[0].lower_ in _CLAUSE_OPENERS:
        return False
    root = span.root
    finite = root.pos_ in ("VERB", "AUX") and _form(root) in FINITE_TAGS
    finding = finite or any(c.lower_ == "to" and c.dep_ == "aux" for c in root.children)  # "shows it to be a hoax"
    return not (finding and _SHOWING & cue)  # "features Mrs. Trump sprawled": a participle read as a verb


def _quote(article: Article, att: _Attribution, speakers: "_Speakers") -> tuple[Quote, _Attribution] | None:
    """The quote the report shows for one attribution, with the attribution as kept (a
    dateline cut from its speaker), or None when it names no one to show."""
    text = article.text
    if att.speaker is not None and _CLOCK.search(text[att.speaker[0] : att.speaker[1]]):
        return None  # "UPDATE 2:52 p.m. revealed …": a page's update stamp, not a speaker
    try:
        start, end = article.locate(*att.content)
        cue_start, cue_end = article.locate(*att.cue)
    except ValueError:
        return None
    if att.speaker is not None and att.resolved is None and (att.speaker[0] == 0 or text[att.speaker[0] - 1] == "\n"):
        cut = lead_end(text, att.speaker[0])
        if cut is not None:  # "Denver (AP) – …", "Update A …": the parse took a filing place or stamp in
            if cut >= att.speaker[1]:
                return None
            att = replace(att, speaker=(cut, att.speaker[1]))
    speaker = ""
    s_start = s_end = None
    span = att.resolved or att.speaker
    if span is not None:
        speaker = _shown_speaker(text, att)
        try:
            s_start, s_end = article.locate(*span)
        except ValueError:
            s_start = s_end = None
    if not speaker or speaker.lower() in _NO_SPEAKER:
        return None
    who, person = speakers.heard(att)
    return (
        Quote(
            source=article.id,
            speaker=speaker,
            cue=text[att.cue[0] : att.cue[1]],
            content=text[att.content[0] : att.content[1]],
            start=start,
            end=end,
            kind=att.kind,  # type: ignore[arg-type]
            speaker_start=s_start,
            speaker_end=s_end,
            cue_start=cue_start,
            cue_end=cue_end,
            who=who,
            person=person,
        ),
        att,
    )


def _quoted_at(doc: "Doc", quoted: list[bool], pos: int) -> bool:
    """Whether the token at character ``pos`` lies inside quotation marks."""
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return tok is not None and quoted[tok.start]


def _introduced(text: str, doc: "Doc", atts: Sequence[_Attribution]) -> list[_Attribution]:
    """Block quotations: a paragraph that the paragraph before introduces with a cue and a
    colon (“The Comcast agent then allegedly told the customer: ¶ Users who try to use
    anonymity … are usually doing things that aren’t so-to-speak legal.”), whether or not the
    page kept its quotation marks, is the words of the cue's subject, not the outlet's own
    statement. Only the first paragraph after the colon; one that quotes someone with a cue of
    its own is no block quotation. Report path only, like ``_carried_on``."""
    qid = _qid(text, doc)
    quoted = [q >= 0 for q in qid]
    out: list[_Attribution] = []
    paras = _paragraphs(text)
    for (pos, prev), (start, para) in zip(paras, paras[1:]):
        colon = pos + len(prev.rstrip()) - 1
        if not prev.strip() or text[colon] != ":":
            continue
        cs, ce = _trim_content(text, start, start + len(para.rstrip()))
        colon_tok = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if _words(text[cs:ce]) < 3 or colon_tok is None:
            continue
        if any(cs <= a.cue[0] < ce and a.kind == "direct" and not _quoted_at(doc, quoted, a.cue[0]) for a in atts):
            continue  # “…,” the agent said: a quotation with its own speaker
        # the cue as if the quotation opened right after the colon: ``X told reporters: "…"``
        found = _cue_before(doc, text, colon + 1, colon_tok.end, qid, CUE_WORDS)
        if found is not None:
            verb, spk = found  # the words of the one an outlet reports on (see ``_reported``)
            out.append(_attribution(doc, quoted, _cue_tokens(verb), spk, (cs, ce), "direct"))
            continue
        # "In a statement to DeepDotWeb, Comcast defended its actions, seemingly asserting that
        # …:": the last attribution of the introducing sentence
        sent = colon_tok.sent
        last = [a for a in atts if sent.start_char <= a.cue[0] < colon]
        if last:
            out.append(replace(max(last, key=lambda a: a.cue[0]), content=(cs, ce), kind="direct"))
    return out


def _carried_on(article: Article, atts: Sequence[_Attribution], quotes: Sequence[Quote]) -> list[Quote]:
    """Paragraphs that go on with a speaker's words after the paragraph that named them.

    By the news convention a paragraph wholly in quotation marks, with no cue of its own, that
    follows a paragraph ending on someone's attributed quotation is more of the same speech
    (“As Donald Trump said, ’Let it come out,’” Mr. Sanders wrote on Twitter. ¶ “I call on
    the Trump administration to …”). Such a paragraph is that speaker's quote, with the cue
    that named them; a run of them, or one quotation over several paragraphs, all are. A
    paragraph with words outside the marks breaks the run. The task rows of ``rashomon
    predict quotes`` do not add these: PolNeAR's annotators did not always."""
    text = article.text
    passages = quoted_passages(text)
    last: tuple[_Attribution, Quote] | None = None  # the quote that ended the paragraph before
    out: list[Quote] = []
    for pos, para in _paragraphs(text):
        start = pos + len(para) - len(para.lstrip())
        end = pos + len(para.rstrip())
        if end <= start:
            continue
        own = [(a, q) for a, q in zip(atts, quotes) if start <= a.content[0] < end or start <= a.cue[0] < end]
        if own:
            a, q = max(own, key=lambda aq: aq[0].content[1])
            closing = text[a.content[1] : end].lstrip(_EDGE + "?!")  # past its own marks: the cue and a stop
            ends = q.kind == "direct" and a.cue[0] >= a.content[1] and not any(m in closing for m in '"“”')
            last = (a, q) if ends else None
            continue
        whole = next(((o, c) for o, c in passages if o == start and c >= end - 1), None)
        if last is None or whole is None:
            last = None
            continue
        cs, ce = _trim_content(text, whole[0], min(whole[1] + 1, end))
        if _words(text[cs:ce]) < 3:
            last = None
            continue
        try:
            s, e = article.locate(cs, ce)
        except ValueError:
            last = None
            continue
        out.append(replace(last[1], content=text[cs:ce], start=s, end=e))
    return out


# --------------------------------------------------------------------------------------------
# Who is heard: one name per speaker across the reports of an event.

#: characters that print nothing: zero-width spaces and joiners, direction marks, the BOM
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
#: a social-media handle after the name it belongs to ("Kerem Soyyilmaz @keremsoyyilmaz")
_HANDLE_AFTER_NAME = re.compile(r"(?<=\w)\s+@\w+$")


def _without_post_marks(words: str) -> str:
    """Words naming a speaker without an embedded post's invisible direction marks and the
    handle after the name ("Kerem Soyyilmaz \u200f@keremsoyyilmaz" -> "Kerem Soyyilmaz"): no
    part of who is heard."""
    return _HANDLE_AFTER_NAME.sub("", _INVISIBLE.sub("", words)).strip()


#: a voice that speaks for a person: all are shown as "<name>'s office"
_OFFICE = re.compile(r"\b(office|press service|press office|bureau|spokes(?:man|woman|person)|aides?)\b", re.I)
#: ranks and titles between an office word and the name it titles ("Pentagon spokesman Rear
#: Adm. John Kirby"): still the man himself
_RANKS = re.compile(
    r"(?:(?:[A-Z][a-z]{0,4}\.|Rear|Vice|Admiral|General|Colonel|Major|Captain|Lieutenant|Sergeant|Commander|Dr|Mr|Mrs|Ms)\s*)*"
)
#: titles that a role with an article ("the Prime Minister", "the premier") can point back to
_TITLES = {"premier": "minister", "prime": "minister"}
_TITLE_WORDS = frozenset(
    "minister president chancellor secretary senator governor mayor king queen pope chairman ambassador".split()
)
#: the nouns that name a person by a title alone ("the president", "the premier")
_TITLE_NOUNS = _TITLE_WORDS | frozenset(_TITLES)


#: words that make a title another office: a "Vice President" is not "the president", nor is
#: "former President Barack Obama"
_SECOND_OFFICE = frozenset({"vice", "deputy", "assistant", "former"})
#: titles as news writes them before a name ("Gov. Mike Pence" is "the governor")
_ABBREVIATED = {"gov.": "governor", "sen.": "senator", "pres.": "president", "sec.": "secretary"}


def _title_keys(words: list[str]) -> list[str]:
    """The titles among lower-cased words, a second office kept whole ("vice president"), so
    that "the vice president" points back to "Vice President Mike Pence" and "the president"
    does not."""
    return [
        f"{words[i - 1]} {w}" if i > 0 and words[i - 1] in _SECOND_OFFICE else w
        for i, w in enumerate(words)
        if w in _TITLE_WORDS
    ]


#: a courtesy title and the surname after it ("Mr Abdulla", "Ms. Meng")
_COURTESY_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Mx)\.?\s+([A-Z][\w'’-]+)")


class _Speakers:
    """Names the speakers of one article the way a reader of the whole event would.

    A person is named by their surname as the article writes it in full ("Netanyahu"), or in
    full where the article names two people of that surname; a pronoun, "the latter" or a
    role the article gives one named person ("The Prime Minister" after "Prime Minister
    Benjamin Netanyahu") is that person; a person's office, press service or spokesman is
    "<surname>'s office"; anything else (an institution, "officials") is kept as written,
    without a leading "The". Roles that fit several people stay as written; a pronoun left
    unresolved ("I", "we", "it") names nobody (``None``).
    """

    def __init__(self, text: str, doc: "Doc") -> None:
        self.text = text
        self.people = [e for e in doc.ents if is_person(e)]
        full: dict[str, set[str]] = {}
        for e in self.people:
            name = self._clean(e.text)
            words = name.split()
            if len(words) > 2 and family_name(words) == words[-2]:
                name = " ".join(words[-2:])  # "Mum Meng Xiangyan": a word taken in before a Chinese name
            if name:
                full.setdefault(family_name(name.split()).lower(), set()).add(name)
        self.full = full
        self.titled: dict[str, set[str]] = {}  # title ("president", "vice president") -> the names it precedes
        for e in self.people:
            for tok in e.doc[max(0, e.start - 4) : e.start]:
                title = _ABBREVIATED.get(tok.lower_, tok.lower_)
                if title in _TITLE_WORDS:
                    previous = tok.nbor(-1).lower_ if tok.i > 0 else ""
                    self.titled.setdefault(_title_keys([previous, title])[-1], set()).add(e.text)

    @staticmethod
    def _clean(name: str) -> str:
        # the recogniser may take an embedded post's handle into the name ("Aimee \u200f@AmyL618")
        return without_possessive(_without_post_marks(name)).strip()

    def _surname(self, name: str) -> str:
        return family_name(self._clean(name).split()).lower()

    def _name(self, person: str) -> str:
        """The surname of ``person`` (a name as written), or the full name where this report
        names two people of that surname ("Hillary Clinton", "Bill Clinton")."""
        surname = self._surname(person)
        names = self.full.get(surname, set())
        first = self._clean(person)
        if " " not in first and not any(len(n.split()) > 1 for n in names):
            # a first name alone ("Presenter Alan told The Sun") of the one person the report
            # names in full with it ("Alan Titchmarsh") is that person, heard by surname
            fuller = full_name(first, (n for known in self.full.values() for n in known))
            if fuller is not None:
                return self._name(fuller)
        given = {n.split()[0].lower() for n in names if len(n.split()) > 1}
        if len(given) > 1:
            return first if len(first.split()) > 1 else person
        longest = max(names, key=len) if names else surname
        return family_name(longest.split())

    def _people_in(self, start: int, end: int) -> list["Span"]:
        """The people named in the characters ``[start, end)``, in text order."""
        return [e for e in self.people if e.start_char < end and start < e.end_char]

    def _first_person_in(self, start: int, end: int) -> "Span | None":
        return next(iter(self._people_in(start, end)), None)

    def _person_in(self, start: int, end: int, past_owner: bool = False) -> str | None:
        """The person a speaker's words name: the first, or with ``past_owner`` the one after a
        possessor ("Nelson's agent Gregg Klein" is Klein; "Netanyahu's spokesman, Ofir
        Gendelman" speaks for Netanyahu's office, so there the caller keeps the first)."""
        people = self._people_in(start, end)
        if past_owner and len(people) > 1 and self._possessor(people[0]):
            return people[1].text
        return people[0].text if people else None

    def _possessor(self, ent: "Span") -> bool:
        return self.text[ent.end_char : ent.end_char + 2] in ("'s", "’s")

    def _owner_only(self, start: int, end: int) -> bool:
        """Whether the only person a speaker's words name owns the speaker ("Nelson's
        longtime manager"): the manager speaks, whom the words do not name."""
        people = self._people_in(start, end)
        return len(people) == 1 and self._possessor(people[0]) and people[0].end_char + 2 < end

    def _titled_surname(self, words: str) -> str | None:
        """A surname after a courtesy title ("Fearless Mr Abdulla", "security guard Mr
        Abdulla") of a person this report names in full, where the recogniser saw no name."""
        found = _COURTESY_NAME.search(words)
        return found.group(1) if found and found.group(1).lower() in self.full else None

    def _named_in_passing(self, start: int, end: int) -> bool:
        """Whether the first person named in the speaker's words is only the object of a
        preposition there ("A 2007 article about Mueller from the same local newspaper", "a
        friend of Mr. Smith"): the article or the friend speaks, not that person."""
        ent = self._first_person_in(start, end)
        if ent is None:
            return False
        tok = ent.root
        while tok.head.i != tok.i and start <= tok.head.idx < end:
            if tok.dep_ == "pobj":
                return True
            tok = tok.head
        return False

    def heard(self, att: "_Attribution") -> tuple[str | None, bool]:
        """Who is heard (see ``Quote.who``), and whether that is one person by name rather
        than an office, a body, a role or an outlet."""
        span = att.resolved or att.speaker
        if span is None:
            return None, False
        words = _without_post_marks(self.text[span[0] : span[1]])
        if att.owner is not None:
            person = self._person_in(*att.owner)
            if person is None:
                return None, False
            if _OFFICE.search(words):
                return f"{self._name(person)}'s office", False
            # "His wife's sign" -> "Xinggui's wife's sign": the owned words as written
            return f"{self._name(person)}'s {words.split(maxsplit=1)[1]}", False
        office = _OFFICE.search(words)
        if office is None and self._owner_only(*span):
            return words, False  # "Nelson's longtime manager": not Nelson, and no name of his own
        person = self._person_in(*span, past_owner=office is None) or self._titled_surname(words)
        relative = att.speaker is not None and self.text[att.speaker[0] : att.speaker[1]].lower() in ("who", "whom")
        if person and not relative and office is None and self._named_in_passing(*span):
            # a "who" speaks for a person: "drew the ire of Justice Antonin Scalia who said …"
            # is Scalia's, however the parse placed the relative
            person = None
        if person:
            named, comma, _ = words.partition(",")
            if office is None or (comma and person in named and not _OFFICE.search(named)):
                # "Hilary Shelton, director of the NAACP's Washington bureau", "Mark Regev, a
                # spokesman for …": the description after the name is no part of who is heard
                return self._name(person), True
            # "Netanyahu's office" and "the press service of Netanyahu" are the office;
            # "spokesman Muhammad al-Midana", the title right before the name, is the man
            raw = self.text[span[0] : span[1]]
            after = span[0] + len(raw) - len(raw.lstrip()) + office.end()  # ``words`` is ``raw`` stripped
            titled = any(
                e.text == person and e.start_char >= after and _RANKS.fullmatch(self.text[after : e.start_char].strip())
                for e in self.people
            )
            return (self._name(person), True) if titled else (f"{self._name(person)}'s office", False)
        if words.lower().split()[:1] == ["the"]:
            # "the competitive Roche": a described person the report names is that person
            *described, last = words.split()[1:] or [""]
            if last[:1].isupper() and all(w.islower() for w in described) and self._surname(last) in self.full:
                return self._name(last), True
            role = set(_title_keys([_TITLES.get(w, w) for w in re.findall(r"\w+", words.lower())]))
            holders = {self._name(n) for w in role for n in self.titled.get(w, set())}
            if len(holders) == 1:
                return holders.pop(), True
            return ("the " + words[4:] if words[:4] == "The " else words), False
        if words.lower() in PERSONAL_PRONOUNS or words.lower() in ("it", "us", "me", "them"):
            return None, False  # "I" in one report and "I" in another are not one speaker
        # a description after the name is no part of who is heard ("Democracy for America,
        # just one of several such groups")
        name, comma, _ = words.partition(",")
        if comma and name[:1].isupper():
            words = name.strip()
        # a surname the recogniser missed here ("Schiff told reporters") of a person it named
        return words, " " not in words and self._surname(words) in self.full


def _shown_speaker(text: str, att: _Attribution) -> str:
    """The speaker as the report shows it: a resolved pronoun's name, or "Netanyahu's office"
    for "his office" (the offsets still point at the words the text has)."""
    if att.resolved is not None:
        return text[att.resolved[0] : att.resolved[1]]
    assert att.speaker is not None
    words = text[att.speaker[0] : att.speaker[1]]
    if att.owner is None:
        return words
    owner = text[att.owner[0] : att.owner[1]]
    _, _, rest = words.partition(" ")
    return f"{owner}'s {rest}".strip()


def _row_attributions(text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, learned: bool = True) -> list[dict]:
    return _task_rows(text, _extract(text, doc, cues, learned, tagged_content=learned))


def _task_row(text: str, att: _Attribution) -> dict:
    """One attribution as the ``quotes`` task writes it: strings as in ``text``."""
    source = att.written or att.speaker
    return {
        "source": text[source[0] : source[1]] if source else "",
        "cue": text[att.cue[0] : att.cue[1]],
        "content": text[att.content[0] : att.content[1]],
        "start": att.content[0],
        "end": att.content[1],
    }


MAX_QUOTE_GAP = 12  # words between a direct quote and the next that continues it (6-25: macro within 0.0003)


def _continued(text: str, atts: list[_Attribution]) -> list[_Attribution]:
    """A direct quote runs on over the quotes that follow it in its paragraph with at most
    MAX_QUOTE_GAP words between (“A,” X said. “B.”) and that no other find holds."""
    qs = quote_spans(text)
    if not qs:
        return atts
    bounds = _para_bounds(text)
    starts = [a.content for a in atts]
    out = []
    for att in atts:
        cs, ce = att.content
        k = next((n for n, (o, c) in enumerate(qs) if o <= ce <= c + 1 or (o <= cs and ce <= c + 1)), None) if att.kind == "direct" else None
        if k is None:
            out.append(att)
            continue
        para = next(((x, y) for x, y in bounds if x <= cs <= y), None)
        end = ce
        while k + 1 < len(qs):
            o2, c2 = qs[k + 1]
            if para and o2 > para[1]:
                break
            if _words(text[qs[k][1] + 1 : o2]) > MAX_QUOTE_GAP:
                break
            if any(o2 <= x0 <= c2 for x0, x1 in starts if (x0, x1) != att.content):
                break
            end, k = c2, k + 1
        if end != ce:
            att = replace(att, content=(cs, _trim_content(text, cs, end + 1)[1]))
        out.append(att)
    return out


def _task_rows(text: str, atts: Iterable[_Attribution]) -> list[dict]:
    merged: list[_Attribution] = []
    for att in _continued(text, list(atts)):
        # one speech split by its attribution ("“A,” X said. “B.”") is one attribution here,
        # as the gold data writes it; the span runs from A to B (with finds between)
        prev = next((m for m in reversed(merged) if m.kind == att.kind == "direct" and m.cue == att.cue), None)
        if prev is not None:
            prev.content = (prev.content[0], max(prev.content[1], att.content[1]))
            continue
        merged.append(_Attribution(att.speaker, att.cue, att.content, att.kind, att.resolved, written=att.written))
    return [_task_row(text, att) for att in merged]


def predict_quotes(rows: list[dict], *, batch_size: int = 16, n_process: int = 1) -> list[dict]:
    """The ``quotes`` task: rows ``{id, text}`` -> ``{id, attributions: [...]}``.

    Strings are as written in ``text`` (a pronoun speaker stays a pronoun); ``start``/``end``
    are offsets of the content in ``text``. A row that fails comes back as ``{id, error}``.
    """
    from .nlp import english

    out: list[dict] = []  # in input order: callers pair outputs with rows by position
    good: list[tuple[int, str]] = []
    for row in rows:
        rid = str(row.get("id", ""))
        text = row.get("text")
        if not isinstance(text, str):
            out.append({"id": rid, "error": "missing or non-string 'text'"})
            continue
        out.append({"id": rid})
        good.append((len(out) - 1, text))
    nlp = english()
    docs = nlp.pipe((t for _, t in good), batch_size=batch_size, n_process=n_process)
    for (i, text), doc in zip(good, docs):
        try:
            out[i]["attributions"] = _row_attributions(text, doc)
        except Exception as exc:  # one bad row must not stop the file
            out[i]["error"] = f"{type(exc).__name__}: {exc}"
    return out


# --------------------------------------------------------------------------------------------
# Scoring (EVAL.md, task ``quotes``).

ROLES = ("source", "cue", "content")


@lru_cache(maxsize=65536)
def _tokens(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


def jaccard(a: str | None, b: str | None) -> float:
    """Token Jaccard of two strings (lowercased ``\\w+`` tokens)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta and not tb:
        return 1.0 if (a or "").strip() == (b or "").strip() else 0.0
    return len(ta & tb) / len(ta | tb)


def _match_count(pred: list[str], gold: list[str], threshold: float = 0.5) -> int:
    """One-to-one matches between predicted and gold spans, best overlaps first."""
    gtok = [_tokens(g) for g in gold]
    # with a positive threshold only spans sharing a token (or two empty ones) can match: an
    # index of the gold tokens keeps long rows fast
    by_token: dict[str, set[int]] = {}
    empty = set()
    for j, tg in enumerate(gtok):
        if not tg:
            empty.add(j)
        for w in tg:
            by_token.setdefault(w, set()).add(j)
    pairs = []
    for i, p in enumerate(pred):
        tp = _tokens(p)
        if threshold <= 0:
            cands: Iterable[int] = range(len(gold))
        elif not tp:
            cands = empty
        else:
            cands = set().union(*(by_token.get(w, ()) for w in tp))
        for j in cands:
            tg = gtok[j]
            if not tp and not tg:
                score = 1.0 if p.strip() == gold[j].strip() else 0.0
            else:
                union = len(tp | tg)
                score = len(tp & tg) / union if union else 0.0
            if score >= threshold:
                pairs.append((score, i, j))
    return _one_to_one(pairs)


def _one_to_one(pairs: list[tuple[float, int, int]]) -> int:
    """Greedy one-to-one matching, best score first: how many predictions find a gold item."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": float(tp), "predicted": float(n_pred), "gold": float(n_gold)}


def score_quotes(pred_rows: list[dict], gold_rows: list[dict], threshold: float = 0.5) -> dict:
    """Per role (source, cue, content): precision, recall and F1, micro-averaged over rows.

    Within a row, a predicted span matches a gold span of the same role when their token
    Jaccard is >= ``threshold``; matching is one-to-one (best overlaps first). A gold row with
    no prediction (or an ``error`` row) counts all its spans as missed. Empty strings are
    not spans. ``joint`` is stricter, for information: an attribution counts when all three
    roles match the same gold attribution.
    """
    preds = {str(r.get("id")): r for r in pred_rows}
    counts = {role: [0, 0, 0] for role in ROLES + ("joint",)}
    errors = 0
    for gold in gold_rows:
        rid = str(gold.get("id"))
        prow = preds.get(rid) or {}
        if "error" in prow:
            errors += 1
        p_atts = [a for a in (prow.get("attributions") or []) if isinstance(a, dict)]
        g_atts = [a for a in (gold.get("attributions") or []) if isinstance(a, dict)]
        for role in ROLES:
            p = [str(a.get(role) or "") for a in p_atts if (a.get(role) or "").strip()]
            g = [str(a.get(role) or "") for a in g_atts if (a.get(role) or "").strip()]
            c = counts[role]
            c[0] += _match_count(p, g, threshold)
            c[1] += len(p)
            c[2] += len(g)
        c = counts["joint"]
        c[0] += _joint_matches(p_atts, g_atts, threshold)
        c[1] += len(p_atts)
        c[2] += len(g_atts)
    result: dict = {role: _prf(*counts[role]) for role in ROLES + ("joint",)}
    result["rows"] = len(gold_rows)
    result["errors"] = errors
    result["macro_f1"] = sum(result[r]["f1"] for r in ROLES) / len(ROLES)
    return result


def _joint_matches(p_atts: list[dict], g_atts: list[dict], threshold: float) -> int:
    pairs = []
    for i, p in enumerate(p_atts):
        for j, g in enumerate(g_atts):
            scores = []
            for r in ROLES:  # stop at the first role below the threshold
                scores.append(jaccard(p.get(r), g.get(r)))
                if scores[-1] < threshold:
                    break
            else:
                pairs.append((sum(scores), i, j))
    return _one_to_one(pairs)


# --------------------------------------------------------------------------------------------
# The recipe behind CUE_WORDS.


def _candidate_cues(rows: Iterable[dict], min_count: int = 3) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for att in row.get("attributions") or []:
            words = _WORD.findall((att.get("cue") or "").lower())
            if len(words) == 1:
                counts[words[0]] = counts.get(words[0], 0) + 1
    return {w: n for w, n in counts.items() if n >= min_count}


def learn_cue_words(
    rows: list[dict],
    docs: "Iterable[Doc] | None" = None,
    *,
    min_count: int = 5,
    min_predicted: int = 5,
    min_precision: float = 0.5,
) -> frozenset[str]:
    """Cue words from gold attributions: frequent single-word gold cues that, used by this
    module's rules on ``rows``, give attributions whose content matches gold often enough."""
    candidates = frozenset(_candidate_cues(rows, min_count))
    if docs is None:
        from .nlp import english

        docs = english().pipe((r["text"] for r in rows), batch_size=16)
    hits: dict[str, list[int]] = {}
    for row, doc in zip(rows, docs):
        gold = [a.get("content") or "" for a in row.get("attributions") or []]
        for att in _row_attributions(row["text"], doc, candidates, learned=False):
            cue = (_WORD.findall(att["cue"].lower()) or [""])[-1]  # "has said" -> "said"
            h = hits.setdefault(cue, [0, 0])
            h[1] += 1
            if any(jaccard(att["content"], g) >= 0.5 for g in gold):
                h[0] += 1
    return frozenset(
        w for w, (ok, n) in hits.items() if w in candidates and n >= min_predicted and ok / n >= min_precision
    )


def iter_quotes(articles: Iterable[Article], docs: "Iterable[Doc]") -> Iterator[Quote]:
    """``find_quotes`` over articles and their parses, in order."""
    for article, doc in zip(articles, docs):
        yield from find_quotes(article, doc)


if __name__ == "__main__":  # pragma: no cover
    _main()
