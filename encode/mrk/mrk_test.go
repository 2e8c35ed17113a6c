package mrk

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

func records(t testing.TB, data []byte) []view.Record {
	var out []view.Record
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err == nil && r.Repairs() == 0 {
			out = append(out, r)
		}
	}
	return out
}

func encodeAll(t testing.TB, recs []view.Record) []byte {
	var buf bytes.Buffer
	enc := NewEncoder(&buf, Options{})
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

func TestFormat(t *testing.T) {
	rec := marctest.Build("00000nam a2200000 a 4500",
		"001", "id 1",
		"245", "10$aPrice: {dollar}5 {braces} /$cMe.",
		"500", "  junk before$anote with a \\ backslash",
	)
	r, _ := view.Parse(rec)
	out, err := Append(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	want := "=LDR  " + string(rec[:5]) + "nam\\a2200061\\a\\4500\n" +
		"=001  id\\1\n" +
		"=245  10$aPrice: {dollar}5 {lcub}braces{rcub} /$cMe.\n" +
		"=500  \\\\junk before$anote with a {bsol} backslash\n\n"
	if string(out) != want {
		t.Fatalf("got\n%q\nwant\n%q", out, want)
	}
	got := readAll(t, out)
	if len(got) != 1 || !bytes.Equal(got[0], rec) {
		t.Fatalf("round trip differs:\n%q\n%q", got, rec)
	}
}

func TestReaderForms(t *testing.T) {
	recs := records(t, marctest.Sample())
	doc := encodeAll(t, recs)
	crlf := "\xef\xbb\xbf" + strings.ReplaceAll(string(doc), "\n", "\r\n")
	spacesInLeader := strings.Replace(string(doc), "=LDR  00570cam\\a2200193\\i\\4500", "=LDR  00570cam a2200193 i 4500", 1)
	for name, d := range map[string]string{"plain": string(doc), "CRLF and BOM": crlf, "leader with spaces": spacesInLeader, "no final blank line": strings.TrimRight(string(doc), "\n")} {
		t.Run(name, func(t *testing.T) {
			got := readAll(t, []byte(d))
			if len(got) != len(recs) {
				t.Fatalf("%d records of %d", len(got), len(recs))
			}
			for i := range recs {
				if !bytes.Equal(got[i], recs[i].Bytes()) {
					t.Errorf("record %d differs", i)
				}
			}
		})
	}
}

func TestReaderBadRecords(t *testing.T) {
	recs := records(t, marctest.Sample())
	good, _ := Append(nil, recs[0])
	bad := []string{
		"=LDR  short\n=001  x\n",
		"=LDR  00000nam a2200000 a 4500\nnot a field line\n",
		"=LDR  00000nam a2200000 a 4500\n=245  1\n",
		"=001  no leader\n", // after a blank line: reported, not merged into the record before
	}
	doc := string(good) + strings.Join(bad, "\n") + "\n" + string(good)
	// The line of each fault: the short leader, the line that is not a
	// field, the field without indicators, the record without =LDR.
	lineOf := func(sub string) int { return strings.Count(doc[:strings.Index(doc, sub)], "\n") + 1 }
	wantLines := []int{lineOf("=LDR  short"), lineOf("not a field line"), lineOf("=245  1\n"), lineOf("=001  no leader")}
	rd := NewReader(strings.NewReader(doc), Options{})
	var goodN, badN int
	for rd.Scan() {
		if err := rd.Err(); err != nil {
			var re *view.RecordError
			if !errors.As(err, &re) || re.Index != rd.Index() || re.Line < 1 || re.Offset != -1 {
				t.Fatalf("error %v is not a positioned RecordError", err)
			}
			if !errors.Is(err, view.ErrLeader) && !errors.Is(err, view.ErrField) && !errors.Is(err, view.ErrSyntax) {
				t.Fatalf("error %v wraps no view sentinel", err)
			}
			if re.Fatal() {
				t.Fatalf("lenient bad record %v marked fatal", err)
			}
			if badN < len(wantLines) && re.Line != wantLines[badN] {
				t.Errorf("bad record %d: line %d, want %d (%v)", badN, re.Line, wantLines[badN], err)
			}
			badN++
			continue
		}
		goodN++
	}
	if rd.Err() != nil || goodN != 2 || badN != len(bad) {
		t.Fatalf("good %d bad %d err %v", goodN, badN, rd.Err())
	}
	strict := NewReader(strings.NewReader(doc), Options{Strict: true})
	n := 0
	for strict.Scan() {
		n++
	}
	var re *view.RecordError
	if n != 1 || !errors.As(strict.Err(), &re) || re.Index != 1 || re.Line != wantLines[0] || !re.Fatal() {
		t.Fatalf("strict: %d records, err %v", n, strict.Err())
	}
}

// TestRaw: a MARC-8 record is converted to UTF-8 by default, and written
// in MARC-8 with Raw, its ANSEL bytes as mnemonics (MARCBreaker's .mrk).
func TestRaw(t *testing.T) {
	r, err := view.Parse(marctest.Build("00000nam  2200000 a 4500", "245", "10$aBront\xe8e"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{}, "=245  10$aBront\u00eb\n"},
		{Options{Raw: true}, "=245  10$aBront{uml}e\n"},
	} {
		out, err := tc.o.Append(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%+v: output lacks %q:\n%q", tc.o, tc.want, out)
		}
	}
}

func fields(r view.Record) []string {
	l := r.Leader()
	out := []string{string(l[5:12]) + string(l[17:])}
	for f := range r.Fields() {
		out = append(out, f.Tag().String()+string(f.Data()))
	}
	return out
}

// TestCorpusRoundTrip: ISO 2709 -> MRK -> ISO 2709 is the identity for the
// well-formed UTF-8 records of the corpus (MARC-8 ones come back as their
// UTF-8 conversion), except records whose data holds line breaks, which a
// line format cannot carry.
func TestCorpusRoundTrip(t *testing.T) {
	var n, skipped int
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		var recs []view.Record
		for _, r := range records(t, data) {
			if bytes.ContainsAny(r.Bytes(), "\r\n") {
				skipped++
				continue
			}
			recs = append(recs, r)
		}
		got := readAll(t, encodeAll(t, recs))
		if len(got) != len(recs) {
			t.Errorf("%s: %d records back of %d", cf.Name, len(got), len(recs))
			continue
		}
		for i, r := range recs {
			var want view.Record
			if err := iso2709.WithUTF8(r, false, func(u view.Record) { want = u.Clone() }); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got[i], want.Bytes()) {
				g, _ := view.Parse(got[i])
				if d := cmp.Diff(fields(want), fields(g)); d != "" {
					t.Errorf("%s record %d:\n%s", cf.Name, i, d)
				}
			}
			n++
		}
	}
	t.Logf("%d records through MRK and back; %d skipped (line breaks in data)", n, skipped)
}

