"""The speed-at-scale benchmark: one command, a table on stdout and bench/results.md.

    python bench/run.py [--sizes 100,1000,10000] [--repeat 3] [--jobs 2] [--out bench/results.md]

For each corpus size (bench/corpus.py, fixed seed; report i is the same at every size) it runs
`kg build --jobs N` in a fresh store (wall time, peak memory of the whole process tree), then
measures the store on disk, three queries (the canned collaborations query, the canned
entities-by-region aggregate and a 2-hop partnership query) on Oxigraph and on an rdflib in-memory
Dataset holding the same quads (ratio), and `kg hubs` / `kg viz` where those commands exist.
Once per run: extraction characters/s on one process and on N processes, and jieba segmentation
of the same text (jieba is a bench-only extra: pip install jieba). Figures are medians of
``--repeat`` runs; the machine (CPU, cores, memory, load average) is written with them, because
this machine is shared and the load average says how much to trust a figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

KGO = "https://w3id.org/kg-innovation/ontology#"
TWO_HOP = """PREFIX kgo: <https://w3id.org/kg-innovation/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# partners of the partners of the best-connected entity (2 hops over collaboratesWith, either way);
# the hops are counted per partner first, so each partner's labels are looked up once
SELECT ?partner (MAX(?n) AS ?through) WHERE {
  { SELECT ?p (COUNT(DISTINCT ?via) AS ?n) WHERE {
      VALUES ?seed { SEED }
      ?seed kgo:collaboratesWith|^kgo:collaboratesWith ?via .
      ?via kgo:collaboratesWith|^kgo:collaboratesWith ?p .
      FILTER(?p != ?seed) } GROUP BY ?p }
  GRAPH ?g { ?p rdfs:label ?partner }
}
GROUP BY ?partner ORDER BY DESC(?through) ?partner"""
SEED_QUERY = """PREFIX kgo: <https://w3id.org/kg-innovation/ontology#>
SELECT ?e (COUNT(?o) AS ?n) WHERE { ?e kgo:collaboratesWith|^kgo:collaboratesWith ?o } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"""


# -- helpers --------------------------------------------------------------------------------------
def kg_cmd() -> list[str]:
    exe = shutil.which("kg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "kg"]


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def run_measured(cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Run a command; wall time, CPU time (user + system, every thread of every process it waited
    for) and peak RSS of its whole process tree (polled every 50 ms; without psutil, the largest
    single child's peak from getrusage)."""
    import resource
    try:
        import psutil
    except ImportError:  # psutil is a bench extra
        psutil = None  # type: ignore[assignment]

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    peak = {"tree": 0, "main": 0}
    done = threading.Event()

    def poll() -> None:
        if psutil is None:
            return
        try:
            p = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                main = p.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in p.children(recursive=True))
                peak["main"], peak["tree"] = max(peak["main"], main), max(peak["tree"], tree)
            except psutil.Error:
                pass
            done.wait(0.05)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        done.set()
        return {"ok": False, "wall": float("nan"), "peak_mb": float("nan"), "err": "timeout"}
    done.set()
    th.join()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if psutil is None:
        peak["tree"] = peak["main"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {
        "ok": proc.returncode in (0, 1),  # 1 = some files failed, the rest loaded
        "rc": proc.returncode,
        "wall": wall,
        "cpu": cpu,
        "peak_mb": peak["tree"] / 2**20,
        "main_peak_mb": peak["main"] / 2**20,
        "out": out.decode("utf-8", "replace"),
        "err": err.decode("utf-8", "replace")[-2000:],
    }


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("pyoxigraph", "rdflib", "spacy", "jieba"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            versions[mod] = "not installed"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
        "commit": commit,
        "load_start": os.getloadavg(),
    }


class _NoPool:
    def __enter__(self) -> "_NoPool":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, *a: Any, **k: Any) -> None:
        pass


