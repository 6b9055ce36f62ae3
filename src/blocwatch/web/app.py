"""The web dashboard and JSON API (CONTRACT.md section 4), read-only.

Answers come through ``web.readpath``: a read-only connection opened only to compute an
answer, answers kept per database state, the last answer served (marked stale in the
``X-Blocwatch-Stale`` header) while an ingest holds the DuckDB file. There is no write
endpoint. Requests must name this server in their Host header (``web.hosts``), so a page on
another site cannot read a local dashboard through DNS rebinding; error messages never echo
more than a few dozen characters of what was sent, nor the database's folder."""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections.abc import AsyncIterator, Callable, Hashable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from blocwatch import __version__
from blocwatch.errors import BlocwatchError, StoreError
from blocwatch.web.dyad import VoteMemo, dyad_answer, dyad_module
from blocwatch.web.hosts import HostGuard, clip
from blocwatch.web.models import AssessResponse, Country, DyadResponse, ErrorResponse
from blocwatch.web.readpath import Answer, DatabaseBusyError, ReadOnlyStore, ReadPath

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "bad request (a year out of order, a country against itself)"},
    404: {"model": ErrorResponse, "description": "unknown country or document"},
    503: {"model": ErrorResponse, "description": "the database cannot be read now"},
}
YEAR_MIN, YEAR_MAX = 1900, 2200


