"""The ``storylens`` command: one click group whose commands are imported only when run.

``storylens --help`` and a quick ``storylens stories`` must feel instant, so this module imports
nothing but click: each command lives in its family module (``storylens.cli.<family>``) and is
imported on first use. The one-line summaries shown by ``--help`` are kept here so listing the
commands imports none of them (``tests/test_product.py`` checks every registered command is listed).
"""

from __future__ import annotations

import importlib
import re

import click

from storylens import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, one-line summary for --help)
    "extract": ("extract", "extract", "Print the article extracted from each page."),
    "ingest": ("extract", "ingest", "Store pages and assign each to a story."),
    "stories": ("stories", "stories_command", "List stories, biggest and newest first."),
    "storylines": ("stories", "storylines_command", "List storylines, or one as a timeline."),
    "show": ("stories", "show_command", "List the articles of a story (--compare: compare them)."),
    "cluster": ("stories", "cluster_command", "Group the pages of a JSONL file into stories."),
    "compare": ("compare", "compare", "Compare articles given as files, stored ids or '-'."),
    "export": ("export", "export", "Write stories, articles or facts as JSONL or CSV."),
    "outlets": ("outlets", "outlets", "Import and list the optional outlet registry."),
    "serve": ("serve", "serve", "Serve the web page and the JSON API."),
    "bench": ("bench", "bench", "Run a benchmark and print its scores as JSON."),
}
FAMILIES = ("extract", "stories", "compare", "export", "outlets", "serve", "bench")
"""Every command module; commands they register that are not in ``COMMANDS`` still run."""

_RST_LITERAL = re.compile(r"``([^`]+)``")
_RST_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def plain_help(text: str | None) -> str | None:
    """Help text without reStructuredText markup (docstrings double as help)."""
    if not text:
        return text
    return _RST_ROLE.sub(r"\1", _RST_LITERAL.sub(r"\1", text))


def _cleaned(command: click.Command) -> click.Command:
    command.help = plain_help(command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = plain_help(param.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _cleaned(sub)
            if not sub.short_help and sub.help:  # whole first sentence, never cut with "..."
                sub.short_help = _first_sentence(sub.help)
    return command


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            loaded = getattr(importlib.import_module(f"storylens.cli.{module}"), attribute)
        else:
            loaded = self._from_families(cmd_name)
        if loaded is not None:
            self.commands[cmd_name] = _cleaned(loaded)
        return loaded

    def _from_families(self, cmd_name: str) -> click.Command | None:
        """A command some family registers but ``COMMANDS`` does not list yet (slow path)."""
        scratch = click.Group()
        for family in FAMILIES:
            importlib.import_module(f"storylens.cli.{family}").register(scratch)
        return scratch.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storylens")
def cli() -> None:
    """Turn raw news pages from many outlets into stories, compared side by side.

    Start with: storylens ingest PAGES...; storylens stories; storylens serve.
    """


def main() -> None:
    from storylens.cli.common import tolerate_narrow_output

    tolerate_narrow_output()
    cli()


if __name__ == "__main__":  # python -m storylens.cli.main, as the helpers' guide runs it
    main()
