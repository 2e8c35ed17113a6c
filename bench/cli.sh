#!/usr/bin/env bash
# Times the command-line paths (issue 14's table): marcmap with one and two
# workers, and yaz-marcdump where it does the same work, on a 100 MB file of
# the corpus's records (MARC-8 ones too) and on MARCXML and MARC-in-JSON
# made from its first 30,000 records. Prints the best of RUNS runs (3), the
# ratios, the peak Go heap, and whether two workers wrote the same bytes.
# The runs of a row alternate between its commands.
#   bench/cli.sh
#   RUNS=5 MARCMAP_BENCH_MB=200 bench/cli.sh
set -euo pipefail
cd "$(dirname "$0")"
dir=${MARCMAP_BENCH_DIR:-${TMPDIR:-/tmp}}
runs=${RUNS:-3}
mixed=$(go run ./cmd/mkinput -mixed -dir "$dir")
bin=$dir/marcmap-bench
(cd .. && go build -o "$bin" ./cmd/marcmap)
xml=$dir/bench-mixed.xml
mij=$dir/bench-mixed.json
arr=$dir/bench-mixed-array.json
[ -s "$xml" ] || "$bin" convert -q -limit 30000 -to marcxml "$mixed" -o "$xml"
[ -s "$mij" ] || "$bin" convert -q -limit 30000 -to mij "$mixed" -o "$mij"
[ -s "$arr" ] || "$bin" convert -q -limit 30000 -to mij -array "$mixed" -o "$arr"
out=$dir/bench-cli-out
have_yaz=false
command -v yaz-marcdump >/dev/null 2>&1 && have_yaz=true

# once OUT CMD...: runs CMD (stdout to OUT) once; sets t (wall time) and
# h (largest Go heap in MB seen by a collection).
once() {
  local o=$1; shift
  local s e
  rm -f "$o" # (not timed: dropping the last run's output costs time too)
  s=$(date +%s.%N)
  GODEBUG=gctrace=1 "$@" >"$o" 2>"$out.log" || true
  e=$(date +%s.%N)
  t=$(echo "$s $e" | awk '{printf "%.3f", $2 - $1}')
  h=$({ grep -o '[0-9]*->[0-9]*->[0-9]* MB' "$out.log" || true; } | tr -c '0-9\n' ' ' | awk '{for (i = 1; i <= NF; i++) if ($i > m) m = $i} END {print m + 0}')
}
minof() { echo "$1 $2" | awk '{print ($1 < $2) ? $1 : $2}'; }

size() { stat -c %s "$1"; }
printf 'input: %s (%d bytes); %s (%d); %s (%d)\n' "$mixed" "$(size "$mixed")" "$xml" "$(size "$xml")" "$mij" "$(size "$mij")"
$have_yaz && echo "yaz: $(yaz-marcdump -V 2>&1 | head -1)"
echo
printf '%-34s %8s %8s %6s %8s %8s %7s %5s\n' path 'w1 s' 'w2 s' w2/w1 'yaz s' yaz/w1 'heap MB' same
# row NAME INPUT YAZ-ARGS|- MARCMAP-ARGS...: the best of $runs runs of
# each, the three taken in turn so that a slow spell of the (shared)
# machine hits them alike.
row() {
  local name=$1 in=$2 yaz=$3; shift 3
  local s1=999999 s2=999999 ys=999999 heap=0
  local with_yaz=false
  $have_yaz && [ "$yaz" != - ] && with_yaz=true
  for _ in $(seq "$runs"); do
    once "$out.1" "$bin" "$@" -q -workers 1 "$in"
    s1=$(minof "$t" "$s1"); heap=$(( h > heap ? h : heap ))
    once "$out.2" "$bin" "$@" -q -workers 2 "$in"
    s2=$(minof "$t" "$s2"); heap=$(( h > heap ? h : heap ))
    if $with_yaz; then
      # shellcheck disable=SC2086
      once "$out.y" yaz-marcdump $yaz "$in"
      ys=$(minof "$t" "$ys")
    fi
  done
  local same=no
  cmp -s "$out.1" "$out.2" && same=yes
  local yr=-
  if $with_yaz; then
    yr=$(echo "$ys $s1" | awk '{printf "%.2f", $1 / $2}')
  else
    ys=-
  fi
  printf '%-34s %8.3f %8.3f %6.2f %8s %8s %7d %5s\n' "$name" "$s1" "$s2" "$(echo "$s1 $s2" | awk '{print $1 / $2}')" "$ys" "$yr" "$heap" "$same"
}
row "read MARCXML -> ISO 2709" "$xml" "-i marcxml -o marc" convert -to iso2709
row "read MARC-in-JSON -> ISO 2709" "$mij" - convert -to iso2709
row "write MARCXML (MARC-8 converted)" "$mixed" "-f MARC-8 -t UTF-8 -l 9=97 -o marcxml" convert -to marcxml
row "MARC-8 -> UTF-8 ISO 2709" "$mixed" "-f MARC-8 -t UTF-8 -l 9=97 -o marc" convert -to-utf8
row "MRK dump (yaz: line format)" "$mixed" "" dump
row "count" "$mixed" - count
row "validate" "$mixed" - validate
row "convert -to mij" "$mixed" - convert -to mij
row "convert -to mrk" "$mixed" - convert -to mrk
row "MARCXML -> MARC-in-JSON" "$xml" - convert -to mij
row "MARC-in-JSON -> MARCXML" "$mij" - convert -to marcxml
if $have_yaz; then
  # yaz-marcdump reads one MARC-in-JSON record per file ("extra
  # characters" after the first object): it has no time for the MIJ row.
  # For scale, its JSON parser over the same records as one array (which
  # it then refuses as not a record):
  ys=999999
  for _ in $(seq "$runs"); do
    once "$out.y" yaz-marcdump -i json -o marc "$arr"
    ys=$(minof "$t" "$ys")
  done
  echo
  echo "yaz-marcdump -i json on the same records as one array (parse, then refused): $ys s"
fi
rm -f "$out".*
