package bench

import (
	"os"
	"runtime"
	"testing"

	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/spec"
)

// BenchmarkSpec evaluates field specs over every record of the benchmark
// file (mapped, one goroutine), beside the walk of BenchmarkReaders:
// "nomatch" is a filter that matches nothing (650 $a containing a word no
// record has), "match" a filter on record type, "values" appends 245abc
// and 6XX $a of every record to a reused buffer.
func BenchmarkSpec(b *testing.B) {
	path := input(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		run  func(s *scan.Scanner) int
	}{
		{"nomatch", func(s *scan.Scanner) int {
			sp, n := spec.MustCompile("650a~xyzzyplugh"), 0
			for s.Scan() {
				if s.Err() == nil && sp.Match(s.Record()) {
					n++
				}
			}
			return n
		}},
		{"match", func(s *scan.Scanner) int {
			sp, n := spec.MustCompile("LDR[6]=a"), 0
			for s.Scan() {
				if s.Err() == nil && sp.Match(s.Record()) {
					n++
				}
			}
			return n
		}},
		{"values", func(s *scan.Scanner) int {
			title, subj := spec.MustCompile("245abc"), spec.MustCompile("6XXa")
			buf, n := make([]byte, 0, 4096), 0
			for s.Scan() {
				if s.Err() == nil {
					buf = title.AppendValues(buf[:0], s.Record(), " ", "|")
					buf = subj.AppendValues(buf, s.Record(), " ", "|")
					n += len(buf)
				}
			}
			return n
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			m, err := mmapio.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			recs := marcmapScan(b, scan.New(m.Bytes(), scan.Options{}), count)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			for b.Loop() {
				sink(c.run(scan.New(m.Bytes(), scan.Options{})))
			}
			runtime.ReadMemStats(&ms1)
			b.ReportMetric(float64(recs)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(recs)/float64(b.N), "allocs/record")
			b.ReportMetric(float64(recs), "records")
		})
	}
}
