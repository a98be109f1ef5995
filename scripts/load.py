#!/usr/bin/env python3
"""Load test of a storylens server on this machine (issue 12): bounded, loopback only.

Starts ``storylens serve`` on a free loopback port with a store it fills itself (one story of
``--story-articles`` near-identical articles), then:

1. ``--clients`` concurrent clients fetch the story page (HTML and JSON) ``--rounds`` times each;
2. two texts of ``--compare-mb`` MB each are posted to ``/api/compare``;
3. a client asks for a big comparison and hangs up, to check the work is stopped.

It reports latencies, timeouts, status codes and the server's peak resident memory (sampled
from /proc every 50 ms), as JSON on stdout. Every request has a timeout and the whole run a
deadline, so it always ends. Usage::

    PYTHONPATH=src python scripts/load.py --story-articles 200 --clients 50
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"
MAX_CLIENTS = 200
MAX_ROUNDS = 20
STORYLENS = [sys.executable, "-c", "from storylens.cli.main import main; main()"]


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="storylens-load-") as tmp:
        db = Path(tmp) / "load.db"
        started = time.monotonic()
        fill_store(db, args.story_articles, seed=args.seed)
        fill_seconds = time.monotonic() - started
        port = free_port()
        server = start_server(db, port)
        monitor = RssMonitor(server.pid)
        monitor.start()
        base = f"http://{LOOPBACK}:{port}"
        try:
            wait_ready(base)
            story_id = first_story(base)
            report: dict = {
                "story_articles": args.story_articles,
                "fill_seconds": round(fill_seconds, 1),
                "idle_rss_mb": monitor.current_mb(),
            }
            for kind in ("html", "json"):
                path = f"/stories/{story_id}" if kind == "html" else f"/api/stories/{story_id}"
                monitor.reset_peak()
                report[f"story_{kind}"] = hammer(
                    base, path, args.clients, args.rounds, args.timeout
                )
                report[f"story_{kind}"]["peak_rss_mb"] = monitor.peak_mb()
            if args.compare_mb > 0:
                monitor.reset_peak()
                report["compare"] = big_compare(base, args.compare_mb, args.timeout)
                report["compare"]["peak_rss_mb"] = monitor.peak_mb()
                report["compare_hangup"] = hang_up(base, args.compare_mb, monitor)
            report["peak_rss_mb"] = monitor.overall_peak_mb()
        finally:
            monitor.stop()
            server.terminate()
            server.wait(10)
    json.dump(report, sys.stdout, indent=2)
    print()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--story-articles", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2, help="Requests per client and page.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Per request, seconds.")
    parser.add_argument("--compare-mb", type=float, default=1.0, help="0 skips the compare test.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, MAX_CLIENTS))
    args.rounds = max(1, min(args.rounds, MAX_ROUNDS))
    return args


def fill_store(db: Path, count: int, *, seed: int) -> None:
    """One story of ``count`` near-identical wire copies (the worst case for comparison)."""
    rng = random.Random(seed)
    base = story_paragraphs(rng)
    lines = []
    for i in range(count):
        paragraphs = list(base)
        paragraphs[rng.randrange(len(paragraphs))] += f" Outlet {i} added this sentence."
        record = {
            "id": f"load-{i:04d}",
            "title": "Bridge over the Elbe to close for two years of repairs",
            "text": "\n\n".join(paragraphs),
            "site": f"outlet{i:03d}.example",
            "published": f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
        }
        lines.append(json.dumps(record))
    source = db.with_suffix(".jsonl")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        [*STORYLENS, "ingest", "--db", str(db), str(source)],
        check=True, capture_output=True, env=server_env(),
    )  # fmt: skip


def story_paragraphs(rng: random.Random) -> list[str]:
    subjects = ["The city council", "Engineers", "The transport minister", "Residents", "Police"]
    verbs = ["said", "warned", "confirmed", "announced", "expected"]
    objects = ["the bridge would close in May", "repairs would cost 80 million euros",
               "traffic would be diverted", "a ferry would run every ten minutes",
               "the work would take two years"]  # fmt: skip
    paragraphs = []
    for _ in range(12):
        sentences = [
            f"{rng.choice(subjects)} {rng.choice(verbs)} that {rng.choice(objects)}."
            for _ in range(3)
        ]
        paragraphs.append(" ".join(sentences))
    paragraphs.insert(2, '"We have no choice," the mayor said on Tuesday.')
    return paragraphs


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [*STORYLENS, "serve", "--db", str(db), "--host", LOOPBACK, "--port", str(port)]
    return subprocess.Popen(command, env=server_env(), stdout=subprocess.DEVNULL)


def wait_ready(base: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def first_story(base: str) -> str:
    stories = httpx.get(f"{base}/api/stories?limit=1", timeout=10).json()["stories"]
    if not stories:
        raise SystemExit("the store has no story")
    return stories[0]["id"]


def hammer(base: str, path: str, clients: int, rounds: int, timeout: float) -> dict:
    """``clients`` threads each fetching ``path`` ``rounds`` times, all starting together."""
    barrier = threading.Barrier(clients)

    def client(_: int) -> list[tuple[str, float, int]]:
        results = []
        with httpx.Client(timeout=timeout) as http:
            barrier.wait()
            for _ in range(rounds):
                started = time.monotonic()
                try:
                    response = http.get(base + path)
                    results.append((str(response.status_code), time.monotonic() - started,
                                    len(response.content)))  # fmt: skip
                except httpx.TimeoutException:
                    results.append(("timeout", time.monotonic() - started, 0))
                except httpx.HTTPError as exc:
                    results.append((type(exc).__name__, time.monotonic() - started, 0))
        return results

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        results = [r for rs in pool.map(client, range(clients)) for r in rs]
    times = sorted(t for _, t, _ in results)
    return {
        "path": path,
        "requests": len(results),
        "statuses": dict(Counter(s for s, _, _ in results)),
        "bytes": max((b for _, _, b in results), default=0),
        "p50_s": round(times[len(times) // 2], 2),
        "max_s": round(times[-1], 2),
        "wall_s": round(time.monotonic() - started, 1),
    }


def compare_texts(mb: float, seed: int = 7) -> tuple[str, str]:
    """Two ~``mb`` MB texts of repeated, slightly edited paragraphs (quadratic for naive code)."""
    rng = random.Random(seed)
    paragraphs = story_paragraphs(rng)
    target = int(mb * 1_000_000)
    parts, size = [], 0
    while size < target:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph) + 2
    a = "\n\n".join(parts)[:target]
    b = a.replace("two years", "three years")
    return a, b


def big_compare(base: str, mb: float, timeout: float) -> dict:
    a, b = compare_texts(mb)
    started = time.monotonic()
    try:
        response = httpx.post(f"{base}/api/compare", json={"a": a, "b": b}, timeout=timeout + 30)
        status = response.status_code
        message = response.json().get("error") if status >= 400 else None
    except httpx.TimeoutException:
        status, message = "timeout", None
    return {"mb_each": mb, "status": status, "seconds": round(time.monotonic() - started, 1),
            "error": message}  # fmt: skip


def hang_up(base: str, mb: float, monitor: RssMonitor) -> dict:
    """Start a big comparison, leave after 2 s, and see the server's children go away."""
    a, b = compare_texts(mb, seed=8)
    with contextlib.suppress(httpx.TimeoutException):
        httpx.post(f"{base}/api/compare", json={"a": a, "b": b}, timeout=2)
    time.sleep(1.5)
    return {"busy_children_after_hangup": monitor.busy_children()}


class RssMonitor(threading.Thread):
    """Peak resident memory of the server and its child processes, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self._peak = 0
        self._overall = 0
        self._now = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.05):
            self._now = sum(rss(p) for p in [self.pid, *descendants(self.pid)])
            self._peak = max(self._peak, self._now)
            self._overall = max(self._overall, self._now)

    def stop(self) -> None:
        self._stop_event.set()

    def peak_mb(self) -> int:
        """Peak since the last :meth:`reset_peak`."""
        return self._peak >> 20

    def reset_peak(self) -> None:
        self._peak = self._now

    def overall_peak_mb(self) -> int:
        return self._overall >> 20

    def current_mb(self) -> int:
        time.sleep(0.1)
        return self._now >> 20

    def busy_children(self) -> int:
        """Descendants using CPU now (the forkserver itself idles)."""
        before = {p: cpu_ticks(p) for p in descendants(self.pid)}
        time.sleep(0.5)
        return sum(1 for p, t in before.items() if cpu_ticks(p) - t > 10)


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += [int(c) for c in children]
        queue += [int(c) for c in children]
    return found


def rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return 0


if __name__ == "__main__":
    main()
