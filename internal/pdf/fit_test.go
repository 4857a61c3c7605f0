package pdf_test

import (
	"testing"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// TestShrinksToFitOnePage grows a letter paragraph by paragraph until it
// needs a second page, and checks that before that happens the body was
// set smaller (per pdftotext -bbox) rather than spilling a few lines over.
func TestShrinksToFitOnePage(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	height := func(l doc.Letter) (pages int, h float64) {
		path, counts := write(t, pdf.Options{}, l)
		for _, w := range pdftest.Words(t, path, 1) {
			if w.Text == "Ни" { // first word of the second paragraph
				return counts[0], w.YMax - w.YMin
			}
		}
		t.Fatal("body word not found")
		return 0, 0
	}
	l := russian()
	_, full := height(l)
	extra := doc.Block{Text: "Дополнительный абзац, чтобы письмо стало длиннее и заняло больше места на странице."}
	var lastOnePage float64
	for range 30 {
		l.Body = append(l.Body[:2:2], append([]doc.Block{extra}, l.Body[2:]...)...)
		pages, h := height(l)
		if pages > 1 {
			if h != full {
				t.Errorf("a two-page letter is set at %.2f mm, want the full size %.2f mm", h, full)
			}
			if lastOnePage >= full {
				t.Errorf("the longest one-page letter was set at full size (%.2f mm): it was not shrunk to fit", lastOnePage)
			}
			return
		}
		lastOnePage = h
	}
	t.Fatal("the letter never reached two pages")
}
