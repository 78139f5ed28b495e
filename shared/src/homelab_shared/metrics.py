"""Prometheus metrics that cost nothing until someone can read them.

Metrics are declared at import (``counter``, ``gauge``, ``histogram``) but ``prometheus_client``
(18 modules, ~1 MiB) is imported and the collectors are made only when the registry is first
needed: the first recorded value, or the first ``/metrics`` scrape. Only the HTTP transports
serve ``/metrics``; over stdio nobody can read a metric, so the runner calls :func:`disable` and
every ``labels(...)`` returns a child that records nothing (and ``prometheus_client`` is never
imported). In-process use (tests, an embedding application) records as before.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry


class CounterChild(Protocol):
    def inc(self, amount: float = 1) -> None: ...


class GaugeChild(Protocol):
    def inc(self, amount: float = 1) -> None: ...
    def dec(self, amount: float = 1) -> None: ...
    def set(self, value: float) -> None: ...


class HistogramChild(Protocol):
    def observe(self, amount: float) -> None: ...


class _Nothing:
    """The child of a disabled metric."""

    def inc(self, amount: float = 1) -> None:
        pass

    def dec(self, amount: float = 1) -> None:
        pass

    def set(self, value: float) -> None:
        pass

    def observe(self, amount: float) -> None:
        pass


NOTHING = _Nothing()
Child = TypeVar("Child", CounterChild, GaugeChild, HistogramChild)
Kind = Literal["Counter", "Gauge", "Histogram"]

_lock = threading.Lock()
_declared: list[Metric[Any]] = []
_registry: CollectorRegistry | None = None
_enabled = True


class Metric(Generic[Child]):
    """A labelled collector made in the shared registry on first use."""

    def __init__(self, kind: Kind, name: str, doc: str, labels: list[str], **options: Any):
        self._spec = (kind, name, doc, labels, options)
        self._real: Any = None
        with _lock:
            _declared.append(self)
            if _registry is not None:  # declared after the registry was made
                self._make(_registry)

    def _make(self, registry: CollectorRegistry) -> None:
        import prometheus_client

        kind, name, doc, labels, options = self._spec
        make = getattr(prometheus_client, kind)
        self._real = make(name, doc, labels, registry=registry, **options)

    def _collector(self) -> Any:
        if self._real is None:
            registry()
        return self._real

    def labels(self, *values: str) -> Child:
        if not _enabled:
            return cast(Child, NOTHING)
        return cast(Child, self._collector().labels(*values))

    def remove(self, *values: str) -> None:
        """Stop exporting one label set (KeyError if it never was, as prometheus_client)."""
        if not _enabled:
            raise KeyError(values)
        self._collector().remove(*values)


def counter(name: str, doc: str, labels: list[str]) -> Metric[CounterChild]:
    return Metric("Counter", name, doc, labels)


def gauge(name: str, doc: str, labels: list[str]) -> Metric[GaugeChild]:
    return Metric("Gauge", name, doc, labels)


def histogram(
    name: str, doc: str, labels: list[str], buckets: tuple[float, ...]
) -> Metric[HistogramChild]:
    return Metric("Histogram", name, doc, labels, buckets=buckets)


def registry() -> CollectorRegistry:
    """The registry every metric of the process is in (made, with every collector, on first use)."""
    global _registry
    with _lock:
        if _registry is None:
            from prometheus_client import CollectorRegistry

            made = CollectorRegistry(auto_describe=True)
            for metric in _declared:
                metric._make(made)
            _registry = made
        return _registry


def disable() -> None:
    """Nobody can read the metrics (stdio): record nothing, never import prometheus_client."""
    global _enabled
    _enabled = False


def exposition() -> tuple[bytes, str]:
    """The ``/metrics`` body and its content type."""
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    return generate_latest(registry()), CONTENT_TYPE_LATEST
