"""The result cache: one entry per analysed package, so a run over unchanged
code parses nothing.

An entry's key is a hash of everything its findings depend on (as ruff's cache
does): the cgolint version and the code of cgolint and of every rule plugin;
the enabled rules, their options and the select/ignore lists; the files of
the tree-sitter binding and grammars; the package directory and the directory paths are
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
import typing
from enum import Enum
from typing import Any, Iterable

import tree_sitter
import tree_sitter_c
import tree_sitter_go

from . import __version__
from .atomic import write_atomic
from .loader import c_files, read_file

CACHE_DIR_ENV = "CGOLINT_CACHE_DIR"
DEFAULT_DIR_NAME = ".cgolint_cache"
FORMAT = "cgolint-cache-1"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by cgolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
_INCLUDE = re.compile(rb'#\s*include\s*"([^"\n]+)"')


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


def _parser_files() -> list[str]:
    """The files of the tree-sitter binding and of both grammars, compiled
    code included: an upgrade or a rebuild of any of them changes their
    stamps (stamps, not versions: importlib.metadata costs ~50 ms to import)."""
    found = []
    for module in (tree_sitter, tree_sitter_go, tree_sitter_c):
        directory = os.path.dirname(module.__file__ or "")
        try:
            found.extend(sorted(e.path for e in os.scandir(directory) if e.is_file()))  # not __pycache__
        except OSError:
            continue
    return found


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
        "code": _code_stamp(_engine_files() + rule_files + _parser_files()),
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
    directory's other Go files and its go.mod. Local headers are found by
    following `#include "x.h"` from the Go files, and the directory's C
    files listed (`loader.c_files`); both are read with `read(path)`."""
    read = read or read_file
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
    for path, data in _headers(directory, [v for p, v in list(files.items()) + list(context.items())
                                           if isinstance(v, bytes) and p.endswith(".go")], read):
        add("header", path, "bytes" if data is not None else "missing", _content_digest(data or b""))
    for path in c_files(directory):  # the bodies of what the preambles declare
        data = read(path)
        add("c source", path, "bytes" if data is not None else "missing", _content_digest(data or b""))
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



# --- entries: exact, checked round-trips of the result dataclasses --------------------
#
# A dataclass is stored as the list of its field values in field order; the
# decoder for each class is built once from its type hints, checks every
# value's type as it rebuilds it, and refuses anything else. The layout (the
# classes' fields and hints) is part of every entry, so a change to a result
# dataclass makes old entries misses instead of misreads.

class CorruptEntry(Exception):
    pass


def _root_types() -> tuple[type, ...]:
    from .engine import PackageResult

    return (PackageResult,)


def _hints(cls: type) -> list[tuple[str, Any]]:
    module = sys.modules[cls.__module__]
    hints = typing.get_type_hints(cls, vars(module))
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def _is_union(hint: Any) -> bool:
    """`Optional[X]` or `X | None` (typing spells the two differently)."""
    return typing.get_origin(hint) is typing.Union or type(hint).__name__ == "UnionType"


