package view

import "github.com/marcmap/marcmap/internal/marctest"

var build = marctest.Build

const testLeader = marctest.Leader

func sample() []byte {
	return build(testLeader,
		"001", "ocm00012345",
		"008", "850503s1984    nyua          000 1 eng  ",
		"100", "1 $aKoontz, Dean R.",
		"245", "10$aHideaway /$cDean Koontz.",
		"650", " 0$aSuspense fiction.",
		"650", " 0$aHorror tales.$xHistory.",
	)
}
