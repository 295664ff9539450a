"""Reports a person hands the web app (uploaded files, pasted text) turned into articles.

Every problem names the file it is about ("photo.png: binary file (a PNG image) …"), because a
reporter who dropped ten pages on the form needs to know which one to fix. Nothing touches the
disk: uploads are decoded in memory with the same reader the command line uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from rashomon.extract import extract
from rashomon.extract.reading import InputError, RawReport, decode_report, guess_format
from rashomon.model import Article

#: a line holding only three or more dashes separates pasted reports
PASTE_SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)
MAX_NAME = 120


@dataclass
class Upload:
    """One uploaded file: the name the browser sent and its bytes."""

    name: str
    data: bytes


@dataclass
class Submission:
    """What one Analyze form held, read into articles, with the problems per file."""

    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class NothingToAnalyze(ValueError):
    """The form held neither files nor pasted text."""


def display_name(raw_name: str | None, n: int) -> str:
    """The file's own name without any folder part, short and printable."""
    name = PurePath((raw_name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:MAX_NAME] or f"upload-{n}"


def split_pasted(text: str) -> list[str]:
    """Pasted reports: one, or several separated by a line of dashes (``---``)."""
    return [chunk.strip() for chunk in PASTE_SEPARATOR.split(text or "") if chunk.strip()]


def read_submission(uploads: list[Upload], pasted: str | None) -> Submission:
    """Extract every uploaded file and pasted report; a bad one becomes a named problem."""
    out = Submission()
    seen_ids: set[str] = set()
    for n, upload in enumerate(uploads, 1):
        name = upload.name
        try:
            raw = decode_report(upload.data, path=name, suffix=PurePath(name).suffix.lower())
            out.articles.append(_extract(raw, _unique(PurePath(name).stem or f"upload-{n}", seen_ids)))
        except InputError as exc:
            out.problems.append(f"{name}: {exc.problem}")
        except Exception as exc:  # noqa: BLE001 - a page that breaks a library is that file's problem
            out.problems.append(f"{name}: could not be read as a news report ({type(exc).__name__})")
    for n, chunk in enumerate(split_pasted(pasted or ""), 1):
        name = f"pasted-{n}"
        try:
            raw = RawReport(path=name, text=chunk, format=guess_format(chunk), encoding="utf-8")
            out.articles.append(_extract(raw, _unique(name, seen_ids)))
        except InputError as exc:
            out.problems.append(f"pasted report {n}: {exc.problem}")
        except Exception as exc:  # noqa: BLE001
            out.problems.append(f"pasted report {n}: could not be read as a news report ({type(exc).__name__})")
    if not uploads and not out.articles and not out.problems:
        raise NothingToAnalyze("Paste at least one report or choose one or more files.")
    return out


def _extract(raw: RawReport, article_id: str) -> Article:
    article = extract(raw, id=article_id)
    if not article.text.strip():
        raise InputError(raw.path, "no article text found in it")
    return article


def _unique(candidate: str, seen: set[str]) -> str:
    """Two uploads named alike (a.txt, a.html) must not share a source id in the report."""
    name, n = candidate, 1
    while name in seen:
        n += 1
        name = f"{candidate}-{n}"
    seen.add(name)
    return name
