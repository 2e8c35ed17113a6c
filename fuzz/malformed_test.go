package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"testing/iotest"
	"time"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mods"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// perCaseLimit bounds the time one malformed case may take through every
// reader and encoder (they take well under a millisecond; this catches
// hangs, not slowness).
const perCaseLimit = 2 * time.Second

// TestMalformedCorpus runs every reader and encoder over each case of the
// malformed corpus and checks: no panic (the test would crash), no hang,
// memory bounded by the input size, every error a positioned
// *view.RecordError, and both good neighbours of the damaged record
// returned byte for byte (nothing lost).
func TestMalformedCorpus(t *testing.T) {
	cases := malformed.Cases(100)
	if len(cases) < 1000 {
		t.Fatalf("only %d cases", len(cases))
	}
	var lost, errorsSeen, records int
	var ms runtime.MemStats
	for _, c := range cases {
		start := time.Now()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		got := exercise(t, c.Name, c.Data)
		runtime.ReadMemStats(&ms)
		if alloc := ms.TotalAlloc - before; alloc > uint64(200*len(c.Data))+4<<20 {
			t.Errorf("%s: allocated %d bytes for %d bytes of input", c.Name, alloc, len(c.Data))
		}
		if d := time.Since(start); d > perCaseLimit {
			t.Errorf("%s: took %v", c.Name, d)
		}
		records += got.records
		errorsSeen += got.errors
		if !got.has(c.First) || !got.has(c.Last) {
			lost++
			t.Errorf("%s: a good neighbour of the damaged record was lost", c.Name)
		}
	}
	t.Logf("%d malformed cases: %d records and %d errors reported, %d cases lost a good record, 0 panics", len(cases), records, errorsSeen, lost)
}

type result struct {
	raws            [][]byte
	records, errors int
}

func (r result) has(rec []byte) bool {
	for _, b := range r.raws {
		if bytes.Equal(b, rec) {
			return true
		}
	}
	return false
}

// exercise reads data every way there is and pushes each good record
// through every encoder and back through every reader.
func exercise(t *testing.T, name string, data []byte) result {
	var res result
	for _, strict := range []bool{false, true} {
		opts := scan.Options{Strict: strict}
		for _, s := range []*scan.Scanner{
			scan.New(data, opts),
			scan.NewReader(iotest.HalfReader(bytes.NewReader(data)), opts),
		} {
			for s.Scan() {
				if err := s.Err(); err != nil {
					checkErr(t, name, err, len(data))
					if !strict {
						res.errors++
					}
					continue
				}
				if !strict {
					if s.Offset() >= 0 && bytes.Equal(data[s.Offset():s.Offset()+int64(s.Record().Len())], s.Record().Bytes()) {
						res.raws = append(res.raws, bytes.Clone(s.Record().Bytes()))
					}
					res.records++
				}
				throughEverything(t, name, s.Record())
			}
			if err := s.Err(); err != nil {
				checkErr(t, name, err, len(data))
			}
		}
	}
	return res
}

func checkErr(t *testing.T, name string, err error, size int) {
	var re *view.RecordError
	if !errors.As(err, &re) {
		t.Errorf("%s: error is not a *view.RecordError: %v", name, err)
		return
	}
	if re.Index < 0 || re.Offset < 0 || re.Offset > int64(size) {
		t.Errorf("%s: error without a position in the input: %v", name, err)
	}
}

func throughEverything(t *testing.T, name string, r view.Record) {
	if l := r.Leader(); !l.IsUnicode() {
		// strict conversion may fail, but only with a charset RecordError
		if _, err := (iso2709.Options{Charset: iso2709.UTF8, Strict: true}).Append(nil, r); err != nil {
			checkCharsetErr(t, name, "strict MARC-8 conversion", err)
		}
		// the encoders of UTF-8 formats in strict mode fail the same way
		for _, f := range []encode.Format{marcxml.Options{Strict: true}, marcjson.Options{Strict: true}, mrk.Options{Strict: true}, dublincore.Options{Strict: true}, mods.Options{Strict: true}} {
			if _, err := f.Append(nil, r); err != nil {
				checkCharsetErr(t, name, fmt.Sprintf("%T strict", f), err)
			}
		}
	}
	if _, err := (iso2709.Options{Charset: iso2709.UTF8}).Append(nil, r); err != nil && !errors.Is(err, view.ErrTooLong) {
		var re *view.RecordError
		if !errors.As(err, &re) {
			t.Errorf("%s: lenient MARC-8 conversion failed: %v", name, err)
		}
	}
	iso2709.Options{Charset: iso2709.MARC8}.Append(nil, r)
	iso2709.Append(nil, r)
	marcxml.Options{SchemaValid: true}.Append(nil, r)
	marcjson.Options{Array: true}.Append(nil, r)
	mrk.Options{Raw: true}.Append(nil, r)
	for _, f := range []encode.Format{dublincore.Options{}, mods.Options{}} {
		out, err := f.Append(nil, r)
		if err != nil {
			t.Errorf("%s: %T: %v", name, f, err)
		}
		if err := wellFormed(f, out); err != nil {
			t.Errorf("%s: %T: %v", name, f, err)
		}
	}
	if out, err := marcxml.Append(nil, r); err == nil {
		rd := marcxml.NewReader(bytes.NewReader(out), marcxml.Options{})
		for rd.Scan() {
		}
		if rd.Err() != nil {
			t.Errorf("%s: our MARCXML does not read back: %v", name, rd.Err())
		}
	}
	if out, err := marcjson.Append(nil, r); err == nil {
		rd := marcjson.NewReader(bytes.NewReader(out), marcjson.Options{})
		for rd.Scan() {
		}
		if rd.Err() != nil {
			t.Errorf("%s: our MARC-in-JSON does not read back: %v", name, rd.Err())
		}
	}
	if out, err := mrk.Append(nil, r); err == nil {
		rd := mrk.NewReader(bytes.NewReader(out), mrk.Options{})
		for rd.Scan() {
		}
		if rd.Err() != nil {
			t.Errorf("%s: our MRK does not read back: %v", name, rd.Err())
		}
	}
}

// checkCharsetErr: a strict conversion error is a *view.RecordError
// wrapping view.ErrCharset (or ErrTooLong, for a record the conversion
// makes too long), naming a field.
func checkCharsetErr(t *testing.T, name, what string, err error) {
	t.Helper()
	var re *view.RecordError
	if !errors.As(err, &re) || !(errors.Is(err, view.ErrCharset) || errors.Is(err, view.ErrTooLong)) {
		t.Errorf("%s: %s: error is not a charset *view.RecordError: %v", name, what, err)
		return
	}
	if errors.Is(err, view.ErrCharset) && re.Tag == (view.Tag{}) {
		t.Errorf("%s: %s: charset error names no field: %v", name, what, err)
	}
}
