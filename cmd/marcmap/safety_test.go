package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
)

// copySample puts a copy of the sample in a new directory.
func copySample(t *testing.T) (dir, path string, data []byte) {
	t.Helper()
	dir = t.TempDir()
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "same.mrc")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path, data
}

// TestOutputIsInputRefused: an output or -rejects file that is one of the
// inputs (by name, by another path, by a hard link) is refused with a
// usage error, and the input is left as it was. Before, "convert same.mrc
// same.mrc" exited 0 with same.mrc emptied.
func TestOutputIsInputRefused(t *testing.T) {
	dir, path, data := copySample(t)
	link := filepath.Join(dir, "link.mrc")
	if err := os.Link(path, link); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"convert", path, path},
		{"convert", "-to", "marcxml", "-o", rel, path},
		{"convert", "-o", link, path},
		{"convert", "-o", filepath.Join(dir, "out.mrc"), "-rejects", path, path},
		{"validate", "-rejects", path, path},
		{"validate", "-rejects", link, "-workers", "1", path},
		{"convert", "-o", path, sample, path},
	} {
		_, errOut, err := runCLI(t, nil, args...)
		if !errors.Is(err, exitUsage) || !strings.Contains(errOut, "refusing to overwrite an input") {
			t.Errorf("%q: err %v, %q", args, err, errOut)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
			t.Fatalf("%q changed the input", args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.mrc")); err == nil {
		t.Error("a refused command left an output")
	}
	// Output and rejects the same file.
	out := filepath.Join(dir, "o.mrc")
	if _, _, err := runCLI(t, nil, "convert", "-o", out, "-rejects", out, path); !errors.Is(err, exitUsage) {
		t.Errorf("-o and -rejects the same: %v", err)
	}
}

// TestNoPartialOutput: a -strict run that stops at a bad record leaves no
// file under the output's name (and an existing one as it was), and no
// temporary file behind.
func TestNoPartialOutput(t *testing.T) {
	dir, path, data := copySample(t)
	bad := append(append(append([]byte{}, data...), "00050garbage that is no record\x1d"...), data...)
	in := filepath.Join(dir, "bad.mrc")
	os.WriteFile(in, bad, 0o644)
	out := filepath.Join(dir, "out.xml")
	_, _, err := runCLI(t, nil, "convert", "-strict", "-to", "marcxml", in, out)
	if !errors.Is(err, exitInvalid) {
		t.Fatalf("strict convert of a bad file: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a failed -strict run left output under the final name")
	}
	os.WriteFile(out, []byte("old"), 0o600)
	runCLI(t, nil, "convert", "-strict", "-to", "marcxml", in, out)
	if got, _ := os.ReadFile(out); string(got) != "old" {
		t.Fatalf("a failed run replaced the existing output: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	// A successful run replaces the file and keeps its permissions.
	if _, _, err := runCLI(t, nil, "convert", "-to", "marcxml", path, out); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(out)
	if got, _ := os.ReadFile(out); !bytes.HasPrefix(got, []byte("<?xml")) || st.Mode().Perm() != 0o600 {
		t.Fatalf("output %q, mode %v", got[:min(10, len(got))], st.Mode())
	}
}

// TestFlagsAnywhereAndQuiet: flags after the files work; -q silences the
// summary; -to xml and -to json are accepted.
func TestFlagsAnywhereAndQuiet(t *testing.T) {
	out, errOut, err := runCLI(t, nil, "count", sample, "-q", "-workers", "1")
	if err != nil || !strings.HasPrefix(out, "records\t5\n") || errOut != "" {
		t.Fatalf("count FILE -q: %v %q %q", err, out, errOut)
	}
	out, errOut, err = runCLI(t, nil, "convert", sample, "-to", "xml", "-q")
	if err != nil || !strings.HasPrefix(out, "<?xml") || errOut != "" {
		t.Fatalf("convert FILE -to xml -q: %v %q", err, errOut)
	}
	_, errOut, err = runCLI(t, nil, "convert", "-to", "json", sample)
	if err != nil || !strings.Contains(errOut, "converted 5 records") {
		t.Fatalf("without -q: %v %q", err, errOut)
	}
	// Several inputs make one document.
	out, _, err = runCLI(t, nil, "convert", "-to", "mij", "-array", sample, sample, "-o", "-")
	if err != nil || strings.Count(out, `{"leader"`) != 10 || !strings.HasPrefix(out, "[{") || !strings.HasSuffix(out, "}]\n") || strings.Count(out, "},\n{") != 9 {
		t.Fatalf("two inputs, one array: %v", err)
	}
	out, _, err = runCLI(t, nil, "count", sample, sample)
	if err != nil || !strings.HasPrefix(out, "records\t10\n") {
		t.Fatalf("count of two files: %v %q", err, out)
	}
}

// TestCountRandomBytes: lenient count of random bytes finds no record and
// exits 1 (before, 100 KB of random bytes counted as one good record).
func TestCountRandomBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		data := make([]byte, 100_000)
		for j := range data {
			data[j] = byte(rng.UintN(256))
		}
		out, _, err := runCLI(t, data, "count", "-")
		if !errors.Is(err, exitInvalid) || !strings.HasPrefix(out, "records\t0\n") {
			t.Fatalf("random input %d: %v\n%s", i, err, out)
		}
	}
}

// TestMessagesNameInputAndRecord: a bad record's message names the file,
// the record number and the offset, without the library's prefix.
func TestMessagesNameInputAndRecord(t *testing.T) {
	dir, _, data := copySample(t)
	in := filepath.Join(dir, "bad.mrc")
	os.WriteFile(in, append(append(append([]byte{}, data...), "00050garbage that is no record\x1d"...), data...), 0o644)
	for _, w := range []string{"1", "2"} {
		_, errOut, err := runCLI(t, nil, "count", "-workers", w, in)
		if !errors.Is(err, exitInvalid) || !strings.Contains(errOut, "marcmap: "+in+": record 5 at offset 2792, ") {
			t.Errorf("-workers %s: %v %q", w, err, errOut)
		}
	}
}

// TestOutputsThatAreNotFiles: a named pipe is written into, not replaced;
// a symbolic link's target is written and the link kept.
func TestOutputsThatAreNotFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, _, err := runCLI(t, nil, "convert", "-to", "mrk", "-q", sample, "-o", fifo); err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.HasPrefix(b, []byte("=LDR")) {
		t.Fatalf("the reader of the pipe got %q", b[:min(len(b), 20)])
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatal("the named pipe was replaced")
	}
	target := filepath.Join(dir, "target.mrk")
	link := filepath.Join(dir, "link.mrk")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, _, err := runCLI(t, nil, "convert", "-to", "mrk", "-q", sample, link); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symbolic link was replaced")
	}
	if b, _ := os.ReadFile(target); !bytes.HasPrefix(b, []byte("=LDR")) {
		t.Fatalf("the link's target holds %q", b[:min(len(b), 20)])
	}
}

