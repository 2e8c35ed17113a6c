package view

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type flatField struct {
	Tag        string
	Ind1, Ind2 byte
	Data       string
	Subfields  []string
}

func flatten(r Record) []flatField {
	var out []flatField
	for f := range r.Fields() {
		ff := flatField{Tag: f.Tag().String(), Ind1: f.Ind1(), Ind2: f.Ind2(), Data: string(f.Data())}
		for c, v := range f.Subfields() {
			ff.Subfields = append(ff.Subfields, string(c)+"="+string(v))
		}
		out = append(out, ff)
	}
	return out
}

func TestParseWellFormed(t *testing.T) {
	b := sample()
	r, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != len(b) || r.NumFields() != 6 || r.Repairs() != 0 {
		t.Fatalf("Len %d NumFields %d Repairs %v", r.Len(), r.NumFields(), r.Repairs())
	}
	l := r.Leader()
	if l.RecordLength() != len(b) || l.Type() != 'a' || l.BibLevel() != 'm' || !l.IsUnicode() || l.Status() != 'n' {
		t.Fatalf("leader accessors wrong: %q", l.String())
	}
	want := []flatField{
		{Tag: "001", Ind1: ' ', Ind2: ' ', Data: "ocm00012345"},
		{Tag: "008", Ind1: ' ', Ind2: ' ', Data: "850503s1984    nyua          000 1 eng  "},
		{Tag: "100", Ind1: '1', Ind2: ' ', Data: "1 \x1faKoontz, Dean R.", Subfields: []string{"a=Koontz, Dean R."}},
		{Tag: "245", Ind1: '1', Ind2: '0', Data: "10\x1faHideaway /\x1fcDean Koontz.", Subfields: []string{"a=Hideaway /", "c=Dean Koontz."}},
		{Tag: "650", Ind1: ' ', Ind2: '0', Data: " 0\x1faSuspense fiction.", Subfields: []string{"a=Suspense fiction."}},
		{Tag: "650", Ind1: ' ', Ind2: '0', Data: " 0\x1faHorror tales.\x1fxHistory.", Subfields: []string{"a=Horror tales.", "x=History."}},
	}
	if d := cmp.Diff(want, flatten(r)); d != "" {
		t.Fatalf("fields (-want +got):\n%s", d)
	}
	f, ok := r.Field("245")
	if !ok {
		t.Fatal("no 245")
	}
	if got := string(b[f.Offset() : f.Offset()+len(f.Data())]); got != string(f.Data()) {
		t.Fatalf("Offset %d does not point at the field's content", f.Offset())
	}
	if v, ok := f.Subfield('c'); !ok || string(v) != "Dean Koontz." {
		t.Fatalf("245$c = %q %v", v, ok)
	}
	if _, ok := f.Subfield('z'); ok {
		t.Fatal("245$z found")
	}
	if _, ok := r.Field("999"); ok {
		t.Fatal("999 found")
	}
	n := 0
	for f := range r.FieldsByTag("650") {
		if !f.Tag().Is("650") {
			t.Fatalf("FieldsByTag gave %s", f.Tag())
		}
		n++
	}
	if n != 2 {
		t.Fatalf("FieldsByTag(650) gave %d fields", n)
	}
	all := r.AppendFields(nil)
	if len(all) != 6 || !all[3].Tag().Is("245") {
		t.Fatalf("AppendFields: %d fields", len(all))
	}
}

func TestSlicesAreClipped(t *testing.T) {
	b := sample()
	orig := bytes.Clone(b)
	r, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	for f := range r.Fields() {
		_ = append(f.Data(), 'X', 'X', 'X')
		for _, v := range f.Subfields() {
			_ = append(v, 'Y', 'Y')
		}
	}
	_ = append(r.Bytes(), 'Z')
	if !bytes.Equal(b, orig) {
		t.Fatal("appending to a returned slice wrote into the input")
	}
}

