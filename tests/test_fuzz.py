"""A brief fuzz run of the readers and extractors (a few seconds); ``scripts/fuzz.py`` runs the
same targets for longer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzz_targets import decode_any, extract_any, page_bytes, read_all

BRIEF = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    derandomize=True,  # the suite stays deterministic; scripts/fuzz.py explores at random
)
pages = page_bytes(2048)


@BRIEF
@given(pages)
def test_readers_never_raise_and_name_every_problem(data: bytes) -> None:
    read_all(data)


@BRIEF
@given(pages)
def test_decoding_reports_every_replacement(data: bytes) -> None:
    decode_any(data)


@settings(max_examples=40, deadline=None, database=None, derandomize=True)
@given(pages)
def test_extraction_of_any_page_read_does_not_crash(data: bytes) -> None:
    extract_any(data)
