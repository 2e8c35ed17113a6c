package dublincore_test

import (
	"fmt"

	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleAppend() {
	r, _ := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"008", "850101s1851    nyu           000 1 eng d",
		"020", "  $a0198526636",
		"100", "1 $aMelville, Herman,$d1819-1891.",
		"245", "10$aMoby Dick, or, The whale /$cHerman Melville.",
		"260", "  $aNew York :$bHarper & Brothers,$c1851.",
		"650", " 0$aWhaling$vFiction.",
	))
	out, _ := dublincore.Append(nil, r)
	fmt.Print(string(out))
	// Output:
	//   <oai_dc:dc>
	//     <dc:title>Moby Dick, or, The whale /</dc:title>
	//     <dc:creator>Melville, Herman, 1819-1891.</dc:creator>
	//     <dc:type>text</dc:type>
	//     <dc:publisher>New York : Harper &amp; Brothers,</dc:publisher>
	//     <dc:date>1851.</dc:date>
	//     <dc:language>eng</dc:language>
	//     <dc:subject>Whaling</dc:subject>
	//     <dc:identifier>URN:ISBN:0198526636</dc:identifier>
	//   </oai_dc:dc>
}
