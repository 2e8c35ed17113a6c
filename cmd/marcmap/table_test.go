package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	pq "github.com/parquet-go/parquet-go"
)

// jsonlRows parses JSON Lines into objects.
func jsonlRows(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		rows = append(rows, m)
	}
	return rows
}

// parquetRows reads a Parquet file's rows as objects like jsonlRows'.
func parquetRows(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range f.Schema().Columns() {
		names = append(names, c[0])
	}
	// Which leaf columns are lists (repetition level above 0).
	r := pq.NewReader(f)
	var out []map[string]any
	buf := make([]pq.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			m := map[string]any{}
			for _, v := range row {
				name := names[v.Column()]
				leaf, _ := f.Schema().Lookup(f.Schema().Columns()[v.Column()]...)
				list := leaf.MaxRepetitionLevel > 0
				switch {
				case list && v.IsNull():
					m[name] = []any{}
				case list:
					l, _ := m[name].([]any)
					m[name] = append(l, v.String())
				case v.IsNull():
					m[name] = nil
				case name == "record" || name == "byte_offset":
					m[name] = float64(v.Int64())
				default:
					m[name] = v.String()
				}
			}
			out = append(out, m)
		}
		if err != nil {
			break
		}
	}
	return out
}

// TestTableParquetEqualsJSONL: the same records through -format parquet and
// -format jsonl hold the same values, with and without rules, on corpus
// files of every kind and input format; -workers 2 writes the same bytes.
func TestTableParquetEqualsJSONL(t *testing.T) {
	dir := marctest.CorpusDir(t)
	files := []string{"pymarc/test.dat", "marc4j/brkrtest.mrc", "yaz/marc12.marc", "solrmarc/specTestRecs.mrc", "marc4j/summerland.xml"}
	for _, name := range files {
		in := filepath.Join(dir, name)
		if _, err := os.Stat(in); err != nil {
			t.Skip("corpus file absent:", err)
		}
		for _, rules := range [][]string{nil, {"-rule", "245a", "-rule", "650av", "-rule", "500", "-rule", "LDR[6]", "-rule", "008[35-37]", "-rule", "6XX"}} {
			tmp := t.TempDir()
			pqFile := filepath.Join(tmp, "t.parquet")
			args := append([]string{"table", "-q", "-format", "parquet", "-o", pqFile, in}, rules...)
			if _, errOut, err := runCLI(t, nil, args...); err != nil {
				t.Fatalf("%s: %v %s", name, err, errOut)
			}
			out, errOut, err := runCLI(t, nil, append([]string{"table", "-q", "-format", "jsonl", "-o", "-", in}, rules...)...)
			if err != nil {
				t.Fatalf("%s: %v %s", name, err, errOut)
			}
			want := jsonlRows(t, out)
			got := parquetRows(t, pqFile)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%s: %d Parquet rows, %d JSONL rows", name, len(got), len(want))
			}
			for i := range want {
				g, _ := json.Marshal(got[i])
				w, _ := json.Marshal(want[i])
				if !bytes.Equal(g, w) {
					t.Fatalf("%s row %d:\nparquet %s\njsonl   %s", name, i, g, w)
				}
			}
			pq2 := filepath.Join(tmp, "t2.parquet")
			if _, _, err := runCLI(t, nil, append([]string{"table", "-q", "-workers", "1", "-format", "parquet", "-o", pq2, in}, rules...)...); err != nil {
				t.Fatal(err)
			}
			a, _ := os.ReadFile(pqFile)
			b, _ := os.ReadFile(pq2)
			if !bytes.Equal(a, b) {
				t.Errorf("%s: -workers 1 and the default write different Parquet files", name)
			}
		}
	}
}

