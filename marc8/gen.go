package marc8

//go:generate go run ./internal/gentables -in ../../shared/reference/codetables.xml -out tables.go

// charset is one single-byte MARC-8 graphic set. table is indexed by the
// code with its high bit cleared (G0 and G1 forms share it); 0 means
// undefined, -1 a code with no character of its own (the second halves of
// the ligature and double tilde).
type charset struct {
	final     byte
	combining [2]uint64
	table     [128]rune
}

func (c *charset) isCombining(b byte) bool { return c.combining[b/64]&(1<<(b%64)) != 0 }

type encodeEntry struct {
	r    rune
	set  byte
	code uint32
}
