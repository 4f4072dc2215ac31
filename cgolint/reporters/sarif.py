"""SARIF 2.1.0 for GitHub code scanning and SARIF viewers, built from the
sarif-om object model and written by one serializer that keeps `level`."""
from __future__ import annotations

import os
from functools import lru_cache
from urllib.parse import quote

import attr
import sarif_om as om

from . import ReportContext, json_document
from .. import __version__
from ..runner import RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cgolint/"
SRCROOT = "%SRCROOT%"
_LIMIT = 1024


def serialize(value):
    """sarif-om objects to JSON data, by their schema property names. Unset
    properties and schema defaults are left out, except `level`, which is
    always written (jschema-to-python drops it when it equals the default
    `warning`, and GitHub then shows every result as a warning)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    plan = _PLANS.get(kind)
    if plan is None:
        plan = _PLANS[kind] = _plan(kind)
    if plan:
        out = {}
        for name, schema_name, default, always in plan:
            item = getattr(value, name)
            if item is None or (item == default and not always):
                continue
            out[schema_name] = serialize(item)
        if isinstance(value, om.PropertyBag):
            extra = {k: v for k, v in vars(value).items() if k not in out and k != "tags"}
            out.update({k: serialize(v) for k, v in sorted(extra.items())})
        return out
    if isinstance(value, (list, tuple)):
        return [serialize(v) for v in value]
    if isinstance(value, dict):
        return {k: serialize(v) for k, v in value.items()}
    return value


# Per sarif-om class: (attribute, schema property name, default, written
# even when default) for each field; () for a type that is not a sarif-om class.
_PLANS: dict[type, tuple] = {}


def _plan(kind: type) -> tuple:
    if not attr.has(kind):
        return ()
    return tuple((field.name, field.metadata.get("schema_property_name", field.name), field.default,
                  field.name == "level") for field in attr.fields(kind))


def properties(**values) -> om.PropertyBag:
    bag = om.PropertyBag(tags=values.pop("tags", None))
    for key, value in values.items():
        setattr(bag, key, value)
    return bag


@lru_cache(maxsize=None)
def artifact_uri(path: str, root: str) -> om.ArtifactLocation:
    # one location object per path, shared by every result in the file
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative.startswith(".."):
        return om.ArtifactLocation(uri="file://" + quote(os.path.abspath(path).replace(os.sep, "/")))
    return om.ArtifactLocation(uri=quote(relative.replace(os.sep, "/"), safe="/"), uri_base_id=SRCROOT)


def _region(start, end) -> om.Region:
    return om.Region(start_line=start.line, start_column=start.utf16_column,
                     end_line=end.line, end_column=end.utf16_column)


def _clip(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def rule_descriptor(rule) -> om.ReportingDescriptor:
    doc = rule.doc()
    full = doc.sections.get("What it does", doc.summary)
    tags = list(rule.tags)
    props = {"tags": tags, "precision": rule.precision, "problem.severity": rule.level.value}
    if "security" in tags:
        props["security-severity"] = f"{rule.security_severity:.1f}"
    return om.ReportingDescriptor(
        id=rule.code, name=_pascal(rule.name),
        short_description=om.MultiformatMessageString(text=_clip(doc.summary)),
        full_description=om.MultiformatMessageString(text=_clip(" ".join(full.split()))),
        help=om.MultiformatMessageString(text=doc.plain(), markdown=doc.markdown(f"{rule.code} {rule.name}")),
        help_uri=f"{INFORMATION_URI}#{rule.code.lower()}",
        default_configuration=om.ReportingConfiguration(level=rule.level.value),
        properties=properties(**props),
    )


def _pascal(name: str) -> str:
    # GitHub shows `name`; it must differ from the id. PascalCase as in CodeQL.
    return "".join(part.capitalize() for part in name.split("-"))


def build_log(result: RunResult, context: ReportContext) -> om.SarifLog:
    rules = list(context.ruleset.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    root = context.root
    results = []
    for f in result.findings:
        location = om.Location(physical_location=om.PhysicalLocation(
            artifact_location=artifact_uri(f.path, root), region=_region(f.start, f.end)))
        related = [om.Location(id=i, message=om.Message(text=r.message),
                               physical_location=om.PhysicalLocation(
                                   artifact_location=artifact_uri(r.path, root), region=_region(r.start, r.end)))
                   for i, r in enumerate(f.related, 1)] or None
        fixes = None
        if f.fix is not None:
            fixes = [om.Fix(description=om.Message(text=f.fix.description), artifact_changes=[om.ArtifactChange(
                artifact_location=artifact_uri(f.path, root),
                replacements=[om.Replacement(deleted_region=_region(e.start_pos, e.end_pos),
                                             inserted_content=om.ArtifactContent(text=e.replacement))
                              for e in f.fix.edits])])]
        results.append(om.Result(
            rule_id=f.code, rule_index=index.get(f.code), level=f.level.value,
            message=om.Message(text=f.message), locations=[location], related_locations=related,
            partial_fingerprints={"primaryLocationLineHash": f.fingerprint}, fixes=fixes,
        ))
    notifications = [om.Notification(
        level="error" if n.level == "error" else "warning", message=om.Message(text=n.message),
        locations=[om.Location(physical_location=om.PhysicalLocation(artifact_location=artifact_uri(n.path, root)))]
        if n.path and os.path.isabs(n.path) else None)
        for n in result.notifications]
    invocation = om.Invocation(execution_successful=not result.has_errors,
                               tool_execution_notifications=notifications or None)
    run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(
            name="cgolint", semantic_version=__version__, version=__version__,
            information_uri=INFORMATION_URI, rules=[rule_descriptor(r) for r in rules])),
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri="file://" + quote(root.rstrip("/") + "/"))},
        invocations=[invocation], results=results, column_kind="utf16CodeUnits",
    )
    return om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def render(result: RunResult, context: ReportContext) -> str:
    # a result per line; the tool (with its rules) and an invocation on a line each
    return json_document(serialize(build_log(result, context)), flat_below=4)
