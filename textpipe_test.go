package marcmap

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// encodeWith runs Encode over doc with n workers and returns the output,
// the bad records reported (in order) and the error. With path set, doc
// is read from that file (mapped: MARCXML and MARC-in-JSON are read in
// place), else as a stream.
func encodeWith(t *testing.T, doc []byte, format Format, strict bool, f encode.Format, n int, path ...string) string {
	t.Helper()
	var r *Reader
	var err error
	if len(path) > 0 {
		if err := os.WriteFile(path[0], doc, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err = Open(path[0], Options{Format: format, Strict: strict})
	} else {
		r, err = NewReader(bytes.NewReader(doc), Options{Format: format, Strict: strict})
	}
	if err != nil {
		return "open: " + err.Error()
	}
	defer r.Close()
	var out, bad strings.Builder
	written := 0
	err = r.Encode(context.Background(), &out, parallel.Options{Workers: n, BadRecord: func(err error, raw []byte) error {
		fmt.Fprintf(&bad, "%v %q\n", err, raw)
		return nil
	}, Written: func(k int) { written += k }}, f)
	return fmt.Sprintf("%s\n-- bad --\n%s-- err --\n%v\n-- written %d --", out.String(), bad.String(), err, written)
}

// TestTextEncodeWorkers: a text-format input encoded with several workers
// (one goroutine reads, the others encode) gives exactly what one
// goroutine gives: output, bad records in order, the error that ends it,
// the count of records written (Options.Written);
// on the corpus's MARCXML, MARC-in-JSON and MRK files and on a document of
// several batches with bad records among them, lenient and strict, into
// every format.
func TestTextEncodeWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	type doc struct {
		name   string
		format Format
		data   []byte
	}
	var docs []doc
	for _, fm := range []struct {
		corpus string
		format Format
	}{{"marcxml", MARCXML}, {"marc-in-json", MARCJSON}, {"mrk", MRK}} {
		for _, cf := range marctest.Corpus(t, fm.corpus) {
			d, err := os.ReadFile(cf.Path)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc{cf.Name, fm.format, d})
		}
	}
	// Several batches (4096 items each) with bad records among them.
	var big, bigXML bytes.Buffer
	bigXML.WriteString("<collection>\n")
	recs := 0
	for i := 0; recs < 3*textBatchItems; i++ {
		for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
			if err != nil {
				continue
			}
			out, _ := marcjson.Append(nil, r)
			big.Write(out)
			out, _ = marcxml.Append(nil, r)
			bigXML.Write(out)
			if recs++; recs%997 == 0 {
				big.WriteString(`{"leader":"short","fields":[]}` + "\n")
				bigXML.WriteString("<record><leader>short</leader></record>\n<datafield tag=\"500\"/>\n")
			}
		}
	}
	bigXML.WriteString("</collection>\n")
	docs = append(docs, doc{"big", MARCJSON, big.Bytes()}, doc{"big", MARCXML, bigXML.Bytes()})
	docs = append(docs, doc{"big, cut", MARCJSON, big.Bytes()[:big.Len()*2/3]}, doc{"big, cut", MARCXML, bigXML.Bytes()[:bigXML.Len()*2/3]})
	// MARC-in-JSON that cutting where a line opens an object gets wrong:
	// lines inside a record (pretty-printed, or a raw new line in a
	// string, which lenient mode reads), an array, an array without its
	// commas, a bad record and data after the array.
	rec := `{"leader":"00000nam a2200000 a 4500","fields":[{"001":"x1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Moby"}]}}]}`
	docs = append(docs,
		doc{"lines", MARCJSON, []byte(strings.Repeat(rec+"\n", 30))},
		doc{"pretty", MARCJSON, []byte(strings.Repeat(strings.ReplaceAll(rec, ",{", ",\n{"), 30))},
		doc{"new line in a string", MARCJSON, []byte(strings.Repeat(strings.Replace(rec, "Moby", "Mo\n{by", 1)+"\n", 30))},
		doc{"array", MARCJSON, []byte("\ufeff[\n" + strings.Repeat(rec+",\n", 29) + rec + "\n]\n")},
		doc{"array without commas", MARCJSON, []byte("[\n" + strings.Repeat(rec+"\n", 30) + "]")},
		doc{"array, data after it", MARCJSON, []byte("[\n" + strings.Repeat(rec+",\n", 29) + rec + "\n]\n{}")},
		doc{"array cut after a comma", MARCJSON, []byte("[\n" + strings.Repeat(rec+",\n", 30))},
		doc{"bad record", MARCJSON, []byte(strings.Repeat(rec+"\n", 15) + `{"leader":"short","fields":[]}` + "\n" + strings.Repeat(rec+"\n", 15))},
		doc{"not well-formed", MARCJSON, []byte(strings.Repeat(rec+"\n", 15) + `{"leader":` + "\n" + strings.Repeat(rec+"\n", 15))},
	)
	// MARCXML that cutting where a record element starts gets wrong, or
	// that the parts must carry their context into: record start tags in
	// comments and CDATA, a record in a record, a prefix, a DOCTYPE,
	// faults between records (text, an end tag that matches nothing, a
	// processing instruction) and bad records.
	x := `<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Moby</subfield></datafield></record>`
	coll := func(body string) []byte {
		return []byte("<?xml version=\"1.0\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n" + body + "</collection>\n")
	}
	many := func(s string) string { return strings.Repeat(s+"\n", 30) }
	docs = append(docs,
		doc{"xml lines", MARCXML, coll(many(x))},
		doc{"xml comment", MARCXML, coll(many(x) + "<!--\n" + many(x) + "-->\n" + many(x))},
		doc{"xml cdata", MARCXML, coll(many(strings.Replace(x, "Moby", "<![CDATA[\n"+x+"\n]]>", 1)))},
		doc{"xml nested", MARCXML, coll(many(x) + "<record><leader>00000nam a2200000 a 4500</leader>\n" + x + "</record>\n" + many(x))},
		doc{"xml prefix", MARCXML, []byte("<marc:collection xmlns:marc=\"http://www.loc.gov/MARC21/slim\">\n" + many(strings.ReplaceAll(strings.ReplaceAll(x, "<", "<marc:"), "<marc:/", "</marc:")) + "</marc:collection>")},
		doc{"xml doctype", MARCXML, append([]byte("<!DOCTYPE collection>\n"), coll(many(x))...)},
		doc{"xml text between", MARCXML, coll(many(x) + "stray text\n" + many(x))},
		doc{"xml end tag", MARCXML, coll(many(x) + "</datafield>\n" + many(x))},
		doc{"xml pi", MARCXML, coll(many(x) + "<?pi x?>\n" + many(x))},
		doc{"xml bad records", MARCXML, coll(many(x) + "<record><leader>short</leader></record>\n<datafield tag=\"500\"/>\n" + many(x))},
		doc{"xml cut", MARCXML, coll(many(x) + many(x))[:len(coll(many(x)+many(x)))*2/3]},
		doc{"xml no collection", MARCXML, []byte(many(x))},
	)
	formats := []encode.Format{iso2709.Options{}, marcxml.Options{}, marcjson.Options{Array: true}, mrk.Options{}, skipOdd{mrk.Options{}}}
	file := filepath.Join(t.TempDir(), "in")
	for _, d := range docs {
		for _, strict := range []bool{false, true} {
			for _, f := range formats {
				want := encodeWith(t, d.data, d.format, strict, f, 1)
				for _, n := range []int{2, 5} {
					if got := encodeWith(t, d.data, d.format, strict, f, n); got != want {
						t.Errorf("%s, strict %v, %T, %d workers: differs from one worker\n got  %.300q\n want %.300q", d.name, strict, f, n, got, want)
					}
				}
				// From a file (mapped, read in place), on one worker and two;
				// MARC-in-JSON is then cut into parts, also small ones.
				for _, n := range []int{1, 2} {
					if got := encodeWith(t, d.data, d.format, strict, f, n, file); got != want {
						t.Errorf("%s, strict %v, %T, %d workers, from a file: differs from a stream\n got  %.300q\n want %.300q", d.name, strict, f, n, got, want)
					}
				}
				if d.format == MARCJSON || d.format == MARCXML {
					for _, size := range []int{1, 100, 4000} {
						textPartBytes = size
						got := encodeWith(t, d.data, d.format, strict, f, 2, file)
						textPartBytes = 1 << 20
						if got != want {
							t.Errorf("%s, strict %v, %T, from a file in parts of %d bytes: differs from a stream\n got  %.300q\n want %.300q", d.name, strict, f, size, got, want)
						}
					}
				}
			}
		}
	}
}

