"""Server-rendered pages: stories, story, article, compare and add."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from storylens.compare import compare_articles
from storylens.models import Article
from storylens.store.ranking import StoryFilters
from storylens.web import services
from storylens.web.context import WebContext
from storylens.web.deps import context, limit_writes, rendered, runner
from storylens.web.front import front_page, glance_worker
from storylens.web.links import http_url, public_origin
from storylens.web.uploads import form_text, megabytes, read_form, uploaded_files
from storylens.web.views import (
    SIDE_BY_SIDE_MAX,
    coverage_view,
    human_time,
    side_by_side,
    story_timeline,
    time_span,
    unique_names,
)

TEMPLATES_DIR = Path(__file__).parent / "templates"
RAW_PAGE_PREVIEW = 200_000
"""Characters of the original page shown on the article page (huge pages are cut)."""


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping always on: article text is untrusted and must never run."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = human_time
    env.filters["megabytes"] = megabytes
    env.filters["http_url"] = http_url
    env.filters["public_origin"] = public_origin
    env.globals["time_span"] = time_span
    env.filters["percent"] = lambda x: f"{x:.0f}%"
    env.filters["without_the"] = without_the
    return Jinja2Templates(env=env)


def without_the(name: str) -> str:
    """An outlet name after "the": "The Northern Ledger" loses its own "The" (never "the The")."""
    return name[4:] if name.startswith("The ") and len(name) > 4 else name


templates = make_templates()
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, name: str, status_code: int = 200, **data: Any) -> Response:
    return templates.TemplateResponse(request, name, data, status_code=status_code)


@router.get("/")
def stories_page(
    request: Request,
    background: BackgroundTasks,
    q: str = Query("", max_length=200),
    outlet: str = Query("", max_length=200),
    lang: str = Query("", max_length=20),
    since: str = Query("", max_length=32),
    until: str = Query("", max_length=32),
    by: str = Query("", max_length=60),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    """The front page: stories ranked by weight, each with its summary and coverage."""
    ctx = context(request)
    filters = StoryFilters.from_form(q, outlet, lang, since, until)
    view = front_page(ctx.store(), filters, page=page, by=by or None, worker=None)
    if view.missing:  # after the response is sent: the page does not wait on summaries
        background.add_task(glance_worker(request).request_many, view.missing)
    return render(
        request,
        "stories.html",
        front=view,
        q=q,
        outlet=outlet,
        lang=lang,
        since=since,
        until=until,
        page=page,
        total_articles=ctx.store().count_articles() if not view.cards else None,
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    ctx = context(request)
    store = ctx.store()
    story = services.require_story(store, story_id)
    if story.id != story_id:  # a merged story: send readers to the one it joined
        return RedirectResponse(request.url_for("story_page", story_id=story.id), 308)

    def build() -> bytes:
        articles = services.story_articles(store, story)
        comparison = services.story_comparison(ctx, story.id, articles)
        cover = coverage_view(articles, comparison) if comparison else None
        view = None
        if comparison is not None and len(articles) <= SIDE_BY_SIDE_MAX:
            view = side_by_side(articles, compare_articles(articles))
        timeline = story_timeline(articles) if comparison is not None and view is None else None
        if comparison is not None:
            glance_worker(request).keep(story.id, articles, comparison)
        page = render(request, "story.html", story=story, articles=articles, view=view,
                      coverage=cover, timeline=timeline, names=unique_names(articles))  # fmt: skip
        return bytes(page.body)

    key = services.story_key("html", story, str(request.base_url))
    return HTMLResponse(services.cached_bytes(rendered(request), key, build))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    store = context(request).store()
    article = services.require_article(store, article_id)
    raw = store.get_page_content(article_id) or ""
    return render(
        request,
        "article.html",
        article=article,
        story_id=services.story_of_article(store, article_id),
        raw=raw[:RAW_PAGE_PREVIEW],
        raw_cut=len(raw) > RAW_PAGE_PREVIEW,
    )


@router.get("/compare")
def compare_page(request: Request) -> Response:
    return render(request, "compare.html", form={}, view=None, error=None)


@router.post("/compare", dependencies=[Depends(limit_writes)])
async def compare_submit(request: Request) -> Response:
    """Compare two pasted texts or saved pages; nothing is stored."""
    ctx = context(request)
    form = await read_form(request, limit=ctx.settings.max_upload_bytes, max_files=2)
    names = ("text_a", "text_b", "label_a", "label_b", "clean")
    fields = {name: form_text(form, name) for name in names}
    try:
        articles = [
            await _compare_input(ctx, form, side, fields[f"text_{side}"], fields[f"label_{side}"])
            for side in ("a", "b")
        ]
    except services.ServiceError as exc:
        return render(request, "compare.html", exc.status_code, form=fields, view=None,
                      error=exc.message)  # fmt: skip
    try:
        comparison = await services.run_bounded(
            runner(request), request, compare_articles, articles, what="comparing these pages"
        )
    except services.ServiceError as exc:
        return render(request, "compare.html", exc.status_code, form=fields, view=None,
                      error=exc.message)  # fmt: skip
    view = side_by_side(articles, comparison, linkable=False)
    return render(request, "compare.html", form=fields, view=view, error=None)


async def _compare_input(ctx: WebContext, form: Any, side: str, text: str, label: str) -> Article:
    """One side of the compare form: an uploaded page wins over pasted text."""
    name = label.strip()[:80] or f"Text {side.upper()}"
    uploads = await uploaded_files(form, names=(f"file_{side}",))
    if uploads:
        limit = ctx.settings.max_upload_bytes
        article = await run_in_threadpool(
            services.uploaded_article, side, uploads[0], page_limit=limit
        )
        if label.strip():
            article.site = name
        return article
    if not text.strip():
        raise services.ServiceError(422, f"{name}: paste a text or choose a file")
    clean = bool(form_text(form, "clean"))
    article = await run_in_threadpool(services.pasted_article, side, name, text, clean=clean)
    article.site = name
    return article


@router.get("/add")
def add_page(request: Request) -> Response:
    return render(request, "add.html", report=None, error=None, limit=_limit(request))


@router.post("/add", dependencies=[Depends(limit_writes)])
async def add_submit(request: Request) -> Response:
    """The no-JavaScript path of the add page; the script uses ``/api/ingest`` with progress."""
    ctx = context(request)
    try:
        form = await read_form(
            request, limit=ctx.settings.max_upload_bytes, max_files=ctx.max_files
        )
        uploads = await uploaded_files(form)
        if not uploads:
            raise services.ServiceError(422, "choose at least one file to add")
        items = await run_in_threadpool(  # decoding 20 MB must not block the event loop
            services.read_uploads, uploads, page_limit=ctx.settings.max_upload_bytes
        )
        report = await run_in_threadpool(services.ingest, ctx, items)
    except services.ServiceError as exc:
        return render(request, "add.html", exc.status_code, report=None, error=exc.message,
                      limit=_limit(request))  # fmt: skip
    return render(request, "add.html", report=report.to_dict(), error=None, limit=_limit(request))


def _limit(request: Request) -> int:
    return context(request).settings.max_upload_bytes
