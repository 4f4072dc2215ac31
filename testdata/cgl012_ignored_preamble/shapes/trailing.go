package shapes

// A comment that trails the import before "C" is that import's: "C" has no
// comment of its own, and the group imports more than "C".

// #define LIMIT 8 // want CGL012 "above an `import \(` group that imports more than \"C\""
import (
	"errors" // the comment on this line is not the preamble
	"C"
)

var _ = errors.New
