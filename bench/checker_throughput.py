"""Throughput and start-up of the report checker on one core.

Usage: .venv/bin/python bench/checker_throughput.py [--reports 300] [--bar 200] [--start-bar 0.5]
Writes synthetic ~8 KB text reports (fixed random seed) to a temporary folder, then measures:

1. in-process: each file checked in this one process (file read, decoding, structure, facts,
   findings, JSON dictionary); CPU time of this process, best of --rounds rounds;
2. the command as a user runs it, in a fresh process each time (subprocess, wall clock):
   `python -m fazhi check ONE_REPORT` and `python -m fazhi.checker ONE_REPORT` (cold start,
   median of --starts runs, bar --start-bar seconds), and `python -m fazhi check FOLDER --jobs 1
   --quiet` on all the reports (start-up, copy detection and output included; best of --rounds,
   bar --bar reports/s). The child processes' CPU time is printed beside each wall time (a
   shared machine stretches wall time, not CPU time). The first run ever, which builds the
   gazetteer cache, is timed once with an empty cache folder and printed, not held to a bar.
   The commands run with bytecode caches as an installed package has them (pip compiles on
   install): PYTHONDONTWRITEBYTECODE is dropped and PYTHONPYCACHEPREFIX points at a temporary
   folder, warmed by one run, so nothing is written beside the sources or into the venv.

Prints each figure with its bar and ratio; exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fazhi.checker import check_file
from fazhi.checker.places import load_gazetteer
from fazhi.checker.vocabulary import build_vocabulary

TOWNS = ["金村镇", "彭堡镇", "大张楼镇", "城关镇", "马集镇", "梁宝寺镇", "纸坊镇", "疃里镇"]
WORK = [
    "组织开展“宪法宣传周”集中宣传活动{a}次，发放宣传资料{b}余份，悬挂横幅{c}条，解答群众咨询{d}人次。",
    "党委理论学习中心组开展习近平法治思想专题学习{a}次，举办法治专题讲座{c}场，参加人员{d}多人次。",
    "全年共排查矛盾纠纷{a}次，调解各类矛盾纠纷{m}起，调解成功{s}起，调解成功率为{r}%。",
    "法律顾问进村开展服务{b}余次，参与重大事项把关{a}次，审查合同{c}份，协助调解矛盾纠纷{a}起。",
    "制定规范性文件{a}件，全部经过合法性审核，报备及时率100%，清理文件{c}件。",
    "办理行政执法案件{b}件，重大执法决定全部经过法制审核，执法决定按期公示。",
    "培养法律明白人{c}名、法律带头人{a}名，建成村级普法广场{a}处，民主法治示范村{a}个。",
    "组织镇村干部参加学法考试{a}次，参考{d}人，合格{d}人，合格率100%。",
]
PROSE = (
    "进一步健全完善工作机制，明确责任分工，细化工作措施，加强督促检查，"
    "确保各项任务落到实处，推动法治政府建设工作取得新进展、新成效，"
    "为全镇经济社会高质量发展营造良好的法治环境。"
)
FILLER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
    "紧紧围绕全镇经济社会发展大局，扎实推进依法行政，不断提升基层治理法治化水平。"
)


def _figures(rng: random.Random) -> dict:
    mediated = rng.randint(50, 200)
    return {
        "a": rng.randint(2, 40),
        "b": rng.randint(100, 5000),
        "c": rng.randint(5, 90),
        "d": rng.randint(100, 900),
        "m": mediated,
        "s": mediated - 2,
        "r": round((mediated - 2) / mediated * 100),
    }


def make_report(rng: random.Random, index: int) -> str:
    """A report shaped like the labelled samples: five parts, figures in the measures part
    (about 30 facts, as dense as the densest sample), prose elsewhere, a signature."""
    town = rng.choice(TOWNS)
    year = rng.randint(2020, 2025)
    lines = [f"{town}{year}年度法治政府建设情况报告", "", f"{year}年，{FILLER}", ""]
    sections = [
        f"一、{year}年推进法治政府建设的主要举措和成效",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、存在的不足和原因",
        f"四、{year + 1}年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]
    for number, section in enumerate(sections):
        lines += [section, ""]
        for sub in range(4 if number == 0 else 2):
            lines.append(f"（{'一二三四'[sub]}）加强法治建设第{index % 7 + sub}项工作。")
            if number == 0:
                for _ in range(2):
                    lines.append(FILLER + rng.choice(WORK).format(**_figures(rng)))
            else:
                lines.append(FILLER + PROSE)
            lines.append("")
        lines += [PROSE, ""]
    lines += ["", f"{town}人民政府", f"{year + 1}年2月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def run_command(arguments: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one command, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def in_process(paths: list[Path], rounds_wanted: int) -> tuple[list[float], list[float], int]:
    load_gazetteer()  # one-time set-up, paid once per process, not per report
    build_vocabulary()
    rounds, walls = [], []
    facts = 0
    for _ in range(max(1, rounds_wanted)):
        started, wall_started = time.process_time(), time.perf_counter()
        facts = 0
        for path in paths:
            facts += len(check_file(path)["facts"])
        rounds.append(time.process_time() - started)
        walls.append(time.perf_counter() - wall_started)
    return rounds, walls, facts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="报告审查单核吞吐量与启动时间")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--bar", type=float, default=200.0, help="每秒报告数下限")
    parser.add_argument("--start-bar", type=float, default=0.5, help="单份报告冷启动秒数上限")
    parser.add_argument("--rounds", type=int, default=3, help="计时轮数，取最快一轮")
    parser.add_argument("--starts", type=int, default=7, help="冷启动次数，取中位数")
    args = parser.parse_args(argv)
    rng = random.Random(20261122)
    python = sys.executable
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports"
        reports.mkdir()
        paths = []
        for index in range(args.reports):
            path = reports / f"report_{index:04d}.txt"
            path.write_text(make_report(rng, index), encoding="utf-8")
            paths.append(path)
        sizes = [path.stat().st_size for path in paths]
        one = str(paths[0])

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        first_env = {**env, "FAZHI_CACHE_DIR": str(Path(folder) / "empty-cache")}
        first_wall, first_cpu = run_command([python, "-m", "fazhi", "check", one], first_env)
        run_command([python, "-m", "fazhi", "check", one], env)  # bytecode and cache warm
        run_command([python, "-m", "fazhi", "check", str(reports), "--jobs", "1"], env)
        starts = {}
        for entry in ("fazhi", "fazhi.checker"):
            command = [python, "-m", entry] + (["check"] if entry == "fazhi" else []) + [one]
            starts[entry] = [run_command(command, env) for _ in range(max(1, args.starts))]
        batch = [
            run_command(
                [python, "-m", "fazhi", "check", str(reports), "--jobs", "1", "--quiet"], env
            )
            for _ in range(max(1, args.rounds))
        ]
        rounds, walls, facts = in_process(paths, args.rounds)

    mean_kb = sum(sizes) / len(sizes) / 1024
    print(f"reports: {args.reports}, mean size {mean_kb:.1f} KB, facts {facts}")
    print("1. in-process, one core")
    print(f"   rounds (CPU time): {', '.join(f'{r:.2f}' for r in rounds)} s")
    print(f"   rounds (wall clock): {', '.join(f'{w:.2f}' for w in walls)} s")
    print(f"   median round: {args.reports / statistics.median(rounds):.0f} reports/s")
    rate = args.reports / min(rounds)
    print(
        f"   throughput: {rate:.0f} reports/s (bar {args.bar:.0f}/s, ratio {rate / args.bar:.2f})"
    )
    ok &= rate >= args.bar
    print("2. the command as a user runs it (fresh process each time)")
    print(
        f"   first run ever, building the gazetteer cache: {first_wall:.2f} s wall, "
        f"{first_cpu:.2f} s CPU (once per installation; no bar)"
    )
    for entry, runs in starts.items():
        command = "python -m fazhi check" if entry == "fazhi" else "python -m fazhi.checker"
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(
            f"   {command} ONE_REPORT: median {wall:.3f} s wall (best "
            f"{min(w for w, _ in runs):.3f}), {cpu:.3f} s CPU; bar < {args.start_bar} s, "
            f"ratio {wall / args.start_bar:.2f}"
        )
        ok &= wall < args.start_bar
    best_wall = min(w for w, _ in batch)
    best_cpu = min(c for _, c in batch)
    cli_rate = args.reports / best_wall
    print(
        f"   python -m fazhi check FOLDER --jobs 1 --quiet ({args.reports} reports): "
        f"{', '.join(f'{w:.2f}' for w, _ in batch)} s wall, best {cli_rate:.0f} reports/s "
        f"(CPU {best_cpu:.2f} s = {args.reports / best_cpu:.0f} reports/s); "
        f"bar {args.bar:.0f}/s, ratio {cli_rate / args.bar:.2f}"
    )
    ok &= cli_rate >= args.bar
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
