"""What a drop or File ▸ Open brings in: documents to queue, and files we cannot read.

Runs on a worker lane (it walks folders and reads each file's first bytes); the GUI gets the
two lists back. Folders are walked recursively; hidden files and folders are skipped; a file
is accepted by its content (:func:`spaceocr.core.documents.sniff_kind`), not its extension.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Intake:
    """The files found: ``accepted`` in order, ``rejected`` as (path, reason code)."""

    accepted: tuple[Path, ...]
    rejected: tuple[tuple[Path, str], ...]


def _walk(root: Path) -> Iterable[Path]:
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _classify(path: Path) -> str | None:
    """None when ``path`` looks like a document we read, else the reason code."""
    from spaceocr.core.documents import sniff_kind

    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        return "not_found"
    except PermissionError:
        return "permission_denied"
    except OSError:
        return "corrupt_file"
    if not head:
        return "empty_file"
    return None if sniff_kind(head) is not None else "unsupported_type"


def collect_documents(paths: Iterable[str | os.PathLike[str]]) -> Intake:
    """Expand files and folders into the documents to queue.

    Args:
        paths: files and folders (a drop's URLs, File ▸ Open's choice, the command line).

    Returns:
        The accepted documents (each once, in the order given, folders sorted) and the
        rejected files with the code of the reason.
    """
    accepted: list[Path] = []
    rejected: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        candidates = _walk(p) if p.is_dir() else (p,)
        for c in candidates:
            key = c.resolve() if c.exists() else c
            if key in seen:
                continue
            seen.add(key)
            reason = _classify(c)
            if reason is None:
                accepted.append(c)
            else:
                rejected.append((c, reason))
    logger.info("intake: %d documents, %d rejected", len(accepted), len(rejected))
    return Intake(tuple(accepted), tuple(rejected))
