"""The snapshot shrinker on real pictures made with Pillow: scaled, recompressed, or refused."""

from __future__ import annotations

import io
import os

import pytest
from fastmcp.exceptions import ToolError
from PIL import Image

from home_assistant_mcp.images import shrink


def picture(width: int, height: int, fmt: str) -> bytes:
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    noise.save(out, format=fmt)
    return out.getvalue()


def test_a_large_png_becomes_a_small_jpeg() -> None:
    raw = picture(1600, 900, "PNG")  # noise: ≈ 4 MB that does not compress
    snap = shrink(raw, "image/png", 640)
    decoded = Image.open(io.BytesIO(snap.image.data or b""))
    assert decoded.format == "JPEG" and decoded.size == (640, 360)
    assert snap.size <= 200_000 < len(raw)
    assert "from 1600x900" in snap.describe()


def test_a_small_jpeg_passes_unchanged() -> None:
    raw = picture(320, 240, "JPEG")
    snap = shrink(raw, "image/jpeg", 640)
    assert snap.image.data == raw and snap.describe() == f"320x240 JPEG, {len(raw):,} B"


def test_what_cannot_fit_or_is_no_picture_is_refused() -> None:
    with pytest.raises(ToolError, match="does not fit 300 bytes"):
        shrink(picture(400, 300, "PNG"), "image/png", 400, cap=300)
    with pytest.raises(ToolError, match="no picture"):
        shrink(b"<html>camera offline</html>", "text/html", 640)
