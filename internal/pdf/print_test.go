package pdf_test

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// Print details: minimum type sizes, one size per label sheet, no-break
// spaces, the margin inside the envelope window, the return address, and
// the fold and punch marks. Read back with pdftotext and qpdf.

// senderLines returns n sender lines, "Sender line 01" ...
func senderLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("Sender line %02d", i+1)
	}
	return lines
}

// TestInformationBlockSize checks that the sender block and the date are
// never set below 8 pt, and that an over-wide line wraps before the block
// is set smaller.
func TestInformationBlockSize(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	const wideA4 = "Human Rights Group, North-West Regional Office" // wider than 65 mm at 10 pt
	const wideLetter = "International Human Rights Group, North-West Regional Office, Saint Petersburg"
	tests := []struct {
		name          string
		paper         pdf.Paper
		sender        []string
		date          string
		wantMin, want float64 // pt: no word smaller than wantMin; every word want, if set
	}{
		{"a4/short", pdf.A4, english().Sender, english().Date, 10, 10},
		{"a4/too many lines for 8 pt", pdf.A4, senderLines(22), "14 March 2017", 8, 8},
		{"a4/over-wide line wraps at 10 pt", pdf.A4, append(english().Sender, wideA4), english().Date, 10, 10},
		{"letter/short", pdf.Letter, english().Sender, english().Date, 10, 10},
		{"letter/too many lines for 8 pt", pdf.Letter, manyLines().Sender, "14 March 2017", 8, 0}, // the date apart, at 10 pt
		{"letter/over-wide line wraps at 10 pt", pdf.Letter, append(english().Sender, wideLetter), english().Date, 10, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := english()
			l.Sender, l.Date = tc.sender, tc.date
			path, _ := write(t, pdf.Options{Paper: tc.paper}, l)
			// The information block: right of the address field on A4,
			// above the window on Letter.
			_, wy, _, _ := pdf.Window(tc.paper)
			in := func(w pdftest.Word) bool { return w.XMin > 120 && w.YMax < 98 }
			if tc.paper == pdf.Letter {
				in = func(w pdftest.Word) bool { return w.YMax < wy }
			}
			var got []string
			for _, w := range pdftest.Words(t, path, 1) {
				if !in(w) {
					continue
				}
				got = append(got, w.Text)
				if sz := sizeOf(w); sz < tc.wantMin-0.05 || tc.want > 0 && abs(sz-tc.want) > 0.05 {
					t.Errorf("%q at y %.1f mm is %.2f pt, want %v (at least %v)", w.Text, w.YMin, sz, tc.want, tc.wantMin)
				}
			}
			if want := append(append([]string{}, tc.sender...), tc.date); !sameText(got, want) {
				t.Errorf("information block holds\n %q\nwant\n %q", got, want)
			}
		})
	}
}

// labelSizes writes the mailings as labels and returns the type size of
// every word per sheet.
func labelSizes(t *testing.T, ms []pdf.Mailing) [][]float64 {
	t.Helper()
	path := labelPDF(t, 0, ms...)
	checkLabels(t, path, 0, ms)
	sheets := make([][]float64, pdftest.Pages(t, path))
	for p := range sheets {
		for _, w := range pdftest.Words(t, path, p+1) {
			sheets[p] = append(sheets[p], sizeOf(w))
		}
	}
	return sheets
}

// TestLabelSizes checks that labels are never set below 8 pt, that an
// over-wide line wraps before the address is set smaller, and that every
// label on a sheet has the same size: that of the label that needs the
// smallest.
func TestLabelSizes(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo", "qpdf")
	wide := pdf.Mailing{To: []string{"Prosecutor General of the Republic of Kazakhstan", "Astana"}} // wider than 60 mm at 10 pt
	nine := pdf.Mailing{To: nineLines().Recipient}
	tests := []struct {
		name string
		ms   []pdf.Mailing
		want []float64 // pt, per sheet
	}{
		{"short addresses", mailings(), []float64{10}},
		{"over-wide line wraps at 10 pt", []pdf.Mailing{wide}, []float64{10}},
		{"nine lines set the whole sheet smaller", append(mailings(), nine), []float64{8.5}},
		{"each sheet its own size", append(labelMailings(21), nine, mailings()[0]), []float64{10, 8.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sheets := labelSizes(t, tc.ms)
			if len(sheets) != len(tc.want) {
				t.Fatalf("%d sheets, want %d", len(sheets), len(tc.want))
			}
			for p, sizes := range sheets {
				for _, sz := range sizes {
					if abs(sz-tc.want[p]) > 0.05 {
						t.Errorf("sheet %d: a word is %.2f pt, want every word %v", p+1, sz, tc.want[p])
						break
					}
				}
			}
		})
	}
}

