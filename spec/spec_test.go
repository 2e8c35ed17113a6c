package spec

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

func sample(t testing.TB) view.Record {
	t.Helper()
	r, err := view.Parse(marctest.Build("00000cam a2200000 a 4500",
		"001", "ocm123",
		"008", "850101s1985    nyu           000 1 eng d",
		"100", "1 $aMelville, Herman,$d1819-1891.",
		"245", "10$aMoby Dick :$bor, The whale /$bop. 26 /$cHerman Melville.",
		"650", " 0$aWhales$vFiction.",
		"650", " 0$aWhaling$xHistory$vFiction.",
		"651", " 7$aNantucket$2fast",
		"700", "1 $aKent, Rockwell,$eillustrator.",
		"907", "  $a.b1234",
		"999", "  $aLocal: note",
	))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestValues(t *testing.T) {
	r := sample(t)
	cases := []struct {
		spec string
		want []string
	}{
		{"245a", []string{"Moby Dick :"}},
		{"245ab", []string{"Moby Dick : or, The whale / op. 26 /"}}, // a repeated $b keeps both
		{"245b", []string{"or, The whale / op. 26 /"}},
		{"245", []string{"Moby Dick : or, The whale / op. 26 / Herman Melville."}},
		{"100a:700a", []string{"Melville, Herman,", "Kent, Rockwell,"}},
		{"700a:100a", []string{"Melville, Herman,", "Kent, Rockwell,"}}, // record order
		{"600-699a", []string{"Whales", "Whaling", "Nantucket"}},
		{"6XXa", []string{"Whales", "Whaling", "Nantucket"}},
		{"65.v", []string{"Fiction.", "Fiction."}},
		{"9XX", []string{".b1234", "Local: note"}},
		{"650|*0|a", []string{"Whales", "Whaling"}},
		{"6XX|_7|a", []string{"Nantucket"}},
		{"245|0*|a", nil},
		{"008[35-37]", []string{"eng"}},
		{"008[7-10]", []string{"1985"}},
		{"008[40-45]", nil}, // past the end: no value
		{"001", []string{"ocm123"}},
		{"LDR[6]", []string{"a"}},
		{"LDR[6-7]", []string{"am"}},
		{"LDR", []string{"00000cam a2200000 a 4500"[:0] + string(r.Bytes()[:24])}},
		{"650a~history", nil}, // $a only: History is in $x
		{"650~history", []string{"Whaling History Fiction."}},
		{"650ax~HISTORY", []string{"Whaling History"}},
		{"650a=Whales", []string{"Whales"}},
		{"650a=Whale", nil},
		{"650a~/^Wha(les|ling)$/", []string{"Whales", "Whaling"}},
		{"650a~/(?i)^whales$/", []string{"Whales"}},
		{"999a~Local\\: note", []string{"Local: note"}},
		{"999a~/l: n/", []string{"Local: note"}},
		{"907a~/^\\.b/", []string{".b1234"}},                 // an RE2 escape is kept
		{"650a~/Wha(l|\\/)/", []string{"Whales", "Whaling"}}, // \/ is a slash
		{"999a~Local\\: note:001", []string{"ocm123", "Local: note"}},
		{"LDR[6]=a", []string{"a"}},
		{"LDR[6]=c", nil},
		{"245a:245c", []string{"Moby Dick :", "Herman Melville."}}, // one value per alternative
	}
	for _, c := range cases {
		s, err := Compile(c.spec)
		if err != nil {
			t.Errorf("%s: %v", c.spec, err)
			continue
		}
		if d := cmp.Diff(c.want, s.Values(r)); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.spec, d)
		}
		if got := s.Match(r); got != (len(c.want) > 0) {
			t.Errorf("%s: Match %v, values %q", c.spec, got, c.want)
		}
		n := 0
		for range s.Fields(r) {
			n++
		}
		if !strings.HasPrefix(c.spec, "LDR") && n != len(c.want) && !strings.Contains(c.spec, ":") {
			t.Errorf("%s: %d fields, %d values", c.spec, n, len(c.want))
		}
	}
}

// TestRangeNumericOnly: a range names numeric tags only (60A is not in
// 600-699).
func TestRangeNumericOnly(t *testing.T) {
	r, err := view.Parse(marctest.Build("00000cam a2200000 a 4500", "60A", "  $alocal", "650", " 0$aWhaling"))
	if err != nil {
		t.Fatal(err)
	}
	if got := MustCompile("600-699a").Values(r); len(got) != 1 || got[0] != "Whaling" {
		t.Fatalf("%q", got)
	}
	if got := MustCompile("6XXa").Values(r); len(got) != 2 {
		t.Fatalf("a wildcard still names 60A: %q", got)
	}
}

func TestAppendValues(t *testing.T) {
	r := sample(t)
	got := string(MustCompile("650av").AppendValues(nil, r, "|", "; "))
	if got != "Whales|Fiction.; Whaling|Fiction." {
		t.Fatalf("%q", got)
	}
	if got := string(MustCompile("020a").AppendValues([]byte("x"), r, " ", ";")); got != "x" {
		t.Fatalf("no match appended %q", got)
	}
}

