package view

import (
	"bytes"
	"encoding/binary"
	"errors"
	"iter"
	"strconv"
)

const entryLen = DirEntryLen // directory entry: tag 3, length 4, start 5

// Repair is a set of repairs [ParseLenient] made to read a record.
type Repair uint8

// The repairs ParseLenient can make; see the package documentation.
const (
	RepairLength Repair = 1 << iota
	RepairTerminator
	RepairBaseAddress
	RepairFields
	RepairLeader
	// RepairText is set by readers of text formats (MARCXML, MARC-in-JSON,
	// MRK) on a record they read with a repair: see the reader's Repair
	// method for what it was.
	RepairText
	// RepairDirectory: directory entries wider than 12 bytes (a five-digit
	// length for a field over 9,999 bytes, a six-digit start past 99,999:
	// exporter conventions) were read by the field terminators and the
	// record rebuilt in new memory.
	RepairDirectory
)

var repairNames = [...]string{"length", "terminator", "base-address", "fields", "leader", "text", "directory"}

// String lists the repairs, e.g. "length+fields", or "none".
func (r Repair) String() string {
	if r == 0 {
		return "none"
	}
	var s string
	for i, name := range repairNames {
		if r&(1<<i) != 0 {
			if s != "" {
				s += "+"
			}
			s += name
		}
	}
	return s
}

// Record is a parsed view of one ISO 2709 record. The zero Record has no
// fields and an all-zero leader. See the package documentation for lifetimes.
type Record struct {
	b       []byte // the whole record, capacity-clipped
	base    int    // start of the data area
	end     int    // end of the data area: the record terminator's index, or len(b)
	n       int    // number of directory entries
	repairs Repair
}

// Parse checks the framing of one record, b, which must hold exactly the
// record including its record terminator. It does not allocate unless it
// returns an error, which is then a [*RecordError] with Index and Offset -1.
func Parse(b []byte) (Record, error) {
	b = b[:len(b):len(b)]
	if len(b) < LeaderLen+2 {
		return Record{}, recErr(0, Tag{}, ErrLeader, "record shorter than leader and terminators")
	}
	if b[len(b)-1] != RecordTerminator {
		return Record{}, recErr(len(b)-1, Tag{}, ErrTerminator, "")
	}
	l := (*Leader)(b[:LeaderLen])
	n := l.RecordLength()
	if n < 0 {
		return Record{}, recErr(0, Tag{}, ErrLeader, "record length not numeric")
	}
	if n != len(b) {
		return Record{}, recErr(0, Tag{}, ErrLength, "leader says "+strconv.Itoa(n)+", record has "+strconv.Itoa(len(b)))
	}
	r := Record{b: b, end: len(b) - 1}
	if err := r.directory(l.BaseAddress()); err != nil {
		return Record{}, err
	}
	if err, _ := r.checkEntries(); err != nil {
		return Record{}, err
	}
	r.repairs |= leaderRepair(b)
	return r, nil
}

// leaderRepair returns RepairLeader when the leader holds a byte that is
// not printable ASCII, or leader/10-11 and 20-22 are not the "22" and
// "450" that every MARC 21 reader (this one too) reads records by, or 23
// is neither '0' nor a blank (ISO 2709 leaves it undefined; yaz and
// UNIMARC write a blank): readers take such a leader as MARC 21 fixes
// those positions (see Record.Leader).
func leaderRepair(b []byte) Repair {
	// Fast path, for every record: eight bytes at a time, a byte below
	// 0x20 or from 0x7F up sets a high bit (a false alarm only sends the
	// leader to the exact check below).
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x0, x1, x2 := binary.LittleEndian.Uint64(b[0:8]), binary.LittleEndian.Uint64(b[8:16]), binary.LittleEndian.Uint64(b[16:24])
	odd := ((x0 - 0x20*ones) | (x0 + ones) | x0 | (x1 - 0x20*ones) | (x1 + ones) | x1 | (x2 - 0x20*ones) | (x2 + ones) | x2) & highs
	if odd == 0 && b[10] == '2' && b[11] == '2' && b[20] == '4' && b[21] == '5' && b[22] == '0' && (b[23] == '0' || b[23] == ' ') { // "450 " is right
		return 0
	}
	l := (*Leader)(b[:LeaderLen])
	for i, c := range l {
		if c < 0x20 || c >= 0x7F || l.fixedWrong(i) {
			return RepairLeader
		}
	}
	return 0
}

