package marc8

import (
	"bytes"
	"os"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"golang.org/x/text/unicode/norm"
)

// TestDirectNFC: the decoder's direct NFC (precomposed pairs, no
// normaliser for fields that need none) gives the very bytes of decoding
// and then normalising with golang.org/x/text, on every field of every
// MARC-8 record of the corpus, and on hand-made cases.
func TestDirectNFC(t *testing.T) {
	check := func(where string, src []byte) bool {
		var d Decoder
		got, _ := d.AppendDecode(nil, src)
		var e Decoder
		raw, _ := e.decode(nil, src)
		want := norm.NFC.Append(nil, raw...)
		if !needsDecoding(src) {
			want = src
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %q\n direct %q\n norm   %q", where, src, got, want)
			return false
		}
		return true
	}
	for _, c := range []string{
		"\xe2e", "\xe2\xe3e", "e\xe2", "\xf0c\xe2a", "\x1b(S;\x1bs", "\x1b(SA\xa1", "\xeba\xecb", "\xe1\xe8u",
		"\x1b$1\x21\x30\x21\x1b(B", "\xe2\xa1", "\xbc\xe1", "\xe2 ", "\xe2\x1fa",
	} {
		check("case", []byte(c))
	}
	n := 0
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil || r.Leader().IsUnicode() {
				continue
			}
			for f := range r.Fields() {
				n++
				if !check(cf.Name+" "+f.Tag().String(), f.Data()) {
					return
				}
			}
		}
	}
	t.Logf("%d MARC-8 fields decoded the same both ways", n)
}
