"""The `kg` command line. Each command lives in its own module ``kg/cli/cmd_*.py`` and registers
on ``app`` with ``@app.command()``; modules are discovered here, so adding a command is adding
one module.
"""

import importlib
import pkgutil

from kg.cli.app import app, main

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]
