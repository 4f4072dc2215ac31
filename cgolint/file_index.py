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
import tempfile
import time

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
        stats, headers = entry.get("stats"), entry.get("headers")
        if not isinstance(headers, list) or not all(isinstance(h, str) for h in headers):
            return None
        paths = sorted(set(directory_files) | set(files)) + [os.path.join(directory, h) for h in headers]
        if not isinstance(stats, list) or len(stats) != len(paths):
            return None
        for path, recorded in zip(paths, stats):
            if signature(path) != recorded:
                return None
        key = entry.get("key")
        return key if isinstance(key, str) else None

    def record(self, directory: str, files: tuple[str, ...], directory_files: list[str],
               headers: list[str], stats_before: list, key: str) -> None:
        """Remember `key` for the package; `stats_before` are the signatures
        of its Go files (sorted, as `lookup` lists them) taken before they
        were read. Racy or unreadable files: nothing is recorded."""
        paths = sorted(set(directory_files) | set(files))
        stats = list(stats_before) + [signature(path) for path in headers]
        if len(stats_before) != len(paths) or any(s is None or self._racy(s) for s in stats[:len(paths)]):
            self.forget(directory)
            return
        if any(s is not None and self._racy(s) for s in stats[len(paths):]):
            self.forget(directory)
            return
        self._entries[directory] = {"files": _names(files), "headers": _names(headers), "stats": stats, "key": key}
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
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path), prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self._entries, out, separators=(",", ":"))
            os.replace(temporary, self.path)  # atomic: a concurrent run reads the old or the new index
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
