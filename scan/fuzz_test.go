package scan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/view"
)

// FuzzScanner checks that the slice scanner and the stream scanner agree on
// every item (offset, bytes, repairs, error) for any input, in both modes
// and with short reads, and that accessors of every record stay in bounds.
func FuzzScanner(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*.mrc")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 20000 {
			f.Add(b, uint16(0), false)
		}
	}
	f.Add([]byte("00026     2200025   4500\x1e\x1d"), uint16(100), true)
	f.Fuzz(func(t *testing.T, data []byte, max uint16, strict bool) {
		opts := Options{Strict: strict, MaxRecordLen: int(max)}
		a, aerr := collect(New(data, opts))
		b, berr := collect(NewReader(iotest.OneByteReader(bytes.NewReader(data)), opts))
		c, cerr := collect(NewReader(iotest.HalfReader(bytes.NewReader(data)), opts))
		if d := cmp.Diff(a, b); d != "" || errText(aerr) != errText(berr) {
			t.Fatalf("slice and one-byte stream differ (%v / %v):\n%s", aerr, berr, d)
		}
		if d := cmp.Diff(a, c); d != "" || errText(aerr) != errText(cerr) {
			t.Fatalf("slice and half-read stream differ:\n%s", d)
		}
	})
}

type fuzzItem struct {
	Off     int64
	Raw     string
	Repairs view.Repair
	Err     string
	Walk    int
}

func collect(s *Scanner) ([]fuzzItem, error) {
	var out []fuzzItem
	for s.Scan() {
		it := fuzzItem{Off: s.Offset(), Err: errText(s.Err())}
		r := s.Record()
		if s.Err() == nil {
			it.Repairs = r.Repairs()
			it.Walk = walk(r)
			it.Raw = string(r.Bytes())
			var fs []view.Field
			fs = r.AppendFields(fs)
			if len(fs) != r.NumFields() {
				panic("AppendFields and NumFields disagree")
			}
		} else if !errors.Is(s.Err(), view.ErrTooLong) {
			// (an overlong item's Raw is cut at MaxRecordLen by a stream)
			it.Raw = string(s.Raw())
		}
		out = append(out, it)
	}
	return out, s.Err()
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
