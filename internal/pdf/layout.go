package pdf

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"appeal/internal/doc"

	"codeberg.org/go-pdf/fpdf"
)

// op is one thing drawn on a page: a line of text, or a rule when lw > 0.
type op struct {
	text   string
	glyphs []fpdf.Glyph // shaped Arabic, drawn instead of text when set
	latin  bool         // the glyphs are Liberation's, not Noto Naskh's
	fb     uint16       // the glyphs are those of the fallback font of this id (glyphFace.id)
	bold   bool
	size   float64 // pt
	x, y   float64 // text: left end of the baseline; rule: start
	x2, y2 float64 // rule: end
	lw     float64 // rule: line width
}

// candidate is one way to set a block of lines: a size, a pitch, whether
// over-wide lines may be wrapped rather than the block shrunk, and whether
// a word wider than a line may then be broken between characters.
type candidate struct {
	size, pitch float64
	wrap, split bool
}

// candidates lists the ways to set a block, best first: at sizes from
// max down to min without wrapping, then wrapped at the same sizes, then,
// as a last resort, wrapped at smaller sizes and a tighter pitch.
func candidates(max, min float64) []candidate {
	var cs []candidate
	for _, wrap := range []bool{false, true} {
		for s := max; s >= min-1e-9; s -= 0.5 {
			cs = append(cs, candidate{s, headPitch, wrap, wrap})
		}
	}
	for s := min - 0.5; s >= 1-1e-9; s -= 0.5 {
		cs = append(cs, candidate{s, 1.1, true, true})
	}
	return cs
}

// wrapFirst lists the ways to set a block, best first, never below min:
// at each size from max down to min, the lines as they are, then wrapped
// at spaces (only over-wide lines wrap), before the next smaller size. A
// word wider than a line (an e-mail address, a URL) is broken between
// characters only at min. What does not fit then is not set smaller: fit
// returns that last way.
func wrapFirst(max, min float64) []candidate {
	var cs []candidate
	for s := max; s >= min-1e-9; s -= 0.5 {
		cs = append(cs, candidate{s, headPitch, false, false}, candidate{s, headPitch, true, false})
	}
	return append(cs, candidate{min, headPitch, true, true})
}

var (
	addrCands   = wrapFirst(headSize, minHeadSize)
	senderCands = wrapFirst(headSize, minInfoSize)
	returnCands = candidates(returnSize, 7)
)

// block is a fitted block of lines.
type block struct {
	lines []string
	candidate
	fc *face
}

func (b block) em() float64   { return b.size * ptMM }
func (b block) step() float64 { return b.pitch * b.em() }
func (b block) asc() float64  { return b.fc.ascent * b.em() }
func (b block) height() float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return float64(len(b.lines)-1)*b.step() + (b.fc.ascent+b.fc.descent)*b.em()
}

// widest is the width of the widest line, in mm.
func (b block) widest() float64 {
	w := 0.0
	for _, l := range b.lines {
		w = math.Max(w, b.fc.width(l, b.size))
	}
	return w
}

// fit sets lines in the first candidate way that keeps every line within
// maxW and the block within maxH (mm). If none does, it returns the last.
func fit(fc *face, lines []string, cands []candidate, maxW, maxH float64) block {
	var b block
	for _, c := range cands {
		b = block{fc: fc, candidate: c}
		ok := true
		if c.wrap {
			for _, l := range lines {
				ok = ok && (c.split || !hasWideWord(fc, l, c.size, maxW))
				b.lines = append(b.lines, wrap(fc, l, c.size, maxW)...)
			}
		} else {
			for _, l := range lines {
				if fc.width(l, c.size) > maxW {
					ok = false
					break
				}
			}
			b.lines = lines
		}
		if ok && b.height() <= maxH+1e-9 {
			return b
		}
	}
	return b
}

// hasWideWord reports whether a word of s (between plain spaces) is wider
// than maxW mm at size pt, so that wrap would break it between characters.
func hasWideWord(fc *face, s string, size, maxW float64) bool {
	if fc.width(s, size) <= maxW {
		return false
	}
	for w := range strings.SplitSeq(s, " ") {
		if fc.width(w, size) > maxW {
			return true
		}
	}
	return false
}

