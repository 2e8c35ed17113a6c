package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
)

func TestFields(t *testing.T) {
	out, _, err := runCLI(t, nil, "fields", sample, "245a", "650av", "008[35-37]", "LDR[6]", "100a:700a")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 6 || lines[5] != "" {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	if want := "0\tMoby Dick, or, The whale /\tWhaling Fiction.|Whales Fiction.\teng\ta\tMelville, Herman,"; lines[0] != want {
		t.Errorf("line 0:\n%q\nwant\n%q", lines[0], want)
	}
	if !strings.HasPrefix(lines[2], "2\tLe petit prince /\tContes philosophiques.\tfre\ta\tSaint-Exupéry, Antoine de,") {
		t.Errorf("line 2 (MARC-8 in the sample? UTF-8 text expected): %q", lines[2])
	}
	out, _, err = runCLI(t, nil, "fields", "-sep", " ; ", sample, "650a", "-limit", "1")
	if err != nil || out != "0\tWhaling ; Whales\n" {
		t.Fatalf("-sep, -limit: %v %q", err, out)
	}
}

func TestFilter(t *testing.T) {
	dir := t.TempDir()
	yes, no := filepath.Join(dir, "yes.json"), filepath.Join(dir, "no.mrc")
	if _, _, err := runCLI(t, nil, "filter", "-where", "650av~fiction", "-where", "008[35-37]=eng", "-to", "mij", "-array", "-o", yes, sample); err != nil {
		t.Fatal(err)
	}
	var arr []map[string]any
	data, _ := os.ReadFile(yes)
	if err := json.Unmarshal(data, &arr); err != nil || len(arr) != 2 {
		t.Fatalf("%d records kept, %v:\n%s", len(arr), err, data)
	}
	if _, _, err := runCLI(t, nil, "filter", "-where", "650av~fiction", "-where", "008[35-37]=eng", "-not", "-o", no, sample); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, nil, "count", no)
	if err != nil || !strings.HasPrefix(out, "records\t3\n") {
		t.Fatalf("-not kept:\n%s %v", out, err)
	}
}

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "part-")
	if _, _, err := runCLI(t, nil, "split", "-n", "2", "-prefix", prefix, sample); err != nil {
		t.Fatal(err)
	}
	var joined []byte
	for i, want := range []int{2, 2, 1} {
		p := prefix + "000" + string(rune('1'+i)) + ".mrc"
		out, _, err := runCLI(t, nil, "count", p)
		if err != nil || !strings.HasPrefix(out, "records\t"+itoa(want)+"\n") {
			t.Fatalf("%s: %v\n%s", p, err, out)
		}
		b, _ := os.ReadFile(p)
		joined = append(joined, b...)
	}
	orig, _ := os.ReadFile(sample)
	if string(joined) != string(orig) {
		t.Fatal("the parts do not add up to the input")
	}
	if _, err := os.Stat(prefix + "0004.mrc"); err == nil {
		t.Fatal("a fourth part")
	}
}

