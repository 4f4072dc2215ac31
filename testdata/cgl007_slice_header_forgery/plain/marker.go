package plain

import "strings"

// A file that mentions "reflect" and "unsafe" only in strings.
func Describe() string {
	return strings.Join([]string{"reflect", "unsafe"}, ",")
}
