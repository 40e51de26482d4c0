"""A small LSP client for tests and the latency benchmark: starts ``aims-lint server``
as an editor would (a subprocess speaking JSON-RPC over stdio) with pygls's
LanguageClient, and collects what the server sends."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient


class Editor:
    """One editor session with ``aims-lint server``: ``async with Editor(folder) as editor``."""

    def __init__(self, folder: Path, command: list[str] | None = None):
        self.folder = folder
        self.command = command or [sys.executable, "-m", "aims_lint", "server"]
        self.client = LanguageClient("aims-lint-tests", "1")
        self.diagnostics: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.log: list[types.LogMessageParams] = []
        self.shown: list[types.ShowMessageParams] = []  # window/showMessage: what the user sees
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics.put_nowait(params)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def _show(params: types.ShowMessageParams) -> None:
            self.shown.append(params)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _log(params: types.LogMessageParams) -> None:
            self.log.append(params)

    async def __aenter__(self) -> Editor:
        await self.client.start_io(*self.command, cwd=str(self.folder))
        result = await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    process_id=None,
                    root_uri=self.folder.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(uri=self.folder.as_uri(), name=self.folder.name)],
                )
            ),
            timeout=30,
        )
        self.capabilities = result.capabilities
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc_info) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), timeout=10)
            self.client.exit(None)
        finally:
            await self.client.stop()

    def uri(self, relpath: str) -> str:
        return (self.folder / relpath).as_uri()

    def open(self, relpath: str, text: str) -> str:
        uri = self.uri(relpath)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole buffer (as a full-text content change)."""
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def send_raw(self, data: bytes) -> None:
        """Write bytes to the server as they are, framing and all (a broken or hostile client)."""
        self.client._server.stdin.write(data)

    @property
    def server_process(self) -> asyncio.subprocess.Process:
        return self.client._server

    def server_memory(self, field: str = "VmRSS") -> int:
        """The server process's resident memory (or its peak, ``VmHWM``) in KB (Linux)."""
        status = Path(f"/proc/{self.server_process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field + ":")))

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def next_diagnostics(self, uri: str, timeout: float = 20) -> types.PublishDiagnosticsParams:
        """The next publishDiagnostics for ``uri``."""
        async with asyncio.timeout(timeout):
            while True:
                params = await self.diagnostics.get()
                if params.uri == uri:
                    return params

    async def code_actions(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
        return list(await asyncio.wait_for(self.client.text_document_code_action_async(params), timeout=10) or [])

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        params = types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
        return await asyncio.wait_for(self.client.text_document_hover_async(params), timeout=10)
