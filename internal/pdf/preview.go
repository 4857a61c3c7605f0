package pdf

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"appeal/internal/doc"

	"codeberg.org/go-pdf/fpdf"
)

// The page of a parallel document: A4 landscape, two columns.
const (
	parW, parH   = 297.0, 210.0
	parMargin    = 15.0
	parGutter    = 8.0
	parTop       = 12.0 // column headings
	parBottom    = parH - 14.0
	parLabelY    = parH - 8.0
	parCellSize  = 10.0
	parSmallSize = 8.5
	parHeadSize  = 11.0
	parTitleSize = 14.0
)

var parColW = (parW - 2*parMargin - parGutter) / 2

// Colours of a parallel document's text.
const (
	inkBlack = iota
	inkGrey  // notes, row labels, headings of the columns
	inkRed   // marks: a stale translation, a failing piece
)

// pop is one thing drawn on a page of a parallel document.
type pop struct {
	op
	ink int
}

// parallel lays out a doc.Parallel page by page.
type parallel struct {
	fs *fontSet // title, headings, labels, notes, marks: left to right
	// cols are the fonts of the left and the right texts, as letters in
	// their languages use them (fontsFor): in Arabic and Persian, lines
	// with Arabic in them run right to left, shaped in the language.
	cols  [2]*fontSet
	p     *doc.Parallel
	pages [][]pop
	y     float64 // top of the next line on the current page
	cont  string  // heading of the section being laid out, repeated after a page break
}

