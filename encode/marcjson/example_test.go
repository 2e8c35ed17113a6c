package marcjson_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleAppend() {
	r, _ := view.Parse(marctest.Build(marctest.Leader, "001", "x1", "245", "10$aWalden"))
	out, _ := marcjson.Append(nil, r)
	os.Stdout.Write(out)
	// Output:
	// {"leader":"00064nam a2200049 a 4500","fields":[{"001":"x1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Walden"}]}}]}
}

func ExampleNewReader() {
	in := `{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"0","ind2":"0","subfields":[{"a":"Walden"}]}}]}
{"leader":"00000nam a2200000 a 4500","fields":[{"245":"not a data field"}]}
`
	for r, err := range marcjson.NewReader(strings.NewReader(in), marcjson.Options{}).Records() {
		if err != nil {
			fmt.Println("bad:", err)
			continue
		}
		t, _ := r.Field("245")
		a, _ := t.Subfield('a')
		fmt.Printf("%s\n", a)
	}
	// Output:
	// Walden
}