// TestLabelTooLong checks that an address that does not fit on a label
// at 8 pt, wrapped, is an error, and not set smaller.
func TestLabelTooLong(t *testing.T) {
	ms := append(mailings(), pdf.Mailing{To: manyLines().Recipient}) // 14 lines
	var buf bytes.Buffer
	err := pdf.Labels(&buf, time.Time{}, 0, ms...)
	if err == nil || !strings.Contains(err.Error(), "mailing 4") || !strings.Contains(err.Error(), "does not fit on a label") {
		t.Errorf("Labels error = %v, want mailing 4 does not fit on a label", err)
	}
	if buf.Len() > 0 {
		t.Errorf("wrote %d bytes despite the error", buf.Len())
	}
}

// TestNoBreakSpaces checks that lines never break at a no-break space
// (U+00A0) or a narrow no-break space (U+202F), and that both are printed
// as spaces: each group comes back from pdftotext on one line, its words
// as far apart as the space's width (0.25 em, narrow 0.2 em). Each group
// is set after a growing run of short words, so that in some paragraph it
// falls at the end of a line.
func TestNoBreakSpaces(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	groups := []struct {
		text string
		gaps []float64 // em, between its words
	}{
		{"010000\u00a0Astana", []float64{0.25}},
		{"14\u00a0марта", []float64{0.25}},
		{"1\u202f500\u00a0км", []float64{0.2, 0.25}},
	}
	l := minimal()
	l.Body = nil
	want := map[string]int{}
	for _, g := range groups {
		// "ab  ab": a double space, which the layout collapses, must leave
		// the no-break spaces alone.
		for n := range 24 {
			l.Body = append(l.Body, doc.Block{Text: "ab  ab" + strings.Repeat(" ab", 20+n) + " " + g.text + " ab ab ab"})
			want[g.text]++
		}
	}
	path, counts := write(t, pdf.Options{}, l)
	var words []pdftest.Word
	for n := 1; n <= counts[0]; n++ {
		words = append(words, pdftest.Words(t, path, n)...)
	}
	for _, g := range groups {
		parts := strings.FieldsFunc(g.text, func(r rune) bool { return r == '\u00a0' || r == '\u202f' })
		found := 0
		for i := 0; i+len(parts) <= len(words); i++ {
			match := true
			for j, p := range parts {
				match = match && words[i+j].Text == p
			}
			if !match {
				continue
			}
			found++
			for j := 1; j < len(parts); j++ {
				a, b := words[i+j-1], words[i+j]
				if abs(a.YMin-b.YMin) > 0.05 {
					t.Errorf("%q: line break between %q and %q", g.text, a.Text, b.Text)
					continue
				}
				em := sizeOf(a) * 25.4 / 72
				if gap := (b.XMin - a.XMax) / em; abs(gap-g.gaps[j-1]) > 0.01 {
					t.Errorf("%q: %q and %q are %.3f em apart, want %v", g.text, a.Text, b.Text, gap, g.gaps[j-1])
				}
			}
		}
		if found != want[g.text] {
			t.Errorf("%q found %d times, want %d", g.text, found, want[g.text])
		}
	}
}

