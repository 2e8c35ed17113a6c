package spec

import (
	"bytes"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marcmap/marcmap/view"
)

// Spec is a compiled field spec: one or several alternatives ("100a:700a").
// It is safe for concurrent use.
type Spec struct {
	src  string
	alts []alt
}

// alt is one alternative of a Spec.
type alt struct {
	leader    bool      // LDR
	tag       [3]byte   // the tag, with wildcards where any[i]
	any       [3]bool   // tag position i matches any character
	lo, hi    [3]byte   // a range of tags (ranged)
	ranged    bool      // lo-hi
	ind       [2]byte   // indicator filters; 0 matches any
	codes     [4]uint64 // subfield codes selected (all when allCodes)
	allCodes  bool
	codeList  string // the codes as written, for Codes
	src       string // the alternative as written
	codeAt    int    // the offset of codeList in src
	from, to  int    // character positions, when positions
	positions bool
	cond      *cond
}

type condOp uint8

const (
	condContains condOp = iota // ~text: substring, ASCII case folded
	condEquals                 // =text: the whole value
	condRegexp                 // ~/re/: regular expression
)

type cond struct {
	op   condOp
	text []byte
	re   *regexp.Regexp
}

// String returns the spec as it was compiled.
func (s *Spec) String() string { return s.src }

// Error is a bad spec: Pos is the byte offset in Spec of the character
// where compiling failed.
type Error struct {
	Spec string
	Pos  int
	Msg  string
}

func (e *Error) Error() string {
	col := utf8.RuneCountInString(e.Spec[:min(e.Pos, len(e.Spec))]) // the caret goes under a character, not a byte
	return "spec " + strconv.Quote(e.Spec) + ": at byte " + strconv.Itoa(e.Pos) + ": " + e.Msg + "\n\t" + e.Spec + "\n\t" + strings.Repeat(" ", col) + "^"
}

// MustCompile is Compile that panics on a bad spec, for specs written in
// the program.
func MustCompile(s string) *Spec {
	sp, err := Compile(s)
	if err != nil {
		panic(err)
	}
	return sp
}

// Compile compiles a spec; see the package documentation for the
// language. A bad spec gives an *Error pointing at the bad character.
func Compile(s string) (*Spec, error) {
	p := parser{src: s}
	sp := &Spec{src: s}
	for {
		a, err := p.alt()
		if err != nil {
			return nil, err
		}
		sp.alts = append(sp.alts, a)
		if p.i == len(s) {
			return sp, nil
		}
		// p.alt stops at ':' or the end.
		p.i++
		if p.i == len(s) {
			return nil, p.fail("a spec must follow ':'")
		}
	}
}

type parser struct {
	src string
	i   int
}

func (p *parser) fail(msg string) *Error { return &Error{p.src, p.i, msg} }

