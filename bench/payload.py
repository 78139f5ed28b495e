"""The fixed ~2 KB JSON document the upstream serves, and the model both servers return."""

from __future__ import annotations

import json

from pydantic import BaseModel


class Entry(BaseModel):
    id: str
    name: str
    state: str
    value: float


class Payload(BaseModel):
    id: str
    name: str
    version: str
    entries: list[Entry]


def document() -> dict[str, object]:
    return {
        "id": "bench-1",
        "name": "Benchmark payload",
        "version": "1.0.0",
        "entries": [
            {
                "id": f"entry-{i:02d}",
                "name": f"Sensor number {i:02d}",
                "state": "on",
                "value": i * 1.5,
            }
            for i in range(30)
        ],
    }


BODY = json.dumps(document(), separators=(",", ":")).encode()
