"""`cgolint lsp`: a language server over stdio.

Diagnostics are pushed for Go files on open, on change (debounced) and on
save. The open buffer's unsaved text is analysed together with the
package's other files (open buffers of the same directory win over the
disk), exactly as `cgolint check` analyses a directory. Ranges are in the
position encoding negotiated with the client (UTF-16 code units unless the
client prefers UTF-8 or UTF-32). Findings that carry a fix are offered as
quick fixes, and all safe fixes at once as `source.fixAll.cgolint`.

Configuration: the nearest `.cgolint.toml` (or `[tool.cgolint]`) above each
file, then the client's `initializationOptions` / `workspace/didChangeConfiguration`
settings on top: `{"select": [...], "ignore": [...], "exclude": [...],
"rules": {"CGL001": {...}}, "config": "path/to/.cgolint.toml", "isolated": false}`
(also accepted nested as `{"cgolint": {...}}`).
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__
from .config import ConfigError, Settings, find_config, load_settings
from .engine import Analyzer
from .fix import choose_fixes
from .loader import PackageJob
from .registry import RuleSet, load_rules
from .rule import Finding, Fix, Level
from .source import Position

DEBOUNCE_SECONDS = 0.3
SOURCE = "cgolint"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.cgolint"

_SEVERITY = {Level.ERROR: types.DiagnosticSeverity.Error, Level.WARNING: types.DiagnosticSeverity.Warning,
             Level.NOTE: types.DiagnosticSeverity.Information}
_UNNECESSARY = {"CGL100"}   # an unused suppression: editors fade the comment

log = logging.getLogger("cgolint.lsp")


@dataclass
class Analysis:
    """The last analysis of one open document."""

    version: int | None
    data: bytes
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]


class _Lines:
    """Byte offsets of line starts in a document, for position conversions."""

    def __init__(self, data: bytes):
        self.data = data
        self.starts = [0]
        index = data.find(b"\n")
        while index != -1:
            self.starts.append(index + 1)
            index = data.find(b"\n", index + 1)

    def line_bytes(self, line: int) -> bytes:   # 0-based line
        if not 0 <= line < len(self.starts):
            return b""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.data)
        return self.data[self.starts[line]:end]


class CgolintServer(LanguageServer):
    def __init__(self, ruleset: RuleSet | None = None):
        super().__init__("cgolint", __version__)
        self.ruleset = ruleset or load_rules()
        self.client_options: dict[str, Any] = {}
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self._settings_cache: dict[tuple, Settings] = {}
        self._config_errors_shown: set[str] = set()

    # --- configuration -------------------------------------------------
    def set_client_options(self, options: Any) -> None:
        if isinstance(options, dict) and isinstance(options.get("cgolint"), dict):
            options = options["cgolint"]
        self.client_options = options if isinstance(options, dict) else {}
        self._settings_cache.clear()

    def settings_for(self, path: str) -> Settings:
        options = self.client_options
        if options.get("isolated"):
            config = None
        else:
            config = options.get("config") if isinstance(options.get("config"), str) else find_config(path)
            if config and not os.path.isabs(config) and self.workspace_root:
                config = os.path.join(self.workspace_root, config)
        try:
            stamp = os.stat(config).st_mtime_ns if config else 0
        except OSError:
            stamp = -1
        key = (config, stamp, os.path.dirname(path) if config is None else "")
        cached = self._settings_cache.get(key)
        if cached is not None:
            return cached
        try:
            settings = load_settings(config) if config else Settings(root=self.workspace_root or os.path.dirname(path))
        except ConfigError as error:
            settings = Settings(root=os.path.dirname(config))
            if str(error) not in self._config_errors_shown:
                self._config_errors_shown.add(str(error))
                self.window_show_message(types.ShowMessageParams(
                    types.MessageType.Error, f"cgolint: {error}; using the default settings"))
        settings = self._with_client_options(settings)
        self._settings_cache[key] = settings
        return settings

    def _with_client_options(self, settings: Settings) -> Settings:
        options = self.client_options

        def codes(key: str) -> tuple[str, ...] | None:
            value = options.get(key)
            if value is None:
                return None
            if isinstance(value, str):
                value = value.split(",")
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                log.warning("cgolint: initialization option %r must be a list of strings; ignored", key)
                return None
            return tuple(v.strip().upper() if key != "exclude" else v.strip() for v in value if v.strip())

        select, ignore, exclude = codes("select"), codes("ignore"), codes("exclude")
        if select is not None:
            settings = replace(settings, select=select)
        if ignore is not None:
            settings = replace(settings, ignore=settings.ignore + ignore)
        if exclude is not None:
            settings = replace(settings, exclude=settings.exclude + exclude)
        rules = options.get("rules")
        if isinstance(rules, dict):
            merged = {code: dict(opts) for code, opts in settings.rule_options.items()}
            for code, opts in rules.items():
                if isinstance(opts, dict):
                    merged.setdefault(code.upper(), {}).update(opts)
            settings = replace(settings, rule_options=merged)
        return settings

    @property
    def workspace_root(self) -> str | None:
        try:
            root = self.workspace.root_path
        except RuntimeError:
            return None
        return root or None

    # --- analysis ------------------------------------------------------
    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(delay, self._run_scheduled, uri)

    def _run_scheduled(self, uri: str) -> None:
        self.pending.pop(uri, None)
        self.validate_safely(uri)

    def validate_safely(self, uri: str) -> None:
        try:
            self.validate(uri)
        except Exception as error:  # never let one document take the server down
            log.exception("cgolint: analysis of %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                types.MessageType.Error, f"cgolint: analysis of {uri} failed: {type(error).__name__}: {error}"))

    def open_go_documents(self) -> dict[str, Any]:
        """Open Go documents by the URI the client used."""
        return {doc.uri: doc for doc in self.workspace.text_documents.values() if _go_path(doc.uri)}

    def document(self, uri: str):
        # pygls keys documents by the unquoted URI.
        return self.workspace.text_documents.get(unquote(uri))

    def validate(self, uri: str) -> Analysis | None:
        """Analyse the open document now and publish its diagnostics."""
        path = _go_path(uri)
        document = self.document(uri)
        if path is None or document is None:
            return None
        data = document.source.encode("utf-8")
        settings = self.settings_for(path)
        findings: list[Finding] = []
        if not settings.excluded(path):
            directory = os.path.dirname(path)
            overrides = {path: data}
            for other_uri, other in self.open_go_documents().items():
                other_path = _go_path(other_uri)
                if other_path and other_path != path and os.path.dirname(other_path) == directory:
                    overrides[other_path] = other.source.encode("utf-8")
            analyzer = Analyzer(self.ruleset, settings, self.workspace_root or directory)
            result = analyzer.analyze(PackageJob(directory, (path,)), overrides=overrides)
            findings = [f for f in result.findings if f.path == path]
            for note in result.notifications:
                if note.level == "error":
                    self.window_log_message(types.LogMessageParams(types.MessageType.Warning,
                                                                   f"cgolint: {note.display_path}: {note.message}"))
        lines = _Lines(data)
        diagnostics = [self.diagnostic(f, lines) for f in findings]
        analysis = Analysis(document.version, data, findings, diagnostics)
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=diagnostics))
        return analysis

    def current_analysis(self, uri: str) -> Analysis | None:
        """The analysis of the document's current text (re-run if stale)."""
        document = self.document(uri)
        analysis = self.analyses.get(uri)
        if document is None:
            return None
        if analysis is None or analysis.version != document.version or \
                analysis.data != document.source.encode("utf-8"):
            handle = self.pending.pop(uri, None)
            if handle is not None:
                handle.cancel()
            analysis = self.validate(uri)
        return analysis

    # --- conversions ---------------------------------------------------
    @property
    def encoding(self) -> str:
        try:
            return str(getattr(self.workspace.position_encoding, "value", self.workspace.position_encoding)
                       or "utf-16")
        except RuntimeError:
            return "utf-16"

    def position(self, position: Position, lines: _Lines | None) -> types.Position:
        line = max(0, position.line - 1)
        encoding = self.encoding
        if encoding == "utf-8":
            character = position.column - 1
        elif encoding == "utf-32" and lines is not None:
            character = len(lines.line_bytes(line)[:position.column - 1].decode("utf-8", "replace"))
        else:
            character = position.utf16_column - 1
        return types.Position(line=line, character=max(0, character))

    def range(self, start: Position, end: Position, lines: _Lines | None) -> types.Range:
        return types.Range(start=self.position(start, lines), end=self.position(end, lines))

    def diagnostic(self, finding: Finding, lines: _Lines) -> types.Diagnostic:
        from .reporters.sarif import INFORMATION_URI

        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=from_fs_path(r.path) or r.path,
                                    range=self.range(r.start, r.end, lines if r.path == finding.path else None)),
            message=r.message) for r in finding.related]
        message = finding.message
        if finding.fix is not None:
            message += f" (fix available: {finding.fix.description})"
        return types.Diagnostic(
            range=self.range(finding.start, finding.end, lines),
            message=message,
            severity=_SEVERITY.get(finding.level, types.DiagnosticSeverity.Warning),
            code=finding.code,
            code_description=types.CodeDescription(href=f"{INFORMATION_URI}#{finding.code.lower()}"),
            source=SOURCE,
            tags=[types.DiagnosticTag.Unnecessary] if finding.code in _UNNECESSARY else None,
            related_information=related or None,
            data={"name": finding.name, "fingerprint": finding.fingerprint,
                  "fixable": finding.fix is not None},
        )

    def text_edits(self, fix: Fix, lines: _Lines) -> list[types.TextEdit]:
        return [types.TextEdit(range=self.range(e.start_pos, e.end_pos, lines), new_text=e.replacement)
                for e in sorted(fix.edits, key=lambda e: e.start)]

    def workspace_edit(self, uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        capabilities = self.client_capabilities
        workspace = capabilities.workspace if capabilities else None
        edit_caps = workspace.workspace_edit if workspace else None
        if edit_caps is not None and edit_caps.document_changes:
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=edits)])
        return types.WorkspaceEdit(changes={uri: edits})

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = self.current_analysis(uri)
        if analysis is None:
            return []
        only = params.context.only
        lines = _Lines(analysis.data)

        def wanted(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

        actions: list[types.CodeAction] = []
        first, last = params.range.start.line, params.range.end.line
        if wanted(types.CodeActionKind.QuickFix.value):
            for finding, diagnostic in zip(analysis.findings, analysis.diagnostics):
                if finding.fix is None or not finding.fix.edits:
                    continue
                if diagnostic.range.end.line < first or diagnostic.range.start.line > last:
                    continue
                title = f"{finding.fix.description} ({finding.code})"
                if not finding.fix.safe:
                    title += " [unsafe: check the result]"
                actions.append(types.CodeAction(
                    title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    is_preferred=finding.fix.safe,
                    edit=self.workspace_edit(uri, analysis.version, self.text_edits(finding.fix, lines))))
        safe = [f.fix for f in analysis.findings if f.fix is not None and f.fix.safe and f.fix.edits]
        if safe and wanted(FIX_ALL_KIND):
            chosen = choose_fixes(safe)
            edits = sorted((edit for fix in chosen for edit in self.text_edits(fix, lines)),
                           key=lambda e: (e.range.start.line, e.range.start.character))
            actions.append(types.CodeAction(
                title=f"Fix all safe cgolint problems ({len(chosen)})", kind=FIX_ALL_KIND,
                edit=self.workspace_edit(uri, analysis.version, edits)))
        return actions

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        analysis = self.analyses.get(params.text_document.uri)
        if analysis is None:
            return None
        where = (params.position.line, params.position.character)
        for finding, diagnostic in zip(analysis.findings, analysis.diagnostics):
            start = (diagnostic.range.start.line, diagnostic.range.start.character)
            end = (diagnostic.range.end.line, diagnostic.range.end.character)
            if start <= where <= end:
                rule = self.ruleset.by_code(finding.code)
                if rule is None:
                    return None
                text = f"**{finding.code}** {finding.message}\n\n---\n\n" + rule.doc().markdown(f"{rule.code} {rule.name}")
                return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                                   range=diagnostic.range)
        return None


