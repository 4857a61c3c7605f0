// Package pdf lays out finished letters (doc.Letter) as print-ready PDF
// for window envelopes: DIN 5008 form B on A4, a #10 window envelope on
// US Letter. It draws Latin, Greek and Cyrillic (Kazakh included) in
// Liberation Serif, and Arabic and Persian in Noto Naskh Arabic, shaped
// by go-text/typesetting's HarfBuzz port and ordered by the Unicode
// Bidirectional Algorithm; letters in ar and fa run right to left. fpdf
// parses each font once per process; each document embeds only the glyphs
// it uses. Characters neither font has are drawn, shaped, in a fallback
// font (SetFallback: a file, or one fontconfig finds), or else replaced
// before layout. It keeps all text extractable, and writes byte-identical
// output for identical input. It is the only user of fpdf and knows
// nothing of prisoners or cases.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"appeal/internal/doc"

	"codeberg.org/go-pdf/fpdf"
)

// Paper is a paper size, with the envelope window that goes with it.
type Paper int

const (
	A4     Paper = iota // DIN A4, DIN 5008 form B, DL window envelope
	Letter              // US Letter, #10 window envelope
)

var paperNames = [...]string{A4: "a4", Letter: "letter"}

// String returns the name ParsePaper accepts.
func (p Paper) String() string { return nameOf("Paper", paperNames[:], p) }

// ParsePaper returns the paper named s: "a4" or "letter", in any case.
func ParsePaper(s string) (Paper, error) { return parseName[Paper]("paper", paperNames[:], s) }

// nameOf and parseName map the values of a small enum to their names.
func nameOf[T ~int](kind string, names []string, v T) string {
	if v < 0 || int(v) >= len(names) {
		return fmt.Sprintf("%s(%d)", kind, int(v))
	}
	return names[v]
}

func parseName[T ~int](kind string, names []string, s string) (T, error) {
	for v, name := range names {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return T(v), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (valid: %s)", kind, s, strings.Join(names, ", "))
}

// Options control Write.
type Options struct {
	Paper Paper
	// Created is the CreationDate and ModDate of the PDF; the zero value
	// means 1970-01-01 00:00 UTC, so that output is deterministic.
	Created time.Time
	// Duplex starts each letter on an odd page, inserting a blank page
	// where needed, for printing a combined file on both sides.
	Duplex bool
}

// Window returns the envelope address window of the paper in mm from the
// top-left corner of the page: x, y, width, height.
func Window(p Paper) (x, y, w, h float64) {
	if p < 0 || int(p) >= len(geometries) {
		p = A4
	}
	r := geometries[p].window
	return r.x, r.y, r.w, r.h
}

// family is the name the fonts are registered under in fpdf;
// latinGlyphFamily, the same fonts drawn by glyph.
const (
	family           = "serif"
	latinGlyphFamily = "serifglyphs"
)

// Write lays out the letters, each starting on a new page, into one PDF
// written to w. It returns the number of pages each letter took (blank
// duplex pages not counted). Nothing is written to w unless the whole
// document was made without error.
func Write(w io.Writer, opts Options, letters ...doc.Letter) ([]int, error) {
	if len(letters) == 0 {
		return nil, errors.New("pdf: no letters")
	}
	if opts.Paper < 0 || int(opts.Paper) >= len(geometries) {
		return nil, fmt.Errorf("pdf: unknown paper %v", opts.Paper)
	}
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	return write(w, fs, opts, letters)
}

func write(w io.Writer, fs *fontSet, opts Options, letters []doc.Letter) (counts []int, err error) {
	defer func() {
		if p := recover(); p != nil { // fpdf panics on some inputs it cannot handle
			counts, err = nil, fmt.Errorf("pdf: %v", p)
		}
	}()
	g := &geometries[opts.Paper]
	f := newDoc(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: g.fpdfSize}, opts.Created, fs)
	if lang := letters[0].Lang; validLang(lang) {
		same := true
		for i := range letters {
			same = same && letters[i].Lang == lang
		}
		if same {
			f.SetLang(lang)
		}
	}
	if len(letters) == 1 {
		if s := oneLine(letters[0].Subject); s != "" {
			f.SetTitle(s, true)
		}
	}
	for i := range letters {
		if oneLine(letters[i].Subject) != "" { // as flow decides whether to print it
			f.AddSharedUTF8Font(family, "B", fs.bold.shared)
			break
		}
	}

	r := renderer{f: f}
	lay := layouter{g: g, fs: fs}
	counts = make([]int, len(letters))
	for i := range letters {
		lay.fs = fontsFor(fs, letters[i].Lang)
		if err := lay.checkWindow(&letters[i]); err != nil {
			return nil, err
		}
		pages := lay.letter(&letters[i])
		if opts.Duplex && f.PageCount()%2 == 1 {
			f.AddPage()
		}
		for _, p := range pages {
			f.AddPage()
			r.draw(p)
		}
		counts[i] = len(pages)
	}
	if err := finish(f, w); err != nil {
		return nil, err
	}
	return counts, nil
}

