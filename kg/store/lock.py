"""Inter-process locking of a store folder (one writer, or any number of readers).

The embedded engine must not be opened read-only while another process writes, and two
writers would fight over the same files, so every command takes an advisory ``flock`` on
``<store>/kg.lock`` first: exclusive for writers, shared for readers. A writer waits a little
for readers to finish; a reader never waits for a build.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from kg.store.base import StoreBusyError


class StoreLock:
    def __init__(self, folder: Path, exclusive: bool, wait_seconds: float = 0.0) -> None:
        self.path = folder / "kg.lock"
        self.exclusive = exclusive
        self.wait_seconds = wait_seconds
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    what = "being written by another kg process" if not self.exclusive else "in use by another kg process"
                    raise StoreBusyError(f"store {self.path.parent} is {what}; try again when it has finished") from None
                time.sleep(0.1)
        if self.exclusive:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
