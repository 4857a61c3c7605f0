package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// The label sheet per the specification: A4, 3 x 7 labels of 70 x 42.3 mm,
// no gaps, 0.45 mm margins at top and bottom, none at the sides.
const (
	sheetCols, sheetRows = 3, 7
	cellW, cellH         = 70.0, 42.3
	sheetTop             = 0.45
	perSheet             = sheetCols * sheetRows
)

// cellBox is label cell c (0-based, row by row) on its sheet.
func cellBox(c int) box {
	x, y := float64(c%sheetCols)*cellW, sheetTop+float64(c/sheetCols)*cellH
	return box{x, y, x + cellW, y + cellH}
}

// labelMailings returns n mailings, each with a first line of its own
// ("Label 01" ...) above the English, Russian and Kazakh addresses in turn.
func labelMailings(n int) []pdf.Mailing {
	base := mailings()
	ms := make([]pdf.Mailing, n)
	for i := range ms {
		ms[i] = pdf.Mailing{
			To:   append([]string{fmt.Sprintf("Label %02d", i+1)}, base[i%len(base)].To...),
			From: base[i%len(base)].From, // not printed on labels
		}
	}
	return ms
}

// labelPDF writes the labels to a file and returns its path.
func labelPDF(t *testing.T, skip int, ms ...pdf.Mailing) string {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Labels(&buf, time.Time{}, skip, ms...); err != nil {
		t.Fatalf("Labels: %v", err)
	}
	return writePDF(t, buf.Bytes())
}

