"""Process helpers: spawn in an own session, stop exactly what was spawned, read /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
QUIET_ENV = {"FASTMCP_SHOW_SERVER_BANNER": "false", "FASTMCP_CHECK_FOR_UPDATES": "off"}


def compile_bytecode() -> str:
    """Compile every module the servers may import (the workspace sources and this environment's
    site-packages) to bytecode, as the container image ships them (``UV_COMPILE_BYTECODE=1``) and
    as any install writes them on first import. Without it, an environment with
    ``PYTHONDONTWRITEBYTECODE`` set (or a read-only one) compiles every module from source on
    every start, which weighs on the server with more modules of its own far more than on the bare
    one. Quick when already compiled; returns a line for the report."""
    import sysconfig

    folders = [*sorted(ROOT.glob("*/src")), *sorted(ROOT.glob("servers/*/src"))]
    folders.append(Path(sysconfig.get_paths()["purelib"]))
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", "-j", "0", *map(str, folders)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    took = time.monotonic() - started
    return f"bytecode: compiled ahead of the runs ({took:.1f} s), as the image ships it"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(state_dir: Path, **extra: str) -> dict[str, str]:
    """The parent environment minus any HOMELAB_/EXAMPLE_/BENCH_ settings, plus quiet FastMCP."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("HOMELAB_", "EXAMPLE_", "BENCH_"))
    }
    env.update(QUIET_ENV)
    env["PYTHONPATH"] = str(ROOT)
    env["HOMELAB_STATE_DIR"] = str(state_dir)
    env.update(extra)
    return env


class Proc:
    """A child process in its own session, output to a log file; stopped by its own id."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str],
        log: Path,
        cpus: set[int] | None = None,
    ) -> None:
        self.name = name
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                list(argv),
                env=dict(env),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid = self.popen.pid
        if cpus:
            pin(self.pid, cpus)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 5.0) -> None:
        if self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGTERM)  # the group this Proc created (pgid == pid)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            self.popen.wait(timeout)


def pin(pid: int, cpus: set[int]) -> None:
    """Restrict a process (and the threads/children it creates later) to ``cpus``."""
    with contextlib.suppress(OSError):
        os.sched_setaffinity(pid, cpus)


def cpu_plan(enabled: bool) -> tuple[set[int] | None, set[int] | None]:
    """(client+upstream CPUs, server CPUs): the server under test gets a core of its own.

    With fewer than two usable CPUs (or ``enabled`` false) nothing is pinned.
    """
    cpus = sorted(os.sched_getaffinity(0))
    if not enabled or len(cpus) < 2:
        return None, None
    return set(cpus[:1]), set(cpus[1:2])


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (via /proc/PID/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return out


def rss_kib(pid: int, *, alone: bool = False) -> int:
    """Summed VmRSS of the process tree (or of ``pid`` alone), KiB."""
    total = 0
    for p in [pid] if alone else tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def cpu_seconds(pid: int) -> float:
    """user+system CPU time of the process tree so far, seconds (10 ms resolution)."""
    ticks = 0
    for p in tree(pid):
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{p}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return ticks / CLK_TCK


def self_cpu_seconds() -> float:
    return time.process_time()


def wait_port(port: int, proc: Proc, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited early:\n{proc.tail()}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(
        f"{proc.name} did not listen on {port} within {timeout:.0f} s:\n{proc.tail()}"
    )


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": str(os.cpu_count() or "?")}
