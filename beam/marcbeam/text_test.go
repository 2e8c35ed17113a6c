package marcbeam

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

// textInputs are MARCXML and MARC-in-JSON files: the sample written by
// marcmap's encoders (prefixed and not), and the corpus's files.
func textInputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{}
	var recs [][]byte
	for r, err := range scan.New(bytes.Repeat(marctest.Sample(), 7), scan.Options{}).Records() {
		if err == nil {
			recs = append(recs, r.Bytes())
		}
	}
	for name, f := range map[string]encode.Format{"sample.xml": marcxml.Options{}, "sample.ndjson": marcjson.Options{}} {
		var b bytes.Buffer
		enc := encode.NewEncoder(&b, f)
		for r, err := range scan.New(bytes.Repeat(marctest.Sample(), 7), scan.Options{}).Records() {
			if err == nil {
				enc.Encode(r)
			}
		}
		enc.Close()
		in[name] = b.Bytes()
	}
	prefixed := bytes.ReplaceAll(in["sample.xml"], []byte("<record"), []byte("<marc:record"))
	prefixed = bytes.ReplaceAll(prefixed, []byte("</record"), []byte("</marc:record"))
	for _, tag := range []string{"leader", "controlfield", "datafield", "subfield"} {
		prefixed = bytes.ReplaceAll(prefixed, []byte("<"+tag), []byte("<marc:"+tag))
		prefixed = bytes.ReplaceAll(prefixed, []byte("</"+tag), []byte("</marc:"+tag))
	}
	prefixed = bytes.ReplaceAll(prefixed, []byte("<collection xmlns="), []byte("<marc:collection xmlns:marc="))
	prefixed = bytes.ReplaceAll(prefixed, []byte("</collection>"), []byte("</marc:collection>"))
	in["prefixed.xml"] = prefixed
	for _, format := range []string{"marcxml", "marc-in-json"} {
		for _, cf := range marctest.Corpus(t, format) {
			if b, err := os.ReadFile(cf.Path); err == nil {
				in[cf.Name] = b
			}
		}
	}
	return in
}

// coreRecords reads a file with marcmap's own reader, records as ISO 2709.
func coreRecords(t *testing.T, name string, data []byte) [][]byte {
	path := filepath.Join(t.TempDir(), filepath.Base(name))
	os.WriteFile(path, data, 0o644)
	rd, err := marcmap.Open(path, marcmap.Options{Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var out [][]byte
	for r, err := range rd.Records() {
		if err != nil {
			continue
		}
		b, err := iso2709.Options{}.Append(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestTextRangesReadEachRecordOnce: MARCXML and MARC-in-JSON files cut at
// random points give, range by range, the records of marcmap's reader of
// the whole file, each once, in order.
func TestTextRangesReadEachRecordOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	files, total, skipped, wholeDocs := 0, 0, 0, 0
	for name, data := range textInputs(t) {
		k := sniff(data)
		if k == kindISO2709 {
			continue
		}
		ts := &textSource{xml: k == kindMARCXML}
		if ts.xml {
			ts.root, ts.rootEnd = xmlRoot(data)
		}
		want := coreRecords(t, name, data)
		if k == kindMIJ && !ndjson(data) {
			// Read whole by the range at 0, nothing by the others.
			var got []Item
			for _, start := range []int64{0, int64(len(data) / 2)} {
				if err := readWhole(bytes.NewReader(data), start, func(int64) bool { return true }, func(it Item) { got = append(got, it) }); err != nil {
					t.Fatal(err)
				}
			}
			var g [][]byte
			for _, it := range got {
				if it.Err == "" {
					g = append(g, it.Raw)
				}
			}
			if !slices.EqualFunc(g, want, bytes.Equal) {
				t.Errorf("%s (read whole): %d records, marcmap's reader %d", name, len(g), len(want))
			}
			wholeDocs++
			continue
		}
		var whole []Item
		ts.readRange(bytes.NewReader(data), 0, int64(len(data)), func(int64) bool { return true }, func(it Item) { whole = append(whole, it) })
		good := func(items []Item) [][]byte {
			var out [][]byte
			for _, it := range items {
				if it.Err == "" {
					out = append(out, it.Raw)
				}
			}
			return out
		}
		if g := good(whole); !slices.EqualFunc(g, want, bytes.Equal) {
			t.Errorf("%s: %d records read unit by unit, %d by marcmap's reader", name, len(g), len(want))
			skipped++
			continue
		}
		files++
		total += len(want)
		for trial := range 10 {
			cuts := []int{0, len(data)}
			for range trial % 5 {
				cuts = append(cuts, rng.IntN(len(data)+1))
			}
			slices.Sort(cuts)
			var got []Item
			for i := 0; i+1 < len(cuts); i++ {
				base := max(cuts[i]-1, 0)
				err := ts.readRange(bytes.NewReader(data[base:]), int64(cuts[i]), int64(cuts[i+1]), func(int64) bool { return true }, func(it Item) { got = append(got, it) })
				if err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(whole) {
				t.Fatalf("%s cut at %v: %d items, want %d", name, cuts, len(got), len(whole))
			}
			for i := range got {
				if got[i].Offset != whole[i].Offset || got[i].Err != whole[i].Err || !bytes.Equal(got[i].Raw, whole[i].Raw) {
					t.Fatalf("%s cut at %v: item %d differs", name, cuts, i)
				}
			}
		}
	}
	if files < 3 || total == 0 {
		t.Fatalf("only %d text files compared", files)
	}
	t.Logf("%d MARCXML and MARC-in-JSON files (%d records) read range by range as marcmap reads them whole; %d indented MARC-in-JSON documents read whole; %d differ", files, total, wholeDocs, skipped)
}
