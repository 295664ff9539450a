"""``rashomon serve``: the events a newsroom has stored, each event's report, and ad-hoc analysis.

``create_app`` builds the FastAPI app around a store (see ``EventStore`` for the handful of
methods it uses). Pages are rendered on the server with Jinja2 autoescaping; the only script is
``static/app.js``, and the Content-Security-Policy forbids every other. The same data is
served as JSON under ``/api/…`` with typed models, described at ``/openapi.json``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from rashomon import __version__
from rashomon.store import StoreError
from rashomon.web import schemas
from rashomon.web.pages import Pager, event_row, report_context, safe_url
from rashomon.web.security import BodyLimit, SecurityHeaders, TokenGate
from rashomon.web.uploads import NothingToAnalyze, Upload, display_name, read_submission

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
#: one analysis request (all files and pasted text together)
DEFAULT_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_FILES = 200
EVENTS_PER_PAGE = 25
#: the deepest offset a list accepts: far beyond any store, and within every database's
#: integer range (a larger one made SQLite raise OverflowError, a 500)
MAX_OFFSET = 10**9

EventAnalyzer = Callable[[Any, str], dict]


class EventStore(Protocol):
    """The store methods the web app relies on (``rashomon.store.Store`` provides them)."""

    def list_events(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[Any]: ...
    def count_events(self, query: str | None = None) -> int: ...
    def get_event(self, event_id: str) -> Any | None: ...
    def event_articles(self, event_id: str) -> list[Any]: ...
    def get_report(self, event_id: str) -> dict | None: ...
    def save_report(self, event_id: str, report: dict) -> None: ...


def _default_store() -> EventStore:
    from rashomon.store import Store

    return Store.open(None)


def _default_analyzer(store: Any, event_id: str) -> dict:
    from rashomon.analyze import analyze_event

    return analyze_event(store, event_id, refresh=False)


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(version=__version__, safe_url=safe_url)
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


class WebApp:
    """The app's state and page handlers: the store, the analyzer, templates and limits."""

    def __init__(self, store: EventStore, analyzer: EventAnalyzer, max_upload_bytes: int) -> None:
        self.store = store
        self.analyzer = analyzer
        self.max_upload_bytes = max_upload_bytes
        self.env = _templates()
        # analyses are CPU-bound and load large models once: one at a time keeps a small
        # server responsive and avoids two threads loading the same model
        self.analysis_lock = threading.Lock()

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)

    def error_page(self, status: int, title: str, message: str, problems: list[str] | None = None) -> HTMLResponse:
        return self.page("error.html.j2", status, title=title, message=message, problems=problems or [])

    # -- events
    def event_or_404(self, event_id: str) -> Any:
        event = self.store.get_event(event_id)
        if event is None:
            raise HTTPException(404, f"No event with id {event_id!r} is stored.")
        return event

    def report_for(self, event_id: str) -> dict:
        """The stored report, or one analysed now (and cached by the analyzer) on first view."""
        report = self.store.get_report(event_id)
        if report is not None:
            return report
        with self.analysis_lock:
            report = self.store.get_report(event_id)  # another request may have just made it
            if report is not None:
                return report
            try:
                return self.analyzer(self.store, event_id)
            except KeyError as exc:
                raise HTTPException(404, f"No event with id {event_id!r} is stored.") from exc
            except ValueError as exc:  # e.g. none of the event's reports holds readable text
                raise HTTPException(422, f"This event's reports could not be analysed: {exc}") from exc
            except Exception as exc:  # a report that breaks a model: say so, keep the traceback in the log
                raise _analysis_failed(422, "This event's reports could not be analysed", exc) from exc

    # -- ad-hoc analysis
    async def read_form(self, request: Request) -> tuple[list[Upload], str]:
        """The form's files and pasted text; the body limit is enforced while it streams."""
        form = await request.form(max_files=MAX_FILES, max_part_size=self.max_upload_bytes)
        uploads = []
        for n, item in enumerate(form.getlist("files"), 1):
            if isinstance(item, UploadFile):
                if not item.filename and not item.size:
                    continue  # the browser sends an empty part when no file was chosen
                uploads.append(Upload(display_name(item.filename, n), await item.read()))
        text = form.get("text")
        return uploads, text if isinstance(text, str) else ""

    def analyze_uploads(self, uploads: list[Upload], pasted: str) -> dict:
        """The report for one form's reports; raises HTTPException(400) naming bad files."""
        from rashomon.analyze import analyze

        try:
            submission = read_submission(uploads, pasted)
        except NothingToAnalyze as exc:
            raise HTTPException(400, str(exc)) from exc
        if submission.problems:
            raise _BadReports(submission.problems)
        with self.analysis_lock:
            try:
                return analyze(submission.articles)
            except ValueError as exc:
                raise HTTPException(400, f"Nothing could be analysed: {exc}") from exc
            except Exception as exc:  # a report that breaks a model
                raise _analysis_failed(400, "These reports could not be analysed", exc) from exc


def _analysis_failed(status: int, what: str, exc: Exception) -> HTTPException:
    """A readable answer for an analysis that raised; the store being unusable is the
    server's trouble (503), anything else is about these reports. The log keeps the trace."""
    if isinstance(exc, StoreError):
        log.error("store error during analysis: %s", exc)
        return HTTPException(503, f"The store cannot be used right now: {exc}")
    log.exception("analysis failed")
    detail = " ".join(str(exc).split())[:300]
    return HTTPException(status, f"{what} ({type(exc).__name__}{': ' + detail if detail else ''}).")


