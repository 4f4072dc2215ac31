"""The result cache: one entry per analysed package, so a run over unchanged
code parses nothing.

An entry's key is a hash of everything its findings depend on (as ruff's cache
does): the cgolint version and the code of cgolint and of every rule plugin;
the enabled rules, their options and the select/ignore lists; the versions of
the tree-sitter grammars; the package directory and the directory paths are
shown relative to; the content of every file analysed, of the directory's
other Go files (read for declarations) and of the local headers its
preambles include. Entries are JSON, never pickle: a cache directory is
data, not code. An entry that is corrupt, truncated, written by another
version or stored under another key is a miss and is rewritten; nothing in
the cache can make a run fail.
"""
from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import os
import re
import sys
import tempfile
import typing
from enum import Enum
from typing import Any, Iterable

from . import __version__

CACHE_DIR_ENV = "CGOLINT_CACHE_DIR"
DEFAULT_DIR_NAME = ".cgolint_cache"
FORMAT = "cgolint-cache-1"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by cgolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
_INCLUDE = re.compile(rb'#\s*include\s*"([^"\n]+)"')
_MAX_HEADER = 1 << 20  # what preamble.py reads of a header


def resolve_directory(option: str | None, root: str | None) -> str:
    """--cache-dir, else $CGOLINT_CACHE_DIR, else `.cgolint_cache` in the
    configuration root (the working directory when there is no config file)."""
    chosen = option or os.environ.get(CACHE_DIR_ENV) or os.path.join(root or os.getcwd(), DEFAULT_DIR_NAME)
    return os.path.abspath(os.path.expanduser(chosen))


# --- what every key of one run shares ------------------------------------------------

