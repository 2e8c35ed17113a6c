package view

import (
	"bytes"
	"testing"
)

// FuzzParse: Parse and ParseLenient never panic, and on success every
// accessor stays inside the input and the fields are what the walk says.
func FuzzParse(f *testing.F) {
	f.Add(sample())
	f.Add(build(testLeader))
	f.Add(corrupt(sample(), 0, "99999"))
	f.Add([]byte{RecordTerminator})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, parse := range []func([]byte) (Record, error){Parse, ParseLenient} {
			r, err := parse(b)
			if err != nil {
				if _, ok := err.(*RecordError); !ok {
					t.Fatalf("error of type %T", err)
				}
				continue
			}
			// Only a record rebuilt from 13-byte directory entries lives
			// in new memory.
			if !bytes.Equal(r.Bytes(), b) && r.Repairs()&RepairDirectory == 0 {
				t.Fatal("Bytes differ from input")
			}
			n, total := 0, 0
			for f := range r.Fields() {
				n++
				total += len(f.Data()) + 1
				for _, v := range f.Subfields() {
					if len(v) > len(f.Data()) {
						t.Fatal("subfield longer than its field")
					}
				}
				_, _ = f.Ind1(), f.Ind2()
			}
			if n != r.NumFields() {
				t.Fatalf("walked %d fields of %d", n, r.NumFields())
			}
			if total > len(b) {
				t.Fatal("fields longer than the record")
			}
			l := r.Leader()
			_ = l.RecordLength()
		}
	})
}
