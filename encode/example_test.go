package encode_test

import (
	"fmt"
	"os"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/view"
)

// Any format's Options is an encode.Format: code that writes records need
// not know which.
func ExampleNewEncoder() {
	var b iso2709.Builder
	b.AddField("001", []byte("rec1"))
	b.AddDataField("245", '1', '0', iso2709.Subfield{Code: 'a', Value: []byte("Brontë")})
	raw, _ := b.Append(nil)
	rec, _ := view.Parse(raw)

	var f encode.Format = marcjson.Options{Array: true}
	enc := encode.NewEncoder(os.Stdout, f)
	enc.Encode(rec)
	enc.Encode(rec)
	if err := enc.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// [{"leader":"00067    a2200049   4500","fields":[{"001":"rec1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Brontë"}]}}]},
	// {"leader":"00067    a2200049   4500","fields":[{"001":"rec1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Brontë"}]}}]}]
}
