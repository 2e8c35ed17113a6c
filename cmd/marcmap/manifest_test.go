package main

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
)

// TestValidateAgreesWithManifest (issue 11): `validate` on every file of
// ../shared/corpus that marcmap reads agrees with what MANIFEST.tsv's notes
// say is broken there. A file the notes call broken (see
// manifestBrokenMarks) must get at least one report (a repair, a
// rejection, bad character data, or validate stopping on it); a file they
// do not must come out with every record well-formed. The exceptions are
// listed, each with what is in the file: manifestDisagrees (validate is
// right, the notes are silent or speak of what validate does not check)
// and suspectedBugs (validate's verdict looks wrong; the test logs them).
// Files named as broken (bad_*, *error*, ...) that validate calls
// well-formed must be explained in wellFormedDespiteName or suspectedBugs.
func TestValidateAgreesWithManifest(t *testing.T) {
	seen := map[string]bool{}
	var checked, agree, listed, bugs int
	for _, f := range marctest.Corpus(t, "") {
		if !manifestFormats[f.Format] {
			continue
		}
		seen[f.Name] = true
		checked++
		v := validateFile(t, f.Path)
		mark := manifestBrokenMark(f.Notes)
		broken := mark != ""
		if bug, ok := suspectedBugs[f.Name]; ok {
			bugs++
			if v.flagged() != bug.flagged {
				t.Errorf("%s: validate's verdict changed (%s); if the suspected bug is fixed, move the file out of suspectedBugs", f.Name, v)
			}
			t.Logf("suspected marcmap bug: %s: %s [validate: %s]", f.Name, bug.what, v)
			continue
		}
		reason, isListed := manifestDisagrees[f.Name]
		switch {
		case isListed && broken == v.flagged():
			t.Errorf("%s: listed in manifestDisagrees (%s), but validate (%s) now agrees with the MANIFEST: remove it", f.Name, reason, v)
		case isListed:
			listed++
		case broken && !v.flagged():
			t.Errorf("%s: the MANIFEST says it is broken (%q) but validate calls every record well-formed: %s", f.Name, mark, v)
		case !broken && v.flagged():
			t.Errorf("%s: the MANIFEST's notes flag nothing (%q) but validate reports %s; first report: %q", f.Name, f.Notes, v, v.first)
		default:
			agree++
		}
		_, explained := wellFormedDespiteName[f.Name]
		switch {
		case explained && v.flagged():
			t.Errorf("%s: listed in wellFormedDespiteName, but validate now reports %s: remove it", f.Name, v)
		case !explained && !v.flagged() && brokenName.MatchString(path.Base(f.Name)):
			t.Errorf("%s: named as broken, but validate calls it well-formed (%s): find out why", f.Name, v)
		}
	}
	for name := range manifestDisagrees {
		if !seen[name] {
			t.Errorf("manifestDisagrees lists %s, which is not a checked corpus file", name)
		}
	}
	for name := range suspectedBugs {
		if !seen[name] {
			t.Errorf("suspectedBugs lists %s, which is not a checked corpus file", name)
		}
	}
	for name := range wellFormedDespiteName {
		if !seen[name] {
			t.Errorf("wellFormedDespiteName lists %s, which is not a checked corpus file", name)
		}
	}
	t.Logf("%d files checked: %d agree with the MANIFEST, %d listed disagreements, %d suspected marcmap bugs", checked, agree, listed, bugs)
}

// manifestFormats are the MANIFEST's formats marcmap reads; its other rows
// (MicroLIF, yaz-marcdump listings, yaz charset labels, plain text) hold
// no records.
var manifestFormats = map[string]bool{"iso2709": true, "marcxml": true, "marc-in-json": true, "mrk": true}

