"""`cgolint lsp` end to end: the server runs as a subprocess (`python -m
cgolint lsp`) and pygls' own LanguageClient talks to it over stdio.

The fixable finding comes from a rule plugin written by the test: a module
plus a `*.dist-info/entry_points.txt` on PYTHONPATH, so the server loads it
through the `cgolint.rules` entry-point group like any third-party rule."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from plugin_support import DECLARED_IN, FIRST_ELEMENT_ADDRESS, IMPORTS, write_plugin

REPO = Path(__file__).resolve().parents[1]

PLUGIN = IMPORTS + FIRST_ELEMENT_ADDRESS + DECLARED_IN


BUGGY = """\
package pkg

// #include <stdlib.h>
// void use(char *p);
import "C"

import "unsafe"

func Broken(buf []byte) {
\ts := "h\u00e9llo\U0001F600"; x := )
\tC.use((*C.char)(unsafe.Pointer(&buf[0])))
\t_ = s
}

var h Header

func Quiet() int {
\treturn 1 //cgolint:ignore TST001 no slice here any more
}
"""

ON_DISK = """\
package pkg

func Broken(buf []byte) {}
"""


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, chars = 0, 0
        while units < position.character and chars < len(line):
            units += 2 if ord(line[chars]) > 0xFFFF else 1
            chars += 1
        return before + chars

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


class Session:
    def __init__(self, client: LanguageClient):
        self.client = client
        self.published: dict[str, asyncio.Queue] = {}
        self.messages: list[str] = []

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams):
            self.queue(params.uri).put_nowait(params)

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams):
            self.messages.append(params.message)

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams):
            self.messages.append(params.message)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    async def next(self, uri: str, timeout: float = 20) -> types.PublishDiagnosticsParams:
        return await asyncio.wait_for(self.queue(uri).get(), timeout)


async def _run_session(tmp_path: Path) -> None:
    plugins = write_plugin(tmp_path / "plugins", "cgolint_lsp_test_plugin", PLUGIN, {"TST001": "FirstElementAddress", "TST002": "DeclaredIn"})
    project = tmp_path / "project"
    package = project / "pkg"
    package.mkdir(parents=True)
    (project / ".cgolint.toml").write_text('exclude = ["generated"]\n')
    source = package / "a.go"
    source.write_text(ON_DISK)   # the buffer differs from the disk: the buffer is analysed
    (package / "types.go").write_text("package pkg\n\ntype Header struct{ data *byte }\n")
    (project / "generated").mkdir()
    skipped = project / "generated" / "gen.go"
    skipped.write_text('package generated\n\nimport "C"\n\nfunc f( {\n')

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(plugins), str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    client = LanguageClient("cgolint-test", "1.0")
    session = Session(client)
    await client.start_io(sys.executable, "-m", "cgolint", "lsp", env=env, cwd=str(tmp_path))
    try:
        result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
            process_id=os.getpid(),
            root_uri=from_fs_path(str(project)),
            capabilities=types.ClientCapabilities(
                general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
                workspace=types.WorkspaceClientCapabilities(
                    workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)),
            ),
            initialization_options={"select": ["CGL000", "CGL100", "TST"]},
        )), 30)
        capabilities = result.capabilities
        assert capabilities.code_action_provider, capabilities
        assert capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
        client.initialized(types.InitializedParams())

        uri = from_fs_path(str(source))
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="go", version=1, text=BUGGY)))
        published = await session.next(uri)
        assert published.version == 1
        by_code = {d.code: d for d in published.diagnostics}
        assert set(by_code) == {"CGL000", "CGL100", "TST001", "TST002"}, \
            [(d.code, d.message) for d in published.diagnostics]
        # types.go, not open and not named, was read from disk as context.
        assert by_code["TST002"].message == "type Header is declared in types.go"

        syntax = by_code["CGL000"]
        assert syntax.source == "cgolint"
        assert syntax.severity == types.DiagnosticSeverity.Information  # level note
        assert "syntax error" in syntax.message
        # Line 10 is `\ts := "héllo😀"; x := )`: the `)` is byte column 26 but
        # UTF-16 column 23 (é is 2 bytes/1 unit, 😀 is 4 bytes/2 units).
        line = BUGGY.splitlines()[9]
        expected = len(line[:line.index(")")].encode("utf-16-le")) // 2
        assert expected == 22
        assert syntax.range == types.Range(types.Position(9, expected), types.Position(9, expected + 1))
        assert syntax.code_description is not None and syntax.code_description.href.endswith("#cgl000")

        unused = by_code["CGL100"]
        assert unused.severity == types.DiagnosticSeverity.Warning
        assert list(unused.tags) == [types.DiagnosticTag.Unnecessary]
        assert unused.range.start == types.Position(17, BUGGY.splitlines()[17].index("//"))

        plugin = by_code["TST001"]
        assert plugin.range.start.line == 10
        assert "unsafe.SliceData(buf)" in plugin.message

        # Hover over the diagnostic shows the rule's documentation.
        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), syntax.range.start))
        assert hover is not None and "## Why is this bad?" in hover.contents.value
        assert "syntax-error" in hover.contents.value

        # Two quick edits: the debounce publishes once, for the last version.
        fixed_syntax = BUGGY.replace("; x := )", "")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(text=BUGGY + "\n")]))
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            [types.TextDocumentContentChangeWholeDocument(text=fixed_syntax)]))
        published = await session.next(uri)
        assert published.version == 3
        assert {d.code for d in published.diagnostics} == {"CGL100", "TST001", "TST002"}
        plugin = next(d for d in published.diagnostics if d.code == "TST001")

        # A quick fix for the plugin finding; applying its edit clears it.
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=plugin.range,
            context=types.CodeActionContext(diagnostics=[plugin], only=[types.CodeActionKind.QuickFix])))
        assert actions, "no code action offered"
        quick = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]
        assert len(quick) == 1, actions
        action = quick[0]
        assert action.is_preferred and "unsafe.SliceData(buf)" in action.title
        assert [d.code for d in action.diagnostics] == ["TST001"]
        (change,) = action.edit.document_changes
        assert change.text_document.uri == uri and change.text_document.version == 3
        new_text = _apply(fixed_syntax, list(change.edits))
        assert "C.use((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))))" in new_text
        assert "&buf[0]" not in new_text

        # source.fixAll offers the same edit.
        fix_all = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert fix_all and fix_all[0].kind == "source.fixAll.cgolint"
        assert _apply(fixed_syntax, list(fix_all[0].edit.document_changes[0].edits)) == new_text

        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=4),
            [types.TextDocumentContentChangeWholeDocument(text=new_text)]))
        published = await session.next(uri)
        assert published.version == 4
        assert {d.code for d in published.diagnostics} == {"CGL100", "TST002"}

        # An open, unsaved buffer of a sibling file wins over the disk: with
        # Header gone from the types.go buffer, a.go is re-analysed.
        types_uri = from_fs_path(str(package / "types.go"))
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=types_uri, language_id="go", version=1, text="package pkg\n\ntype Header struct{}\n")))
        assert list((await session.next(types_uri)).diagnostics) == []
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=types_uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(text="package pkg\n\ntype Renamed struct{}\n")]))
        published = await session.next(uri)
        assert {d.code for d in published.diagnostics} == {"CGL100"}

        # Save: analysed again (from the buffer), diagnostics published at once.
        client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
        published = await session.next(uri)
        assert {d.code for d in published.diagnostics} == {"CGL100"}
        await session.next(types_uri)   # the sibling is re-analysed too

        # `exclude` from .cgolint.toml: an excluded file gets no diagnostics.
        skipped_uri = from_fs_path(str(skipped))
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=skipped_uri, language_id="go", version=1, text=skipped.read_text())))
        assert list((await session.next(skipped_uri)).diagnostics) == []
        control = project / "other" / "gen.go"   # the same text where it is not excluded
        control.parent.mkdir()
        control.write_text(skipped.read_text())
        control_uri = from_fs_path(str(control))
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=control_uri, language_id="go", version=1, text=control.read_text())))
        assert [d.code for d in (await session.next(control_uri)).diagnostics] == ["CGL000"]

        # Closing clears the document's diagnostics.
        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        assert list((await session.next(uri)).diagnostics) == []

        await asyncio.wait_for(client.shutdown_async(None), 10)
        client.exit(None)
        server = client._server
        assert server is not None
        assert await asyncio.wait_for(server.wait(), 10) == 0
    finally:
        server = client._server
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()
        await client.stop()
        stderr = await server.stderr.read() if server is not None and server.stderr else b""
        assert b"Traceback" not in stderr, stderr.decode(errors="replace")


def test_language_server_session(tmp_path):
    asyncio.run(asyncio.wait_for(_run_session(tmp_path), 120))


def test_lsp_subcommand_is_registered():
    from click.testing import CliRunner

    from cgolint.cli import main

    outcome = CliRunner().invoke(main, ["lsp", "--help"])
    assert outcome.exit_code == 0, outcome.output
    assert "language server" in outcome.output