func TestSubfieldEdgeCases(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty data field", "", nil},
		{"indicators only", "10", nil},
		{"text before first delimiter", "10junk\x1faTitle", []string{"\x00=junk", "a=Title"}},
		{"empty subfield", "10\x1fa\x1fbX", []string{"a=", "b=X"}},
		{"delimiter at end", "10\x1faX\x1f", []string{"a=X", "\x00="}},
		{"double delimiter", "10\x1f\x1faX", []string{"\x00=", "a=X"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := NewField(Tag{'2', '4', '5'}, []byte(tc.data))
			var got []string
			for c, v := range f.Subfields() {
				got = append(got, string(c)+"="+string(v))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
	c := NewField(Tag{'0', '0', '1'}, []byte("\x1faX"))
	for range c.Subfields() {
		t.Fatal("control field yielded a subfield")
	}
	if c.Ind1() != ' ' || c.SubfieldData() != nil {
		t.Fatal("control field has indicators")
	}
}

// corrupt returns a copy of b with s written at position at.
func corrupt(b []byte, at int, s string) []byte {
	c := bytes.Clone(b)
	copy(c[at:], s)
	return c
}

func TestParseErrors(t *testing.T) {
	good := sample()
	base := (*Leader)(good[:24]).BaseAddress()
	tests := []struct {
		name string
		in   []byte
		want error
		tag  string
	}{
		{"empty", nil, ErrLeader, ""},
		{"shorter than leader", good[:20], ErrLeader, ""},
		{"no record terminator", good[:len(good)-1], ErrTerminator, ""},
		{"length not numeric", corrupt(good, 0, "0x123"), ErrLeader, ""},
		{"length mismatch", corrupt(good, 0, "00001"), ErrLength, ""},
		{"base not numeric", corrupt(good, 12, "abcde"), ErrLeader, ""},
		{"base past end", corrupt(good, 12, "99999"), ErrDirectory, ""},
		{"base not after directory", corrupt(good, 12, "00050"), ErrDirectory, ""},
		{"entry length not numeric", corrupt(good, 24+3, "00x0"), ErrDirectory, "001"},
		{"field past data", corrupt(good, 24+12*5+3, "9999"), ErrField, "650"},
		{"field start wrong", corrupt(good, 24+12*3+7, "00001"), ErrField, "245"},
		{"tag with control byte", corrupt(good, 24+12*2, "\x1e00"), ErrDirectory, ""},
		{"field terminator missing", corrupt(good, base+11, "X"), ErrField, "001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("%T is not a *RecordError", err)
			}
			if re.Index != -1 || re.Offset != -1 {
				t.Fatalf("Parse set Index %d Offset %d", re.Index, re.Offset)
			}
			if tc.tag != "" && !re.Tag.Is(tc.tag) {
				t.Fatalf("tag %q, want %q", re.Tag.String(), tc.tag)
			}
		})
	}
}

func TestRecordErrorMessage(t *testing.T) {
	e := &RecordError{Offset: 1234, Index: 5, Tag: Tag{'2', '4', '5'}, Pos: 60, Err: ErrField}
	want := "marc: record 5 at offset 1234, field 245, byte 60: bad field"
	if e.Error() != want {
		t.Fatalf("got %q, want %q", e.Error(), want)
	}
	// text formats give the line rather than the offset
	e = &RecordError{Offset: -1, Index: 5, Line: 80, Tag: Tag{'2', '4', '5'}, Pos: 60, Err: Detail(ErrField, "detail")}
	want = "marc: record 5 at line 80, field 245, byte 60: bad field: detail"
	if e.Error() != want {
		t.Fatalf("got %q, want %q", e.Error(), want)
	}
	if e.Fatal() {
		t.Fatal("RecordError without Stop is fatal")
	}
	e.Stop = true
	if !e.Fatal() {
		t.Fatal("RecordError with Stop is not fatal")
	}
	if (*RecordError)(nil).Fatal() {
		t.Fatal("nil RecordError is fatal")
	}
}

func TestExportedHelpers(t *testing.T) {
	for in, want := range map[string]int{"00123": 123, "99999": 99999, "12a45": -1, " 1234": -1, "": 0} {
		if got := Digits([]byte(in)); got != want {
			t.Errorf("Digits(%q) = %d, want %d", in, got, want)
		}
	}
	for in, want := range map[string]bool{"245": true, "FMT": true, "24": false, "2450": false, "2\x1e5": false, "24\x7f": false} {
		if got := ValidTag([]byte(in)); got != want {
			t.Errorf("ValidTag(%q) = %v, want %v", in, got, want)
		}
	}
	if MaxRecordLen != 99999 || MaxFieldLen != 9999 || DirEntryLen != 12 {
		t.Fatalf("limits %d %d %d", MaxRecordLen, MaxFieldLen, DirEntryLen)
	}
	d := Detail(ErrSyntax, "line 3")
	if !errors.Is(d, ErrSyntax) || d.Error() != "malformed input: line 3" {
		t.Fatalf("Detail: %v", d)
	}
	if Detail(ErrField, "") != ErrField {
		t.Fatal("Detail without a detail is not the sentinel")
	}
	// Leader accessors have value receivers: they work on a call's result.
	r := mustParse(t, sample())
	if r.Leader().RecordLength() != len(sample()) || r.Leader().BaseAddress() != LeaderLen+6*DirEntryLen+1 || !r.Leader().IsUnicode() {
		t.Fatalf("leader accessors wrong: %q", r.Leader().String())
	}
}

func TestParseLenient(t *testing.T) {
	good := sample()
	base := (*Leader)(good[:24]).BaseAddress()
	// lengthsOff makes every directory length one short (terminator excluded),
	// as some editors write them.
	lengthsOff := bytes.Clone(good)
	for i := 0; i < 6; i++ {
		p := 24 + 12*i + 3
		n := digits(lengthsOff[p:p+4]) - 1
		copy(lengthsOff[p:], []byte{byte('0' + n/1000), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
	}
	capped := bytes.Clone(good) // starts capped as in >99,999-byte records
	copy(capped[24+12*5+7:], "99999")
	tests := []struct {
		name string
		in   []byte
		want Repair
	}{
		{"well formed", good, 0},
		{"length wrong", corrupt(good, 0, "00714"), RepairLength},
		{"length 99999", corrupt(good, 0, "99999"), RepairLength},
		{"length not numeric", corrupt(good, 0, "  7 4"), RepairLength},
		{"terminator missing", good[:len(good)-1], RepairTerminator},
		{"base wrong", corrupt(good, 12, "00099"), RepairBaseAddress},
		{"base not numeric", corrupt(good, 12, "0 0 1"), RepairBaseAddress},
		{"lengths exclude terminator", lengthsOff, RepairFields},
		{"start capped", capped, RepairFields},
		{"length and start wrong", corrupt(capped, 0, "99999"), RepairLength | RepairFields},
	}
	want := flatten(mustParse(t, good))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseLenient(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.Repairs() != tc.want {
				t.Fatalf("repairs %v, want %v", r.Repairs(), tc.want)
			}
			if d := cmp.Diff(want, flatten(r)); d != "" {
				t.Fatalf("fields (-want +got):\n%s", d)
			}
		})
	}
	_ = base
	rejects := []struct {
		name string
		in   []byte
	}{
		{"lone terminator", []byte{RecordTerminator}},
		{"garbage", []byte("7")},
		{"field terminator missing", corrupt(good, base+11, "X")},
		{"truncated", good[:len(good)-20]},
		{"tag with control byte", corrupt(good, 24+12, "\x01")},
		{"extra field terminator", corrupt(corrupt(good, 24+3, "x"), base+3, "\x1e")},
	}
	for _, tc := range rejects {
		t.Run("reject "+tc.name, func(t *testing.T) {
			if r, err := ParseLenient(tc.in); err == nil {
				t.Fatalf("accepted with repairs %v", r.Repairs())
			}
		})
	}
}

func mustParse(t testing.TB, b []byte) Record {
	t.Helper()
	r, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEmptyRecord(t *testing.T) {
	b := build(testLeader)
	r := mustParse(t, b)
	if r.NumFields() != 0 || len(b) != 26 {
		t.Fatalf("NumFields %d len %d", r.NumFields(), len(b))
	}
	for range r.Fields() {
		t.Fatal("empty record yielded a field")
	}
	var zero Record
	if zero.Leader() != (Leader{}) || zero.NumFields() != 0 {
		t.Fatal("zero Record not empty")
	}
	for range zero.Fields() {
		t.Fatal("zero record yielded a field")
	}
}

func TestClone(t *testing.T) {
	b := sample()
	r := mustParse(t, b)
	c := r.Clone()
	want := flatten(r)
	for i := range b {
		b[i] = 0
	}
	if d := cmp.Diff(want, flatten(c)); d != "" {
		t.Fatalf("clone changed with its source:\n%s", d)
	}
}

func TestEarlyBreak(t *testing.T) {
	r := mustParse(t, sample())
	n := 0
	for range r.Fields() {
		n++
		break
	}
	f, _ := r.Field("650")
	for range f.Subfields() {
		n++
		break
	}
	for range r.FieldsByTag("650") {
		n++
		break
	}
	if n != 3 {
		t.Fatal("break not honoured")
	}
}

func TestRepairString(t *testing.T) {
	if s := (RepairLength | RepairFields).String(); s != "length+fields" {
		t.Fatal(s)
	}
	if s := Repair(0).String(); s != "none" {
		t.Fatal(s)
	}
}
