package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
)

func runCLI(t *testing.T, stdin []byte, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, bytes.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

const sample = "../../testdata/sample.mrc"

func TestHelpListsEverything(t *testing.T) {
	out, _, err := runCLI(t, nil, "-h")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"count", "dump", "validate", "convert", "fields", "filter", "split", "table", "-kind", "-rule", "-offset", "-limit", "-index", "-set-leader", "-strict", "-h", "standard input", "mods", "oai_dc"} {
		if !strings.Contains(out, want) {
			t.Errorf("help does not mention %q", want)
		}
	}
	_, errOut, err := runCLI(t, nil, "count", "-h")
	if err != nil || !strings.Contains(errOut, "-strict") {
		t.Fatalf("count -h: %v %q", err, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate", "x"}, {"count"}, {"count", "-nope", "x"},
		{"count", "-workers", "-3", "x"}, {"convert", "-array", "x"}, {"convert", "-schema-valid", "-to", "mij", "x"},
		{"dump", "-raw", "-strict", "x"}, {"convert", "-to", "pdf", "x"}} {
		if _, _, err := runCLI(t, nil, args...); !errors.Is(err, exitUsage) {
			t.Errorf("%q: err = %v, want usage error", args, err)
		}
	}
	if _, _, err := runCLI(t, nil, "count", "does-not-exist.mrc"); err == nil || errors.Is(err, exitUsage) {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestCount(t *testing.T) {
	out, _, err := runCLI(t, nil, "count", sample)
	if err != nil {
		t.Fatal(err)
	}
	want := "records\t5\nrepaired\t0\nbad\t0\nfields\t62\nbytes\t" + itoa(len(marctest.Sample())) + "\ntype a\t5\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	// the same from standard input
	in, _ := os.ReadFile(sample)
	out2, _, err := runCLI(t, in, "count", "-")
	if err != nil || out2 != out {
		t.Fatalf("stdin: %v\n%s", err, out2)
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestDump(t *testing.T) {
	rec := marctest.Build("00000nam a2200000 a 4500",
		"001", "id 1",
		"245", "10$aPrice: {dollar}5 /$cMe.",
		"500", "  junk before$anote",
	)
	p := filepath.Join(t.TempDir(), "one.mrc")
	if err := os.WriteFile(p, rec, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, nil, "dump", p)
	if err != nil {
		t.Fatal(err)
	}
	want := "=LDR  " + string(rec[:5]) + "nam\\a2200061\\a\\4500\n" +
		"=001  id\\1\n" +
		"=245  10$aPrice: {dollar}5 /$cMe.\n" +
		"=500  \\\\junk before$anote\n\n"
	if out != want {
		t.Fatalf("got\n%q\nwant\n%q", out, want)
	}
	out, _, err = runCLI(t, nil, "dump", sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"=245  10$aMoby Dick, or, The whale /$cby Herman Melville.\n", "=100  1\\$aSaint-Exupéry, Antoine de,", "=500  \\\\$aPrice: 18s. ({dollar}3 in"} {
		if !strings.Contains(out, want) {
			t.Errorf("dump lacks %q", want)
		}
	}
	if n := strings.Count(out, "=LDR  "); n != 5 {
		t.Errorf("%d records dumped", n)
	}
}

func TestValidate(t *testing.T) {
	out, _, err := runCLI(t, nil, "validate", sample)
	if err != nil || out != "5 records: 5 well-formed, 0 repaired, 0 rejected, 0 with bad character data\n" {
		t.Fatalf("sample: %v %q", err, out)
	}
	data, err := os.ReadFile("../../testdata/stray-record-terminator.mrc")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, data, "validate", "-")
	if !errors.Is(err, exitInvalid) {
		t.Fatalf("err = %v", err)
	}
	off := len(marctest.Book("rec-1", "First title", "Author, One"))
	wantLine := "record 1\toffset " + itoa(off) + "\trejected: bad leader"
	if !strings.Contains(out, wantLine) || !strings.HasSuffix(out, "4 records: 3 well-formed, 0 repaired, 1 rejected, 0 with bad character data\n") {
		t.Fatalf("output:\n%s", out)
	}
	out, _, err = runCLI(t, nil, "validate", "../../testdata/leader-length-mismatch.mrc")
	if !errors.Is(err, exitInvalid) || !strings.Contains(out, "record 1\toffset") || !strings.Contains(out, "repaired: leader length") {
		t.Fatalf("repaired: %v\n%s", err, out)
	}
}

func TestStrictStops(t *testing.T) {
	out, errOut, err := runCLI(t, nil, "count", "-strict", "../../testdata/stray-record-terminator.mrc")
	if !errors.Is(err, exitInvalid) || out != "" || !strings.Contains(errOut, "record 1 at offset") {
		t.Fatalf("err %v out %q stderr %q", err, out, errOut)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"count", sample}, nil, &out, &errb); !errors.Is(err, exitInterrupted) || errb.String() != "marcmap: interrupted\n" {
		t.Fatalf("err = %v, %q", err, errb.String())
	}
	// An interrupted convert leaves no output file.
	dir := t.TempDir()
	outPath := filepath.Join(dir, "out.xml")
	if err := run(ctx, []string{"convert", "-to", "marcxml", sample, outPath}, nil, &out, &errb); !errors.Is(err, exitInterrupted) {
		t.Fatalf("convert: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("an interrupted convert left %v", entries[0].Name())
	}
}

// The acceptance checks on real files.
func TestCorpusAcceptance(t *testing.T) {
	dir := marctest.CorpusDir(t)
	out, _, err := runCLI(t, nil, "count", filepath.Join(dir, "solrmarc/uva_001_2000.mrc"))
	if err != nil || !strings.HasPrefix(out, "records\t2000\n") {
		t.Fatalf("count uva_001_2000: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "validate", filepath.Join(dir, "marc-perl/marc-record/badldr.usmarc"))
	if !errors.Is(err, exitInvalid) {
		t.Fatalf("validate badldr: err = %v", err)
	}
	if !strings.Contains(out, "record 2\toffset 472\trejected") || !strings.HasSuffix(out, "8 records: 6 well-formed, 0 repaired, 2 rejected, 0 with bad character data\n") {
		t.Fatalf("validate badldr:\n%s", out)
	}
}

func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	m8 := filepath.Join(dir, "sample.m8.mrc")
	u8 := filepath.Join(dir, "sample.u8.mrc")
	if _, _, err := runCLI(t, nil, "convert", "-to-marc8", sample, m8); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, nil, "convert", "-to-utf8", m8, u8); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(sample)
	back, _ := os.ReadFile(u8)
	conv, _ := os.ReadFile(m8)
	if bytes.Equal(conv, orig) {
		t.Fatal("-to-marc8 changed nothing")
	}
	if !bytes.Equal(back, orig) {
		t.Fatalf("UTF-8 -> MARC-8 -> UTF-8 changed the sample")
	}
	// dump shows MARC-8 records in UTF-8, -raw shows the MARC-8 bytes as
	// MARCBreaker mnemonics
	out, _, err := runCLI(t, nil, "dump", m8)
	if err != nil || !strings.Contains(out, "Saint-Exupéry") {
		t.Fatalf("dump of MARC-8: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "dump", "-raw", m8)
	if err != nil || strings.Contains(out, "Saint-Exupéry") || !strings.Contains(out, "Saint-Exup{acute}ery") {
		t.Fatalf("dump -raw of MARC-8: %v", err)
	}
	// stdout as output
	stdout, _, err := runCLI(t, orig, "convert", "-to-marc8", "-", "-")
	if err != nil || stdout != string(conv) {
		t.Fatalf("convert - -: %v", err)
	}
	for _, args := range [][]string{
		{"convert", "-to-marc8", "-to", "mij", sample},
		{"convert", "-to-marc8", "-to-utf8", sample},
		{"convert", "-to", "pdf", sample},
		{"convert", "-from", "csv", sample},
		{"convert", "-array", sample, u8},
	} {
		if _, _, err := runCLI(t, nil, args...); !errors.Is(err, exitUsage) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}

// TestFormatChain converts the sample through every format, guessing the
// input format from the file names and from the content (stdin).
func TestFormatChain(t *testing.T) {
	dir := t.TempDir()
	orig, _ := os.ReadFile(sample)
	steps := []struct{ args []string }{
		{[]string{"convert", "-to", "marcxml", sample, filepath.Join(dir, "a.xml")}},
		{[]string{"convert", "-to", "mij", filepath.Join(dir, "a.xml"), filepath.Join(dir, "b.json")}},
		{[]string{"convert", "-to", "mrk", filepath.Join(dir, "b.json"), filepath.Join(dir, "c.mrk")}},
		{[]string{"convert", "-to", "iso2709", filepath.Join(dir, "c.mrk"), filepath.Join(dir, "d.mrc")}},
	}
	for _, st := range steps {
		if _, errOut, err := runCLI(t, nil, st.args...); err != nil {
			t.Fatalf("%q: %v\n%s", st.args, err, errOut)
		}
	}
	back, _ := os.ReadFile(filepath.Join(dir, "d.mrc"))
	if !bytes.Equal(back, orig) {
		t.Fatal("ISO 2709 -> MARCXML -> MIJ -> MRK -> ISO 2709 changed the sample")
	}
	// content sniffing on stdin, and count on every format
	for _, name := range []string{"a.xml", "b.json", "c.mrk", "d.mrc"} {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		out, _, err := runCLI(t, data, "count", "-")
		if err != nil || !strings.HasPrefix(out, "records\t5\n") {
			t.Errorf("count %s from stdin: %v\n%s", name, err, out)
		}
	}
	out, _, err := runCLI(t, nil, "convert", "-to", "mij", "-array", sample)
	if err != nil || !strings.HasPrefix(out, "[{") || !strings.HasSuffix(out, "}]\n") || strings.Count(out, "},\n{") != 4 {
		t.Fatalf("-array: %v %q", err, out[:min(20, len(out))])
	}
}

// TestCorpusMARCXMLAcceptance: uva_001_2000.mrc (MARC-8) converts to
// MARCXML and back into 2000 records identical to a direct UTF-8
// conversion; with -schema-valid the MARCXML validates against the schema
// (when xmllint is installed), at the price of the four 949 fields whose
// second indicator is a capital L.
func TestCorpusMARCXMLAcceptance(t *testing.T) {
	dir := marctest.CorpusDir(t)
	in := filepath.Join(dir, "solrmarc/uva_001_2000.mrc")
	tmp := t.TempDir()
	xmlPath := filepath.Join(tmp, "uva.xml")
	validPath := filepath.Join(tmp, "uva-valid.xml")
	for _, args := range [][]string{
		{"convert", "-to", "marcxml", in, xmlPath},
		{"convert", "-to", "marcxml", "-schema-valid", in, validPath},
		{"convert", xmlPath, filepath.Join(tmp, "back.mrc")},
		{"convert", validPath, filepath.Join(tmp, "back-valid.mrc")},
		{"convert", "-to-utf8", in, filepath.Join(tmp, "direct.mrc")},
	} {
		if _, errOut, err := runCLI(t, nil, args...); err != nil {
			t.Fatalf("%q: %v\n%s", args, err, errOut)
		}
	}
	back, _ := os.ReadFile(filepath.Join(tmp, "back.mrc"))
	direct, _ := os.ReadFile(filepath.Join(tmp, "direct.mrc"))
	if !bytes.Equal(back, direct) {
		t.Fatal("MARCXML round trip differs from the direct UTF-8 conversion")
	}
	out, _, err := runCLI(t, nil, "count", filepath.Join(tmp, "back.mrc"))
	if err != nil || !strings.HasPrefix(out, "records\t2000\n") {
		t.Fatalf("count: %v\n%s", err, out)
	}
	backValid, _ := os.ReadFile(filepath.Join(tmp, "back-valid.mrc"))
	if len(backValid) != len(direct) {
		t.Fatal("-schema-valid changed the records' lengths")
	}
	changed := 0
	for i := range direct {
		if direct[i] != backValid[i] {
			if direct[i] != 'L' || backValid[i] != 'l' {
				t.Fatalf("-schema-valid changed byte %d from %q to %q", i, direct[i], backValid[i])
			}
			changed++
		}
	}
	if changed != 4 {
		t.Fatalf("-schema-valid changed %d indicators, want the 4 capital L", changed)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed; schema validation of uva_001_2000 skipped")
	}
	xsd := filepath.Join(filepath.Dir(dir), "reference", "MARC21slim.xsd")
	if b, err := exec.Command(xmllint, "--noout", "--schema", xsd, validPath).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, b)
	}
}

// TestRejectsAccountForEverything: N good records with K broken ones
// interleaved; validate -rejects and convert -rejects write exactly the
// broken bytes, and good + rejected bytes are the whole input.
func TestRejectsAccountForEverything(t *testing.T) {
	var input, good []byte
	broken := [][]byte{{0x1d}, []byte("garbage between records\x1d"), []byte("00012short\x1d")}
	nGood, nBad := 0, 0
	for i := range 60 {
		rec := marctest.Book(fmt.Sprintf("id%03d", i), "Title "+strconv.Itoa(i), "Author")
		input = append(input, rec...)
		good = append(good, rec...)
		nGood++
		if i%6 == 5 {
			input = append(input, broken[i%len(broken)]...)
			nBad++
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.mrc")
	os.WriteFile(in, input, 0o644)
	for _, args := range [][]string{
		{"validate", "-rejects", filepath.Join(dir, "rej-v.mrc"), in},
		{"convert", "-rejects", filepath.Join(dir, "rej-c.mrc"), in, filepath.Join(dir, "out.mrc")},
	} {
		out, _, err := runCLI(t, nil, args...)
		if args[0] == "validate" {
			if !errors.Is(err, exitInvalid) || !strings.HasSuffix(out, fmt.Sprintf("%d records: %d well-formed, 0 repaired, %d rejected, 0 with bad character data\n", nGood+nBad, nGood, nBad)) {
				t.Fatalf("validate: %v\n%s", err, out)
			}
		} else if err != nil {
			t.Fatal(err)
		}
	}
	rejV, _ := os.ReadFile(filepath.Join(dir, "rej-v.mrc"))
	rejC, _ := os.ReadFile(filepath.Join(dir, "rej-c.mrc"))
	conv, _ := os.ReadFile(filepath.Join(dir, "out.mrc"))
	if !bytes.Equal(conv, good) {
		t.Fatal("convert did not write exactly the good records")
	}
	if !bytes.Equal(rejV, rejC) || len(rejV)+len(good) != len(input) {
		t.Fatalf("good %d + rejected %d bytes != input %d", len(good), len(rejV), len(input))
	}
	if _, _, err := runCLI(t, nil, "validate", "-rejects", filepath.Join(dir, "x"), "-from", "mrk", in); err == nil {
		t.Fatal("-rejects on non-ISO input accepted")
	}
}

// TestMalformedCorpusCLI runs the commands over the malformed corpus: no
// panic, and a bad record is a reported error (exit status 1 at most),
// never anything else.
func TestMalformedCorpusCLI(t *testing.T) {
	cases := malformed.Cases(10)
	for _, c := range cases {
		for _, args := range [][]string{
			{"count", "-"}, {"validate", "-"}, {"dump", "-"},
			{"convert", "-to", "marcxml", "-"}, {"convert", "-to", "mij", "-"}, {"convert", "-to", "mrk", "-"},
			{"convert", "-to-utf8", "-"}, {"convert", "-to-marc8", "-"}, {"count", "-strict", "-"},
		} {
			_, _, err := runCLI(t, c.Data, args...)
			if err != nil && !errors.Is(err, exitInvalid) {
				t.Errorf("%s: %q: %v", c.Name, args, err)
			}
		}
	}
	t.Logf("%d malformed cases through 9 command lines each", len(cases))
}

// TestParallelMatchesSequential: count and convert give the same output
// with one worker and with several.
func TestParallelMatchesSequential(t *testing.T) {
	var data []byte
	for _, c := range malformed.Cases(2) {
		data = append(data, c.Data...)
	}
	data = append(data, bytes.Repeat(marctest.Sample(), 100)...)
	p := filepath.Join(t.TempDir(), "in.mrc")
	os.WriteFile(p, data, 0o644)
	for _, args := range [][]string{
		{"count"}, {"validate"}, {"validate", "-strict"}, {"dump"}, {"dump", "-raw"}, {"convert"}, {"convert", "-to", "marcxml"}, {"convert", "-to", "mij"},
		{"convert", "-to", "mrk"}, {"convert", "-to-utf8"}, {"convert", "-to-marc8"},
		{"filter", "-where", "650a~whal", "-to", "mij", "-array"}, {"convert", "-set-leader", "17=7"}, {"convert", "-to", "dc"},
	} {
		seq, seqErr, err1 := runCLI(t, nil, append(append(append([]string{}, args...), "-workers", "1"), p)...)
		par, parErr, err2 := runCLI(t, nil, append(append(append([]string{}, args...), "-workers", "4"), p)...)
		if (err1 == nil) != (err2 == nil) || seq != par {
			t.Errorf("%q: sequential and parallel differ (%v, %v)", args, err1, err2)
		}
		// The messages too, in the same order, with record numbers.
		if seqErr != parErr {
			t.Errorf("%q: messages differ:\n-workers 1:\n%s\n-workers 4:\n%s", args, seqErr, parErr)
		}
		if strings.Contains(seqErr, "record at offset") {
			t.Errorf("%q: a message without a record number:\n%s", args, seqErr)
		}
		// Standard input goes through the same pipeline.
		in, _ := os.ReadFile(p)
		pipe, pipeErr, err3 := runCLI(t, in, append(append(append([]string{}, args...), "-workers", "4"), "-")...)
		if (err1 == nil) != (err3 == nil) || seq != pipe || strings.ReplaceAll(seqErr, p, "standard input") != pipeErr {
			t.Errorf("%q: standard input differs from the file (%v, %v)", args, err1, err3)
		}
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, true, 10_000_000)
	for range 1000 {
		p.add(5000)
	}
	line := p.line(2 * time.Second)
	p.finish()
	for _, want := range []string{"1000 records", "5.0 MB", "2.5 MB/s", "50%", "ETA 2s"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	if !strings.HasSuffix(buf.String(), "\n") || !strings.Contains(buf.String(), "\r") {
		t.Errorf("output %q", buf.String())
	}
	if startProgress(&buf, false, 0) != nil || isTerminal(&buf) {
		t.Error("progress on a non-terminal")
	}
	var nilp *progress
	nilp.add(1)
	nilp.finish()
}
