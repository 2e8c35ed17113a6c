package marc8

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"golang.org/x/text/unicode/norm"
)

// TestCorpusRoundTrip: UTF-8 -> MARC-8 -> UTF-8 is the identity (in NFC)
// for every field of the corpus whose characters all exist in MARC-8; the
// UTF-8 fields are those of UTF-8 records and our decoding of MARC-8 ones.
func TestCorpusRoundTrip(t *testing.T) {
	var d Decoder
	var e Encoder
	var fields, skipped, invalid int
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil {
				continue
			}
			l := r.Leader()
			for f := range r.Fields() {
				text := f.Data()
				if !l.IsUnicode() {
					text, _ = d.AppendDecode(nil, text)
				}
				if !utf8.Valid(text) {
					invalid++
					continue
				}
				if !CanEncode(text) {
					skipped++
					continue
				}
				want := norm.NFC.Bytes(text)
				m8 := e.AppendEncode(nil, want)
				back, err := d.AppendDecode(nil, m8)
				if err != nil || !bytes.Equal(back, want) {
					t.Errorf("%s %s: round trip\n in   %q\n m8   %q\n back %q (%v)", cf.Name, f.Tag(), want, m8, back, err)
					continue
				}
				fields++
			}
		}
	}
	t.Logf("%d fields round-trip; %d hold characters outside MARC-8, %d are invalid UTF-8", fields, skipped, invalid)
	if fields < 50000 {
		t.Fatalf("only %d fields checked", fields)
	}
}
