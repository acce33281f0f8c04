"""A search index for the JavaScript tests (tests/js/), written by the
project's own writer, plansite.search_index.Collector: the engine under test
reads exactly what Python writes for the site.

Input, JSON on stdin: {"pages": [{"url", "title", "html"}], "filtered": [html]}
(chapter pages with their [data-para] units; pages whose text a reader
filters). Output: the index, JSON on stdout.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from plansite import search_index

ROOT = Path(__file__).resolve().parents[2]   # the project: its search dictionary


def main() -> None:
    spec = json.load(sys.stdin)
    uris = [f"chapters/page{i}.md" for i in range(len(spec["pages"]))]
    collector = search_index.Collector(ROOT, uris)
    for uri, page in zip(uris, spec["pages"], strict=True):
        collector.add(uri, page["url"], page["title"], page["html"])
    for html in spec.get("filtered", []):
        collector.add_filtered(html)
    json.dump(collector.index(), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
