package importer

import (
	"appeal/internal/input"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"appeal/internal/casefile"
)

// FuzzImport feeds the importer any bytes: it must never panic, refuse
// only with Problems, and always write YAML that parses and that
// casefile.Load reads without a syntax or schema error (only the checks
// of missing or invalid values may fail on a draft).
func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:\nMinister\nMr A B\n\u2028x: y\n# z\n"))
	f.Add([]byte("UA 1/21\nAnd copies to: X, Y, Z; Fax: 1234567; Email: [email protected]\n"))
	f.Add([]byte("\xff\xfeU\x00A\x00 \x001\x00/\x002\x001\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := Decode(data)
		if err != nil {
			return
		}
		res, err := Import(text, Options{Name: "fuzz.txt"})
		if err != nil {
			if !input.IsInvalid(err) {
				t.Fatalf("error is not Problems: %v", err)
			}
			return
		}
		if !bytes.HasSuffix(res.YAML, []byte("\n")) {
			t.Fatalf("output does not end with a newline")
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(res.YAML, &doc); err != nil {
			t.Fatalf("output is not YAML: %v\n%s", err, res.YAML)
		}
		_, err = casefile.Load("fuzz.yaml", bytes.NewReader(res.YAML))
		if err != nil {
			for _, p := range err.(input.Problems) {
				if strings.Contains(p.Msg, "not valid YAML") || strings.Contains(p.Msg, "unknown field") ||
					strings.HasPrefix(p.Msg, "expected") || strings.Contains(p.Msg, "given twice") || p.Msg == "the file is empty" {
					t.Fatalf("draft breaks the schema: %s\n%s", p, res.YAML)
				}
			}
		}
	})
}

// BenchmarkImportLarge imports 5 MiB of text that is no Urgent Action:
// line after line of words, no sentence end. It measures what a wrong
// file costs (linear: about a second; it took 90 s when paragraphs were
// joined string by string).
func BenchmarkImportLarge(b *testing.B) {
	text := "URGENT ACTION\n" + strings.Repeat("word word word word word word word word\n", 120_000)
	for b.Loop() {
		Import(text, Options{})
	}
}
