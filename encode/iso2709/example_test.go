package iso2709_test

import (
	"fmt"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

func ExampleBuilder() {
	var b iso2709.Builder // a new record: UTF-8 leader (09 'a', "22", "4500")
	b.AddField("001", []byte("ocm00000001"))
	b.AddDataField("245", '1', '0',
		iso2709.Subfield{Code: 'a', Value: []byte("Wuthering heights /")},
		iso2709.Subfield{Code: 'c', Value: []byte("Emily Brontë.")})
	raw, err := b.Append(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := view.Parse(raw)
	fmt.Printf("%q\n", r.Leader().String())
	t, _ := r.Field("245")
	c, _ := t.Subfield('c')
	fmt.Printf("%d bytes, %d fields, 245 $c %s\n", r.Len(), r.NumFields(), c)
	// Output:
	// "00102    a2200049   4500"
	// 102 bytes, 2 fields, 245 $c Emily Brontë.
}

// Options.Charset converts between MARC-8 and UTF-8 as records are written.
func ExampleOptions_Append() {
	var b iso2709.Builder
	l := view.Leader([]byte("00000nam  2200000 a 4500")) // leader/09 blank: MARC-8
	b.Reset(l)
	b.AddDataField("245", '1', '0', iso2709.Subfield{Code: 'a', Value: []byte("Bront\xe8e")}) // MARC-8 umlaut before its letter
	marc8, _ := b.Append(nil)
	r, _ := view.Parse(marc8)

	utf8, err := iso2709.Options{Charset: iso2709.UTF8}.Append(nil, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _ := view.Parse(utf8)
	t, _ := u.Field("245")
	a, _ := t.Subfield('a')
	fmt.Printf("leader/09 %q, 245 $a %s\n", u.Leader().CodingScheme(), a)
	// Output:
	// leader/09 'a', 245 $a Brontë
}
