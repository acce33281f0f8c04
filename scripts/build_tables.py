#!/usr/bin/env python3
"""Load, validate and render the plan's tables and chapters.

  python scripts/build_tables.py --check       validate everything; report every
                                               problem as file:line:column and exit 1
  python scripts/build_tables.py --out build   also write the complete docs tree
                                               (Generate tier): build/mkdocs.yml,
                                               build/docs/, build/overrides/, which
                                               MkDocs or Zensical builds as it is

The work is in the package `plansite` (scripts/plansite, installed editable
into .venv by `make`): `plansite.cli` is this command, `plansite.generate`
what `make build` (scripts/build_site.py) and hooks/plan.py call; nothing
generated is written into the repository (build/ is git-ignored).
"""
from __future__ import annotations

import sys
from pathlib import Path

from plansite.cli import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent.parent), *sys.argv[1:]]))
