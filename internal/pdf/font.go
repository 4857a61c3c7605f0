package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// face is a validated TrueType font with the metrics the layout needs.
// Widths are kept exactly as fpdf computes them (advance * 1000 / unitsPerEm,
// rounded), so that what we measure is what the PDF viewer draws.
type face struct {
	ttf     []byte
	ascent  float64 // above the baseline, in em, as fpdf writes /Ascent
	descent float64 // below the baseline, in em, positive
	missing int32   // advance of .notdef in 1/1000 em (the PDF's /DW)
	adv     []int32 // advance in 1/1000 em per BMP rune; -1 when the font lacks the rune
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

// fonts returns the process-wide font set, parsed and checked once.
func fonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsVal, fontsErr = loadFontSet(liberationserifregular.TTF, liberationserifbold.TTF)
	})
	return fontsVal, fontsErr
}

// loadFontSet validates both fonts, so that a bad font is an error here
// and never reaches fpdf, which prints some parse errors to stdout instead
// of reporting them, and panics or overflows its stack on others.
func loadFontSet(regular, bold []byte) (*fontSet, error) {
	r, err := parseFace("Liberation Serif Regular", regular)
	if err != nil {
		return nil, err
	}
	b, err := parseFace("Liberation Serif Bold", bold)
	if err != nil {
		return nil, err
	}
	return &fontSet{regular: r, bold: b}, nil
}

// required are runes the fonts must have: the letters are written in
// Latin, Greek and Cyrillic scripts, Kazakh included.
const required = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;!?()[]-/%&'\"" +
	"ÀÄÇÉÖÜßàäçéöüŁłŞşŽž–—‘’“”„«»…№" +
	"ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψω" +
	"АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя" +
	"ӘҒҚҢӨҰҮҺІәғқңөұүһі"

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
	for _, r := range required {
		if !fc.has(r) {
			lack = append(lack, r)
		}
	}
	if len(lack) > 0 {
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
			p += 4 + 2
			if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
				p += 2
			}
			switch {
			case flags&0x0008 != 0: // WE_HAVE_A_SCALE
				p += 2
			case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
				p += 4
			case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
				p += 8
			}
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
