package readerstate

import (
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marcmap/marcmap/view"
)

// State is kept by a reader. The zero State is not ready: use Init.
type State struct {
	strict bool
	rec    view.Record
	idx    int
	iErr   error
	fatal  error
	done   bool
	note   string // the first repair made to the current record
}

// Init readies the state; strict makes the first bad record fatal.
func (s *State) Init(strict bool) { *s = State{strict: strict, idx: -1} }

// Strict reports whether the reader is strict.
func (s *State) Strict() bool { return s.strict }

// Done reports whether the reader has stopped.
func (s *State) Done() bool { return s.done }

// Clear forgets the current item, at the start of Scan.
func (s *State) Clear() { s.rec, s.iErr, s.note = view.Record{}, nil, "" }

// Repaired notes a repair made to the current record (the first one
// counts); Good then flags the record view.RepairText.
func (s *State) Repaired(what string) {
	if s.note == "" {
		s.note = what
	}
}

// Repair returns what was repaired in the current record, or "".
func (s *State) Repair() string { return s.note }

// Next counts a new item and returns its index.
func (s *State) Next() int {
	s.idx++
	return s.idx
}

// Good makes r the current record; Scan returns its result.
func (s *State) Good(r view.Record) bool {
	if s.note != "" {
		r = r.WithRepairs(view.RepairText)
	}
	s.rec = r
	return true
}

// Bad reports the current item as a bad record. In strict mode it stops
// the reader (Scan returns false and Err returns e); else Scan returns
// true and Err returns e until the next Scan.
func (s *State) Bad(e *view.RecordError) bool {
	if s.strict {
		e.Stop = true
		return s.Stop(e)
	}
	s.iErr = e
	return true
}

// Stop ends the reader with err (nil at the end of input). A
// *view.RecordError is marked fatal.
func (s *State) Stop(err error) bool {
	if e, ok := err.(*view.RecordError); ok {
		e.Stop = true
	}
	s.done, s.fatal = true, err
	return false
}

// Record returns the current record, the zero Record for a bad one. It is
// valid until the next Scan; use Record.Clone to keep it.
func (s *State) Record() view.Record { return s.rec }

// Index returns the index of the current record, counting from 0.
func (s *State) Index() int { return s.idx }

// Err returns the current bad record's *view.RecordError while Scan
// returns true, and the error that stopped the reader after it returns
// false (nil at the end of input).
func (s *State) Err() error {
	if s.done {
		return s.fatal
	}
	return s.iErr
}

// Records returns an iterator over the records of a reader whose Scan is
// scan: each bad record is yielded as (zero Record, *view.RecordError), and
// an error that stops the reader is yielded last.
func (s *State) Records(scan func() bool) iter.Seq2[view.Record, error] {
	return func(yield func(view.Record, error) bool) {
		for scan() {
			if !yield(s.rec, s.iErr) {
				return
			}
		}
		if s.fatal != nil {
			yield(view.Record{}, s.fatal)
		}
	}
}

// Leader reads a text format's leader: 24 ASCII characters, set as they
// are (a control character among them is left to view.RepairLeader); or,
// in lenient mode, 24 characters some of which are not ASCII (a real
// MARCXML file has U+00A0 in three places), read with those as blanks, as
// the ISO 2709 reader reads such bytes, and reported as a repair. It
// returns false when text is no leader.
func (s *State) Leader(text string) (view.Leader, bool) {
	var l view.Leader
	if len(text) == view.LeaderLen {
		ok := true
		for i := 0; i < len(text); i++ {
			ok = ok && text[i] < 0x80
		}
		if ok {
			copy(l[:], text)
			return l, true
		}
	}
	if s.strict || utf8.RuneCountInString(text) != view.LeaderLen {
		return l, false
	}
	var at []string
	i := 0
	for _, c := range text {
		if c < 0x80 {
			l[i] = byte(c)
		} else {
			l[i] = ' '
			at = append(at, strconv.Itoa(i))
		}
		i++
	}
	s.Repaired("leader characters that are not ASCII (at " + strings.Join(at, ", ") + "): read as blanks")
	return l, true
}
