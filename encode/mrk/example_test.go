package mrk_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleAppend() {
	r, _ := view.Parse(marctest.Build(marctest.Leader, "001", "x1", "245", "10$aPrices in {dollar}"))
	out, _ := mrk.Append(nil, r)
	os.Stdout.Write(out)
	// Output:
	// =LDR  00069nam\a2200049\a\4500
	// =001  x1
	// =245  10$aPrices in {dollar}
}

func ExampleNewReader() {
	in := "=LDR  00000nam\\a2200000\\a\\4500\n=245  10$aWalden\n\n"
	for r, err := range mrk.NewReader(strings.NewReader(in), mrk.Options{}).Records() {
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
