package encode_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// TestDocumentParts: several parts, empty ones anywhere, give the bytes of
// one Encoder writing all the records.
func TestDocumentParts(t *testing.T) {
	recs := []view.Record{}
	for _, id := range []string{"a", "b", "c"} {
		r, err := view.Parse(marctest.Book(id, "Title "+id, "Author"))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	for _, f := range []encode.Format{marcjson.Options{Array: true}, marcjson.Options{}, marcxml.Options{}} {
		for _, parts := range [][]int{{}, {0}, {3}, {0, 3}, {3, 0}, {1, 0, 2}, {0, 1, 0, 1, 1, 0}} {
			var want bytes.Buffer
			enc := encode.NewEncoder(&want, f)
			var got bytes.Buffer
			doc := encode.NewDocument(&got, f)
			i := 0
			for _, n := range parts {
				w, pf := doc.Part()
				penc := encode.NewEncoder(w, pf)
				for range n {
					r := recs[i%len(recs)]
					i++
					enc.Encode(r)
					penc.Encode(r)
				}
				if err := penc.Close(); err != nil {
					t.Fatal(err)
				}
			}
			enc.Close()
			if err := doc.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%T %v: parts give\n%s\nwant\n%s", f, parts, got.Bytes(), want.Bytes())
			}
			if o, ok := f.(marcjson.Options); ok && o.Array {
				var v []any
				if err := json.Unmarshal(got.Bytes(), &v); err != nil || len(v) != i {
					t.Fatalf("%v: not an array of %d: %v", parts, i, err)
				}
			}
		}
	}
}