class ApiError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _plain(value: Any) -> Any:
    """JSON-safe: NaN and infinities become null, numpy scalars plain numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        return _plain(value.item())
    return value


def encode(value: Any) -> bytes:
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), default=str).encode()


def _assess_function() -> Callable[..., Any] | None:
    """``blocwatch.assess`` where this build has it (the assessment lands separately)."""
    import blocwatch

    function = getattr(blocwatch, "assess", None)
    return function if callable(function) else None


def create_app(db: str | None = None, *, allowed_hosts: Iterable[str] = (), lock_wait: float = 1.0,
               warm: bool = True) -> FastAPI:
    """The application for one database (a DuckDB path or postgresql:// URL). Requests are
    accepted for localhost, 127.0.0.1, [::1] and ``allowed_hosts`` (the bound address)."""
    from blocwatch import config

    target = db or config.default_db()
    read = ReadPath(target, lock_wait=lock_wait)
    memo = VoteMemo()
    scrub = _scrubber(target)
    started = threading.Event()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Once per application (test clients run the lifespan for every session); the read path
        # stays usable after a shutdown of the lifespan, its threads end with the process.
        if warm and not started.is_set():
            started.set()
            threading.Thread(target=app.state.warm_up, name="blocwatch-warm-up", daemon=True).start()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="blocwatch",
        version=__version__,
        description="UN vote alignment, events and evidence for pairs of countries (read-only).",
        # Swagger UI and ReDoc load their scripts from a CDN; the server must work offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.read_path = read
    app.add_middleware(HostGuard, allowed=allowed_hosts)
    static_dir = resources.files("blocwatch.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_sentence(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own texts ("Not Found", "Method Not Allowed") become sentences; none echoes the path.
        sentences = {404: "nothing here: the dashboard is at /, the API under /api/ (see /openapi.json)",
                     405: "this server only reads: use GET"}
        detail = sentences.get(exc.status_code) or (clip(exc.detail, 200) if isinstance(exc.detail, str) else None)
        return JSONResponse({"detail": detail or "request refused"},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    async def answered(key: Hashable, compute: Callable[[], Answer]) -> Answer:
        hit = read.cached(key)
        if hit is not None:
            return Answer(hit, stale=False)
        try:
            return await run_in_threadpool(compute)
        except DatabaseBusyError as exc:
            raise ApiError(503, str(exc)) from None
        except StoreError as exc:
            raise ApiError(503, scrub(str(exc))) from None

    def json_answer(answer: Answer) -> Response:
        status, body = answer.value
        headers = {"X-Blocwatch-Stale": "true"} if answer.stale else {}
        return Response(body, status_code=status, media_type="application/json", headers=headers)

    def guarded(compute: Callable[[], Any]) -> tuple[int, bytes]:
        """(status, JSON body): user errors are answers too, kept like any other."""
        try:
            return 200, encode(compute())
        except BlocwatchError as exc:
            if isinstance(exc, StoreError):
                raise
            return _status(exc), encode({"detail": scrub(str(exc))})

    # Read once: these answers never touch the database, nor a worker thread, so no load on the
    # API can hold them up.
    page = (static_dir / "index.html").read_text(encoding="utf-8")
    icon = (static_dir / "favicon.svg").read_bytes()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/report.css", include_in_schema=False)
    async def report_css() -> Response:
        from blocwatch.present.report import CSS

        return Response(CSS, media_type="text/css")

    @app.get("/api/dyad/{a}/{b}", response_model=DyadResponse, responses=ERRORS,
             summary="A dyad's vote agreement per session, events per month and strongest evidence")
    async def dyad(
        a: str, b: str,
        year_from: int | None = Query(None, alias="from", description="first year", ge=YEAR_MIN, le=YEAR_MAX),
        year_to: int | None = Query(None, alias="to", description="last year", ge=YEAR_MIN, le=YEAR_MAX),
        evidence: int = Query(10, ge=0, le=100, description="how many evidence events"),
    ) -> Response:
        _check_years(year_from, year_to)
        return json_answer(await answered(*dyad_job(_country(a), _country(b), year_from, year_to, evidence)))

    def dyad_job(a: str, b: str, year_from: int | None, year_to: int | None,
                 evidence: int) -> tuple[Hashable, Callable[[], Answer]]:
        key = ("dyad", a.upper(), b.upper(), year_from, year_to, evidence)
        return key, lambda: read.answer(key, lambda store: guarded(
            lambda: dyad_answer(store, memo, a, b, year_from, year_to, evidence)))

    def countries_job() -> tuple[Hashable, Callable[[], Answer]]:
        return ("countries",), lambda: read.answer(("countries",), lambda store: guarded(lambda: _countries(store)))

    def assessment(x: str, y: str, versus: str | None, year_from: int | None, year_to: int | None,
                   ) -> Callable[[], Answer]:
        key = ("assess", x.upper(), y.upper(), (versus or "").upper(), year_from, year_to)

        def run() -> Any:
            assess = _assess_function()
            if assess is None:
                raise ApiError(501, "this blocwatch has no assessment yet (blocwatch.assess is missing): "
                                    "use /api/dyad/A/B")
            return assess(x, y, versus=versus or None, year_from=year_from, year_to=year_to, db=db).to_dict()
        return lambda: read.answer_exclusive(key, lambda: guarded(run))

    @app.get("/api/assess/{x}/{y}", response_model=AssessResponse, responses={**ERRORS, 501: {
        "model": ErrorResponse, "description": "the assessment is not in this build"}},
        summary="Is X realigning toward Y (against Z)? The assessment of `blocwatch assess --format json`")
    async def assess_api(
        x: str, y: str,
        versus: str | None = Query(None, description="the other pole Z (default: United States, or Russia "
                                                     "when Y is the United States)", max_length=200),
        year_from: int | None = Query(None, alias="from", description="first year", ge=YEAR_MIN, le=YEAR_MAX),
        year_to: int | None = Query(None, alias="to", description="last year", ge=YEAR_MIN, le=YEAR_MAX),
    ) -> Response:
        _check_years(year_from, year_to)
        x, y = _country(x), _country(y)
        versus = _country(versus) if versus else None
        key = ("assess", x.upper(), y.upper(), (versus or "").upper(), year_from, year_to)
        return json_answer(await answered(key, assessment(x, y, versus, year_from, year_to)))

    @app.get("/report/{x}/{y}", response_class=HTMLResponse, responses=ERRORS,
             summary="The assessment as a self-contained HTML report (part=body: without the page around it)")
    async def report(
        x: str, y: str,
        versus: str | None = Query(None, description="the other pole Z", max_length=200),
        year_from: int | None = Query(None, alias="from", description="first year", ge=YEAR_MIN, le=YEAR_MAX),
        year_to: int | None = Query(None, alias="to", description="last year", ge=YEAR_MIN, le=YEAR_MAX),
        part: str = Query("page", pattern="^(page|body)$", description="page or body"),
    ) -> Response:
        from blocwatch.present.report import render_html, render_html_body

        _check_years(year_from, year_to)
        x, y = _country(x), _country(y)
        versus = _country(versus) if versus else None
        key = ("assess", x.upper(), y.upper(), (versus or "").upper(), year_from, year_to)
        answer = await answered(key, assessment(x, y, versus, year_from, year_to))
        status, body = answer.value
        if status != 200:
            return json_answer(answer)
        data = json.loads(body)
        if isinstance(data.get("data_source"), dict):  # the page names the database file, not its folder
            data["data_source"] = {k: scrub(str(v)) for k, v in data["data_source"].items()}
        render = render_html_body if part == "body" else render_html
        headers = {"X-Blocwatch-Stale": "true"} if answer.stale else {}
        return HTMLResponse(render(data, doc_href=_doc_href), headers=headers)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, responses=ERRORS,
             summary="A stored document's text with the evidence sentence (characters start..end) marked")
    async def document(
        doc_id: int,
        start: int | None = Query(None, ge=0, le=10**9, description="first character of the evidence"),
        end: int | None = Query(None, ge=0, le=10**9, description="character after the evidence"),
    ) -> Response:
        from blocwatch.web.docpage import document_row, render_document

        key = ("doc", doc_id)

        def compute() -> Answer:
            return read.answer(key, lambda store: document_row(store, doc_id))
        found = (await answered(key, compute)).value
        if found is None:
            raise ApiError(404, f"no stored document with id {doc_id}")
        return HTMLResponse(render_document(found, start, end))

    @app.get("/api/countries", response_model=list[Country], responses=ERRORS,
             summary="Countries with UN votes or stored events in the database")
    async def countries() -> Response:
        return json_answer(await answered(*countries_job()))

    def warm_up() -> None:
        """What the dashboard asks first, computed before anyone asks (imports, the votes in memory)."""
        jobs = [countries_job()[1], dyad_job("PAK", "RUS", None, None, 10)[1]]
        if _assess_function() is not None:
            jobs.append(assessment("PAK", "RUS", "USA", None, None))
        for job in jobs:
            try:
                job()
            except Exception:  # noqa: BLE001,S112 - a request for it will say what is wrong
                continue
        warmed.set()

    warmed = threading.Event()
    app.state.warm_up = warm_up

    @app.get("/api/health", summary="Liveness")
    async def health() -> dict[str, Any]:
        # warm: the first questions (the default dyad and triangle, the country list) are answered
        return {"status": "ok", "version": __version__, "warm": warmed.is_set()}

    return app


def _doc_href(doc: dict[str, Any]) -> str | None:
    doc_id = doc.get("doc_id")
    if doc_id is None:
        return None
    query = "&".join(f"{k}={int(doc[k])}" for k in ("start", "end") if isinstance(doc.get(k), int))
    return f"/doc/{int(doc_id)}" + (f"?{query}" if query else "") + "#evidence"


def _countries(store: ReadOnlyStore) -> list[dict[str, Any]]:
    from blocwatch.analyze.votes import country_names

    db = store.db
    names = country_names(db)
    codes = {str(r[0]) for r in db.query("SELECT iso3 FROM vote_countries")}
    codes |= {str(r[0]) for r in db.query(
        "SELECT actor FROM happenings WHERE actor IS NOT NULL UNION SELECT recipient FROM happenings"
        " WHERE recipient IS NOT NULL")}
    return [{"iso3": code, "name": names.get(code, code)} for code in sorted(codes)]


def _status(exc: BlocwatchError) -> int:
    unknown = getattr(dyad_module(), "UnknownCountryError", None)
    if unknown is not None and isinstance(exc, unknown):
        return 404
    if "unknown country" in str(exc):
        return 404
    return 400


def _check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise ApiError(400, f"from {year_from} is after to {year_to}: give the earlier year first")


#: Longest country text looked up; longer is no country's name.
MAX_COUNTRY = 60


def _country(text: str) -> str:
    text = text.strip()
    if not text or len(text) > MAX_COUNTRY:
        raise ApiError(404, f"unknown country {clip(text)!r}: not an ISO3 code or country name known to blocwatch")
    return text


def _scrubber(target: str) -> Callable[[str], str]:
    """Error texts with the database's folder taken out (the file name says enough)."""
    if "://" in target:
        import re

        return lambda text: re.sub(r"postgres(?:ql)?://\S+", "the PostgreSQL database", text)
    path = Path(target).expanduser()
    folders = {str(path), str(path.resolve()), str(path.parent), str(path.resolve().parent)}

    def scrub(text: str) -> str:
        for folder in sorted(folders, key=len, reverse=True):
            if folder not in ("", "."):
                text = text.replace(folder, path.name if folder.endswith(path.name) else "…")
        return clip(text, 300)
    return scrub


def _validation_sentence(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        name = where[-1] if where else "request"
        given = error.get("input")
        shown = f", got {clip(str(given))!r}" if given is not None and not isinstance(given, dict) else ""
        reason = str(error.get("msg", "is not valid")).replace("Input should be", "expected").replace(
            "Value error, ", "")
        if name in ("from", "to"):
            reason = f"expected a year from {YEAR_MIN} to {YEAR_MAX}"
        parts.append(f"{name}: {reason[:120]}{shown}")
    return "; ".join(parts) or "the request's parameters are not valid"
