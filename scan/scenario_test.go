package scan

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

var update = flag.Bool("update", false, "rewrite the scenario files in testdata/")

// got is what a scan reports for one item.
type got struct {
	Off     int64
	Index   int
	Repairs string
	Err     string // sentinel text, "" for a record
}

func item2got(s *Scanner) got {
	g := got{Off: s.Offset(), Index: s.Index()}
	if err := s.Err(); err != nil {
		g.Err = sentinelOf(err)
		var re *view.RecordError
		if !errors.As(err, &re) || re.Index != s.Index() || re.Offset != s.Offset() {
			g.Err += " (RecordError position wrong)"
		}
		if re.Fatal() { // a bad record the scan goes on after is not fatal
			g.Err += " (RecordError marked fatal)"
		}
	} else {
		g.Repairs = s.Record().Repairs().String()
	}
	return g
}

var sentinels = []error{view.ErrLeader, view.ErrLength, view.ErrDirectory, view.ErrField,
	view.ErrTerminator, view.ErrTruncated, view.ErrTooLong}

func sentinelOf(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "unexpected: " + err.Error()
}

func recA() []byte { return marctest.Book("rec-1", "First title", "Author, One") }
func recB() []byte { return marctest.Book("rec-2", "Second title", "Author, Two") }
func recC() []byte { return marctest.Book("rec-3", "Third title", "Author, Three") }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func withLeader(rec []byte, at int, s string) []byte {
	c := bytes.Clone(rec)
	copy(c[at:], s)
	return c
}

// bigRecord is a record of more than 99,999 bytes whose leader length is
// lengthText and whose directory starts past 99999 are written as capText,
// as HathiTrust (99999) and ruby-marc (00000) do.
func bigRecord(lengthText, capText string) []byte {
	var dir, data strings.Builder
	for i := 0; i < 1100; i++ {
		value := fmt.Sprintf(" 0\x1fa%05d %s\x1e", i, strings.Repeat("long note text ", 6))
		start := fmt.Sprintf("%05d", data.Len())
		if data.Len() > 99999 {
			start = capText
		}
		fmt.Fprintf(&dir, "500%04d%s", len(value), start)
		data.WriteString(value)
	}
	dir.WriteString("\x1e")
	base := 24 + dir.Len()
	leader := lengthText + "nam a22" + fmt.Sprintf("%05d", base) + " a 4500"
	return []byte(leader + dir.String() + data.String() + "\x1d")
}

// lengthsExcludeTerminator writes every directory length one short.
func lengthsExcludeTerminator(rec []byte) []byte {
	c := bytes.Clone(rec)
	base := (*view.Leader)(c[:24]).BaseAddress()
	for p := 24; p+12 < base; p += 12 {
		var n int
		fmt.Sscanf(string(c[p+3:p+7]), "%d", &n)
		copy(c[p+3:], fmt.Sprintf("%04d", n-1))
	}
	return c
}

type scenario struct {
	name       string
	data       []byte
	lenient    []got // Index is filled from the position in the list
	strictRecs int   // good records before strict mode stops
	strictErr  string
}

