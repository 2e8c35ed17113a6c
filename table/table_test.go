package table_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/table"
	"github.com/marcmap/marcmap/view"
)

var rules = []string{"245a", "650av", "500", "LDR[6]", "008[35-37]", "100a:700a", "6XX", "020a", "856u"}

func sampleRecords(t *testing.T) []view.Record {
	var recs []view.Record
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err == nil {
			recs = append(recs, r)
		}
	}
	if len(recs) < 3 {
		t.Fatalf("%d sample records", len(recs))
	}
	return recs
}

// TestDefinitionsGenerated regenerates the bibliographic definitions from
// the Avram JSON (when ../shared/reference is there) and compares.
func TestDefinitionsGenerated(t *testing.T) {
	src := filepath.Join(filepath.Dir(marctest.CorpusDir(t)), "reference", "avram", "marc-bibliographic.json")
	if _, err := os.Stat(src); err != nil {
		t.Skip("no Avram JSON to regenerate from:", err)
	}
	for _, g := range []struct{ in, name string }{
		{src + ",internal/gendefs/marc-bibliographic-supplement.json", "bibliographic"},
		{"internal/gendefs/marc-authority.json", "authority"},
		{"internal/gendefs/marc-holdings.json", "holdings"},
	} {
		out := filepath.Join(t.TempDir(), "defs.go")
		cmd := exec.Command("go", "run", "./internal/gendefs", "-in", g.in, "-name", g.name, "-out", out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		got, _ := os.ReadFile(out)
		want, _ := os.ReadFile("defs_" + g.name + ".go")
		// The first line names the input path, which may differ.
		cut := func(b []byte) []byte { return b[bytes.IndexByte(b, '\n'):] }
		if !bytes.Equal(cut(got), cut(want)) {
			t.Errorf("defs_%s.go is not what go generate makes from %s: run go generate ./table", g.name, g.in)
		}
	}
}

func TestDefinitions(t *testing.T) {
	d := table.Bibliographic
	if n := len(d.Fields()); n != 248 || d.Fields()[0].Tag != "LDR" {
		t.Fatalf("%d fields, first %q", n, d.Fields()[0].Tag)
	}
	for _, c := range []struct {
		tag        string
		repeatable bool
		codes      string
	}{
		{"245", false, "abcfghknps678"}, {"650", true, "abcdegvxyz01234678"}, {"008", false, ""}, {"007", true, ""}, {"773", true, "abdghiklmnopqrstuwxyz345678"},
	} {
		f, ok := d.Field(c.tag)
		if !ok || f.Repeatable != c.repeatable || f.Codes != c.codes {
			t.Errorf("%s: %+v", c.tag, f)
		}
	}
	if _, ok := d.Field("999"); ok {
		t.Error("999 is defined")
	}
}

func TestSchemaRules(t *testing.T) {
	s, err := table.NewSchema([]string{"245a", "245k", "650av", "500", "LDR[6]", "008[35-37]", "007[0]", "6XXa", "100a:700a", "999a", "245|1*|a~war"}, table.Bibliographic)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		list bool
	}{
		{"F245a", false}, {"F245k", true}, {"F650a", true}, {"F650v", true}, {"F500", true}, {"FLDR_6", false},
		{"F008_35_37", false}, {"F007_0", true}, {"F6XXa", true}, {"F100a_700a", true}, {"F999a", true}, {"F245_1_a_war", false},
	}
	if len(s.Columns) != len(want) {
		t.Fatalf("%d columns", len(s.Columns))
	}
	for i, w := range want {
		if c := s.Columns[i]; c.Name != w.name || c.List != w.list {
			t.Errorf("column %d: %s list %v, want %s %v", i, c.Name, c.List, w.name, w.list)
		}
	}
	s2, err := table.NewSchema([]string{"245a", "245abc", "245|1*|a", "245|*1|a"}, table.Bibliographic)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range s2.Columns {
		names = append(names, c.Name)
	}
	if want := []string{"F245a", "F245a_2", "F245b", "F245c", "F245_1_a", "F245_1_a_2"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
	if _, err := table.NewSchema([]string{"24"}, table.Bibliographic); err == nil {
		t.Error("a bad spec accepted")
	}
}

// TestFillIsFields: each rule column holds, per record, the values the
// spec gives (what marcmap fields prints), one per field.
func TestFillIsFields(t *testing.T) {
	var recs []view.Record
	recs = append(recs, sampleRecords(t)...)
	for _, cf := range marctest.Corpus(t, "iso2709") {
		rd, err := marcmap.Open(cf.Path, marcmap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range rd.Records() {
			if err == nil {
				recs = append(recs, r.Clone())
			}
		}
		rd.Close()
	}
	s, err := table.NewSchema(rules, table.Bibliographic)
	if err != nil {
		t.Fatal(err)
	}
	var row table.Row
	values := 0
	for i, r := range recs {
		check := func(u view.Record) {
			s.Fill(&row, u)
			for col, c := range s.Columns {
				var got []string
				for k := range row.Len(col) {
					got = append(got, string(row.Value(col, k)))
				}
				values += len(got)
				want := c.Spec.Values(u)
				for k := range want {
					want[k] = validUTF8(want[k])
				}
				if !slices.Equal(got, want) {
					t.Fatalf("record %d, %s: %q, want %q", i, c.Name, got, want)
				}
			}
		}
		if l := r.Leader(); l.IsUnicode() {
			check(r)
		} else if err := iso2709.WithUTF8(r, false, check); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d records, %d values compared", len(recs), values)
}

// TestNoRules: every field of a record lands in exactly one column, in
// record order within the column; undefined ones in Fother as MRK lines.
func TestNoRules(t *testing.T) {
	s, err := table.NewSchema(nil, table.Bibliographic)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Columns); n != 249 || s.Columns[0].Name != "FLDR" || s.Columns[n-1].Name != "Fother" {
		t.Fatalf("%d columns", n)
	}
	var row table.Row
	for _, r := range sampleRecords(t) {
		s.Fill(&row, r)
		total := 0
		for col := range s.Columns {
			total += row.Len(col)
		}
		fields := 0
		for range r.Fields() {
			fields++
		}
		if total != fields+1 {
			t.Errorf("%d values for %d fields and the leader", total, fields)
		}
		l := r.Leader()
		if string(row.Value(0, 0)) != string(l[:]) {
			t.Errorf("FLDR %q", row.Value(0, 0))
		}
		byTag := map[string][]string{}
		for f := range r.Fields() {
			tag := f.Tag()
			if _, ok := table.Bibliographic.Field(string(tag[:])); ok {
				byTag[string(tag[:])] = append(byTag[string(tag[:])], string(f.AppendValue(nil)))
			} else {
				byTag["other"] = append(byTag["other"], string(mrk.AppendField(nil, f)))
			}
		}
		for col, c := range s.Columns[1:] {
			key := strings.TrimPrefix(c.Name, "F")
			var got []string
			for k := range row.Len(col + 1) {
				got = append(got, string(row.Value(col+1, k)))
			}
			if !slices.Equal(got, byTag[key]) {
				t.Errorf("%s: %q, want %q", c.Name, got, byTag[key])
			}
		}
	}
}

func TestBinaryRoundTrip(t *testing.T) {
	s, _ := table.NewSchema(rules, table.Bibliographic)
	var row, back table.Row
	for i, r := range sampleRecords(t) {
		s.Fill(&row, r)
		row.Record, row.Offset, row.File = int64(i), int64(i*1000)-1, "in.mrc"
		b := row.AppendBinary([]byte("xx"))[2:]
		n, err := back.UnmarshalBinary(b)
		if err != nil || n != len(b) {
			t.Fatalf("%v, %d of %d bytes", err, n, len(b))
		}
		if !bytes.Equal(back.AppendBinary(nil), b) || back.Record != row.Record || back.Offset != row.Offset || back.File != row.File {
			t.Fatal("the row read back differs")
		}
		for cut := range len(b) {
			if _, err := back.UnmarshalBinary(b[:cut]); err == nil {
				t.Fatalf("a row cut to %d of %d bytes was read", cut, len(b))
			}
		}
	}
}

// TestTextFormats: CSV, TSV and JSONL rows read back with standard readers
// hold the row's values.
func TestTextFormats(t *testing.T) {
	s, _ := table.NewSchema(rules, table.Bibliographic)
	s.File = true
	var row table.Row
	recs := sampleRecords(t)
	var csvDoc, tsvDoc, jsonl []byte
	csvDoc = s.AppendHeader(csvDoc, table.CSV)
	tsvDoc = s.AppendHeader(tsvDoc, table.TSV)
	var want [][][]string
	for i, r := range recs {
		s.Fill(&row, r)
		row.Record, row.Offset, row.File = int64(i), -1, "a,b\t\"c\".mrc"
		if i == 1 {
			row.Offset = 1234
		}
		csvDoc = s.AppendRow(csvDoc, table.CSV, &row)
		tsvDoc = s.AppendRow(tsvDoc, table.TSV, &row)
		jsonl = s.AppendRow(jsonl, table.JSONL, &row)
		var vals [][]string
		for col := range s.Columns {
			var v []string
			for k := range row.Len(col) {
				v = append(v, string(row.Value(col, k)))
			}
			vals = append(vals, v)
		}
		want = append(want, vals)
	}
	cell := func(c table.Column, s string) []string {
		if s == "" {
			return nil
		}
		if c.List {
			var v []string
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatalf("%s: %q: %v", c.Name, s, err)
			}
			return v
		}
		return strings.Split(s, table.ListSeparator)
	}
	lines, err := csv.NewReader(bytes.NewReader(csvDoc)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tr := csv.NewReader(bytes.NewReader(tsvDoc))
	tr.Comma = '\t'
	tsvLines, err := tr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	jsonLines := strings.Split(strings.TrimSuffix(string(jsonl), "\n"), "\n")
	if len(lines) != len(recs)+1 || len(tsvLines) != len(recs)+1 || len(jsonLines) != len(recs) {
		t.Fatalf("%d CSV, %d TSV, %d JSONL lines for %d records", len(lines), len(tsvLines), len(jsonLines), len(recs))
	}
	for i := range recs {
		tsv := tsvLines[i+1]
		var obj map[string]any
		if err := json.Unmarshal([]byte(jsonLines[i]), &obj); err != nil {
			t.Fatal(err)
		}
		if lines[i+1][2] != "a,b\t\"c\".mrc" || tsv[2] != "a,b\t\"c\".mrc" || obj["file"] != "a,b\t\"c\".mrc" {
			t.Errorf("file column: %q %q %v", lines[i+1][2], tsv[2], obj["file"])
		}
		if (i == 1) != (lines[i+1][1] == "1234") || (i == 1) != (obj["byte_offset"] != nil) {
			t.Errorf("record %d: offset %q %v", i, lines[i+1][1], obj["byte_offset"])
		}
		for col, c := range s.Columns {
			w := want[i][col]
			if !c.List && len(w) > 1 {
				w = []string{strings.Join(w, table.ListSeparator)}
			}
			if got := cell(c, lines[i+1][3+col]); !slices.Equal(got, w) {
				t.Errorf("CSV record %d, %s: %q, want %q", i, c.Name, got, w)
			}
			if got := cell(c, tsv[3+col]); !slices.Equal(got, w) {
				t.Errorf("TSV record %d, %s: %q, want %q", i, c.Name, got, w)
			}
			var got []string
			switch v := obj[c.Name].(type) {
			case string:
				got = []string{v}
			case []any:
				for _, e := range v {
					got = append(got, e.(string))
				}
			case nil:
			}
			if !slices.Equal(got, w) {
				t.Errorf("JSONL record %d, %s: %q, want %q", i, c.Name, got, w)
			}
		}
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	s, _ := table.NewSchema(rules, table.Bibliographic)
	var row table.Row
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err == nil {
			s.Fill(&row, r)
			f.Add(row.AppendBinary(nil))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r table.Row
		n, err := r.UnmarshalBinary(b)
		if err != nil {
			return
		}
		// Varints may be written longer than needed: the row, not the
		// bytes, must come back.
		again := r.AppendBinary(nil)
		var r2 table.Row
		if m, err := r2.UnmarshalBinary(again); n > len(b) || err != nil || m != len(again) || !bytes.Equal(r2.AppendBinary(nil), again) {
			t.Fatal("a row read back differs")
		}
	})
}

// validUTF8 replaces each byte that is not UTF-8 with U+FFFD.
func validUTF8(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd") {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestAuthorityHoldingsDefinitions(t *testing.T) {
	for _, c := range []struct {
		d          *table.Definitions
		n          int
		tag        string
		repeatable bool
		rcodes     string
	}{
		{table.Authority, 146, "400", true, "cegijkmnpsvxyz4578"},
		{table.Authority, 146, "100", false, ""},
		{table.Holdings, 55, "852", true, ""},
		{table.Holdings, 55, "004", false, ""},
	} {
		if len(c.d.Fields()) != c.n {
			t.Errorf("%s: %d fields", c.d.Name(), len(c.d.Fields()))
		}
		f, ok := c.d.Field(c.tag)
		if !ok || f.Repeatable != c.repeatable {
			t.Errorf("%s %s: %+v", c.d.Name(), c.tag, f)
		}
		if c.rcodes != "" && f.RepeatableCodes != c.rcodes {
			t.Errorf("%s %s: repeatable codes %q", c.d.Name(), c.tag, f.RepeatableCodes)
		}
	}
	if table.DefinitionsFor(view.Authority) != table.Authority || table.DefinitionsFor(view.Holdings) != table.Holdings || table.DefinitionsFor(view.Bibliographic) != table.Bibliographic {
		t.Error("DefinitionsFor")
	}
	if table.DefinitionsNamed("auth") != table.Authority || table.DefinitionsNamed("x") != nil {
		t.Error("DefinitionsNamed")
	}
}

// TestFillAllocatesNothing: filling a reused row allocates nothing, with
// rules and without.
func TestFillAllocatesNothing(t *testing.T) {
	recs := sampleRecords(t)
	for _, rs := range [][]string{rules, nil} {
		s, err := table.NewSchema(rs, table.Bibliographic)
		if err != nil {
			t.Fatal(err)
		}
		var row table.Row
		for _, r := range recs {
			s.Fill(&row, r) // grow the buffers once
		}
		if a := testing.AllocsPerRun(20, func() {
			for _, r := range recs {
				s.Fill(&row, r)
			}
		}); a != 0 {
			t.Errorf("rules %v: %v allocations per run", rs, a)
		}
	}
}
