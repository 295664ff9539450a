"""Sentences and claim units: the statements a report makes, each with its exact span.

A report's sentences come from pysbd, which knows news abbreviations ("U.S.", "Dec.", "p.m.")
and keeps a quotation that runs over several sentences together with its attribution. A
sentence often states more than one thing — "spoke for an hour, criticizing X and expressing
Y" — and two sources rarely bundle the same things into one sentence, so aligning whole
sentences would hide agreement. English sentences are therefore cut into *claim units* along
the dependency parse: participial clauses after a comma, verbs coordinated with the main (or
the reported) verb, and sentence breaks inside a long quotation. Every unit keeps its own
contiguous span, mapped through ``Article.locate`` into the source's offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rashomon.model import Article, Claim, Sentence, sentence_cut
from rashomon.nlp import FINITE_TAGS, MONTH, PERSON_NOUNS, english, family_name, full_name, name_key, without_plural_s, without_possessive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan, Token

#: Characters that open a list item and are not part of the statement.
BULLETS = "•●▪‣◦·–—-*►▶"
#: A unit shorter than this (in words) is a fragment, not a statement: it stays in its sentence.
MIN_UNIT_WORDS = 4
#: Sentences shorter than this (in words) are headings or captions, not statements.
MIN_SENTENCE_WORDS = 4

_WORD = re.compile(r"\w+")
_TRIM_LEFT = re.compile(r"^[\s" + re.escape(BULLETS) + r",;:]+")
_TRIM_RIGHT = re.compile(r"[\s,;:]+$")
#: a wire story's dateline before its first sentence: "WASHINGTON –", "Denver (AP) —",
#: HuffPost's "WASHINGTON ―" (a horizontal bar),
#: "LONDON, Dec 10 (Reuters) -", UPI's "PROVO, Utah, Dec. 23 (UPI) --", "WASHINGTON—Joining" (a dash with no space after it only
#: when it is a dash, not a hyphen: "U.S.-Backed" is no dateline); a place in capitals or
#: followed by an agency in brackets
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'’ ]{1,30}?)(?:,\s*[\w. ]{1,20}?){0,2}(?P<agency>\s*\([A-Za-z. ]{2,20}\))?\s*(?:[–—―-]{1,2}\s+|[–—―])(?=[A-Z“\"‘'])"
)
#: an agency's dateline with the day and a colon: "London, Nov 24 : Kim Jong-un has …",
#: "New Delhi, Jan. 5 (IANS): …"; the date tells it from a speaker's "Smith: …"
_DATED_DATELINE = re.compile(
    rf"(?P<place>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){{0,2}}),\s*{MONTH}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*(?:\([A-Za-z. ]{{2,20}}\))?\s*:\s+(?=[A-Z“\"‘'])"
)
#: a sentence that ends as prose does: a stop, maybe inside closing quotes or brackets
_STOPPED = re.compile(r"[.!?…][\"”’'»)\]]*\s*$")
PYSBD_LANGUAGES = {
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl", "da",
    "fr", "my", "el", "it", "ja", "de", "kk", "sk",
}


@dataclass(frozen=True)
class TextSpan:
    """A span of ``Article.text`` (not yet mapped to the source's offsets)."""

    start: int
    end: int


@lru_cache(maxsize=8)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language if language in PYSBD_LANGUAGES else "en", clean=False)


#: pysbd's rules take time that grows faster than a paragraph's length (a one-paragraph
#: 80 kB paste took 30 s, a 1.5 MB one would take hours), so a longer paragraph is first cut
#: at a sentence end (``model.sentence_cut``) into pieces of at most this many characters
SEGMENT_PIECE_CHARS = 5000


