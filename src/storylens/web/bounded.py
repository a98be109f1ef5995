"""Run CPU-heavy request work in a child process that can really be stopped.

A thread cannot be stopped from outside, so a comparison of two huge texts would keep the CPU
busy (and its memory held) long after the client gave up. Here each job runs in a process forked
from a small preloaded server (``forkserver``: fast to start, safe beside the web server's
threads) and is killed when its time or memory limit passes or the client disconnects. At most
``slots`` jobs run at once; the others wait a little, then get a 503.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from fastapi.concurrency import run_in_threadpool

POLL_SECONDS = 0.05
PRELOAD = ["storylens.web.bounded", "storylens.compare"]
_OK, _ERROR, _TOO_LARGE, _MEMORY = b"o", b"e", b"l", b"m"
_context_lock = threading.Lock()
_context: Any = None


@dataclass(frozen=True)
class Limits:
    """What one job may use; see ``WebSettings`` for the defaults."""

    seconds: float
    max_rss_bytes: int
    max_output_bytes: int
    slots: int = 2
    queue_seconds: float = 10.0


class WorkRefused(Exception):
    """The job was stopped or never started; ``status`` and ``message`` say why."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


class ClientGone(Exception):
    """The client disconnected, so the job was killed and nobody needs an answer."""


class BoundedRunner:
    """Runs jobs under :class:`Limits`, at most ``limits.slots`` at a time."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.slots)

    def warm_up(self) -> None:
        """Start the preloading fork server now (in the background), so the first comparison
        does not pay for importing the comparison code."""
        threading.Thread(target=_start_forkserver, name="storylens-forkserver", daemon=True).start()

    async def run(
        self,
        func: Callable[..., Any],
        *args: Any,
        is_disconnected: Callable[[], Awaitable[bool]] | None = None,
        what: str = "this request",
    ) -> Any:
        """``func(*args)`` computed in a child process; its return value must pickle."""
        acquired = await run_in_threadpool(self._slots.acquire, True, self.limits.queue_seconds)
        if not acquired:
            raise WorkRefused(503, "the server is busy with other comparisons", retry_after=5)
        try:
            return await self._run_child(func, args, is_disconnected, what)
        finally:
            self._slots.release()

    async def _run_child(
        self,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        is_disconnected: Callable[[], Awaitable[bool]] | None,
        what: str,
    ) -> Any:
        ctx = _forkserver()
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=_child_main,
            args=(sender, func, args, self.limits.max_output_bytes),
            daemon=True,
        )
        await run_in_threadpool(process.start)
        sender.close()
        try:
            data = await self._wait(process, receiver, is_disconnected, what)
        finally:
            if process.is_alive():
                process.kill()
            await run_in_threadpool(process.join, 5)
            receiver.close()
        return self._decode(data, what)

    async def _wait(
        self,
        process: Any,
        receiver: Connection,
        is_disconnected: Callable[[], Awaitable[bool]] | None,
        what: str,
    ) -> bytes:
        deadline = time.monotonic() + self.limits.seconds
        while True:
            if receiver.poll():
                try:
                    return await run_in_threadpool(receiver.recv_bytes)
                except EOFError:
                    raise WorkRefused(500, f"{what} failed (the worker ended)") from None
            if not process.is_alive() and not receiver.poll():
                raise WorkRefused(500, f"{what} failed (the worker ended, code {process.exitcode})")
            if time.monotonic() > deadline:
                raise WorkRefused(
                    422, f"{what} takes longer than the {self.limits.seconds:g} s limit; "
                    "try shorter texts"
                )
            rss = process_rss(process.pid)
            if rss > self.limits.max_rss_bytes:
                raise WorkRefused(
                    422, f"{what} needs more than the {self.limits.max_rss_bytes >> 20} MB "
                    "memory limit; try shorter texts"
                )
            if is_disconnected is not None and await is_disconnected():
                raise ClientGone()
            await asyncio.sleep(POLL_SECONDS)

    def _decode(self, data: bytes, what: str) -> Any:
        tag, body = data[:1], data[1:]
        if tag == _OK:
            return pickle.loads(body)
        if tag == _TOO_LARGE:
            size = int(body)
            raise WorkRefused(
                422, f"the result of {what} would be {size / 1_048_576:.0f} MB, over the "
                f"{self.limits.max_output_bytes / 1_048_576:.0f} MB limit; try shorter texts"
            )
        if tag == _MEMORY:
            raise WorkRefused(422, f"{what} ran out of memory; try shorter texts")
        raise WorkRefused(500, f"{what} failed ({body.decode('utf-8', 'replace')})")


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(PRELOAD)
            else:  # Windows: slower to start, same limits
                _context = multiprocessing.get_context("spawn")
        return _context


def _start_forkserver() -> None:
    if _forkserver().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _child_main(
    sender: Connection, func: Callable[..., Any], args: tuple[Any, ...], max_output: int
) -> None:
    """In the child: compute, then send one tagged message (result, or why not)."""
    try:
        data = pickle.dumps(func(*args), protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > max_output:
            sender.send_bytes(_TOO_LARGE + str(len(data)).encode())
        else:
            sender.send_bytes(_OK + data)
    except MemoryError:
        sender.send_bytes(_MEMORY)
    except Exception as exc:  # reported to the parent, which answers the client
        sender.send_bytes(_ERROR + f"{type(exc).__name__}: {exc}".encode())
    finally:
        sender.close()


def process_rss(pid: int | None) -> int:
    """Resident memory of a process in bytes (0 when it is gone or unknown)."""
    if pid is None:
        return 0
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
