package marcxml

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// TestCarriageReturnRoundTrip: a CR in subfield text comes back as CR
// (written raw, XML parsers turned it into LF).
func TestCarriageReturnRoundTrip(t *testing.T) {
	raw := marctest.Build(marctest.Leader, "001", "cr", "500", "  $aline one\r\nline two\rend")
	r, err := view.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := NewEncoder(&buf, Options{})
	enc.Encode(r)
	enc.Close()
	if !bytes.Contains(buf.Bytes(), []byte("line one&#13;\nline two&#13;end")) {
		t.Fatalf("CR not escaped:\n%s", buf.Bytes())
	}
	rd := NewReader(&buf, Options{})
	for back, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back.Bytes(), raw) {
			t.Fatalf("read back %q", back.Bytes())
		}
	}
}
