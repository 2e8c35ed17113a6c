package iso2709

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/view"
)

// FuzzBuilder builds a record from fuzzed fields: Append either fails with
// an error or writes a record that Parse accepts and that holds exactly the
// fields given, and ResetFrom+Append reproduces it byte for byte.
func FuzzBuilder(f *testing.F) {
	f.Add([]byte("001abc\x00245" + "10\x1faTitle\x00650 0\x1faSubject"))
	f.Add([]byte("00\x00"))
	f.Fuzz(func(t *testing.T, spec []byte) {
		var b Builder
		copy(b.leader[:], "00000nam a2200000 a 4500")
		b.Reset(b.leader)
		type fld struct{ tag, data string }
		var want []fld
		for _, part := range bytes.Split(spec, []byte{0}) {
			if len(part) < 3 {
				continue
			}
			tag, data := string(part[:3]), part[3:]
			before := b.err
			b.AddField(tag, data)
			if b.err == nil && before == nil {
				want = append(want, fld{tag, string(data)})
			}
		}
		out, err := b.Append(nil)
		if err != nil {
			return
		}
		r, err := view.Parse(out)
		if err != nil {
			t.Fatalf("built record does not parse: %v\n%q", err, out)
		}
		var got []fld
		for f := range r.Fields() {
			got = append(got, fld{f.Tag().String(), string(f.Data())})
		}
		if len(got) != len(want) {
			t.Fatalf("%d fields back of %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("field %d: %q, want %q", i, got[i], want[i])
			}
		}
		var b2 Builder
		b2.ResetFrom(r)
		again, err := b2.Append(nil)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("ResetFrom+Append differs: %v", err)
		}
	})
}
