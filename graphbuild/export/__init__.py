"""Exports of the graph, one module per format, each ``write_*(kg, path, previous=None)``.

``FORMATS`` maps the names ``graphbuild export --format`` accepts to the
writer and the default file name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

#: format -> ("module:function", default file name in the build directory)
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("graphbuild.export.graphml:write_graphml", "graph.graphml"),
    "gexf": ("graphbuild.export.gexf:write_gexf", "graph.gexf"),
    "json": ("graphbuild.export.json:write_node_link", "graph.json"),
    "cytoscape": ("graphbuild.export.json:write_cytoscape", "graph.cyjs"),
    "html": ("graphbuild.export.html:write_html", "graph.html"),
    "png": ("graphbuild.export.png:write_png", "graph.png"),
    "ttl": ("graphbuild.stores.rdf:write_turtle", "graph.ttl"),
    "nt": ("graphbuild.stores.rdf:write_ntriples", "graph.nt"),
    "jsonld": ("graphbuild.stores.rdf:write_jsonld", "graph.jsonld"),
}


def writer_for(fmt: str) -> Callable[..., None]:
    """The writer function of a format name in ``FORMATS``."""
    spec = FORMATS[fmt][0]
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)
