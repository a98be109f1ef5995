"""``storylens serve``: the web page and the JSON API over one store, on one local server."""

from __future__ import annotations

import errno
import ipaddress
import socket
from pathlib import Path

import click

from storylens.cli.common import db_option, fail, open_store, store_target, warn
from storylens.config import SETTINGS
from storylens.store import describe


def register(group: click.Group) -> None:
    """Attach this module's commands to the main group."""
    group.add_command(serve)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default=SETTINGS.web.host, show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=SETTINGS.web.port,
              show_default=True, help="Port to listen on (0: any free port, printed).")  # fmt: skip
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback address (anyone reaching it can upload).")  # fmt: skip
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))  # fmt: skip
def serve(db: Path | None, host: str, port: int, allow_remote: bool, log_level: str) -> None:
    """Serve the web page and the JSON API (/api, described at /openapi.json)."""
    import uvicorn

    from storylens.web import create_app

    if not is_loopback(host):
        if not allow_remote:
            fail(f"refusing to bind {host}: not a loopback address (add --allow-remote to do it)")
        warn(f"WARNING: serving on {host}, reachable from other machines; there is no login")
    path = store_target(db)
    open_store(path).close()  # a clear one-line error for a bad store, before the server starts
    app = create_app(path)
    sock = bind_socket(host, port)
    shown = f"[{host}]" if ":" in host else host
    bound = sock.getsockname()[1]
    where = f"http://{shown}:{bound}/"
    click.echo(f"storylens: serving {describe(path)} at {where} (Ctrl+C to stop)", err=True)
    config = uvicorn.Config(app, log_level=log_level, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


def bind_socket(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything is printed; a busy port is a one-line error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            fail(f"port {port} on {host} is already in use (stop the other server or use --port)")
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
    sock.set_inheritable(True)
    return sock
