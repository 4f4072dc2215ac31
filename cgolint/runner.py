"""A whole run: load patterns, read every file once (the prefilter), answer
unchanged packages from the cache, analyse the rest (in worker processes
when there is enough work to pay for them), and collect one sorted,
deterministic result: the same bytes whatever --jobs is and whether or not
the cache answered."""
from __future__ import annotations

import gc
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from .config import Settings
from .engine import Analyzer, Notification, PackageResult, display_path, read_source
from .file_index import NOTHING, FileIndex, signature
from .loader import PackageJob, load, module_file
from .registry import RuleSet, load_rules
from .rule import Finding

# Below this many Go files to read (in the packages the stat index cannot
# answer), worker processes cost more to start (fork, pickling results
# back) than they save; measured with benchmarks/run_benchmarks.py (a
# candidate file takes ~5-10 ms to analyse, starting a pool of two ~60-100 ms).
MIN_FILES_FOR_POOL = 24

# A notification with one of these messages depends on the moment (timing,
# a file vanishing, permissions) or on a crash, not on the content: a package
# result holding one is never cached.
_TRANSIENT_PREFIXES = ("cannot read", "cannot parse", "internal error")
_TRANSIENT_WORDS = ("file-timeout",)


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    files_analysed: int = 0
    packages: int = 0
    cache_hits: int = 0

    @property
    def has_errors(self) -> bool:
        return any(n.level == "error" for n in self.notifications)


@dataclass
class _Pending:
    """A package to analyse: its job, the bytes already read (handed to the
    analyser so nothing is read twice and the key matches what is analysed)."""

    job: PackageJob            # narrowed to the files the analyser must look at
    data: dict[str, bytes]
    candidates: int
    all_files: tuple[str, ...] = ()  # the files the pattern named, for the cache key
    extras: list = field(default_factory=list)  # (path, signature before it was read): go.mod, local headers


class _Seen:
    """A package as the stat index sees it: `known` is its key when nothing
    changed (NOTHING: no file to analyse), else None; the signatures are
    taken before any file is read, so a change while it is read is caught
    by the next run."""

    def __init__(self, job: PackageJob, index: FileIndex):
        self.job, self.index = job, index
        self.listing = job.directory_files()
        self.known = index.lookup(job.directory, job.files, self.listing)
        self.stats = None if self.known is not None else \
            [signature(path) for path in sorted(set(self.listing) | set(job.files))]

    def record(self, key: str, extras: list) -> None:
        if self.stats is not None:
            self.index.record(self.job.directory, self.job.files, self.listing, self.stats, extras, key)

    def forget(self) -> None:
        self.index.forget(self.job.directory)


class _PackageWork:
    """Everything done for a package the stat index cannot answer: read its
    files once (the prefilter), key it, look it up in the cache, analyse it
    on a miss and store the result. Runs in the main process or in each
    worker, so reading and hashing are spread over the workers too."""

    def __init__(self, analyzer: Analyzer, settings: Settings, base: str, salt: str | None, cache):
        self.analyzer = analyzer
        self.settings, self.base, self.salt, self.cache = settings, base, salt, cache
        self._modules: dict[str, str] = {}  # directory -> its go.mod ("": none), for one run

    def __call__(self, job: PackageJob, part: tuple[int, int] | None = None) -> _Done:
        """`part`: analyse that share of the package's files only; the main
        process merges the parts and stores the whole (`_merge_parts`)."""
        module = self._module_file(job.directory)
        # go.mod decides some verdicts (the Go version, the std module): its
        # signature is taken before anything reads it
        extras = [(module, signature(module))] if module is not None else []
        work = _prefilter(job, self.settings, self.analyzer)
        if work is None:
            return _Done(None, NOTHING, extras)  # nothing to parse and nothing to say: no candidate file, every file read
        key = None
        if self.salt is not None and work.candidates:
            work.extras = extras
            key = _key(self.salt, work, self.base, self.settings, module)
            cached = self.cache.get(key)
            if cached is not None:
                return _Done(cached, key, work.extras, cache_hit=True)
        with _collecting_after():
            outcome = self.analyzer.analyze(work.job, _analysed_data(work, key), part)
        if part is not None:
            return _Done(outcome, None, work.extras, unstored_key=key,
                         warnings=list(self.cache.warnings) if self.cache is not None else [])
        if key is not None and _cacheable(outcome) and self.cache.put(key, outcome):
            return _Done(outcome, key, work.extras)
        return _Done(outcome, None, warnings=list(self.cache.warnings) if self.cache is not None else [])

    def _module_file(self, directory: str) -> str | None:
        found = self._modules.get(directory)
        if found is None:
            found = self._modules[directory] = module_file(directory) or ""
        return found or None


