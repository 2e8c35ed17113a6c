// Package parquet writes marcmap tables (package table) as Apache Parquet
// files with github.com/parquet-go/parquet-go. It is the only package of
// marcmap that imports a Parquet library: programs that do not import it
// do not build one.
//
// The file's schema: record (INT64), byte_offset (INT64, null when the input
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
	"github.com/parquet-go/parquet-go/compress/zstd"
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
	w     *pq.GenericWriter[any]
	s     *table.Schema
	first int        // index of the first value column
	nulls []pq.Value // the null (or empty list) value of each column

	// Rows are written batchSize at a time, column by column (through
	// parquet-go's row API, most of the time went to the ~200 empty
	// columns of each row): cols holds each column's values of the
	// batch, arena copies of their bytes (a slice that grows leaves the
	// earlier values pointing at the old array, which stays valid). The
	// writer ends a row group every groupRows rows.
	cols      [][]pq.Value
	arena     []byte
	batched   int
	inGroup   int
	groupRows int
}

const batchSize = 256

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
	add("byte_offset", pq.Optional(pq.Int(64)))
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
		// The fastest level: on the 100 MB bench file without rules,
		// 1.78 s instead of 1.90 s (one worker), files 9% larger.
		codec = &zstd.Codec{Level: zstd.SpeedFastest}
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
	nw := &Writer{w: pw, s: s, first: first, groupRows: rows, cols: make([][]pq.Value, first+len(s.Columns))}
	for i := range first + len(s.Columns) {
		nw.nulls = append(nw.nulls, pq.NullValue().Level(0, 0, i))
	}
	return nw, nil
}

// bytes copies b into the batch's arena.
func (w *Writer) bytes(b []byte) []byte {
	start := len(w.arena)
	w.arena = append(w.arena, b...)
	return w.arena[start:len(w.arena):len(w.arena)]
}

// Write writes one row (its values are copied: row may be reused). A row
// filled by another schema (another number of columns) is an error.
func (w *Writer) Write(row *table.Row) error {
	if row.Columns() != len(w.s.Columns) {
		return fmt.Errorf("parquet: a row of %d columns for a schema of %d", row.Columns(), len(w.s.Columns))
	}
	c := w.cols
	c[0] = append(c[0], pq.Int64Value(row.Record).Level(0, 0, 0))
	if row.Offset >= 0 {
		c[1] = append(c[1], pq.Int64Value(row.Offset).Level(0, 1, 1))
	} else {
		c[1] = append(c[1], w.nulls[1])
	}
	if w.s.File {
		c[2] = append(c[2], pq.ByteArrayValue(w.bytes([]byte(row.File))).Level(0, 0, 2))
	}
	for col, cd := range w.s.Columns {
		idx := w.first + col
		n := row.Len(col)
		switch {
		case n == 0:
			c[idx] = append(c[idx], w.nulls[idx])
		case cd.List:
			for k := range n {
				rep := 1
				if k == 0 {
					rep = 0
				}
				c[idx] = append(c[idx], pq.ByteArrayValue(w.bytes(row.Value(col, k))).Level(rep, 1, idx))
			}
		case n == 1:
			c[idx] = append(c[idx], pq.ByteArrayValue(w.bytes(row.Value(col, 0))).Level(0, 1, idx))
		default:
			at := len(w.arena)
			for k := range n {
				if k > 0 {
					w.arena = append(w.arena, table.ListSeparator...)
				}
				w.arena = append(w.arena, row.Value(col, k)...)
			}
			c[idx] = append(c[idx], pq.ByteArrayValue(w.arena[at:len(w.arena):len(w.arena)]).Level(0, 1, idx))
		}
	}
	w.batched++
	if w.batched == batchSize || w.inGroup+w.batched >= w.groupRows {
		return w.flush()
	}
	return nil
}

// flush writes the batch column by column, and ends the row group when it
// is full.
func (w *Writer) flush() error {
	if w.batched == 0 {
		return nil
	}
	writers := w.w.ColumnWriters()
	for i, vals := range w.cols {
		if _, err := writers[i].WriteRowValues(vals); err != nil {
			return err
		}
		clear(vals)
		w.cols[i] = vals[:0]
	}
	w.arena = w.arena[:0]
	w.inGroup += w.batched
	w.batched = 0
	if w.inGroup >= w.groupRows {
		w.inGroup = 0
		return w.w.Flush()
	}
	return nil
}

// Close writes the rows not yet written, the last row group and the
// footer; it does not close the underlying writer.
func (w *Writer) Close() error {
	if err := w.flush(); err != nil {
		return err
	}
	return w.w.Close()
}

var _ table.Writer = (*Writer)(nil)
