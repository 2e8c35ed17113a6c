package marcxml

import (
	"io"
	"unicode/utf8"
)

// ctlFilter replaces the C0 control characters XML 1.0 forbids (all but
// tab, LF and CR) with U+FFFD before the XML parser sees them, in lenient
// mode: real files carry them (ruby-marc's three-records-second-bad.xml has
// a BEL), and encoding/xml cannot go on after one. In strict mode bytes pass
// through and the parser's error stops the reader.
type ctlFilter struct {
	r       io.Reader
	strict  bool
	pending []byte
	out     []byte
	buf     [4096]byte
}

func (c *ctlFilter) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		m, err := c.r.Read(c.buf[:])
		if m == 0 {
			return 0, err
		}
		c.out = c.out[:0]
		for _, b := range c.buf[:m] {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && !c.strict {
				c.out = utf8.AppendRune(c.out, utf8.RuneError)
				continue
			}
			c.out = append(c.out, b)
		}
		c.pending = c.out
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}
