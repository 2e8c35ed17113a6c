package mods

import "github.com/marcmap/marcmap/internal/xmltext"

// writer appends an indented XML tree, as xsltproc indents MODS: an
// element with only text on one line, an element without content as
// <name/>. Attributes are added right after start.
type writer struct {
	b       []byte
	stack   []frame
	pending bool // a start tag is open for attributes
}

type frame struct {
	name     string
	children bool // has element children: its end tag goes on its own line
	text     bool // has text
}

func (w *writer) indent() {
	w.b = append(w.b, '\n')
	for range len(w.stack) + 1 {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *writer) closeStart() {
	if w.pending {
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
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, '=', '"')
	w.b = xmltext.Append(w.b, []byte(value))
	w.b = append(w.b, '"')
}

// text appends text to the open element.
func (w *writer) text(s string) {
	if s == "" {
		return
	}
	w.closeStart()
	w.stack[len(w.stack)-1].text = true
	w.b = xmltext.Append(w.b, []byte(s))
}

// end closes the open element.
func (w *writer) end() {
	f := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	if w.pending {
		w.b = append(w.b, "/>"...)
		w.pending = false
		return
	}
	if f.children {
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
