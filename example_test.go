package marcmap_test

import (
	"fmt"
	"log"

	"github.com/marcmap/marcmap"
)

func ExampleOpen() {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	for r, err := range f.Records() {
		if err != nil {
			fmt.Println("bad record:", err)
			continue
		}
		if t, ok := r.Field("245"); ok {
			a, _ := t.Subfield('a')
			fmt.Printf("%s\n", a)
		}
	}
	// Output:
	// Moby Dick, or, The whale /
	// Pride and prejudice /
	// Le petit prince /
	// Der Zauberberg :
	// Records of the past /
}
