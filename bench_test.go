package marcmap_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/internal/marctest"
)

// walk reads every record and every subfield.
func walk(b testing.TB, r *marcmap.Reader) (n int) {
	for rec, err := range r.Records() {
		if err != nil {
			b.Fatal(err)
		}
		for f := range rec.Fields() {
			for _, v := range f.Subfields() {
				n += len(v)
			}
		}
	}
	return n
}

func bigSample(b testing.TB) string {
	p := filepath.Join(b.TempDir(), "big.mrc")
	if err := os.WriteFile(p, bytes.Repeat(marctest.Sample(), 2000), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkReaderWalk: Open + Records + a full field and subfield walk of
// a mapped UTF-8 file through the root Reader.
func BenchmarkReaderWalk(b *testing.B) {
	p := bigSample(b)
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		r, err := marcmap.Open(p, marcmap.Options{})
		if err != nil {
			b.Fatal(err)
		}
		walk(b, r)
		r.Close()
	}
	b.ReportMetric(float64(b.N)*10000/b.Elapsed().Seconds(), "records/s")
}

// TestReaderAllocs: the root Reader adds no allocation per record over a
// mapped UTF-8 file (a constant few per file for the Reader itself).
func TestReaderAllocs(t *testing.T) {
	if testing.Short() || raceEnabled || testing.CoverMode() != "" {
		t.Skip("allocation counts are not meaningful here")
	}
	p := bigSample(t)
	allocs := testing.AllocsPerRun(5, func() {
		r, err := marcmap.Open(p, marcmap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		walk(t, r)
		r.Close()
	})
	if allocs > 100 { // a constant per file (more when the file is read, -tags nommap); 10,000 records
		t.Fatalf("%v allocations to read 10,000 records: some are per record", allocs)
	}
}