func (p *parser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func isTagChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isCode reports whether c can be a subfield code in a spec: a letter or
// a digit (MARC 21's codes; other bytes would hide typos, such as a file
// name taken for a spec).
func isCode(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *parser) alt() (alt, error) {
	var a alt
	a.allCodes = true
	altAt := p.i
	if len(p.src)-p.i < 3 {
		return a, p.fail("a spec starts with a three-character tag, LDR, or a range like 600-699")
	}
	t := p.src[p.i : p.i+3]
	if t == "LDR" {
		a.leader = true
		p.i += 3
	} else {
		for k := range 3 {
			c := t[k]
			if !isTagChar(c) {
				p.i += k
				return a, p.fail("a tag is three letters or digits; X or . matches any")
			}
			a.tag[k] = c
			a.any[k] = c == 'X' || c == 'x' || c == '.'
		}
		p.i += 3
		if p.peek() == '-' {
			p.i++
			for k := range 3 {
				if !isDigit(a.tag[k]) {
					return a, &Error{p.src, p.i - 4 + k, "a range is two numeric tags, like 600-699"}
				}
			}
			for k := range 3 {
				if p.i+k >= len(p.src) || !isDigit(p.src[p.i+k]) {
					p.i += k
					return a, p.fail("a range ends with a numeric tag, like 600-699")
				}
			}
			a.ranged = true
			a.lo = a.tag
			copy(a.hi[:], p.src[p.i:p.i+3])
			if string(a.hi[:]) < string(a.lo[:]) {
				return a, p.fail("the range ends before it starts")
			}
			p.i += 3
		}
	}
	control := a.leader || !a.ranged && a.tag[0] == '0' && a.tag[1] == '0' && !a.any[0] && !a.any[1]
	// Indicator filter.
	if p.peek() == '|' {
		if a.leader || control {
			return a, p.fail("indicator filters apply to data fields only")
		}
		p.i++
		for k := range 2 {
			c := p.peek()
			switch {
			case c == '*':
				a.ind[k] = 0
			case c == '_' || c == '#' || c == ' ':
				a.ind[k] = ' '
			case c > ' ' && c < 0x7F && c != '|':
				a.ind[k] = c
			default:
				return a, p.fail("an indicator filter is |12|: two characters, each a value, * (any) or _ or # (blank)")
			}
			p.i++
		}
		if p.peek() != '|' {
			return a, p.fail("the indicator filter needs its closing '|' after two characters")
		}
		p.i++
	}
	// Subfield codes or character positions.
	switch c := p.peek(); {
	case c == '[':
		if !control && !a.anyControl() {
			return a, p.fail("character positions apply to LDR and control fields (00X) only")
		}
		p.i++
		fromAt := p.i
		from, ok := p.number()
		if !ok {
			return a, p.fail("a position is a number: [6] or [35-37]")
		}
		to, toAt := from, fromAt
		if p.peek() == '-' {
			p.i++
			toAt = p.i
			if to, ok = p.number(); !ok {
				return a, p.fail("a range of positions ends with a number: [35-37]")
			}
			if to < from {
				return a, p.fail("the positions end before they start")
			}
		}
		if p.peek() != ']' {
			return a, p.fail("positions end with ']'")
		}
		p.i++
		if a.leader && to >= view.LeaderLen {
			return a, &Error{p.src, toAt, "the leader has positions 0 to 23"}
		}
		a.from, a.to, a.positions = from, to, true
	case isCode(c):
		if control || a.leader {
			return a, p.fail("control fields and LDR have no subfields: use positions, like 008[35-37]")
		}
		start := p.i
		for c := p.peek(); isCode(c); c = p.peek() {
			a.codes[c/64] |= 1 << (c % 64)
			p.i++
		}
		a.allCodes = false
		a.codeList = p.src[start:p.i]
		a.codeAt = start - altAt
	}
	// Condition.
	switch p.peek() {
	case '~', '=':
		cd, err := p.cond()
		if err != nil {
			return a, err
		}
		a.cond = cd
	}
	if p.i < len(p.src) && p.src[p.i] != ':' {
		return a, p.fail("unexpected character; specs are separated by ':'")
	}
	a.src = p.src[altAt:p.i]
	return a, nil
}

// anyControl reports whether a wildcard or range tag can name a control
// field.
func (a *alt) anyControl() bool {
	if a.ranged {
		return string(a.lo[:]) <= "009"
	}
	return (a.any[0] || a.tag[0] == '0') && (a.any[1] || a.tag[1] == '0')
}

func (p *parser) number() (int, bool) {
	start := p.i
	n := 0
	for isDigit(p.peek()) && p.i-start < 6 {
		n = n*10 + int(p.src[p.i]-'0')
		p.i++
	}
	return n, p.i > start
}

// cond parses ~text, =text or ~/re/; text runs to an unescaped ':' or
// the end, '\' escaping the next character.
func (p *parser) cond() (*cond, error) {
	op := condContains
	if p.src[p.i] == '=' {
		op = condEquals
	}
	p.i++
	if op == condContains && p.peek() == '/' {
		start := p.i
		p.i++
		var re []byte
		for ; p.i < len(p.src) && p.src[p.i] != '/'; p.i++ {
			if p.src[p.i] == '\\' && p.i+1 < len(p.src) {
				p.i++
				if p.src[p.i] != '/' {
					re = append(re, '\\') // an RE2 escape, kept: \\ is a literal backslash
				}
			}
			re = append(re, p.src[p.i])
		}
		if p.i == len(p.src) {
			p.i = start
			return nil, p.fail("a regular expression ends with '/'")
		}
		p.i++
		rx, err := regexp.Compile(string(re))
		if err != nil {
			p.i = start + 1
			return nil, p.fail("bad regular expression: " + err.Error())
		}
		return &cond{op: condRegexp, re: rx}, nil
	}
	var text []byte
	for ; p.i < len(p.src) && p.src[p.i] != ':'; p.i++ {
		if p.src[p.i] == '\\' && p.i+1 < len(p.src) {
			p.i++
		}
		text = append(text, p.src[p.i])
	}
	if op == condContains && len(text) == 0 {
		return nil, p.fail("'~' needs the text to look for")
	}
	return &cond{op: op, text: text}, nil
}

// matchTag reports whether the alternative names tag t.
func (a *alt) matchTag(t view.Tag) bool {
	if a.ranged {
		return isDigit(t[0]) && isDigit(t[1]) && isDigit(t[2]) && string(t[:]) >= string(a.lo[:]) && string(t[:]) <= string(a.hi[:])
	}
	return (a.any[0] || t[0] == a.tag[0]) && (a.any[1] || t[1] == a.tag[1]) && (a.any[2] || t[2] == a.tag[2])
}

func (a *alt) hasCode(c byte) bool {
	return a.allCodes || c < 0x80 && a.codes[c/64]&(1<<(c%64)) != 0
}

// values yields the alternative's values in field f (not LDR).
func (a *alt) values(f view.Field, yield func([]byte) bool) bool {
	if f.IsControl() {
		if !a.allCodes {
			return true // subfield codes never match a control field
		}
		v := f.Data()
		if a.positions {
			var ok bool
			if v, ok = f.Chars(a.from, a.to); !ok {
				return true
			}
		}
		return yield(v)
	}
	if a.positions {
		return true
	}
	if a.ind[0] != 0 && f.Ind1() != a.ind[0] || a.ind[1] != 0 && f.Ind2() != a.ind[1] {
		return true
	}
	for c, v := range f.Subfields() {
		if c != 0 && a.hasCode(c) && !yield(v) {
			return false
		}
	}
	return true
}

func (c *cond) match(v []byte) bool {
	switch c.op {
	case condEquals:
		return bytes.Equal(v, c.text)
	case condRegexp:
		return c.re.Match(v)
	}
	return containsFold(v, c.text)
}

// containsFold reports whether needle occurs in s, ASCII letters matched
// without regard to case (other bytes exactly).
func containsFold(s, needle []byte) bool {
	if len(needle) == 0 {
		return true
	}
	first := needle[0] | 0x20
	isLetter := first >= 'a' && first <= 'z'
	for i := 0; i+len(needle) <= len(s); i++ {
		c := s[i]
		if isLetter {
			c |= 0x20
		} else {
			first = needle[0]
		}
		if c != first {
			continue
		}
		if equalFold(s[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

func equalFold(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x|0x20 != y|0x20 || x|0x20 < 'a' || x|0x20 > 'z' {
			return false
		}
	}
	return true
}

// fieldMatches reports whether field f passes the alternative's
// condition (true when there is none) and has a value.
func (a *alt) fieldMatches(f view.Field) bool {
	found := false
	a.values(f, func(v []byte) bool {
		found = a.cond == nil || a.cond.match(v)
		return !found
	})
	return found
}

// leader returns the leader positions an LDR alternative selects: the
// stored bytes, or a copy of the leader as Record.Leader reads it when
// it was repaired.
func (a *alt) leaderValue(r view.Record) []byte {
	b := r.Bytes()
	if len(b) < view.LeaderLen {
		return nil
	}
	var v []byte
	if r.Repairs()&view.RepairLeader != 0 {
		l := r.Leader()
		v = bytes.Clone(l[:])
	} else {
		v = b[:view.LeaderLen:view.LeaderLen]
	}
	if a.positions {
		v = v[a.from : a.to+1 : a.to+1]
	}
	return v
}

// walk yields every value the spec selects in r, in record order, with
// the index of the alternative and the field it comes from (the zero
// Field for LDR).
func (s *Spec) walk(r view.Record, yield func(int, view.Field, []byte) bool) {
	for i := range s.alts {
		a := &s.alts[i]
		if !a.leader {
			continue
		}
		v := a.leaderValue(r)
		if v == nil || a.cond != nil && !a.cond.match(v) {
			continue
		}
		if !yield(i, view.Field{}, v) {
			return
		}
	}
	for f := range r.Fields() {
		for i := range s.alts {
			a := &s.alts[i]
			if a.leader || !a.matchTag(f.Tag()) {
				continue
			}
			if a.cond != nil && !a.fieldMatches(f) {
				continue
			}
			if !a.values(f, func(v []byte) bool { return yield(i, f, v) }) {
				return
			}
		}
	}
}

// group tells the values of one (alternative, field) apart from the next.
type group struct {
	alt int
	off int
	tag view.Tag
}

func groupOf(alt int, f view.Field) group { return group{alt, f.Offset(), f.Tag()} }

// Each iterates over the values the spec selects in r, in record order,
// with the field each comes from (the zero Field for LDR): the selected
// subfields of each data field that passes the indicator filter and the
// condition, the data or the positions of each control field. Values
// alias the record, except the leader's, which are copies. Each does not
// allocate (except for LDR specs).
func (s *Spec) Each(r view.Record) iter.Seq2[view.Field, []byte] {
	return func(yield func(view.Field, []byte) bool) {
		s.walk(r, func(_ int, f view.Field, v []byte) bool { return yield(f, v) })
	}
}

// Fields iterates over the fields the spec selects in r (those with at
// least one selected value), each once, in record order. LDR is not a
// field and is left out.
func (s *Spec) Fields(r view.Record) iter.Seq[view.Field] {
	return func(yield func(view.Field) bool) { s.walkFields(r, yield) }
}

func (s *Spec) walkFields(r view.Record, yield func(view.Field) bool) {
	for f := range r.Fields() {
		for i := range s.alts {
			a := &s.alts[i]
			if a.leader || !a.matchTag(f.Tag()) || !a.fieldMatches(f) {
				continue
			}
			if !yield(f) {
				return
			}
			break
		}
	}
}

// Match reports whether the spec selects anything in r: with a
// condition, whether some field satisfies it. It does not allocate,
// except to copy a repaired leader for an LDR spec.
func (s *Spec) Match(r view.Record) bool {
	for _, a := range s.alts {
		if a.leader {
			if v := a.leaderValue(r); v != nil && (a.cond == nil || a.cond.match(v)) {
				return true
			}
		}
	}
	for range s.Fields(r) {
		return true
	}
	return false
}

// AppendValues appends the spec's values in r to dst as text and
// returns it: the values from one field joined by sep (traject joins
// "245abc" with a space), the fields' texts by fieldSep. It allocates
// only to grow dst.
func (s *Spec) AppendValues(dst []byte, r view.Record, sep, fieldSep string) []byte {
	var prev group
	first := true
	s.walk(r, func(i int, f view.Field, v []byte) bool {
		g := groupOf(i, f)
		switch {
		case first:
		case g == prev:
			dst = append(dst, sep...)
		default:
			dst = append(dst, fieldSep...)
		}
		first = false
		prev = g
		dst = append(dst, v...)
		return true
	})
	return dst
}

// Values returns the spec's values in r, one string per field (its
// selected subfields joined by a space, as traject does), in record order.
func (s *Spec) Values(r view.Record) []string {
	var out []string
	var cur []byte
	var prev group
	open := false
	s.walk(r, func(i int, f view.Field, v []byte) bool {
		g := groupOf(i, f)
		if open && g != prev {
			out = append(out, string(cur))
			cur = cur[:0]
			open = false
		}
		if open {
			cur = append(cur, ' ')
		}
		cur = append(cur, v...)
		open = true
		prev = g
		return true
	})
	if open {
		out = append(out, string(cur))
	}
	return out
}

// SplitCodes returns one spec per subfield code s lists, in the order the
// codes are first written, each selecting that code alone in the
// alternatives that list it ("650av" gives "650a" and "650v";
// "100a:700ab" gives "100a:700a" and "700b"), as a table makes one column
// per code. A spec with an alternative that lists no codes (whole fields,
// positions, LDR) is returned alone.
func (s *Spec) SplitCodes() []*Spec {
	var order []byte
	for _, a := range s.alts {
		if a.allCodes || a.leader || a.positions {
			return []*Spec{s}
		}
		for i := 0; i < len(a.codeList); i++ {
			if bytes.IndexByte(order, a.codeList[i]) < 0 {
				order = append(order, a.codeList[i])
			}
		}
	}
	if len(order) == 1 {
		return []*Spec{s}
	}
	out := make([]*Spec, 0, len(order))
	for _, c := range order {
		var b strings.Builder
		for _, a := range s.alts {
			if !a.hasCode(c) {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(':')
			}
			b.WriteString(a.src[:a.codeAt])
			b.WriteByte(c)
			b.WriteString(a.src[a.codeAt+len(a.codeList):])
		}
		out = append(out, MustCompile(b.String()))
	}
	return out
}

// Single returns the tag ("LDR" for the leader) and the subfield code (0
// for a whole field or positions) of a spec with one alternative, an
// exact tag and at most one code; ok is false for any other spec.
func (s *Spec) Single() (tag string, code byte, ok bool) {
	if len(s.alts) != 1 {
		return "", 0, false
	}
	a := &s.alts[0]
	if a.leader {
		return "LDR", 0, true
	}
	if a.ranged || a.any != [3]bool{} || len(a.codeList) > 1 {
		return "", 0, false
	}
	if len(a.codeList) == 1 {
		code = a.codeList[0]
	}
	return string(a.tag[:]), code, true
}

// AppendEach calls fn with each of the spec's values in r as Values
// gives them (one per field: its selected subfields joined by sep), in
// record order. The value passed to fn is built in buf and valid until
// fn returns; AppendEach returns buf for reuse and allocates only to grow
// it.
func (s *Spec) AppendEach(buf []byte, r view.Record, sep string, fn func(v []byte)) []byte {
	var prev group
	open := false
	buf = buf[:0]
	s.walk(r, func(i int, f view.Field, v []byte) bool {
		g := groupOf(i, f)
		if open && g != prev {
			fn(buf)
			buf = buf[:0]
			open = false
		}
		if open {
			buf = append(buf, sep...)
		}
		buf = append(buf, v...)
		open = true
		prev = g
		return true
	})
	if open {
		fn(buf)
	}
	return buf
}
