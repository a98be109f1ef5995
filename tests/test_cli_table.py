"""CLI tables line up in a terminal whatever the script of their cells."""

from __future__ import annotations

from storylens.cli.table import display_width, render_table


def test_wide_characters_take_two_columns_and_the_next_column_lines_up() -> None:
    rows = [["史蒂文的家", "2013-12-28"], ["Le Monde", "2015-05-04"]]
    lines = render_table(["OUTLET", "PUBLISHED"], rows, width=200).splitlines()
    starts = [display_width(line[: line.index("20")]) for line in lines[1:]]
    assert display_width("史蒂文的家") == 10
    assert starts[0] == starts[1] == 12


def test_a_cut_cell_fits_its_width_in_columns() -> None:
    headline = "宇航员在太空中喝酒会怎么样后果很严重"
    table = render_table(["ID", "HEADLINE"], [["s-1", headline]], width=20)
    line = table.splitlines()[1]
    assert line.endswith("…")
    assert display_width(line) <= 20


def test_combining_marks_take_no_column() -> None:
    assert display_width("Me\u0301xico") == 6
