package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A line of the source after cleaning.
type line struct {
	n      int    // 1-based line number in the source
	text   string // cleaned: one space between words, no bullet
	raw    string // as in the source, for the "not placed" list
	bullet bool   // began with a bullet or a list number
}

// splitLines cleans text and cuts it into lines. Blank lines are kept
// (text ""), as they may end a paragraph.
func splitLines(text string) []line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\f", "\n")
	raw := strings.Split(text, "\n")
	out := make([]line, 0, len(raw))
	for i, r := range raw {
		t, bullet := cleanLine(r)
		out = append(out, line{n: i + 1, text: t, raw: strings.TrimSpace(strings.ToValidUTF8(r, "\uFFFD")), bullet: bullet})
	}
	return out
}

// bulletRunes start a list item when they begin a line.
const bulletRunes = "•·‣◦▪▫■□●○◆◇►▶➢➤✓✔→*-–—"

var listNumber = regexp.MustCompile(`^(\d{1,2}|[a-h])[.)]\s+`)

// cleanLine normalises one line: spaces of every kind become one space,
// invisible characters and symbol-font glyphs (the private use area, where
// PDFs put Wingdings bullets) go, and a leading bullet or list number is
// taken off and reported.
func cleanLine(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\u00ad', r == '\ufeff', r >= '\u200b' && r <= '\u200d', r == '\u2060', r == '\uFFFD':
		case r >= '\ue000' && r <= '\uf8ff':
			b.WriteString(" \u2022 ") // a symbol-font glyph: a bullet at the start, else a gap
		case unicode.IsSpace(r), unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	bullet := false
	for {
		r, size := utf8.DecodeRuneInString(t)
		if size == 0 || !strings.ContainsRune(bulletRunes, r) {
			break
		}
		// "-20 C" is no list item: a dash or star must stand apart.
		if strings.ContainsRune("-*–—", r) && !strings.HasPrefix(t[size:], " ") && len(t) > size {
			break
		}
		bullet = true
		t = strings.TrimSpace(t[size:])
	}
	t = strings.ReplaceAll(t, " \u2022 ", " ")
	t = strings.TrimSuffix(strings.TrimSpace(t), " \u2022")
	if !bullet {
		if m := listNumber.FindString(t); m != "" && len(t) > len(m)+3 && !looksLikeAddressNumber(t) {
			return t[len(m):], true
		}
	}
	return t, bullet
}

// looksLikeAddressNumber reports whether a line that starts like a list
// number ("8. Mai-Straße 3") is more likely part of an address.
func looksLikeAddressNumber(t string) bool {
	return hasStreetWord(t) || postcodeStart.MatchString(t)
}

// plainQuotes writes curly quotes as straight ones and takes off quotes
// around the whole value: for names, titles and address lines.
func plainQuotes(s string) string {
	s = strings.TrimSpace(quoteReplacer.Replace(s))
	for len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

var quoteReplacer = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "‛", "'", "“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‹", "'", "›", "'")

// trimField takes off the separators that surround a field in run-together
// text: commas, semicolons, a trailing full stop, "|" and a lone "I".
func trimField(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(strings.Trim(s, ",;|"))
		t = strings.TrimSuffix(t, " I")
		t = strings.TrimPrefix(t, "I ")
		for _, and := range []string{"and ", "et ", "und ", "& "} {
			if len(t) > len(and) && strings.EqualFold(t[:len(and)], and) {
				t = t[len(and):]
			}
		}
		if t == s {
			break
		}
		s = t
	}
	return s
}

// endsSentence reports whether a line ends a sentence or a list item.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, ` "'’”»)]`)
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;…", r)
}

// startsLower reports whether s begins with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isCaps reports whether s has letters and all of them are capitals.
func isCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// wordsOf splits s into words made of letters, digits, hyphens and apostrophes.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’')
	})
}

// fold lower-cases s and folds its spaces, for comparisons.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(plainQuotes(s)), " "))
}

// wrap breaks a paragraph into lines of at most width characters.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		l := utf8.RuneCountInString(w)
		if n > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// titleCase writes a name given in capitals as "Erzhan Kazykhanov":
// each part of a word between hyphens capitalised, and O'BRIEN as O'Brien.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(strings.ToLower(w), "-")
		for j, p := range parts {
			rs := []rune(p)
			if len(rs) == 0 {
				continue
			}
			rs[0] = unicode.ToTitle(rs[0])
			if len(rs) > 2 && (rs[1] == '\'' || rs[1] == '’') {
				rs[2] = unicode.ToTitle(rs[2])
			}
			parts[j] = string(rs)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}
