"""Quota stores: exact admission under concurrency (reserve, then settle or release)."""

from routing_mcp.quota.base import Admission, Limits, QuotaStore, Reservation, Usage, Window

__all__ = ["Admission", "Limits", "QuotaStore", "Reservation", "Usage", "Window"]
