package authority_test

import (
	"fmt"

	"github.com/marcmap/marcmap/authority"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func Example() {
	r, _ := view.Parse(marctest.Build("00000cz  a2200000n  4500",
		"100", "1 $aTwain, Mark,$d1835-1910",
		"400", "1 $aClemens, Samuel Langhorne,$d1835-1910",
		"400", "1 $aSnodgrass, Quintus Curtius,$d1835-1910",
		"500", "1 $wr$aConte, Louis de,$d1835-1910",
	))
	fmt.Println(r.Leader().Kind())
	h, _ := authority.Heading(r)
	fmt.Println(h.Format())
	for f := range authority.SeeFrom(r) {
		fmt.Println("see from:", f.Format())
	}
	for f := range authority.SeeAlso(r) {
		w, _ := f.Subfield('w')
		a, _ := f.Subfield('a')
		fmt.Printf("see also: %s ($w %s)\n", a, w)
	}
	// Output:
	// authority
	// Twain, Mark, 1835-1910
	// see from: Clemens, Samuel Langhorne, 1835-1910
	// see from: Snodgrass, Quintus Curtius, 1835-1910
	// see also: Conte, Louis de, ($w r)
}
