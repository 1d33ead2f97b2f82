"""The monitor's hot modules compiled with mypyc, used only while they match their sources.

`make install` (and `make serve`/`test`/`bench`, when one of `MODULES` or the list changed) runs
`scripts/build_native.py`, which compiles `MODULES` into `_native/` beside this file and writes a
manifest of each source's SHA-256 last. `gatehouse.monitor` puts that folder at the front of its
search path (`enable`) only when the manifest matches every source and this interpreter, so an
edited module never runs stale compiled code: until the next build the monitor runs as plain
Python, with the same results (tested), only slower. `GATEHOUSE_NATIVE=0` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

__all__ = ["MODULES", "GROUP", "PACKAGE_DIR", "NATIVE_DIR", "MANIFEST", "digests", "manifest", "fresh", "enable", "active"]

# the per-request feature and state updates, scoring and cross-tenant linking
MODULES = ("text", "features", "state", "signals", "scorer", "fingerprint", "campaigns", "synchrony", "grouping", "linker",
           "kin", "engine")
GROUP = "gatehouse.monitor.compiled"  # the shared library is `compiled__mypyc`
PACKAGE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = PACKAGE_DIR / "_native"
MANIFEST = "manifest.json"


def digests(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """SHA-256 of each compiled module's source."""
    return {m: hashlib.sha256((package_dir / f"{m}.py").read_bytes()).hexdigest() for m in MODULES}


def manifest(package_dir: Path = PACKAGE_DIR) -> dict[str, object]:
    """What a build of the current sources records, and what `fresh` expects to find."""
    return {"python": sys.implementation.cache_tag, "modules": digests(package_dir)}


def fresh(native_dir: Path = NATIVE_DIR, package_dir: Path = PACKAGE_DIR) -> bool:
    """Whether `native_dir` holds a build of exactly the current sources for this interpreter."""
    try:  # a missing or torn manifest, or a missing source
        return bool(json.loads((native_dir / MANIFEST).read_text()) == manifest(package_dir))
    except (OSError, ValueError):
        return False


def enable(path: list[str]) -> bool:
    """Put the compiled modules ahead of the sources on the package's search `path` when they are
    fresh and not turned off; True when they were."""
    if os.environ.get("GATEHOUSE_NATIVE", "1") == "0" or not fresh():
        return False
    path.insert(0, str(NATIVE_DIR))
    return True


def active() -> bool:
    """Whether this process runs the compiled monitor core."""
    from gatehouse.monitor import state

    return not (state.__file__ or "").endswith(".py")