def _pieces(text: str, size: int = SEGMENT_PIECE_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``size`` characters (joined, they are
    ``text``), each cut after the last sentence end inside it, else at a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = sentence_cut(text[start : start + size], size) or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


#: a US state as the AP abbreviates it, ending a pysbd sentence ("… with Wash."), and a
#: title opening the next ("Gov. Jay Inslee …"): one sentence, "Wash. Gov. Jay Inslee"
_STATE_END = re.compile(
    r"\b(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb"
    r"|Nev|Okla|Ore|Pa|Tenn|Vt|Va|Wash|Wis|Wyo|N\.[CDHJMY]|S\.[CD]|R\.I|W\.Va)\.\s*$"
)
_TITLE_START = re.compile(r"\s*(?:Gov|Lt|Sen|Rep|Atty|Sec)\.\s")


def segment(text: str, language: str = "en") -> list[str]:
    """The sentences of one paragraph, as pysbd splits them (see ``SEGMENT_PIECE_CHARS``
    for a very long one); ``language`` is an ISO code, English rules for one pysbd lacks.
    A state abbreviation before a title ("Wash. Gov. Jay Inslee") ends no sentence."""
    segmenter = _segmenter(language)
    sentences = [sent for piece in _pieces(text) for sent in segmenter.segment(piece)]
    out: list[str] = []
    for sent in sentences:
        if out and language == "en" and _STATE_END.search(out[-1]) and _TITLE_START.match(sent):
            out[-1] += sent  # clean=False: the pieces keep their spaces, so they join as written
            continue
        closing = _CLOSING_START.match(sent)
        if out and closing and not out[-1][-1:].isspace():
            # a closing mark pysbd cut from its words: it ends the sentence before, and a
            # clause in lower case after it is that sentence's attribution ("… ?” he asked.")
            rest = sent[closing.end() :]
            if rest[:1].islower():
                out[-1] += sent
                continue
            out[-1] += sent[: closing.end()]
            sent = rest
        out.append(sent)
    return out


#: a sentence pysbd opened with the closing quotation mark of the one before: '… ¶ Jail!”
#: Trump tweeted early Tuesday.' gave "Jail!" and "” Trump tweeted early Tuesday." when the
#: quotation had opened in an earlier paragraph (the mark, the spaces after it, and words:
#: a mark alone at a paragraph's end is left as pysbd cut it, a "sentence" with no words)
_CLOSING_START = re.compile(r"[”’]+\s*(?=\w)")


def _trimmed(text: str, start: int, end: int) -> TextSpan | None:
    """Drop bullet marks, spaces and dangling punctuation at the edges of a span."""
    piece = text[start:end]
    left = _TRIM_LEFT.match(piece)
    if left:
        start += left.end()
    piece = text[start:end]
    right = _TRIM_RIGHT.search(piece)
    if right:
        end = start + right.start()
    return TextSpan(start, end) if end > start else None


def dateline_end(text: str, start: int, end: int | None = None) -> int | None:
    """Where a wire dateline opening ``text[start:end]`` ends ("WASHINGTON – ", "Denver (AP)
    — "), or ``None`` when there is none: the place is where the story was filed, not part
    of what it states, nor a speaker."""
    dated = _DATED_DATELINE.match(text, start, len(text) if end is None else end)
    if dated is not None:
        return dated.end()
    m = _DATELINE.match(text, start, len(text) if end is None else end)
    if m is None or len(m.group("place").split()) > 4:
        return None
    place = m.group("place")
    if not (m.group("agency") or (place.upper() == place and any(c.isalpha() for c in place))):
        return None
    return m.end()


#: a live page's update stamp before a paragraph ("UPDATE - May 30, 10 p.m.: ", "5:20 p.m. ET:
#: ", "UPDATE: ", or the label glued to the sentence when the page lost its markup: "Update
#: A regional security expert reports …"): when the page changed, not what the story states
_UPDATE_STAMP = re.compile(
    r"(?:UPDATED?|Updated?)\s+(?=(?:A|An|The)\s+[a-z])|"
    r"(?:(?:UPDATED?|Updated?)\b\s*[:–—-]?\s*)?"
    rf"(?:{MONTH}\.?\s+\d{{1,2}},?\s*(?:\d{{4}},?\s*)?)?"
    r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4})?\s*)?[:–—-]\s+(?=[A-Z“\"‘'])"
)


#: a label a page sets before a paragraph to sell it ("BREAKING NEWS: Sources are reporting
#: …", "EXCLUSIVE: …", "JUST IN: …"): how the page flags the story, not what it states
_KICKER = re.compile(
    r"(?:BREAKING(?: NEWS)?|Breaking(?: [Nn]ews)?|JUST IN|Just in|EXCLUSIVE|DEVELOPING|NEWS ALERT|ALERT)\s*[:–—-]\s+(?=[A-Z“\"‘'])"
)


def lead_end(text: str, start: int, end: int | None = None) -> int | None:
    """Where the story's own wording starts in a paragraph opening at ``start``, after its
    dateline, update stamp and kicker label, or ``None`` when it has none: they say where and
    when the report was filed or changed and how the page sells it, not what it states, nor
    who speaks."""
    end = len(text) if end is None else end
    cut = dateline_end(text, start, end)
    pos = start if cut is None else cut
    kicker = _KICKER.match(text, pos, end)
    if kicker is not None:
        pos = kicker.end()
    stamp = _UPDATE_STAMP.match(text, pos, end)
    if stamp is not None and _is_stamp(stamp.group(0)):
        pos = stamp.end()
    return None if pos == start else pos


def _after_dateline(text: str, span: TextSpan) -> TextSpan:
    """A paragraph's first sentence without its dateline or update stamp."""
    cut = lead_end(text, span.start, span.end)
    return span if cut is None else TextSpan(cut, span.end)


_STAMP_WORD = re.compile(r"UPDATED?|Updated?")
_CLOCK_TIME = re.compile(r"\d\s*[ap]\.?\s?m\b")


def _is_stamp(found: str) -> bool:
    """An update stamp says it is one or gives a clock time; a bare "May 30:" or a lone
    dash is not enough."""
    return bool(_STAMP_WORD.match(found) or _CLOCK_TIME.search(found))


_MONTH = MONTH + r"\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
#: a date with its year: "26 September 2013", "Sep 14, 2013", "09 / 14 / 2013", "2013 - 09 - 26"
_PAGE_DATE = (
    rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|\d{{1,2}}\s?[/.-]\s?\d{{1,2}}\s?[/.-]\s?(?:{_YEAR}|\d{{2}})\b|{_YEAR}\s?[/.-]\s?\d{{1,2}}\s?[/.-]\s?\d{{1,2}}\b)"
)
#: a clock time: "18: 07 (GMT+05: 00)", "1: 35 pm", "5: 59 PM EDT"
_PAGE_TIME = (
    r"(?:\d{1,2}\s?:\s?\d{2}(?:\s?:\s?\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
    r"(?:\s?\(?(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?:\s?:\s?\d{2})?\)?|\s(?:[ECMP][SD]?T|GMT|UTC)\b)?)"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
#: what a page says it stamps: "Published:", "Updated", "First Posted", "Last updated at"
_STAMP_LEAD = r"(?:(?:First\s+)?(?:Published|Updated|Posted|Edited|Last\s+updated)(?:\s+(?:time|on|at))?\s?:?\s+)"
_STAMP_PIECE = (
    rf"(?:{_STAMP_LEAD}?{_WEEKDAY}?(?:{_PAGE_DATE}(?:,?\s*(?:@|at)?\s*{_PAGE_TIME})?|{_PAGE_TIME}(?:,?\s*{_PAGE_DATE})?))"
)
_PAGE_STAMP = re.compile(rf"{_STAMP_PIECE}(?:[\s,|-]*{_STAMP_PIECE})*[\s,|-]*", re.IGNORECASE)
_STAMP_LEAD_RE = re.compile(_STAMP_LEAD, re.IGNORECASE)
#: a page's address, as pasted or as a tokenised corpus spaces it ("http: / / en. trend. az /
#: regions / … / 2194453. html")
_PAGE_URL = re.compile(r"(?:https?|ftp)\s?:\s?/\s?/\s?[\w-]+(?:(?:\s?[./_=?&%#~+;:-]\s?)+[\w-]+)*\s?/?\s*")
#: how far after the address a page's time stamp may come (the headline lies between)
HEADER_WORDS = 40


def page_header_end(text: str) -> int:
    """Where a page's header ends when a paragraph opens with one: the page's address, then
    the headline and its time stamp run on into the story on one line ("http: / / en. trend.
    az / … . html Electoral districts established … 4 October 2013, 18: 07 (GMT+05: 00)
    Regarding the election …", as ECB+ and many pasted pages give it). 0 when the paragraph
    opens with no address. The address is cut, and the headline with it when a stamp with a
    year or a clock time follows within ``HEADER_WORDS`` words; a second stamp counts only
    when the page says what it stamps ("Updated …"): a later time is one the story gives."""
    m = _PAGE_URL.match(text)
    if m is None:
        return 0
    end = cut = m.end()
    window = min(len(text), end + 40 * HEADER_WORDS)  # characters: words are far shorter than 40
    for stamp in _PAGE_STAMP.finditer(text, end, window):
        if len(text[end : stamp.start()].split()) > HEADER_WORDS:
            break
        if cut > end and not _STAMP_LEAD_RE.match(stamp.group(0)):
            break
        cut = stamp.end()
    return cut


def sentence_spans(article: Article) -> list[TextSpan]:
    """Sentences of ``article.text``, paragraph by paragraph, as spans of that text.

    Offsets are found by searching each pysbd sentence from a moving cursor rather than
    trusting pysbd's own character spans, which drift when a sentence repeats.
    """
    language = (article.language or "en")[:2]
    spans: list[TextSpan] = []
    pos = 0
    for para in article.paragraphs:
        cursor = page_header_end(para.text)
        for sent in segment(para.text[cursor:], language):
            core = sent.strip()
            if not core:
                continue
            found = para.text.find(core, cursor)
            if found < 0:  # pysbd changed the text: fall back to the rest of the paragraph
                found, core = cursor, para.text[cursor:].rstrip()
            cursor = found + len(core)
            span = _trimmed(article.text, pos + found, pos + found + len(core))
            if span is not None and found == 0:
                span = _after_dateline(article.text, span)
            if span is not None:
                spans.append(span)
        pos += len(para.text) + 2
    return spans


def split_sentences(article: Article) -> list[Sentence]:
    """The article's sentences as records, offsets into the source's base text."""
    out = []
    for span in sentence_spans(article):
        start, end = article.locate(span.start, span.end)
        out.append(Sentence(start, end, article.base[start:end], source=article.id))
    return out


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _cut_points(sent: "SpacySpan") -> list[int]:
    """Character offsets (in the doc) where a new claim unit starts inside this sentence.

    Cuts happen before: a participial clause introduced by a comma ("…, criticizing X"); a
    verb coordinated with the main verb or with the verb of what was reported ("expressed X
    and criticized Y"); a sentence that the parser sees inside one long quotation. Never
    inside someone's words: a clause cut from a quotation has no speaker of its own.
    """
    text = sent.doc.text
    line = text.rfind("\n", 0, sent.start_char) + 1
    anchors = {t for t in _roots(sent) if t.pos_ in ("VERB", "AUX")}
    for root in list(anchors):
        anchors.update(t for t in root.children if t.dep_ in ("ccomp", "xcomp") and t.pos_ in ("VERB", "AUX"))
    cuts: set[int] = set()
    for tok in sent:
        first = tok.left_edge
        if first.i <= sent.start or tok.head not in anchors or not _reaches_end(tok, sent):
            continue
        before = tok.doc[first.i - 1]
        participle = not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in tok.children)
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and before.text == "," and participle and not _set_off_tail(tok):
            start_tok = first
        elif tok.dep_ == "conj" and tok.pos_ == "VERB" and first.tag_ not in ("WDT", "WP", "WP$") and not _word_piece(tok):
            # start the unit at the conjunction word that joins it ("and", "but"), so the
            # span reads naturally; the conjunction itself is trimmed below
            cc = [c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i]
            if not cc and before.lower_ in _JOINING_WORDS and before.head.pos_ in ("VERB", "AUX"):
                cc = [before]  # "…, and soon after, his crash revealed …": the parse hung "and" on another verb
            start_tok = cc[-1] if cc else first
            if start_tok.i <= sent.start or start_tok.lower_ in _ALTERNATIVE_WORDS:
                continue  # "left workers furloughed or working without pay": neither alone is told
            if not cc and not {before.text, first.text} & _JOINING_MARKS:
                continue  # "as the main building does not come …": no word or mark joins it, a misparse
        else:
            continue
        if _inside_quotation(text, line, first.idx):
            continue  # someone's words stay whole: a clause cut from them has no speaker
        cuts.add(start_tok.idx)
        anchors.add(tok)
    # a quotation holding several sentences: the parser's own sentence breaks
    for tok in sent[1:]:
        if tok.is_sent_start and _ends_sentence(tok.doc[sent.start : tok.i]):
            cuts.add(tok.idx)
    return sorted(cuts)


