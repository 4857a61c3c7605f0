package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// The envelope and label tests, like the letter tests, read the PDFs with
// pdftotext, pdfinfo, pdffonts and qpdf, and check them against the
// geometry of the specification, written out here rather than taken from
// the package.

// kazakhTo is a Kazakh address with every capital letter of the Kazakh
// alphabet that Russian lacks: Ә Ғ Қ Ң Ө Ұ Ү Һ І.
var kazakhTo = []string{
	"Бас прокурор Һ. Ғ. Өтегенұлына",
	"Қазақстан Бас прокуратурасы",
	"Ұлы Дала даңғылы, 14, Үкімет үйі",
	"І кіреберіс, 010000 Астана",
	"МӘҢГІЛІК ЕЛ ауданы, ҚАЗАҚСТАН",
}

// mailings are the English, Russian and Kazakh mailings.
func mailings() []pdf.Mailing {
	en, ru, kk := english(), russian(), kazakh()
	return []pdf.Mailing{
		{To: en.Recipient, From: en.Sender},
		{To: ru.Recipient, From: ru.Sender},
		{To: kazakhTo, From: kk.Sender},
	}
}

// writePDF writes data to a file in a temporary directory and returns its path.
func writePDF(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// envelopePDF writes the envelopes to a file and returns its path.
func envelopePDF(t *testing.T, env pdf.Envelope, ms ...pdf.Mailing) string {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Envelopes(&buf, env, time.Time{}, ms...); err != nil {
		t.Fatalf("Envelopes: %v", err)
	}
	return writePDF(t, buf.Bytes())
}

// box is a rectangle in mm from the top-left corner of the page.
type box struct{ x0, y0, x1, y1 float64 }

const bboxEps = 0.05 // mm; pdftotext rounds

// holds reports whether w lies wholly inside b.
func (b box) holds(w pdftest.Word) bool {
	return w.XMin >= b.x0-bboxEps && w.XMax <= b.x1+bboxEps && w.YMin >= b.y0-bboxEps && w.YMax <= b.y1+bboxEps
}

// meets reports whether w overlaps b.
func (b box) meets(w pdftest.Word) bool {
	return w.XMax > b.x0+bboxEps && w.XMin < b.x1-bboxEps && w.YMax > b.y0+bboxEps && w.YMin < b.y1-bboxEps
}

// sizeOf is the type size of w in pt: pdftotext's box is the font's ascent
// plus descent, 1.107 em for Liberation Serif.
func sizeOf(w pdftest.Word) float64 { return (w.YMax - w.YMin) / 1.107 / (25.4 / 72) }

// envSpec is an envelope per the specification.
type envSpec struct {
	env  pdf.Envelope
	w, h float64
	to   box // recipient zone
}

var envSpecs = []envSpec{
	{pdf.DL, 220, 110, box{110, 50, 205, 95}},
	{pdf.C5, 229, 162, box{120, 80, 220, 147}},
}

// sameText reports whether the words pdftotext found, in its reading
// order, spell out lines, white space aside: lines may be wrapped, and an
// over-long word broken.
func sameText(words, lines []string) bool {
	return strings.Join(words, "") == strings.Join(strings.Fields(strings.Join(lines, " ")), "")
}

// checkEnvelope checks page n of path against mailing m on envelope s: the
// recipient's words all in the recipient zone, the sender's in the top left
// (10 mm from the edges, left of and above the recipient zone), none in the
// stamp corner or the bottom 15 mm. It returns the recipient's and the
// sender's words.
func checkEnvelope(t *testing.T, path string, n int, s envSpec, m pdf.Mailing) (to, from []pdftest.Word) {
	t.Helper()
	fromZone := box{10, 10, s.to.x0, s.to.y0}
	// The stamp (franking) corner: 40 x 40 mm asked for, checked as the
	// 74 x 40 mm Frankierzone of Deutsche Post, which includes it.
	stamp := box{s.w - 74, 0, s.w, 40}
	barcode := box{0, s.h - 15, s.w, s.h}
	var toW, fromW []string
	for _, w := range pdftest.Words(t, path, n) {
		switch {
		case s.to.holds(w):
			to = append(to, w)
			toW = append(toW, w.Text)
		case fromZone.holds(w):
			from = append(from, w)
			fromW = append(fromW, w.Text)
		default:
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f mm is in neither address zone", n, w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
		}
		if stamp.meets(w) || barcode.meets(w) {
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f mm is in the stamp or barcode area", n, w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
		}
	}
	if !sameText(toW, m.To) {
		t.Errorf("page %d: recipient zone holds\n %q\nwant\n %q", n, toW, m.To)
	}
	if !sameText(fromW, m.From) {
		t.Errorf("page %d: sender zone holds\n %q\nwant\n %q", n, fromW, m.From)
	}
	return to, from
}

var pageSizeRE = regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)

