package table

import (
	"strconv"
	"strings"

	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/view"
)

// Column is one value column of a table.
type Column struct {
	// Name is the column's name: "F" and the rule (F245a, F650v, F500,
	// FLDR, F008_35_37: characters other than letters and digits become
	// "_"), or F and the tag, or Fother.
	Name string
	// List reports a list column: the rule can select several values in
	// a record (a repeatable field or subfield by the definitions, an
	// undefined one, a wildcard, a range or several alternatives).
	List bool
	// Spec is the rule of the column, nil for the columns of a table
	// without rules.
	Spec *spec.Spec
	// Tag is the field of a column of a table without rules ("LDR" for
	// the leader, "" for Fother).
	Tag string
}

// Schema describes a table: its metadata columns (record, byte_offset and,
// with File, file) and its value columns.
type Schema struct {
	Columns []Column
	// File adds a column with the name of the input a record comes from,
	// for tables made of several inputs.
	File bool

	defs  *Definitions
	rules bool
	byTag map[view.Tag]int // column of each defined tag, without rules
	other int              // the Fother column, without rules
}

// NewSchema returns the schema of a table with one column per rule and
// subfield code (a rule with several codes, 650av, gives F650a and F650v),
// or, without rules, one column per field defs defines and Fother for the
// fields it does not. defs also says which columns are lists.
func NewSchema(rules []string, defs *Definitions) (*Schema, error) {
	s := &Schema{defs: defs, rules: len(rules) > 0}
	if !s.rules {
		s.byTag = make(map[view.Tag]int, len(defs.fields))
		for _, f := range defs.fields {
			if f.Tag != "LDR" {
				var t view.Tag
				copy(t[:], f.Tag)
				s.byTag[t] = len(s.Columns)
			}
			s.Columns = append(s.Columns, Column{Name: "F" + f.Tag, List: f.Repeatable, Tag: f.Tag})
		}
		s.other = len(s.Columns)
		s.Columns = append(s.Columns, Column{Name: "Fother", List: true})
		return s, nil
	}
	seen := map[string]bool{}
	for _, r := range rules {
		sp, err := spec.Compile(r)
		if err != nil {
			return nil, err
		}
		for _, one := range sp.SplitCodes() {
			c := Column{Name: ColumnName(one.String()), Spec: one, List: true}
			if tag, code, ok := one.Single(); ok {
				c.List = defs.repeats(tag, code)
			}
			if seen[c.Name] {
				for k := 2; ; k++ {
					if n := c.Name + "_" + strconv.Itoa(k); !seen[n] {
						c.Name = n
						break
					}
				}
			}
			seen[c.Name] = true
			s.Columns = append(s.Columns, c)
		}
	}
	return s, nil
}

// ColumnName is the name of the column of a rule: "F" and the rule, with
// each run of characters other than ASCII letters and digits made one
// "_" (none at the end): F245a, F008_35_37, F100a_700a, FLDR_6.
func ColumnName(rule string) string {
	var b strings.Builder
	b.WriteByte('F')
	under := false
	for i := 0; i < len(rule); i++ {
		c := rule[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			if under {
				b.WriteByte('_')
				under = false
			}
			b.WriteByte(c)
		} else {
			under = b.Len() > 1
		}
	}
	return b.String()
}

// Definitions returns the definitions the schema was made with.
func (s *Schema) Definitions() *Definitions { return s.defs }
