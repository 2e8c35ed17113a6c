package iso2709

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

func TestBuildFromScratch(t *testing.T) {
	var b Builder
	var l view.Leader
	copy(l[5:10], "nam a")
	b.Reset(l)
	b.AddField("001", []byte("12345"))
	b.AddDataField("245", '1', '0', Subfield{'a', []byte("Title /")}, Subfield{'c', []byte("Author.")})
	out, err := b.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != b.Len() {
		t.Fatalf("Len %d, wrote %d", b.Len(), len(out))
	}
	r, err := view.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	lead := r.Leader()
	if got := lead.String(); got != "00077nam a2200049   4500" {
		t.Fatalf("leader %q", got)
	}
	f, _ := r.Field("245")
	if v, _ := f.Subfield('c'); string(v) != "Author." || f.Ind1() != '1' || f.Ind2() != '0' {
		t.Fatalf("245 wrong: %q", f.Data())
	}
	// the same as the hand-made reference record
	want := marctest.Build("     nam a22     "+"   4500", "001", "12345", "245", "10$aTitle /$cAuthor.")
	if !bytes.Equal(out, want) {
		t.Fatalf("got  %q\nwant %q", out, want)
	}
}

func TestEdit(t *testing.T) {
	r, err := view.Parse(marctest.Book("id1", "Old title", "Someone"))
	if err != nil {
		t.Fatal(err)
	}
	var b Builder
	b.ResetFrom(r)
	for i := 0; i < b.NumFields(); i++ {
		if b.Field(i).Tag().Is("245") {
			b.SetField(i, "245", []byte("00\x1faNew title"))
		}
	}
	b.DeleteField(0) // 001
	b.AddField("999", []byte("  \x1faadded"))
	out, err := b.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := view.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for f := range r2.Fields() {
		tags = append(tags, f.Tag().String())
	}
	if d := cmp.Diff([]string{"005", "008", "100", "245", "650", "999"}, tags); d != "" {
		t.Fatal(d)
	}
	f, _ := r2.Field("245")
	if v, _ := f.Subfield('a'); string(v) != "New title" {
		t.Fatalf("245$a = %q", v)
	}
}

func TestBuilderErrors(t *testing.T) {
	tests := []struct {
		name string
		do   func(*Builder)
		want error
	}{
		{"short tag", func(b *Builder) { b.AddField("24", nil) }, view.ErrField},
		{"control byte in tag", func(b *Builder) { b.AddField("2\x1e5", nil) }, view.ErrField},
		{"field terminator in content", func(b *Builder) { b.AddField("500", []byte("  \x1fab\x1ec")) }, view.ErrField},
		{"record terminator in content", func(b *Builder) { b.AddField("001", []byte("a\x1d")) }, view.ErrField},
		{"delimiter in subfield", func(b *Builder) { b.AddDataField("500", ' ', ' ', Subfield{'a', []byte("x\x1fy")}) }, view.ErrField},
		{"field over 9999", func(b *Builder) { b.AddField("500", bytes.Repeat([]byte("x"), 9999)) }, view.ErrTooLong},
		{"record over 99999", func(b *Builder) {
			for range 12 {
				b.AddField("500", bytes.Repeat([]byte("x"), 9000))
			}
		}, view.ErrTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b Builder
			tc.do(&b)
			out, err := b.Append([]byte("keep"))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if string(out) != "keep" {
				t.Fatal("Append wrote despite the error")
			}
		})
	}
}

func TestOverlong(t *testing.T) {
	var b Builder
	b.Overlong = true
	b.AddField("001", []byte("big"))
	for range 12 {
		b.AddField("500", append([]byte("  \x1fa"), bytes.Repeat([]byte("x"), 9500)...))
	}
	b.AddField("505", append([]byte("  \x1fa"), bytes.Repeat([]byte("y"), 12000)...))
	out, err := b.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) <= 99999 || string(out[:5]) != "00000" {
		t.Fatalf("len %d leader %q", len(out), out[:5])
	}
	if _, err := view.Parse(out); err == nil {
		t.Fatal("strict Parse accepted an overlong record")
	}
	r, err := view.ParseLenient(out)
	if err != nil {
		t.Fatal(err)
	}
	var got view.Field
	for f := range r.FieldsByTag("505") {
		got = f
	}
	if len(got.Data()) != 12004 {
		t.Fatalf("505 read back with %d bytes", len(got.Data()))
	}
}

