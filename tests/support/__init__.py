"""Helpers that several test files share: the project's paths, building and
serving a site (`support.site`), `mkdocs serve` (`support.serving`) and reading
the plan's words back out of built HTML (`support.plantext`). Fixtures stay in
tests/conftest.py."""
