package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
)

// face is a validated TrueType font, cut to the runes of subset and
// without hints, with the metrics the layout needs. Widths are kept exactly
// as fpdf computes them (advance * 1000 / unitsPerEm, rounded), so that
// what we measure is what the PDF viewer draws.
type face struct {
	ttf     []byte               // the font program: subset, no hints
	shared  *fpdf.SharedUTF8Font // ttf made ready once for every document
	ascent  float64              // above the baseline, in em, as fpdf writes /Ascent
	descent float64              // below the baseline, in em, positive
	missing int32                // advance of .notdef in 1/1000 em (the PDF's /DW)
	adv     []int32              // advance in 1/1000 em per BMP rune; -1 when the font lacks the rune
}

// has reports whether the font maps r to a glyph.
func (fc *face) has(r rune) bool { return r >= 0 && r < 0x10000 && fc.adv[r] >= 0 }

// runeUnits is the advance of r in 1/1000 em.
func (fc *face) runeUnits(r rune) int {
	if r >= 0 && r < 0x10000 && fc.adv[r] >= 0 {
		return int(fc.adv[r])
	}
	return int(fc.missing)
}

// units is the advance of s in 1/1000 em.
func (fc *face) units(s string) int {
	n := 0
	for _, r := range s {
		n += fc.runeUnits(r)
	}
	return n
}

// width is the advance of s at size pt, in mm.
func (fc *face) width(s string, size float64) float64 {
	return float64(fc.units(s)) * size * ptMM / 1000
}

// fontSet is the pair of faces every document uses.
type fontSet struct {
	regular, bold *face
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// fonts returns the process-wide font set, parsed, checked, cut and
// compressed once.
func fonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsVal, fontsErr = loadFontSet(liberationserifregular.TTF, liberationserifbold.TTF)
	})
	return fontsVal, fontsErr
}

// loadFontSet validates both fonts, so that a bad font is an error here
// and never reaches fpdf, which prints some parse errors to stdout instead
// of reporting them, and panics or overflows its stack on others. It then
// cuts each to the runes of subset, drops its hints and has fpdf make the
// font program that every document embeds, once.
func loadFontSet(regular, bold []byte) (*fontSet, error) {
	r, err := loadFace("Liberation Serif Regular", regular)
	if err != nil {
		return nil, err
	}
	b, err := loadFace("Liberation Serif Bold", bold)
	if err != nil {
		return nil, err
	}
	return &fontSet{regular: r, bold: b}, nil
}

// loadFace checks ttf, cuts it to subset without hints, checks the result
// and has fpdf make it ready for every document to embed.
func loadFace(name string, ttf []byte) (*face, error) {
	if _, err := parseFace(name, ttf); err != nil {
		return nil, err
	}
	cut, err := unhint(fpdf.UTF8CutFont(ttf, subsetRunes()))
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: subset: %w", name, err)
	}
	fc, err := parseFace(name+" (subset)", cut)
	if err != nil {
		return nil, err
	}
	for r, a := range fc.adv {
		if (a >= 0) != subset.has(rune(r)) {
			return nil, fmt.Errorf("pdf: font %s: the subset has %U: %v, want %v", name, r, a >= 0, subset.has(rune(r)))
		}
	}
	if fc.shared, err = fpdf.NewSharedUTF8Font(cut); err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", name, err)
	}
	return fc, nil
}

