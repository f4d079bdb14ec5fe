"""The web app of ``graphbuild serve``: Starlette routes that render ``views`` with Jinja2.

Pages, all GET (so every view is a link one can bookmark or share):

- ``/``: totals, the actor search box, links to the questions and the Cypher box
- ``/search?q=``: actors by name, alias or id
- ``/actor?id=&hops=&family=&kind=&from=&to=``: an actor's ego network
- ``/dyad?a=&b=&family=&kind=&from=&to=&offset=``: two actors' timeline and evidence
- ``/ask`` and ``/ask/NAME?PARAM=...``: the named questions of ``graphbuild ask``
- ``/cypher?q=``: a Cypher box that only reads (the guard of ``graphbuild query``)

Every response forbids scripts, frames and other origins (Content-Security-Policy),
and only Host headers naming this machine are served (no DNS rebinding).
"""

from __future__ import annotations

import contextlib
import html
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..export.style import FAMILY_COLORS, TYPE_COLORS
from ..records import FAMILIES
from ..stores.embedded import StoreError
from . import views
from .layout import ego_picture, month_bars
from .store import GraphStore

log = logging.getLogger("graphbuild")
HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
#: rows of a Cypher box or question answer shown on the page
MAX_ROWS = 1000


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(directory: str | Path, allowed_hosts: list[str] | None = None) -> Starlette:
    """The app over the build directory ``directory`` (its ``graph.lbug``)."""
    directory = Path(directory)
    store = GraphStore(directory)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        families=FAMILIES,
        family_colors=FAMILY_COLORS,
        type_colors=TYPE_COLORS,
        build_name=directory.resolve().name,
        urlencode=urlencode,
        href=href,
    )

    def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def home(request: Request) -> Response:
        return render(request, "home.html", summary=views.summary(store))

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        found = views.search_actors(store, text)
        return render(request, "search.html", q=text, actors=found, limit=views.SEARCH_LIMIT)

    def actor(request: Request) -> Response:
        actor_id = request.query_params.get("id", "")
        record = views.actor(store, actor_id)
        if record is None:
            return render(
                request, "missing.html", status=404, what=f"no actor with id {actor_id!r}"
            )
        filters = views.Filters.parse(dict(request.query_params))
        hops = 2 if request.query_params.get("hops") == "2" else 1
        ego = views.ego_network(store, actor_id, hops, filters)
        picture = ego_picture(ego["nodes"], ego["edges"])
        for node in picture["nodes"]:
            node["href"] = href("/actor", {"id": node["id"]})
        for edge in picture["edges"]:
            edge["href"] = href("/dyad", {"a": edge["source"], "b": edge["target"]})
        return render(
            request,
            "actor.html",
            actor=record,
            ego=ego,
            picture=picture,
            hops=hops,
            filters=filters,
            names={n["id"]: n["name"] for n in ego["nodes"]},
        )

    def dyad(request: Request) -> Response:
        a, b = request.query_params.get("a", ""), request.query_params.get("b", "")
        first, second = views.actor(store, a), views.actor(store, b)
        if first is None or second is None:
            missing = a if first is None else b
            return render(request, "missing.html", status=404, what=f"no actor with id {missing!r}")
        filters = views.Filters.parse(dict(request.query_params))
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            offset = 0
        data = views.dyad(store, a, b, filters, offset)
        return render(
            request,
            "dyad.html",
            a=first,
            b=second,
            data=data,
            bars=month_bars(data["timeline"]),
            filters=filters,
            names={first["id"]: first["name"], second["id"]: second["name"]},
        )

    def questions(request: Request) -> Response:
        from ..queries import list_queries

        return render(request, "ask_list.html", queries=list_queries())

    def ask(request: Request) -> Response:
        from ..queries import QueryLibraryError, load_query

        name = request.path_params["name"]
        try:
            query = load_query(name) if "/" not in name and not name.endswith(".cypher") else None
        except QueryLibraryError as exc:
            return render(request, "missing.html", status=404, what=str(exc))
        if query is None:
            return render(request, "missing.html", status=404, what=f"no question named {name!r}")
        given = {
            p.name: request.query_params[p.name]
            for p in query.params
            if request.query_params.get(p.name)
        }
        answer = error = None
        if request.query_params.get("run"):
            try:
                answer = _run(store, query.cypher, query.bind(given))
            except QueryLibraryError as exc:
                error = str(exc)
            except (StoreError, ValueError) as exc:
                error = str(exc)
        return render(
            request, "ask.html", query=query, given=given, answer=answer, error=error,
            max_rows=MAX_ROWS,
        )  # fmt: skip

    def cypher(request: Request) -> Response:
        text = request.query_params.get("q", "")
        answer = error = None
        if text.strip():
            try:
                answer = _run(store, text, {})
            except (StoreError, ValueError) as exc:
                error = str(exc)
        return render(request, "cypher.html", q=text, answer=answer, error=error, max_rows=MAX_ROWS)

    def colors(request: Request) -> Response:
        return Response(colors_css(), media_type="text/css")

    async def failure(request: Request, exc: Exception) -> Response:
        return HTMLResponse(
            "<!doctype html><title>graphbuild serve</title>"
            f"<p>The store could not be read: {html.escape(str(exc))}</p>",
            status_code=500,
        )

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # read the edge index before the first request, so no reader waits for it
        try:
            await anyio.to_thread.run_sync(store.edge_index)
        except StoreError as exc:
            log.warning("%s", exc)
        yield
        store.close()

    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", home),
            Route("/search", search),
            Route("/actor", actor),
            Route("/dyad", dyad),
            Route("/ask", questions),
            Route("/ask/{name}", ask),
            Route("/cypher", cypher),
            Route("/colors.css", colors),
            Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS),
            Middleware(SecurityHeaders),
        ],
        exception_handlers={StoreError: failure},
    )
    app.state.store = store
    return app


def href(path: str, *parts: dict[str, Any]) -> str:
    """``path?query`` from the merged ``parts``, leaving out empty values."""
    params = {k: v for part in parts for k, v in part.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def colors_css() -> str:
    """One class per family and actor type, coloured as in every other picture (style.py)."""
    rules = [
        f".c-{name} {{ --c: {color}; }}" for name, color in {**FAMILY_COLORS, **TYPE_COLORS}.items()
    ]
    return "\n".join(rules) + "\n"


def _run(store: GraphStore, cypher: str, params: dict[str, Any]) -> dict[str, Any]:
    """A reader's query, behind the read-only guard of ``graphbuild query``."""
    columns, rows = store.user_query(cypher, params)
    return {"columns": columns, "rows": rows[:MAX_ROWS], "total": len(rows)}
