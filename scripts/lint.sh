#!/usr/bin/env bash
# make lint: what CONTRIBUTING's rules ask, checked by tools. Exits non-zero on any finding.
#  1. clang-format (--dry-run --Werror) on every tracked C++ file.
#  2. clang-tidy (.clang-tidy's checks) on the C++ files changed since the base: LINT_BASE if set,
#     else the merge base with origin/main, else the previous commit (a clean clone of main checks
#     its newest commit's files). Needs build/compile_commands.json (make configure writes it).
#  3. The web client: tsc --noEmit and ESLint (npm --prefix web run lint).
#  4. Chinese in src/ (outside comments and tests) only where scripts/chinese-allowed.txt says:
#     sentences belong in the message catalogues, not in services.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
echo "== clang-format"
mapfile -t cpp < <(git ls-files '*.cpp' '*.h' | grep -E '^(src|bench|fuzz)/')
if ! clang-format --dry-run --Werror "${cpp[@]}"; then
  echo "lint: run 'make format' to apply clang-format" >&2
  status=1
fi

echo "== clang-tidy (changed files)"
base=${LINT_BASE:-}
if [ -z "$base" ]; then
  base=$(git merge-base HEAD origin/main 2>/dev/null || true)
  if [ -z "$base" ] || [ "$base" = "$(git rev-parse HEAD)" ]; then base=$(git rev-parse HEAD~1 2>/dev/null || git rev-parse HEAD); fi
fi
mapfile -t changed < <({ git diff --name-only --diff-filter=AM "$base" -- 'src/*.cpp' 'bench/*.cpp'; \
                          git ls-files --others --exclude-standard -- 'src/*.cpp' 'bench/*.cpp'; } | sort -u)
if ((${#changed[@]} == 0)); then
  echo "no C++ file changed since ${base:0:12}"
elif [ ! -f build/compile_commands.json ]; then
  echo "lint: build/compile_commands.json is missing (make configure)" >&2
  status=1
else
  echo "${#changed[@]} file(s) changed since ${base:0:12}"
  for file in "${changed[@]}"; do
    [ -f "$file" ] || continue
    # GCC-only warning flags in the compile commands are not clang-tidy's business.
    output=$(clang-tidy -p build --quiet --extra-arg=-Wno-unknown-warning-option "$file" 2>/dev/null || true)
    findings=$(grep -E '^[^ ].*: (warning|error): ' <<< "$output" || true)
    if [ -n "$findings" ]; then
      echo "$findings"
      status=1
    fi
  done
fi

echo "== Chinese only in catalogues and vocabularies (scripts/chinese-allowed.txt)"
mapfile -t allowed < <(grep -v '^#' scripts/chinese-allowed.txt | awk 'NF {print $1}')
while IFS= read -r file; do
  ok=0
  for glob in "${allowed[@]}"; do
    if [[ $file == $glob ]]; then ok=1; break; fi
  done
  # A line counts when Chinese comes before any // (comments may explain in Chinese).
  if ((ok == 0)) && grep -nP '^(?:(?!//).)*[\x{4e00}-\x{9fff}]' "$file" | sed "s|^|$file:|" | head -5 | grep .; then
    status=1
  fi
done < <(git ls-files 'src/*.cpp' 'src/*.h' | grep -v '_test\.cpp$' | xargs grep -lP '[\x{4e00}-\x{9fff}]' || true)

echo "== web (tsc --noEmit, ESLint)"
npm --prefix web run --silent lint || status=1

if ((status == 0)); then echo "lint: clean"; fi
exit $status
