package view

import "strconv"

// Leader is the 24-byte fixed header of a record. The accessors name the
// MARC 21 positions; they return the raw byte and never fail.
type Leader [LeaderLen]byte

// LeaderLen is the length of a record leader.
const LeaderLen = 24

// Structural bytes of ISO 2709.
const (
	RecordTerminator  = 0x1D
	FieldTerminator   = 0x1E
	SubfieldDelimiter = 0x1F
)

// Limits of ISO 2709 as MARC 21 uses it: five digits of record length and
// field starting position, four of field length, twelve-byte directory
// entries.
const (
	MaxRecordLen = 99999
	MaxFieldLen  = 9999
	DirEntryLen  = 12
)

// Digits returns the value of b when every byte is an ASCII digit, else -1.
// It is the one reading of ISO 2709 numbers (leader lengths, directory
// entries) that the other packages use.
func Digits(b []byte) int { return digits(b) }

// AppendDigits appends v in width ASCII digits, zero-padded, or width
// zeros when v does not fit (the zero-filled convention for lengths and
// positions over the ISO 2709 limits): the writing side of Digits.
func AppendDigits(dst []byte, v, width int) []byte {
	if v >= 0 {
		start := len(dst)
		for range width {
			dst = append(dst, '0')
		}
		x := v
		for i := len(dst) - 1; i >= start && x > 0; i-- {
			dst[i] = byte('0' + x%10)
			x /= 10
		}
		if x > 0 { // wider than width: zeros, as below
			for i := start; i < len(dst); i++ {
				dst[i] = '0'
			}
		}
		return dst
	}
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(v), 10)
	if len(s) > width {
		s = s[:0]
	}
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

func digits(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// RecordLength returns leader/00-04, or -1 when it is not five digits.
func (l Leader) RecordLength() int { return digits(l[0:5]) }

// BaseAddress returns leader/12-16, the offset of the data area, or -1 when
// it is not five digits.
func (l Leader) BaseAddress() int { return digits(l[12:17]) }

// Status returns leader/05, the record status (n new, c corrected, d deleted ...).
func (l Leader) Status() byte { return l[5] }

// Type returns leader/06, the type of record (a language material, z authority ...).
func (l Leader) Type() byte { return l[6] }

// BibLevel returns leader/07, the bibliographic level (m monograph, s serial ...).
func (l Leader) BibLevel() byte { return l[7] }

// ControlType returns leader/08, the type of control.
func (l Leader) ControlType() byte { return l[8] }

// CodingScheme returns leader/09: ' ' for MARC-8, 'a' for UCS/Unicode.
func (l Leader) CodingScheme() byte { return l[9] }

// IsUnicode reports whether leader/09 declares UCS/Unicode (UTF-8).
func (l Leader) IsUnicode() bool { return l[9] == 'a' }

// IndicatorCount returns leader/10 (always '2' in MARC 21).
func (l Leader) IndicatorCount() byte { return l[10] }

// SubfieldCodeCount returns leader/11 (always '2' in MARC 21).
func (l Leader) SubfieldCodeCount() byte { return l[11] }

// EncodingLevel returns leader/17.
func (l Leader) EncodingLevel() byte { return l[17] }

// CatalogingForm returns leader/18, the descriptive cataloging form.
func (l Leader) CatalogingForm() byte { return l[18] }

// MultipartLevel returns leader/19.
func (l Leader) MultipartLevel() byte { return l[19] }

// EntryMap returns leader/20-23 ("4500" in MARC 21).
func (l Leader) EntryMap() [4]byte { return [4]byte(l[20:24]) }

// String returns the leader as text.
func (l Leader) String() string { return string(l[:]) }

// Tag is a three-byte field tag. MARC 21 tags are digits; local tags may be
// letters (FMT, HOL ...).
type Tag [3]byte

// String returns the tag as text.
func (t Tag) String() string { return string(t[:]) }

// Is reports whether t spells s.
func (t Tag) Is(s string) bool {
	return len(s) == 3 && t[0] == s[0] && t[1] == s[1] && t[2] == s[2]
}

// ValidTag reports whether t can be a tag: three bytes of printable ASCII.
func ValidTag(t []byte) bool { return len(t) == 3 && validTag(t) }

// IsControl reports whether the tag names a control field (00X): control
// fields hold a value with no indicators or subfields.
func (t Tag) IsControl() bool { return t[0] == '0' && t[1] == '0' }

// Kind is the kind of MARC 21 record, from leader/06.
type Kind uint8

// The kinds of record; see Leader.Kind.
const (
	KindUnknown    Kind = iota
	Bibliographic       // leader/06 a c d e f g i j k m o p r t
	Authority           // z
	Holdings            // u v x y
	Classification      // w
	Community           // q (community information)
)

var kindNames = [...]string{"unknown", "bibliographic", "authority", "holdings", "classification", "community"}

// String returns the kind's name: "bibliographic", "authority" ...
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Kind returns the kind of record leader/06 says: Bibliographic for a c d
// e f g i j k m o p r t, Authority for z, Holdings for u v x y,
// Classification for w, Community for q, KindUnknown for any other byte.
func (l Leader) Kind() Kind {
	switch l[6] {
	case 'a', 'c', 'd', 'e', 'f', 'g', 'i', 'j', 'k', 'm', 'o', 'p', 'r', 't':
		return Bibliographic
	case 'z':
		return Authority
	case 'u', 'v', 'x', 'y':
		return Holdings
	case 'w':
		return Classification
	case 'q':
		return Community
	}
	return KindUnknown
}
