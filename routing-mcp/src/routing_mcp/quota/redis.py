"""Redis quota store (several replicas): admission and settlement are Lua scripts, so each one
runs atomically on the server. Usage keys expire after their window is long past."""

from __future__ import annotations

import uuid

import redis.asyncio as aioredis

from routing_mcp.quota.base import Admission, Limits, Reservation, Usage, Window

# KEYS: reservations hash, day hash, week hash
# ARGV: id, day, week, cost, expires, now, day_limit, week_limit, day_budget, week_budget,
#       insert ('1' reserves; '0' only reads, for usage reports)
RESERVE = """
local now = tonumber(ARGV[6])
local rd, rw, cd, cw = 0, 0, 0.0, 0.0
local res = redis.call('HGETALL', KEYS[1])
for i = 1, #res, 2 do
  local day, week, cost, exp = string.match(res[i + 1], '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  if tonumber(exp) < now then
    redis.call('HDEL', KEYS[1], res[i])
  else
    if day == ARGV[2] then rd = rd + 1; cd = cd + tonumber(cost) end
    if week == ARGV[3] then rw = rw + 1; cw = cw + tonumber(cost) end
  end
end
local d = redis.call('HMGET', KEYS[2], 'requests', 'cost', 'tokens_in', 'tokens_out')
local w = redis.call('HMGET', KEYS[3], 'requests', 'cost', 'tokens_in', 'tokens_out')
local ud, sd = tonumber(d[1] or '0'), tonumber(d[2] or '0')
local uw, sw = tonumber(w[1] or '0'), tonumber(w[2] or '0')
local cost = tonumber(ARGV[4])
local refused = ''
if ARGV[7] ~= '' and ud + rd + 1 > tonumber(ARGV[7]) then refused = 'daily_requests'
elseif ARGV[8] ~= '' and uw + rw + 1 > tonumber(ARGV[8]) then refused = 'weekly_requests'
elseif ARGV[9] ~= '' and sd + cd + cost > tonumber(ARGV[9]) + 1e-12 then refused = 'daily_budget'
elseif ARGV[10] ~= '' and sw + cw + cost > tonumber(ARGV[10]) + 1e-12 then refused = 'weekly_budget'
end
if refused == '' and ARGV[11] == '1' then
  local record = ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4] .. '|' .. ARGV[5]
  redis.call('HSET', KEYS[1], ARGV[1], record)
end
return {refused, ud, tostring(sd), d[3] or '0', d[4] or '0', rd, tostring(cd),
        uw, tostring(sw), w[3] or '0', w[4] or '0', rw, tostring(cw)}
"""

# KEYS: reservations hash, day hash, week hash
# ARGV: id, tokens_in, tokens_out, cost, ttl_day, ttl_week
SETTLE = """
redis.call('HDEL', KEYS[1], ARGV[1])
for k = 2, 3 do
  redis.call('HINCRBY', KEYS[k], 'requests', 1)
  redis.call('HINCRBY', KEYS[k], 'tokens_in', ARGV[2])
  redis.call('HINCRBY', KEYS[k], 'tokens_out', ARGV[3])
  redis.call('HINCRBYFLOAT', KEYS[k], 'cost', ARGV[4])
end
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('EXPIRE', KEYS[3], ARGV[6])
return 1
"""

DAY_TTL = 120 * 86400
WEEK_TTL = 400 * 86400


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _opt(value: float | None) -> str:
    return "" if value is None else repr(value)


def _usage(values: list[bytes | str | int]) -> Usage:
    requests, cost, tin, tout, reserved, rcost = (
        v.decode() if isinstance(v, bytes) else v for v in values
    )
    return Usage(int(requests), float(cost), int(tin), int(tout), int(reserved), float(rcost))