func TestCompileErrors(t *testing.T) {
	cases := []struct {
		spec string
		pos  int
	}{
		{"", 0},
		{"24", 0},
		{"2-5a", 1},
		{"245|1|a", 5},
		{"245|1", 5},
		{"245|12a", 6},
		{"008a", 3},
		{"245[1]", 3},
		{"008[", 4},
		{"008[3-", 6},
		{"008[5-3]", 7},
		{"008[3", 5},
		{"LDR[30]", 4},
		{"100a:", 5},
		{"100a::700a", 5},
		{"699-600", 4},
		{"6X9-700", 1},
		{"600-6x9", 5},
		{"245a~é:9", 8},
		{"650a~", 5},
		{"650a~/[/", 6},
		{"650a~/abc", 5},
		{"001|12|", 3},
		{"245 a", 3},
		{"245$a", 3},
		{"summerland.mrc", 10},
	}
	for _, c := range cases {
		_, err := Compile(c.spec)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %v, want *Error", c.spec, err)
			continue
		}
		if e.Pos != c.pos {
			t.Errorf("%q: error at %d, want %d: %v", c.spec, e.Pos, c.pos, err)
		}
		if !strings.Contains(err.Error(), "\n\t"+strings.Repeat(" ", utf8.RuneCountInString(c.spec[:e.Pos]))+"^") {
			t.Errorf("%q: no caret in %q", c.spec, err)
		}
	}
}

// TestRepairedLeader: an LDR spec sees the leader as Record.Leader reads
// it (leader/10-11 "22" although stored "11").
func TestRepairedLeader(t *testing.T) {
	r, err := view.Parse(marctest.Build("00000cam a1100000 a 4500", "001", "x"))
	if err != nil {
		t.Fatal(err)
	}
	if got := MustCompile("LDR[10-11]").Values(r); len(got) != 1 || got[0] != "22" {
		t.Fatalf("%q", got)
	}
}

func TestZeroAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumentation allocates")
	}
	r := sample(t)
	specs := []*Spec{
		MustCompile("245abc"), MustCompile("600-699a:700a"), MustCompile("650a~history"),
		MustCompile("650a~/^Whal/"), MustCompile("008[35-37]"), MustCompile("LDR[6]"), MustCompile("020a"),
	}
	buf := make([]byte, 0, 1024)
	allocs := testing.AllocsPerRun(100, func() {
		for _, s := range specs {
			for range s.Each(r) {
			}
			s.Match(r)
			buf = s.AppendValues(buf[:0], r, " ", ";")
			buf = s.AppendEach(buf, r, " ", func([]byte) {})
			for range s.Fields(r) {
			}
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per run, want 0", allocs)
	}
}

func TestSplitCodes(t *testing.T) {
	for _, c := range []struct {
		spec string
		want []string
	}{
		{"650av", []string{"650a", "650v"}},
		{"245a", []string{"245a"}},
		{"500", []string{"500"}},
		{"LDR[6]", []string{"LDR[6]"}},
		{"008[35-37]", []string{"008[35-37]"}},
		{"100a:700ab", []string{"100a:700a", "700b"}},
		{"245|1*|ab~war", []string{"245|1*|a~war", "245|1*|b~war"}},
		{"6XXax", []string{"6XXa", "6XXx"}},
		{"100a:245", []string{"100a:245"}},
		{"600-699aa", []string{"600-699aa"}},
	} {
		var got []string
		for _, s := range MustCompile(c.spec).SplitCodes() {
			got = append(got, s.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.spec, got, c.want)
		}
	}
}

func TestSingle(t *testing.T) {
	for _, c := range []struct {
		spec string
		tag  string
		code byte
		ok   bool
	}{
		{"245a", "245", 'a', true},
		{"500", "500", 0, true},
		{"LDR[6]", "LDR", 0, true},
		{"008[35-37]", "008", 0, true},
		{"245|1*|a~war", "245", 'a', true},
		{"245ab", "", 0, false},
		{"6XXa", "", 0, false},
		{"600-699a", "", 0, false},
		{"100a:700a", "", 0, false},
	} {
		tag, code, ok := MustCompile(c.spec).Single()
		if tag != c.tag || code != c.code || ok != c.ok {
			t.Errorf("%s: %q %q %v", c.spec, tag, code, ok)
		}
	}
}

func TestAppendEachIsValues(t *testing.T) {
	for _, src := range []string{"245abc", "650av", "100a:700a", "LDR[6]", "008[35-37]", "6XX", "500"} {
		sp := MustCompile(src)
		recs := []view.Record{sample(t)}
		for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
			if err == nil {
				recs = append(recs, r)
			}
		}
		for _, r := range recs {
			var got []string
			sp.AppendEach(nil, r, " ", func(v []byte) { got = append(got, string(v)) })
			if want := sp.Values(r); !slices.Equal(got, want) {
				t.Errorf("%s: AppendEach %q, Values %q", src, got, want)
			}
		}
	}
}
