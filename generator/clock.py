"""The build clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now. UTC."""

from __future__ import annotations

import datetime as dt
import os


def source_date_epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def build_time() -> dt.datetime:
    return source_date_epoch() or dt.datetime.now(dt.UTC)
