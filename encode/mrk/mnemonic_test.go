package mrk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// TestMnemonics: MARCMaker's character mnemonics become MARC-8 bytes in a
// MARC-8 record and NFC UTF-8 in a UTF-8 record, where the combining
// mark, written before its base letter as in MARC-8, follows it; unknown
// names and structure bytes stay text (issue 11: they were all text).
func TestMnemonics(t *testing.T) {
	const body = "=500  \\\\$a{Lstrok}{acute}od{acute}z {dollar}5 {lcub}x{rcub} {nosuch} {1F} {C3}{acute}$bend{acute}$c{esc}s\n"
	cases := []struct {
		leader, want string
	}{
		{"00000nam\\\\2200000\\a\\4500", "  \x1fa\xa1\xe2od\xe2z $5 {x} {nosuch} {1F} \xc3\xe2\x1fbend\xe2\x1fc\x1bs"},
		{"00000nam\\a2200000\\a\\4500", "  \x1fa\u0141\u00f3d\u017a $5 {x} {nosuch} {1F} \u00a9\u0301\x1fbend\u0301\x1fc\x1bs"},
	}
	for _, c := range cases {
		rd := NewReader(strings.NewReader("=LDR  "+c.leader+"\n"+body), Options{})
		var got string
		n := 0
		for r, err := range rd.Records() {
			if err != nil {
				t.Fatal(err)
			}
			f, _ := r.Field("500")
			got = string(f.Data())
			n++
		}
		if n != 1 || got != c.want {
			t.Errorf("leader %s: %d records, 500 %q\nwant %q", c.leader, n, got, c.want)
		}
	}
}

// TestCorpusMnemonics: marc4j's brkrtest.mrk (MARC-8, written with
// mnemonics for every ANSEL character) reads to the very records of
// brkrtest.mrc, and brkrtest.mrk8 to those of brkrtest_UTF8.mrc.
func TestCorpusMnemonics(t *testing.T) {
	dir := filepath.Join(marctest.CorpusDir(t), "marc4j")
	for _, p := range [][2]string{{"brkrtest.mrk", "brkrtest.mrc"}, {"brkrtest.mrk8", "brkrtest_UTF8.mrc"}} {
		text, err1 := os.ReadFile(filepath.Join(dir, p[0]))
		bin, err2 := os.ReadFile(filepath.Join(dir, p[1]))
		if err1 != nil || err2 != nil {
			t.Skip("corpus files absent:", err1, err2)
		}
		got := readAll(t, text)
		var want [][]byte
		for r, err := range scan.New(bin, scan.Options{}).Records() {
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, r.Bytes())
		}
		if len(got) != len(want) || len(want) != 8 {
			t.Fatalf("%s: %d records, %s has %d", p[0], len(got), p[1], len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("%s record %d differs from %s:\n%q\n%q", p[0], i, p[1], got[i], want[i])
			}
		}
	}
}

// TestCorpusRawRoundTrip: every well-formed MARC-8 record of the corpus
// written Raw (ANSEL bytes as mnemonics, the text plain ASCII) reads back
// to the same leader and fields (the data area is laid out anew).
func TestCorpusRawRoundTrip(t *testing.T) {
	n := 0
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records(t, data) {
			if r.Leader().IsUnicode() || bytes.ContainsAny(r.Bytes(), "\r\n") {
				continue
			}
			text, err := Options{Raw: true}.Append(nil, r)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range text {
				if c >= 0x80 || c < 0x1D && c != '\n' {
					t.Fatalf("%s: byte %#x in Raw text", cf.Name, c)
				}
			}
			got := readAll(t, text)
			if len(got) != 1 {
				t.Fatalf("%s: %d records from %q", cf.Name, len(got), text)
			}
			g, err := view.Parse(got[0])
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(fields(r), fields(g)); d != "" {
				t.Fatalf("%s: record changed (-stored +read):\n%s", cf.Name, d)
			}
			n++
		}
	}
	t.Logf("%d MARC-8 records through Raw MRK and back", n)
}
