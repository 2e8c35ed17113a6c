package view

import (
	"strings"
	"testing"
)

// TestLeaderRepair: leader/10-11 and 20-23 that are not "22" and "4500",
// or leader bytes that are not printable ASCII, are flagged RepairLeader,
// and Leader gives them as MARC 21 fixes them (marc4j/bad_leaders_10_11.mrc
// has blanks there, marc4j/sample1.mrc 0x02 at 22, a FOLIO authority file
// "11" and "2222"). A blank at 23 (yaz's and UNIMARC's "450 ") is legal.
func TestLeaderRepair(t *testing.T) {
	record := func(leader string) []byte {
		dir := "001000400000\x1e"
		data := "id1\x1e"
		b := []byte(leader + dir + data + "\x1d")
		copy(b[0:5], []byte(strings.Repeat("0", 5-len(itoa(len(b))))+itoa(len(b))))
		copy(b[12:17], []byte("000"+itoa(24+len(dir))))
		return b
	}
	for _, c := range []struct {
		leader, want string
		repair       bool
	}{
		{"00000nam a2200000 a 4500", "nam a22 a 4500", false},
		{"00000nam a2200000 a 450 ", "nam a22 a 450 ", false},
		{"00000nam          a     ", "nam  22 a 4500", true},
		{"00000nam a2200000 a 45  ", "nam a22 a 4500", true},
		{"00000nam a2200000 a 45\x020", "nam a22 a 4500", true},
		{"00000nam\x92a2200000 a 45x0", "nam a22 a 4500", true},
		{"00000nam a3200000 a 450 ", "nam a22 a 450 ", true},
		{"00000nam a1100000 a 2222", "nam a22 a 4500", true},
	} {
		b := record(c.leader)
		r, err := Parse(b)
		if err != nil {
			t.Fatalf("%q: %v", c.leader, err)
		}
		l := r.Leader()
		if got := string(l[5:12]) + string(l[17:]); got != c.want || (r.Repairs()&RepairLeader != 0) != c.repair {
			t.Errorf("%q: leader %q, repairs %v; want %q, repair %v", c.leader, got, r.Repairs(), c.want, c.repair)
		}
		if string(r.Bytes()[:24]) != string(b[:24]) {
			t.Errorf("%q: Bytes changed", c.leader)
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestLeaderRepairFastPath: the eight-bytes-at-a-time check agrees with
// the byte-by-byte rule for every byte value at every leader position.
func TestLeaderRepairFastPath(t *testing.T) {
	base := []byte("00000nam a2200000 a 4500")
	slow := func(b []byte) Repair {
		l := (*Leader)(b[:LeaderLen])
		for i, c := range l {
			if c < 0x20 || c >= 0x7F || l.fixedWrong(i) {
				return RepairLeader
			}
		}
		return 0
	}
	for i := range LeaderLen {
		for c := range 256 {
			b := append([]byte(nil), base...)
			b[i] = byte(c)
			if got, want := leaderRepair(b), slow(b); got != want {
				t.Fatalf("byte %d = %#x: %v, want %v", i, c, got, want)
			}
		}
	}
}

func TestAppendDigits(t *testing.T) {
	for _, c := range []struct {
		v, width int
		want     string
	}{{0, 5, "00000"}, {570, 5, "00570"}, {99999, 5, "99999"}, {100000, 5, "00000"}, {11242, 4, "0000"}, {9999, 4, "9999"}} {
		if got := string(AppendDigits([]byte("x"), c.v, c.width)); got != "x"+c.want {
			t.Errorf("%d in %d: %q", c.v, c.width, got)
		}
		if Digits([]byte(c.want)) != c.v && c.want != "00000" && c.want != "0000" {
			t.Errorf("Digits does not read back %q", c.want)
		}
	}
}
