"""Memory start-up used and freed goes back to the system once start-up is over
(``warmup.release_soon``): the allocator's freed heap no longer counts in the idle RSS."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from homelab_shared import warmup


def rss_mib() -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_goes_back_to_the_system() -> None:
    # 60 MB in C-heap blocks (larger than pymalloc's 512 bytes), freed while a later block
    # pins the top of the heap: glibc keeps the pages until malloc_trim hands them back.
    blocks = [os.urandom(1500) for _ in range(40_000)]
    pin = os.urandom(1500)
    held = rss_mib()
    del blocks
    assert rss_mib() > held - 20  # freed, but still counted in the process's RSS
    assert warmup.release_freed_memory()
    assert rss_mib() < held - 40
    assert len(pin) == 1500


async def test_released_once_after_the_last_start_up_and_never_during_a_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    released: list[float] = []
    monkeypatch.setattr(warmup, "release_freed_memory", lambda: released.append(1.0) or True)
    monkeypatch.setattr(warmup, "RELEASE_AFTER_S", 0.05)
    for _ in range(3):  # the gateway: one start-up per server, finishing one after the other
        warmup.release_soon()
        await asyncio.sleep(0.01)
    warmup.CALLS.enter()  # a call in flight when the time comes
    try:
        await asyncio.sleep(0.2)
        assert released == []
    finally:
        warmup.CALLS.leave()
    await asyncio.sleep(0.2)
    assert released == [1.0]