// fixedWrong reports whether leader byte i breaks the values MARC 21
// fixes: "22" at 10-11, "450" at 20-22, '0' at 23 (or a blank after a
// right "450").
func (l *Leader) fixedWrong(i int) bool {
	switch {
	case i == 10 || i == 11 || (i >= 20 && i <= 22):
		return l[i] != marc21Leader[i]
	case i == 23:
		return l[23] != '0' && !(l[23] == ' ' && string(l[20:23]) == "450")
	}
	return false
}

// directory sets base and n from a base address, checking that the
// directory ends there.
func (r *Record) directory(base int) *RecordError {
	if base < 0 {
		return recErr(12, Tag{}, ErrLeader, "base address not numeric")
	}
	if base < LeaderLen+1 || base > r.end {
		return recErr(12, Tag{}, ErrDirectory, "base address "+strconv.Itoa(base)+" outside the record")
	}
	if r.b[base-1] != FieldTerminator {
		return recErr(base-1, Tag{}, ErrDirectory, "no field terminator before the base address")
	}
	if (base-1-LeaderLen)%entryLen != 0 {
		return recErr(base-1, Tag{}, ErrDirectory, "directory length is not a multiple of 12")
	}
	r.base = base
	r.n = (base - 1 - LeaderLen) / entryLen
	return nil
}

func validTag(t []byte) bool {
	for _, c := range t {
		if c < 0x20 || c >= 0x7F {
			return false
		}
	}
	return true
}

// checkEntries checks every directory entry against the data area: each
// field lies inside it and ends with a field terminator, and no two fields
// share a byte. Unused bytes between fields are allowed (ISO 2709 does not
// forbid them, and MARC::Record's tests build such records): a directory
// that is consistent is trusted. Real writers lay fields out in directory
// order, which is checked on the way; other layouts take the slower
// overlap check. tiled reports whether the fields fill the data area with
// no unused byte.
func (r *Record) checkEntries() (err *RecordError, tiled bool) {
	sum, next := 0, 0
	inOrder := true
	for i := 0; i < r.n; i++ {
		p := LeaderLen + i*entryLen
		e := r.b[p : p+entryLen]
		tag := Tag(e[0:3])
		if !validTag(e[0:3]) {
			return recErr(p, tag, ErrDirectory, "tag has control bytes"), false
		}
		if e[3] < '0' || e[3] > '9' || !digits8(e[4:12]) {
			return recErr(p+3, tag, ErrDirectory, "entry length or start not numeric"), false
		}
		length, start := entryNums(e)
		s := r.base + start
		if length == 0 || s+length > r.end {
			return recErr(p+3, tag, ErrField, "field runs past the data area"), false
		}
		if r.b[s+length-1] != FieldTerminator {
			return recErr(s+length-1, tag, ErrField, "no field terminator at the end of the field"), false
		}
		inOrder = inOrder && start >= next
		next = start + length
		sum += length
	}
	if sum > r.end-r.base {
		return recErr(r.base, Tag{}, ErrField, "field lengths add up to "+strconv.Itoa(sum)+", data area has "+strconv.Itoa(r.end-r.base)+" bytes"), false
	}
	tiled = sum == r.end-r.base
	if !inOrder {
		return r.checkOverlap(), tiled
	}
	return nil, tiled
}

// maxDataSpan bounds start+length of a directory entry (5 and 4 digits).
const maxDataSpan = MaxRecordLen + MaxFieldLen

// checkOverlap checks that no two fields share a byte, with a bitmap of the
// data area on the stack. Only records whose fields are not in directory
// order come here.
//
//go:noinline
func (r *Record) checkOverlap() *RecordError {
	var seen [maxDataSpan/64 + 1]uint64
	for i := 0; i < r.n; i++ {
		p := LeaderLen + i*entryLen
		e := r.b[p : p+entryLen]
		start := digits(e[7:12])
		for j, end := start, start+digits(e[3:7]); j < end; j++ {
			w, bit := j/64, uint64(1)<<(j%64)
			if seen[w]&bit != 0 {
				return recErr(p+7, Tag(e[0:3]), ErrField, "field overlaps another field")
			}
			seen[w] |= bit
		}
	}
	return nil
}