@contextmanager
def _collecting_after():
    """Python's cycle collector off while a package is analysed, and one
    young-generation collection after it. A package's model is a web of
    cycles (scopes, flow graphs, memo tables) that dies with the package;
    collecting while it lives walks it again and again, for ~6% of a run.
    Its cycles are all young (nothing is collected meanwhile), so one
    generation-0 collection at the end frees them."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


@dataclass
class _Done:
    """What a package gave: its result (None: nothing to say) and, for the
    stat index, the key to remember (NOTHING: no file needed analysing;
    None: remember nothing) with the signatures of the files besides its
    Go files that the answer depends on."""

    outcome: PackageResult | None
    index_key: str | None
    extras: list = field(default_factory=list)
    cache_hit: bool = False
    warnings: list[str] = field(default_factory=list)  # the cache's, from a worker
    unstored_key: str | None = None  # a part's: the package's key, stored once the parts are merged


_worker: _PackageWork | None = None


def _init_worker(ruleset: RuleSet, settings: Settings, base: str, salt: str | None, cache_directory: str | None) -> None:
    global _worker
    from .cache import Cache

    _worker = _PackageWork(Analyzer(ruleset, settings, base), settings, base, salt,
                           Cache(cache_directory) if cache_directory else None)


def _analyze(job: PackageJob, part: tuple[int, int] | None = None) -> _Done:
    assert _worker is not None
    return _worker(job, part)


def _analyze_batch(tasks: list[tuple[PackageJob, tuple[int, int] | None]]) -> list[_Done]:
    return [_analyze(job, part) for job, part in tasks]


def run(patterns: list[str], settings: Settings, ruleset: RuleSet | None = None,
        jobs: int = 1, base: str | None = None, progress=None, cache=None) -> RunResult:
    """`progress(done, total)` is called as packages are finished; `cache`
    is a `cgolint.cache.Cache` or None."""
    ruleset = ruleset or load_rules()
    base = base or os.getcwd()
    loaded = load(patterns, settings.excluded)
    result = RunResult(packages=len(loaded.packages))
    for path, message in loaded.errors:
        result.notifications.append(Notification(os.path.abspath(path), path, message))
    for pattern, message in loaded.warnings:
        result.notifications.append(Notification(pattern, pattern, message, "warning"))
    for message in ruleset.errors:
        result.notifications.append(Notification("", "cgolint", message))
    packages = [PackageJob(p.directory, tuple(f for f in p.files if not settings.excluded(f)), p.listing)
                for p in loaded.packages]
    packages = [p for p in packages if p.files]

    analyzer = Analyzer(ruleset, settings, base)
    salt = stat_index = None
    if cache is not None and cache.enabled:
        from .cache import run_salt
        from .file_index import FileIndex

        salt = run_salt(analyzer.rule_classes, settings)
        stat_index = FileIndex(cache.directory, salt, base)
    here = _PackageWork(analyzer, settings, base, salt, cache if salt is not None else None)

    outcomes: list[PackageResult | None] = [None] * len(packages)
    todo: list[tuple[int, PackageJob]] = []
    seen: dict[int, _Seen] = {}
    for position, job in enumerate(packages):
        if stat_index is not None:
            seen[position] = view = _Seen(job, stat_index)
            if view.known is not None:
                cached = cache.get(view.known) if view.known else None
                if not view.known or cached is not None:
                    outcomes[position] = cached
                    result.cache_hits += cached is not None
                    continue
        todo.append((position, job))

    total = len(packages)
    done = total - len(todo)
    if progress and done:
        progress(done, total)
    files = sum(len(job.files) for _, job in todo)
    if jobs > 1 and len(todo) > 1 and files >= MIN_FILES_FOR_POOL:
        finished = _analyze_in_pool(todo, ruleset, settings, base, jobs, salt, cache)
    else:
        finished = ((position, here(job)) for position, job in todo)
    for position, package in finished:
        outcomes[position] = package.outcome
        result.cache_hits += package.cache_hit
        for warning in package.warnings:
            if cache is not None and warning not in cache.warnings:
                cache.warnings.append(warning)
                cache.enabled = False
        view = seen.get(position)
        if view is not None:
            if package.index_key is not None:
                view.record(package.index_key, package.extras)
            else:
                view.forget()
        done += 1
        if progress:
            progress(done, total)
    if stat_index is not None and cache.enabled:
        stat_index.save()

    for outcome in outcomes:  # in package order: the merge does not depend on completion order
        if outcome is not None:
            result.findings.extend(outcome.findings)
            result.notifications.extend(outcome.notifications)
            result.files_analysed += outcome.files_analysed
    result.findings.sort(key=lambda f: f.sort_key)
    result.notifications.sort(key=lambda n: n.sort_key)
    return result


def _prefilter(job: PackageJob, settings: Settings, analyzer: Analyzer) -> _Pending | None:
    """Read the package's files once; None when no enabled rule can find
    anything in them and all could be read (the analyser would only read
    them again)."""
    data: dict[str, bytes] = {}
    kept: list[str] = []   # candidates, and unreadable files (the analyser reports them)
    candidates = 0
    for path in job.files:
        content, problem = read_source(path, settings)
        if content is None:
            kept.append(path)
            continue
        data[path] = content
        if analyzer.wanted(job.directory, content):
            kept.append(path)
            candidates += 1
    if not kept:
        return None
    return _Pending(PackageJob(job.directory, tuple(kept), job.listing), data, candidates, all_files=job.files)


def _key(salt: str, work: _Pending, base: str, settings: Settings, module: str | None) -> str:
    """The package's cache key; reads the directory's other Go files (context
    for declarations) into `work.data` so the analyser uses the same bytes,
    and adds to `work.extras` the local headers read for the key."""
    from .cache import package_key
    from .loader import read_file

    files: dict[str, bytes | str] = {}
    for path in work.all_files:
        files[path] = work.data.get(path, "unreadable")
    context: dict[str, bytes | str] = {}
    analysed = set(work.all_files)
    for path in work.job.directory_files():
        if path in analysed:
            continue
        content, problem = read_source(path, settings)
        if content is None:
            context[path] = problem or "unreadable"
        else:
            context[path] = content
            work.data[path] = content
    if module is not None:
        context[module] = read_file(module) or "unreadable"

    def read(path: str) -> bytes | None:
        work.extras.append((path, signature(path)))  # before the read: a change after it is caught next time
        return read_file(path)

    return package_key(salt, work.job.directory, base, files, context, read=read)


def _cacheable(outcome: PackageResult) -> bool:
    return not any(n.message.startswith(_TRANSIENT_PREFIXES) or any(w in n.message for w in _TRANSIENT_WORDS)
                   for n in outcome.notifications)


def _analyze_in_pool(todo: list[tuple[int, PackageJob]], ruleset: RuleSet, settings: Settings,
                     base: str, jobs: int, salt: str | None, cache):
    """Yield (position, _Done) as workers finish. The packages with the most
    bytes of Go go first, so that one big package does not finish alone at
    the end; the sizes are what the walk's stat calls already know."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    sized = [(position, job, _size(job)) for position, job in todo]
    order = sorted(_split_large(sized, jobs), key=lambda item: (-item[3], item[0], item[2] or (0, 0)))
    batches = _batches(order, jobs)
    cache_directory = cache.directory if salt is not None else None
    parts: dict[int, dict[int, _Done]] = {}  # position -> part index -> its result, until all are in
    lost: set[int] = set()
    with ProcessPoolExecutor(max_workers=min(jobs, len(order)), initializer=_init_worker,
                             initargs=(ruleset, settings, base, salt, cache_directory)) as pool:
        futures = {pool.submit(_analyze_batch, [(job, part) for _, job, part, _ in batch]): batch
                   for batch in batches}
        for future in as_completed(futures):
            batch = futures[future]
            try:
                packages = future.result()
            except BrokenProcessPool:  # a worker died (e.g. killed for memory)
                lost.update(position for position, _, _, _ in batch)
                continue
            for (position, _, part, _), package in zip(batch, packages):
                if part is None:
                    yield position, package
                    continue
                arrived = parts.setdefault(position, {})
                arrived[part[0]] = package
                if len(arrived) == part[1] and position not in lost:
                    yield position, _merge_parts([arrived[i] for i in range(part[1])], cache)
    if lost:
        # Nothing is lost with the worker: its packages are analysed here, whole.
        here = _PackageWork(Analyzer(ruleset, settings, base), settings, base, salt,
                            cache if salt is not None else None)
        jobs_by_position = dict(todo)
        for position in sorted(lost):
            yield position, here(jobs_by_position[position])


