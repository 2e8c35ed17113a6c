// Package fuzz holds the cross-package reliability tests: round trips
// through every format and well-formed crosswalk output (Dublin Core,
// MODS) as fuzz targets, and the malformed-input corpus run through every
// reader and encoder. It has no code of its own.
package fuzz
