"""The parameters of every method the TrueNAS stand-in serves, as TrueNAS 25.04 defines them.

Transcribed from the 25.04 API reference (api.truenas.com/v25.04: each method's "Tuple Validation"
parameters) and middlewared's ``api/v25_04_0`` models. middlewared validates a call's positional
``params`` against such a model (pydantic, ``extra="forbid"``, ``strict=True``: ``1`` is not a
string, an unknown option is refused) and answers a mismatch with JSON-RPC ``-32602 Invalid params``
whose ``data.extra`` lists ``[attribute, message, errno]``. The stand-in does the same, so a call
TrueNAS would reject fails the test that makes it. A method missing from :data:`METHODS` is
answered ``-32601 Method not found``, as TrueNAS answers an unknown method.

Only the fields the server sends are modelled for the large create payloads
(``pool.dataset.create`` has ~50 optional fields); a field added to the server must be added here
from the reference before its test passes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

GIB = 1024**3
# middlewared/utils/filter_list.py: the comparison operators a query filter may use
FILTER_OPS = {
    *("=", "!=", ">", ">=", "<", "<=", "~", "in", "nin", "rin", "rnin", "^", "!^", "$", "!$"),
    *("C=", "C!=", "C~", "Cin", "Cnin", "Crin", "Crnin", "C^", "C!^", "C$", "C!$"),
}
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def check_filters(filters: list[Any]) -> list[Any]:
    for flt in filters:
        if not isinstance(flt, list):
            raise ValueError(f"filter {flt!r} is not a list")
        if len(flt) == 2 and flt[0] == "OR":
            if not isinstance(flt[1], list) or not flt[1]:
                raise ValueError("an OR filter needs a list of filters")
            check_filters(flt[1])
            continue
        if len(flt) != 3 or not isinstance(flt[0], str) or flt[1] not in FILTER_OPS:
            raise ValueError(f"invalid filter {flt!r}")
    return filters


class QueryOptions(Strict):
    relationships: bool = True
    extend: str | None = None
    extend_context: str | None = None
    prefix: str | None = None
    extra: dict[str, Any] = {}
    order_by: list[str] = []
    select: list[str | list[Any]] = []
    count: bool = False
    get: bool = False
    offset: int = 0
    limit: int = 0
    force_sql_filters: bool = False


class QueryArgs(Strict):
    filters: list[Any] = []
    options: QueryOptions = QueryOptions()

    @field_validator("filters")
    @classmethod
    def _filters(cls, value: list[Any]) -> list[Any]:
        return check_filters(value)


class NoArgs(Strict):
    pass


class LoginWithApiKey(Strict):
    api_key: str


class LoginOptions(Strict):
    user_info: bool = True


class ApiKeyPlain(Strict):
    mechanism: Literal["API_KEY_PLAIN"]
    username: str
    api_key: str
    login_options: LoginOptions = LoginOptions()


class TokenPlain(Strict):
    mechanism: Literal["TOKEN_PLAIN"]
    token: str
    login_options: LoginOptions = LoginOptions()


class LoginEx(Strict):
    login_data: ApiKeyPlain | TokenPlain


class Subscribe(Strict):
    event: str


class AlertUuid(Strict):
    uuid: str


class TrainAttrs(Strict):
    train: str | None = None


class CheckAvailable(Strict):
    attrs: TrainAttrs = TrainAttrs()


class Temperatures(Strict):
    name: list[str]
    include_thresholds: bool = False


class AppName(Strict):
    app_name: NonEmpty


class AppVersion(Strict):
    app_version: NonEmpty = "latest"


class UpgradeSummary(AppName):
    options: AppVersion = AppVersion()


class UpgradeOptions(AppVersion):
    values: dict[str, Any] = {}


class AppUpgrade(AppName):
    options: UpgradeOptions = UpgradeOptions()


class SnapshotCreateBase(Strict):
    dataset: NonEmpty
    recursive: bool = False
    exclude: list[str] = []
    vmware_sync: bool = False
    properties: dict[str, Any] = {}


class SnapshotWithName(SnapshotCreateBase):
    name: NonEmpty


class SnapshotWithSchema(SnapshotCreateBase):
    naming_schema: NonEmpty


class SnapshotCreate(Strict):
    data: SnapshotWithName | SnapshotWithSchema


COMPRESSION = Literal[
    "ON", "OFF", "LZ4", "GZIP", "GZIP-1", "GZIP-9", "ZSTD", "ZSTD-FAST", "ZLE", "LZJB", "INHERIT"
]


class DatasetCreateData(Strict):
    name: NonEmpty
    type: Literal["FILESYSTEM", "VOLUME"] = "FILESYSTEM"
    compression: COMPRESSION = "INHERIT"
    quota: int | None = None
    comments: str = "INHERIT"

    @field_validator("quota")
    @classmethod
    def _quota(cls, value: int | None) -> int | None:
        # middlewared: Int('quota', null=True, validators=[Or(Range(min=1024 ** 3), Exact(0))])
        if value not in (None, 0) and value < GIB:
            raise ValueError("quota must be 0 or at least 1 GiB (1073741824)")
        return value


class DatasetCreate(Strict):
    data: DatasetCreateData


class ById(Strict):
    id: str


class SnapshotDeleteOptions(Strict):
    defer: bool = False
    recursive: bool = False


class SnapshotDelete(ById):
    options: SnapshotDeleteOptions = SnapshotDeleteOptions()


class RollbackOptions(Strict):
    recursive: bool = False
    recursive_clones: bool = False
    force: bool = False
    recursive_rollback: bool = False


class SnapshotRollback(ById):
    options: RollbackOptions = RollbackOptions()


class DatasetDeleteOptions(Strict):
    recursive: bool = False
    force: bool = False


class DatasetDelete(ById):
    options: DatasetDeleteOptions = DatasetDeleteOptions()


class DiskRun(Strict):
    identifier: str
    mode: Literal["FOREGROUND", "BACKGROUND"] = "BACKGROUND"
    type: Literal["LONG", "SHORT", "CONVEYANCE", "OFFLINE"]


class ManualTest(Strict):
    disks: list[DiskRun]


class Scrub(Strict):
    name: str
    action: Literal["START", "STOP", "PAUSE"] = "START"


QUERIES = [
    "core.get_jobs",
    "pool.query",
    "pool.dataset.query",
    "pool.snapshot.query",
    "pool.snapshottask.query",
    "replication.query",
    "disk.query",
    "smart.test.results",
    "sharing.smb.query",
    "sharing.nfs.query",
    "app.query",
]
METHODS: dict[str, type[Strict]] = {
    **dict.fromkeys(QUERIES, QueryArgs),
    "auth.login_with_api_key": LoginWithApiKey,
    "auth.login_ex": LoginEx,
    "system.version_short": NoArgs,
    "system.version": NoArgs,
    "system.info": NoArgs,
    "core.subscribe": Subscribe,
    "alert.list": NoArgs,
    "alert.dismiss": AlertUuid,
    "update.check_available": CheckAvailable,
    "disk.temperatures": Temperatures,
    "app.upgrade_summary": UpgradeSummary,
    "app.start": AppName,
    "app.stop": AppName,
    "app.upgrade": AppUpgrade,
    "pool.snapshot.create": SnapshotCreate,
    "pool.dataset.create": DatasetCreate,
    "pool.snapshot.delete": SnapshotDelete,
    "pool.snapshot.rollback": SnapshotRollback,
    "pool.dataset.delete": DatasetDelete,
    "smart.test.manual_test": ManualTest,
    "pool.scrub.scrub": Scrub,
}


def invalid(method: str, extra: list[list[Any]]) -> dict[str, Any]:
    reason = "; ".join(f"{e[0]}: {e[1]}" for e in extra)
    return {
        "code": -32602,
        "message": "Invalid params",
        "data": {
            "error": 22,
            "errname": "EINVAL",
            "reason": f"[EINVAL] {reason}",
            "trace": {"class": "ValidationErrors", "frames": [], "formatted": "", "repr": ""},
            "extra": extra,
        },
    }


def check(method: str, params: Any) -> dict[str, Any] | None:
    """None if TrueNAS 25.04 accepts ``params`` for ``method``, else the JSON-RPC error it sends."""
    model = METHODS.get(method)
    if model is None:
        return {"code": -32601, "message": "Method not found"}
    if not isinstance(params, list):
        return invalid(method, [[method, "params must be an array", 22]])
    names = list(model.model_fields)
    if len(params) > len(names):
        return invalid(method, [[method, f"takes {len(names)} arguments, got {len(params)}", 22]])
    try:
        # JSON in, as on the wire: strict mode then checks types as middlewared does
        model.model_validate_json(json.dumps(dict(zip(names, params, strict=False))))
    except ValidationError as err:
        extra = [
            [".".join([method, *(str(p) for p in e["loc"])]), e["msg"], 22] for e in err.errors()
        ]
        return invalid(method, extra)
    return None
