#!/usr/bin/env bash
# Recompute every tilse score in golden.json with tilse 0.2.1 and Perl ROUGE-1.5.5, in a
# throwaway venv outside the repository (tilse is not a dependency of dateline).
#   bash tests/evaluate/golden/regenerate.sh [T17 folder] [output file]
# Defaults: ../shared/data/t17 beside the repository, and golden.json itself. Needs
# python3.11, perl with DB_File and XML::Parser (Debian: libxml-parser-perl) and PyPI.
# Not part of the test suite: it takes about six minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
t17="${1:-$repo/../shared/data/t17}"
output="${2:-$here/golden.json}"
venv="${TILSE_VENV:-/tmp/tilse-venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3.11 -m venv "$venv"
    "$venv/bin/pip" install --quiet --no-deps tilse==0.2.1
    "$venv/bin/pip" install --quiet numpy scipy nltk
fi
chmod +x "$venv"/lib/python3.11/site-packages/pyrouge/tools/ROUGE-1.5.5/ROUGE-1.5.5.pl
"$venv/bin/python" "$here/make_golden.py" "$t17" --recompute --output "$output"
