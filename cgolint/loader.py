"""From command-line patterns to packages, with the `go` command's rules:
`./...` walks a tree (skipping vendor, testdata, `.` and `_` directories and
nested modules), a directory names one package, a `.go` file names itself."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

SKIPPED_DIRS = ("vendor", "testdata")
# A file holding none of these cannot hold a finding, so it is never parsed:
# imports (looked for before the first function, as Go puts imports before
# any declaration) and directives (anywhere).
PREFILTER_IMPORTS = (b'"C"', b'"unsafe"', b'"reflect"')
PREFILTER_DIRECTIVES = (b"go:linkname", b"//export")
PREFILTER_MARKERS = PREFILTER_IMPORTS + PREFILTER_DIRECTIVES


@dataclass(frozen=True)
class PackageJob:
    """One directory to analyse: `files` are analysed, the directory's other
    Go files are read only when a declaration is needed from them."""

    directory: str
    files: tuple[str, ...]
    listing: tuple[str, ...] | None = None  # every Go file of the directory, when already listed

    def directory_files(self) -> tuple[str, ...]:
        return self.listing if self.listing is not None else tuple(go_files(self.directory))


@dataclass
class LoadResult:
    packages: list[PackageJob] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)    # (path, message): exit 2
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (pattern, message)


def may_hold_finding(data: bytes) -> bool:
    header = import_header_end(data)
    return (any(data.find(marker, 0, header) >= 0 for marker in PREFILTER_IMPORTS)
            or any(marker in data for marker in PREFILTER_DIRECTIVES))


def import_header_end(data: bytes) -> int:
    """Where a file's imports end at the latest: its first line that starts
    with the keyword `func` outside a block comment (a cgo preamble or a
    package comment may hold such a line; Go puts every import before any
    declaration). The prefilter and the markers ask in turn about the same
    bytes: the last answer is kept (a tuple swapped whole, for threads)."""
    global _last_header
    seen, end = _last_header
    if seen is not data:
        end = _header_end(data)
        _last_header = (data, end)
    return end


_last_header: tuple[bytes | None, int] = (None, 0)


def _header_end(data: bytes) -> int:
    # The comment openers and closers before each candidate are counted
    # from the previous candidate on (a candidate starts at a newline, which
    # no `/*` or `*/` spans): one pass over the file, where a search back to
    # its start for every candidate made a 4 MB generated file whose string
    # holds a `/*` take 50 ms.
    start = scanned = 0
    last_open = last_close = -1
    while True:
        end = data.find(b"\nfunc", start)
        if end < 0:
            return len(data)
        start = end + 5
        if data[start:start + 1] not in (b" ", b"\t", b"("):
            continue  # `function...`: not the keyword
        last_open = max(last_open, data.rfind(b"/*", scanned, end))
        last_close = max(last_close, data.rfind(b"*/", scanned, end))
        scanned = end
        if last_open > last_close:
            continue  # inside a block comment
        return end


def go_files(directory: str) -> list[str]:
    """The `.go` files directly in `directory`, sorted."""
    try:
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if e.name.endswith(".go") and not e.name.startswith((".", "_"))
                     and _is_file(e)]
    except OSError:
        return []
    return [os.path.join(directory, name) for name in sorted(names)]


# A package's C files larger than this are left unread: an amalgamation
# (go-sqlite3's 9 MB sqlite3-binding.c) would cost more than it tells.
MAX_C_SOURCE = 256 << 10


def c_files(directory: str) -> list[str]:
    """The `.c` files directly in `directory` that the preamble model reads
    for the bodies of what preambles only declare (cgo compiles them with
    the package), sorted; the cache key names the same ones."""
    try:
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if e.name.endswith(".c") and not e.name.startswith((".", "_"))
                     and _is_file(e) and _size(e) <= MAX_C_SOURCE]
    except OSError:
        return []
    return [os.path.join(directory, name) for name in sorted(names)]


def for_one_platform(path: str) -> bool:
    """A file named for one platform (`x_windows.c`, `x_arm64.c`): whether it
    builds is not known from the source alone."""
    return _PLATFORM_FILE.search(os.path.basename(path)) is not None


# Go's file name build constraints: `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` before the extension.
_OSES = "aix|android|darwin|dragonfly|freebsd|hurd|illumos|ios|js|linux|nacl|netbsd|openbsd|plan9|solaris|wasip1|windows|zos"
_ARCHES = ("386|amd64|amd64p32|arm|armbe|arm64|arm64be|loong64|mips|mipsle|mips64|mips64le|mips64p32|mips64p32le|"
           "ppc|ppc64|ppc64le|riscv|riscv64|s390|s390x|sparc|sparc64|wasm")
_PLATFORM_FILE = re.compile(rf"_(?:(?:{_OSES})(?:_(?:{_ARCHES}))?|(?:{_ARCHES}))\.c$")


def read_file(path: str) -> bytes | None:
    """Up to 1 MiB of a file, as the preamble model reads headers; None if unreadable."""
    try:
        with open(path, "rb") as handle:
            return handle.read(1 << 20)
    except OSError:
        return None


def _size(entry: os.DirEntry) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return MAX_C_SOURCE + 1


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def load(patterns: list[str], excluded=lambda path: False) -> LoadResult:
    result = LoadResult()
    explicit: dict[str, list[str]] = {}
    seen_dirs: set[str] = set()
    for pattern in patterns or ["."]:
        if pattern == "..." or pattern.endswith("/...") or pattern.endswith(os.sep + "..."):
            root = pattern[:-3].rstrip("/" + os.sep) or "."
            if not os.path.isdir(root):
                result.errors.append((root, _missing(root)))
                continue
            found = 0
            for directory, files in _walk_packages(root, excluded, result.errors):
                found += 1
                if directory not in seen_dirs:
                    seen_dirs.add(directory)
                    result.packages.append(PackageJob(directory, files, files))
            if not found:
                result.warnings.append((pattern, f'"{pattern}" matched no packages'))
        elif os.path.isdir(pattern):
            directory = os.path.abspath(pattern)
            files = go_files(directory)
            if not files:
                unreadable = _unreadable(directory)
                result.errors.append((pattern, unreadable or f"no Go files in {pattern}"))
            elif directory not in seen_dirs:
                seen_dirs.add(directory)
                result.packages.append(PackageJob(directory, tuple(files), tuple(files)))
        elif os.path.isfile(pattern) or os.path.islink(pattern):
            if not pattern.endswith(".go"):
                result.errors.append((pattern, "not a Go file (named files must end in .go)"))
                continue
            if excluded(pattern):
                continue
            path = os.path.abspath(pattern)
            explicit.setdefault(os.path.dirname(path), []).append(path)
        else:
            result.errors.append((pattern, _missing(pattern)))
    for directory, files in explicit.items():
        if directory not in seen_dirs:
            result.packages.append(PackageJob(directory, tuple(sorted(set(files)))))
    result.packages.sort(key=lambda job: job.directory)
    return result


def display_relative(path: str) -> str:
    """`path` relative to the working directory when it is below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _unreadable(directory: str) -> str | None:
    """Why a directory cannot be listed, or None if it can."""
    try:
        with os.scandir(directory):
            return None
    except OSError as error:
        return f"cannot read directory: {error.strerror or error}"


