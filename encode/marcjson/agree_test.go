package marcjson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// events lists what a reader yields, one line per item: the record bytes
// and repair, or the error's kind, index and fatality (offsets are left
// out: the encoding/json reader's point after the previous value, not at
// the object).
func events(scanFn func() bool, rec func() view.Record, errFn func() error, repair func() string) []string {
	var out []string
	kind := func(err error) string {
		for _, s := range []error{view.ErrSyntax, view.ErrLeader, view.ErrField, view.ErrTooLong} {
			if errors.Is(err, s) {
				return s.Error()
			}
		}
		return "other: " + err.Error()
	}
	for scanFn() {
		if err := errFn(); err != nil {
			var re *view.RecordError
			errors.As(err, &re)
			out = append(out, fmt.Sprintf("bad %d %s", re.Index, kind(err)))
			continue
		}
		out = append(out, fmt.Sprintf("good %q %q", rec().Bytes(), repair()))
	}
	if err := errFn(); err != nil {
		idx := -2
		var re *view.RecordError
		if errors.As(err, &re) {
			idx = re.Index
		}
		out = append(out, fmt.Sprintf("stop %d %s", idx, kind(err)))
	}
	return out
}

// agree reads doc with the hand-written Reader (parsing itself, and
// unparsed with an ElementParser; on a stream and in place, NewBytesReader)
// and with the encoding/json one it replaced, lenient and strict, and
// reports the first difference. Reading in place must leave doc as it was.
func agree(doc []byte, wrap func(io.Reader) io.Reader) error {
	for _, strict := range []bool{false, true} {
		o := Options{Strict: strict}
		n := NewReader(wrap(bytes.NewReader(doc)), o)
		ref := newRefReader(bytes.NewReader(doc), o)
		got := events(n.Scan, n.Record, n.Err, n.Repair)
		want := events(ref.Scan, ref.Record, ref.Err, ref.Repair)
		u := newUnparsed(wrap(bytes.NewReader(doc)), o)
		if err := diff(events(u.Scan, u.Record, u.Err, u.Repair), want); err != nil {
			return fmt.Errorf("unparsed, strict %v, %w", strict, err)
		}
		in := bytes.Clone(doc)
		b := NewBytesReader(in, o)
		if err := diff(events(b.Scan, b.Record, b.Err, b.Repair), want); err != nil {
			return fmt.Errorf("in place, strict %v, %w", strict, err)
		}
		u = unparse(NewBytesReader(in, o), o)
		if err := diff(events(u.Scan, u.Record, u.Err, u.Repair), want); err != nil {
			return fmt.Errorf("in place unparsed, strict %v, %w", strict, err)
		}
		if !bytes.Equal(in, doc) {
			return fmt.Errorf("in place, strict %v: the input was changed", strict)
		}
		for i := range max(len(got), len(want)) {
			g, w := "(none)", "(none)"
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				return fmt.Errorf("strict %v, item %d:\n got  %.300s\n want %.300s", strict, i, g, w)
			}
		}
	}
	return nil
}

// unparsed reads like a Reader, but through an unparsed Reader whose
// objects an ElementParser builds, as package marcmap's workers do.
type unparsed struct {
	*Reader
	p      *ElementParser
	rec    view.Record
	err    error
	repair string
	stop   error
}

func newUnparsed(r io.Reader, o Options) *unparsed { return unparse(NewReader(r, o), o) }

func unparse(rd *Reader, o Options) *unparsed {
	u := &unparsed{Reader: rd, p: NewElementParser(o)}
	u.Reader.Unparsed(true)
	return u
}

func (u *unparsed) Scan() bool {
	u.err = nil
	if u.stop != nil || !u.Reader.Scan() {
		return false
	}
	e, ok := u.Element()
	if !ok {
		u.rec, u.err, u.repair = u.Reader.Record(), u.Reader.Err(), u.Reader.Repair()
		return true
	}
	rec, repair, err, fatal := u.p.Parse(e)
	if fatal {
		u.stop = err
		return false
	}
	if repair != "" && err == nil {
		rec = rec.WithRepairs(view.RepairText)
	}
	u.rec, u.err, u.repair = rec, err, repair
	return true
}

func (u *unparsed) Record() view.Record { return u.rec }
func (u *unparsed) Repair() string      { return u.repair }
func (u *unparsed) Err() error {
	if u.stop != nil {
		return u.stop
	}
	if u.err != nil {
		return u.err
	}
	return u.Reader.Err()
}

func diff(got, want []string) error {
	for i := range max(len(got), len(want)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Errorf("item %d:\n got  %.300s\n want %.300s", i, g, w)
		}
	}
	return nil
}

var oneByteReader = iotest.OneByteReader

func same(r io.Reader) io.Reader { return r }