// subsetRanges are the runes the documents embed glyphs for, and so the
// only runes the layout lets through (clean replaces the others): Latin
// (Basic, Latin-1, Extended-A, and from Extended-B the letters of Romanian
// and Azerbaijani), modern Greek, Cyrillic (Russian, Ukrainian, Belarusian,
// Bulgarian, Serbian, Macedonian, and the Kazakh, Kyrgyz, Tajik, Uzbek,
// Tatar, Bashkir, Azerbaijani and other letters of Cyrillic's second half),
// general punctuation with the no-break spaces U+00A0 and U+202F, € and ₴,
// №, ™ and the minus sign. The fonts must have every one of them. Every
// document embeds them all, so that the font program is the same in each
// and is made and compressed only once: some 30 kB per font, compressed,
// which makes a one-page letter about 75 kB (with a subset of the runes it
// uses, cut for each letter, it was 31 kB).
var subsetRanges = [...][2]rune{
	{0x0020, 0x007E}, // Basic Latin
	{0x00A0, 0x017F}, // Latin-1 Supplement, Latin Extended-A
	{0x018F, 0x018F}, // Ə
	{0x0218, 0x021B}, // Ș ș Ț ț
	{0x0259, 0x0259}, // ə
	{0x02BB, 0x02BC}, // ʻ ʼ
	{0x0384, 0x038A}, // Greek: tonos, accented capitals
	{0x038C, 0x038C},
	{0x038E, 0x03A1},
	{0x03A3, 0x03CE},
	{0x0400, 0x045F}, // Cyrillic
	{0x0490, 0x04FF},
	{0x2010, 0x2010}, // hyphen
	{0x2012, 0x2022}, // dashes, quotation marks, daggers, bullet
	{0x2026, 0x2026}, // …
	{0x202F, 0x202F}, // narrow no-break space
	{0x2030, 0x2030}, // ‰
	{0x2032, 0x2033}, // ′ ″
	{0x2039, 0x203A}, // ‹ ›
	{0x2044, 0x2044}, // ⁄
	{0x20AC, 0x20AC}, // €
	{0x20B4, 0x20B4}, // ₴
	{0x2116, 0x2116}, // №
	{0x2122, 0x2122}, // ™
	{0x2212, 0x2212}, // −
}

// charset is a set of runes of the Basic Multilingual Plane.
type charset [0x10000 / 64]uint64

func (c *charset) has(r rune) bool { return r >= 0 && r < 0x10000 && c[r/64]&(1<<(r%64)) != 0 }

// subset is subsetRanges as a set.
var subset = func() *charset {
	var c charset
	for _, rg := range subsetRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			c[r/64] |= 1 << (r % 64)
		}
	}
	return &c
}()