def _word_piece(tok: "Token") -> bool:
    """The first piece of a hyphenated word ("de" of "de-escalate"), which the parser may
    read as a verb of its own."""
    return not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("-", "–")


#: what joins a second verb to the first ("expressed X and criticized Y", "…; it added …")
_JOINING_WORDS = frozenset({"and", "but", "yet"})
#: what offers a second verb as another possibility or as what did not happen, not another
#: fact ("grew naturally rather than having been planted")
_ALTERNATIVE_WORDS = frozenset({"or", "nor", "than"})
_JOINING_MARKS = frozenset({",", ";", "—", "–", "--"})


def _inside_quotation(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside quotation marks, reading the marks from ``start`` (the line's
    first character)? Curly and straight double marks and guillemets; single marks only
    where they cannot be apostrophes (an opener before a word, after a space; a closer not
    followed by a letter). A closing mark later in the line with no opening mark before
    ``pos`` means the line continues a quotation begun in an earlier sentence ("… who are
    twins.  But all that changed … and relatives.\"")."""
    depth = 0
    for i in range(start, pos):
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch in "“«" or (ch in "‘'" and not prev.isalnum() and nxt.isalnum()):
            depth += 1
        elif ch in "”»" or (ch in "’'" and depth and not prev.isspace() and not nxt.isalnum()):
            depth = max(depth - 1, 0)
        elif ch == '"':
            depth = depth - 1 if depth and not nxt.isalnum() else depth + 1
    if depth:
        return True
    end = text.find("\n", pos)
    rest = text[pos : end if end >= 0 else len(text)]
    closes = re.search(r"[^\s][”\"]|[.,!?]['’](?!\w)", rest)
    return bool(closes) and not re.search(r"[“«]|(?<![\w.,!?])[\"‘']\w", rest[: closes.start() + 1])


def _set_off_tail(verb: "Token") -> bool:
    """A participle whose object is followed by a comma and then a prepositional phrase of its
    own ("…, holding a Russian passport, from captivity in Gaza"): the parser has hung the
    main clause's phrase on an aside; cutting there would leave "from captivity" in a
    fragment of its own."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    return any(
        c.dep_ == "prep" and c.i > obj.right_edge.i and doc[c.i - 1].text == "," for c in verb.children
    )


