"""Finding rules: every rule, built-in or third-party, is an entry point in
the group `cgolint.rules` whose name is the rule's code."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache, reduce
from importlib import import_module

from .parsing import GO, NODE_PATTERNS, node_kinds
from .rule import LineMarker, Rule

ENTRY_POINT_GROUP = "cgolint.rules"
_CODE = re.compile(r"^[A-Z]{2,6}[0-9]{3,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class PluginError(Exception):
    """A rule plugin that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[type[Rule], ...]
    errors: tuple[str, ...] = ()

    def by_code(self, code: str) -> type[Rule] | None:
        for rule in self.rules:
            if rule.code == code:
                return rule
        return None

    def find(self, code_or_name: str) -> type[Rule] | None:
        for rule in self.rules:
            if code_or_name.upper() == rule.code or code_or_name.lower() == rule.name:
                return rule
        return None


def validate(entry_name: str, rule: object) -> type[Rule]:
    """Check one loaded plugin object; raise PluginError saying what is wrong."""
    if not isinstance(rule, type) or not issubclass(rule, Rule):
        raise PluginError(f"rule plugin {entry_name!r} is not a cgolint.rule.Rule subclass")
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not _CODE.match(code):
        raise PluginError(f"rule plugin {entry_name!r}: code {code!r} is not like 'ABC123'")
    if code != entry_name:
        raise PluginError(f"rule plugin {entry_name!r}: entry-point name differs from the rule's code {code!r}")
    name = getattr(rule, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        raise PluginError(f"rule {code}: name {name!r} is not kebab-case")
    markers = rule.markers
    if markers is not None and (not isinstance(markers, tuple)
                                or not all(isinstance(m, (bytes, LineMarker)) for m in markers)):
        raise PluginError(f"rule {code}: markers must be None or a tuple of bytes and LineMarker, not {markers!r}")
    unknown = set(rule.node_kinds) - node_kinds(GO) - NODE_PATTERNS.keys()
    if unknown:
        raise PluginError(f"rule {code}: unknown Go node kinds {sorted(unknown)}")
    if not rule.doc().summary:
        raise PluginError(f"rule {code}: no documentation (the class docstring)")
    return rule


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """All installed rules, sorted by code. A broken plugin is left out and
    described in `errors`; the others still load."""
    found: dict[str, type[Rule]] = {}
    errors: list[str] = []
    for entry in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        try:
            rule = validate(entry.name, entry.load())
        except PluginError as error:
            errors.append(str(error))
            continue
        except Exception as error:  # a plugin that fails to import
            errors.append(f"rule plugin {entry.name!r} ({entry.value}) failed to load: {type(error).__name__}: {error}")
            continue
        if rule.code in found and found[rule.code] is not rule:
            errors.append(f"rule code {rule.code} is registered twice ({entry.value}); the first is used")
            continue
        found[rule.code] = rule
    return RuleSet(tuple(found[code] for code in sorted(found)), tuple(errors))


@dataclass(frozen=True)
class EntryPoint:
    name: str
    value: str  # module, or module:attribute.path, maybe followed by [extras]

    def load(self) -> object:
        match = _ENTRY_VALUE.match(self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not `module:attribute`")
        attributes = filter(None, (match.group("attr") or "").split("."))
        return reduce(getattr, attributes, import_module(match.group("module")))


_ENTRY_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?(\[.*\]\s*)?$")


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of `group` that importlib.metadata.entry_points(group=)
    finds: in each `*.dist-info` and `*.egg-info` directory on sys.path, the
    first distribution of a name winning. Read here because importing
    importlib.metadata (email, zipfile, csv...) and its scan take ~60 ms, a
    quarter of a run's start-up; a zip archive on sys.path is left to it."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        directory = entry or "."
        if os.path.isfile(directory):
            found.extend(_zipped_entry_points(directory, group, seen))
            continue
        try:
            children = sorted(os.listdir(directory))
        except OSError:
            continue
        egg = os.path.basename(directory).lower().endswith(".egg")  # an old-style egg: its EGG-INFO
        for child in children:
            stem, dot, suffix = child.lower().rpartition(".")
            if egg and child.lower() == "egg-info":
                stem = os.path.basename(directory).lower().rpartition(".")[0]
            elif not dot or suffix not in ("dist-info", "egg-info"):
                continue
            distribution = re.sub(r"[-_.]+", "_", stem.partition("-")[0])
            if distribution in seen:
                continue
            seen.add(distribution)
            found.extend(_group_entries(os.path.join(directory, child, "entry_points.txt"), group))
    return found


def _group_entries(path: str, group: str) -> list[EntryPoint]:
    """`name = value` lines of section [group] in an entry_points.txt."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    section = None
    found = []
    for line in map(str.strip, lines):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            found.append(EntryPoint(name.strip(), value.strip()))
    return found


def _zipped_entry_points(archive: str, group: str, seen: set[str]) -> list[EntryPoint]:
    from importlib.metadata import distributions

    found = []
    for distribution in distributions(path=[archive]):
        name = re.sub(r"[-_.]+", "_", (distribution.metadata["Name"] or "").lower())
        if name in seen:
            continue
        seen.add(name)
        found.extend(EntryPoint(e.name, e.value) for e in distribution.entry_points if e.group == group)
    return found
