"""Cut an HTML page into text blocks and describe each block for the article/junk classifier.

A *block* is the run of text a browser would show as one paragraph: the text between two
block-level boundaries (``<p>``, ``<div>``, ``<li>``, ``<br>``, …). Each block remembers the
element that owns it, so the classifier can look at the page's structure (class and id
names of its ancestors, which sectioning elements it sits in, how much of it is link text)
as well as at the words themselves.

Why blocks and not trafilatura's paragraphs: trafilatura is a strong first opinion, but it
both keeps junk (captions, teaser lists, "Read more" lines) and drops story paragraphs in
unusual containers. Working on every block of the page lets the classifier keep what
trafilatura missed when the page's structure supports it, and drop what it kept when it
does not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre td th tr table article section header "
    "footer aside nav main figure figcaption dd dt dl form br hr address center details "
    "summary caption".split()
)
SKIPPED_TAGS = frozenset(
    "script style noscript template svg iframe head select option button textarea input "
    "object embed canvas video audio map math".split()
)
OWNER_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote", "figcaption", "pre", "dd", "span")
SECTION_TAGS = ("article", "main", "aside", "nav", "footer", "header", "figure", "form", "li", "table", "blockquote", "section")

# Words found in class and id attributes. The classifier learns how much each one counts;
# this list only says which ones are worth looking at.
ATTRIBUTE_CUES = (
    "article", "content", "story", "body", "post", "entry", "main", "text", "prose", "paragraph",
    "comment", "related", "share", "social", "footer", "header", "nav", "menu", "sidebar",
    "widget", "promo", "newsletter", "subscribe", "caption", "credit", "byline", "author",
    "meta", "tag", "breadcrumb", "recommend", "trending", "popular", "more", "teaser", "card",
    "list", "banner", "cookie", "modal", "hidden", "sponsor", "copyright", "date", "title",
    "headline", "video", "photo", "image", "gallery", "print", "login", "search", "bio",
    "advert", "ad", "summary", "lede", "intro", "dek", "read", "link", "top", "bottom", "aside",
)
_CUE_RE = re.compile("|".join(sorted(ATTRIBUTE_CUES, key=len, reverse=True)))
_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")


class PageParseError(ValueError):
    """The bytes could not be read as an HTML document."""


@dataclass
class Block:
    """One paragraph of a page's visible text, with where it sits in the page."""

    text: str
    tag: str
    attr_cues: dict[str, int] = field(default_factory=dict)  # cue -> distance to nearest ancestor with it
    sections: frozenset[str] = frozenset()
    link_words: int = 0
    container: int = 0  # identity of the owner's parent, to group sibling paragraphs
    words: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)  # links inside the block, as written

    @property
    def n_words(self) -> int:
        return len(self.words)


def parse_html(markup: str | bytes) -> lxml_html.HtmlElement:
    """Parse a page once; the same tree is then read by the block walk and by trafilatura.

    lxml's own document parser is used rather than trafilatura's loader: it keeps the
    page as the browser would build it, and measured better on the dev pages.
    """
    if isinstance(markup, str) and markup.lstrip().startswith("<?xml"):
        markup = markup.encode("utf-8")  # lxml refuses str input with an encoding declaration
    try:
        return lxml_html.document_fromstring(markup)
    except (ValueError, TypeError, lxml_html.etree.ParserError) as exc:
        raise PageParseError(str(exc) or "not an HTML document") from exc


_NO_CUES: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _cues_of(attributes: str) -> frozenset[str]:
    """Cue words in a class/id string; pages repeat the same classes, so this is cached."""
    return frozenset(_CUE_RE.findall(attributes.lower()))


def _element_cues(el: lxml_html.HtmlElement) -> frozenset[str]:
    cls = el.get("class")
    ident = el.get("id")
    if not cls and not ident:
        return _NO_CUES
    return _cues_of(f"{cls or ''} {ident or ''}")


def page_blocks(doc: lxml_html.HtmlElement) -> list[Block]:
    """Walk the body in document order and return its text blocks.

    The walk is iterative-recursive over lxml elements and never modifies the tree, so the
    same parsed tree can be handed to trafilatura afterwards (which does modify it).
    """
    blocks: list[Block] = []
    pieces: list[str] = []
    link_words = [0]
    hrefs: list[str] = []
    # stack entries: (tag, cue set of this element, element identity)
    ancestors: list[tuple[str, frozenset[str], int]] = []

    def flush(owner_index: int) -> None:
        if not pieces:
            hrefs.clear()
            return
        text = _SPACE_RE.sub(" ", " ".join(pieces)).strip()
        pieces.clear()
        links = link_words[0]
        link_words[0] = 0
        block_hrefs = hrefs[:]
        hrefs.clear()
        if not text:
            return
        cues: dict[str, int] = {}
        for distance, (_, found, _) in enumerate(reversed(ancestors[: owner_index + 1])):
            for cue in found:
                cues.setdefault(cue, distance)
        tag = ancestors[owner_index][0] if ancestors else "body"
        container = ancestors[owner_index - 1][2] if owner_index > 0 else 0
        blocks.append(
            Block(
                text=text,
                tag=tag,
                attr_cues=cues,
                sections=frozenset(a[0] for a in ancestors if a[0] in SECTION_TAGS),
                link_words=links,
                container=container,
                words=_WORD_RE.findall(text.lower()),
                hrefs=block_hrefs,
            )
        )

    def add_text(text: str | None, in_link: bool) -> None:
        if text and not text.isspace():
            pieces.append(text)
            if in_link:
                link_words[0] += len(_WORD_RE.findall(text))

    owners: list[int] = [-1]  # index into `ancestors` of the innermost block element

    def walk(el: lxml_html.HtmlElement, in_link: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            add_text(el.tail, in_link)
            return
        tag = tag.lower()
        if tag in SKIPPED_TAGS:
            add_text(el.tail, in_link)
            return
        ancestors.append((tag, _element_cues(el), id(el)))
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush(owners[-1])
            owners.append(len(ancestors) - 1)
        link = in_link or tag == "a"
        if tag == "a" and el.get("href"):
            hrefs.append(el.get("href"))
        add_text(el.text, link)
        for child in el:
            walk(child, link)
        if is_block:
            flush(owners[-1])
            owners.pop()
        ancestors.pop()
        add_text(el.tail, in_link)

    body = doc.find("body")
    root = body if body is not None else doc
    walk(root, False)
    flush(owners[-1])
    return blocks


def block_words_in(words: list[str], reference_trigrams: set[tuple[str, str, str]], reference_text: str) -> float:
    """Share of a block's word trigrams found in a reference text (e.g. trafilatura's output).

    Blocks of fewer than three words are looked up as a phrase instead.
    """
    if not words:
        return 0.0
    if len(words) < 3:
        return 1.0 if f" {' '.join(words)} " in reference_text else 0.0
    grams = list(zip(words, words[1:], words[2:]))
    return sum(g in reference_trigrams for g in grams) / len(grams)


def text_trigrams(text: str) -> tuple[set[tuple[str, str, str]], str]:
    """Word trigrams and a space-padded word string of a reference text."""
    words = _WORD_RE.findall(text.lower())
    return set(zip(words, words[1:], words[2:])), f" {' '.join(words)} "


def log1(x: float) -> float:
    return math.log1p(x)
