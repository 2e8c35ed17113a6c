package marcjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
	"golang.org/x/text/unicode/norm"
)

func sampleRecords(t testing.TB) []view.Record {
	var out []view.Record
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func encodeAll(t testing.TB, recs []view.Record, array bool) []byte {
	var buf bytes.Buffer
	enc := NewEncoder(&buf, Options{Array: array})
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readAll(t testing.TB, doc []byte) [][]byte {
	t.Helper()
	rd := NewReader(bytes.NewReader(doc), Options{})
	var out [][]byte
	for rd.Scan() {
		if err := rd.Err(); err != nil {
			t.Fatalf("record %d: %v", rd.Index(), err)
		}
		out = append(out, bytes.Clone(rd.Record().Bytes()))
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSampleRoundTrip(t *testing.T) {
	recs := sampleRecords(t)
	for _, array := range []bool{false, true} {
		doc := encodeAll(t, recs, array)
		if array {
			var v []map[string]any
			if err := json.Unmarshal(doc, &v); err != nil || len(v) != len(recs) {
				t.Fatalf("array output is not a JSON array of %d: %v", len(recs), err)
			}
			// "[" obj ",\n" obj ... "]\n": one object per line.
			var want []byte
			for i, r := range recs {
				if i > 0 {
					want = append(want, ",\n"...)
				}
				want, _ = Options{Array: true}.Append(want, r)
			}
			want = append(append([]byte("["), want...), "]\n"...)
			if !bytes.Equal(doc, want) {
				t.Fatalf("array layout:\n%s", doc)
			}
		} else {
			lines := strings.Split(strings.TrimSuffix(string(doc), "\n"), "\n")
			if len(lines) != len(recs) {
				t.Fatalf("%d lines for %d records", len(lines), len(recs))
			}
			for i, line := range lines {
				var v map[string]any
				if err := json.Unmarshal([]byte(line), &v); err != nil {
					t.Fatalf("line %d is not JSON: %v", i, err)
				}
			}
			if !strings.HasPrefix(lines[0], `{"leader":"00570cam a2200193 i 4500","fields":[{"001":"mm0000001"},`) {
				t.Fatalf("first line: %s", lines[0][:100])
			}
			if !strings.Contains(lines[0], `{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Moby Dick, or, The whale /"},{"c":"by Herman Melville."}]}}`) {
				t.Fatalf("245 not as expected: %s", lines[0])
			}
		}
		got := readAll(t, doc)
		if len(got) != len(recs) {
			t.Fatalf("array=%v: %d records back of %d", array, len(got), len(recs))
		}
		for i := range recs {
			if !bytes.Equal(got[i], recs[i].Bytes()) {
				t.Errorf("array=%v: record %d differs after the round trip", array, i)
			}
		}
	}
}

// TestEncoderEmpty: no records give an empty stream, or an empty array.
func TestEncoderEmpty(t *testing.T) {
	for _, tc := range []struct {
		array bool
		want  string
	}{{false, ""}, {true, "[]\n"}} {
		if got := string(encodeAll(t, nil, tc.array)); got != tc.want {
			t.Errorf("array=%v: %q, want %q", tc.array, got, tc.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	rec := marctest.Build("00000nam a2200000 a 4500",
		"001", "a\"b\\c\x01",
		"500", "  $aline\nbreak\ttab \xff bad",
	)
	r, _ := view.Parse(rec)
	out, err := Append(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !bytes.HasSuffix(out, []byte("}\n")) || bytes.Count(out, []byte("\n")) != 1 {
		t.Errorf("Append does not write one NDJSON line:\n%q", out)
	}
	for _, want := range []string{`"a\"b\\c\u0001"`, `"line\nbreak\ttab ` + "\uFFFD" + ` bad"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestReaderForms(t *testing.T) {
	recs := sampleRecords(t)
	one, _ := Append(nil, recs[0])
	pretty := func() []byte {
		var b bytes.Buffer
		json.Indent(&b, one, "", "  ")
		return b.Bytes()
	}()
	docs := map[string][]byte{
		"one object":           one,
		"concatenated, pretty": append(append(bytes.Clone(pretty), '\n'), pretty...),
		"array with BOM":       append([]byte("\xef\xbb\xbf [ "), append(append(bytes.Clone(one), ','), append(one, ']')...)...),
		"yaz key order":        []byte(strings.Replace(string(one), `{"ind1":"1","ind2":"0","subfields":[{"a":"Moby Dick, or, The whale /"},{"c":"by Herman Melville."}]}`, `{"subfields":[{"a":"Moby Dick, or, The whale /"},{"c":"by Herman Melville."}],"ind1":"1","ind2":"0"}`, 1)),
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			got := readAll(t, doc)
			if len(got) == 0 {
				t.Fatal("no records")
			}
			for i := range got {
				if !bytes.Equal(got[i], recs[0].Bytes()) {
					t.Fatalf("record %d differs", i)
				}
			}
		})
	}
}

func TestReaderBadRecords(t *testing.T) {
	recs := sampleRecords(t)
	good, _ := Append(nil, recs[1])
	bad := []string{
		`{"leader":"short","fields":[]}`,
		`{"leader":"00000nam a2200000 a 4500","fields":[{"24":"x"}]}`,
		`{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"1","subfields":[]}}]}`,
		`{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"1","ind2":"0","subfields":[{"ab":"x"}]}}]}`,
		`{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a","002":"b"}]}`,
		`[1,2]`,
	}
	doc := string(good) + "\n" + strings.Join(bad, "\n") + "\n" + string(good) + "\n"
	rd := NewReader(strings.NewReader(doc), Options{})
	var goodN, badN int
	for rd.Scan() {
		if err := rd.Err(); err != nil {
			var re *view.RecordError
			if !errors.As(err, &re) || re.Index != rd.Index() || re.Offset <= 0 || re.Offset != rd.Offset() {
				t.Fatalf("error %v is not a positioned RecordError", err)
			}
			if !errors.Is(err, view.ErrField) && !errors.Is(err, view.ErrLeader) {
				t.Fatalf("error %v wraps neither ErrField nor ErrLeader", err)
			}
			if re.Fatal() {
				t.Fatalf("lenient bad record %v marked fatal", err)
			}
			badN++
			continue
		}
		goodN++
	}
	if rd.Err() != nil || goodN != 2 || badN != len(bad) {
		t.Fatalf("good %d bad %d err %v", goodN, badN, rd.Err())
	}
	broken := NewReader(strings.NewReader(string(good)+"\n{\"leader\": "), Options{})
	for broken.Scan() {
	}
	var re *view.RecordError
	if err := broken.Err(); !errors.As(err, &re) || !errors.Is(err, view.ErrSyntax) || !re.Fatal() {
		t.Fatalf("truncated JSON: %v, want a fatal RecordError wrapping ErrSyntax", err)
	}
}

// nfc normalises for comparison: yaz's output is not normalised.
func nfc(ss []string) []string {
	for i, s := range ss {
		ss[i] = norm.NFC.String(s)
	}
	return ss
}

func fields(r view.Record) []string {
	l := r.Leader()
	out := []string{string(l[5:12]) + string(l[17:])}
	for f := range r.Fields() {
		out = append(out, f.Tag().String()+string(f.Data()))
	}
	return out
}

// TestCorpusMIJFiles reads every MARC-in-JSON file of the corpus and checks
// the record counts of the manifest.
func TestCorpusMIJFiles(t *testing.T) {
	for _, cf := range marctest.Corpus(t, "marc-in-json") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		rd := NewReader(bytes.NewReader(data), Options{})
		n, bad := 0, 0
		for rd.Scan() {
			if rd.Err() != nil {
				bad++
				t.Logf("%s: %v", cf.Name, rd.Err())
				continue
			}
			n++
		}
		t.Logf("%s: %d records, %d bad, fatal %v (manifest %d)", cf.Name, n, bad, rd.Err(), cf.Records)
		if n != cf.Records {
			t.Errorf("%s: %d records, manifest says %d", cf.Name, n, cf.Records)
		}
	}
}

// TestGoldenYaz reads yaz's MARC-in-JSON for the golden inputs and compares
// it, record by record, with our own conversion of the same input.
func TestGoldenYaz(t *testing.T) {
	corpus := marctest.CorpusDir(t)
	golden := filepath.Join(filepath.Dir(corpus), "golden")
	inputs, err := os.ReadFile(filepath.Join(golden, "INPUTS.txt"))
	if err != nil {
		t.Skip("no golden outputs")
	}
	compared := 0
	for _, name := range strings.Fields(string(inputs)) {
		if strings.HasPrefix(name, "#") || !strings.Contains(name, "/") {
			continue
		}
		yj, err := os.ReadFile(filepath.Join(golden, name+".yaz.mij.json"))
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		var ours []view.Record
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err == nil {
				ours = append(ours, toUTF8(t, r))
			}
		}
		theirs := NewReader(bytes.NewReader(yj), Options{})
		i := 0
		for theirs.Scan() {
			if theirs.Err() != nil {
				t.Logf("%s: yaz record %d: %v", name, theirs.Index(), theirs.Err())
				i++
				continue
			}
			if i >= len(ours) {
				break
			}
			if dd := cmp.Diff(nfc(fields(ours[i])), nfc(fields(theirs.Record()))); dd != "" && !knownYazDifference(name) {
				t.Errorf("%s record %d (-ours +yaz):\n%s", name, i, dd)
			}
			compared++
			i++
		}
		if theirs.Err() != nil {
			t.Errorf("%s: %v", name, theirs.Err())
		}
	}
	t.Logf("%d records compared with yaz's MARC-in-JSON", compared)
}

// knownYazDifference names the golden inputs where yaz's output differs from
// ours for the reasons documented in marc8/doc.go (broken input) or because
// yaz rewrites a malformed leader or copies invalid UTF-8.
func knownYazDifference(name string) bool {
	switch name {
	case "marc-perl/marc-lint/camel.usmarc", "marc4j/cyrillic_capital_e.mrc",
		"solrmarc/record_set_045.mrc", "yaz/marc12.marc", "marc4j/sample1.mrc",
		"pymarc/regression45.dat":
		return true
	}
	return false
}

// TestCorpusRoundTrip: ISO 2709 -> MARC-in-JSON -> ISO 2709 is the identity
// for the well-formed UTF-8 records of the corpus that JSON can carry
// (valid UTF-8, printable ASCII indicators and codes); MARC-8 records come
// back as their UTF-8 conversion.
func TestCorpusRoundTrip(t *testing.T) {
	var n, skipped int
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		var recs []view.Record
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil || r.Repairs() != 0 {
				continue
			}
			if !representable(toUTF8(t, r)) {
				skipped++
				continue
			}
			recs = append(recs, r)
		}
		var buf bytes.Buffer
		enc := NewEncoder(&buf, Options{})
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
		enc.Close()
		got := readAll(t, buf.Bytes())
		if len(got) != len(recs) {
			t.Fatalf("%s: %d records back of %d", cf.Name, len(got), len(recs))
		}
		for i, r := range recs {
			want := toUTF8(t, r)
			if !bytes.Equal(got[i], want.Bytes()) {
				g, _ := view.Parse(got[i])
				if d := cmp.Diff(fields(want), fields(g)); d != "" {
					t.Errorf("%s record %d:\n%s", cf.Name, i, d)
				}
			}
			n++
		}
	}
	t.Logf("%d records through MARC-in-JSON and back; %d skipped (invalid UTF-8, or indicators/codes outside printable ASCII)", n, skipped)
}

// toUTF8 returns r converted to UTF-8 (leniently, as the encoders do), as
// a record of its own.
func toUTF8(t testing.TB, r view.Record) view.Record {
	t.Helper()
	var u view.Record
	if err := iso2709.WithUTF8(r, false, func(c view.Record) { u = c.Clone() }); err != nil {
		t.Fatal(err)
	}
	return u
}

func representable(r view.Record) bool {
	printable := func(c byte) bool { return c >= 0x20 && c < 0x7F }
	l := r.Leader()
	for _, c := range l {
		if !printable(c) {
			return false
		}
	}
	for f := range r.Fields() {
		if !utf8.Valid(f.Data()) {
			return false
		}
		if f.IsControl() {
			continue
		}
		if len(f.Data()) < 2 || !printable(f.Ind1()) || !printable(f.Ind2()) {
			return false
		}
		for code := range f.Subfields() {
			if !printable(code) {
				return false
			}
		}
	}
	return true
}
