package spec_test

import (
	"fmt"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/view"
)

func Example() {
	var b iso2709.Builder
	sf := iso2709.Sub
	b.SetLeaderAt(5, "nam")
	b.AddField("008", []byte("850101s1851    nyu           000 1 eng d"))
	b.AddDataField("100", '1', ' ', sf('a', "Melville, Herman,"), sf('d', "1819-1891."))
	b.AddDataField("245", '1', '0', sf('a', "Moby Dick :"), sf('b', "or, The whale /"), sf('c', "Herman Melville."))
	b.AddDataField("650", ' ', '0', sf('a', "Whaling"), sf('v', "Fiction."))
	b.AddDataField("651", ' ', '7', sf('a', "Nantucket"), sf('2', "fast"))
	b.AddDataField("700", '1', ' ', sf('a', "Kent, Rockwell,"), sf('e', "illustrator."))
	r, _ := b.Record()
	for _, s := range []string{"245ab", "245|1*|a", "245|0*|a", "100a:700a", "600-699a", "6XX", "65X|_0|", "008[35-37]", "LDR[6-7]"} {
		fmt.Printf("%-10s %q\n", s, spec.MustCompile(s).Values(r))
	}
	fmt.Println(spec.MustCompile("650a~whaling").Match(r), spec.MustCompile("650a~/^Whales?$/").Match(r), spec.MustCompile("651a=Nantucket").Match(r))
	// Output:
	// 245ab      ["Moby Dick : or, The whale /"]
	// 245|1*|a   ["Moby Dick :"]
	// 245|0*|a   []
	// 100a:700a  ["Melville, Herman," "Kent, Rockwell,"]
	// 600-699a   ["Whaling" "Nantucket"]
	// 6XX        ["Whaling Fiction." "Nantucket fast"]
	// 65X|_0|    ["Whaling Fiction."]
	// 008[35-37] ["eng"]
	// LDR[6-7]   ["am"]
	// true false true
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
