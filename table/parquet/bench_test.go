package parquet_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/table"
	"github.com/marcmap/marcmap/table/parquet"
	"github.com/marcmap/marcmap/view"
)

// benchTable writes the bundled sample's records (20 copies, 100
// records) per op into one table, on one core: MB/s of MARC input.
func benchTable(b *testing.B, rules []string, write func(w io.Writer, s *table.Schema) table.Writer) {
	data := bytes.Repeat(marctest.Sample(), 20)
	s, err := table.NewSchema(rules, table.Bibliographic)
	if err != nil {
		b.Fatal(err)
	}
	var recs []view.Record
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err == nil {
			recs = append(recs, r)
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var row table.Row
	// One table for the whole run, as a command writes one: the writer's
	// setup and footer are not per op.
	w := write(io.Discard, s)
	for b.Loop() {
		for i, r := range recs {
			fill := func(u view.Record) { s.Fill(&row, u) }
			if l := r.Leader(); l.IsUnicode() {
				fill(r)
			} else {
				iso2709.WithUTF8(r, false, fill)
			}
			row.Record, row.Offset = int64(i), int64(i)
			if err := w.Write(&row); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

var benchRules = []string{"245a", "650av", "500", "LDR[6]", "008[35-37]", "100a:700a", "020a", "260c"}

func BenchmarkParquetRules(b *testing.B) {
	benchTable(b, benchRules, func(w io.Writer, s *table.Schema) table.Writer {
		pw, _ := parquet.NewWriter(w, s, parquet.Options{})
		return pw
	})
}

func BenchmarkParquetAllFields(b *testing.B) {
	benchTable(b, nil, func(w io.Writer, s *table.Schema) table.Writer {
		pw, _ := parquet.NewWriter(w, s, parquet.Options{})
		return pw
	})
}

func BenchmarkCSVRules(b *testing.B) {
	benchTable(b, benchRules, func(w io.Writer, s *table.Schema) table.Writer { return table.NewTextWriter(w, s, table.CSV) })
}

func BenchmarkCSVAllFields(b *testing.B) {
	benchTable(b, nil, func(w io.Writer, s *table.Schema) table.Writer { return table.NewTextWriter(w, s, table.CSV) })
}
