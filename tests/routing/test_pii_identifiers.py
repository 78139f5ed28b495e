"""Identifiers and numbers: the kinds Presidio misses, and the look-alikes it over-reads.

Examples written for each class (none from the corpora); the scanner is the real one.
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner


@pytest.mark.parametrize(
    ("prompt", "entity", "value"),
    [
        ("Charge it to 2720 9900 0000 0007 please", "CREDIT_CARD", "2720 9900 0000 0007"),
        # a wrong key counts after its name; a right one anywhere
        ("N° de sécurité sociale : 2 91 03 75 116 052 42", "FR_NIR", "2 91 03 75 116 052 42"),
        ("numéro 2910375116052 20 sur la carte", "FR_NIR", "2910375116052 20"),
        ("Patient NHS number 123 456 7881 needs a letter", "UK_NHS", "123 456 7881"),
        ("Ich wurde am 12. Mai 1990 geboren", "DATE_OF_BIRTH", "12. Mai 1990"),
    ],
)
def test_identifiers_found(scanner: PiiScanner, prompt: str, entity: str, value: str) -> None:
    found = [(f.entity, prompt[f.start : f.end]) for f in scanner.scan(prompt)]
    assert (entity, value) in found, found


@pytest.mark.parametrize(
    "prompt",
    [
        "Convert the epoch 1698765438 to a date",  # passes NHS mod 11, never issued
        "Invoice RG-2024-118841 and SN/4471902 are in the ERP",
        "Ticket 3125550147 is still open, escalate it",
        "size=131072 offset=4382791680 in the zfs event",
        "kernel: [ 5132.907113] usb 1-1: reset high-speed USB device",
        "The changelog of 5.15.2 mentions 5.15.1.4 as broken",
        "Plan a 10 day road trip through Wales",
        "Batch 2910375116052 48 passed QA",  # NIR-shaped, wrong key, no context
        # digits inside a hex trace id pass the PESEL checksum by chance
        "GET /api/states 200 22.6 ms bytes=63119 trace=1d78691547276b50",
    ],
)
def test_look_alikes_are_not_personal(scanner: PiiScanner, prompt: str) -> None:
    assert scanner.scan(prompt) == [], [
        (f.entity, prompt[f.start : f.end]) for f in scanner.scan(prompt)
    ]
