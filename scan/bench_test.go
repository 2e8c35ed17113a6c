package scan

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// walk touches every field and subfield value of r.
func walk(r view.Record) int {
	n := 0
	for f := range r.Fields() {
		if f.IsControl() {
			n += len(f.Data())
			continue
		}
		n += int(f.Ind1()) + int(f.Ind2())
		for c, v := range f.Subfields() {
			n += int(c) + len(v)
		}
	}
	return n
}

func scanWalk(data []byte) (records, sum int) {
	s := New(data, Options{})
	for s.Scan() {
		records++
		sum += walk(s.Record())
	}
	return records, sum
}

// benchInputs: the bundled sample repeated to 8 MiB, and a real file from
// the corpus when it is present.
func benchInputs(b *testing.B) map[string][]byte {
	in := map[string][]byte{}
	sample := marctest.Sample()
	in["sample-8MiB"] = bytes.Repeat(sample, (8<<20)/len(sample))
	{
		dir := os.Getenv("MARCMAP_CORPUS")
		for _, d := range []string{dir, "../../shared/corpus"} {
			if d == "" {
				continue
			}
			if data, err := os.ReadFile(filepath.Join(d, "solrmarc/uva_001_2000.mrc")); err == nil {
				in["uva_001_2000"] = data
				break
			}
		}
	}
	return in
}

func BenchmarkScanWalk(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var recs int
			for b.Loop() {
				recs, _ = scanWalk(data)
			}
			b.ReportMetric(float64(recs)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func BenchmarkScanOnly(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				s := New(data, Options{})
				for s.Scan() {
				}
			}
		})
	}
}

func BenchmarkCountTerminators(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				bytes.Count(data, []byte{view.RecordTerminator})
			}
		})
	}
}

func BenchmarkStreamWalk(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				s := NewReader(bytes.NewReader(data), Options{})
				for s.Scan() {
					walk(s.Record())
				}
			}
		})
	}
}

// TestScanWalkAllocs guards zero allocations per record for scan plus a
// full field and subfield walk.
func TestScanWalkAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	data := bytes.Repeat(marctest.Sample(), 20)
	allocs := testing.AllocsPerRun(20, func() {
		s := New(data, Options{})
		for s.Scan() {
			walk(s.Record())
		}
	})
	// One Scanner per run is allowed; nothing per record.
	if allocs > 1 {
		t.Fatalf("%v allocations for 100 records, want at most 1 (the Scanner)", allocs)
	}
}