// subsetRunes returns the runes of subset as a string.
func subsetRunes() string {
	var b strings.Builder
	for _, rg := range subsetRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var errTrunc = errors.New("truncated")

// parseFace checks that ttf is a TrueType font fpdf can embed and reads
// the metrics the layout needs. It mirrors the checks fpdf's parser makes
// (and the places where it would print to stdout or panic instead).
func parseFace(name string, ttf []byte) (fc *face, err error) {
	defer func() {
		if p := recover(); p != nil { // a slice bound we did not foresee
			fc, err = nil, fmt.Errorf("pdf: bad font %s: %v", name, p)
		}
	}()
	bad := func(format string, args ...any) (*face, error) {
		return nil, fmt.Errorf("pdf: bad font %s: "+format, append([]any{name}, args...)...)
	}
	be := binary.BigEndian
	if len(ttf) < 12 {
		return bad("%v", errTrunc)
	}
	if v := be.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return bad("not a TrueType font (tag %#08x)", v)
	}
	tables := map[string][]byte{}
	n := int(be.Uint16(ttf[4:]))
	if n == 0 || 12+16*n > len(ttf) {
		return bad("table directory: %v", errTrunc)
	}
	for i := range n {
		rec := ttf[12+16*i:]
		off, size := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || size < 0 || off > len(ttf) || size > len(ttf)-off {
			return bad("table %q out of bounds", rec[:4])
		}
		tables[string(rec[:4])] = ttf[off : off+size]
	}
	need := map[string]int{"head": 54, "hhea": 36, "maxp": 6, "hmtx": 4, "loca": 4, "glyf": 1, "cmap": 4, "name": 6, "post": 32, "OS/2": 72}
	for t, min := range need {
		if len(tables[t]) < min {
			return bad("table %q missing or short", t)
		}
	}
	head, hhea, maxp, os2 := tables["head"], tables["hhea"], tables["maxp"], tables["OS/2"]

	upem := int(be.Uint16(head[18:]))
	if upem < 16 || upem > 16384 {
		return bad("unitsPerEm %d", upem)
	}
	locFormat := int16(be.Uint16(head[50:]))
	if locFormat != 0 && locFormat != 1 {
		return bad("indexToLocFormat %d", locFormat)
	}
	if be.Uint16(head[52:]) != 0 {
		return bad("glyphDataFormat not 0")
	}
	if be.Uint16(hhea[32:]) != 0 {
		return bad("metricDataFormat not 0")
	}
	nhm := int(be.Uint16(hhea[34:]))
	glyphs := int(be.Uint16(maxp[4:]))
	if nhm == 0 || glyphs == 0 || nhm > glyphs {
		return bad("%d glyphs, %d horizontal metrics", glyphs, nhm)
	}
	if len(tables["hmtx"]) < 4*nhm+2*(glyphs-nhm) {
		return bad("hmtx: %v", errTrunc)
	}
	// loca: glyph offsets must be ordered and inside glyf.
	loca, glyf := tables["loca"], tables["glyf"]
	locaAt := func(i int) int {
		if locFormat == 0 {
			return 2 * int(be.Uint16(loca[2*i:]))
		}
		return int(be.Uint32(loca[4*i:]))
	}
	if len(loca) < (glyphs+1)*(2+2*int(locFormat)) {
		return bad("loca: %v", errTrunc)
	}
	for i, prev := 0, 0; i <= glyphs; i++ {
		o := locaAt(i)
		if o < prev || o > len(glyf) {
			return bad("loca entry %d out of order or bounds", i)
		}
		prev = o
	}
	if err := checkGlyphs(glyf, glyphs, locaAt); err != nil {
		return bad("glyf: %v", err)
	}
	// OS/2: fpdf refuses (on stdout) fonts whose licence forbids embedding or subsetting.
	if fsType := be.Uint16(os2[8:]); fsType == 0x0002 || fsType&0x0300 != 0 {
		return bad("licence forbids embedding or subsetting (fsType %#04x)", fsType)
	}
	if be.Uint16(os2) > 1 && len(os2) < 90 {
		return bad("OS/2: %v", errTrunc)
	}
	if err := checkName(tables["name"]); err != nil {
		return bad("name: %v", err)
	}
	cmap4, err := findCmap4(tables["cmap"])
	if err != nil {
		return bad("cmap: %v", err)
	}

	fc = &face{ttf: ttf}
	scale := 1000 / float64(upem)
	asc, desc := int16(be.Uint16(hhea[4:])), int16(be.Uint16(hhea[6:]))
	if asc <= 0 || desc > 0 {
		return bad("hhea ascender %d, descender %d", asc, desc)
	}
	// fpdf truncates these to whole units of 1/1000 em.
	fc.ascent = float64(int(float64(asc)*scale)) / 1000
	fc.descent = -float64(int(float64(desc)*scale)) / 1000

	hmtx := tables["hmtx"]
	advance := func(g int) int32 {
		if g >= nhm {
			g = nhm - 1
		}
		a := int(be.Uint16(hmtx[4*g:]))
		if a >= 1<<15 {
			a = 0
		}
		return int32(math.Round(scale * float64(a)))
	}
	fc.missing = advance(0)
	fc.adv = make([]int32, 0x10000)
	for i := range fc.adv {
		fc.adv[i] = -1
	}
	err = cmap4.each(func(r, g int) {
		if g == 0 || g >= glyphs || r == 0 || r == 0xFFFF {
			return
		}
		fc.adv[r] = advance(g)
	})
	if err != nil {
		return bad("cmap: %v", err)
	}
	var lack []rune
	for _, rg := range subsetRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if !fc.has(r) {
				lack = append(lack, r)
			}
		}
	}
	switch n := len(lack); {
	case n > 20:
		return bad("no glyphs for %q and %d more", string(lack[:20]), n-20)
	case n > 0:
		return bad("no glyphs for %q", string(lack))
	}
	return fc, nil
}

// checkGlyphs checks the composite glyphs fpdf's subsetter follows: their
// components must exist and must not refer back to themselves, or fpdf
// would index out of range or recurse without end.
func checkGlyphs(glyf []byte, glyphs int, locaAt func(int) int) error {
	be := binary.BigEndian
	components := func(g int) ([]int, error) {
		data := glyf[locaAt(g):locaAt(g+1)]
		if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
			return nil, nil // empty or simple glyph
		}
		var cs []int
		for p, more := 10, true; more; {
			if p+4 > len(data) {
				return nil, fmt.Errorf("glyph %d: component %v", g, errTrunc)
			}
			flags, c := be.Uint16(data[p:]), int(be.Uint16(data[p+2:]))
			if c >= glyphs {
				return nil, fmt.Errorf("glyph %d: component %d of %d glyphs", g, c, glyphs)
			}
			cs = append(cs, c)
			p += 4 + componentSize(flags)
			more = flags&0x0020 != 0 // MORE_COMPONENTS
		}
		return cs, nil
	}
	// Depth-first search for cycles: 1 = on the path, 2 = done.
	state := make([]uint8, glyphs)
	var visit func(g, depth int) error
	visit = func(g, depth int) error {
		switch {
		case state[g] == 2:
			return nil
		case state[g] == 1 || depth > 64:
			return fmt.Errorf("glyph %d: composite refers back to itself", g)
		}
		state[g] = 1
		cs, err := components(g)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := visit(c, depth+1); err != nil {
				return err
			}
		}
		state[g] = 2
		return nil
	}
	for g := range glyphs {
		if err := visit(g, 0); err != nil {
			return err
		}
	}
	return nil
}

