package marc8

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"golang.org/x/text/unicode/norm"
)

// TestLinePairs decodes pymarc's and ruby-marc's test_marc8.txt line by line
// and compares with test_utf8.txt (the same text in UTF-8), after NFC on
// both sides; then encodes each UTF-8 line back to MARC-8 and decodes it
// again, which must give the line back.
func TestLinePairs(t *testing.T) {
	dir := marctest.CorpusDir(t)
	for _, project := range []string{"pymarc", "ruby-marc"} {
		m8, err := os.ReadFile(filepath.Join(dir, project, "test_marc8.txt"))
		if err != nil {
			t.Fatal(err)
		}
		u8, err := os.ReadFile(filepath.Join(dir, project, "test_utf8.txt"))
		if err != nil {
			t.Fatal(err)
		}
		ml := bytes.Split(bytes.TrimRight(m8, "\n"), []byte("\n"))
		ul := bytes.Split(bytes.TrimRight(u8, "\n"), []byte("\n"))
		if len(ml) != len(ul) {
			t.Fatalf("%s: %d MARC-8 lines, %d UTF-8 lines", project, len(ml), len(ul))
		}
		d := Decoder{Strict: true}
		var e Encoder
		agree := 0
		for i := range ml {
			got, err := d.AppendDecode(nil, ml[i])
			if err != nil {
				t.Errorf("%s line %d: %v", project, i+1, err)
				continue
			}
			want := norm.NFC.Bytes(ul[i])
			if !bytes.Equal(got, want) {
				t.Errorf("%s line %d:\n got  %q\n want %q", project, i+1, got, want)
				continue
			}
			if !CanEncode(want) {
				t.Logf("%s line %d: has characters outside MARC-8; no round trip", project, i+1)
				agree++
				continue
			}
			back, err := d.AppendDecode(nil, e.AppendEncode(nil, want))
			if err != nil || !bytes.Equal(back, want) {
				t.Errorf("%s line %d: UTF-8 -> MARC-8 -> UTF-8 gives %q (%v)", project, i+1, back, err)
				continue
			}
			agree++
		}
		t.Logf("%s: %d of %d lines agree and round-trip", project, agree, len(ml))
	}
}
