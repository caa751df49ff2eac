"""An append-only file of JSON lines, for the single-process stores (shares, feedback).

Each record is one line appended and flushed, so a crash loses at most the line being written;
a damaged or half-written line is skipped on reading. `rewrite` replaces the whole file
atomically (temp file, fsync, rename) when a store drops what it no longer keeps.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


class RecordLog:
    """JSON objects, one a line, in `path` (its directory is made on the first write)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> list[dict]:
        """Every readable record, in the order written; a missing file is an empty log."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        records, damaged = [], 0
        for line in text.split("\n"):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                damaged += 1
                continue
            if isinstance(record, dict):
                records.append(record)
        if damaged:
            log.warning("%s: skipped %d damaged lines", self.path.name, damaged)
        return records

    def append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            file.flush()

    def rewrite(self, records: list[dict]) -> None:
        """Replace the file with `records`, atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as file:
            for record in records:
                file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
