"""The Starlette application: SPARQL 1.1 Protocol at /sparql, the web UI, entity pages, graph page.

Nothing here writes: the store is only ever opened read-only (inside the query workers), UPDATE
requests are refused with 403, and there is no route that takes data to store. Values from the
request reach SPARQL only as bindings (``Store.query(text, bindings)``); text from documents
reaches HTML only through autoescaped Jinja2 templates or ``textContent`` in the page scripts.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import BNode, Literal, URIRef
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.serve.worker import Answer, QueryPool, QueryTimeout, WorkerCrashed

KGID = "https://w3id.org/kg-innovation/id/"
KGO = "https://w3id.org/kg-innovation/ontology#"
HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)
UPDATE_MEDIA = "application/sparql-update"
QUERY_MEDIA = "application/sparql-query"
FORM_MEDIA = "application/x-www-form-urlencoded"
PREFIXES = """PREFIX kgo:  <https://w3id.org/kg-innovation/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
SHORT = {
    "https://w3id.org/kg-innovation/ontology#": "kgo:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    KGID: "kgid:",
}

# -- SPARQL used by the pages (?e is always bound by the engine, never spliced) -----------------
Q_FACTS = PREFIXES + """SELECT ?e ?p ?o ?olabel WHERE {
  ?e ?p ?o . OPTIONAL { ?o rdfs:label ?olabel }
} ORDER BY ?p ?o"""
Q_INCOMING = PREFIXES + """SELECT ?e ?s ?p ?slabel WHERE {
  ?s ?p ?e . FILTER NOT EXISTS { ?s a kgo:Collaboration } OPTIONAL { ?s rdfs:label ?slabel }
} ORDER BY ?p ?slabel LIMIT 500"""
Q_INCOMING_ALL = """SELECT ?e ?s ?p WHERE { ?s ?p ?e } LIMIT 5000"""
Q_COLLABS = PREFIXES + """SELECT ?e ?c ?k ?kind ?src ?tgt ?other ?other_label ?other_type ?evidence ?report ?doc ?title WHERE {
  ?c a kgo:Collaboration ; kgo:participant ?e, ?other ; kgo:kind ?k ; kgo:source ?src ; kgo:target ?tgt .
  FILTER(?other != ?e)
  OPTIONAL { ?k skos:prefLabel ?kind FILTER(lang(?kind) = "") }
  OPTIONAL { ?other rdfs:label ?other_label } OPTIONAL { ?other kgo:entityType ?other_type }
  OPTIONAL { ?c kgo:evidence ?evidence }
  OPTIONAL { ?c prov:wasDerivedFrom ?report OPTIONAL { ?report kgo:docId ?doc } OPTIONAL { ?report rdfs:label ?title } }
} ORDER BY ?doc ?kind ?other_label LIMIT 1000"""
Q_SEARCH = PREFIXES + """SELECT ?q ?e ?label ?type WHERE {
  ?e kgo:entityType ?type ; rdfs:label ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR(?q))))
} ORDER BY STRLEN(STR(?label)) ?label LIMIT 50"""
Q_NODE = PREFIXES + """SELECT ?e ?label ?type WHERE {
  OPTIONAL { ?e rdfs:label ?label } OPTIONAL { ?e kgo:entityType ?type }
} LIMIT 1"""


def short(iri: str) -> str:
    for base, prefix in SHORT.items():
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


def local_path(iri: str) -> str | None:
    """The server path of a kg IRI (https://w3id.org/kg-innovation/id/x/y → /id/x/y)."""
    return "/id/" + iri[len(KGID) :] if iri.startswith(KGID) else None


def _term_view(term: Any, label: Any = None) -> dict[str, Any]:
    """A term as the templates show it: text, optional link, optional language/datatype."""
    if term is None:
        return {"text": "", "href": None}
    if isinstance(term, URIRef):
        iri = str(term)
        return {"text": str(label) if label is not None else short(iri), "href": local_path(iri) or iri, "iri": iri}
    if isinstance(term, BNode):
        return {"text": f"_:{term}", "href": None}
    if isinstance(term, Literal):
        return {"text": str(term), "href": None, "lang": term.language, "datatype": short(str(term.datatype)) if term.datatype else None}
    return {"text": str(term), "href": None}