// place draws b with the top of its first line at top, left-aligned at x
// (or right-aligned at x when right is set).
func (b block) place(ops []op, x, top float64, right bool) []op {
	for i, l := range b.lines {
		if l == "" {
			continue
		}
		lx := x
		if right {
			lx = x - b.fc.width(l, b.size)
		}
		ops = appendLine(ops, b.fc, l, b.size, lx, top+b.asc()+float64(i)*b.step())
	}
	return ops
}

// row is one line of the body flow.
type row struct {
	before   float64 // space above it, dropped at the top of a page
	x        float64
	align    align // how the text stands at x
	text     string
	bold     bool
	marker   string // list marker, drawn at mx, aligned as the text
	mx       float64
	keepNext bool // no page break between this row and the next
}

// align says where x is on a line: at its left end, its right end (text
// running right to left) or its middle.
type align uint8

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// at returns the left end of a line w wide aligned a at x.
func (a align) at(x, w float64) float64 {
	switch a {
	case alignRight:
		return x - w
	case alignCenter:
		return x - w/2
	}
	return x
}

// rtlLang reports whether letters in lang run right to left.
func rtlLang(lang string) bool {
	switch lang {
	case "ar", "fa":
		return true
	}
	return strings.HasPrefix(lang, "ar-") || strings.HasPrefix(lang, "fa-")
}

// persian reports whether lang is Persian.
func persian(lang string) bool { return lang == "fa" || strings.HasPrefix(lang, "fa-") }

// fontsFor returns the font set for a letter in lang.
func fontsFor(fs *fontSet, lang string) *fontSet {
	if persian(lang) && fs.fa != nil {
		return fs.fa
	}
	if rtlLang(lang) && fs.rtl != nil {
		return fs.rtl
	}
	return fs
}

// layouter lays out letters on one paper size. It keeps its buffers
// between letters.
type layouter struct {
	g       *geometry
	fs      *fontSet
	size    float64 // body type size of the letter being laid out
	rows    []row
	opStart []int
	pages   [][]op
}

// cleanLines cleans every line and drops the empty ones.
func cleanLines(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// oneLine cleans s, trims white space, no-break spaces included, from its
// ends and collapses the runs of plain spaces within it (clean makes every
// other white space one, except the no-break spaces, which stay as they
// are: strings.Fields would take them for plain spaces).
func oneLine(s string) string {
	s = strings.TrimSpace(clean(s))
	if !strings.Contains(s, "  ") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' || s[i-1] != ' ' { // s[0] is not a space
			b = append(b, s[i])
		}
	}
	return string(b)
}

// windowArea is what goes in the envelope window: the return line (A4)
// and the recipient's address, fitted into the room left for it.
type windowArea struct {
	hasReturn   bool
	ret         block
	retTop      float64
	rule        float64 // the rule under the return line
	addr        block
	top, bottom float64 // the room for the address lines
	width       float64
}

// window fits the window's contents of lt. Everything in the window keeps
// g.inset from its top, right and bottom edges, for the play of the letter
// in the envelope.
func (l *layouter) window(lt *doc.Letter) windowArea {
	g, reg := l.g, l.fs.regular
	win := g.window
	a := windowArea{top: win.y + g.inset, bottom: win.bottom() - g.inset, width: win.x + win.w - g.inset - g.addrX}
	// Return line at the top of the window, in the Zusatz- und Vermerkzone (A4).
	if rl := oneLine(lt.ReturnLine); rl != "" && g.returnLine {
		a.hasReturn = true
		a.retTop = win.y + g.inset
		a.ret = fit(reg, []string{rl}, returnCands, a.width, g.vermerk-g.inset-1)
		a.rule = a.retTop + a.ret.height() + 0.3
		a.top = a.rule + 1
	}
	if lines := cleanLines(lt.Recipient); len(lines) > 0 {
		a.addr = fit(reg, lines, addrCands, a.width, a.bottom-a.top)
	}
	return a
}

// ErrAddressTooLong says that a recipient's address does not fit the
// envelope window at a legible size.
var ErrAddressTooLong = errors.New("the address does not fit the envelope window")

