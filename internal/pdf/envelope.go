package pdf

import (
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Mailing is one envelope or label: the recipient's postal address and the
// writer's (sender) address, each as lines top to bottom.
type Mailing struct {
	To   []string
	From []string // may be empty
}

// Envelope is an envelope size, printed on directly (no window).
type Envelope int

const (
	DL Envelope = iota // 220 x 110 mm
	C5                 // 229 x 162 mm
)

var envelopeNames = [...]string{DL: "dl", C5: "c5"}

// String returns the name ParseEnvelope accepts.
func (e Envelope) String() string { return nameOf("Envelope", envelopeNames[:], e) }

// ParseEnvelope returns the envelope named s: "dl" or "c5", in any case.
func ParseEnvelope(s string) (Envelope, error) {
	return parseName[Envelope]("envelope", envelopeNames[:], s)
}

// Type sizes (pt) on envelopes and labels (the label sheet is in
// labels.go). The envelope addresses shrink in steps of 0.5 pt down to the
// minimum before their lines are wrapped, and go below it, wrapped, only as
// a last resort (see candidates). Label addresses wrap before they shrink,
// and never go below the minimum (see wrapFirst).
const (
	envToSize   = 12.0 // recipient address
	envToMin    = 8.0
	envFromSize = 9.0 // sender block
	envFromMin  = 8.0
	labelToSize = 10.0
	labelToMin  = 8.0
)

var (
	envToCands    = candidates(envToSize, envToMin)
	envFromCands  = candidates(envFromSize, envFromMin)
	labelToCands  = wrapFirst(labelToSize, labelToMin)
	errNoMailings = errors.New("pdf: no mailings")
)

// envGeometry is where the addresses go on an envelope, in mm from the
// top-left corner of its front, held landscape.
type envGeometry struct {
	w, h float64
	to   rect // recipient address: the block's left edge, top, maximum width and height
	from rect // sender block
}

// The zones follow common European practice for addressing envelopes
// (Deutsche Post's rules for machine-readable letters, as summarised e.g.
// at https://acsr.de/dokumentation/groups/admin/MailAdressierung/RichtigAdressieren
// and http://www.oble.de/briefkuvert-korrekt-beschriften-so-gehts/): the
// recipient address in the lower right part of the front, at most 10 cm
// wide, in 10-12 pt; nothing in the bottom 15 mm, where sorting machines
// print their barcode; the top right corner free for the stamp or franking
// (kept free here: at least 40 x 40 mm; Deutsche Post's Frankierzone is
// 74 x 40 mm, and it is free too); the sender small in the top left corner.
//
// DL (220 x 110 mm), whose reading zone starts about 120 mm from the left
// edge: recipient block from x = 110 mm, y = 50 mm, at most 95 mm wide so
// that it ends 15 mm from the right edge, as Deutsche Post asks, and its
// bottom no lower than 110 - 15 = 95 mm.
// C5 (229 x 162 mm): x = 120 mm, y = 80 mm, 100 mm wide, bottom at most
// 162 - 15 = 147 mm.
// The sender block starts 10 mm from the left and top edges and stays
// 10 mm left of the recipient block's left edge and 5 (DL) or 10 mm (C5)
// above its top, far from the stamp corner.
var envelopes = [...]envGeometry{
	DL: {w: 220, h: 110, to: rect{110, 50, 95, 95 - 50}, from: rect{10, 10, 110 - 10 - 10, 45 - 10}},
	C5: {w: 229, h: 162, to: rect{120, 80, 100, 147 - 80}, from: rect{10, 10, 120 - 10 - 10, 70 - 10}},
}

// Envelopes writes one envelope per mailing, in order, one per page, the
// page the size of the envelope, landscape: DL 220 x 110 mm, C5 229 x 162
// mm. The recipient address goes in the lower right, the sender (if any)
// small in the top left corner; both shrink, and wrap, to stay within
// their zones. Nothing is written to w unless the whole document was made
// without error.
func Envelopes(w io.Writer, env Envelope, created time.Time, ms ...Mailing) error {
	if len(ms) == 0 {
		return errNoMailings
	}
	if env < 0 || int(env) >= len(envelopes) {
		return fmt.Errorf("pdf: unknown envelope %v", env)
	}
	fs, err := fonts()
	if err != nil {
		return err
	}
	g := &envelopes[env]
	pages := make([][]op, len(ms))
	for i := range ms {
		to := cleanLines(ms[i].To)
		if len(to) == 0 {
			return fmt.Errorf("mailing %d has no recipient address", i+1)
		}
		reg, rtl := addressFace(fs, to)
		b := fit(reg, to, envToCands, g.to.w, g.to.h)
		if !b.within(g.to.w, g.to.h) {
			return fmt.Errorf("mailing %d: the recipient address does not fit on the envelope", i+1)
		}
		ops := b.placeIn(nil, g.to, rtl)
		if from := cleanLines(ms[i].From); len(from) > 0 {
			reg, rtl := addressFace(fs, from)
			b := fit(reg, from, envFromCands, g.from.w, g.from.h)
			if !b.within(g.from.w, g.from.h) {
				return fmt.Errorf("mailing %d: the sender address does not fit on the envelope", i+1)
			}
			ops = b.placeIn(ops, g.from, rtl)
		}
		pages[i] = ops
	}
	// Held landscape: fpdf takes the portrait size and swaps it.
	return output(w, fs, "L", fpdf.SizeType{Wd: g.h, Ht: g.w}, created, pages)
}

// addressFace returns the face to set an address in, and whether it runs
// right to left: an address whose first letter is Arabic or Persian (or of
// another right-to-left script) is set right to left and right-aligned.
func addressFace(fs *fontSet, lines []string) (*face, bool) {
	for _, l := range lines {
		for _, r := range l {
			switch p, _ := xbidi.LookupRune(r); p.Class() {
			case xbidi.R, xbidi.AL:
				return fs.rtl.regular, true
			case xbidi.L:
				return fs.regular, false
			}
		}
	}
	return fs.regular, false
}

// placeIn draws b at the top of zone z, at its left edge, or at its right
// edge when rtl is set.
func (b block) placeIn(ops []op, z rect, rtl bool) []op {
	if rtl {
		return b.place(ops, z.x+z.w, z.y, true)
	}
	return b.place(ops, z.x, z.y, false)
}

// within reports whether every line of b is at most maxW wide and the
// block at most maxH high (mm).
func (b block) within(maxW, maxH float64) bool {
	return b.widest() <= maxW+1e-9 && b.height() <= maxH+1e-9
}

// output draws the pages into one PDF of the given page size and writes it
// to w, deterministically: fixed dates, sorted catalog. Nothing is written
// unless the document was made without error.
func output(w io.Writer, fs *fontSet, orientation string, size fpdf.SizeType, created time.Time, pages [][]op) (err error) {
	defer func() {
		if p := recover(); p != nil { // fpdf panics on some inputs it cannot handle
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	f := newDoc(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", Size: size}, created, fs)
	r := renderer{f: f}
	for _, p := range pages {
		f.AddPage()
		r.draw(p)
	}
	return finish(f, w)
}