class RedisQuotaStore:
    backend = "redis"

    def __init__(self, url: str, prefix: str = "routing") -> None:
        # A blocking pool waits for a free connection instead of failing under a burst.
        pool = aioredis.BlockingConnectionPool.from_url(url, max_connections=32, timeout=30)
        self._redis = aioredis.Redis(connection_pool=pool)
        self.prefix = prefix
        self._reserve = self._redis.register_script(RESERVE)
        self._settle = self._redis.register_script(SETTLE)

    def _keys(self, model: str, window: Window) -> list[str]:
        p = self.prefix
        return [
            f"{p}:res:{model}",
            f"{p}:day:{model}:{window.day}",
            f"{p}:week:{model}:{window.week}",
        ]

    async def _run_reserve(
        self,
        model: str,
        window: Window,
        limits: Limits,
        cost: float,
        expires: float,
        now: float,
        rid: str,
        insert: bool = True,
    ) -> tuple[str, Usage, Usage]:
        args = [
            rid,
            window.day,
            window.week,
            repr(cost),
            repr(expires),
            repr(now),
            _opt(limits.daily_requests),
            _opt(limits.weekly_requests),
            _opt(limits.daily_budget_usd),
            _opt(limits.weekly_budget_usd),
            "1" if insert else "0",
        ]
        out = await self._reserve(keys=self._keys(model, window), args=args)
        refused = out[0].decode() if isinstance(out[0], bytes) else str(out[0])
        return refused, _usage(out[1:7]), _usage(out[7:13])

    async def reserve(
        self, model: str, window: Window, limits: Limits, cost: float, now: float, ttl: float
    ) -> Admission:
        rid = uuid.uuid4().hex
        refused, day, week = await self._run_reserve(
            model, window, limits, cost, now + ttl, now, rid
        )
        if refused:
            return Admission(None, refused, day, week)
        return Admission(Reservation(rid, model, window, cost), None, day, week)

    async def settle(
        self, reservation: Reservation, tokens_in: int, tokens_out: int, cost: float
    ) -> tuple[Usage, Usage]:
        keys = self._keys(reservation.model, reservation.window)
        await self._settle(
            keys=keys, args=[reservation.id, tokens_in, tokens_out, repr(cost), DAY_TTL, WEEK_TTL]
        )
        return await self.usage(reservation.model, reservation.window, 0.0)

    async def release(self, reservation: Reservation) -> None:
        await self._redis.hdel(f"{self.prefix}:res:{reservation.model}", reservation.id)

    async def usage(self, model: str, window: Window, now: float) -> tuple[Usage, Usage]:
        _, day, week = await self._run_reserve(
            model, window, Limits(), 0.0, 0.0, now, "", insert=False
        )
        return day, week

    async def daily(self, model: str, day: str) -> Usage:
        raw = await self._redis.hmget(
            f"{self.prefix}:day:{model}:{day}", ["requests", "cost", "tokens_in", "tokens_out"]
        )
        return _usage([v or b"0" for v in raw] + [0, "0"])

    async def reset(self, model: str, window: Window, which: str) -> None:
        _, day_key, week_key = self._keys(model, window)
        if which in ("day", "both"):
            await self._redis.delete(day_key)
        if which in ("week", "both"):
            await self._redis.delete(week_key)

    async def first_alert(self, key: str) -> bool:
        return bool(await self._redis.sadd(f"{self.prefix}:alerts", key))

    async def limit_overrides(self) -> dict[str, dict[str, float | None]]:
        raw = await self._redis.hgetall(f"{self.prefix}:limits")
        out: dict[str, dict[str, float | None]] = {}
        for key, value in raw.items():
            model, _, field = _text(key).partition("|")
            text = _text(value)
            out.setdefault(model, {})[field] = None if text == "" else float(text)
        return out

    async def set_limit(self, model: str, field: str, value: float | None) -> None:
        await self._redis.hset(f"{self.prefix}:limits", f"{model}|{field}", _opt(value))

    async def live_reservations(self, now: float) -> int:
        count = 0
        async for key in self._redis.scan_iter(f"{self.prefix}:res:*"):
            for value in (await self._redis.hgetall(key)).values():
                if float(_text(value).rsplit("|", 1)[1]) >= now:
                    count += 1
        return count

    async def ping(self) -> bool:
        return bool(await self._redis.ping())

    async def aclose(self) -> None:
        await self._redis.aclose()
        await self._redis.connection_pool.disconnect()  # a pool we passed in is ours to close
