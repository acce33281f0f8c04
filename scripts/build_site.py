#!/usr/bin/env python3
"""Build the site with either engine: `make build` and `make build-zensical`.

  python scripts/build_site.py                      MkDocs + Material into site/
  python scripts/build_site.py --engine zensical    Zensical into site-zensical/

Generate (build/: mkdocs.yml, docs/, overrides/), build with the engine,
finish (search index, results script, completeness checks), then swap the
result in: a failed build leaves the previous site folder as it was. The work
is in plansite_adapters.build.
"""
from __future__ import annotations

import sys
from pathlib import Path

from plansite_adapters.build import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent.parent), *sys.argv[1:]]))