def _go_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return path if path and path.endswith(".go") else None


def create_server(ruleset: RuleSet | None = None) -> CgolintServer:
    server = CgolintServer(ruleset)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CgolintServer, params: types.InitializeParams) -> None:
        ls.set_client_options(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: CgolintServer, params: types.InitializedParams) -> None:
        for error in ls.ruleset.errors:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"cgolint: {error}"))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: CgolintServer, params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and params.settings:
            ls.set_client_options(params.settings)
        for uri in ls.open_go_documents():
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CgolintServer, params: types.DidOpenTextDocumentParams) -> None:
        if _go_path(params.text_document.uri):
            ls.validate_safely(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CgolintServer, params: types.DidChangeTextDocumentParams) -> None:
        path = _go_path(params.text_document.uri)
        if not path:
            return
        ls.schedule(params.text_document.uri)
        # The buffer is context for the other open files of its package.
        for uri in ls.open_go_documents():
            other = _go_path(uri)
            if unquote(uri) != unquote(params.text_document.uri) and other \
                    and os.path.dirname(other) == os.path.dirname(path):
                ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CgolintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _go_path(params.text_document.uri)
        if not path:
            return
        handle = ls.pending.pop(params.text_document.uri, None)
        if handle is not None:
            handle.cancel()
        ls.validate_safely(params.text_document.uri)
        # A saved file is context for the other open files of its package.
        for uri in ls.open_go_documents():
            other = _go_path(uri)
            if unquote(uri) != unquote(params.text_document.uri) and other \
                    and os.path.dirname(other) == os.path.dirname(path):
                ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CgolintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.analyses.pop(uri, None)
        if _go_path(uri):
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(ls: CgolintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return ls.code_actions(params) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CgolintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    return server


def serve() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    create_server().start_io()
