"""The ``storylens`` command: one click group, one module per command family."""

from __future__ import annotations

import click

from storylens import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storylens")
def cli() -> None:
    """Turn raw news pages from many outlets into stories, compared side by side."""


def _register() -> None:
    from storylens.cli import bench, compare, extract, serve, stories

    for module in (extract, stories, compare, serve, bench):
        module.register(cli)


def main() -> None:
    _register()
    cli()
