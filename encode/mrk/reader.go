package mrk

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"strconv"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/readerstate"
	"github.com/marcmap/marcmap/view"
)

// Reader reads MARCMaker records. A record with a bad line (not starting
// with '=', a tag that is not three characters, a leader that is not 24
// characters, a data field without two indicators) is an error naming the
// record and the line; in lenient mode (the default) the Reader skips to
// the next record. Use one Reader per goroutine.
type Reader struct {
	st    readerstate.State
	sc    *bufio.Scanner
	b     iso2709.Builder
	buf   []byte
	field []byte
	norm  []byte // scratch for NFC
	dec   decoder
	tag   [3]byte // of the open field
	line  int     // lines read so far
	start int     // line where the current record starts

	pending []byte // a line read ahead (the next record's =LDR), or nil
	held    []byte // pending's storage
}

// MaxLine bounds a line's length.
const MaxLine = 1 << 20

// NewReader returns a Reader on r. Options.Strict makes the first bad
// record stop it.
func NewReader(r io.Reader, o Options) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	rd := &Reader{sc: sc}
	rd.st.Init(o.Strict)
	return rd
}

var (
	errLine   = view.Detail(view.ErrSyntax, "line does not start with =TAG")
	errLeader = view.Detail(view.ErrLeader, "leader is not 24 ASCII characters")
	errInd    = view.Detail(view.ErrField, "data field without two indicators")
	errNoLDR  = view.Detail(view.ErrLeader, "record has no =LDR line")
)

func (r *Reader) next() ([]byte, bool) {
	if r.pending != nil {
		l := r.pending
		r.pending = nil
		return l, true
	}
	if !r.sc.Scan() {
		return nil, false
	}
	r.line++
	l := r.sc.Bytes()
	if r.line == 1 {
		l = bytes.TrimPrefix(l, []byte("\xef\xbb\xbf"))
	}
	return bytes.TrimSuffix(l, []byte("\r")), true
}

