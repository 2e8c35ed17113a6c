package holdings_test

import (
	"fmt"

	"github.com/marcmap/marcmap/holdings"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleEnumerations() {
	r, _ := view.Parse(marctest.Build("00000ny  a2200000 a 4500",
		"852", "  $bMain$hQA76",
		"853", "20$81$av.$bno.$i(year)",
		"863", "40$81.1$a1-10$b1-12$i1990-1999",
		"866", " 0$80$av.11- (2000-)",
	))
	for e := range holdings.Enumerations(r) {
		fmt.Printf("%s\n", e.AppendDisplay(nil))
	}
	for f := range holdings.Textual(r) {
		a, _ := f.Subfield('a')
		fmt.Printf("%s\n", a)
	}
	// Output:
	// v.1-10:no.1-12 (1990-1999)
	// v.11- (2000-)
}
