package marcjson

import "io"

// ctlEscaper passes JSON through, replacing raw control characters inside
// strings (illegal in JSON, but written by some tools: pymarc's and marc4j's
// test files hold raw newlines in values) with \u00XX escapes. It tracks
// only whether it is inside a string, so it streams.
type ctlEscaper struct {
	r        io.Reader
	strict   bool    // pass control characters through: the JSON decoder rejects them
	emitted  int64   // bytes of output made before the current batch
	marks    []int64 // output offsets of the escapes made, for the reader to report
	inString bool
	escaped  bool   // the previous byte was a backslash inside a string
	pending  []byte // escape text not yet returned
	obuf     []byte
	buf      [4096]byte
}

func (c *ctlEscaper) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(c.pending) > 0 {
			k := copy(p[n:], c.pending)
			c.pending = c.pending[k:]
			n += k
			continue
		}
		if n > 0 {
			return n, nil
		}
		m, err := c.r.Read(c.buf[:min(len(c.buf), len(p))])
		if m == 0 {
			return 0, err
		}
		out := c.obuf[:0]
		for _, b := range c.buf[:m] {
			switch {
			case c.inString && c.escaped:
				c.escaped = false
			case c.inString && b == '\\':
				c.escaped = true
			case b == '"':
				c.inString = !c.inString
			case c.inString && b < 0x20 && !c.strict:
				c.marks = append(c.marks, c.emitted+int64(len(out)))
				out = append(out, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
				continue
			}
			out = append(out, b)
		}
		c.emitted += int64(len(out))
		c.pending, c.obuf = out, out
		if err != nil && len(c.pending) == 0 {
			return n, err
		}
	}
	return n, nil
}
