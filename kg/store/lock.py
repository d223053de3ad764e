"""Inter-process locking of a store folder (one writer, or any number of readers).

The embedded engine must not be opened read-only while another process writes, and two
writers would fight over the same files, so every command takes an advisory ``flock`` on
``<store>/kg.lock`` first: exclusive for writers, shared for readers.

- A reader never waits: while a build runs, ``kg query`` says the store is busy (one line).
- A writer waits up to ``wait_seconds`` (``$KG_LOCK_WAIT`` overrides it; default 30 s) for
  readers or another writer to finish, then refuses with "store … is in use by another kg
  process (pid N)". The holder's pid is written into ``kg.lock`` while a writer holds it and
  cleared on release; ``flock`` is released by the kernel when a process dies, even by SIGKILL,
  so a crashed build never leaves the store locked.
- Underneath, RocksDB keeps its own ``LOCK`` file; a process that bypasses kg's lock and opens
  the database directly still cannot open it twice (kg reports that as "store in use" too).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Callable

from kg.store.base import StoreBusyError

LOCK_NAME = "kg.lock"


def lock_wait_seconds(default: float) -> float:
    """``$KG_LOCK_WAIT`` (seconds a writer waits for the store) or ``default``."""
    raw = os.environ.get("KG_LOCK_WAIT", "").strip()
    if not raw:
        return default
    try:
        return max(0.0, float(raw))
    except ValueError:
        return default


class StoreLock:
    def __init__(
        self,
        folder: Path,
        exclusive: bool,
        wait_seconds: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = folder / LOCK_NAME
        self.exclusive = exclusive
        self.wait_seconds = wait_seconds
        self.on_wait = on_wait
        self._fd: int | None = None

    def holder(self) -> str:
        """The pid a writer recorded in the lock file, or '' (a reader, or unknown)."""
        try:
            return self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return ""

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                pid = self.holder()
                who = f" (pid {pid})" if pid.isdigit() else ""
                if time.monotonic() >= deadline:
                    os.close(fd)
                    if self.exclusive:
                        what = f"in use by another kg process{who}"
                    else:
                        what = f"busy: another kg process{who} is writing it"
                    raise StoreBusyError(f"store {self.path.parent} is {what}; try again when it has finished") from None
                if not told and self.on_wait is not None:
                    self.on_wait(
                        f"store {self.path.parent} is in use by another kg process{who}; "
                        f"waiting up to {self.wait_seconds:.0f} s"
                    )
                    told = True
                time.sleep(0.1)
        if self.exclusive:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                try:
                    os.ftruncate(self._fd, 0)
                except OSError:
                    pass
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
