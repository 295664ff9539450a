"""How each outlet words the same event: labels it gives the actors, and loaded words.

``compare_framing(articles, docs)`` returns a :class:`Framing`:

- ``labels``: for every actor (person, organisation, group, country, or the event itself)
  named by at least two sources, the descriptive labels each source attaches to it —
  pre-name titles and modifiers ("Russian leader Vladimir Putin", "the Hamas terror group",
  "Hamas militants"), appositives ("Benjamin Netanyahu, Israel's prime minister"), and the
  noun phrases that name the event ("Israel's war with Hamas", "ongoing hostilities").
  Mentions are grouped across sources by entity (persons by surname, organisations and
  places by normalised name plus a few aliases). Only actors whose labels differ between
  sources are kept (two sources with different labels, or one source's judging label —
  "terror group", "regime", a loaded word — where another names the actor bare), most
  different first (``difference`` = 1 - mean pairwise Jaccard of the sources' descriptor
  words).
- ``loaded``: loaded / subjective words per source, with offsets, and where another source
  labels the same actor without a loaded word, that wording as ``neutral``.

Every span's offsets go through ``Article.locate`` so ``article.base[s.start:s.end] == s.text``.

The loaded-word lexicon (``models/loaded_words.json``) is rebuilt by :func:`build_lexicon`:

1. words learned from BASIL dev's lexical-bias spans: a word (lowercased ``[a-z][a-z'-]*``
   token) is kept when it sits inside a gold ``lex`` span at least ``min_hits`` times and
   its smoothed rate ``hits / (occurrences + 1)`` reaches ``min_rate``; function words and
   reporting verbs of plain attribution ("said") are never kept;
2. a packaged subjectivity lexicon, read at build time only: TextBlob 0.20.1's pattern
   adjectives with subjectivity >= 0.9 and |polarity| >= 0.5, and VADER 3.3.2's words
   with |valence| >= 2.5 (both MIT / PDDL licensed);
3. prior words that BASIL dev shows are used neutrally in news (seen >= ``prune_seen``
   times, never inside a lex span) are dropped, and so are a few news-neutral words
   ("killed", "war", "attack" — the subject, not the slant).

Runtime needs only the JSON. Held-out figures come from :func:`cross_validate`, which
rebuilds the lexicon per fold from the other events (so the learned part never sees the
fold it is scored on).

Informational bias (BASIL: tangential, speculative or background content, scored per
paragraph) comes from a logistic regression over each paragraph (``models/framing_inf.joblib``,
4 KB; :func:`fit_inf_model`, rebuilt with ``python -m rashomon.framing --train``). Its features
use the event's other reports as context — rows sharing ``event`` are read together: how much of
the paragraph's content words, names and meaning (MiniLM cosine) the other outlets cover, its
similarity to ``main_event`` / the title / the rest of its own article, quotes, attribution,
modal and background cues, VADER scores, entity and POS shares, position and length, plus its
MiniLM embedding minus the event's mean paragraph embedding. The threshold is chosen on inner
folds grouped by event. ``python -m rashomon.framing --cv`` prints the held-out figures (5 folds
by event, lexicon and model refit per fold). Without the model file, a paragraph with quotation
marks is flagged (:func:`informational_paragraphs`).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .model import Article, FramingSpan
from .nlp import GENERATIONS, name_key

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Doc, Span as SpacySpan

MODEL_DIR = Path(__file__).parent / "models"
LEXICON_PATH = MODEL_DIR / "loaded_words.json"

# --------------------------------------------------------------------------- records


@dataclass
class LoadedSpan(FramingSpan):
    """A loaded word; ``neutral`` is a plainer wording another source uses, where known."""

    neutral: str | None = None
    score: float = 0.0


@dataclass
class ActorLabels:
    """The labels each source gives one actor (a source that names it bare gets ``[]``)."""

    actor: str
    by_source: dict[str, list[FramingSpan]]
    difference: float = 0.0
    kind: str = "entity"  # PERSON / ORG / GPE / NORP / ... or "event"


@dataclass
class Framing:
    labels: list[ActorLabels] = field(default_factory=list)
    loaded: list[FramingSpan] = field(default_factory=list)

    def spans(self) -> list[FramingSpan]:
        """Every span, labels then loaded words (for ``Report.framing``)."""
        out: list[FramingSpan] = [s for a in self.labels for ss in a.by_source.values() for s in ss]
        return out + list(self.loaded)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": [
                {
                    "actor": a.actor,
                    "kind": a.kind,
                    "difference": round(a.difference, 3),
                    "by_source": {k: [asdict(s) for s in v] for k, v in a.by_source.items()},
                }
                for a in self.labels
            ],
            "loaded": [asdict(s) for s in self.loaded],
        }


# --------------------------------------------------------------------------- lexicon

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")

STOPWORDS = frozenset(
    """a an the and or but if then than that this these those there here of in on at to for from by with
    about as into onto over under after before during since until while is are was were be been being
    am do does did done have has had having will would shall should can could may might must not no nor
    it its it's he him his she her hers they them their theirs we us our you your i me my mine who whom
    whose which what when where why how all any both each few more most other some such only own same so
    too very just also even still yet again ever new one two three first last said says say saying told
    tell tells according percent mr mrs ms dr year years day days week weeks month months time times
    people state states president house senate government official officials report reported reports
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december up down out off back away base based primary primaries
    different just really""".split()
)

# Words a sentiment lexicon scores strongly but news uses to state the facts of an event.
NEWS_NEUTRAL = frozenset(
    """killed kill killing kills dead death deaths die died dies dying war wars attack attacks attacked
    attacking terrorism terrorist terrorists hostage hostages victim victims violence violent crime
    crimes prison arrested arrest charged charges suspect police fire fired shooting shot bomb bombing
    disaster emergency cancer lost lose loses losing win wins won winner support supported supports
    help helped helps care protect protection security peace agreement agreed agree accept accepted
    free freedom justice rights right legal illegal ban banned hurt injured injuries crisis conflict
    threat threats threatened fight fighting fought against critical criticized criticised criticism
    concern concerns concerned problem problems issue issues question questions hope hoped interest
    interests important importance greatest great good best better well ready hostilities hostility
    serious seriously""".split()
)

# A short hand list of news-loaded words (verbs of attack for "criticised", slurs for groups),
# kept beside the learned and packaged ones; not learned from any data.
CURATED = frozenset(
    """slam slams slammed blast blasted blasts flog flogs flogged lash lashed lambast lambasted lambasts
    excoriate excoriated assail assailed berate berated scold scolded chide chided rebuke rebuked rip
    ripped tout touted boast boasted brag bragged sternly sharply angrily furiously fiercely harshly
    regime terror thug thugs henchmen radical radicals extremist extremists so-called notorious infamous
    scathing brutal brutally slaughter slaughtered massacre catastrophic disastrous draconian
    blossoming cozy cosying cozying hawkish dovish firebrand zealot zealots diatribe tirade
    tyrant tyrants despot despots""".split()
)

_DEFAULT_LEXICON: dict[str, Any] | None = None


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _norm(m.group())) for m in WORD_RE.finditer(text)]


def _prior_lexicon(subj_min: float = 0.9, pol_min: float = 0.5, vader_min: float = 2.5) -> dict[str, tuple[float, str]]:
    """Strongly subjective words from TextBlob's and VADER's packaged lexicons (build time only)."""
    import importlib.util
    import xml.etree.ElementTree as ET

    prior: dict[str, tuple[float, str]] = {}
    spec = importlib.util.find_spec("textblob")
    if spec and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "en" / "en-sentiment.xml"
        best: dict[str, tuple[float, float]] = {}
        for w in ET.parse(path).getroot().iter("word"):
            form = (w.get("form") or "").lower()
            if not form.isalpha() or w.get("pos") not in ("JJ", None):
                continue
            subj, pol = float(w.get("subjectivity", 0)), abs(float(w.get("polarity", 0)))
            s0, p0 = best.get(form, (0.0, 0.0))
            best[form] = (max(s0, subj), max(p0, pol))
        for form, (subj, pol) in best.items():
            if subj >= subj_min and pol >= pol_min:
                prior[form] = (round(0.5 * subj + 0.5 * pol, 3), "textblob")
    spec = importlib.util.find_spec("vaderSentiment")
    if spec and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "vader_lexicon.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not re.fullmatch(r"[a-z][a-z-]+[a-z]", parts[0]):
                continue
            val = abs(float(parts[1]))
            if val >= vader_min:
                score = round(min(1.0, val / 4.0), 3)
                old = prior.get(parts[0])
                prior[parts[0]] = (max(score, old[0]) if old else score, "both" if old else "vader")
    return prior


def _span_mask(row: dict) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in row.get("bias_spans") or []:
        pid = str(s.get("id", ""))
        if s.get("bias") == "lex" and pid.startswith("p") and pid[1:].isdigit():
            spans[int(pid[1:])].append((int(s["start"]), int(s["end"])))
    return spans


def build_lexicon(
    rows: Iterable[dict] | None = None,
    *,
    min_hits: int = 2,
    min_rate: float = 0.3,
    prune_seen: int = 1,
    use_prior: bool = True,
    prior: tuple[float, float, float] = (1.0, 0.5, 2.5),
    out: Path | None = None,
) -> dict[str, Any]:
    """Learn the loaded-word lexicon from BASIL rows (dev by default); write it when ``out`` is given."""
    if rows is None:
        rows = _read_jsonl(_dev_path())
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for row in rows:
        lex = _span_mask(row)
        for i, para in enumerate(row.get("paragraphs") or []):
            spans = lex.get(i, [])
            for s, e, w in _tokens(para):
                seen[w] += 1
                if any(a <= s and e <= b for a, b in spans):
                    hits[w] += 1
    words: dict[str, list] = {}
    for w, h in hits.items():
        rate = h / (seen[w] + 1)
        if h >= min_hits and rate >= min_rate and w not in STOPWORDS and w not in NEWS_NEUTRAL and len(w) > 3:
            words[w] = [round(rate, 3), "basil"]
    if use_prior:
        for w, (score, src) in _prior_lexicon(*prior).items():
            if w in words or w in STOPWORDS or w in NEWS_NEUTRAL:
                continue
            if seen[w] >= prune_seen and hits[w] == 0:
                continue  # dev shows it is used plainly in news
            words[w] = [score, src]
    for w in CURATED:
        words.setdefault(w, [0.6, "curated"])
    lexicon = {
        "recipe": "rashomon.framing.build_lexicon(min_hits=%d, min_rate=%s, prune_seen=%d, use_prior=%s) on "
        "framing_basil_dev.jsonl; prior: textblob==0.20.1 en-sentiment.xml (subj>=%s, |pol|>=%s), "
        "vaderSentiment==3.3.2 vader_lexicon.txt (|valence|>=%s); plus CURATED" % (min_hits, min_rate, prune_seen, use_prior, *prior),
        "words": dict(sorted(words.items())),
    }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(lexicon, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return lexicon


def load_lexicon() -> dict[str, Any]:
    global _DEFAULT_LEXICON
    if _DEFAULT_LEXICON is None:
        _DEFAULT_LEXICON = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return _DEFAULT_LEXICON


def _variants(w: str) -> Iterable[str]:
    """The word and a few crude de-inflections, so 'flogs' finds 'flog' and 'slammed' finds 'slam'."""
    yield w
    if w.endswith("'s"):
        yield w[:-2]
    if w.endswith("ies"):
        yield w[:-3] + "y"
    if w.endswith("es"):
        yield w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        yield w[:-1]
    for suf in ("ed", "ing"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            yield stem
            yield stem + "e"
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]
    if w.endswith("ly") and len(w) > 4:
        yield w[:-2]
        if w.endswith("ily"):
            yield w[:-3] + "y"


def find_loaded(text: str, lexicon: dict[str, Any] | None = None, *, threshold: float = 0.0) -> list[tuple[int, int, float]]:
    """Character spans of loaded words in ``text`` (surface match plus simple inflections)."""
    words = (lexicon or load_lexicon())["words"]
    out = []
    for s, e, w in _tokens(text):
        if w in STOPWORDS:
            continue
        for v in _variants(w):
            hit = words.get(v)
            if hit and hit[0] >= threshold and (v == w or hit[1] == "basil" or len(v) > 3):
                out.append((s, e, float(hit[0])))
                break
    return out


# --------------------------------------------------------------------------- actors

ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
# Nouns that describe a group / body an ORG, GPE or NORP modifier names ("Hamas militants").
CATEGORY_NOUNS = frozenset(
    """group groups organization organisation organizations movement movements militant militants
    terrorist terrorists fighter fighters gunmen gunman rebel rebels insurgent insurgents extremist
    extremists jihadist jihadists regime government administration authorities authority leadership
    faction factions militia militias terror outfit party state""".split()
)
#: the category nouns that judge the group they name ("militants", "regime"), where "government"
#: or "group" only describe it: one outlet's "Hamas terror group" beside others' bare "Hamas" is
#: a difference worth showing, one outlet's "Israeli government" beside others' silence is not
JUDGING_NOUNS = frozenset(
    """militant militants terrorist terrorists fighter fighters gunmen gunman rebel rebels insurgent
    insurgents extremist extremists jihadist jihadists regime faction factions militia militias terror
    outfit""".split()
)
WAR_NOUNS = frozenset("war conflict hostilities fighting offensive invasion aggression genocide campaign operation".split())
#: "campaign" and "operation" name a war only with a word like these before them ("military
#: operation", "ground operation"); an election campaign or a police operation is no war
WAR_ONLY_WITH = frozenset({"campaign", "operation"})
MILITARY_WORDS = frozenset("military ground air bombing counterterrorism counter-terrorism armed naval combat army".split())
ATTACK_NOUNS = frozenset("attack attacks assault massacre raid incursion atrocities atrocity rampage onslaught".split())
CALL_NOUNS = frozenset("call conversation talks talk discussion phone telephone".split())
EVENT_GROUPS = (("the war / conflict", WAR_NOUNS), ("the attack", ATTACK_NOUNS), ("the call", CALL_NOUNS))
DESC_SKIP = frozenset("the a an this that these those 's ' of".split())
ALIASES = {
    "us": "united states", "u.s.": "united states", "usa": "united states", "america": "united states",
    "u.s.a.": "united states", "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "un": "united nations", "u.n.": "united nations",
    "russian federation": "russia", "the russian federation": "russia", "eu": "european union",
    "the kremlin": "kremlin", "moscow": "russia", "jerusalem": "israel",
    "idf": "israel defense forces", "israeli army": "israel defense forces", "gaza": "gaza strip",
}


@dataclass
class _Mention:
    source: str
    key: str
    name: str
    kind: str
    start: int  # char offsets into article.text
    end: int
    desc: frozenset[str]


def _ent_key(ent: "SpacySpan") -> str:
    text = name_key(ent, ALIASES)
    if ent.label_ == "PERSON":
        return "person:" + text if text else ""
    if ent.label_ == "NORP":
        text = re.sub(r"s$", "", text)
    return text


def _trim(doc: "Doc", i: int, j: int) -> tuple[int, int]:
    """Trim determiners, punctuation and dangling case markers from a token range ``[i, j)``."""
    while i < j and (doc[i].is_punct or doc[i].lower_ in ("the", "a", "an", "and", ",")):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].dep_ in ("cc", "case") or doc[j - 1].lower_ in ("and", "the")):
        j -= 1
    return i, j


def _desc_words(doc: "Doc", i: int, j: int, skip: set[int]) -> frozenset[str]:
    return frozenset(
        _norm(t.text) for t in doc[i:j] if t.i not in skip and t.is_alpha and _norm(t.text) not in DESC_SKIP
    )


def _label_ranges(doc: "Doc", ent: "SpacySpan") -> list[tuple[int, int]]:
    """Token ranges of the labels attached to one entity mention."""
    ranges: list[tuple[int, int]] = []
    root = ent.root
    inside = set(range(ent.start, ent.end))
    head = root
    # "Hamas militants", "the Hamas terror group": the entity modifies a category noun
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i not in inside and head.head.i > head.i:
        head = head.head
        if head.pos_ not in ("NOUN", "PROPN"):
            break
    if head is not root:
        if ent.label_ == "PERSON" or head.lower_ not in CATEGORY_NOUNS or head.ent_type_ == "PERSON":
            return []
        lo = min([head.i] + [c.left_edge.i for c in head.lefts])
        ranges.append((lo, head.i + 1))
    else:
        # pre-name titles and modifiers: "Prime Minister of Israel Benjamin Netanyahu"
        lefts = [c for c in root.lefts if c.i < ent.start and c.dep_ in ("compound", "amod", "nmod", "nummod", "poss")]
        if lefts:
            lo = min(c.left_edge.i for c in lefts)
            toks = doc[lo : ent.start]
            if len(toks) <= 8 and not any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":") for t in toks):
                ranges.append((lo, ent.end))
    # appositives: "Benjamin Netanyahu, Israel's prime minister," / "Israel's leader, Benjamin Netanyahu".
    # Not after a name that is itself an appositive ("his father, the Rev. Jesse Jackson, his
    # mother and several brothers": a list of people), nor a phrase with a verb in it ("Jackson,
    # dressed in a blue tie, …" is what he wore, not what he is)
    for c in root.rights if root.dep_ != "appos" else ():
        if c.dep_ == "appos" and c.i >= ent.end:
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if (
                hi - lo <= 12
                and c.pos_ in ("NOUN", "PROPN")
                and c.ent_type_ in ("", "NORP", "GPE", "ORG")
                and not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi])
            ):
                ranges.append((lo, hi))
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.pos_ == "NOUN":
        h = _described_noun(root.head)
        lo, hi = h.left_edge.i, ent.start
        # an appositive is set off by a comma or a dash ("the only party, namely the Democratic
        # Party"); a name the parser hangs on a noun without one is a piece of a longer name
        # it split ("a message from the Central Commission for Elections and Referenda")
        set_off = any(t.is_punct for t in doc[h.i + 1 : hi])
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "advmod"):
            hi -= 1  # "…, namely": the label ends at its noun
        if set_off and hi - lo <= 12:
            # "his father, Rev. Jesse Jackson": a title the name recognizer left outside the
            # name is shown with the name, not dangling ("his father, Rev.")
            ranges.append((lo, ent.end if doc[hi - 1].lower_.rstrip(".") in _NOT_FIRST_NAMES else hi))
    out = []
    for lo, hi in ranges:
        lo, hi = _trim(doc, lo, hi)
        words = [t for t in doc[lo:hi] if t.i not in inside and t.is_alpha and t.lower_ not in DESC_SKIP]
        if hi > lo and sum(len(t.text) for t in words) >= 3:  # "R" or "D" alone labels nothing
            out.append((lo, hi))
    return out


def _described_noun(noun: "Token") -> "Token":
    """The noun an appositive name describes. The parser hangs "Veyra Hydro" in "the embattled
    utility that runs the dam, Veyra Hydro" on the nearest noun, "dam", inside the relative
    clause; the name stands beside the noun that clause belongs to, "utility"."""
    t = noun
    while t.dep_ in ("dobj", "pobj", "prep", "attr") and t.head.i < t.i:
        t = t.head
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
            return t.head
    return noun


def _event_ranges(doc: "Doc") -> list[tuple[str, int, int]]:
    """Noun phrases that name the event (the war, the attack, the call), with their modifiers."""
    out = []
    for t in doc:
        if t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        for name, nouns in EVENT_GROUPS:
            if t.lower_ in WAR_ONLY_WITH and not any(c.lower_ in MILITARY_WORDS for c in t.lefts):
                continue
            if t.lower_ in nouns:
                lo = min([t.i] + [c.left_edge.i for c in t.lefts])
                hi = t.i + 1
                for c in t.rights:  # one short prepositional / participle phrase: "war on Gaza"
                    if c.dep_ in ("prep", "acl") and c.right_edge.i - t.i <= 8:
                        hi = c.right_edge.i + 1
                    break
                lo, hi = _trim(doc, lo, hi)
                if hi > lo and not any(x.text in (";", ":", "\n") or x.is_space for x in doc[lo:hi]):
                    out.append((name, lo, hi))
                break
    return out


def _doc_para_ok(article: Article, s: int, e: int) -> bool:
    try:
        article.locate(s, e)
        return True
    except ValueError:
        return False


def _quoted(quoted: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside one of the quotation spans ``quoted``: someone's words,
    the speaker's framing rather than the outlet's."""
    return any(qs <= s and e <= qe for qs, qe in quoted)


