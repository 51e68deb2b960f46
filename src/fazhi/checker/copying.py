"""Passages shared by reports of different organisations (copying), via MinHash LSH.

Sentences are shingled into character 4-grams; datasketch's LSH proposes similar sentence pairs
across reports; runs of consecutive similar sentences of 50 characters or more are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

MIN_PASSAGE_CHARS = 50
MIN_SENTENCE_CHARS = 12
SHINGLE = 4
NUM_PERM = 64
THRESHOLD = 0.6
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


def _minhash(key: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM)
    shingles = {key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def find_shared_passages(reports: list[dict]) -> list[dict]:
    """reports: [{"source", "org", "sentences": [Sentence]}]. Returns shared passages, longest
    first, each with both locations."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[tuple[int, int], MinHash] = {}
    for r_index, report in enumerate(reports):
        for s_index, sentence in enumerate(report["sentences"]):
            minhash = _minhash(sentence.key)
            hashes[(r_index, s_index)] = minhash
            lsh.insert(f"{r_index}:{s_index}", minhash)
    pairs: dict[tuple[int, int], dict[int, tuple[int, float]]] = {}
    for (r_index, s_index), minhash in hashes.items():
        for found in lsh.query(minhash):
            other_report, other_sentence = (int(x) for x in found.split(":"))
            if other_report <= r_index:
                continue
            org_a, org_b = reports[r_index].get("org"), reports[other_report].get("org")
            if org_a and org_b and org_a == org_b:
                continue
            similarity = minhash.jaccard(hashes[(other_report, other_sentence)])
            matches = pairs.setdefault((r_index, other_report), {})
            if s_index not in matches or matches[s_index][1] < similarity:
                matches[s_index] = (other_sentence, similarity)
    passages = []
    for (a, b), matches in pairs.items():
        passages.extend(_runs(reports[a], reports[b], matches))
    passages.sort(key=lambda p: -p["chars"])
    return passages


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
