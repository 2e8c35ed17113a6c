package bib

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func parse(t *testing.T, fields ...string) view.Record {
	t.Helper()
	r, err := view.Parse(marctest.Build("00000cam a2200000 a 4500", fields...))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func texts(seq func(func(view.Field) bool)) []string {
	var out []string
	for f := range seq {
		out = append(out, f.Format())
	}
	return out
}

func TestAccessors(t *testing.T) {
	r := parse(t,
		"001", "ocm1",
		"020", "  $z0000000000$a0-19-852663-6 (pbk.) :$c$5.00",
		"020", "  $a978-0-19-852663-1",
		"022", "0 $a1234-5678$l8765-4321",
		"086", "0 $aY 4.F 76/1:H 62$6880-01",
		"110", "2 $aUnited States.$bCongress.",
		"100", "1 $aMelville, Herman,$d1819-1891.$6880-02",
		"240", "10$aMoby Dick.$lFrench",
		"245", "10$aMoby Dick :$bor, The whale /$bsecond b$cHerman Melville.",
		"264", " 0$aNew York :$bProducer,$c1850.",
		"264", " 1$aNew York :$bHarper & Brothers,$cc1851.",
		"300", "  $a635 p. ;$c20 cm.",
		"490", "0 $aGreat books ;$v12",
		"500", "  $aFirst edition.",
		"503", "  $anot in pymarc's list",
		"650", " 0$aWhaling$vFiction.",
		"700", "1 $aKent, Rockwell.",
		"852", "  $aDLC$bMain",
	)
	got := map[string]any{
		"title": Title(r), "isbn": ISBN(r), "isbns": ISBNs(r), "issn": ISSN(r), "issnl": ISSNL(r),
		"sudoc": SuDoc(r), "author": Author(r), "uniform": UniformTitle(r), "publisher": Publisher(r), "year": PubYear(r),
		"series": texts(Series(r)), "subjects": texts(Subjects(r)), "added": texts(AddedEntries(r)),
		"notes": texts(Notes(r)), "physical": texts(PhysicalDescription(r)), "location": texts(Location(r)),
	}
	want := map[string]any{
		"title":     "Moby Dick : or, The whale /", // the first $b only, as pymarc
		"isbn":      "0198526636",
		"isbns":     []string{"0198526636", "9780198526631"},
		"issn":      "1234-5678",
		"issnl":     "8765-4321",
		"sudoc":     "Y 4.F 76/1:H 62",
		"author":    "Melville, Herman, 1819-1891.", // 100 before 110, whatever the order
		"uniform":   "Moby Dick. French",
		"publisher": "Harper & Brothers,", // the 264 with ind2 1
		"year":      "c1851.",
		"series":    []string{"Great books ; 12"},
		"subjects":  []string{"Whaling -- Fiction."},
		"added":     []string{"Kent, Rockwell."},
		"notes":     []string{"First edition."},
		"physical":  []string{"635 p. ; 20 cm."},
		"location":  []string{"DLC Main"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}

// TestPublisher260First: a 260 ends the search even without $b, as in
// pymarc; a 264 that is not publication (ind2 0, 2, 3, 4) is skipped.
func TestPublisher260First(t *testing.T) {
	r := parse(t, "260", "  $aParis", "264", " 1$bLater")
	if p := Publisher(r); p != "" {
		t.Fatalf("publisher %q, want none (the 260 has no $b)", p)
	}
	r = parse(t, "264", " 4$cc2001", "260", "  $bOld,$c1999.")
	if p, y := Publisher(r), PubYear(r); p != "Old," || y != "1999." {
		t.Fatalf("%q %q", p, y)
	}
	if a := Author(parse(t, "111", "2 $aMeeting")); a != "Meeting" {
		t.Fatalf("author from 111: %q", a)
	}
	if Title(parse(t, "245", "10$bonly b")) != "" || ISBN(parse(t, "020", "  $z123")) != "" {
		t.Fatal("a title without $a or an ISBN from $z")
	}
}

func TestTrimPunct(t *testing.T) {
	for in, want := range map[string]string{
		"Moby Dick /":        "Moby Dick",
		"Whaling.":           "Whaling",
		"Melville, Herman,":  "Melville, Herman",
		"Smith, J.":          "Smith, J.",
		"Maps, charts, etc.": "Maps, charts, etc.",
		"New York :":         "New York",
		"Title = Titre /":    "Title = Titre",
		"":                   "",
		"Kent, Rockwell. ; ": "Kent, Rockwell",
	} {
		if got := TrimPunct(in); got != want {
			t.Errorf("TrimPunct(%q) = %q, want %q", in, got, want)
		}
	}
}
