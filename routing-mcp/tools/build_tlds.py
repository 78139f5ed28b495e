"""Build ``src/routing_mcp/data/tlds.txt``: the top-level domains of the Public Suffix List.

    python routing-mcp/tools/build_tlds.py PATH/TO/public_suffix_list.dat

Reads the ICANN section of a copy of the list (the file ``public_suffix_list.dat``, or the
snapshot a PSL library ships) and writes the last label of every rule, in Unicode and in its
IDNA (``xn--``) form, one per line. The e-mail recognizer keeps an address only when its domain
ends in one of them. Nothing is fetched: pass a local copy.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "routing_mcp" / "data" / "tlds.txt"


def top_labels(psl: str) -> tuple[str, set[str]]:
    version, labels, icann = "", set(), False
    for raw in psl.splitlines():
        line = raw.strip()
        if line.startswith("// VERSION:"):
            version = line.removeprefix("// VERSION:").strip()
        if line == "// ===BEGIN ICANN DOMAINS===":
            icann = True
        elif line == "// ===END ICANN DOMAINS===":
            icann = False
        elif icann and line and not line.startswith("//"):
            label = line.lstrip("!*.").rsplit(".", 1)[-1].lower()
            labels.add(label)
            with contextlib.suppress(UnicodeError):  # a label IDNA cannot encode
                labels.add(label.encode("idna").decode("ascii"))
    return version, labels


def main() -> None:
    version, labels = top_labels(Path(sys.argv[1]).read_text(encoding="utf-8"))
    header = (
        "# Top-level domains: the last label of every ICANN rule of the Public Suffix List\n"
        f"# (version {version or 'unknown'}), in Unicode and IDNA form. Built by\n"
        "# routing-mcp/tools/build_tlds.py; see TLDS.md.\n"
    )
    OUT.write_text(header + "".join(f"{x}\n" for x in sorted(labels)), encoding="utf-8")
    print(f"{len(labels)} labels -> {OUT}")


if __name__ == "__main__":
    main()