// Scan advances to the next record (or, in lenient mode, bad record). A
// record starts at an =LDR line, or at any =TAG line after a blank line,
// and runs to the next start, so records need no blank line between them;
// a line that does not start with '=' continues the field before it, over
// blank lines too (a field with line breaks or a paragraph break in its
// text), which lenient mode reads with the line breaks and reports as a
// repair.
func (r *Reader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	var fault error
	var rec view.Record
	faultLine := 0
	haveLeader := false
	inRecord := false
	blanks := 0      // blank lines since the last line read
	open := false    // r.field holds the field r.tag, not yet added
	control := false // the open field is a control field
	r.dec.utf8 = false
	flush := func() {
		if open {
			r.field, r.norm = r.dec.finish(r.field, 0, r.norm)
			r.b.AddField(string(r.tag[:]), r.field)
			open = false
		}
	}
	for {
		line, ok := r.next()
		if !ok {
			if err := r.sc.Err(); err != nil {
				if errors.Is(err, bufio.ErrTooLong) {
					err = &view.RecordError{Offset: -1, Index: r.st.Index(), Line: r.line + 1, Pos: -1,
						Err: view.Detail(view.ErrTooLong, "line longer than "+strconv.Itoa(MaxLine)+" bytes")}
				}
				return r.st.Stop(err)
			}
			if !inRecord {
				return r.st.Stop(nil)
			}
			break
		}
		if len(bytes.TrimSpace(line)) == 0 {
			blanks++
			continue
		}
		// A new record starts at =LDR, or, after a blank line, at any
		// =TAG line (a record that lacks its =LDR is then reported, not
		// merged into the one before); only text that does not start with
		// '=' carries a field over blank lines.
		if inRecord && (bytes.HasPrefix(line, []byte("=LDR")) || blanks > 0 && line[0] == '=') {
			r.pending = append(r.held[:0], line...) // the next record's first line
			r.held = r.pending
			break
		}
		if !inRecord {
			inRecord = true
			r.st.Next()
			r.start = r.line
			r.b.Reset(view.Leader{})
			r.b.Overlong = true
		}
		if fault != nil {
			continue // skip to the next =LDR
		}
		if line[0] != '=' {
			if !open || r.st.Strict() {
				fault, faultLine = errLine, r.line
				continue
			}
			// The field's text went on over a line break.
			for range blanks + 1 {
				r.field = append(r.field, '\n')
			}
			if control {
				r.field = r.dec.fixed(r.field, line)
			} else {
				r.field = r.dec.data(r.field, line)
			}
			r.st.Repaired("line " + strconv.Itoa(r.line) + " continues field " + string(r.tag[:]) + ": read with a line break")
			blanks = 0
			continue
		}
		blanks = 0
		if len(line) < 4 {
			fault, faultLine = errLine, r.line
			continue
		}
		flush()
		tag := line[1:4]
		value := line[4:]
		// Two spaces separate the tag from the value; be lenient about one.
		if bytes.HasPrefix(value, []byte("  ")) {
			value = value[2:]
		} else if bytes.HasPrefix(value, []byte(" ")) {
			value = value[1:]
		}
		switch {
		case string(tag) == "LDR":
			r.dec.utf8 = false
			r.field = r.dec.fixed(r.field[:0], value)
			if bytes.IndexFunc(r.field, func(c rune) bool { return c >= 0x80 }) >= 0 {
				fault, faultLine = errLeader, r.line
				continue
			}
			if n := len(r.field); n != view.LeaderLen {
				if r.st.Strict() || n < view.LeaderLen-4 || n > view.LeaderLen+4 {
					fault, faultLine = errLeader, r.line
					continue
				}
				// A leader a byte or few short or long (an edited export):
				// padded with blanks or cut, and reported.
				for len(r.field) < view.LeaderLen {
					r.field = append(r.field, ' ')
				}
				r.field = r.field[:view.LeaderLen]
				r.st.Repaired("leader of " + strconv.Itoa(n) + " characters: padded or cut to 24")
			}
			r.b.SetLeader(view.Leader(r.field))
			r.dec.utf8 = view.Leader(r.field).IsUnicode()
			haveLeader = true
		case tag[0] == '0' && tag[1] == '0':
			r.field = r.dec.fixed(r.field[:0], value)
			open, control = true, true
			copy(r.tag[:], tag)
		default:
			// Two indicators, each a byte or a mnemonic ({bsol} ...).
			r.field = r.field[:0]
			rest := value
			for len(r.field) < 2 && len(rest) > 0 {
				n := 1
				if _, m := mnemonic(rest); m > 0 {
					n = m
				}
				r.field = r.dec.fixed(r.field, rest[:n])
				rest = rest[n:]
			}
			if len(r.field) != 2 {
				fault, faultLine = errInd, r.line
				continue
			}
			r.field = r.dec.data(r.field, rest)
			open, control = true, false
			copy(r.tag[:], tag)
		}
	}
	if fault == nil {
		flush()
	}
	if fault == nil && !haveLeader {
		fault, faultLine = errNoLDR, r.start
	}
	if fault == nil {
		var err error
		r.buf, err = r.b.Append(r.buf[:0])
		if err == nil {
			rec, err = iso2709.View(r.buf)
		}
		if err != nil {
			fault, faultLine = err, r.start
		}
	}
	if fault != nil {
		var re *view.RecordError
		if !errors.As(fault, &re) {
			re = &view.RecordError{Pos: -1, Err: fault}
		}
		re.Index, re.Offset, re.Line = r.st.Index(), -1, faultLine
		return r.st.Bad(re)
	}
	return r.st.Good(rec)
}

// Repair returns what lenient reading repaired in the current record (a
// field continued over a line break, a leader of 20 to 28 characters), or
// "". The record then has view.RepairText.
func (r *Reader) Repair() string { return r.st.Repair() }

// Records returns an iterator over the records, as scan.Scanner's: each
// bad record is yielded as (zero Record, *view.RecordError), a fatal error
// last.
func (r *Reader) Records() iter.Seq2[view.Record, error] { return r.st.Records(r.Scan) }

// Record returns the current record, the zero Record for a bad one. It is
// valid until the next Scan; use Record.Clone to keep it.
func (r *Reader) Record() view.Record { return r.st.Record() }

// Index returns the index of the current record, counting from 0.
func (r *Reader) Index() int { return r.st.Index() }

// Err returns the current bad record's *view.RecordError while Scan
// returns true, and the error that stopped the Reader after it returns
// false (nil at the end of input).
func (r *Reader) Err() error { return r.st.Err() }

// fixed decodes leader, control field or indicator text: '\' is a blank.
func (d *decoder) fixed(dst, p []byte) []byte { return d.decode(dst, p, '\\', ' ') }

// data decodes subfield text: '$' is the subfield delimiter.
func (d *decoder) data(dst, p []byte) []byte { return d.decode(dst, p, '$', view.SubfieldDelimiter) }

// Line returns the line where the current record starts.
func (r *Reader) Line() int { return r.start }
