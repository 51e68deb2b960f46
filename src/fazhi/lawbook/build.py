"""Build the shipped law catalogue from a LawRefBook/Laws git mirror.

    python -m fazhi.lawbook.build /path/to/LawRefBook+Laws/repo [--out DIR]

Reads the mirror's HEAD with git (a bare mirror has no work tree) and writes data/index.jsonl
(one law per line: names, level, category, editions with dates, status, article counts, where its
texts lie) and data/texts.bin (each law's articles as one zlib-compressed JSON blob, so a lookup
inflates one law, not the library). National laws, administrative regulations, judicial
interpretations, the constitution and the few department rules; local regulations (DLC) and cases
are left out. Deterministic: the same mirror commit gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from fazhi.lawbook.additions import ADDED, ALIASES, REPEALS
from fazhi.lawbook.names import article_number, normalise

DATA_DIR = Path(__file__).with_name("data")
SKIPPED_TOP = {"DLC", "scripts", "案例", ".github"}
LEVEL_STATUS = {"案例", "其他"}
PREFIX = "中华人民共和国"
FILE_NAME = re.compile(r"^(?P<name>.+?)(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?\.md$")
EVENT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
ARTICLE = re.compile(
    r"^(第[一二三四五六七八九十百千零〇两\d]+条(?:之[一二三四五六七八九十]+)?)\s*(.*)$"
)


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "core.quotepath=off", *args],
        check=True,
        capture_output=True,
    ).stdout


def _rows(repo: Path) -> dict[tuple[str, str | None], dict]:
    """db.sqlite3 rows keyed by (name, publish date), also by (name, None) when the name is
    unique and by (file name, None): level, expired, valid_from, the row's name."""
    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as handle:
        handle.write(_git(repo, "show", "HEAD:db.sqlite3"))
        handle.flush()
        connection = sqlite3.connect(handle.name)
        rows, seen = {}, {}
        for name, level, publish, expired, valid_from, filename in connection.execute(
            "select name, level, publish, expired, valid_from, filename from law order by id"
        ):
            row = {
                "name": name.split(" ")[0],  # 民法典 合同编: the code's parts are one law
                "level": level,
                "expired": bool(expired),
                "valid_from": valid_from or None,
            }
            rows[(name, publish or None)] = row
            seen[name] = seen.get(name, 0) + 1
            rows.setdefault((name, "*"), row)
            if filename:
                rows[(filename, None)] = row
        connection.close()
    for (name, date), row in list(rows.items()):
        if date == "*":
            del rows[(name, date)]
            if seen[name] == 1:
                rows.setdefault((name, None), row)
    return rows


def _event_date(events: list[list[str]]) -> str | None:
    """The date of the last adoption or amendment (what a file without a date was)."""
    dated = [date for date, what in events if "施行" not in what] or [d for d, _ in events]
    return dated[-1] if dated else None


def parse_markdown(text: str) -> dict:
    """Title, subtitle, dated events (versions) and articles of one collection file."""
    lines = [line.strip() for line in text.splitlines()]
    titles, events, articles = [], [], []
    in_header = True
    current = None
    for line in lines:
        if in_header:
            if line.startswith("<!-- INFO END"):
                in_header = False
            elif line.startswith("# "):
                titles.append(line[2:].strip())
            elif match := EVENT.match(line):
                year, month, day, what = match.groups()
                events.append([f"{int(year):04d}-{int(month):02d}-{int(day):02d}", what.strip()])
            continue
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("#"):
            current = None
            continue
        match = ARTICLE.match(line)
        if match and article_number(match.group(1)) is not None:
            current = [match.group(1), match.group(2)]
            articles.append(current)
        elif current is not None:
            current[1] += "\n" + line
    return {
        "title": titles[0] if titles else "",
        "subtitle": titles[1] if len(titles) > 1 else None,
        "events": events,
        "articles": articles,
    }


def _short_names(name: str, full: str) -> list[str]:
    shorts = {name}
    if full.startswith(PREFIX):
        shorts.add(full[len(PREFIX) :])
    shorts.discard(full)
    return sorted(shorts)


