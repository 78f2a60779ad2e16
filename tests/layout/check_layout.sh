#!/usr/bin/env bash
# Keeps the docs' map of the tree true: every module directory directly under src/ must be
# named, in backticks (`name`), in README.md's "Architecture" section and in CONTRIBUTING.md's
# "Layout" section. A section runs from its heading to the next heading of the same or a
# higher level. Fenced code blocks are skipped: a `#` line in one is no heading, and a name
# written in one does not count (backticks there are literal text, not code spans).
#
#   bash tests/layout/check_layout.sh [ROOT]     # ROOT: the repository root, default: .
#
# Prints one line per missing name and closes with "N passed, M failed" (N + M = modules).
set -euo pipefail

root=${1:-.}
src="$root/src"

# section FILE TITLE: prints the body of the Markdown section whose heading text starts with
# TITLE (case-insensitive), outside code fences; prints nothing when there is no such heading.
section() {
  awk -v title="$2" '
    BEGIN { title = tolower(title) }
    /^ *(```|~~~)/ {
      fence = !fence
      next
    }
    fence { next }
    /^#+[ \t]/ {
      match($0, /^#+/)
      level = RLENGTH
      sub(/^#+[ \t]+/, "")
      if (inside && level <= depth) exit
      if (!inside && index(tolower($0), title) == 1) { inside = 1; depth = level; next }
    }
    inside { print }
  ' "$1"
}

if [[ ! -d "$src" ]]; then
  echo "check_layout: no src/ directory under '$root'" >&2
  exit 1
fi

declare -A sections=(
  [README.md]="Architecture"
  [CONTRIBUTING.md]="Layout"
)
# A missing file or section leaves its text empty, so every module then fails against it.
declare -A text
for file in README.md CONTRIBUTING.md; do
  text[$file]=""
  if [[ ! -f "$root/$file" ]]; then
    echo "FAIL $file: the file is missing"
    continue
  fi
  text[$file]=$(section "$root/$file" "${sections[$file]}")
  if [[ -z "${text[$file]//[[:space:]]/}" ]]; then
    echo "FAIL $file: no \"${sections[$file]}\" section (a heading whose text starts with it)"
  fi
done

mapfile -t modules < <(find "$src" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | LC_ALL=C sort)
if (( ${#modules[@]} == 0 )); then
  echo "check_layout: no module directories under $src" >&2
  exit 1
fi

passed=0
failed=0
for module in "${modules[@]}"; do
  ok=1
  for file in README.md CONTRIBUTING.md; do
    if ! grep -qF -- "\`$module\`" <<<"${text[$file]}"; then
      echo "FAIL src/$module/: \`$module\` is not named in $file (section \"${sections[$file]}\")"
      ok=0
    fi
  done
  if (( ok )); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
(( failed == 0 ))