// badDirectoryTerminator reports whether base would end a consistent
// directory but for the byte before it, which is not a field terminator:
// the directory's entries are all well-formed and point inside the data
// area at fields that end with a terminator.
func (r *Record) badDirectoryTerminator(base int) bool {
	if base < LeaderLen+1+entryLen || base > r.end || r.b[base-1] == FieldTerminator || (base-1-LeaderLen)%entryLen != 0 {
		return false
	}
	t := *r
	t.base, t.n = base, (base-1-LeaderLen)/entryLen
	err, tiled := t.checkEntries()
	return err == nil && tiled
}

// ParseLenient parses b like [Parse] and, when that fails, tries the repairs
// described in the package documentation. b may lack the final record
// terminator. When no repair applies it returns Parse's error.
func ParseLenient(b []byte) (Record, error) {
	r, err := parseLenient(b)
	if err != nil {
		if nb := wideEntries(b); nb != nil {
			if r, err2 := parseLenient(nb); err2 == nil {
				r.repairs |= RepairDirectory
				if b[len(b)-1] != RecordTerminator {
					r.repairs |= RepairTerminator
				}
				if digits(b[0:5]) != len(b) {
					r.repairs |= RepairLength
				}
				return r, nil
			}
		}
	}
	return r, err
}

// wideEntries rebuilds a record whose directory holds wider entries among
// 12-byte ones — a five-digit length for a field over 9,999 bytes, a
// six-digit start past 99,999 — or whose first entry lost a '0' of its
// 00X tag, when every entry's length and start match the field
// terminators exactly. The new record has 12-byte entries, with a number
// too long for its digits written as zeros (the zero-filled convention,
// read by terminators; a record over 99,999 bytes gets length 00000 and
// is reported with RepairLength). It returns nil when b is not such a
// record.
func wideEntries(b []byte) []byte {
	end := len(b)
	if end > 0 && b[end-1] == RecordTerminator {
		end--
	}
	if end < LeaderLen+1 || digits(b[0:5]) < 0 {
		return nil
	}
	d := bytes.IndexByte(b[LeaderLen:end], FieldTerminator)
	if d <= 0 {
		return nil // no directory
	}
	dir, data := b[LeaderLen:LeaderLen+d], b[LeaderLen+d+1:end]
	n := bytes.Count(data, []byte{FieldTerminator})
	if n == 0 || n*(entryLen-1) > len(dir) || data[len(data)-1] != FieldTerminator {
		return nil
	}
	// Walk the directory with the fields' real lengths and starts.
	out := make([]byte, 0, len(b)+n) // bounded by the input's size
	out = append(out, b[:LeaderLen]...)
	p, start, rest := 0, 0, data
	for i := range n {
		length := bytes.IndexByte(rest, FieldTerminator) + 1
		field := rest[:length-1]
		rest = rest[length:]
		if p+3 > len(dir) || !validTag(dir[p:p+3]) {
			return nil
		}
		w := 0
		tag := dir[p : p+3 : p+3]
		switch {
		case p+12 <= len(dir) && digits(dir[p+3:p+7]) == length && digits(dir[p+7:p+12]) == start:
			w = 12
		case p+13 <= len(dir) && digits(dir[p+3:p+8]) == length && digits(dir[p+8:p+13]) == start:
			w = 13
		case start > 99999 && p+13 <= len(dir) && digits(dir[p+3:p+7]) == length && digits(dir[p+7:p+13]) == start:
			w = 13 // a six-digit start past 99,999 (marc4j's datos file)
		case start > 99999 && p+14 <= len(dir) && digits(dir[p+3:p+8]) == length && digits(dir[p+8:p+14]) == start:
			w = 14
		case i == 0 && dir[p] == '0' && dir[p+1] >= '0' && dir[p+1] <= '9' && p+11 <= len(dir) &&
			digits(dir[p+2:p+6]) == length && digits(dir[p+6:p+11]) == start &&
			bytes.IndexByte(field, SubfieldDelimiter) < 0:
			// A first entry of 11 bytes whose tag lost a '0' (marc4j's
			// pride-and-prejudice file: "01" for 001), before a control
			// field: the tag is read as 00X.
			w, tag = 11, []byte{'0', '0', dir[p+1]}
		default:
			return nil
		}
		out = append(out, tag...)
		out = AppendDigits(out, length, 4)
		out = AppendDigits(out, start, 5)
		p += w
		start += length
	}
	if p != len(dir) {
		return nil
	}
	out = append(out, FieldTerminator)
	base := len(out)
	out = append(out, data...)
	out = append(out, RecordTerminator)
	AppendDigits(out[0:0], len(out), 5) // record length and base address, in place
	AppendDigits(out[12:12], base, 5)
	return out
}

