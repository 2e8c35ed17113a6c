package authority

import (
	"iter"

	"github.com/marcmap/marcmap/view"
)

// Heading returns the established heading: the first 1XX field (100
// personal name, 110 corporate, 111 meeting, 130 uniform title, 148
// chronological, 150 topical, 151 geographic, 155 genre/form, 162
// medium of performance ...), and false when there is none.
func Heading(r view.Record) (view.Field, bool) {
	for f := range r.Fields() {
		if t := f.Tag(); t[0] == '1' {
			return f, true
		}
	}
	return view.Field{}, false
}

func hundreds(r view.Record, digit byte) iter.Seq[view.Field] {
	return func(yield func(view.Field) bool) {
		for f := range r.Fields() {
			if t := f.Tag(); t[0] == digit && t[1] >= '0' && t[1] <= '9' && t[2] >= '0' && t[2] <= '9' && !yield(f) {
				return
			}
		}
	}
}

// SeeFrom iterates over the see-from tracings (4XX): the forms of the
// heading not used, which lead to it.
func SeeFrom(r view.Record) iter.Seq[view.Field] { return hundreds(r, '4') }

// SeeAlso iterates over the see-also-from tracings (5XX): related
// headings, with $w saying how they relate.
func SeeAlso(r view.Record) iter.Seq[view.Field] { return hundreds(r, '5') }
