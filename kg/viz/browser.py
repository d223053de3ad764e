"""Headless Chromium over the DevTools protocol: open a page offline, inspect it, screenshot it.

Used by the browser tests and by ``viz/render_samples.py`` (screenshots for the README). Needs a
``chromium`` binary and the ``websocket-client`` package (a test extra); nothing here is imported
by the rest of kg.

    with Chromium() as browser:
        page = browser.open("graph.html", offline=True)
        page.wait_for("window.kgReady === true")
        n = page.eval("nodes.length")
        page.screenshot("shot.png")
        page.requests   # every request the page made (URLs)
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)


def find_chromium() -> str | None:
    env = os.environ.get("KG_CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


class Page:
    def __init__(self, ws_url: str, timeout: float = 30.0) -> None:
        import websocket  # websocket-client

        self._ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.exceptions: list[str] = []

    def _handle(self, msg: dict[str, Any]) -> None:
        method = msg.get("method", "")
        params = msg.get("params", {})
        self.events.append(msg)
        if method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.send("Page.handleJavaScriptDialog", {"accept": True}, wait=False)
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            self.exceptions.append(json.dumps(params.get("exceptionDetails", {}), ensure_ascii=False)[:500])

    def send(self, method: str, params: dict[str, Any] | None = None, wait: bool = True) -> dict[str, Any]:
        self._next += 1
        mid = self._next
        self._ws.send(json.dumps({"id": mid, "method": method, "params": params or {}}))
        if not wait:
            return {}
        while True:
            msg = json.loads(self._ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self._handle(msg)

    def pump(self, seconds: float) -> None:
        """Read events for a while (dialogs, requests)."""
        end = time.monotonic() + seconds
        self._ws.settimeout(0.05)
        try:
            while time.monotonic() < end:
                try:
                    msg = json.loads(self._ws.recv())
                except Exception:  # timeout
                    continue
                if "method" in msg:
                    self._handle(msg)
        finally:
            self._ws.settimeout(30)

    def eval(self, expression: str) -> Any:
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in res:
            raise BrowserError(f"{expression!r}: {res['exceptionDetails'].get('text')} {res.get('result', {}).get('description', '')}")
        return res.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.eval(f"Boolean({expression})"):
                return
            self.pump(0.2)
        raise BrowserError(f"timed out waiting for {expression}")

    def screenshot(self, path: str | Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(data))
        return out

    def close(self) -> None:
        try:
            self._ws.close()
        except Exception:
            pass


class Chromium:
    """A headless Chromium with a fresh profile, driven through the DevTools protocol."""

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise BrowserError("no chromium binary found (apt-get install chromium)")
        self.width, self.height = width, height
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self._proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.pages: list[Page] = []

    def __enter__(self) -> "Chromium":
        self._proc = subprocess.Popen(
            [
                self.binary,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        marker = Path(self._profile) / "DevToolsActivePort"
        end = time.monotonic() + 30
        while time.monotonic() < end:
            if marker.exists() and marker.read_text().strip():
                self.port = int(marker.read_text().split()[0])
                break
            if self._proc.poll() is not None:
                raise BrowserError(f"chromium exited with {self._proc.returncode}")
            time.sleep(0.05)
        else:
            raise BrowserError("chromium did not open its DevTools port")
        return self

    def _targets(self) -> list[dict[str, Any]]:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
        with opener.open(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as resp:
            return json.loads(resp.read())

    def open(self, path: str | Path, offline: bool = True, settle: float = 0.3) -> Page:
        """Open a local file in the first tab with the network off; requests are recorded."""
        end = time.monotonic() + 15
        targets: list[dict[str, Any]] = []
        while time.monotonic() < end:
            targets = [t for t in self._targets() if t.get("type") == "page"]
            if targets:
                break
            time.sleep(0.1)
        if not targets:
            raise BrowserError("no page target")
        page = Page(targets[0]["webSocketDebuggerUrl"])
        self.pages.append(page)
        page.send("Page.enable")
        page.send("Runtime.enable")
        page.send("Network.enable")
        if offline:
            page.send(
                "Network.emulateNetworkConditions",
                {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
            )
        page.send("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})
        url = Path(path).resolve().as_uri()
        page.send("Page.navigate", {"url": url})
        end = time.monotonic() + 60
        while time.monotonic() < end:
            if any(e.get("method") == "Page.loadEventFired" for e in page.events):
                break
            page.pump(0.1)
        page.pump(settle)
        page.url = url  # type: ignore[attr-defined]
        return page

    def __exit__(self, *exc: object) -> None:
        for p in self.pages:
            p.close()
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
        shutil.rmtree(self._profile, ignore_errors=True)
