#!/usr/bin/env python3
"""Load, validate and render the plan's tables and chapters.

  python scripts/build_tables.py --check     validate everything; report every
                                             problem as file:line:column and exit 1
  python scripts/build_tables.py --out DIR   also write the generated pages to DIR
                                             (for inspection; MkDocs does not need it)

The work is in the package `plansite` (scripts/plansite, installed editable
into .venv by `make`): `plansite.cli` is this command, `plansite.site.build()`
what hooks/plan.py calls during `mkdocs build` and `mkdocs serve`; nothing
generated is written into the repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

from plansite.cli import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent.parent), *sys.argv[1:]]))
