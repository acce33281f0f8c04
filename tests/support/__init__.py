"""Helpers that several test files share: the project's paths, building and
serving a site and the build cache (`support.site`), `mkdocs serve`
(`support.serving`), running the check and the build many times in fresh
processes without an interpreter start each (`support.checking`) and reading
the plan's words back out of built HTML (`support.plantext`). Fixtures stay
in tests/conftest.py."""
