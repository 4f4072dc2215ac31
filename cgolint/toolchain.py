"""What the analysed module's go.mod says: which Go features it may use,
and whether it is part of the Go distribution itself.

A fix must not write what the module's Go version lacks (the rewrites to
`unsafe.SliceData` need Go 1.20), so the rules that offer one ask here
first. The distribution's own packages (`module std`, `module cmd`) may
rely on what user code must not: the runtime's private layouts and
symbols. Kept out of the code facts because it reads go.mod, not code.
"""
from __future__ import annotations

import re

from .loader import module_file
from .model import PackageModel


def go_version_at_least(package: PackageModel, minor: int) -> bool:
    """Whether the package's module allows Go 1.<minor> features: its go.mod
    `go` line, if any, is at least 1.<minor>. No go.mod (GOPATH mode, a loose
    file) counts as a current toolchain. Read once per package model, so a
    long-lived process (the language server) sees an edited go.mod at the
    next analysis."""
    memo = package.memo("go version")
    if "minor" not in memo:
        memo["minor"] = module_go_minor(package.directory)
    found = memo["minor"]
    return found is None or found >= minor


def module_go_minor(directory: str) -> int | None:
    """The minor version of the `go` line of the go.mod around `directory`;
    None when there is no go.mod or no `go` line, 0 when it cannot be read."""
    module = module_file(directory)
    if module is None:
        return None
    try:
        with open(module, encoding="utf-8", errors="replace") as handle:
            content = handle.read(1 << 16)
    except OSError:
        return 0
    match = re.search(r"^go\s+1\.(\d+)", content, re.MULTILINE)
    return int(match.group(1)) if match is not None else None


def in_go_distribution(package: PackageModel) -> bool:
    """Whether the package is part of the Go distribution (its go.mod says
    `module std` or `module cmd`); read once per package model."""
    memo = package.memo("go distribution")
    if "verdict" not in memo:
        memo["verdict"] = directory_in_go_distribution(package.directory)
    return memo["verdict"]


def directory_in_go_distribution(directory: str) -> bool:
    """in_go_distribution, for a directory (before any package model exists)."""
    return _module_path(directory) in ("std", "cmd")


def _module_path(directory: str) -> str | None:
    module = module_file(directory)
    if module is None:
        return None
    try:
        with open(module, "rb") as handle:
            content = handle.read(1 << 16).decode("utf-8", "replace")
    except OSError:
        return None
    match = re.search(r"^\s*module\s+\"?([^\s\"]+)", content, re.MULTILINE)
    return match.group(1) if match else None

