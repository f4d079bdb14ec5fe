"""A local Neo4j Community server for the tests and for developers, fetched from Maven Central.

Maven Central carries no standalone Neo4j distribution, but it carries the
server itself: ``org.neo4j:neo4j`` with ``org.neo4j.server.CommunityEntryPoint``,
the class the distribution's ``neo4j console`` runs. ``fetch`` resolves that
artifact and its dependencies with Maven into a cache folder (once); a
``LocalServer`` writes a ``neo4j.conf`` (loopback only, Bolt on the chosen
port, no HTTP), sets the initial password with Neo4j's own admin tool, starts
the real engine with Java 17 and waits until Bolt answers.

Command line (also ``scripts/neo4j-server``)::

    python -m graphbuild.stores.neo4j_local fetch
    eval "$(python -m graphbuild.stores.neo4j_local start)"   # prints NEO4J_* exports
    python -m graphbuild.stores.neo4j_local stop
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

NEO4J_VERSION = os.environ.get("GRAPHBUILD_NEO4J_VERSION", "5.26.30")
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
READY_MARK = ".complete"
PID_FILE = "graphbuild-neo4j.pid"
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>graphbuild</groupId>
  <artifactId>neo4j-local-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


def _is_collector(option: str) -> bool:
    return option.startswith("-XX:+Use") and option.endswith("GC")


def _with_options(base: Sequence[str], extra: Sequence[str]) -> list[str]:
    """``base`` then ``extra``; a garbage collector in ``extra`` replaces the one in ``base``
    (the JVM refuses two)."""
    if any(map(_is_collector, extra)):
        base = [o for o in base if not _is_collector(o)]
    return [*base, *extra]


class ServerError(RuntimeError):
    """The local server could not be fetched, started or stopped; the message says why."""


def cache_dir() -> Path:
    """``$GRAPHBUILD_NEO4J_CACHE``, else ``$XDG_CACHE_HOME/graphbuild/neo4j`` (~/.cache/...)."""
    if os.environ.get("GRAPHBUILD_NEO4J_CACHE"):
        return Path(os.environ["GRAPHBUILD_NEO4J_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "graphbuild" / "neo4j"


def dev_home() -> Path:
    """Where ``start`` keeps the developer server's data, logs and password."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "graphbuild" / "neo4j-dev"


def lib_dir(version: str = NEO4J_VERSION) -> Path:
    return cache_dir() / version / "lib"


def is_fetched(version: str = NEO4J_VERSION) -> bool:
    return (lib_dir(version) / READY_MARK).exists()


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise ServerError(
            f"'{tool}' is not on PATH: Neo4j {NEO4J_VERSION} needs Java 17 and Maven to fetch"
        )
    return path