def _actor_mentions(
    article: Article, doc: "Doc", quoted: list[tuple[int, int]]
) -> list[tuple[_Mention, list[tuple[int, int, frozenset[str]]]]]:
    """Each actor and event mention of one report, with the labels the report gives it.

    A label inside quotation marks (``quoted``, the report's quotation spans) is someone
    else's word ("Raisi accused Israel of “genocide”"): it is the speaker's framing, not the
    outlet's, so it is left out."""

    def own(s: int, e: int) -> bool:
        return _doc_para_ok(article, s, e) and not _quoted(quoted, s, e)

    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_ENTS:
            continue
        key = _ent_key(ent)
        if not key or len(key) < 2:
            continue
        # NORP used as a modifier ("Russian representatives") names no actor itself
        if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound") and ent.root.head.lower_ not in CATEGORY_NOUNS:
            continue
        skip = set(range(ent.start, ent.end))
        labels = []
        for lo, hi in _label_ranges(doc, ent):
            s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            if own(s, e):
                labels.append((s, e, _desc_words(doc, lo, hi, skip)))
        m = _Mention(article.id, key, ent.text, ent.label_, ent.start_char, ent.end_char, frozenset())
        out.append((m, labels))
    for name, lo, hi in _event_ranges(doc):
        s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        if not own(s, e):
            continue
        desc = _desc_words(doc, lo, hi, set())
        m = _Mention(article.id, "event:" + name, name, "event", s, e, frozenset())
        out.append((m, [(s, e, desc)]))
    return out