// pageSizes returns the size in mm of every page per pdfinfo.
func pageSizes(t *testing.T, path string, pages int) [][2]float64 {
	t.Helper()
	out := pdftest.Run(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(pages), path)
	var sizes [][2]float64
	for _, m := range pageSizeRE.FindAllStringSubmatch(out, -1) {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		sizes = append(sizes, [2]float64{w * 25.4 / 72, h * 25.4 / 72})
	}
	if len(sizes) != pages {
		t.Fatalf("pdfinfo gives %d page sizes, want %d:\n%s", len(sizes), pages, out)
	}
	return sizes
}

// subsetName is how pdffonts knows a subset font: six capitals and a plus.
var subsetName = regexp.MustCompile(`^[A-Z]{6}\+`)

// checkFonts fails t unless every font is an embedded subset of a TrueType
// font and qpdf --check passes.
func checkFonts(t *testing.T, path string) {
	t.Helper()
	fonts := pdftest.Fonts(t, path)
	if len(fonts) == 0 {
		t.Error("pdffonts lists no fonts")
	}
	for _, f := range fonts {
		if !f.Embedded || !strings.Contains(f.Type, "TrueType") {
			t.Errorf("font %s: %s, embedded %v; want embedded TrueType", f.Name, f.Type, f.Embedded)
		}
		if !subsetName.MatchString(f.Name) {
			t.Errorf("font %s: not named as a subset (ABCDEF+Name)", f.Name)
		}
	}
	pdftest.Check(t, path)
}

func TestEnvelopes(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo", "pdffonts", "qpdf")
	ms := mailings()
	if kk := strings.Join(ms[2].To, " "); !containsAll(kk, "ӘҒҚҢӨҰҮҺІ") {
		t.Fatalf("the Kazakh address %q lacks some of Ә Ғ Қ Ң Ө Ұ Ү Һ І", kk)
	}
	for _, s := range envSpecs {
		t.Run(s.env.String(), func(t *testing.T) {
			path := envelopePDF(t, s.env, ms...)
			if n := pdftest.Pages(t, path); n != len(ms) {
				t.Fatalf("qpdf --show-npages = %d, want %d", n, len(ms))
			}
			for i, sz := range pageSizes(t, path, len(ms)) {
				if abs(sz[0]-s.w) > 0.5 || abs(sz[1]-s.h) > 0.5 {
					t.Errorf("page %d is %.2f x %.2f mm, want %v x %v", i+1, sz[0], sz[1], s.w, s.h)
				}
			}
			for i, m := range ms {
				n := i + 1
				to, from := checkEnvelope(t, path, n, s, m)
				for _, w := range to {
					if sz := sizeOf(w); sz < 11-0.05 || sz > 12+0.05 {
						t.Errorf("page %d: recipient word %q is %.2f pt, want 11–12", n, w.Text, sz)
					}
				}
				for _, w := range from {
					if sz := sizeOf(w); sz < 8-0.05 || sz > 9+0.05 {
						t.Errorf("page %d: sender word %q is %.2f pt, want 8–9", n, w.Text, sz)
					}
				}
				// In order: page n shows mailing n's first line, and its
				// recipient's lines one below the other.
				text := pdftest.Text(t, path, n, n)
				if !strings.Contains(oneSpace(text), m.To[0]) {
					t.Errorf("page %d: %q missing from\n%s", n, m.To[0], text)
				}
				for j := range ms {
					if j != i && strings.Contains(oneSpace(text), ms[j].To[0]) {
						t.Errorf("page %d shows mailing %d's %q", n, j+1, ms[j].To[0])
					}
				}
				if i == 2 && !containsAll(text, "ӘҒҚҢӨҰҮҺІ") {
					t.Errorf("page %d: pdftotext gives back\n%s\nwithout all of Ә Ғ Қ Ң Ө Ұ Ү Һ І", n, text)
				}
			}
			checkFonts(t, path)
		})
	}
}

