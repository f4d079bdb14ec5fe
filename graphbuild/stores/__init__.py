"""Where the graph is stored: the embedded Cypher store, Neo4j and RDF.

``rows`` turns a build directory into the rows of the shared graph schema
(docs/architecture.md); ``embedded`` (LadybugDB) and ``neo4j`` load those rows,
so the named queries in ``graphbuild/queries`` answer alike on both;
``values`` makes both engines' results plain Python values; ``neo4j_local``
fetches and runs a local Neo4j Community server for tests and development.
"""
