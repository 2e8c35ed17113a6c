package marcjson

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// FuzzReader: the reader never panics or loops, whatever the input, in
// lenient and strict mode; every record it returns parses, and writing it
// again and reading that back gives the same record.
func FuzzReader(f *testing.F) {
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err == nil {
			out, _ := Append(nil, r)
			f.Add(out)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, strict := range []bool{false, true} {
			rd := NewReader(bytes.NewReader(doc), Options{Strict: strict})
			for n := 0; rd.Scan(); n++ {
				if n > len(doc)+1 {
					t.Fatal("more records than input bytes")
				}
				if rd.Err() != nil {
					continue
				}
				r := rd.Record()
				if _, err := view.Parse(r.Bytes()); err != nil {
					t.Fatalf("reader returned a record Parse rejects: %v", err)
				}
				again, err := Append(nil, r)
				if err != nil {
					continue
				}
				rd2 := NewReader(bytes.NewReader(again), Options{})
				if !rd2.Scan() || rd2.Err() != nil {
					t.Fatalf("our own output does not read back: %v\n%q", rd2.Err(), again)
				}
				// What a write keeps: the record with its leader as MARC 21
				// reads it (view.RepairLeader), which iso2709 writes.
				want, _ := iso2709.Append(nil, r)
				if !bytes.Equal(rd2.Record().Bytes(), want) && representableRecord(r) {
					t.Fatalf("record changed through a write and read:\n%q\n%q", want, rd2.Record().Bytes())
				}
			}
		}
	})
}

func representableRecord(r view.Record) bool { return representable(r) }
