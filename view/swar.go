package view

import "encoding/binary"

// parse8 returns the value of eight ASCII digits (the caller has checked
// they are digits), with the multiply-and-shift technique described by
// Daniel Lemire for simdjson: three multiplications instead of eight.
func parse8(p []byte) int {
	const (
		mask = 0x000000FF000000FF
		mul1 = 100 + 1000000<<32
		mul2 = 1 + 10000<<32
	)
	v := binary.LittleEndian.Uint64(p)
	v -= 0x3030303030303030
	v = v*10 + v>>8
	v = ((v&mask)*mul1 + ((v>>16)&mask)*mul2) >> 32
	return int(v)
}

// entryNums returns the length and starting position of a 12-byte
// directory entry whose digits Parse has checked.
func entryNums(e []byte) (length, start int) {
	_ = e[11]
	x := parse8(e[4:12]) // three length digits, then five start digits
	hi := x / 100000
	return int(e[3]-'0')*1000 + hi, x - hi*100000
}

// digits8 reports whether the eight bytes of p are all ASCII digits.
func digits8(p []byte) bool {
	const hi, want = 0xF0F0F0F0F0F0F0F0, 0x3030303030303030
	v := binary.LittleEndian.Uint64(p)
	// Every high nibble is 3, and adding 6 to the low nibbles does not
	// carry into them (so each low nibble is at most 9). With all high
	// nibbles 3, no carry crosses a byte.
	return v&hi == want && (v+0x0606060606060606)&hi == want
}
