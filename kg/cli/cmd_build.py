"""`kg build` and `kg remove`: loading reports into the store and dropping them."""

from __future__ import annotations

from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.api import BuildOutcome, KnowledgeGraph
from kg.cli.app import StoreOption, app, console, err_console, fail
from kg.read import iter_report_paths
from kg.resources import sample_reports_dir


@app.command()
def build(
    paths: Optional[List[str]] = typer.Argument(None, help="Report files or folders (default: the bundled sample reports)."),
    store: Optional[str] = StoreOption,
    force: bool = typer.Option(False, "--force", help="Re-extract reports even when unchanged."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Extraction processes (0 = one per core for large inputs)."),
    engine: str = typer.Option("process", "--engine", help="process (multiprocessing) or dask (needs dask[distributed])."),
    emit_nquads: Optional[str] = typer.Option(
        None, "--emit-nquads", metavar="DIR", help="Also write each report's quads to DIR/<doc id>.nq (for bulk loading)."
    ),
) -> None:
    """Read reports, extract entities and collaborations, and load them into the store."""
    if not paths:
        sample = sample_reports_dir()
        if sample is None:
            raise fail("no input: give report files or folders", 2)
        paths = [str(sample)]
    total = sum(1 for _ in iter_report_paths(paths))
    kg = KnowledgeGraph(store)
    failures: list[BuildOutcome] = []
    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)

        def on_file(outcome: BuildOutcome) -> None:
            if outcome.status == "failed":
                failures.append(outcome)
                progress.console.print(f"kg: {outcome.error}", markup=False, highlight=False, soft_wrap=True)
            progress.update(task, advance=1, description=outcome.doc_id)

        def on_loading(doc_id: str, quads: int) -> None:  # a big report loads in chunks: say how far
            progress.update(task, description=f"{doc_id}: {quads:,} triples loaded")

        def on_extracting(doc_id: str, stage: str, done: int, total: int) -> None:  # a big report: how far
            if total >= 1_000_000:
                progress.update(task, description=f"{doc_id}: {stage}, {done:,} of {total:,} characters read")

        def on_storing(quads: int) -> None:  # every report extracted; the last of them still loading
            progress.update(task, description=f"storing the last {quads:,} triples")

        def on_optimizing(quads: int) -> None:  # after a large load: compaction takes a while
            progress.update(task, description=f"{quads:,} triples loaded; compacting the store for fast queries")

        on_file.loading = on_loading  # type: ignore[attr-defined]  (kg.build looks for it)
        on_file.optimizing = on_optimizing  # type: ignore[attr-defined]
        on_file.storing = on_storing  # type: ignore[attr-defined]
        on_file.extracting = on_extracting  # type: ignore[attr-defined]

        if engine not in ("process", "dask"):
            raise fail(f"unknown --engine {engine!r} (process or dask)", 2)
        summary = kg.build(paths, force=force, progress=on_file, jobs=jobs, engine=engine, emit_nquads=emit_nquads)
    stats = kg.stats()
    table = Table(title=f"kg build → {stats['store']}", show_header=True)
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    table.add_row("reports loaded", str(summary.count("loaded")))
    table.add_row("reports unchanged (skipped)", str(summary.count("unchanged")))
    table.add_row("reports failed", str(summary.count("failed")))
    table.add_row("entities found (this run)", str(sum(o.entities for o in summary.outcomes)))
    table.add_row("collaborations found (this run)", str(sum(o.collaborations for o in summary.outcomes)))
    table.add_row("reports in store", str(stats["reports"]))
    table.add_row("entities in store", str(stats["entities"]))
    table.add_row("collaborations in store", str(stats["collaborations"]))
    table.add_row("quads in store", str(stats["quads"]))
    console.print(table, markup=False)
    if failures:
        raise typer.Exit(1)


@app.command()
def remove(
    doc: str = typer.Argument(..., help="The report's doc id (its file name)."),
    store: Optional[str] = StoreOption,
) -> None:
    """Drop one report's graph; entities that other reports mention stay."""
    if not KnowledgeGraph(store).remove(doc):
        raise fail(f"{doc}: no such report in the store", 1)
    console.print(f"removed {doc}", markup=False)
