package view

import (
	"errors"
	"strconv"
)

// Sentinel errors. A [*RecordError] wraps one of them; test with errors.Is.
var (
	// ErrLeader: the leader is short or its record length or base address
	// is not numeric.
	ErrLeader = errors.New("bad leader")
	// ErrLength: the record length in the leader disagrees with the record.
	ErrLength = errors.New("record length mismatch")
	// ErrDirectory: the directory is malformed (no terminator where the base
	// address says, a partial entry, non-numeric lengths or positions, a tag
	// with control bytes).
	ErrDirectory = errors.New("bad directory")
	// ErrField: a directory entry points outside the data area, or the field
	// does not end with a field terminator.
	ErrField = errors.New("bad field")
	// ErrTerminator: the record does not end with a record terminator (0x1D).
	ErrTerminator = errors.New("missing record terminator")
	// ErrTruncated: the input ended inside a record.
	ErrTruncated = errors.New("truncated record")
	// ErrTooLong: a record or field is longer than allowed (the scanner's
	// MaxRecordLen, or the ISO 2709 limits of 99,999 and 9,999 bytes when
	// writing).
	ErrTooLong = errors.New("record too long")
	// ErrCharset: a record's character data cannot be decoded in its
	// declared encoding (leader/09).
	ErrCharset = errors.New("bad character data")
	// ErrSyntax: the input is not well-formed in its format (XML or JSON
	// that does not parse, a MARCMaker line that is not "=TAG ...", a line
	// or object too long to read). A RecordError wrapping ErrSyntax is
	// fatal when the reader cannot find the next record after it (XML and
	// JSON syntax errors): see [RecordError.Fatal].
	ErrSyntax = errors.New("malformed input")
)

// RecordError describes a malformed record, in any input format: it is the
// one error type of the module's readers, scanners and encoders. Index and
// Offset are filled in by scanners and readers; Parse alone does not know
// them and sets both to -1. Readers of text formats set Line.
type RecordError struct {
	Offset int64 // byte offset of the record in the input, or -1
	Index  int   // index of the record in the input, counting from 0, or -1
	Line   int   // line of the input where the fault is (text formats), or 0
	Tag    Tag   // tag of the field at fault; zero when not about a field
	Pos    int   // byte position within the record where the fault was found, or -1
	Err    error // wraps one of the sentinel errors
	// Stop is set when the reader could not go on after this error (a
	// syntax error that ends an XML or JSON document, or strict mode).
	Stop bool
}

// Fatal reports whether the reader stopped at this error: the input
// cannot be read further (an XML or JSON syntax error), rather than one
// record being skipped. A nil *RecordError is not fatal.
func (e *RecordError) Fatal() bool { return e != nil && e.Stop }

// Detail returns an error that wraps sentinel (one of the Err variables of
// this package) with a detail appended to its message, for errors.Is.
func Detail(sentinel error, detail string) error {
	if detail == "" {
		return sentinel
	}
	return &detailError{sentinel, detail}
}

// Error formats the error as, for example,
// "marc: record 5 at offset 1234, field 245, byte 60: bad field: ...",
// "marc: record 5 at line 80: bad field: ..." for text formats, "marc:
// line 3: malformed input: ..." before the first record, or, without a
// position in the input, "marc: field 245, record byte 60: ...".
func (e *RecordError) Error() string {
	b := make([]byte, 0, 96)
	b = append(b, "marc: "...)
	start := len(b)
	sep := func() {
		if len(b) > start {
			b = append(b, ", "...)
		}
	}
	known := e.Index >= 0 || e.Offset >= 0 || e.Line > 0
	if e.Index >= 0 {
		b = append(b, "record "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
	}
	if e.Line > 0 || e.Offset >= 0 {
		if e.Index >= 0 {
			b = append(b, " at "...)
		}
		if e.Line > 0 {
			b = append(b, "line "...)
			b = strconv.AppendInt(b, int64(e.Line), 10)
		} else {
			b = append(b, "offset "...)
			b = strconv.AppendInt(b, e.Offset, 10)
		}
	}
	if e.Tag != (Tag{}) {
		sep()
		b = append(b, "field "...)
		b = append(b, e.Tag[:]...)
	}
	if e.Pos >= 0 {
		sep()
		if !known {
			b = append(b, "record "...)
		}
		b = append(b, "byte "...)
		b = strconv.AppendInt(b, int64(e.Pos), 10)
	}
	if len(b) > start {
		b = append(b, ": "...)
	}
	if e.Err != nil {
		b = append(b, e.Err.Error()...)
	}
	return string(b)
}

func (e *RecordError) Unwrap() error { return e.Err }

// detailError adds a detail to a sentinel while keeping errors.Is working.
type detailError struct {
	sentinel error
	detail   string
}

func (d *detailError) Error() string { return d.sentinel.Error() + ": " + d.detail }
func (d *detailError) Unwrap() error { return d.sentinel }

func recErr(pos int, tag Tag, sentinel error, detail string) *RecordError {
	var err error = sentinel
	if detail != "" {
		err = &detailError{sentinel, detail}
	}
	return &RecordError{Offset: -1, Index: -1, Tag: tag, Pos: pos, Err: err}
}