func parseLenient(b []byte) (Record, error) {
	r, strictErr := Parse(b)
	if strictErr == nil {
		return r, nil
	}
	b = b[:len(b):len(b)]
	if len(b) < LeaderLen+1 {
		return Record{}, strictErr
	}
	r = Record{b: b, end: len(b)}
	if b[len(b)-1] == RecordTerminator {
		r.end--
	} else {
		r.repairs |= RepairTerminator
	}
	l := (*Leader)(b[:LeaderLen])
	if n := l.RecordLength(); n != len(b) && !(n == len(b)+1 && r.repairs&RepairTerminator != 0) {
		r.repairs |= RepairLength
	}
	if r.directory(l.BaseAddress()) != nil {
		if base := l.BaseAddress(); r.badDirectoryTerminator(base) {
			// Only the directory's terminator byte is wrong (baddir.usmarc
			// has 0x1F there): the directory itself is consistent.
			r.base, r.n = base, (base-1-LeaderLen)/entryLen
		} else {
			d := bytes.IndexByte(b[LeaderLen:r.end], FieldTerminator)
			if d < 0 || r.directory(LeaderLen+d+1) != nil {
				return Record{}, strictErr
			}
		}
		r.repairs |= RepairBaseAddress
	}
	// A consistent directory is trusted with unused bytes between fields
	// only when the framing needed no repair: a record that lost its
	// terminator or its length must fill its data area, or it is read by
	// the terminators (a gap there may be a neighbour's data).
	if err, tiled := r.checkEntries(); err == nil && (tiled || r.repairs == 0) {
		if r.repairs != 0 && !r.plausible() {
			return Record{}, implausible(strictErr)
		}
		r.repairs |= leaderRepair(b)
		return r, nil
	}
	// Sequential layout: one terminator per entry, the last one ending the data.
	for i := 0; i < r.n; i++ {
		p := LeaderLen + i*entryLen
		if !validTag(b[p : p+3]) {
			return Record{}, strictErr
		}
	}
	data := b[r.base:r.end]
	if bytes.Count(data, []byte{FieldTerminator}) != r.n || (r.n > 0 && data[len(data)-1] != FieldTerminator) {
		return Record{}, strictErr
	}
	r.repairs |= RepairFields
	if !r.plausible() {
		return Record{}, implausible(strictErr)
	}
	r.repairs |= leaderRepair(b)
	return r, nil
}

// plausible reports whether a repaired record still looks like MARC: at
// least one field, and every tag three ASCII letters or digits. Random
// bytes that happen to end in a record terminator can be "repaired" into
// a record with no fields or with tags of punctuation; such a piece is
// rejected instead of being counted as a record.
func (r *Record) plausible() bool {
	if r.n == 0 {
		return false
	}
	for i := 0; i < r.n; i++ {
		p := LeaderLen + i*entryLen
		for _, c := range r.b[p : p+3] {
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return false
			}
		}
	}
	return true
}

// implausible adds to the strict parse error that the repairs did not
// give a plausible record.
func implausible(err error) error {
	var re *RecordError
	if errors.As(err, &re) {
		c := *re
		c.Err = &detailError{re.Err, "and repairing it gives no plausible record (no fields, or tags that are not letters or digits)"}
		return &c
	}
	return err
}

// Leader returns a copy of the leader. When the record has RepairLeader,
// it is the leader as MARC 21 readers take it (pymarc, MARC::Record and
// yaz write it so): a byte that is not printable ASCII becomes a blank,
// and leader/10-11 and 20-23 become "22" and "4500" (a blank at 23 after
// a right "450", which ISO 2709 allows, is kept).
// Bytes returns the leader as stored.
func (r Record) Leader() Leader {
	if len(r.b) < LeaderLen {
		return Leader{}
	}
	l := Leader(r.b[:LeaderLen])
	if r.repairs&RepairLeader != 0 {
		l.normalize()
	}
	return l
}