func scenarios() []scenario {
	a, b, c := recA(), recB(), recC()
	la, lb := int64(len(a)), int64(len(b))
	ok := func(off int64) got { return got{Off: off, Repairs: "none"} }
	rep := func(off int64, r view.Repair) got { return got{Off: off, Repairs: r.String()} }
	bad := func(off int64, e error) got { return got{Off: off, Err: e.Error()} }
	three := []got{ok(0), ok(la), ok(la + lb)}
	big99999 := bigRecord("99999", "99999")
	big00000 := bigRecord("00000", "00000")
	// badDir: one field terminator too many, and 245's start wrong: no repair applies.
	badDir := withLeader(b, 24+12*4+7, "00001")
	badDir = withLeader(badDir, len(badDir)-10, "\x1e")
	return []scenario{
		{"three-good-records", cat(a, b, c), three, 3, ""},
		{"empty-file", nil, nil, 0, ""},
		{"only-padding", []byte("\n\r\n\x00\x1a  "), nil, 0, ""},
		{"newline-between-records", cat(a, []byte("\n"), b, []byte("\n"), c, []byte("\n")),
			[]got{ok(0), ok(la + 1), ok(la + 1 + lb + 1)}, 3, ""},
		{"crlf-between-records", cat(a, []byte("\r\n"), b, []byte("\r\n"), c, []byte("\r\n")),
			[]got{ok(0), ok(la + 2), ok(la + 2 + lb + 2)}, 3, ""},
		{"padding-at-end", cat(a, b, c, []byte("\x00\x00\x1a\x1a   \r\n")), three, 3, ""},
		{"spaces-between-records", cat(a, []byte("   "), b, []byte(" "), c),
			[]got{ok(0), ok(la + 3), ok(la + 3 + lb + 1)}, 3, ""},
		{"nul-padding-at-start", cat([]byte("\x00\x00"), a, b),
			[]got{ok(2), ok(2 + la)}, 2, ""},
		{"leader-length-mismatch", cat(a, withLeader(b, 0, fmt.Sprintf("%05d", lb+1)), c),
			[]got{ok(0), rep(la, view.RepairLength), ok(la + lb)}, 1, view.ErrLength.Error()},
		{"leader-length-not-numeric", cat(a, withLeader(b, 0, " 7a4 "), c),
			[]got{ok(0), rep(la, view.RepairLength), ok(la + lb)}, 1, view.ErrLeader.Error()},
		{"record-over-99999-leader-99999", cat(a, big99999, c),
			[]got{ok(0), rep(la, view.RepairLength|view.RepairFields), ok(la + int64(len(big99999)))}, 1, view.ErrLength.Error()},
		{"record-over-99999-leader-00000", cat(a, big00000, c),
			[]got{ok(0), rep(la, view.RepairLength|view.RepairFields), ok(la + int64(len(big00000)))}, 1, view.ErrLength.Error()},
		{"missing-final-terminator", cat(a, b, c[:len(c)-1]),
			[]got{ok(0), ok(la), rep(la+lb, view.RepairTerminator)}, 2, view.ErrTerminator.Error()},
		{"missing-final-terminator-then-newline", cat(a, b, c[:len(c)-1], []byte("\n")),
			[]got{ok(0), ok(la), rep(la+lb, view.RepairTerminator)}, 2, view.ErrTerminator.Error()},
		{"truncated-last-record", cat(a, b, c[:len(c)-40]),
			[]got{ok(0), ok(la), bad(la+lb, view.ErrTruncated)}, 2, view.ErrTruncated.Error()},
		{"field-lengths-exclude-terminator", cat(a, lengthsExcludeTerminator(b), c),
			[]got{ok(0), rep(la, view.RepairFields), ok(la + lb)}, 1, view.ErrField.Error()},
		{"stray-record-terminator", cat(a, []byte{0x1d}, b, c),
			[]got{ok(0), bad(la, view.ErrLeader), ok(la + 1), ok(la + 1 + lb)}, 1, view.ErrLeader.Error()},
		{"lost-record-terminator", cat(a[:la-1], b, c),
			[]got{rep(0, view.RepairTerminator), ok(la - 1), ok(la - 1 + lb)}, 0, view.ErrLength.Error()},
		{"garbage-between-records", cat(a, []byte("GARBAGE!"), b, c),
			[]got{ok(0), bad(la, view.ErrLeader), ok(la + 8), ok(la + 8 + lb)}, 1, view.ErrLeader.Error()},
		{"bad-directory-among-good", cat(a, badDir, c),
			[]got{ok(0), bad(la, view.ErrField), ok(la + lb)}, 1, view.ErrField.Error()},
	}
}

func scenarioPath(name string) string { return filepath.Join("..", "testdata", name+".mrc") }

// TestScenarioFiles checks that testdata/ holds the scenario files as the
// code above makes them (go test ./scan -run ScenarioFiles -update rewrites
// them).
func TestScenarioFiles(t *testing.T) {
	for _, sc := range scenarios() {
		p := scenarioPath(sc.name)
		if *update {
			if err := os.WriteFile(p, sc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./scan -run ScenarioFiles -update)", err)
		}
		if !bytes.Equal(b, sc.data) {
			t.Errorf("%s differs from its generator; run with -update", p)
		}
	}
}

// readers gives the ways each scenario file is read.
var readers = []struct {
	name string
	open func([]byte, Options) *Scanner
}{
	{"slice", func(b []byte, o Options) *Scanner { return New(b, o) }},
	{"reader", func(b []byte, o Options) *Scanner { return NewReader(bytes.NewReader(b), o) }},
	{"one-byte-reader", func(b []byte, o Options) *Scanner {
		return NewReader(iotest.OneByteReader(bytes.NewReader(b)), o)
	}},
	{"half-reader", func(b []byte, o Options) *Scanner {
		return NewReader(iotest.HalfReader(bytes.NewReader(b)), o)
	}},
}

