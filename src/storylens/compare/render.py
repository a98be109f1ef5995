"""Human-readable rendering of a :class:`Comparison` for the terminal."""

from __future__ import annotations

from storylens.compare.model import Comparison, DiffOp, QuoteMatch

_COLORS = {
    "head": "1;36",
    "a": "33",
    "b": "35",
    "dim": "2",
    "del": "31",
    "ins": "32",
    "warn": "1;31",
}


def render_text(comparison: Comparison, *, color: bool = True) -> str:
    """The comparison as sections of plain text, with ANSI colours when ``color`` is true."""

    def paint(style: str, text: str) -> str:
        return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text

    lines: list[str] = []
    ids = [a.id for a in comparison.articles]
    lines.append(paint("head", "Articles"))
    for info in comparison.articles:
        lines.append(f"  {info.id}: {info.title or '(no title)'} ({info.sentences} sentences)")
    for note in comparison.notes:
        lines.append(paint("warn", f"  note: {note}"))
    lines += _section(paint, f"Shared facts ({len(comparison.shared)})")
    for fact in comparison.shared:
        lines.append(f"  [{fact.kind} {fact.score:.2f}]")
        lines.append("    " + paint("a", f"{fact.a.article_id}: ") + fact.a.text)
        lines.append("    " + paint("b", f"{fact.b.article_id}: ") + fact.b.text)
    lines += _section(paint, f"Conflicts ({len(comparison.conflicts)})")
    for conflict in comparison.conflicts:
        lines.append(
            f"  {conflict.kind}: {conflict.a.article_id} “{conflict.a.text}” vs "
            f"{conflict.b.article_id} " + paint("warn", f"“{conflict.b.text}”")
        )
        lines.append(paint("dim", f"    {_short(conflict.a_sentence.text, 160)}"))
        lines.append(paint("dim", f"    {_short(conflict.b_sentence.text, 160)}"))
    for article_id in ids:
        only = comparison.only.get(article_id, [])
        lines += _section(paint, f"Only in {article_id} ({len(only)})")
        for item in only:
            extra = (
                paint("dim", f"  (adds: {', '.join(item.unsupported[:8])})") if item.partly else ""
            )
            lines.append(f"  - {item.text}{extra}")
    lines += _section(paint, f"Reuse ({len(comparison.reuse)})")
    for reuse in comparison.reuse:
        direction = (
            f"{reuse.source_id} -> {reuse.target_id}" if reuse.source_id else "direction unknown"
        )
        lines.append(
            f"  {reuse.a_id} ~ {reuse.b_id}: {len(reuse.passages)} copied sentence(s), "
            f"{reuse.share_of_a:.0%} of {reuse.a_id}, {reuse.share_of_b:.0%} of {reuse.b_id}; "
            f"{direction}"
        )
        lines += [paint("dim", f"    {e}") for e in reuse.direction_evidence]
    lines += _section(paint, f"Quotes ({len(comparison.quotes)} matched)")
    for match in comparison.quotes:
        lines += _quote_lines(paint, match)
    for quote in comparison.unmatched_quotes:
        who = quote.speaker or "unknown speaker"
        lines.append(paint("dim", f"  only {quote.article_id}: “{_short(quote.text)}” ({who})"))
    lines += _section(paint, f"Commentary ({len(comparison.commentary)})")
    for item in comparison.commentary:
        lines.append(
            f"  {item.span.article_id}: {item.span.text}  "
            + paint("dim", f"[{', '.join(item.cues)}]")
        )
    lines += _section(paint, "Credits")
    for article_id in ids:
        names = sorted({c.name for c in comparison.credits if c.article_id == article_id})
        lines.append(f"  {article_id}: {', '.join(names) if names else '(none)'}")
    return "\n".join(lines) + "\n"


def _section(paint, title: str) -> list[str]:
    return ["", paint("head", title)]


def _quote_lines(paint, match: QuoteMatch) -> list[str]:
    speaker = match.speaker or "unknown speaker"
    lines = [f"  {speaker} [{match.kind}]"]
    lines.append("    " + paint("a", f"{match.a.article_id}: ") + f"“{_short(match.a.text)}”")
    lines.append("    " + paint("b", f"{match.b.article_id}: ") + f"“{_short(match.b.text)}”")
    for op in match.diff:
        lines.append("      " + _diff_text(paint, op))
    return lines


def _diff_text(paint, op: DiffOp) -> str:
    old = paint("del", f"-{op.a}") if op.a else ""
    new = paint("ins", f"+{op.b}") if op.b else ""
    return f"{op.op}: {old} {new}".rstrip()


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_story_text(story, *, color: bool = True, limit: int = 40) -> str:  # type: ignore[no-untyped-def]
    """A story comparison for the terminal: widest facts with their outlets, conflicts, quotes by
    utterance and who copied whom; bounded by ``limit`` rows per section whatever the size."""

    def paint(style: str, text: str) -> str:
        return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text

    facts = story.ranked_facts()
    lines = [paint("head", f"Facts ({len(facts)}; most widely reported first)")]
    for fact in facts[:limit]:
        ids = list(dict.fromkeys(r.article_id for r in fact.reports))
        marks = "".join("x" if r.conflicts else "~" if r.relation == "partial" else "="
                        for r in fact.reports)  # fmt: skip
        lines.append(f"  [{_articles(len(ids))} {marks}] {_short(fact.first.text, 160)}")
        more = " …" if len(ids) > 8 else ""
        also = f"; also: {', '.join(ids[1:8])}{more}" if len(ids) > 1 else " only"
        lines.append(paint("dim", f"    first: {fact.first.article_id}{also}"))
    if len(facts) > limit:
        lines.append(paint("dim", f"  … {len(facts) - limit} more (use --json)"))
    conflicts = story.conflicts
    lines += _section(paint, f"Conflicts ({len(conflicts)})")
    for _fact, c in conflicts[:limit]:
        lines.append(f"  {c.kind}: {c.first_article_id} “{c.first_text}” vs "
                     f"{c.article_id} " + paint("warn", f"“{c.text}”"))  # fmt: skip
    lines += _section(paint, f"Quotes ({len(story.quotes)} utterances)")
    for group in sorted(story.quotes, key=lambda g: -len(g.article_ids))[:limit]:
        lines.append(f"  {group.speaker or 'unknown speaker'} ({_articles(len(group.article_ids))})"
                     f": “{_short(group.text, 140)}”")  # fmt: skip
    lines += _section(paint, "Per article: facts, only here, copied from")
    for cov in story.coverage[:limit]:
        copied = ", ".join(f"{n} from {src}" for src, n in list(cov.copied_from.items())[:3])
        lines.append(f"  {cov.article_id}: {cov.facts} facts, {cov.only} only here"
                     f"{', copied ' + copied if copied else ''}")  # fmt: skip
    if len(story.coverage) > limit:
        lines.append(paint("dim", f"  … {len(story.coverage) - limit} more articles (use --json)"))
    for note in story.notes:
        lines.append(paint("warn", f"note: {note}"))
    return "\n".join(lines) + "\n"


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")
