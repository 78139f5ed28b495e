"""The README's `docker run` line, as .ci/images.sh runs it with podman (one word a line):

    python -m tests.deploy.readme_run CONTAINER IMAGE HOST_PORT TOKEN

The line is taken from the README's "A single container" section and changed only where a
shared CI machine must: podman for docker; the container and its volume named CONTAINER (other
runs may be going on); the port published on 127.0.0.1:HOST_PORT, a free one, in place of the
README's fixed host port (the container port stays the README's); the image built by the CI
script in place of its local tag; `<...>` placeholders filled (HOMELAB_AUTH_TOKENS' with TOKEN);
periodic health checks off (they need systemd; the script runs the check once). Every other
word is the README's, and a README line of another shape fails here rather than being guessed
at.
"""

from __future__ import annotations

import re
import shlex
import sys

from tests.deploy.test_readme_deployment import commands

PLACEHOLDER = re.compile(r"<[^<>]+>")


def readme_line() -> list[str]:
    runs = [line for line in commands() if line.startswith("docker run ")]
    assert len(runs) == 1, f"the Deployment section should show one docker run line: {runs}"
    return shlex.split(runs[0])


TAKES_VALUE = frozenset({"--name", "-v", "-p", "-e", "--tmpfs"})


def podman_argv(
    words: list[str], container: str, image: str, host_port: int, token: str
) -> list[str]:
    assert words[:2] == ["docker", "run"], words
    argv = ["podman", "run", "--health-interval=disable"]
    replaced: set[str] = set()
    options = iter(words[2:-1])  # the last word is the image
    for flag in options:
        assert flag.startswith("-"), f"unexpected word {flag!r} in the README's docker run line"
        if flag not in TAKES_VALUE:
            argv.append(flag)  # -d, --read-only
            continue
        value = next(options)
        if flag == "--name":
            value = container
        elif flag == "-v":
            assert value.endswith(":/data"), f"the README mounts {value}, not the state dir"
            value = f"{container}:/data"
        elif flag == "-p":
            host, _, inside = value.partition(":")
            assert host == inside, f"the README publishes {value}, not the same port"
            value = f"127.0.0.1:{host_port}:{inside}"
        elif flag == "-e" and value.startswith("HOMELAB_AUTH_TOKENS="):
            value = PLACEHOLDER.sub(token, value)
            replaced.add("HOMELAB_AUTH_TOKENS")
        replaced.add(flag)
        argv += [flag, PLACEHOLDER.sub("ci-placeholder", value)]
    missing = {"--name", "-v", "-p", "HOMELAB_AUTH_TOKENS"} - replaced
    assert not missing, f"the README's docker run line has no {sorted(missing)}"
    return [*argv, image]


def main(container: str, image: str, host_port: str, token: str) -> None:
    print("\n".join(podman_argv(readme_line(), container, image, int(host_port), token)))


if __name__ == "__main__":
    main(*sys.argv[1:5])