func TestScenarios(t *testing.T) {
	for _, sc := range scenarios() {
		data, err := os.ReadFile(scenarioPath(sc.name))
		if err != nil {
			t.Fatal(err)
		}
		var want []got
		for i, g := range sc.lenient {
			g.Index = i
			want = append(want, g)
		}
		for _, rd := range readers {
			t.Run(sc.name+"/lenient/"+rd.name, func(t *testing.T) {
				s := rd.open(data, Options{})
				var all []got
				for s.Scan() {
					all = append(all, item2got(s))
					if s.Err() == nil {
						if !bytes.Equal(s.Record().Bytes(), s.Raw()) {
							t.Fatalf("record %d: Record().Bytes() != Raw()", s.Index())
						}
						if !bytes.Equal(s.Raw(), data[s.Offset():s.Offset()+int64(len(s.Raw()))]) {
							t.Fatalf("record %d: Raw() is not the input at Offset()", s.Index())
						}
					}
				}
				if err := s.Err(); err != nil {
					t.Fatalf("fatal error: %v", err)
				}
				if d := cmp.Diff(want, all); d != "" {
					t.Fatalf("items (-want +got):\n%s", d)
				}
				for range 3 { // idempotent after the end
					if s.Scan() || s.Err() != nil {
						t.Fatal("Scan after the end returned true or changed Err")
					}
				}
			})
			t.Run(sc.name+"/strict/"+rd.name, func(t *testing.T) {
				s := rd.open(data, Options{Strict: true})
				n := 0
				for s.Scan() {
					if s.Err() != nil || s.Record().Repairs() != 0 {
						t.Fatalf("strict mode returned a bad or repaired record %d", s.Index())
					}
					n++
				}
				errText := ""
				if err := s.Err(); err != nil {
					errText = sentinelOf(err)
				}
				if n != sc.strictRecs || errText != sc.strictErr {
					t.Fatalf("strict: %d records, err %q; want %d, %q", n, errText, sc.strictRecs, sc.strictErr)
				}
				// the bad record that stopped the scan: marked Stop, at
				// the index after the good records
				if err := s.Err(); err != nil {
					var re *view.RecordError
					if !errors.As(err, &re) || !re.Fatal() || re.Index != n || re.Offset < 0 {
						t.Fatalf("strict: stop error %v: want a fatal *view.RecordError of record %d", err, n)
					}
				}
				err := s.Err()
				if s.Scan() || s.Err() != err {
					t.Fatal("Scan after a fatal error returned true or changed Err")
				}
			})
		}
		t.Run(sc.name+"/splitfunc", func(t *testing.T) {
			var raws [][]byte
			s := New(data, Options{})
			for s.Scan() {
				raws = append(raws, s.Raw())
			}
			bs := bufio.NewScanner(iotest.HalfReader(bytes.NewReader(data)))
			bs.Buffer(make([]byte, 0, 4096), 1<<20)
			bs.Split(SplitFunc)
			var toks [][]byte
			for bs.Scan() {
				toks = append(toks, bytes.Clone(bs.Bytes()))
			}
			if err := bs.Err(); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(raws, toks); d != "" {
				t.Fatalf("SplitFunc tokens differ from Scanner items (-scanner +split):\n%s", d)
			}
		})
	}
}

func TestTooLong(t *testing.T) {
	a, b := recA(), recB()
	junk := bytes.Repeat([]byte("x"), 500)
	data := cat(a, junk, []byte{0x1d}, b, junk) // junk item, then b, then an unterminated overlong tail
	max := len(a) + 10
	if len(b) > max {
		t.Fatal("test records too long")
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			s := rd.open(data, Options{MaxRecordLen: max})
			var all []got
			for s.Scan() {
				all = append(all, item2got(s))
			}
			if s.Err() != nil {
				t.Fatal(s.Err())
			}
			la, lb := int64(len(a)), int64(len(b))
			want := []got{
				{Off: 0, Index: 0, Repairs: "none"},
				{Off: la, Index: 1, Err: view.ErrTooLong.Error()},
				{Off: la + 501, Index: 2, Repairs: "none"},
				{Off: la + 501 + lb, Index: 3, Err: view.ErrTooLong.Error()},
			}
			if d := cmp.Diff(want, all); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestReadErrorIsFatal(t *testing.T) {
	boom := errors.New("disk on fire")
	s := NewReader(io.MultiReader(bytes.NewReader(recA()), errReader{boom}), Options{})
	n := 0
	for s.Scan() {
		n++
	}
	if n != 1 || !errors.Is(s.Err(), boom) {
		t.Fatalf("%d records, err %v", n, s.Err())
	}
	var last error
	for _, err := range NewReader(errReader{boom}, Options{}).Records() {
		last = err
	}
	if !errors.Is(last, boom) {
		t.Fatalf("Records did not yield the fatal error last: %v", last)
	}
}

func TestRecordsIterator(t *testing.T) {
	data, err := os.ReadFile(scenarioPath("stray-record-terminator"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var errs int
	for r, err := range New(data, Options{}).Records() {
		if err != nil {
			errs++
			continue
		}
		f, _ := r.Field("001")
		ids = append(ids, string(f.Data()))
	}
	if d := cmp.Diff([]string{"rec-1", "rec-2", "rec-3"}, ids); d != "" || errs != 1 {
		t.Fatalf("ids (-want +got):\n%s\nerrors: %d", d, errs)
	}
	n := 0
	for range New(data, Options{}).Records() {
		n++
		break
	}
	if n != 1 {
		t.Fatal("break not honoured")
	}
}
