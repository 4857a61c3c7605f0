package importer

import (
	"os"
	"testing"
)

// BenchmarkImport imports the seed text (8 KB, four recipients).
func BenchmarkImport(b *testing.B) {
	data, err := os.ReadFile("testdata/ua-115-16.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Import(string(data), Options{Name: "ua-115-16.txt"}); err != nil {
			b.Fatal(err)
		}
	}
}
