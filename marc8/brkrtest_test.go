package marc8_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

// TestBrkrtestBothWays: marc4j's brkrtest.mrc (MARC-8, with horned
// Vietnamese letters and ligature halves) goes to UTF-8 and back byte for
// byte, and marc4j's own UTF-8 version of it converts to exactly the
// MARC-8 file (before, horns and the FE20-FE23 halves became &#x...;).
func TestBrkrtestBothWays(t *testing.T) {
	dir := filepath.Join(marctest.CorpusDir(t), "marc4j")
	m8, err := os.ReadFile(filepath.Join(dir, "brkrtest.mrc"))
	if err != nil {
		t.Fatal(err)
	}
	u8, err := os.ReadFile(filepath.Join(dir, "brkrtest_UTF8.mrc"))
	if err != nil {
		t.Fatal(err)
	}
	convert := func(data []byte, cs iso2709.Charset) []byte {
		var out []byte
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil {
				t.Fatal(err)
			}
			if out, err = (iso2709.Options{Charset: cs, Strict: true}).Append(out, r); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	if got := convert(convert(m8, iso2709.UTF8), iso2709.MARC8); !bytes.Equal(got, m8) {
		t.Error("MARC-8 -> UTF-8 -> MARC-8 changed brkrtest.mrc")
	}
	if got := convert(u8, iso2709.MARC8); !bytes.Equal(got, m8) {
		t.Error("brkrtest_UTF8.mrc -> MARC-8 differs from brkrtest.mrc")
	}
}