ROLE_NOUNS = frozenset(
    """minister premier president leader head chancellor king queen chief spokesman spokeswoman
    secretary governor mayor senator general commander""".split()
)
ROLE_EXPAND = {"premier": {"prime", "minister"}, "pm": {"prime", "minister"}}


def _role_mentions(article: Article, doc: "Doc", persons: dict[str, set[str]]) -> list[tuple[str, int, int, frozenset[str]]]:
    """Nameless role phrases ("the Prime Minister", "Premier", "the head of the Israeli government")
    linked to the one person whose labels share the most words with them."""
    out = []
    for t in doc:
        if t.lower_ not in ROLE_NOUNS or t.ent_type_ == "PERSON" or t.dep_ in ("compound", "appos"):
            continue
        if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in t.children):
            continue
        lo = min([t.i] + [c.left_edge.i for c in t.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod")])
        hi = t.i + 1
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i - t.i <= 6:
                hi = c.right_edge.i + 1
            break
        if any(x.ent_type_ == "PERSON" for x in doc[lo:hi]):
            continue
        lo, hi = _trim(doc, lo, hi)
        words = set(_desc_words(doc, lo, hi, set()))
        for w in list(words):
            words |= ROLE_EXPAND.get(w, set())
        scored = sorted(((len(words & d), k) for k, d in persons.items() if t.lower_ in d or ROLE_EXPAND.get(t.lower_, set()) & d or (words & d and t.lower_ == "head")), reverse=True)
        if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue
        s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        if _doc_para_ok(article, s, e):
            out.append((scored[0][1], s, e, _desc_words(doc, lo, hi, set())))
    return out


def _difference(sets: list[frozenset[str]]) -> float:
    if len(sets) < 2:
        return 0.0
    sims = []
    for a, b in combinations(sets, 2):
        union = a | b
        sims.append(1.0 if not union else len(a & b) / len(union))
    return 1.0 - sum(sims) / len(sims)


def _first_name(name: str) -> str | None:
    """Who a full name is among people of one surname: "dick" in "Dick Cheney" / "former Vice
    President Dick Cheney", "jesse jr" in "Jesse Jackson Jr." (a son often shares his father's
    first name); ``None`` for a bare "Cheney"."""
    raw = re.findall(r"[A-Za-z][\w.'’-]*", name)
    suffix = next((w.lower().rstrip(".") for w in raw if w.lower().rstrip(".") in GENERATIONS), None)
    words = [
        w.lower().rstrip(".")
        for w in raw
        if w[:1].isupper() and len(w.rstrip(".")) > 1 and w.lower().rstrip(".") not in _NOT_FIRST_NAMES
    ]
    if len(words) < 2:
        return None
    return f"{words[-2]} {suffix}" if suffix else words[-2]



#: titles and suffixes around a name that are no first name ("Mr. Trump", "Gov. Brewer")
_NOT_FIRST_NAMES = frozenset(
    """mr mrs ms dr sen rep gov gen lt col sgt prof rev sir lady lord judge justice chief secretary
    minister premier king queen prince princess senator representative governor mayor ambassador
    speaker president vice former""".split()
) | GENERATIONS


def _split_namesakes(by_key: dict[str, list[tuple["_Mention", list]]]) -> None:
    """One key per person when two people share a surname (Dick, Liz and Mary Cheney).

    Mentions are keyed by surname so "Netanyahu" joins "Benjamin Netanyahu"; where the full
    names show two people, each full name gets its own key. A bare surname goes to the one
    person of that surname its report names in full (else, if the report names none, the most
    named one); in a report that names two, a bare "Jackson" could be either ("His wife, Sandra
    Jackson, … Jackson, dressed in a blue tie, looked back" means her husband), so it is left
    out rather than guessed: a label shown under the wrong person misleads.
    """
    for key in [k for k in by_key if k.startswith("person:")]:
        items = by_key[key]
        firsts = Counter(f for m, _ in items if (f := _first_name(m.name)))
        if len(firsts) < 2:
            continue
        del by_key[key]
        named: dict[str, set[str]] = {}
        for m, _ in items:
            if first := _first_name(m.name):
                named.setdefault(m.source, set()).add(first)
        for m, labels in sorted(items, key=lambda x: (x[0].source, x[0].start)):
            first = _first_name(m.name)
            if first is None:
                in_report = named.get(m.source, set())
                if len(in_report) > 1:
                    continue
                first = next(iter(in_report)) if in_report else firsts.most_common(1)[0][0]
            m.key = f"{key} {first}"
            by_key.setdefault(m.key, []).append((m, labels))


def _differs(per_source: dict[str, list[FramingSpan]], desc_sets: dict[str, set[str]], lexicon: dict[str, Any]) -> bool:
    """Whether a row shows outlets labelling an actor differently: two sources with different
    labels, or one source's judging label ("terror group", "regime", a loaded word) where
    another names the actor bare. One source's plain "Israeli government" against the others'
    silence shows nothing about their framing."""
    if len({frozenset(d) for d in desc_sets.values() if d}) >= 2:
        return True
    if all(desc_sets.values()):
        return False
    return any(
        (desc_sets[src] & JUDGING_NOUNS) or any(find_loaded(span.text, lexicon) for span in spans)
        for src, spans in per_source.items()
    )


def _group_labels(
    articles: list[Article], docs: list["Doc"], quoted: dict[str, list[tuple[int, int]]], lexicon: dict[str, Any]
) -> tuple[list[ActorLabels], dict[tuple[str, str], list[tuple[FramingSpan, frozenset[str]]]]]:
    mentions = []
    for art, doc in zip(articles, docs):
        mentions.extend(_actor_mentions(art, doc, quoted[art.id]))
    # surname-only mentions tagged ORG/GPE merge into the person of that surname
    surnames = {m.key.split(":", 1)[1] for m, _ in mentions if m.key.startswith("person:")}
    by_key: dict[str, list[tuple[_Mention, list]]] = defaultdict(list)
    for m, labels in mentions:
        if not m.key.startswith(("person:", "event:")) and m.key in surnames:
            m.key = "person:" + m.key
        by_key[m.key].append((m, labels))
    _split_namesakes(by_key)
    # nameless role phrases, linked to a person through the titles the sources give that person
    persons: dict[str, set[str]] = defaultdict(set)
    for key, items in by_key.items():
        if key.startswith("person:"):
            for _, labels in items:
                for _, _, desc in labels:
                    persons[key] |= desc
    persons = {k: v for k, v in persons.items() if v}
    for art, doc in zip(articles, docs):
        for key, s, e, desc in _role_mentions(art, doc, persons):
            m = _Mention(art.id, key, by_key[key][0][0].name, "PERSON", s, e, frozenset())
            by_key[key].append((m, [(s, e, desc)]))
    art_by_id = {a.id: a for a in articles}
    actors: list[ActorLabels] = []
    spans_by_key: dict[tuple[str, str], list[tuple[FramingSpan, frozenset[str]]]] = {}
    for key, items in by_key.items():
        sources = sorted({m.source for m, _ in items}, key=[a.id for a in articles].index)
        if len(sources) < 2:
            continue
        names = Counter(m.name for m, _ in items)
        kinds = Counter(m.kind for m, _ in items)
        if key.startswith("event:"):
            display = key.split(":", 1)[1]
        else:
            display = max(names, key=lambda n: (len(n.split()) if key.startswith("person:") else 0, names[n], len(n)))
        per_source: dict[str, list[FramingSpan]] = {src: [] for src in sources}
        desc_sets: dict[str, set[str]] = {src: set() for src in sources}
        seen: set[tuple[str, int, int]] = set()
        for m, labels in items:
            art = art_by_id[m.source]
            for s, e, desc in labels:
                if (m.source, s, e) in seen:
                    continue
                seen.add((m.source, s, e))
                bs, be = art.locate(s, e)
                span = FramingSpan(m.source, bs, be, art.base[bs:be], "label", display)
                per_source[m.source].append(span)
                desc_sets[m.source] |= desc
                spans_by_key.setdefault((key, m.source), []).append((span, desc))
        if key.startswith("event:"):  # the event is named by every source; keep the ones that label it
            per_source = {k: v for k, v in per_source.items() if v}
            desc_sets = {k: v for k, v in desc_sets.items() if k in per_source}
            if len(per_source) < 2:
                continue
        diff = _difference([frozenset(desc_sets[s]) for s in per_source])
        if diff <= 0.0 or not any(per_source.values()) or not _differs(per_source, desc_sets, lexicon):
            continue
        for v in per_source.values():
            v.sort(key=lambda s: s.start)
        actors.append(ActorLabels(display, per_source, diff, kinds.most_common(1)[0][0]))
    actors.sort(key=lambda a: (-a.difference, -len(a.by_source), a.actor))
    return actors, spans_by_key


def compare_framing(articles: list[Article], docs: list["Doc"] | None = None) -> Framing:
    """Labels each source gives the shared actors, and the loaded words each source uses in
    its own voice (not inside quotation marks, as for labels: the outlet's wording is what is
    compared; ``predict framing`` still marks quoted words, as BASIL's annotators did)."""
    if docs is None:
        from .nlp import english

        docs = list(english().pipe([a.text for a in articles]))
    if len(docs) != len(articles):
        raise ValueError("one parse per article expected")
    from .quotes import quoted_passages

    quoted = {a.id: quoted_passages(a.text) for a in articles}  # read once, by labels and loaded words
    lexicon = load_lexicon()
    labels, spans_by_key = _group_labels(articles, docs, quoted, lexicon)
    loaded: list[FramingSpan] = []
    # loaded word inside a label -> the other sources' labels for that actor without one
    label_of: dict[tuple[str, int, int], tuple[str, str]] = {}
    for (key, src), items in spans_by_key.items():
        for span, _ in items:
            label_of[(src, span.start, span.end)] = (key, span.text)
    for art, doc in zip(articles, docs):
        ent_tok = {t.idx for t in doc if t.ent_type_ in ("PERSON", "GPE", "ORG", "LOC", "FAC")}
        tok_at = {t.idx: t for t in doc}
        for s, e, score in find_loaded(art.text, lexicon):
            tok = tok_at.get(s)
            if s in ent_tok or (tok is not None and tok.pos_ == "PROPN" and not tok.is_sent_start):
                continue
            if _quoted(quoted[art.id], s, e):
                continue  # someone's words ("“a brutal massacre,” he said"): the speaker's choice, not the outlet's
            try:
                bs, be = art.locate(s, e)
            except ValueError:
                continue
            text = art.base[bs:be]
            target, neutral = None, None
            for (src, ls, le), (key, _ltext) in label_of.items():
                if src == art.id and ls <= bs and be <= le:
                    target = key.split(":", 1)[-1]
                    neutral = _neutral_label(key, art.id, spans_by_key, lexicon)
                    break
            loaded.append(LoadedSpan(art.id, bs, be, text, "loaded", target, neutral, round(score, 3)))
    return Framing(labels, loaded)


def _neutral_label(key: str, source: str, spans_by_key: dict, lexicon: dict) -> str | None:
    for (k, src), items in spans_by_key.items():
        if k != key or src == source:
            continue
        for span, _ in items:
            if not find_loaded(span.text, lexicon):
                return span.text
    return None


# --------------------------------------------------------------------------- BASIL task

ATTRIB_RE = re.compile(
    r"\b(said|says|told|according to|argued|argues|claimed|claims|wrote|tweeted|insisted|warned|accused|"
    r"called|statement|added|noted|asserted|declared|charged)\b",
    re.I,
)
QUOTE_RE = re.compile(r"[“”\"]")


def informational_paragraphs(paragraphs: list[str]) -> list[int]:
    """Baseline: paragraphs that quote someone (BASIL's informational bias is mostly quoted sides).

    Used when the trained paragraph model (``models/framing_inf.joblib``) is missing; see
    :func:`informational_scores` for the model."""
    return [i for i, p in enumerate(paragraphs) if QUOTE_RE.search(p)]


# ---- informational bias: a paragraph classifier with the event's other reports as context

INF_MODEL_PATH = MODEL_DIR / "framing_inf.joblib"
INF_SEED = 0
#: Logistic regression strength and inner folds for the threshold (chosen on grouped CV, 2026-11-23).
INF_C = 1.0
INF_INNER_FOLDS = 4
MODAL_RE = re.compile(r"\b(could|would|may|might|possibly|likely|perhaps|suggest|appear|seem)\w*\b", re.I)
BACKGROUND_RE = re.compile(
    r"\b(last year|previously|earlier|in (19|20)\d\d|had been|has been|since|ago|former|once)\b", re.I
)
QUOTED_RE = re.compile(r"[“\"][^”\"]*[”\"]")
INF_FEATURES = (
    "pos", "idx", "n", "ntok", "nsent", "quote", "qfrac", "attrib", "modal", "past", "cw_cov", "ent_cov",
    "nent", "ent_new", "me_ov", "sim_max", "sim_top3", "sim_me", "sim_title", "sim_own", "sim_own_mean",
    "vneg", "vpos", "vabs", "person", "dates", "pron", "adj",
)
_PARA_CACHE: dict[str, dict[str, Any]] = {}
#: paragraphs kept in that cache; a long-running process starts afresh beyond this
PARA_CACHE_MAX = 100_000
_INF_MODEL: dict[str, Any] | None = None




def _para_stats(paragraphs: list[str]) -> list[dict[str, Any]]:
    """Per-paragraph facts that need no context (spaCy parse, VADER), memoised per text."""
    if len(_PARA_CACHE) > PARA_CACHE_MAX:
        _PARA_CACHE.clear()
    todo = [p for p in dict.fromkeys(paragraphs) if p not in _PARA_CACHE]
    if todo:
        from .nlp import english, vader

        va = vader()
        for p, doc in zip(todo, english().pipe(todo, batch_size=64)):
            words = {t.lower_ for t in doc if t.is_alpha and not t.is_stop and t.lower_ not in STOPWORDS and len(t) > 2}
            ents = {e.text.lower() for e in doc.ents if e.label_ not in ("CARDINAL", "ORDINAL")}
            vs = va.polarity_scores(p)
            n = max(1, len(doc))
            _PARA_CACHE[p] = {
                "words": words, "ents": ents, "ntok": len(doc), "nsent": sum(1 for _ in doc.sents),
                "person": sum(e.label_ == "PERSON" for e in doc.ents), "dates": sum(e.label_ == "DATE" for e in doc.ents),
                "pron": sum(t.pos_ == "PRON" for t in doc) / n, "adj": sum(t.pos_ == "ADJ" for t in doc) / n,
                "vneg": vs["neg"], "vpos": vs["pos"], "vabs": abs(vs["compound"]),
            }
    return [_PARA_CACHE[p] for p in paragraphs]


def _inf_features(rows: list[dict]) -> tuple[list["np.ndarray"], list["np.ndarray"]]:
    """Per row, a (paragraphs x features) matrix: hand features and the MiniLM embedding minus the
    event's mean paragraph embedding. Rows sharing ``event`` are each other's context (BASIL:
    the Fox / NYT / HuffPost reports of one event); a row without siblings gets zero coverage."""
    import numpy as np

    from .embed import english_encoder

    paras = [p for r in rows for p in r["paragraphs"]]
    stats = _para_stats(paras)
    enc = english_encoder()
    emb = enc.encode(paras) if paras else np.zeros((0, 384), np.float32)
    heads = enc.encode([str(r.get("main_event") or "") for r in rows] + [str(r.get("title") or "") for r in rows])
    spans, k = [], 0
    for r in rows:
        spans.append((k, k + len(r["paragraphs"])))
        k += len(r["paragraphs"])
    by_event: dict[str, list[int]] = defaultdict(list)
    for ri, r in enumerate(rows):
        by_event[str(r.get("event") or f"\0row{ri}")].append(ri)
    art_words = [set().union(*[st["words"] for st in stats[a:b]]) for a, b in spans]
    art_ents = [set().union(*[st["ents"] for st in stats[a:b]]) for a, b in spans]
    hand, ctx = [], []
    for ri, r in enumerate(rows):
        a, b = spans[ri]
        n = b - a
        sib = [o for o in by_event[str(r.get("event") or f"\0row{ri}")] if o != ri and spans[o][1] > spans[o][0]]
        sib_emb = np.concatenate([emb[spans[o][0] : spans[o][1]] for o in sib]) if sib else None
        sib_words = set().union(*[art_words[o] for o in sib]) if sib else set()
        sib_ents = set().union(*[art_ents[o] for o in sib]) if sib else set()
        group = [o for o in by_event[str(r.get("event") or f"\0row{ri}")] if spans[o][1] > spans[o][0]]
        ev_mean = np.concatenate([emb[spans[o][0] : spans[o][1]] for o in group]).mean(0) if n else None
        head = set(re.findall(r"\w+", (str(r.get("main_event") or "") + " " + str(r.get("title") or "")).lower()))
        own = emb[a:b]
        feats = np.zeros((n, len(INF_FEATURES)), np.float64)
        for i, p in enumerate(r["paragraphs"]):
            st, e = stats[a + i], emb[a + i]
            words, ents = st["words"], st["ents"]
            sims = np.sort(sib_emb @ e)[::-1] if sib_emb is not None else np.zeros(1)
            others = np.delete(own @ e, i) if n > 1 else np.zeros(1)
            f = {
                "pos": i / max(1, n - 1), "idx": min(i, 20), "n": n, "ntok": st["ntok"], "nsent": st["nsent"],
                "quote": float(bool(QUOTE_RE.search(p))),
                "qfrac": sum(len(m) for m in QUOTED_RE.findall(p)) / max(1, len(p)),
                "attrib": len(ATTRIB_RE.findall(p)), "modal": len(MODAL_RE.findall(p)), "past": len(BACKGROUND_RE.findall(p)),
                "cw_cov": len(words & sib_words) / max(1, len(words)),
                "ent_cov": len(ents & sib_ents) / len(ents) if ents else -1.0, "nent": len(ents),
                "ent_new": sum(1 for x in ents if not set(x.split()) & head),
                "me_ov": len(words & head) / max(1, len(words)),
                "sim_max": float(sims[0]), "sim_top3": float(sims[:3].mean()),
                "sim_me": float(heads[ri] @ e), "sim_title": float(heads[len(rows) + ri] @ e),
                "sim_own": float(others.max()), "sim_own_mean": float(others.mean()),
                **{k2: st[k2] for k2 in ("vneg", "vpos", "vabs", "person", "dates", "pron", "adj")},
            }
            feats[i] = [f[name] for name in INF_FEATURES]
        hand.append(feats)
        ctx.append((own - ev_mean) if n else np.zeros((0, emb.shape[1]), np.float32))
    return hand, ctx


def _stack(hand: list, ctx: list, scale: tuple | None = None):
    import numpy as np

    H = np.concatenate(hand) if hand else np.zeros((0, len(INF_FEATURES)))
    C = np.concatenate(ctx) if ctx else np.zeros((0, 384))
    if scale is None:
        mu, sd = H.mean(0), H.std(0)
        sd[sd == 0] = 1.0
        scale = (mu, sd)
    return np.hstack([(H - scale[0]) / scale[1], C]), scale


def _inf_labels(rows: list[dict]) -> list[list[int]]:
    out = []
    for r in rows:
        flagged = {int(str(s["id"])[1:]) for s in r.get("bias_spans") or [] if s.get("bias") == "inf" and str(s.get("id", "")).startswith("p") and str(s["id"])[1:].isdigit()}
        out.append([int(i in flagged) for i in range(len(r["paragraphs"]))])
    return out


def _event_folds(events: list[str], folds: int) -> dict[str, int]:
    return {ev: k % folds for k, ev in enumerate(sorted(set(events)))}


def _best_threshold(p, y) -> float:
    import numpy as np

    best = (-1.0, 0.5)
    for t in np.unique(np.quantile(p, np.linspace(0.2, 0.98, 80))):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f = 2 * tp / max(1.0, pred.sum() + y.sum())
        if f > best[0]:
            best = (f, float(t))
    return best[1]


def _fit_lr(X, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=INF_C, max_iter=5000, random_state=INF_SEED).fit(X, y)


def fit_inf_model(rows: list[dict], feats: tuple[list, list] | None = None) -> dict[str, Any]:
    """Fit the paragraph model on BASIL rows; the threshold comes from inner CV grouped by event."""
    import numpy as np

    hand, ctx = feats if feats is not None else _inf_features(rows)
    X, scale = _stack(hand, ctx)
    y = np.array([v for lab in _inf_labels(rows) for v in lab])
    ev = np.array([str(r["event"]) for r, h in zip(rows, hand) for _ in range(len(h))])
    fold_of = _event_folds(list(ev), INF_INNER_FOLDS)
    F = np.array([fold_of[e] for e in ev])
    oof = np.zeros(len(y))
    for k in range(INF_INNER_FOLDS):
        tr, te = F != k, F == k
        # inner models use the outer scaling (unsupervised column statistics, no labels)
        oof[te] = _fit_lr(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    clf = _fit_lr(X, y)
    return {
        "mean": scale[0], "scale": scale[1], "coef": clf.coef_[0].astype(np.float64), "intercept": float(clf.intercept_[0]),
        "threshold": _best_threshold(oof, y), "features": list(INF_FEATURES), "C": INF_C,
        "recipe": "python -m rashomon.framing --train (rashomon.framing.fit_inf_model on framing_basil_dev.jsonl; "
        "LogisticRegression C=%s, threshold from %d inner folds grouped by event)" % (INF_C, INF_INNER_FOLDS),
    }


def load_inf_model() -> dict[str, Any] | None:
    global _INF_MODEL
    if _INF_MODEL is None and INF_MODEL_PATH.exists():
        import joblib

        _INF_MODEL = joblib.load(INF_MODEL_PATH)
    return _INF_MODEL


def _inf_scores(model: dict[str, Any], hand: list, ctx: list) -> list:
    import numpy as np

    X, _ = _stack(hand, ctx, (model["mean"], model["scale"]))
    z = X @ model["coef"] + model["intercept"]
    p = 1.0 / (1.0 + np.exp(-z))
    out, k = [], 0
    for h in hand:
        out.append(p[k : k + len(h)])
        k += len(h)
    return out


def informational_scores(rows: list[dict], model: dict[str, Any] | None = None) -> list[list[float]]:
    """Per row, the model's probability that each paragraph carries informational bias."""
    model = model or load_inf_model()
    if model is None:
        raise FileNotFoundError(INF_MODEL_PATH)
    return [list(map(float, p)) for p in _inf_scores(model, *_inf_features(rows))]


def predict_framing(rows: list[dict], lexicon: dict[str, Any] | None = None, inf_model: dict[str, Any] | None = None) -> list[dict]:
    """BASIL rows -> ``{id, spans: [{paragraph, start, end, bias}]}``; a failing row -> ``{id, error}``.

    Lexical spans: loaded words (:func:`find_loaded`). Informational spans: whole paragraphs the
    paragraph model flags, with rows of the same ``event`` as context (the quote baseline when
    the model file is missing)."""
    lex = lexicon or load_lexicon()
    model = inf_model or load_inf_model()
    out: list[dict] = []
    good: list[int] = []
    for n, row in enumerate(rows):
        rid = str(row.get("id", n))
        try:
            paragraphs = row["paragraphs"]
            if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
                raise TypeError("paragraphs must be a list of strings")
            spans = []
            for i, para in enumerate(paragraphs):
                for s, e, _ in find_loaded(para, lex):
                    spans.append({"paragraph": i, "start": s, "end": e, "bias": "lex"})
            out.append({"id": rid, "spans": spans})
            good.append(n)
        except Exception as exc:  # one bad row must not stop the file
            out.append({"id": rid, "error": f"{type(exc).__name__}: {exc}"})
    flagged: list[list[int]]
    if model is not None and good:
        scores = _inf_scores(model, *_inf_features([rows[n] for n in good]))
        flagged = [[i for i, p in enumerate(ps) if p >= model["threshold"]] for ps in scores]
    else:
        flagged = [informational_paragraphs(rows[n]["paragraphs"]) for n in good]
    for n, idx in zip(good, flagged):
        paragraphs = rows[n]["paragraphs"]
        out[n]["spans"] += [{"paragraph": i, "start": 0, "end": len(paragraphs[i]), "bias": "inf"} for i in idx]
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _tok_set(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    spans = list(spans)
    return {k for k, m in enumerate(re.finditer(r"\w+", text)) if any(s < m.end() and m.start() < e for s, e in spans)}


def score_framing(pred_rows: list[dict], gold_rows: list[dict]) -> dict[str, Any]:
    """Lexical: token-level P/R/F1 (``\\w+`` tokens covered by a span, micro over all paragraphs).
    Informational: paragraph-level P/R/F1 (a paragraph is flagged when any inf span is in it)."""
    preds = {str(r.get("id")): r for r in pred_rows}
    lex = [0, 0, 0]
    inf = [0, 0, 0]
    errors = missing = 0
    for n, gold in enumerate(gold_rows):
        gid = str(gold.get("id", n))
        pred = preds.get(gid)
        if pred is None:
            missing += 1
        elif "error" in pred:
            errors += 1
        paras = gold.get("paragraphs") or []
        g_lex: dict[int, list] = defaultdict(list)
        g_inf: set[int] = set()
        for s in gold.get("bias_spans") or []:
            pid = str(s.get("id", ""))
            if not (pid.startswith("p") and pid[1:].isdigit()):
                continue
            (g_lex[int(pid[1:])].append((s["start"], s["end"])) if s["bias"] == "lex" else g_inf.add(int(pid[1:])))
        p_lex: dict[int, list] = defaultdict(list)
        p_inf: set[int] = set()
        for s in (pred or {}).get("spans") or []:
            i = int(s["paragraph"])
            (p_lex[i].append((s["start"], s["end"])) if s["bias"] == "lex" else p_inf.add(i))
        for i, para in enumerate(paras):
            g, p = _tok_set(para, g_lex.get(i, [])), _tok_set(para, p_lex.get(i, []))
            lex[0] += len(g & p)
            lex[1] += len(p - g)
            lex[2] += len(g - p)
        inf[0] += len(g_inf & p_inf)
        inf[1] += len(p_inf - g_inf)
        inf[2] += len(g_inf - p_inf)
    return {"lex": _prf(*lex), "inf": _prf(*inf), "rows": len(gold_rows), "errors": errors, "missing": missing}


def cross_validate(rows: list[dict], folds: int = 5, **build_args: Any) -> dict[str, Any]:
    """Held-out scores, folds split by event: for each fold the lexicon is rebuilt and the
    informational paragraph model (with its threshold, from inner folds) refit on the other events."""
    events = sorted({r["event"] for r in rows})
    fold_of = {ev: k % folds for k, ev in enumerate(events)}
    feats = _inf_features(rows)  # label-free features, computed once (context = same-event rows)
    preds: list[dict] = []
    gold: list[dict] = []
    for k in range(folds):
        tr_idx = [n for n, r in enumerate(rows) if fold_of[r["event"]] != k]
        te_idx = [n for n, r in enumerate(rows) if fold_of[r["event"]] == k]
        train = [rows[n] for n in tr_idx]
        test = [dict(rows[n], id=f"{rows[n]['event']}/{rows[n]['outlet']}/{n}") for n in te_idx]
        lex = build_lexicon(train, **build_args)
        model = fit_inf_model(train, ([feats[0][n] for n in tr_idx], [feats[1][n] for n in tr_idx]))
        inputs = [{k2: v for k2, v in r.items() if k2 != "bias_spans"} for r in test]
        preds += predict_framing(inputs, lex, model)  # same-event rows are all in this fold
        gold += test
    return score_framing(preds, gold)


def _dev_path() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "eval" / "framing_basil_dev.jsonl"


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - rebuild / evaluate the shipped files
    import argparse

    ap = argparse.ArgumentParser(prog="python -m rashomon.framing")
    ap.add_argument("--train", action="store_true", help=f"fit the informational model -> {INF_MODEL_PATH.name}")
    ap.add_argument("--lexicon", action="store_true", help=f"rebuild {LEXICON_PATH.name} (needs textblob)")
    ap.add_argument("--cv", action="store_true", help="print held-out figures (5 folds grouped by event)")
    ap.add_argument("data", nargs="?", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = _read_jsonl(args.data or _dev_path())
    if not (args.train or args.lexicon or args.cv):
        args.lexicon = True  # the old behaviour of a bare run
    if args.lexicon:
        lex = build_lexicon(rows, out=LEXICON_PATH)
        print(f"{len(lex['words'])} words -> {LEXICON_PATH}")
    if args.cv:
        print(json.dumps(cross_validate(rows)))
    if args.train:
        import joblib

        model = fit_inf_model(rows)
        INF_MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(model, INF_MODEL_PATH, compress=3)
        print(f"threshold {model['threshold']:.4f} -> {INF_MODEL_PATH} ({INF_MODEL_PATH.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
