"""The typer application object, global options and the error boundary.

Every command module registers on ``app``; ``main()`` is the console entry point and the one
place that turns expected errors into a single line on stderr (no traceback unless --debug).
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(
    name="kg",
    help="Innovation knowledge graph: Chinese S&T work reports → RDF → SPARQL, hubs and views.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
console = Console()
err_console = Console(stderr=True)

STORE_HELP = "Store folder (default: $KG_STORE or ./.kg) or a SPARQL endpoint URL."
StoreOption = typer.Option(None, "--store", "-s", help=STORE_HELP, envvar="KG_STORE")

_state = {"debug": False}


@app.callback()
def _global(
    debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors."),
) -> None:
    _state["debug"] = debug or os.environ.get("KG_DEBUG") == "1"


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print one line on stderr and return the Exit to raise."""
    err_console.print(f"kg: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def main(argv: Optional[list[str]] = None) -> None:
    from kg.read import ReadError
    from kg.store.base import QuerySyntaxError, ReadOnlyError, StoreError

    import kg.cli  # noqa: F401  (registers the commands)

    debug = "--debug" in (argv if argv is not None else sys.argv[1:]) or os.environ.get("KG_DEBUG") == "1"
    try:
        app(args=argv, standalone_mode=True)
    except (QuerySyntaxError, ReadOnlyError) as exc:
        if debug:
            raise
        err_console.print(f"kg: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)
    except (StoreError, ReadError, OSError) as exc:
        if debug:
            raise
        err_console.print(f"kg: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except BrokenPipeError:  # `kg export | head`: the reader left; nothing to say
        os._exit(141)
    except KeyboardInterrupt:
        err_console.print("kg: interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:  # an unexpected bug: still one line, with a hint
        if debug:
            raise
        err_console.print(
            f"kg: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} (run with --debug for details)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(3)
