package marcxml

import (
	"strings"
	"testing"
)

// TestLeaderNotASCII: a leader of 24 characters some of which are not
// ASCII (a real Open Library file has U+00A0) is read with blanks there
// and reported in lenient mode, rejected in strict mode; before, the
// record was lost.
func TestLeaderNotASCII(t *testing.T) {
	doc := "<record><leader>00000cam\u00a0a2200000\u00a0i\u00a04500</leader><controlfield tag=\"001\">x</controlfield></record>"
	rd := NewReader(strings.NewReader(doc), Options{})
	if !rd.Scan() || rd.Err() != nil {
		t.Fatalf("not read: %v", rd.Err())
	}
	if l := rd.Record().Leader(); string(l[5:9]) != "cam " || l[17] != ' ' || l[18] != 'i' || l[19] != ' ' || !strings.Contains(rd.Repair(), "8, 17, 19") {
		t.Fatalf("leader %q, repair %q", l.String(), rd.Repair())
	}
	strict := NewReader(strings.NewReader(doc), Options{Strict: true})
	if strict.Scan() && strict.Err() == nil {
		t.Fatal("strict mode read it")
	}
}
