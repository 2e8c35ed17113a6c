package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/table"
	"github.com/marcmap/marcmap/table/parquet"
	"github.com/marcmap/marcmap/view"
)

var cmdTable = command{
	name: "table", args: "[flags] -format parquet|csv|tsv|jsonl [-rule SPEC]... [-kind K] [-rejects FILE] -o OUT FILE...",
	summary: "write one table row per record for DuckDB, Spark or pandas: one column per rule and subfield code (245a, 650av, 500, LDR[6], 008[35-37]), or per MARC 21 field without rules",
	flags: func(fs *flag.FlagSet, o *opts) {
		fs.StringVar(&o.tableFormat, "format", "", "parquet, csv, tsv or jsonl (required)")
		fs.Func("rule", "a field spec giving columns (245a, 650av, 500, LDR[6], 008[35-37]); repeat for several", func(v string) error {
			o.rules = append(o.rules, v)
			return nil
		})
		fs.StringVar(&o.kind, "kind", "bibliographic", "MARC 21 definitions for the columns and their repeatability: bibliographic, authority or holdings")
		fs.IntVar(&o.rowGroup, "row-group", parquet.DefaultRowGroupRows, "with -format parquet: rows per row group (memory holds one)")
		fs.StringVar(&o.compression, "compression", "zstd", "with -format parquet: zstd, snappy, gzip or none")
		fs.StringVar(&o.output, "o", "", "output file (- for standard output; required)")
		fs.StringVar(&o.rejects, "rejects", "", "write the raw bytes of each bad record to this file (ISO 2709 input)")
	},
	check: checkTable,
	run:   runTable,
}

func checkTable(o *opts) error {
	switch strings.ToLower(o.tableFormat) {
	case "parquet", "csv", "tsv", "jsonl":
		o.tableFormat = strings.ToLower(o.tableFormat)
	case "":
		return errors.New("-format is required: parquet, csv, tsv or jsonl")
	default:
		return fmt.Errorf("-format: unknown table format %q (want parquet, csv, tsv or jsonl)", o.tableFormat)
	}
	if o.output == "" {
		return errors.New("-o is required (- for standard output)")
	}
	if o.tableFormat != "parquet" && (o.set["row-group"] || o.set["compression"]) {
		return errors.New("-row-group and -compression apply to -format parquet")
	}
	if o.rowGroup <= 0 {
		return fmt.Errorf("-row-group must be 1 or more, not %d", o.rowGroup)
	}
	switch o.compression {
	case "zstd", "snappy", "gzip", "none":
	default:
		return fmt.Errorf("-compression: unknown compression %q (want zstd, snappy, gzip or none)", o.compression)
	}
	defs := table.DefinitionsNamed(o.kind)
	if defs == nil {
		return fmt.Errorf("-kind: unknown definitions %q (want bibliographic, authority or holdings)", o.kind)
	}
	var err error
	o.tableSchema, err = table.NewSchema(o.rules, defs)
	if err != nil {
		return err
	}
	return nil
}

func runTable(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(d.output, d.rejects); err != nil {
		return err
	}
	if err := d.checkInputs(); err != nil {
		return err
	}
	s := d.tableSchema
	s.File = len(d.files) > 1
	var n, bad int64
	err := d.withOutput(func(w io.Writer, rejected func(error, []byte) error) (err error) {
		n, bad, err = d.writeTable(ctx, w, s, rejected)
		return err
	})
	if err != nil {
		return err
	}
	if !d.quiet {
		meta := 2 // record, byte_offset
		if s.File {
			meta++
		}
		fmt.Fprintf(d.stderr, "marcmap: wrote %d rows of %d columns, skipped %d bad records\n", n, len(s.Columns)+meta, bad)
	}
	return d.status()
}

