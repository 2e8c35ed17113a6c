package bib_test

import (
	"fmt"
	"iter"

	"github.com/marcmap/marcmap/bib"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// formatted gives each field's text as pymarc's format_field.
func formatted(fields iter.Seq[view.Field]) []string {
	var out []string
	for f := range fields {
		out = append(out, f.Format())
	}
	return out
}

func Example() {
	var b iso2709.Builder
	s := iso2709.Sub
	b.AddDataField("020", ' ', ' ', s('a', "0-19-852663-6 (pbk.)"))
	b.AddDataField("020", ' ', ' ', s('a', "9780198526631"))
	b.AddDataField("022", '0', ' ', s('a', "1234-5678"), s('l', "8765-4321"))
	b.AddDataField("086", '0', ' ', s('a', "Y 4.F 76/1:H 62"))
	b.AddDataField("100", '1', ' ', s('a', "Melville, Herman,"), s('d', "1819-1891."))
	b.AddDataField("240", '1', '0', s('a', "Moby Dick."), s('l', "French"))
	b.AddDataField("245", '1', '0', s('a', "Moby Dick :"), s('b', "or, The whale /"), s('c', "Herman Melville."))
	b.AddDataField("264", ' ', '1', s('a', "New York :"), s('b', "Harper & Brothers,"), s('c', "1851."))
	b.AddDataField("300", ' ', ' ', s('a', "635 p. ;"), s('c', "20 cm."))
	b.AddDataField("490", '0', ' ', s('a', "Great books ;"), s('v', "12"))
	b.AddDataField("500", ' ', ' ', s('a', "First edition."))
	b.AddDataField("650", ' ', '0', s('a', "Whaling"), s('v', "Fiction."))
	b.AddDataField("700", '1', ' ', s('a', "Kent, Rockwell,"), s('e', "illustrator."))
	b.AddDataField("852", ' ', ' ', s('a', "DLC"), s('b', "Main"))
	r, err := b.Record()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("title:", bib.Title(r))
	fmt.Println("trimmed:", bib.TrimPunct(bib.Title(r)))
	fmt.Println("author:", bib.Author(r))
	fmt.Println("uniform title:", bib.UniformTitle(r))
	fmt.Println("isbn:", bib.ISBN(r), "isbns:", bib.ISBNs(r))
	fmt.Println("issn:", bib.ISSN(r), "issn-l:", bib.ISSNL(r), "sudoc:", bib.SuDoc(r))
	fmt.Println("publisher:", bib.Publisher(r), "year:", bib.PubYear(r))
	fmt.Printf("series: %q\n", formatted(bib.Series(r)))
	fmt.Printf("subjects: %q\n", formatted(bib.Subjects(r)))
	fmt.Printf("added: %q\n", formatted(bib.AddedEntries(r)))
	fmt.Printf("notes: %q\n", formatted(bib.Notes(r)))
	fmt.Printf("physical: %q\n", formatted(bib.PhysicalDescription(r)))
	fmt.Printf("location: %q\n", formatted(bib.Location(r)))
	// Output:
	// title: Moby Dick : or, The whale /
	// trimmed: Moby Dick : or, The whale
	// author: Melville, Herman, 1819-1891.
	// uniform title: Moby Dick. French
	// isbn: 0198526636 isbns: [0198526636 9780198526631]
	// issn: 1234-5678 issn-l: 8765-4321 sudoc: Y 4.F 76/1:H 62
	// publisher: Harper & Brothers, year: 1851.
	// series: ["Great books ; 12"]
	// subjects: ["Whaling -- Fiction."]
	// added: ["Kent, Rockwell, illustrator."]
	// notes: ["First edition."]
	// physical: ["635 p. ; 20 cm."]
	// location: ["DLC Main"]
}
