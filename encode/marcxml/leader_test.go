package marcxml

import (
	"regexp"
	"testing"

	"github.com/marcmap/marcmap/view"
)

// The leader pattern of MARC21slim.xsd.
var xsdLeader = regexp.MustCompile(`^[\d ]{5}[\dA-Za-z ]{1}[\dA-Za-z]{1}[\dA-Za-z ]{3}(2| )(2| )[\d ]{5}[\dA-Za-z ]{3}(4500|    )$`)

// TestSchemaLeader: with SchemaValid the leader fits the schema (whatever
// is legal stays), except a leader/06 that is not a letter or digit.
func TestSchemaLeader(t *testing.T) {
	for _, in := range []string{
		"00000nam a2200000 a 4500", "00000nam a2200000 a 450 ", "00000nam  3200000#a|45  ",
		"00000nam^a2200000 a 45x0", "00000cm# a2200000 a 4500",
	} {
		l := view.Leader([]byte(in))
		schemaLeader(&l)
		if !xsdLeader.MatchString(l.String()) {
			t.Errorf("%q -> %q does not fit the schema", in, l.String())
		}
		if in == "00000nam a2200000 a 4500" && l.String() != in {
			t.Errorf("a valid leader changed: %q", l.String())
		}
	}
	l := view.Leader([]byte("00000n m a2200000 a 4500"))
	schemaLeader(&l)
	if l[6] != ' ' {
		t.Errorf("leader/06 made up: %q", l.String())
	}
}