def collect(repo: Path) -> tuple[list[dict], str]:
    """Every included law with its editions and texts, and the mirror's commit."""
    commit = _git(repo, "rev-parse", "HEAD").decode().strip()
    rows = _rows(repo)
    paths = _git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
    editions: dict[tuple[str, str | None], dict] = {}
    for path in sorted(paths):
        top, _, rest = path.partition("/")
        if not rest or top in SKIPPED_TOP or not path.endswith(".md"):
            continue
        match = FILE_NAME.match(path.rsplit("/", 1)[-1])
        if not match or match.group("name") == "_index":
            continue
        name, date = match.group("name"), match.group("date")
        row = rows.get((name, date))
        if row is None or row["level"] in LEVEL_STATUS:
            continue
        parsed = parse_markdown(_git(repo, "show", f"HEAD:{path}").decode("utf-8"))
        name = row["name"]
        date = date or _event_date(parsed["events"])
        key = (name, date)
        edition = editions.setdefault(
            key,
            {
                "name": name,
                "full": parsed["title"] or name,
                "level": row["level"],
                "category": path.split("/")[-2] if "/" in rest else top,
                "published": date,
                "valid_from": row["valid_from"],
                "expired": row["expired"],
                "events": parsed["events"],
                "articles": [],
                "paths": [],
            },
        )
        edition["articles"].extend(parsed["articles"])
        edition["paths"].append(path)
    laws: dict[str, dict] = {}
    for (name, _date), edition in sorted(
        editions.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        law = laws.setdefault(
            name,
            {
                "name": name,
                "full": edition["full"],
                "short": _short_names(name, edition["full"]),
                "level": edition["level"],
                "category": edition["category"],
                "editions": [],
                "source": f"LawRefBook/Laws@{commit[:12]}",
            },
        )
        numbers = [article_number(label) for label, _ in edition["articles"]]
        law["editions"].append(
            {
                "published": edition["published"],
                "valid_from": edition["valid_from"],
                "expired": edition["expired"],
                "events": edition["events"],
                "articles": max((n for n in numbers if n), default=0) or None,
                "paths": edition["paths"],
                "_texts": edition["articles"],
            }
        )
        law["full"] = edition["full"]  # the newest edition's title
    for law in laws.values():
        law["editions"].sort(key=lambda e: e["published"] or "")
        in_force = [e for e in law["editions"] if not e["expired"]]
        law["status"] = "in_force" if in_force else "repealed"
        law["repealed_on"] = None
        law["replaced_by"] = None
        law["repeal_source"] = None
        if law["name"] in REPEALS:
            law["repealed_on"], law["replaced_by"], law["repeal_source"] = REPEALS[law["name"]]
            law["status"] = "repealed"
        current = (in_force or law["editions"])[-1]
        law["articles"] = current["articles"]
        law["published"] = current["published"]
        law["_texts"] = current.pop("_texts")
        for edition in law["editions"]:
            edition.pop("_texts", None)
    return list(laws.values()), commit


def _added() -> list[dict]:
    entries = []
    for item in ADDED:
        entries.append(
            {
                "name": item["name"],
                "full": item.get("full", item["name"]),
                "short": sorted(set(item.get("short", []))),
                "level": item["level"],
                "category": item["category"],
                "editions": [
                    {
                        "published": item["published"],
                        "valid_from": item.get("valid_from"),
                        "expired": item.get("status") == "repealed",
                        "events": [],
                        "articles": item.get("articles"),
                        "paths": [],
                    }
                ]
                if item.get("published")
                else [],
                "status": item.get("status", "in_force"),
                "repealed_on": item.get("repealed_on"),
                "replaced_by": item.get("replaced_by"),
                "repeal_source": None,
                "articles": item.get("articles"),
                "published": item.get("published"),
                "period": item.get("period"),
                "source": item["source"],
                "added_by_hand": True,
                "_texts": [],
            }
        )
    return entries


def build(repo: Path, out: Path = DATA_DIR) -> dict:
    """Write index.jsonl and texts.bin into `out`; returns a summary."""
    laws, commit = collect(repo)
    as_of = _git(repo, "log", "-1", "--format=%cs", "HEAD").decode().strip()
    present = {law["name"] for law in laws}
    doubled = [item["name"] for item in ADDED if item["name"] in present]
    if doubled:
        raise SystemExit(
            f"人工补录的文件已在法规库中，请从 additions.py 删除：{'、'.join(doubled)}"
        )
    laws += _added()
    laws.sort(key=lambda law: (law["level"], law["name"]))
    out.mkdir(parents=True, exist_ok=True)
    blob = bytearray()
    lines = []
    aliases = {alias: target for alias, target in sorted(ALIASES.items()) if alias != target}
    for law in laws:
        texts = law.pop("_texts")
        if texts:
            packed = zlib.compress(
                json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode(), 9
            )
            law["text"] = [len(blob), len(packed)]
            blob += packed
        else:
            law["text"] = None
        law["keys"] = sorted({normalise(n) for n in [law["name"], law["full"], *law["short"]]})
        law["keys"] += sorted(
            normalise(a) for a, target in aliases.items() if target == law["name"]
        )
        lines.append(json.dumps(law, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    header = {"source": "LawRefBook/Laws", "commit": commit, "as_of": as_of, "count": len(laws)}
    index = json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n" + "\n".join(lines) + "\n"
    (out / "index.jsonl").write_text(index, encoding="utf-8")
    (out / "names.json").write_text(_compact(laws, commit, as_of), encoding="utf-8")
    (out / "texts.bin").write_bytes(bytes(blob))
    return {"laws": len(laws), "commit": commit, "index": len(index.encode()), "texts": len(blob)}


def _compact(laws: list[dict], commit: str, as_of: str) -> str:
    """What the report checker needs, small enough to load in a few milliseconds: per law its
    row in index.jsonl, name, status, repeal date, replacement, plan period and the article
    count of each edition; and every comparison key pointing at its law."""
    rows, keys = [], {}
    for number, law in enumerate(laws):
        editions = [[e["published"], e["articles"]] for e in law["editions"]]
        period = law.get("period")
        rows.append(
            [
                law["name"],
                law["level"],
                law["status"],
                law["repealed_on"],
                law["replaced_by"],
                period[1] if period else None,
                editions,
            ]
        )
        for key in law["keys"]:
            keys.setdefault(key, number)
    payload = {"commit": commit, "as_of": as_of, "laws": rows, "keys": keys}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从 LawRefBook/Laws 镜像生成法律法规库数据")
    parser.add_argument("mirror", type=Path, help="LawRefBook/Laws 的 git 仓库（可为裸仓库）")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    summary = build(args.mirror, args.out)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
