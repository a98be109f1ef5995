"""``storylens outlets import|list``: the optional outlet registry behind coverage views."""

from __future__ import annotations

from pathlib import Path

import click

from storylens.cli.common import db_option, emit_json, fail, open_store


def register(group: click.Group) -> None:
    group.add_command(outlets)


@click.group()
def outlets() -> None:
    """Import and list the optional outlet registry.

    A CSV with a header: name (required), domains (separated by ';' or spaces), country,
    language, owner, and any columns of your own (a leaning, a region...). storylens ships no
    registry and no ratings. The web page groups each story's coverage by these columns and
    lists registered outlets that usually cover such stories but did not cover this one.
    """


@outlets.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_outlets(csv_file: Path, db: Path | None) -> None:
    """Add or update outlets from CSV_FILE (by name; other outlets are kept)."""
    from storylens.store.outlets import RegistryError, read_registry_csv, save_outlets

    try:
        found = read_registry_csv(csv_file)
    except RegistryError as exc:
        fail(str(exc))
        return
    with open_store(db, readonly=False) as store:  # an existing store: ingest creates them
        written = save_outlets(store, found)
        click.echo(f"storylens: {written} outlets imported from {csv_file} -> {store.target}",
                   err=True)  # fmt: skip


@outlets.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per outlet.")
def list_outlets(db: Path | None, as_json: bool) -> None:
    """List the registered outlets with their columns."""
    from storylens.cli.table import echo_table
    from storylens.store.outlets import load_outlets, registry_columns

    with open_store(db) as store:
        found = load_outlets(store)
    if as_json:
        for outlet in found:
            emit_json({"name": outlet.name, "domains": outlet.domains, "country": outlet.country,
                       "language": outlet.language, "owner": outlet.owner, **outlet.extra})
        return  # fmt: skip
    columns = registry_columns(found)
    rows = [
        (o.name, " ".join(o.domains) or "-", *[o.value(c) or "-" for c in columns]) for o in found
    ]
    headers = ("NAME", "DOMAINS", *[c.upper() for c in columns])
    note = f"{len(found)} outlets registered." if found else (
        "No outlets registered (storylens outlets import outlets.csv)."
    )  # fmt: skip
    echo_table(headers, rows, flex=1, note=note)