// checkName mirrors what fpdf reads of the name table.
func checkName(t []byte) error {
	be := binary.BigEndian
	if be.Uint16(t) != 0 {
		return fmt.Errorf("format %d", be.Uint16(t))
	}
	count, strOff := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	if 6+12*count > len(t) {
		return errTrunc
	}
	for i := range count {
		rec := t[6+12*i:]
		platform, enc, lang, id := be.Uint16(rec), be.Uint16(rec[2:]), be.Uint16(rec[4:]), be.Uint16(rec[6:])
		size, off := int(be.Uint16(rec[8:])), int(be.Uint16(rec[10:]))
		switch id {
		case 1, 2, 3, 4, 6:
		default:
			continue
		}
		if strOff+off+size > len(t) {
			return fmt.Errorf("record %d out of bounds", i)
		}
		if platform == 3 && enc == 1 && lang == 0x409 && size%2 != 0 {
			return fmt.Errorf("record %d: odd UTF-16 length", i)
		}
	}
	return nil
}

// cmap4 is a format 4 cmap subtable.
type cmap4 []byte

// findCmap4 picks the subtable fpdf picks: the first Unicode one
// (platform 3 encoding 1, or platform 0) in format 4.
func findCmap4(t []byte) (cmap4, error) {
	be := binary.BigEndian
	n := int(be.Uint16(t[2:]))
	if 4+8*n > len(t) {
		return nil, errTrunc
	}
	for i := range n {
		rec := t[4+8*i:]
		platform, enc, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if !(platform == 3 && enc == 1) && platform != 0 {
			continue
		}
		if off < 0 || off+14 > len(t) || be.Uint16(t[off:]) != 4 {
			continue
		}
		size := int(be.Uint16(t[off+2:]))
		if size < 14 || off+size > len(t) {
			return nil, errTrunc
		}
		sub := t[off : off+size]
		segX2 := int(be.Uint16(sub[6:]))
		if segX2 == 0 || segX2%2 != 0 || 16+4*segX2 > len(sub) {
			return nil, fmt.Errorf("format 4: bad segment count")
		}
		return cmap4(sub), nil
	}
	return nil, fmt.Errorf("no Unicode format 4 subtable")
}

