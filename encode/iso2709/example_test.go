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
		iso2709.Sub('a', "Wuthering heights /"),
		iso2709.Sub('c', "Emily Brontë."))
	r, err := b.Record() // or b.Append(dst) for the bytes
	if err != nil {
		fmt.Println(err)
		return
	}
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

// Editing a record, with pymarc's verbs: add a field in tag order, remove
// fields by tag pattern, set indicators and subfields.
func ExampleBuilder_ResetFrom() {
	var orig iso2709.Builder
	orig.AddField("001", []byte("b1"))
	orig.AddDataField("245", '1', '0', iso2709.Sub('a', "The whale /"))
	orig.AddDataField("650", ' ', '0', iso2709.Sub('a', "Whaling"), iso2709.Sub('2', "local"))
	orig.AddDataField("945", ' ', ' ', iso2709.Sub('a', "local item"))
	rec, _ := orig.Record()

	var b iso2709.Builder
	b.ResetFrom(rec)
	b.AddDataFieldOrdered("590", ' ', ' ', iso2709.Sub('a', "Signed by the author."))
	b.AddFieldOrdered("003", []byte("OCoLC"))              // after 001
	b.InsertField(0, "FMT", []byte("BK"))                  // at a position
	b.AddDataField("999", ' ', ' ', iso2709.Sub('a', "x")) // at the end
	b.RemoveFields("9XX")
	for i, f := range b.Fields() {
		switch f.Tag().String() {
		case "245":
			b.SetIndicators(i, '1', '4')
			b.SetSubfield(i, 'c', "Herman Melville.") // replaces the first $c, or adds one
		case "650":
			b.AddSubfield(i, 'v', "Fiction.")
			b.RemoveSubfields(i, "2")
		}
	}
	b.SetLeaderAt(17, "7") // encoding level
	edited, err := b.Record()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(edited.Leader().String()[17:])
	for f := range edited.Fields() {
		fmt.Println(f)
	}
	// Output:
	// 7  4500
	// =FMT  BK
	// =001  b1
	// =003  OCoLC
	// =245  14$aThe whale /$cHerman Melville.
	// =590  \\$aSigned by the author.
	// =650  \0$aWhaling$vFiction.
}