def _ends_sentence(tokens: "SpacySpan") -> bool:
    """True when the tokens end with a full stop (or ! ?), perhaps inside a closing quote."""
    tail = [t.text for t in tokens[-2:]]
    return bool(tail) and (tail[-1] in ".!?" or (len(tail) == 2 and tail[0] in ".!?" and tail[1] in "\"'”’»"))


def _reaches_end(tok: "Token", sent: "SpacySpan") -> bool:
    """A clause can stand as its own unit only if nothing of the main clause follows it.

    "extended gratitude for the release of a citizen, holding a Russian passport, from
    captivity" must not lose "from captivity" to a participle that only modifies "citizen".
    """
    later = set()
    for sibling in tok.head.children:
        if sibling.i > tok.i and sibling.dep_ in ("conj", "cc", "advcl", "punct"):
            later.update(t.i for t in sibling.subtree)
    rest = tok.doc[tok.right_edge.i + 1 : sent.end]
    return all(t.is_punct or t.is_space or t.i in later for t in rest)


_LEADING_JOINERS = re.compile(r"^(?:(?:and|but|while|as well as|also|then)\b[\s,]*)+", re.I)


def unit_spans(text: str, sentence: TextSpan, doc: "Doc | None") -> list[TextSpan]:
    """Cut one sentence (a span of ``text``) into claim units; at least the sentence itself."""
    if doc is None:
        return [sentence]
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if sent is None or len(sent) < 2 * MIN_UNIT_WORDS:
        return [sentence]
    cuts = [c for c in _cut_points(sent) if sentence.start < c < sentence.end]
    bounds = [sentence.start, *cuts, sentence.end]
    units: list[TextSpan] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = _trimmed(text, a, b)
        if piece is None:
            continue
        lead = _LEADING_JOINERS.match(text[piece.start : piece.end])
        if lead and lead.end() < piece.end - piece.start:
            piece = TextSpan(piece.start + lead.end(), piece.end)
        units.append(piece)
    # a fragment is not a statement on its own: it joins its neighbour (the one before it,
    # or the one after when it comes first)
    merged: list[TextSpan] = []
    carry: int | None = None
    for unit in units:
        start = unit.start if carry is None else carry
        carry = None
        if _words(text[unit.start : unit.end]) < MIN_UNIT_WORDS:
            if merged:
                merged[-1] = TextSpan(merged[-1].start, unit.end)
            else:
                carry = start
            continue
        merged.append(TextSpan(start, unit.end))
    if carry is not None and merged:
        merged[-1] = TextSpan(merged[-1].start, units[-1].end)
    return merged or [sentence]


def _has_verb(doc: "Doc", unit: TextSpan) -> bool:
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


