package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// TestWriteParallelBreaksRows: a row longer than a page goes on at the
// top of the next, under its heading marked "(continued)", each line whole
// and each page labelled; Cyrillic is drawn with embedded fonts.
func TestWriteParallelBreaksRows(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	var left, right []string
	for i := range 40 {
		left = append(left, strings.Repeat("English words of paragraph "+string(rune('A'+i%26))+". ", 6))
		right = append(right, strings.Repeat("Русские слова абзаца "+string(rune('А'+i%26))+". ", 6))
	}
	p := doc.Parallel{
		Lang: "ru", Title: "A test", Left: "en", Right: "ru", LeftHead: "English (en)", RightHead: "Russian (ru)", PageOf: "Page %d of %d",
		Sections: []doc.Section{
			{Heading: "subject-1", Marks: []string{"STALE (ru): the English piece changed"}, Note: "A note.", Rows: []doc.Row{{Left: "Appeal", Right: "Обращение"}}},
			{Heading: "body", Rows: []doc.Row{{Label: "role to", Left: strings.Join(left, "\n\n"), Right: strings.Join(right, "\n\n")}}},
		},
	}
	var buf bytes.Buffer
	if err := pdf.WriteParallel(&buf, p, time.Time{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	for _, f := range pdftest.Fonts(t, path) {
		if !f.Embedded {
			t.Errorf("font %s not embedded", f.Name)
		}
	}
	n := pdftest.Pages(t, path)
	if n < 3 {
		t.Fatalf("%d pages, want the body to run over several", n)
	}
	for page := 2; page <= n; page++ {
		text := pdftest.Text(t, path, page, page)
		for _, want := range []string{"body (continued)", "English (en)", "Russian (ru)", "Page "} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d: no %q", page, want)
			}
		}
	}
	// Every paragraph of both columns is there, whole.
	all := strings.Join(strings.Fields(pdftest.Text(t, path, 0, 0)), " ")
	for i := range 26 {
		for _, w := range []string{"paragraph " + string(rune('A'+i)) + ".", "абзаца " + string(rune('А'+i)) + "."} {
			if !strings.Contains(all, w) {
				t.Errorf("%q missing", w)
			}
		}
	}
	var again bytes.Buffer
	if err := pdf.WriteParallel(&again, p, time.Time{}); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("not byte-identical on a second run (err %v)", err)
	}
}
