"""Lean tool results: the fields a person asks about, never Home Assistant's whole object.

Every model drops ``None`` fields when serialised, so an absent value costs no tokens.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer


class Lean(BaseModel):
    # No return annotation on purpose: with one, pydantic would publish it as the output schema.
    @model_serializer(mode="wrap")
    def _drop_none(self, handler: SerializerFunctionWrapHandler):
        data = handler(self)
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


# --- entities -------------------------------------------------------------------------------


class EntitySummary(Lean):
    entity_id: str
    name: str | None = None
    state: str
    unit: str | None = None
    area: str | None = None
    attributes: dict[str, Any] | None = Field(
        default=None, description="Key attributes of its domain"
    )


class EntityDetail(Lean):
    entity_id: str
    name: str | None = None
    state: str
    unit: str | None = None
    area: str | None = None
    device: str | None = None
    platform: str | None = Field(default=None, description="Integration that provides it")
    last_changed: str | None = None
    last_updated: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    services: list[str] | None = Field(default=None, description="Services of its domain")


class Overview(Lean):
    version: str | None = None
    location: str | None = None
    state: str | None = Field(default=None, description="RUNNING when Home Assistant is fully up")
    entities: int
    domains: dict[str, int] = Field(description="Entities per domain")
    states: dict[str, dict[str, int]] | None = Field(
        default=None, description="Entities per state, for domains with a few states"
    )
    areas: dict[str, int] = Field(description="Entities per area")
    unavailable: list[str] = Field(description="Unavailable entities (first 25)")
    unavailable_count: int
    unknown_count: int
    problems: list[str] = Field(description="Repairs, logged errors, updates, low batteries")


class HAConfig(Lean):
    version: str | None = None
    state: str | None = None
    location_name: str | None = None
    time_zone: str | None = None
    country: str | None = None
    language: str | None = None
    units: dict[str, str] | None = None
    internal_url: str | None = None
    external_url: str | None = None
    safe_mode: bool | None = None
    recovery_mode: bool | None = None
    integrations: list[str] = Field(description="Loaded integrations (top-level domains)")


class TemplateResult(Lean):
    rendered: str


class ErrorLog(Lean):
    records: list[str] = Field(description="Newest last; a record may span several lines")
    matched: int = Field(description="Records matching the filter")
    total: int = Field(description="Records in the log")
    truncated: bool


# --- history --------------------------------------------------------------------------------


class Change(Lean):
    state: str
    at: str


class HistorySummary(Lean):
    entity_id: str
    unit: str | None = None
    changes: int = Field(description="State changes in the window")
    first: str | None = Field(default=None, description="State at the start of the window")
    last: str | None = Field(default=None, description="State at the end of the window")
    min: float | None = None
    max: float | None = None
    mean: float | None = Field(default=None, description="Time-weighted mean (numeric states)")
    time_in_state: dict[str, float] | None = Field(
        default=None, description="Seconds spent in each state (non-numeric states)"
    )
    recent: list[Change] = Field(default_factory=list, description="Latest changes, newest last")


class LogbookEntry(Lean):
    when: str
    name: str | None = None
    entity_id: str | None = None
    state: str | None = None
    message: str | None = None
    domain: str | None = None
    cause: str | None = Field(
        default=None, description="What triggered it, when Home Assistant knows"
    )


class StatisticsRow(Lean):
    start: str
    mean: float | None = None
    min: float | None = None
    max: float | None = None
    sum: float | None = None
    state: float | None = None
    change: float | None = None


class StatisticsSeries(Lean):
    statistic_id: str
    unit: str | None = None
    rows: list[StatisticsRow] = Field(description="Newest last, at most max_rows")
    total_rows: int
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    change: float | None = Field(
        default=None, description="Total change over the window (counters)"
    )


class Statistics(Lean):
    period: str
    series: list[StatisticsSeries]
    missing: list[str] = Field(default_factory=list, description="Ids with no statistics")


# --- registries -----------------------------------------------------------------------------


class Area(Lean):
    area_id: str
    name: str
    floor: str | None = None
    aliases: list[str] | None = None
    devices: int
    entities: int


class Device(Lean):
    id: str
    name: str
    manufacturer: str | None = None
    model: str | None = None
    area: str | None = None
    entities: list[str] = Field(description="Its entity ids (first 10)")
    disabled: bool | None = None


class Automation(Lean):
    entity_id: str
    name: str | None = None
    state: str
    last_triggered: str | None = None
    id: str | None = Field(default=None, description="Configuration id")


class Script(Lean):
    entity_id: str
    name: str | None = None
    state: str
    last_triggered: str | None = None


class Scene(Lean):
    entity_id: str
    name: str | None = None
    entities: list[str] = Field(default_factory=list, description="Entities it sets")


# --- services -------------------------------------------------------------------------------


class ServiceField(Lean):
    required: bool | None = None
    description: str | None = None
    example: Any = None


class ServiceInfo(Lean):
    service: str = Field(description="domain.service")
    description: str | None = None
    target: bool = Field(description="Takes entity_ids/area_ids")
    fields: dict[str, ServiceField] = Field(default_factory=dict)
    response: str | None = Field(
        default=None, description="'optional' or 'only' if it returns data"
    )


class DomainServices(Lean):
    domain: str
    services: list[str]


class ServiceResult(Lean):
    service: str
    states: list[EntitySummary] = Field(description="States of the targeted entities afterwards")
    response: Any = Field(default=None, description="Data the service returned, if any")
    message: str | None = None


class StateWait(Lean):
    entity_id: str
    state: str
    reached: bool
    waited_seconds: float


# --- Google Home ----------------------------------------------------------------------------


class CastDevice(Lean):
    entity_id: str
    name: str | None = None
    state: str
    app: str | None = None
    media_title: str | None = None
    volume: float | None = None


class CastDevices(Lean):
    items: list[CastDevice]
    message: str | None = None


class ActionResult(Lean):
    done: bool
    message: str
    targets: list[str] = Field(default_factory=list)
    responses: list[str] | None = None


# --- Tasmota --------------------------------------------------------------------------------


class TasmotaDeviceInfo(Lean):
    name: str
    url: str
    password_set: bool


class TasmotaWifi(Lean):
    ssid: str | None = None
    rssi_percent: int | None = None
    signal_dbm: int | None = None
    channel: int | None = None
    downtime: str | None = None


class TasmotaEnergy(Lean):
    power_w: float | None = None
    voltage_v: float | None = None
    current_a: float | None = None
    power_factor: float | None = None
    today_kwh: float | None = None
    yesterday_kwh: float | None = None
    total_kwh: float | None = None
    total_since: str | None = None


class TasmotaStatus(Lean):
    device: str
    friendly_name: str | None = None
    firmware: str | None = None
    hardware: str | None = None
    uptime: str | None = None
    restart_reason: str | None = None
    ip: str | None = None
    hostname: str | None = None
    power: dict[str, str] = Field(description="Relay -> ON/OFF")
    wifi: TasmotaWifi | None = None
    energy: TasmotaEnergy | None = None
    sensors: dict[str, Any] | None = Field(default=None, description="Other sensor readings")


class TasmotaPower(Lean):
    device: str
    power: dict[str, str]


class TasmotaCommandResult(Lean):
    device: str
    command: str
    response: dict[str, Any]


class HistoryReport(Lean):
    start: str
    end: str
    entities: list[HistorySummary]


class ServiceCatalog(Lean):
    domains: list[DomainServices] | None = Field(default=None, description="Without a domain: all")
    services: list[ServiceInfo] | None = Field(
        default=None, description="With a domain: its services"
    )
