// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.

package fpdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
)

// sfnt is a TrueType font read once for cutting subsets from it: its
// glyphs (without hinting instructions), its metrics, the tables a subset
// copies, and its Unicode map.
type sfnt struct {
	glyphs  []byte   // every glyph's outline without instructions, each padded to 4 bytes
	offsets []uint32 // glyph g is glyphs[offsets[g]:offsets[g+1]]
	hmtx    []byte   // the hmtx table
	nhm     int      // its number of long metrics

	head, hhea, maxp []byte // copied and changed for each subset
	fixed            []sfntTable
	os2, post        []byte // as in the font, for the font descriptor

	code    *litCode // the Huffman code of the subsets' font programs
	bits    []byte   // every glyph coded with it
	bitOffs []uint32 // glyph g is bits bitOffs[g] to bitOffs[g+1]

	runes []rune   // the runes the font maps to a glyph, ascending
	gids  []uint16 // the glyph of runes[i]
	index []uint16 // for each BMP rune, 1 + its index in runes, or 0
}

// sfntTable is a table that every subset embeds as it is.
type sfntTable struct {
	tag  string
	data []byte
	sum  uint32
}

// Composite glyph flags.
const (
	compArgWords     = 0x0001
	compScale        = 0x0008
	compMore         = 0x0020
	compXYScale      = 0x0040
	compTwoByTwo     = 0x0080
	compInstructions = 0x0100
)

// parseSfnt reads what subsets need from a TrueType font, checking every
// offset it will use, so that cutting a subset later cannot fail. Hints
// are dropped here: the fpgm, prep and cvt tables, and each glyph's
// instructions.
func parseSfnt(ttf []byte) (*sfnt, error) {
	be := binary.BigEndian
	bad := func(format string, args ...any) (*sfnt, error) {
		return nil, fmt.Errorf("fpdf: bad UTF-8 font: "+format, args...)
	}
	if len(ttf) < 12 {
		return bad("truncated")
	}
	if v := be.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return bad("not a TrueType font (tag %#08x)", v)
	}
	n := int(be.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return bad("table directory truncated")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		off, size := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+size > uint64(len(ttf)) {
			return bad("table %q out of bounds", rec[:4])
		}
		tables[string(rec[:4])] = ttf[off : off+size]
	}
	for tag, size := range map[string]int{"head": 54, "hhea": 36, "maxp": 6, "hmtx": 4, "loca": 2, "glyf": 0, "cmap": 4, "post": 16} {
		if len(tables[tag]) < size || tables[tag] == nil {
			return bad("table %q missing or short", tag)
		}
	}
	s := &sfnt{
		head: tables["head"][:54],
		hhea: tables["hhea"][:36],
		maxp: tables["maxp"],
		hmtx: tables["hmtx"],
	}
	if len(s.maxp) > 32 {
		s.maxp = s.maxp[:32]
	}
	numGlyphs := int(be.Uint16(s.maxp[4:]))
	s.nhm = int(be.Uint16(s.hhea[34:]))
	if numGlyphs == 0 || s.nhm == 0 || s.nhm > numGlyphs || len(s.hmtx) < 4*s.nhm+2*(numGlyphs-s.nhm) {
		return bad("%d glyphs, %d horizontal metrics in %d bytes", numGlyphs, s.nhm, len(s.hmtx))
	}
	if err := s.readGlyphs(tables["glyf"], tables["loca"], be.Uint16(s.head[50:]), numGlyphs); err != nil {
		return bad("%v", err)
	}
	if err := s.readCmap(tables["cmap"], numGlyphs); err != nil {
		return bad("cmap: %v", err)
	}
	if os2 := tables["OS/2"]; len(os2) >= 72 {
		s.os2 = os2
		if fsType := be.Uint16(os2[8:]); fsType == 0x0002 || fsType&0x0300 != 0 {
			return bad("licence forbids embedding or subsetting (fsType %#04x)", fsType)
		}
		if be.Uint16(os2) > 1 && len(os2) < 90 {
			return bad("OS/2 truncated")
		}
	}
	s.post = tables["post"]
	if upem := be.Uint16(s.head[18:]); upem < 16 || upem > 16384 {
		return bad("unitsPerEm %d", upem)
	}
	// In the order of their tags.
	if os2 := tables["OS/2"]; len(os2) >= 78 {
		s.fixed = append(s.fixed, sfntTable{tag: "OS/2", data: os2})
	}
	if name := subsetNames(tables["name"]); name != nil {
		s.fixed = append(s.fixed, sfntTable{tag: "name", data: name})
	}
	post := make([]byte, 32) // format 3: no glyph names
	be.PutUint32(post, 0x00030000)
	copy(post[4:16], tables["post"][4:16]) // italic angle, underline, fixed pitch
	s.fixed = append(s.fixed, sfntTable{tag: "post", data: post})
	for i := range s.fixed {
		s.fixed[i].sum = sfntChecksum(s.fixed[i].data)
	}
	s.encodeGlyphs()
	return s, nil
}

