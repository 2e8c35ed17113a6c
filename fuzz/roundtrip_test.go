package fuzz

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// carried reports whether every format can carry r unchanged: UTF-8
// (leader/09 'a', valid text), no line breaks or other C0 controls in
// content, printable ASCII leader, indicators and codes.
func carried(r view.Record) bool {
	l := r.Leader()
	if !l.IsUnicode() {
		return false
	}
	for _, c := range l {
		if c < 0x20 || c >= 0x7F {
			return false
		}
	}
	for f := range r.Fields() {
		d := f.Data()
		if !utf8.Valid(d) {
			return false
		}
		if f.IsControl() {
			for _, c := range d {
				if c < 0x20 {
					return false
				}
			}
			continue
		}
		if len(d) < 2 || d[0] < 0x20 || d[0] >= 0x7F || d[1] < 0x20 || d[1] >= 0x7F || (len(d) > 2 && d[2] != view.SubfieldDelimiter) {
			return false
		}
		for code, v := range f.Subfields() {
			if code < 0x21 || code >= 0x7F {
				return false
			}
			for _, c := range v {
				if c < 0x20 {
					return false
				}
			}
		}
	}
	return true
}

type format struct {
	name   string
	append func([]byte, view.Record) ([]byte, error)
	read   func([]byte) ([]byte, error)
}

func readOne[R interface {
	Scan() bool
	Record() view.Record
	Err() error
}](rd R) ([]byte, error) {
	if !rd.Scan() {
		return nil, rd.Err()
	}
	if err := rd.Err(); err != nil {
		return nil, err
	}
	return bytes.Clone(rd.Record().Bytes()), nil
}

var formats = []format{
	{"marcxml", marcxml.Append, func(b []byte) ([]byte, error) {
		return readOne(marcxml.NewReader(bytes.NewReader(b), marcxml.Options{}))
	}},
	{"marcjson", marcjson.Append, func(b []byte) ([]byte, error) {
		return readOne(marcjson.NewReader(bytes.NewReader(b), marcjson.Options{}))
	}},
	{"mrk", mrk.Append, func(b []byte) ([]byte, error) { return readOne(mrk.NewReader(bytes.NewReader(b), mrk.Options{})) }},
}

// FuzzRoundTrip: for every record the lenient scanner finds in the input
// that all formats can carry, ISO 2709 -> format -> ISO 2709 gives the
// record back (rebuilt, for a repaired record).
func FuzzRoundTrip(f *testing.F) {
	f.Add(marctest.Sample())
	for _, c := range malformed.Cases(1)[:6] {
		f.Add(c.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil || !carried(r) {
				continue
			}
			// The record as a writer rebuilds it (unused bytes between
			// fields, legal in ISO 2709, are not carried by other formats).
			var b iso2709.Builder
			b.ResetFrom(r)
			b.Overlong = true
			want, err := b.Append(nil)
			if err != nil {
				continue
			}
			for _, fm := range formats {
				out, err := fm.append(nil, r)
				if err != nil {
					t.Fatalf("%s: %v", fm.name, err)
				}
				back, err := fm.read(out)
				if err != nil {
					t.Fatalf("%s: reading our output: %v\n%q", fm.name, err, out)
				}
				if !bytes.Equal(back, want) {
					t.Fatalf("%s: round trip changed the record:\n%q\n%q", fm.name, want, back)
				}
			}
		}
	})
}
