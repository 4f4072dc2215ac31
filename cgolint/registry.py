"""Finding rules: every rule, built-in or third-party, is an entry point in
the group `cgolint.rules` whose name is the rule's code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points

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
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
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