// WriteParallel lays out p as a PDF on A4 landscape: the title and intro,
// then each section with its heading, marks and note across the page, and
// its rows in two columns, p.Left on the left and p.Right on the right,
// the lines of the two side by side. A row that does not fit on a page
// goes on at the top of the next, under the section's heading marked
// "(continued)"; a heading is never left at the foot of a page. Fonts are
// embedded as in letters (Liberation Serif, subset); text in Arabic
// script, and characters of a fallback font, is shaped and drawn by glyph
// as letters draw it (Noto Naskh Arabic, subset). In a column in Arabic or
// Persian (p.Left or p.Right "ar", "fa"), a line with Arabic in it runs
// right to left, right-aligned in the column; every page has a label
// p.PageOf. created is the PDF's date (zero: 1970-01-01).
func WriteParallel(w io.Writer, p doc.Parallel, created time.Time) (err error) {
	if len(p.Sections) == 0 {
		return errors.New("pdf: nothing to preview")
	}
	fs, err := fonts()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil { // fpdf panics on some inputs it cannot handle
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	l := &parallel{fs: fs, cols: [2]*fontSet{fontsFor(fs, p.Left), fontsFor(fs, p.Right)}, p: &p}
	l.layout()

	f := newDoc(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"}, created, fs)
	f.AddSharedUTF8Font(family, "B", fs.bold.shared)
	if validLang(p.Lang) {
		f.SetLang(p.Lang)
	}
	if t := oneLine(p.Title); t != "" {
		f.SetTitle(t, true)
	}
	pageOf := p.PageOf
	if strings.Count(pageOf, "%d") != 2 {
		pageOf = "%d / %d"
	}
	// The renderer of letters sets the font of each op (Liberation Serif
	// for text, the fonts drawn by glyph for shaped runs) when it changes.
	r := renderer{f: f}
	var cur struct {
		ink int
		set bool
	}
	var one [1]op
	for i, ops := range l.pages {
		f.AddPage()
		label := oneLine(fmt.Sprintf(pageOf, i+1, len(l.pages)))
		for _, o := range appendLine(nil, fs.regular, label, parSmallSize, parW-parMargin-fs.regular.width(label, parSmallSize), parLabelY) {
			ops = append(ops, pop{o, inkGrey})
		}
		for _, o := range ops {
			if o.lw > 0 {
				f.SetLineWidth(o.lw)
				f.Line(o.x, o.y, o.x2, o.y2)
				continue
			}
			if !cur.set || o.ink != cur.ink {
				switch o.ink {
				case inkGrey:
					f.SetTextColor(90, 90, 90)
				case inkRed:
					f.SetTextColor(170, 0, 0)
				default:
					f.SetTextColor(0, 0, 0)
				}
			}
			cur.ink, cur.set = o.ink, true
			one[0] = o.op
			r.draw(one[:])
		}
	}
	return finish(f, w)
}

func (l *parallel) face(bold bool) *face {
	if bold {
		return l.fs.bold
	}
	return l.fs.regular
}

// step is the height of a line of text at size pt, in mm.
func step(size float64) float64 { return size * ptMM * 1.25 }

// newPage starts a page with the column headings, and the heading of the
// section that goes on from the page before.
func (l *parallel) newPage() {
	l.pages = append(l.pages, nil)
	l.y = parTop
	l.line(parMargin, cmp.Or(l.p.LeftHead, l.p.Left), parSmallSize+0.5, true, inkGrey)
	l.y -= step(parSmallSize + 0.5)
	l.line(parMargin+parColW+parGutter, cmp.Or(l.p.RightHead, l.p.Right), parSmallSize+0.5, true, inkGrey)
	l.rule(0.2)
	l.y += 2
	if l.cont != "" {
		l.line(parMargin, l.cont+" (continued)", parSmallSize+0.5, true, inkGrey)
		l.y += 1
	}
}

// fits reports whether h mm more fit on the page.
func (l *parallel) fits(h float64) bool { return len(l.pages) > 0 && l.y+h <= parBottom+1e-9 }

// need starts a new page unless h mm fit on this one.
func (l *parallel) need(h float64) {
	if !l.fits(h) {
		l.newPage()
	}
}

// line draws s (one line, cleaned) at x with its top at l.y, and moves down.
func (l *parallel) line(x float64, s string, size float64, bold bool, ink int) {
	l.lineIn(l.face(bold), x, false, s, size, ink)
}

// lineIn draws s (one line, cleaned) in fc with its top at l.y, starting
// at x, or ending at x when right is set, and moves down. A line with
// Arabic or characters of a fallback font in it is shaped and drawn run
// by run, as letters draw it; any other, as one string.
func (l *parallel) lineIn(fc *face, x float64, right bool, s string, size float64, ink int) {
	if s != "" {
		if right {
			x -= fc.width(s, size)
		}
		pg := &l.pages[len(l.pages)-1]
		// The baseline is the Latin font's (every face is Liberation
		// Serif's, which Arabic runs are set beside), so that lines side
		// by side stand on one.
		for _, o := range appendLine(nil, fc, s, size, x, l.y+fc.ascent*size*ptMM) {
			*pg = append(*pg, pop{o, ink})
		}
	}
	l.y += step(size)
}

func (l *parallel) rule(lw float64) {
	pg := &l.pages[len(l.pages)-1]
	*pg = append(*pg, pop{op: op{x: parMargin, y: l.y, x2: parW - parMargin, y2: l.y, lw: lw}})
}

// lines wraps text (line breaks kept) to width at size.
func (l *parallel) lines(text string, size float64, bold bool, width float64) []string {
	var out []string
	for _, s := range strings.Split(text, "\n") {
		out = append(out, wrap(l.face(bold), oneLine(s), size, width)...)
	}
	return out
}

// cell is a line of a column of a row, and the font it is set in.
type cell struct {
	text string
	fc   *face
	rtl  bool // right to left: right-aligned in the column
}

// cellLines wraps text (line breaks kept) to width at size in the fonts
// of column c. In a column in Arabic or Persian, a line of text with
// Arabic in it runs right to left (its wrapped lines right-aligned); one
// without (an English note such as "(empty: closing is used)"), left to
// right.
func (l *parallel) cellLines(c int, text string, size, width float64) []cell {
	var out []cell
	for _, s := range strings.Split(text, "\n") {
		s = oneLine(s)
		fc := l.cols[c].regular
		rtl := fc.rtl && hasArabic(s)
		if fc.rtl && !rtl {
			fc = l.fs.regular
		}
		for _, t := range wrap(fc, s, size, width) {
			out = append(out, cell{t, fc, rtl})
		}
	}
	return out
}

// para draws text across the page, prefix before its first line and the
// others indented as far, breaking pages between lines.
func (l *parallel) para(prefix, text string, size float64, bold bool, ink int) {
	ind := l.face(bold).width(prefix, size)
	for i, s := range l.lines(text, size, bold, parW-2*parMargin-ind) {
		l.need(step(size))
		x := parMargin + ind
		if i == 0 && prefix != "" {
			l.line(parMargin, prefix, size, bold, ink)
			l.y -= step(size)
		}
		l.line(x, s, size, bold, ink)
	}
}

func (l *parallel) layout() {
	l.newPage()
	l.para("", l.p.Title, parTitleSize, true, inkBlack)
	l.y += 1
	for _, s := range l.p.Intro {
		l.para("", s, parSmallSize+0.5, false, inkBlack)
	}
	for _, sec := range l.p.Sections {
		l.section(sec)
	}
}

// section lays out one section: the heading (kept with the start of what
// follows), marks, note, rows.
func (l *parallel) section(sec doc.Section) {
	l.cont = ""
	gap := 5.0
	first := step(parHeadSize) + 1.5 + step(parSmallSize) + step(parCellSize)*2
	if !l.fits(gap + first) {
		l.newPage()
	} else {
		l.y += gap
	}
	l.rule(0.1)
	l.y += 1
	l.line(parMargin, sec.Heading, parHeadSize, true, inkBlack)
	l.y += 0.5
	l.cont = sec.Heading
	for _, m := range sec.Marks {
		l.para("! ", m, parSmallSize+0.5, true, inkRed)
	}
	if sec.Note != "" {
		l.para("Note: ", sec.Note, parSmallSize, false, inkGrey)
	}
	for _, row := range sec.Rows {
		l.row(row)
	}
}

// row lays out the two texts of a row side by side: paragraph by
// paragraph (the first of each on the same line, the second below the
// longer of the two, ...), line by line, a blank half line between
// paragraphs. Pages break between lines; a row goes on at the top of the
// next page in both columns.
func (l *parallel) row(row doc.Row) {
	l.y += 1.5
	left, right := strings.Split(row.Left, "\n\n"), strings.Split(row.Right, "\n\n")
	if row.Label != "" {
		l.need(step(parSmallSize) + step(parCellSize))
		l.line(parMargin, row.Label, parSmallSize, false, inkGrey)
	}
	xs := [2]float64{parMargin, parMargin + parColW + parGutter}
	for i := range max(len(left), len(right)) {
		var cols [2][]cell
		for c, ps := range [2][]string{left, right} {
			if i < len(ps) {
				cols[c] = l.cellLines(c, ps[i], parCellSize, parColW)
			}
		}
		if i > 0 && l.fits(step(parCellSize)*1.5) {
			l.y += step(parCellSize) / 2
		}
		for j := range max(len(cols[0]), len(cols[1])) {
			l.need(step(parCellSize))
			for c := range cols {
				if j < len(cols[c]) {
					cl := cols[c][j]
					x := xs[c]
					if cl.rtl {
						x += parColW
					}
					l.lineIn(cl.fc, x, cl.rtl, cl.text, parCellSize, inkBlack)
					l.y -= step(parCellSize)
				}
			}
			l.y += step(parCellSize)
		}
	}
}
