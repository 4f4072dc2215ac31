package layout

// Samples is declared here and used in layout.go.
type Samples []float64

// Point has two 8-byte fields: 16 bytes, while C's struct point is 8.
type Point struct {
	X, Y int
}

// Point32 matches C's struct point field for field.
type Point32 struct {
	X, Y int32
}
