"""Synthetic Home Assistant entities in the shape of /api/states, for the 5,000-entity bench.

Deterministic (a fixed seed): rooms x device kinds x numbers, with friendly names as people
write them, so the vocabulary grows like a real home's (few thousand distinct words), not like
random strings. The demo entities stay in the mix, so the labelled typo queries still have
their answers, now among thousands of near neighbours.
"""

from __future__ import annotations

import random
from typing import Any

ROOMS = (
    "kitchen", "living room", "bedroom", "guest room", "bathroom", "hallway", "office", "garage",
    "garden", "basement", "attic", "laundry", "dining room", "nursery", "porch", "patio",
    "workshop", "pantry", "study", "playroom", "loft", "cellar", "driveway", "shed",
)  # fmt: skip
KINDS = (
    ("light", ("ceiling light", "lamp", "spotlight", "strip", "pendant", "sconce")),
    ("switch", ("plug", "socket", "heater switch", "fan switch")),
    ("sensor", ("temperature", "humidity", "illuminance", "power", "energy", "voltage")),
    ("binary_sensor", ("motion", "door contact", "window contact", "leak", "smoke")),
    ("cover", ("blind", "shutter", "curtain", "awning")),
    ("climate", ("thermostat", "radiator valve")),
    ("media_player", ("speaker", "tv", "soundbar")),
    ("lock", ("door lock",)),
    ("fan", ("ceiling fan", "air purifier")),
)  # fmt: skip
BRANDS = ("hue", "ikea", "aqara", "shelly", "sonoff", "tado", "zigbee", "zwave", "esphome", "tuya")


def synthetic_states(count: int, seed: int = 14) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    seen: set[str] = set()
    states: list[dict[str, Any]] = []
    while len(states) < count:
        room = rng.choice(ROOMS)
        domain, things = rng.choice(KINDS)
        thing = rng.choice(things)
        brand = rng.choice(BRANDS)
        number = rng.randint(1, 40)
        name = f"{room.title()} {thing} {number}"
        entity_id = f"{domain}.{brand}_{room}_{thing}_{number}".replace(" ", "_")
        if entity_id in seen:
            continue
        seen.add(entity_id)
        state = "on" if rng.random() < 0.4 else "off"
        attributes: dict[str, Any] = {"friendly_name": name}
        if domain == "sensor":
            state = f"{rng.uniform(0, 40):.1f}"
            attributes["unit_of_measurement"] = "°C" if thing == "temperature" else "%"
        states.append({"entity_id": entity_id, "state": state, "attributes": attributes})
    return states