class ServerState:
    def __init__(self, location: str, timeout: float, max_rows: int, workers: int) -> None:
        self.location = location
        self.pool = QueryPool(location, timeout=timeout, max_rows=max_rows, size=workers)
        self.templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(["html"], default=True),
        )

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)

    async def select(self, text: str, bindings: dict[str, Any] | None = None) -> Any:
        answer = await self.pool.call(("select", text, bindings or {}))
        if answer.status != 200:
            raise _AnswerError(answer)
        return answer.result


class _AnswerError(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.message)
        self.answer = answer


def _state(request: Request) -> ServerState:
    return request.app.state.kg


def _plain_error(status: int, message: str) -> PlainTextResponse:
    headers = {"Retry-After": "5"} if status == 503 else None
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


# -- SPARQL 1.1 Protocol ------------------------------------------------------------------------
async def sparql_endpoint(request: Request) -> Response:
    state = _state(request)
    params = {k: v for k, v in request.query_params.multi_items()}
    query: str | None = params.get("query")
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if media == UPDATE_MEDIA:
            return _plain_error(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if media == QUERY_MEDIA:
            query = body.decode("utf-8", errors="replace")
        elif media == FORM_MEDIA:
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                return _plain_error(403, "this endpoint is read-only: SPARQL Update is not accepted")
            if "query" in form:
                query = form["query"][0]
            for key in ("format", "output"):
                if key in form:
                    params[key] = form[key][0]
        else:
            return _plain_error(415, f"unsupported Content-Type {media or '(none)'}: send {QUERY_MEDIA} or {FORM_MEDIA}")
    if "update" in params:
        return _plain_error(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if not query:
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/", status_code=303)
        return _plain_error(400, "missing query: pass ?query=… (GET), a query= form field or an application/sparql-query body")
    explicit = params.get("format") or params.get("output")
    try:
        answer = await state.pool.call(("sparql", query, request.headers.get("accept"), explicit))
    except QueryTimeout:
        return _plain_error(503, f"query timed out: it ran longer than the limit of {state.pool.timeout:g} s and was stopped")
    except WorkerCrashed as exc:
        return _plain_error(500, f"query failed: {exc}")
    if answer.status != 200:
        return _plain_error(answer.status, answer.message)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-KG-Truncated"] = f"results cut at {state.pool.max_rows} rows (--max-rows)"
        headers["X-SPARQL-MaxRows"] = str(state.pool.max_rows)
    if params.get("download"):
        ext = {"text/csv": "csv", "text/tab-separated-values": "tsv", "text/turtle": "ttl"}.get(answer.media_type.split(";")[0], "txt")
        headers["Content-Disposition"] = f'attachment; filename="results.{ext}"'
    return Response(answer.body, media_type=answer.media_type, headers=headers)


# -- pages --------------------------------------------------------------------------------------
async def index(request: Request) -> Response:
    from kg.api import canned_query, canned_query_names

    canned = [{"name": n, "text": canned_query(n)} for n in canned_query_names()]
    state = _state(request)
    return state.render(
        "index.html",
        canned=canned,
        canned_json=canned,
        max_rows=state.pool.max_rows,
        timeout=state.pool.timeout,
        page="query",
    )


def _wants_rdf(request: Request) -> str | None:
    explicit = request.query_params.get("format")
    if explicit in ("ttl", "turtle"):
        return "turtle"
    if explicit in ("nt", "ntriples"):
        return "nt"
    accept = request.headers.get("accept", "")
    for media in [m.split(";")[0].strip().lower() for m in accept.split(",")]:
        if media == "text/html":
            return None
        if media in ("text/turtle", "application/x-turtle"):
            return "turtle"
        if media in ("application/n-triples",):
            return "nt"
    return None


async def entity_page(request: Request) -> Response:
    state = _state(request)
    rest = request.path_params["rest"]
    if not re.fullmatch(r"[A-Za-z0-9_\-./]+", rest) or ".." in rest:
        return _plain_error(404, "no such entity")
    iri = URIRef(KGID + rest)
    binding = {"e": iri}
    try:
        rdf_format = _wants_rdf(request)
        facts = await state.select(Q_FACTS, binding)
        incoming = await state.select(Q_INCOMING_ALL if rdf_format else Q_INCOMING, binding)
        if not facts.rows and not incoming.rows:
            if rdf_format:
                return _plain_error(404, f"nothing is known about <{iri}>")
            return state.render("entity.html", status=404, iri=str(iri), missing=True, page="entity")
        if rdf_format:
            from rdflib import Graph

            g = Graph()
            for prefix, base in (("kgo", KGO), ("kgid", KGID), ("prov", "http://www.w3.org/ns/prov#")):
                g.bind(prefix, base)
            for row in facts.rows:
                g.add((iri, row["p"], row["o"]))
            for row in incoming.rows:
                g.add((row["s"], row["p"], iri))
            media = "text/turtle; charset=utf-8" if rdf_format == "turtle" else "application/n-triples; charset=utf-8"
            return Response(g.serialize(format=rdf_format), media_type=media, headers={"Vary": "Accept"})
        collabs = await state.select(Q_COLLABS, binding)
    except QueryTimeout:
        return _plain_error(503, "the page's queries timed out")
    except _AnswerError as exc:
        return _plain_error(exc.answer.status, exc.answer.message)
    return state.render("entity.html", **_entity_context(iri, facts, incoming, collabs))


def _entity_context(iri: URIRef, facts: Any, incoming: Any, collabs: Any) -> dict[str, Any]:
    label, etype, aliases, rdf_types = None, None, [], []
    seen: set[tuple[str, str]] = set()
    fact_rows, reports = [], []
    for row in facts.rows:
        p, o = str(row["p"]), row["o"]
        key = (p, str(o))
        if key in seen:
            continue
        seen.add(key)
        if p == "http://www.w3.org/2000/01/rdf-schema#label" and label is None:
            label = str(o)
        elif p == KGO + "entityType":
            etype = str(o)
        elif p == KGO + "alias":
            aliases.append(str(o))
        elif p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            rdf_types.append(short(str(o)))
        if p == KGO + "mentionedIn":
            reports.append(_term_view(o, row.get("olabel")))
        fact_rows.append({"p": _term_view(URIRef(p)), "o": _term_view(o, row.get("olabel"))})
    in_rows, seen = [], set()
    for row in incoming.rows:
        key = (str(row["s"]), str(row["p"]))
        if key in seen:
            continue
        seen.add(key)
        in_rows.append({"s": _term_view(row["s"], row.get("slabel")), "p": _term_view(row["p"])})
    collab_rows, seen = [], set()
    for row in collabs.rows:
        key = (str(row["c"]), str(row["other"]))
        if key in seen:
            continue
        seen.add(key)
        kind = str(row["kind"]) if row.get("kind") is not None else short(str(row["k"]))
        if kind == "HOSTS":
            role = "hosts" if row["src"] == iri else "hosted by"
        else:
            role = kind.lower().replace("_", "-")
        collab_rows.append(
            {
                "kind": kind,
                "role": role,
                "other": _term_view(row["other"], row.get("other_label")),
                "other_type": str(row["other_type"]) if row.get("other_type") is not None else "",
                "evidence": str(row["evidence"]) if row.get("evidence") is not None else "",
                "report": _term_view(row["report"], row.get("doc")) if row.get("report") is not None else None,
                "title": str(row["title"]) if row.get("title") is not None else "",
                "node": _term_view(row["c"]),
            }
        )
    return {
        "iri": str(iri),
        "label": label,
        "etype": etype,
        "aliases": aliases,
        "rdf_types": rdf_types,
        "facts": fact_rows,
        "incoming": in_rows,
        "collabs": collab_rows,
        "reports": reports,
        "is_entity": etype is not None,
        "missing": False,
        "page": "entity",
    }


async def graph_page(request: Request) -> Response:
    state = _state(request)
    start = request.query_params.get("iri", "")
    return state.render("graph.html", start=start if start.startswith(KGID) else "", page="graph")


VIEW_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "connect-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


async def viz_view(request: Request) -> Response:
    """kg.viz's self-contained page (inline scripts, no requests at all), embedded by /graph."""
    state = _state(request)
    focus = request.query_params.get("focus", "").strip()[:200] or None
    try:
        depth = max(0, min(3, int(request.query_params.get("depth", "1"))))
    except ValueError:
        depth = 1
    try:
        answer = await state.pool.call(("viz", focus, depth))
    except QueryTimeout:
        return _plain_error(503, f"the graph view took longer than {state.pool.timeout:g} s; use a focus entity")
    except WorkerCrashed as exc:
        return _plain_error(500, str(exc))
    if answer.status != 200:
        return _plain_error(answer.status, answer.message)
    return Response(answer.body, media_type=answer.media_type, headers={"Content-Security-Policy": VIEW_CSP})


# -- JSON for the graph page --------------------------------------------------------------------
async def api_search(request: Request) -> Response:
    state = _state(request)
    q = request.query_params.get("q", "").strip()
    if not q:
        return JSONResponse([])
    try:
        res = await state.select(Q_SEARCH, {"q": Literal(q[:200])})
    except (QueryTimeout, _AnswerError) as exc:
        return JSONResponse({"error": str(exc) or "timed out"}, status_code=503)
    out, seen = [], set()
    for row in res.rows:
        iri = str(row["e"])
        if iri in seen:
            continue
        seen.add(iri)
        out.append({"iri": iri, "label": str(row["label"]), "type": str(row["type"]), "href": local_path(iri)})
    return JSONResponse(out)


async def api_neighbourhood(request: Request) -> Response:
    state = _state(request)
    iri = request.query_params.get("iri", "")
    if not iri.startswith(KGID):
        return JSONResponse({"error": "iri must be a kg entity IRI"}, status_code=400)
    e = URIRef(iri)
    try:
        node = await state.select(Q_NODE, {"e": e})
        collabs = await state.select(Q_COLLABS, {"e": e})
    except (QueryTimeout, _AnswerError) as exc:
        return JSONResponse({"error": str(exc) or "timed out"}, status_code=503)
    first = node.rows[0] if node.rows else {}
    nodes = {
        iri: {
            "id": iri,
            "label": str(first.get("label") or short(iri)),
            "type": str(first.get("type") or ""),
            "href": local_path(iri),
        }
    }
    edges: dict[str, dict[str, Any]] = {}
    for row in collabs.rows:
        other = str(row["other"])
        nodes.setdefault(
            other,
            {
                "id": other,
                "label": str(row.get("other_label") or short(other)),
                "type": str(row.get("other_type") or ""),
                "href": local_path(other),
            },
        )
        cid = str(row["c"])
        kind = str(row["kind"]) if row.get("kind") is not None else short(str(row["k"]))
        edges.setdefault(
            cid,
            {
                "id": cid,
                "from": str(row["src"]),
                "to": str(row["tgt"]),
                "kind": kind,
                "evidence": str(row.get("evidence") or ""),
                "report": str(row.get("doc") or ""),
                "report_title": str(row.get("title") or ""),
                "report_href": local_path(str(row["report"])) if row.get("report") is not None else None,
            },
        )
    return JSONResponse({"center": iri, "nodes": list(nodes.values()), "edges": list(edges.values())})


# -- assets -------------------------------------------------------------------------------------
def _vis_dir() -> Path | None:
    try:
        import pyvis
    except ImportError:
        return None
    root = Path(pyvis.__file__).parent / "templates" / "lib"
    for candidate in sorted(root.glob("vis-*"), reverse=True):
        if (candidate / "vis-network.min.js").is_file():
            return candidate
    return None


async def vis_asset(request: Request) -> Response:
    name = request.path_params["name"]
    folder = _vis_dir()
    if folder is None or name not in ("vis-network.min.js", "vis-network.css"):
        return _plain_error(404, "not found")
    path = folder / name
    if not path.is_file():
        return _plain_error(404, "not found")
    return FileResponse(path, media_type="text/javascript" if name.endswith(".js") else "text/css")


async def favicon(request: Request) -> Response:
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "store": _state(request).location, "workers": len(_state(request).pool.pids())})


# -- assembly -----------------------------------------------------------------------------------
class SecurityHeaders:
    """Pure ASGI middleware: CSP (no inline script, nothing outside the server) and friends."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in (
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"access-control-allow-origin", b"*"),
                ):
                    if key not in names:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(location: str, *, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2) -> Starlette:
    state = ServerState(location, timeout, max_rows, workers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        await state.pool.start()
        try:
            yield
        finally:
            state.pool.close()

    routes = [
        Route("/", index),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/id/{rest:path}", entity_page),
        Route("/graph", graph_page),
        Route("/view", viz_view),
        Route("/api/search", api_search),
        Route("/api/neighbourhood", api_neighbourhood),
        Route("/vendor/vis/{name}", vis_asset),
        Route("/favicon.ico", favicon),
        Route("/health", health),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.kg = state
    app.add_middleware(SecurityHeaders)
    return app