class _Codec:
    def __init__(self, root: type):
        self.root = root
        self._decoders: dict[Any, Any] = {}
        self._layout: list[str] = []
        self._encoders: dict[Any, Any] = {}
        self.decode = self._decoder(root)
        self.encode = self._encoder(root)
        self.layout = hashlib.sha256(repr(self._layout).encode()).hexdigest()[:16]

    def _decoder(self, hint: Any):
        key = hint
        if key in self._decoders:
            return self._decoders[key]
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is Any:
            raise TypeError("Any is not cacheable")
        if _is_union(hint):
            options = [a for a in args if a is not type(None)]
            if len(options) != 1:
                raise TypeError(f"cannot cache {hint}")
            inner = self._decoder(options[0])
            decoder = lambda v: None if v is None else inner(v)  # noqa: E731
        elif origin in (tuple, list):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                raise TypeError(f"cannot cache {hint}")
            item = self._decoder(args[0])
            build = tuple if origin is tuple else list

            def decoder(v, item=item, build=build):
                if type(v) is not list:
                    raise CorruptEntry("not a list")
                return build([item(x) for x in v])
        elif isinstance(hint, type) and issubclass(hint, Enum):
            decoder = {member.value: member for member in hint}.__getitem__  # KeyError for anything else
        elif dataclasses.is_dataclass(hint):
            self._decoders[key] = lambda v: decoder(v)  # recursion guard for self-referencing types
            names_hints = _hints(hint)
            self._layout.append(f"{hint.__name__}:{[(n, str(h)) for n, h in names_hints]}")
            decoder = self._dataclass_decoder(hint, [h for _, h in names_hints])
        elif hint in (int, str, bool):
            expected = hint

            def decoder(v, expected=expected):
                if type(v) is not expected:
                    raise CorruptEntry(f"expected {expected.__name__}")
                return v
        elif hint is float:
            def decoder(v):
                if type(v) not in (int, float):
                    raise CorruptEntry("expected a number")
                return v
        else:
            raise TypeError(f"cannot cache {hint}")
        self._decoders[key] = decoder
        return decoder

    def _dataclass_decoder(self, cls: type, hints: list[Any]):
        """A decoder written out for the class, as dataclasses write their
        __init__: a warm run decodes every cached finding, and a function
        with the type tests inline (for int, str, bool, float, or one of
        them or None; other fields go to their own decoder) that sets the
        fields straight into the instance takes less than half the time of
        a closure call per field and the class's __init__."""
        namespace: dict[str, Any] = {"cls": cls, "CorruptEntry": CorruptEntry}
        tests, values = [], []
        for index, hint in enumerate(hints):
            value = f"f{index}"
            decode = self._decoder(hint)  # refuses what cannot be cached, and records the layout
            optional = _is_union(hint)
            plain = next(a for a in typing.get_args(hint) if a is not type(None)) if optional else hint
            if plain in (int, str, bool, float):  # (a union here is `X | None`: _decoder refused any other)
                accepted = "(int, float)" if plain is float else plain.__name__
                test = f"type({value}) not in {accepted}" if plain is float else f"type({value}) is not {accepted}"
                problem = f"{cls.__name__}: field {index} is not a {plain.__name__}"
                tests.append(f"    if {f'{value} is not None and ' if optional else ''}{test}:\n"
                             f"        raise CorruptEntry({problem!r})")
                values.append(value)
            else:
                namespace[f"decode{index}"] = decode
                values.append(f"decode{index}({value})")
        unpack = "".join(f"f{index}, " for index in range(len(hints)))
        if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") or cls.__new__ is not object.__new__:
            build = [f"    return cls({', '.join(values)})"]
        else:
            # The fields straight into a new instance: the __init__ of a
            # frozen dataclass sets each one through object.__setattr__,
            # which costs as much again as the rest of the decoding.
            namespace["new"] = object.__new__
            fields = ", ".join(f"{field.name!r}: {value}" for field, value in zip(dataclasses.fields(cls), values))
            build = ["    made = new(cls)", f"    made.__dict__.update({{{fields}}})", "    return made"]
        source = "\n".join([
            "def decode(v):",
            f"    if type(v) is not list or len(v) != {len(hints)}:",
            f"        raise CorruptEntry({cls.__name__ + ': wrong shape'!r})",
            f"    {unpack} = v" if hints else "    pass",
            *tests,
            *build,
        ])
        exec(source, namespace)  # noqa: S102 - built from our own classes' field and type names
        return namespace["decode"]

    def _encoder(self, hint: Any):
        """The inverse of `_decoder(hint)`, as strict about types: a value
        the decoder would not give back exactly (a list where a tuple is
        declared, a bool for an int) raises TypeError."""
        if hint in self._encoders:
            return self._encoders[hint]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if _is_union(hint):
            inner = self._encoder(next(a for a in args if a is not type(None)))
            encoder = lambda v: None if v is None else inner(v)  # noqa: E731
        elif origin in (tuple, list):
            item, expected = self._encoder(args[0]), origin

            def encoder(v, item=item, expected=expected):
                if type(v) is not expected:
                    raise TypeError(f"expected a {expected.__name__}, not a {type(v).__name__}")
                return [item(x) for x in v]
        elif isinstance(hint, type) and issubclass(hint, Enum):
            def encoder(v, cls=hint):
                if not isinstance(v, cls):
                    raise TypeError(f"expected a {cls.__name__}")
                return v.value
        elif dataclasses.is_dataclass(hint):
            self._encoders[hint] = lambda v: encoder(v)  # recursion guard, as in _decoder
            names_hints = _hints(hint)
            fields = [(name, self._encoder(h)) for name, h in names_hints]

            def encoder(v, fields=fields, cls=hint):
                if type(v) is not cls:
                    raise TypeError(f"expected a {cls.__name__}, not a {type(v).__name__}")
                return [encode_field(getattr(v, name)) for name, encode_field in fields]
        elif hint is float:
            def encoder(v):
                if type(v) not in (int, float) or v != v:
                    raise TypeError("expected a number")  # NaN would not compare equal after a round trip
                return v
        else:  # int, str, bool: the decoder has refused anything else already
            def encoder(v, expected=hint):
                if type(v) is not expected:
                    raise TypeError(f"expected {expected.__name__}, not {type(v).__name__}")
                return v
        self._encoders[hint] = encoder
        return encoder


_CODEC: _Codec | None = None


def _codec() -> _Codec:
    global _CODEC
    if _CODEC is None:
        _CODEC = _Codec(_root_types()[0])
    return _CODEC


def encode(value: Any) -> Any:
    """A PackageResult as JSON-ready lists: a dataclass as the list of its
    fields, an enum as its value, tuples as lists. TypeError for a value
    that `decode` would not give back exactly."""
    return _codec().encode(value)


def decode(value: Any):
    """The PackageResult that `encode` turned into `value`; CorruptEntry (or
    another exception) when `value` is not exactly that."""
    return _codec().decode(value)


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
        if meta.get("version") != __version__ or meta.get("layout") != _codec().layout:
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return decode(json.loads(body))

    def put(self, key: str, result) -> bool:
        """Store `result` under `key`; whether it was stored."""
        if not self.enabled:
            return False
        try:
            encoded = encode(result)  # TypeError for what would not round-trip, e.g. a list for a tuple
            body = json.dumps(encoded, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError, CorruptEntry):
            return False  # something a rule attached that the cache cannot hold: not cached
        header = json.dumps({"format": FORMAT, "version": __version__, "key": key, "layout": _codec().layout,
                             "sha256": hashlib.sha256(body).hexdigest()}).encode()
        path = self._entry_path(key)
        try:
            self._prepare()
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(path, header + b"\n" + body)  # a concurrent reader sees old or new, never half
        except OSError as error:
            self.enabled = False
            self.warnings.append(f"cache disabled: cannot write to {self.directory}: {error.strerror or error}")
            return False
        return True

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
