package marctest

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// CorpusFile is one row of ../shared/corpus/MANIFEST.tsv.
type CorpusFile struct {
	Path    string // absolute path
	Name    string // path relative to the corpus directory
	Records int    // the manifest's record count
	Format  string // iso2709, marcxml, marc-in-json, mrk ...
	Notes   string
}

// CorpusDir finds the shared corpus: $MARCMAP_CORPUS, or shared/corpus in
// a parent directory of the working directory. It skips the test, saying
// why, when there is none.
func CorpusDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("MARCMAP_CORPUS"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("corpus: no working directory:", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		c := filepath.Join(dir, "shared", "corpus")
		if _, err := os.Stat(filepath.Join(c, "MANIFEST.tsv")); err == nil {
			return c
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("corpus: ../shared/corpus/MANIFEST.tsv not found (set MARCMAP_CORPUS); skipping the real-file checks")
	return ""
}

// Corpus lists the manifest's files of the given format ("" for all).
func Corpus(t testing.TB, format string) []CorpusFile {
	t.Helper()
	dir := CorpusDir(t)
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []CorpusFile
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 9 {
			continue
		}
		if format != "" && cols[7] != format {
			continue
		}
		n, _ := strconv.Atoi(cols[2])
		out = append(out, CorpusFile{Path: filepath.Join(dir, cols[0]), Name: cols[0], Records: n, Format: cols[7], Notes: cols[8]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("corpus: no %q files in the manifest", format)
	}
	return out
}
