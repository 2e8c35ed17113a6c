package bib_test

import (
	"fmt"

	"github.com/marcmap/marcmap/bib"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func Example() {
	r, _ := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"020", "  $a0-19-852663-6 (pbk.)",
		"100", "1 $aMelville, Herman,$d1819-1891.",
		"245", "10$aMoby Dick :$bor, The whale /$cHerman Melville.",
		"260", "  $aNew York :$bHarper & Brothers,$c1851.",
		"650", " 0$aWhaling$vFiction.",
		"650", " 0$aSea stories.",
	))
	fmt.Println(bib.Title(r))
	fmt.Println(bib.TrimPunct(bib.Title(r)))
	fmt.Println(bib.Author(r))
	fmt.Println(bib.ISBN(r), bib.Publisher(r), bib.PubYear(r))
	for f := range bib.Subjects(r) {
		fmt.Println(f.Format())
	}
	// Output:
	// Moby Dick : or, The whale /
	// Moby Dick : or, The whale
	// Melville, Herman, 1819-1891.
	// 0198526636 Harper & Brothers, 1851.
	// Whaling -- Fiction.
	// Sea stories.
}
