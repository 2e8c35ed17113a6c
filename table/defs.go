package table

import (
	"strings"
	"sync"

	"github.com/marcmap/marcmap/view"
)

// FieldDef is the definition of one MARC 21 field: whether it repeats,
// its subfield codes and which of them repeat.
type FieldDef struct {
	Tag             string // "LDR" or three digits
	Label           string
	Repeatable      bool
	Codes           string // the defined subfield codes
	RepeatableCodes string // those that repeat
}

// Definitions are the fields of one MARC 21 format.
type Definitions struct {
	name   string
	fields []FieldDef
	once   sync.Once
	index  map[string]int
}

var (
	// Bibliographic is the MARC 21 Bibliographic format, generated from
	// the LoC definitions in Avram JSON (../shared/reference/avram).
	Bibliographic = &Definitions{name: "bibliographic", fields: bibliographic}
)

// Name returns the format's name.
func (d *Definitions) Name() string { return d.name }

// Fields returns the definitions, LDR first, then by tag.
func (d *Definitions) Fields() []FieldDef { return d.fields }

// Field returns the definition of tag, if the format defines it.
func (d *Definitions) Field(tag string) (FieldDef, bool) {
	d.once.Do(func() {
		d.index = make(map[string]int, len(d.fields))
		for i, f := range d.fields {
			d.index[f.Tag] = i
		}
	})
	i, ok := d.index[tag]
	if !ok {
		return FieldDef{}, false
	}
	return d.fields[i], true
}

// DefinitionsFor returns the definitions for records of kind k: the
// bibliographic ones for bibliographic records and any kind without
// definitions of its own (see the package documentation).
func DefinitionsFor(k view.Kind) *Definitions {
	return Bibliographic
}

// repeats reports whether values of field tag (and subfield code, 0 for
// the whole field) can occur more than once in a record: undefined fields
// and subfields count as repeatable.
func (d *Definitions) repeats(tag string, code byte) bool {
	f, ok := d.Field(tag)
	if !ok {
		return true
	}
	if f.Repeatable || code == 0 {
		return f.Repeatable
	}
	if strings.IndexByte(f.Codes, code) < 0 {
		return true
	}
	return strings.IndexByte(f.RepeatableCodes, code) >= 0
}