// TestTableValuesAreFields: a table's rule columns hold what marcmap
// fields prints for the same specs.
func TestTableValuesAreFields(t *testing.T) {
	dir := marctest.CorpusDir(t)
	specs := []string{"245a", "650a", "100a:700a", "LDR[6]", "008[35-37]", "020a", "500"}
	for _, name := range []string{"pymarc/test.dat", "solrmarc/specTestRecs.mrc", "marc4j/cyrillic_capital_e.mrc"} {
		in := filepath.Join(dir, name)
		fieldsOut, _, err := runCLI(t, nil, append([]string{"fields", "-q", in}, specs...)...)
		if err != nil {
			t.Fatal(err)
		}
		var args []string
		for _, s := range specs {
			args = append(args, "-rule", s)
		}
		out, _, err := runCLI(t, nil, append([]string{"table", "-q", "-format", "jsonl", "-o", "-", in}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		rows := jsonlRows(t, out)
		lines := strings.Split(strings.TrimSuffix(fieldsOut, "\n"), "\n")
		if len(lines) != len(rows) {
			t.Fatalf("%s: %d lines, %d rows", name, len(lines), len(rows))
		}
		cols := []string{"F245a", "F650a", "F100a_700a", "FLDR_6", "F008_35_37", "F020a", "F500"}
		for i, line := range lines {
			cells := strings.Split(line, "\t")
			if cells[0] != strconv.Itoa(int(rows[i]["record"].(float64))) {
				t.Fatalf("%s: record %s, row %v", name, cells[0], rows[i]["record"])
			}
			for k, c := range cols {
				var vals []string
				switch v := rows[i][c].(type) {
				case string:
					vals = strings.Split(v, "\n")
				case []any:
					for _, e := range v {
						vals = append(vals, e.(string))
					}
				}
				if got := strings.Join(vals, "|"); got != cells[k+1] {
					t.Errorf("%s record %s, %s: table %q, fields %q", name, cells[0], c, got, cells[k+1])
				}
			}
		}
	}
}

// TestTableRejects: bad records go to -rejects, never to a row; -strict
// stops; the row count is the good records.
func TestTableRejects(t *testing.T) {
	in := "../../testdata/bad-directory-among-good.mrc"
	tmp := t.TempDir()
	rej := filepath.Join(tmp, "rej.mrc")
	out, errOut, err := runCLI(t, nil, "table", "-format", "csv", "-rule", "245a", "-rejects", rej, "-o", "-", in)
	if err != nil {
		t.Fatal(err, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || lines[0] != "record,byte_offset,F245a" || !strings.HasPrefix(lines[1], "0,0,") || !strings.HasPrefix(lines[2], "2,") {
		t.Fatalf("rows:\n%s", out)
	}
	if !strings.Contains(errOut, "record 1 at offset 228") || !strings.Contains(errOut, "wrote 2 rows") {
		t.Errorf("stderr: %s", errOut)
	}
	if b, _ := os.ReadFile(rej); len(b) == 0 {
		t.Error("nothing in -rejects")
	}
	pqFile := filepath.Join(tmp, "s.parquet")
	if _, _, err := runCLI(t, nil, "table", "-strict", "-format", "parquet", "-o", pqFile, in); !errors.Is(err, exitInvalid) {
		t.Errorf("-strict: %v", err)
	}
	if _, err := os.Stat(pqFile); err == nil {
		t.Error("-strict left an output file")
	}
}

func TestTableUsage(t *testing.T) {
	for _, args := range [][]string{
		{"table", "-o", "-", sample},                                  // no -format
		{"table", "-format", "xlsx", "-o", "-", sample},               // unknown format
		{"table", "-format", "csv", sample},                           // no -o
		{"table", "-format", "csv", "-rule", "24", "-o", "-", sample}, // bad spec
		{"table", "-format", "csv", "-row-group", "5", "-o", "-", sample},
		{"table", "-format", "parquet", "-row-group", "0", "-o", "x.parquet", sample},
		{"table", "-format", "parquet", "-compression", "lz4", "-o", "x.parquet", sample},
		{"table", "-format", "csv", "-o", sample, sample}, // output is the input
	} {
		if _, _, err := runCLI(t, nil, args...); !errors.Is(err, exitUsage) {
			t.Errorf("%q: %v", args, err)
		}
	}
	if b, err := os.ReadFile(sample); err != nil || len(b) == 0 {
		t.Fatal("the sample was damaged")
	}
}

// TestTableDuckDB reads a Parquet table with DuckDB (npm's
// @duckdb/node-api; set MARCMAP_DUCKDB_NODE_MODULES to the node_modules
// directory that has it): record values and list columns in order.
func TestTableDuckDB(t *testing.T) {
	mods := os.Getenv("MARCMAP_DUCKDB_NODE_MODULES")
	if mods == "" {
		t.Skip("MARCMAP_DUCKDB_NODE_MODULES not set (npm install @duckdb/node-api, then point it at node_modules): the DuckDB check is skipped")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed: the DuckDB check is skipped")
	}
	if _, err := os.Stat(filepath.Join(mods, "@duckdb", "node-api")); err != nil {
		t.Skip("@duckdb/node-api not in ", mods, ": the DuckDB check is skipped")
	}
	tmp := t.TempDir()
	pqFile := filepath.Join(tmp, "t.parquet")
	if _, _, err := runCLI(t, nil, "table", "-q", "-format", "parquet", "-rule", "245a", "-rule", "650a", "-rule", "LDR[6]", "-o", pqFile, sample); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(tmp, "q.cjs")
	os.WriteFile(script, []byte(`const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const r = await con.runAndReadAll("select record, F245a, F650a, FLDR_6 from read_parquet('" + process.argv[2] + "') order by record");
  console.log(JSON.stringify(r.getRowObjectsJson()));
})();
`), 0o644)
	cmd := exec.Command("node", script, pqFile)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	out, _, err := runCLI(t, nil, "table", "-q", "-format", "jsonl", "-rule", "245a", "-rule", "650a", "-rule", "LDR[6]", "-o", "-", sample)
	if err != nil {
		t.Fatal(err)
	}
	want := jsonlRows(t, out)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("DuckDB %d rows, want %d", len(got), len(want))
	}
	lists := 0
	for i := range want {
		if got[i]["record"] != strconv.Itoa(int(want[i]["record"].(float64))) || got[i]["F245a"] != want[i]["F245a"] || got[i]["FLDR_6"] != want[i]["FLDR_6"] {
			t.Errorf("row %d: DuckDB %v, want %v", i, got[i], want[i])
		}
		g, _ := got[i]["F650a"].([]any)
		w, _ := want[i]["F650a"].([]any)
		lists += len(g)
		if !slices.EqualFunc(g, w, func(a, b any) bool { return a == b }) {
			t.Errorf("row %d, F650a: DuckDB %v, want %v", i, g, w)
		}
	}
	if lists == 0 {
		t.Error("no list values compared")
	}
	t.Logf("DuckDB read %d rows, %d list values, as written", len(got), lists)
}
