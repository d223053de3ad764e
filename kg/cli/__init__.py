"""The `kg` command line. Each command lives in its own module and registers on ``app``.

Adding a command is one module plus one import line below.
"""

from kg.cli.app import app, main
from kg.cli import cmd_build  # noqa: F401,E402
from kg.cli import cmd_extract  # noqa: F401,E402
from kg.cli import cmd_query  # noqa: F401,E402
from kg.cli import cmd_store  # noqa: F401,E402

__all__ = ["app", "main"]
