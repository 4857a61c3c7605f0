package pdf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
)

// Fallback says where the fonts come from for the characters that neither
// Liberation Serif nor Noto Naskh Arabic has: names in Chinese, Japanese,
// Korean, Devanagari and other scripts. Such characters are shaped and
// drawn in the fallback font, whose glyphs each document embeds as a
// subset. Without a fallback (the zero Fallback, and before SetFallback
// is called) they are unprintable.
type Fallback struct {
	// File is a TrueType font file (.ttf), tried first.
	File string
	// System looks, for the characters File lacks, for a TrueType font
	// installed on the system, with fontconfig (fc-match), once per
	// process.
	System bool
}

// fallbacks is the process's fallback fonts, as SetFallback set them.
type fallbacks struct {
	user   *glyphFace // Fallback.File, or nil
	system bool

	listOnce sync.Once
	list     []sysFont // fontconfig's fonts, best first for serif text

	mu     sync.Mutex
	byRune map[rune]*glyphFace   // nil: no font has it
	byFile map[string]*glyphFace // nil: unreadable
}

// fallbackFaces holds every fallback face made, face id at index id-1,
// so that a drawing op names its font by a small number.
var fallbackFaces struct {
	mu    sync.RWMutex
	faces []*glyphFace
}

// fallbackByID returns the fallback face of id.
func fallbackByID(id uint16) *glyphFace {
	fallbackFaces.mu.RLock()
	defer fallbackFaces.mu.RUnlock()
	return fallbackFaces.faces[id-1]
}

// sysFont is a font file fontconfig lists, with the characters it has.
type sysFont struct {
	file    string
	charset [][2]rune
}

