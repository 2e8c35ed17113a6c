package table

//go:generate go run ./internal/gendefs -in ../../shared/reference/avram/marc-bibliographic.json,internal/gendefs/marc-bibliographic-supplement.json -name bibliographic -out defs_bibliographic.go
//go:generate go run ./internal/gendefs -in internal/gendefs/marc-authority.json -name authority -out defs_authority.go
//go:generate go run ./internal/gendefs -in internal/gendefs/marc-holdings.json -name holdings -out defs_holdings.go
