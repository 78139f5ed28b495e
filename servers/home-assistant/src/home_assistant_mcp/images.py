"""Camera pictures made small enough for a model: downscaled and recompressed with Pillow.

A camera can send a 4K PNG of several megabytes; a model needs a few hundred pixels. The picture
is scaled to ``max_width`` and re-encoded as JPEG at falling quality until it fits ``CAP`` bytes;
a picture that still does not fit (or is no picture) is refused with a message, never truncated.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastmcp.exceptions import ToolError
from fastmcp.utilities.types import Image as McpImage

if TYPE_CHECKING:
    from PIL import Image

CAP = 200_000  # bytes of image data (≈ 270 kB as base64 on the wire)
MAX_PIXELS = 50_000_000  # larger pictures are refused before decoding (decompression bombs)
QUALITIES = (80, 65, 50, 35)
MIN_WIDTH = 64


@dataclass
class Snapshot:
    image: McpImage
    width: int
    height: int
    size: int
    original: tuple[int, int]
    original_size: int

    def describe(self) -> str:
        w, h = self.original
        scaled = "" if (self.width, self.height) == (w, h) else f", from {w}x{h}"
        recoded = "" if self.size == self.original_size else f" (was {self.original_size:,} B)"
        return f"{self.width}x{self.height} JPEG, {self.size:,} B{recoded}{scaled}"


def _encode(picture: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def shrink(raw: bytes, content_type: str, max_width: int, cap: int = CAP) -> Snapshot:
    """The picture at most ``max_width`` wide and ``cap`` bytes, as an MCP image."""
    from PIL import Image, UnidentifiedImageError  # Pillow: with the first snapshot only

    try:
        picture = Image.open(io.BytesIO(raw))
    except UnidentifiedImageError:
        raise ToolError(
            f"The camera sent no picture Home Assistant could pass on ({content_type or 'no type'}"
            f", {len(raw):,} B); check the camera in Home Assistant."
        ) from None
    original = picture.size
    if original[0] * original[1] > MAX_PIXELS:
        raise ToolError(f"The camera picture is {original[0]}x{original[1]}: too large to scale.")
    if picture.format == "JPEG" and original[0] <= max_width and len(raw) <= cap:
        return Snapshot(McpImage(data=raw, format="jpeg"), *original, len(raw), original, len(raw))
    picture.draft("RGB", (max_width, max_width))  # JPEG decodes at a smaller scale directly
    picture = picture.convert("RGB")
    width = min(max_width, picture.width)
    while width >= MIN_WIDTH:
        scaled = picture.resize((width, max(1, round(picture.height * width / picture.width))))
        for quality in QUALITIES:
            data = _encode(scaled, quality)
            if len(data) <= cap:
                return Snapshot(
                    McpImage(data=data, format="jpeg"), *scaled.size, len(data), original, len(raw)
                )
        width //= 2
    raise ToolError(
        f"The camera picture ({original[0]}x{original[1]}) does not fit {cap:,} bytes even "
        "scaled down; ask with a smaller max_width."
    )
