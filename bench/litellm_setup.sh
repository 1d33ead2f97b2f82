#!/usr/bin/env bash
# Install LiteLLM's proxy (the comparison reference) into its own virtualenv, bench/.venv-litellm.
# Idempotent: does nothing when the pinned version is already there. Exit 0 on success.
#   bash bench/litellm_setup.sh            # or: make bench (bench/run.py calls this when needed)
set -euo pipefail
LITELLM_VERSION="${LITELLM_VERSION:-1.108.7}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${LITELLM_VENV:-$HERE/.venv-litellm}"
PY="${PYTHON:-python3}"

if [ -x "$VENV/bin/litellm" ] && "$VENV/bin/python" - "$LITELLM_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("litellm") == sys.argv[1] else 1)
PY
then
  echo "litellm $LITELLM_VERSION already installed in $VENV"
  exit 0
fi

echo "installing litellm[proxy]==$LITELLM_VERSION into $VENV ..."
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
# uvloop is what its production image runs; orjson is used by the proxy when present.
"$VENV/bin/pip" install -q "litellm[proxy]==$LITELLM_VERSION" uvloop
"$VENV/bin/litellm" --version >/dev/null 2>&1 || true
echo "litellm $LITELLM_VERSION installed in $VENV"