// finish closes the document and writes it to w. fpdf's error is sticky:
// one check covers every call that drew the document.
func finish(f *fpdf.Fpdf, w io.Writer) error {
	f.Close()
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// validLang reports whether s looks like a BCP 47 tag; fpdf writes it
// into the catalog unescaped.
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// renderer draws ops with fpdf, setting font and line width only when they
// change.
type renderer struct {
	f      *fpdf.Fpdf
	bold   bool
	size   float64
	lw     float64
	hasFnt bool
	glyphs int    // 0: text in Liberation; 1: glyphs of Noto Naskh; 2: glyphs of Liberation; 3: of a fallback font
	fb     uint16 // the fallback font's id, when glyphs is 3
	added  [3][2]bool
	addFB  map[uint16]bool // fallback fonts added
}

func (r *renderer) draw(ops []op) {
	f := r.f
	for i := range ops {
		o := &ops[i]
		if o.lw > 0 {
			if o.lw != r.lw {
				f.SetLineWidth(o.lw)
				r.lw = o.lw
			}
			f.Line(o.x, o.y, o.x2, o.y2)
			continue
		}
		glyphs := 0
		switch {
		case o.fb != 0:
			glyphs = 3
		case o.glyphs != nil && o.latin:
			glyphs = 2
		case o.glyphs != nil:
			glyphs = 1
		}
		if !r.hasFnt || o.bold != r.bold || o.size != r.size || glyphs != r.glyphs || o.fb != r.fb {
			style := ""
			if o.bold {
				style = "B"
			}
			fam := family
			switch {
			case glyphs == 3:
				fam, style = r.addFallbackFont(o.fb), "" // drawn in the regular weight: a fallback has one
			case glyphs > 0:
				fam = r.addGlyphFont(glyphs, o.bold)
			}
			f.SetFont(fam, style, o.size)
			r.bold, r.size, r.hasFnt, r.glyphs, r.fb = o.bold, o.size, true, glyphs, o.fb
		}
		if glyphs > 0 {
			f.GlyphRun(o.x, o.y, o.glyphs)
			continue
		}
		f.Text(o.x, o.y, o.text)
	}
}

// addGlyphFont registers the font drawn by glyph of kind (1: Noto Naskh
// Arabic, 2: Liberation Serif) and the weight, the first time the
// document draws with it, and returns its family name.
func (r *renderer) addGlyphFont(kind int, bold bool) string {
	i, style := 0, ""
	if bold {
		i, style = 1, "B"
	}
	fam := arabicFamily
	if kind == 2 {
		fam = latinGlyphFamily
	}
	if r.added[kind][i] {
		return fam
	}
	r.added[kind][i] = true
	if kind == 2 {
		fs, err := fonts()
		if err == nil {
			font := fs.regular
			if bold {
				font = fs.bold
			}
			r.f.AddSharedGlyphFont(fam, style, font.shared)
		}
	} else if fs, err := arabicFonts(); err == nil {
		r.f.AddSharedGlyphFont(fam, style, fs[i].shared)
	}
	return fam
}

// addFallbackFont registers the fallback font of id, drawn by glyph, the
// first time the document draws with it, and returns its family name.
func (r *renderer) addFallbackFont(id uint16) string {
	fam := fmt.Sprintf("fallback%d", id)
	if !r.addFB[id] {
		if r.addFB == nil {
			r.addFB = map[uint16]bool{}
		}
		r.addFB[id] = true
		r.f.AddSharedGlyphFont(fam, "", fallbackByID(id).shared)
	}
	return fam
}

// newDoc starts a deterministic document: fixed dates (the zero time is
// 1970-01-01), sorted catalog, no automatic page breaks or margins, and
// the regular font. Page content is not compressed: fpdf makes a new
// compressor for every page, which halved the speed of combined output.
func newDoc(init *fpdf.InitType, created time.Time, fs *fontSet) *fpdf.Fpdf {
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	created = created.UTC()
	f := fpdf.NewCustom(init)
	f.SetCatalogSort(true)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCreator("appeal", false)
	f.SetCompression(false)
	f.AddSharedUTF8Font(family, "", fs.regular.shared)
	return f
}
