package parallel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// oddOut leaves out every record whose 001 ends in an odd digit.
type oddOut struct{ encode.Format }

func (o oddOut) Append(dst []byte, r view.Record) ([]byte, error) {
	if f, ok := r.Field("001"); ok && len(f.Data()) > 0 && f.Data()[len(f.Data())-1]%2 == 1 {
		return dst, encode.ErrSkip
	}
	return o.Format.Append(dst, r)
}

// TestEncodeSkip: records a Format leaves out with encode.ErrSkip leave no
// separator behind (the JSON array stays valid), are not bad records, and
// parallel.Encode writes what an Encoder writes.
func TestEncodeSkip(t *testing.T) {
	var data []byte
	for i := range 3000 {
		data = append(data, marctest.Book(fmt.Sprintf("id%d", i), "Title", "Author")...)
	}
	f := oddOut{marcjson.Options{Array: true}}
	var par bytes.Buffer
	bad := 0
	o := Options{Workers: 2, BadRecord: func(error, []byte) error { bad++; return nil }}
	o.blockSize = 4096
	if err := Encode(context.Background(), &par, Bytes(data), o, f); err != nil {
		t.Fatal(err)
	}
	seq := sequential(t, data, f)
	if !bytes.Equal(par.Bytes(), seq) || bad != 0 {
		t.Fatalf("parallel and sequential differ (%d, %d bytes), %d bad", par.Len(), len(seq), bad)
	}
	var arr []any
	if err := json.Unmarshal(par.Bytes(), &arr); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if len(arr) != 1500 {
		t.Fatalf("%d of 3000 records kept, want the 1500 even ones", len(arr))
	}
}