# -- extraction -----------------------------------------------------------------------------------
def extraction_speed(folder: Path, n: int, jobs: int, repeat: int) -> dict[str, float]:
    import multiprocessing

    from kg.build import START_METHOD, _init_worker, process_file

    paths = sorted(folder.glob("*.txt"))[:n]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    tasks = [(str(p), None, None, True, None) for p in paths]
    _init_worker()
    process_file(tasks[0])  # warm-up
    from kg.nlp import extract
    from kg.read import read_report

    extract_only = []  # what `kg extract` does: read and extract, no RDF
    for _ in range(repeat):
        t = time.perf_counter()
        for p in paths:
            extract(read_report(p))
        extract_only.append(chars / (time.perf_counter() - t))
    one = []
    for _ in range(repeat):
        t = time.perf_counter()
        for task in tasks:
            process_file(task)
        one.append(chars / (time.perf_counter() - t))
    many = [] if jobs > 1 else one
    ctx = multiprocessing.get_context(START_METHOD)
    with ctx.Pool(jobs, initializer=_init_worker) if jobs > 1 else _NoPool() as pool:
        pool.map(process_file, tasks[: jobs * 2], chunksize=1)  # warm-up: workers started and loaded
        for _ in range(repeat if jobs > 1 else 0):
            t = time.perf_counter()
            for _res in pool.imap(process_file, tasks, chunksize=4):
                pass
            many.append(chars / (time.perf_counter() - t))
    out = {"chars": chars, "reports": len(paths), "one": median(one), "many": median(many), "extract_only": median(extract_only)}
    try:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        js = []
        for _ in range(repeat):
            t = time.perf_counter()
            for text in texts:
                jieba.lcut(text)
            js.append(chars / (time.perf_counter() - t))
        out["jieba"] = median(js)
    except ImportError:
        out["jieba"] = float("nan")
    return out


# -- queries --------------------------------------------------------------------------------------
# The canned queries as shipped (kg/queries/*.rq: they read each fact inside the report graph that
# states it, since Oxigraph's union default graph is a bag — see bench/README.md) and a 2-hop query.
CANNED = ("collaborations", "entities_by_region", "platforms_hosts", "reports")
QUERY_NAMES = (*CANNED, "two_hop")

QUERY_SCRIPT = r"""
import json, signal, sys, time
engine, source, qfile, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
queries = json.loads(open(qfile, encoding="utf-8").read())  # name -> {"q": text, "cut_s": seconds}
out = {}
t = time.perf_counter()
if engine == "rdflib":
    from rdflib import Dataset
    ds = Dataset(default_union=True)
    ds.parse(source, format="nquads")
    out["load_s"] = time.perf_counter() - t
    import resource
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    run = lambda q: len(list(ds.query(q)))
else:
    from kg.store import open_store
    store = open_store(source, read_only=True)
    run = lambda q: len(store.query(q).rows)

class Cut(BaseException):  # not an Exception: code under the query that catches those must not swallow it
    pass

def alarm(_signum, _frame):
    raise Cut()

# rdflib evaluates in Python, so an alarm interrupts it and the next query runs in the same process
# (no second parse); Oxigraph evaluates in Rust, where the parent's watchdog kills the process instead
signal.signal(signal.SIGALRM, alarm)
print(json.dumps(out), flush=True)
for name, spec in queries.items():
    q, cut_s = spec["q"], spec["cut_s"]
    out[name] = {"started": True}
    print(json.dumps(out), flush=True)
    signal.setitimer(signal.ITIMER_REAL, cut_s)
    try:
        t = time.perf_counter()
        n = run(q)
        cold = time.perf_counter() - t
        times = []  # the repeats after the cold run; with none, the cold run is the figure
        for _ in range(repeat):
            t = time.perf_counter()
            run(q)
            times.append(time.perf_counter() - t)
    except Cut:
        out[name] = {"cut_s": cut_s}
        print(json.dumps(out), flush=True)
        continue
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    times = sorted(times) or [cold]
    out[name] = {"rows": n, "cold_s": cold, "s": times[len(times) // 2]}
    print(json.dumps(out), flush=True)
"""