// manifestBrokenMarks are the phrases of the MANIFEST's notes column
// (cut -f9 MANIFEST.tsv) that say a file is broken, as the issue lists
// them: framing (leader length, directory, terminators), character data,
// the curated INVALID and MALFORMED verdicts, and yaz-marcdump's warnings
// and refusals. The match is case-sensitive, as the notes write them.
//
// Not marks: "N trailing whitespace/NUL/^Z bytes" (padding that ISO 2709
// readers skip, marcmap's scanner too: scan/doc.go); "max record N bytes"
// (a record over 99,999 bytes comes with "leader-length!=actual");
// ANSEL and escape-sequence counts, "UNIMARC", "not MARC 21", record types,
// scripts, "yaz-generated conversion" and the other descriptive notes. The
// notes of MARCXML, MARC-in-JSON and MRK files are empty or descriptive
// (they say nothing about those files' structure), so every such file
// validate flags is a listed disagreement.
var manifestBrokenMarks = []string{
	"leader-length!=actual",                // leader/00-04 is not the record's length
	"non-numeric length",                   // leader/00-04 not digits
	"trailing bytes w/o RT",                // bytes after the last record terminator
	"file truncated",                       // last record incomplete
	"directory lengths wrong",              // directory disagrees with the field terminators
	"MALFORMED",                            // curated: framing broken
	"INVALID",                              // curated: leader, indicators, 008 or subfields broken
	"invalid UTF-8",                        // UTF-8-flagged records with invalid UTF-8
	"NOT ANSEL",                            // leader/09 blank over another character set
	"not starting with subfield delimiter", // data fields without a leading 0x1F
	"No separator at end of field",         // yaz-marcdump warning
	"Separator but not at end of field",    // yaz-marcdump warning
	"should hold a number",                 // yaz-marcdump warning on leader/20-23
	"REJECTS",                              // yaz-marcdump refuses the file
}

// manifestBrokenMark returns the first mark in notes, or "".
func manifestBrokenMark(notes string) string {
	for _, m := range manifestBrokenMarks {
		if strings.Contains(notes, m) {
			return m
		}
	}
	return ""
}

// brokenName matches file names that say the file is broken.
var brokenName = regexp.MustCompile(`(?i)(^|[^a-z])(bad|error|invalid|illegal|mangled|messed|incomplete|missing|wrong|cruel)`)

// validateVerdict is what `marcmap validate FILE` said.
type validateVerdict struct {
	records, wellFormed, repaired, rejected, charset int
	stopped                                          string // why validate stopped reading the file, or ""
	first                                            string // validate's first report line, or ""
}

// flagged reports whether validate reported anything about the file.
func (v validateVerdict) flagged() bool {
	return v.repaired+v.rejected+v.charset > 0 || v.stopped != ""
}

func (v validateVerdict) String() string {
	s := fmt.Sprintf("%d records: %d well-formed, %d repaired, %d rejected, %d with bad character data", v.records, v.wellFormed, v.repaired, v.rejected, v.charset)
	if v.stopped != "" {
		s += "; stopped: " + v.stopped
	}
	return s
}

var validateSummary = regexp.MustCompile(`(?m)^(\d+) records: (\d+) well-formed, (\d+) repaired, (\d+) rejected, (\d+) with bad character data`)

// validateFile runs `marcmap validate` on one file as the command line
// does, and reads its summary line.
func validateFile(t *testing.T, p string) validateVerdict {
	t.Helper()
	out, errOut, err := runCLI(t, nil, "validate", p)
	if err != nil && !errors.Is(err, exitInvalid) {
		t.Fatalf("validate %s: %v\n%s", p, err, errOut)
	}
	m := validateSummary.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("validate %s: no summary line in\n%s%s", p, out, errOut)
	}
	var n [5]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	v := validateVerdict{records: n[0], wellFormed: n[1], repaired: n[2], rejected: n[3], charset: n[4]}
	v.stopped, _, _ = strings.Cut(strings.TrimSpace(errOut), "\n")
	if first, _, _ := strings.Cut(out, "\n"); !validateSummary.MatchString(first) {
		v.first = first
	}
	if (err != nil) != v.flagged() {
		t.Errorf("validate %s: exit error %v with %s", p, err, v)
	}
	return v
}