def fetch(version: str = NEO4J_VERSION, quiet: bool = False) -> Path:
    """Download Neo4j Community ``version`` and its dependencies into the cache, once."""
    target = lib_dir(version)
    if is_fetched(version):
        return target
    mvn = _require("mvn")
    _require("java")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="neo4j-fetch-", dir=target.parent) as work:
        work_dir = Path(work)
        (work_dir / "pom.xml").write_text(POM.format(version=version), encoding="utf-8")
        staged = work_dir / "lib"
        command = [
            mvn, "-B", "-q" if quiet else "-ntp", "-f", str(work_dir / "pom.xml"),
            f"-Dmaven.repo.local={work_dir / 'repository'}",
            "dependency:copy-dependencies", f"-DoutputDirectory={staged}", "-DincludeScope=runtime",
        ]  # fmt: skip
        if not quiet:
            print(
                f"fetching Neo4j Community {version} from Maven Central into {target}",
                file=sys.stderr,
            )
        result = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        if result.returncode != 0 or not any(staged.glob(f"neo4j-{version}.jar")):
            tail = "\n".join(result.stdout.strip().splitlines()[-15:])
            raise ServerError(f"Maven could not fetch org.neo4j:neo4j:{version}:\n{tail}")
        (staged / READY_MARK).write_text(version + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
    return target


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM when the process that started it dies (a killed test run)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class LocalServer:
    """One Neo4j server process with its own home folder (config, data, logs) on a loopback port."""

    def __init__(
        self,
        home: Path,
        port: int | None = None,
        password: str | None = None,
        version: str = NEO4J_VERSION,
        heap: str = "1g",
        pagecache: str = "256m",
        tls: bool = False,
    ):
        self.home = Path(home)
        self.port = port or free_port()
        # hex: a URL-safe token may start with "-", which neo4j-admin reads as an option
        self.password = password or secrets.token_hex(18)
        self.version = version
        self.heap = heap
        self.pagecache = pagecache
        self.tls = tls
        self.process: subprocess.Popen | None = None

    @property
    def ca_file(self) -> Path:
        """The certificate authority that signed the server's TLS certificate (with ``tls``)."""
        return self.home / "certificates" / "ca.crt"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    def environment(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password}

    def _java(
        self, main: str, *args: str, heap: str = "256m", jvm_options: Sequence[str] = ()
    ) -> list[str]:
        classpath = str(lib_dir(self.version) / "*")
        return [
            _require("java"),
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *_with_options(JVM_OPTIONS, jvm_options),
            "-cp",
            classpath,
            main,
            *args,
        ]

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def configure(self) -> None:
        """Write neo4j.conf; on a new data folder, set the initial password of user neo4j."""
        if not is_fetched(self.version):
            raise ServerError(
                f"Neo4j {self.version} is not fetched yet: run 'scripts/neo4j-server fetch'"
            )
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        address = f"127.0.0.1:{self.port}"
        conf = "\n".join(
            [
                "# written by graphbuild.stores.neo4j_local; changes are overwritten",
                "server.default_listen_address=127.0.0.1",
                f"server.bolt.listen_address={address}",
                f"server.bolt.advertised_address={address}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                f"server.memory.heap.initial_size={self.heap}",
                f"server.memory.heap.max_size={self.heap}",
                f"server.memory.pagecache.size={self.pagecache}",
                "db.tx_log.rotation.retention_policy=1 files",
                "dbms.usage_report.enabled=false",
                "server.config.strict_validation.enabled=false",
                *(self._tls_settings() if self.tls else []),
                "",
            ]
        )
        (self.home / "conf" / "neo4j.conf").write_text(conf, encoding="utf-8")
        if not (self.home / "data" / "dbms" / "auth.ini").exists():
            (self.home / "password").write_text(self.password + "\n", encoding="utf-8")
            os.chmod(self.home / "password", 0o600)
            command = self._java(ADMIN_CLASS, "dbms", "set-initial-password", self.password)
            result = subprocess.run(command, env=self._env(), capture_output=True, text=True)
            if result.returncode != 0:
                raise ServerError(
                    f"neo4j-admin could not set the password: {result.stderr.strip()}"
                )
        elif (self.home / "password").exists():
            self.password = (self.home / "password").read_text(encoding="utf-8").strip()

    def admin(self, *args: str, heap: str = "1g", jvm_options: Sequence[str] = ()) -> str:
        """Run Neo4j's admin tool (what ``neo4j-admin`` runs) on this server's home; its output.

        For ``database import full`` the server must be stopped. ``jvm_options`` go after
        the usual ones, a garbage collector among them replacing G1
        (``neo4j_import.import_jvm_options()`` for an import).
        """
        if self.running():
            raise ServerError(
                f"Neo4j runs on {self.uri}: stop it first (graphbuild neo4j stop), "
                "an import writes the database files directly"
            )
        self.configure()
        result = subprocess.run(
            self._java(ADMIN_CLASS, *args, heap=heap, jvm_options=jvm_options),
            env=self._env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if result.returncode != 0:
            lines = [x for x in result.stdout.strip().splitlines() if not x.startswith("\tat ")]
            tail = "\n".join(lines[-12:])
            raise ServerError(
                f"neo4j-admin {' '.join(args[:3])} failed (exit {result.returncode}):\n{tail}"
            )
        return result.stdout

    def _tls_settings(self) -> list[str]:
        """Bolt with optional TLS, so bolt:// and neo4j+s:// both work against one port."""
        folder = self.home / "certificates" / "bolt"
        if not (folder / "public.crt").exists():
            make_certificates(self.home / "certificates")
        return [
            "server.bolt.tls_level=OPTIONAL",
            "dbms.ssl.policy.bolt.enabled=true",
            f"dbms.ssl.policy.bolt.base_directory={folder}",
            "dbms.ssl.policy.bolt.private_key=private.key",
            "dbms.ssl.policy.bolt.public_certificate=public.crt",
            "dbms.ssl.policy.bolt.client_auth=NONE",
        ]

    def start(self, timeout: float = 180.0, detach: bool = False) -> None:
        """Start the server and return once Bolt accepts connections.

        ``detach`` leaves it running after this process exits (the developer server);
        otherwise it dies with this process.
        """
        if _port_open(self.port):
            raise ServerError(
                f"port {self.port} on 127.0.0.1 is already in use; choose another --port"
            )
        self.configure()
        command = self._java(
            MAIN_CLASS,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            heap=self.heap,
        )
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.home,
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=detach,
                preexec_fn=None if detach else _die_with_parent,
            )
        (self.home / "run" / PID_FILE).write_text(f"{self.process.pid}\n")
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout: float) -> None:
        """Poll until a Bolt login succeeds; fail early if the process exits."""
        deadline = time.monotonic() + timeout
        last_error = "no answer"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ServerError(
                    f"Neo4j exited with code {self.process.returncode}; see {self.log_file}\n{self._log_tail()}"
                )
            if _port_open(self.port):
                try:
                    self._check_login()
                    return
                except Exception as exc:  # noqa: BLE001 - still starting
                    last_error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"Neo4j did not answer on {self.uri} within {timeout:.0f}s ({last_error}); see {self.log_file}"
        )

    def _check_login(self) -> None:
        import neo4j

        with neo4j.GraphDatabase.driver(self.uri, auth=("neo4j", self.password)) as driver:
            driver.verify_connectivity()
            driver.execute_query("RETURN 1")

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _pid(self) -> int | None:
        if self.process is not None:
            return self.process.pid if self.process.poll() is None else None
        try:
            pid = int((self.home / "run" / PID_FILE).read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        return pid

    def running(self) -> bool:
        return self._pid() is not None

    def stop(self, timeout: float = 60.0) -> None:
        """Shut down cleanly (SIGTERM), or kill after ``timeout`` seconds."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Kill at once, as a crash or power loss would: for the tests of interrupted loads."""
        self._signal(signal.SIGKILL, 30.0)

    def _signal(self, sig: int, timeout: float) -> None:
        pid = self._pid()
        if pid is None:
            return
        os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None:
                if self.process.poll() is not None:
                    break
            else:
                try:
                    os.kill(pid, 0)
                except OSError:
                    break
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
            if self.process is not None:
                self.process.wait(10)
        (self.home / "run" / PID_FILE).unlink(missing_ok=True)
        self.process = None


def make_certificates(folder: Path) -> None:
    """A throwaway CA (``ca.crt``) and a server certificate for 127.0.0.1/localhost (``bolt/``)."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise ServerError("'openssl' is not on PATH: cannot make the test server's TLS certificate")
    bolt = folder / "bolt"
    bolt.mkdir(parents=True, exist_ok=True)
    (folder / "server.ext").write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n"
    )
    steps = [
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
         "-subj", "/CN=graphbuild test CA", "-keyout", str(folder / "ca.key"), "-out", str(folder / "ca.crt")],
        [openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", str(bolt / "private.key"), "-out", str(folder / "server.csr")],
        [openssl, "x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(folder / "ca.crt"),
         "-CAkey", str(folder / "ca.key"), "-CAcreateserial", "-days", "30",
         "-extfile", str(folder / "server.ext"), "-out", str(bolt / "public.crt")],
    ]  # fmt: skip
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise ServerError(f"openssl failed: {result.stderr.strip().splitlines()[-1:]}")


def _developer_server(args) -> LocalServer:
    return developer_server(args.home, args.port)


def developer_server(home: str | Path | None = None, port: int | None = None) -> LocalServer:
    """The developer server of ``home`` (default ``dev_home()``), with its port and password."""
    home = Path(home) if home else dev_home()
    if port is None and (home / "conf" / "neo4j.conf").exists():
        for line in (home / "conf" / "neo4j.conf").read_text().splitlines():
            if line.startswith("server.bolt.listen_address="):
                port = int(line.rsplit(":", 1)[1])
    password = None
    if (home / "password").exists():
        password = (home / "password").read_text(encoding="utf-8").strip()
    return LocalServer(home, port=port or 7687, password=password)


def _print_exports(server: LocalServer) -> None:
    for key, value in server.environment().items():
        print(f"export {key}={value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="neo4j-server",
        description=f"Fetch and run a local Neo4j Community {NEO4J_VERSION} server (loopback only).",
        epilog='example:\n  eval "$(scripts/neo4j-server start)"   # then: graphbuild neo4j load kg',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("fetch", help="download Neo4j from Maven Central into the cache (once)")
    for name, text in (
        ("start", "start the developer server in the background; prints NEO4J_* exports for eval"),
        ("stop", "stop the developer server"),
        ("status", "say whether the developer server runs"),
        ("env", "print the NEO4J_* exports of the developer server"),
    ):
        action = sub.add_parser(name, help=text)
        action.add_argument("--home", help=f"server folder (default {dev_home()})")
        action.add_argument("--port", type=int, help="Bolt port on 127.0.0.1 (default 7687)")
    args = parser.parse_args(argv)
    try:
        if args.action == "fetch":
            path = fetch()
            print(f"Neo4j {NEO4J_VERSION} is in {path}", file=sys.stderr)
            return 0
        fetch()
        server = _developer_server(args)
        if args.action == "start":
            if server.running():
                print(f"Neo4j already runs on {server.uri}", file=sys.stderr)
            else:
                server.start(detach=True)
                print(
                    f"Neo4j {NEO4J_VERSION} runs on {server.uri} (data in {server.home})",
                    file=sys.stderr,
                )
            _print_exports(server)
        elif args.action == "stop":
            was_running = server.running()
            server.stop()
            print("Neo4j stopped" if was_running else "Neo4j was not running", file=sys.stderr)
        elif args.action == "status":
            print(f"running on {server.uri}" if server.running() else "not running")
            return 0 if server.running() else 1
        elif args.action == "env":
            _print_exports(server)
    except ServerError as exc:
        print(f"neo4j-server: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
