"""The ``storylens`` command: one click group, one module per command family."""

from __future__ import annotations

import click

from storylens import __version__
from storylens.cli import bench, compare, extract, serve, stories


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storylens")
def cli() -> None:
    """Turn raw news pages from many outlets into stories, compared side by side."""


for _family in (extract, stories, compare, serve, bench):
    _family.register(cli)


def main() -> None:
    cli()