// manifestDisagrees lists the files where validate and the MANIFEST's notes
// disagree, each with what is in the file, established by hand (validate,
// dump, od -c, the LC code tables in ../shared/reference). In every case
// validate is right about what it checks: the notes are silent (all text
// formats, and deliberately broken test files whose notes only give sizes),
// count padding as record bytes, or call INVALID what is content validate
// does not check (leader values other than 10-11 and 20-23, indicator
// values, 008 lengths, subfield structure).
var manifestDisagrees = map[string]string{
	"openlibrary/xml_input/39002054008678_yale_edu_marc.xml": "the leader has three U+00A0 characters (at 8, 17 and 19): read as blanks and reported as a repair, as the ISO 2709 reader does with such bytes",
	"pymarc/bad_indicator.dat":                               "a data field's content starts with 0x1F, so its first indicator is the subfield delimiter: reported as an indicator that is not printable ASCII (convert used to write ind1=U+FFFD silently)",
	"pymarc/utf8_invalid.mrc":                                "a 260 subfield code is 0xEF (the first byte of a U+FFFD): reported as a subfield code that is not printable ASCII",
	"openlibrary/bin_input/mytwocountries1954asto_meta.mrc":  "008 holds eight 0x01 bytes: reported as control characters (MARCXML cannot carry them)",
	"marc4j/185258.mrc":                                      "082's first indicator is 0xB2: reported as an indicator that is not printable ASCII",
	"marc-perl/marc-lint/camel.usmarc":                       "record 10's 007 holds subfield delimiters (a test record of MARC::Lint, \"subfields in control fields\"): reported, since a control field cannot carry 0x1F in MARCXML (yaz makes it a datafield)",
	"yaz/marc12.json":                                        "yaz's JSON of marc12.marc, whose broken 880 has a CJK character as subfield code (golden README quirk 4): reported as a subfield code that is not printable ASCII",
	"yaz/marc3.json":                                         "001 holds subfield delimiters (yaz's conversion of marc3.marc): reported as a delimiter in a control field",
	"yaz/marc3.json.marc":                                    "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/marc3.xml":                                          "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/marc3.xml.marc":                                     "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/tmarc3.xml.marc":                                    "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/xml2marc3.xml":                                      "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/xml2marc3.xml.marc":                                 "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/xml2tmarc3.xml.marc":                                "001 holds subfield delimiters: reported as a delimiter in a control field",
	"yaz/marc5.json.marc":                                    "a 250 subfield code is 0xCE (a two-byte character cut by yaz's conversion): reported as a subfield code that is not printable ASCII",
	"yaz/marc5.xml.marc":                                     "a 250 subfield code is 0xCE: reported as a subfield code that is not printable ASCII",
	"yaz/tmarc5.xml.marc":                                    "a 250 subfield code is 0xCE: reported as a subfield code that is not printable ASCII",
	"yaz/xml2marc5.xml.marc":                                 "a 250 subfield code is 0xCE: reported as a subfield code that is not printable ASCII",
	"yaz/xml2tmarc5.xml.marc":                                "a 250 subfield code is 0xCE: reported as a subfield code that is not printable ASCII",
	// The MANIFEST says broken; validate calls every record well-formed.
	"marc-perl/marc-record/cameleof.usmarc":         "the notes count the ^Z (0x1A) before records 1, 4 and 7 as record bytes (hence leader-length!=actual and non-numeric length); marcmap skips ^Z between records as padding, and every leader length is right",
	"marc-perl/marc-record/filler.usmarc":           "the notes count padding as record bytes: a NUL before record 0, and two blanks, four NULs, two blanks and a LF before record 1; marcmap skips them, and both leader lengths are right",
	"folio-stripes/C388640MarcAuth_240.mrc":         "INVALID is content: indicators '.)' and '\\\\' and 10 data fields not starting with 0x1F; the directory and terminators are consistent, as the notes say, and validate checks neither indicator values nor subfield structure",
	"folio-stripes/marcBibFileForC359218.mrc":       "INVALID is content: an 008 of 40 characters in holdings records, no 001; framing and UTF-8 are sound",
	"folio-stripes/marcFileForC353585.mrc":          "INVALID is content: leader/05 'b' and leader/17 'k' ('03835bz  a2200493kd 4500'), positions validate does not check; framing and character data are sound",
	"folio-stripes/marcFileForC359209.mrc":          "INVALID is content: an 008 of 40 characters in holdings records, no 001; framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileC387479_1.mrc":   "INVALID is content: an 008 of 17 characters; framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileC387479_2.mrc":   "INVALID is content: an 008 of 46 characters; framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileForC1332491.mrc": "INVALID is content: 866's indicators are backslashes; framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileForC350698.mrc":  "INVALID is content: 842's indicators are backslashes and a third backslash comes before $a; framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileForC357572.mrc":  "INVALID is content: leader/05, 17 and 18 are 'a' ('00299ay  a2200133aa 4500'); framing and UTF-8 are sound",
	"folio-stripes/marcHoldingsFileForC358155.mrc":  "INVALID is content: leader/07-08 '78' and 19 '9' ('00205cy78a22000974i94500'); framing and UTF-8 are sound",

	// The MANIFEST's notes flag nothing; validate reports something. ISO 2709:
	"marc-perl/marc-record/baddir.usmarc":                     "byte 144, where the directory should end (base address 00145), is 0x1F, not a field terminator: a base-address/directory repair",
	"marc-perl/marc-record/title_proper.usmarc":               "records 0 and 3 have leader/20-23 '45e0': leader repairs",
	"marc4j/bad-characters-in-various-fields.mrc":             "leader/09 is the control byte 0x14: a leader repair (and its 010's 0x14 indicators, subfield code and text are reported as bad character data)",
	"marc4j/bad_leaders_10_11.mrc":                            "the leader is blank but for length and base address ('01794       00445       '), so 10-11 and 20-23 are blank: a leader repair",
	"marc4j/bad_oversize_field_bad_directory.mrc":             "record 1's 520 is 11,242 bytes and its directory entry has a five-digit length ('5201124200338', 13 bytes): a directory repair",
	"marc4j/chinese_mangled_multibyte.mrc":                    "record 0's 880 (245-01) holds the triple 0x4A2148, which is no EACC code (not in the LC code tables): bad character data",
	"marc4j/greekmissingcharsetchange.mrc":                    "record 0's 880 switches to Greek (ESC ( S) and not back before ':' (0x3A), which the Greek set does not define: bad character data",
	"marc4j/incomplete_esc_seq.mrc":                           "880 (245-01) holds the triple 'b<!' (0x623C21), which is no EACC code, at record byte 2616: bad character data",
	"openlibrary/add_book/workshuberthowe00racegoog_meta.mrc": "leader/20-23 are '45x0': a leader repair",
	"openlibrary/bin_input/0descriptionofta1682unit_meta.mrc": "leader/20-23 are '4504' (23 is '4', not '0' or a blank): a leader repair",
	"openlibrary/bin_input/engineercorpsofh00sher_meta.mrc":   "leader/22 is the control byte 0x02: a leader repair",
	"openlibrary/bin_input/ithaca_two_856u.mrc":               "leader/20-23 are '45 0' (22 blank): a leader repair",
	"openlibrary/bin_input/upei_short_008.mrc":                "base address 00157, but the 15-entry directory ends at byte 204, and every directory length leaves out the field terminator: base-address and field repairs",
	"pymarc/bad_eacc_encoding.dat":                            "880 (245-01) EACC text holds '{6924f6}' ('{69', 0x7B3639, is no EACC code) at record byte 1496: bad character data",
	"pymarc/bad_marc8_escape.dat":                             "222 holds ESC 't' and ESC 'e', which are no MARC-8 escape sequences (record byte 647): bad character data",
	"pymarc/bad_records.mrc":                                  "pymarc's broken-record test: base address 99937 (record 1), 00000 (2) and 'f0037' (5), directories not a multiple of 12 bytes (3, 4): 3 repaired, 2 rejected",
	"pymarc/testunimarc.dat":                                  "UNIMARC: leader/09 blank (UNIMARC keeps the character set in 100) over UTF-8 text (200 at record byte 836); read as MARC 21, that is bad character data",
	"pymarc/utf8_without_leader_flag.dat":                     "UTF-8 text (240 at record byte 662) under a blank leader/09, as the name says: bad character data",
	"ruby-marc/bad_eacc_encoding.marc8.marc":                  "byte for byte pymarc/bad_eacc_encoding.dat: '{6924f6}' inside EACC text in 880 (record byte 1496): bad character data",
	"ruby-marc/non-numeric.dat":                               "leader/20-23 are '4504': a leader repair (its tags TSO, ISB, LOC ... are accepted)",
	"solrmarc/record_set_045.mrc":                             "record 3's 700 ends with 0xE7 (ANSEL combining dot above) right before the field terminator: a combining mark with no base character",
	"yaz/marc0.marc":                                          "092's second indicator is 'á' in two bytes (C3 A1): ind2 takes 0xC3, leaving 0xA1 at record byte 39, invalid UTF-8 under leader/09 'a'",
	"yaz/marc0.json.marc":                                     "byte for byte yaz/marc0.marc (yaz round trip): 0xA1 of a two-byte 'á' indicator left at record byte 39, invalid UTF-8",
	"yaz/marc0.xml.marc":                                      "byte for byte yaz/marc0.marc (yaz round trip): 0xA1 of a two-byte 'á' indicator left at record byte 39, invalid UTF-8",
	"yaz/tmarc0.xml.marc":                                     "byte for byte yaz/marc0.marc (yaz round trip): 0xA1 of a two-byte 'á' indicator left at record byte 39, invalid UTF-8",
	"yaz/xml2marc0.xml.marc":                                  "byte for byte yaz/marc0.marc (yaz round trip): 0xA1 of a two-byte 'á' indicator left at record byte 39, invalid UTF-8",
	"yaz/xml2tmarc0.xml.marc":                                 "byte for byte yaz/marc0.marc (yaz round trip): 0xA1 of a two-byte 'á' indicator left at record byte 39, invalid UTF-8",
	"yaz/marc1.marc":                                          "a DanMARC record with three indicators: leader/10-11 '32' and 20-23 '45  ': a leader repair",
	"yaz/marc1.json.marc":                                     "leader/10-11 '32' (a leader repair), and leader/09 blank over yaz's UTF-8 text (512 at record byte 732): bad character data",
	"yaz/marc1.xml.marc":                                      "yaz kept marc1.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/tmarc1.xml.marc":                                     "yaz kept marc1.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/xml2marc1.xml.marc":                                  "yaz kept marc1.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/xml2tmarc1.xml.marc":                                 "yaz kept marc1.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/marc2.marc":                                          "a DanMARC record with three indicators: leader/10-11 '32' and 20-23 '45  ': a leader repair",
	"yaz/marc2.json.marc":                                     "leader/10-11 '32' (a leader repair), and leader/09 blank over yaz's UTF-8 text (795 at record byte 598): bad character data",
	"yaz/marc2.xml.marc":                                      "yaz kept marc2.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/tmarc2.xml.marc":                                     "yaz kept marc2.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/xml2marc2.xml.marc":                                  "yaz kept marc2.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/xml2tmarc2.xml.marc":                                 "yaz kept marc2.marc's leader/10-11 '32' (three indicators): a leader repair",
	"yaz/marc3.marc":                                          "leader/20-23 are '45  ' (yaz's conversions write '450 '): a leader repair",
	"yaz/marc4.json.marc":                                     "yaz's 26-byte empty record from the broken marc4.marc, leader '00026009142200025003370 ' (20-23 '370 '): a leader repair",
	"yaz/marc4.xml.marc":                                      "yaz's 26-byte empty record from the broken marc4.marc, leader '000260091a2200025003370 ' (20-23 '370 '): a leader repair",
	"yaz/tmarc4.xml.marc":                                     "yaz's 26-byte empty record from the broken marc4.marc, leader '000260091a2200025003370 ' (20-23 '370 '): a leader repair",
	"yaz/xml2marc4.xml.marc":                                  "yaz's 26-byte empty record from the broken marc4.marc, leader '000260091a2200025003370 ' (20-23 '370 '): a leader repair",
	"yaz/xml2tmarc4.xml.marc":                                 "yaz's 26-byte empty record from the broken marc4.marc, leader '000260091a2200025003370 ' (20-23 '370 '): a leader repair",
	"yaz/marc7.json.marc":                                     "leader/09 blank over yaz's UTF-8 text (500 at record byte 709): bad character data",
	"yaz/marc8.json.marc":                                     "leader/09 blank over yaz's UTF-8 text (500 at record byte 1490): bad character data",
	"yaz/marc9.json.marc":                                     "leader/09 blank over yaz's UTF-8 text (245 at record byte 781): bad character data",
	"yaz/marc10.json.marc":                                    "leader/09 blank over yaz's UTF-8 text (245 at record byte 272): bad character data",
	"yaz/marc11.json.marc":                                    "leader/09 blank over yaz's UTF-8 text (245 at record byte 281): bad character data",
	"yaz/marc12.json.marc":                                    "leader/09 blank over yaz's UTF-8 text (880 at record byte 1685): bad character data",
	"yaz/marc10.marc":                                         "text in yaz's danmarc character set (marc10.chr), not MARC-8, under a blank leader/09: 0xAF in 500 (record byte 758) is undefined in ANSEL",
	"yaz/marc11.marc":                                         "text in yaz's danmarc character set (marc11.chr), not MARC-8, under a blank leader/09: 0xAF in 505 (record byte 335) is undefined in ANSEL",
	"yaz/marc12.marc":                                         "880 holds a raw form feed (0x0C) between ESC ( B and ESC $ 1 (record byte 2070), which is no MARC-8 character: bad character data",

	// MARCXML:
	"marc-perl/marc-xml/empty-record-2.xml":                   "a <foo:record> with no leader and no fields: rejected (no leader)",
	"marc-perl/marc-xml/empty-record.xml":                     "an empty <record/> (MARC21slim.xsd allows it: its sequence is optional): rejected (no leader)",
	"marc-perl/marc-xml/invalid.xml":                          "a <datafield> straight inside <collection>, outside any <record>: rejected",
	"marc4j/chabon-bad-subfields-element.xml":                 "datafield 020 holds a <subfields> element: dropped, reported as a repair",
	"marc4j/chabon-missing-controlfield-tag.xml":              "the <controlfield> on line 5 has no tag attribute: rejected",
	"marc4j/chabon-missing-datafield-tag.xml":                 "the <datafield ind1=\" \" ind2=\"7\"> on line 61 has no tag attribute: rejected",
	"marc4j/chabon-missing-subfield-code.xml":                 "the <subfield> on line 8 has no code attribute: rejected",
	"marc4j/cruel-cruel-indicatorless-summerland.xml":         "datafield 911 (line 51) has neither ind1 nor ind2: read as blanks, reported as a repair",
	"openlibrary/xml_input/0descriptionofta1682unit_marc.xml": "leader '01441nam a2200301Ia 4504' (23 is '4'): a leader repair",
	"pymarc/bad_tag.xml":                                      "the leader '      Z   22 4500' has 17 characters (and a datafield has tag '42'): rejected",
	"ruby-marc/no-leading-zero.xml":                           "a datafield has the two-character tag '42' (ruby-marc reads it as 042): rejected",
	"ruby-marc/non-numeric.xml":                               "leader '01105nam a2200373 a 4504' (23 is '4'): a leader repair (tags TSO, ISB, LOC ... are accepted)",
	"ruby-marc/three-records-second-bad.xml":                  "record 1's 245 (line 72) has code=\"\\a\", a raw BEL (0x07) that XML 1.0 forbids: read as '?', reported as a repair",
	"yaz/marc0.xml":                                           "092 ind2=\"á\" (yaz's test of a two-byte indicator): read as '?', reported as a repair",
	"yaz/xml2marc0.xml":                                       "092 ind2=\"&#xE1;\" ('á', yaz's test of a two-byte indicator): read as '?', reported as a repair",
	"yaz/marc1.xml":                                           "leader '00988nam0a32003011  450 ' keeps the DanMARC '32' at 10-11: a leader repair",
	"yaz/xml2marc1.xml":                                       "leader '00988nam0a32003011  450 ' keeps the DanMARC '32' at 10-11 (its fields carry an ind3 too): a leader repair",
	"yaz/marc2.xml":                                           "leader '01116nam0a32002171  450 ' ('32' at 10-11) and subfield code \"å\" in two 795 fields: repaired",
	"yaz/xml2marc2.xml":                                       "leader '01116nam0a32002171  450 ' ('32' at 10-11) and subfield code \"&#xE5;\" in two 795 fields: repaired",
	"yaz/marc4.xml":                                           "yaz's reading of the broken marc4.marc (5 stray bytes '00914' before its leader): no fields, leader '009140091a22a  22003370 ' (20-23 '370 '): a leader repair",
	"yaz/xml2marc4.xml":                                       "yaz's reading of the broken marc4.marc (5 stray bytes '00914' before its leader): no fields, leader '009140091a22a  22003370 ' (20-23 '370 '): a leader repair",
	"yaz/marc5.xml":                                           "250 has subfield code \"η\": yaz took the '2' of marc5.marc's undelimited '2η εκδ.' for the delimiter; read as '?', reported as a repair",
	"yaz/xml2marc5.xml":                                       "250 has subfield code \"&#x3B7;\" ('η'): yaz took the '2' of marc5.marc's undelimited '2η εκδ.' for the delimiter; read as '?', reported as a repair",

	// MARC-in-JSON:
	"marc4j/illegal-marc-in-json.json":          "a raw line feed inside the string \"Dylan,⏎ Bob,\" (line 170) is not JSON: read as if escaped, reported as a repair",
	"pymarc/test.json":                          "a raw line feed inside the string \"Dylan,⏎ Bob,\" (line 170) is not JSON (pymarc parses with strict=False): read as if escaped, reported as a repair",
	"marc4j/marc-json.json":                     "marc4j's old MARC-JSON with unquoted keys ('leader : ...'), neither JSON nor MARC-in-JSON (the MANIFEST counts 0 records): validate stops at offset 7",
	"marc4j/summerland-indented-marc-json.json": "marc4j's old MARC-JSON with unquoted keys ('leader:...'), neither JSON nor MARC-in-JSON (the MANIFEST counts 0 records): validate stops at offset 7",
	"marc4j/summerland-marc-json.json":          "marc4j's old MARC-JSON with unquoted keys ('{leader:...'), neither JSON nor MARC-in-JSON (the MANIFEST counts 0 records): validate stops at offset 2",
	"yaz/marc0.json":                            "092 ind2 \"á\" (yaz's test of a two-byte indicator): read as '?', reported as a repair",
	"yaz/marc1.json":                            "leader '00988nam0 32003011  450 ' keeps the DanMARC '32' at 10-11: a leader repair",
	"yaz/marc2.json":                            "leader '01116nam0 32002171  450 ' ('32' at 10-11) and subfield code \"å\" in two 795 fields: repaired",
	"yaz/marc4.json":                            "yaz's reading of the broken marc4.marc (5 stray bytes '00914' before its leader): no fields, leader '009140091422a  22003370 ' (20-23 '370 '): a leader repair",
	"yaz/marc5.json":                            "250 has subfield code \"η\": yaz took the '2' of marc5.marc's undelimited '2η εκδ.' for the delimiter; read as '?', reported as a repair",
}

