#!/usr/bin/env bash
# Compares marcmap with the other Go MARC readers (and yaz-marcdump and
# MARC::Record when installed) on one large input, and prints a table;
# then the walk against the hand-written one, and the command-line paths
# against yaz-marcdump (bench/cli.sh).
#   bench/run.sh            # 100 MB input made from the corpus's UTF-8 records
#   MARCMAP_BENCH_MB=20 bench/run.sh
#   MARCMAP_BENCH_FILE=/data/dump.mrc bench/run.sh
set -euo pipefail
cd "$(dirname "$0")"
export MARCMAP_BENCH_DIR=${MARCMAP_BENCH_DIR:-${TMPDIR:-/tmp}}
go test -run TestReadersAgree . >/dev/null
out=$(go test -run XXX -bench 'Readers' -benchtime ${BENCHTIME:-3x} -cpu 1,2 . 2>&1)
printf '%s\n' "$out" | grep -E '^(goos|goarch|cpu):' || true
file=${MARCMAP_BENCH_FILE:-$(ls -t "$MARCMAP_BENCH_DIR"/bench-*MB.mrc | head -1)}
echo "input: $file ($(stat -c %s "$file") bytes)"
echo
printf '%-8s %-24s %4s %10s %12s %14s %10s %10s\n' workload reader cpu MB/s records/s allocs/record peakMiB records
printf '%s\n' "$out" | awk '
/^BenchmarkReaders\// {
  split($1, p, "/"); w = p[2]; r = p[3]; cpu = 1
  if (match(r, /-[0-9]+$/)) { cpu = substr(r, RSTART+1); r = substr(r, 1, RSTART-1) }
  mbs = ""; rps = ""; apr = ""; peak = ""; recs = ""
  for (i = 2; i < NF; i++) {
    if ($(i+1) == "MB/s") mbs = $i
    if ($(i+1) == "records/s") rps = $i
    if ($(i+1) == "allocs/record") apr = $i
    if ($(i+1) == "peak-heap-MiB") peak = $i
    if ($(i+1) == "records") recs = $i
  }
  printf "%-8s %-24s %4s %10.1f %12.0f %14.2f %10.1f %10d\n", w, r, cpu, mbs, rps, apr, peak, recs
}'
echo
if command -v yaz-marcdump >/dev/null 2>&1; then
  s=$(date +%s.%N); yaz-marcdump -n "$file" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "yaz-marcdump -n (parse only): $(echo "$(stat -c %s "$file") / ($e - $s) / 1000000" | bc -l | cut -c1-6) MB/s"
  s=$(date +%s.%N); yaz-marcdump -o marcxml "$file" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "yaz-marcdump -o marcxml: $(echo "$(stat -c %s "$file") / ($e - $s) / 1000000" | bc -l | cut -c1-6) MB/s"
else
  echo "yaz-marcdump not installed (Debian package yaz): not timed"
fi
if perl -MMARC::Batch -e1 >/dev/null 2>&1; then
  s=$(date +%s.%N)
  perl -MMARC::Batch -e '$b=MARC::Batch->new("USMARC",shift); $b->strict_off; $b->warnings_off; while(1){ my $r = eval { $b->next }; if ($@) { last if ++$bad > 10000; next } last unless $r; for my $f ($r->fields) { $n += length($_) for $f->is_control_field ? ($f->data) : map { $_->[1] } $f->subfields } }' "$file" 2>/dev/null || true
  e=$(date +%s.%N)
  echo "MARC::Record full walk: $(echo "$(stat -c %s "$file") / ($e - $s) / 1000000" | bc -l | cut -c1-6) MB/s"
else
  echo "MARC::Record not installed (Debian package libmarc-record-perl): not timed"
fi

echo
printf '%s\n' "$out" | awk '
/^BenchmarkReaders\/walk\/(marcmap-mmap|handwritten)[ \t]/ {
  for (i = 2; i < NF; i++) if ($(i+1) == "MB/s") v[$1 ~ /handwritten/ ? "h" : "m"] = $i
}
END { if (v["h"] > 0) printf "walk, one core: marcmap %.0f MB/s, hand-written %.0f MB/s: %.2f of it (target 1.2)\n", v["m"], v["h"], v["m"] / v["h"] }'
echo
./cli.sh