// checkLabels checks that mailing i is on label skip+i, counted row by
// row over the sheets: every word pdftotext finds lies wholly inside one
// label cell, and the words of each cell spell out its mailing's address,
// in order, or nothing for cells without a mailing. It returns the words
// of each mailing.
func checkLabels(t *testing.T, path string, skip int, ms []pdf.Mailing) [][]pdftest.Word {
	t.Helper()
	sheets := (skip + len(ms) + perSheet - 1) / perSheet
	if n := pdftest.Pages(t, path); n != sheets {
		t.Fatalf("qpdf --show-npages = %d, want %d", n, sheets)
	}
	for i, sz := range pageSizes(t, path, sheets) {
		if abs(sz[0]-210) > 0.5 || abs(sz[1]-297) > 0.5 {
			t.Errorf("sheet %d is %.2f x %.2f mm, want A4", i+1, sz[0], sz[1])
		}
	}
	got := make([][]pdftest.Word, sheets*perSheet) // per cell over all sheets
	for p := range sheets {
		for _, w := range pdftest.Words(t, path, p+1) {
			// The cell under the middle of the word, which must hold all of it.
			cx, cy := (w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2
			col, row := int(cx/cellW), int((cy-sheetTop)/cellH)
			if cy < sheetTop || col < 0 || col >= sheetCols || row < 0 || row >= sheetRows {
				t.Errorf("sheet %d: %q at x %.1f, y %.1f mm is outside the labels", p+1, w.Text, cx, cy)
				continue
			}
			c := row*sheetCols + col
			if b := cellBox(c); !b.holds(w) {
				t.Errorf("sheet %d: %q at x %.2f–%.2f, y %.2f–%.2f mm crosses the edge of label %d (x %.2f–%.2f, y %.2f–%.2f)",
					p+1, w.Text, w.XMin, w.XMax, w.YMin, w.YMax, c, b.x0, b.x1, b.y0, b.y1)
			}
			got[p*perSheet+c] = append(got[p*perSheet+c], w)
		}
	}
	for c, ws := range got {
		var texts []string
		for _, w := range ws {
			texts = append(texts, w.Text)
		}
		i := c - skip
		if i < 0 || i >= len(ms) {
			if len(ws) > 0 {
				t.Errorf("sheet %d, label %d should be empty, holds %q", c/perSheet+1, c%perSheet, texts)
			}
			continue
		}
		if !sameText(texts, ms[i].To) {
			t.Errorf("sheet %d, label %d holds\n %q\nwant mailing %d\n %q", c/perSheet+1, c%perSheet, texts, i+1, ms[i].To)
		}
	}
	return got[skip : skip+len(ms)]
}

func TestLabels(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo", "pdffonts", "qpdf")
	ms := labelMailings(23)
	path := labelPDF(t, 0, ms...)
	words := checkLabels(t, path, 0, ms)
	for i, ws := range words {
		for _, w := range ws {
			if sz := sizeOf(w); sz < 10-0.05 || sz > 10+0.05 {
				t.Errorf("label %d: %q is %.2f pt, want 10", i, w.Text, sz)
			}
		}
		// 5 mm from the left edge of the label, centred in its height.
		if len(ws) == 0 {
			continue
		}
		b := cellBox(i % perSheet)
		top, bottom := ws[0].YMin, ws[len(ws)-1].YMax
		if d := (top - b.y0) - (b.y1 - bottom); abs(d) > 0.1 {
			t.Errorf("label %d: text at y %.2f–%.2f mm, not centred in %.2f–%.2f", i, top, bottom, b.y0, b.y1)
		}
		for _, w := range ws {
			if w.XMin < b.x0+5-bboxEps || w.XMax > b.x1-5+bboxEps || w.YMin < b.y0+5-bboxEps || w.YMax > b.y1-5+bboxEps {
				t.Errorf("label %d: %q is less than 5 mm from the label's edge", i, w.Text)
			}
		}
	}
	// Labels carry the recipient only.
	if all := pdftest.Text(t, path, 0, 0); strings.Contains(all, ms[0].From[0]) {
		t.Errorf("the labels show the sender %q", ms[0].From[0])
	}
	checkFonts(t, path)
}

// TestLabelsLong checks that long addresses, in lines and in width, wrap
// (and shrink) to stay inside their label, inset 5 mm. (Fourteen lines do
// not fit at 8 pt: TestLabelTooLong.)
func TestLabelsLong(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo", "qpdf")
	wide, nine := wideAddress(), nineLines()
	ms := labelMailings(6)
	ms[1].To = wide.Recipient
	ms[2].To = nine.Recipient
	ms[4].To = []string{"Label 05", strings.Repeat("Averyveryverylongwordwithoutanyspaces", 3), "Kazakhstan"}
	path := labelPDF(t, 0, ms...)
	words := checkLabels(t, path, 0, ms)
	for i, ws := range words {
		b := cellBox(i)
		for _, w := range ws {
			if w.XMin < b.x0+5-bboxEps || w.XMax > b.x1-5+bboxEps || w.YMin < b.y0+5-bboxEps || w.YMax > b.y1-5+bboxEps {
				t.Errorf("label %d: %q at x %.2f–%.2f, y %.2f–%.2f is less than 5 mm from the label's edge", i, w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
			}
		}
	}
	// The wide address wraps, at 8–10 pt.
	for _, w := range words[1] {
		if sz := sizeOf(w); sz < 8-0.05 || sz > 10+0.05 {
			t.Errorf("wide address: %q is %.2f pt, want 8–10", w.Text, sz)
		}
	}
	pdftest.Check(t, path)
}

// TestLabelsSkip checks that skip leaves the first labels of the first
// sheet empty, also when that pushes mailings onto another sheet.
func TestLabelsSkip(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo", "qpdf")
	for _, tc := range []struct{ skip, n int }{{5, 3}, {5, 23}, {20, 2}, {1, 20}} {
		t.Run(fmt.Sprintf("skip %d, %d mailings", tc.skip, tc.n), func(t *testing.T) {
			ms := labelMailings(tc.n)
			path := labelPDF(t, tc.skip, ms...)
			checkLabels(t, path, tc.skip, ms)
			if tc.skip == 5 {
				// The first mailing in cell 5: the third column of the second row.
				ws := pdftest.Words(t, path, 1)
				if b := cellBox(5); len(ws) == 0 || !b.holds(ws[0]) || ws[0].Text != "Label" {
					t.Errorf("first word on the sheet %v, want \"Label\" in x %.1f–%.1f, y %.2f–%.2f", ws[:min(1, len(ws))], b.x0, b.x1, b.y0, b.y1)
				}
			}
		})
	}
}

func TestLabelsDeterministic(t *testing.T) {
	ms := labelMailings(23)
	var a, b bytes.Buffer
	if err := pdf.Labels(&a, time.Time{}, 2, ms...); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Labels(&b, time.Time{}, 2, labelMailings(23)...); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same labels differ")
	}
}

func TestLabelsErrors(t *testing.T) {
	tests := []struct {
		name string
		skip int
		ms   []pdf.Mailing
	}{
		{"no mailings", 0, nil},
		{"no recipient", 0, []pdf.Mailing{mailings()[0], {From: []string{"Sender"}}}},
		{"negative skip", -1, mailings()},
		{"skip a whole sheet", 21, mailings()},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if err := pdf.Labels(&buf, time.Time{}, tc.skip, tc.ms...); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if buf.Len() > 0 {
			t.Errorf("%s: wrote %d bytes despite the error", tc.name, buf.Len())
		}
	}
}
