package mods_test

import (
	"strings"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mods"
	"github.com/marcmap/marcmap/internal/marctest"
)

// quirks are records made to reach the stylesheet's rarer paths, which
// the corpus does not: physical-description and originInfo fields with
// and without $6 together, 880s without their field, a 264 with two $a,
// 773 $q part details, 534 notes, 856s with second indicator 2.
const quirks = `=LDR  00000ngm a2200000 a 4500
=007  vd\cvaizs
=007  cr\|||||||||||
=008  200101s2020\\\\xxu120\\\\\\\\\\\\\\\\vleng\d
=044  \\$cus$cca
=245  10$6880-01$aFilm title$h[videorecording] /$cby someone.
=880  10$6245-01/(N$aFilm in Cyrillic$h[videorecording]
=264  \1$aNew York :$aLondon :$bPub,$c2020.
=264  \4$c©2019
=300  \\$a1 videodisc (90 min.) :$bsd., col. ;$c12 cm.$fdisc
=337  \\$avideo$bv$2rdamedia
=351  \\$3Records$aOrganized in series$bAlphabetical
=534  \\$pOriginal:$tOrig title$nA note.
=773  0\$tHost title$gvol. 2$q2:3:4<55$w(OCoLC)123
=775  1\$tOther edition$eger$fgw$dBerlin :$bNeue Ausg.
=880  00$6787-02/(N$tRelated in Cyrillic$aAuthor
=856  40$uhttp://example.org/x$qtext/html$zfree
=856  42$3Finding aid$uhttp://example.org/fa$qtext/html
=880  42$6856-03$uhttp://example.org/fa-880$qapplication/pdf

=LDR  00000nas a2200000 a 4500
=008  200101c20202019fr\mr\p\o\\\\\0\\\a0fre\d
=260  \\$6880-04$aParis :$bGallimard,$c2020.
=880  \\$6260-04/(N$aParis in Cyrillic :$bGallimard,$c2020.
=250  \\$a2nd ed.
=044  \\$cfr
=033  2\$a2019$a2020
=046  \\$k2019$l2020$jmodified
=310  \\$aMonthly$b2020-
=245  00$aSerial title.
=490  0\$aSeries A ;$v1
=880  0\$6490-05/(N$aSeries in Cyrillic
=510  0\$aIndex one$b1990-$c12
=700  12$aName, A.$tWork title.$nPart 1$pThe part
=710  22$aBody.$bSub.$tTitle.$n2$pPart.
=730  02$aUniform.$pSection
=740  02$aAnalytic title.$nPart 3
=760  0\$tMain series$x1234-5678
=800  1\$aAuthor, B.$tSeries title ;$v3$0http://example.org/s
=810  2\$aBody.$tSeries ;$v4
=811  2\$aMeeting$tProceedings ;$v5
=830  \0$aSeries A ;$v1.$0http://id.loc.gov/x

=LDR  00000nem a2200000 a 4500
=007  aj\canzn
=008  200101q19001950xx\\\\\\\\\a\\\\\\\\\\eng\d
=245  00$aA map
=256  \\$aComputer data
=300  \\$a1 map
`

// TestStylesheetQuirks compares the records above with the stylesheet,
// run live (skipped without xsltproc).
func TestStylesheetQuirks(t *testing.T) {
	rd, err := marcmap.NewReader(strings.NewReader(quirks), marcmap.Options{Format: marcmap.MRK})
	if err != nil {
		t.Fatal(err)
	}
	got := mods.Options{}.AppendHeader(nil)
	xmlDoc := marcxml.Options{}.AppendHeader(nil)
	doc := &docState{}
	n := 0
	for r, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		doc.add(n, r)
		n++
		if got, err = mods.Append(got, r); err != nil {
			t.Fatal(err)
		}
		xmlDoc, _ = marcxml.Append(xmlDoc, r)
	}
	if n != 3 {
		t.Fatalf("%d records", n)
	}
	want := marctest.XSLT(t, "MARC21slim2MODS3-7.xsl", marcxml.Options{}.AppendFooter(xmlDoc))
	total, equal := compare(t, "quirks", mods.Options{}.AppendFooter(got), want, doc.skip(), doc.skip045())
	if total != 3 || equal != 3 {
		t.Errorf("%d of %d records equal", equal, total)
	}
}
