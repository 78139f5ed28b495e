"""One process claiming nonces in a shared SQLite store (``python -m tests.security.claim_worker
PATH N OFFSET``): says ``ready``, waits for a line on stdin, claims ``n0..n{N-1}`` starting at
OFFSET (so the processes collide all along), prints the nonces it won as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from homelab_shared.nonces import SQLiteNonceStore

FAR_FUTURE = 4_102_444_800  # 2100-01-01


def main() -> None:
    path, count, offset = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = SQLiteNonceStore(path)
    print("ready", flush=True)
    sys.stdin.readline()
    order = [f"n{(i + offset) % count}" for i in range(count)]
    print(json.dumps([n for n in order if store.claim(n, FAR_FUTURE)]), flush=True)


if __name__ == "__main__":
    main()
