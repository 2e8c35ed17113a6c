package dublincore_test

import (
	"os/exec"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
)

// TestLiveStylesheet runs MARC21slim2OAIDC.xsl with xsltproc on marcmap's
// own MARCXML of the ISO 2709 corpus files and requires the same Dublin
// Core, record for record (canonicalised as in TestGolden): unlike the
// golden files, the stylesheet then sees exactly the records marcmap
// converts.
func TestLiveStylesheet(t *testing.T) {
	files := marctest.Corpus(t, "iso2709")
	if _, err := exec.LookPath("xsltproc"); err != nil {
		t.Skip("xsltproc not installed (Debian package xsltproc): the live stylesheet check is skipped")
	}
	var total, equal int
	for _, cf := range files {
		rd, err := marcmap.Open(cf.Path, marcmap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		xmlDoc := marcxml.Options{}.AppendHeader(nil)
		dc := dublincore.Options{}.AppendHeader(nil)
		for r, err := range rd.Records() {
			if err != nil {
				continue
			}
			xmlDoc, _ = marcxml.Append(xmlDoc, r)
			dc, _ = dublincore.Append(dc, r)
		}
		rd.Close()
		xmlDoc = marcxml.Options{}.AppendFooter(xmlDoc)
		dc = dublincore.Options{}.AppendFooter(dc)
		got, exp := canonical(t, dc), canonical(t, marctest.XSLT(t, "MARC21slim2OAIDC.xsl", xmlDoc))
		if len(got) != len(exp) {
			t.Errorf("%s: %d records, xsltproc %d", cf.Name, len(got), len(exp))
			continue
		}
		for i := range exp {
			total++
			if got[i] == exp[i] {
				equal++
			} else {
				t.Errorf("%s record %d differs:\n--- xsltproc\n%s--- marcmap\n%s", cf.Name, i, exp[i], got[i])
			}
		}
	}
	t.Logf("Dublin Core, live: %d of %d corpus records equal to xsltproc's (%.2f%%)", equal, total, 100*float64(equal)/float64(max(total, 1)))
}
