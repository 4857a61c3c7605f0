package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"appeal/internal/doc"
	"appeal/internal/pdf"
)

// object is a PDF object as Write lays it out: a dictionary, and a stream,
// inflated if it was compressed.
type object struct {
	dict   string
	stream []byte
}

var objRE = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`)

// objects reads the objects of a PDF made by Write.
func objects(t *testing.T, data []byte) map[int]object {
	t.Helper()
	objs := map[int]object{}
	for _, m := range objRE.FindAllSubmatch(data, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		dict, stream, ok := bytes.Cut(m[2], []byte("stream\n"))
		o := object{dict: string(dict)}
		if ok {
			stream = bytes.TrimSuffix(bytes.TrimSuffix(stream, []byte("endstream")), []byte("\n"))
			if strings.Contains(o.dict, "/FlateDecode") {
				zr, err := zlib.NewReader(bytes.NewReader(stream))
				if err != nil {
					t.Fatalf("object %d: %v", n, err)
				}
				if stream, err = io.ReadAll(zr); err != nil {
					t.Fatalf("object %d: %v", n, err)
				}
			}
			o.stream = stream
		}
		objs[n] = o
	}
	return objs
}

// ref returns the object that key refers to in dict.
func ref(t *testing.T, objs map[int]object, dict, key string) object {
	t.Helper()
	m := regexp.MustCompile(key + ` (\d+) 0 R`).FindStringSubmatch(dict)
	if m == nil {
		t.Fatalf("no %s in %q", key, dict)
	}
	n, _ := strconv.Atoi(m[1])
	return objs[n]
}

// subsetFont is what a PDF embeds of one font.
type subsetFont struct {
	name    string
	widths  map[rune]int // per /W
	cidToGI []byte       // the CIDToGIDMap
	program []byte       // the TrueType font program
}

// embeddedFonts returns the fonts a PDF made by Write embeds.
func embeddedFonts(t *testing.T, data []byte) []subsetFont {
	t.Helper()
	objs := objects(t, data)
	var fonts []subsetFont
	keys := make([]int, 0, len(objs))
	for n := range objs {
		keys = append(keys, n)
	}
	slices.Sort(keys)
	for _, n := range keys {
		cid := objs[n]
		if !strings.Contains(cid.dict, "/Subtype /CIDFontType2") {
			continue
		}
		f := subsetFont{name: regexp.MustCompile(`/BaseFont /(\S+)`).FindStringSubmatch(cid.dict)[1], widths: map[rune]int{}}
		desc := ref(t, objs, cid.dict, "/FontDescriptor")
		f.program = ref(t, objs, desc.dict, "/FontFile2").stream
		f.cidToGI = ref(t, objs, cid.dict, "/CIDToGIDMap").stream
		w := regexp.MustCompile(`/W \[(.*?)\]\]`).FindStringSubmatch(cid.dict)
		if w == nil {
			t.Fatalf("no /W in %q", cid.dict)
		}
		for _, run := range regexp.MustCompile(`(\d+) \[([\d ]+)`).FindAllStringSubmatch(w[1], -1) {
			first, _ := strconv.Atoi(run[1])
			for i, s := range strings.Fields(run[2]) {
				f.widths[rune(first+i)], _ = strconv.Atoi(s)
			}
		}
		fonts = append(fonts, f)
	}
	return fonts
}

// runesOf returns the runes of the letter's text.
func runesOf(l doc.Letter) map[rune]bool {
	all := slices.Concat(l.Sender, l.Recipient, l.Signature,
		[]string{l.ReturnLine, l.Date, l.Subject, l.Salutation, l.Closing, l.CopyTo})
	for _, b := range l.Body {
		all = append(all, b.Marker, b.Text)
	}
	set := map[rune]bool{}
	for _, s := range all {
		for _, r := range s {
			set[r] = true
		}
	}
	return set
}

// TestFontSubsets checks the fonts a letter embeds: sound TrueType
// programs, without hints, with the glyphs of only the runes it uses, and
// each rune's glyph as wide as the PDF says.
func TestFontSubsets(t *testing.T) {
	be := binary.BigEndian
	for _, tc := range []struct {
		name   string
		letter doc.Letter
	}{{"english", english()}, {"kazakh", kazakh()}} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := pdf.Write(&buf, pdf.Options{}, tc.letter); err != nil {
				t.Fatal(err)
			}
			fonts := embeddedFonts(t, buf.Bytes())
			if len(fonts) != 2 {
				t.Fatalf("%d fonts, want 2", len(fonts))
			}
			used := runesOf(tc.letter)
			for _, f := range fonts {
				if !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif(-Bold)?$`).MatchString(f.name) {
					t.Errorf("font name %q, want a subset of Liberation Serif", f.name)
				}
				tables := checkSfnt(t, f.name, f.program)
				if tables == nil {
					continue
				}
				glyphs := int(be.Uint16(tables["maxp"][4:]))
				upem := int(be.Uint16(tables["head"][18:]))
				nhm := int(be.Uint16(tables["hhea"][34:]))
				// The glyphs are those of the runes, their components and .notdef.
				reached := map[int]bool{0: true}
				for r := range f.widths {
					if 2*int(r)+1 < len(f.cidToGI) {
						reached[int(be.Uint16(f.cidToGI[2*r:]))] = true
					}
				}
				for todo := slices.Collect(maps.Keys(reached)); len(todo) > 0; {
					g := todo[len(todo)-1]
					todo = todo[:len(todo)-1]
					for _, c := range components(tables, g) {
						if !reached[c] {
							reached[c] = true
							todo = append(todo, c)
						}
					}
				}
				if len(reached) != glyphs {
					t.Errorf("%s: %d glyphs, %d of them for the runes used", f.name, glyphs, len(reached))
				}
				for r, w := range f.widths {
					if !used[r] {
						t.Errorf("%s: width for %q, which the letter does not use", f.name, r)
					}
					if 2*int(r)+1 >= len(f.cidToGI) {
						t.Errorf("%s: %q not in the CIDToGIDMap", f.name, r)
						continue
					}
					g := int(be.Uint16(f.cidToGI[2*r:]))
					if g == 0 || g >= glyphs {
						t.Errorf("%s: %q is glyph %d of %d", f.name, r, g, glyphs)
						continue
					}
					adv := int(be.Uint16(tables["hmtx"][4*min(g, nhm-1):]))
					if got := (adv*1000 + upem/2) / upem; got != w {
						t.Errorf("%s: %q: glyph %d is %d wide, /W says %d", f.name, r, g, got, w)
					}
				}
			}
		})
	}
}

