package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
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
	path, data := writeParallel(t, p)
	for _, f := range pdftest.Fonts(t, path) {
		if !f.Embedded {
			t.Errorf("font %s not embedded", f.Name)
		}
		if strings.Contains(f.Name, "Naskh") {
			t.Errorf("font %s embedded in a document without Arabic", f.Name)
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
	if err := pdf.WriteParallel(&again, p, time.Time{}); err != nil || !bytes.Equal(data, again.Bytes()) {
		t.Errorf("not byte-identical on a second run (err %v)", err)
	}
}

// TestWriteParallelArabic: a translation into Persian or Arabic is drawn
// as letters draw it: shaped in Noto Naskh Arabic, embedded as a subset,
// each line right to left and right-aligned in its column, giving back
// its words in logical order; an English note in that column (no Arabic
// in it) stays left to right, and Arabic in the English column and the
// labels is shaped too.
func TestWriteParallelArabic(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	const colRight = 297 - 15.0             // the right column's right edge, mm
	const colLeft = 15 + (297-30-8)/2.0 + 8 // and its left edge
	for _, tc := range []struct {
		lang, head string
		rows       []doc.Row
	}{
		{"fa", "Persian (fa)", []doc.Row{
			{Left: "Dana Serikova and Arman Tulegenov must be released.", Right: "دانا سریکووا و آرمان تولگنوف فوراً و بدون قید و شرط آزاد شوند."},
			{Label: "{title}: Minister / وزیر", Left: "Dear Minister,", Right: "وزیر محترم دادگستری"},
			{Left: "A long paragraph.", Right: strings.Repeat("از زمان بازداشت آرمان تولگنوف تاکنون به او اجازهٔ دیدار با وکیلش داده نشده است. ", 4) + "\n\n(empty: closing is used)"},
		}},
		{"ar", "Arabic (ar)", []doc.Row{
			{Left: "Release them immediately and unconditionally.", Right: "الإفراج عن دانا سيريكوفا وأرمان توليغينوف فورًا ودون قيد أو شرط."},
			{Label: "{title}: Minister / الوزيرة", Left: "Dear Minister,", Right: "معالي الوزيرة المحترمة،"},
			{Left: "A long paragraph.", Right: strings.Repeat("ولم يُسمح لأرمان توليغينوف بمقابلة محاميه منذ اعتقاله. ", 5) + "\n\n(empty: closing is used)"},
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := doc.Parallel{
				Lang: tc.lang, Title: "A test", Left: "en", Right: tc.lang, LeftHead: "English (en)", RightHead: tc.head, PageOf: "Page %d of %d",
				Sections: []doc.Section{{Heading: "pieces", Note: `As Persian "با سلام و احترام،".`, Rows: tc.rows}},
			}
			path, data := writeParallel(t, p)
			names := map[string]bool{}
			for _, f := range pdftest.Fonts(t, path) {
				if !f.Embedded {
					t.Errorf("font %s not embedded", f.Name)
				}
				if i := strings.IndexByte(f.Name, '+'); i == 6 {
					names[f.Name[i+1:]] = true
				} else {
					t.Errorf("font %s not a subset", f.Name)
				}
			}
			for _, want := range []string{"NotoNaskhArabic-Regular", "LiberationSerif"} {
				if !names[want] {
					t.Errorf("fonts %v lack %s", names, want)
				}
			}
			got := pdftest.Tokens(pdftest.Text(t, path, 0, 0))
			mixed := []string{p.Sections[0].Note}
			for _, r := range tc.rows {
				for _, s := range append([]string{r.Left}, strings.Split(r.Right, "\n\n")...) {
					if want := pdftest.Tokens(s); index(got, want, 0) < 0 {
						t.Errorf("pdftotext lacks %q in logical order;\ngot %q", want, got)
					}
				}
				mixed = append(mixed, r.Label)
			}
			// pdftotext puts a right-to-left run of a left-to-right line
			// where it likes: the words only.
			for _, s := range mixed {
				for _, w := range pdftest.Tokens(s) {
					if !slices.Contains(got, w) {
						t.Errorf("pdftotext lacks %q of %q", w, s)
					}
				}
			}
			// The lines of the translation end at the right edge of its
			// column; the English note in it starts at the left edge.
			lines := map[float64][2]float64{} // by baseline: leftmost and rightmost x
			for _, w := range pdftest.Words(t, path, 1) {
				if w.XMin < colLeft-0.5 {
					continue
				}
				if w.XMax > colRight+0.5 {
					t.Errorf("%q ends at %.1f mm, past the column (%.1f)", w.Text, w.XMax, colRight)
				}
				y := float64(int(w.YMax))
				e, ok := lines[y]
				if !ok {
					e = [2]float64{w.XMin, w.XMax}
				}
				lines[y] = [2]float64{min(e[0], w.XMin), max(e[1], w.XMax)}
				if w.Text == "(empty:" && w.XMin > colLeft+0.5 {
					t.Errorf("the English note starts at %.1f mm, not at the column's left edge %.1f", w.XMin, colLeft)
				}
			}
			n := 0
			for y, e := range lines {
				if e[0] > colLeft+0.5 { // a line of the translation
					n++
					if e[1] < colRight-1.5 {
						t.Errorf("line at %.0f mm ends at %.1f mm, not right-aligned at %.1f", y, e[1], colRight)
					}
				}
			}
			if n < 4 {
				t.Errorf("%d right-to-left lines in the right column, want the wrapped paragraph's too", n)
			}
			var again bytes.Buffer
			if err := pdf.WriteParallel(&again, p, time.Time{}); err != nil || !bytes.Equal(data, again.Bytes()) {
				t.Errorf("not byte-identical on a second run (err %v)", err)
			}
		})
	}
}

// writeParallel writes p to a PDF file and checks it with qpdf; it
// returns the file and its bytes.
func writeParallel(t *testing.T, p doc.Parallel) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.WriteParallel(&buf, p, time.Time{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	return path, buf.Bytes()
}
