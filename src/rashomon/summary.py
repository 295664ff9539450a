"""The neutral summary: what the sources share, in the least loaded wording they offer.

Nothing is generated: a generative model small enough to ship invents facts. Each summary
sentence is one claim group's chosen wording (see ``neutral_wording``), a long one without
its asides (see ``compress``), in this order:
consensus facts, then facts carried by several sources (most sources first) with how many
carry them, then conflicts stated as conflicts. Every sentence cites the claim ids it rests
on, so a reader can check it against the sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.model import Claim
from rashomon.nlp import CLOSING_MARKS, QUOTED, english

#: Most partial facts in a summary: beyond this it stops being a summary.
MAX_PARTIAL = 8
#: A summary sentence longer than this (in words) loses the reader: its asides are cut
#: (see :func:`compress`) until it fits or none is left.
LONG_SENTENCE_WORDS = 45
#: A sentence still longer than this once its asides are cut is left out of the summary (its
#: claim stays in the report): a run-on of eighty words ("The 45 year old Mexican/American,
#: born in …, who made a name for himself …, he reach worldwide popularity …, he died this
#: morning …") has no aside a parse can find, and no editor would print it.
UNREADABLE_WORDS = 70
#: A sentence whose content words are mostly (this share) in one sentence already written
#: tells the reader nothing new ("Netanyahu left the cabinet meeting to speak with Putin"
#: after "Netanyahu left his cabinet meeting to speak with Putin for 50 minutes"): the two
#: groups differ in a detail the earlier sentence already carries, so the later is left out.
REPEAT_SHARE = 0.7
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
#: an opening mark after the words that introduce a quotation, never closed: the speaker's
#: words run on into the next sentence ('He said: "I returned back to the airport …'), and an
#: editor closes the quotation rather than printing the speaker's "I" as the writer's
_LEFT_OPEN = re.compile(r"[,:]\s+([\"“„«])(?=\w)[^\"“”„«»]*$")
#: the one mark of a sentence closing a quotation after its words and a comma (or "!", "?"),
#: with the speaker and cue after it ('… a nut job," O'Neill said to The Daily Caller'): the
#: quotation opened before the sentence began
_CLOSED_BEFORE_CUE = re.compile(r"[^\"“”«»„]*\w[,!?]([\"”»])\s+\w[^\"“”«»„]*$")
_OPENING_MARK = {"”": "“", "»": "«", '"': '"'}
#: a single mark that closes a quotation: after a word, and not before a letter, where it is
#: an apostrophe ("wasn’t"); "‘Enough’, she said" and "'Enough'. Then …" close theirs
_SINGLE_CLOSER = r"\S['’](?!\w)"
#: the same with a single mark, as British papers print a quotation
_LEFT_OPEN_SINGLE = re.compile(rf"[,:]\s+(['‘])(?=[A-Z])(?!.*{_SINGLE_CLOSER})")
_RELATIVE_TIME = re.compile(r"\b(today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening|week))\b", re.IGNORECASE)
_PRONOUN_START = re.compile(r"(he|she|they|it|this|that|these|those)\b", re.IGNORECASE)
#: "also" between a named subject and its verb at the start of a sentence ("Netanyahu also
#: urged …", "The Prime Minister also asked …") points back at a sentence the reader of a
#: summary has not seen
_SUBJECT_ALSO = re.compile(r"^((?:[A-Z][\w'’.-]*\s){1,4})also\s+(?=[a-z]+(?:ed|s)\b)")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])(?=\s|$)")
#: a dash left at the end where the sentence went on after it ("… came back from his Iraq
#: expedition — and an insider said …", cut into two statements at the dash)
_TRAILING_DASH = re.compile(r"\s+(?:—|–|--?)\s*$")
#: a person the sentence does not name: "he", or "the latter" pointing at a sentence before
_PERSON_PRONOUN = re.compile(r"\b(he|she|him|the (?:latter|former))\b", re.IGNORECASE)
#: reporting verbs that take a side on what was said (news style guides' "words to watch":
#: "claimed" doubts it, "admitted" makes it a confession); "said" is the neutral verb
_SIDED_SAYING = re.compile(
    r"\b(claim(?:s|ed)?|insist(?:s|ed)?|admit(?:s|ted)?|concede[sd]?|confess(?:es|ed)?|allege[sd]?|"
    r"assert(?:s|ed)?|boast(?:s|ed)?)\b",
    re.IGNORECASE,
)
#: a connective closing a sentence ("There are some students who prefer freshman, though.")
#: sets it against the sentence before it in its report, which a summary does not show
_CLOSING_JUNK = re.compile(r",?\s+(?:though|however|too|as well)(?=[.!?]?$)", re.IGNORECASE)
_OPENING_JUNK = re.compile(
    r"^(?:(?:however|meanwhile|in turn|in addition|at the same time|on the other hand|for his part|for her part|"
    r"notably|contrastingly|in response|as reported|also|and|but|moreover|furthermore|additionally|nonetheless|"
    r"nevertheless|(?:later|still|instead|indeed|in fact|yet)(?=\s*,)|"
    # a phrase pointing back at a sentence the summary has not shown ("In it, Williams
    # described …" after "… when Williams filed his initial report")
    r"(?:(?:in|after|before|despite|with|because of|on top of) (?:it|this|that|them|these|those)|"
    r"as a result|in doing so|by doing so|to that end)(?=\s*,))\s*,?\s+)+",
    re.IGNORECASE,
)
#: the writer's comment on what follows ("It's interesting that eBay's New Technology Group
#: will also …", "Interestingly, …"): an opinion of the outlet's, not part of the fact
_COMMENT_OPENER = re.compile(
    r"^(?:it[’']s|it is) (?:(?:also|especially|particularly) )?(?:interesting|worth noting|notable|noteworthy|"
    r"no surprise|not surprising|unsurprising|telling|striking|ironic) that\s+|"
    r"^(?:interestingly|surprisingly|unsurprisingly|tellingly|strikingly|ironically|of course|to be sure)\s*,\s+",
    re.IGNORECASE,
)
#: "that" opening a clause cut from its sentence ("that the Kremlin …"), not the pronoun or
#: determiner that points back at a sentence not shown ("However, that would contradict
#: Apple", "That chip includes …"): those stay, and the wording loses as a pronoun start
_CLAUSE_THAT = re.compile(r"^that\s+(?=(?:the|a|an|he|she|they|it|we|its|his|her|their)\b|[A-Z])")


@dataclass
class SummarySentence:
    text: str
    claims: list[str]
    kind: str

    def to_dict(self) -> dict:
        return {"text": self.text, "claims": self.claims, "kind": self.kind}


def neutral_wording(
    mentions: Sequence[Claim],
    similarity: np.ndarray,
    loadedness: Callable[[Claim], float],
    shared: Collection[str] = (),
    refuting: Collection[str] = (),
) -> str:
    """Pick the mention that says the fact most plainly and most like the others.

    A good wording is central (close to every other mention of the fact), is a whole
    sentence with its own subject (not a clause cut from one, and not an unresolved "they"
    or "it", see ``Claim.pronoun_subject``), carries no quotation marks (a quote is
    someone's words, not the fact), has the fewest loaded words (its own, and its outlet's
    habit), no reporting verb that takes a side ("claimed", "admitted"), no time relative to
    a publication date ("today"), and states this fact alone: a mention in ``shared`` (claim ids that also state another group's fact) would
    repeat that fact's sentence. A person left as "he" or "she" (anywhere, not only first: "…
    at what he termed …") counts against a wording: the summary is read without the article
    that said who he is, so a wording that names him is better (a pronoun the claim finder
    resolved is already replaced by the name, see :func:`statement_text`). A headline or
    standfirst (``Claim.headline``) is a last resort: its telegraphic present tense ("Premier
    holds …") is not how a summary sentence reads. Discourse openers ("However,") are
    dropped from the chosen text, and a subject the text leaves out is put back in brackets
    (see :func:`statement_text`). A mention in ``refuting`` (claim ids of wordings that call
    the story false, where the group's sources mostly debunk it) comes first: "Cesar Millan
    has died of a heart attack, reports the site …" printed over "A hoax report claimed that
    … Cesar Millan had died" would repeat as news the rumour the sources expose.
    """
    return tidy(statement_text(mentions[rank_wordings(mentions, similarity, loadedness, shared, refuting)[0]]))


def rank_wordings(
    mentions: Sequence[Claim],
    similarity: np.ndarray,
    loadedness: Callable[[Claim], float],
    shared: Collection[str] = (),
    refuting: Collection[str] = (),
) -> list[int]:
    """Indices of the mentions, best wording first, as :func:`neutral_wording` judges them
    (so a caller can pass over one whose speaker is unknown, see :func:`attributed`)."""
    scores = []
    for i, claim in enumerate(mentions):
        text = statement_text(claim)
        # close to what the OTHER outlets said: a report's second sentence in the group is
        # close to its first, which says nothing of what the sources share
        others = [similarity[i, j] for j in range(len(mentions)) if mentions[j].source != claim.source]
        centrality = float(np.mean(others)) if others else 0.0
        score = centrality
        score -= 0.3 * bool(_QUOTE_MARKS.search(text))
        score -= 1.0 * (claim.context is not None)  # a clause cut from its sentence, subject elsewhere
        score -= 0.3 * (not text.lstrip("\"“'‘ ")[:1].isupper())  # a fragment, quoted or not: “fully accept …”
        score -= 0.5 * loadedness(claim)
        score -= 0.2 * bool(_RELATIVE_TIME.search(text))
        score -= 0.3 * (claim.pronoun_subject or bool(_PRONOUN_START.match(tidy(text))))  # "He criticized…": who?
        score -= 0.5 * bool(_PERSON_PRONOUN.search(text))  # "… at what he termed …": who, again?
        score -= 1.0 * (claim.id in shared)
        score -= 0.5 * claim.headline  # "Premier holds …": a headline's telegraphic style
        score -= 0.3 * bool(_SIDED_SAYING.search(text))  # "Netanyahu claimed …": doubts it
        words = len(text.split())
        score -= 0.01 * max(0, words - 30)
        score -= 0.3 * (words > 45)  # past this a reader loses the thread: any shorter wording first
        score -= 0.2 * (words < 6)
        score += 1.0 * (claim.id in refuting)  # what the sources say of the rumour: it is false
        scores.append(score)
    return sorted(range(len(mentions)), key=lambda i: -scores[i])  # stable: ties keep reading order


def attributed(text: str, speaker: str) -> str:
    """Someone's words as a summary may print them: quoted, with who said them.

    '“These families finally have access …”' becomes '“These families finally have access
    …,” Griffin said.'; a sentence cut from inside a longer quotation (no marks of its own)
    gets the marks back; words that start inside a sentence ("after his divorce he doesn't
    need …") follow the speaker in lower case: 'Rollinger said “after his divorce …”.'.
    """
    text = _SINGLE_OPENING.sub("", _LOST_HANDLE.sub(r"\1", text.strip()))
    words = _QUOTE_MARKS.sub("", text).strip()
    core = _QUOTE_MARKS.sub("", tidy(text)).strip()
    # "… the words 'subject to the jurisdiction thereof.'", "… among their members,'": the stop
    # or comma inside a quotation within the quotation goes, so the comma does not follow it
    inner = re.search(r"([.!?,])([’'])$", core)
    if inner:
        core = core[: inner.start()] + inner.group(2)
    stop = inner.group(1) if inner else core[-1] if core and core[-1] in ".!?" else "."
    core = core.rstrip(".!? ")
    if words[:1].islower():
        # words from inside a sentence of theirs keep their lower case, after who said them:
        # a capital would pass a fragment off as the whole of what was said
        return f"{speaker} said “{words[:1]}{core[1:]}”" + ("." if stop in ".," else stop)
    return f"“{core}{',' if stop == '.' else stop}” {speaker} said."


#: a stop or comma right after the opening mark, where the page lost what stood before it:
#: '“, I invited you to come …' (an embedded tweet whose "@realDonaldTrump" the page's text
#: dropped); the words go on without it
_LOST_HANDLE = re.compile(r"^([\"“‘']?)\s*[,;:.]\s+(?=\w)")


#: a single mark opening a quotation that a later sentence closes ("'But all that changed
#: when …", as British papers print a quotation): the double marks put round it replace it
_SINGLE_OPENING = re.compile(rf"^['‘](?=[A-Z])(?!.*{_SINGLE_CLOSER})")
_PRONOUN = re.compile(r"\b(he|she)\b", re.IGNORECASE)
_SUBJECTLESS = re.compile(r"^[\"“‘']?[a-z]")


def statement_text(claim: Claim) -> str:
    """The claim's words, readable on their own: who "he" is, or whose clause it is.

    A reader of a summary or a claim table sees the statement without its neighbours, so
    "he extended gratitude …" becomes "[Netanyahu] extended gratitude …" (the person the
    claim finder resolved, see ``Claim.antecedent``), and a clause cut from a longer sentence
    ("called for monitoring …") gets that sentence's subject: "[Lavrov] called for
    monitoring …", as does a clause that continues a verb before it ("[The family] are now
    living …", see ``Claim.shared_subject``). Brackets mark the words an editor added, as in
    print; the claim's span in the source is unchanged.
    """
    text = claim.text
    if claim.antecedent:
        return _PRONOUN.sub(f"[{claim.antecedent}]", text, count=1)
    subject = claim.context or claim.shared_subject
    if subject and _SUBJECTLESS.match(text):
        return f"[{subject[:1].upper()}{subject[1:]}] {text}"
    return text


def tidy(text: str) -> str:
    """Drop discourse openers and dangling quote marks; end with a full stop."""
    text = _CLAUSE_THAT.sub("", _OPENING_JUNK.sub("", _COMMENT_OPENER.sub("", _LOST_HANDLE.sub(r"\1", text.strip()))))
    text = _SUBJECT_ALSO.sub(r"\1", text)  # "Netanyahu also urged …": also, after what?
    text = _CLOSING_JUNK.sub("", text)  # "…, though.": set against a sentence not shown
    text = _SPACE_BEFORE_STOP.sub(r"\1", _TRAILING_DASH.sub("", text.strip(" ,;:")).strip(" ,;:"))  # "… office said ." as some pages print it
    if _QUOTE_MARKS.sub("", text) != text and len(_QUOTE_MARKS.findall(text)) % 2:
        left_open = _LEFT_OPEN.search(text)
        if left_open:  # the quotation runs on: close it with the mark that matches its opening
            text = _closed(text, CLOSING_MARKS.get(left_open.group(1), '"'))
        elif opened_before := _CLOSED_BEFORE_CUE.match(text):
            # 'They are basically casting her as a nut job," O'Neill said …': a quotation that
            # opened a paragraph or more before ends here with its speaker named after it; the
            # words before the mark are the speaker's, so they are shown as quoted
            text = _OPENING_MARK.get(opened_before.group(1), '"') + text
        else:
            text = _QUOTE_MARKS.sub("", text)  # a mark left from a quotation cut at its start
    single = _LEFT_OPEN_SINGLE.search(text)
    if single:  # told The Sun: ‘She was determined to find her son …
        text = _closed(text, "’" if single.group(1) == "‘" else "'")
    text = re.sub(r",([\"”’])\.?$", r".\1", text)  # a quotation cut before "…," the office said, or "…,” too."
    if text and text[0].islower() and not _INNER_CAPITAL.match(text):
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?\"”’'":
        text += "."
    return text


#: a name that keeps its lower-case start ("eBay", "iPhone"): a capital would misspell it
_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z]")


def _closed(text: str, mark: str) -> str:
    """A quotation that runs on past the sentence, closed after its stop."""
    text = text.rstrip()
    return text + ("" if text[-1:] in ".!?" else ".") + mark


#: an aside that names what a relative clause or "including" adds, not what the sentence states
#: ("whose" is not one: "the Steele, whose spokesman, it should be noted, tried to clarify …"
#: is parsed with the spokesman's verb outside the clause, and cutting it leaves nonsense)
_ASIDE_OPENERS = frozenset({"who", "which", "whom", "including"})


def _in_opening_phrase(tok) -> bool:
    """Whether ``tok`` sits in a phrase that opens its clause before the subject ("in many of
    the states with similar laws, … sexual orientation is protected"): the comma after an
    aside there also closes that phrase, so it stays."""
    for a in [tok, *tok.ancestors]:
        if a.dep_ in ("prep", "advcl", "npadvmod", "advmod") and a.head.pos_ in ("VERB", "AUX") and a.i < a.head.i:
            return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > a.i for c in a.head.children)
    return False


def _asides(doc) -> list[tuple[int, int]]:
    """Character spans of the asides in a parsed sentence that can go without breaking it.

    Three kinds, each set off by commas in the source, so a reader loses a detail and never
    the statement: a participle clause before the subject ("Wearing a dark suit …, Mr. Trump
    took the oath"), a description after a name (", then the director of the C.I.A.,"; never
    a name after a description: "his deputy, Michael J. Morell," keeps the name), and a
    non-restrictive clause or "including" phrase (", which were used by …", ", including the
    possible granting of foreign aid,"). The span runs from the comma before the aside through
    the comma after it (a closing full stop stays, and so does the comma closing an appositive
    the clause describes); an opening clause runs to the subject.
    """
    spans: list[tuple[int, int]] = []
    n = len(doc)
    for tok in doc:
        sub = list(tok.subtree)
        first, last = sub[0].i, sub[-1].i
        after = doc[last + 1] if last + 1 < n else None
        if tok.dep_ == "advcl" and first == 0 and tok.tag_ in ("VBG", "VBN") and tok.head.dep_ == "ROOT":
            if after is not None and after.text == "," and last + 2 < n:
                spans.append((0, doc[last + 2].idx))
            continue
        before = doc[first - 1] if first > 0 else None
        if before is None or before.text != "," or after is None or after.text not in {",", ".", ";"}:
            continue
        # a description is one phrase: a comma inside it means the parser took in what
        # follows ("Petraeus, then the director of the C.I.A., and his deputy"); a conjunct
        # alone does not ("Douglas Parker, chairman and chief executive of American Airlines,")
        name_description = (
            tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.pos_ != "PROPN"
            and not any(t.text == "," for t in sub)
        )
        clause = tok.dep_ in ("relcl", "prep") and sub[0].lower_ in _ASIDE_OPENERS
        if name_description or clause:
            # both commas go ("Petraeus and his deputy"); a closing stop stays, and so does the
            # comma that closes an appositive the clause hangs on ("His wife, Sandra Jackson[,
            # who resigned …], is expected")
            closes = after.text == "," and not (clause and tok.head.dep_ == "appos") and not _in_opening_phrase(tok)
            spans.append((before.idx, after.idx + closes))
    return spans


def compress(text: str, limit: int = LONG_SENTENCE_WORDS) -> str:
    """A long summary sentence without its asides, longest aside first, until it is at most
    ``limit`` words (see :func:`_asides`); a sentence within the limit is returned as is.

    Nothing inside quotation marks is cut (someone's words stay whole), and what remains is
    the source's own words in the source's order, so the sentence still says only what its
    cited claim says.
    """
    if len(text.split()) <= limit:
        return text
    spans = _cuttable(text)
    cut: list[tuple[int, int]] = []
    words = len(text.split())
    for a, b in sorted(spans, key=lambda ab: ab[0] - ab[1]):  # longest first
        if words <= limit:
            break
        if any(a < d and c < b for c, d in cut):
            continue
        cut.append((a, b))
        words -= len(text[a:b].split()) - (1 if a > 0 else 0)  # "," stays counted with its word
    return _without(text, cut) if cut else text


def _cuttable(text: str) -> list[tuple[int, int]]:
    """The asides of ``text`` (see :func:`_asides`) that hold no quotation: someone's words
    are never cut."""
    if "," not in text:
        return []  # every aside is set off by a comma: no parse needed
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    return [(a, b) for a, b in _asides(english()(text)) if not any(a < qe and qs < b for qs, qe in quoted)]


def _without(text: str, cut: Sequence[tuple[int, int]]) -> str:
    """``text`` less the aside spans ``cut`` (see :func:`_asides`), spaces tidied."""
    out, at = [], 0
    for a, b in sorted(cut):
        if a < at:
            continue  # nested in an aside already cut
        out.append(text[at:a])
        at = b
    out.append(text[at:])
    short = re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", "".join(out))).strip()
    return short[:1].upper() + short[1:]


def shared_only(text: str, others: Sequence[str]) -> str:
    """``text`` without the asides (see :func:`_asides`) that no other source's mention
    carries: a sentence credited to several sources says only what they share ("…, which was
    apparently very unfriendly" was one outlet's view, not the three sources' it is credited
    to). An aside stays when any of its content words is in another mention."""
    if not others:
        return text
    elsewhere = frozenset().union(*(_content_words(o) for o in others))
    cut = [(a, b) for a, b in _cuttable(text) if not (_content_words(text[a:b]) & elsewhere)]
    if not cut:
        return text
    short = _without(text, cut)
    return short if short.endswith((".", "!", "?", "\"", "”")) else short + "."


def _others(g: dict) -> list[str]:
    """The mentions of a group other than the one its wording came from (the mention sharing
    most words with it), from other sources."""
    mentions = g.get("mentions") or []
    if len(mentions) < 2:
        return []
    words = _content_words(g["text"])
    own = max(mentions, key=lambda m: len(_content_words(m["text"]) & words))
    return [m["text"] for m in mentions if m["source"] != own["source"]]


def _fitted(text: str, around: str) -> str:
    """``text`` compressed so that, with the words ``around`` it ("(2 of 3 sources).", "Sources
    differ on this: …"), the sentence stays within ``LONG_SENTENCE_WORDS``; no closing stop."""
    return compress(text, max(LONG_SENTENCE_WORDS - len(around.split()), 1)).rstrip(".")


def readable_reason(reason: str, names: dict[str, str] | None) -> str:
    """A conflict's reason names sources by id; a reader wants the outlet: "(b1030)" after
    a value, and the side of a denial or a hoax ("b1030 says it is false, b1174 tells it as
    fact")."""
    for sid, name in sorted((names or {}).items(), key=lambda kv: -len(kv[0])):
        if name and name != sid:
            reason = reason.replace(f"({sid})", f"({name})")
            reason = re.sub(rf"(?<![\w(]){re.escape(sid)}(?= (?:says|tells)\b)", lambda _m, n=name: n, reason)
    return reason


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _content_words(text: str) -> frozenset[str]:
    """What a sentence states, as a set of words: not how it attributes it ("According to
    the Times of Israel, …", "said").

    Not ``align.content_words``: that one drops two-letter words and plural "s", which
    suits matching mentions but not a share of what a sentence says ("Mr. Huckabee opposes
    same-sex marriage" would read as a repeat of a sentence naming same-sex marriage as an
    issue; on BASIL it drops that one sentence)."""
    text = _ACCORDING.sub("", text)
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and w not in _SAYING)


_ACCORDING = re.compile(r"^According to [^,]{1,60},\s*")


#: how a sentence attributes its content; two sentences that differ only here say one thing
_SAYING = frozenset({"said", "says", "according", "told", "stated", "reported", "added"})


def write_summary(groups: Sequence[dict], source_count: int) -> list[SummarySentence]:
    """Summary sentences from claim groups (dicts with id, text, coverage, sources, reason).

    Groups are expected in reading order (the order their first mentions appear).
    ``source_count`` counts independent sources, and so does each "N of M": a syndicated
    copy repeats its original, it does not add a source. Conflict reasons are used as given
    (``analyze`` has already named the outlets in them, see :func:`readable_reason`). A
    group with a ``summary_skip`` reason (its only wordings are a quotation whose speaker no
    stage found, or a clause cut from its sentence) is left out: a summary does not print
    words without saying whose they are, nor half a sentence. Nor does it say one thing
    twice: a sentence whose content words mostly appear in one already written is left out
    (``REPEAT_SHARE``). A sentence over ``LONG_SENTENCE_WORDS`` (its "N of M" or conflict
    reason counted) loses its asides (see :func:`compress`): it stays the source's words; one
    still over ``UNREADABLE_WORDS`` is left out, and the next partial fact takes its place.
    A summary of fewer than ``MIN_SENTENCES`` gets one report's lead, marked "(1 of M
    sources)", when the other reports carry most of its words (see :func:`_lead`).
    """
    out: list[SummarySentence] = []
    said: list[frozenset[str]] = []  # the content words of each sentence written so far

    def repeats(text: str) -> bool:
        words = _content_words(text)
        if any(_restates(before, words) for before in said):
            return True
        said.append(words)
        return False

    groups = [g for g in groups if not g.get("summary_skip")]
    consensus = _fullest([g for g in groups if g["coverage"] == "consensus"])

    def readable(text: str) -> bool:
        return len(text.split()) <= UNREADABLE_WORDS

    for g in groups:
        if g["coverage"] == "consensus" and g["id"] in consensus and not repeats(g["text"]):
            text = compress(shared_only(g["text"], _others(g)))
            if readable(text):
                out.append(SummarySentence(text, [g["id"]], "consensus"))
    partial = [g for g in groups if g["coverage"] == "partial"]
    partial.sort(key=lambda g: -(g.get("independent") or len(g["sources"])))
    partial = [g for g in partial if not repeats(g["text"])]
    written = 0
    for g in partial:
        if written == MAX_PARTIAL:
            break
        n = g.get("independent") or len(g["sources"])
        tail = f"({n} of {source_count} sources)."
        text = f"{_fitted(shared_only(g['text'], _others(g)), tail)} {tail}"
        if readable(text):
            out.append(SummarySentence(text, [g["id"]], "partial"))
            written += 1
    for g in groups:
        if g["coverage"] == "conflict":
            tail = f"— {g['reason']}."
            text = f"Sources differ on this: {_fitted(g['text'], 'Sources differ on this: ' + tail)} {tail}"
            if readable(text):
                out.append(SummarySentence(text, [g["id"]], "conflict"))
    if len(out) < MIN_SENTENCES and source_count > 1:
        lead = _lead(groups, repeats)
        if lead is not None:
            tail = f"(1 of {source_count} sources)."
            sentence = SummarySentence(f"{_fitted(compress(lead['text']), tail)} {tail}", [lead["id"]], "lead")
            out.insert(sum(s.kind == "consensus" for s in out), sentence)  # after what all report
    return out


def _fullest(groups: Sequence[dict]) -> set[str]:
    """Ids of the groups whose content no longer group restates: “We respect customer
    privacy and security,” Comcast said, beside “We respect customer privacy and security and
    would only investigate … with a valid court order,” prints one thing twice. The earlier
    sentence comes first in reading order, so the check on what is already written (see
    ``repeats`` in :func:`write_summary`) cannot see it; the fuller one is kept."""
    words = {g["id"]: _content_words(g["text"]) for g in groups}
    return {
        g["id"] for g in groups
        if not any(len(words[o["id"]]) > len(words[g["id"]]) and _restates(words[o["id"]], words[g["id"]]) for o in groups)
    }


def _restates(other: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a sentence with content ``other`` already says most (``REPEAT_SHARE``) of a
    sentence with content ``words``."""
    return len(words & other) >= REPEAT_SHARE * len(words)


#: Fewer summary sentences than this, and the summary opens with one report's lead (see
#: :func:`_lead`): three reports that share little in the same words still tell one event.
MIN_SENTENCES = 3
#: how much of a lead's content the other reports must carry, on average, to stand for them
LEAD_SHARE = 0.4


def _lead(groups: Sequence[dict], repeats: Callable[[str], bool]) -> dict | None:
    """The one report's lead statement that the other reports carry most of, in their own words.

    When the reports share little wording (the Schumer shutdown gold: "Democrats provided
    votes to fund the government on Monday in exchange for an assurance …", "The decision by
    Senate Democrats to end the government shutdown on Monday in exchange for a promised
    immigration vote …"), alignment leaves each lead on its own and the summary says almost
    nothing of what happened. A lead is one of a report's first two statements, the writer's
    own (not a quotation, no reporting verb that takes a side: "Griffin admitted …"), and fit
    for a summary; it is scored by the share of its content
    words each other report uses anywhere, averaged (``LEAD_SHARE`` at least).
    """
    told: dict[str, set[str]] = {}
    for g in groups:
        for m in g.get("mentions") or ():
            told.setdefault(m["source"], set()).update(_content_words(m["text"]))
    best, best_share = None, LEAD_SHARE
    for g in groups:
        mentions = g.get("mentions") or []
        if g["coverage"] != "unique" or g.get("summary_skip") or len(mentions) != 1 or _QUOTE_MARKS.match(g["text"]):
            continue
        if _SIDED_SAYING.search(g["text"]):
            continue  # one outlet's "admitted", "claimed": the others did not take that side
        source, _, n = mentions[0]["id"].rpartition(":")
        words = _content_words(g["text"])
        others = [w for s, w in told.items() if s != source]
        if not n.isdigit() or int(n) > 1 or not words or not others:
            continue
        share = sum(len(words & w) / len(words) for w in others) / len(others)
        if share > best_share:
            best, best_share = g, share
    if best is None or repeats(best["text"]):
        return None
    return best
