package view

import "testing"

// TestRecordErrorMessages: every combination of known positions reads
// well, with no empty segment (", :" was printed before).
func TestRecordErrorMessages(t *testing.T) {
	for _, c := range []struct {
		e    RecordError
		want string
	}{
		{RecordError{Index: 3, Offset: 10, Pos: -1, Err: ErrLeader}, "marc: record 3 at offset 10: bad leader"},
		{RecordError{Index: 3, Offset: -1, Line: 7, Pos: -1, Err: ErrField}, "marc: record 3 at line 7: bad field"},
		{RecordError{Index: -1, Offset: -1, Line: 2, Pos: -1, Err: ErrSyntax}, "marc: line 2: malformed input"},
		{RecordError{Index: -1, Offset: 99, Pos: -1, Err: ErrSyntax}, "marc: offset 99: malformed input"},
		{RecordError{Index: 4, Offset: -1, Pos: -1, Err: ErrTooLong}, "marc: record 4: record too long"},
		{RecordError{Index: -1, Offset: -1, Pos: -1, Err: ErrTooLong}, "marc: record too long"},
		{RecordError{Index: -1, Offset: -1, Tag: Tag{'2', '4', '5'}, Pos: -1, Err: ErrField}, "marc: field 245: bad field"},
		{RecordError{Index: -1, Offset: -1, Tag: Tag{'2', '4', '5'}, Pos: 60, Err: ErrCharset}, "marc: field 245, record byte 60: bad character data"},
		{RecordError{Index: 1, Offset: 5, Tag: Tag{'2', '4', '5'}, Pos: 60, Err: ErrCharset}, "marc: record 1 at offset 5, field 245, byte 60: bad character data"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.e, got, c.want)
		}
	}
}
