package readerstate

import (
	"errors"
	"testing"

	"github.com/marcmap/marcmap/view"
)

// fake is a reader of items: nil is a good record, a *view.RecordError a
// bad one, any other error an I/O error that stops it.
type fake struct {
	State
	items []error
	i     int
}

func (f *fake) Scan() bool {
	if f.Done() {
		return false
	}
	f.Clear()
	if f.i == len(f.items) {
		return f.Stop(nil)
	}
	it := f.items[f.i]
	f.i++
	var re *view.RecordError
	switch {
	case it == nil:
		f.Next()
		r, _ := view.Parse(nil)
		return f.Good(r)
	case errors.As(it, &re):
		f.Next()
		c := *re
		return f.Bad(&c)
	default:
		return f.Stop(it)
	}
}

func TestStates(t *testing.T) {
	bad := &view.RecordError{Offset: -1, Index: -1, Pos: -1, Err: view.ErrField}
	io := errors.New("read failed")
	for _, tc := range []struct {
		name   string
		strict bool
		items  []error
		want   []bool // per yielded pair: was the error non-nil
		fatal  bool   // the last yielded error is fatal (Stop)
	}{
		{"lenient", false, []error{nil, bad, nil}, []bool{false, true, false}, false},
		{"lenient, bad last", false, []error{nil, bad}, []bool{false, true}, false},
		{"strict", true, []error{nil, bad, nil}, []bool{false, true}, true},
		{"io error", false, []error{nil, io, nil}, []bool{false, true}, false},
		{"empty", false, nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fake{items: tc.items}
			f.Init(tc.strict)
			if f.Strict() != tc.strict || f.Index() != -1 {
				t.Fatalf("Init: strict %v index %d", f.Strict(), f.Index())
			}
			var got []bool
			var last error
			for _, err := range f.Records(f.Scan) {
				got = append(got, err != nil)
				last = err
			}
			if len(got) != len(tc.want) {
				t.Fatalf("yielded %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("yielded %v, want %v", got, tc.want)
				}
			}
			var re *view.RecordError
			if errors.As(last, &re) && re.Fatal() != tc.fatal {
				t.Fatalf("last error %v: Fatal %v, want %v", last, re.Fatal(), tc.fatal)
			}
			if f.Scan() {
				t.Fatal("Scan after the end returned true")
			}
		})
	}
}