// writeTable writes the rows of every input. The records are read on all
// cores: each worker fills rows and appends them as text (CSV, TSV,
// JSONL) or in binary (Parquet), and the ordered output goes to w or to a
// sink that hands the rows to the Parquet writer, in input order.
func (d *driver) writeTable(ctx context.Context, w io.Writer, s *table.Schema, rejected func(error, []byte) error) (rows, bad int64, err error) {
	format := map[string]table.Format{"csv": table.CSV, "tsv": table.TSV, "jsonl": table.JSONL}[d.tableFormat]
	var sink io.Writer = w
	var pw *parquet.Writer
	var rs *rowSink
	if d.tableFormat == "parquet" {
		if pw, err = parquet.NewWriter(w, s, parquet.Options{RowGroupRows: d.rowGroup, Compression: d.compression}); err != nil {
			return 0, 0, err
		}
		rs = &rowSink{w: pw}
		sink = rs
	} else if _, err := w.Write(s.AppendHeader(nil, format)); err != nil {
		return 0, 0, err
	}
	var count atomic.Int64
	pool := make(chan *table.Row, 64)
	getRow := func() *table.Row {
		select {
		case r := <-pool:
			return r
		default:
			return new(table.Row)
		}
	}
	putRow := func(r *table.Row) {
		select {
		case pool <- r:
		default:
		}
	}
	err = d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		return r.EncodeItems(ctx, sink, d.parallelOptions(name, func(e error, raw []byte) error {
			bad++
			return rejected(e, raw)
		}), func(dst []byte, it *marcmap.Item) ([]byte, error) {
			d.progressRecord(r, len(it.Raw))
			if it.Err != nil {
				return dst, nil // reported by BadRecord
			}
			row := getRow()
			defer putRow(row)
			fill := func(rec view.Record) {
				s.Fill(row, rec)
				row.Record, row.Offset, row.File = int64(it.Index), it.Offset, name
				count.Add(1)
				if pw != nil {
					start := len(dst)
					dst = append(dst, 0, 0, 0, 0)
					dst = row.AppendBinary(dst)
					putLen(dst[start:], len(dst)-start-4)
				} else {
					dst = s.AppendRow(dst, format, row)
				}
			}
			var err error
			if l := it.Record.Leader(); l.IsUnicode() {
				fill(it.Record)
			} else {
				err = iso2709.WithUTF8(it.Record, d.strict, fill)
			}
			return dst, err
		})
	})
	if rs != nil {
		rows = rs.rows
		if err == nil {
			err = rs.flushErr()
		}
		if err == nil {
			err = pw.Close()
		}
	}
	if err != nil {
		return 0, bad, err
	}
	if rs == nil {
		rows = count.Load()
	}
	return rows, bad, nil
}

func putLen(p []byte, n int) {
	p[0], p[1], p[2], p[3] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
}

// rowSink receives the ordered binary rows (each after its 4-byte
// length) and writes them to the Parquet writer.
type rowSink struct {
	w    *parquet.Writer
	buf  []byte
	row  table.Row
	rows int64
	err  error
}

func (s *rowSink) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.buf = append(s.buf, p...)
	i := 0
	for len(s.buf)-i >= 4 {
		n := int(s.buf[i])<<24 | int(s.buf[i+1])<<16 | int(s.buf[i+2])<<8 | int(s.buf[i+3])
		if len(s.buf)-i-4 < n {
			break
		}
		if _, err := s.row.UnmarshalBinary(s.buf[i+4 : i+4+n]); err != nil {
			s.err = err
			return 0, err
		}
		if err := s.w.Write(&s.row); err != nil {
			s.err = err
			return 0, err
		}
		s.rows++
		i += 4 + n
	}
	s.buf = s.buf[:copy(s.buf, s.buf[i:])]
	return len(p), nil
}

// flushErr reports a row left incomplete at the end.
func (s *rowSink) flushErr() error {
	if s.err == nil && len(s.buf) > 0 {
		return errors.New("table: an incomplete row was left at the end")
	}
	return s.err
}