def has_finite_verb(span: "SpacySpan") -> bool:
    """Whether the unit reads as a sentence: it has a finite verb (past, present, modal; a
    bare verb at the root, an imperative) and does not open on a participle in lower case.
    A unit cut from "…, with Gov. Jay Inslee and Mayor Ed Murray banning travel" has no
    finite verb; one cut from "lawmakers have been defending and trying to explain the law
    ever since the governor signed it" opens on "trying": the verb it has is the clause's
    after "since". Any finite verb counts, not only the parse's root, because the small
    parser sometimes roots a sentence on a noun ("President Trump assailed Democrats …")."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return True
    if words[0].tag_ in ("VBG", "VBN") and words[0].text[:1].islower():
        return False
    return any(_finite(t) for t in words)


def _finite(tok: "Token") -> bool:
    """A finite verb, or a past form with its own subject that the tagger read as a
    participle ("a blood clot developed", "Angie's List … put on hold plans")."""
    if tok.tag_ in FINITE_TAGS or (tok.tag_ == "VB" and tok.dep_ == "ROOT"):
        return True
    return tok.tag_ in ("VBN", "VB") and any(c.dep_ == "nsubj" for c in tok.children)


def claim_units(article: Article, doc: "Doc | None" = None) -> list[Claim]:
    """Every statement of a report as a ``Claim`` with offsets into the source's base text.

    ``doc`` is the spaCy parse of ``article.text`` (English only); without it each sentence
    is one unit. Headings and captions under ``MIN_SENTENCE_WORDS`` words are left out, and
    so is a statement the report has already made word for word (a photo caption repeated
    under each picture): the report states it once.
    """
    claims: list[Claim] = []
    said: set[str] = set()
    topic = _Topic(doc)
    for sentence in sentence_spans(article):
        readable: dict[int, str] = {}  # a subject token of this sentence -> who it is, for a reader
        if _words(article.text[sentence.start : sentence.end]) < MIN_SENTENCE_WORDS:
            topic.read(sentence)
            continue
        units = unit_spans(article.text, sentence, doc)
        subject = _sentence_subject(doc, sentence) if doc is not None and len(units) > 1 else None
        headline = not _STOPPED.search(article.text[sentence.start : sentence.end])
        for unit in units:
            if doc is not None and not _has_verb(doc, unit):
                continue  # a heading or a caption states nothing
            start, end = article.locate(unit.start, unit.end)
            words = " ".join(article.base[start:end].split()).lower()
            if words in said:
                continue
            said.add(words)
            context = subject if subject and not _has_subject(doc, unit) else None
            span = doc.char_span(unit.start, unit.end, alignment_mode="expand") if doc is not None else None
            subj = _root_subject(span) if span is not None else None  # the unit's own subject
            antecedent = topic.antecedent(span, subj)
            if subj is not None and (who := antecedent or _readable_subject(subj, sentence)):
                readable[subj.i] = who
            shared = _shared_subject(span, readable) if span is not None and context is None else None
            claims.append(
                Claim(
                    f"{article.id}:{len(claims)}", article.id, start, end, article.base[start:end],
                    context, antecedent, headline,
                    pronoun_subject=antecedent is None and subj is not None and subj.lower_ in _PRONOUN_SUBJECTS,
                    names=(named_things(span) | _person_key(antecedent)) if span is not None else frozenset(),
                    verbs=verbs_used(span) if span is not None else frozenset(),
                    quoted=quoted_words(span) if span is not None else frozenset(),
                    roles=named_roles(span) if span is not None else None,
                    finite=span is None or has_finite_verb(span),
                    shared_subject=shared,
                )
            )
        topic.read(sentence)
    return claims


#: entity types that name one thing a fact can be about; places (GPE, LOC) and nationalities
#: are the setting of many facts, dates and numbers are read as figures elsewhere
_NAMED_KINDS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def named_things(span: "SpacySpan") -> frozenset[str]:
    """The named things a unit mentions (``Claim.names``), keyed as framing keys them
    (``nlp.name_key``): a person by surname, so "Vladimir Putin" and "Putin" are one key;
    anything else by its whole name without "the" or a possessive."""
    keys = ((name_key(ent), ent.text) for ent in span.ents if ent.label_ in _NAMED_KINDS)
    # two letters name a thing only when written as an acronym ("U.N."), not "Mr" or "AP"
    return frozenset(key for key, written in keys if len(key) >= 3 or "." in written)


def _person_key(antecedent: str | None) -> frozenset[str]:
    """The named thing a resolved "he" or "she" stands for, keyed as ``named_things`` keys
    a person (by family name): "he did not answer directly" names Pence as much as "Mr.
    Pence did not directly answer" does."""
    if not antecedent:
        return frozenset()
    key = family_name(antecedent.split()).lower()
    return frozenset({key}) if len(key) >= 3 else frozenset()


#: verbs every news story uses: for how it knows (speech and reporting), and the light verbs
#: of any statement ("make", "take", "give"); a fact is not told by such a verb
_COMMON_VERBS = frozenset(
    "say tell add note report state explain write argue insist claim announce accord comment "
    "speak talk ask call confirm describe quote cite suggest believe think know want make take "
    "give go come get see include use continue remain become begin seem show need try keep".split()
)


#: a quoted word rarer than this in English (wordfreq's Zipf scale: 4.5 is about 30 uses per
#: million words) is distinctive enough to tell one remark from another: "garbage" (4.2),
#: "henchmen" (2.9), "coward" (3.7) are; "attack" (5.1) and "story" (5.5) are not
QUOTED_WORD_ZIPF = 4.5


