"""Records read from YAML, with their fields as attributes for templates."""
from __future__ import annotations


class Record:
    """Mixin for a dataclass holding one YAML record in ``data``: ``rec.name``
    reads ``rec.data["name"]`` (templates stay short and readable)."""

    def __getattr__(self, name):
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None
