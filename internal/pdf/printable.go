package pdf

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Unprintable lists, once each and in order, the characters of s that a
// letter cannot print as written: those the embedded fonts lack (Chinese,
// Devanagari, emoji …; Arabic and Persian letters print) unless a fallback
// font has them (see SetFallback), letters that would lose a diacritic
// (Vietnamese ễ would become e), and combining marks that compose with no
// letter before them. What the layout leaves out on purpose (soft hyphens,
// zero-width and bidi controls) and what it prints as an equivalent
// (a decomposed é, ﬀ, a full-width Ａ) are printable. Case files and
// writers' rows are checked with it, so that no name is printed with a
// hole in it.
func Unprintable(s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	s = norm.NFC.String(s)
	var prev *glyphFace // the fallback font of the character before
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		k := keep(r, n)
		if k < 0 {
			continue
		}
		g := prev
		prev = nil
		if subset.has(k) || k == ' ' || arabicPrintable(k) || printsAs(k) {
			continue
		}
		if prev = viaFallback(k, g); prev != nil || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}

// printsAs reports whether r, which the fonts lack, prints as its
// compatibility equivalent without losing a mark (ﬀ as ff, Ａ as A).
func printsAs(r rune) bool {
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return false // a mark with no letter to compose with
	}
	d := norm.NFKD.String(string(r))
	if d == string(r) {
		return false
	}
	for _, c := range d {
		if !subset.has(c) {
			return false
		}
	}
	return true
}