// marc21Leader holds the values MARC 21 fixes in leader/10-11 and 20-23.
const marc21Leader = "          22        4500"

// normalize fixes the leader as Leader documents.
func (l *Leader) normalize() {
	for i, c := range l {
		if c < 0x20 || c >= 0x7F {
			l[i] = ' '
		}
	}
	bad23 := l.fixedWrong(23) // before 20-22 are fixed
	for i := range l {
		if i == 23 && bad23 || i != 23 && l.fixedWrong(i) {
			l[i] = marc21Leader[i]
		}
	}
}

// WithRepairs returns r with RepairText added when rp holds it: readers
// of text formats report so the repairs Parse cannot see. Other flags are
// ignored, since they change how the record is read.
func (r Record) WithRepairs(rp Repair) Record {
	r.repairs |= rp & RepairText
	return r
}

// Bytes returns the record's bytes as given to Parse (capacity-clipped).
func (r Record) Bytes() []byte { return r.b }

// Len returns the record's length in bytes.
func (r Record) Len() int { return len(r.b) }

// NumFields returns the number of fields (directory entries).
func (r Record) NumFields() int { return r.n }

// Repairs reports what was repaired to read the record: by ParseLenient
// (framing), by Parse too (RepairLeader), or by a text format's reader
// (RepairText); 0 for a record read exactly as stored.
func (r Record) Repairs() Repair { return r.repairs }

// Clone returns a record backed by a private copy of the bytes.
func (r Record) Clone() Record {
	if r.b == nil {
		return r
	}
	c := r
	c.b = bytes.Clone(r.b)
	c.b = c.b[:len(c.b):len(c.b)]
	return c
}

// dirField returns field i in directory layout. Parse checked the digits.
func (r Record) dirField(i int) Field {
	e := r.b[LeaderLen+i*entryLen : LeaderLen+i*entryLen+entryLen]
	length, start := entryNums(e)
	s := r.base + start
	return Field{tag: Tag(e[0:3]), pos: int32(s), data: r.b[s : s+length-1 : s+length-1]}
}

// walk yields the fields in directory order.
func (r Record) walk(yield func(Field) bool) {
	if r.repairs&RepairFields == 0 {
		for i := 0; i < r.n; i++ {
			if !yield(r.dirField(i)) {
				return
			}
		}
		return
	}
	pos := r.base
	for i := 0; i < r.n; i++ {
		e := pos + bytes.IndexByte(r.b[pos:r.end], FieldTerminator)
		p := LeaderLen + i*entryLen
		if !yield(Field{tag: Tag(r.b[p : p+3]), pos: int32(pos), data: r.b[pos:e:e]}) {
			return
		}
		pos = e + 1
	}
}

// Fields iterates over the fields in directory order.
func (r Record) Fields() iter.Seq[Field] {
	// Small enough to inline, with the loop body, into the caller's loop.
	return func(yield func(Field) bool) {
		if r.repairs&RepairFields != 0 {
			r.walk(yield)
			return
		}
		for i := 0; i < r.n; i++ {
			if !yield(r.dirField(i)) {
				return
			}
		}
	}
}

func (r Record) walkTag(tag string, yield func(Field) bool) {
	for f := range r.Fields() {
		if f.tag.Is(tag) && !yield(f) {
			return
		}
	}
}

// FieldsByTag iterates over the fields with the given tag, in order.
func (r Record) FieldsByTag(tag string) iter.Seq[Field] {
	return func(yield func(Field) bool) { r.walkTag(tag, yield) }
}

// Field returns the first field with the given tag.
func (r Record) Field(tag string) (Field, bool) {
	for f := range r.Fields() {
		if f.tag.Is(tag) {
			return f, true
		}
	}
	return Field{}, false
}

// AppendFields appends every field to dst and returns it: random access
// without a per-record allocation when dst is reused.
func (r Record) AppendFields(dst []Field) []Field {
	for f := range r.Fields() {
		dst = append(dst, f)
	}
	return dst
}
