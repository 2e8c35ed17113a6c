package marcmap

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/marcmap/marcmap/view"
)

// Format is a MARC serialisation marcmap reads and writes.
type Format uint8

// The formats. FormatAuto, the zero value, asks the reader to detect the
// format (see [DetectFormat]).
const (
	FormatAuto Format = iota
	ISO2709           // binary MARC 21 exchange format (.mrc)
	MARCXML           // LoC MARC21 slim XML
	MARCJSON          // MARC-in-JSON, one object per line or an array
	MRK               // MARCMaker text (.mrk)
)

var formatNames = [...]string{FormatAuto: "auto", ISO2709: "iso2709", MARCXML: "marcxml", MARCJSON: "mij", MRK: "mrk"}

// String returns the format's name as ParseFormat accepts it: "iso2709",
// "marcxml", "mij" or "mrk" ("auto" for FormatAuto).
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// FormatNames lists the names of the formats, for help texts.
const FormatNames = "iso2709 (or marc, mrc), marcxml (or xml), mij (or json, marcjson), mrk"

// ParseFormat returns the format a name stands for. It takes the names
// String returns and common aliases: marc, mrc, usmarc and binary for
// ISO 2709, xml for MARCXML, json, marcjson and marc-in-json for MARC-in-JSON,
// marcmaker for MRK; case does not matter.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(name) {
	case "iso2709", "marc", "mrc", "usmarc", "marc21", "binary":
		return ISO2709, nil
	case "marcxml", "xml":
		return MARCXML, nil
	case "mij", "json", "marcjson", "marc-in-json", "ndjson", "jsonl":
		return MARCJSON, nil
	case "mrk", "marcmaker", "mrk8":
		return MRK, nil
	case "auto", "":
		return FormatAuto, nil
	}
	return FormatAuto, fmt.Errorf("unknown format %q (want %s)", name, FormatNames)
}

// formatByName guesses a format from a file name's extension.
func formatByName(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml", ".marcxml":
		return MARCXML
	case ".json", ".ndjson", ".jsonl", ".ndj", ".mij":
		return MARCJSON
	case ".mrk", ".mrk8":
		return MRK
	case ".mrc", ".marc", ".iso2709", ".usmarc", ".dat":
		return ISO2709
	}
	return FormatAuto
}

// DetectFormat tells the format of an input from its first bytes (512 are
// plenty), with the file name as a hint where the bytes do not decide. The
// content comes first: an ISO 2709 record starts with five digits, MARCXML
// with '<', MARC-in-JSON with '{' or '[', MRK with '=' (after a byte order
// mark and white space). Input that is none of these (padding, garbage)
// goes by the name's extension, else is read as ISO 2709, whose lenient
// scanner reports what it cannot read.
func DetectFormat(name string, head []byte) Format {
	p := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	p = bytes.TrimLeft(p, " \t\r\n")
	if len(p) > 0 {
		switch p[0] {
		case '<':
			return MARCXML
		case '{', '[':
			return MARCJSON
		case '=':
			return MRK
		}
		if len(p) >= 5 && view.Digits(p[:5]) >= 0 {
			return ISO2709
		}
	}
	if f := formatByName(name); f != FormatAuto {
		return f
	}
	return ISO2709
}