func (f *sysFont) has(r rune) bool {
	for _, rg := range f.charset {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

var fallbackState atomic.Pointer[fallbacks]

// SetFallback sets the process's fallback fonts. It reads and checks
// fb.File at once; the system's fonts are looked up the first time a
// character needs one. Letters laid out before are not affected; call it
// before laying out any.
func SetFallback(fb Fallback) error {
	st := &fallbacks{system: fb.System, byRune: map[rune]*glyphFace{}, byFile: map[string]*glyphFace{}}
	if fb.File != "" {
		g, err := st.load(fb.File)
		if err != nil {
			return err
		}
		st.user = g
	}
	fallbackState.Store(st)
	shapeCache.clear()
	lineCache.clear()
	recodeCache.clear()
	return nil
}

// load reads a fallback font file: TrueType outlines only, which fpdf
// subsets.
func (st *fallbacks) load(file string) (*glyphFace, error) {
	ttf, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", file, unwrapPath(err))
	}
	if err := checkTrueType(ttf); err != nil {
		return nil, fmt.Errorf("font %s: %w", file, err)
	}
	g, err := newGlyphFace(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", file, err)
	}
	fallbackFaces.mu.Lock()
	if len(fallbackFaces.faces) >= 0xFFFF {
		fallbackFaces.mu.Unlock()
		return nil, fmt.Errorf("font %s: too many fonts read", file)
	}
	fallbackFaces.faces = append(fallbackFaces.faces, g)
	g.id = len(fallbackFaces.faces)
	fallbackFaces.mu.Unlock()
	st.byFile[file] = g
	return g, nil
}

// unwrapPath drops the path from an *os.PathError, which the caller names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// supportedFonts says which fonts a fallback can be.
const supportedFonts = "a TrueType font (.ttf, with glyf outlines) is needed"

// checkTrueType refuses, with a message that says what is needed, the
// font files fpdf cannot subset.
func checkTrueType(b []byte) error {
	if len(b) < 12 {
		return fmt.Errorf("not a font file; %s", supportedFonts)
	}
	switch binary.BigEndian.Uint32(b) {
	case 0x00010000, 0x74727565: // TrueType, 'true'
		return nil
	case 0x4F54544F: // 'OTTO'
		return fmt.Errorf("an OpenType font with PostScript (CFF) outlines, which appeal cannot embed; %s", supportedFonts)
	case 0x74746366: // 'ttcf'
		return fmt.Errorf("a font collection (.ttc), which appeal cannot embed; %s", supportedFonts)
	case 0x774F4646, 0x774F4632: // 'wOFF', 'wOF2'
		return fmt.Errorf("a web font (WOFF), which appeal cannot embed; %s", supportedFonts)
	}
	return fmt.Errorf("not a font file appeal can read; %s", supportedFonts)
}

// fallbackFace returns the fallback face that draws r, or nil: prev (the
// face of the character before) when it has r, so that a word stays in
// one font, else the first font that has it. The first call for a rune
// may look up the system's fonts; the answer is kept for the process.
func fallbackFace(r rune, prev *glyphFace) *glyphFace {
	st := fallbackState.Load()
	if st == nil {
		return nil
	}
	if prev != nil && prev.id > 0 && prev.has(r) {
		return prev
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if g, ok := st.byRune[r]; ok {
		return g
	}
	g := st.find(r)
	st.byRune[r] = g
	return g
}

// viaFallback returns the fallback face that draws r, which the embedded
// fonts lack, after a character drawn in prev: a combining mark only in
// the face of the letter before it.
func viaFallback(r rune, prev *glyphFace) *glyphFace {
	if unicode.Is(unicode.M, r) {
		if prev != nil && prev.id > 0 && prev.has(r) {
			return prev
		}
		return nil
	}
	return fallbackFace(r, prev)
}

// find is fallbackFace's lookup; st.mu is held.
func (st *fallbacks) find(r rune) *glyphFace {
	if st.user != nil && st.user.has(r) {
		return st.user
	}
	if !st.system {
		return nil
	}
	st.listOnce.Do(func() { st.list = systemFonts() })
	for i := range st.list {
		f := &st.list[i]
		if !f.has(r) {
			continue
		}
		g, ok := st.byFile[f.file]
		if !ok {
			var err error
			if g, err = st.load(f.file); err != nil {
				st.byFile[f.file] = nil
				continue
			}
		}
		if g != nil && g.has(r) {
			return g
		}
	}
	return nil
}

// systemFonts lists the TrueType fonts installed on the system, best
// first for serif text, with fontconfig; none if it is not installed.
// fontconfig puts the fonts it does not know as serif (Noto Serif
// Devanagari) in no order of style: those whose family says Serif come
// first.
func systemFonts() []sysFont {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-match", "--all", "--format", `%{file}\t%{fontformat}\t%{index}\t%{charset}\t%{family}\n`, "serif").Output()
	if err != nil {
		return nil
	}
	return parseFontList(out)
}

// parseFontList reads fc-match's lines of file, format, index in the
// file, charset ("20-7e a0 …" in hex) and family, keeping single TrueType
// fonts, those of a Serif family first.
func parseFontList(out []byte) []sysFont {
	var fonts, sans []sysFont
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 || f[1] != "TrueType" || f[2] != "0" || !strings.EqualFold(filepath.Ext(f[0]), ".ttf") {
			continue
		}
		sf := sysFont{file: f[0]}
		for rg := range strings.FieldsSeq(f[3]) {
			lo, hi, ok := strings.Cut(rg, "-")
			if !ok {
				hi = lo
			}
			a, err1 := strconv.ParseUint(lo, 16, 32)
			b, err2 := strconv.ParseUint(hi, 16, 32)
			if err1 == nil && err2 == nil && a <= 0xFFFF {
				sf.charset = append(sf.charset, [2]rune{rune(a), rune(min(b, 0xFFFF))})
			}
		}
		if strings.Contains(f[4], "Serif") {
			fonts = append(fonts, sf)
		} else {
			sans = append(sans, sf)
		}
	}
	return append(fonts, sans...)
}
