"""Compile the monitor's hot modules with mypyc into gatehouse/monitor/_native
(see `gatehouse.monitor.native`). Run by `make`; exits non-zero when the build fails, leaving the
monitor on plain Python.

    python scripts/build_native.py
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    os.chdir(ROOT)  # mypyc names each module by its path from here
    sys.path.insert(0, str(ROOT))
    from gatehouse.monitor import native

    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError as e:
        print(f"build_native: {e.name} is not installed; the monitor runs as plain Python", file=sys.stderr)
        return 1
    started = time.monotonic()
    expected = native.manifest()  # of the sources as they are when the build starts
    with tempfile.TemporaryDirectory(prefix="gatehouse-native-") as tmp:
        work = Path(tmp)
        os.environ["MYPY_CACHE_DIR"] = str(work / "mypy-cache")
        sources = [f"gatehouse/monitor/{m}.py" for m in native.MODULES]
        extensions = mypycify(sources, opt_level="3", group_name=native.GROUP, target_dir=str(work / "c"))
        dist = Distribution({"name": "gatehouse-native", "ext_modules": extensions})
        build = dist.get_command_obj("build_ext")
        build.build_lib = str(work / "lib")  # type: ignore[attr-defined]
        build.build_temp = str(work / "tmp")  # type: ignore[attr-defined]
        build.ensure_finalized()
        build.run()
        built = work / "lib" / "gatehouse" / "monitor"
        staged = native.NATIVE_DIR.with_name("_native.new")
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir()
        for lib in built.iterdir():
            shutil.copy2(lib, staged / lib.name)
        # the manifest goes in last: a build cut short is never taken for a fresh one
        (staged / native.MANIFEST).write_text(json.dumps(expected, indent=1, sort_keys=True))
        shutil.rmtree(native.NATIVE_DIR, ignore_errors=True)
        staged.rename(native.NATIVE_DIR)
    print(f"build_native: compiled {len(native.MODULES)} monitor modules in {time.monotonic() - started:.0f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
