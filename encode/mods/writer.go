package mods

import (
	"strings"

	"github.com/marcmap/marcmap/internal/xmltext"
)

// writer appends an indented XML tree, as xsltproc indents MODS: an
// element with only text on one line, an element without content as
// <name/>. Attributes are added right after start.
type writer struct {
	b       []byte
	stack   []frame
	pending bool // a start tag is open for attributes
	attrs   []attr
	ink     int // text writes with something other than white space
}

// attr is an attribute of the open start tag: written when the tag is
// closed, so that a later attribute of the same name replaces it, as
// xsl:attribute does.
type attr struct{ name, value string }

type frame struct {
	name     string
	children bool // has element children: its end tag goes on its own line
	text     bool // has text
}

func (w *writer) indent() {
	if n := len(w.stack); n > 0 && w.stack[n-1].text {
		return // mixed content: libxml2 does not indent it
	}
	w.b = append(w.b, '\n')
	for range len(w.stack) + 1 {
		w.b = append(w.b, ' ', ' ')
	}
}

// flushAttrs writes the attributes of the open start tag.
func (w *writer) flushAttrs() {
	for _, a := range w.attrs {
		w.b = append(w.b, ' ')
		w.b = append(w.b, a.name...)
		w.b = append(w.b, '=', '"')
		w.b = xmltext.Append(w.b, []byte(a.value))
		w.b = append(w.b, '"')
	}
	w.attrs = w.attrs[:0]
}

func (w *writer) closeStart() {
	if w.pending {
		w.flushAttrs()
		w.b = append(w.b, '>')
		w.pending = false
	}
}

// start opens element name.
func (w *writer) start(name string) {
	w.closeStart()
	if n := len(w.stack); n > 0 {
		w.stack[n-1].children = true
	}
	w.indent()
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	w.stack = append(w.stack, frame{name: name})
	w.pending = true
}

// attr adds an attribute to the element just started.
func (w *writer) attr(name, value string) {
	if !w.pending {
		return // XSLT ignores an attribute after content
	}
	for i := range w.attrs {
		if w.attrs[i].name == name {
			w.attrs[i].value = value
			return
		}
	}
	w.attrs = append(w.attrs, attr{name, value})
}

// text appends text to the open element.
func (w *writer) text(s string) {
	if s == "" {
		return
	}
	w.closeStart()
	w.stack[len(w.stack)-1].text = true
	w.b = xmltext.Append(w.b, []byte(s))
	if strings.TrimLeft(s, " \t\r\n") != "" {
		w.ink++
	}
}

// mark is a point to roll back to; taking it closes an open start tag.
type mark struct {
	n, ink   int
	children bool
}

// mark returns the current point.
func (w *writer) mark() mark {
	w.closeStart()
	m := mark{n: len(w.b), ink: w.ink}
	if n := len(w.stack); n > 0 {
		m.children = w.stack[n-1].children
	}
	return m
}

// inkSince reports whether text other than white space was written since
// m (XPath's normalize-space of what was written is not empty).
func (w *writer) inkSince(m mark) bool { return w.ink > m.ink }

// rollback removes what was written since m; the elements opened since
// must have been closed.
func (w *writer) rollback(m mark) {
	w.b = w.b[:m.n]
	w.ink = m.ink
	if n := len(w.stack); n > 0 {
		w.stack[n-1].children = m.children
	}
}

// end closes the open element.
func (w *writer) end() {
	f := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	if w.pending {
		w.flushAttrs()
		w.b = append(w.b, "/>"...)
		w.pending = false
		return
	}
	if f.children && !f.text {
		w.indent()
	}
	w.b = append(w.b, "</"...)
	w.b = append(w.b, f.name...)
	w.b = append(w.b, '>')
}

// elem appends <name>text</name> (or <name/>).
func (w *writer) elem(name, text string) {
	w.start(name)
	w.text(text)
	w.end()
}

// elemAttr appends <name key="value">text</name> (or <name key="value"/>).
func (w *writer) elemAttr(name, key, value, text string) {
	w.start(name)
	w.attr(key, value)
	w.text(text)
	w.end()
}