class _BadReports(HTTPException):
    """Some submitted reports cannot be read; every one is named."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(400, "Some reports could not be read: " + "; ".join(problems))
        self.problems = problems


def create_app(
    store: EventStore | None = None,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    analyzer: EventAnalyzer | None = None,
) -> FastAPI:
    """The web app over ``store`` (the default SQLite store when None).

    ``token``: when set, every request must carry it (see ``security.TokenGate``); the command
    line insists on one when the server listens beyond loopback. ``analyzer`` computes a
    report for a stored event that has none yet (default: ``rashomon.analyze.analyze_event``).
    """
    web = WebApp(store if store is not None else _default_store(), analyzer or _default_analyzer, max_upload_bytes)
    app = FastAPI(
        title="Rashomon",
        version=__version__,
        description="How different outlets report one event: claims, sources, quotes and framing.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.web = web
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _error_handlers(app, web)
    _page_routes(app, web)
    _api_routes(app, web)
    # outermost last: headers on every answer, then the token, then the body limit
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    app.add_middleware(TokenGate, token=token)
    app.add_middleware(SecurityHeaders)
    return app


def _error_handlers(app: FastAPI, web: WebApp) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        titles = {400: "Cannot analyse this", 404: "Not found", 413: "Upload too large", 422: "Cannot analyse this event",
                  503: "Store unavailable"}
        problems = getattr(exc, "problems", None)
        message = "Some reports could not be read:" if problems else str(exc.detail)
        return web.error_page(exc.status_code, titles.get(exc.status_code, "Something went wrong"), message, problems)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        """The database failed under a page (unreachable, or a stored report that cannot be
        read): name it, never an anonymous 500."""
        log.error("store error: %s", exc)
        return await http_error(request, HTTPException(503, f"The store cannot be used right now: {exc}"))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        return web.error_page(400, "Bad address", "The address has a parameter this page does not understand.")


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in exc.errors()]


def _page_routes(app: FastAPI, web: WebApp) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def events_page(q: str | None = None, page: int = Query(1, ge=1, le=MAX_OFFSET // EVENTS_PER_PAGE)) -> HTMLResponse:
        query = (q or "").strip() or None
        pager = Pager(page=page, per_page=EVENTS_PER_PAGE, total=web.store.count_events(query))
        events = web.store.list_events(query, limit=pager.per_page, offset=pager.offset)
        return web.page("events.html.j2", q=query or "", pager=pager, events=[event_row(e) for e in events])

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        event = web.event_or_404(event_id)
        report = web.report_for(event_id)
        context = report_context(report, web.store.event_articles(event_id))
        return web.page("event.html.j2", event=event_row(event), **context)

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form() -> HTMLResponse:
        return web.page("analyze.html.j2", max_upload=web.max_upload_bytes)

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_submit(request: Request) -> HTMLResponse:
        uploads, pasted = await web.read_form(request)
        report = await run_in_threadpool(web.analyze_uploads, uploads, pasted)
        return web.page("event.html.j2", event=None, **report_context(report))


_ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                  "description": "report files: saved HTML pages or plain text"},
                        "text": {"type": "string", "description": "pasted reports, separated by a line of ---"},
                    },
                }
            }
        },
    }
}


def _api_routes(app: FastAPI, web: WebApp) -> None:
    # Reports go out exactly as stored (a JSONResponse skips re-validation); the models
    # still describe them in the OpenAPI schema.
    problems = {404: {"model": schemas.Problem}}

    @app.get("/api/events", response_model=schemas.EventPage, tags=["events"])
    def list_events(
        q: str | None = Query(None, description="words in the event's title or outlets"),
        limit: int = Query(50, ge=1, le=200),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> schemas.EventPage:
        """Stored events, newest first (by when their latest report was seen)."""
        query = (q or "").strip() or None
        events = [_event_out(e) for e in web.store.list_events(query, limit=limit, offset=offset)]
        return schemas.EventPage(total=web.store.count_events(query), limit=limit, offset=offset, query=query, events=events)

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, responses=problems, tags=["events"])
    def event_detail(event_id: str) -> schemas.EventDetail:
        """One event and its stored reports; syndicated copies name their original."""
        event = web.event_or_404(event_id)
        return schemas.EventDetail(event=_event_out(event), articles=[_article_out(a) for a in web.store.event_articles(event_id)])

    @app.get("/api/events/{event_id}/report", response_model=schemas.Report, responses=problems, tags=["events"])
    def event_report(event_id: str) -> JSONResponse:
        """The event report (docs/report-schema.md); analysed on first request, then cached."""
        web.event_or_404(event_id)
        return JSONResponse(web.report_for(event_id))

    @app.post(
        "/api/analyze",
        response_model=schemas.Report,
        responses={400: {"model": schemas.Problem}, 413: {"model": schemas.Problem}},
        openapi_extra=_ANALYZE_BODY,
        tags=["analyze"],
    )
    async def analyze_api(request: Request) -> JSONResponse:
        """Analyse reports sent with the request (files and/or pasted text); nothing is stored."""
        uploads, pasted = await web.read_form(request)
        return JSONResponse(await run_in_threadpool(web.analyze_uploads, uploads, pasted))


def _event_out(event: Any) -> schemas.EventOut:
    coverage = getattr(event, "coverage", None)
    return schemas.EventOut(
        id=event.id, title=event.title, first_seen=event.first_seen, last_seen=event.last_seen,
        n_reports=event.n_reports, n_outlets=event.n_outlets, outlets=list(event.outlets or []),
        languages=list(event.languages or []), coverage=schemas.CoverageCounts(**coverage) if coverage else None,
    )


def _article_out(stored: Any) -> schemas.ArticleOut:
    a = stored.article
    return schemas.ArticleOut(
        id=stored.id, url=safe_url(stored.url or a.url), title=a.title, outlet=a.outlet,
        published=a.published, language=a.language, duplicate_of=stored.duplicate_of,
    )
