// Package authority reads MARC 21 authority records (leader/06 'z'): the
// heading (1XX) and its tracings, see-from (4XX) and see-also (5XX).
// Functions take any view.Record; on a record of another kind they find
// what its fields say (check view.Leader.Kind first when it matters).
//
// # Concurrency
//
// Every function is safe for concurrent use on the same record.
package authority
