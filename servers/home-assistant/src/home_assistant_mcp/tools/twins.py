"""A write tool and its destructive ``*_confirmed`` twin from one signature.

The write tool runs the change unless ``reasons`` finds it sensitive, and then refuses, naming the
twin; the twin (destructive: preview from ``describe``, then a confirm_token) runs it regardless.
Both take the parameters of ``template``, a stub whose signature and docstring describe the tool,
so the two cannot drift apart.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from homelab_shared.errors import SafetyRefusal
from homelab_shared.toolbox import Toolbox

Check = Callable[..., Awaitable[list[str]]]


def refusal(tool: str, reasons: list[str]) -> SafetyRefusal:
    return SafetyRefusal(
        f"Not changed: this {'; and it '.join(reasons)}, which needs a confirmation. Use "
        f"{tool}_confirmed with the same arguments: it shows a preview and returns a "
        "confirm_token (the operator enables it with HA_ALLOW_DESTRUCTIVE=true)."
    )


def because(reasons: list[str]) -> str:
    return f" It {'; and it '.join(reasons)}." if reasons else ""


def given(arguments: dict[str, Any], *keys: str) -> str:
    """``name -> 'x'; area -> 'Kitchen'`` for the arguments that were passed."""
    return "; ".join(f"{k} -> {arguments[k]!r}" for k in keys if arguments.get(k) is not None)


def register_twins(
    box: Toolbox,
    template: Callable[..., Any],
    *,
    reasons: Check,
    apply: Callable[..., Awaitable[Any]],
    describe: Callable[..., Awaitable[str]],
    confirmed_doc: str,
) -> None:
    name = template.__name__

    @functools.wraps(template)
    async def write(**arguments: Any) -> Any:
        found = await reasons(**arguments)
        if found:
            raise refusal(name, found)
        return await apply(**arguments)

    @functools.wraps(template)
    async def confirmed(**arguments: Any) -> Any:
        return await apply(**arguments)

    confirmed.__name__ = f"{name}_confirmed"
    confirmed.__doc__ = confirmed_doc
    box.write(idempotent=True)(write)
    box.destructive(preview=describe, idempotent=True)(confirmed)