// encodeGlyphs makes the font's Huffman code, from the bytes of its glyphs
// and of the tables that are not glyphs, and codes each glyph with it.
func (s *sfnt) encodeGlyphs() {
	var freq [256]int
	count := func(b []byte) {
		for _, c := range b {
			freq[c]++
		}
	}
	count(s.glyphs)
	count(s.hmtx)
	for _, t := range s.fixed {
		count(t.data)
	}
	s.code = newLitCode(&freq)
	var w bitWriter
	w.out = make([]byte, 0, len(s.glyphs))
	s.bitOffs = make([]uint32, len(s.offsets))
	for g := range len(s.offsets) - 1 {
		s.bitOffs[g] = uint32(len(w.out)*8) + uint32(w.nbits)
		for _, b := range s.glyph(uint16(g)) {
			w.write(uint64(s.code.code[b]), uint(s.code.length[b]))
		}
	}
	all := w.bitString()
	s.bitOffs[len(s.offsets)-1] = uint32(all.n)
	s.bits = all.b
}

// compress returns the font program of the subset sc holds as a zlib
// stream, appended to out: one deflate block of literals coded with the
// font's code, the bits of the glyphs copied from those made at first.
func (s *sfnt) compress(out []byte, sc *subsetScratch) []byte {
	be := binary.BigEndian
	code := s.code
	w := bitWriter{out: append(out, zlibHeader...)}
	w.writeString(code.header)
	lits := func(b []byte) {
		for _, c := range b {
			w.write(uint64(code.code[c]), uint(code.length[c]))
		}
	}
	font := sc.font
	lits(font[:sc.glyfAt])
	p := sc.glyfAt
	for _, g := range sc.order {
		n := int(s.offsets[g+1] - s.offsets[g])
		if n > 0 && int16(be.Uint16(font[p:])) < 0 {
			lits(font[p : p+n]) // composite: its components renumbered
		} else {
			w.writeFrom(s.bits, int(s.bitOffs[g]), int(s.bitOffs[g+1]-s.bitOffs[g]))
		}
		p += n
	}
	lits(font[p:])
	w.write(uint64(code.code[256]), uint(code.length[256]))
	return zlibEnd(&w, font)
}

