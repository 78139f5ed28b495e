"""Notifications: Home Assistant's persistent notifications (list, dismiss) and sending one.

Sending is a write. A notify entity goes through ``notify.send_message`` (allow-listed, judged
like call_service). A legacy ``notify.<service>`` (the Companion app's ``mobile_app_*``) is not on
the allow-list because the app obeys special messages ("command_dnd", "request_location_update"
...) and data payloads; this tool sends it only a title and a plain text, and refuses those
command words, which confines it to showing a message on a phone. Other legacy services are not
confined by that (``notify.google_assistant_sdk`` says the message aloud on every Google speaker,
Alexa Media's speaks it): they are judged like call_service, so destructive unless the operator
vouches for them in HA_SAFE_SERVICES.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Annotated

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp import data_client
from home_assistant_mcp.calls import execute, prepare, refuse_if_sensitive
from home_assistant_mcp.models import ActionResult
from home_assistant_mcp.models_data import Notification
from home_assistant_mcp.tools import ENTITY_ID, Deps
from homelab_shared.errors import SafetyRefusal
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

TEXT = 500
# Messages the Companion apps execute instead of showing (their documented notification commands).
APP_COMMAND = re.compile(
    r"^\s*(command_\w+|clear_notification|remove_channel|request_location_update|tts)\s*$",
    re.IGNORECASE,
)
LEGACY = re.compile(r"^[a-z0-9_]+$")
TEXT_ONLY = re.compile(r"^(mobile_app_[a-z0-9_]+|persistent_notification)$")  # see the module doc


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_notifications(limit: Limit = 20, offset: Offset = 0) -> Page[Notification]:
        """Home Assistant's persistent notifications (the bell in the UI), newest first."""
        raw = await data_client.notifications(deps.ha())
        raw.sort(key=lambda n: str(n.get("created_at") or ""), reverse=True)
        items = [
            Notification(
                notification_id=str(n.get("notification_id")),
                title=n.get("title") or None,
                message=str(n.get("message") or "")[:TEXT],
                created_at=n.get("created_at"),
            )
            for n in raw
        ]
        return paginate(items, limit, offset)

    @box.write(idempotent=True)
    async def dismiss_notification(
        notification_id: Annotated[
            str, Field(min_length=1, max_length=255, description="From list_notifications")
        ],
    ) -> ActionResult:
        """Dismiss (remove) one persistent notification."""
        ha = deps.ha()
        known = {str(n.get("notification_id")) for n in await data_client.notifications(ha)}
        if notification_id not in known:
            raise ToolError(
                f"No notification {notification_id!r}; list_notifications shows the current ones."
            )
        data = {"notification_id": notification_id}
        call = await prepare(ha, "persistent_notification", "dismiss", data=data)
        await refuse_if_sensitive(ha, call, deps.policy)
        await execute(ha, call)
        return ActionResult(done=True, message=f"dismissed {notification_id}")

    @box.write()
    async def send_notification(
        message: Annotated[str, Field(min_length=1, max_length=2000, description="Plain text")],
        title: Annotated[str | None, Field(description="Title")] = None,
        target: Annotated[
            str | None,
            Field(description="notify.* entity or notify service (mobile_app_x); default: HA UI"),
        ] = None,
    ) -> ActionResult:
        """Send a text notification to a phone, a notify entity or Home Assistant's UI."""
        if APP_COMMAND.match(message):
            raise SafetyRefusal(
                f"{message.strip()!r} is a command word of the Companion app, which would act on "
                "the phone instead of showing it; not sent. Rephrase the message."
            )
        ha = deps.ha()
        fields = {"message": message, **({"title": title} if title else {})}
        if target is None:
            call = await prepare(ha, "persistent_notification", "create", data=fields)
            await refuse_if_sensitive(ha, call, deps.policy)
        elif re.fullmatch(ENTITY_ID, target) and target.startswith("notify."):
            call = await prepare(ha, "notify", "send_message", entity_ids=[target], data=fields)
            await refuse_if_sensitive(ha, call, deps.policy)
        elif LEGACY.fullmatch(target) and target != "send_message":
            # A phone's text is confined by construction (plain text, no data, command words
            # refused): see above. Still judged: the operator's sensitive list (notify.* or this
            # service) applies as to any other call, and other legacy services are judged plainly.
            call = await prepare(ha, "notify", target, data=fields)
            policy = deps.policy
            if TEXT_ONLY.fullmatch(target):
                policy = replace(policy, safe=(*policy.safe, call.name))
            await refuse_if_sensitive(ha, call, policy)
        else:
            raise ToolError(
                f"target {target!r} is neither a notify.* entity nor a notify service name "
                "(e.g. mobile_app_phone); leave it empty for a Home Assistant notification."
            )
        await execute(ha, call)
        where = target or "Home Assistant (persistent notification)"
        return ActionResult(done=True, message=f"sent to {where}", targets=[where])
