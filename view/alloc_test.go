//go:build !race

package view

import "testing"

// walkAll parses b and touches every field and subfield value.
func walkAll(b []byte) int {
	r, err := Parse(b)
	if err != nil {
		return -1
	}
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

func TestZeroAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocation")
	}
	b := sample()
	var fields []Field
	text := make([]byte, 0, 256)
	r := mustParse(t, b)
	fields = r.AppendFields(fields[:0])
	allocs := testing.AllocsPerRun(100, func() {
		if walkAll(b) <= 0 {
			panic("walk failed")
		}
		r, _ := Parse(b)
		fields = r.AppendFields(fields[:0])
		for range r.FieldsByTag("650") {
		}
		if f, ok := r.Field("245"); ok {
			f.Subfield('c')
		}
		lr, _ := ParseLenient(b)
		_ = lr.Leader()
		if f, ok := r.Field("650"); ok {
			for range f.Values("ax") {
			}
			text = f.AppendJoined(text[:0], "ax", " ")
			text = f.AppendValue(text[:0])
			text = f.AppendFormat(text[:0])
			text = f.AppendText(text[:0])
		}
		if f, ok := r.Field("008"); ok {
			f.Chars(35, 37)
		}
	})
	if allocs != 0 {
		t.Fatalf("parse and full walk allocated %v times per record, want 0", allocs)
	}
}

func BenchmarkParseWalk(b *testing.B) {
	rec := sample()
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	for b.Loop() {
		walkAll(rec)
	}
}
