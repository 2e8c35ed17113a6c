package marcmap_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"
	"sync/atomic"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/parallel"
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

// NewReader reads any format from a stream; MARC-8 records come out in
// UTF-8.
func ExampleNewReader() {
	xml := `<collection xmlns="http://www.loc.gov/MARC21/slim"><record>
<leader>00000nam a2200000 a 4500</leader>
<datafield tag="245" ind1="1" ind2="0"><subfield code="a">Walden</subfield></datafield>
</record></collection>`
	r, err := marcmap.NewReader(strings.NewReader(xml), marcmap.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for rec, err := range r.Records() {
		if err != nil {
			fmt.Println("bad record:", err)
			continue
		}
		t, _ := rec.Field("245")
		a, _ := t.Subfield('a')
		fmt.Printf("%s: %s\n", r.Format(), a)
	}
	// Output:
	// marcxml: Walden
}

// Options.Keep copies each record, so records can be kept after Close.
func ExampleOptions_keep() {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{Keep: true})
	if err != nil {
		log.Fatal(err)
	}
	var kept []marcmap.Record
	for r, err := range f.Records() {
		if err == nil {
			kept = append(kept, r)
		}
	}
	f.Close()
	t, _ := kept[4].Field("245")
	a, _ := t.Subfield('a')
	fmt.Printf("%d records; the last: %s\n", len(kept), a)
	// Output:
	// 5 records; the last: Records of the past /
}

// ForEach reads ISO 2709 on every core.
func ExampleReader_ForEach() {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var fields atomic.Int64
	err = f.ForEach(context.Background(), parallel.Options{}, func(index int, r marcmap.Record) error {
		fields.Add(int64(r.NumFields()))
		return nil
	})
	fmt.Println(fields.Load(), err)
	// Output:
	// 62 <nil>
}

// Encode writes a whole file in another format, in input order.
func ExampleReader_Encode() {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	if err := f.Encode(context.Background(), &out, parallel.Options{}, marcjson.Options{Array: true}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.Count(out.Bytes(), []byte(`{"leader"`)), "records in one array:", out.Bytes()[0] == '[', bytes.HasSuffix(out.Bytes(), []byte("}]\n")))
	// Output:
	// 5 records in one array: true true
}
