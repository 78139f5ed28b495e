"""Giving freed memory back to the system; imports nothing beyond the standard library (a PII
scan worker uses it too)."""

from __future__ import annotations

import sys


def release_freed_memory() -> bool:
    """``gc.collect()``, then glibc's ``malloc_trim(0)``: True when memory went back to the
    system; False when there was none to return, or where there is no glibc (musl, macOS: the
    memory then stays with the process, as before)."""
    import gc

    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:  # the C library the interpreter runs on (no lookup of its file name)
        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (OSError, AttributeError):
        return False
