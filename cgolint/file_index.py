"""The stat index: a shortcut to the cache key of an unchanged package.

A cache key is a hash of file contents, so finding it means reading every
Go file of the tree. The index remembers, per package directory, the stat
of every file the key was made from (size, modification and change times
in nanoseconds, inode) and the key; when they all match, the key is known
without reading a byte, as git's index knows a file is unchanged. A file
modified within RACY_SECONDS of the run that recorded it is not trusted
(its next change could keep the same times), and any difference at all
(a file added, removed, touched or renamed) falls back to reading.
"""
from __future__ import annotations

import hashlib
import json
import os
import time

from .atomic import write_atomic

RACY_SECONDS = 2.0
NOTHING = ""  # the key recorded for a package in which no file needs analysing

Signature = list  # [size, mtime_ns, ctime_ns, inode] or None for a missing file


def signature(path: str) -> Signature | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _names(paths) -> list[str]:
    """Paths of one directory (a package's files, its local headers) by name."""
    return [os.path.basename(path) for path in paths]


class FileIndex:
    """Per-directory entries of one run configuration (the cache salt and
    the base that paths are shown relative to), in one JSON file."""

    def __init__(self, cache_directory: str, salt: str, base: str):
        name = hashlib.sha256(f"{salt}\0{base}".encode()).hexdigest()[:32]
        self.path = os.path.join(cache_directory, "index", name + ".json")
        self.started = time.time_ns()
        self._entries: dict[str, dict] = self._read()
        self._changed = False

    def _read(self) -> dict[str, dict]:
        try:
            with open(self.path, "rb") as handle:
                loaded = json.loads(handle.read())
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def lookup(self, directory: str, files: tuple[str, ...], directory_files: list[str]) -> str | None:
        """The key recorded for the package when nothing it depends on has
        changed since; NOTHING for a package with nothing to analyse; None
        when the files must be read."""
        entry = self._entries.get(directory)
        if not isinstance(entry, dict) or entry.get("files") != _names(files):
            return None
        stats, extras = entry.get("stats"), entry.get("extras")
        paths = sorted(set(directory_files) | set(files))
        if not isinstance(stats, list) or len(stats) != len(paths) or not isinstance(extras, list):
            return None
        for path, recorded in zip(paths, stats):
            if signature(path) != recorded:
                return None
        for extra in extras:
            if not (isinstance(extra, list) and len(extra) == 2 and isinstance(extra[0], str)) \
                    or signature(extra[0]) != extra[1]:
                return None
        key = entry.get("key")
        return key if isinstance(key, str) else None

    def record(self, directory: str, files: tuple[str, ...], directory_files: list[str],
               stats_before: list, extras: list[tuple[str, Signature | None]], key: str) -> None:
        """Remember `key` for the package. `stats_before` are the signatures
        of its Go files (sorted, as `lookup` lists them) and `extras` those
        of the other files the key covers (local headers, go.mod: None for
        one that was missing), all taken before the files were read. A racy
        or unreadable Go file, or a racy extra: nothing is recorded."""
        paths = sorted(set(directory_files) | set(files))
        if len(stats_before) != len(paths) or any(s is None or self._racy(s) for s in stats_before) \
                or any(s is not None and self._racy(s) for _, s in extras):
            self.forget(directory)
            return
        self._entries[directory] = {"files": _names(files), "stats": list(stats_before),
                                    "extras": [[path, stat] for path, stat in extras], "key": key}
        self._changed = True

    def forget(self, directory: str) -> None:
        if self._entries.pop(directory, None) is not None:
            self._changed = True

    def _racy(self, stat: Signature) -> bool:
        return stat[1] >= self.started - int(RACY_SECONDS * 1e9) or stat[2] >= self.started - int(RACY_SECONDS * 1e9)

    def save(self) -> None:
        """Write the index atomically; a failure only costs the next run time."""
        if not self._changed:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomic(self.path, json.dumps(self._entries, separators=(",", ":")).encode())
        except OSError:
            pass