def _split_large(sized: list[tuple[int, PackageJob, int]], jobs: int):
    """(position, job, part, size) tasks: a package holding more than half
    a worker's fair share of the bytes is split into one part per worker,
    so that one big package (cmd/cgo/internal/test: 27 cgo files) is not
    analysed by one worker while the others wait. Each part parses the
    whole package (its model needs every file) and reports its own files."""
    total = sum(size for _, _, size in sized)
    for position, job, size in sized:
        if jobs > 1 and len(job.files) >= 2 * jobs and size * 2 * jobs > total:
            for index in range(jobs):
                yield position, job, (index, jobs), size // jobs
        else:
            yield position, job, None, size


def _merge_parts(parts: list[_Done], cache) -> _Done:
    """One package's result from its parts: a part that found the package in
    the cache holds the whole result; otherwise the union of the parts,
    stored in the cache under the key they agree on."""
    warnings = [w for done in parts for w in done.warnings]
    for done in parts:
        if done.cache_hit:
            return done
    if all(done.outcome is None for done in parts):
        return parts[0]  # nothing to analyse: every part says so alike
    merged = PackageResult()
    for done in parts:
        if done.outcome is not None:
            merged.findings.extend(done.outcome.findings)
            merged.notifications.extend(done.outcome.notifications)
            merged.files_analysed += done.outcome.files_analysed
    key = parts[0].unstored_key
    extras = parts[0].extras
    if key is not None and all(done.unstored_key == key for done in parts) and _cacheable(merged) \
            and cache.put(key, merged):
        return _Done(merged, key, extras)
    return _Done(merged, None, warnings=warnings)


