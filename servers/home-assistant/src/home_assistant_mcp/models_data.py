"""Lean results of the calendar, to-do, weather, energy and notification tools."""

from __future__ import annotations

from pydantic import Field

from home_assistant_mcp.models import Lean


class CalendarInfo(Lean):
    entity_id: str
    name: str | None = None
    busy: bool | None = Field(default=None, description="An event is on now")


class CalendarEvent(Lean):
    calendar: str
    summary: str
    start: str
    end: str
    all_day: bool | None = None
    location: str | None = None
    description: str | None = None
    uid: str | None = None
    recurring: bool | None = None


class CalendarEvents(Lean):
    start: str
    end: str
    events: list[CalendarEvent] = Field(description="Soonest first")
    total: int
    truncated: bool


class TodoItem(Lean):
    summary: str
    status: str = Field(description="needs_action or completed")
    due: str | None = None
    description: str | None = None
    uid: str | None = None


class TodoItems(Lean):
    entity_id: str
    items: list[TodoItem]
    total: int
    open: int = Field(description="Items still to do")
    truncated: bool


class Forecast(Lean):
    at: str
    condition: str | None = None
    temperature: float | None = None
    templow: float | None = None
    precipitation: float | None = None
    precipitation_probability: float | None = None
    wind_speed: float | None = None
    humidity: float | None = None


class WeatherForecast(Lean):
    entity_id: str
    kind: str
    units: dict[str, str] | None = Field(default=None, description="temperature, wind, rain")
    forecast: list[Forecast]


class EnergyFlow(Lean):
    kind: str = Field(description="grid_import, grid_export, solar, battery_in, gas, device...")
    statistic_id: str
    name: str | None = None
    total: float | None = Field(default=None, description="Change over the period; none: no data")
    unit: str | None = None


class EnergySummary(Lean):
    start: str
    end: str
    sources: list[EnergyFlow] = Field(description="Grid, solar, battery, gas and water")
    devices: list[EnergyFlow] = Field(description="Individual devices, largest first")
    devices_total: int
    message: str | None = None


class Notification(Lean):
    notification_id: str
    title: str | None = None
    message: str
    created_at: str | None = None
