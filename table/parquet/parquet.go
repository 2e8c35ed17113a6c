// Package parquet writes marcmap tables (package table) as Apache Parquet
// files with github.com/parquet-go/parquet-go. It is the only package of
// marcmap that imports a Parquet library: programs that do not import it
// do not build one.
//
// The file's schema: record (INT64), offset (INT64, null when the input
// format does not give offsets), file (STRING, with Schema.File), then one
// column per table column in the schema's order: a list column is a LIST
// of STRING (an empty list when the record has no value), another column
// an optional STRING (null when the record has no value; the values of a
// record that repeats a non-repeatable field joined by
// table.ListSeparator). Row groups hold at most Options.RowGroupRows rows
// and pages are compressed with Zstandard by default.
package parquet

import (
	"fmt"
	"io"
	"reflect"

	"github.com/marcmap/marcmap/table"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
)

// Options configure a Writer. The zero value is the default.
type Options struct {
	// RowGroupRows bounds the rows of a row group (default 10,000): the
	// writer holds one row group in memory.
	RowGroupRows int
	// Compression is "zstd" (default), "snappy", "gzip" or "none".
	Compression string
}

// DefaultRowGroupRows is the default of Options.RowGroupRows.
const DefaultRowGroupRows = 10000

// Writer writes rows to a Parquet file. It implements table.Writer.
type Writer struct {
	w      *pq.GenericWriter[any]
	s      *table.Schema
	values pq.Row
	rows   []pq.Row
	first  int // index of the first value column
}

// orderedGroup is a group whose fields keep the order given, where
// parquet-go's Group sorts them by name.
type orderedGroup struct {
	pq.Group
	names []string
}

type namedField struct {
	pq.Node
	name string
}

func (f namedField) Name() string { return f.name }

// Value is for writing Go values through reflection, which this package
// does not do: rows are made of parquet values directly.
func (f namedField) Value(reflect.Value) reflect.Value { return reflect.Value{} }

func (g orderedGroup) Fields() []pq.Field {
	out := make([]pq.Field, len(g.names))
	for i, n := range g.names {
		out[i] = namedField{g.Group[n], n}
	}
	return out
}

// Schema returns the Parquet schema of s.
func Schema(s *table.Schema) *pq.Schema {
	g := orderedGroup{Group: pq.Group{}}
	add := func(name string, n pq.Node) {
		g.Group[name] = n
		g.names = append(g.names, name)
	}
	add("record", pq.Int(64))
	add("offset", pq.Optional(pq.Int(64)))
	if s.File {
		add("file", pq.String())
	}
	for _, c := range s.Columns {
		if c.List {
			add(c.Name, pq.List(pq.String()))
		} else {
			add(c.Name, pq.Optional(pq.String()))
		}
	}
	return pq.NewSchema("marc", g)
}

// NewWriter returns a Writer of a Parquet file with schema s to w.
func NewWriter(w io.Writer, s *table.Schema, o Options) (*Writer, error) {
	var codec compress.Codec
	switch o.Compression {
	case "", "zstd":
		codec = &pq.Zstd
	case "snappy":
		codec = &pq.Snappy
	case "gzip":
		codec = &pq.Gzip
	case "none":
		codec = &pq.Uncompressed
	default:
		return nil, fmt.Errorf("parquet: unknown compression %q (want zstd, snappy, gzip or none)", o.Compression)
	}
	rows := o.RowGroupRows
	if rows <= 0 {
		rows = DefaultRowGroupRows
	}
	first := 2
	if s.File {
		first = 3
	}
	pw := pq.NewGenericWriter[any](w, Schema(s), pq.Compression(codec), pq.MaxRowsPerRowGroup(int64(rows)),
		pq.CreatedBy("marcmap", "", ""))
	return &Writer{w: pw, s: s, rows: make([]pq.Row, 1), first: first}, nil
}

// Write writes one row.
func (w *Writer) Write(row *table.Row) error {
	v := w.values[:0]
	v = append(v, pq.Int64Value(row.Record).Level(0, 0, 0))
	if row.Offset >= 0 {
		v = append(v, pq.Int64Value(row.Offset).Level(0, 1, 1))
	} else {
		v = append(v, pq.NullValue().Level(0, 0, 1))
	}
	if w.s.File {
		v = append(v, pq.ByteArrayValue([]byte(row.File)).Level(0, 0, 2))
	}
	for col, c := range w.s.Columns {
		idx := w.first + col
		n := row.Len(col)
		switch {
		case c.List && n == 0:
			v = append(v, pq.NullValue().Level(0, 0, idx))
		case c.List:
			for k := range n {
				rep := 1
				if k == 0 {
					rep = 0
				}
				v = append(v, pq.ByteArrayValue(row.Value(col, k)).Level(rep, 1, idx))
			}
		case n == 0:
			v = append(v, pq.NullValue().Level(0, 0, idx))
		case n == 1:
			v = append(v, pq.ByteArrayValue(row.Value(col, 0)).Level(0, 1, idx))
		default:
			var joined []byte
			for k := range n {
				if k > 0 {
					joined = append(joined, table.ListSeparator...)
				}
				joined = append(joined, row.Value(col, k)...)
			}
			v = append(v, pq.ByteArrayValue(joined).Level(0, 1, idx))
		}
	}
	w.values = v
	w.rows[0] = v
	_, err := w.w.WriteRows(w.rows)
	return err
}

// Close flushes the last row group and writes the footer; it does not
// close the underlying writer.
func (w *Writer) Close() error { return w.w.Close() }

var _ table.Writer = (*Writer)(nil)