def _batches(order: list[tuple], jobs: int) -> list[list[tuple]]:
    """Tasks of several small packages each: a round trip through the pool
    costs more than a package without candidates takes. A task holds about
    1/(16 jobs) of the bytes, so the largest packages stay one to a task
    and the work still spreads evenly at the end."""
    share = sum(item[-1] for item in order) / (jobs * 16)
    batches: list[list[tuple]] = []
    current: list[tuple] = []
    filled = 0
    for item in order:
        current.append(item)
        filled += item[-1]
        if filled >= share:
            batches.append(current)
            current, filled = [], 0
    if current:
        batches.append(current)
    return batches


def _size(job: PackageJob) -> int:
    total = 0
    for path in job.files:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total


def _analysed_data(work: _Pending, key: str | None) -> dict[str, bytes]:
    """What the analyser is given: the bytes of the files it analyses, and
    of the context files when the cache key was made from them (so the
    result matches the key); otherwise it reads context files only if a
    declaration is missing."""
    if key is not None:
        return work.data
    analysed = set(work.job.files)
    return {path: data for path, data in work.data.items() if path in analysed}


class ProgressLine:
    """`cgolint: 120/340 packages` on one updating stderr line, for a person
    at a terminal: shown only when stderr is a TTY, not in CI, and only once
    the run has taken longer than `delay` seconds; erased when done."""

    def __init__(self, stream, delay: float = 0.5, interval: float = 0.1):
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    @classmethod
    def for_stderr(cls, enabled: bool = True) -> "ProgressLine | None":
        stream = sys.stderr
        try:
            tty = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if not enabled or not tty or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
            return None
        return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < self.interval and done < total):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\rcgolint: {done}/{total} packages\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


__all__ = ["ProgressLine", "RunResult", "run", "display_path"]
