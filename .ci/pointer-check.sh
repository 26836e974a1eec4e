#!/usr/bin/env bash
# Fails when Swift code in Sources/ touches raw memory outside the allow-listed paths in
# .ci/pointer-allowlist (the Bytes target and the system-call wrappers), listing file:line.
#
#   .ci/pointer-check.sh
#
# Raw memory here means pointer types, withUnsafe*, loadUnaligned, withUTF8/withUTF8Buffer,
# assumingMemoryBound, unsafeBitCast and withContiguous*StorageIfAvailable (which hands out a
# buffer pointer). Everything else uses the safe API of Sources/Bytes (STYLE.md habit 15).
set -uo pipefail
cd "$(dirname "$0")/.."
pattern='Unsafe[A-Za-z]*Pointer|withUnsafe|loadUnaligned|\.withUTF8|assumingMemoryBound|unsafeBitCast|withContiguous[A-Za-z]*StorageIfAvailable'
allowed=()
while IFS= read -r line; do
  line=${line%%#*}
  line=$(printf '%s' "$line" | tr -d '[:space:]')
  [ -n "$line" ] && allowed+=("$line")
done < .ci/pointer-allowlist

is_allowed() {  # path
  local a
  for a in "${allowed[@]}"; do
    case "$a" in
      */) [[ "$1" == "$a"* ]] && return 0 ;;
      *) [[ "$1" == "$a" ]] && return 0 ;;
    esac
  done
  return 1
}

found=0
while IFS= read -r hit; do
  file=${hit%%:*}
  is_allowed "$file" && continue
  [ $found -eq 0 ] && echo "pointer-check: raw memory outside Sources/Bytes and the system-call wrappers:" >&2
  echo "  $hit" >&2
  found=$((found + 1))
done < <(grep -rnE --include='*.swift' "$pattern" Sources | cut -c1-200)

if [ $found -gt 0 ]; then
  echo "pointer-check: $found use(s); use Bytes' safe API (ByteBuffer, ByteScanner, ByteCursor, Span) or," >&2
  echo "for a new system-call wrapper, add its file to .ci/pointer-allowlist" >&2
  exit 1
fi
echo "pointer-check: ok (raw memory only in: ${allowed[*]})"
