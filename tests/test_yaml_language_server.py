"""The YAML language server (what VS Code's YAML extension runs), driven over stdio.

Each document of a file carries its own modeline (the server reads one per document), so
an error in the third document of a catalog file is reported at its line, against the
workspace's local schemas/ (a relative path: no network).
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

from click.testing import CliRunner

from cxdsl.cli import main

from .conftest import REPO

SERVER = REPO / "tools" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
#: The editor's settings: validation on, no schema store (offline), schemas by modeline only.
SETTINGS = {"yaml": {"validate": True, "schemaStore": {"enable": False}, "schemas": {}}}


class Client:
    """A minimal LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, out: IO[bytes]) -> None:
        while True:
            length = None
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                self.messages.put(None)
                return
            self.messages.put(json.loads(out.read(length)))

    def send(self, **message: Any) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def diagnostics(self, uri: str, timeout: float = 60) -> list[dict[str, Any]]:
        """The first non-empty diagnostics published for ``uri``; answers the server's requests."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            assert message is not None, "the language server exited"
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                result = [SETTINGS.get(item.get("section", "")) for item in items]
                self.send(id=message["id"], result=result)
            elif "id" in message and "method" in message:
                self.send(id=message["id"], result=None)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and params["diagnostics"]:
                    return list(params["diagnostics"])
        raise AssertionError(f"no diagnostics for {uri} within {timeout}s")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


def break_third_document(path: Path) -> tuple[str, int]:
    """The text of ``path`` (a catalog ``init`` wrote) with a misspelt key in its third
    document, and that key's line (0-based, as LSP counts)."""
    text = path.read_text(encoding="utf-8")
    documents = text.split("\n---\n")
    assert len(documents) >= 3 and documents[2].startswith("# yaml-language-server: $schema=")
    documents[2] = documents[2].replace("\nmethod: survey\n", "\nmethod: survey\nmethd: x\n")
    broken = "\n---\n".join(documents)
    assert broken != text
    return broken, broken.splitlines().index("methd: x")


def diagnostics_of(root: Path, path: Path, text: str) -> list[dict[str, Any]]:
    """What the language server reports for ``text`` opened as ``path`` in ``root``."""
    client = Client()
    try:
        client.send(
            id=1,
            method="initialize",
            params={"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
        )
        client.send(method="initialized", params={})
        client.send(method="workspace/didChangeConfiguration", params={"settings": SETTINGS})
        document = {"uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}
        client.send(method="textDocument/didOpen", params={"textDocument": document})
        return client.diagnostics(path.as_uri())
    finally:
        client.close()


def test_an_error_in_the_third_document_is_reported_at_its_line(tmp_path: Path) -> None:
    assert SERVER.exists(), "make test installs tools/node_modules (npm)"
    ws = tmp_path / "cx"
    assert CliRunner().invoke(main, ["init", str(ws)]).exit_code == 0
    path = ws / "journeys" / "catalog" / "catalog.yaml"
    broken, line = break_third_document(path)
    found = diagnostics_of(ws, path, broken)
    errors = [d for d in found if d.get("severity") == 1]
    assert [d["range"]["start"]["line"] for d in errors] == [line], found
    assert "methd" in errors[0]["message"], errors
    # Resolved from the local file, checked as an instrument (the discriminator on kind).
    assert errors[0]["data"]["schemaUri"] == [(ws / "schemas/cxdsl-model.schema.json").as_uri()]
    assert errors[0]["source"].endswith("Instrument"), errors
