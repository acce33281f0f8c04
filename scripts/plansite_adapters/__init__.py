"""The engines' side of the build: what needs MkDocs or Zensical.

``plansite`` (the core, the Generate and the Finish tiers) imports nothing
from either engine; this package holds the thin adapters over it: the build
command for both engines (``build``), and for `mkdocs serve` (hooks/plan.py)
the live preview's last-good guard (``preview``) and plansite imported
afresh when its code changed (``live``)."""
