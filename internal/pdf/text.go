package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean makes s safe for fpdf and for the layout: invalid UTF-8 and runes
// above U+FFFF (which fpdf cannot encode) become U+FFFD, control
// characters and line breaks become spaces, invisible format characters
// (soft hyphen, zero-width space and joiners, bidi controls, BOM) are
// dropped, and runes outside the embedded subset of the fonts are replaced
// (see fallback), but for Arabic letters, which the Arabic font draws
// (ZWNJ and ZWJ stay in text with Arabic in it), and the characters a
// fallback font draws (see Fallback). No-break spaces stay what they are (U+00A0, U+202F; the
// figure space U+2007 becomes U+00A0), so that lines do not break at them.
// Text that needs none of this is returned as is, without allocating.
func clean(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7F:
			i++
			continue
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			if kept.has(rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)) {
				i += 2
				continue
			}
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Overlong forms and surrogates are not in kept.
			if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && kept.has(r) {
				i += 3
				continue
			}
		}
		break
	}
	if i == len(s) {
		return s
	}
	// Arabic and Persian texts all come this way; the case's texts are the
	// same in every letter of a batch, and recoding them was a quarter of
	// a Persian letter's time.
	return recodeCache.get(s, func() string { return recode(s) })
}

// recode is clean for text that needs changing.
func recode(s string) string {
	// Compose what can be composed (e + U+0301 is é, which the fonts have).
	s = norm.NFC.String(s)
	arabic := hasArabic(s)
	var b strings.Builder
	b.Grow(len(s))
	var prev *glyphFace // the fallback font of the character before
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		g := prev
		prev = nil
		switch k := keep(r, n); {
		case arabic && (r == 0x200C || r == 0x200D): // ZWNJ and ZWJ, which Persian writes
			b.WriteRune(r)
		case k < 0:
			prev = g
		case subset.has(k), arabic && arabicPrintable(k):
			b.WriteRune(k)
		case !printsAs(k):
			if prev = viaFallback(k, g); prev != nil {
				b.WriteRune(k)
				break
			}
			fallthrough
		default:
			b.WriteString(fallback(k))
		}
	}
	return b.String()
}

// kept are the runes of the subset above U+007F that clean keeps as they
// are.
var kept = func() *charset {
	var c charset
	for _, rg := range subsetRanges {
		for r := max(rg[0], 0x80); r <= rg[1]; r++ {
			if keep(r, utf8.RuneLen(r)) == r {
				c[r/64] |= 1 << (r % 64)
			}
		}
	}
	return &c
}()

// fallback returns what to write for r, which the embedded fonts lack: a
// combining mark is dropped (the letter stays); a rune whose compatibility
// decomposition the fonts have becomes that, less any marks (ễ is e, ﬀ is
// ff, ① is 1, a full-width Ａ is A); anything else becomes U+FFFD, which
// the PDF draws with the font's .notdef glyph, a box, and which text
// extraction gives back as U+FFFD.
func fallback(r rune) string {
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return ""
	}
	d := norm.NFKD.String(string(r))
	out := make([]rune, 0, len(d))
	for _, c := range d {
		switch {
		case subset.has(c):
			out = append(out, c)
		case !unicode.In(c, unicode.Mn, unicode.Me):
			return "\uFFFD"
		}
	}
	if len(out) == 0 {
		return "\uFFFD"
	}
	return string(out)
}

// keep returns what to write for rune r (n bytes long in the input): r
// itself, a replacement, or -1 to drop it.
func keep(r rune, n int) rune {
	switch {
	case r == utf8.RuneError && n <= 1: // invalid UTF-8
		return '\uFFFD'
	case r > 0xFFFF:
		return '\uFFFD'
	case r < 0x20 || r == 0x85 || r == 0x2028 || r == 0x2029:
		return ' '
	case r == 0x2011: // non-breaking hyphen, not in Liberation; lines never break at hyphens anyway
		return 0x2010
	case r == 0x2007: // figure space, not in the subset: a no-break space still
		return 0xA0
	case r == 0x7F || (r >= 0x80 && r < 0xA0):
		return -1
	case r == 0xAD || (r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) ||
		(r >= 0x2060 && r <= 0x2064) || r == 0xFEFF:
		return -1
	}
	return r
}

// noBreak reports whether r is a space that a line must not break at: the
// no-break space U+00A0 (between postcode and town, in "14 марта") and the
// narrow no-break space U+202F (in "1 500 км").
func noBreak(r rune) bool { return r == 0xA0 || r == 0x202F }

// wrap breaks s into lines no wider than maxW mm at size pt, at plain
// spaces only, never at a no-break space. A word wider than a line is
// broken between characters, next to a no-break space only when there is
// no other place. The lines are substrings of s.
func wrap(fc *face, s string, size, maxW float64) []string {
	maxU := int(maxW * 1000 / (size * ptMM)) // line width in 1/1000 em
	if fc.units(s) <= maxU {
		return []string{s}
	}
	space := fc.runeUnits(' ')
	var lines []string
	start, end, u := -1, -1, 0 // current line s[start:end], its width
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		j := i + strings.IndexByte(s[i:], ' ')
		if j < i {
			j = len(s)
		}
		wu := fc.units(s[i:j])
		switch {
		case start >= 0 && u+space+wu <= maxU:
			end, u = j, u+space+wu
		case wu <= maxU:
			if start >= 0 {
				lines = append(lines, s[start:end])
			}
			start, end, u = i, j, wu
		default:
			// Break an over-long word (a URL, a long number) between characters.
			if start >= 0 {
				lines = append(lines, s[start:end])
			}
			start, u = i, 0
			brk, prev := -1, rune(-1) // the last place the line may break; the rune before k
			for k, r := range s[i:j] {
				k += i
				ru := fc.runeUnits(r)
				for u > 0 && u+ru > maxU {
					at := k
					if (noBreak(prev) || noBreak(r)) && brk > start {
						at = brk
					}
					lines = append(lines, s[start:at])
					start, u, brk = at, fc.units(s[at:k]), -1
				}
				if k > start && !noBreak(prev) && !noBreak(r) {
					brk = k
				}
				u += ru
				prev = r
			}
			end = j
		}
		i = j
	}
	if start >= 0 {
		lines = append(lines, s[start:end])
	}
	if len(lines) == 0 {
		lines = append(lines, "")
	}
	return lines
}
