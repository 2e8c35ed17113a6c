package spec_test

import (
	"fmt"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/view"
)

func Example() {
	r, _ := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"008", "850101s1985    nyu           000 1 eng d",
		"100", "1 $aMelville, Herman,$d1819-1891.",
		"245", "10$aMoby Dick :$bor, The whale /$cHerman Melville.",
		"650", " 0$aWhaling$vFiction.",
		"700", "1 $aKent, Rockwell,$eillustrator.",
	))
	for _, s := range []string{"245ab", "100a:700a", "6XX", "008[35-37]", "LDR[6-7]"} {
		fmt.Printf("%-10s %q\n", s, spec.MustCompile(s).Values(r))
	}
	fmt.Println(spec.MustCompile("650a~whaling").Match(r), spec.MustCompile("650a~/^Whales?$/").Match(r))
	// Output:
	// 245ab      ["Moby Dick : or, The whale /"]
	// 100a:700a  ["Melville, Herman," "Kent, Rockwell,"]
	// 6XX        ["Whaling Fiction."]
	// 008[35-37] ["eng"]
	// LDR[6-7]   ["am"]
	// true false
}

func ExampleCompile_error() {
	_, err := spec.Compile("245|1|a")
	fmt.Println(err)
	// Output:
	// spec "245|1|a": at byte 5: an indicator filter is |12|: two characters, each a value, * (any) or _ or # (blank)
	// 	245|1|a
	// 	     ^
}

func ExampleSpec_Each() {
	r, _ := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"650", " 0$aWhales$vFiction.",
		"650", " 0$aWhaling$xHistory.",
	))
	for f, v := range spec.MustCompile("650av").Each(r) {
		fmt.Printf("%s at %d: %s\n", f.Tag(), f.Offset(), v)
	}
	// Output:
	// 650 at 49: Whales
	// 650 at 49: Fiction.
	// 650 at 70: Whaling
}