def run_queries(
    engine: str, source: str, queries: dict[str, str], cuts: dict[str, float], work: Path, repeat: int, load_timeout: float
) -> dict[str, Any]:
    """Run the queries in one subprocess; a query still running after ``cuts[name]`` seconds is cut.
    rdflib's are interrupted inside the process (an alarm), which goes on with the next query; an
    Oxigraph query is cut by killing the process, which is restarted for the queries after it.
    Loading (rdflib's parse of the N-Quads) may take ``load_timeout`` seconds."""
    script = work / "query_bench.py"
    script.write_text(QUERY_SCRIPT, encoding="utf-8")
    result: dict[str, Any] = {}
    remaining = list(queries)
    while remaining:
        qfile = work / "queries.json"
        qfile.write_text(json.dumps({n: {"q": queries[n], "cut_s": cuts[n]} for n in remaining}), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, str(script), engine, source, str(qfile), str(repeat)], stdout=subprocess.PIPE, text=True)
        last: dict[str, Any] = {}
        deadline = [time.monotonic() + load_timeout]

        def watchdog(proc: subprocess.Popen = proc) -> None:
            while proc.poll() is None:
                if time.monotonic() > deadline[0]:
                    proc.kill()
                    return
                time.sleep(0.2)

        threading.Thread(target=watchdog, daemon=True).start()
        for line in proc.stdout:  # type: ignore[union-attr]
            last = json.loads(line)
            running = [n for n in remaining if last.get(n) == {"started": True}]
            if running:  # the query's cut (all its runs together), plus a grace for the alarm
                deadline[0] = time.monotonic() + cuts[running[0]] + 10
        proc.wait()
        if "load_s" in last:
            result.setdefault("load_s", last["load_s"])
            result.setdefault("peak_mb", last.get("peak_mb"))
        for n in remaining:
            if "rows" in last.get(n, {}) or "cut_s" in last.get(n, {}):
                result[n] = last[n]
        if not last or (engine == "rdflib" and "load_s" not in last):  # never got to the queries
            for n in remaining:
                result[n] = {"cut_s": cuts[n], "not_loaded": True}
            break
        killed = [n for n in remaining if last.get(n) == {"started": True}]
        if not killed:  # finished (or died after its last query)
            for n in remaining:
                result.setdefault(n, {"cut_s": cuts[n]})
            break
        result[killed[0]] = {"cut_s": cuts[killed[0]]}
        remaining = remaining[remaining.index(killed[0]) + 1 :]
    return result


# With the rdflib cut "auto", an rdflib query is cut only after this many times Oxigraph's time for
# it (and never before --query-timeout): a cut rdflib query then still shows a ratio of at least
# this much, above the 20×, while a 10,000-report run stays within tens of minutes.
RDFLIB_CUT_RATIO = 25


def rdflib_cuts(ox_res: dict[str, Any], names: list[str], timeout: float, rdflib_timeout: float | None) -> dict[str, float]:
    """Seconds after which each rdflib query is cut: ``rdflib_timeout`` if given, else the larger of
    ``timeout`` and RDFLIB_CUT_RATIO × Oxigraph's time for the query."""
    if rdflib_timeout is not None:
        return {n: rdflib_timeout for n in names}
    return {n: max(timeout, RDFLIB_CUT_RATIO * ox_res.get(n, {}).get("s", 0.0)) for n in names}