// skipOdd skips the records of odd length, as a filter does (encode.ErrSkip):
// they are not counted as written.
type skipOdd struct{ encode.Format }

func (f skipOdd) Append(dst []byte, r view.Record) ([]byte, error) {
	if len(r.Bytes())%2 == 1 {
		return dst, encode.ErrSkip
	}
	return f.Format.Append(dst, r)
}

// FuzzTextParts: a MARCXML or MARC-in-JSON file read in parts on two
// workers (parts of 1 and 64 bytes: every cut a guess) gives what one
// Reader on the stream gives, lenient and strict.
func FuzzTextParts(f *testing.F) {
	x := `<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield></record>`
	f.Add([]byte("<collection>\n"+x+"\n<!--\n"+x+"\n-->\n"+x+"\n</collection>"), true)
	j := `{"leader":"00000nam a2200000 a 4500","fields":[{"001":"x1"}]}`
	f.Add([]byte("[\n"+j+",\n"+j+"\n]"), false)
	f.Add([]byte(j+"\n{\"leader\":\n"+j+"\n"), false)
	file := filepath.Join(f.TempDir(), "in")
	f.Fuzz(func(t *testing.T, doc []byte, xml bool) {
		format := MARCJSON
		if xml {
			format = MARCXML
		}
		defer func() { textPartBytes = 1 << 20 }()
		for _, strict := range []bool{false, true} {
			want := encodeWith(t, doc, format, strict, iso2709.Options{}, 1)
			for _, size := range []int{1, 64} {
				textPartBytes = size
				if got := encodeWith(t, doc, format, strict, iso2709.Options{}, 2, file); got != want {
					t.Fatalf("strict %v, parts of %d bytes: differs from a stream\n got  %.500q\n want %.500q", strict, size, got, want)
				}
			}
		}
	})
}
