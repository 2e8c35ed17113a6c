package view

import (
	"fmt"
	"strings"
	"testing"
)

// gapRecord builds a record whose directory lists fields (tag, content
// with its terminator, start) over a data area given whole.
func gapRecord(data string, entries ...[3]string) []byte {
	dir := ""
	for _, e := range entries {
		dir += e[0] + e[1] + e[2]
	}
	dir += "\x1e"
	base := 24 + len(dir)
	total := base + len(data) + 1
	return []byte(fmt.Sprintf("%05dnam a22%05d a 4500", total, base) + dir + data + "\x1d")
}

// TestDirectoryWithGapIsTrusted: a consistent directory over a data area
// with unused bytes (MARC::Record's tests build such records) is read as
// the directory says, in order or not. Before, the record failed Parse and
// ParseLenient re-read it by terminators: the gap became the next field's
// indicators, and an out-of-order directory put every field under the
// wrong tag.
func TestDirectoryWithGapIsTrusted(t *testing.T) {
	// 001 "id1" at 0 (4 bytes), a 3-byte gap "@@@", 245 at 7, 650 at 22.
	data := "id1\x1e" + "@@@" + "10\x1faTitle\x1e" + "....." + " 0\x1faHistory\x1e"
	inOrder := gapRecord(data, [3]string{"001", "0004", "00000"}, [3]string{"245", "0010", "00007"}, [3]string{"650", "0012", "00022"})
	// The same fields, directory listing 650 first.
	outOfOrder := gapRecord(data, [3]string{"650", "0012", "00022"}, [3]string{"001", "0004", "00000"}, [3]string{"245", "0010", "00007"})
	want := map[string]string{"001": "id1", "245": "10\x1faTitle", "650": " 0\x1faHistory"}
	for name, b := range map[string][]byte{"in order": inOrder, "out of order": outOfOrder} {
		for _, parse := range []func([]byte) (Record, error){Parse, ParseLenient} {
			r, err := parse(b)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if r.Repairs() != 0 || r.NumFields() != 3 {
				t.Fatalf("%s: repairs %v, %d fields", name, r.Repairs(), r.NumFields())
			}
			for f := range r.Fields() {
				tag := f.Tag()
				if got := string(f.Data()); got != want[tag.String()] {
					t.Errorf("%s: field %s holds %q, want %q", name, tag, got, want[tag.String()])
				}
			}
		}
	}
	// Overlapping fields are still an error.
	overlap := gapRecord(data, [3]string{"001", "0004", "00000"}, [3]string{"245", "0010", "00007"}, [3]string{"650", "0010", "00007"})
	if _, err := Parse(overlap); err == nil {
		t.Fatal("overlapping fields accepted")
	}
}

// TestWrongDirectoryTerminator: a record whose only fault is the byte
// that ends the directory (0x1F in marc-perl's baddir.usmarc) is repaired
// in lenient mode, fields as the directory says; before, it was rejected.
func TestWrongDirectoryTerminator(t *testing.T) {
	data := "id1\x1e" + "10\x1faTitle\x1e"
	b := gapRecord(data, [3]string{"001", "0004", "00000"}, [3]string{"245", "0010", "00004"})
	base := LeaderLen + 2*entryLen + 1
	b[base-1] = SubfieldDelimiter
	if _, err := Parse(b); err == nil {
		t.Fatal("strict Parse accepted a bad directory terminator")
	}
	r, err := ParseLenient(b)
	if err != nil || r.Repairs() != RepairBaseAddress || r.NumFields() != 2 {
		t.Fatalf("%v, repairs %v", err, r.Repairs())
	}
	if f, _ := r.Field("245"); string(f.Data()) != "10\x1faTitle" {
		t.Fatalf("245 %q", f.Data())
	}
}

// TestWideDirectoryEntries: a directory with a 13-byte entry (five-digit
// length for a field over 9,999 bytes, as in marc4j's
// bad_oversize_field_bad_directory.mrc) is read by the field terminators
// in lenient mode (issue 11: the record was lost); strict Parse rejects it.
func TestWideDirectoryEntries(t *testing.T) {
	long := "  $a" + strings.Repeat("x", 10050)
	long = strings.ReplaceAll(long, "$", "\x1f") + "\x1e"
	data := "id1\x1e" + long + "10\x1faTitle\x1e"
	dir := "001000400000" + fmt.Sprintf("520%05d%05d", len(long), 4) + fmt.Sprintf("245%04d%05d", 10, 4+len(long)) + "\x1e"
	base := 24 + len(dir)
	b := []byte(fmt.Sprintf("%05dnam a22%05d a 4500", base+len(data)+1, base) + dir + data + "\x1d")
	if _, err := Parse(b); err == nil {
		t.Fatal("strict Parse accepted a 13-byte entry")
	}
	r, err := ParseLenient(b)
	if err != nil || r.Repairs()&RepairDirectory == 0 || r.NumFields() != 3 {
		t.Fatalf("%v, repairs %v, %d fields", err, r.Repairs(), r.NumFields())
	}
	want := map[string]int{"001": 3, "520": len(long) - 1, "245": 9}
	for f := range r.Fields() {
		tag := f.Tag()
		if len(f.Data()) != want[tag.String()] {
			t.Errorf("field %s: %d bytes, want %d", tag, len(f.Data()), want[tag.String()])
		}
	}
}