// checkSfnt checks a TrueType font program and returns its tables.
func checkSfnt(t *testing.T, name string, ttf []byte) map[string][]byte {
	t.Helper()
	be := binary.BigEndian
	sum := func(b []byte) (s uint32) {
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:])
			s += be.Uint32(w[:])
		}
		return s
	}
	if len(ttf) < 12 || be.Uint32(ttf) != 0x00010000 {
		t.Errorf("%s: not a TrueType font", name)
		return nil
	}
	n := int(be.Uint16(ttf[4:]))
	tables := map[string][]byte{}
	var tags []string
	for i := range n {
		rec := ttf[12+16*i:]
		tag, off, size := string(rec[:4]), int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off%4 != 0 || off+size > len(ttf) {
			t.Errorf("%s: table %q at %d, %d bytes", name, tag, off, size)
			return nil
		}
		data := ttf[off : off+size]
		if tag == "head" {
			data = slices.Clone(data)
			be.PutUint32(data[8:], 0)
		}
		if got := sum(data); got != be.Uint32(rec[4:]) {
			t.Errorf("%s: table %q checksum %#x, directory says %#x", name, tag, got, be.Uint32(rec[4:]))
		}
		tables[tag] = ttf[off : off+size]
		tags = append(tags, tag)
	}
	if !slices.IsSorted(tags) {
		t.Errorf("%s: tables %q not in order", name, tags)
	}
	for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		if tables[tag] == nil {
			t.Errorf("%s: no %q table", name, tag)
			return nil
		}
	}
	for _, tag := range []string{"fpgm", "prep", "cvt "} {
		if tables[tag] != nil {
			t.Errorf("%s: hints (%q) kept", name, tag)
		}
	}
	if got := sum(ttf); got != 0xB1B0AFBA {
		t.Errorf("%s: font checksum %#x, want 0xB1B0AFBA", name, got)
	}
	glyphs := int(be.Uint16(tables["maxp"][4:]))
	if nhm := int(be.Uint16(tables["hhea"][34:])); nhm < 1 || nhm > glyphs || len(tables["hmtx"]) < 4*nhm+2*(glyphs-nhm) {
		t.Errorf("%s: %d metrics for %d glyphs in %d bytes", name, nhm, glyphs, len(tables["hmtx"]))
	}
	// Every glyph: inside glyf, no instructions, components that exist.
	long := be.Uint16(tables["head"][50:]) == 1
	loca, glyf := tables["loca"], tables["glyf"]
	at := func(g int) int {
		if long {
			return int(be.Uint32(loca[4*g:]))
		}
		return 2 * int(be.Uint16(loca[2*g:]))
	}
	if len(loca) < (glyphs+1)*map[bool]int{false: 2, true: 4}[long] {
		t.Errorf("%s: loca too short", name)
		return nil
	}
	for g := range glyphs {
		start, end := at(g), at(g+1)
		if start > end || end > len(glyf) {
			t.Errorf("%s: glyph %d at %d to %d of %d", name, g, start, end, len(glyf))
			return nil
		}
		data := glyf[start:end]
		if len(data) == 0 {
			continue
		}
		if n := int(int16(be.Uint16(data))); n >= 0 {
			if il := be.Uint16(data[10+2*n:]); il != 0 {
				t.Errorf("%s: glyph %d: %d bytes of instructions", name, g, il)
			}
			continue
		}
		for p, more := 10, true; more; {
			flags, c := be.Uint16(data[p:]), int(be.Uint16(data[p+2:]))
			if flags&0x0100 != 0 {
				t.Errorf("%s: glyph %d: WE_HAVE_INSTRUCTIONS", name, g)
			}
			if c >= glyphs {
				t.Errorf("%s: glyph %d: component %d of %d glyphs", name, g, c, glyphs)
			}
			p += 4 + componentArgs(flags)
			more = flags&0x20 != 0
		}
	}
	return tables
}

// components returns the components of glyph g, if it is a composite.
func components(tables map[string][]byte, g int) []int {
	be := binary.BigEndian
	loca, glyf := tables["loca"], tables["glyf"]
	at := func(g int) int {
		if be.Uint16(tables["head"][50:]) == 1 {
			return int(be.Uint32(loca[4*g:]))
		}
		return 2 * int(be.Uint16(loca[2*g:]))
	}
	data := glyf[at(g):at(g+1)]
	if len(data) == 0 || int16(be.Uint16(data)) >= 0 {
		return nil
	}
	var cs []int
	for p, more := 10, true; more; {
		flags := be.Uint16(data[p:])
		cs = append(cs, int(be.Uint16(data[p+2:])))
		p += 4 + componentArgs(flags)
		more = flags&0x20 != 0
	}
	return cs
}

// componentArgs is the length of a component's arguments and transform.
func componentArgs(flags uint16) int {
	n := 2
	if flags&1 != 0 {
		n = 4
	}
	switch {
	case flags&0x08 != 0:
		n += 2
	case flags&0x40 != 0:
		n += 4
	case flags&0x80 != 0:
		n += 8
	}
	return n
}