func TestOffsetLimitIndex(t *testing.T) {
	out, _, err := runCLI(t, nil, "count", "-offset", "1", "-limit", "3", sample)
	if err != nil || !strings.HasPrefix(out, "records\t3\n") {
		t.Fatalf("count -offset 1 -limit 3: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "dump", "-index", "3", sample)
	if err != nil || !strings.Contains(out, "=001  mm0000004\n") || strings.Count(out, "=LDR") != 1 {
		t.Fatalf("dump -index 3: %v\n%s", err, out)
	}
	_, errOut, err := runCLI(t, nil, "dump", "-index", "9", sample)
	if !errors.Is(err, exitInvalid) || !strings.Contains(errOut, "no record 9") {
		t.Fatalf("dump -index 9: %v %q", err, errOut)
	}
	out, _, err = runCLI(t, nil, "validate", "-offset", "4", sample)
	if err != nil || out != "1 records: 1 well-formed, 0 repaired, 0 rejected, 0 with bad character data\n" {
		t.Fatalf("validate -offset 4: %v %q", err, out)
	}
}

func TestSetLeader(t *testing.T) {
	out, _, err := runCLI(t, nil, "convert", "-set-leader", "17=7", "-set-leader", "5=c", "-to", "mrk", "-limit", "1", sample)
	if err != nil || !strings.HasPrefix(out, "=LDR  00570cam\\a22001937i\\4500\n") {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestVerbUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"fields", sample}, {"fields", sample, "245|1|a"}, {"filter", sample}, {"filter", "-where", "6XX[1]", sample},
		{"split", sample}, {"split", "-n", "0", sample}, {"convert", "-set-leader", "3=x", sample},
		{"convert", "-set-leader", "12=1", sample}, {"convert", "-set-leader", "22=abc", sample}, {"convert", "-set-leader", "9", sample},
		{"dump", "-index", "1", "-limit", "2", sample}, {"dump", "-index", "-1", sample}, {"count", "-offset", "-1", sample},
	} {
		if _, errOut, err := runCLI(t, nil, args...); !errors.Is(err, exitUsage) {
			t.Errorf("%q: err = %v, want usage error\n%s", args, err, errOut)
		}
	}
}

// TestFieldsParallel: fields prints the same lines and messages with one
// worker and with four, bad records included.
func TestFieldsParallel(t *testing.T) {
	var data []byte
	for _, c := range malformed.Cases(2) {
		data = append(data, c.Data...)
	}
	data = append(data, bytes.Repeat(marctest.Sample(), 100)...)
	p := filepath.Join(t.TempDir(), "in.mrc")
	os.WriteFile(p, data, 0o644)
	seq, seqErr, err1 := runCLI(t, nil, "fields", "-workers", "1", p, "245ab", "6XX", "LDR[6-7]")
	par, parErr, err2 := runCLI(t, nil, "fields", "-workers", "4", p, "245ab", "6XX", "LDR[6-7]")
	if err1 != nil || err2 != nil || seq != par || seqErr != parErr {
		t.Fatalf("differ: %v %v", err1, err2)
	}
	if n := strings.Count(seq, "\n"); n < 500 {
		t.Fatalf("%d lines", n)
	}
}

func TestConvertDublinCore(t *testing.T) {
	out, _, err := runCLI(t, nil, "convert", "-to", "dc", sample)
	if err != nil || strings.Count(out, "<oai_dc:dc>") != 5 || !strings.Contains(out, "<dc:title>Der Zauberberg : Roman /</dc:title>") {
		t.Fatalf("%v\n%s", err, out)
	}
	var doc struct {
		Records []struct {
			Titles []string `xml:"title"`
		} `xml:"dc"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil || len(doc.Records) != 5 {
		t.Fatalf("not a Dublin Core collection: %v", err)
	}
	if _, _, err := runCLI(t, nil, "convert", "-to", "dc", "-to-utf8", sample); !errors.Is(err, exitUsage) {
		t.Fatalf("-to dc -to-utf8: %v", err)
	}
}

func TestConvertMODS(t *testing.T) {
	out, _, err := runCLI(t, nil, "convert", "-to", "mods", sample)
	if err != nil || strings.Count(out, "<mods version=\"3.7\">") != 5 {
		t.Fatalf("%v\n%s", err, out)
	}
	var doc struct {
		Records []struct {
			Titles []string `xml:"titleInfo>title"`
		} `xml:"mods"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil || len(doc.Records) != 5 {
		t.Fatalf("not a MODS collection: %v", err)
	}
	if got := doc.Records[0].Titles; len(got) == 0 || got[0] == "" {
		t.Fatalf("first record's titles: %q", got)
	}
	// The same from every worker count and from MARCXML input.
	par, _, err := runCLI(t, nil, "convert", "-to", "mods", "-workers", "2", sample)
	if err != nil || par != out {
		t.Fatalf("-workers 2 differs: %v", err)
	}
	xml1, _, err := runCLI(t, nil, "convert", "-to", "marcxml", sample)
	if err != nil {
		t.Fatal(err)
	}
	fromXML, _, err := runCLI(t, []byte(xml1), "convert", "-to", "mods", "-from", "marcxml", "-")
	if err != nil || fromXML != out {
		t.Fatalf("from MARCXML differs: %v", err)
	}
	if _, _, err := runCLI(t, nil, "convert", "-to", "mods", "-array", sample); !errors.Is(err, exitUsage) {
		t.Fatalf("-to mods -array: %v", err)
	}
}

// TestVerbsEveryFormat: fields, filter, dump -index, -offset/-limit and
// split give the same records from MARCXML, MARC-in-JSON and MRK input as
// from ISO 2709.
func TestVerbsEveryFormat(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{sample}
	for _, to := range []string{"xml", "mij", "mrk"} {
		p := filepath.Join(dir, "sample."+to)
		if _, _, err := runCLI(t, nil, "convert", "-to", to, "-o", p, sample); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	run := func(args ...string) string {
		out, errOut, err := runCLI(t, nil, args...)
		if err != nil {
			t.Fatalf("%q: %v\n%s", args, err, errOut)
		}
		return out
	}
	var want []string
	for i, in := range inputs {
		split := filepath.Join(dir, fmt.Sprintf("part%d-", i))
		run("split", "-n", "2", "-prefix", split, in)
		got := []string{
			run("fields", in, "245ab", "100a:700a", "008[35-37]", "650av~fiction"),
			run("filter", "-where", "650av~fiction", "-to", "mrk", in),
			run("dump", "-index", "2", in),
			run("count", "-offset", "1", "-limit", "3", in),
			run("count", split+"0003.mrc"),
		}
		if i == 0 {
			want = got
			continue
		}
		for k := range got {
			if got[k] != want[k] && !(k == 3 || k == 4) || (k == 3 || k == 4) && firstLine(got[k]) != firstLine(want[k]) {
				t.Errorf("%s, check %d:\n%s\nISO 2709 gave:\n%s", in, k, got[k], want[k])
			}
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestSplitLeavesNothing: an interrupted split, or one refused half-way
// (a part's name is the input's), leaves no part behind; before, the
// parts written so far stayed and an interrupt was ignored.
func TestSplitLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"split", "-n", "1", "-prefix", filepath.Join(dir, "p"), sample}, nil, &out, &errb); !errors.Is(err, exitInterrupted) {
		t.Fatalf("interrupted split: %v", err)
	}
	in := filepath.Join(dir, "y0002.mrc")
	data, _ := os.ReadFile(sample)
	os.WriteFile(in, data, 0o644)
	if _, _, err := runCLI(t, nil, "split", "-n", "2", "-prefix", filepath.Join(dir, "y"), in); !errors.Is(err, exitUsage) {
		t.Fatalf("split onto its input: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// TestSetLeaderUTF8OnMARC8: -set-leader 9=a on a MARC-8 record whose data
// is not UTF-8 reports the record instead of writing U+FFFD for its
// diacritics (or invalid UTF-8 in MRK).
func TestSetLeaderUTF8OnMARC8(t *testing.T) {
	m8 := filepath.Join(t.TempDir(), "m8.mrc")
	if _, _, err := runCLI(t, nil, "convert", "-to-marc8", "-o", m8, sample); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCLI(t, nil, "convert", "-set-leader", "9=a", "-to", "mrk", m8)
	if err != nil || !strings.Contains(errOut, "not UTF-8") || strings.Contains(out, "Saint-Exup") || !utf8.ValidString(out) {
		t.Fatalf("%v\n%s\n%s", err, errOut, out)
	}
}