func TestAppendRebuildsRepaired(t *testing.T) {
	good := marctest.Book("id", "T", "A")
	bad := bytes.Clone(good)
	copy(bad, "99999")
	r, err := view.ParseLenient(bad)
	if err != nil || r.Repairs() != view.RepairLength {
		t.Fatalf("repairs %v err %v", r.Repairs(), err)
	}
	out, err := Append(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, good) {
		t.Fatalf("rebuilt record differs:\n%q\n%q", out, good)
	}
	var w bytes.Buffer
	enc := NewEncoder(&w, Options{})
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(mustParse(t, good)); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	if enc.Count() != 2 {
		t.Fatalf("Count %d, want 2", enc.Count())
	}
	if !bytes.Equal(w.Bytes(), append(bytes.Clone(good), good...)) {
		t.Fatal("Encoder output wrong")
	}
}

func mustParse(t testing.TB, b []byte) view.Record {
	t.Helper()
	r, err := view.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestZeroAllocRebuild(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	r := mustParse(t, marctest.Book("id", "Title", "Author"))
	var b Builder
	dst := make([]byte, 0, 4096)
	b.ResetFrom(r)
	allocs := testing.AllocsPerRun(100, func() {
		b.ResetFrom(r)
		var err error
		dst, err = b.Append(dst[:0])
		if err != nil {
			panic(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("rebuild allocated %v times, want 0", allocs)
	}
}

// TestCorpusRoundTrip: for every well-formed record of the corpus, Parse ->
// Builder -> bytes is byte-identical to the input.
func TestCorpusRoundTrip(t *testing.T) {
	files := marctest.Corpus(t, "iso2709")
	var n, repaired int
	var b Builder
	for _, cf := range files {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		s := scan.New(data, scan.Options{})
		for s.Scan() {
			if s.Err() != nil {
				continue
			}
			r := s.Record()
			b.ResetFrom(r)
			if r.Repairs() != 0 {
				b.Overlong = true
				out, err := b.Append(nil)
				b.Overlong = false
				if err != nil {
					t.Errorf("%s record %d: rebuild: %v", cf.Name, s.Index(), err)
					continue
				}
				r2, err := view.ParseLenient(out)
				if err != nil {
					t.Errorf("%s record %d: rebuilt record does not parse: %v", cf.Name, s.Index(), err)
					continue
				}
				if d := cmp.Diff(fieldList(r), fieldList(r2)); d != "" {
					t.Errorf("%s record %d: rebuilt fields differ:\n%s", cf.Name, s.Index(), d)
				}
				repaired++
				continue
			}
			out, err := b.Append(nil)
			if err != nil {
				t.Errorf("%s record %d: %v", cf.Name, s.Index(), err)
				continue
			}
			if !bytes.Equal(out, r.Bytes()) {
				t.Errorf("%s record %d: round trip differs at byte %d", cf.Name, s.Index(), firstDiff(out, r.Bytes()))
			}
			n++
		}
	}
	t.Logf("%d well-formed records byte-identical; %d repaired records rebuilt with the same fields", n, repaired)
	if n < 3500 {
		t.Fatalf("only %d records checked", n)
	}
}

func fieldList(r view.Record) []string {
	var out []string
	for f := range r.Fields() {
		out = append(out, f.Tag().String()+" "+strings.ToValidUTF8(string(f.Data()), "?"))
	}
	return out
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestAppendKeepsOverlongRecords: a record over 99,999 bytes read with
// repairs is written (zero-filled lengths), not refused.
func TestAppendKeepsOverlongRecords(t *testing.T) {
	data, err := os.ReadFile("../../testdata/record-over-99999-leader-99999.mrc")
	if err != nil {
		t.Fatal(err)
	}
	var big view.Record
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err == nil && r.Len() > 99999 {
			big = r
		}
	}
	if big.Len() == 0 {
		t.Fatal("no over-long record in the scenario file")
	}
	out, err := Append(nil, big)
	if err != nil {
		t.Fatal(err)
	}
	back, err := view.ParseLenient(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(fieldList(big), fieldList(back)); d != "" {
		t.Fatalf("fields changed:\n%s", d)
	}
}

// TestResetFromDropsGaps: a record with unused bytes between fields is
// rebuilt without them, fields unchanged.
func TestResetFromDropsGaps(t *testing.T) {
	data := "id1\x1e" + "@@@" + "10\x1faTitle\x1e"
	dir := "001000400000" + "245001000007" + "\x1e"
	base := 24 + len(dir)
	raw := []byte(fmt.Sprintf("%05dnam a22%05d a 4500", base+len(data)+1, base) + dir + data + "\x1d")
	r, err := view.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var b Builder
	b.ResetFrom(r)
	out, err := b.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := view.Parse(out)
	if err != nil || len(out) != len(raw)-3 || bytes.Contains(out, []byte("@@@")) {
		t.Fatalf("%v %q", err, out)
	}
	f, _ := back.Field("245")
	if string(f.Data()) != "10\x1faTitle" {
		t.Fatalf("245 %q", f.Data())
	}
}