def _code_stamp(paths: Iterable[str]) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of source files: a changed rule or engine module
    (a development checkout, an upgraded plugin) invalidates every entry."""
    stamps = []
    for path in sorted(set(paths)):
        try:
            info = os.stat(path)
        except OSError:
            continue
        stamps.append((path, info.st_size, info.st_mtime_ns))
    return stamps


def _engine_files() -> list[str]:
    package = os.path.dirname(os.path.abspath(__file__))
    found = []
    for directory, subdirs, files in os.walk(package):
        subdirs[:] = [d for d in subdirs if d != "__pycache__"]
        found.extend(os.path.join(directory, f) for f in files if f.endswith((".py", ".scm")))
    return found


def _distribution_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in ("tree-sitter", "tree-sitter-go", "tree-sitter-c"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "?"
    return versions


def run_salt(rule_classes: Iterable[type], settings) -> str:
    """The part of every key that depends on the run, not on a package."""
    rule_files = []
    rules = []
    for rule in rule_classes:
        try:
            rule_files.append(inspect.getfile(rule))
        except (TypeError, OSError):
            pass
        options = settings.options_for(rule.code, dict(getattr(rule, "options", {}) or {}))
        rules.append([rule.code, f"{rule.__module__}:{rule.__qualname__}", _stable(options)])
    material = {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version_info[:2],
        "code": _code_stamp(_engine_files() + rule_files),
        "distributions": _distribution_versions(),
        "rules": sorted(rules),
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "max_file_size": settings.max_file_size,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=repr).encode()).hexdigest()


def _stable(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True, default=repr))


# --- package keys --------------------------------------------------------------------

def package_key(salt: str, directory: str, base: str, files: dict[str, bytes | str],
                context: dict[str, bytes | str], read=None) -> str:
    """The key of one package. `files` maps each analysed path to its bytes
    (or to the reason it cannot be read); `context` likewise for the
    directory's other Go files. Local headers are found by following
    `#include "x.h"` from the Go files and read with `read(path)`."""
    read = read or _read_header
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(salt, directory, base)
    for label, table in (("file", files), ("context", context)):
        for path in sorted(table):
            value = table[path]
            add(label, path, "bytes" if isinstance(value, bytes) else "problem", _content_digest(value))
    for path, data in _headers(directory, [v for v in list(files.values()) + list(context.values())
                                           if isinstance(v, bytes)], read):
        add("header", path, "bytes" if data is not None else "missing", _content_digest(data or b""))
    return digest.hexdigest()


def _content_digest(value: bytes | str) -> bytes:
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogateescape")
    return hashlib.blake2b(value, digest_size=20).digest()


def _headers(directory: str, sources: list[bytes], read) -> list[tuple[str, bytes | None]]:
    """Local headers named by `#include "..."` in the sources and, in turn,
    in those headers: only those of the package directory, as preamble.py reads."""
    found: dict[str, bytes | None] = {}
    pending = sorted({m.group(1).decode("utf-8", "surrogateescape")
                      for data in sources if b"include" in data for m in _INCLUDE.finditer(data)})
    while pending:
        name = pending.pop()
        path = os.path.normpath(os.path.join(directory, name))
        if path in found or os.path.dirname(path) != directory:
            continue
        data = read(path)
        found[path] = data
        if data:
            pending.extend(m.group(1).decode("utf-8", "surrogateescape") for m in _INCLUDE.finditer(data))
    return sorted(found.items())


def _read_header(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(_MAX_HEADER)
    except OSError:
        return None


# --- entries: exact, checked round-trips of the result dataclasses --------------------

def _types() -> dict[str, type]:
    from .engine import Notification, PackageResult
    from .rule import Edit, Finding, Fix, Related
    from .source import Position

    return {cls.__name__: cls for cls in (PackageResult, Notification, Finding, Position, Related, Fix, Edit)}


class CorruptEntry(Exception):
    pass


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded = {"__t": type(value).__name__}
        for item in dataclasses.fields(value):
            encoded[item.name] = encode(getattr(value, item.name))
        return encoded
    if isinstance(value, Enum):
        return {"__enum": type(value).__name__, "value": value.value}
    if isinstance(value, tuple):
        return {"__tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(value: Any, types: dict[str, type] | None = None) -> Any:
    types = types or _types()
    if isinstance(value, list):
        return [decode(v, types) for v in value]
    if isinstance(value, dict):
        if "__tuple" in value:
            if not isinstance(value["__tuple"], list):
                raise CorruptEntry("tuple")
            return tuple(decode(v, types) for v in value["__tuple"])
        if "__enum" in value:
            from .rule import Level

            if value["__enum"] != "Level":
                raise CorruptEntry("enum")
            return Level(value["value"])
        cls = types.get(value.get("__t"))
        if cls is None:
            raise CorruptEntry(f"unknown type {value.get('__t')!r}")
        names = {f.name for f in dataclasses.fields(cls) if f.init}
        given = {k: decode(v, types) for k, v in value.items() if k != "__t"}
        if set(given) != names:
            raise CorruptEntry(f"{cls.__name__} fields differ")
        obj = cls(**given)
        _check_types(obj)
        return obj
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise CorruptEntry("value")


_HINTS: dict[type, dict[str, Any]] = {}


def _check_types(obj: Any) -> None:
    """Refuse an entry whose field values are not of their declared types."""
    cls = type(obj)
    hints = _HINTS.get(cls)
    if hints is None:
        module = sys.modules[cls.__module__]
        hints = _HINTS[cls] = typing.get_type_hints(cls, vars(module))
    for name, hint in hints.items():
        if not _matches(getattr(obj, name, None), hint):
            raise CorruptEntry(f"{cls.__name__}.{name} has the wrong type")


def _matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin is typing.Union or type(hint).__name__ == "UnionType":
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if not isinstance(value, origin):
            return False
        item = args[0] if args else Any
        return all(_matches(v, item) for v in value)
    if origin is not None:
        return isinstance(value, origin)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


class Cache:
    """Package results on disk under `directory`. Problems with the directory
    never fail a run: the cache turns itself off and says why in `warnings`."""

    def __init__(self, directory: str):
        self.directory = os.path.abspath(directory)
        self.warnings: list[str] = []
        self.enabled = True
        self.hits = 0
        self.misses = 0
        self._prepared = False

    def _entry_path(self, key: str) -> str:
        return os.path.join(self.directory, FORMAT, key[:2], key + ".json")

    def get(self, key: str):
        """The cached PackageResult under `key`, or None."""
        if not self.enabled:
            return None
        try:
            with open(self._entry_path(key), "rb") as handle:
                raw = handle.read()
        except OSError:
            self.misses += 1
            return None
        try:
            result = self._load(key, raw)
        except Exception:  # corrupt, truncated or foreign: a miss, rewritten by put()
            result = None
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def _load(self, key: str, raw: bytes):
        header, _, body = raw.partition(b"\n")
        meta = json.loads(header)
        if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("key") != key:
            return None
        if meta.get("version") != __version__ or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        result = decode(json.loads(body))
        from .engine import PackageResult

        return result if isinstance(result, PackageResult) else None

    def put(self, key: str, result) -> None:
        if not self.enabled:
            return
        try:
            body = json.dumps(encode(result), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            return  # something a rule attached that JSON cannot hold: not cached
        header = json.dumps({"format": FORMAT, "version": __version__, "key": key,
                             "sha256": hashlib.sha256(body).hexdigest()}).encode()
        path = self._entry_path(key)
        try:
            self._prepare()
            os.makedirs(os.path.dirname(path), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(header + b"\n" + body)
                os.replace(temporary, path)  # atomic: a concurrent reader sees old or new, never half
            except BaseException:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except OSError as error:
            self.enabled = False
            self.warnings.append(f"cache disabled: cannot write to {self.directory}: {error.strerror or error}")

    def _prepare(self) -> None:
        """Create the directory with a CACHEDIR.TAG (backup tools skip it) and
        a .gitignore of `*` (git never shows it)."""
        if self._prepared:
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# Created by cgolint automatically.\n*\n")):
            path = os.path.join(self.directory, name)
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(content)
        self._prepared = True