def quoted_words(span: "SpacySpan") -> frozenset[str]:
    """The uncommon content words a unit carries inside quotation marks (``Claim.quoted``):
    nouns, verbs, adjectives and adverbs of four letters or more, rarer in English than
    ``QUOTED_WORD_ZIPF``, lower case, plural "s" dropped. Names are left out
    (``named_things`` reads them), and so are stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP
    from wordfreq import zipf_frequency

    text = span.doc.text
    if not any(mark in span.text for mark in "\"“”«»‘’'"):
        return frozenset()
    line = text.rfind("\n", 0, span.start_char) + 1
    out = set()
    for tok in span:
        if tok.pos_ not in ("NOUN", "VERB", "ADJ", "ADV") or tok.ent_type_ or not tok.is_alpha:
            continue
        word = tok.lower_
        if len(word) < 4 or word in SPACY_STOP or tok.is_stop:
            continue
        if zipf_frequency(word, "en", wordlist="small") >= QUOTED_WORD_ZIPF or not _inside_quotation(text, line, tok.idx):
            continue
        out.add(without_plural_s(word))
    return frozenset(out)


@lru_cache(maxsize=1)
def _lemmatizer():
    """The packaged pipeline's rule lemmatizer (loaded with it but not run on the shared
    parse), with the verbs and the nouns it lists; ``None`` without one."""
    nlp = english()
    if "lemmatizer" not in nlp.component_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index") if lemmatizer.lookups.has_table("lemma_index") else {}
    return lemmatizer, frozenset(index.get("verb", ())), frozenset(index.get("noun", ()))


def _lemmas(word: str, pos: str) -> set[str]:
    """The lemmas ``word`` may have as a ``pos`` ("verb", "noun") by the lemmatizer's own
    exception list and suffix rules ("noticed" -> notice, "took" -> take), the word itself
    among them: no parse needed for one word."""
    found = _lemmatizer()
    if found is None:
        return {word}
    lookups = found[0].lookups
    exceptions = lookups.get_table("lemma_exc").get(pos, {}) if lookups.has_table("lemma_exc") else {}
    rules = lookups.get_table("lemma_rules").get(pos, []) if lookups.has_table("lemma_rules") else []
    out = {word, *exceptions.get(word, ())}
    out |= {word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old) and len(word) > len(old) + 1}
    return out


#: auxiliaries and modals: a statement in lower case that opens on one has lost its subject;
#: with the stems of their negative forms as a word pattern reads them ("don" of "don't")
_AUXILIARIES = frozenset(
    """would could should will can may might must shall has have had is are was were does did
    don doesn didn isn aren wasn weren hasn haven hadn wouldn couldn shouldn""".split()
)


def opens_on_a_bare_verb(text: str) -> bool:
    """Whether ``text`` starts in lower case on a verb that is no noun ("ensure the campus
    does not promote …", the rest of "to promote inclusivity, diversity, and ensure …"; "noticed
    blood on his trousers", the rest of "He woke up … and noticed …"), perhaps after an adverb
    ("quickly changed his mind"): a clause cut from its sentence, with no subject of its own.
    "water from the reservoir poured …" and "costs rose …" (nouns too) are whole clauses that
    lost only their capital. An auxiliary or modal ("would only investigate …", the rest of
    "We respect privacy and would only …"; "certainly don't make faces") is one."""
    m = re.match(r"\s*[\"“‘']?\s*([a-z]+)\b(?:[’'][a-z]+)?\s*([a-z]+)?", text)
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    found = _lemmatizer()
    verbs, nouns = (found[1], found[2]) if found is not None else (frozenset(), frozenset())
    if first.endswith("ly") and first not in nouns and first not in verbs and second:
        first = second  # "quickly changed …": the adverb's verb ("apply", "rally" are no adverbs)
    if first in _AUXILIARIES:
        return True
    return bool(_lemmas(first, "verb") & verbs) and not _lemmas(first, "noun") & nouns


def verbs_used(span: "SpacySpan") -> frozenset[str]:
    """The verbs a unit uses, as lemmas (``Claim.verbs``): "blamed", "was to blame" ->
    "blame". A noun in "-ing" that the lexicon does not list as a noun is its verb ("its
    hosting of a delegation" -> "host"; "a meeting" stays a noun). Left out: verbs inside a
    name, verbs in a clause that describes a noun ("his ex-wife, to whom he was married for
    six years"), stop words, and the speech and light verbs of every
    story (``_COMMON_VERBS``)."""
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP

    found = _lemmatizer()
    if found is None:
        return frozenset()
    lemmatizer, verbs, nouns = found
    out = set()
    for tok in span:
        if tok.pos_ not in ("VERB", "NOUN") or tok.ent_type_ or not tok.is_alpha or tok.is_stop:
            continue
        if tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound", "nmod", "relcl"):
            continue  # a verb that describes someone ("his ex-wife, to whom he was married for six years"), no act the statement tells
        lemma = lemmatizer.rule_lemmatize(tok)[0].lower()
        if tok.pos_ == "NOUN":
            if not (lemma.endswith("ing") and len(lemma) > 5) or lemma in nouns:
                continue
            stem = lemma[:-3]  # hosting -> host, making -> make, planning -> plan
            forms = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "")
            lemma = next((verb for verb in forms if verb and verb in verbs), "")
        if len(lemma) >= 3 and lemma not in SPACY_STOP and lemma not in _COMMON_VERBS:
            out.add(lemma)
    return frozenset(out)


#: how many sentences back a "he"/"she" may look for the person it stands for
ANTECEDENT_REACH = 2
_QUOTE_CHARS = "\"“”„«»"


class _Topic:
    """Who "he" or "she" most likely is, read sentence by sentence (a cautious coreference).

    A pronoun subject is resolved only to the person named as the main subject of one of the
    last ``ANTECEDENT_REACH`` sentences, and only when no other person is named between that
    subject and the pronoun, and the pronoun is not inside a quotation (where "she" is
    whoever the speaker means). Anything less certain stays unresolved: a wrong name in a
    summary misleads more than a bare "he".
    """

    def __init__(self, doc: "Doc | None") -> None:
        self.doc = doc
        self.people = [e for e in doc.ents if e.label_ == "PERSON"] if doc is not None else []
        self.person: str | None = None  # the topic person's name as written
        self.key: str | None = None  # and its last word, to recognise later mentions
        self.age = 0  # sentences since the topic person was a main subject
        self.rivals = False  # another person named since then
        self.gender: str | None = None  # "he"/"she" if the text has shown it
        self.speaker_only = False  # named only as the speaker after a quote ("…, Waldie said.")
        self.others: set[str] = set()  # "he"/"she" of unnamed people since ("the woman", "her son")

    def _persons(self, start: int, end: int) -> set[str]:
        return {e[-1].lower_ for e in self.people if start <= e.start_char < end}

    def antecedent(self, span: "SpacySpan | None", subj: "Token | None") -> str | None:
        """Who the unit ``span`` (its own subject ``subj``) means by a "he"/"she" subject."""
        if self.doc is None or self.person is None or self.rivals or self.age > ANTECEDENT_REACH:
            return None
        if span is None or subj is None or subj.lower_ not in ("he", "she") or subj.i != _first_pronoun(span):
            return None  # statement_text puts the name in place of the unit's first he/she
        if self.speaker_only and subj.head.lower_ not in _SPEECH_VERBS:
            return None  # "…, Waldie said. He was a veteran": the veteran is the story's subject
        if self.gender is not None and subj.lower_ != self.gender:
            return None
        if subj.lower_ in self.others and self.gender != subj.lower_:
            return None  # "Abdulla told The Sun the woman was offered a seat … At first she thought …"
        text = self.doc.text
        para = text.rfind("\n", 0, subj.idx) + 1
        if sum(text.count(q, para, subj.idx) for q in _QUOTE_CHARS) % 2:
            return None  # inside a quotation: the speaker's "she", not the writer's
        if self._persons(subj.sent.start_char, subj.idx) - {self.key}:
            return None
        return self.person

    def read(self, sentence: TextSpan) -> None:
        """Move past one sentence: its named main subject becomes the topic person."""
        if self.doc is None:
            return
        self.age += 1
        named = self._persons(sentence.start, sentence.end)
        subj = _main_subject(self.doc, sentence)
        name = self._name(subj) if subj is not None else None
        if name is not None:
            self.person, self.key = name
            self.age = 0
            self.rivals = bool(named - {self.key})
            self.gender = _gender_after(self.doc, subj.i + 1, sentence.end)
            self.others = _unnamed_people(self.doc, subj.i + 1, sentence.end)
            self.speaker_only = subj.head.lower_ in _SPEECH_VERBS and any(
                c.dep_ == "ccomp" and c.i < subj.i for c in subj.head.children
            )
            return
        if subj is not None and subj.lower_ not in ("he", "she"):
            self.person = None  # someone or something else is now the topic
        elif named - {self.key}:
            self.rivals = True
        self.others |= _unnamed_people(self.doc, subj.i + 1 if subj is not None else None, sentence.end, sentence.start)

    def _name(self, subj: "Token") -> tuple[str, str] | None:
        """(name as written, its last word) when a subject names a person.

        The small English model often misses a bare surname ("Lopez told …") after the
        full name was tagged once, so a proper noun matching the last word of a person
        named earlier counts too.
        """
        ent = next((e for e in self.people if e.start <= subj.i < e.end), None)
        if ent is not None:
            return self._full_name(ent), ent[-1].lower_
        if subj.pos_ == "PROPN" and any(e[-1].lower_ == subj.lower_ and e.end <= subj.i for e in self.people):
            return subj.text, subj.lower_
        return None

    def _full_name(self, ent: "SpacySpan") -> str:
        """A person named by a first name alone ("Presenter Alan told The Sun …") after the
        full name ("TV gardener Alan Titchmarsh"): the full name, which a summary reader can
        place; a bare first name in brackets ("[Alan] said") reads as a different man."""
        if len(ent) == 1:
            earlier = full_name(ent[0].text, (e.text for e in self.people if e.end <= ent.start))
            if earlier is not None:
                return without_possessive(earlier)
        return without_possessive(ent.text)


#: speech verbs as written (the shared parse has no lemmatizer)
_SPEECH_VERBS = frozenset(
    f"{stem}{end}"
    for stem, ends in {
        "sa": ("y", "ys", "id", "ying"), "add": ("", "s", "ed", "ing"), "t": ("ell", "ells", "old", "elling"),
        "not": ("e", "es", "ed", "ing"), "explain": ("", "s", "ed", "ing"), "wr": ("ite", "ites", "ote", "iting"),
        "stat": ("e", "es", "ed", "ing"), "argu": ("e", "es", "ed", "ing"), "insist": ("", "s", "ed", "ing"),
    }.items()
    for end in ends
)


def _first_pronoun(span: "SpacySpan") -> int | None:
    return next((t.i for t in span if t.lower_ in ("he", "she")), None)


_GENDERED = {"his": "he", "himself": "he", "her": "she", "herself": "she"}


def _unnamed_people(doc: "Doc", i: int | None, end_char: int, start_char: int | None = None) -> set[str]:
    """The genders of people named only by a noun ("the woman", "her son") in a sentence,
    after token ``i`` (the named subject) or, with no ``i``, from ``start_char``."""
    tokens = doc[i:] if i is not None else (t for t in doc if t.idx >= (start_char or 0))
    found = set()
    for tok in tokens:
        if tok.idx >= end_char:
            break
        if tok.pos_ == "NOUN" and tok.lower_ in PERSON_NOUNS:
            found.add(PERSON_NOUNS[tok.lower_])
    return found


def _gender_after(doc: "Doc", i: int, end_char: int) -> str | None:
    """"he" or "she" from the first possessive or reflexive after a name in its sentence.

    Those usually point back at the subject ("Carter said his team…"); an object pronoun
    ("Lopez told him") points at someone else and is not read.
    """
    for tok in doc[i:]:
        if tok.idx >= end_char:
            break
        if tok.lower_ in _GENDERED and (tok.lower_ != "her" or tok.tag_ == "PRP$"):
            return _GENDERED[tok.lower_]
    return None


def _roots(span: "SpacySpan") -> list["Token"]:
    """The span's own roots: tokens whose head lies outside it (the article parse may join
    two of our sentences, so ``Span.root`` can land on a punctuation mark)."""
    return [t for t in span if t.head == t or not span.start <= t.head.i < span.end]


#: acts two parties do together, whoever the sentence makes the subject: "Putin spoke with
#: Netanyahu" and "Netanyahu spoke with Putin" tell one call ("with" is read the same way)
_MUTUAL_VERBS = frozenset(
    "meet met meets meeting talk talked talks spoke speak speaks chat chatted confer conferred negotiate "
    "negotiated agree agreed clash clashed spar sparred feud feuded argue argued debate debated discuss "
    "discussed marry married divorce divorced date dated".split()
)


def named_roles(span: "SpacySpan") -> tuple[str, str] | None:
    """Who acts on whom in a unit (``Claim.roles``): the name keys of its main verb's subject
    and of that verb's object, or the object of a preposition on it ("lashed out at Donald
    Trump"), when both are people or organisations and not the same one."""
    verb = next((t for t in _roots(span) if t.pos_ == "VERB"), None)
    if verb is None or verb.lower_ in _MUTUAL_VERBS:  # the shared parse has no lemmas: forms are listed
        return None
    subject = _subject_of(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ not in ("with", "between", "among") for g in c.children if g.dep_ == "pobj"]
    agent = _person_or_body(subject) if subject is not None else None
    target = next((key for o in objects if (key := _person_or_body(o))), None)
    return (agent, target) if agent and target and agent != target else None


def _person_or_body(tok: "Token") -> str | None:
    """The name key of the person or organisation ``tok`` is part of, if any."""
    ent = _entity_of(tok, ("PERSON", "ORG"))
    return name_key(ent) if ent is not None else None


def _entity_of(tok: "Token", kinds: tuple[str, ...]) -> "SpacySpan | None":
    """The named entity of one of ``kinds`` that ``tok`` is part of, if any."""
    if tok.ent_type_ not in kinds:
        return None
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def _subject_of(tok: "Token") -> "Token | None":
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _root_subject(span: "SpacySpan") -> "Token | None":
    """The subject of a unit's own main verb (not of a clause inside it)."""
    verb = next((t for t in _roots(span) if t.pos_ in ("VERB", "AUX")), None)
    return _subject_of(verb) if verb is not None else None


def _main_subject(doc: "Doc", sentence: TextSpan) -> "Token | None":
    """The subject of the sentence's main verb (its root), if it has one."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    return next((subj for root in _roots(span) if (subj := _subject_of(root)) is not None), None)


def _sentence_subject(doc: "Doc", sentence: TextSpan) -> str | None:
    """The subject of the sentence's first verb that has one ("Prime Minister Netanyahu")."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") and tok.pos_ != "PRON":
            words = [t for t in tok.subtree if sentence.start <= t.idx < sentence.end]
            return " ".join(t.text for t in words) if words else None
    return None


#: subjects that say who or what only to a reader of the sentences before
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "this", "these", "those", "we", "i"})


