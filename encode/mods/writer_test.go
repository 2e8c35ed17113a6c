package mods

import "testing"

// TestWriter: an attribute set twice keeps the last value, as
// xsl:attribute does (two $0 in a name gave two xlink:href before); an
// element without content is written <name/>; text is escaped.
func TestWriter(t *testing.T) {
	var w writer
	w.start("name")
	w.attr("xlink:href", "first")
	w.attr("type", "personal")
	w.attr("xlink:href", "second")
	w.elem("namePart", "A & B")
	w.elem("empty", "")
	w.end()
	want := "\n  <name xlink:href=\"second\" type=\"personal\">\n    <namePart>A &amp; B</namePart>\n    <empty/>\n  </name>"
	if string(w.b) != want {
		t.Fatalf("%q\nwant %q", w.b, want)
	}
}