// FitsWindow reports whether an address block (with a return line above
// it, on paper that prints one) fits the envelope window of paper at 8 pt
// or more: Write refuses a letter whose address does not.
func FitsWindow(paper Paper, address []string, returnLine string) error {
	fs, err := fonts()
	if err != nil {
		return err
	}
	l := layouter{g: &geometries[paper], fs: fs}
	return l.checkWindow(&doc.Letter{Recipient: address, ReturnLine: returnLine})
}

// checkWindow refuses a letter whose address does not fit the window at
// 8 pt or more, wrapped: a smaller one would not be read, nor delivered.
func (l *layouter) checkWindow(lt *doc.Letter) error {
	a := l.window(lt)
	if len(a.addr.lines) > 0 && !a.addr.within(a.width, a.bottom-a.top) {
		return fmt.Errorf("%w at %g pt or more: it takes %d lines, room is for about %d; leave out lines the post does not need (the organisation when the title names it, a second street line)",
			ErrAddressTooLong, minHeadSize, len(a.addr.lines), int((a.bottom-a.top)/a.addr.step()))
	}
	return nil
}

// letter lays out one letter and returns its pages. The pages are valid
// until the next call.
func (l *layouter) letter(lt *doc.Letter) [][]op {
	g, reg := l.g, l.fs.regular
	l.pages = l.pages[:0]
	p1 := l.newPage()

	// Fold marks and punch mark, the punch mark twice as long so that it
	// is not taken for a fold mark (KOMA-Script's letters, too, draw it
	// longer).
	for _, y := range g.folds {
		p1 = append(p1, op{x: g.markX, y: y, x2: g.markX + foldMarkLen, y2: y, lw: markWidth})
	}
	if g.punch > 0 {
		p1 = append(p1, op{x: g.markX, y: g.punch, x2: g.markX + punchMarkLen, y2: g.punch, lw: markWidth})
	}

	win := g.window
	a := l.window(lt)
	rtl := reg.rtl
	if a.hasReturn {
		if rtl { // right-aligned in the window, the rule under it
			rx := g.addrX + a.width
			p1 = a.ret.place(p1, rx, a.retTop, true)
			p1 = append(p1, op{x: rx - a.ret.widest(), y: a.rule, x2: rx, y2: a.rule, lw: ruleWidth})
		} else {
			p1 = a.ret.place(p1, g.addrX, a.retTop, false)
			p1 = append(p1, op{x: g.addrX, y: a.rule, x2: g.addrX + a.ret.widest(), y2: a.rule, lw: ruleWidth})
		}
	}

	// Recipient address: in the Anschriftzone when it fits there, else
	// moved up into the Vermerkzone, set smaller (down to 8 pt) as needed;
	// Write refuses an address that does not fit even so.
	if len(a.addr.lines) > 0 {
		zoneTop := win.y + g.vermerk
		if g.vermerk == 0 {
			zoneTop = a.top
		}
		top := zoneTop
		if top+a.addr.height() > a.bottom+1e-9 {
			top = math.Max(a.top, a.bottom-a.addr.height())
		}
		if rtl {
			p1 = a.addr.place(p1, g.addrX+a.width, top, true)
		} else {
			p1 = a.addr.place(p1, g.addrX, top, false)
		}
	}

	// Sender block and date.
	date := oneLine(lt.Date)
	sender := cleanLines(lt.Sender)
	sr := g.sender
	if g.dateInSender && date != "" {
		if len(sender) > 0 {
			sender = append(sender, "")
		}
		sender = append(sender, date)
	}
	if len(sender) > 0 {
		b := fit(reg, sender, senderCands, sr.w, sr.h)
		top := g.senderTop
		if top+b.height() > sr.bottom() {
			top = math.Max(sr.y, sr.bottom()-b.height())
		}
		switch {
		case !rtl:
			p1 = b.place(p1, sr.x, top, false)
		case g.dateInSender: // A4: right-aligned in the information block
			p1 = b.place(p1, sr.x+sr.w, top, true)
		default: // Letter: at the top right, the date at the top left
			p1 = b.place(p1, g.w-g.right, top, true)
		}
	}
	if !g.dateInSender && date != "" {
		b := fit(reg, []string{date}, senderCands, g.dateW, sr.h)
		if rtl {
			p1 = b.place(p1, g.left, sr.y, false)
		} else {
			p1 = b.place(p1, g.w-g.right, sr.y, true)
		}
	}
	// The body: at the paper's size, or, when that runs a few lines onto a
	// second page, a little smaller, so that an appeal stays on one sheet.
	head := slices.Clip(p1)
	for _, size := range []float64{g.bodySize, g.bodySize - 0.5, g.bodySize - 1} {
		l.size = size
		l.pages = append(l.pages[:0], head)
		l.flow(lt)
		l.paginate()
		if len(l.pages) == 1 {
			break
		}
	}
	if len(l.pages) > 1 && l.size != g.bodySize {
		// It does not fit anyway: a long letter reads best at full size.
		l.size = g.bodySize
		l.pages = append(l.pages[:0], head)
		l.flow(lt)
		l.paginate()
	}

	// Page labels, when the letter has more than one page.
	if n := len(l.pages); n > 1 {
		for i := range l.pages {
			s := pageLabel(lt.PageOf, i+1, n)
			x := g.w - g.right - reg.width(s, labelSize)
			if reg.rtl {
				x = g.left
			}
			l.pages[i] = appendLine(l.pages[i], reg, s, labelSize, x, g.labelBaseline)
		}
	}
	return l.pages
}