def bench_queries(
    store_dir: Path, work: Path, repeat: int, args: argparse.Namespace
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    from kg.api import canned_query
    from kg.store import open_store
    from kg.store.sparql_store import term_text

    with open_store(str(store_dir), read_only=True) as store:
        rows = store.query(SEED_QUERY).rows
        seed = term_text(rows[0]["e"]) if rows else "<urn:none>"
        nq = work / "dump.nq"
        if not args.no_rdflib:
            nq.write_bytes(store.dump("nquads"))
    queries = {name: canned_query(name) for name in CANNED}
    queries["two_hop"] = TWO_HOP.replace("SEED", seed)
    names = list(queries)
    ox_res = run_queries("oxigraph", str(store_dir), queries, {n: args.query_timeout for n in names}, work, repeat, args.query_timeout)
    rd_res = None
    if not args.no_rdflib:
        cuts = rdflib_cuts(ox_res, names, args.query_timeout, args.rdflib_timeout)
        rd_res = run_queries("rdflib", str(nq), queries, cuts, work, 0, args.rdflib_parse_timeout)
    nq.unlink(missing_ok=True)
    return ox_res, rd_res


# -- one size -------------------------------------------------------------------------------------
def bench_size(size: int, args: argparse.Namespace, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    folder = corpus.generate(size, work / f"corpus-{size}", args.seed)
    chars = sum(p.stat().st_size for p in folder.glob("*.txt"))  # bytes (UTF-8: ~3 per character)
    res: dict[str, Any] = {"size": size, "mb": chars / 2**20}
    builds = []
    store = work / f"store-{size}"
    previous = args.previous.get(size) if args.skip_build and (store / "kg-store.json").is_file() else None
    if previous is not None:  # --skip-build: reuse the store and the build figures of the last run
        res.update({k: v for k, v in previous.items() if k.startswith(("build", "peak", "main_peak"))})
        log(f"  build {size}: reusing {store} and the last run's build figures")
    for r in range(args.repeat if previous is None else 0):
        shutil.rmtree(store, ignore_errors=True)
        b = run_measured([*kg_cmd(), "build", "--jobs", str(args.jobs), "--store", str(store), str(folder)], timeout=args.build_timeout)
        if not b["ok"]:
            log(f"  build {size} failed: {b.get('err', '')[-500:]}")
            res["build_error"] = b.get("err", "")[-300:]
            return res
        builds.append(b)
        log(f"  build {size} jobs={args.jobs} run {r + 1}: {b['wall']:.1f} s, peak {b['peak_mb']:.0f} MB")
    if builds:
        res["build_s"] = median([b["wall"] for b in builds])
        res["build_cpu_s"] = median([b["cpu"] for b in builds])
        res["peak_mb"] = max(b["peak_mb"] for b in builds)
        res["main_peak_mb"] = max(b["main_peak_mb"] for b in builds)
    if args.serial_up_to >= size and args.jobs > 1 and previous is None:
        one, one_cpu = [], []
        for _ in range(args.repeat):
            s1 = work / f"store-{size}-j1"
            shutil.rmtree(s1, ignore_errors=True)
            b = run_measured([*kg_cmd(), "build", "--jobs", "1", "--store", str(s1), str(folder)], timeout=args.build_timeout)
            one.append(b["wall"])
            one_cpu.append(b["cpu"])
            shutil.rmtree(s1, ignore_errors=True)
        res["build_j1_s"] = median(one)
        res["build_j1_cpu_s"] = median(one_cpu)
        log(f"  build {size} jobs=1: {res['build_j1_s']:.1f} s")
    res["store_mb"] = du_mb(store)
    from kg.api import KnowledgeGraph

    stats = KnowledgeGraph(str(store)).stats()
    res.update({k: stats[k] for k in ("reports", "entities", "collaborations", "quads")})
    q, rd = bench_queries(store, work, args.repeat, args)
    res["queries"] = q
    log(f"  queries {size}: {q}")
    if rd is not None:
        res["rdflib"] = rd
        log(f"  rdflib {size}: {rd}")
    help_text = subprocess.run([*kg_cmd(), "--help"], capture_output=True, text=True).stdout
    for cmd, extra in (("hubs", []), ("viz", ["--output", str(work / f"viz-{size}.html")])):
        if f" {cmd} " not in help_text:
            res[cmd] = None
            continue
        runs = [run_measured([*kg_cmd(), cmd, "--store", str(store), *extra], timeout=args.build_timeout) for _ in range(args.repeat)]
        res[cmd] = median([r["wall"] for r in runs]) if all(r.get("rc") == 0 for r in runs) else float("nan")
        log(f"  kg {cmd} {size}: {res[cmd]:.2f} s")
    return res


# -- report ---------------------------------------------------------------------------------------
def fmt_s(x: Any, ms: bool = False) -> str:
    if x is None:
        return "not available"
    if isinstance(x, float) and x != x:
        return "failed"
    return f"{x * 1000:.1f} ms" if ms else f"{x:.2f} s"


def render(m: dict[str, Any], ext: dict[str, float], sizes: list[dict[str, Any]], args: argparse.Namespace) -> str:
    j = args.jobs
    lines = [
        "# kg benchmark results",
        "",
        f"Command: `{args.command}` "
        f"(medians of {args.repeat} runs; corpus: bench/corpus.py seed {args.seed}, ~3,000 characters per report).",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']} GB; {m['os']}; Python {m['python']}",
        f"- {', '.join(f'{k} {v}' for k, v in m['versions'].items())}; kg commit {m['commit']}",
        f"- load average at start {', '.join(f'{x:.1f}' for x in m['load_start'])}; at end "
        f"{', '.join(f'{x:.1f}' for x in m.get('load_end', (0, 0, 0)))} — the machine is shared with other work, "
        "so figures taken under load are pessimistic",
        "",
        "## Extraction",
        "",
        "| figure | value | target |",
        "| --- | ---: | --- |",
        f"| read + extract (`kg extract`'s work), one process | {ext.get('extract_only', float('nan')):,.0f} chars/s | ≥ 500,000 chars/s |",
        f"| read + extract + map to RDF + serialise (a build worker's work), one process | {ext['one']:,.0f} chars/s | |",
        f"| the same on {j} processes | {ext['many']:,.0f} chars/s ({ext['many'] / ext['one']:.2f}×) | ≥ 1.7× on 2 cores |",
        f"| jieba.lcut alone, same text | {ext['jieba']:,.0f} chars/s (extraction is {ext['one'] / ext['jieba']:.2f}× jieba) | — |",
        f"| sample | {ext['reports']} reports, {ext['chars']:,} chars | |",
        "",
        "## Per corpus size",
        "",
    ]
    header = ["figure", *[f"{s['size']:,} reports" for s in sizes]]
    rows: list[list[str]] = []

    def row(name: str, f: Callable[[dict[str, Any]], str]) -> None:
        out = []
        for s in sizes:
            try:
                out.append(f(s))
            except (KeyError, TypeError, ZeroDivisionError):
                out.append("—")
        rows.append([name, *out])

    row("corpus size", lambda s: f"{s['mb']:.1f} MB")
    row(f"`kg build --jobs {j}` wall time", lambda s: fmt_s(s["build_s"]))
    row("`kg build --jobs 1` wall time (serial, for the speed-up)", lambda s: fmt_s(s["build_j1_s"]))
    row("build speed-up jobs 1 → N", lambda s: f"{s['build_j1_s'] / s['build_s']:.2f}×")
    row(f"CPU time, `--jobs 1` / `--jobs {j}` build (all processes and threads)", lambda s: f"{s['build_j1_cpu_s']:.1f} s / {s['build_cpu_s']:.1f} s")
    # The serial build already keeps more than one core busy (the store's own threads compact and
    # write in the background), so N cores cannot make it more than N × wall / CPU faster.
    row(f"speed-up possible on {j} cores: {j} × serial wall / serial CPU", lambda s: f"{j * s['build_j1_s'] / s['build_j1_cpu_s']:.2f}×")
    row("build reports/s", lambda s: f"{s['size'] / s['build_s']:.1f}")
    row("peak memory (all processes)", lambda s: f"{s['peak_mb']:.0f} MB")
    row("peak memory (main process)", lambda s: f"{s['main_peak_mb']:.0f} MB")
    row("store on disk", lambda s: f"{s['store_mb']:.1f} MB")
    row("quads / entities / collaborations", lambda s: f"{s['quads']:,} / {s['entities']:,} / {s['collaborations']:,}")
    def qcell(r: dict[str, Any] | None, q: str, base: dict[str, Any] | None = None) -> str:
        if r is None:
            return "not run"
        v = r.get(q, {})
        if "s" not in v:
            if v.get("not_loaded"):
                return "not run (parse cut)"
            text = f"> {v.get('cut_s', 0):.0f} s (cut)"
            b = (base or {}).get(q, {})
            if "s" in b:  # a cut still bounds the ratio
                text += f"; > {v.get('cut_s', 0) / max(b['s'], 1e-9):.0f}× Oxigraph's time"
            return text
        text = f"{fmt_s(v['s'], ms=True)} ({v['rows']:,} rows)"
        if base is not None:
            b = base.get(q, {})
            if "s" in b:
                text += f"; {v['s'] / max(b['s'], 1e-9):.1f}× Oxigraph's time"
            else:
                text += "; Oxigraph cut"
        return text

    for q in QUERY_NAMES:
        row(f"query {q} — Oxigraph", lambda s, q=q: qcell(s["queries"], q))
        row(f"query {q} — rdflib in-memory", lambda s, q=q: qcell(s.get("rdflib"), q, s["queries"]))
    row("rdflib: parse the same N-Quads", lambda s: fmt_s(s["rdflib"]["load_s"]) if "load_s" in s["rdflib"] else "cut")
    row("rdflib: memory after the parse", lambda s: f"{s['rdflib']['peak_mb']:,.0f} MB")
    row("`kg hubs`", lambda s: fmt_s(s["hubs"]))
    row("`kg viz`", lambda s: fmt_s(s["viz"]))
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- |" + " ---: |" * len(sizes))
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    by = {s["size"]: s for s in sizes}
    if 1000 in by and 10000 in by and "build_s" in by[1000] and "build_s" in by[10000]:
        ratio = by[10000]["build_s"] / (10 * by[1000]["build_s"])
        lines += ["", f"Linearity: 10k build time / (10 × 1k build time) = {ratio:.2f} (target 0.85–1.15)."]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg speed-at-scale benchmark")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="processes for the parallel figures (default: cores)")
    ap.add_argument("--seed", type=int, default=corpus.SEED)
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "kg-bench"))
    ap.add_argument("--out", default=str(HERE / "results.md"))
    ap.add_argument("--extract-sample", type=int, default=600, help="reports used for the chars/s figures")
    ap.add_argument("--serial-up-to", type=int, default=1000, help="also build with --jobs 1 up to this size")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--skip-build", action="store_true", help="reuse the stores and build figures of the last run (re-measure the rest)")
    ap.add_argument("--query-timeout", type=float, default=60, help="a query still running after this is cut")
    ap.add_argument(
        "--rdflib-timeout",
        type=float,
        default=None,
        help=f"cut an rdflib query after this many seconds (default: {RDFLIB_CUT_RATIO}× Oxigraph's time for it, at least --query-timeout)",
    )
    ap.add_argument("--rdflib-parse-timeout", type=float, default=1200, help="rdflib's parse of the store's N-Quads is cut after this")
    ap.add_argument("--build-timeout", type=float, default=3600)
    args = ap.parse_args(argv)
    args.command = " ".join(["python bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    if args.jobs <= 0:
        from kg.build import default_jobs

        args.jobs = max(2, default_jobs())
    # figures labelled "N processes" with N = 1 just repeat the one-process figure (smoke runs)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    m = machine()
    log(f"machine: {m}")
    args.previous = {}
    last_json = Path(args.out).with_suffix(".json")
    if args.skip_build and last_json.is_file():
        last = json.loads(last_json.read_text())
        args.previous = {s["size"]: s for s in last.get("sizes", [])}
        ext = last["extraction"]
        m["commit"] = f"{last['machine'].get('commit')} (builds), {m['commit']} (queries)"
    else:
        sample_folder = corpus.generate(max(sizes), work / f"corpus-{max(sizes)}", args.seed)
        ext = extraction_speed(sample_folder, args.extract_sample, args.jobs, args.repeat)
    log(f"extraction: {ext}")
    results = []
    for size in sizes:
        log(f"size {size}:")
        results.append(bench_size(size, args, work, log))
        m["load_end"] = os.getloadavg()
        text = render(m, ext, results, args)
        Path(args.out).write_text(text, encoding="utf-8")  # after every size: a long run leaves partial results
        (Path(args.out).with_suffix(".json")).write_text(json.dumps({"machine": m, "extraction": ext, "sizes": results}, indent=1, default=str))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