// each calls fn for every rune the subtable maps, with its glyph index,
// decoding the table the way fpdf does.
func (c cmap4) each(fn func(r, g int)) error {
	be := binary.BigEndian
	segX2 := int(be.Uint16(c[6:]))
	ends := c[14:]
	starts := c[16+segX2:]
	deltas := c[16+2*segX2:]
	offsets := c[16+3*segX2:]
	for s := 0; s < segX2/2; s++ {
		end, start := int(be.Uint16(ends[2*s:])), int(be.Uint16(starts[2*s:]))
		delta, ro := int(be.Uint16(deltas[2*s:])), int(be.Uint16(offsets[2*s:]))
		if start > end {
			return fmt.Errorf("segment %d: start %#x > end %#x", s, start, end)
		}
		for r := start; r <= end; r++ {
			g := 0
			if ro == 0 {
				g = (r + delta) & 0xFFFF
			} else {
				// position of glyphIdArray entry, relative to the table start
				p := 16 + 3*segX2 + 2*s + ro + 2*(r-start)
				if p+2 <= len(c) {
					if g = int(be.Uint16(c[p:])); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			fn(r, g)
		}
	}
	return nil
}

// unhint returns ttf without its TrueType hints: the instructions of every
// glyph and the fpgm, prep and cvt tables. Hints fit outlines to the pixel
// grid of screens at small sizes; printers and PDF viewers at today's
// resolutions do without them, and they are half of the glyph data of
// Liberation Serif: without them each embedded font is some 25 kB rather
// than 50 kB, compressed. The outlines are left as they are.
func unhint(ttf []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil { // a slice bound we did not foresee
			out, err = nil, fmt.Errorf("%v", p)
		}
	}()
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errTrunc
	}
	tables := map[string][]byte{}
	for i := range int(be.Uint16(ttf[4:])) {
		rec := ttf[12+16*i:]
		off, size := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		tables[string(rec[:4])] = ttf[off : off+size]
	}
	head, maxp, loca, glyf := tables["head"], tables["maxp"], tables["loca"], tables["glyf"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errTrunc
	}
	longLoca := be.Uint16(head[50:]) == 1
	at := func(g int) int {
		if longLoca {
			return int(be.Uint32(loca[4*g:]))
		}
		return 2 * int(be.Uint16(loca[2*g:]))
	}
	glyphs := int(be.Uint16(maxp[4:]))
	newGlyf := make([]byte, 0, len(glyf))
	newLoca := make([]byte, 0, 4*(glyphs+1))
	for g := range glyphs {
		newLoca = be.AppendUint32(newLoca, uint32(len(newGlyf)))
		data := glyf[at(g):at(g+1)]
		if len(data) < 10 {
			continue // no outline
		}
		start := len(newGlyf)
		if n := int(int16(be.Uint16(data))); n >= 0 {
			// Simple glyph: header, end points, instructions, then the points.
			p := 10 + 2*n
			newGlyf = append(newGlyf, data[:p]...)
			newGlyf = append(newGlyf, 0, 0) // no instructions
			newGlyf = append(newGlyf, data[p+2+int(be.Uint16(data[p:])):]...)
		} else {
			// Composite glyph: its components, then its instructions if
			// one of them has WE_HAVE_INSTRUCTIONS.
			newGlyf = append(newGlyf, data...)
			c := newGlyf[start:]
			p := 10
			for more := true; more; {
				flags := be.Uint16(c[p:])
				be.PutUint16(c[p:], flags&^0x0100)
				p += 4 + componentSize(flags)
				more = flags&0x0020 != 0 // MORE_COMPONENTS
			}
			newGlyf = newGlyf[:start+p]
		}
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	newLoca = be.AppendUint32(newLoca, uint32(len(newGlyf)))
	head = slices.Clone(head)
	be.PutUint16(head[50:], 1) // long loca
	if len(maxp) >= 32 {
		maxp = slices.Clone(maxp)
		be.PutUint16(maxp[26:], 0) // maxSizeOfInstructions
	}
	tables["head"], tables["maxp"], tables["loca"], tables["glyf"] = head, maxp, newLoca, newGlyf
	delete(tables, "fpgm")
	delete(tables, "prep")
	delete(tables, "cvt ")

	// The table directory, in tag order, and the tables, each padded to 4 bytes.
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	sum := func(b []byte) (s uint32) {
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:])
			s += be.Uint32(w[:])
		}
		return s
	}
	n := len(tags)
	sel := 0
	for 2<<sel <= n {
		sel++
	}
	out = be.AppendUint32(nil, 0x00010000)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16<<sel))
	out = be.AppendUint16(out, uint16(sel))
	out = be.AppendUint16(out, uint16(16*n-16<<sel))
	off := len(out) + 16*n
	for _, t := range tags {
		b := tables[t]
		if t == "head" {
			b = slices.Clone(b)
			be.PutUint32(b[8:], 0) // checkSumAdjustment, set below
			tables[t] = b
		}
		out = append(out, t...)
		out = be.AppendUint32(out, sum(b))
		out = be.AppendUint32(out, uint32(off))
		out = be.AppendUint32(out, uint32(len(b)))
		off += (len(b) + 3) &^ 3
	}
	headAt := 0
	for _, t := range tags {
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum(out))
	return out, nil
}

// componentSize is the length of a composite glyph's component record
// after its flags and glyph index: the two arguments and the transform.
func componentSize(flags uint16) int {
	n := 2
	if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
		n = 4
	}
	switch {
	case flags&0x0008 != 0: // WE_HAVE_A_SCALE
		n += 2
	case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
		n += 4
	case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
		n += 8
	}
	return n
}