// fontDef returns what fpdf's parser (utf8FontFile) reads of the font: the
// descriptor, the underline and the widths of the runes, computed as it
// computes them.
func (s *sfnt) fontDef() fontDefType {
	be := binary.BigEndian
	i16 := func(b []byte, at int) float64 { return float64(int16(be.Uint16(b[at:]))) }
	scale := 1000 / float64(be.Uint16(s.head[18:]))
	d := FontDescType{
		Ascent:  int(i16(s.hhea, 4) * scale),
		Descent: int(i16(s.hhea, 6) * scale),
		FontBBox: fontBoxType{
			int(i16(s.head, 36) * scale), int(i16(s.head, 38) * scale),
			int(i16(s.head, 40) * scale), int(i16(s.head, 42) * scale),
		},
	}
	weight := 500
	if os2 := s.os2; os2 != nil {
		weight = int(be.Uint16(os2[4:]))
		if d.Ascent == 0 {
			d.Ascent = int(i16(os2, 68) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(i16(os2, 70) * scale)
		}
		d.CapHeight = d.Ascent
		if be.Uint16(os2) > 1 {
			d.CapHeight = int(i16(os2, 88) * scale)
		}
	} else {
		if d.Ascent == 0 {
			d.Ascent = int(float64(d.FontBBox.Ymax) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(d.FontBBox.Ymin) * scale)
		}
		d.CapHeight = d.Ascent
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	d.ItalicAngle = int(int16(be.Uint16(s.post[4:])))
	d.Flags = 4
	if d.ItalicAngle != 0 {
		d.Flags |= 64
	}
	if weight >= 600 {
		d.Flags |= 262144
	}
	if be.Uint32(s.post[12:]) != 0 {
		d.Flags |= 1
	}
	advance := func(g int) float64 {
		a := int(be.Uint16(s.hmtx[4*min(g, s.nhm-1):]))
		if a >= 1<<15 {
			a = 0
		}
		return scale * float64(a)
	}
	d.MissingWidth = round(advance(0))
	cw := make([]int, 1<<16)
	for i, r := range s.runes {
		w := int(math.Round(advance(int(s.gids[i]))))
		if w == 0 {
			w = 65535
		}
		cw[r] = w
	}
	cw[0] = len(s.runes)
	return fontDefType{
		Tp:   "UTF8",
		Desc: d,
		Up:   round(i16(s.post, 8) * scale),
		Ut:   round(i16(s.post, 10) * scale),
		Cw:   cw,
	}
}

// readGlyphs copies every glyph without its instructions, checking that
// the components of composite glyphs exist.
func (s *sfnt) readGlyphs(glyf, loca []byte, locFormat uint16, numGlyphs int) error {
	be := binary.BigEndian
	at := func(g int) int {
		if locFormat == 0 {
			return 2 * int(be.Uint16(loca[2*g:]))
		}
		return int(be.Uint32(loca[4*g:]))
	}
	switch {
	case locFormat > 1:
		return fmt.Errorf("indexToLocFormat %d", locFormat)
	case len(loca) < (numGlyphs+1)*2*(1+int(locFormat)):
		return errors.New("loca truncated")
	}
	s.glyphs = make([]byte, 0, len(glyf)*2/3)
	s.offsets = make([]uint32, numGlyphs+1)
	for g := range numGlyphs {
		s.offsets[g] = uint32(len(s.glyphs))
		start, end := at(g), at(g+1)
		if start > end || end > len(glyf) {
			return fmt.Errorf("glyph %d out of bounds", g)
		}
		data := glyf[start:end]
		if len(data) == 0 {
			continue
		}
		if len(data) < 10 {
			return fmt.Errorf("glyph %d truncated", g)
		}
		if n := int(int16(be.Uint16(data))); n >= 0 {
			// Simple glyph: header, end points, instructions, then the points.
			p := 10 + 2*n
			if p+2 > len(data) || p+2+int(be.Uint16(data[p:])) > len(data) {
				return fmt.Errorf("glyph %d truncated", g)
			}
			s.glyphs = append(s.glyphs, data[:p]...)
			s.glyphs = append(s.glyphs, 0, 0)
			s.glyphs = append(s.glyphs, data[p+2+int(be.Uint16(data[p:])):]...)
		} else {
			// Composite glyph: the components, without the instructions
			// that may follow them.
			p := 10
			for more := true; more; {
				if p+4 > len(data) {
					return fmt.Errorf("glyph %d: component truncated", g)
				}
				flags, c := be.Uint16(data[p:]), int(be.Uint16(data[p+2:]))
				if c >= numGlyphs {
					return fmt.Errorf("glyph %d: component %d of %d glyphs", g, c, numGlyphs)
				}
				p += 4 + componentArgs(flags)
				more = flags&compMore != 0
			}
			if p > len(data) {
				return fmt.Errorf("glyph %d: component truncated", g)
			}
			start := len(s.glyphs)
			s.glyphs = append(s.glyphs, data[:p]...)
			for c, more := s.glyphs[start+10:], true; more; {
				flags := be.Uint16(c)
				be.PutUint16(c, flags&^compInstructions)
				more = flags&compMore != 0
				c = c[4+componentArgs(flags):]
			}
		}
		for len(s.glyphs)%4 != 0 {
			s.glyphs = append(s.glyphs, 0)
		}
	}
	s.offsets[numGlyphs] = uint32(len(s.glyphs))
	return nil
}

// componentArgs is the length of a composite glyph's component record
// after its flags and glyph index: the two arguments and the transform.
func componentArgs(flags uint16) int {
	n := 2
	if flags&compArgWords != 0 {
		n = 4
	}
	switch {
	case flags&compScale != 0:
		n += 2
	case flags&compXYScale != 0:
		n += 4
	case flags&compTwoByTwo != 0:
		n += 8
	}
	return n
}

// readCmap reads the subtable fpdf's parser reads, the first Unicode one
// (platform 3 encoding 1, or platform 0) in format 4, and decodes it as
// that parser does.
func (s *sfnt) readCmap(t []byte, numGlyphs int) error {
	be := binary.BigEndian
	n := int(be.Uint16(t[2:]))
	if 4+8*n > len(t) {
		return errors.New("truncated")
	}
	var sub []byte
	for i := range n {
		rec := t[4+8*i:]
		platform, enc, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if !(platform == 3 && enc == 1) && platform != 0 {
			continue
		}
		if off < 0 || off+14 > len(t) || be.Uint16(t[off:]) != 4 {
			continue
		}
		sub = t[off:]
		if size := int(be.Uint16(sub[2:])); size < 14 || size > len(sub) {
			return errors.New("format 4 subtable truncated")
		} else {
			sub = sub[:size]
		}
		break
	}
	if sub == nil {
		return errors.New("no Unicode format 4 subtable")
	}
	segX2 := int(be.Uint16(sub[6:]))
	if segX2 == 0 || segX2%2 != 0 || 16+4*segX2 > len(sub) {
		return errors.New("format 4: bad segment count")
	}
	ends, starts := sub[14:], sub[16+segX2:]
	deltas, offsets := sub[16+2*segX2:], sub[16+3*segX2:]
	s.index = make([]uint16, 0x10000)
	for seg := 0; seg < segX2/2; seg++ {
		end, start := int(be.Uint16(ends[2*seg:])), int(be.Uint16(starts[2*seg:]))
		delta, ro := int(be.Uint16(deltas[2*seg:])), int(be.Uint16(offsets[2*seg:]))
		for r := start; r <= end; r++ {
			g := 0
			if ro == 0 {
				g = (r + delta) & 0xFFFF
			} else if p := 16 + 3*segX2 + 2*seg + ro + 2*(r-start); p+2 <= len(sub) {
				if g = int(be.Uint16(sub[p:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g == 0 || r == 0 || r == 0xFFFF || s.index[r] != 0 {
				continue
			}
			if g >= numGlyphs {
				return fmt.Errorf("%U maps to glyph %d of %d", r, g, numGlyphs)
			}
			s.runes = append(s.runes, rune(r))
			s.gids = append(s.gids, uint16(g))
			s.index[r] = 1 // for now: mapped
		}
	}
	if len(s.runes) == 0 || len(s.runes) > 0xFFFE {
		return fmt.Errorf("%d runes mapped", len(s.runes))
	}
	// Segments are meant to be in order, but need not be.
	order := make([]int, len(s.runes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(s.runes[a]) - int(s.runes[b]) })
	runes, gids := make([]rune, len(order)), make([]uint16, len(order))
	for i, j := range order {
		runes[i], gids[i] = s.runes[j], s.gids[j]
		s.index[runes[i]] = uint16(i + 1)
	}
	s.runes, s.gids = runes, gids
	return nil
}

// subsetNames returns the records of a name table that name the font
// (copyright, family, style, full name, PostScript name), for Windows if
// it has them, in a table of their own, or nil.
func subsetNames(t []byte) []byte {
	be := binary.BigEndian
	if len(t) < 6 || be.Uint16(t) != 0 {
		return nil
	}
	count, strOff := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	if 6+12*count > len(t) {
		return nil
	}
	windows := false
	for i := range count {
		windows = windows || be.Uint16(t[6+12*i:]) == 3
	}
	var recs [][]byte
	var strs []byte
	for i := range count {
		rec := t[6+12*i : 18+12*i]
		size, off := int(be.Uint16(rec[8:])), strOff+int(be.Uint16(rec[10:]))
		switch id := be.Uint16(rec[6:]); {
		case id > 6 || id == 3 || id == 5 || windows && be.Uint16(rec) != 3:
			continue
		case off+size > len(t):
			return nil
		}
		r := slices.Clone(rec)
		be.PutUint16(r[10:], uint16(len(strs)))
		strs = append(strs, t[off:off+size]...)
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil
	}
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(len(recs)))
	out = be.AppendUint16(out, uint16(6+12*len(recs)))
	for _, r := range recs {
		out = append(out, r...)
	}
	return append(out, strs...)
}

// postScriptName returns the font's PostScript name (name ID 6) with only
// the characters a PDF name may hold unescaped, or "".
func postScriptName(ttf []byte) string {
	be := binary.BigEndian
	var t []byte
	for i := range int(be.Uint16(ttf[4:])) {
		if rec := ttf[12+16*i:]; string(rec[:4]) == "name" {
			off, size := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
			t = ttf[off : off+size]
		}
	}
	if len(t) < 6 {
		return ""
	}
	count, strOff := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	for i := 0; i < count && 18+12*i <= len(t); i++ {
		rec := t[6+12*i:]
		platform, id := be.Uint16(rec), be.Uint16(rec[6:])
		size, off := int(be.Uint16(rec[8:])), strOff+int(be.Uint16(rec[10:]))
		if id != 6 || off+size > len(t) || (platform != 1 && platform != 3) {
			continue
		}
		var name []byte
		for j := 0; j < size; j++ {
			c := t[off+j]
			if platform == 3 { // UTF-16BE: ASCII only
				if j++; j >= size || c != 0 {
					return ""
				}
				c = t[off+j]
			}
			if c <= ' ' || c >= 0x7F || c == '(' || c == ')' || c == '<' || c == '>' ||
				c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%' || c == '#' {
				continue
			}
			name = append(name, c)
		}
		return string(name)
	}
	return ""
}

// subsetScratch is the working memory of cutting one subset, reused.
type subsetScratch struct {
	newID  []uint16 // old glyph -> 1 + new glyph, or 0
	order  []uint16 // new glyph -> old glyph
	runes  []rune   // the runes used, ascending
	parts  []byte   // the tables that differ between subsets
	font   []byte   // the font program
	glyfAt int      // where its glyf table starts
	tables [16]sfntTable
}

// cut writes into sc.font a TrueType font with the glyphs of the runes
// whose bits are set in used (indices into s.runes), their components and
// .notdef, renumbered in the order of their runes; sc.runes are the runes
// and sc.newID gives each its new glyph.
func (s *sfnt) cut(sc *subsetScratch, used []uint64) {
	if len(sc.newID) < len(s.offsets) {
		sc.newID = make([]uint16, len(s.offsets))
	}
	sc.order = append(sc.order[:0], 0)
	sc.newID[0] = 1
	sc.runes = sc.runes[:0]
	for w, word := range used {
		for word != 0 {
			i := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			sc.runes = append(sc.runes, s.runes[i])
			if g := s.gids[i]; sc.newID[g] == 0 {
				sc.order = append(sc.order, g)
				sc.newID[g] = uint16(len(sc.order))
			}
		}
	}
	s.cutOrder(sc)
}

// cutGlyphs is cut for a font drawn by glyph (AddSharedGlyphFont): the
// glyphs whose bits are set in used (glyph ids), their components and
// .notdef, renumbered in the order of their ids; sc.runes is empty.
func (s *sfnt) cutGlyphs(sc *subsetScratch, used []uint64) {
	if len(sc.newID) < len(s.offsets) {
		sc.newID = make([]uint16, len(s.offsets))
	}
	sc.order = append(sc.order[:0], 0)
	sc.newID[0] = 1
	sc.runes = sc.runes[:0]
	for w, word := range used {
		for word != 0 {
			g := uint16(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			if sc.newID[g] == 0 {
				sc.order = append(sc.order, g)
				sc.newID[g] = uint16(len(sc.order))
			}
		}
	}
	s.cutOrder(sc)
}

// cutOrder writes the subset of the glyphs in sc.order, with their
// components, into sc.font.
func (s *sfnt) cutOrder(sc *subsetScratch) {
	be := binary.BigEndian
	// The components of composite glyphs, and theirs.
	for i := 0; i < len(sc.order); i++ {
		data := s.glyph(sc.order[i])
		if len(data) == 0 || int16(be.Uint16(data)) >= 0 {
			continue
		}
		for c, more := data[10:], true; more; {
			flags, g := be.Uint16(c), be.Uint16(c[2:])
			if sc.newID[g] == 0 {
				sc.order = append(sc.order, g)
				sc.newID[g] = uint16(len(sc.order))
			}
			more = flags&compMore != 0
			c = c[4+componentArgs(flags):]
		}
	}
	n := len(sc.order)

	// The tables that differ between subsets, one after the other in
	// sc.parts; spans says where.
	p := sc.parts[:0]
	var spans [7][2]int
	span := func(i, start int) { spans[i] = [2]int{start, len(p)} }

	start := len(p)
	p = s.appendCmap(p, sc)
	span(0, start)

	start = len(p)
	for _, g := range sc.order {
		data := s.glyph(g)
		at := len(p)
		p = append(p, data...)
		if len(data) > 0 && int16(be.Uint16(data)) < 0 {
			for c, more := p[at+10:], true; more; {
				flags := be.Uint16(c)
				be.PutUint16(c[2:], sc.newID[be.Uint16(c[2:])]-1)
				more = flags&compMore != 0
				c = c[4+componentArgs(flags):]
			}
		}
	}
	span(1, start)
	longLoca := (len(p)-start)/2 > 0xFFFF

	start = len(p)
	p = append(p, s.head...)
	be.PutUint32(p[start+8:], 0)  // checkSumAdjustment, set below
	be.PutUint16(p[start+50:], 0) // indexToLocFormat: short
	if longLoca {
		be.PutUint16(p[start+50:], 1)
	}
	span(2, start)

	start = len(p)
	p = append(p, s.hhea...)
	be.PutUint16(p[start+34:], uint16(n))
	span(3, start)

	start = len(p)
	for _, g := range sc.order {
		m := min(int(g), s.nhm-1)
		p = append(p, s.hmtx[4*m:4*m+2]...) // advance
		if int(g) < s.nhm {
			p = append(p, s.hmtx[4*m+2:4*m+4]...)
		} else {
			o := 4*s.nhm + 2*(int(g)-s.nhm)
			p = append(p, s.hmtx[o:o+2]...) // left side bearing
		}
	}
	span(4, start)

	start = len(p)
	off := uint32(0)
	for i := 0; i <= n; i++ {
		if longLoca {
			p = be.AppendUint32(p, off)
		} else {
			p = be.AppendUint16(p, uint16(off/2))
		}
		if i < n {
			g := sc.order[i]
			off += s.offsets[g+1] - s.offsets[g]
		}
	}
	span(5, start)

	start = len(p)
	p = append(p, s.maxp...)
	be.PutUint16(p[start+4:], uint16(n))
	if len(s.maxp) >= 32 {
		be.PutUint16(p[start+26:], 0) // maxSizeOfInstructions
	}
	span(6, start)
	sc.parts = p

	// All tables, in the order of their tags, as the directory needs them.
	tables := sc.tables[:0]
	for i, tag := range [...]string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		data := p[spans[i][0]:spans[i][1]]
		tables = append(tables, sfntTable{tag: tag, data: data, sum: sfntChecksum(data)})
	}
	tables = append(tables, s.fixed...)
	slices.SortFunc(tables, func(a, b sfntTable) int { return strings.Compare(a.tag, b.tag) })

	// The font: header and directory, then the tables, each padded to 4 bytes.
	size := 12 + 16*len(tables)
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	font := slices.Grow(sc.font[:0], size)[:size]
	sel := bits.Len(uint(len(tables))) - 1
	be.PutUint32(font, 0x00010000)
	be.PutUint16(font[4:], uint16(len(tables)))
	be.PutUint16(font[6:], uint16(16<<sel))
	be.PutUint16(font[8:], uint16(sel))
	be.PutUint16(font[10:], uint16(16*len(tables)-16<<sel))
	at, headAt := 12+16*len(tables), 0
	for i, t := range tables {
		rec := font[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], t.sum)
		be.PutUint32(rec[8:], uint32(at))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		switch t.tag {
		case "head":
			headAt = at
		case "glyf":
			sc.glyfAt = at
		}
		at += copy(font[at:], t.data)
		for ; at%4 != 0; at++ {
			font[at] = 0
		}
	}
	be.PutUint32(font[headAt+8:], 0xB1B0AFBA-sfntChecksum(font))
	sc.font = font
}

// glyph returns glyph g's outline without instructions.
func (s *sfnt) glyph(g uint16) []byte { return s.glyphs[s.offsets[g]:s.offsets[g+1]] }

// appendCmap appends a format 4 cmap table that maps the runes of the
// subset to their new glyphs.
func (s *sfnt) appendCmap(out []byte, sc *subsetScratch) []byte {
	be := binary.BigEndian
	// Segments of consecutive runes with consecutive glyphs.
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range sc.runes {
		if r > 0xFFFE {
			continue
		}
		g := sc.newID[s.gids[s.index[r]-1]] - 1
		if k := len(segs) - 1; k >= 0 && uint16(r) == segs[k].end+1 && uint16(r)+segs[k].delta == g {
			segs[k].end++
			continue
		}
		segs = append(segs, segment{uint16(r), uint16(r), g - uint16(r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sel := bits.Len(uint(n)) - 1
	out = be.AppendUint16(out, 0) // version
	out = be.AppendUint16(out, 1) // one subtable
	out = be.AppendUint16(out, 3) // Windows
	out = be.AppendUint16(out, 1) // Unicode BMP
	out = be.AppendUint32(out, 12)
	out = be.AppendUint16(out, 4)
	out = be.AppendUint16(out, uint16(16+8*n))
	out = be.AppendUint16(out, 0) // language
	out = be.AppendUint16(out, uint16(2*n))
	out = be.AppendUint16(out, uint16(2<<sel))
	out = be.AppendUint16(out, uint16(sel))
	out = be.AppendUint16(out, uint16(2*n-2<<sel))
	for _, sg := range segs {
		out = be.AppendUint16(out, sg.end)
	}
	out = be.AppendUint16(out, 0) // reserved
	for _, sg := range segs {
		out = be.AppendUint16(out, sg.start)
	}
	for _, sg := range segs {
		out = be.AppendUint16(out, sg.delta)
	}
	for range segs {
		out = be.AppendUint16(out, 0) // idRangeOffset
	}
	return out
}

// sfntChecksum is the checksum of a table, or of a whole font.
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var w [4]byte
		copy(w[:], b)
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
