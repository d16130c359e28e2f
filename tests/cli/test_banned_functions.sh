# STYLE.md §5: sprintf, vsprintf, strcpy, strcat, strncpy, atoi, atol and
# gets are not used outside tests/ (cdk_buf, snprintf and strtol instead).
set -uo pipefail
cd "${CLAIMDESK_SOURCE_DIR:?}" || exit 1
if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
    files=$(git ls-files '*.c' '*.h' | grep -v '^tests/')
else
    files=$(find . -path ./tests -prune -o -path './build*' -prune -o \
        \( -name '*.c' -o -name '*.h' \) -print)
fi
[ -n "$files" ] || { echo "no sources found" >&2; exit 1; }
# Comments quoting a banned name with '(' would trip this too: reword them.
hits=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strncpy|atoi|atol|gets)[[:space:]]*\(' $files)
if [ -n "$hits" ]; then
    echo "banned functions used (see STYLE.md §5):" >&2
    echo "$hits" >&2
    exit 1
fi
exit 0
