"""pytest plugin: a real Neo4j Community server for the tests that need one.

The session fixture ``neo4j_server`` starts Neo4j (fetched by ``scripts/neo4j-server
fetch``, cached in ~/.cache/graphbuild/neo4j) on a free loopback port with a
temporary data folder, a generated password and TLS optional on Bolt, waits until
Bolt answers, and stops it when the session ends, also when tests fail; if pytest
itself is killed, the server gets SIGTERM from the kernel (PR_SET_PDEATHSIG).

Without Java, Maven or network the Neo4j tests skip and say why; with
GRAPHBUILD_REQUIRE_NEO4J=1 (the CI) they fail instead. Tests that use these
fixtures get the ``neo4j`` mark, so ``-m "not neo4j"`` leaves them out.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graphbuild.stores.neo4j import Neo4jSettings, connect
from graphbuild.stores.neo4j_local import LocalServer, ServerError, fetch, is_fetched

NEO4J_FIXTURES = {
    "neo4j_server",
    "neo4j_settings",
    "neo4j_driver",
    "neo4j_empty",
    "neo4j_server_factory",
}


def _unavailable(reason: str) -> None:
    if os.environ.get("GRAPHBUILD_REQUIRE_NEO4J") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _ensure_fetched() -> None:
    if is_fetched():
        return
    try:
        fetch(quiet=True)
    except ServerError as exc:
        _unavailable(f"Neo4j is not available ({exc}); run scripts/neo4j-server fetch")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One server for the whole session: bolt://, neo4j:// and neo4j+s:// on the same port."""
    _ensure_fetched()
    server = LocalServer(tmp_path_factory.mktemp("neo4j-home"), heap="1g", tls=True)
    atexit.register(server.kill)  # a last resort; stop() below is the normal way
    try:
        server.start()
    except ServerError as exc:
        server.kill()
        _unavailable(f"Neo4j did not start: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: LocalServer) -> Neo4jSettings:
    return Neo4jSettings(uri=neo4j_server.uri, user="neo4j", password=neo4j_server.password)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Neo4jSettings):
    driver = connect(neo4j_settings, retry_seconds=10.0)
    yield driver
    driver.close()


@pytest.fixture
def neo4j_empty(neo4j_driver, neo4j_settings: Neo4jSettings):
    """The session server's default database, emptied (constraints and indexes stay)."""
    with neo4j_driver.session(database=neo4j_settings.database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    return neo4j_driver


@pytest.fixture
def neo4j_server_factory(tmp_path: Path) -> Iterator[Callable[..., LocalServer]]:
    """Servers of a test's own (to stop or kill mid-load); all stopped when the test ends."""
    _ensure_fetched()
    servers: list[LocalServer] = []

    def make(**options) -> LocalServer:
        server = LocalServer(tmp_path / f"neo4j-{len(servers)}", **options)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.kill()
