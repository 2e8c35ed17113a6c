#!/usr/bin/env bash
# Runs every fuzz target for a while and the malformed-input corpus, and
# prints what was tried and what was found.
#   scripts/reliability.sh [SECONDS per fuzz target, default 10]
# Exit status 1 if a fuzz target failed or a record was lost.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
targets=(
  "./view FuzzParse"
  "./scan FuzzScanner"
  "./encode/iso2709 FuzzBuilder"
  "./encode/marcxml FuzzReader"
  "./encode/marcjson FuzzReader"
  "./encode/marcxml FuzzReadersAgree"
  "./encode/marcjson FuzzReadersAgree"
  "./encode/mrk FuzzReader"
  "./marc8 FuzzDecode"
  "./fuzz FuzzRoundTrip"
  "./fuzz FuzzCrosswalks"
  "./table FuzzUnmarshalBinary"
  ". FuzzTextParts"
)
# Minimising a new input may take the engine up to 60 s by default, with
# no exec counted meanwhile; the targets whose output passes through
# sync.Pool-reused state (the crosswalks) spent whole runs minimising.
status=0
printf '%-22s %-16s %12s  %s\n' package target execs result
for t in "${targets[@]}"; do
  set -- $t
  out=$(go test "$1" -run XXX -fuzz "^$2\$" -fuzztime "${secs}s" -fuzzminimizetime 2s 2>&1)
  rc=$?
  result=ok
  # Go's fuzzing engine sometimes reports "context deadline exceeded" when
  # -fuzztime ends while a worker is busy, with no failing input: that is
  # the engine's, not the target's, so it gets one retry. A real failure
  # writes its input ("Failing input written to ...").
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q 'Failing input written' \
     && printf '%s\n' "$out" | grep -q 'context deadline exceeded'; then
    out=$(go test "$1" -run XXX -fuzz "^$2\$" -fuzztime "${secs}s" -fuzzminimizetime 2s 2>&1)
    rc=$?
    result="ok (retried once after the engine's deadline error)"
  fi
  execs=$(printf '%s\n' "$out" | grep -o 'execs: [0-9]*' | tail -1 | cut -d' ' -f2)
  if [ $rc -ne 0 ]; then
    result=FAILED
    status=1
  fi
  printf '%-22s %-16s %12s  %s\n' "$1" "$2" "${execs:-0}" "$result"
  if [ $rc -ne 0 ]; then
    printf '%s\n' "$out" | grep -v '^fuzz: elapsed' | tail -25 | sed 's/^/    /'
  fi
done
echo
out=$(go test ./fuzz -run TestMalformedCorpus -v -count=1 2>&1)
if [ $? -ne 0 ]; then status=1; fi
printf '%s\n' "$out" | grep -o '[0-9]* malformed cases:.*'
out=$(go test ./scan -run 'TestScenarios|TestCorpusISO2709' -count=1 2>&1)
if [ $? -ne 0 ]; then status=1; echo "scenario or corpus scan tests FAILED"; else echo "scenario files and corpus scan: ok"; fi
exit $status
