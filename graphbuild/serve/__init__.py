"""``graphbuild serve DIR``: a local web app over a build directory's embedded store.

Server-rendered pages (Starlette + Jinja2, served by uvicorn) with no script
at all: search an actor, its ego network, a dyad's timeline with every evidence
sentence, a read-only Cypher box and the named questions of ``graphbuild ask``.
Article text is data: Jinja2 escapes every value, and the pages forbid scripts
by their Content-Security-Policy.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
