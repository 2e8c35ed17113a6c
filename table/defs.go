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
	// Authority is the MARC 21 Authority format and Holdings the MARC 21
	// Holdings format, generated from Avram JSON made from the LoC field
	// lists (table/internal/gendefs/README.md).
	Authority = &Definitions{name: "authority", fields: authority}
	Holdings  = &Definitions{name: "holdings", fields: holdings}
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

// DefinitionsFor returns the definitions for records of kind k (leader/06):
// authority, holdings, and bibliographic for the others (classification
// and community information records have no definitions here; their
// fields count as the bibliographic ones do, the undefined ones as
// repeatable).
func DefinitionsFor(k view.Kind) *Definitions {
	switch k {
	case view.Authority:
		return Authority
	case view.Holdings:
		return Holdings
	}
	return Bibliographic
}

// DefinitionsNamed returns the definitions of "bibliographic" (or "bib"),
// "authority" (or "auth") or "holdings", or nil.
func DefinitionsNamed(name string) *Definitions {
	switch strings.ToLower(name) {
	case "bibliographic", "bib":
		return Bibliographic
	case "authority", "auth":
		return Authority
	case "holdings":
		return Holdings
	}
	return nil
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
