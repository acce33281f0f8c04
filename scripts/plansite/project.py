"""The project's settings that the generated site depends on, read from
mkdocs.yml (the one configuration both engines read): site_url's path,
repo_url and edit_uri, and our stylesheet and script lists."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

CONFIG = "mkdocs.yml"
# Kept between builds (git-ignored with build/): compiled templates, the word
# segmenter's cache (plansite.segments). Not build/.cache: that is Zensical's.
CACHE = "build/.plan-cache"


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml carries !!python tags (slugify); the settings read here do not."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    """mkdocs.yml as data, !!python tags read as None."""
    return yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=_AnyTag) or {}


def site_path(root: Path, config: dict | None = None) -> str:
    """The path of site_url, where the site is served: "/zhonglou-plan/"."""
    config = read_config(root) if config is None else config
    path = urlsplit(config.get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def edit_url_base(config: dict) -> str | None:
    """repo_url + edit_uri: what a repository path is appended to for the
    "edit this page" link; None without a repository."""
    repo, edit = config.get("repo_url"), config.get("edit_uri")
    if not repo or edit is None:
        return None
    return repo.rstrip("/") + "/" + edit.strip("/") + "/"
