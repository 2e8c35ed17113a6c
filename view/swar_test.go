package view

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestEntryNums(t *testing.T) {
	check := func(length, start int) {
		e := []byte(fmt.Sprintf("245%04d%05d", length, start))
		l, s := entryNums(e)
		if l != length || s != start {
			t.Fatalf("%s: got %d %d", e, l, s)
		}
	}
	for _, l := range []int{0, 1, 9, 10, 99, 100, 999, 1000, 9998, 9999} {
		for _, s := range []int{0, 1, 9, 10, 99999, 12345, 50000, 99998} {
			check(l, s)
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	for range 100000 {
		check(r.IntN(10000), r.IntN(100000))
	}
}

func TestDigits8(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			p := []byte("01234567")
			p[pos] = byte(c)
			want := c >= '0' && c <= '9'
			if digits8(p) != want {
				t.Fatalf("byte %#x at %d: got %v", c, pos, !want)
			}
		}
	}
}
