"""Reading a date or time someone wrote, without guessing.

Feeds, JSONL rows and evaluation files give publication times in many spellings. A time read
wrongly moves a report out of its event's window, so a spelling that could mean two days
("10/12/2023": 10 December or October 12) is left unread rather than guessed. Used by
ingest (to store ISO 8601) and by the event clock (:func:`rashomon.events.parse_time`).
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as date_parser

_TWO_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_YEAR_FIRST = re.compile(r"\s*\d{4}\D")
_CLOCK_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b|\dT\d", re.I)


def read_time(value: str | None) -> tuple[datetime, bool] | None:
    """(the moment a date or time names, whether it gives a time of day), or None when it
    cannot be read with confidence.

    Read: ISO 8601 (``2023-12-10T16:15:00+02:00``, ``2023-12-10``, ``20231210``), RFC 2822
    (``Tue, 10 Dec 2023 16:15:00 GMT``), and dates whose month is a word (``Dec 10, 2023``,
    ``10 December 2023 4:15 pm``) or whose order is plain (``2023/12/10``, ``13/12/2023``).
    Not read: a numeric date whose day and month could be swapped (``10/12/2023``), a date
    missing its year, month or day (``March 2023``, ``Tue``), a time zone named by an
    abbreviation dateutil does not know (``EST``: the hour would be wrong), and junk.
    A moment with no zone is returned naive.
    """
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    has_time = bool(_CLOCK_TIME.search(text))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        return moment, has_time or bool(moment.hour or moment.minute or moment.second)
    except ValueError:
        pass
    # the same reading whatever the defaults (nothing missing) and whether the day or the
    # month comes first (nothing ambiguous); a leading four-digit year is read Y/M/D
    year_first = bool(_YEAR_FIRST.match(text))
    orders = (False,) if year_first else (False, True)
    readings = set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", date_parser.UnknownTimezoneWarning)
            for dayfirst in orders:
                for default in _TWO_DEFAULTS:
                    readings.add(date_parser.parse(text, dayfirst=dayfirst, yearfirst=year_first, default=default))
    except (ValueError, OverflowError, TypeError, date_parser.UnknownTimezoneWarning):
        return None
    if len(readings) != 1:
        return None
    return readings.pop(), has_time