// TestGapNotTrustedAfterFramingRepair: a record that lost its terminator,
// read together with the broken bytes after it, is not taken as a record
// with a gap (which would hide the lost bytes): a directory is trusted with
// unused bytes only when the framing needed no repair.
func TestGapNotTrustedAfterFramingRepair(t *testing.T) {
	data := "id1\x1e" + "10\x1faTitle\x1e"
	a := gapRecord(data, [3]string{"001", "0004", "00000"}, [3]string{"245", "0010", "00004"})
	piece := append(a[:len(a)-1:len(a)-1], "00045 broken neighbour with its own terminator\x1e\x1d"...)
	if r, err := ParseLenient(piece); err == nil {
		t.Fatalf("read as one record with repairs %v; the neighbour's bytes were hidden", r.Repairs())
	}
}

// TestFirstEntryLostTagByte: a first directory entry of 11 bytes whose
// 00X tag lost a '0' (marc4j's pride-and-prejudice-with-many-errors.mrc,
// 16 records) is read in lenient mode when every entry matches the field
// terminators; before, the record was lost.
func TestFirstEntryLostTagByte(t *testing.T) {
	data := "id1\x1e" + "10\x1faTitle\x1e"
	dir := "01" + "000400000" + "245001000004" + "\x1e"
	base := 24 + len(dir)
	b := []byte(fmt.Sprintf("%05dnam a22%05d a 4500", base+len(data)+1, base) + dir + data + "\x1d")
	r, err := ParseLenient(b)
	if err != nil || r.Repairs()&RepairDirectory == 0 {
		t.Fatalf("%v, repairs %v", err, r.Repairs())
	}
	if f, ok := r.Field("001"); !ok || string(f.Data()) != "id1" {
		t.Fatalf("001 %q %v", f.Data(), ok)
	}
	// Not when the first field is a data field: the tag is not known.
	data2 := "10\x1faX\x1e" + "10\x1faTitle\x1e"
	dir2 := "02" + "000600000" + "245001000006" + "\x1e"
	base2 := 24 + len(dir2)
	b2 := []byte(fmt.Sprintf("%05dnam a22%05d a 4500", base2+len(data2)+1, base2) + dir2 + data2 + "\x1d")
	if _, err := ParseLenient(b2); err == nil {
		t.Fatal("guessed the tag of a data field")
	}
}

// TestSixDigitStarts: a record over 99,999 bytes whose directory writes
// starts past 99,999 with six digits (marc4j's datos-20161010-slice.mrc,
// leader length "99999") is read by the field terminators in lenient mode,
// with every field under its own tag; before, the record was lost.
func TestSixDigitStarts(t *testing.T) {
	var dir, data strings.Builder
	n := 0
	for i := 0; data.Len() < 120000; i++ {
		f := fmt.Sprintf("  \x1fa%05d %s\x1e", i, strings.Repeat("y", 990))
		w := 5
		if data.Len() > 99999 {
			w = 6
		}
		fmt.Fprintf(&dir, "952%04d%0*d", len(f), w, data.Len())
		data.WriteString(f)
		n++
	}
	dir.WriteString("\x1e")
	b := []byte("99999npm a2200000   4500" + dir.String() + data.String() + "\x1d")
	if _, err := Parse(b); err == nil {
		t.Fatal("strict Parse accepted six-digit starts")
	}
	r, err := ParseLenient(b)
	if err != nil || r.Repairs()&RepairDirectory == 0 || r.Repairs()&RepairLength == 0 || r.NumFields() != n {
		t.Fatalf("%v, repairs %v, %d fields, want %d", err, r.Repairs(), r.NumFields(), n)
	}
	i := 0
	for f := range r.Fields() {
		want := fmt.Sprintf("%05d ", i)
		if v, _ := f.Subfield('a'); f.Tag().String() != "952" || !strings.HasPrefix(string(v), want) {
			t.Fatalf("field %d: %s $a %.10q", i, f.Tag(), v)
		}
		i++
	}
}
