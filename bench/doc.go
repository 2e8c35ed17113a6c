// Package bench compares marcmap with the other Go MARC readers on the same
// large input. It is its own module so that the peers are not dependencies
// of marcmap. See run.sh and ../PERFORMANCE.md.
package bench
