"""Which Go features the analysed module may use, from its go.mod.

A fix must not write what the module's Go version lacks (the rewrites to
`unsafe.SliceData` need Go 1.20), so the rules that offer one ask here
first; kept out of the conversion facts because it reads go.mod, not code.
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