// TestCorpusMRKFiles reads the MRK files of the corpus; record counts must
// match the manifest.
func TestCorpusMRKFiles(t *testing.T) {
	for _, cf := range marctest.Corpus(t, "mrk") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		rd := NewReader(bytes.NewReader(data), Options{})
		n := 0
		for rd.Scan() {
			if rd.Err() != nil {
				t.Errorf("%s: %v", cf.Name, rd.Err())
				continue
			}
			n++
		}
		if rd.Err() != nil || n != cf.Records {
			t.Errorf("%s: %d records (err %v), manifest says %d", cf.Name, n, rd.Err(), cf.Records)
		}
	}
}

// TestBackslashAndLineBreaks: a backslash in subfield text is written
// {bsol} (MARCMaker readers may read a bare one as a blank), and line
// breaks as {x0A}/{x0D}, so the text reads back unchanged; before, a line
// break split the record and it was lost on reading.
func TestBackslashAndLineBreaks(t *testing.T) {
	raw := marctest.Build(marctest.Leader, "001", "nl", "500", "  $aone\\two\nthree\r\nfour")
	r, err := view.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Append(nil, r)
	if !bytes.Contains(out, []byte("one{bsol}two{x0A}three{x0D}{x0A}four\n")) {
		t.Fatalf("written %q", out)
	}
	rd := NewReader(bytes.NewReader(out), Options{})
	n := 0
	for back, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back.Bytes(), raw) {
			t.Fatalf("read back %q", back.Bytes())
		}
		n++
	}
	// A bare backslash in data (other writers) still reads as itself.
	in := "=LDR  00000nam\\a2200000\\a\\4500\n=500  \\\\$aa\\b\n\n"
	for back, err := range NewReader(strings.NewReader(in), Options{}).Records() {
		f, _ := back.Field("500")
		if a, _ := f.Subfield('a'); err != nil || string(a) != "a\\b" {
			t.Fatalf("%v %q", err, a)
		}
	}
	if n != 1 {
		t.Fatal(n)
	}
}

// TestExportLeniency: what real MARCMaker exports hold (issue 11): records
// that follow each other with no blank line, a field whose text goes on
// over line breaks (a blank line inside it too), and a 23-character
// leader. Lenient mode reads them and reports the repairs; strict mode
// rejects them.
func TestExportLeniency(t *testing.T) {
	in := "=LDR  00000nam\\a2200000\\a\\450\n" + // 23 characters
		"=001  one\n" +
		"=520  \\\\$aFirst paragraph\n" +
		"\n" +
		"second paragraph\n" +
		"=650  \\0$aHistory.\n" +
		"=LDR  00000nam\\a2200000\\a\\4500\n" + // no blank line before it
		"=001  two\n"
	rd := NewReader(strings.NewReader(in), Options{})
	var got []string
	for r, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		f, _ := r.Field("001")
		got = append(got, string(f.Data()))
		if string(f.Data()) == "one" {
			s, _ := r.Field("520")
			if a, _ := s.Subfield('a'); string(a) != "First paragraph\n\nsecond paragraph" {
				t.Errorf("520 $a %q", a)
			}
			if r.NumFields() != 3 || r.Repairs()&view.RepairText == 0 || rd.Repair() == "" {
				t.Errorf("%d fields, repairs %v, %q", r.NumFields(), r.Repairs(), rd.Repair())
			}
		} else if r.Repairs() != 0 {
			t.Errorf("record two: repairs %v", r.Repairs())
		}
	}
	if strings.Join(got, ",") != "one,two" {
		t.Fatalf("records %q", got)
	}
	strict := NewReader(strings.NewReader(in), Options{Strict: true})
	if strict.Scan() || strict.Err() == nil {
		t.Fatal("strict mode read the 23-character leader")
	}
}

func TestAppendField(t *testing.T) {
	rec := marctest.Build(marctest.Leader, "001", "a{dollar}b", "999", "  $aCost {dollar}5 {x} \\ok$bz")
	r, err := view.Parse(rec)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for f := range r.Fields() {
		got = append(got, string(AppendField(nil, f)))
	}
	want := []string{`=001  a{dollar}b`, `=999  \\$aCost {dollar}5 {lcub}x{rcub} {bsol}ok$bz`}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