// TestReadersAgree: the hand-written reader yields what the encoding/json
// reader yields (records, repairs, bad records, where it stops) on the
// corpus's MARC-in-JSON files, on our conversion of every corpus ISO 2709
// file (lines and array), and on shapes the fast path leaves to
// encoding/json; also read a byte at a time.
func TestReadersAgree(t *testing.T) {
	docs := map[string][]byte{}
	for _, cf := range marctest.Corpus(t, "marc-in-json") {
		d, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		docs[cf.Name] = d
	}
	for _, cf := range marctest.Corpus(t, "iso2709") {
		d, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		var recs []view.Record
		for r, err := range scan.New(d, scan.Options{}).Records() {
			if err == nil {
				recs = append(recs, r)
			}
		}
		docs[cf.Name+" lines"] = encodeAll(t, recs, false)
		docs[cf.Name+" array"] = encodeAll(t, recs, true)
	}
	one, _ := Append(nil, sampleRecords(t)[0])
	one = bytes.TrimSpace(one)
	rep := func(old, new string) []byte { return []byte(strings.Replace(string(one), old, new, 1)) }
	for name, d := range map[string][]byte{
		"fields first":       []byte(`{"fields":[{"001":"x"}],"leader":"00000nam a2200000 a 4500"}`),
		"upper-case key":     rep(`"leader"`, `"Leader"`),
		"extra key":          rep(`{"leader"`, `{"x":1,"leader"`),
		"duplicate leader":   rep(`"fields"`, `"leader":"00000nam a2200000 a 4500","fields"`),
		"no fields":          []byte(`{"leader":"00000nam a2200000 a 4500"}`),
		"null":               []byte(`null {"leader":null,"fields":[]}`),
		"surrogate pair":     rep(`Moby`, `\ud83d\ude00Moby`),
		"lone surrogate":     rep(`Moby`, `\ud83dMoby`),
		"escapes":            rep(`Moby`, `\"\\\/\b\f\n\r\t\u00e9\u0041`),
		"bad escape":         rep(`Moby`, `\x`),
		"raw control":        rep(`Moby`, "\x01\nMoby"),
		"invalid UTF-8":      rep(`Moby`, "\xffMoby"),
		"terminator in text": rep(`Moby`, `\u001e`),
		"delimiter in text":  rep(`Moby`, `\u001f`),
		"number indicator":   rep(`"ind1":"1"`, `"ind1":1`),
		"long indicator":     rep(`"ind1":"1"`, `"ind1":"12"`),
		"Latin-1 indicator":  rep(`"ind1":"1"`, `"ind1":"é"`),
		"empty code":         rep(`{"a":`, `{"":`),
		"two codes":          rep(`{"a":"Moby`, `{"b":"x","a":"Moby`),
		"two tags":           rep(`{"001":`, `{"002":"y","001":`),
		"missing comma":      rep(`,"fields"`, ` "fields"`),
		"trailing comma":     rep(`}]}`, `},]}`),
		"array, comma first": append([]byte("[,"), append(one, ']')...),
		"array, no comma":    append(append([]byte("["), one...), append(one, ']')...),
		"array, after":       append(append([]byte("["), one...), "] {}"...),
		"array, unclosed":    append([]byte("["), one...),
		"comma between":      append(append(bytes.Clone(one), ','), one...),
		"cut":                one[:len(one)/2],
		"string value":       []byte(`"leader" {}`),
		"bare word":          []byte(`nope`),
		"BOMs":               append([]byte("\xef\xbb\xbf \xef\xbb\xbf"), one...),
		"only white space":   []byte(" \n\t "),
		"nested array":       append(append([]byte("[["), one...), "]]"...),
		"close first":        []byte(`}`),
	} {
		docs[name] = d
	}
	for name, d := range docs {
		if err := agree(d, same); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(d) < 1<<20 {
			if err := agree(d, oneByteReader); err != nil {
				t.Errorf("%s, a byte at a time: %v", name, err)
			}
		}
	}
}

// FuzzReadersAgree: on any input the two readers agree.
func FuzzReadersAgree(f *testing.F) {
	one, _ := Append(nil, sampleRecords(f)[0])
	f.Add(one)
	f.Add(append(append([]byte("["), one...), ']'))
	f.Add([]byte(`{"leader":"00000nam a2200000 a 4500","fields":[{"001":"x\u00e9"},{"245":{"ind1":" ","ind2":"0","subfields":[{"a":"t\n"}]}}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		if err := agree(doc, same); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLongValue: a value longer than the Reader holds is a fatal error,
// not a buffer without bound.
func TestLongValue(t *testing.T) {
	doc := `{"leader":"00000nam a2200000 a 4500","fields":[{"500":"` + strings.Repeat("x", 2*maxValue) + `"}]}`
	rd := NewReader(strings.NewReader(doc), Options{})
	if rd.Scan() {
		t.Fatal("a record")
	}
	if err := rd.Err(); !errors.Is(err, view.ErrSyntax) || !strings.Contains(err.Error(), "16 MB") {
		t.Fatalf("err %v", err)
	}
	// In place (a mapped file) the whole input is at hand: no bound.
	rd = NewBytesReader([]byte(doc), Options{})
	if !rd.Scan() || rd.Err() != nil {
		t.Fatalf("in place: %v", rd.Err())
	}
	ref := newRefReader(strings.NewReader(doc), Options{})
	if !ref.Scan() || !bytes.Equal(rd.Record().Bytes(), ref.Record().Bytes()) {
		t.Fatalf("in place: a record of %d bytes, encoding/json's %d", len(rd.Record().Bytes()), len(ref.Record().Bytes()))
	}
}

// TestErrorOffsetInInput: the offset of a syntax error found after raw
// control characters (escaped for encoding/json in lenient mode, five bytes
// longer each) stays within the input.
func TestErrorOffsetInInput(t *testing.T) {
	doc := `{"leader":"` + strings.Repeat("\x01", 20) + `" x`
	for _, in := range []*Reader{NewReader(strings.NewReader(doc), Options{}), NewBytesReader([]byte(doc), Options{})} {
		for in.Scan() {
		}
		var re *view.RecordError
		if err := in.Err(); !errors.As(err, &re) || re.Offset < 0 || re.Offset > int64(len(doc)) {
			t.Errorf("error %v: want an offset within the %d bytes", err, len(doc))
		}
	}
}
