"""Rashomon: many reports of one event, where they agree, differ and conflict.

The Python API mirrors the command line::

    from rashomon import extract_file
    article = extract_file("report.html")
"""

__version__ = "0.1.0"

from .extract import InputError, extract_file, extract_files  # noqa: E402
from .model import Article  # noqa: E402

__all__ = ["Article", "InputError", "extract_file", "extract_files", "__version__"]
