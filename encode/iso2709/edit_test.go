package iso2709

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func lines(r view.Record) []string {
	l := r.Leader()
	out := []string{string(l[5:12]) + "|" + string(l[17:])}
	for f := range r.Fields() {
		out = append(out, f.String())
	}
	return out
}

func TestEditVerbs(t *testing.T) {
	src, err := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"001", "ocm1",
		"100", "1 $aMelville, Herman.",
		"245", "10$aMoby Dick /$cHerman Melville.",
		"650", " 0$aWhaling$vFiction.$vFiction.",
		"907", "  $a.b123",
		"945", "  $aitem",
		"FMT", "BK",
	))
	if err != nil {
		t.Fatal(err)
	}
	var b Builder
	b.ResetFrom(src)
	b.AddDataFieldOrdered("590", ' ', ' ', Sub('a', "Local note."))
	b.AddDataFieldOrdered("020", ' ', ' ', Sub('a', "0123456789"))
	b.AddFieldOrdered("LOC", []byte("x")) // not numeric: at the end
	if n := b.RemoveFields("9XX"); n != 2 {
		t.Errorf("removed %d 9XX fields", n)
	}
	for i, f := range b.Fields() {
		switch f.Tag().String() {
		case "245":
			b.SetIndicators(i, '1', '4')
			b.SetSubfield(i, 'b', "or, The whale") // none: added at the end
			b.SetSubfield(i, 'a', "The Moby Dick /")
		case "650":
			if n := b.RemoveSubfields(i, "v"); n != 2 {
				t.Errorf("removed %d $v", n)
			}
			b.AddSubfield(i, 'x', "History.")
		case "100":
			b.SetIndicators(i, '0', ' ')
		}
	}
	b.SetLeaderAt(17, "7")
	b.InsertField(1, "003", []byte("OCoLC"))
	r, err := b.Record()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"cam a22|7a 4500",
		"=001  ocm1",
		"=003  OCoLC",
		"=020  \\\\$a0123456789",
		"=100  0\\$aMelville, Herman.",
		"=245  14$aThe Moby Dick /$cHerman Melville.$bor, The whale",
		"=590  \\\\$aLocal note.",
		"=650  \\0$aWhaling$xHistory.",
		"=FMT  BK",
		"=LOC  x",
	}
	if d := cmp.Diff(want, lines(r)); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	// Unchanged fields are the same bytes.
	for _, tag := range []string{"001", "FMT"} {
		a, _ := src.Field(tag)
		c, _ := r.Field(tag)
		if !bytes.Equal(a.Data(), c.Data()) {
			t.Errorf("%s changed", tag)
		}
	}
}

// TestEditUnchanged: a record loaded and written back with no edit is the
// same bytes, and Record's view reads it.
func TestEditUnchanged(t *testing.T) {
	in := marctest.Build("00000cam a2200000 a 4500", "001", "x", "245", "10$aT")
	src, _ := view.Parse(in)
	var b Builder
	b.ResetFrom(src)
	r, err := b.Record()
	if err != nil || !bytes.Equal(r.Bytes(), in) {
		t.Fatalf("%v\n%q\n%q", err, r.Bytes(), in)
	}
}

// TestEditErrors: a bad subfield code or value, or an indicator that is a
// delimiter, is an error from Record; the builder is not corrupted.
func TestEditErrors(t *testing.T) {
	for name, edit := range map[string]func(b *Builder){
		"code":      func(b *Builder) { b.AddSubfield(1, 0x1F, "x") },
		"value":     func(b *Builder) { b.SetSubfield(1, 'a', "a\x1fb") },
		"indicator": func(b *Builder) { b.SetIndicators(1, 0x1E, ' ') },
		"leader":    func(b *Builder) { b.SetLeaderAt(9, "\x1e") },
		"leader 22": func(b *Builder) { b.SetLeaderAt(22, "xyz") },
		"leader -1": func(b *Builder) { b.SetLeaderAt(-1, "x") },
		"pattern":   func(b *Builder) { b.RemoveFields("24") },
	} {
		var b Builder
		b.Reset(view.Leader{})
		b.AddField("001", []byte("x"))
		b.AddDataField("245", '1', '0', Sub('a', "T"))
		edit(&b)
		if _, err := b.Record(); err == nil || !strings.HasPrefix(name, "leader") && name != "pattern" && !strings.Contains(err.Error(), "245") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestEditOddSubfields: bytes before the first delimiter and a delimiter
// with no code survive a subfield edit.
func TestEditOddSubfields(t *testing.T) {
	var b Builder
	b.AddField("500", []byte("  junk\x1faA\x1f\x1fbB\x1f\x00nul\x1fbB2"))
	b.AddSubfield(0, 'c', "C")
	b.SetSubfield(0, 'b', "new")
	r, err := b.Record()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := r.Field("500")
	if string(f.Data()) != "  junk\x1faA\x1f\x1fbnew\x1f\x00nul\x1fbB2\x1fcC" {
		t.Fatalf("%q", f.Data())
	}
}
