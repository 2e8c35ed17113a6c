package marcmap_test

// The daily jobs of issue 12, each as a user would write it: the job
// itself is under 15 lines of Go (between the "job" and "end" comments);
// what follows checks its result.

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/authority"
	"github.com/marcmap/marcmap/bib"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/holdings"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/spec"
)

// converted writes the sample in another form (a fixture, not a job).
func converted(t *testing.T, name string, f interface {
	Append([]byte, marcmap.Record) ([]byte, error)
	AppendHeader([]byte) []byte
	AppendFooter([]byte) []byte
}) string {
	t.Helper()
	rd := must(marcmap.Open("testdata/sample.mrc", marcmap.Options{}))
	defer rd.Close()
	out := f.AppendHeader(nil)
	for r, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		var e error
		if out, e = f.Append(out, r); e != nil {
			t.Fatal(e)
		}
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, f.AppendFooter(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Job 1: titles and ISBNs of a MARC-8 file, in UTF-8.
func TestDailyTitlesISBNsOfMARC8(t *testing.T) {
	path := converted(t, "marc8.mrc", iso2709.Options{Charset: iso2709.MARC8})
	// job
	rd, err := marcmap.Open(path, marcmap.Options{}) // records come out in UTF-8
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var lines []string
	for r, err := range rd.Records() {
		if err == nil {
			lines = append(lines, bib.Title(r)+"\t"+strings.Join(bib.ISBNs(r), " ")+"\t"+bib.Author(r))
		}
	}
	// end
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "Moby Dick, or, The whale /\t9780000000019\tMelville") || !strings.HasPrefix(lines[2], "Le petit prince /\t\tSaint-Exupéry, Antoine de,") {
		t.Fatalf("%q", lines)
	}
}

// Job 2: counts by leader/06 and by 008/35-37 (language).
func TestDailyCounts(t *testing.T) {
	// job
	rd, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	types, langs := map[string]int{}, map[string]int{}
	lang := spec.MustCompile("008[35-37]")
	for r, err := range rd.Records() {
		if err == nil {
			types[string(r.Leader().Type())]++
			langs[strings.Join(lang.Values(r), "")]++
		}
	}
	// end
	if types["a"] != 5 || langs["eng"] != 3 || langs["fre"] != 1 || langs["ger"] != 1 {
		t.Fatalf("%v %v", types, langs)
	}
}

// Job 3: records whose 650 $a contains a word, written to a file.
func TestDailyFilterToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "whaling.mrc")
	// job
	rd, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var buf []byte
	where := spec.MustCompile("650a~whal")
	for r, err := range rd.Records() {
		if err == nil && where.Match(r) {
			buf, _ = iso2709.Append(buf, r)
		}
	}
	err = os.WriteFile(out, buf, 0o644)
	// end
	if n := countRecords(t, out); err != nil || n != 1 {
		t.Fatalf("%d records, %v", n, err)
	}
}

