"""Network analytics of the actor graph with networkx.

- ``centrality``: degree, betweenness, eigenvector
- ``blocs``: signed Louvain communities (supports pull together, opposes push apart)
- ``stance``: supports minus opposes between countries, people rolled up
- ``timeline``: statements between a pair of actors over time
- ``report``: all of it as Markdown, JSON and PNG (``graphbuild analyze``)
"""

from .blocs import signed_louvain, signed_modularity
from .centrality import centrality_table
from .report import analyze, write_report
from .stance import stance_balance
from .timeline import find_actor, pair_timelines

__all__ = [
    "analyze",
    "centrality_table",
    "find_actor",
    "pair_timelines",
    "signed_louvain",
    "signed_modularity",
    "stance_balance",
    "write_report",
]
