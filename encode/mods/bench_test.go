package mods

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// BenchmarkAppend converts the bundled sample's records (one MARC-8 among
// them is converted on the way) to MODS, per record on one core.
func BenchmarkAppend(b *testing.B) {
	data := bytes.Repeat(marctest.Sample(), 20)
	var recs []view.Record
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err == nil {
			recs = append(recs, r)
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	dst := make([]byte, 0, 64<<10)
	for b.Loop() {
		for _, r := range recs {
			dst, _ = Append(dst[:0], r)
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