func countRecords(t *testing.T, path string) int {
	t.Helper()
	rd := must(marcmap.Open(path, marcmap.Options{}))
	defer rd.Close()
	n := 0
	for _, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

// Job 4: add a 590 in tag order, delete the 9XX fields, change 245's
// second indicator.
func TestDailyEdit(t *testing.T) {
	in := marctest.Build("00000cam a2200000 a 4500", "001", "x1", "245", "10$aThe whale /", "650", " 0$aWhaling.", "907", "  $a.b1", "945", "  $aitem")
	rec, _ := iso2709.View(in)
	// job
	var b iso2709.Builder
	b.ResetFrom(rec)
	b.AddDataFieldOrdered("590", ' ', ' ', iso2709.Sub('a', "Signed copy."))
	b.RemoveFields("9XX")
	for i, f := range b.Fields() {
		if f.Tag().Is("245") {
			b.SetIndicators(i, f.Ind1(), '4')
		}
	}
	edited, err := b.Record()
	// end
	var got []string
	for f := range edited.Fields() {
		got = append(got, f.String())
	}
	if err != nil || strings.Join(got, "\n") != "=001  x1\n=245  14$aThe whale /\n=590  \\\\$aSigned copy.\n=650  \\0$aWhaling." {
		t.Fatalf("%v\n%s", err, strings.Join(got, "\n"))
	}
}

// Job 5: build a record from scratch and write it as ISO 2709 and MARCXML.
func TestDailyBuild(t *testing.T) {
	// job
	var b iso2709.Builder
	b.AddField("001", []byte("new-1"))
	b.AddDataField("100", '1', ' ', iso2709.Sub('a', "Brontë, Emily,"), iso2709.Sub('d', "1818-1848."))
	b.AddDataField("245", '1', '0', iso2709.Sub('a', "Wuthering heights /"), iso2709.Sub('c', "Emily Brontë."))
	rec, err := b.Record()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := iso2709.Append(nil, rec)
	var xml bytes.Buffer
	enc := marcxml.NewEncoder(&xml, marcxml.Options{})
	enc.Encode(rec)
	err = enc.Close()
	// end
	if err != nil || !bytes.Equal(raw, rec.Bytes()) || !strings.Contains(xml.String(), `<subfield code="a">Wuthering heights /</subfield>`) {
		t.Fatalf("%v\n%s", err, xml.String())
	}
}

// Job 6: the same code over MARCXML and MARC-in-JSON input.
func TestDailyAnyFormat(t *testing.T) {
	xmlPath := converted(t, "s.xml", marcxml.Options{})
	jsonPath := converted(t, "s.json", marcjson.Options{})
	for _, path := range []string{"testdata/sample.mrc", xmlPath, jsonPath} {
		// job
		rd, err := marcmap.Open(path, marcmap.Options{}) // the format is detected
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for r, err := range rd.Records() {
			if err == nil {
				titles = append(titles, bib.Title(r))
			}
		}
		rd.Close()
		// end
		if len(titles) != 5 || titles[3] != "Der Zauberberg : Roman /" {
			t.Fatalf("%s: %q", path, titles)
		}
	}
}

// Job 7: authority headings and holdings locations.
func TestDailyAuthorityHoldings(t *testing.T) {
	var data []byte
	data = append(data, marctest.Build("00000cz  a2200000n  4500", "001", "a1", "100", "1 $aTwain, Mark,$d1835-1910", "400", "1 $aClemens, Samuel")...)
	data = append(data, marctest.Build("00000nx  a2200000   4500", "001", "h1", "852", "0 $aDLC$bMain$hPS1305")...)
	// job
	rd, err := marcmap.NewReader(bytes.NewReader(data), marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for r := range rd.Records() {
		if h, ok := authority.Heading(r); ok && r.Leader().Kind() == marcmap.Authority {
			out = append(out, "heading: "+h.Format())
		}
		for f := range holdings.Locations(r) {
			out = append(out, "location: "+f.Format())
		}
	}
	// end
	if strings.Join(out, "; ") != "heading: Twain, Mark, 1835-1910; location: DLC Main PS1305" {
		t.Fatalf("%q", out)
	}
}

// Job 8: all of it on every core: German books with a title among 5,000
// records, through ForEach, which reads ISO 2709 on all cores.
func TestDailyEveryCore(t *testing.T) {
	p := filepath.Join(t.TempDir(), "many.mrc")
	os.WriteFile(p, bytes.Repeat(marctest.Sample(), 1000), 0o644)
	// job
	rd, err := marcmap.Open(p, marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	german := spec.MustCompile("008[35-37]=ger")
	var n atomic.Int64
	err = rd.ForEach(context.Background(), parallel.Options{}, func(_ int, r marcmap.Record) error {
		if german.Match(r) && bib.Title(r) != "" {
			n.Add(1)
		}
		return nil
	})
	// end
	if err != nil || n.Load() != 1000 {
		t.Fatalf("%v %d", err, n.Load())
	}
}