// TestOutputAndRejectsSpelledTwoWays: -o and -rejects naming one new file
// in two spellings are refused (before, the rejects replaced the output).
func TestOutputAndRejectsSpelledTwoWays(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	rel, _ := filepath.Rel(wd, filepath.Join(dir, "x.mrc"))
	_, errOut, err := runCLI(t, nil, "convert", "-o", rel, "-rejects", filepath.Join(dir, "x.mrc"), sample)
	if !errors.Is(err, exitUsage) || !strings.Contains(errOut, "same file") {
		t.Fatalf("%v %q", err, errOut)
	}
}

// TestFlagValueMissing: a value flag at the end of the line is a usage
// error (before, it took the "--" the reordering inserts as its value and
// wrote a file named "--").
func TestFlagValueMissing(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	in, _ := filepath.Abs(filepath.Join(wd, sample))
	for _, args := range [][]string{{"convert", in, "-rejects"}, {"count", in, "-workers"}, {"validate", "-rejects", "-", in}} {
		if _, _, err := runCLI(t, nil, args...); !errors.Is(err, exitUsage) {
			t.Errorf("%q: %v", args, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left %s", entries[0].Name())
	}
}

// TestSeveralInputsOneDocument: empty inputs anywhere among several give
// one valid JSON array and one MARCXML collection.
func TestSeveralInputsOneDocument(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.mrc")
	pad := filepath.Join(dir, "padding.mrc")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(pad, []byte("\n\n\x00"), 0o644)
	for _, files := range [][]string{{empty, sample}, {sample, empty}, {sample, pad, sample}, {empty, pad}, {sample, sample, empty}} {
		for _, w := range []string{"1", "3"} {
			args := append([]string{"convert", "-q", "-workers", w, "-to", "mij", "-array", "-o", "-"}, files...)
			out, _, err := runCLI(t, nil, args...)
			var v []map[string]any
			if err != nil || json.Unmarshal([]byte(out), &v) != nil {
				t.Fatalf("%q: %v, not a JSON array:\n%s", files, err, out)
			}
			want := 0
			for _, f := range files {
				if f == sample {
					want += 5
				}
			}
			if len(v) != want {
				t.Fatalf("%q: %d records, want %d", files, len(v), want)
			}
			args = append([]string{"convert", "-q", "-workers", w, "-to", "marcxml", "-o", "-"}, files...)
			out, _, _ = runCLI(t, nil, args...)
			if strings.Count(out, "<collection") != 1 || strings.Count(out, "</collection>") != 1 || strings.Count(out, "<record>") != want {
				t.Fatalf("%q: not one collection of %d records", files, want)
			}
		}
	}
}

// TestStrictValidateLeavesNoRejects: a validate run that -strict stopped
// leaves no rejects file (it would not account for the input).
func TestStrictValidateLeavesNoRejects(t *testing.T) {
	dir, _, data := copySample(t)
	in := filepath.Join(dir, "bad.mrc")
	os.WriteFile(in, append(append(append([]byte{}, data...), "00050garbage that is no record\x1d"...), data...), 0o644)
	rej := filepath.Join(dir, "rej.mrc")
	if _, _, err := runCLI(t, nil, "validate", "-strict", "-rejects", rej, in); !errors.Is(err, exitInvalid) {
		t.Fatal(err)
	}
	if _, err := os.Stat(rej); err == nil {
		t.Fatal("a stopped run left a rejects file")
	}
	if _, _, err := runCLI(t, nil, "validate", "-rejects", rej, in); !errors.Is(err, exitInvalid) {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(rej); string(b) != "00050garbage that is no record\x1d" {
		t.Fatalf("rejects %q", b)
	}
}

// TestUnreadableInputKeepsWhatWasRead: XML cut in the middle of a record
// (a fatal syntax error) keeps every record before it, and the next input
// is still read; the exit status is 1. Before, dump lost its last buffer,
// count printed nothing, convert wrote nothing, and a second input was
// never read.
func TestUnreadableInputKeepsWhatWasRead(t *testing.T) {
	dir := t.TempDir()
	xml := filepath.Join(dir, "a.xml")
	if _, _, err := runCLI(t, nil, "convert", "-q", "-to", "marcxml", sample, xml); err != nil {
		t.Fatal(err)
	}
	full, _ := os.ReadFile(xml)
	cut := filepath.Join(dir, "cut.xml")
	os.WriteFile(cut, full[:bytes.LastIndex(full, []byte("<record>"))+40], 0o644) // 4 whole records
	out, errOut, err := runCLI(t, nil, "dump", cut)
	if !errors.Is(err, exitInvalid) || strings.Count(out, "=LDR") != 4 || !strings.Contains(errOut, "malformed input") {
		t.Fatalf("dump: %v, %d records\n%s", err, strings.Count(out, "=LDR"), errOut)
	}
	out, _, err = runCLI(t, nil, "count", cut, sample)
	if !errors.Is(err, exitInvalid) || !strings.HasPrefix(out, "records\t9\n") {
		t.Fatalf("count: %v\n%s", err, out)
	}
	conv := filepath.Join(dir, "out.json")
	_, _, err = runCLI(t, nil, "convert", "-q", "-to", "mij", "-array", cut, sample, "-o", conv)
	b, _ := os.ReadFile(conv)
	var v []any
	if !errors.Is(err, exitInvalid) || json.Unmarshal(b, &v) != nil || len(v) != 9 {
		t.Fatalf("convert: %v, %d records\n%s", err, len(v), b)
	}
	// -strict still stops, and leaves no output.
	os.Remove(conv)
	if _, _, err := runCLI(t, nil, "convert", "-strict", "-to", "mij", cut, sample, "-o", conv); !errors.Is(err, exitInvalid) {
		t.Fatal(err)
	}
	if _, err := os.Stat(conv); err == nil {
		t.Fatal("-strict left an output")
	}
}

// TestStrictDumpPrintsRecordsBeforeTheBadOne: -strict output holds every
// record before the bad one (before, the bad record's whole chunk was
// dropped).
func TestStrictDumpPrintsRecordsBeforeTheBadOne(t *testing.T) {
	dir, _, data := copySample(t)
	in := filepath.Join(dir, "bad.mrc")
	os.WriteFile(in, append(append(bytes.Repeat(data, 20), "00050garbage that is no record\x1d"...), data...), 0o644)
	for _, w := range []string{"1", "2"} {
		out, _, err := runCLI(t, nil, "dump", "-strict", "-workers", w, in)
		if !errors.Is(err, exitInvalid) || strings.Count(out, "=LDR") != 100 {
			t.Fatalf("-workers %s: %v, %d records", w, err, strings.Count(out, "=LDR"))
		}
	}
}

// TestReadOnlyOutputRefused: a file the user may not write is not replaced
// (the rename would have bypassed its permissions). Root may write
// anything, so the check is skipped there.
func TestReadOnlyOutputRefused(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a read-only file")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "ro.mrk")
	os.WriteFile(out, []byte("keep"), 0o444)
	if _, _, err := runCLI(t, nil, "convert", "-q", "-to", "mrk", sample, out); err == nil {
		t.Fatal("a read-only output was replaced")
	}
	if b, _ := os.ReadFile(out); string(b) != "keep" {
		t.Fatalf("output %q", b)
	}
}

// TestMissingDirectoryMessage: the message names the output, not the
// temporary file.
func TestMissingDirectoryMessage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "nodir", "x.mrc")
	_, errOut, err := runCLI(t, nil, "convert", sample, out)
	if err == nil || !strings.Contains(errOut, out) || strings.Contains(errOut, ".tmp") {
		t.Fatalf("%v %q", err, errOut)
	}
}

// TestValidateReportsCharset: validate reports undecodable MARC-8 and
// invalid UTF-8 with record, field and byte position, and exits 1 (issue
// 11: it said well-formed); -no-charset skips the check; -strict stops.
func TestValidateReportsCharset(t *testing.T) {
	dir := marctest.CorpusDir(t)
	for _, c := range []struct{ file, want string }{
		{"pymarc/bad_eacc_encoding.dat", "record 0\toffset 0\tcharset: field 880: bad character data: marc8: byte 40: undefined EACC character (at record byte 1496)\n"},
		{"marc4j/incomplete_esc_seq.mrc", "record 0\toffset 0\tcharset: field 880"},
		{"ruby-marc/utf8_with_bad_bytes.marc", "record 0\toffset 0\tcharset: field 245: bad character data: invalid UTF-8 in a record whose leader/09 says UTF-8 (at record byte 718)\n"},
	} {
		p := filepath.Join(dir, c.file)
		out, _, err := runCLI(t, nil, "validate", p)
		if !errors.Is(err, exitInvalid) || !strings.Contains(out, c.want) || !strings.HasSuffix(out, "1 records: 0 well-formed, 0 repaired, 0 rejected, 1 with bad character data\n") {
			t.Errorf("%s: %v\n%s", c.file, err, out)
		}
		if out, _, err := runCLI(t, nil, "validate", "-no-charset", p); err != nil || !strings.HasSuffix(out, "1 well-formed, 0 repaired, 0 rejected, 0 with bad character data\n") {
			t.Errorf("%s -no-charset: %v\n%s", c.file, err, out)
		}
		if _, errOut, err := runCLI(t, nil, "validate", "-strict", p); !errors.Is(err, exitInvalid) || !strings.Contains(errOut, "record 0 at offset 0, field ") {
			t.Errorf("%s -strict: %v %q", c.file, err, errOut)
		}
	}
}

// TestStrictStopsOnCharset: -strict stops at a character-set fault in
// every command (issue 11: only validate looked at character data, and
// -strict stopped on structure only).
func TestStrictStopsOnCharset(t *testing.T) {
	p := filepath.Join(marctest.CorpusDir(t), "ruby-marc", "utf8_with_bad_bytes.marc")
	out := filepath.Join(t.TempDir(), "out.xml")
	for _, args := range [][]string{{"count"}, {"dump"}, {"validate"}, {"convert", "-o", out}, {"convert", "-to", "marcxml", "-o", out}} {
		for _, w := range []string{"1", "2"} {
			a := append(append([]string{}, args...), "-strict", "-workers", w, p)
			_, errOut, err := runCLI(t, nil, a...)
			if !errors.Is(err, exitInvalid) || !strings.Contains(errOut, "record 0 at offset 0, field 245, byte 718: bad character data") {
				t.Errorf("%q: %v %q", a, err, errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Fatalf("%q left an output", a)
			}
		}
	}
	// Lenient: counted as a good record.
	if o, _, err := runCLI(t, nil, "count", p); err != nil || !strings.HasPrefix(o, "records\t1\n") {
		t.Fatalf("lenient count: %v %q", err, o)
	}
}

// TestTextRepairsReported: what lenient MARCXML and MARC-in-JSON reading
// repairs is reported by validate, with the line or offset, and counted
// (issue 11: they were silent); -strict rejects them.
func TestTextRepairsReported(t *testing.T) {
	dir := marctest.CorpusDir(t)
	for _, c := range []struct{ file, want string }{
		{"marc4j/cruel-cruel-indicatorless-summerland.xml", "record 0\tline 2\trepaired: datafield 911 without ind1 or ind2: read as blank\n"},
		{"marc4j/chabon-bad-subfields-element.xml", "record 0\tline 2\trepaired: element <subfields> in datafield 020 is not a subfield: dropped\n"},
		{"marc4j/illegal-marc-in-json.json", "record 0\toffset 0\trepaired: raw control character inside a JSON string (not JSON): read as if escaped\n"},
		{"marc-perl/marc-xml/invalid.xml", "record 0\tline 6\trejected: bad field: field or leader outside any <record>: <datafield>"},
	} {
		p := filepath.Join(dir, c.file)
		out, _, err := runCLI(t, nil, "validate", p)
		if !errors.Is(err, exitInvalid) || !strings.Contains(out, c.want) {
			t.Errorf("%s: %v\n%s", c.file, err, out)
		}
		if _, _, err := runCLI(t, nil, "count", "-strict", p); !errors.Is(err, exitInvalid) {
			t.Errorf("%s: count -strict: %v", c.file, err)
		}
	}
}

// TestValidateSummaryAddsUp: a record both repaired and badly encoded is
// said so, and -no-charset turns the check off in strict mode too.
func TestValidateSummaryAddsUp(t *testing.T) {
	dir := marctest.CorpusDir(t)
	out, _, _ := runCLI(t, nil, "validate", filepath.Join(dir, "openlibrary/bin_input/lesabndioeinas00sche_meta.mrc"))
	if !strings.HasSuffix(out, "1 records: 0 well-formed, 1 repaired, 0 rejected, 1 with bad character data (1 of them also repaired)\n") {
		t.Errorf("summary:\n%s", out)
	}
	out, _, err := runCLI(t, nil, "validate", "-strict", "-no-charset", filepath.Join(dir, "ruby-marc/utf8_with_bad_bytes.marc"))
	if err != nil || !strings.HasSuffix(out, "1 records: 1 well-formed, 0 repaired, 0 rejected, 0 with bad character data\n") {
		t.Errorf("-strict -no-charset: %v\n%s", err, out)
	}
}
