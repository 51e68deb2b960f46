"""Passages shared by reports of different organisations (copying), via MinHash LSH.

Sentences are shingled into character 4-grams; a banded MinHash LSH in numpy (the banding
datasketch computes as optimal for threshold 0.6 and 64 permutations: 10 bands of 6 rows)
proposes similar sentence pairs across reports; runs of consecutive similar sentences of 50
characters or more are reported. datasketch itself is not imported: with scipy it took 0.4 s
of every batch's start.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

MIN_PASSAGE_CHARS = 50
MIN_SENTENCE_CHARS = 12
SHINGLE = 4
NUM_PERM = 64
THRESHOLD = 0.6
BANDS, ROWS = 10, 6  # datasketch's _optimal_param(0.6, 64, 0.5, 0.5)
SEED = 1
CHUNK_SENTENCES = 2000  # bounds the (permutations x shingles) array to a few MB
COMMON_SHARE = 0.5
MIN_COMMON = 3
MAX_SIMILAR_KEYS = 50
MAX_PASSAGES = 1000
SENTENCE = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")
NOISE = re.compile(r"[\s\d\W_]+")


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str  # as written
    key: str  # without spaces, digits and punctuation


def split_sentences(paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    sentences = []
    for line, text in paragraphs:
        for match in SENTENCE.finditer(text):
            written = match.group(0).strip()
            key = NOISE.sub("", written)
            if len(key) >= MIN_SENTENCE_CHARS:
                sentences.append(Sentence(line=line, text=written, key=key))
    return sentences


def _signatures(keys: list[str]):
    """MinHash signatures (len(keys) x NUM_PERM, uint32) of the keys' 4-gram sets: CRC-32 of
    each shingle, then multiply-shift permutations h -> (a*h + b) >> 32 with odd 64-bit a."""
    import numpy as np  # only batches need it

    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 62, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.randint(0, 1 << 62, NUM_PERM, dtype=np.uint64)
    result = np.empty((len(keys), NUM_PERM), dtype=np.uint64)
    for first in range(0, len(keys), CHUNK_SENTENCES):
        hashes: list[int] = []
        starts: list[int] = []
        for key in keys[first : first + CHUNK_SENTENCES]:
            starts.append(len(hashes))
            shingles = {key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1))}
            hashes.extend(zlib.crc32(shingle.encode()) for shingle in shingles)
        values = np.array(hashes, dtype=np.uint64)
        with np.errstate(over="ignore"):  # wrapping modulo 2**64 is the point
            permuted = (values[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
        block = np.minimum.reduceat(permuted, np.array(starts), axis=0)
        result[first : first + len(starts)] = block
    return result.astype(np.uint32)


class _Index:
    """Banded LSH over signatures: keys sharing all rows of any band are candidates."""

    def __init__(self, signatures):
        self.signatures = signatures
        self.band_keys = [
            [signatures[i, band * ROWS : (band + 1) * ROWS].tobytes() for band in range(BANDS)]
            for i in range(len(signatures))
        ]
        self.buckets: list[defaultdict[bytes, list[int]]] = [
            defaultdict(list) for _ in range(BANDS)
        ]
        for index, keys in enumerate(self.band_keys):
            for band, key in enumerate(keys):
                self.buckets[band][key].append(index)

    def query(self, index: int) -> set[int]:
        found: set[int] = set()
        for band, key in enumerate(self.band_keys[index]):
            found.update(self.buckets[band][key])
        return found

    def jaccard(self, first: int, second: int) -> float:
        return float((self.signatures[first] == self.signatures[second]).mean())


def find_shared_passages(reports: list[dict]) -> list[dict]:
    """reports: [{"source", "org", "sentences": [Sentence]}]. Returns passages shared by reports
    of different organisations, longest first, each with both locations.

    Sentences found in many organisations' reports are common official phrasing, not copying:
    a sentence (with its near-duplicates) in more than COMMON_SHARE of the organisations (and
    more than MIN_COMMON of them) is left out. This also bounds the work on large batches."""
    identities = [report.get("org") or f"#{index}" for index, report in enumerate(reports)]
    common_limit = max(MIN_COMMON, math.ceil(COMMON_SHARE * len(set(identities))))
    keys: dict[str, int] = {}
    occurrences: list[list[tuple[int, int]]] = []
    for r_index, report in enumerate(reports):
        for s_index, sentence in enumerate(report["sentences"]):
            k_index = keys.setdefault(sentence.key, len(keys))
            if k_index == len(occurrences):
                occurrences.append([])
            occurrences[k_index].append((r_index, s_index))
    if not keys:
        return []
    index = _Index(_signatures(list(keys)))
    pairs: dict[tuple[int, int], dict[int, tuple[int, float]]] = {}
    for k_index in range(len(keys)):
        similar = index.query(k_index)
        if len(similar) > MAX_SIMILAR_KEYS:
            continue  # a phrase everybody writes in many variants
        group = [(other, occurrence) for other in similar for occurrence in occurrences[other]]
        if len({identities[r] for _, (r, _) in group}) > common_limit:
            continue
        for r_index, s_index in occurrences[k_index]:
            for other, (r_other, s_other) in group:
                if r_other <= r_index or identities[r_other] == identities[r_index]:
                    continue
                similarity = 1.0 if other == k_index else index.jaccard(k_index, other)
                matches = pairs.setdefault((r_index, r_other), {})
                if s_index not in matches or matches[s_index][1] < similarity:
                    matches[s_index] = (s_other, similarity)
    passages = []
    for (a, b), matches in pairs.items():
        passages.extend(_runs(reports[a], reports[b], matches))
    passages.sort(key=lambda p: -p["chars"])
    return passages[:MAX_PASSAGES]


def _runs(report_a: dict, report_b: dict, matches: dict[int, tuple[int, float]]) -> list[dict]:
    """Group sentence matches that follow each other in both reports into passages."""
    runs = []
    run: list[tuple[int, int, float]] = []
    for s_index in sorted(matches):
        other, similarity = matches[s_index]
        if run and s_index == run[-1][0] + 1 and other == run[-1][1] + 1:
            run.append((s_index, other, similarity))
            continue
        if run:
            runs.append(run)
        run = [(s_index, other, similarity)]
    if run:
        runs.append(run)
    passages = []
    sentences_a, sentences_b = report_a["sentences"], report_b["sentences"]
    for run in runs:
        text_a = "".join(sentences_a[i].text for i, _, _ in run)
        text_b = "".join(sentences_b[j].text for _, j, _ in run)
        chars = min(
            sum(len(sentences_a[i].key) for i, _, _ in run),
            sum(len(sentences_b[j].key) for _, j, _ in run),
        )
        if chars < MIN_PASSAGE_CHARS:
            continue
        passages.append(
            {
                "chars": chars,
                "similarity": round(sum(s for _, _, s in run) / len(run), 2),
                "a": {
                    "source": report_a["source"],
                    "org": report_a.get("org"),
                    "line": sentences_a[run[0][0]].line,
                    "text": text_a,
                },
                "b": {
                    "source": report_b["source"],
                    "org": report_b.get("org"),
                    "line": sentences_b[run[0][1]].line,
                    "text": text_b,
                },
            }
        )
    return passages
