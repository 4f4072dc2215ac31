"""Settings: `.cgolint.toml` or `[tool.cgolint]` in `pyproject.toml`, found by
walking up from the first path; command-line flags override them."""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .loader import directories_up
from .rule import Level

CONFIG_NAMES = (".cgolint.toml", "cgolint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "exclude", "fail-level", "max-file-size", "file-timeout", "rules"}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("",)  # every installed rule, plugins included
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_level: Level = Level.NOTE
    max_file_size: int = 5 * 1024 * 1024
    file_timeout: float = 20.0
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    root: str = ""          # the directory of the config file, or the working directory
    config_path: str = ""

    def enabled(self, code: str) -> bool:
        """ruff's logic: the longest matching prefix of select/ignore decides."""
        chosen = max((p for p in self.select if code.startswith(p)), key=len, default=None)
        dropped = max((p for p in self.ignore if code.startswith(p)), key=len, default=None)
        if chosen is None:
            return False
        return dropped is None or len(chosen) > len(dropped)

    def excluded(self, path: str) -> bool:
        """Whether `path` matches an `exclude` glob (relative to the config root)."""
        if not self.exclude:
            return False
        relative = os.path.relpath(os.path.abspath(path), self.root or os.getcwd()).replace(os.sep, "/")
        parts = relative.split("/")
        for pattern in self.exclude:
            pattern = pattern.rstrip("/")
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern + "/*"):
                return True
            if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
                return True
        return False

    def options_for(self, code: str, defaults: dict[str, Any]) -> dict[str, Any]:
        merged = dict(defaults)
        merged.update(self.rule_options.get(code, {}))
        return merged


def find_config(start: str) -> str | None:
    start = os.path.abspath(start)
    for directory in directories_up(start if os.path.isdir(start) else os.path.dirname(start)):
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                if name != "pyproject.toml" or _has_tool_section(candidate):
                    return candidate
    return None


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return "cgolint" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


def load_settings(path: str | None) -> Settings:
    if path is None:
        return Settings(root=os.getcwd())
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("cgolint", {})
    return settings_from(data, path)


def settings_from(data: dict[str, Any], path: str) -> Settings:
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}")

    def strings(key: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: `{key}` must be a list of strings")
        return tuple(value)

    settings = Settings(root=os.path.dirname(os.path.abspath(path)), config_path=path)
    changes: dict[str, Any] = {}
    for key in ("select", "ignore", "exclude"):
        value = strings(key)
        if value is not None:
            changes[key] = tuple(v.upper() for v in value) if key != "exclude" else value
    if "fail-level" in data:
        changes["fail_level"] = parse_level(data["fail-level"], path)
    for key, attr in (("max-file-size", "max_file_size"), ("file-timeout", "file_timeout")):
        if key in data:
            if not isinstance(data[key], (int, float)) or data[key] <= 0:
                raise ConfigError(f"{path}: `{key}` must be a positive number")
            changes[attr] = data[key]
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{path}: `[rules.CODE]` tables hold per-rule options")
    for code, options in rules.items():
        for name, value in options.items():  # every rule option is a list of C function names
            if not (isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ConfigError(f"{path}: `[rules.{code}]` option `{name}` must be a list of C function names "
                                  f"(\"name\" or \"name:index\"), got {value!r}")
    changes["rule_options"] = {code.upper(): dict(options) for code, options in rules.items()}
    return replace(settings, **changes)


def parse_level(value: Any, where: str = "--fail-level") -> Level:
    try:
        return Level(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: fail-level must be one of note, warning, error (got {value!r})") from None