def _readable_subject(subj: "Token", sentence: TextSpan) -> str | None:
    """A subject's words as a reader of a clause cut from its sentence needs them: a named
    person or body whole ("Georgy Myakinkin"; "Robert Wood" for "Deputy US Ambassador to the
    UN, Robert Wood"), a short phrase whole ("state lawmakers and Republican Gov. Mike
    Pence"), else the noun phrase up to its noun ("The family", not "The family of the
    twins, who …"); ``None`` for a pronoun, whose person the claim finder resolves or leaves
    alone."""
    if subj.pos_ == "PRON" or subj.lower_ in _PRONOUN_SUBJECTS:
        return None
    doc = subj.doc
    anchor = next((c for c in subj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), subj)
    ent = _entity_of(anchor, ("PERSON", "ORG", "NORP"))
    phrase = doc[subj.left_edge.i : subj.right_edge.i + 1]
    if ent is not None:
        words = ent
    elif len(phrase) <= 8 and not any(t.dep_ in ("relcl", "acl", "appos") or t.text == "," for t in phrase):
        words = phrase
    else:
        words = doc[subj.left_edge.i : subj.i + 1]
    if words.start_char < sentence.start or len(words) > 8:
        return None
    return without_possessive(words.text)


#: what may stand before a verb at the start of a clause that continues another ("and are
#: now living", "but later realised")
_BEFORE_A_VERB = frozenset({"aux", "auxpass", "advmod", "neg", "cc", "punct"})