def _missing(path: str) -> str:
    if os.path.islink(path):
        return "broken symbolic link"
    return "no such file or directory"


def _walk_packages(root: str, excluded, errors: list | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Directories under root holding Go files, with their Go files, without
    descending into skipped trees. A directory that cannot be listed is
    added to `errors`."""
    found: list[tuple[str, tuple[str, ...]]] = []
    stack = [os.path.abspath(root)]
    top = stack[0]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as iterator:
                entries = sorted(iterator, key=lambda e: e.name)
        except OSError as error:
            if errors is not None:
                errors.append((display_relative(directory), f"cannot read directory: {error.strerror or error}"))
            continue
        has_go = False
        names = []
        children = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if name.startswith((".", "_")) or name in SKIPPED_DIRS:
                    continue
                path = os.path.join(directory, name)
                if os.path.exists(os.path.join(path, "go.mod")) or excluded(path):
                    continue  # a nested module, or excluded by configuration
                children.append(path)
            elif name.endswith(".go") and not name.startswith((".", "_")):
                has_go = True
                if _is_file(entry):
                    names.append(name)
        if has_go and (directory == top or not excluded(directory)):
            found.append((directory, tuple(os.path.join(directory, name) for name in names)))
        stack.extend(reversed(children))
    return sorted(found)


def directories_up(start: str):
    """`start` (absolute) and each directory above it, up to the root."""
    current = os.path.abspath(start)
    while True:
        yield current
        parent = os.path.dirname(current)
        if parent == current:
            return
        current = parent


def module_file(directory: str) -> str | None:
    """The go.mod of the module around `directory`: the nearest one at or
    above it, or None (GOPATH mode, a loose file)."""
    for current in directories_up(directory):
        candidate = os.path.join(current, "go.mod")
        if os.path.isfile(candidate):
            return candidate
    return None


def repository_root(start: str) -> str:
    """The enclosing git work tree (GitHub's repository root), else `start`."""
    for directory in directories_up(start):
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
    return os.path.abspath(start)
