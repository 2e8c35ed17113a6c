package marctest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// XSLT runs the LoC stylesheet name (in ../shared/reference/xsl, e.g.
// MARC21slim2OAIDC.xsl) with xsltproc on the MARCXML document doc,
// offline through an XML catalog (as ../shared/tools/peers/xslt.sh does),
// and returns its output. It skips the test, saying why, when xsltproc or
// the stylesheets are absent.
func XSLT(t testing.TB, name string, doc []byte) []byte {
	t.Helper()
	if _, err := exec.LookPath("xsltproc"); err != nil {
		t.Skip("xsltproc not installed (Debian package xsltproc): the live stylesheet check is skipped")
	}
	dir := filepath.Join(filepath.Dir(CorpusDir(t)), "reference", "xsl")
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Skip("stylesheets absent:", err)
	}
	tmp := t.TempDir()
	catalog := filepath.Join(tmp, "catalog.xml")
	err := os.WriteFile(catalog, []byte(`<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="http://www.loc.gov/standards/marcxml/xslt/" rewritePrefix="file://`+dir+`/"/>
  <rewriteSystem systemIdStartString="http://www.loc.gov/standards/marcxml/xslt/" rewritePrefix="file://`+dir+`/"/>
</catalog>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(tmp, "in.xml")
	if err := os.WriteFile(src, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xsltproc", "--nonet", filepath.Join(dir, name), src)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+catalog)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xsltproc %s: %v\n%s", name, err, stderr.String())
	}
	return out
}