// suspectedBug is a file where validate's verdict itself looks wrong.
type suspectedBug struct {
	flagged bool   // validate's verdict today: true if it reports something
	what    string // what is in the file, and what looks wrong
}

// suspectedBugs are left to whoever fixes them; the test logs them, and
// fails when validate's verdict changes, so that a fixed file is moved to
// where it then belongs.
var suspectedBugs = map[string]suspectedBug{}

// wellFormedDespiteName lists the files named as broken that validate
// rightly calls well-formed: what is wrong with them is content validate
// does not check.
var wellFormedDespiteName = map[string]string{
	"marc-perl/marc-record/badind.usmarc":                "245's first indicator is '-': an indicator value, not framing",
	"marc4j/chabon-record-type-bad.xml":                  "<record type=\"Bibliographical\"> is not one of the schema's type values; the attribute carries nothing marcmap reads",
	"openlibrary/bin_input/collingswood_bad_008.mrc":     "008/29 holds 0xF6, an ANSEL combining low line, in a fixed-length field: content; framing and MARC-8 are sound",
	"openlibrary/bin_input/reprint_date_wrong_order.mrc": "008/06-14 'r18732010' gives the original date where the reprint date belongs: content; framing is sound",
	"pymarc/utf8_errors.dat":                             "valid UTF-8 under leader/09 'a' (combining marks and modifier letters in 245 ...); pymarc's (disabled) test got its errors by decoding it as MARC-8",
	"ruby-marc/messed_up_leader.xml":                     "leader '01301nam a22003618< 4500': leader/18 is '<', a value validate does not check (10-11 and 20-23 are right)",
	"solrmarc/errorRecs.mrc":                             "record 3's 852 has subfield code '=' (content); framing and MARC-8 are sound",
}
