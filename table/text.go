package table

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Format is a text table format.
type Format int

const (
	CSV   Format = iota // RFC 4180, with a header line
	TSV                 // tab-separated, with a header line; quoted as CSV is
	JSONL               // one JSON object per line
)

// ListSeparator joins the values of a column that is not a list when a
// record repeats a field the definitions say does not repeat, so that no
// value is dropped. MARC data should hold no line breaks (validate reports
// control characters); a value that holds one makes the join ambiguous.
const ListSeparator = "\n"

// AppendHeader appends the header line of CSV and TSV (nothing for
// JSONL).
func (s *Schema) AppendHeader(dst []byte, f Format) []byte {
	if f == JSONL {
		return dst
	}
	sep := byte(',')
	if f == TSV {
		sep = '\t'
	}
	dst = append(dst, "record"...)
	dst = append(dst, sep)
	dst = append(dst, "byte_offset"...)
	if s.File {
		dst = append(dst, sep)
		dst = append(dst, "file"...)
	}
	for _, c := range s.Columns {
		dst = append(dst, sep)
		dst = append(dst, c.Name...)
	}
	return append(dst, '\n')
}

// AppendRow appends row as one line of format f: in CSV and TSV a list
// column is a JSON array of strings (empty when there is no value) and
// another column its value, or its values joined by ListSeparator; in
// JSONL a list column is an array and another column a string or null.
// The record's offset is empty (null in JSONL) when the input format does
// not give it.
func (s *Schema) AppendRow(dst []byte, f Format, row *Row) []byte {
	if row.Columns() != len(s.Columns) {
		panic("table: AppendRow with a row filled by another schema")
	}
	if f == JSONL {
		return s.appendJSONL(dst, row)
	}
	sep := byte(',')
	if f == TSV {
		sep = '\t'
	}
	dst = strconv.AppendInt(dst, row.Record, 10)
	dst = append(dst, sep)
	if row.Offset >= 0 {
		dst = strconv.AppendInt(dst, row.Offset, 10)
	}
	if s.File {
		dst = append(dst, sep)
		dst = appendCell(dst, f, []byte(row.File))
	}
	for col, c := range s.Columns {
		dst = append(dst, sep)
		n := row.Len(col)
		switch {
		case n == 0:
		case c.List:
			row.scratch = appendJSONList(row.scratch[:0], row, col)
			dst = appendCell(dst, f, row.scratch)
		case n == 1:
			dst = appendCell(dst, f, row.Value(col, 0))
		default:
			row.scratch = appendJoined(row.scratch[:0], row, col)
			dst = appendCell(dst, f, row.scratch)
		}
	}
	return append(dst, '\n')
}

func appendJoined(dst []byte, row *Row, col int) []byte {
	for k := range row.Len(col) {
		if k > 0 {
			dst = append(dst, ListSeparator...)
		}
		dst = append(dst, row.Value(col, k)...)
	}
	return dst
}

func appendJSONList(dst []byte, row *Row, col int) []byte {
	dst = append(dst, '[')
	for k := range row.Len(col) {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, row.Value(col, k))
	}
	return append(dst, ']')
}

// appendCell appends one CSV or TSV cell: quoted, as RFC 4180 quotes,
// when it holds the separator, a quote or a line break (DuckDB's
// read_csv, pandas and Spark read tab-separated files quoted so).
func appendCell(dst []byte, f Format, v []byte) []byte {
	sep := byte(',')
	if f == TSV {
		sep = '\t'
	}
	quote := false
	for _, c := range v {
		if c == sep || c == '"' || c == '\n' || c == '\r' {
			quote = true
			break
		}
	}
	if !quote {
		return append(dst, v...)
	}
	dst = append(dst, '"')
	for _, c := range v {
		if c == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

func (s *Schema) appendJSONL(dst []byte, row *Row) []byte {
	dst = append(dst, `{"record":`...)
	dst = strconv.AppendInt(dst, row.Record, 10)
	dst = append(dst, `,"byte_offset":`...)
	if row.Offset >= 0 {
		dst = strconv.AppendInt(dst, row.Offset, 10)
	} else {
		dst = append(dst, "null"...)
	}
	if s.File {
		dst = append(dst, `,"file":`...)
		dst = appendJSONString(dst, []byte(row.File))
	}
	for col, c := range s.Columns {
		dst = append(dst, ',', '"')
		dst = append(dst, c.Name...)
		dst = append(dst, '"', ':')
		n := row.Len(col)
		switch {
		case c.List:
			dst = appendJSONList(dst, row, col)
		case n == 0:
			dst = append(dst, "null"...)
		case n == 1:
			dst = appendJSONString(dst, row.Value(col, 0))
		default:
			row.scratch = appendJoined(row.scratch[:0], row, col)
			dst = appendJSONString(dst, row.scratch)
		}
	}
	return append(dst, '}', '\n')
}

const hex = "0123456789abcdef"

// appendJSONString appends v as a JSON string; bytes that are not UTF-8
// become U+FFFD.
func appendJSONString(dst, v []byte) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(v); {
		c := v[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
			i++
			continue
		case '\n':
			dst = append(dst, '\\', 'n')
			i++
			continue
		case '\t':
			dst = append(dst, '\\', 't')
			i++
			continue
		case '\r':
			dst = append(dst, '\\', 'r')
			i++
			continue
		}
		if c < 0x20 {
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			i++
			continue
		}
		r, n := utf8.DecodeRune(v[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, "\ufffd"...)
		} else {
			dst = append(dst, v[i:i+n]...)
		}
		i += n
	}
	return append(dst, '"')
}

// Writer writes rows to a table.
type Writer interface {
	// Write writes one row.
	Write(row *Row) error
	// Close writes what the format needs at the end (Parquet's footer)
	// and flushes; it does not close the underlying writer.
	Close() error
}

// NewTextWriter returns a Writer of format f to w; the header line is
// written first.
func NewTextWriter(w io.Writer, s *Schema, f Format) Writer {
	tw := &textWriter{w: bufio.NewWriterSize(w, 64<<10), s: s, f: f}
	tw.buf = s.AppendHeader(tw.buf, f)
	return tw
}

type textWriter struct {
	w   *bufio.Writer
	s   *Schema
	f   Format
	buf []byte
	err error
}

func (tw *textWriter) Write(row *Row) error {
	if tw.err != nil {
		return tw.err
	}
	if row.Columns() != len(tw.s.Columns) {
		return fmt.Errorf("table: a row of %d columns for a schema of %d", row.Columns(), len(tw.s.Columns))
	}
	tw.buf = tw.s.AppendRow(tw.buf, tw.f, row)
	if len(tw.buf) >= 32<<10 {
		_, tw.err = tw.w.Write(tw.buf)
		tw.buf = tw.buf[:0]
	}
	return tw.err
}

func (tw *textWriter) Close() error {
	if tw.err != nil {
		return tw.err
	}
	if _, err := tw.w.Write(tw.buf); err != nil {
		return err
	}
	tw.buf = tw.buf[:0]
	return tw.w.Flush()
}