// TestEnvelopeLongAddresses checks that over-long and over-wide addresses,
// and senders, are shrunk and wrapped to stay inside their zones, and that
// a mailing without a sender leaves the corner empty.
func TestEnvelopeLongAddresses(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	wide, many := wideAddress(), manyLines()
	ms := []pdf.Mailing{
		{To: wide.Recipient, From: []string{wide.ReturnLine}},
		{To: many.Recipient, From: many.Sender},
		{To: []string{"Ministry of Justice", "Astana", "Kazakhstan"}},
		{To: []string{strings.Repeat("Averyveryverylongwordwithoutanyspaces", 4)}, From: []string{strings.Repeat("Sender-", 30)}},
	}
	for _, s := range envSpecs {
		t.Run(s.env.String(), func(t *testing.T) {
			path := envelopePDF(t, s.env, ms...)
			for i, m := range ms {
				to, _ := checkEnvelope(t, path, i+1, s, m)
				if i == 0 {
					// Over-wide lines shrink, down to 8 pt, before they wrap.
					for _, w := range to {
						if sz := sizeOf(w); sz < 8-0.05 {
							t.Errorf("page 1: %q is %.2f pt, want at least 8", w.Text, sz)
						}
					}
				}
			}
		})
	}
}

// TestEnvelopeText checks the text cleaning: runes above U+FFFF, control
// characters, invisible format characters.
func TestEnvelopeText(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	m := pdf.Mailing{
		To:   []string{"Emoji 😀 and\ttabs", "soft\u00adhyphen, zero\u200bwidth", "  ", "invalid \xff byte"},
		From: []string{"", "Line\nbreak"},
	}
	path := envelopePDF(t, pdf.DL, m)
	got := oneSpace(pdftest.Text(t, path, 1, 1))
	for _, want := range []string{"Emoji \uFFFD and tabs", "softhyphen, zerowidth", "invalid \uFFFD byte", "Line break"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing from %q", want, got)
		}
	}
}

func TestEnvelopeDeterministic(t *testing.T) {
	created := time.Date(2017, 3, 14, 9, 30, 0, 0, time.FixedZone("ALMT", 6*3600))
	for _, s := range envSpecs {
		var a, b bytes.Buffer
		if err := pdf.Envelopes(&a, s.env, created, mailings()...); err != nil {
			t.Fatal(err)
		}
		if err := pdf.Envelopes(&b, s.env, created.UTC(), mailings()...); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%v: two writes of the same mailings differ", s.env)
		}
	}
}

func TestEnvelopeErrors(t *testing.T) {
	tests := []struct {
		name string
		env  pdf.Envelope
		ms   []pdf.Mailing
	}{
		{"no mailings", pdf.DL, nil},
		{"no recipient", pdf.DL, []pdf.Mailing{mailings()[0], {From: []string{"Sender"}}}},
		{"blank recipient", pdf.C5, []pdf.Mailing{{To: []string{" ", "\u200b"}}}},
		{"bad envelope", 7, mailings()},
		{"negative envelope", -1, mailings()},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if err := pdf.Envelopes(&buf, tc.env, time.Time{}, tc.ms...); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if buf.Len() > 0 {
			t.Errorf("%s: wrote %d bytes despite the error", tc.name, buf.Len())
		}
	}
}

func TestParseEnvelope(t *testing.T) {
	tests := []struct {
		in      string
		want    pdf.Envelope
		wantErr bool
	}{
		{"dl", pdf.DL, false},
		{"DL", pdf.DL, false},
		{"c5", pdf.C5, false},
		{" C5 ", pdf.C5, false},
		{"c4", 0, true},
		{"", 0, true},
	}
	for _, tc := range tests {
		got, err := pdf.ParseEnvelope(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseEnvelope(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil && !(strings.Contains(err.Error(), "dl") && strings.Contains(err.Error(), "c5")) {
			t.Errorf("ParseEnvelope(%q) error %q does not list the valid names", tc.in, err)
		}
		if err == nil {
			if back, _ := pdf.ParseEnvelope(got.String()); back != got {
				t.Errorf("ParseEnvelope(%v.String()) = %v", got, back)
			}
		}
	}
	if s := pdf.Envelope(9).String(); s != fmt.Sprintf("Envelope(%d)", 9) {
		t.Errorf("Envelope(9).String() = %q", s)
	}
}

// containsAll reports whether s contains every rune of runes.
func containsAll(s, runes string) bool {
	for _, r := range runes {
		if !strings.ContainsRune(s, r) {
			return false
		}
	}
	return true
}

// oneSpace collapses the white space of s to single spaces.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