def _shared_subject(span: "SpacySpan", readable: dict[int, str]) -> str | None:
    """Who does what a unit says when its verb continues a verb before it (``Claim.
    shared_subject``): the continued verb's subject, as ``readable`` gives it for the
    sentence's earlier units. Only when nothing else stands between: a clause with a subject
    of its own in between ("banned the word, claiming it's sexist and suggests …") may be
    the one continued, whatever the parse says, and a wrong name misleads."""
    verb = next((t for t in _roots(span) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or _subject_of(verb) is not None:
        return None
    if any(t.dep_ not in _BEFORE_A_VERB for t in span if t.i < verb.i):
        return None  # "by daybreak floodwater had spread": opens on more than its verb (a misparse)
    if not (_finite(verb) or any(c.dep_ in ("aux", "auxpass") and _finite(c) for c in verb.children)):
        return None  # "reported by Fox News": a participle, whatever the parse joined it to
    while verb.dep_ == "conj" and verb.head.i < span.start and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        between = span.doc[head.i + 1 : span.start]
        if any(t.pos_ in ("VERB", "AUX") and t.i != head.i and _subject_of(t) is not None for t in between):
            return None
        if (subj := _subject_of(head)) is not None:
            return readable.get(subj.i)
        verb = head
    return None


def _has_subject(doc: "Doc", unit: TextSpan) -> bool:
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    return span is None or any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)