// TestWindowMargin checks that a seven-line address with one over-wide
// line, and the return line above it, keep at least 2 mm from the top,
// right and bottom edges of the envelope window (and at least 5 mm from
// its left edge), on both papers.
func TestWindowMargin(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	l := english()
	l.Recipient = []string{
		"His Excellency the Prosecutor General of the Republic of Kazakhstan",
		"Office of the Prosecutor General",
		"Department for Supervision",
		"14 Mangilik El Avenue",
		"Yesil District",
		"Astana 010000",
		"Kazakhstan",
	}
	for _, p := range papers {
		t.Run(p.String(), func(t *testing.T) {
			x, y, w, h := pdf.Window(p)
			path, _ := write(t, pdf.Options{Paper: p}, l)
			var got []string
			for _, wd := range pdftest.Words(t, path, 1) {
				if wd.XMax < x || wd.XMin > x+w || wd.YMax < y || wd.YMin > y+h {
					continue // wholly outside
				}
				got = append(got, wd.Text)
				if wd.XMin < x+5-bboxEps || wd.XMax > x+w-2+bboxEps || wd.YMin < y+2-bboxEps || wd.YMax > y+h-2+bboxEps {
					t.Errorf("%q at x %.2f–%.2f, y %.2f–%.2f mm is less than 2 mm inside the window x %.2f–%.2f, y %.2f–%.2f (5 mm at the left)",
						wd.Text, wd.XMin, wd.XMax, wd.YMin, wd.YMax, x, x+w, y, y+h)
				}
			}
			want := l.Recipient
			if p == pdf.A4 {
				want = append([]string{l.ReturnLine}, want...)
			}
			if !sameText(got, want) {
				t.Errorf("words in the window:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestReturnAddressOnce checks that the sender's address is printed
// twice on A4, in the information block and in the return line at the top
// of the window (DIN 5008), and once on Letter, where the sender block
// above the window is the return address.
func TestReturnAddressOnce(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	tests := []struct {
		paper pdf.Paper
		want  int
	}{
		{pdf.A4, 2},
		{pdf.Letter, 1},
	}
	for _, tc := range tests {
		t.Run(tc.paper.String(), func(t *testing.T) {
			path, _ := write(t, pdf.Options{Paper: tc.paper}, english())
			text := oneSpace(pdftest.Text(t, path, 1, 1))
			if got := strings.Count(text, "14 Elm Grove"); got != tc.want {
				t.Errorf("the sender's street is on page 1 %d times, want %d:\n%s", got, tc.want, text)
			}
		})
	}
}

var lineRE = regexp.MustCompile(`([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`)

// segments returns the straight lines drawn on page 1 in mm from the
// top-left corner, read from the content stream that qpdf --qdf
// uncompresses.
func segments(t *testing.T, path string) []box {
	t.Helper()
	qdf := path + ".qdf"
	pdftest.Run(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	b, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	data := string(b)
	start := strings.Index(data, "%% Contents for page 1\n")
	if start < 0 {
		t.Fatal("qpdf --qdf: no contents for page 1")
	}
	data = data[start:]
	s, e := strings.Index(data, "stream\n"), strings.Index(data, "endstream")
	if s < 0 || e < s {
		t.Fatal("qpdf --qdf: no content stream for page 1")
	}
	ht := pageSizes(t, path, 1)[0][1]
	var segs []box
	mm := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f * 25.4 / 72
	}
	for _, m := range lineRE.FindAllStringSubmatch(data[s:e], -1) {
		segs = append(segs, box{mm(m[1]), ht - mm(m[2]), mm(m[3]), ht - mm(m[4])})
	}
	return segs
}

// TestMarks checks the fold marks and the punch mark at the left edge of
// page 1: short horizontal lines from 3.5 mm off the edge, the punch mark
// twice as long as the fold marks so that it is not taken for one.
func TestMarks(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdfinfo")
	type mark struct{ y, length float64 }
	tests := []struct {
		paper pdf.Paper
		want  []mark
	}{
		{pdf.A4, []mark{{105, 5}, {148.5, 10}, {210, 5}}},
		{pdf.Letter, []mark{{95.25, 5}, {187.325, 5}}},
	}
	for _, tc := range tests {
		t.Run(tc.paper.String(), func(t *testing.T) {
			path, _ := write(t, pdf.Options{Paper: tc.paper}, english())
			var got []mark
			for _, s := range segments(t, path) {
				if s.x0 > 20 {
					continue // not at the edge: the rule under the return line
				}
				if abs(s.y0-s.y1) > 0.01 || abs(s.x0-3.5) > 0.01 {
					t.Errorf("mark from %.2f, %.2f to %.2f, %.2f mm: want horizontal, from x = 3.5 mm", s.x0, s.y0, s.x1, s.y1)
				}
				got = append(got, mark{s.y0, s.x1 - s.x0})
			}
			slices.SortFunc(got, func(a, b mark) int { return cmp.Compare(a.y, b.y) })
			if len(got) != len(tc.want) {
				t.Fatalf("marks %v, want %v", got, tc.want)
			}
			for i := range got {
				if abs(got[i].y-tc.want[i].y) > 0.01 || abs(got[i].length-tc.want[i].length) > 0.01 {
					t.Errorf("mark %d at y %.2f mm is %.2f mm long, want at %v, %v mm", i, got[i].y, got[i].length, tc.want[i].y, tc.want[i].length)
				}
			}
		})
	}
}
