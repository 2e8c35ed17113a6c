package view_test

import (
	"fmt"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleParse() {
	b := marctest.Build("00000nam a2200000 a 4500",
		"001", "ocm12345",
		"245", "10$aHideaway /$cDean Koontz.",
	)
	r, err := view.Parse(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := r.Leader()
	fmt.Printf("%d bytes, type %c, %d fields\n", l.RecordLength(), l.Type(), r.NumFields())
	for f := range r.Fields() {
		fmt.Printf("%s %q\n", f.Tag(), f.Data())
	}
	// Output:
	// 88 bytes, type a, 2 fields
	// 001 "ocm12345"
	// 245 "10\x1faHideaway /\x1fcDean Koontz."
}

func ExampleField_Subfields() {
	r, _ := view.Parse(marctest.Build("00000nam a2200000 a 4500",
		"650", " 0$aWhaling$vFiction.",
	))
	f, _ := r.Field("650")
	fmt.Printf("indicators %q %q\n", f.Ind1(), f.Ind2())
	for code, value := range f.Subfields() {
		fmt.Printf("$%c %s\n", code, value)
	}
	// Output:
	// indicators ' ' '0'
	// $a Whaling
	// $v Fiction.
}

func ExampleParseLenient() {
	b := marctest.Build("00000nam a2200000 a 4500", "001", "x1")
	copy(b, "99999") // a leader length that lies
	if _, err := view.Parse(b); err != nil {
		fmt.Println("strict:", err)
	}
	r, err := view.ParseLenient(b)
	fmt.Println("lenient:", err, r.Repairs())
	// Output:
	// strict: marc: record byte 0: record length mismatch: leader says 99999, record has 41
	// lenient: <nil> length
}

func ExampleField_Values() {
	r, _ := view.Parse(marctest.Build("00000ncm a2200000 a 4500",
		"008", "850101s1985    nyu           000 1 eng d",
		"245", "10$aSonatas,$nop. 26 /$bop. 26 /$bop. 27 /$cBeethoven.",
		"650", " 0$aSonatas (Piano)$vScores.",
	))
	f, _ := r.Field("245")
	for v := range f.Values("b") { // every $b, not only the first
		fmt.Printf("$b %s\n", v)
	}
	fmt.Printf("%s\n", f.AppendJoined(nil, "ab", " "))
	s, _ := r.Field("650")
	fmt.Println(s.Value())
	fmt.Println(s.Format())
	fmt.Println(s)
	f008, _ := r.Field("008")
	lang, ok := f008.Chars(35, 37)
	fmt.Printf("%s %v\n", lang, ok)
	// Output:
	// $b op. 26 /
	// $b op. 27 /
	// Sonatas, op. 26 / op. 27 /
	// Sonatas (Piano) Scores.
	// Sonatas (Piano) -- Scores.
	// =650  \0$aSonatas (Piano)$vScores.
	// eng true
}
