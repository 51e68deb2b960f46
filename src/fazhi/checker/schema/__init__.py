"""The JSON Schema of the checker's output, "fazhi.check/1"."""

import functools
import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("check-1.json")


@functools.cache
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