// pageLabel formats the label of page n of total.
func pageLabel(format string, n, total int) string {
	s := ""
	if format != "" {
		s = oneLine(fmt.Sprintf(format, n, total))
	}
	if s == "" || strings.Contains(s, "%!") {
		s = fmt.Sprintf("%d/%d", n, total)
	}
	return s
}

// flow turns the body of the letter, from the subject to the copy-to
// line, into rows.
func (l *layouter) flow(lt *doc.Letter) {
	g, reg := l.g, l.fs.regular
	pitch := bodyPitch * l.size * ptMM
	textW := g.w - g.left - g.right
	rows := l.rows[:0]
	// para appends s wrapped as rows; it keeps a paragraph's first two and
	// last two lines together (no orphans or widows).
	// Right to left, x is where the lines end, at the right.
	rtl := reg.rtl
	at := alignLeft
	if rtl {
		at = alignRight
	}
	para := func(s string, before float64, bold bool, fc *face, x, w float64) {
		lines := wrap(fc, s, l.size, w)
		for i, t := range lines {
			r := row{x: x, align: at, text: t, bold: bold}
			if rtl {
				r.x = g.w - (x - g.left) - g.right
			}
			if i == 0 {
				r.before = before
			}
			r.keepNext = i == 0 || i == len(lines)-2
			rows = append(rows, r)
		}
		rows[len(rows)-1].keepNext = false
	}
	before := 0.0
	if s := oneLine(lt.Subject); s != "" {
		para(s, 0, true, l.fs.bold, g.left, textW)
		for i := range rows {
			rows[i].keepNext = true
		}
		before = pitch
	}
	if s := oneLine(lt.Salutation); s != "" {
		para(s, before, false, reg, g.left, textW)
		rows[len(rows)-1].keepNext = true
		before = pitch
	}
	body := lt.Body
	for i := 0; i < len(body); i++ {
		b := body[i]
		text := oneLine(b.Text)
		if b.Marker == "" {
			if text != "" {
				para(text, before, false, reg, g.left, textW)
				before = pitch
			}
			continue
		}
		// A run of list items shares one hanging indent, wide enough for
		// the widest marker.
		j := i
		indent := 6.0
		for ; j < len(body) && body[j].Marker != ""; j++ {
			indent = math.Max(indent, reg.width(oneLine(body[j].Marker), l.size)+2.5)
		}
		indent = math.Min(indent, textW/4)
		for k := i; k < j; k++ {
			m, t := oneLine(body[k].Marker), oneLine(body[k].Text)
			n := len(rows)
			para(t, before, false, reg, g.left+indent, textW-indent)
			rows[n].marker, rows[n].mx = m, g.left
			if rtl {
				rows[n].mx = g.w - g.right
			}
			before = pitch / 2
		}
		before = pitch
		i = j - 1
	}
	if len(rows) > 0 {
		rows[len(rows)-1].keepNext = true // keep the last lines with the closing
	}
	// Right to left, the signature stands in the left half of the page,
	// centred, as Arabic and Persian letters set it; so does a Persian
	// letter's closing, while an Arabic one's ("وتفضلوا بقبول فائق
	// الاحترام والتقدير.") is a paragraph of its own at the right margin.
	closeStart := len(rows)
	if s := oneLine(lt.Closing); s != "" {
		para(s, before, false, reg, g.left, textW)
		rows[len(rows)-1].keepNext = true
		before = pitch
	}
	if rtl && !persian(lt.Lang) {
		closeStart = len(rows)
	}
	sig := cleanLines(lt.Signature)
	for i, s := range sig {
		b := 0.0
		if i == 0 {
			b = signSpace
			if lt.Closing == "" {
				b = before
			}
		}
		para(s, b, false, reg, g.left, textW)
		rows[len(rows)-1].keepNext = true
		before = pitch
	}
	if rtl {
		for i := closeStart; i < len(rows); i++ {
			rows[i].x, rows[i].align = g.left+textW/4, alignCenter
		}
	}
	if s := oneLine(lt.CopyTo); s != "" {
		para(s, before, false, reg, g.left, textW)
	}
	if len(rows) > 0 {
		rows[len(rows)-1].keepNext = false
	}
	l.rows = rows
}

