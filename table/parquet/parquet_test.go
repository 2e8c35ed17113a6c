package parquet_test

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/table"
	"github.com/marcmap/marcmap/table/parquet"
	pq "github.com/parquet-go/parquet-go"
)

// readBack reads a Parquet file's rows as maps of column to values.
func readBack(t *testing.T, data []byte) (*pq.File, []pq.Row) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r := pq.NewReader(f)
	var rows []pq.Row
	for {
		buf := make([]pq.Row, 16)
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rows = append(rows, row.Clone())
		}
		if err != nil {
			break
		}
	}
	return f, rows
}

func TestWriteReadBack(t *testing.T) {
	s, err := table.NewSchema([]string{"245a", "650av", "500", "LDR[6]", "008[35-37]"}, table.Bibliographic)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := parquet.NewWriter(&out, s, parquet.Options{RowGroupRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	var want []table.Row
	var row table.Row
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err != nil {
			continue
		}
		s.Fill(&row, r)
		row.Record = int64(len(want))
		row.Offset = int64(100 * len(want))
		if err := w.Write(&row); err != nil {
			t.Fatal(err)
		}
		var c table.Row
		if _, err := c.UnmarshalBinary(row.AppendBinary(nil)); err != nil {
			t.Fatal(err)
		}
		want = append(want, c)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, rows := readBack(t, out.Bytes())
	if len(rows) != len(want) || len(f.RowGroups()) != (len(want)+1)/2 {
		t.Fatalf("%d rows in %d row groups, want %d rows", len(rows), len(f.RowGroups()), len(want))
	}
	cols := f.Schema().Columns()
	names := []string{"record", "byte_offset"}
	for _, c := range s.Columns {
		names = append(names, c.Name)
	}
	for i, path := range cols {
		if path[0] != names[i] {
			t.Fatalf("column %d is %v, want %s", i, path, names[i])
		}
	}
	for i, r := range rows {
		got := map[int][]string{}
		for _, v := range r {
			if !v.IsNull() {
				got[v.Column()] = append(got[v.Column()], v.String())
			}
		}
		if got[0][0] != fmtInt(want[i].Record) || got[1][0] != fmtInt(want[i].Offset) {
			t.Errorf("row %d: record/offset %v %v", i, got[0], got[1])
		}
		for col, c := range s.Columns {
			var w []string
			for k := range want[i].Len(col) {
				w = append(w, string(want[i].Value(col, k)))
			}
			g := got[2+col]
			if !c.List && len(w) > 1 {
				w = []string{joinNL(w)}
			}
			if len(g) != len(w) {
				t.Errorf("row %d, %s: %q, want %q", i, c.Name, g, w)
				continue
			}
			for k := range g {
				if g[k] != w[k] {
					t.Errorf("row %d, %s: %q, want %q", i, c.Name, g, w)
				}
			}
		}
	}
}

func fmtInt(n int64) string { return pq.Int64Value(n).String() }

func joinNL(v []string) string {
	var b bytes.Buffer
	for i, s := range v {
		if i > 0 {
			b.WriteString(table.ListSeparator)
		}
		b.WriteString(s)
	}
	return b.String()
}

func TestWriteRefusesAnotherSchemasRow(t *testing.T) {
	s, _ := table.NewSchema([]string{"245a"}, table.Bibliographic)
	other, _ := table.NewSchema([]string{"245a", "650a"}, table.Bibliographic)
	w, err := parquet.NewWriter(&bytes.Buffer{}, s, parquet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var row table.Row
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err == nil {
			other.Fill(&row, r)
			break
		}
	}
	if err := w.Write(&row); err == nil {
		t.Fatal("a row of another schema was written")
	}
}
