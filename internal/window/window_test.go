package window

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLinesAndOffsets: reading a byte at a time and consuming in steps,
// Line and Offset name the right place of the input across compactions.
func TestLinesAndOffsets(t *testing.T) {
	var doc strings.Builder
	for i := range 3000 {
		doc.WriteString(strings.Repeat("x", i%7))
		doc.WriteByte('\n')
	}
	in := doc.String()
	w := New(iotest.OneByteReader(strings.NewReader(in)), 1<<20)
	for step := 1; ; step = step%13 + 1 {
		for len(w.In)-w.Pos < step && w.More() {
		}
		if w.Pos >= len(w.In) {
			break
		}
		p := min(w.Pos+step, len(w.In)) - 1
		off := w.Offset(p)
		if want := strings.Count(in[:off], "\n") + 1; w.Line(p) != want {
			t.Fatalf("offset %d: line %d, want %d", off, w.Line(p), want)
		}
		if w.In[p] != in[off] {
			t.Fatalf("offset %d: byte %q, want %q", off, w.In[p], in[off])
		}
		w.Pos = p + 1
	}
	if w.Offset(w.Pos) != int64(len(in)) || !w.EOF || w.Err != nil {
		t.Fatalf("ended at %d of %d, EOF %v, err %v", w.Offset(w.Pos), len(in), w.EOF, w.Err)
	}
}

// TestMax: an item longer than Max stops the window (TooBig) instead of
// growing it.
func TestMax(t *testing.T) {
	w := New(bytes.NewReader(make([]byte, 1<<20)), 100<<10)
	for w.More() {
	}
	if !w.TooBig || len(w.In) > w.Max+ReadSize {
		t.Fatalf("TooBig %v, held %d", w.TooBig, len(w.In))
	}
}