// paginate places the rows on pages, starting below the address on page 1.
func (l *layouter) paginate() {
	g, reg := l.g, l.fs.regular
	em := l.size * ptMM
	pitch := bodyPitch * em
	asc := math.Max(reg.ascent, l.fs.bold.ascent) * em
	box := asc + math.Max(reg.descent, l.fs.bold.descent)*em
	rows := l.rows
	page := len(l.pages) - 1 // page 1, with the letterhead on it
	start := 0               // first row on this page
	opStart := l.opStart[:0]
	for range rows {
		opStart = append(opStart, 0)
	}
	l.opStart = opStart
	y := g.subjectTop
	for i := 0; i < len(rows); {
		r := rows[i]
		top := y
		if i > start {
			top += r.before
		}
		if i > start && top+box > g.bottom {
			// Break before i, or before the start of the chain of rows
			// that must stay together with i, unless it fills the page.
			s := i
			for s > start && rows[s-1].keepNext {
				s--
			}
			if s == start {
				s = i
			}
			if s < i {
				l.pages[page] = l.pages[page][:opStart[s]]
			}
			l.newPage()
			page++
			start, i, y = s, s, g.contTop
			continue
		}
		opStart[i] = len(l.pages[page])
		base := top + asc
		ops := l.pages[page]
		if r.marker != "" {
			if r.align == alignLeft {
				ops = append(ops, op{text: r.marker, size: l.size, x: r.mx, y: base})
			} else {
				// Right to left, a marker is laid out as right-to-left
				// text even when it has no Arabic in it: "1-" is drawn with
				// the digit at the right, the hyphen at its left, as "١-"
				// is (drawn as it is written, it would read "-1").
				ll := reg.layoutLine(r.marker)
				ops = appendLayout(ops, reg, ll, l.size, r.align.at(r.mx, ll.w*l.size*ptMM/1000), base)
			}
		}
		if r.text != "" {
			fc := reg
			if r.bold {
				fc = l.fs.bold
			}
			x := r.x
			if r.align != alignLeft {
				x = r.align.at(r.x, fc.width(r.text, l.size))
			}
			ops = appendLine(ops, fc, r.text, l.size, x, base)
		}
		l.pages[page] = ops
		y = top + pitch
		i++
	}
}

// newPage appends an empty page, reusing the buffers of earlier letters,
// and returns it.
func (l *layouter) newPage() []op {
	n := len(l.pages)
	if n < cap(l.pages) {
		l.pages = l.pages[:n+1]
		l.pages[n] = l.pages[n][:0]
	} else {
		l.pages = append(l.pages, make([]op, 0, 64))
	}
	return l.pages[n]
}
